package matching

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/onework/onework/workforce"
)

func nodeIDs(p Page) []string {
	ids := []string{}
	for _, e := range p.Edges {
		ids = append(ids, e.NodeID)
	}
	return ids
}

// rankFunc is either ranking, as a Page.
type rankFunc func(e *Engine, id string, q Query) (Page, error)

func candidatesOf(e *Engine, id string, q Query) (Page, error) {
	p, err := e.CandidatesForVacancy(id, q)
	if err != nil {
		return Page{}, err
	}
	return p.Page, nil
}

func vacanciesOf(e *Engine, id string, q Query) (Page, error) {
	p, err := e.VacanciesForPerson(id, q)
	if err != nil {
		return Page{}, err
	}
	return p.Page, nil
}

func mustRank(tb testing.TB, rank rankFunc, e *Engine, id string, q Query) Page {
	tb.Helper()
	p, err := rank(e, id, q)
	if err != nil {
		tb.Fatalf("rank(%q, %+v): %v", id, q, err)
	}
	return p
}

func mustCandidates(tb testing.TB, e *Engine, id string, q Query) Page {
	tb.Helper()
	return mustRank(tb, candidatesOf, e, id, q)
}

func mustVacancies(tb testing.TB, e *Engine, id string, q Query) Page {
	tb.Helper()
	return mustRank(tb, vacanciesOf, e, id, q)
}

func TestRankings(t *testing.T) {
	e := newScenario(t, true)
	for _, tc := range []struct {
		name string
		rank rankFunc
		id   string
		q    Query
		want []string
	}{
		// chloe is beyond her 5 km, dev has not consented, grace lacks the
		// right to work, harry is available long after closing, isla wants
		// far fewer hours; ellie has no location, so her distance is
		// unknown. Fit decides: ben holds every skill, alice all but one.
		{"hard filters", candidatesOf, "hcsw-001", Query{}, []string{"ben", "alice", "faisal", "ellie"}},
		{"local only keeps the same local authority or ICB", candidatesOf, "hcsw-001", Query{LocalOnly: true}, []string{"ben", "alice"}},
		{"max distance drops unknown distances", candidatesOf, "hcsw-001", Query{MaxDistanceKm: 15}, []string{"ben", "alice"}},
		{"max distance tighter than travel limits", candidatesOf, "hcsw-001", Query{MaxDistanceKm: 5}, []string{"alice"}},
		{"min score", candidatesOf, "hcsw-001", Query{MinScore: 0.5}, []string{"ben", "alice"}},
		{"skills only ranks the full set of skills first", candidatesOf, "hcsw-001", Query{Weights: &Weights{Skills: 1}}, []string{"ben", "alice", "faisal", "ellie"}},
		// grace and isla hold every essential skill of the care job; isla
		// wants 16 hours, and the bank job states none.
		{"no right to work needed lets grace in", candidatesOf, "carer-002", Query{}, []string{"ben", "grace", "isla", "faisal", "harry", "ellie"}},
		{"first page", candidatesOf, "carer-002", Query{First: 2}, []string{"ben", "grace"}},
		{"closed vacancies still have candidates", candidatesOf, "closed-003", Query{First: 1}, []string{"ben"}},
		{"one caseload", candidatesOf, "hcsw-001", Query{OrgID: "ncs-glos"}, []string{"alice", "faisal"}},
		{"an organisation with no caseload", candidatesOf, "hcsw-001", Query{OrgID: "nobody"}, []string{}},
		{"caseloads do not narrow a person's vacancies", vacanciesOf, "alice", Query{OrgID: "glos-college"}, []string{"hcsw-001", "porter-004"}},
		{"no skills listed", candidatesOf, "porter-004", Query{}, []string{"alice", "grace", "ben", "faisal", "ellie"}},
		// closed-003 has closed; carer-002 is 13 km away, beyond her 10 km.
		{"open and within travel", vacanciesOf, "alice", Query{}, []string{"hcsw-001", "porter-004"}},
		{"skills and good work only", vacanciesOf, "ben", Query{Weights: &Weights{Skills: 1, GoodWork: 0.12}}, []string{"hcsw-001", "carer-002", "porter-004"}},
		{"no consent, no results", vacanciesOf, "dev", Query{}, []string{}},
		{"no right to work: only jobs that sponsor", vacanciesOf, "grace", Query{}, []string{"carer-002", "porter-004"}},
		{"available after closing", vacanciesOf, "harry", Query{}, []string{"carer-002"}},
		{"too many hours", vacanciesOf, "isla", Query{}, []string{"carer-002"}},
		{"no location: distance unknown", vacanciesOf, "ellie", Query{}, []string{"porter-004", "carer-002", "hcsw-001"}},
		{"no location with a distance cap", vacanciesOf, "ellie", Query{MaxDistanceKm: 50}, []string{}},
		{"local only", vacanciesOf, "faisal", Query{LocalOnly: true}, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := nodeIDs(mustRank(t, tc.rank, e, tc.id, tc.q))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("rank(%q, %+v) ids (-want +got):\n%s", tc.id, tc.q, diff)
			}
		})
	}
}

