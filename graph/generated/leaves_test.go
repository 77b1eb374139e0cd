package generated

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestObjectValueWritesAsFieldSet checks that an object written by
// objectValue has the bytes graphql.FieldSet writes, a repeated alias and
// an alias that is not a name included.
func TestObjectValueWritesAsFieldSet(t *testing.T) {
	tests := []struct {
		name    string
		aliases []string
	}{
		{"one field", []string{"id"}},
		{"names", []string{"id", "label", "_x9", "Essential"}},
		{"repeated alias", []string{"a", "b", "a", "c", "b"}},
		{"alias needing quotes", []string{"a", `q"u\o<te>`, "é"}},
		{"no field", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fields := make([]graphql.CollectedField, len(tc.aliases))
			for i, a := range tc.aliases {
				fields[i] = graphql.CollectedField{Field: &ast.Field{Alias: a, Name: "f"}}
			}
			set := graphql.NewFieldSet(fields)
			for i := range fields {
				set.Values[i] = graphql.MarshalString(fmt.Sprintf("value %d", i))
			}
			var want, got bytes.Buffer
			set.MarshalGQL(&want)
			objectValue{fields, set.Values}.MarshalGQL(&got)
			if diff := cmp.Diff(want.String(), got.String()); diff != "" {
				t.Errorf("objectValue wrote (-FieldSet +objectValue):\n%s", diff)
			}
		})
	}
}

// TestLeafFieldAsResolveField checks that leafField answers and reports
// errors as graphql.ResolveField does: a value, a resolver error, a nil
// for a non-null field, a value of another type, a panic, and a field with
// middleware, which must run.
func TestLeafFieldAsResolveField(t *testing.T) {
	field := graphql.CollectedField{Field: &ast.Field{Alias: "label", Name: "label",
		Definition: &ast.FieldDefinition{Name: "label", Type: ast.NonNullNamedType("String", nil)}}}
	initialize := func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
		return graphql.NewScalarFieldContext("Skill", field, false, false, "String")
	}
	marshal := func(ctx context.Context, sel ast.SelectionSet, v string) graphql.Marshaler {
		return graphql.MarshalString(v)
	}
	tag := func(ctx context.Context, next graphql.Resolver) graphql.Resolver {
		return func(ctx context.Context) (any, error) {
			v, err := next(ctx)
			return fmt.Sprint(v, " (through middleware)"), err
		}
	}
	tests := []struct {
		name       string
		resolve    func(context.Context) (any, error)
		middleware func(context.Context, graphql.Resolver) graphql.Resolver
	}{
		{"value", func(context.Context) (any, error) { return "infection control", nil }, nil},
		{"error", func(context.Context) (any, error) { return nil, errors.New("no label") }, nil},
		{"nil", func(context.Context) (any, error) { return nil, nil }, nil},
		{"other type", func(context.Context) (any, error) { return 42, nil }, nil},
		{"panic", func(context.Context) (any, error) { panic("broken skill") }, nil},
		{"middleware", func(context.Context) (any, error) { return "infection control", nil }, tag},
	}
	run := func(resolve func(context.Context, *graphql.OperationContext) graphql.Marshaler) (string, string) {
		oc := &graphql.OperationContext{
			RecoverFunc:        func(ctx context.Context, err any) error { return fmt.Errorf("recovered: %v", err) },
			ResolverMiddleware: func(ctx context.Context, next graphql.Resolver) (any, error) { return next(ctx) },
		}
		ctx := graphql.WithOperationContext(context.Background(), oc)
		ctx = graphql.WithResponseContext(ctx, graphql.DefaultErrorPresenter, oc.RecoverFunc)
		ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Object: "Query", Field: graphql.CollectedField{Field: &ast.Field{Alias: "skill"}}})
		var buf bytes.Buffer
		resolve(ctx, oc).MarshalGQL(&buf)
		return buf.String(), fmt.Sprint(graphql.GetErrors(ctx))
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantOut, wantErrs := run(func(ctx context.Context, oc *graphql.OperationContext) graphql.Marshaler {
				return graphql.ResolveField(ctx, oc, field, initialize, tc.resolve, tc.middleware, marshal, true, true)
			})
			gotOut, gotErrs := run(func(ctx context.Context, oc *graphql.OperationContext) graphql.Marshaler {
				return leafField(ctx, oc, field, initialize, tc.resolve, tc.middleware, marshal, true, true)
			})
			if gotOut != wantOut || gotErrs != wantErrs {
				t.Errorf("leafField = %s, errors %s; ResolveField = %s, errors %s", gotOut, gotErrs, wantOut, wantErrs)
			}
		})
	}
}
