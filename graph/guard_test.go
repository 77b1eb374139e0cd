package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/onework/onework/workforce"
)

// schemaOnly serves the schema with no data behind it: enough for what is
// refused or answered before any resolver reads. do posts a query; the
// client posts whole bodies.
func schemaOnly(t *testing.T, cfg HandlerConfig) (func(query string) (int, map[string]any), *bytes.Buffer) {
	c, logs := newSchemaClient(t, cfg)
	return func(query string) (int, map[string]any) { return c.post(map[string]any{"query": query}) }, logs
}

type schemaClient struct {
	t *testing.T
	h http.Handler
}

func newSchemaClient(t *testing.T, cfg HandlerConfig) (*schemaClient, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	// No resolver reads in these tests: a read would panic on the nil
	// service and fail the test.
	cfg.Resolver = &Resolver{Limits: DefaultLimits, Read: unread{}}
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	cfg.RequestID = func(context.Context) string { return "req-1" }
	return &schemaClient{t: t, h: NewHandler(cfg)}, &logs
}

func (c *schemaClient) post(payload map[string]any) (int, map[string]any) {
	c.t.Helper()
	body, _ := json.Marshal(payload)
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		c.t.Fatalf("response %q: %v", rec.Body, err)
	}
	return rec.Code, out
}

type unread struct{ workforce.ReadService }

func errorsOf(out map[string]any) []map[string]any {
	var list []map[string]any
	for _, e := range out["errors"].([]any) {
		list = append(list, e.(map[string]any))
	}
	return list
}

func codeOf(e map[string]any) any { return e["extensions"].(map[string]any)["code"] }

func TestEveryFieldCounts(t *testing.T) {
	do, _ := schemaOnly(t, HandlerConfig{})
	cases := []struct {
		name, query, want string
	}{
		{"5,000 repeated fields under a fresh name", "query Q" + fmt.Sprint(time.Now().UnixNano()) + " {" + strings.Repeat(" __typename", 4985) + " }", "fields"},
		{"fields inside fragments", "query { ...F } fragment F on Query {" + strings.Repeat(" __typename", 1200) + " }", "fields"},
		{"unknown directives", "query {" + strings.Repeat(" __typename @x", 60) + " }", "directives"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, out := do(tc.query)
			errs := errorsOf(out)
			if len(errs) != 1 || codeOf(errs[0]) != "LIMIT_EXCEEDED" || !strings.Contains(errs[0]["message"].(string), tc.want) {
				t.Errorf("errors %v, want one LIMIT_EXCEEDED about %s", errs, tc.want)
			}
			t.Logf("refused in %v", time.Since(start))
		})
	}
	if _, out := do("query Small { a: __typename b: __typename }"); out["errors"] != nil {
		t.Errorf("a small query was refused: %v", out["errors"])
	}
}

func TestErrorsAreCapped(t *testing.T) {
	do, _ := schemaOnly(t, HandlerConfig{})
	var q strings.Builder
	q.WriteString("{")
	for i := range 40 {
		fmt.Fprintf(&q, " nope%d", i)
	}
	q.WriteString(" }")
	_, out := do(q.String())
	errs := errorsOf(out)
	if len(errs) != DefaultLimits.MaxErrors+1 {
		t.Fatalf("%d errors, want %d and a summary", len(errs), DefaultLimits.MaxErrors)
	}
	last := errs[len(errs)-1]
	if last["message"] != "and 20 more errors" || codeOf(last) != "LIMIT_EXCEEDED" {
		t.Errorf("last error %v, want \"and 20 more errors\"", last)
	}
}

func TestIntrospection(t *testing.T) {
	const q = `{ __type(name: "Person") { fields { name } } }`
	for _, on := range []bool{false, true} {
		do, _ := schemaOnly(t, HandlerConfig{Introspection: on})
		_, out := do(q)
		listed := strings.Contains(fmt.Sprint(out["data"]), "email")
		if listed != on || (!on && out["errors"] == nil) {
			t.Errorf("introspection %v: data %v errors %v", on, out["data"], out["errors"])
		}
	}
}

func TestTimeoutIsOneError(t *testing.T) {
	var logs bytes.Buffer
	present := ErrorPresenter(slog.New(slog.NewTextHandler(&logs, nil)), func(context.Context) string { return "req-1" })
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	var list gqlerror.List
	for i := range 500 {
		list = append(list, present(ctx, fmt.Errorf("bug in fetch function: 0 values returned for %d keys", i)))
	}
	got, whole := condense(list, DefaultLimits.MaxErrors)
	if whole != codeTimeout || len(got) != 1 || got[0].Extensions["code"] != codeTimeout {
		t.Errorf("condense = %v (%s), want one TIMEOUT", got, whole)
	}
	if logs.Len() != 0 {
		t.Errorf("fields past the deadline were logged one by one: %s", logs.String())
	}
}

