package generated

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/google/go-cmp/cmp"
	"github.com/onework/onework/graph/model"
	"github.com/onework/onework/workforce"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// resolveAt runs resolve in a context as the executor makes one for the
// operation of query: under a field context, with an error list, and
// returns what it wrote and the errors it reported (paths included).
func resolveAt(t *testing.T, query string, vars map[string]any, resolve func(context.Context, *executionContext) graphql.Marshaler) (string, string) {
	t.Helper()
	doc, err := gqlparser.LoadQuery(parsedSchema, query)
	if err != nil {
		t.Fatalf("LoadQuery: %v", err)
	}
	oc := &graphql.OperationContext{
		RawQuery:           query,
		Doc:                doc,
		Operation:          doc.Operations[0],
		Variables:          vars,
		RecoverFunc:        func(ctx context.Context, err any) error { return fmt.Errorf("recovered: %v", err) },
		ResolverMiddleware: func(ctx context.Context, next graphql.Resolver) (any, error) { return next(ctx) },
	}
	ctx := graphql.WithOperationContext(context.Background(), oc)
	ctx = graphql.WithResponseContext(ctx, graphql.DefaultErrorPresenter, oc.RecoverFunc)
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Object: "CandidateEdge", Field: graphql.CollectedField{Field: &ast.Field{Alias: "skills"}}})
	i := 3
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
	ec := newExecutionContext(oc, &executableSchema{}, nil)
	var buf bytes.Buffer
	resolve(ctx, ec).MarshalGQL(&buf)
	return buf.String(), fmt.Sprint(graphql.GetErrors(ctx))
}

// skillField returns the skill field of a matched skill as a query selects it.
func skillField(t *testing.T, query string) graphql.CollectedField {
	t.Helper()
	doc, err := gqlparser.LoadQuery(parsedSchema, query)
	if err != nil {
		t.Fatalf("LoadQuery: %v", err)
	}
	f := doc.Operations[0].SelectionSet[0].(*ast.Field) // candidatesForVacancy
	f = f.SelectionSet[0].(*ast.Field)                  // edges
	f = f.SelectionSet[0].(*ast.Field)                  // skills
	f = f.SelectionSet[0].(*ast.Field)                  // skill
	return graphql.CollectedField{Field: f, Selections: f.SelectionSet}
}

// TestBoundObjectAsResolveField checks that a matched skill's skill,
// resolved by boundObject, answers and reports errors byte for byte as
// the function gqlgen generates for it, which calls graphql.ResolveField
// with the same arguments: plain selections (repeated aliases, @include
// and @skip, fragments, __typename) and others (a list, a time, a
// resolver that fails), a skill, a nil skill and a nil match.
func TestBoundObjectAsResolveField(t *testing.T) {
	skill := &workforce.Skill{ID: "http://data.europa.eu/esco/skill/s1", Label: `infection "control" <&>`,
		AltLabels: []string{"hygiene"}, Description: "keeping wards clean", Type: "knowledge", ReuseLevel: "cross-sector"}
	dated := *skill
	dated.UpdatedAt = time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	selections := []struct{ name, sel string }{
		{"plain", `id label`},
		{"typename", `__typename id __typename`},
		{"every plain field", `id label description type reuseLevel`},
		{"repeated aliases", `a: label b: id a: label id`},
		{"include and skip", `id label @include(if: $yes) description @skip(if: $yes) type @include(if: false)`},
		{"fragments", `... on Skill { id } ...s ... { label }`},
		{"a list", `id altLabels`},
		{"a time", `label updatedAt`},
		{"a fragment with a list", `id ...l`},
		// No resolvers are set, so a resolver field fails, reported at its path.
		{"a resolver", `label broader { id }`},
	}
	values := map[string]*model.SkillMatch{"skill": {SkillNode: skill}, "dated": {SkillNode: &dated}, "nil": {}, "no match": nil}
	for _, sc := range selections {
		for vname, obj := range values {
			t.Run(sc.name+"/"+vname, func(t *testing.T) {
				// other uses what the selection may not, as validation requires.
				q := `query($yes: Boolean!) { candidatesForVacancy(vacancyId: "v") { edges { skills { skill { ` + sc.sel + ` } } } }
					other: candidatesForVacancy(vacancyId: "w") { edges { skills { skill { ...s ...l id @include(if: $yes) } } } } }
					fragment s on Skill { reuseLevel id }
					fragment l on Skill { altLabels }`
				vars := map[string]any{"yes": true}
				field := skillField(t, q)
				wantOut, wantErrs := resolveAt(t, q, vars, func(ctx context.Context, ec *executionContext) graphql.Marshaler {
					// The call gqlgen generates for SkillMatch.skill.
					return graphql.ResolveField(ctx, ec.OperationContext, field,
						func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
							return ec.fieldContext_SkillMatch_skill(ctx, field)
						},
						func(ctx context.Context) (any, error) { return obj.SkillNode, nil },
						nil,
						func(ctx context.Context, selections ast.SelectionSet, v *workforce.Skill) graphql.Marshaler {
							return ec.marshalNSkill2ᚖgithubᚗcomᚋoneworkᚋoneworkᚋworkforceᚐSkill(ctx, selections, v)
						},
						true, true)
				})
				gotOut, gotErrs := resolveAt(t, q, vars, func(ctx context.Context, ec *executionContext) graphql.Marshaler {
					return ec._SkillMatch_skill(ctx, field, obj)
				})
				if gotOut != wantOut || gotErrs != wantErrs {
					t.Errorf("boundObject = %s, errors %s; ResolveField = %s, errors %s", gotOut, gotErrs, wantOut, wantErrs)
				}
			})
		}
	}
}

