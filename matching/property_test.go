package matching

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/onework/onework/workforce"
)

// world records what was loaded, keeping copies in load order, and passes
// everything on to the engines under test. The tests check the engines
// against this plain record.
type world struct {
	sinks     []Loader
	skills    []string
	skillRows map[string]skillRow
	places    map[string]workforce.Place
	placeIDs  []string
	employers map[string]workforce.Employer
	empIDs    []string
	people    map[string]*personRow
	personIDs []string
	vacancies map[string]*vacancyRow
	vacIDs    []string
	occs      map[string]*occRow
	occIDs    []string
}

type skillRow struct {
	s     workforce.Skill
	links workforce.Links
}

// row is a recorded person or vacancy with its skills or requirements.
type row[T, S any] struct {
	v    T
	with []S
}

type (
	personRow  = row[workforce.Person, workforce.PersonSkill]
	vacancyRow = row[workforce.Vacancy, workforce.Requirement]
	occRow     = row[workforce.Occupation, workforce.Requirement]
)

func newWorld(sinks ...Loader) *world {
	return &world{sinks: sinks, skillRows: map[string]skillRow{}, places: map[string]workforce.Place{},
		employers: map[string]workforce.Employer{}, people: map[string]*personRow{}, vacancies: map[string]*vacancyRow{},
		occs: map[string]*occRow{}}
}

// record stores v under id, appending id to order the first time.
func record[T any](m map[string]T, order *[]string, id string, v T) {
	if _, ok := m[id]; !ok {
		*order = append(*order, id)
	}
	m[id] = v
}

// each passes a load on to every engine under test.
func (w *world) each(load func(l Loader)) {
	for _, l := range w.sinks {
		load(l)
	}
}

func (w *world) UpsertSkill(s *workforce.Skill, links workforce.Links) {
	record(w.skillRows, &w.skills, s.ID, skillRow{*s, links})
	w.each(func(l Loader) { l.UpsertSkill(s, links) })
}

func (w *world) UpsertPlace(p *workforce.Place) {
	record(w.places, &w.placeIDs, p.ID, *p)
	w.each(func(l Loader) { l.UpsertPlace(p) })
}

func (w *world) UpsertEmployer(e *workforce.Employer) {
	record(w.employers, &w.empIDs, e.ID, *e)
	w.each(func(l Loader) { l.UpsertEmployer(e) })
}

func (w *world) UpsertVacancy(v *workforce.Vacancy, reqs []workforce.Requirement) {
	record(w.vacancies, &w.vacIDs, v.ID, &vacancyRow{*v, slices.Clone(reqs)})
	w.each(func(l Loader) { l.UpsertVacancy(v, reqs) })
}

func (w *world) UpsertPerson(p *workforce.Person, skills []workforce.PersonSkill) {
	record(w.people, &w.personIDs, p.ID, &personRow{*p, slices.Clone(skills)})
	w.each(func(l Loader) { l.UpsertPerson(p, skills) })
}

func (w *world) UpsertOccupation(o *workforce.Occupation, reqs []workforce.Requirement) {
	record(w.occs, &w.occIDs, o.ID, &occRow{*o, slices.Clone(reqs)})
	w.each(func(l Loader) { l.UpsertOccupation(o, reqs) })
}

// forget deletes id from m and from order.
func forget[T any](m map[string]T, order *[]string, id string) {
	delete(m, id)
	*order = slices.DeleteFunc(*order, func(s string) bool { return s == id })
}

// replay loads the recorded final state into l.
func (w *world) replay(l Loader) {
	for _, id := range w.skills {
		r := w.skillRows[id]
		l.UpsertSkill(&r.s, r.links)
	}
	for _, id := range w.placeIDs {
		p := w.places[id]
		l.UpsertPlace(&p)
	}
	for _, id := range w.empIDs {
		e := w.employers[id]
		l.UpsertEmployer(&e)
	}
	for _, id := range w.occIDs {
		l.UpsertOccupation(&w.occs[id].v, w.occs[id].with)
	}
	for _, id := range w.vacIDs {
		l.UpsertVacancy(&w.vacancies[id].v, w.vacancies[id].with)
	}
	for _, id := range w.personIDs {
		l.UpsertPerson(&w.people[id].v, w.people[id].with)
	}
}

