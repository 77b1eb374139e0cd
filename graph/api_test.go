package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/onework/onework/auth"
	"github.com/onework/onework/graph"
	"github.com/onework/onework/httpapi"
	"github.com/onework/onework/indexer"
	"github.com/onework/onework/matching"
	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// countingAuth allows everything and counts the calls, so tests can tell
// whether any resolver ran.
type countingAuth struct{ calls atomic.Int64 }

func (a *countingAuth) Authorize(context.Context, workforce.Action, workforce.Kind, string, any) error {
	a.calls.Add(1)
	return nil
}

func (a *countingAuth) Scope(context.Context, workforce.Kind, any) error {
	a.calls.Add(1)
	return nil
}

func (a *countingAuth) Reveal(context.Context, workforce.Kind, any, workforce.Sensitivity) bool {
	return true
}

// testWriter sends logs to the test's log, shown when a test fails, and to
// suiteLog, which TestMain scans for personal data.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(b []byte) (int, error) {
	suiteLog.write(b)
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

type api struct {
	t    *testing.T
	db   *store.DB
	srv  *httptest.Server
	auth *countingAuth
	// prefix makes this test's ids unique in the shared database.
	prefix string
	// seedToken is the bearer token mustPost uses to set up data.
	seedToken string
	audit     *store.AuditLog
	engine    *matching.Engine
	index     *indexer.Indexer
	careers   *indexer.Careers
	insights  *indexer.Insights
}

const maxBody = 64 << 10

// apiOptions changes how newAPIWith serves.
type apiOptions struct {
	// authorizer makes the authorization point; by default a counting AllowAll.
	authorizer   func(a *api) any
	authenticate func(http.Handler) http.Handler
	cors         []string
	// timeout bounds each request; 10 s when 0.
	timeout time.Duration
	// persisted is the fixed set of persisted documents, by hex sha256.
	persisted map[string]string
}

func newAPI(t *testing.T) *api {
	t.Helper()
	return newAPIWith(t, apiOptions{})
}

func newAPIWith(t *testing.T, opts apiOptions) *api {
	t.Helper()
	a := &api{t: t, db: storetest.Open(t), auth: &countingAuth{}}
	a.prefix = storetest.ID(t, "api")
	audit, err := store.NewAuditLog(a.db, []byte("graph-tests-audit-key-0123"), slog.Default())
	if err != nil {
		t.Fatal(err)
	}
	a.audit = audit
	t.Cleanup(func() { _ = audit.Close(context.Background()) })
	var authz workforce.Authorizer = a.auth
	if opts.authorizer != nil {
		authz = opts.authorizer(a).(workforce.Authorizer)
	}
	logger := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	// The engine learns only what this test writes through the API, as the
	// server's does after start-up.
	engine, err := matching.New(matching.Config{})
	if err != nil {
		t.Fatal(err)
	}
	a.engine = engine
	// Reads go through the process cache, as the server's do, which the
	// index's Changed keeps current.
	cache := store.NewCached(a.db, store.CacheConfig{})
	a.index = &indexer.Indexer{Source: a.db, Engine: engine, Logger: logger, Cache: cache}
	if err := a.index.MarkCurrent(context.Background()); err != nil {
		t.Fatal(err)
	}
	a.careers = &indexer.Careers{Source: a.db, Logger: logger, Cache: cache}
	a.insights = &indexer.Insights{Source: a.db}
	r := &graph.Resolver{Read: cache, Write: a.db, Auth: authz, Limits: graph.DefaultLimits, Audit: a.audit, Engine: engine, Careers: a.careers,
		Referrals: a.db, Insights: a.insights, Caller: func(ctx context.Context) (string, string) {
			if u := auth.UserFrom(ctx); u != nil {
				return u.Subject, u.OrgID
			}
			return "", ""
		},
		Changed: func(ctx context.Context, kind workforce.Kind, ids []string) {
			if err := a.index.Changed(ctx, kind, ids); err != nil {
				t.Errorf("index: %v", err)
			}
		}}
	timeout := opts.timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	h := httpapi.NewHandler(httpapi.Config{MaxBodyBytes: maxBody, Timeout: timeout, Logger: logger,
		Authenticate: opts.authenticate, CORSOrigins: opts.cors, Routes: map[string]http.Handler{"GET /insights/": graph.InsightsCSV(r, logger)}},
		graph.NewHandler(graph.HandlerConfig{Resolver: r, Logger: logger, RequestID: httpapi.RequestID, WithOperation: auth.WithOperation, Persisted: opts.persisted,
			ResponseCache: 100}),
		a.db.Ping)
	a.srv = httptest.NewServer(h)
	t.Cleanup(a.srv.Close)
	return a
}

