package generated

import (
	"os"
	"strings"
	"testing"

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
	for _, s := range []string{"\tif obj != nil {\n\t\treturn ec.marshalNString2string(ctx, field.Selections, obj.Label)\n\t}\n",
		"boundObject(ctx, ec, field, obj.SkillNode, ", "ec.collectFields(sel, skillImplementors)", "return objectValue{fields, out.Values}"} {
		if !strings.Contains(string(b), s) {
			t.Errorf("generated.go has no %q; regenerate with go run ./tools/gqlgen", s)
		}
	}
}