// placeGeo is the location of a place by id, if it has one.
func (w *world) placeGeo(id string) (geo, bool) {
	if p, ok := w.places[id]; ok {
		return geoOf(p.Location)
	}
	return geo{}, false
}

// personGeo and vacancyGeo restate the documented location fallbacks.
func (w *world) personGeo(p *workforce.Person) (geo, bool) {
	if g, ok := geoOf(p.Location); ok {
		return g, true
	}
	return w.placeGeo(p.PlaceID)
}

func (w *world) vacancyGeo(v *workforce.Vacancy) (geo, bool) {
	e := w.employers[v.EmployerID]
	for _, try := range []func() (geo, bool){
		func() (geo, bool) { return geoOf(v.Location) },
		func() (geo, bool) { return geoOf(e.Location) },
		func() (geo, bool) { return w.placeGeo(v.PlaceID) },
		func() (geo, bool) { return w.placeGeo(e.PlaceID) },
	} {
		if g, ok := try(); ok {
			return g, true
		}
	}
	return geo{}, false
}

func travelLimit(p *workforce.Person) float64 {
	if p.TravelKm > 0 {
		return p.TravelKm
	}
	return DefaultConfig().DefaultTravelKm
}

// fits restates the hard filters from the raw records: the oracle the
// engine's grid search must agree with exactly.
func (w *world) fits(p *workforce.Person, v *workforce.Vacancy) bool {
	cfg := DefaultConfig()
	if !p.ConsentMatching || (v.RequiresRightToWork && !p.RightToWork) ||
		(p.HoursPerWeek > 0 && v.HoursPerWeek-p.HoursPerWeek > cfg.HoursTolerance) ||
		(p.AvailableFrom != nil && v.ClosesAt != nil && p.AvailableFrom.Sub(*v.ClosesAt).Hours()/24 > cfg.StartToleranceDays) {
		return false
	}
	pg, pok := w.personGeo(p)
	vg, vok := w.vacancyGeo(v)
	return !pok || !vok || distanceKm(pg, vg) <= travelLimit(p)
}

