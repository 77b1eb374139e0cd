package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// TestPeopleAccess checks that the light read for access checks returns,
// for every person found, exactly Person.AccessOnly of the whole person,
// skips ids not found, and reads nothing for no ids.
func TestPeopleAccess(t *testing.T) {
	db := storetest.Open(t)
	ctx := t.Context()
	var stored []*workforce.Person
	for i, org := range []string{"org-a", "org-b", ""} {
		p := &workforce.Person{ID: storetest.ID(t, "Person"), OrgID: org, Name: "Person " + org, Email: "p@example.org",
			TravelKm: 5, ConsentMatching: i%2 == 0, ConsentShareWithEmployers: i > 0, ConsentMonitoring: true}
		stored = append(stored, p)
	}
	if _, err := db.UpsertPeople(ctx, stored); err != nil {
		t.Fatal(err)
	}
	ids := []string{stored[0].ID, "no-such-person-" + stored[0].ID, stored[1].ID, stored[2].ID}
	whole, err := db.People(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	light, err := db.PeopleAccess(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	byID := func(a, b *workforce.Person) int { return strings.Compare(a.ID, b.ID) }
	slices.SortFunc(whole, byID)
	slices.SortFunc(light, byID)
	var want []*workforce.Person
	for _, p := range whole {
		want = append(want, p.AccessOnly())
	}
	if len(want) != 3 {
		t.Fatalf("People found %d of the 3 stored", len(want))
	}
	if diff := cmp.Diff(want, light); diff != "" {
		t.Errorf("PeopleAccess differs from AccessOnly of People (-want +got):\n%s", diff)
	}
	before := db.RoundTrips()
	if got, err := db.PeopleAccess(ctx, nil); err != nil || got != nil || db.RoundTrips() != before {
		t.Errorf("PeopleAccess(nil) = %v, %v after %d round trips; want nothing and none", got, err, db.RoundTrips()-before)
	}
}