// TestBoundObjectPanics checks that boundObject gives up on a marshaller
// that panics without reporting anything, so that the field's function
// goes through graphql.ResolveField, which reports the panic at the
// field's path (as TestBoundObjectAsResolveField's nil match shows).
func TestBoundObjectPanics(t *testing.T) {
	q := `{ candidatesForVacancy(vacancyId: "v") { edges { skills { skill { id label } } } } }`
	field := skillField(t, q)
	var ok bool
	_, errs := resolveAt(t, q, nil, func(ctx context.Context, ec *executionContext) graphql.Marshaler {
		var m graphql.Marshaler
		m, ok = boundObject(ctx, ec, field, &workforce.Skill{ID: "s1"},
			func(*executionContext, context.Context, ast.SelectionSet, *workforce.Skill) graphql.Marshaler {
				panic("broken skill")
			})
		if m == nil {
			return graphql.Null
		}
		return m
	})
	if ok || errs != "" {
		t.Errorf("boundObject with a panicking marshaller: ok %v, errors %s; want false and none", ok, errs)
	}
}

// TestPlainSelection checks which selections of a skill need no field
// context: those that collect only leaf fields that cannot fail.
func TestPlainSelection(t *testing.T) {
	tests := []struct {
		name, selection string
		want            bool
	}{
		{"leaf fields", `id label`, true},
		{"typename", `__typename label`, true},
		{"aliases", `a: label a: label b: id`, true},
		{"include and skip", `id @include(if: true) label @skip(if: false)`, true},
		{"inline fragment on the type", `... on Skill { id } ... { label }`, true},
		{"named fragment on the type", `...s`, true},
		{"a list of strings", `id altLabels`, false},
		{"a time", `label updatedAt`, false},
		{"a resolver", `label broader { id }`, false},
		{"deferred fragment", `id ... @defer { label }`, false},
		{"a list in a fragment", `... on Skill { altLabels }`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := `{ candidatesForVacancy(vacancyId: "v") { edges { skills { skill { ` + tc.selection + ` } } } }
				other: candidatesForVacancy(vacancyId: "w") { edges { skills { skill { ...s } } } } } fragment s on Skill { id label }`
			f := skillField(t, q)
			if got := plainSelection("Skill", f.Selections); got != tc.want {
				t.Errorf("plainSelection(%q) = %v, want %v", tc.selection, got, tc.want)
			}
		})
	}
	if plainSelection("NoSuchType", ast.SelectionSet{&ast.Field{Name: "id"}}) {
		t.Error("plainSelection on an unknown type = true, want false")
	}
}

// TestCollectFieldsAsGqlgen checks that the request's collectFields gives
// what graphql.CollectFields gives, for the same selection set collected
// for two types, twice each, with fragments and @include and @skip on
// variables, and that it keeps one entry per selection set and type.
func TestCollectFieldsAsGqlgen(t *testing.T) {
	q := `query($yes: Boolean!) { candidatesForVacancy(vacancyId: "v") { edges { skills { skill {
		a: id label @include(if: $yes) description @skip(if: $yes) ... on Skill { type } ...s __typename a: id } } } } }
		fragment s on Skill { reuseLevel @skip(if: false) }`
	field := skillField(t, q)
	for _, yes := range []bool{true, false} {
		doc, err := gqlparser.LoadQuery(parsedSchema, q)
		if err != nil {
			t.Fatal(err)
		}
		oc := &graphql.OperationContext{RawQuery: q, Doc: doc, Operation: doc.Operations[0], Variables: map[string]any{"yes": yes}}
		ec := newExecutionContext(oc, &executableSchema{}, nil)
		for range 2 {
			for _, implementors := range [][]string{skillImplementors, occupationImplementors} {
				want := graphql.CollectFields(oc, field.Selections, implementors)
				got := ec.collectFields(field.Selections, implementors)
				if diff := cmp.Diff(aliases(want), aliases(got)); diff != "" {
					t.Errorf("collectFields for %v, $yes %v (-CollectFields +collectFields):\n%s", implementors, yes, diff)
				}
			}
		}
		if n := len(ec.collected.fields); n != 2 {
			t.Errorf("collectFields kept %d entries, want 2", n)
		}
	}
}

// aliases lists collected fields as alias:name.
func aliases(fields []graphql.CollectedField) []string {
	var out []string
	for _, f := range fields {
		out = append(out, f.Alias+":"+f.Name)
	}
	return out
}
