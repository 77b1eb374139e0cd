package careers

import (
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/onework/onework/workforce"
)

// dataDir returns the reference data folder, ../shared/data from the
// project root. Tests that need it skip when it is absent, and fail when
// ONEWORK_REQUIRE_DATA=1 (as CI sets it).
func dataDir(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dir, fileOccupations)); err != nil {
		if os.Getenv("ONEWORK_REQUIRE_DATA") == "1" {
			tb.Fatalf("ONEWORK_REQUIRE_DATA=1 but the reference data is missing: %v", err)
		}
		tb.Skip("../shared/data not found: ", err)
	}
	return dir
}

var realEngine struct {
	once sync.Once
	data Data
	e    *Engine
	err  error
}

// mustRealEngine builds the engine from the reference data once per test
// binary, since loading takes about a second.
func mustRealEngine(tb testing.TB) (*Engine, Data) {
	tb.Helper()
	dir := dataDir(tb)
	realEngine.once.Do(func() {
		realEngine.data, realEngine.err = LoadData(dir, nil)
		if realEngine.err == nil {
			realEngine.e, realEngine.err = New(realEngine.data, DefaultConfig())
		}
	})
	if realEngine.err != nil {
		tb.Fatalf("build engine from %s: %v", dir, realEngine.err)
	}
	return realEngine.e, realEngine.data
}

func TestLoadData(t *testing.T) {
	e, d := mustRealEngine(t)
	known, withReqs := 0, 0
	for _, o := range d.Occupations {
		if o.JobZone > 0 {
			known++
		}
		if len(d.Requirements[o.ID]) > 0 {
			withReqs++
		}
	}
	got := []int{len(d.Occupations), len(d.Skills), withReqs, known, len(d.OccupationSectors), len(d.Sectors)}
	// ESCO v1.1.1 counts; 1,626 of Nesta's attributes match an ESCO URI
	// and 1,233 narrower occupations inherit theirs; 2,939 of Nesta's 2,942
	// sector rows match an ESCO v1.1.1 URI.
	want := []int{3007, 13896, 3007, 2859, 2939, 14}
	if !slices.Equal(got, want) {
		t.Errorf("LoadData occupations, skills, with requirements, with job zone, with sector, sectors = %v, want %v", got, want)
	}
	byLabel := map[string]*workforce.Occupation{}
	for _, o := range d.Occupations {
		byLabel[o.Label] = o
	}
	// A tobacco shop manager, which Nesta does not cover, inherits from
	// the shop manager ESCO puts above it.
	child, parent := byLabel["tobacco shop manager"], byLabel["shop manager"]
	if child.JobZone == 0 || child.JobZone != parent.JobZone || child.AnnualPay != parent.AnnualPay {
		t.Errorf("tobacco shop manager job zone, pay = %d, %v; want its parent's %d, %v", child.JobZone, child.AnnualPay, parent.JobZone, parent.AnnualPay)
	}
	if len(e.occs) != 3007 {
		t.Errorf("engine holds %d occupations, want 3007", len(e.occs))
	}
}

func TestRealMovesPageThrough(t *testing.T) {
	e, d := mustRealEngine(t)
	var shop string
	for _, o := range d.Occupations {
		if o.Label == "shop assistant" {
			shop = o.ID
		}
	}
	q := Query{First: 100, Filter: Filter{MinSimilarity: ptr(0.1)}}
	whole := mustMoves(t, e, shop, q)
	if len(whole.Items) < 20 {
		t.Fatalf("CareerMoves(shop assistant) gave %d moves, want at least 20 at similarity 0.1", len(whole.Items))
	}
	var got []string
	q.First = 9
	for {
		p := mustMoves(t, e, shop, q)
		for _, m := range p.Items {
			if m.PrepKnown && m.PrepStep > 1 && m.Similarity < NearIdentical {
				t.Errorf("move to %s steps %d up in preparation", m.Label, m.PrepStep)
			}
		}
		got = append(got, ids(p.Items)...)
		if !p.HasNext {
			break
		}
		q.After = p.EndCursor
	}
	// Pages of 9 may run past the first 100; they must begin with them.
	if want := ids(whole.Items); len(got) < len(want) || !slices.Equal(want, got[:len(want)]) || len(got) != whole.Total {
		t.Errorf("pages of 9 = %d moves, want the %d of the whole list first and %d in all", len(got), len(want), whole.Total)
	}
	t.Logf("shop assistant: %d moves at similarity 0.1; top: %s", whole.Total, whole.Items[0].Label)
}

// TestLoadDataSkillGroups checks that the evaluation's data files almost
// every skill under a skill group ("import esco" files them the same way,
// which the importer's data test compares).
func TestLoadDataSkillGroups(t *testing.T) {
	_, d := mustRealEngine(t)
	if len(d.SkillGroups) < 10_000 {
		t.Errorf("LoadData: %d skills with a skill group, want most of ESCO's 13,896", len(d.SkillGroups))
	}
}
