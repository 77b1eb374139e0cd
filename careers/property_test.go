package careers

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/onework/onework/workforce"
)

// randomWorld makes a world of n occupations over m skills with random
// requirements, job zones, pay, sectors and links. Every fifth occupation
// copies the one before, so that scores tie and order falls to ids.
func randomWorld(r *rand.Rand, n, m int) Data {
	skill := func(i int) string { return fmt.Sprintf("%s%08d-0000-4000-8000-000000000000", escoSkill, i) }
	d := Data{
		Requirements:      map[string][]workforce.Requirement{},
		SkillLinks:        map[string]workforce.Links{},
		OccupationSectors: map[string][]string{},
		EmployerMix:       map[string]map[workforce.EmployerKind]float64{},
	}
	for i := range m {
		d.Skills = append(d.Skills, &workforce.Skill{ID: skill(i), Label: fmt.Sprintf("skill %d", i)})
		switch r.IntN(4) {
		case 0:
			d.SkillLinks[skill(i)] = workforce.Links{Related: []string{skill(r.IntN(m))}}
		case 1:
			d.SkillLinks[skill(i)] = workforce.Links{Broader: []string{skill(r.IntN(m))}}
		}
	}
	for i := range n {
		id := fmt.Sprintf("%s%08d-0000-4000-8000-000000000000", escoOcc, i)
		o := &workforce.Occupation{ID: id, Label: fmt.Sprintf("occupation %d", i), JobZone: r.IntN(6)}
		if r.IntN(4) > 0 {
			o.AnnualPay = float64(15_000 + r.IntN(45_000))
		}
		var reqs []workforce.Requirement
		for range 3 + r.IntN(8) {
			reqs = append(reqs, workforce.Requirement{SkillID: skill(r.IntN(m)), Essential: r.IntN(3) > 0})
		}
		if sector := r.IntN(5); sector > 0 {
			d.OccupationSectors[id] = []string{fmt.Sprintf("%s%d", SectorIDPrefix, sector)}
		}
		if r.IntN(2) == 0 {
			d.EmployerMix[id] = map[workforce.EmployerKind]float64{workforce.EmployerKinds[r.IntN(len(workforce.EmployerKinds))]: 1}
		}
		if i%5 == 4 {
			prev := d.Occupations[i-1]
			o.JobZone, o.AnnualPay = prev.JobZone, prev.AnnualPay
			reqs = d.Requirements[prev.ID]
			d.OccupationSectors[id] = d.OccupationSectors[prev.ID]
			d.EmployerMix[id] = d.EmployerMix[prev.ID]
		}
		d.Occupations = append(d.Occupations, o)
		d.Requirements[id] = reqs
	}
	return d
}

// simBetween is the similarity of a move from one occupation to another.
func simBetween(e *Engine, from, to string) float64 {
	s := newScratch(len(e.occs), len(e.nodes))
	o := e.occupationOrigin(e.occByID[from])
	e.similarities(o, s)
	sim, _, _ := e.similarity(o, s, e.occByID[to])
	return sim
}

func TestPropertyAddingSharedSkillNeverLowersSimilarity(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for trial := range 300 {
		d := randomWorld(r, 12, 30)
		from, to := d.Occupations[r.IntN(12)].ID, d.Occupations[r.IntN(12)].ID
		if from == to {
			continue
		}
		var extra []string
		for _, q := range d.Requirements[from] {
			if !slices.ContainsFunc(d.Requirements[to], func(p workforce.Requirement) bool { return p.SkillID == q.SkillID }) {
				extra = append(extra, q.SkillID)
			}
		}
		if len(extra) == 0 {
			continue
		}
		before := simBetween(mustNew(t, d), from, to)
		add := workforce.Requirement{SkillID: extra[r.IntN(len(extra))], Essential: r.IntN(2) == 0}
		d.Requirements[to] = append(slices.Clone(d.Requirements[to]), add)
		after := simBetween(mustNew(t, d), from, to)
		if after < before-1e-12 {
			t.Fatalf("trial %d: adding shared skill %+v to the target lowered similarity %v -> %v", trial, add, before, after)
		}
		checked++
	}
	if checked < 100 {
		t.Fatalf("only %d trials could add a shared skill; the generator needs a look", checked)
	}
}

func mustNew(tb testing.TB, d Data) *Engine {
	tb.Helper()
	e, err := New(d, Config{})
	if err != nil {
		tb.Fatalf("New = %v", err)
	}
	return e
}

