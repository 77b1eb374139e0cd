package insights

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/onework/onework/workforce"
)

// ShortageSkills sets the essential skills demanded by the vacancies open at
// the end of the window against the people on the books living in the
// slice's place who hold them, most demanded per holder first.
func (e *Engine) ShortageSkills(s Slice, first int) (*Table, error) {
	if err := e.Check(s); err != nil {
		return nil, err
	}
	if first <= 0 || first > 500 {
		return nil, workforce.Invalid("first", "must be between 1 and 500")
	}
	at := s.To.Add(-time.Nanosecond)
	area := s.PlaceID
	if p := e.places[area]; p != nil && p.Kind == workforce.PlaceLSOA {
		area = e.placeKey(area, workforce.PlaceLocalAuthority)
	}
	demand := map[string]int{}
	for i := range e.f.Vacancies {
		v := &e.f.Vacancies[i]
		if !openAt(v, at) || !e.vacancyMatches(v, s) {
			continue
		}
		for _, sk := range v.Essential {
			demand[sk]++
		}
	}
	type row struct {
		skill          string
		demand, supply int
	}
	found := make([]row, 0, len(demand))
	for sk, d := range demand {
		supply, ok := e.f.Holders[sk][area]
		if !ok && area != "" {
			// A coarser area (a region): add up its local authorities.
			for place, n := range e.f.Holders[sk] {
				if p := e.places[place]; p != nil && p.Kind == workforce.PlaceLocalAuthority && e.in(place, area) {
					supply += n
				}
			}
		}
		found = append(found, row{sk, d, supply})
	}
	perHolder := func(r row) float64 {
		if r.supply == 0 {
			return math.Inf(1)
		}
		return float64(r.demand) / float64(r.supply)
	}
	slices.SortFunc(found, func(a, b row) int {
		return cmp.Or(cmp.Compare(perHolder(b), perHolder(a)), cmp.Compare(b.demand, a.demand), cmp.Compare(a.skill, b.skill))
	})
	b := newBuilder("shortageSkills", "Shortage skills: demand against people who hold them", ByNone, e.AsOf(),
		labelColumn("skill", "the skill's label"), labelColumn("skillId", "the ESCO skill"),
		col("openVacancies", KindCount, "vacancies open at the end of the window requiring the skill as essential"),
		peopleColumn("holders", "people on the books living in the place who hold the skill"),
		col("vacanciesPerHolder", KindRatio, "openVacancies / holders; empty when nobody holds it"))
	for _, r := range found[:min(first, len(found))] {
		rb := b.row()
		rb.label(cmp.Or(e.f.Skills[r.skill], r.skill))
		rb.label(r.skill)
		rb.value(float64(r.demand))
		h := rb.people(r.supply)
		rb.derived(ratio(r.demand, r.supply), h)
	}
	b.note("Holders are people on any caseload whose home is in the slice's place (everyone, without a place): home place stands in for travel distance.")
	if area != s.PlaceID {
		b.note("Holders are counted by local authority: for an LSOA, those of its local authority.")
	}
	b.note("Skills nobody holds come first; their ratio is empty.")
	return b.finish(), nil
}

// referralMatches reports whether a referral is in the slice: made in the
// window, the person living in the place, and (with vacancy filters) to a
// vacancy that passes them.
func (e *Engine) referralMatches(r *Referral, s Slice) bool {
	if r.ReferredAt.Before(s.From) || !r.ReferredAt.Before(s.To) || !e.in(r.HomeID, s.PlaceID) {
		return false
	}
	if !vacancyFiltered(s) {
		return true
	}
	v := e.vacancies[r.TargetID]
	return r.Target == workforce.TargetVacancy && v != nil && (s.EmployerKind == "" || v.EmployerKind == s.EmployerKind) &&
		e.occupationMatches(v.OccupationID, s)
}

