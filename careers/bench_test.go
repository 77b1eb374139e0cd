package careers

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/onework/onework/cputime"
	"github.com/onework/onework/workforce"
)

// reportPercentiles reports the median and 99th percentile of per-query
// times, which a mean hides.
func reportPercentiles(b *testing.B, took []time.Duration) {
	b.Helper()
	slices.Sort(took)
	at := func(p float64) float64 {
		return float64(took[min(len(took)-1, int(p*float64(len(took))))].Microseconds())
	}
	b.ReportMetric(at(0.50), "p50-µs/query")
	b.ReportMetric(at(0.99), "p99-µs/query")
}

// BenchmarkCareerMoves asks for the first page of moves from every ESCO
// occupation in turn over the engine built once from the reference data:
// with a demand function, as a query near a place asks, without, as the
// API's careerMoves without near does, and across sectors.
func BenchmarkCareerMoves(b *testing.B) {
	e, d := mustRealEngine(b)
	demand := map[string]int{}
	for i, o := range d.Occupations {
		demand[o.ID] = i % 7
	}
	for _, bc := range []struct {
		name string
		q    Query
	}{
		{"demand", Query{First: 20, Demand: func(id string) int { return demand[id] }}},
		{"plain", Query{First: 10}},
		// A cross-sector list is ranked whole, in rounds, on every page.
		{"cross-sector", Query{First: 20, Filter: Filter{CrossSectorOnly: true}}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			took := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			cpu0 := cputime.Process()
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if _, err := e.CareerMoves(d.Occupations[i%len(d.Occupations)].ID, bc.q); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
			}
			b.ReportMetric(float64((cputime.Process()-cpu0).Microseconds())/float64(len(took)), "cpu-µs/query")
			reportPercentiles(b, took)
		})
	}
}

// BenchmarkPersonMoves asks for moves for people holding 15 skills drawn
// from two occupations, as a person with a career behind them might.
func BenchmarkPersonMoves(b *testing.B) {
	e, d := mustRealEngine(b)
	r := rand.New(rand.NewPCG(7, 8))
	profiles := make([]Profile, 200)
	for i := range profiles {
		var skills []workforce.PersonSkill
		for range 2 {
			reqs := d.Requirements[d.Occupations[r.IntN(len(d.Occupations))].ID]
			for range 8 {
				if len(reqs) > 0 {
					skills = append(skills, workforce.PersonSkill{SkillID: reqs[r.IntN(len(reqs))].SkillID, Level: 2})
				}
			}
		}
		profiles[i] = Profile{Skills: skills, History: []workforce.Job{{OccupationID: d.Occupations[r.IntN(len(d.Occupations))].ID}}}
	}
	took := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if _, err := e.PersonMoves(profiles[i%len(profiles)], Query{First: 20}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	reportPercentiles(b, took)
}

// BenchmarkRankProgrammes ranks 500 programmes, each teaching 1 to 6 of 40
// skills, against a gap of 8: a county's catalogue against one person.
func BenchmarkRankProgrammes(b *testing.B) {
	e := mustScenario(b, Config{})
	r := rand.New(rand.NewPCG(9, 10))
	skill := func(i int) string { return fmt.Sprintf("%sbench-%02d", escoSkill, i) }
	now := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	req := ProgrammeRequest{Location: &workforce.Point{Lat: 51.86, Lon: -2.24}, Now: now, TargetLabel: "healthcare assistant"}
	for i := range 8 {
		req.Gap = append(req.Gap, skill(i))
	}
	for i := range 500 {
		p := &workforce.Programme{
			ID: fmt.Sprintf("programme-%03d", i), Title: "Programme", Kind: workforce.ProgrammeCourse,
			Location:  &workforce.Point{Lat: 51.5 + r.Float64(), Lon: -2.8 + r.Float64()},
			StartDate: ptr(now.AddDate(0, 0, r.IntN(120)-10)), PlacesLeft: ptr(r.IntN(20)), Cost: float64(r.IntN(4) * 250),
		}
		var teaches []string
		for range 1 + r.IntN(6) {
			teaches = append(teaches, skill(r.IntN(40)))
		}
		req.Candidates = append(req.Candidates, ProgrammeCandidate{Programme: p, Teaches: teaches, Progressions: r.IntN(10)})
	}
	took := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		if _, err := e.RankProgrammes(req); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	reportPercentiles(b, took)
}

// BenchmarkNew builds the engine from loaded reference data: the start-up
// and refresh cost.
func BenchmarkNew(b *testing.B) {
	_, d := mustRealEngine(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(d, DefaultConfig()); err != nil {
			b.Fatal(err)
		}
	}
}
