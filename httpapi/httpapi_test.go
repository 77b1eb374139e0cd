package httpapi

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// newTestHandler serves a GraphQL stand-in that counts the requests that
// reach it and echoes their bodies.
func newTestHandler(t *testing.T, ready error) (http.Handler, *int) {
	t.Helper()
	reached := 0
	gql := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached++
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Seen-Request-Id", RequestID(r.Context()))
		_, _ = w.Write(body)
	})
	h := NewHandler(Config{MaxBodyBytes: 1024, Timeout: time.Second, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))},
		gql, func(context.Context) error { return ready })
	return h, &reached
}

func TestRequestIDs(t *testing.T) {
	h, _ := newTestHandler(t, nil)
	for _, tc := range []struct{ sent, want string }{
		{"abc-123", "abc-123"},
		{"", ""},
		{"bad id with spaces\n", ""},
	} {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{}`))
		if tc.sent != "" {
			req.Header.Set("X-Request-Id", tc.sent)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		got := rec.Header().Get("X-Request-Id")
		if got == "" || rec.Header().Get("X-Seen-Request-Id") != got || (tc.want != "" && got != tc.want) || strings.ContainsAny(got, " \n") {
			t.Errorf("request id for %q = %q (seen %q), want %q or a fresh one", tc.sent, got, rec.Header().Get("X-Seen-Request-Id"), tc.want)
		}
	}
}

func TestBoundaries(t *testing.T) {
	cases := []struct {
		name    string
		req     func() *http.Request
		status  int
		reached bool
	}{
		{"mutation over GET", func() *http.Request {
			return httptest.NewRequest(http.MethodGet, "/graphql?"+url.Values{"query": {"mutation { x }"}}.Encode(), nil)
		}, http.StatusMethodNotAllowed, false},
		{"query over GET", func() *http.Request {
			return httptest.NewRequest(http.MethodGet, "/graphql?"+url.Values{"query": {"{ x }"}}.Encode(), nil)
		}, http.StatusOK, true},
		{"named mutation chosen over GET", func() *http.Request {
			q := url.Values{"query": {"query A { x } mutation B { y }"}, "operationName": {"B"}}
			return httptest.NewRequest(http.MethodGet, "/graphql?"+q.Encode(), nil)
		}, http.StatusMethodNotAllowed, false},
		{"body over the limit, with its length", func() *http.Request {
			return httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(strings.Repeat("x", 2000)))
		}, http.StatusRequestEntityTooLarge, false},
		{"body over the limit, chunked", func() *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/graphql", io.NopCloser(strings.NewReader(strings.Repeat("x", 2000))))
			r.ContentLength = -1
			return r
		}, http.StatusRequestEntityTooLarge, false},
		{"body within the limit", func() *http.Request {
			return httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ x }"}`))
		}, http.StatusOK, true},
		{"GraphiQL outside development", func() *http.Request { return httptest.NewRequest(http.MethodGet, "/", nil) }, http.StatusNotFound, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h, reached := newTestHandler(t, nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, tc.req())
			if rec.Code != tc.status || (*reached > 0) != tc.reached {
				t.Errorf("status %d, reached %v; want %d, %v (body %s)", rec.Code, *reached > 0, tc.status, tc.reached, rec.Body)
			}
			if rec.Code >= 400 && rec.Code != http.StatusNotFound && !strings.Contains(rec.Body.String(), `"code"`) {
				t.Errorf("refusal without extensions.code: %s", rec.Body)
			}
		})
	}
}

func TestReadiness(t *testing.T) {
	for _, tc := range []struct {
		ready  error
		status int
	}{{nil, http.StatusOK}, {errors.New("loading the matching index"), http.StatusServiceUnavailable}} {
		h, _ := newTestHandler(t, tc.ready)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
		if rec.Code != tc.status {
			t.Errorf("readyz with %v = %d, want %d", tc.ready, rec.Code, tc.status)
		}
	}
}