func TestPropertyFilters(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for world := range 20 {
		d := randomWorld(r, 40, 50)
		e := mustNew(t, d)
		for _, o := range d.Occupations {
			for step := range 5 {
				got := mustMoves(t, e, o.ID, Query{First: 100, Filter: Filter{MinSimilarity: ptr(0.0), MaxJobZoneStep: ptr(step)}})
				for _, m := range got.Items {
					if m.PrepKnown && m.PrepStep > step && (m.Similarity < NearIdentical || !m.QualificationStep) {
						t.Fatalf("world %d: move %s -> %s steps %d up, over the limit %d", world, o.ID, m.OccupationID, m.PrepStep, step)
					}
				}
			}
			all := mustMoves(t, e, o.ID, Query{First: 100, Filter: Filter{MinSimilarity: ptr(0.0)}})
			var want []string
			for _, m := range all.Items {
				if m.PrepKnown && m.PrepStep > 1 && m.Similarity < NearIdentical {
					t.Fatalf("world %d: default gate let a move of %d steps up through", world, m.PrepStep)
				}
				// Cross-sector moves are sideways, unless into open entry.
				if m.CrossSector && !(m.PrepKnown && m.PrepStep > 0 && !m.OpenEntry && m.Similarity < NearIdentical) {
					want = append(want, m.OccupationID)
				}
			}
			cross := mustMoves(t, e, o.ID, Query{First: 100, Filter: Filter{MinSimilarity: ptr(0.0), CrossSectorOnly: true}})
			for _, m := range cross.Items {
				if !m.CrossSector {
					t.Fatalf("world %d: cross-sector filter returned %s -> %s, which stays in sector", world, o.ID, m.OccupationID)
				}
			}
			// The same moves, served in rounds across destination sectors.
			got := ids(cross.Items)
			slices.Sort(want)
			slices.Sort(got)
			if diff := cmp.Diff(want, got); len(want)+len(got) > 0 && diff != "" {
				t.Fatalf("world %d: cross-sector moves from %s (-want +got):\n%s", world, o.ID, diff)
			}
			checkRounds(t, e, cross.Items)
		}
	}
}

// checkRounds checks the order of a cross-sector list against the rule as
// docs/careers.md states it, worked out the long way: by score, each move
// takes the round of its turn, Config.SectorBreadth moves per destination
// sector, or follows every round below Config.TurnSimilarity; then it takes
// the latest round of the moves more than Config.RoundBand above it; the
// list is served by round, then score, then id. It also checks the band's
// promise directly: no move comes before one more than RoundBand higher.
func checkRounds(t *testing.T, e *Engine, moves []Move) {
	t.Helper()
	byScore := slices.Clone(moves)
	slices.SortFunc(byScore, func(a, b Move) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.OccupationID, b.OccupationID)
	})
	own := make([]int, len(byScore))
	turns := map[string]int{}
	for i, m := range byScore {
		own[i] = afterRounds
		if m.Similarity >= e.cfg.TurnSimilarity {
			sector := strings.Join(m.Sectors, " ")
			own[i] = turns[sector] / e.cfg.SectorBreadth
			turns[sector]++
		}
	}
	round := map[string]int{}
	for i, m := range byScore {
		r := own[i]
		for j, a := range byScore {
			if a.Score > m.Score+e.cfg.RoundBand {
				r = max(r, own[j])
			}
		}
		round[m.OccupationID] = r
	}
	want := slices.Clone(byScore)
	slices.SortStableFunc(want, func(a, b Move) int { return round[a.OccupationID] - round[b.OccupationID] })
	if diff := cmp.Diff(ids(want), ids(moves)); diff != "" {
		t.Fatalf("cross-sector order (-want +got):\n%s", diff)
	}
	for i, m := range moves {
		for _, a := range moves[i+1:] {
			if a.Score > m.Score+e.cfg.RoundBand {
				t.Fatalf("%s (score %.4f) served before %s (score %.4f), more than the round band %.2f higher", m.OccupationID, m.Score, a.OccupationID, a.Score, e.cfg.RoundBand)
			}
		}
	}
}

