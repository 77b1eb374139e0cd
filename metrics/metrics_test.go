package metrics

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

func TestMetrics(t *testing.T) {
	m := New(Sources{
		RoundTrips:  func() int64 { return 42 },
		InFlight:    func() int64 { return 3 },
		IndexSizes:  func() map[string]int { return map[string]int{"person": 1000, "vacancy": 50} },
		PulledAt:    func() time.Time { return time.Now().Add(-2 * time.Second) },
		BreakerOpen: func() bool { return true },
	})
	m.ObserveRequest("/graphql", 200, 30*time.Millisecond)
	m.ObserveRequest("/graphql", 503, time.Millisecond)
	m.ObserveRequest("/../etc/passwd", 404, time.Millisecond)
	m.Rejected("rate")
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`onework_http_requests_total{path="/graphql",status="OK"} 1`,
		`onework_http_requests_total{path="/graphql",status="Service Unavailable"} 1`,
		`onework_http_requests_total{path="other",status="Not Found"} 1`,
		`onework_rejected_requests_total{reason="rate"} 1`,
		`onework_neo4j_round_trips_total 42`,
		`onework_neo4j_transactions_in_flight 3`,
		`onework_index_nodes{kind="person"} 1000`,
		`onework_neo4j_unavailable 1`,
		`onework_index_refresh_lag_seconds 2`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestOperationLabelsAreBoundedByTheSchema(t *testing.T) {
	op := func(kind ast.Operation, fields ...string) *ast.OperationDefinition {
		d := &ast.OperationDefinition{Operation: kind, Name: "ClientChosenName123"}
		for _, f := range fields {
			d.SelectionSet = append(d.SelectionSet, &ast.Field{Name: f, Alias: "x" + f})
		}
		return d
	}
	for _, tc := range []struct {
		op   *ast.OperationDefinition
		want string
	}{
		{op(ast.Query, "candidatesForVacancy"), "query candidatesForVacancy"},
		{op(ast.Query, "vacancies", "skills", "vacancies"), "query skills+"},
		{op(ast.Mutation, "upsertPeople", "upsertPeople"), "mutation upsertPeople"},
		{nil, "invalid"},
	} {
		if got := operationLabel(tc.op); got != tc.want {
			t.Errorf("operationLabel = %q, want %q", got, tc.want)
		}
	}
}
