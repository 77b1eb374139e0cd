package tracing_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	gqlgraphql "github.com/99designs/gqlgen/graphql"
	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/onework/onework/graph"
	"github.com/onework/onework/tracing"
	"github.com/onework/onework/workforce"
)

type unread struct{ workforce.ReadService }

func TestTraceparentInAndOut(t *testing.T) {
	rec := tracetest.NewSpanRecorder()
	tracing.Install(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec)))
	t.Cleanup(func() { otel.SetTracerProvider(noop.NewTracerProvider()) })

	h := tracing.Middleware(graph.NewHandler(graph.HandlerConfig{
		Resolver:   &graph.Resolver{Read: unread{}, Limits: graph.DefaultLimits},
		Logger:     slog.New(slog.NewTextHandler(io.Discard, nil)),
		RequestID:  func(context.Context) string { return "req" },
		Extensions: []gqlgraphql.HandlerExtension{tracing.Extension{}},
	}))
	const traceID, parent = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"query Secret { apiInfo { version } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("traceparent", "00-"+traceID+"-"+parent+"-01")
	res := httptest.NewRecorder()
	h.ServeHTTP(res, req)
	if res.Code != http.StatusOK {
		t.Fatalf("status %d: %s", res.Code, res.Body)
	}
	if got := res.Header().Get("traceparent"); !strings.Contains(got, traceID) {
		t.Errorf("response traceparent = %q, want the trace %s", got, traceID)
	}
	var names []string
	for _, s := range rec.Ended() {
		names = append(names, s.Name())
		if s.SpanContext().TraceID().String() != traceID {
			t.Errorf("span %q is in trace %s, want %s", s.Name(), s.SpanContext().TraceID(), traceID)
		}
		if s.Name() == "POST /graphql" && s.Parent().SpanID().String() != parent {
			t.Errorf("request span's parent = %s, want %s", s.Parent().SpanID(), parent)
		}
		if strings.Contains(s.Name(), "Secret") {
			t.Errorf("span %q is named by the client's operation name", s.Name())
		}
	}
	for _, want := range []string{"POST /graphql", "graphql query", "resolve Query.apiInfo"} {
		if !slices.Contains(names, want) {
			t.Errorf("spans %v lack %q", names, want)
		}
	}
}