func TestPropertyPagination(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for world := range 10 {
		d := randomWorld(r, 60, 40)
		e := mustNew(t, d)
		// A demand function makes ties between copies that only ids break.
		demand := func(id string) int { return len(id) % 3 }
		for i, o := range d.Occupations {
			// Every other origin pages a cross-sector list, served in rounds.
			q := Query{First: 100, Filter: Filter{MinSimilarity: ptr(0.0), MaxJobZoneStep: ptr(4), CrossSectorOnly: i%2 == 1}, Demand: demand}
			whole := mustMoves(t, e, o.ID, q)
			if whole.HasNext {
				t.Fatalf("world %d: more than %d moves from %s; the test needs a smaller world", world, q.First, o.ID)
			}
			for _, size := range []int{1, 2, 3, 7} {
				got := []Move{}
				q := q
				q.First, q.After = size, ""
				for page := 0; ; page++ {
					p := mustMoves(t, e, o.ID, q)
					if p.Total != whole.Total {
						t.Fatalf("page %d Total = %d, want %d", page, p.Total, whole.Total)
					}
					got = append(got, p.Items...)
					if !p.HasNext {
						break
					}
					q.After = p.EndCursor
				}
				if diff := cmp.Diff(whole.Items, got, cmp.Comparer(func(a, b Move) bool { return a.OccupationID == b.OccupationID && a.Cursor == b.Cursor })); diff != "" {
					t.Fatalf("world %d, origin %s, pages of %d differ from the whole list (-want +got):\n%s", world, o.ID, size, diff)
				}
			}
		}
	}
}

// TestPropertyClosenessLeads checks the promise of Config.TieBand: with
// demand and pay in play, no move is served above one more than TieBand
// closer than it.
func TestPropertyClosenessLeads(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	band := DefaultConfig().TieBand
	for world := range 10 {
		d := randomWorld(r, 40, 50)
		e := mustNew(t, d)
		demand := func(id string) int { return int(id[len(id)-1]) % 7 * 10 }
		for _, o := range d.Occupations {
			got := mustMoves(t, e, o.ID, Query{First: 100, Filter: Filter{MinSimilarity: ptr(0.0), MaxJobZoneStep: ptr(4)}, Demand: demand})
			for i, a := range got.Items {
				for _, b := range got.Items[i+1:] {
					if b.Closeness > a.Closeness+band+1e-12 {
						t.Fatalf("world %d from %s: %s (closeness %.3f) served above %s (closeness %.3f)", world, o.ID, a.OccupationID, a.Closeness, b.OccupationID, b.Closeness)
					}
				}
			}
		}
	}
}

func TestNearIdenticalMoveNeedsQualification(t *testing.T) {
	e := mustScenario(t, Config{})
	got := mustMoves(t, e, healthcareAssistant, Query{})
	i := slices.IndexFunc(got.Items, func(m Move) bool { return m.OccupationID == generalNurse })
	if i < 0 {
		t.Fatalf("CareerMoves(healthcare assistant) = %v, want the near-identical nurse move kept", ids(got.Items))
	}
	m := got.Items[i]
	if m.Similarity < NearIdentical || !m.QualificationStep || !slices.ContainsFunc(m.Reasons, func(r string) bool { return strings.HasPrefix(r, "Needs a qualification step") }) {
		t.Errorf("nurse move: similarity %.2f, qualification step %v, reasons %q; want a flagged qualification step", m.Similarity, m.QualificationStep, m.Reasons)
	}
	for _, other := range got.Items {
		if other.OccupationID != generalNurse && other.QualificationStep {
			t.Errorf("move to %s flagged as a qualification step within the limit", other.Label)
		}
	}
}

// TestPropertyRoundBandEnds checks the two ends of Config.RoundBand on
// random worlds: 0 serves a cross-sector list by score alone, 1 leaves the
// rounds unbounded, and every band in between keeps the rule checkRounds
// works out.
func TestPropertyRoundBandEnds(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	reordered := 0
	for world := range 5 {
		d := randomWorld(r, 60, 40)
		for _, band := range []float64{0, 0.05, 1} {
			cfg := DefaultConfig()
			cfg.RoundBand = band
			e, err := New(d, cfg)
			if err != nil {
				t.Fatalf("New(RoundBand %v) = %v", band, err)
			}
			for _, o := range d.Occupations {
				m := mustMoves(t, e, o.ID, Query{First: 100, Filter: Filter{MinSimilarity: ptr(0.0), CrossSectorOnly: true}})
				checkRounds(t, e, m.Items)
				byScore := slices.IsSortedFunc(m.Items, func(a, b Move) int {
					if a.Score > b.Score {
						return -1
					}
					if a.Score < b.Score {
						return 1
					}
					return strings.Compare(a.OccupationID, b.OccupationID)
				})
				if band == 0 && !byScore {
					t.Fatalf("world %d, RoundBand 0: cross-sector moves from %s not served by score", world, o.ID)
				}
				if band == 1 && !byScore {
					reordered++
				}
			}
		}
	}
	// The worlds must exercise the rounds, or the test says nothing.
	if reordered == 0 {
		t.Errorf("RoundBand 1 reordered no cross-sector list of the random worlds")
	}
}