// propertyEngines returns a synthetic world loaded into an engine one row
// at a time, and its record. Pages are large enough to hold every match.
func propertyEngines(t *testing.T, seed uint64) (*Engine, *world) {
	t.Helper()
	e, err := New(Config{MaxPageSize: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	e.Now = SyntheticNow
	w := newWorld(e)
	Synthetic(seed, 3000, 300, w)
	return e, w
}

func sample(r *rand.Rand, ids []string, n int) []string {
	out := make([]string, 0, n)
	for range n {
		out = append(out, ids[r.IntN(len(ids))])
	}
	return out
}

var seeds = []uint64{1, 2}

// checkPage checks what must hold of every page: scores and components in
// [0,1], strict ranking order, totals.
func checkPage(t *testing.T, what string, p Page) {
	t.Helper()
	in01 := func(f float64) bool { return f >= 0 && f <= 1 }
	for i, e := range p.Edges {
		b := e.Breakdown
		parts := []float64{e.Score, b.Skills, b.Distance, b.Local, b.Access}
		if g := b.GoodWork; g != nil {
			parts = append(parts, g.Score, g.RealLivingWage, g.Charter, g.Contract, g.Flexible, g.Pay)
		}
		for _, f := range parts {
			if !in01(f) {
				t.Fatalf("%s: edge %s has a score or component %v outside [0,1]: %+v", what, e.NodeID, f, e)
			}
		}
		if i > 0 && !ranksBefore(p.Edges[i-1].Score, p.Edges[i-1].NodeID, e.Score, e.NodeID) {
			t.Fatalf("%s: edges %d and %d out of order: %s %v, %s %v", what, i-1, i, p.Edges[i-1].NodeID, p.Edges[i-1].Score, e.NodeID, e.Score)
		}
	}
}

func TestPropertyHardFiltersAndBounds(t *testing.T) {
	for _, seed := range seeds {
		e, w := propertyEngines(t, seed)
		r := rand.New(rand.NewPCG(seed, 99))
		now := SyntheticNow()
		for _, vid := range sample(r, w.vacIDs, 40) {
			v := &w.vacancies[vid].v
			p := mustCandidates(t, e, vid, Query{First: 100_000})
			checkPage(t, "CandidatesForVacancy("+vid+")", p)
			want := map[string]bool{}
			for _, pid := range w.personIDs {
				if w.fits(&w.people[pid].v, v) {
					want[pid] = true
				}
			}
			got := map[string]bool{}
			for _, edge := range p.Edges {
				person := &w.people[edge.NodeID].v
				if !person.ConsentMatching {
					t.Errorf("%s: %s appears without consent to matching", vid, edge.NodeID)
				}
				if edge.DistanceKm != nil && *edge.DistanceKm > travelLimit(person) {
					t.Errorf("%s: %s is %.2f km away, beyond their %.1f km limit", vid, edge.NodeID, *edge.DistanceKm, travelLimit(person))
				}
				got[edge.NodeID] = true
			}
			if diff := cmp.Diff(want, got); diff != "" || p.TotalCount != len(want) {
				t.Errorf("CandidatesForVacancy(%q): total %d, want %d; people (-want +got):\n%s", vid, p.TotalCount, len(want), diff)
			}
		}
		for _, pid := range sample(r, w.personIDs, 40) {
			person := &w.people[pid].v
			p := mustVacancies(t, e, pid, Query{First: 100_000})
			checkPage(t, "VacanciesForPerson("+pid+")", p)
			want := map[string]bool{}
			for _, vid := range w.vacIDs {
				if v := &w.vacancies[vid].v; v.IsOpen(now) && w.fits(person, v) {
					want[vid] = true
				}
			}
			got := map[string]bool{}
			for _, edge := range p.Edges {
				if edge.DistanceKm != nil && *edge.DistanceKm > travelLimit(person) {
					t.Errorf("%s: %s is %.2f km away, beyond their %.1f km limit", pid, edge.NodeID, *edge.DistanceKm, travelLimit(person))
				}
				got[edge.NodeID] = true
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("VacanciesForPerson(%q) vacancies (-want +got):\n%s", pid, diff)
			}
		}
	}
}

// pageThrough walks every page of a ranking with random page sizes.
func pageThrough(t *testing.T, r *rand.Rand, query func(q Query) Page) []Edge {
	t.Helper()
	var all []Edge
	q := Query{}
	for pages := 0; ; pages++ {
		q.First = 1 + r.IntN(10)
		p := query(q)
		all = append(all, p.Edges...)
		if !p.HasNextPage {
			return all
		}
		if pages > 10_000 || len(p.Edges) == 0 {
			t.Fatalf("paging does not end")
		}
		q.After = p.EndCursor
	}
}

func TestPropertyPagingEqualsUnpagedRanking(t *testing.T) {
	for _, seed := range seeds {
		e, w := propertyEngines(t, seed)
		r := rand.New(rand.NewPCG(seed, 7))
		key := func(es []Edge) []string {
			var out []string
			for _, e := range es {
				out = append(out, e.NodeID)
			}
			return out
		}
		for _, side := range []struct {
			ids  []string
			rank rankFunc
		}{{w.vacIDs, candidatesOf}, {w.personIDs, vacanciesOf}} {
			for _, id := range sample(r, side.ids, 15) {
				whole := mustRank(t, side.rank, e, id, Query{First: 100_000})
				paged := pageThrough(t, r, func(q Query) Page { return mustRank(t, side.rank, e, id, q) })
				if diff := cmp.Diff(key(whole.Edges), key(paged)); diff != "" {
					t.Errorf("rank(%q) paged differs from unpaged (-want +got):\n%s", id, diff)
				}
			}
		}
	}
}

func TestPagingThroughTies(t *testing.T) {
	// Twenty identical people tie on score; only the ids order them, and
	// the cursor must still neither skip nor repeat one.
	e, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	e.UpsertVacancy(&workforce.Vacancy{ID: "v", Location: pt(52, -1)}, nil)
	var want []string
	for i := range 20 {
		id := string(rune('a'+i)) + "-twin"
		e.UpsertPerson(&workforce.Person{ID: id, Location: pt(52.01, -1), ConsentMatching: true}, nil)
		want = append(want, id)
	}
	got := pageThrough(t, rand.New(rand.NewPCG(1, 1)), func(q Query) Page { return mustCandidates(t, e, "v", q) })
	var ids []string
	for _, g := range got {
		ids = append(ids, g.NodeID)
	}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("paging through ties (-want +got):\n%s", diff)
	}
}

// edgeOf finds id's edge in a page.
func edgeOf(p Page, id string) *Edge {
	for i := range p.Edges {
		if p.Edges[i].NodeID == id {
			return &p.Edges[i]
		}
	}
	return nil
}

func TestPropertyGainingARequiredSkillNeverLowersTheScore(t *testing.T) {
	for _, seed := range seeds {
		e, w := propertyEngines(t, seed)
		r := rand.New(rand.NewPCG(seed, 3))
		checked := 0
		for _, vid := range sample(r, w.vacIDs, 40) {
			before := mustCandidates(t, e, vid, Query{First: 100_000})
			if len(before.Edges) == 0 {
				continue
			}
			edge := before.Edges[r.IntN(len(before.Edges))]
			var lacking []string
			for _, m := range edge.Skills {
				if m.Tier != Held {
					lacking = append(lacking, m.SkillID)
				}
			}
			if len(lacking) == 0 {
				continue
			}
			row := w.people[edge.NodeID]
			original := slices.Clone(row.with)
			gained := append(slices.Clone(original), workforce.PersonSkill{SkillID: lacking[r.IntN(len(lacking))], Level: 1})
			vBefore := edgeOf(mustVacancies(t, e, edge.NodeID, Query{First: 100_000}), vid)
			w.UpsertPerson(&row.v, gained)
			after := edgeOf(mustCandidates(t, e, vid, Query{First: 100_000}), edge.NodeID)
			if after == nil || after.Score < edge.Score-1e-12 || after.Breakdown.Skills < edge.Breakdown.Skills-1e-12 {
				t.Errorf("%s gaining a skill required by %s: score %v -> %+v", edge.NodeID, vid, edge.Score, after)
			}
			if vBefore != nil {
				vAfter := edgeOf(mustVacancies(t, e, edge.NodeID, Query{First: 100_000}), vid)
				if vAfter == nil || vAfter.Score < vBefore.Score-1e-12 {
					t.Errorf("%s gaining a skill required by %s: vacancy score %v -> %+v", edge.NodeID, vid, vBefore.Score, vAfter)
				}
			}
			w.UpsertPerson(&row.v, original)
			checked++
		}
		if checked < 10 {
			t.Errorf("only %d pairs checked; the property needs a richer sample", checked)
		}
	}
}

func TestPropertyMovingFartherNeverRaisesDistance(t *testing.T) {
	for _, seed := range seeds {
		e, w := propertyEngines(t, seed)
		r := rand.New(rand.NewPCG(seed, 5))
		checked := 0
		for _, vid := range sample(r, w.vacIDs, 40) {
			before := mustCandidates(t, e, vid, Query{First: 100_000})
			if len(before.Edges) == 0 {
				continue
			}
			edge := before.Edges[r.IntN(len(before.Edges))]
			row := w.people[edge.NodeID]
			vg, vok := w.vacancyGeo(&w.vacancies[vid].v)
			if edge.DistanceKm == nil || row.v.Location == nil || !vok {
				continue
			}
			original := row.v
			k := 1.05 + r.Float64()
			moved := original
			moved.Location = pt(vg.lat+(original.Location.Lat-vg.lat)*k, vg.lon+(original.Location.Lon-vg.lon)*k)
			w.UpsertPerson(&moved, row.with)
			if after := edgeOf(mustCandidates(t, e, vid, Query{First: 100_000}), edge.NodeID); after != nil {
				if *after.DistanceKm >= *edge.DistanceKm && after.Breakdown.Distance > edge.Breakdown.Distance {
					t.Errorf("%s moved from %.3f to %.3f km from %s: distance component %v -> %v",
						edge.NodeID, *edge.DistanceKm, *after.DistanceKm, vid, edge.Breakdown.Distance, after.Breakdown.Distance)
				}
			}
			w.UpsertPerson(&original, row.with)
			checked++
		}
		if checked < 10 {
			t.Errorf("only %d pairs checked; the property needs a richer sample", checked)
		}
	}
	// And the component itself never rises with distance.
	x := newIndex(DefaultConfig())
	prev := math.Inf(1)
	for km := 0.0; km < 600; km += 0.37 {
		if d := x.distanceComponent(km, true); d > prev {
			t.Fatalf("distanceComponent(%v) = %v, above %v at a shorter distance", km, d, prev)
		} else {
			prev = d
		}
	}
}

func TestPropertyBulkAndIncrementalAgree(t *testing.T) {
	for _, seed := range seeds {
		e, w := propertyEngines(t, seed)
		r := rand.New(rand.NewPCG(seed, 11))
		// Churn the incremental engine: move, reskill, withdraw consent,
		// remove and re-add.
		for i, pid := range sample(r, w.personIDs, 300) {
			row, ok := w.people[pid]
			if !ok {
				continue
			}
			p := row.v
			switch i % 4 {
			case 0:
				if p.Location != nil {
					p.Location = pt(p.Location.Lat+0.05*r.NormFloat64(), p.Location.Lon+0.05*r.NormFloat64())
				}
				w.UpsertPerson(&p, row.with)
			case 1:
				w.UpsertPerson(&p, row.with[:len(row.with)/2])
			case 2:
				p.ConsentMatching = !p.ConsentMatching
				w.UpsertPerson(&p, row.with)
			case 3:
				forget(w.people, &w.personIDs, pid)
				e.RemovePerson(pid)
			}
		}
		for _, vid := range sample(r, w.vacIDs, 30) {
			if _, ok := w.vacancies[vid]; ok {
				forget(w.vacancies, &w.vacIDs, vid)
				e.RemoveVacancy(vid)
			}
		}
		fresh := freshFrom(t, w)
		if diff := cmp.Diff(fresh.Stats(), e.Stats()); diff != "" {
			t.Errorf("Stats (-bulk +incremental):\n%s", diff)
		}
		for _, side := range []struct {
			ids  []string
			rank rankFunc
		}{{w.vacIDs, candidatesOf}, {w.personIDs, vacanciesOf}} {
			for _, id := range sample(r, side.ids, 20) {
				want, got := mustRank(t, side.rank, fresh, id, Query{First: 50}), mustRank(t, side.rank, e, id, Query{First: 50})
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("rank(%q) (-bulk +incremental):\n%s", id, diff)
				}
			}
		}
	}
}

