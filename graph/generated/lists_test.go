package generated

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestReachesConcurrent checks which selections of a vacancy's
// requirements marshal in order: those that reach no resolver.
func TestReachesConcurrent(t *testing.T) {
	tests := []struct {
		name, selection string
		want            bool
	}{
		{"plain fields", `essential source skill { id label }`, false},
		{"typename", `__typename skill { __typename label }`, false},
		{"inline fragment on the type", `... on Requirement { essential skill { label } }`, false},
		{"named fragment on the type", `...req`, false},
		{"resolver under a plain field", `essential skill { label broader { id } }`, true},
		{"deferred fragment", `essential ... @defer { skill { label } }`, true},
		{"resolver in a fragment", `... on Requirement { skill { related { id } } }`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := `query { vacancy(id: "v") { requirements { ` + tc.selection + ` } } }`
			if strings.Contains(tc.selection, "...req") {
				q += ` fragment req on Requirement { essential skill { label } }`
			}
			doc, err := gqlparser.LoadQuery(parsedSchema, q)
			if err != nil {
				t.Fatalf("LoadQuery: %v", err)
			}
			vacancy := doc.Operations[0].SelectionSet[0].(*ast.Field)
			reqs := vacancy.SelectionSet[0].(*ast.Field)
			if got := reachesConcurrent(reqs.Definition.Type.Name(), reqs.SelectionSet); got != tc.want {
				t.Errorf("reachesConcurrent(%q) = %v, want %v", tc.selection, got, tc.want)
			}
		})
	}
	if !reachesConcurrent("NoSuchType", ast.SelectionSet{&ast.Field{Name: "id"}}) {
		t.Error("reachesConcurrent on an unknown type = false, want true")
	}
}

// TestMarshallersRewritten checks that the generated code was made by
// tools/gqlgen, not by `gqlgen generate` alone, which would bring back a
// goroutine per list element and a path per object, and resolve every leaf
// field and write every object through gqlgen's general paths.
func TestMarshallersRewritten(t *testing.T) {
	b, err := os.ReadFile("generated.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"graphql.MarshalSliceConcurrently(", "graphql.NewDeferredGroup("} {
		if n := strings.Count(string(b), s); n > 0 {
			t.Errorf("generated.go calls %s %d times; regenerate with go run ./tools/gqlgen", s, n)
		}
	}
	// One call of each stands for the rest of that part of the rewrite.
	for _, s := range []string{"\tif obj != nil {\n\t\treturn marshalStringAt(&obj.Label)\n\t}\n",
		"\tif obj != nil {\n\t\treturn ec.marshalNBoolean2bool(ctx, field.Selections, obj.Essential)\n\t}\n",
		"boundObject(ctx, ec, field, obj.SkillNode, ", "ec.collectFields(sel, skillImplementors)", "return objectValue{fields, out.Values}"} {
		if !strings.Contains(string(b), s) {
			t.Errorf("generated.go has no %q; regenerate with go run ./tools/gqlgen", s)
		}
	}
}

// TestMarshalListAsGqlgen checks that a list marshalled in order writes
// and reports what graphql.MarshalSliceConcurrently does: values, an
// element that reports an error at its path, and one that panics.
func TestMarshalListAsGqlgen(t *testing.T) {
	q := `{ vacancy(id: "v") { requirements { essential } } }`
	doc, err := gqlparser.LoadQuery(parsedSchema, q)
	if err != nil {
		t.Fatal(err)
	}
	reqs := doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet[0].(*ast.Field)
	element := func(ctx context.Context, i int) graphql.Marshaler {
		switch i {
		case 2:
			graphql.AddErrorf(ctx, "element %d is wrong", i)
			return graphql.Null
		case 4:
			panic("broken element")
		}
		return graphql.MarshalInt(i)
	}
	run := func(marshal func(context.Context, *executionContext) graphql.Marshaler) (string, string) {
		oc := &graphql.OperationContext{RawQuery: q, Doc: doc, Operation: doc.Operations[0],
			RecoverFunc: func(ctx context.Context, err any) error { return fmt.Errorf("recovered: %v", err) }}
		ctx := graphql.WithOperationContext(context.Background(), oc)
		ctx = graphql.WithResponseContext(ctx, graphql.DefaultErrorPresenter, oc.RecoverFunc)
		ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Object: "Vacancy", Field: graphql.CollectedField{Field: reqs, Selections: reqs.SelectionSet}})
		ec := newExecutionContext(oc, &executableSchema{}, nil)
		var buf bytes.Buffer
		marshal(ctx, ec).MarshalGQL(&buf)
		// gqlgen's goroutines report in any order.
		var errs []string
		for _, e := range graphql.GetErrors(ctx) {
			errs = append(errs, e.Error())
		}
		slices.Sort(errs)
		return buf.String(), strings.Join(errs, "; ")
	}
	wantOut, wantErrs := run(func(ctx context.Context, _ *executionContext) graphql.Marshaler {
		return graphql.MarshalSliceConcurrently(ctx, 6, 0, false, element)
	})
	gotOut, gotErrs := run(func(ctx context.Context, ec *executionContext) graphql.Marshaler {
		return ec.marshalList(ctx, reqs.SelectionSet, 6, element)
	})
	if gotOut != wantOut || gotErrs != wantErrs {
		t.Errorf("marshalList = %s, errors %s; MarshalSliceConcurrently = %s, errors %s", gotOut, gotErrs, wantOut, wantErrs)
	}
}