func TestQueriesPerFieldAreBounded(t *testing.T) {
	do, _ := schemaOnly(t, HandlerConfig{})
	for _, q := range []string{
		`{ programmes(first: 100) { nodes { destinations { learners openVacanciesNearby } } } }`,
		`{ a: careerMoves(from: {jobTitle: "cook"}, first: 1) { totalCount } b: careerMoves(from: {jobTitle: "chef"}, first: 1) { totalCount }
		   c: careerMoves(from: {jobTitle: "a"}, first: 1) { totalCount } d: careerMoves(from: {jobTitle: "b"}, first: 1) { totalCount }
		   e: careerMoves(from: {jobTitle: "c"}, first: 1) { totalCount } f: careerMoves(from: {jobTitle: "d"}, first: 1) { totalCount }
		   g: careerMoves(from: {jobTitle: "e"}, first: 1) { totalCount } h: careerMoves(from: {jobTitle: "f"}, first: 1) { totalCount }
		   i: careerMoves(from: {jobTitle: "g"}, first: 1) { totalCount } j: careerMoves(from: {jobTitle: "h"}, first: 1) { totalCount }
		   k: careerMoves(from: {jobTitle: "i"}, first: 1) { totalCount } l: careerMoves(from: {jobTitle: "j"}, first: 1) { totalCount }
		   m: careerMoves(from: {jobTitle: "k"}, first: 1) { totalCount } n: careerMoves(from: {jobTitle: "l"}, first: 1) { totalCount }
		   o: careerMoves(from: {jobTitle: "m"}, first: 1) { totalCount } p: careerMoves(from: {jobTitle: "n"}, first: 1) { totalCount }
		   q: careerMoves(from: {jobTitle: "o"}, first: 1) { totalCount } r: careerMoves(from: {jobTitle: "p"}, first: 1) { totalCount }
		   s: careerMoves(from: {jobTitle: "q"}, first: 1) { totalCount } u: careerMoves(from: {jobTitle: "r"}, first: 1) { totalCount }
		   v: careerMoves(from: {jobTitle: "s"}, first: 1) { totalCount } }`,
	} {
		_, out := do(q)
		errs := errorsOf(out)
		if len(errs) != 1 || codeOf(errs[0]) != "LIMIT_EXCEEDED" || !strings.Contains(errs[0]["message"].(string), "complexity") {
			t.Errorf("%s\n= %v, want LIMIT_EXCEEDED for complexity", q, errs)
		}
	}
}

func TestPersistedQueries(t *testing.T) {
	const agreed = `{ __typename }`
	restricted := false
	c, _ := newSchemaClient(t, HandlerConfig{PersistedQueries: 10, Allowlist: Allowlist{queryHash(agreed): agreed},
		Restricted: func(context.Context) bool { return restricted }})
	send := func(query, hash string) map[string]any {
		body := map[string]any{"query": query}
		if hash != "" {
			body["extensions"] = map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}
		}
		_, out := c.post(body)
		return out
	}
	other := `{ a: __typename }`
	// Automatic persisted queries: the text once, then the hash alone.
	if out := send(other, queryHash(other)); out["errors"] != nil {
		t.Fatalf("registering a query: %v", out["errors"])
	}
	if out := send("", queryHash(other)); out["errors"] != nil || out["data"] == nil {
		t.Errorf("by hash: %v", out)
	}
	if out := send("", queryHash(agreed)); out["errors"] != nil {
		t.Errorf("an allowlisted query by hash: %v", out["errors"])
	}
	restricted = true
	for name, out := range map[string]map[string]any{
		"text not agreed":                  send(other, ""),
		"hash of a query cached by others": send("", queryHash(other)),
	} {
		if errs, _ := out["errors"].([]any); len(errs) != 1 || codeOf(errs[0].(map[string]any)) != "FORBIDDEN" {
			t.Errorf("partner key, %s: %v, want FORBIDDEN", name, out)
		}
	}
	if out := send("", queryHash(agreed)); out["errors"] != nil {
		t.Errorf("partner key, agreed query by hash: %v", out["errors"])
	}
	if out := send(agreed, ""); out["errors"] != nil {
		t.Errorf("partner key, agreed query as text: %v", out["errors"])
	}
}

// TestStoppedBeforeRunning: a request whose context ends before its
// operation starts (the breaker cancelled it when the database went away,
// or its deadline passed while it waited) ran nothing, and says so with
// one error; it is never a 200 that a client takes for success.
func TestStoppedBeforeRunning(t *testing.T) {
	unavailable := &workforce.Error{Code: workforce.EUNAVAILABLE, Message: "the database cannot be reached; try again shortly"}
	for _, tc := range []struct {
		name, query string
		cause       error
		code        string
		status      int
	}{
		{"mutation, database gone", `mutation { deletePerson(id: "p1") { deleted } }`, unavailable, codeUnavailable, http.StatusServiceUnavailable},
		{"query, database gone", `{ __typename }`, unavailable, codeUnavailable, http.StatusServiceUnavailable},
		{"mutation, deadline passed", `mutation { deletePerson(id: "p1") { deleted } }`, context.DeadlineExceeded, codeTimeout, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var status int
			// A resolver that ran would panic on the nil write service and
			// answer INTERNAL.
			c, _ := newSchemaClient(t, HandlerConfig{SetStatus: func(_ context.Context, s int) { status = s }})
			ctx, cancel := context.WithCancelCause(context.Background())
			cancel(tc.cause)
			body, _ := json.Marshal(map[string]any{"query": tc.query})
			req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			c.h.ServeHTTP(rec, req)
			var out map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out == nil || out["errors"] == nil {
				t.Fatalf("response %d %q: want one error", rec.Code, rec.Body)
			}
			errs := errorsOf(out)
			if len(errs) != 1 || codeOf(errs[0]) != tc.code || out["data"] != nil {
				t.Errorf("response %q, want only one %s error", rec.Body, tc.code)
			}
			if status != tc.status {
				t.Errorf("status asked for: %d, want %d", status, tc.status)
			}
		})
	}
}