// referralKeys returns the groups of a referral: place dimensions by the
// person's home, the others by the vacancy.
func (e *Engine) referralKeys(by Dimension, r *Referral) []string {
	v := e.vacancies[r.TargetID]
	occupation := ""
	if v != nil {
		occupation = v.OccupationID
	}
	return e.keys(by, r.HomeID, occupation, v, r.ReferredAt)
}

// populationShare returns the share of the LSOAs in area (everywhere when
// "") in IMD deciles 1-2.
func (e *Engine) populationShare(area string) float64 {
	c := e.area[area]
	if c == nil {
		return nanValue
	}
	return ratio(c.deprivedLSOAs, c.lsoas)
}

// booksShare returns the share of people on the books in area who live in
// IMD deciles 1-2.
func (e *Engine) booksShare(area string) float64 {
	c := e.area[area]
	if c == nil {
		return nanValue
	}
	return ratio(c.deprivedPeople, c.people)
}

var reachStages = []struct {
	name  string
	stage workforce.ReferralStage
}{{"referred", workforce.StageReferred}, {"offered", workforce.StageOffered}, {"hired", workforce.StageHired}}

// Reach compares the share of referrals to vacancies, offers and hires of
// people living in IMD deciles 1-2 with that share of the area's
// population.
func (e *Engine) Reach(s Slice, by Dimension) (*Table, error) {
	if err := e.Check(s); err != nil {
		return nil, err
	}
	if err := checkBy(by); err != nil {
		return nil, err
	}
	type counts struct{ all, deprived [3]int }
	g := newGroups[counts]()
	total := &counts{}
	for i := range e.f.Referrals {
		r := &e.f.Referrals[i]
		if r.Target != workforce.TargetVacancy || !e.referralMatches(r, s) {
			continue
		}
		dep := e.deprived(r.HomeID)
		for _, k := range e.referralKeys(by, r) {
			for _, c := range []*counts{g.get(k), total} {
				for j, st := range reachStages {
					if r.Reached(st.stage) {
						c.all[j]++
						if dep {
							c.deprived[j]++
						}
					}
				}
			}
			if by == ByNone {
				break
			}
		}
	}
	b := newBuilder("reach", "Reach into the most deprived places (IMD deciles 1-2)", by, e.AsOf(),
		labelColumn("group", "the group's name"), labelColumn("groupCode", "the group's code"),
		labelColumn("stage", "referred, offered or hired"),
		peopleColumn("people", "referrals to vacancies made in the window that reached the stage"),
		peopleColumn("fromDeprived", "of those, people living in an LSOA in IMD decile 1 or 2"),
		peopleColumn("fromElsewhere", "of those, people living elsewhere"),
		col("deprivedShare", KindShare, "fromDeprived / people"),
		col("populationShare", KindShare, "share of the area's LSOAs in IMD decile 1 or 2 (LSOAs have similar populations)"),
		col("onTheBooksShare", KindShare, "share of the people on the books in the area living in IMD decile 1 or 2"),
		col("reachRatio", KindRatio, "deprivedShare / populationShare; above 1 reaches the most deprived places more than their share"))
	placeBy := by == ByLSOA || by == ByLocalAuthority || by == ByICB
	add := func(key string, c *counts) {
		area := s.PlaceID
		if placeBy && key != unknown && key != "all" {
			area = key
		}
		pop := e.populationShare(area)
		books := e.booksShare(area)
		for j, st := range reachStages {
			r := b.row()
			r.label(e.label(by, key))
			r.label(key)
			r.label(st.name)
			all := r.people(c.all[j])
			dep := r.people(c.deprived[j])
			other := r.people(c.all[j] - c.deprived[j])
			b.margin(all, dep, other)
			share := r.derived(ratio(c.deprived[j], c.all[j]), all, dep)
			r.value(pop)
			r.value(books)
			r.derived(ratio(c.deprived[j], c.all[j])/pop, share)
		}
	}
	rows(by, g, total, add)
	b.note("Counts are of referrals to vacancies; a person referred to two vacancies counts twice.")
	b.note("Population share is the share of the area's LSOAs in IMD deciles 1-2 (English Indices of Deprivation 2025); LSOAs hold similar numbers of residents.")
	return b.finish(), nil
}

