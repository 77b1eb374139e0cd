package auth

import (
	"context"
	"testing"

	"github.com/onework/onework/workforce"
)

// TestRulesReadOnlyTheAccessFields checks that every decision about a
// person comes out the same from the whole person as from
// Person.AccessOnly, the fields that access checks read from the database
// (ReadService.PeopleFields): a rule that began to read another field
// would fail here before it decided on a blank.
func TestRulesReadOnlyTheAccessFields(t *testing.T) {
	now := workforce.Point{Lat: 51.5, Lon: -0.1}
	var people []*workforce.Person
	for _, org := range []string{"org-a", "org-b", ""} {
		for _, matching := range []bool{false, true} {
			for _, share := range []bool{false, true} {
				people = append(people, &workforce.Person{ID: "p-" + org, OrgID: org, Name: "Ann Example", Email: "ann@example.org",
					PlaceID: "E01000001", Location: &now, TravelKm: 10, RightToWork: true, CurrentPay: 21000,
					ConsentMatching: matching, ConsentShareWithEmployers: share, ConsentMonitoring: true,
					Seeks: []string{"occ-1"}, Equality: &workforce.Equality{AgeBand: "25-34"}})
			}
		}
	}
	users := []*User{nil,
		{Subject: "admin", Role: RoleAdmin},
		{Subject: "adv", Role: RoleAdviser, OrgID: "org-a"},
		{Subject: "adv", Role: RoleAdviser, OrgID: "org-b"},
		{Subject: "emp", Role: RoleEmployer, OrgID: "org-e"},
		{Subject: "p-org-a", Role: RolePerson},
		{Subject: "someone-else", Role: RolePerson},
	}
	p := &Policy{}
	decisions := 0
	for _, u := range users {
		ctx := context.Background()
		if u != nil {
			ctx = WithUser(ctx, u)
		}
		for _, person := range people {
			light := person.AccessOnly()
			if light.Name != "" || light.Location != nil || light.Equality != nil {
				t.Fatalf("AccessOnly kept personal fields: %+v", light)
			}
			for _, s := range []workforce.Sensitivity{workforce.Pseudonymous, workforce.Personal, workforce.Special} {
				if whole, part := p.Reveal(ctx, workforce.KindPerson, person, s), p.Reveal(ctx, workforce.KindPerson, light, s); whole != part {
					t.Errorf("user %+v, person %+v, sensitivity %v: Reveal %v from the whole person, %v from its access fields", u, person, s, whole, part)
				}
				decisions++
			}
			whole := p.Authorize(ctx, workforce.ActionRead, workforce.KindPerson, person.ID, person)
			part := p.Authorize(ctx, workforce.ActionRead, workforce.KindPerson, person.ID, light)
			if workforce.ErrorCode(whole) != workforce.ErrorCode(part) {
				t.Errorf("user %+v, person %+v: Authorize %v from the whole person, %v from its access fields", u, person, whole, part)
			}
			decisions++
		}
	}
	if decisions != len(users)*len(people)*4 {
		t.Fatalf("made %d decisions", decisions)
	}
}
