package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// serve builds the handler around gql with cfg, logging into logs.
func serve(t *testing.T, cfg Config, gql http.Handler, logs io.Writer) http.Handler {
	t.Helper()
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = 1 << 16
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 5 * time.Second
	}
	if logs == nil {
		logs = io.Discard
	}
	cfg.Logger = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return NewHandler(cfg, gql, func(context.Context) error { return nil })
}

func ok() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, `{"data":{}}`) })
}

func post(body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	return r
}

func TestCORS(t *testing.T) {
	cases := []struct {
		name    string
		origins []string
		origin  string
		allowed bool
	}{
		{"no origins configured refuses every origin", nil, "https://evil.example", false},
		{"listed origin", []string{"https://council.example"}, "https://council.example", true},
		{"unlisted origin", []string{"https://council.example"}, "https://evil.example", false},
		{"a star is never passed on", []string{"*"}, "https://evil.example", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := serve(t, Config{CORSOrigins: tc.origins}, ok(), nil)
			pre := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
			pre.Header.Set("Origin", tc.origin)
			pre.Header.Set("Access-Control-Request-Method", "POST")
			pre.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
			p := post(`{"query":"{ x }"}`)
			p.Header.Set("Origin", tc.origin)
			for _, req := range []*http.Request{pre, p} {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				got := rec.Header().Get("Access-Control-Allow-Origin")
				if (got != "") != tc.allowed || got == "*" {
					t.Errorf("%s from %s: Access-Control-Allow-Origin %q, want allowed=%v", req.Method, tc.origin, got, tc.allowed)
				}
			}
		})
	}
}

// The canary stands for personal data in a body; it must never reach a log
// or be echoed back.
const canary = "Zebedee Canary-Quill"

func TestBadBodiesAreNotLogged(t *testing.T) {
	bodies := map[string]string{
		"trailing comma":      `{"query":"query { person(id: \"p1\") { name } }","variables":{"name":"` + canary + `","email":"zq@example.org"},}`,
		"variables as a list": `{"query":"mutation { x }","variables":["` + canary + `","zq@example.org"]}`,
		"batched array":       `[{"query":"{ x }","variables":{"name":"` + canary + `"}},{"query":"{ y }"}]`,
		"query as a number":   `{"query":12,"variables":{"name":"` + canary + `"}}`,
		"not JSON at all":     `name=` + canary,
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			var logs bytes.Buffer
			reached := false
			h := serve(t, Config{}, http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached = true }), &logs)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, post(body))
			if rec.Code != http.StatusBadRequest || reached || !strings.Contains(rec.Body.String(), "BAD_USER_INPUT") {
				t.Errorf("status %d, reached %v, body %s; want 400 BAD_USER_INPUT before GraphQL", rec.Code, reached, rec.Body)
			}
			for _, secret := range []string{canary, "zq@example.org"} {
				if strings.Contains(logs.String(), secret) || strings.Contains(rec.Body.String(), secret) {
					t.Errorf("%q leaked: log %s response %s", secret, logs.String(), rec.Body)
				}
			}
			if !strings.Contains(logs.String(), `"bytes":`) || !strings.Contains(logs.String(), `"reason":`) {
				t.Errorf("log %s does not give the size and reason", logs.String())
			}
		})
	}
}

func TestRateLimit(t *testing.T) {
	var rejected atomic.Int64
	h := serve(t, Config{RatePerSecond: 0.5, RateBurst: 2, Rejected: func(string) { rejected.Add(1) },
		ClientKey: func(r *http.Request) string { return r.Header.Get("X-Client") }}, ok(), nil)
	send := func(client string) *httptest.ResponseRecorder {
		req := post(`{"query":"{ x }"}`)
		req.Header.Set("X-Client", client)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for i := range 2 {
		if rec := send("a"); rec.Code != http.StatusOK {
			t.Fatalf("request %d within the burst: %d", i, rec.Code)
		}
	}
	rec := send("a")
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "RATE_LIMITED") {
		t.Fatalf("over the rate: %d %s, want 429 RATE_LIMITED", rec.Code, rec.Body)
	}
	if s, err := strconv.Atoi(rec.Header().Get("Retry-After")); err != nil || s < 1 || s > 2 {
		t.Errorf("Retry-After %q, want 1-2 seconds", rec.Header().Get("Retry-After"))
	}
	if rec := send("b"); rec.Code != http.StatusOK {
		t.Errorf("another client was limited too: %d", rec.Code)
	}
	if rejected.Load() != 1 {
		t.Errorf("rejections counted %d, want 1", rejected.Load())
	}
}

