package matching

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/onework/onework/workforce"
)

// The properties of fit-first ranking (docs/matching.md, "Fit first").

// heldSet is the requirements an edge holds.
func heldSet(e *Edge) map[string]bool {
	out := map[string]bool{}
	for _, m := range e.Skills {
		if m.Tier == Held {
			out[m.SkillID] = true
		}
	}
	return out
}

func holdsAll(a, b map[string]bool) bool {
	for id := range b {
		if !a[id] {
			return false
		}
	}
	return true
}

func gateOfEdge(e *Edge) int8 {
	switch {
	case e.Registration == nil:
		return gateNone
	case e.Registration.Held:
		return gateHeld
	}
	return gateMissing
}

// TestPropertyDominance: if A holds every requirement B holds and A's fit
// is higher by more than the dominance margin (the context weights over
// the fit weight), A ranks above B, wherever both live within their
// travel limits; and a registered person ranks above everyone unregistered
// for a regulated vacancy.
func TestPropertyDominance(t *testing.T) {
	for _, seed := range seeds {
		e, w := propertyEngines(t, seed)
		r := rand.New(rand.NewPCG(seed, 21))
		margin := DefaultWeights().margin(false)
		checked, gated := 0, 0
		for _, vid := range sample(r, w.vacIDs, 30) {
			p := mustCandidates(t, e, vid, Query{First: 100_000})
			held := make([]map[string]bool, len(p.Edges))
			for i := range p.Edges {
				held[i] = heldSet(&p.Edges[i])
			}
			for i := range p.Edges {
				for j := range p.Edges {
					a, b := &p.Edges[i], &p.Edges[j]
					ga, gb := gateOfEdge(a), gateOfEdge(b)
					if ga == gateHeld && gb == gateMissing {
						gated++
						if i > j {
							t.Errorf("%s: registered %s ranks below unregistered %s", vid, a.NodeID, b.NodeID)
						}
						continue
					}
					if ga != gb || a.Breakdown.Fit-b.Breakdown.Fit <= margin || !holdsAll(held[i], held[j]) {
						continue
					}
					checked++
					if i > j {
						t.Errorf("%s: %s (fit %.3f) ranks below %s (fit %.3f), a fit lower by more than the margin %.2f",
							vid, a.NodeID, a.Breakdown.Fit, b.NodeID, b.Breakdown.Fit, margin)
					}
				}
			}
		}
		if checked < 100 || gated < 10 {
			t.Errorf("seed %d: only %d dominance pairs and %d registration pairs checked", seed, checked, gated)
		}
	}
}

