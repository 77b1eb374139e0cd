package graph

import (
	"slices"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestPartsNameRealFields checks that the tables of fields answered in
// part name fields of the schema, and which fields they leave to the whole
// read: a field added to Person or Vacancy is read whole until it is
// listed here.
func TestPartsNameRealFields(t *testing.T) {
	schema := NewExecutableSchema(&Resolver{}).Schema()
	for _, tc := range []struct {
		typ   string
		parts map[string][]string
		whole []string
	}{
		{"Person", personParts, []string{"equality"}},
		{"Vacancy", vacancyParts, nil},
	} {
		def := schema.Types[tc.typ]
		var whole []string
		for _, f := range def.Fields {
			if _, ok := tc.parts[f.Name]; !ok && f.Name != "__typename" {
				whole = append(whole, f.Name)
			}
		}
		if !slices.Equal(whole, tc.whole) {
			t.Errorf("%s fields read whole = %v, want %v", tc.typ, whole, tc.whole)
		}
		for name := range tc.parts {
			if name != "__typename" && def.Fields.ForName(name) == nil {
				t.Errorf("%s has no field %q", tc.typ, name)
			}
		}
	}
}

func TestPartFields(t *testing.T) {
	schema := NewExecutableSchema(&Resolver{}).Schema()
	sets := func(q string) []ast.SelectionSet {
		t.Helper()
		doc, err := gqlparser.LoadQuery(schema, q)
		if err != nil {
			t.Fatal(err)
		}
		edges := selection(doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet, "edges")
		return selections(edges, "person")
	}
	for _, tc := range []struct {
		query string
		want  []string
		ok    bool
	}{
		{`{ candidatesForVacancy(vacancyId: "v") { edges { person { id travelKm } } } }`, []string{"travelKm"}, true},
		{`{ candidatesForVacancy(vacancyId: "v") { edges { person { id } } } }`, nil, true},
		{`{ candidatesForVacancy(vacancyId: "v") { edges { a: person { name } b: person { place { id } name } } } }`, []string{"name", "placeId"}, true},
		{`{ candidatesForVacancy(vacancyId: "v") { edges { person { ... on Person { seeks { id } } ...P } } } } fragment P on Person { __typename history { from } }`,
			[]string{"history", "seeks"}, true},
		{`{ candidatesForVacancy(vacancyId: "v") { edges { person { id } ... on CandidateEdge { person { equality { sex } } } } } }`, nil, false},
		{`{ candidatesForVacancy(vacancyId: "v") { edges { person { ...P } } } } fragment P on Person { equality { sex } }`, nil, false},
	} {
		got, ok := partFields(personParts, sets(tc.query)...)
		if ok != tc.ok || !slices.Equal(got, tc.want) {
			t.Errorf("partFields(%s) = %v, %v; want %v, %v", tc.query, got, ok, tc.want, tc.ok)
		}
	}
}