func TestLimiterForgetsIdleClients(t *testing.T) {
	l := newLimiter(10, 5)
	now := time.Unix(0, 0)
	l.Now = func() time.Time { return now }
	for i := range 100 {
		l.allow(strconv.Itoa(i))
	}
	now = now.Add(time.Minute)
	l.allow("late")
	if len(l.per) != 1 {
		t.Errorf("limiter keeps %d clients after they went idle, want 1", len(l.per))
	}
}

func TestShedding(t *testing.T) {
	release := make(chan struct{})
	var started sync.WaitGroup
	started.Add(1)
	var once sync.Once
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(started.Done)
		<-release
		_, _ = io.WriteString(w, `{"data":{}}`)
	})
	h := serve(t, Config{MaxInFlight: 1, QueueWait: 20 * time.Millisecond}, slow, nil)
	first := make(chan int)
	go func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, post(`{"query":"{ x }"}`))
		first <- rec.Code
	}()
	started.Wait()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, post(`{"query":"{ x }"}`))
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), "OVERLOADED") {
		t.Errorf("while saturated: %d %q %s, want 503 OVERLOADED with Retry-After", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
	}
	close(release)
	if code := <-first; code != http.StatusOK {
		t.Errorf("the admitted request got %d", code)
	}
}

// readCounter counts reads of a request body.
type readCounter struct {
	io.Reader
	reads *atomic.Int64
}

func (r readCounter) Read(p []byte) (int, error) {
	r.reads.Add(1)
	return r.Reader.Read(p)
}

// TestShedBeforeAnything: with every slot taken and no queue wait, a
// request is refused at once, before it is authenticated, rate limited or
// its body read, and the refusal is the same valid GraphQL error as ever.
func TestShedBeforeAnything(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{})
	var once sync.Once
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(started) })
		<-release
		_, _ = io.WriteString(w, `{"data":{}}`)
	})
	var authenticated, refusals atomic.Int64
	h := serve(t, Config{MaxInFlight: 1, RatePerSecond: 1000, RateBurst: 1000,
		Rejected: func(reason string) {
			if reason == "overload" {
				refusals.Add(1)
			}
		},
		Authenticate: func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				authenticated.Add(1)
				next.ServeHTTP(w, r)
			})
		}}, slow, nil)
	first := make(chan int)
	go func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, post(`{"query":"{ x }"}`))
		first <- rec.Code
	}()
	<-started
	var reads atomic.Int64
	req := post(`{"query":"{ x }"}`)
	req.Body = io.NopCloser(readCounter{Reader: strings.NewReader(`{"query":"{ x }"}`), reads: &reads})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out struct {
		Errors []struct {
			Extensions struct{ Code string }
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || len(out.Errors) != 1 || out.Errors[0].Extensions.Code != "OVERLOADED" ||
		rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != "1" || rec.Header().Get("Content-Type") != "application/json" {
		t.Errorf("while saturated: %d %v %q, want 503 OVERLOADED as JSON with Retry-After", rec.Code, rec.Header(), rec.Body)
	}
	if reads.Load() != 0 || authenticated.Load() != 1 || refusals.Load() != 1 {
		t.Errorf("the refused request: body read %d times, %d requests authenticated, %d refusals counted; want 0, 1 (the admitted one), 1",
			reads.Load(), authenticated.Load(), refusals.Load())
	}
	close(release)
	if code := <-first; code != http.StatusOK {
		t.Errorf("the admitted request got %d", code)
	}
}

// TestStoppedWhileQueued: a request that waits for a slot and whose
// context ends meanwhile ran nothing, and its answer says so; an empty
// 200 would pass for success.
func TestStoppedWhileQueued(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	started := make(chan struct{})
	var once sync.Once
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(started) })
		<-release
	})
	h := serve(t, Config{MaxInFlight: 1, QueueWait: time.Minute}, slow, nil)
	go h.ServeHTTP(httptest.NewRecorder(), post(`{"query":"{ x }"}`))
	<-started
	for _, tc := range []struct {
		cause error
		code  string
	}{{Unavailable, "UNAVAILABLE"}, {context.DeadlineExceeded, "TIMEOUT"}} {
		ctx, cancel := context.WithCancelCause(context.Background())
		time.AfterFunc(10*time.Millisecond, func() { cancel(tc.cause) })
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, post(`{"query":"{ x }"}`).WithContext(ctx))
		if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), `"code":"`+tc.code+`"`) {
			t.Errorf("stopped while queued (%v): %d %q, want 503 %s", tc.cause, rec.Code, rec.Body, tc.code)
		}
	}
}