// newFitWorld is a small area for the constructed properties: one skill
// group, vacancies with only essential or mixed requirements, and an
// occupation. People are added by the tests.
func newFitWorld(t *testing.T) (*Engine, []string) {
	t.Helper()
	e, err := New(Config{MaxPageSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	e.Now = SyntheticNow
	var skills []string
	for i := range 30 {
		id := fmt.Sprintf("http://data.europa.eu/esco/skill/fit-%02d", i)
		links := workforce.Links{}
		if i%2 == 1 {
			links.Related = []string{skills[i-1]}
		}
		e.UpsertSkill(&workforce.Skill{ID: id, Label: fmt.Sprintf("skill %d", i), ReuseLevel: []string{"transversal", "cross-sector", "sector-specific", "occupation-specific"}[i%4]}, links)
		skills = append(skills, id)
	}
	for _, pl := range []*workforce.Place{
		{ID: "icb", Name: "ICB", Kind: workforce.PlaceICB},
		{ID: "la", Name: "Town", Kind: workforce.PlaceLocalAuthority, ParentIDs: []string{"icb"}},
		{ID: "rich", Name: "Town 001A", Kind: workforce.PlaceLSOA, IMDDecile: 10, Location: pt(51.86, -2.24), ParentIDs: []string{"la", "icb"}},
		{ID: "poor", Name: "Town 002A", Kind: workforce.PlaceLSOA, IMDDecile: 1, Location: pt(51.87, -2.25), ParentIDs: []string{"la", "icb"}},
		{ID: "far", Name: "Elsewhere 001A", Kind: workforce.PlaceLSOA, IMDDecile: 10, Location: pt(52.05, -2.45)},
	} {
		e.UpsertPlace(pl)
	}
	e.UpsertEmployer(&workforce.Employer{ID: "emp", Name: "Employer", Kind: workforce.EmployerNHS, PlaceID: "poor", Location: pt(51.87, -2.25)})
	return e, skills
}

// TestPropertyNoneHeldNeverAboveHalf: nobody holding none of a vacancy's
// essential requirements ranks above someone holding half of them (by
// weight), wherever they live within their travel limits, when neither has
// experience to count. The one holding none may hold every optional skill
// and a linked skill for every essential one, and live next door in the
// most deprived decile; the other only half the essential skills, at the
// edge of their travel limit in the least deprived.
func TestPropertyNoneHeldNeverAboveHalf(t *testing.T) {
	e, skills := newFitWorld(t)
	r := rand.New(rand.NewPCG(4, 4))
	checked := 0
	for n := range 200 {
		vid := fmt.Sprintf("v-%03d", n)
		perm := r.Perm(len(skills))
		nEss, nOpt := 2+r.IntN(20), r.IntN(6)
		var reqs []workforce.Requirement
		var ess, opt []string
		for k, i := range perm[:nEss+nOpt] {
			req := workforce.Requirement{SkillID: skills[i], Essential: k < nEss, Confidence: r.Float64(), Source: []string{"esco", "description"}[r.IntN(2)]}
			reqs = append(reqs, req)
			if req.Essential {
				ess = append(ess, req.SkillID)
			} else {
				opt = append(opt, req.SkillID)
			}
		}
		e.UpsertVacancy(&workforce.Vacancy{ID: vid, Title: "Job", EmployerID: "emp", HoursPerWeek: 37.5}, reqs)
		// B holds the heaviest essential skills until it holds half their
		// weight, as the engine weighs them.
		var plan reqPlan
		var order []int
		e.mu.RLock()
		vi, _ := e.idx.vacancies.lookup(vid)
		v := &e.idx.vacancies.rows[vi]
		e.idx.reqWeights(v, &plan)
		for i, q := range v.reqs {
			if q.essential {
				order = append(order, i)
			}
		}
		slices.SortFunc(order, func(a, b int) int {
			if plan.w[a] > plan.w[b] {
				return -1
			}
			return 1
		})
		var half []workforce.PersonSkill
		got := 0.0
		for _, i := range order {
			if got >= plan.te/2 {
				break
			}
			half = append(half, workforce.PersonSkill{SkillID: e.idx.skills.id(v.reqs[i].skill), Level: 1})
			got += plan.w[i]
		}
		e.mu.RUnlock()
		// A holds every optional skill and a linked skill (not the skill)
		// for as many essential ones as the taxonomy links.
		var none []workforce.PersonSkill
		for _, id := range opt {
			none = append(none, workforce.PersonSkill{SkillID: id, Level: 4})
		}
		for _, id := range ess {
			i := slices.Index(skills, id)
			linked := i ^ 1
			if !slices.Contains(ess, skills[linked]) {
				none = append(none, workforce.PersonSkill{SkillID: skills[linked], Level: 4})
			}
		}
		e.UpsertPerson(&workforce.Person{ID: "a-none", PlaceID: "poor", Location: pt(51.87, -2.25), TravelKm: 5, HoursPerWeek: 40,
			RightToWork: true, ConsentMatching: true}, none)
		e.UpsertPerson(&workforce.Person{ID: "b-half", PlaceID: "far", Location: pt(52.05, -2.45), TravelKm: 40, HoursPerWeek: 35,
			RightToWork: true, ConsentMatching: true}, half)
		p := mustCandidates(t, e, vid, Query{First: 10})
		a, b := edgeOf(p, "a-none"), edgeOf(p, "b-half")
		if a == nil || b == nil {
			t.Fatalf("%s: want both people ranked, got %v", vid, nodeIDs(p))
		}
		if a.Score >= b.Score {
			t.Errorf("%s (%d essential, %d optional): holding none (fit %.3f, score %.4f) ranks above holding half (fit %.3f, score %.4f)",
				vid, nEss, nOpt, a.Breakdown.Fit, a.Score, b.Breakdown.Fit, b.Score)
		}
		checked++
	}
	if checked < 200 {
		t.Errorf("only %d vacancies checked", checked)
	}
}

// TestPropertyAccessReordersOnlyComparableFit: the widening-access
// priority changes the relative order only of candidates whose fit and
// place together (the score without access, in units of the fit weight)
// differ by less than its margin, Access over Skills; so between two
// people who live equally near, only a fit difference below the margin.
func TestPropertyAccessReordersOnlyComparableFit(t *testing.T) {
	for _, seed := range seeds {
		e, w := propertyEngines(t, seed)
		r := rand.New(rand.NewPCG(seed, 23))
		with := DefaultWeights()
		without := with
		without.Access = 0
		margin := with.Access / with.Skills
		swapped, samePlace := 0, 0
		for _, vid := range sample(r, w.vacIDs, 30) {
			a := mustCandidates(t, e, vid, Query{First: 100_000, Weights: &with})
			b := mustCandidates(t, e, vid, Query{First: 100_000, Weights: &without})
			rank := map[string]int{}
			score := map[string]float64{}
			for i, ed := range b.Edges {
				rank[ed.NodeID], score[ed.NodeID] = i, ed.Score
			}
			total := without.total(false)
			for i := range a.Edges {
				for j := i + 1; j < len(a.Edges); j++ {
					x, y := &a.Edges[i], &a.Edges[j]
					if rank[x.NodeID] < rank[y.NodeID] {
						continue
					}
					swapped++
					// The score without access is a weighted mean over total.
					if d := (score[y.NodeID] - score[x.NodeID]) * total / with.Skills; d >= margin+1e-9 {
						t.Errorf("%s: access lifted %s above %s although fit and place put it lower by %.3f, more than the margin %.2f", vid, x.NodeID, y.NodeID, d, margin)
					}
					bx, by := x.Breakdown, y.Breakdown
					if bx.Distance == by.Distance && bx.Local == by.Local && bx.Preferences == by.Preferences {
						samePlace++
						if d := by.Fit - bx.Fit; d >= margin {
							t.Errorf("%s: access lifted %s above %s, equally placed, although its fit is lower by %.3f", vid, x.NodeID, y.NodeID, d)
						}
					}
				}
			}
		}
		if swapped == 0 {
			t.Errorf("seed %d: access never reordered anyone; the property needs a richer sample", seed)
		}
	}
}

// TestPropertyExperienceNeverLowersTheScore: adding work in a vacancy's
// own occupation never lowers a person's score for it, in either
// direction.
func TestPropertyExperienceNeverLowersTheScore(t *testing.T) {
	for _, seed := range seeds {
		e, w := propertyEngines(t, seed)
		r := rand.New(rand.NewPCG(seed, 25))
		checked := 0
		for _, vid := range sample(r, w.vacIDs, 30) {
			before := mustCandidates(t, e, vid, Query{First: 100_000})
			if len(before.Edges) == 0 {
				continue
			}
			edge := before.Edges[r.IntN(len(before.Edges))]
			row := w.people[edge.NodeID]
			original := row.v
			gained := original
			from := SyntheticNow().AddDate(-3, 0, 0)
			gained.History = append(slices.Clone(original.History), workforce.Job{OccupationID: w.vacancies[vid].v.OccupationID, From: &from})
			w.UpsertPerson(&gained, row.with)
			after := edgeOf(mustCandidates(t, e, vid, Query{First: 100_000}), edge.NodeID)
			if after == nil || after.Score < edge.Score-1e-12 || after.Breakdown.Experience < edge.Breakdown.Experience-1e-12 {
				t.Errorf("%s gaining work as %s's occupation: score %v -> %+v", edge.NodeID, vid, edge.Score, after)
			} else if after.Experience == nil || after.Experience.OccupationID != w.vacancies[vid].v.OccupationID {
				t.Errorf("%s gaining work as %s's occupation: experience %+v, want it to rest on that job", edge.NodeID, vid, after.Experience)
			}
			w.UpsertPerson(&original, row.with)
			checked++
		}
		if checked < 10 {
			t.Errorf("only %d pairs checked", checked)
		}
	}
}

// TestRegistration: an unregistered or lapsed person ranks below a
// registered one for a regulated vacancy, whatever their skills, and is
// told the route; neither matters for an unregulated one.
func TestRegistration(t *testing.T) {
	e, skills := newFitWorld(t)
	now := SyntheticNow()
	nurse := "http://data.europa.eu/esco/occupation/nurse"
	hca := "http://data.europa.eu/esco/occupation/hca"
	e.UpsertOccupation(&workforce.Occupation{ID: nurse, Label: "nurse responsible for general care", Code: "2221.2"},
		[]workforce.Requirement{{SkillID: skills[0], Essential: true}, {SkillID: skills[2], Essential: true}})
	e.UpsertOccupation(&workforce.Occupation{ID: hca, Label: "healthcare assistant", Code: "5321.1"},
		[]workforce.Requirement{{SkillID: skills[0], Essential: true}})
	reqs := []workforce.Requirement{{SkillID: skills[0], Essential: true, Confidence: 1}, {SkillID: skills[2], Essential: true, Confidence: 1}}
	e.UpsertVacancy(&workforce.Vacancy{ID: "staff-nurse", Title: "Staff Nurse", EmployerID: "emp", OccupationID: nurse}, reqs)
	e.UpsertVacancy(&workforce.Vacancy{ID: "hca-job", Title: "HCA", EmployerID: "emp", OccupationID: hca}, reqs)
	lapsed, valid := now.AddDate(0, -1, 0), now.AddDate(1, 0, 0)
	all := []workforce.PersonSkill{{SkillID: skills[0], Level: 4}, {SkillID: skills[2], Level: 4}}
	some := []workforce.PersonSkill{{SkillID: skills[0], Level: 2}}
	person := func(id string, regs ...workforce.Registration) *workforce.Person {
		return &workforce.Person{ID: id, PlaceID: "poor", Location: pt(51.87, -2.25), RightToWork: true, ConsentMatching: true, Registrations: regs}
	}
	e.UpsertPerson(person("unregistered-expert"), all)
	e.UpsertPerson(person("lapsed-expert", workforce.Registration{Regulator: workforce.RegulatorNMC, Expires: &lapsed}), all)
	e.UpsertPerson(person("registered-novice", workforce.Registration{Regulator: workforce.RegulatorNMC, Expires: &valid}), some)
	e.UpsertPerson(person("wrong-register", workforce.Registration{Regulator: workforce.RegulatorHCPC}), all)

	p := mustCandidates(t, e, "staff-nurse", Query{})
	if got := nodeIDs(p); got[0] != "registered-novice" {
		t.Fatalf("staff nurse candidates = %v, want the registered nurse first", got)
	}
	for _, ed := range p.Edges[1:] {
		if ed.Registration == nil || ed.Registration.Held || ed.Registration.Regulator != workforce.RegulatorNMC || ed.Registration.Route == "" {
			t.Errorf("%s: registration %+v, want NMC not held with a route", ed.NodeID, ed.Registration)
		}
		if !slices.ContainsFunc(ed.Reasons, func(s string) bool { return len(s) > 20 && s[:20] == "Needs registration: " }) {
			t.Errorf("%s: reasons %q lack the registration gap", ed.NodeID, ed.Reasons)
		}
	}
	h := mustCandidates(t, e, "hca-job", Query{})
	if ed := h.Edges[0]; ed.Registration != nil || ed.NodeID == "registered-novice" {
		t.Errorf("HCA candidates = %v (first registration %+v); want an expert first and no registration check", nodeIDs(h), ed.Registration)
	}
	v := mustVacancies(t, e, "lapsed-expert", Query{})
	if got := nodeIDs(v); !slices.Equal(got, []string{"hca-job", "staff-nurse"}) {
		t.Errorf("lapsed nurse's vacancies = %v, want the HCA job above the nurse's job", got)
	}
}

// TestVacancyStatesItsRegistration: a vacancy's own register takes the
// place of its occupation's (an HCPC post filed under a nursing
// occupation gates on HCPC) or adds one to an unregulated occupation (an
// HCA advert asking for NMC registration), in both directions, with the
// route and the note; removing it restores the occupation's rule.
func TestVacancyStatesItsRegistration(t *testing.T) {
	e, skills := newFitWorld(t)
	now := SyntheticNow()
	nurse := "http://data.europa.eu/esco/occupation/nurse"
	hca := "http://data.europa.eu/esco/occupation/hca"
	e.UpsertOccupation(&workforce.Occupation{ID: nurse, Label: "nurse responsible for general care", Code: "2221.2"},
		[]workforce.Requirement{{SkillID: skills[0], Essential: true}})
	e.UpsertOccupation(&workforce.Occupation{ID: hca, Label: "healthcare assistant", Code: "5321.1"},
		[]workforce.Requirement{{SkillID: skills[0], Essential: true}})
	reqs := []workforce.Requirement{{SkillID: skills[0], Essential: true, Confidence: 1}, {SkillID: skills[2], Essential: true, Confidence: 1}}
	stated := &workforce.Vacancy{ID: "hca-nmc", Title: "Senior HCA", EmployerID: "emp", OccupationID: hca, Registration: workforce.RegulatorNMC}
	e.UpsertVacancy(stated, reqs)
	e.UpsertVacancy(&workforce.Vacancy{ID: "nurse-hcpc", Title: "Practitioner", EmployerID: "emp", OccupationID: nurse, Registration: workforce.RegulatorHCPC}, reqs)
	valid := now.AddDate(1, 0, 0)
	all := []workforce.PersonSkill{{SkillID: skills[0], Level: 4}, {SkillID: skills[2], Level: 4}}
	some := []workforce.PersonSkill{{SkillID: skills[0], Level: 2}}
	person := func(id string, regs ...workforce.Registration) *workforce.Person {
		return &workforce.Person{ID: id, PlaceID: "poor", Location: pt(51.87, -2.25), RightToWork: true, ConsentMatching: true, Registrations: regs}
	}
	e.UpsertPerson(person("unregistered-expert"), all)
	e.UpsertPerson(person("nmc-novice", workforce.Registration{Regulator: workforce.RegulatorNMC, Expires: &valid}), some)
	e.UpsertPerson(person("hcpc-novice", workforce.Registration{Regulator: workforce.RegulatorHCPC}), some)

	p := mustCandidates(t, e, "hca-nmc", Query{})
	if got := nodeIDs(p); got[0] != "nmc-novice" {
		t.Fatalf("candidates for an HCA post asking for NMC registration = %v, want the NMC registrant first", got)
	}
	for _, ed := range p.Edges[1:] {
		if r := ed.Registration; r == nil || r.Held || r.Regulator != workforce.RegulatorNMC || !strings.Contains(r.Route, "Nursing and Midwifery Council") {
			t.Errorf("%s: registration %+v, want NMC not held, with the regulator's route", ed.NodeID, ed.Registration)
		}
	}
	if !slices.ContainsFunc(p.Notes, func(s string) bool { return strings.Contains(s, "registered with the Nursing and Midwifery Council") }) {
		t.Errorf("notes %q do not say the post needs NMC registration", p.Notes)
	}
	h := mustCandidates(t, e, "nurse-hcpc", Query{})
	if got := nodeIDs(h); got[0] != "hcpc-novice" || h.Edges[0].Registration == nil || h.Edges[0].Registration.Regulator != workforce.RegulatorHCPC {
		t.Fatalf("candidates for an HCPC post under a nursing occupation = %v (first %+v), want the HCPC registrant first, gated on HCPC", got, h.Edges[0].Registration)
	}
	v := mustVacancies(t, e, "unregistered-expert", Query{})
	for _, ed := range v.Edges {
		if ed.Registration == nil || ed.Registration.Held {
			t.Errorf("unregistered person's %s: registration %+v, want a check not held", ed.NodeID, ed.Registration)
		}
	}
	// Stated no more: the HCA occupation is not regulated, so no check.
	stated.Registration = ""
	e.UpsertVacancy(stated, reqs)
	p = mustCandidates(t, e, "hca-nmc", Query{})
	if ed := p.Edges[0]; ed.NodeID != "unregistered-expert" || ed.Registration != nil {
		t.Errorf("after removing the stated register: first %s with registration %+v, want the expert and no check", ed.NodeID, ed.Registration)
	}
}
