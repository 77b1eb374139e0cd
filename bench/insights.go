package bench

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/onework/onework/indexer"
	"github.com/onework/onework/insights"
	"github.com/onework/onework/store"
	"github.com/onework/onework/workforce"
)

// InsightsUsage describes "bench insights".
const InsightsUsage = `usage: onework bench insights [--people N] [--vacancies M] [--samples N] [--seed S] [--neo4j=false]
  Measures every insight at scale: on a synthetic in-memory snapshot of N people
  (default 1000000) and M vacancies (default 100000), then the snapshot read from
  the data already in Neo4j and the insights over it.`

// RunInsights carries out "bench insights".
func RunInsights(ctx context.Context, args []string, db *store.DB, out io.Writer) error {
	fs := flag.NewFlagSet("bench insights", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	people := fs.Int("people", 1_000_000, "")
	vacancies := fs.Int("vacancies", 100_000, "")
	samples := fs.Int("samples", 40, "")
	seed := fs.Uint64("seed", 1, "")
	withNeo4j := fs.Bool("neo4j", true, "")
	if err := fs.Parse(args); err != nil || *people < 1 || *vacancies < 1 || *samples < 1 {
		return fmt.Errorf("bench: bad arguments\n%s", InsightsUsage)
	}
	rng := rand.New(rand.NewPCG(*seed, 0x1a51_9475))
	start := time.Now()
	f := SyntheticFacts(rng, *people, *vacancies)
	gen := time.Since(start)
	start = time.Now()
	e := insights.New(f)
	index := time.Since(start)
	runtime.GC()
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	fmt.Fprintf(out, "synthetic snapshot: %d people, %d vacancies, %d referrals, %d places; generated in %s, indexed in %s, heap %d MB\n",
		*people, len(f.Vacancies), len(f.Referrals), len(f.Places), gen.Round(time.Millisecond), index.Round(time.Millisecond), mem.HeapAlloc>>20)
	rows, err := measureInsights(e, f, rng, *samples)
	if err != nil {
		return err
	}
	printInsightRows(out, rows)
	if !*withNeo4j {
		return nil
	}
	live := &indexer.Insights{Source: db}
	start = time.Now()
	if err := live.Build(ctx); err != nil {
		return err
	}
	build := time.Since(start)
	e, err = live.Engine(ctx)
	if err != nil {
		return err
	}
	nf := e.Facts()
	people2 := 0
	for _, n := range nf.PeopleByPlace {
		people2 += n
	}
	fmt.Fprintf(out, "\nsnapshot read from Neo4j: %d people, %d vacancies, %d referrals, %d places; read and indexed in %s\n",
		people2, len(nf.Vacancies), len(nf.Referrals), len(nf.Places), build.Round(time.Millisecond))
	rows, err = measureInsights(e, nf, rng, *samples)
	if err != nil {
		return err
	}
	printInsightRows(out, rows)
	return nil
}

type insightRow struct {
	name           string
	n              int
	p50, p95, max  time.Duration
	rows, suppress int
}

// measureInsights answers each insight samples times over random slices:
// a year's window somewhere in 2024-2026, everywhere or one ICB or local
// authority, grouped by nothing, local authority or employer kind.
func measureInsights(e *insights.Engine, f *insights.Facts, rng *rand.Rand, samples int) ([]insightRow, error) {
	var areas []string
	for _, p := range f.Places {
		if p.Kind == workforce.PlaceICB || p.Kind == workforce.PlaceLocalAuthority {
			areas = append(areas, p.ID)
		}
	}
	areas = append(areas, "")
	bys := []insights.Dimension{insights.ByNone, insights.ByLocalAuthority, insights.ByEmployerKind, insights.BySOCMajorGroup}
	var out []insightRow
	for _, name := range insights.Names {
		if name == insights.NameSkew {
			continue
		}
		var lat []time.Duration
		r := insightRow{name: name}
		for range samples {
			from := time.Date(2024, time.Month(1+rng.IntN(12)), 1, 0, 0, 0, 0, time.UTC).AddDate(rng.IntN(2), 0, 0)
			req := insights.Request{Name: name, Slice: insights.Slice{From: from, To: from.AddDate(1, 0, 0), PlaceID: areas[rng.IntN(len(areas))]},
				By: bys[rng.IntN(len(bys))], Intersections: rng.IntN(2) == 0}
			if name == insights.NameGoodWork && req.By == insights.ByNone {
				req.By = insights.ByEmployerKind
			}
			t := time.Now()
			tb, err := e.Answer(req)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			lat = append(lat, time.Since(t))
			r.rows += len(tb.Rows)
			for _, row := range tb.Rows {
				for _, c := range row.Cells {
					if c.Suppressed {
						r.suppress++
					}
				}
			}
		}
		slices.Sort(lat)
		r.n, r.p50, r.p95, r.max = len(lat), percentile(lat, 0.5), percentile(lat, 0.95), lat[len(lat)-1]
		out = append(out, r)
	}
	// Skew@k over a ranked pool of 5,000 (the API's cap).
	pool := make([]bool, 5000)
	for i := range pool {
		pool[i] = rng.IntN(5) == 0
	}
	var lat []time.Duration
	for range samples {
		t := time.Now()
		if _, err := insights.SkewAtK(pool, 20, f.AsOf); err != nil {
			return nil, err
		}
		lat = append(lat, time.Since(t))
	}
	slices.Sort(lat)
	out = append(out, insightRow{name: "skewAtK (pool of 5000, ranking excluded)", n: len(lat), p50: percentile(lat, 0.5), p95: percentile(lat, 0.95), max: lat[len(lat)-1], rows: 2 * samples})
	return out, nil
}

func printInsightRows(out io.Writer, rows []insightRow) {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "insight\tn\tp50 ms\tp95 ms\tmax ms\trows/answer\tsuppressed cells/answer\t")
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%d\t%.2f\t%.2f\t%.2f\t%.1f\t%.1f\t\n", r.name, r.n, ms(r.p50), ms(r.p95), ms(r.max),
			float64(r.rows)/float64(r.n), float64(r.suppress)/float64(r.n))
	}
	_ = w.Flush()
}

