package store_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

func TestOpenDB(t *testing.T) {
	storetest.Open(t) // skips without Neo4j
	tests := []struct {
		name string
		cfg  store.Config
		want string
	}{
		{"no URI", store.Config{}, "no URI configured"},
		{"nothing listening", store.Config{URI: "bolt://127.0.0.1:1"}, "cannot connect"},
		{"bad scheme", store.Config{URI: "http://127.0.0.1:7687"}, "open neo4j at http://127.0.0.1:7687"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			db, err := store.OpenDB(ctx, tc.cfg)
			if err == nil {
				db.Close(ctx)
				t.Fatalf("OpenDB(%+v) = nil error, want one containing %q", tc.cfg, tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("OpenDB(%+v) = %v, want an error containing %q", tc.cfg, err, tc.want)
			}
		})
	}
}

func TestPing(t *testing.T) {
	db := storetest.Open(t)
	before := db.RoundTrips()
	if err := db.Ping(t.Context()); err != nil {
		t.Fatalf("Ping() = %v", err)
	}
	if got := db.RoundTrips() - before; got != 1 {
		t.Errorf("Ping() took %d round trips, want 1", got)
	}
	want := cmp.Or(os.Getenv("NEO4J_DATABASE"), store.DefaultDatabase)
	if got := db.Database(); got != want {
		t.Errorf("Database() = %q, want %q", got, want)
	}
}

func TestMigrate(t *testing.T) {
	db := storetest.Open(t) // has migrated once
	for i := range 2 {
		if err := db.Migrate(t.Context()); err != nil {
			t.Fatalf("Migrate() run %d = %v", i+2, err)
		}
	}
	records := query(t, db, `SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name`, nil)
	online := map[string]bool{}
	for _, r := range records {
		online[r.Values[0].(string)] = true
	}
	for _, name := range []string{
		"skill_id", "place_id", "sector_id", "vacancy_location", "place_location",
		"skill_text", "occupation_text", "place_text", "vacancy_updated_at", "sector_updated_at",
	} {
		if !online[name] {
			t.Errorf("after Migrate, index %q is not online", name)
		}
	}
}

// Helpers shared by the tests of this package.

// query runs Cypher directly, for what the store has no method for
// (taxonomy links) and for checks behind its back.
func query(t *testing.T, db *store.DB, cypher string, params map[string]any) []*neo4j.Record {
	t.Helper()
	res, err := neo4j.ExecuteQuery(t.Context(), db.Driver(), cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db.Database()))
	if err != nil {
		t.Fatalf("query %q: %v", cypher, err)
	}
	return res.Records
}

