package httpapi

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/onework/onework/cputime"
)

// BenchmarkRefusal is the cost of refusing a GraphQL request for overload
// (every slot taken), through the whole handler as served: the figure to
// compare when changing what runs before admission. Run with
//
//	go test -run '^$' -bench Refusal -benchmem ./httpapi/
func BenchmarkRefusal(b *testing.B) {
	release := make(chan struct{})
	started := make(chan struct{})
	hold := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
	})
	breaker := &Breaker{Probe: func(context.Context) error { return nil }, Interval: time.Hour}
	h := NewHandler(Config{
		MaxBodyBytes: 1 << 20, Timeout: 30 * time.Second, MaxInFlight: 1, Breaker: breaker,
		RatePerSecond: 1e9, RateBurst: 1 << 30, Logger: slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelError})),
		Authenticate: func(next http.Handler) http.Handler { return next },
	}, hold, func(context.Context) error { return nil })
	go h.ServeHTTP(httptest.NewRecorder(), post(`{"query":"{ x }"}`))
	<-started
	defer close(release)
	body := `{"query":"query($p: ID!) { vacancies(filter: {near: {placeId: $p, withinKm: 15}}, first: 10) { nodes { title } } }","variables":{"p":"E06000001"}}`
	b.ReportAllocs()
	cpu0 := cputime.Process()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusServiceUnavailable {
			b.Fatalf("status %d, want 503", w.Code)
		}
	}
	// CPU time, unlike wall time, holds still on a machine shared with
	// other work.
	b.ReportMetric(float64(cputime.Process()-cpu0)/float64(b.N), "cpu-ns/op")
}