// Pipelines links programmes to the occupations they lead to: learners the
// provider reported progressing, people referred who started, individual
// completions recorded in the window and hires into the occupation after
// completing.
func (e *Engine) Pipelines(s Slice, first int) (*Table, error) {
	if err := e.Check(s); err != nil {
		return nil, err
	}
	if first <= 0 || first > 500 {
		return nil, workforce.Invalid("first", "must be between 1 and 500")
	}
	type key struct{ programme, occupation string }
	type counts struct{ learners, starts, completions, hires int }
	rows := map[key]*counts{}
	get := func(k key) *counts {
		c := rows[k]
		if c == nil {
			c = &counts{}
			rows[k] = c
		}
		return c
	}
	keep := func(programme, occupation string) bool {
		p := e.programmes[programme]
		return p != nil && e.in(p.PlaceID, s.PlaceID) && e.occupationMatches(occupation, s)
	}
	starts := map[string]int{}
	for i := range e.f.Referrals {
		r := &e.f.Referrals[i]
		if r.Target == workforce.TargetProgramme && r.Reached(workforce.StageStarted) && !r.ReferredAt.Before(s.From) && r.ReferredAt.Before(s.To) {
			starts[r.TargetID]++
		}
	}
	completions := map[string]int{}
	for _, c := range e.f.Completions {
		if !c.CompletedAt.Before(s.From) && c.CompletedAt.Before(s.To) {
			completions[c.ProgrammeID]++
			if c.HiredOccupationID != "" && keep(c.ProgrammeID, c.HiredOccupationID) {
				get(key{c.ProgrammeID, c.HiredOccupationID}).hires++
			}
		}
	}
	for i := range e.f.Programmes {
		p := &e.f.Programmes[i]
		for _, o := range p.LeadsTo {
			if keep(p.ID, o) {
				get(key{p.ID, o})
			}
		}
	}
	for _, pr := range e.f.Progressions {
		if keep(pr.ProgrammeID, pr.OccupationID) {
			get(key{pr.ProgrammeID, pr.OccupationID}).learners += pr.Learners
		}
	}
	keys := make([]key, 0, len(rows))
	for k, c := range rows {
		c.starts, c.completions = starts[k.programme], completions[k.programme]
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		ca, cb := rows[a], rows[b]
		return cmp.Or(cmp.Compare(cb.hires, ca.hires), cmp.Compare(cb.learners, ca.learners), cmp.Compare(cb.completions, ca.completions),
			cmp.Compare(a.programme, b.programme), cmp.Compare(a.occupation, b.occupation))
	})
	b := newBuilder("pipelines", "Pipelines: programmes to occupations", ByOccupation, e.AsOf(),
		labelColumn("programme", "the programme's title"), labelColumn("programmeId", "the programme"),
		labelColumn("occupation", "the occupation's label"), labelColumn("occupationId", "the occupation"),
		peopleColumn("reportedLearners", "learners the provider reported progressing into the occupation (all periods)"),
		peopleColumn("starts", "people referred in the window who started the programme"),
		peopleColumn("completions", "people who completed the programme in the window (recorded with consent)"),
		peopleColumn("hires", "of those, people hired into the occupation"),
		col("hireRate", KindShare, "hires / completions"))
	for _, k := range keys[:min(first, len(keys))] {
		c := rows[k]
		r := b.row()
		title := k.programme
		if p := e.programmes[k.programme]; p != nil && p.Title != "" {
			title = p.Title
		}
		r.label(title)
		r.label(k.programme)
		r.label(e.label(ByOccupation, k.occupation))
		r.label(k.occupation)
		r.people(c.learners)
		r.people(c.starts)
		comp := r.people(c.completions)
		hires := r.people(c.hires)
		r.derived(ratio(c.hires, c.completions), comp, hires)
	}
	b.note("Starts and completions are per programme, repeated on each of its occupations.")
	return b.finish(), nil
}
