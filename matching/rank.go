package matching

import (
	"time"
)

// Notes for pages whose ranking is partial or empty.
const (
	noteNoVacancyLocation = "The vacancy has no location, so distances are unknown and travel limits were not applied."
	noteNoVacancyReach    = "The vacancy has no location, so no one can be shown to be within the distance asked for."
	noteNoPersonLocation  = "No home location is recorded for them, so distances are unknown and their travel limit was not applied."
	noteNoPersonReach     = "No home location is recorded for them, so no vacancy can be shown to be within the distance asked for."
	noteNoConsent         = "They have not consented to matching, so no vacancies are shown."
)

// search meets the members of g that may match an anchor at `at`. When the
// anchor has a location, near gets the members of every cell within reach
// (nearest first, and with byRadius only cells whose largest travel limit
// reaches the anchor) to check exactly; then, unless the query caps the
// distance, the members without a location meet it at an unknown distance.
// An anchor without a location meets every member at an unknown distance,
// or none when the query caps the distance. It returns the page's notes.
func (sc *scratch) search(g *grid, at geo, located, byRadius bool, reach float64, rq *request,
	near func(members []int32), unknown func(m int32, km float64, located bool), noLocation, noReach string) []string {
	all := func(members []int32) {
		for _, m := range members {
			unknown(m, 0, false)
		}
	}
	switch {
	case located:
		sc.hits = g.visit(at, reach, byRadius, sc.hits, near)
		if rq.maxKm == 0 {
			all(g.unlocated())
		}
		return nil
	case rq.maxKm > 0:
		return []string{noReach}
	}
	g.visitAll(all)
	return []string{noLocation}
}

// anyOrg and noOrg are orgFilter's answers for no filter and for an
// organisation no one is on the caseload of.
const (
	anyOrg int32 = -2
	noOrg  int32 = -3
)

// orgFilter resolves Query.OrgID: the organisation's index, anyOrg for "",
// noOrg when no person names it.
func (x *index) orgFilter(id string) int32 {
	if id == "" {
		return anyOrg
	}
	if i, ok := x.orgs[id]; ok {
		return i
	}
	return noOrg
}

// candidates ranks the people for vacancy vi. When the vacancy has a
// location, the people grid yields only those whose cell is within both
// the query's reach and the largest travel limit in the cell; each is then
// kept only within their own travel limit. People without a location are
// matched with the distance unknown, unless the query caps the distance.
func (x *index) candidates(vi int32, rq *request, sc *scratch) Page {
	v := &x.vacancies.rows[vi]
	sc.planVacancy(x, v)
	vAreas := x.areasOf(v.area)
	rk := newRanker(rq, x.people.ids)
	people := x.people.rows
	org := x.orgFilter(rq.orgID)
	var c components
	consider := func(pi int32, km float64, located bool) {
		p := &people[pi]
		if !eligible(p, v) || (org != anyOrg && p.org != org) {
			return
		}
		c.local = localComponent(x.areasOf(p.place), vAreas)
		if rq.localOnly && c.local == 0 {
			return
		}
		c.km, c.located = km, located
		c.distance = x.distanceComponent(km, located)
		c.access = accessComponent(x.decile(p.place))
		base := rq.base(&c)
		if rq.minSkills == 0 && rk.settle(base) {
			return
		}
		c.held, c.rel = sc.masksOf(x.held.get(p.skills()))
		c.skills = skillCredit(sc.w, sc.total, c.held, c.rel, x.cfg.RelatedCredit)
		if c.skills < rq.minSkills {
			return
		}
		rk.offer(pi, rq.scoreOf(base, c.skills), &c)
	}
	reach := rq.reach()
	c.homeArea = rq.homeArea
	var notes []string
	if rq.homeArea {
		notes = x.fromHomeAreas(v, reach, rq, consider)
	} else {
		notes = sc.search(&x.pgrid, v.loc, v.located, true, reach, rq, func(members []int32) {
			for _, pi := range members {
				if km, ok := withinKm(people[pi].loc, v.loc, min(people[pi].travel, reach)); ok {
					consider(pi, km, true)
				}
			}
		}, consider, noteNoVacancyLocation, noteNoVacancyReach)
	}
	return rk.page(notes, func(it *item) Edge {
		return x.edge(candidatesDir, &people[it.node], v, &it.c, sc.w, sc.total)
	})
}

