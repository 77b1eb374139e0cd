package generated

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
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
// resolver that fails), a skill and a nil.
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
	values := map[string]*workforce.Skill{"skill": skill, "dated": &dated, "nil": nil}
	for _, sc := range selections {
		for vname, v := range values {
			t.Run(sc.name+"/"+vname, func(t *testing.T) {
				// other uses what the selection may not, as validation requires.
				q := `query($yes: Boolean!) { candidatesForVacancy(vacancyId: "v") { edges { skills { skill { ` + sc.sel + ` } } } }
					other: candidatesForVacancy(vacancyId: "w") { edges { skills { skill { ...s ...l id @include(if: $yes) } } } } }
					fragment s on Skill { reuseLevel id }
					fragment l on Skill { altLabels }`
				vars := map[string]any{"yes": true}
				field := skillField(t, q)
				obj := &model.SkillMatch{SkillNode: v}
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

// TestBoundObjectOutOfTheOrdinary checks that boundObject hands what a
// bound field never gives (a resolver error, an untyped nil, a value of
// another type, a panic, middleware on the field) to graphql.ResolveField,
// which reports it as it would have.
func TestBoundObjectOutOfTheOrdinary(t *testing.T) {
	q := `{ candidatesForVacancy(vacancyId: "v") { edges { skills { skill { id label } } } } }`
	field := skillField(t, q)
	skill := &workforce.Skill{ID: "s1", Label: "infection control"}
	tag := func(ctx context.Context, next graphql.Resolver) graphql.Resolver {
		return func(ctx context.Context) (any, error) {
			_, err := next(ctx)
			return &workforce.Skill{ID: "s2", Label: "through middleware"}, err
		}
	}
	tests := []struct {
		name       string
		resolve    func(context.Context) (any, error)
		middleware func(context.Context, graphql.Resolver) graphql.Resolver
	}{
		{"value", func(context.Context) (any, error) { return skill, nil }, nil},
		{"error", func(context.Context) (any, error) { return nil, errors.New("no skill") }, nil},
		{"error with a value", func(context.Context) (any, error) { return skill, errors.New("no skill") }, nil},
		{"untyped nil", func(context.Context) (any, error) { return nil, nil }, nil},
		{"other type", func(context.Context) (any, error) { return "s1", nil }, nil},
		{"value type", func(context.Context) (any, error) { return *skill, nil }, nil},
		{"panic", func(context.Context) (any, error) { panic("broken skill") }, nil},
		{"middleware", func(context.Context) (any, error) { return skill, nil }, tag},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			run := func(helper func(context.Context, *graphql.OperationContext, graphql.CollectedField,
				func(context.Context, graphql.CollectedField) (*graphql.FieldContext, error),
				func(context.Context) (any, error), func(context.Context, graphql.Resolver) graphql.Resolver,
				func(context.Context, ast.SelectionSet, *workforce.Skill) graphql.Marshaler, bool, bool) graphql.Marshaler) (string, string) {
				return resolveAt(t, q, nil, func(ctx context.Context, ec *executionContext) graphql.Marshaler {
					return helper(ctx, ec.OperationContext, field,
						func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
							return ec.fieldContext_SkillMatch_skill(ctx, field)
						},
						tc.resolve, tc.middleware,
						func(ctx context.Context, sel ast.SelectionSet, v *workforce.Skill) graphql.Marshaler {
							return ec.marshalNSkill2ᚖgithubᚗcomᚋoneworkᚋoneworkᚋworkforceᚐSkill(ctx, sel, v)
						},
						true, true)
				})
			}
			wantOut, wantErrs := run(graphql.ResolveField[*workforce.Skill])
			gotOut, gotErrs := run(boundObject[workforce.Skill])
			if gotOut != wantOut || gotErrs != wantErrs {
				t.Errorf("boundObject = %s, errors %s; ResolveField = %s, errors %s", gotOut, gotErrs, wantOut, wantErrs)
			}
		})
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