// graphSchema returns the parsed schema the server serves.
func graphSchema(t *testing.T) *ast.Schema {
	t.Helper()
	return graph.NewExecutableSchema(&graph.Resolver{}).Schema()
}

// id returns an id unique to this test.
func (a *api) id(s string) string { return a.prefix + "-" + s }

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type response struct {
	Status int
	Data   map[string]any `json:"data"`
	Errors []gqlError     `json:"errors"`
}

func (r response) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

func (a *api) post(query string, vars map[string]any) response {
	a.t.Helper()
	return a.postAs("", query, vars)
}

// postAs posts with a bearer token ("" for anonymous).
func (a *api) postAs(token, query string, vars map[string]any) response {
	a.t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		a.t.Fatal(err)
	}
	return a.sendAs(token, http.MethodPost, "/graphql", bytes.NewReader(body))
}

func (a *api) send(method, path string, body io.Reader) response {
	a.t.Helper()
	return a.sendAs("", method, path, body)
}

func (a *api) sendAs(token, method, path string, body io.Reader) response {
	a.t.Helper()
	req, err := http.NewRequest(method, a.srv.URL+path, body)
	if err != nil {
		a.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer res.Body.Close()
	var out response
	raw, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(raw, &out); err != nil {
		a.t.Fatalf("%s %s: status %d, body %q is not JSON: %v", method, path, res.StatusCode, raw, err)
	}
	out.Status = res.StatusCode
	return out
}

// mustPost fails the test on any GraphQL error.
func (a *api) mustPost(query string, vars map[string]any) map[string]any {
	a.t.Helper()
	res := a.postAs(a.seedToken, query, vars)
	if len(res.Errors) > 0 {
		a.t.Fatalf("query failed: %+v", res.Errors)
	}
	return res.Data
}

// dig walks a decoded JSON value by keys and indexes.
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			s, _ := v.([]any)
			if k >= len(s) {
				return nil
			}
			v = s[k]
		}
	}
	return v
}

// seedGraph writes a small connected graph with ids unique to the test and
// returns the ids.
func (a *api) seedGraph() map[string]string {
	a.t.Helper()
	ids := map[string]string{
		"region": a.id("E12000009"), "la": a.id("E07000081"), "lsoa": a.id("E01022300"),
		"skill1": a.id("skill-care"), "skill2": a.id("skill-hygiene"), "occ": a.id("occ-nurse"),
		"emp": a.id("emp-trust"), "prov": a.id("prov-college"), "prog": a.id("prog-hca"),
	}
	a.mustPost(`mutation($places: [PlaceInput!]!) { upsertPlaces(input: $places) { created } }`, map[string]any{
		"places": []map[string]any{{"id": ids["region"], "name": "South West", "kind": "REGION"}}})
	a.mustPost(`mutation($places: [PlaceInput!]!) { upsertPlaces(input: $places) { created } }`, map[string]any{
		"places": []map[string]any{{"id": ids["la"], "name": "Gloucester", "kind": "LOCAL_AUTHORITY", "parentIds": []string{ids["region"]},
			"location": map[string]any{"lat": 51.8642, "lon": -2.2382}}}})
	a.mustPost(`mutation($places: [PlaceInput!]!) { upsertPlaces(input: $places) { created } }`, map[string]any{
		"places": []map[string]any{{"id": ids["lsoa"], "name": "Gloucester 001A", "kind": "LSOA", "imdDecile": 2, "parentIds": []string{ids["la"]},
			"location": map[string]any{"lat": 51.87, "lon": -2.24}}}})
	a.mustPost(`mutation($s: [SkillInput!]!) { upsertSkills(input: $s) { created } }`, map[string]any{"s": []map[string]any{
		{"id": ids["skill1"], "label": "provide personal care", "altLabels": []string{"personal care support"}},
		{"id": ids["skill2"], "label": "apply infection control", "altLabels": []string{"hand hygiene"}},
	}})
	a.mustPost(`mutation($o: [OccupationInput!]!) { upsertOccupations(input: $o) { created } }`, map[string]any{"o": []map[string]any{
		{"id": ids["occ"], "label": "healthcare assistant", "altLabels": []string{"HCA", "care assistant"}, "jobZone": 2},
	}})
	a.mustPost(`mutation($occ: ID!, $s1: ID!) { linkOccupationSkill(occupationId: $occ, requirement: {skillId: $s1, essential: true}) { id } }`,
		map[string]any{"occ": ids["occ"], "s1": ids["skill1"]})
	a.mustPost(`mutation($e: [EmployerInput!]!) { upsertEmployers(input: $e) { created } }`, map[string]any{"e": []map[string]any{
		{"id": ids["emp"], "name": "Test NHS Trust", "kind": "NHS", "placeId": ids["lsoa"], "realLivingWage": true, "charterLevel": "ACCREDITED",
			"location": map[string]any{"lat": 51.866, "lon": -2.24}},
	}})
	a.mustPost(`mutation($p: [ProviderInput!]!) { upsertProviders(input: $p) { created } }`, map[string]any{"p": []map[string]any{
		{"id": ids["prov"], "name": "Test College", "kind": "COLLEGE", "placeId": ids["lsoa"]},
	}})
	a.mustPost(`mutation($p: [ProgrammeInput!]!) { upsertProgrammes(input: $p) { created } }`, map[string]any{"p": []map[string]any{
		{"id": ids["prog"], "title": "Care academy", "kind": "PRE_EMPLOYMENT", "providerId": ids["prov"], "placeId": ids["lsoa"],
			"startDate": "2030-01-06T09:00:00Z", "durationWeeks": 4, "placesLeft": 12},
	}})
	return ids
}

