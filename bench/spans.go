package bench

import (
	"encoding/binary"
	"fmt"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/onework/onework/tracing"
)

// spans records the API's spans in memory while the bench runs with
// --slowest, so that each of the slowest pages can be broken down into
// where it spent its time: the request in the server, the resolver, the
// engine and each Neo4j round trip. The client names each request's
// trace, and the server continues it, as it continues a caller's
// traceparent.
type spans struct {
	rec  *tracetest.SpanRecorder
	next atomic.Uint64
	mu   sync.Mutex
	ids  map[string]trace.TraceID // by request key
	prev trace.TracerProvider
}

// recordSpans installs an in-memory tracer provider; stop puts back the
// one before.
func recordSpans() *spans {
	s := &spans{rec: tracetest.NewSpanRecorder(), ids: map[string]trace.TraceID{}, prev: otel.GetTracerProvider()}
	tracing.Install(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(s.rec)))
	return s
}

func (s *spans) stop() { otel.SetTracerProvider(s.prev) }

// traceparent starts a trace for the request named key and returns its
// W3C traceparent header.
func (s *spans) traceparent(key string) string {
	var id trace.TraceID
	binary.BigEndian.PutUint64(id[:8], 0x6f6e65776f726b) // never all zeros
	binary.BigEndian.PutUint64(id[8:], s.next.Add(1))
	var parent trace.SpanID
	binary.BigEndian.PutUint64(parent[:], s.next.Load())
	s.mu.Lock()
	s.ids[key] = id
	s.mu.Unlock()
	return fmt.Sprintf("00-%s-%s-01", id, parent)
}

// breakdown says where the request named key spent its time: the server's
// span, the root resolver's, the engine's and each Neo4j round trip, in
// milliseconds, in the order they started.
func (s *spans) breakdown(key string) string {
	s.mu.Lock()
	id, ok := s.ids[key]
	s.mu.Unlock()
	if !ok {
		return "no trace"
	}
	var mine []sdktrace.ReadOnlySpan
	for _, sp := range s.rec.Ended() {
		if sp.SpanContext().TraceID() == id {
			mine = append(mine, sp)
		}
	}
	if len(mine) == 0 {
		return "no spans"
	}
	slices.SortFunc(mine, func(a, b sdktrace.ReadOnlySpan) int { return a.StartTime().Compare(b.StartTime()) })
	took := func(sp sdktrace.ReadOnlySpan) float64 { return ms(sp.EndTime().Sub(sp.StartTime())) }
	var parts, reads []string
	var start time.Time
	for _, sp := range mine {
		switch name := sp.Name(); {
		case sp.SpanKind() == trace.SpanKindServer:
			start = sp.StartTime()
			parts = append(parts, fmt.Sprintf("server %.1f", took(sp)))
		case strings.HasPrefix(name, "resolve "):
			parts = append(parts, fmt.Sprintf("resolver %.1f", took(sp)))
		case strings.HasPrefix(name, "matching "):
			parts = append(parts, fmt.Sprintf("engine %.1f", took(sp)))
		case strings.HasPrefix(name, "neo4j "):
			at := ""
			if !start.IsZero() {
				at = fmt.Sprintf(" at %.1f", ms(sp.StartTime().Sub(start)))
			}
			reads = append(reads, fmt.Sprintf("%.1f%s", took(sp), at))
		}
	}
	if len(reads) > 0 {
		parts = append(parts, fmt.Sprintf("%d Neo4j round trips [%s]", len(reads), strings.Join(reads, ", ")))
	}
	return strings.Join(parts, ", ")
}

// gcCycles is how many garbage collections have finished: read around a
// query, it says whether one ended while the query ran.
func gcCycles() uint64 {
	sample := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return sample[0].Value.Uint64()
}