// vacanciesFor ranks the open vacancies for person pi, searching the
// vacancy grid within the person's travel limit (and the query's reach).
// Vacancies without a location are matched with the distance unknown,
// unless the query caps the distance. A person who has not consented to
// matching gets an empty page with a note.
func (x *index) vacanciesFor(pi int32, rq *request, sc *scratch, now time.Time) Page {
	p := &x.people.rows[pi]
	rk := newRanker(rq, x.vacancies.ids)
	if !p.has(flagConsent) {
		return rk.page([]string{noteNoConsent}, nil)
	}
	sc.planPerson(x, x.held.get(p.skills()))
	pAreas := x.areasOf(p.place)
	access := accessComponent(x.decile(p.place))
	vacs := x.vacancies.rows
	var c components
	consider := func(vi int32, km float64, located bool) {
		v := &vacs[vi]
		if !eligible(p, v) || !isOpen(v, now) {
			return
		}
		c.local = localComponent(pAreas, x.areasOf(v.area))
		if rq.localOnly && c.local == 0 {
			return
		}
		c.km, c.located = km, located
		c.distance = x.distanceComponent(km, located)
		c.access = access
		c.good = goodWorkFor(v, p)
		base := rq.base(&c)
		if rq.minSkills == 0 && rk.settle(base) {
			return
		}
		c.held, c.rel = sc.masksFor(v)
		sc.w, sc.total = x.reqWeights(v, sc.w)
		c.skills = skillCredit(sc.w, sc.total, c.held, c.rel, x.cfg.RelatedCredit)
		if c.skills < rq.minSkills {
			return
		}
		rk.offer(vi, rq.scoreOf(base, c.skills), &c)
	}
	reach := min(p.travel, rq.reach())
	notes := sc.search(&x.vgrid, p.loc, p.has(flagLocated), false, reach, rq, func(members []int32) {
		for _, vi := range members {
			if km, ok := withinKm(p.loc, vacs[vi].loc, reach); ok {
				consider(vi, km, true)
			}
		}
	}, consider, noteNoPersonLocation, noteNoPersonReach)
	return rk.page(notes, func(it *item) Edge {
		v := &vacs[it.node]
		w, total := x.reqWeights(v, nil)
		return x.edge(vacanciesDir, p, v, &it.c, w, total)
	})
}

// edge explains one ranked pair from the components the scan computed, so
// the breakdown is exactly what was ranked.
func (x *index) edge(dir direction, p *person, v *vacancy, c *components, w []float64, total float64) Edge {
	e := Edge{Breakdown: Breakdown{Skills: c.skills, Distance: c.distance, Local: c.local, Access: c.access}}
	if dir == vacanciesDir {
		g := c.good
		e.Breakdown.GoodWork = &GoodWork{Score: g.score, RealLivingWage: g.rlw, Charter: g.charter, Contract: g.contract, Flexible: g.flexible, Pay: g.pay}
	}
	switch {
	case c.located && c.homeArea:
		e.DistanceBand = bandOf(c.km)
	case c.located:
		km := c.km
		e.DistanceKm = &km
	}
	e.Skills = make([]SkillMatch, len(v.reqs))
	for i, r := range v.reqs {
		m := SkillMatch{SkillID: x.skills.ids[r.skill], Essential: r.essential, Tier: Missing}
		if total > 0 {
			m.Weight = w[i] / total
		}
		switch bit := uint64(1) << i; {
		case c.held&bit != 0:
			m.Tier, m.Credit = Held, 1
		case c.rel&bit != 0:
			m.Tier, m.Credit = Related, x.cfg.RelatedCredit
			if h := x.via(p, r.skill); h != none {
				m.Via = x.skills.ids[h]
			}
		}
		e.Skills[i] = m
	}
	e.Reasons = x.reasons(dir, p, v, c, e.Skills)
	return e
}

// via returns the held skill of p that earns related credit for skill s:
// the one with the smallest id, so explanations do not depend on load order.
func (x *index) via(p *person, s int32) int32 {
	best := none
	for _, h := range x.held.get(p.skills()) {
		if x.linked(h, s) && (best == none || x.skills.ids[h] < x.skills.ids[best]) {
			best = h
		}
	}
	return best
}