func TestScoreIsWeightedMeanOfBreakdown(t *testing.T) {
	e := newScenario(t, false)
	w := Weights{Skills: 3, Distance: 0.1, Local: 0.05, Access: 0.05, Preferences: 0.06, GoodWork: 0.1}
	for _, edge := range mustVacancies(t, e, "alice", Query{Weights: &w}).Edges {
		b := edge.Breakdown
		want := (3*b.Fit + 0.1*b.Distance + 0.05*b.Local + 0.05*b.Access + 0.06*b.Preferences + 0.1*b.GoodWork.Score) / 3.36
		if math.Abs(edge.Score-want) > 1e-12 {
			t.Errorf("%s: score %v, want weighted mean %v", edge.NodeID, edge.Score, want)
		}
		if fit := 1 - (1-b.Skills)*(1-b.Experience); math.Abs(b.Fit-fit) > 1e-12 {
			t.Errorf("%s: fit %v, want 1-(1-skills)(1-experience) = %v", edge.NodeID, b.Fit, fit)
		}
	}
	for _, edge := range mustCandidates(t, e, "hcsw-001", Query{Weights: &Weights{Skills: 1}}).Edges {
		if edge.Score != edge.Breakdown.Fit {
			t.Errorf("%s: fit-only score %v, want the fit component %v", edge.NodeID, edge.Score, edge.Breakdown.Fit)
		}
	}
}

func TestVacancyWithoutLocation(t *testing.T) {
	e := newScenario(t, false)
	e.UpsertVacancy(&workforce.Vacancy{ID: "remote-005", Title: "Remote admin", EmployerID: "unknown-employer"},
		[]workforce.Requirement{{SkillID: skDigital, Essential: true, Confidence: 1}})
	p := mustCandidates(t, e, "remote-005", Query{})
	if p.TotalCount != 8 || len(p.Notes) != 1 {
		t.Fatalf("CandidatesForVacancy(remote-005) = %d matches, notes %q; want all 8 consenting people and a note", p.TotalCount, p.Notes)
	}
	for _, edge := range p.Edges {
		if edge.DistanceKm != nil || edge.Breakdown.Distance != 0 {
			t.Errorf("%s: distance %v, component %v; want unknown and 0", edge.NodeID, edge.DistanceKm, edge.Breakdown.Distance)
		}
	}
	if p := mustCandidates(t, e, "remote-005", Query{MaxDistanceKm: 30}); p.TotalCount != 0 || len(p.Notes) != 1 {
		t.Errorf("with a distance cap: %d matches, notes %q; want none and a note", p.TotalCount, p.Notes)
	}
}

