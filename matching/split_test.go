package matching

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSharedScanRanksAsOneScan checks that a search shared between
// workers, for a vacancy's candidates or a person's vacancies, gives
// exactly the page one scan gives (edges, cursors,
// totals, next page and notes) under every kind of query: the whole
// ranking, small pages, the page after a cursor, floors, a distance cap,
// local only, a caseload and home areas.
func TestSharedScanRanksAsOneScan(t *testing.T) {
	for _, seed := range seeds {
		engines := map[string]*Engine{}
		for name, cfg := range map[string]Config{
			"one":    {MaxPageSize: 100_000, ScanWorkers: 1},
			"shared": {MaxPageSize: 100_000, ScanWorkers: 3, splitMin: 1},
		} {
			e, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			e.Now = SyntheticNow
			engines[name] = e
		}
		w := newWorld(engines["one"], engines["shared"])
		Synthetic(seed, 3000, 300, w)
		r := rand.New(rand.NewPCG(seed, 29))
		queries := []Query{{}, {First: 1}, {First: 5}, {First: 100_000}, {MinSkills: 0.3}, {MinScore: 0.4}, {MinScore: 0.4, First: 3},
			{MaxDistanceKm: 8}, {LocalOnly: true}, {OrgID: "org-03"}, {OrgID: "org-99"}, {HomeAreaOnly: true}}
		for _, side := range []struct {
			ids  []string
			rank rankFunc
		}{{w.vacIDs, candidatesOf}, {w.personIDs, vacanciesOf}} {
			for _, id := range sample(r, side.ids, 30) {
				for _, q := range queries {
					one := mustRank(t, side.rank, engines["one"], id, q)
					shared := mustRank(t, side.rank, engines["shared"], id, q)
					if diff := cmp.Diff(one, shared); diff != "" {
						t.Fatalf("rank(%q, %+v) (-one scan +shared):\n%s", id, q, diff)
					}
					if len(one.Edges) < 2 {
						continue
					}
					q.After = one.Edges[len(one.Edges)/2].Cursor
					one = mustRank(t, side.rank, engines["one"], id, q)
					shared = mustRank(t, side.rank, engines["shared"], id, q)
					if diff := cmp.Diff(one, shared); diff != "" {
						t.Fatalf("rank(%q, %+v) after a cursor (-one scan +shared):\n%s", id, q, diff)
					}
				}
			}
		}
		if n := engines["one"].idx.splits.Load(); n != 0 {
			t.Errorf("one worker shared %d scans", n)
		}
		if n := engines["shared"].idx.splits.Load(); n == 0 {
			t.Error("no scan was shared between workers, so the test compared one scan with itself")
		}
	}
}

// TestSharedScanUnderConcurrentQueries runs shared scans, both ways, from many
// goroutines at once (for the race detector) and checks each page.
func TestSharedScanUnderConcurrentQueries(t *testing.T) {
	one, err := New(Config{ScanWorkers: 1})
	if err != nil {
		t.Fatal(err)
	}
	shared, err := New(Config{ScanWorkers: 2, splitMin: 1})
	if err != nil {
		t.Fatal(err)
	}
	one.Now, shared.Now = SyntheticNow, SyntheticNow
	w := newWorld(one, shared)
	Synthetic(3, 2000, 100, w)
	want := map[string]Page{}
	for _, id := range w.vacIDs {
		want[id] = mustRank(t, candidatesOf, one, id, Query{})
	}
	for _, id := range w.personIDs {
		want[id] = mustRank(t, vacanciesOf, one, id, Query{})
	}
	errs := make(chan string, 8)
	for g := range 8 {
		go func() {
			for i := range 40 {
				id := w.vacIDs[(g*41+i*7)%len(w.vacIDs)]
				rank := candidatesOf
				if i%2 == 1 {
					id, rank = w.personIDs[(g*41+i*7)%len(w.personIDs)], vacanciesOf
				}
				p, err := rank(shared, id, Query{})
				if err != nil {
					errs <- err.Error()
					return
				}
				if diff := cmp.Diff(want[id], p); diff != "" {
					errs <- id + ": " + diff
					return
				}
			}
			errs <- ""
		}()
	}
	for range 8 {
		if e := <-errs; e != "" {
			t.Fatal(e)
		}
	}
}
