package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// Every field that ReadService.PeopleFields and VacanciesFields offer.
var (
	personFields = []string{"orgId", "name", "email", "phone", "location", "travelKm", "availableFrom", "hoursPerWeek",
		"rightToWork", "currentPay", "consentMatching", "consentShareWithEmployers", "consentMonitoring", "updatedAt",
		"placeId", "seeks", "history", "registrations"}
	vacancyFields = []string{"title", "description", "location", "salaryMin", "salaryMax", "hoursPerWeek", "contract",
		"flexible", "requiresRightToWork", "postedAt", "closesAt", "registration", "source", "updatedAt", "employerId",
		"occupation", "placeId"}
)

func byID[T any](id func(T) string) func(a, b T) int {
	return func(a, b T) int { return strings.Compare(id(a), id(b)) }
}

// TestPeopleFields checks the light reads of people against the whole
// read: every field offered comes back as People reads it, equality data
// never; no fields give exactly Person.AccessOnly; a name not offered is
// EINVALID; ids not found are skipped and no ids read nothing.
func TestPeopleFields(t *testing.T) {
	db := storetest.Open(t)
	ctx := t.Context()
	w := newWorld(t, db)
	carol := &workforce.Person{ID: storetest.ID(t, "Person"), OrgID: w.ann.OrgID, Name: "Carol Example", Phone: "01234 567890",
		PlaceID: w.lsoa.ID, Location: offset(w.base, 2.2), TravelKm: 15, AvailableFrom: ptr(w.now.Add(48 * time.Hour).Truncate(time.Second)),
		HoursPerWeek: 30, CurrentPay: 21_000, ConsentShareWithEmployers: true, ConsentMonitoring: true, Seeks: []string{w.carer.ID, w.chef.ID},
		Registrations: []workforce.Registration{{Regulator: workforce.RegulatorNMC, Number: "12A3456B", Expires: ptr(w.now.Add(400 * 24 * time.Hour).Truncate(time.Second))}},
		Equality:      &workforce.Equality{AgeBand: "25-34", Sex: "prefer not to say"}}
	mustWrite(t, "UpsertPeople")(db.UpsertPeople(ctx, []*workforce.Person{carol}))
	ids := []string{w.ann.ID, "no-such-" + w.ann.ID, w.bob.ID, carol.ID}
	order := byID(func(p *workforce.Person) string { return p.ID })

	whole, err := db.People(ctx, ids)
	if err != nil || len(whole) != 3 {
		t.Fatalf("People = %d people, %v; want the 3 stored", len(whole), err)
	}
	slices.SortFunc(whole, order)
	read := func(fields []string) []*workforce.Person {
		t.Helper()
		got, err := db.PeopleFields(ctx, ids, fields)
		if err != nil {
			t.Fatalf("PeopleFields(%v): %v", fields, err)
		}
		slices.SortFunc(got, order)
		return got
	}

	var all, access, travel []*workforce.Person
	for _, p := range whole {
		q := *p
		q.Equality = nil
		all = append(all, &q)
		access = append(access, p.AccessOnly())
		a := p.AccessOnly()
		a.TravelKm = p.TravelKm
		travel = append(travel, a)
	}
	if whole[slices.IndexFunc(whole, func(p *workforce.Person) bool { return p.ID == carol.ID })].Equality == nil {
		t.Fatal("People did not read back the stored equality data")
	}
	if diff := cmp.Diff(all, read(personFields)); diff != "" {
		t.Errorf("PeopleFields(every field) differs from People without equality data (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(access, read(nil)); diff != "" {
		t.Errorf("PeopleFields(no fields) differs from AccessOnly of People (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(travel, read([]string{"travelKm", "travelKm", "orgId"})); diff != "" {
		t.Errorf("PeopleFields(travelKm) (-want +got):\n%s", diff)
	}

	for _, bad := range [][]string{{"equality"}, {"eqSex"}, {"travelKm", "password"}, {""}, {".*"}} {
		before := db.RoundTrips()
		got, err := db.PeopleFields(ctx, ids, bad)
		if workforce.ErrorCode(err) != workforce.EINVALID || got != nil || db.RoundTrips() != before {
			t.Errorf("PeopleFields(%q) = %d people, %v after %d round trips; want EINVALID and none", bad, len(got), err, db.RoundTrips()-before)
		}
	}
	before := db.RoundTrips()
	if got, err := db.PeopleFields(ctx, nil, []string{"name"}); err != nil || got != nil || db.RoundTrips() != before {
		t.Errorf("PeopleFields(no ids) = %v, %v after %d round trips; want nothing and none", got, err, db.RoundTrips()-before)
	}
}

// TestVacanciesFields checks the light reads of vacancies against the
// whole read, in the store and through the cache, which answers with the
// whole vacancies it holds and keeps none of the partial ones it reads.
func TestVacanciesFields(t *testing.T) {
	db := storetest.Open(t)
	ctx := t.Context()
	w := newWorld(t, db)
	ids := []string{w.open.ID, w.cafeJob.ID, "no-such-" + w.open.ID, w.undated.ID}
	order := byID(func(v *workforce.Vacancy) string { return v.ID })
	whole, err := db.Vacancies(ctx, ids)
	if err != nil || len(whole) != 3 {
		t.Fatalf("Vacancies = %d, %v; want the 3 stored", len(whole), err)
	}
	slices.SortFunc(whole, order)
	var scope []*workforce.Vacancy
	for _, v := range whole {
		scope = append(scope, &workforce.Vacancy{ID: v.ID, Title: v.Title, EmployerID: v.EmployerID, OccupationID: v.OccupationID,
			OccupationSource: v.OccupationSource, OccupationConfidence: v.OccupationConfidence})
	}
	scopeFields := []string{"title", "employerId", "occupation"}

	got, err := db.VacanciesFields(ctx, ids, vacancyFields)
	slices.SortFunc(got, order)
	if diff := cmp.Diff(whole, got); err != nil || diff != "" {
		t.Errorf("VacanciesFields(every field): %v (-want +got):\n%s", err, diff)
	}
	got, err = db.VacanciesFields(ctx, ids, scopeFields)
	slices.SortFunc(got, order)
	if diff := cmp.Diff(scope, got); err != nil || diff != "" {
		t.Errorf("VacanciesFields(%v): %v (-want +got):\n%s", scopeFields, err, diff)
	}

	c := store.NewCached(db, store.CacheConfig{})
	if _, err := c.Vacancies(ctx, []string{w.open.ID}); err != nil {
		t.Fatal(err)
	}
	got, err = c.VacanciesFields(ctx, ids, scopeFields)
	slices.SortFunc(got, order)
	var want []*workforce.Vacancy
	for i, v := range whole {
		if v.ID == w.open.ID {
			want = append(want, v)
		} else {
			want = append(want, scope[i])
		}
	}
	if diff := cmp.Diff(want, got); err != nil || diff != "" {
		t.Errorf("cached VacanciesFields: %v (-want +got):\n%s", err, diff)
	}
	if _, kept := c.Peek(ctx, workforce.KindVacancy, w.cafeJob.ID); kept {
		t.Error("the cache kept a vacancy read with a few fields")
	}
	trips := db.RoundTrips()
	for _, read := range []func([]string, []string) ([]*workforce.Vacancy, error){
		func(ids, f []string) ([]*workforce.Vacancy, error) { return db.VacanciesFields(ctx, ids, f) },
		func(ids, f []string) ([]*workforce.Vacancy, error) { return c.VacanciesFields(ctx, ids, f) },
	} {
		for _, bad := range [][]string{{"requirements"}, {"title", "employer"}, {"id) RETURN n //"}} {
			if got, err := read([]string{w.open.ID}, bad); workforce.ErrorCode(err) != workforce.EINVALID || got != nil {
				t.Errorf("VacanciesFields(%q) = %d vacancies, %v; want EINVALID", bad, len(got), err)
			}
		}
	}
	if db.RoundTrips() != trips {
		t.Errorf("refused reads cost %d round trips, want none", db.RoundTrips()-trips)
	}
}
