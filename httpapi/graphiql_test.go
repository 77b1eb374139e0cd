package httpapi

import (
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestGraphiQLAssets serves the embedded GraphiQL page and its assets in
// development only, gzipped to clients that accept it and plain to others.
func TestGraphiQLAssets(t *testing.T) {
	gql := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	dev := NewHandler(Config{MaxBodyBytes: 1024, Timeout: time.Second, Dev: true, Logger: logger}, gql, nil)
	get := func(h http.Handler, path, encoding string) *http.Response {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		if encoding != "" {
			req.Header.Set("Accept-Encoding", encoding)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Result()
	}
	page := get(dev, "/", "")
	body, _ := io.ReadAll(page.Body)
	if page.StatusCode != http.StatusOK || !strings.Contains(string(body), `src="/graphiql/graphiql.min.js"`) || strings.Contains(string(body), "//cdn") || strings.Contains(string(body), "https://") {
		t.Errorf("GET / = %d, want the page loading GraphiQL from /graphiql/ and nothing from elsewhere:\n%s", page.StatusCode, body)
	}
	for _, name := range []string{"graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js", "onework.js"} {
		plain := get(dev, "/graphiql/"+name, "")
		b, _ := io.ReadAll(plain.Body)
		if plain.StatusCode != http.StatusOK || plain.Header.Get("Content-Encoding") != "" || len(b) < 100 {
			t.Errorf("GET %s without gzip = %d, %q, %d bytes; want it plain", name, plain.StatusCode, plain.Header.Get("Content-Encoding"), len(b))
		}
		if !strings.HasPrefix(plain.Header.Get("Content-Type"), map[bool]string{true: "text/css", false: "text/javascript"}[strings.HasSuffix(name, ".css")]) {
			t.Errorf("GET %s Content-Type = %q", name, plain.Header.Get("Content-Type"))
		}
		if strings.HasSuffix(name, ".min.js") || strings.HasSuffix(name, ".css") {
			zipped := get(dev, "/graphiql/"+name, "gzip, br")
			zr, err := gzip.NewReader(zipped.Body)
			if err != nil || zipped.Header.Get("Content-Encoding") != "gzip" {
				t.Fatalf("GET %s with gzip: Content-Encoding %q, %v", name, zipped.Header.Get("Content-Encoding"), err)
			}
			z, _ := io.ReadAll(zr)
			if string(z) != string(b) {
				t.Errorf("GET %s: the gzipped body differs from the plain one", name)
			}
		}
	}
	if res := get(dev, "/graphiql/missing.js", ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET a missing asset = %d, want 404", res.StatusCode)
	}
	prod := NewHandler(Config{MaxBodyBytes: 1024, Timeout: time.Second, Logger: logger}, gql, nil)
	for _, path := range []string{"/", "/graphiql/graphiql.min.js"} {
		if res := get(prod, path, ""); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s outside development = %d, want 404", path, res.StatusCode)
		}
	}
}