func TestLateArrivingReferences(t *testing.T) {
	// Rows may stream in any order: a person before their home place, a
	// vacancy before its employer. The engine resolves them on arrival.
	e, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	e.Now = scenarioNow
	e.UpsertVacancy(&workforce.Vacancy{ID: "v", Title: "Job", EmployerID: "emp"}, []workforce.Requirement{{SkillID: skHygiene, Essential: true}})
	e.UpsertPerson(&workforce.Person{ID: "p", PlaceID: lsoaGlos011A, ConsentMatching: true, TravelKm: 5}, []workforce.PersonSkill{{SkillID: skHygiene, Level: 1}})
	if p := mustCandidates(t, e, "v", Query{}); p.TotalCount != 1 || p.Edges[0].DistanceKm != nil {
		t.Fatalf("before places: %+v, want p with distance unknown", p)
	}
	loadScenario(e) // brings the places, the employer, and more people
	e.UpsertVacancy(&workforce.Vacancy{ID: "v", Title: "Job", EmployerID: "glos-hospitals"}, []workforce.Requirement{{SkillID: skHygiene, Essential: true}})
	p := mustCandidates(t, e, "v", Query{})
	var found *Edge
	for i := range p.Edges {
		if p.Edges[i].NodeID == "p" {
			found = &p.Edges[i]
		}
	}
	if found == nil || found.DistanceKm == nil || *found.DistanceKm > 2 || found.Breakdown.Local != 1 || found.Breakdown.Access != 1 {
		t.Fatalf("after places: p = %+v; want located by the LSOA centre about 1.5 km away, local, with access priority", found)
	}
	// Moving the employer moves the vacancy that borrows its location.
	e.UpsertEmployer(&workforce.Employer{ID: "glos-hospitals", Name: "GHNFT", Kind: workforce.EmployerNHS, Location: pt(52.5, -1.9)})
	for _, edge := range mustCandidates(t, e, "v", Query{}).Edges {
		if edge.NodeID == "p" {
			t.Errorf("p still matches after the employer moved 70 km away: %+v", edge)
		}
	}
}