// SyntheticFacts makes an insights snapshot of England's size: 42 ICBs,
// 300 local authorities, 110 LSOAs each, people spread over them, 400
// occupations with 20 skills each, vacancies posted over 2024-2026, a
// referral per three people (half with monitoring data) and programmes
// with completions.
func SyntheticFacts(rng *rand.Rand, people, vacancies int) *insights.Facts {
	f := &insights.Facts{AsOf: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Sectors: map[string]string{}, Skills: map[string]string{},
		PeopleByPlace: map[string]int{}, Holders: map[string]map[string]int{}}
	var lsoas, las []string
	for i := range 42 {
		icb := fmt.Sprintf("E54%06d", i)
		f.Places = append(f.Places, insights.Place{ID: icb, Name: "ICB " + strconv.Itoa(i), Kind: workforce.PlaceICB})
		for j := range 300 / 42 {
			la := fmt.Sprintf("E06%03d%03d", i, j)
			las = append(las, la)
			f.Places = append(f.Places, insights.Place{ID: la, Name: "LA " + la, Kind: workforce.PlaceLocalAuthority, Parents: []string{icb}})
			for k := range 110 {
				id := fmt.Sprintf("E01%s%03d", la[3:], k)
				lsoas = append(lsoas, id)
				f.Places = append(f.Places, insights.Place{ID: id, Kind: workforce.PlaceLSOA, IMD: 1 + rng.IntN(10), Parents: []string{la}})
			}
		}
	}
	areasOf := func(lsoa string) []string { return []string{"", "E06" + lsoa[3:9], "E54000" + lsoa[3:6]} }
	for i := range 14 {
		f.Sectors[fmt.Sprintf("sector-%02d", i)] = "Sector " + strconv.Itoa(i)
	}
	reqs := make([][]string, 400)
	for i := range reqs {
		f.Occupations = append(f.Occupations, insights.Occupation{ID: fmt.Sprintf("occ-%03d", i), Label: "Occupation " + strconv.Itoa(i),
			SOC: fmt.Sprintf("%d%03d", 1+i%9, i), ISCO: fmt.Sprintf("%d%03d", 1+i%9, i), Sectors: []string{fmt.Sprintf("sector-%02d", i%14)}})
		for range 20 {
			s := fmt.Sprintf("skill-%04d", rng.IntN(3000))
			reqs[i] = append(reqs[i], s)
			f.Skills[s] = "Skill " + s
		}
	}
	kinds := workforce.EmployerKinds
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range vacancies {
		o := rng.IntN(len(reqs))
		posted := start.Add(time.Duration(rng.IntN(3*365*24)) * time.Hour)
		v := insights.Vacancy{ID: fmt.Sprintf("vac-%07d", i), EmployerID: fmt.Sprintf("emp-%05d", i/20), EmployerKind: kinds[(i/20)%len(kinds)],
			Charter: workforce.CharterLevels[(i/20)%len(workforce.CharterLevels)], EmployerRLW: (i/20)%2 == 0, OccupationID: f.Occupations[o].ID,
			PlaceID: lsoas[rng.IntN(len(lsoas))], PostedAt: &posted, Contract: workforce.ContractTypes[rng.IntN(len(workforce.ContractTypes))],
			SalaryMin: float64(18_000 + 1000*rng.IntN(20)), HoursPerWeek: float64(16 + rng.IntN(22)), Essential: reqs[o][:8]}
		if rng.IntN(4) != 0 {
			closes := posted.AddDate(0, 0, 7+rng.IntN(120))
			v.ClosesAt = &closes
		}
		f.Vacancies = append(f.Vacancies, v)
	}
	sexes := []string{"female", "male", "prefer not to say"}
	bands := []string{"16-24", "25-34", "35-49", "50-64"}
	ethnicities := []string{"White British", "Asian or Asian British", "Black or Black British", "Mixed", "White other"}
	for i := range people {
		home := lsoas[rng.IntN(len(lsoas))]
		f.PeopleByPlace[home]++
		o := rng.IntN(len(reqs))
		for _, s := range reqs[o][:15] {
			m := f.Holders[s]
			if m == nil {
				m = map[string]int{}
				f.Holders[s] = m
			}
			for _, a := range areasOf(home) {
				m[a]++
			}
		}
		if i%3 != 0 {
			continue
		}
		v := &f.Vacancies[rng.IntN(len(f.Vacancies))]
		r := insights.Referral{Target: workforce.TargetVacancy, TargetID: v.ID, ReferredAt: v.PostedAt.AddDate(0, 0, rng.IntN(20)), HomeID: home,
			Furthest: workforce.ProgressStages[rng.IntN(5)]}
		if rng.IntN(2) == 0 {
			r.Equality = &workforce.Equality{Sex: sexes[rng.IntN(len(sexes))], AgeBand: bands[rng.IntN(len(bands))],
				Ethnicity: ethnicities[rng.IntN(len(ethnicities))], Disability: []string{"yes", "no", "no", "no"}[rng.IntN(4)]}
		}
		f.Referrals = append(f.Referrals, r)
	}
	for i := range 2000 {
		p := insights.Programme{ID: fmt.Sprintf("prog-%04d", i), Title: "Programme " + strconv.Itoa(i), Kind: workforce.ProgrammeKinds[i%len(workforce.ProgrammeKinds)],
			PlaceID: lsoas[rng.IntN(len(lsoas))], LeadsTo: []string{f.Occupations[rng.IntN(len(f.Occupations))].ID}}
		f.Programmes = append(f.Programmes, p)
		f.Progressions = append(f.Progressions, workforce.Progression{ProgrammeID: p.ID, OccupationID: p.LeadsTo[0], Learners: rng.IntN(40), Period: "2024/25"})
		for range 25 {
			c := insights.Completion{ProgrammeID: p.ID, CompletedAt: start.Add(time.Duration(rng.IntN(3*365*24)) * time.Hour)}
			if rng.IntN(2) == 0 {
				c.HiredOccupationID = p.LeadsTo[0]
			}
			f.Completions = append(f.Completions, c)
		}
		if i%3 == 0 {
			f.Referrals = append(f.Referrals, insights.Referral{Target: workforce.TargetProgramme, TargetID: p.ID, ReferredAt: start.AddDate(1, 0, 0),
				HomeID: lsoas[rng.IntN(len(lsoas))], Furthest: workforce.StageStarted})
		}
	}
	return f
}