func TestBreaker(t *testing.T) {
	var down atomic.Bool
	down.Store(true)
	var reached atomic.Int64
	gql := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
		if down.Load() {
			SetStatus(r.Context(), http.StatusServiceUnavailable)
		}
		_, _ = io.WriteString(w, `{"errors":[{"message":"down","extensions":{"code":"UNAVAILABLE"}}]}`)
	})
	b := &Breaker{Interval: 10 * time.Millisecond, Probe: func(context.Context) error {
		if down.Load() {
			return errors.New("down")
		}
		return nil
	}}
	h := serve(t, Config{Breaker: b}, gql, nil)
	send := func() *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, post(`{"query":"{ x }"}`))
		return rec
	}
	if rec := send(); rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("database down: %d %q, want 503 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
	}
	for range 5 {
		if rec := send(); rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "UNAVAILABLE") {
			t.Fatalf("breaker open: %d %s", rec.Code, rec.Body)
		}
	}
	if reached.Load() != 1 {
		t.Errorf("%d requests reached GraphQL while the breaker was open, want only the first", reached.Load())
	}
	down.Store(false)
	deadline := time.Now().Add(5 * time.Second)
	for b.Open() && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if rec := send(); rec.Code != http.StatusOK {
		t.Errorf("after the database came back: %d, want 200", rec.Code)
	}
}

// A 503 from a replica that is only busy (its pooled connections all taken)
// must not open the breaker when the database can still be reached; when it
// cannot, the breaker opens.
func TestBreakerConfirmsBeforeOpening(t *testing.T) {
	var reachable atomic.Bool
	reachable.Store(true)
	var confirms atomic.Int64
	gql := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		SetStatus(r.Context(), http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, `{"errors":[{"message":"busy","extensions":{"code":"UNAVAILABLE"}}]}`)
	})
	b := &Breaker{Interval: 20 * time.Millisecond, Probe: func(context.Context) error { return nil },
		Confirm: func(context.Context) error {
			confirms.Add(1)
			if reachable.Load() {
				return nil
			}
			return errors.New("connection refused")
		}}
	h := serve(t, Config{Breaker: b}, gql, nil)
	for range 20 {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, post(`{"query":"{ x }"}`))
		if strings.Contains(rec.Body.String(), "cannot be reached") {
			t.Fatalf("a busy replica refused a request as if the database were down: %s", rec.Body)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for confirms.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	if confirms.Load() == 0 || b.Open() {
		t.Fatalf("after 503s from a reachable database: %d checks, open %v; want a check and the breaker closed", confirms.Load(), b.Open())
	}
	reachable.Store(false)
	for !b.Open() && time.Now().Before(deadline) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, post(`{"query":"{ x }"}`))
		time.Sleep(5 * time.Millisecond)
	}
	if !b.Open() {
		t.Fatal("the database cannot be reached and a response ended 503, but the breaker stayed closed")
	}
}

func TestReadinessSaysNoMore(t *testing.T) {
	h := NewHandler(Config{MaxBodyBytes: 1024, Timeout: time.Second, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, ok(),
		func(context.Context) error { return errors.New("dial tcp 10.1.2.3:7687: connection refused") })
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if rec.Code != http.StatusServiceUnavailable || strings.Contains(rec.Body.String(), "10.1.2.3") || strings.TrimSpace(rec.Body.String()) != `{"status":"not ready"}` {
		t.Errorf("readyz = %d %s, want 503 {\"status\":\"not ready\"} and nothing more", rec.Code, rec.Body)
	}
}

func TestForwardedHost(t *testing.T) {
	key := ForwardedHost("X-Forwarded-For")
	for _, tc := range []struct{ header, want string }{
		{"", "addr:192.0.2.1"},
		{"203.0.113.9", "addr:203.0.113.9"},
		{"10.9.9.9, 203.0.113.9", "addr:203.0.113.9"},
	} {
		r := httptest.NewRequest(http.MethodPost, "/graphql", nil)
		if tc.header != "" {
			r.Header.Set("X-Forwarded-For", tc.header)
		}
		if got := key(r); got != tc.want {
			t.Errorf("ForwardedHost(%q) = %q, want %q", tc.header, got, tc.want)
		}
	}
}