func TestRemoveAndStats(t *testing.T) {
	e := newScenario(t, false)
	want := Stats{Skills: 11, Places: 11, Employers: 2, Vacancies: 4, OpenVacancies: 3, Requirements: 14, People: 9, MatchablePeople: 8, PersonSkills: 35}
	if diff := cmp.Diff(want, e.Stats()); diff != "" {
		t.Errorf("Stats() (-want +got):\n%s", diff)
	}
	e.RemovePerson("alice")
	e.RemoveVacancy("carer-002")
	e.RemovePerson("nobody")
	e.RemoveVacancy("nothing")
	want.People, want.MatchablePeople, want.PersonSkills = 8, 7, 29
	want.Vacancies, want.OpenVacancies, want.Requirements = 3, 2, 10
	if diff := cmp.Diff(want, e.Stats()); diff != "" {
		t.Errorf("Stats() after removals (-want +got):\n%s", diff)
	}
	people, vacancies := e.PersonIDs(), e.VacancyIDs()
	slices.Sort(people)
	slices.Sort(vacancies)
	if diff := cmp.Diff([]string{"ben", "chloe", "dev", "ellie", "faisal", "grace", "harry", "isla"}, people); diff != "" {
		t.Errorf("PersonIDs() after removing alice (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"closed-003", "hcsw-001", "porter-004"}, vacancies); diff != "" {
		t.Errorf("VacancyIDs() after removing carer-002 (-want +got):\n%s", diff)
	}
	if got := nodeIDs(mustCandidates(t, e, "hcsw-001", Query{})); cmp.Diff([]string{"ben", "faisal", "ellie"}, got) != "" {
		t.Errorf("after removing alice: %v", got)
	}
	if _, err := e.VacanciesForPerson("alice", Query{}); workforce.ErrorCode(err) != workforce.ENOTFOUND {
		t.Errorf("VacanciesForPerson(removed) error %v, want not found", err)
	}
	if got := nodeIDs(mustVacancies(t, e, "ben", Query{})); cmp.Diff([]string{"hcsw-001", "porter-004"}, got) != "" {
		t.Errorf("after removing carer-002: %v", got)
	}
	// A removed id can come back, reusing the freed slot.
	loadScenario(e)
	if diff := cmp.Diff(Stats{Skills: 11, Places: 11, Employers: 2, Vacancies: 4, OpenVacancies: 3, Requirements: 14, People: 9, MatchablePeople: 8, PersonSkills: 35}, e.Stats()); diff != "" {
		t.Errorf("Stats() after reloading (-want +got):\n%s", diff)
	}
}

func TestBadInputNeverPanics(t *testing.T) {
	e := newScenario(t, false)
	nan := math.NaN()
	e.UpsertSkill(nil, workforce.Links{})
	e.UpsertSkill(&workforce.Skill{}, workforce.Links{Related: []string{"x"}})
	e.UpsertPlace(nil)
	e.UpsertPlace(&workforce.Place{ID: "loop", Kind: workforce.PlaceLSOA, ParentIDs: []string{"loop2", "loop"}})
	e.UpsertPlace(&workforce.Place{ID: "loop2", Kind: workforce.PlaceLSOA, ParentIDs: []string{"loop"}})
	e.UpsertEmployer(nil)
	e.UpsertVacancy(nil, nil)
	e.UpsertVacancy(&workforce.Vacancy{ID: "nan", Location: &workforce.Point{Lat: nan, Lon: 500}, SalaryMin: nan, HoursPerWeek: math.Inf(1)},
		[]workforce.Requirement{{SkillID: ""}, {SkillID: skHygiene, Confidence: nan}, {SkillID: skHygiene, Essential: true}})
	e.UpsertPerson(nil, nil)
	e.UpsertPerson(&workforce.Person{ID: "odd", PlaceID: "loop", Location: &workforce.Point{Lat: 91}, TravelKm: nan, ConsentMatching: true},
		[]workforce.PersonSkill{{SkillID: ""}, {SkillID: "unknown-skill"}})
	e.RemovePerson("")
	e.RemoveVacancy("")
	p := mustCandidates(t, e, "nan", Query{})
	if p.TotalCount == 0 {
		t.Errorf("CandidatesForVacancy(nan) found no one; want people with distance unknown")
	}
	mustVacancies(t, e, "odd", Query{})

	b, err := NewBuilder(Config{})
	if err != nil {
		t.Fatal(err)
	}
	b.Build()
	b.UpsertPerson(&workforce.Person{ID: "late"}, nil)
	if b.Build() != nil {
		t.Errorf("second Build() returned an engine, want nil")
	}
}

func TestManyRequirementsKeepEssentialFirst(t *testing.T) {
	e := newScenario(t, false)
	var reqs []workforce.Requirement
	for i := range 80 {
		reqs = append(reqs, workforce.Requirement{SkillID: fmt.Sprintf("http://data.europa.eu/esco/skill/x-%03d", i), Confidence: 1})
	}
	reqs = append(reqs, workforce.Requirement{SkillID: skHygiene, Essential: true, Confidence: 1})
	e.UpsertVacancy(&workforce.Vacancy{ID: "big", EmployerID: "glos-hospitals"}, reqs)
	p := mustCandidates(t, e, "big", Query{First: 1})
	skills := p.Edges[0].Skills
	if len(skills) != 81 || skills[0].SkillID != skHygiene || !skills[0].Essential {
		t.Fatalf("got %d requirements starting %+v; want all 81 with the essential one first", len(skills), skills[0])
	}
	for i, m := range skills {
		if m.Unscored != (i >= maxRequirements) {
			t.Errorf("requirement %d: unscored %v, want the %d scored first and the rest shown unscored", i, m.Unscored, maxRequirements)
		}
	}
	if !slices.ContainsFunc(p.Notes, func(n string) bool { return strings.Contains(n, "lists 81 skills") }) {
		t.Errorf("notes %q: want one saying the vacancy lists 81 skills", p.Notes)
	}
}

func TestDistanceIsCloseToGreatCircle(t *testing.T) {
	haversine := func(a, b geo) float64 {
		dLat, dLon := (b.lat-a.lat)*radians, (b.lon-a.lon)*radians
		h := math.Pow(math.Sin(dLat/2), 2) + math.Cos(a.lat*radians)*math.Cos(b.lat*radians)*math.Pow(math.Sin(dLon/2), 2)
		return 2 * earthRadiusKm * math.Asin(math.Sqrt(h))
	}
	at := func(lat, lon float64) geo { g, _ := geoOf(pt(lat, lon)); return g }
	for _, tc := range []struct{ a, b geo }{
		{at(51.8656, -2.2315), at(51.899, -2.075)},
		{at(50.1, -5.5), at(50.8, -4.6)},
		{at(55.7, -2.0), at(55.0, -1.1)},
		{at(51.5, -0.1), at(51.5, 1.3)},
	} {
		got, want := distanceKm(tc.a, tc.b), haversine(tc.a, tc.b)
		if math.Abs(got-want) > 0.001*want {
			t.Errorf("distanceKm(%v, %v) = %.4f, great circle %.4f: off by more than 0.1%%", tc.a, tc.b, got, want)
		}
	}
}

func TestConcurrentReadsAndWrites(t *testing.T) {
	e := newScenario(t, false)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				if g%2 == 0 {
					mustCandidates(t, e, "hcsw-001", Query{First: 2})
					mustVacancies(t, e, "ben", Query{})
					continue
				}
				id := fmt.Sprintf("temp-%d-%d", g, i)
				e.UpsertPerson(&workforce.Person{ID: id, Location: pt(51.86, -2.24), ConsentMatching: true, RightToWork: true},
					[]workforce.PersonSkill{{SkillID: skHygiene, Level: 1}})
				e.UpsertVacancy(&workforce.Vacancy{ID: id, EmployerID: "glos-hospitals"}, []workforce.Requirement{{SkillID: skMove, Essential: true}})
				if i%3 == 0 {
					e.RemovePerson(id)
					e.RemoveVacancy(id)
				}
			}
		}()
	}
	wg.Wait()
	if s := e.Stats(); s.People != 9+2*133 {
		t.Errorf("Stats().People = %d, want %d", s.People, 9+2*133)
	}
}