func TestPropertyMinSkillsKeepsExactlyTheFittingMatches(t *testing.T) {
	for _, seed := range seeds {
		e, w := propertyEngines(t, seed)
		r := rand.New(rand.NewPCG(seed, 11))
		for _, side := range []struct {
			ids  []string
			rank rankFunc
		}{{w.vacIDs, candidatesOf}, {w.personIDs, vacanciesOf}} {
			for _, id := range sample(r, side.ids, 15) {
				const floor = 0.2
				whole := mustRank(t, side.rank, e, id, Query{First: 100_000})
				var want []string
				for _, ed := range whole.Edges {
					if ed.Breakdown.Fit >= floor {
						want = append(want, ed.NodeID)
					}
				}
				got := mustRank(t, side.rank, e, id, Query{First: 100_000, MinSkills: floor})
				var ids []string
				for _, ed := range got.Edges {
					ids = append(ids, ed.NodeID)
				}
				if diff := cmp.Diff(want, ids); diff != "" || got.TotalCount != len(want) {
					t.Errorf("rank(%q, MinSkills %v) (-want +got):\n%s\ntotal %d, want %d", id, floor, diff, got.TotalCount, len(want))
				}
			}
		}
	}
}

func TestPropertyEqualityDataNeverChangesAScore(t *testing.T) {
	for _, seed := range seeds {
		e, w := propertyEngines(t, seed)
		r := rand.New(rand.NewPCG(seed, 13))
		for _, vid := range sample(r, w.vacIDs, 10) {
			before := mustRank(t, candidatesOf, e, vid, Query{First: 100_000})
			for _, ed := range before.Edges[:min(5, len(before.Edges))] {
				row := w.people[ed.NodeID]
				p := row.v
				p.ConsentMonitoring = true
				p.Equality = &workforce.Equality{AgeBand: "65+", Sex: "female", Ethnicity: "any", Disability: "yes", Religion: "any", SexualOrientation: "any"}
				e.UpsertPerson(&p, row.with)
			}
			after := mustRank(t, candidatesOf, e, vid, Query{First: 100_000})
			if diff := cmp.Diff(before, after); diff != "" {
				t.Errorf("rank(%q) changed with equality data (-before +after):\n%s", vid, diff)
			}
		}
	}
}

