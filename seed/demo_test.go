package seed_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onework/onework/importer"
	"github.com/onework/onework/seed"
	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// demoToday is the clock of the demo tests.
var demoToday = time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)

// dataDir returns ../shared/data, skipping the test when it is absent
// (failing when ONEWORK_REQUIRE_DATA=1).
func dataDir(t *testing.T) string {
	t.Helper()
	data := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(data, "esco-v1.1.1")); err != nil {
		if os.Getenv("ONEWORK_REQUIRE_DATA") == "1" {
			t.Fatal("../shared/data not found but ONEWORK_REQUIRE_DATA=1")
		}
		t.Skip("../shared/data not found: skipping the demo built from the reference data")
	}
	return data
}

// TestDemo builds the demo of one local authority (Gloucester) from the
// reference data on a fixed clock, checks what it made, and checks that a
// second run changes nothing. ESCO, places and NHS adverts are reference
// data with real ids, left in place; the synthetic part is removed.
func TestDemo(t *testing.T) {
	data := dataDir(t)
	db := storetest.Open(t)
	ctx := context.Background()
	s := rand.Uint64() % 1_000_000_000
	prefix := seed.DemoPrefix(seed.PlaceGloucester, s) + "-"
	t.Cleanup(func() {
		if err := db.BulkDeletePrefix(context.Background(), prefix); err != nil {
			t.Error(err)
		}
	})
	const people = 120
	opts := seed.DemoOptions{Area: seed.PlaceGloucester, DataDir: data, Seed: s, People: people, Today: demoToday}
	var out bytes.Buffer
	sum, err := seed.Demo(ctx, &importer.Importer{DB: db, Out: &out}, opts)
	if err != nil {
		t.Fatalf("Demo: %v\n%s", err, out.String())
	}
	if err := sum.Print(&out, filepath.Join(t.TempDir(), "rejected.txt")); err != nil {
		t.Fatal(err)
	}
	t.Logf("demo:\n%s", out.String())
	if c := sum.Kind("programmes"); c.Created != 15 {
		t.Errorf("demo programmes = %+v, want 15 created", c)
	}
	if c := sum.Kind("people"); c.Created != people {
		t.Errorf("demo people = %+v, want %d created", c, people)
	}
	if c := sum.Kind("referrals"); c.Created == 0 {
		t.Errorf("demo referrals = %+v, want some created", c)
	}

	t.Run("real adverts are open on the clock and marked shifted", func(t *testing.T) {
		vs, err := db.FindVacancies(ctx, workforce.VacancyFilter{PlaceID: seed.PlaceGloucester}, workforce.Page{First: 100})
		if err != nil {
			t.Fatal(err)
		}
		real, open := 0, 0
		for _, v := range vs.Items {
			if !strings.HasPrefix(v.ID, "jobposting:") {
				continue
			}
			real++
			if v.IsOpen(demoToday) {
				open++
			}
			if !strings.Contains(v.Source, "dates shifted") {
				t.Errorf("advert %s source = %q, want it marked as shifted", v.ID, v.Source)
			}
		}
		// Every advert in the file was open on its collection day (none
		// closed before the last posting day), so all are open today.
		if real < 10 || open != real {
			t.Errorf("%d of %d real adverts near Gloucester are open on %s, want all of at least 10", open, real, demoToday.Format(time.DateOnly))
		}
	})

	t.Run("people like the area's people", func(t *testing.T) {
		ids := make([]string, people)
		for i := range ids {
			ids[i] = prefix + "person-" + pad7(i)
		}
		ps, err := db.People(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		places, err := db.Places(ctx, placeIDs(ps))
		if err != nil {
			t.Fatal(err)
		}
		decile := map[string]int{}
		for _, p := range places {
			decile[p.ID] = p.IMDDecile
		}
		deprived, fullTime, partTime, withDates, consent := 0, 0, 0, 0, 0
		for _, p := range ps {
			if d := decile[p.PlaceID]; d == 1 || d == 2 {
				deprived++
			}
			switch {
			case p.HoursPerWeek == 37.5:
				fullTime++
			case p.HoursPerWeek > 0 && p.HoursPerWeek < 35:
				partTime++
			}
			if len(p.History) > 0 && p.History[0].From != nil {
				withDates++
			}
			if p.ConsentMatching {
				consent++
			}
			if p.TravelKm <= 0 || !strings.HasSuffix(p.Name, "(demo)") || len(p.Seeks) == 0 {
				t.Errorf("person %s: travel %v km, name %q, seeks %v; want a travel limit, a name marked (demo) and a sought occupation", p.ID, p.TravelKm, p.Name, p.Seeks)
			}
		}
		area, err := db.FindPlaces(ctx, workforce.PlaceFilter{Kind: workforce.PlaceLSOA, ParentID: seed.PlaceGloucester}, workforce.Page{First: 1000})
		if err != nil {
			t.Fatal(err)
		}
		areaDeprived := 0
		for _, p := range area.Items {
			if p.IMDDecile == 1 || p.IMDDecile == 2 {
				areaDeprived++
			}
		}
		want := float64(areaDeprived) / float64(len(area.Items))
		got := float64(deprived) / float64(len(ps))
		t.Logf("IMD decile 1-2: %.3f of people, %.3f of the area's %d LSOAs; full time %d, part time %d, history with dates %d, consent %d of %d",
			got, want, len(area.Items), fullTime, partTime, withDates, consent, len(ps))
		if len(ps) != people || got < want-0.02 || got > want+0.02 {
			t.Errorf("%d people, %.3f in IMD decile 1-2 LSOAs; want %d and the area's share %.3f", len(ps), got, people, want)
		}
		if fullTime == 0 || partTime == 0 || withDates < people/2 || consent < people*3/4 {
			t.Errorf("full time %d, part time %d, dated histories %d, consenting %d of %d: want both kinds of hours, most with dated histories and consent",
				fullTime, partTime, withDates, consent, people)
		}
	})

	out.Reset()
	again, err := seed.Demo(ctx, &importer.Importer{DB: db, Out: &out}, opts)
	if err != nil {
		t.Fatalf("Demo (again): %v", err)
	}
	if tot := again.Total(); tot.Created != 0 || tot.Updated != 0 || strings.Contains(out.String(), "removed") {
		_ = again.Print(&out, "")
		t.Errorf("second demo = %+v, want nothing created, updated or removed\n%s", tot, out.String())
	}

	t.Run("a smaller or changed demo leaves nothing stale", func(t *testing.T) {
		first := prefix + "person-0000000"
		last := prefix + "person-" + pad7(people-1)
		stale := "http://data.europa.eu/esco/skill/6d13053b-ee35-492c-8976-8178420df398" // infection control
		held, err := db.PersonSkills(ctx, []string{first})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range held[first] {
			if s.SkillID == stale {
				t.Skipf("person 0 holds %s already; pick another skill", stale)
			}
		}
		if _, err := db.BulkPersonSkills(ctx, []store.BulkPersonSkill{{PersonID: first, PersonSkill: workforce.PersonSkill{SkillID: stale, Level: 1, Source: "self"}}}); err != nil {
			t.Fatal(err)
		}
		smaller := opts
		smaller.People = people - 10
		out.Reset()
		if _, err := seed.Demo(ctx, &importer.Importer{DB: db, Out: &out}, smaller); err != nil {
			t.Fatalf("Demo (smaller): %v", err)
		}
		// A smaller caseload is drawn afresh, so many people's skills change too.
		if !strings.Contains(out.String(), "demo: removed 10 nodes and ") {
			t.Errorf("smaller demo output lacks the removal of 10 people:\n%s", out.String())
		}
		existing, err := db.BulkExisting(ctx, workforce.KindPerson, []string{first, last})
		if err != nil {
			t.Fatal(err)
		}
		held, err = db.PersonSkills(ctx, []string{first})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range held[first] {
			if s.SkillID == stale {
				t.Errorf("person 0 still holds the stale skill %s", stale)
			}
		}
		if !existing[first] || existing[last] {
			t.Errorf("after a demo of %d people, person 0 exists %v and person %d exists %v; want true, false", people-10, existing[first], people-1, existing[last])
		}
	})
}

func pad7(i int) string {
	s := itoa(uint64(i))
	return strings.Repeat("0", 7-len(s)) + s
}

func placeIDs(ps []*workforce.Person) []string {
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.PlaceID)
	}
	return ids
}

