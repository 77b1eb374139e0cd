package bench

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"go.opentelemetry.io/otel"

	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// TestSlowestPagesAreBrokenDown runs bench match on a small graph in the
// real Neo4j and checks that --slowest breaks each slowest page down into
// the server, the engine and the page's Neo4j round trips, from spans of
// that page alone, and that the bench puts back the tracer it found.
func TestSlowestPagesAreBrokenDown(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	id := func(kind string) string { return storetest.ID(t, kind) }
	s1, s2, emp := id("Skill"), id("Skill"), id("Employer")
	must := func(what string, _ workforce.WriteResult, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	r, err := db.UpsertSkills(ctx, []*workforce.Skill{{ID: s1, Label: "stock control"}, {ID: s2, Label: "customer service"}})
	must("skills", r, err)
	r, err = db.UpsertEmployers(ctx, []*workforce.Employer{{ID: emp, Name: "Bench test employer", Kind: workforce.EmployerVCSE}})
	must("employer", r, err)
	var vacancies []*workforce.Vacancy
	var reqs []store.BulkRequirement
	for range 3 {
		v := &workforce.Vacancy{ID: id("Vacancy"), Title: "Stores assistant", EmployerID: emp}
		vacancies = append(vacancies, v)
		reqs = append(reqs, store.BulkRequirement{FromID: v.ID, Requirement: workforce.Requirement{SkillID: s1, Essential: true, Source: "partner", Confidence: 1}})
	}
	if _, _, err := db.BulkCreateVacancies(ctx, vacancies, reqs); err != nil {
		t.Fatal(err)
	}
	var people []*workforce.Person
	var skills []store.BulkPersonSkill
	for range 4 {
		p := &workforce.Person{ID: id("Person"), OrgID: "bench-org", Name: "Bench person", TravelKm: 10, RightToWork: true, ConsentMatching: true}
		people = append(people, p)
		skills = append(skills, store.BulkPersonSkill{PersonID: p.ID, PersonSkill: workforce.PersonSkill{SkillID: s1, Level: 3, Source: "self"}},
			store.BulkPersonSkill{PersonID: p.ID, PersonSkill: workforce.PersonSkill{SkillID: s2, Level: 2, Source: "self"}})
	}
	if _, _, err := db.BulkCreatePeople(ctx, people, skills); err != nil {
		t.Fatal(err)
	}

	before := otel.GetTracerProvider()
	var out bytes.Buffer
	if err := Run(ctx, []string{"match", "--samples", "3", "--warmup", "0", "--cypher-samples", "1", "--response-cache", "0", "--slowest", "2"}, db, &out); err != nil {
		t.Fatalf("bench match: %v\n%s", err, out.String())
	}
	if otel.GetTracerProvider() != before {
		t.Error("the bench left its in-memory tracer installed")
	}
	text := out.String()
	t.Log(text)
	for _, page := range []string{"candidatesForVacancy", "vacanciesForPerson"} {
		head := regexp.MustCompile(page + `, slowest (\d+) \(ms\):\n((?:  .*\n)+)`).FindStringSubmatch(text)
		if head == nil {
			t.Errorf("no slowest %s pages in:\n%s", page, text)
			continue
		}
		lines := strings.Split(strings.TrimSuffix(head[2], "\n"), "\n")
		if head[1] != "2" || len(lines) != 2 {
			t.Errorf("%s: %s slowest pages, %d lines; want 2:\n%s", page, head[1], len(lines), head[2])
		}
		// Every page reads its nodes' display fields from Neo4j at least
		// once; a page whose trace was mixed with another's would show
		// two server spans.
		line := regexp.MustCompile(`^  \S+ [\d.]+ \(engine alone [\d.]+\): server [\d.]+, resolver [\d.]+, engine [\d.]+, (\d+) Neo4j round trips \[[\d.]+ at [\d.]+`)
		for _, l := range lines {
			if !line.MatchString(l) || strings.Count(l, "server ") != 1 {
				t.Errorf("%s: not a breakdown of one page: %q", page, l)
			}
		}
	}
}