func vacancyInput(id, employer, occ, place string) map[string]any {
	return map[string]any{"id": id, "title": "Healthcare Assistant " + id, "employerId": employer, "occupationId": occ,
		"placeId": place, "location": map[string]any{"lat": 51.87, "lon": -2.24}, "salaryMin": 23615, "salaryMax": 25674,
		"contract": "PERMANENT", "postedAt": "2026-11-01T00:00:00Z", "closesAt": "2099-12-01T00:00:00Z"}
}

func TestRoundTripsArePageSizeIndependent(t *testing.T) {
	a := newAPI(t)
	ids := a.seedGraph()
	var vacancies []map[string]any
	for i := range 100 {
		vacancies = append(vacancies, vacancyInput(a.id(fmt.Sprintf("vac-%03d", i)), ids["emp"], ids["occ"], ids["lsoa"]))
	}
	res := a.mustPost(`mutation($v: [VacancyInput!]!) { upsertVacancies(input: $v) { created updated } }`, map[string]any{"v": vacancies})
	if got := dig(res, "upsertVacancies", "created"); got != float64(100) {
		t.Fatalf("created = %v, want 100", got)
	}
	for i := range 100 {
		for _, s := range []string{ids["skill1"], ids["skill2"]} {
			a.mustPost(`mutation($v: ID!, $s: ID!) { linkVacancySkill(vacancyId: $v, requirement: {skillId: $s, essential: true}) { id } }`,
				map[string]any{"v": a.id(fmt.Sprintf("vac-%03d", i)), "s": s})
		}
	}
	const q = `query($emp: ID!, $first: Int) { vacancies(filter: {employerId: $emp}, first: $first) {
		totalCount edges { node { id title employer { name kind } occupation { label } place { name imdDecile parents { name } }
		requirements { essential skill { label } } } } } }`
	roundTrips := map[int]int64{}
	for _, first := range []int{10, 100} {
		before := a.db.RoundTrips()
		data := a.mustPost(q, map[string]any{"emp": ids["emp"], "first": first})
		roundTrips[first] = a.db.RoundTrips() - before
		edges, _ := dig(data, "vacancies", "edges").([]any)
		if len(edges) != first {
			t.Fatalf("first %d: got %d edges", first, len(edges))
		}
		if got := dig(edges[first-1], "node", "requirements", 1, "skill", "label"); got == nil {
			t.Fatalf("first %d: last vacancy lacks its second requirement: %v", first, edges[first-1])
		}
		if got := dig(data, "vacancies", "totalCount"); got != float64(100) {
			t.Errorf("totalCount = %v, want 100", got)
		}
	}
	t.Logf("Neo4j round trips: page of 10 = %d, page of 100 = %d", roundTrips[10], roundTrips[100])
	// find + count + employer + occupation + place + parents + requirements
	// + skills is 8; loaders batch by time, so allow a batch to split in two.
	const bound = 10
	for first, n := range roundTrips {
		if n > bound {
			t.Errorf("page of %d cost %d round trips, want at most %d whatever the page size", first, n, bound)
		}
	}
}