// TestLoadReplacesTheIndex checks that Engine.Load swaps in what a Builder
// was given, dropping what the engine held, and that the engine keeps its
// clock and answers as a built engine does.
func TestLoadReplacesTheIndex(t *testing.T) {
	built := newScenario(t, true)
	e := newScenario(t, false)
	e.RemovePerson("alice")
	e.UpsertPerson(&workforce.Person{ID: "stray", ConsentMatching: true}, nil)
	b := e.NewBuilder()
	loadScenario(b)
	e.Load(b)
	if diff := cmp.Diff(built.Stats(), e.Stats()); diff != "" {
		t.Errorf("Stats() after Load (-built +loaded):\n%s", diff)
	}
	if _, err := e.VacanciesForPerson("stray", Query{}); workforce.ErrorCode(err) != workforce.ENOTFOUND {
		t.Errorf("VacanciesForPerson(stray) after Load: error %v, want not found", err)
	}
	for _, v := range built.VacancyIDs() {
		if diff := cmp.Diff(nodeIDs(mustCandidates(t, built, v, Query{})), nodeIDs(mustCandidates(t, e, v, Query{}))); diff != "" {
			t.Errorf("candidates for %s after Load (-built +loaded):\n%s", v, diff)
		}
	}
	e.Load(b) // spent: changes nothing
	if diff := cmp.Diff(built.Stats(), e.Stats()); diff != "" {
		t.Errorf("Stats() after a second Load of a spent builder (-built +loaded):\n%s", diff)
	}
}
