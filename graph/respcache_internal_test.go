package graph

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/onework/onework/auth"
	"github.com/onework/onework/workforce"
)

// operation parses and validates q against the served schema.
func operation(t *testing.T, q string) *ast.OperationDefinition {
	t.Helper()
	doc, errs := gqlparser.LoadQuery(NewExecutableSchema(&Resolver{}).Schema(), q)
	if len(errs) > 0 {
		t.Fatalf("%s: %v", q, errs)
	}
	return doc.Operations[0]
}

func TestResponseCacheKeepsOnlyQueriesOverCachedKinds(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want bool
	}{
		{`{ vacancy(id: "v") { id title employer { name } requirements { essential skill { label } } } }`, true},
		{`{ vacancies(first: 20) { edges { cursor node { id occupation { label } place { name } } } pageInfo { hasNextPage } } }`, true},
		{`query($id: ID!) { vacancy(id: $id) { ...V } } fragment V on Vacancy { title employer { place { name } } }`, true},
		{`query($skip: Boolean!) { vacancy(id: "v") { title @skip(if: $skip) } }`, true},
		// What is open depends on the time of the request.
		{`{ vacancy(id: "v") { openNow } }`, false},
		{`{ vacancies(filter: { openNow: true }) { nodes { id } } }`, false},
		{`query($f: VacancyFilter) { vacancies(filter: $f) { nodes { id } } }`, false},
		// Neither people nor skill links nor employers' pages are in the process cache.
		{`{ person(id: "p") { id } }`, false},
		{`{ vacancy(id: "v") { requirements { skill { broader { id } } } } }`, false},
		{`{ vacancy(id: "v") { employer { vacancies { nodes { id } } } } }`, false},
		{`{ vacancy(id: "v") { place { imdDecile } } }`, false},
		{`{ candidatesForVacancy(vacancyId: "v") { edges { score } } }`, false},
		{`{ __schema { queryType { name } } }`, false},
		{`mutation { deleteVacancy(id: "v") { deleted } }`, false},
	} {
		op := operation(t, tc.q)
		got := op.Operation == ast.Query && cacheableSet(op.SelectionSet, "Query")
		if got != tc.want {
			t.Errorf("cacheable(%s) = %v, want %v", tc.q, got, tc.want)
		}
	}
}

type fakeEpoch struct{ n uint64 }

func (f *fakeEpoch) Epoch() uint64 { return f.n }

// TestResponseCacheServesUntilTheEpochMoves checks that a kept response is
// served again, per caller and variables, and never after an invalidation
// or when the execution raced one.
func TestResponseCacheServesUntilTheEpochMoves(t *testing.T) {
	epoch := &fakeEpoch{}
	c := newResponseCache(epoch, 10)
	const q = `query($id: ID!) { vacancy(id: $id) { title } }`
	op := operation(t, q)
	runs := 0
	var during func()
	run := func(ctx context.Context, vars map[string]any) string {
		ctx = graphql.WithOperationContext(ctx, &graphql.OperationContext{RawQuery: q, Operation: op, Variables: vars})
		resp := c.around(ctx, func(context.Context) *graphql.Response {
			runs++
			if during != nil {
				during()
			}
			data, _ := json.Marshal(map[string]any{"run": runs})
			return &graphql.Response{Data: data}
		})
		return string(resp.Data)
	}
	ctx := context.Background()
	a := map[string]any{"id": "a"}
	first := run(ctx, a)
	if again := run(ctx, a); again != first || runs != 1 {
		t.Fatalf("second read = %s after %d runs, want %s from the cache", again, runs, first)
	}
	if run(ctx, map[string]any{"id": "b"}); runs != 2 {
		t.Errorf("other variables ran %d times in all, want 2", runs)
	}
	if run(auth.WithUser(ctx, &auth.User{Subject: "u", Role: auth.RoleAdmin}), a); runs != 3 {
		t.Errorf("another caller ran %d times in all, want 3", runs)
	}
	epoch.n++
	if got := run(ctx, a); got == first || runs != 4 {
		t.Errorf("read after an invalidation = %s (%d runs), want a fresh run", got, runs)
	}
	// An execution during which the epoch moved is not kept.
	epoch.n++
	during = func() { epoch.n++ }
	run(ctx, a)
	during = nil
	if run(ctx, a); runs != 6 {
		t.Errorf("read after a raced execution ran %d times in all, want 6", runs)
	}
}

// TestResponseCacheCoversOnlyKindsEveryoneMayRead ties the response cache,
// which answers without running resolvers and so without asking the
// policy again, to the policy's rule that every caller, signed in or not,
// may read the kinds it covers: were that rule to change, the kept
// responses would skip the new check, and this test fails.
func TestResponseCacheCoversOnlyKindsEveryoneMayRead(t *testing.T) {
	p := &auth.Policy{}
	callers := []*auth.User{nil}
	for _, r := range auth.Roles {
		callers = append(callers, &auth.User{Subject: "s", Role: r, OrgID: "o"})
	}
	for _, kind := range []workforce.Kind{workforce.KindVacancy, workforce.KindEmployer, workforce.KindOccupation,
		workforce.KindPlace, workforce.KindSkill} {
		for _, u := range callers {
			ctx := context.Background()
			if u != nil {
				ctx = auth.WithUser(ctx, u)
			}
			if err := p.Authorize(ctx, workforce.ActionRead, kind, "id", nil); err != nil {
				t.Errorf("reading a %s as %+v: %v; the response cache must not keep it", kind, u, err)
			}
		}
	}
}