// TestDemoBadInput: a data folder lacking a file, and an unknown area, are
// refused with a clear error before anything is written.
func TestDemoBadInput(t *testing.T) {
	data := dataDir(t)
	db := storetest.Open(t)
	ctx := context.Background()
	abs, err := filepath.Abs(data)
	if err != nil {
		t.Fatal(err)
	}
	partial := t.TempDir()
	for _, f := range seed.DemoFiles {
		if f == importer.ASHEFile {
			continue
		}
		if err := os.MkdirAll(filepath.Join(partial, filepath.Dir(f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(abs, f), filepath.Join(partial, f)); err != nil {
			t.Fatal(err)
		}
	}
	empty := t.TempDir()
	tests := []struct {
		name, area, dir string
		want            []string
	}{
		{"a file missing", seed.PlaceGloucester, partial, []string{importer.ASHEFile + " (missing)", "nothing was written"}},
		{"an empty folder", seed.PlaceGloucester, empty, []string{"esco-v1.1.1/occupations_en.csv (missing)", "nothing was written"}},
		{"an unknown area", "E99999999", data, []string{`unknown area "E99999999"`, "icb22_centroids.csv", "nothing was written"}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := 900_000_000 + uint64(i) + rand.Uint64()%1_000_000
			var out bytes.Buffer
			_, err := seed.Demo(ctx, &importer.Importer{DB: db, Out: &out}, seed.DemoOptions{Area: tc.area, DataDir: tc.dir, Seed: s, People: 20, Today: demoToday})
			if err == nil {
				t.Fatal("Demo succeeded, want an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Demo error %q lacks %q", err, w)
				}
			}
			existing, err := db.BulkExisting(ctx, workforce.KindPerson, []string{seed.DemoPrefix(tc.area, s) + "-person-0000000"})
			if err != nil {
				t.Fatal(err)
			}
			if len(existing) > 0 && existing[seed.DemoPrefix(tc.area, s)+"-person-0000000"] || out.Len() > 0 {
				t.Errorf("Demo wrote something before failing: %v\n%s", existing, out.String())
			}
		})
	}
}
