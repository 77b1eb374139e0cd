package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

func TestBaselineRankings(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	s1, s2 := storetest.ID(t, "Skill"), storetest.ID(t, "Skill")
	emp, vac := storetest.ID(t, "Employer"), storetest.ID(t, "Vacancy")
	here := &workforce.Point{Lat: 51.86, Lon: -2.24}
	near := &workforce.Point{Lat: 51.87, Lon: -2.25}
	must := func(_ workforce.WriteResult, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.UpsertSkills(ctx, []*workforce.Skill{{ID: s1, Label: "care"}, {ID: s2, Label: "hygiene"}}))
	must(db.UpsertEmployers(ctx, []*workforce.Employer{{ID: emp, Name: "Trust", Kind: workforce.EmployerNHS}}))
	must(db.UpsertVacancies(ctx, []*workforce.Vacancy{{ID: vac, Title: "HCA", EmployerID: emp, Location: here}}))
	for _, s := range []string{s1, s2} {
		if err := db.LinkVacancySkill(ctx, vac, workforce.Requirement{SkillID: s, Essential: true, Source: "partner", Confidence: 1}); err != nil {
			t.Fatal(err)
		}
	}
	both, one, hidden := storetest.ID(t, "Person"), storetest.ID(t, "Person"), storetest.ID(t, "Person")
	must(db.UpsertPeople(ctx, []*workforce.Person{
		{ID: both, Location: near, TravelKm: 10, ConsentMatching: true},
		{ID: one, Location: near, TravelKm: 10, ConsentMatching: true},
		{ID: hidden, Location: near, TravelKm: 10, ConsentMatching: false},
	}))
	for p, skills := range map[string][]string{both: {s1, s2}, one: {s1}, hidden: {s1, s2}} {
		for _, s := range skills {
			if err := db.LinkPersonSkill(ctx, p, workforce.PersonSkill{SkillID: s, Level: 2, Source: "self"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	got, err := db.BaselineCandidates(ctx, vac, 20)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{both, one}; !slices.Equal(got, want) {
		t.Errorf("BaselineCandidates = %v, want %v", got, want)
	}
	got, err = db.BaselineVacancies(ctx, one, 20)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{vac}; !slices.Equal(got, want) {
		t.Errorf("BaselineVacancies = %v, want %v", got, want)
	}
}