// TestPropertyTopPageIsThePrefixOfTheWholeRanking checks the shortcuts
// the scan takes to skip work on matches that cannot make a small page:
// the first page, and the page after its first edge, must be exactly the
// whole ranking's (same people, scores and breakdowns), with the same
// total, under the fit floor and a score floor too.
func TestPropertyTopPageIsThePrefixOfTheWholeRanking(t *testing.T) {
	for _, seed := range seeds {
		e, w := propertyEngines(t, seed)
		r := rand.New(rand.NewPCG(seed, 13))
		for _, side := range []struct {
			ids  []string
			rank rankFunc
		}{{w.vacIDs, candidatesOf}, {w.personIDs, vacanciesOf}} {
			for _, id := range sample(r, side.ids, 20) {
				for _, q := range []Query{{}, {MinSkills: 0.01}, {MinSkills: 0.3}, {MinScore: 0.4}, {LocalOnly: true}} {
					q.First = 100_000
					whole := mustRank(t, side.rank, e, id, q)
					for _, first := range []int{1, 3, 10} {
						q.First, q.After = first, ""
						top := mustRank(t, side.rank, e, id, q)
						want := whole.Edges[:min(first, len(whole.Edges))]
						if diff := cmp.Diff(want, top.Edges, cmpopts.IgnoreFields(Edge{}, "Cursor")); diff != "" || top.TotalCount != whole.TotalCount {
							t.Fatalf("rank(%q, %+v) first %d (-whole +page):\n%s\ntotal %d, whole %d", id, q, first, diff, top.TotalCount, whole.TotalCount)
						}
						if len(whole.Edges) < 2 {
							continue
						}
						q.After = whole.Edges[0].Cursor
						next := mustRank(t, side.rank, e, id, q)
						want = whole.Edges[1:min(first+1, len(whole.Edges))]
						if diff := cmp.Diff(want, next.Edges, cmpopts.IgnoreFields(Edge{}, "Cursor")); diff != "" || next.TotalCount != whole.TotalCount {
							t.Fatalf("rank(%q, %+v) first %d after the first (-whole +page):\n%s", id, q, first, diff)
						}
					}
				}
			}
		}
	}
}
