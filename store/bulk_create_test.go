package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// TestBulkCreatePeople creates people with their skills in one query and
// checks that the upserts find exactly what they would have written
// themselves: nothing to change.
func TestBulkCreatePeople(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	id := bulkWorld(t, db)
	from := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	p1, p2 := storetest.ID(t, "Person"), storetest.ID(t, "Person")
	people := []*workforce.Person{
		{ID: p1, OrgID: "bulk-org", Name: "One", PlaceID: id["place"], Location: &workforce.Point{Lat: 51.5, Lon: -2.5},
			TravelKm: 10, HoursPerWeek: 37.5, RightToWork: true, ConsentMatching: true, Seeks: []string{id["o2"]},
			History: []workforce.Job{{OccupationID: id["o1"], From: &from}}},
		{ID: p2, Name: "Two"},
	}
	skills := []store.BulkPersonSkill{
		{PersonID: p1, PersonSkill: workforce.PersonSkill{SkillID: id["s1"], Level: 3, Source: "self"}},
		{PersonID: p1, PersonSkill: workforce.PersonSkill{SkillID: id["s2"], Level: 1, Source: "adviser"}},
		{PersonID: p2, PersonSkill: workforce.PersonSkill{SkillID: id["s2"], Level: 2, Source: "self"}},
		{PersonID: p2, PersonSkill: workforce.PersonSkill{SkillID: "no-such-skill", Level: 2, Source: "self"}},
	}
	nodes, links, err := db.BulkCreatePeople(ctx, people, skills)
	wantCounts(t, "BulkCreatePeople nodes", nodes, err, store.BulkCounts{Created: 2})
	wantCounts(t, "BulkCreatePeople links", links, err, store.BulkCounts{Created: 3, Missing: 1})

	r, err := db.UpsertPeople(ctx, people)
	if err != nil || r != (workforce.WriteResult{}) {
		t.Errorf("UpsertPeople after BulkCreatePeople = %+v, %v; want nothing written", r, err)
	}
	c, err := db.BulkPersonSkills(ctx, skills)
	wantCounts(t, "BulkPersonSkills after BulkCreatePeople", c, err, store.BulkCounts{Unchanged: 3, Missing: 1})
	got, err := db.People(ctx, []string{p1})
	if err != nil || len(got) != 1 {
		t.Fatalf("People(%q) = %v, %v", p1, got, err)
	}
	got[0].UpdatedAt = time.Time{}
	if diff := cmp.Diff(people[0], got[0]); diff != "" {
		t.Errorf("person read back (-want +got):\n%s", diff)
	}

	if _, _, err := db.BulkCreatePeople(ctx, people[1:], nil); workforce.ErrorCode(err) != workforce.ECONFLICT {
		t.Errorf("BulkCreatePeople(existing) = %v, want ECONFLICT", err)
	}
}

// TestBulkCreateVacancies creates vacancies with their requirements and
// checks that the upserts find nothing to change.
func TestBulkCreateVacancies(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	id := bulkWorld(t, db)
	v := storetest.ID(t, "Vacancy")
	vacancies := []*workforce.Vacancy{{ID: v, Title: "Bulk vacancy", EmployerID: id["e"], OccupationID: id["o1"], OccupationSource: "partner",
		OccupationConfidence: 1, PlaceID: id["place"], SalaryMin: 20000, SalaryMax: 22000, HoursPerWeek: 30, Source: "synthetic"}}
	reqs := []store.BulkRequirement{
		{FromID: v, Requirement: workforce.Requirement{SkillID: id["s1"], Essential: true, Source: "partner", Confidence: 1}},
		{FromID: v, Requirement: workforce.Requirement{SkillID: id["s2"], Essential: false, Source: "partner", Confidence: 0.5}},
	}
	nodes, links, err := db.BulkCreateVacancies(ctx, vacancies, reqs)
	wantCounts(t, "BulkCreateVacancies nodes", nodes, err, store.BulkCounts{Created: 1})
	wantCounts(t, "BulkCreateVacancies links", links, err, store.BulkCounts{Created: 2})
	r, err := db.UpsertVacancies(ctx, vacancies)
	if err != nil || r != (workforce.WriteResult{}) {
		t.Errorf("UpsertVacancies after BulkCreateVacancies = %+v, %v; want nothing written", r, err)
	}
	c, err := db.BulkVacancyRequirements(ctx, reqs)
	wantCounts(t, "BulkVacancyRequirements after BulkCreateVacancies", c, err, store.BulkCounts{Unchanged: 2})
}

// TestBulkCreateBadInput writes nothing for invalid people, skills of
// someone else, repeated ids or a missing place.
func TestBulkCreateBadInput(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	id := bulkWorld(t, db)
	p := storetest.ID(t, "Person")
	skill := func(person string, level int) store.BulkPersonSkill {
		return store.BulkPersonSkill{PersonID: person, PersonSkill: workforce.PersonSkill{SkillID: id["s1"], Level: level, Source: "self"}}
	}
	tests := []struct {
		name   string
		people []*workforce.Person
		skills []store.BulkPersonSkill
		code   string
	}{
		{"nil person", []*workforce.Person{nil}, nil, workforce.EINVALID},
		{"empty id", []*workforce.Person{{ID: ""}}, nil, workforce.EINVALID},
		{"same id twice", []*workforce.Person{{ID: p}, {ID: p}}, nil, workforce.ECONFLICT},
		{"skill of someone else", []*workforce.Person{{ID: p}}, []store.BulkPersonSkill{skill("someone-else", 2)}, workforce.EINVALID},
		{"skills and no people", nil, []store.BulkPersonSkill{skill(p, 2)}, workforce.EINVALID},
		{"bad level", []*workforce.Person{{ID: p}}, []store.BulkPersonSkill{skill(p, 99)}, workforce.EINVALID},
		{"missing place", []*workforce.Person{{ID: p, PlaceID: "no-such-place"}}, nil, workforce.ENOTFOUND},
		{"missing occupation", []*workforce.Person{{ID: p, Seeks: []string{"no-such-occupation"}}}, nil, workforce.ENOTFOUND},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := db.BulkCreatePeople(ctx, tc.people, tc.skills); workforce.ErrorCode(err) != tc.code {
				t.Errorf("BulkCreatePeople = %v, want %s", err, tc.code)
			}
		})
	}
	if got, err := db.People(ctx, []string{p}); err != nil || len(got) != 0 {
		t.Errorf("People(%q) = %v, %v; want none written", p, got, err)
	}
	if _, _, err := db.BulkCreateVacancies(ctx, []*workforce.Vacancy{{ID: storetest.ID(t, "Vacancy"), Title: "V", EmployerID: "no-such-employer"}}, nil); workforce.ErrorCode(err) != workforce.ENOTFOUND {
		t.Errorf("BulkCreateVacancies(missing employer) = %v, want ENOTFOUND", err)
	}
}
