package seed_test

import (
	"context"
	"testing"

	"github.com/onework/onework/seed"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// TestFixture loads the fixture twice. The fixture's ids are fixed and its
// data is shared demo data that API tests load too, so the test leaves it in
// place rather than delete it under a concurrent test.
func TestFixture(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	first, err := seed.Fixture(ctx, db)
	if err != nil {
		t.Fatalf("Fixture: %v", err)
	}
	t.Logf("first run: %+v", first)
	second, err := seed.Fixture(ctx, db)
	if err != nil {
		t.Fatalf("Fixture (second run): %v", err)
	}
	if second != (workforce.WriteResult{}) {
		t.Errorf("Fixture (second run) = %+v, want nothing created or updated", second)
	}

	vacancies, err := db.FindVacancies(ctx, workforce.VacancyFilter{PlaceID: seed.PlaceGloucester}, workforce.Page{First: 50})
	if err != nil {
		t.Fatalf("FindVacancies: %v", err)
	}
	if len(vacancies.Items) < 5 {
		t.Errorf("FindVacancies(in Gloucester) = %d vacancies, want at least 5", len(vacancies.Items))
	}
	reqs, err := db.VacancyRequirements(ctx, []string{"demo-vacancy-hca-ward"})
	if err != nil {
		t.Fatalf("VacancyRequirements: %v", err)
	}
	if got := len(reqs["demo-vacancy-hca-ward"]); got != 7 {
		t.Errorf("VacancyRequirements(demo-vacancy-hca-ward) = %d skills, want 7", got)
	}
	occReqs, err := db.OccupationRequirements(ctx, []string{seed.OccHealthcareAssistant})
	if err != nil {
		t.Fatalf("OccupationRequirements: %v", err)
	}
	for _, r := range occReqs[seed.OccHealthcareAssistant] {
		if r.Source != "esco" || r.Confidence != 1 {
			t.Errorf("OccupationRequirements(healthcare assistant) has %+v, want source esco, confidence 1", r)
		}
	}
	if len(occReqs[seed.OccHealthcareAssistant]) < 10 {
		t.Errorf("OccupationRequirements(healthcare assistant) = %d, want at least 10", len(occReqs[seed.OccHealthcareAssistant]))
	}
	people, err := db.FindPeople(ctx, workforce.PersonFilter{OrgID: seed.FixtureOrg}, workforce.Page{First: 50})
	if err != nil {
		t.Fatalf("FindPeople: %v", err)
	}
	if len(people.Items) != 10 {
		t.Errorf("FindPeople(org %s) = %d people, want 10", seed.FixtureOrg, len(people.Items))
	}
	skills, err := db.PersonSkills(ctx, []string{"demo-person-04"})
	if err != nil {
		t.Fatalf("PersonSkills: %v", err)
	}
	if got := len(skills["demo-person-04"]); got != 7 {
		t.Errorf("PersonSkills(demo-person-04) = %d, want 7", got)
	}
	places, err := db.Places(ctx, []string{seed.PlaceBartonTredworth})
	if err != nil || len(places) != 1 {
		t.Fatalf("Places(%s) = %v, %v", seed.PlaceBartonTredworth, places, err)
	}
	if places[0].IMDDecile != 1 {
		t.Errorf("Places(%s).IMDDecile = %d, want 1", seed.PlaceBartonTredworth, places[0].IMDDecile)
	}
}