// mustWrite returns a function that fails the test when the write it is
// given failed: mustWrite(t, "UpsertSkills")(db.UpsertSkills(ctx, skills)).
func mustWrite(t *testing.T, what string) func(workforce.WriteResult, error) {
	t.Helper()
	return func(_ workforce.WriteResult, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
}

// wantError fails unless err is a domain error with the code and field.
func wantError(t *testing.T, call string, err error, code, field string) {
	t.Helper()
	var e *workforce.Error
	if !errors.As(err, &e) {
		t.Errorf("%s = %v, want a %s error on field %q", call, err, code, field)
		return
	}
	if e.Code != code || e.Field != field {
		t.Errorf("%s = %v, want code %s field %q", call, err, code, field)
	}
}

func ptr[T any](v T) *T { return &v }

// world is a small graph owned by one test: a region with a local
// authority and two LSOAs, far from any real data (in the South Pacific,
// at a random spot), with skills, occupations, a sector, employers,
// vacancies, people, a provider and programmes. Tok is a word that appears
// in every name, so that Text filters find only this world.
type world struct {
	tok                          string
	base                         workforce.Point
	region, la, lsoa, lsoa2, far *workforce.Place
	sector                       *workforce.Sector
	care, cook, lift             *workforce.Skill
	carer, chef                  *workforce.Occupation
	nhs, cafe                    *workforce.Employer
	// Vacancies: open (posted, closing later), closed, future (not yet
	// posted), undated; cafe's job is in lsoa2.
	open, closed, future, undated, cafeJob *workforce.Vacancy
	ann, bob                               *workforce.Person
	college                                *workforce.Provider
	academy, course                        *workforce.Programme
	now                                    time.Time
}

// offset returns a point km kilometres north of p.
func offset(p workforce.Point, km float64) *workforce.Point {
	return &workforce.Point{Lat: p.Lat + km/111.2, Lon: p.Lon}
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	ctx := t.Context()
	id := func(kind string) string { return storetest.ID(t, kind) }
	w := &world{
		tok:  fmt.Sprintf("zq%08x", rand.Uint32()),
		base: workforce.Point{Lat: -55 + 10*rand.Float64(), Lon: -140 + 20*rand.Float64()},
		now:  time.Now(),
	}
	name := func(s string) string { return s + " " + w.tok }
	w.region = &workforce.Place{ID: id("Place"), Name: name("Test region"), Kind: workforce.PlaceRegion, Location: &w.base}
	w.la = &workforce.Place{ID: id("Place"), Name: name("Test district"), Kind: workforce.PlaceLocalAuthority,
		Location: offset(w.base, 1), ParentIDs: []string{w.region.ID}}
	w.lsoa = &workforce.Place{ID: id("Place"), Name: name("Riverside 001A"), Kind: workforce.PlaceLSOA,
		Location: offset(w.base, 2), IMDDecile: 1, ParentIDs: []string{w.la.ID}}
	w.lsoa2 = &workforce.Place{ID: id("Place"), Name: name("Hilltop 001B"), Kind: workforce.PlaceLSOA,
		Location: offset(w.base, 3), IMDDecile: 9, ParentIDs: []string{w.la.ID}}
	w.far = &workforce.Place{ID: id("Place"), Name: name("Far away"), Kind: workforce.PlaceLocalAuthority,
		Location: offset(w.base, 500)}
	// Children before parents: a batch may hold both.
	mustWrite(t, "UpsertPlaces")(db.UpsertPlaces(ctx, []*workforce.Place{w.lsoa, w.lsoa2, w.la, w.region, w.far}))

	w.sector = &workforce.Sector{ID: id("Sector"), Name: name("Health and social care")}
	mustWrite(t, "UpsertSectors")(db.UpsertSectors(ctx, []*workforce.Sector{w.sector}))

	w.care = &workforce.Skill{ID: id("Skill"), Label: name("Personal care"), AltLabels: []string{"hygiene support", "help with bathing"}, HiddenLabels: []string{"bed bath"},
		Description: "Helps people wash and dress.", Type: "skill/competence", ReuseLevel: "sector-specific"}
	w.cook = &workforce.Skill{ID: id("Skill"), Label: name("Cook meals"), AltLabels: []string{"prepare food"}, Type: "skill/competence"}
	w.lift = &workforce.Skill{ID: id("Skill"), Label: name("Moving and handling"), Type: "skill/competence"}
	mustWrite(t, "UpsertSkills")(db.UpsertSkills(ctx, []*workforce.Skill{w.care, w.cook, w.lift}))

	w.carer = &workforce.Occupation{ID: id("Occupation"), Label: name("Care worker"), AltLabels: []string{"carer", "support worker"},
		Code: "5322.1", ISCOGroup: "5322", SOCCode: "6135", JobZone: 2, AnnualPay: 23_400}
	w.chef = &workforce.Occupation{ID: id("Occupation"), Label: name("Chef"), AltLabels: []string{"cook"}, Code: "3434.1", JobZone: 3}
	mustWrite(t, "UpsertOccupations")(db.UpsertOccupations(ctx, []*workforce.Occupation{w.carer, w.chef}))

	w.nhs = &workforce.Employer{ID: id("Employer"), Name: name("Riverside NHS Trust"), Kind: workforce.EmployerNHS,
		PlaceID: w.lsoa.ID, Location: offset(w.base, 2), RealLivingWage: true, CharterLevel: workforce.CharterAccredited,
		DisabilityConfident: true, Website: "https://example.nhs.uk"}
	w.cafe = &workforce.Employer{ID: id("Employer"), Name: name("Hilltop Cafe"), Kind: workforce.EmployerPrivate,
		PlaceID: w.lsoa2.ID, Location: offset(w.base, 8)}
	mustWrite(t, "UpsertEmployers")(db.UpsertEmployers(ctx, []*workforce.Employer{w.nhs, w.cafe}))

	day := 24 * time.Hour
	vacancy := func(title string, e *workforce.Employer, o *workforce.Occupation, posted, closes *time.Time) *workforce.Vacancy {
		return &workforce.Vacancy{ID: id("Vacancy"), Title: name(title), EmployerID: e.ID, OccupationID: o.ID,
			OccupationSource: "partner", OccupationConfidence: 1, PlaceID: e.PlaceID, Location: e.Location,
			SalaryMin: 23_000, SalaryMax: 25_000, HoursPerWeek: 37.5, Contract: workforce.ContractPermanent,
			RequiresRightToWork: true, PostedAt: posted, ClosesAt: closes, Source: "test"}
	}
	w.open = vacancy("Healthcare assistant", w.nhs, w.carer, ptr(w.now.Add(-day)), ptr(w.now.Add(day)))
	w.closed = vacancy("Night care assistant", w.nhs, w.carer, ptr(w.now.Add(-3*day)), ptr(w.now.Add(-2*day)))
	w.future = vacancy("Care apprentice", w.nhs, w.carer, ptr(w.now.Add(2*day)), ptr(w.now.Add(9*day)))
	w.undated = vacancy("Bank care assistant", w.nhs, w.carer, nil, nil)
	w.cafeJob = vacancy("Commis chef", w.cafe, w.chef, nil, nil)
	mustWrite(t, "UpsertVacancies")(db.UpsertVacancies(ctx, []*workforce.Vacancy{w.open, w.closed, w.future, w.undated, w.cafeJob}))

	org := id("Org")
	w.ann = &workforce.Person{ID: id("Person"), OrgID: org, Name: "Ann Example", Email: "ann@example.org", PlaceID: w.lsoa.ID,
		Location: offset(w.base, 2.5), TravelKm: 10, RightToWork: true, ConsentMatching: true, Seeks: []string{w.carer.ID}}
	w.bob = &workforce.Person{ID: id("Person"), OrgID: org, Name: "Bob Example", PlaceID: w.lsoa2.ID, Seeks: []string{w.chef.ID},
		History: []workforce.Job{{OccupationID: w.carer.ID, From: ptr(w.now.Add(-900 * day)), To: ptr(w.now.Add(-100 * day))}}}
	mustWrite(t, "UpsertPeople")(db.UpsertPeople(ctx, []*workforce.Person{w.ann, w.bob}))

	w.college = &workforce.Provider{ID: id("Provider"), Name: name("Riverside College"), Kind: workforce.ProviderCollege,
		PlaceID: w.la.ID, Location: offset(w.base, 1)}
	mustWrite(t, "UpsertProviders")(db.UpsertProviders(ctx, []*workforce.Provider{w.college}))

	w.academy = &workforce.Programme{ID: id("Programme"), Title: name("Care academy"), Kind: workforce.ProgrammePreEmployment,
		ProviderID: w.college.ID, PlaceID: w.lsoa.ID, Location: offset(w.base, 2), StartDate: ptr(w.now.Add(30 * day)),
		DurationWeeks: 4, PlacesLeft: ptr(12)}
	w.course = &workforce.Programme{ID: id("Programme"), Title: name("Catering course"), Kind: workforce.ProgrammeCourse,
		ProviderID: w.college.ID, PlaceID: w.la.ID, StartDate: ptr(w.now.Add(-30 * day)), Cost: 250}
	mustWrite(t, "UpsertProgrammes")(db.UpsertProgrammes(ctx, []*workforce.Programme{w.academy, w.course}))

	links := []struct {
		name string
		err  error
	}{
		{"occupation skill", db.LinkOccupationSkill(ctx, w.carer.ID, workforce.Requirement{SkillID: w.care.ID, Essential: true, Source: "esco", Confidence: 1})},
		{"occupation skill", db.LinkOccupationSkill(ctx, w.carer.ID, workforce.Requirement{SkillID: w.lift.ID, Source: "esco", Confidence: 1})},
		{"occupation skill", db.LinkOccupationSkill(ctx, w.chef.ID, workforce.Requirement{SkillID: w.cook.ID, Essential: true, Source: "esco", Confidence: 1})},
		{"vacancy skill", db.LinkVacancySkill(ctx, w.open.ID, workforce.Requirement{SkillID: w.care.ID, Essential: true, Source: "description", Confidence: 0.8})},
		{"vacancy skill", db.LinkVacancySkill(ctx, w.cafeJob.ID, workforce.Requirement{SkillID: w.cook.ID, Essential: true, Source: "partner", Confidence: 1})},
		{"person skill", db.LinkPersonSkill(ctx, w.ann.ID, workforce.PersonSkill{SkillID: w.care.ID, Level: 3, Source: "adviser"})},
		{"person skill", db.LinkPersonSkill(ctx, w.bob.ID, workforce.PersonSkill{SkillID: w.cook.ID, Level: 2, Source: "self"})},
		{"programme skill", db.LinkProgrammeSkill(ctx, w.academy.ID, w.care.ID)},
		{"programme skill", db.LinkProgrammeSkill(ctx, w.academy.ID, w.lift.ID)},
		{"programme skill", db.LinkProgrammeSkill(ctx, w.course.ID, w.cook.ID)},
		{"programme occupation", db.LinkProgrammeOccupation(ctx, w.academy.ID, w.carer.ID)},
		{"programme occupation", db.LinkProgrammeOccupation(ctx, w.course.ID, w.chef.ID)},
	}
	for _, l := range links {
		if l.err != nil {
			t.Fatalf("link %s: %v", l.name, l.err)
		}
	}
	// The store has no write method for taxonomy links; importers write them.
	query(t, db, `
		MATCH (care:Skill {id: $care}), (lift:Skill {id: $lift}), (cook:Skill {id: $cook})
		MATCH (carer:Occupation {id: $carer}), (chef:Occupation {id: $chef}), (s:Sector {id: $sector})
		CREATE (lift)-[:BROADER]->(care), (care)-[:RELATED]->(cook), (cook)-[:RELATED]->(care),
		       (chef)-[:BROADER]->(carer), (carer)-[:IN_SECTOR]->(s)`,
		map[string]any{"care": w.care.ID, "lift": w.lift.ID, "cook": w.cook.ID, "carer": w.carer.ID, "chef": w.chef.ID, "sector": w.sector.ID})
	return w
}

// TestReadsOutliveClosedConnections closes every Bolt connection from the
// database's side, as a restart or an idle timeout would, and checks that
// the next reads (one auto-commit query each) still answer, each counted
// as one round trip.
func TestReadsOutliveClosedConnections(t *testing.T) {
	db := storetest.Open(t)
	ctx := t.Context()
	if _, err := db.UpsertSkills(ctx, []*workforce.Skill{{ID: "skill-reconnect", Label: "Reconnecting"}}); err != nil {
		t.Fatal(err)
	}
	// Fill the pool with a few connections, then have the database close
	// them all, the killer's own included.
	for range 3 {
		if err := db.Ping(ctx); err != nil {
			t.Fatal(err)
		}
	}
	killer := db.Driver().NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.Database()})
	res, err := killer.Run(ctx, `CALL dbms.listConnections() YIELD connectionId, connector
WHERE connector = 'bolt' WITH collect(connectionId) AS ids
CALL dbms.killConnections(ids) YIELD connectionId RETURN count(*) AS killed`, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	_ = killer.Close(ctx)
	// The killer's own connection closes under it too.
	var conn *neo4j.ConnectivityError
	if err != nil && !errors.As(err, &conn) {
		t.Fatalf("closing the connections: %v", err)
	}
	for i := range 3 {
		before := db.RoundTrips()
		got, err := db.Skills(ctx, []string{"skill-reconnect"})
		if err != nil {
			t.Fatalf("read %d after the connections closed: %v", i, err)
		}
		if len(got) != 1 || got[0].Label != "Reconnecting" {
			t.Fatalf("read %d = %+v, want the skill", i, got)
		}
		if n := db.RoundTrips() - before; n != 1 {
			t.Errorf("read %d counted %d round trips, want 1", i, n)
		}
	}
}