func TestReadEveryKindAndEdge(t *testing.T) {
	a := newAPI(t)
	ids := a.seedGraph()
	a.mustPost(`mutation($v: [VacancyInput!]!) { upsertVacancies(input: $v) { created } }`,
		map[string]any{"v": []any{vacancyInput(a.id("vac"), ids["emp"], ids["occ"], ids["lsoa"])}})
	a.mustPost(`mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": []map[string]any{{
		"id": a.id("person"), "orgId": a.id("org"), "name": "Alex Example", "placeId": ids["lsoa"], "travelKm": 10,
		"consentMatching": true, "seeks": []string{ids["occ"]}}}})
	a.mustPost(`mutation($id: ID!, $s: ID!) { linkPersonSkill(personId: $id, skill: {skillId: $s, level: 3}) { id } }`,
		map[string]any{"id": a.id("person"), "s": ids["skill1"]})
	a.mustPost(`mutation($p: ID!, $s: ID!, $o: ID!) { a: linkProgrammeSkill(programmeId: $p, skillId: $s) { id } b: linkProgrammeOccupation(programmeId: $p, occupationId: $o) { id } }`,
		map[string]any{"p": ids["prog"], "s": ids["skill1"], "o": ids["occ"]})

	data := a.mustPost(`query($occ: ID!, $skill: ID!, $la: ID!, $prov: ID!, $person: ID!) {
		occupation(id: $occ) { label requirements { skill { id } } vacancies { totalCount } programmes { nodes { title } } }
		skill(id: $skill) { occupations { nodes { id } } vacancies(openNow: true) { nodes { id } } programmes { nodes { id } } }
		place(id: $la) { children { nodes { id } } vacancies { totalCount } parents { kind } }
		provider(id: $prov) { programmes { nodes { teaches { id } leadsTo { id } provider { name } } } }
		person(id: $person) { name place { name } skills { level skill { label } } seeks { label } }
	}`, map[string]any{"occ": ids["occ"], "skill": ids["skill1"], "la": ids["la"], "prov": ids["prov"], "person": a.id("person")})

	checks := []struct {
		path []any
		want any
	}{
		{[]any{"occupation", "label"}, "healthcare assistant"},
		{[]any{"occupation", "requirements", 0, "skill", "id"}, ids["skill1"]},
		{[]any{"occupation", "vacancies", "totalCount"}, float64(1)},
		{[]any{"occupation", "programmes", "nodes", 0, "title"}, "Care academy"},
		{[]any{"skill", "occupations", "nodes", 0, "id"}, ids["occ"]},
		{[]any{"skill", "programmes", "nodes", 0, "id"}, ids["prog"]},
		{[]any{"place", "children", "nodes", 0, "id"}, ids["lsoa"]},
		{[]any{"place", "vacancies", "totalCount"}, float64(1)},
		{[]any{"place", "parents", 0, "kind"}, "REGION"},
		{[]any{"provider", "programmes", "nodes", 0, "teaches", 0, "id"}, ids["skill1"]},
		{[]any{"provider", "programmes", "nodes", 0, "leadsTo", 0, "id"}, ids["occ"]},
		{[]any{"provider", "programmes", "nodes", 0, "provider", "name"}, "Test College"},
		{[]any{"person", "place", "name"}, "Gloucester 001A"},
		{[]any{"person", "skills", 0, "level"}, float64(3)},
		{[]any{"person", "seeks", 0, "label"}, "healthcare assistant"},
	}
	for _, c := range checks {
		if got := dig(data, c.path...); got != c.want {
			t.Errorf("%v = %v, want %v", c.path, got, c.want)
		}
	}
}

func TestMutationsAreIdempotent(t *testing.T) {
	a := newAPI(t)
	ids := a.seedGraph()
	in := map[string]any{"v": []any{vacancyInput(a.id("vac"), ids["emp"], ids["occ"], ids["lsoa"])}}
	const m = `mutation($v: [VacancyInput!]!) { upsertVacancies(input: $v) { created updated } }`
	first := a.mustPost(m, in)
	second := a.mustPost(m, in)
	if got := dig(first, "upsertVacancies", "created"); got != float64(1) {
		t.Errorf("first upsert created = %v, want 1", got)
	}
	if got := dig(second, "upsertVacancies"); fmt.Sprint(got) != "map[created:0 updated:0]" {
		t.Errorf("second upsert = %v, want nothing created or updated", got)
	}
}

// badInputCase is a request that must fail with a code and change nothing.
type badInputCase struct {
	name  string
	query string
	vars  map[string]any
	code  string
	field string
}

func TestBadInput(t *testing.T) {
	a := newAPI(t)
	ids := a.seedGraph()
	vac := func(mut func(map[string]any)) map[string]any {
		v := vacancyInput(a.id("bad"), ids["emp"], ids["occ"], ids["lsoa"])
		mut(v)
		return map[string]any{"v": []any{v}}
	}
	const upsertVac = `mutation($v: [VacancyInput!]!) { upsertVacancies(input: $v) { created } }`
	cases := []badInputCase{
		{name: "latitude 91", query: upsertVac, vars: vac(func(v map[string]any) { v["location"] = map[string]any{"lat": 91, "lon": 0} }), code: "BAD_USER_INPUT", field: "location.lat"},
		{name: "empty title", query: upsertVac, vars: vac(func(v map[string]any) { v["title"] = "  " }), code: "BAD_USER_INPUT", field: "title"},
		{name: "10,000-character title", query: upsertVac, vars: vac(func(v map[string]any) { v["title"] = strings.Repeat("x", 10_000) }), code: "BAD_USER_INPUT", field: "title"},
		{name: "unknown employer", query: upsertVac, vars: vac(func(v map[string]any) { v["employerId"] = a.id("nobody") }), code: "NOT_FOUND"},
		{name: "unknown enum value", query: upsertVac, vars: vac(func(v map[string]any) { v["contract"] = "FOREVER" }), code: "BAD_USER_INPUT"},
		{name: "unknown enum literal", query: `{ vacancies(filter: {employerKind: MARTIAN}) { totalCount } }`, code: "BAD_USER_INPUT"},
		{name: "duplicate ids in one batch", query: upsertVac, vars: map[string]any{"v": []any{
			vacancyInput(a.id("bad"), ids["emp"], ids["occ"], ids["lsoa"]), vacancyInput(a.id("bad"), ids["emp"], ids["occ"], ids["lsoa"])}}, code: "CONFLICT"},
		{name: "unknown skill in link", query: `mutation($p: ID!, $s: ID!) { linkProgrammeSkill(programmeId: $p, skillId: $s) { id } }`,
			vars: map[string]any{"p": ids["prog"], "s": a.id("no-such-skill")}, code: "NOT_FOUND"},
		{name: "unknown programme in link", query: `mutation($p: ID!, $s: ID!) { linkProgrammeSkill(programmeId: $p, skillId: $s) { id } }`,
			vars: map[string]any{"p": a.id("no-such-programme"), "s": ids["skill1"]}, code: "NOT_FOUND"},
		{name: "person skill level 9", query: `mutation($s: ID!) { linkPersonSkill(personId: "x", skill: {skillId: $s, level: 9}) { id } }`,
			vars: map[string]any{"s": ids["skill1"]}, code: "BAD_USER_INPUT", field: "level"},
		{name: "page size over the maximum", query: `{ skills(first: 101) { totalCount } }`, code: "BAD_USER_INPUT", field: "first"},
		{name: "negative first", query: `{ skills(first: -1) { totalCount } }`, code: "BAD_USER_INPUT", field: "first"},
		{name: "malformed cursor", query: `{ skills(after: "%%%not-a-cursor") { totalCount } }`, code: "BAD_USER_INPUT", field: "after"},
		{name: "near with both point and place", query: `query($la: ID!) { vacancies(filter: {near: {placeId: $la, point: {lat: 51, lon: -2}, withinKm: 5}}) { totalCount } }`,
			vars: map[string]any{"la": ids["la"]}, code: "BAD_USER_INPUT", field: "near"},
		{name: "near an unknown place", query: `{ vacancies(filter: {near: {placeId: "E00000000-nowhere", withinKm: 5}}) { totalCount } }`, code: "NOT_FOUND", field: "near.placeId"},
		{name: "delete unknown id", query: `mutation($id: ID!) { deleteVacancy(id: $id) { deleted } }`, vars: map[string]any{"id": a.id("ghost")}, code: "NOT_FOUND"},
		{name: "syntax error", query: `{ skills(first: ) }`, code: "BAD_USER_INPUT"},
	}
	before := a.snapshot()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := a.post(tc.query, tc.vars)
			if res.code() != tc.code {
				t.Fatalf("code = %q, want %q (errors %+v)", res.code(), tc.code, res.Errors)
			}
			if tc.field != "" {
				if got := res.Errors[0].Extensions["field"]; got != tc.field {
					t.Errorf("field = %v, want %q", got, tc.field)
				}
			}
			if strings.Contains(strings.ToLower(res.Errors[0].Message), "cypher") || strings.Contains(res.Errors[0].Message, "MATCH") {
				t.Errorf("message leaks store details: %q", res.Errors[0].Message)
			}
		})
	}
	if after := a.snapshot(); after != before {
		t.Errorf("bad input changed the graph:\nbefore %s\nafter  %s", before, after)
	}
}

// snapshot summarises this test's nodes and their update times.
func (a *api) snapshot() string {
	a.t.Helper()
	data := a.mustPost(`query($emp: ID!) { vacancies(filter: {employerId: $emp}, first: 100) { totalCount nodes { id updatedAt } } }`,
		map[string]any{"emp": a.id("emp-trust")})
	b, _ := json.Marshal(data)
	return string(b)
}

func TestLimitsRejectBeforeExecution(t *testing.T) {
	a := newAPI(t)
	deep := "{ skills { nodes { occupations { nodes { requirements { skill { occupations { nodes { requirements { skill { occupations { nodes { id } } } } } } } } } } } } }"
	introspection := "{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } } } } } }"
	complex := "{ skills(first: 100) { nodes { occupations(first: 100) { nodes { vacancies(first: 100) { nodes { id } } } } } } }"
	var aliases strings.Builder
	aliases.WriteString("{")
	for i := range 40 {
		fmt.Fprintf(&aliases, " a%d: apiInfo { version }", i)
	}
	aliases.WriteString(" }")
	tokens := "{ " + strings.Repeat("apiInfo { version } ", 2000) + "}"
	cases := []badInputCase{
		{name: "deeply nested query", query: deep, code: "LIMIT_EXCEEDED"},
		{name: "deeply nested introspection", query: introspection, code: "LIMIT_EXCEEDED"},
		{name: "complexity multiplied by page sizes", query: complex, code: "LIMIT_EXCEEDED"},
		{name: "too many aliases", query: aliases.String(), code: "LIMIT_EXCEEDED"},
		{name: "too many tokens", query: tokens, code: "LIMIT_EXCEEDED"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			calls, trips := a.auth.calls.Load(), a.db.RoundTrips()
			res := a.post(tc.query, nil)
			if res.code() != tc.code {
				t.Fatalf("code = %q, want %q (errors %+v)", res.code(), tc.code, res.Errors)
			}
			if res.Data != nil {
				t.Errorf("data = %v, want none", res.Data)
			}
			if a.auth.calls.Load() != calls || a.db.RoundTrips() != trips {
				t.Errorf("resolvers ran for a query over the limits")
			}
		})
	}
}

func TestHTTPBoundaries(t *testing.T) {
	a := newAPI(t)
	t.Run("mutation over GET", func(t *testing.T) {
		q := url.Values{"query": {`mutation { deleteSkill(id: "x") { deleted } }`}}
		res := a.send(http.MethodGet, "/graphql?"+q.Encode(), nil)
		if res.Status != http.StatusMethodNotAllowed || res.code() != "BAD_USER_INPUT" {
			t.Errorf("status %d code %q, want 405 BAD_USER_INPUT", res.Status, res.code())
		}
	})
	t.Run("query over GET", func(t *testing.T) {
		q := url.Values{"query": {`{ apiInfo { maxPageSize } }`}}
		res := a.send(http.MethodGet, "/graphql?"+q.Encode(), nil)
		if got := dig(res.Data, "apiInfo", "maxPageSize"); got != float64(100) {
			t.Errorf("apiInfo.maxPageSize = %v (errors %v), want 100", got, res.Errors)
		}
	})
	t.Run("body over the limit", func(t *testing.T) {
		body := `{"query": "{ apiInfo { version } }", "variables": {"pad": "` + strings.Repeat("x", maxBody) + `"}}`
		res := a.send(http.MethodPost, "/graphql", strings.NewReader(body))
		if res.Status != http.StatusRequestEntityTooLarge || res.code() != "LIMIT_EXCEEDED" {
			t.Errorf("status %d code %q, want 413 LIMIT_EXCEEDED", res.Status, res.code())
		}
	})
	t.Run("probes", func(t *testing.T) {
		for _, p := range []string{"/healthz", "/readyz"} {
			res, err := http.Get(a.srv.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Errorf("GET %s = %d, want 200", p, res.StatusCode)
			}
		}
	})
}
