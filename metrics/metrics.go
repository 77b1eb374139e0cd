// Package metrics tells operators how the API is doing, in Prometheus's
// format, on an address of its own (never the public port): requests and
// their latency by GraphQL root field, errors by code, requests refused by
// the rate limit or for overload, Neo4j round trips and transactions in
// flight, the matching index's sizes and refresh lag.
//
// Labels are bounded by the schema: operations are named by their root
// fields, never by the operation name a client chooses.
package metrics

import (
	"context"
	"net/http"
	"sort"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Metrics holds the collectors of one server.
type Metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	operations *prometheus.HistogramVec
	errors     *prometheus.CounterVec
	rejected   *prometheus.CounterVec
}

// Sources are the gauges read at each scrape; nil ones are left out.
type Sources struct {
	// RoundTrips counts Neo4j transactions since start; InFlight those
	// running now.
	RoundTrips func() int64
	InFlight   func() int64
	// IndexSizes gives the matching index's node counts by kind.
	IndexSizes func() map[string]int
	// PulledAt is when the matching index last caught up with Neo4j.
	PulledAt func() time.Time
	// BreakerOpen reports whether requests are refused because Neo4j is
	// down.
	BreakerOpen func() bool
}

// latencyBuckets run from 5 ms to 10 s.
var latencyBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// New registers the collectors, with the Go runtime's and the process's.
func New(src Sources) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "onework_http_requests_total",
		Help: "HTTP requests by path and status."}, []string{"path", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "onework_http_request_duration_seconds",
		Help: "HTTP request latency by path.", Buckets: latencyBuckets}, []string{"path"})
	m.operations = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "onework_graphql_operation_duration_seconds",
		Help:    "GraphQL operation latency by type and root fields (match latency is that of candidatesForVacancy and vacanciesForPerson).",
		Buckets: latencyBuckets}, []string{"operation", "outcome"})
	m.errors = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "onework_graphql_errors_total",
		Help: "GraphQL errors by extensions.code."}, []string{"code"})
	m.rejected = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "onework_rejected_requests_total",
		Help: "Requests refused before any work: rate (429) or overload (503)."}, []string{"reason"})
	m.reg.MustRegister(m.requests, m.latency, m.operations, m.errors, m.rejected,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	gauge := func(name, help string, f func() float64) {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, f))
	}
	if src.RoundTrips != nil {
		m.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "onework_neo4j_round_trips_total",
			Help: "Neo4j transactions run."}, func() float64 { return float64(src.RoundTrips()) }))
	}
	if src.InFlight != nil {
		gauge("onework_neo4j_transactions_in_flight", "Neo4j transactions running now, each holding or waiting for a pooled connection.",
			func() float64 { return float64(src.InFlight()) })
	}
	if src.IndexSizes != nil {
		m.reg.MustRegister(indexSizes(src.IndexSizes))
	}
	if src.PulledAt != nil {
		gauge("onework_index_refresh_lag_seconds", "Seconds since the matching index last caught up with Neo4j (-1 before the first load).",
			func() float64 {
				at := src.PulledAt()
				if at.IsZero() {
					return -1
				}
				return time.Since(at).Seconds()
			})
	}
	if src.BreakerOpen != nil {
		gauge("onework_neo4j_unavailable", "1 while requests are refused because Neo4j cannot be reached.",
			func() float64 {
				if src.BreakerOpen() {
					return 1
				}
				return 0
			})
	}
	return m
}

// indexSizes is a collector of the matching index's sizes by kind.
type indexSizes func() map[string]int

var indexSizesDesc = prometheus.NewDesc("onework_index_nodes", "Nodes in the matching index by kind.", []string{"kind"}, nil)

func (f indexSizes) Describe(ch chan<- *prometheus.Desc) { ch <- indexSizesDesc }
func (f indexSizes) Collect(ch chan<- prometheus.Metric) {
	for kind, n := range f() {
		ch <- prometheus.MustNewConstMetric(indexSizesDesc, prometheus.GaugeValue, float64(n), kind)
	}
}

// Handler serves the metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// ObserveRequest records one HTTP request.
func (m *Metrics) ObserveRequest(path string, status int, d time.Duration) {
	switch path {
	case "/graphql", "/healthz", "/readyz", "/":
	default:
		path = "other"
	}
	m.requests.WithLabelValues(path, statusClass(status)).Inc()
	m.latency.WithLabelValues(path).Observe(d.Seconds())
}

func statusClass(s int) string {
	switch s {
	case 200, 400, 401, 404, 413, 429, 500, 503:
		return http.StatusText(s)
	}
	return string(rune('0'+s/100)) + "xx"
}

// Rejected counts a request refused by the rate limit or for overload.
func (m *Metrics) Rejected(reason string) { m.rejected.WithLabelValues(reason).Inc() }

// Extension returns the gqlgen extension that times operations and counts
// their errors.
func (m *Metrics) Extension() graphql.HandlerExtension { return extension{m} }

type extension struct{ m *Metrics }

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = extension{}

func (extension) ExtensionName() string                   { return "OneWorkMetrics" }
func (extension) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse times the operation and counts its errors.
func (e extension) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	start := time.Now()
	resp := next(ctx)
	op := "invalid"
	if graphql.HasOperationContext(ctx) {
		op = operationLabel(graphql.GetOperationContext(ctx).Operation)
	}
	outcome := "ok"
	if resp != nil && len(resp.Errors) > 0 {
		outcome = "error"
		e.countErrors(resp.Errors)
	}
	e.m.operations.WithLabelValues(op, outcome).Observe(time.Since(start).Seconds())
	return resp
}

func (e extension) countErrors(errs gqlerror.List) {
	for _, err := range errs {
		code, _ := err.Extensions["code"].(string)
		if code == "" {
			code = "NONE"
		}
		e.m.errors.WithLabelValues(code).Inc()
	}
}

// operationLabel names an operation by its type and sorted root fields,
// which the schema bounds: "query candidatesForVacancy", and a "+" when
// it has others too.
func operationLabel(op *ast.OperationDefinition) string {
	if op == nil {
		return "invalid"
	}
	var fields []string
	for _, sel := range op.SelectionSet {
		if f, ok := sel.(*ast.Field); ok {
			fields = append(fields, f.Name)
		}
	}
	if len(fields) == 0 {
		return string(op.Operation)
	}
	sort.Strings(fields)
	label := string(op.Operation) + " " + fields[0]
	if fields[len(fields)-1] != fields[0] {
		label += "+"
	}
	return label
}
