package matching

import (
	"slices"
	"time"

	"github.com/onework/onework/workforce"
)

// Notes for pages whose ranking is partial or empty.
const (
	noteNoVacancyLocation = "The vacancy has no location, so distances are unknown and travel limits were not applied."
	noteNoVacancyReach    = "The vacancy has no location, so no one can be shown to be within the distance asked for."
	noteNoPersonLocation  = "No home location is recorded for them, so distances are unknown and their travel limit was not applied."
	noteNoPersonReach     = "No home location is recorded for them, so no vacancy can be shown to be within the distance asked for."
	noteNoConsent         = "They have not consented to matching, so no vacancies are shown."
)

// search lists in sc.segments the members of g that may match an anchor
// at `at`. When the anchor has a location, they are the members of every
// cell within reach (nearest first, and with byRadius only cells whose
// largest travel limit reaches the anchor), to check exactly; then, unless
// the query caps the distance, the members without a location, to meet at
// an unknown distance. An anchor without a location meets every member at
// an unknown distance, or none when the query caps the distance. It
// returns the page's notes.
func (sc *scratch) search(g *grid, at geo, located, byRadius bool, reach float64, rq *request, noLocation, noReach string) []string {
	sc.segments = sc.segments[:0]
	loose := func(members []int32) { sc.segments = append(sc.segments, segment{members: members}) }
	switch {
	case located:
		sc.hits = g.visit(at, reach, byRadius, sc.hits, func(members []int32) {
			sc.segments = append(sc.segments, segment{members: members, located: true})
		})
		if rq.maxKm == 0 {
			loose(g.unlocated())
		}
		return nil
	case rq.maxKm > 0:
		return []string{noReach}
	}
	g.visitAll(loose)
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

// fitSlack covers rounding where fit is bounded below by skills alone:
// fitOf(s, e) is s in exact arithmetic when e is 0 and more otherwise.
const fitSlack = 1e-9

// placeContext sets the local and access components of person p for a
// vacancy in vAreas (local only when it is not known already).
func (x *index) placeContext(p *person, vAreas areas, localKnown bool, c *components) {
	pa := placeArea{areas: areas{none, none}}
	if p.place != none {
		pa = x.placeAreas[p.place]
	}
	if !localKnown {
		c.local = localComponent(pa.areas, vAreas)
	}
	c.access = accessComponent(int(pa.decile))
}

// drops counts the pairs a query left out, by reason, for the notes of a
// short page.
type drops [nDrops + 1]int

// candidates ranks the people for vacancy vi. When the vacancy has a
// location, the people grid yields only those whose cell is within both
// the query's reach and the largest travel limit in the cell; each is then
// kept only within their own travel limit. People without a location are
// matched with the distance unknown, unless the query caps the distance.
func (x *index) candidates(vi int32, rq *request, sc *scratch, now time.Time) Page {
	v := &x.vacancies.rows[vi]
	sc.planVacancy(x, v)
	target := v.occ
	if target == none && rq.asOccupation != "" {
		if o, ok := x.occs.lookup(rq.asOccupation); ok {
			target = o
		}
	}
	x.planTarget(&sc.occ, target)
	reg := x.vacancyRegulation(v, target)
	// eMax bounds anyone's experience evidence: credit for recent work in
	// the occupation itself.
	eMax := max(x.cfg.ExperienceCredit, x.cfg.SeekCredit)
	today := dayOfTime(now)
	vAreas := x.areasOf(v.area)
	people := x.people.rows
	org := x.orgFilter(rq.orgID)
	// occ is the target's plan, which the scan only reads.
	occ := &sc.occ
	// worker returns a scan of people into its own ranker and drop
	// counts, with its own scratch memo (sc), so that workers may share
	// one search (see scanSegments).
	worker := func(rk *ranker, dropped *drops, sc *scratch) func(pi int32, km float64, located bool) {
		c := components{homeArea: rq.homeArea}
		return func(pi int32, km float64, located bool) {
			p := &people[pi]
			if org != anyOrg && p.org != org {
				return
			}
			if why := eligible(p, v); why >= 0 {
				dropped[why]++
				return
			}
			if p.hours == 0 && p.avail <= v.closesUnix {
				c.prefs, c.hoursOver, c.daysLate = 1, 0, 0 // preferences' first case, inline
			} else if why := x.preferences(p, v, &c); why >= 0 {
				dropped[why]++
				return
			}
			// Local and access read the home place's areas, a lookup that
			// misses the cache more often than anything else in the scan: most
			// matches settle on bounds of them (0 and 1) once fit is known.
			exact := false
			if rq.localOnly {
				c.local = localComponent(x.areasOf(p.place), vAreas)
				if c.local == 0 {
					dropped[dropLocal]++
					return
				}
			}
			c.km, c.located = km, located
			c.distance = x.distanceComponent(km, located)
			facts := x.facts.get(p.facts())
			c.gate = gateOf(facts, reg, today)
			// Fit decides, so only the registration gate leaves enough room to
			// settle a match without it.
			if c.gate == gateMissing && rq.minSkills == 0 {
				x.placeContext(p, vAreas, rq.localOnly, &c)
				exact = true
				if rk.settle(rq.base(&c), c.gate) {
					return
				}
			}
			c.held, c.rel, c.skills = sc.skillsOf(x.held.get(p.skills()))
			var lo, hi float64
			if !exact {
				lo, hi = rq.placeBounds(&c, rq.localOnly)
			}
			// Reading the person's work facts is the next cost: skip it when
			// even the most experience anyone can earn would not lift them into
			// the page (and skills alone clear the fit floor, so they count).
			// Most matches settle here.
			if !exact && len(facts) > 0 && target != none && (rq.minSkills == 0 || c.skills >= rq.minSkills+fitSlack) {
				ub := rq.scoreOf(hi, fitOf(c.skills, eMax), c.gate)
				if rk.plain {
					if rk.below(ub) {
						return
					}
				} else if rk.settleScores(rq.scoreOf(lo, max(0, c.skills-fitSlack), c.gate), ub) {
					return
				}
			}
			exp, at := x.evidenceFor(occ, facts, target, today)
			c.experience, c.fit = exp, fitOf(c.skills, exp)
			c.fact = int8(at)
			if c.fit < rq.minSkills {
				dropped[dropFit]++
				return
			}
			if !exact {
				ub := rq.scoreOf(hi, c.fit, c.gate)
				if rk.plain {
					if rk.below(ub) {
						return
					}
				} else if rk.settleScores(rq.scoreOf(lo, c.fit, c.gate), ub) {
					return
				}
				x.placeContext(p, vAreas, rq.localOnly, &c)
			}
			base := rq.base(&c)
			rk.offer(pi, rq.scoreOf(base, c.fit, c.gate), &c)
		}
	}
	reach := rq.reach()
	rk := newRanker(rq, &x.people.ids)
	var dropped drops
	var notes []string
	if rq.homeArea {
		notes = x.fromHomeAreas(v, reach, rq, worker(rk, &dropped, sc))
	} else {
		// The search lists the members in reach; then they are scanned,
		// by more than one worker when there are many.
		notes = sc.search(&x.pgrid, v.loc, v.located, true, reach, rq, noteNoVacancyLocation, noteNoVacancyReach)
		x.scanSegments(sc, rk, &dropped, sc.shareVacancy, func(segs []segment, rk *ranker, dropped *drops, sc *scratch) {
			consider := worker(rk, dropped, sc)
			for _, s := range segs {
				if !s.located {
					for _, pi := range s.members {
						consider(pi, 0, false)
					}
					continue
				}
				for _, pi := range s.members {
					p := &people[pi]
					limit := float64(p.travel)
					if reach < limit {
						limit = reach
					}
					if km, ok := withinKm(p.loc, v.loc, limit); ok {
						consider(pi, km, true)
					}
				}
			}
		})
	}
	notes = append(notes, x.vacancyNotes(v, target, rq)...)
	page := rk.page(notes, func(it *item) Edge {
		return x.edge(candidatesDir, &people[it.node], v, target, &it.c, &sc.plan, today)
	})
	page.Notes = append(page.Notes, shortPageNotes(candidatesDir, &page, rq, &dropped, x.cfg)...)
	return page
}

// vacanciesFor ranks the open vacancies for person pi, searching the
// vacancy grid within the person's travel limit (and the query's reach).
// Vacancies without a location are matched with the distance unknown,
// unless the query caps the distance. A person who has not consented to
// matching gets an empty page with a note.
func (x *index) vacanciesFor(pi int32, rq *request, sc *scratch, now time.Time) Page {
	p := &x.people.rows[pi]
	rk := newRanker(rq, &x.vacancies.ids)
	if !p.has(flagConsent) {
		return rk.page([]string{noteNoConsent}, nil)
	}
	sc.planPerson(x, x.held.get(p.skills()))
	facts := x.facts.get(p.facts())
	x.planPersonFacts(&sc.occ, facts)
	today := dayOfTime(now)
	pAreas := x.areasOf(p.place)
	access := accessComponent(x.decile(p.place))
	vacs := x.vacancies.rows
	at := instantOf(now)
	// worker returns a scan of vacancies into its own ranker and drop
	// counts, with its own scratch (sc): the evidence memo is written as
	// the scan goes, so workers sharing one search each plan their own.
	worker := func(rk *ranker, dropped *drops, sc *scratch) func(vi int32, km float64, located bool) {
		var c components
		// place sets the local (unless known already) and good-work components
		// of vacancy v.
		place := func(v *vacancy) {
			if !rq.localOnly {
				c.local = localComponent(pAreas, x.areasOf(v.area))
			}
			c.good = goodWorkFor(v, p)
		}
		consider := func(vi int32, km float64, located bool) {
			v := &vacs[vi]
			if !isOpen(v, at) {
				dropped[dropClosed]++
				return
			}
			if why := eligible(p, v); why >= 0 {
				dropped[why]++
				return
			}
			if why := x.preferences(p, v, &c); why >= 0 {
				dropped[why]++
				return
			}
			// Local reads the vacancy's place's areas, a lookup that misses the
			// cache, and good work costs a division: in a plain query, most
			// matches settle on bounds of both (1) once fit is known.
			if rq.localOnly {
				c.local = localComponent(pAreas, x.areasOf(v.area))
				if c.local == 0 {
					dropped[dropLocal]++
					return
				}
			}
			c.km, c.located = km, located
			c.distance = x.distanceComponent(km, located)
			c.access = access
			c.gate = gateOf(facts, x.vacancyRegulation(v, v.occ), today)
			exact := false
			// Fit decides, so only the registration gate leaves enough room to
			// settle a match without it.
			if c.gate == gateMissing && rq.minSkills == 0 {
				place(v)
				exact = true
				if rk.settle(rq.base(&c), c.gate) {
					return
				}
			}
			// A vacancy that asks for nothing the person holds or neighbours
			// scores at most neutralSkills on skills (0 when it weighs what it
			// asks for, neutralSkills when it asks for nothing): settle it on
			// that bound before weighing its requirements. Most vacancies
			// within reach are of other trades. Only without a fit floor, which
			// would drop some of them rather than count them.
			c.held, c.rel = sc.masksFor(v)
			if c.held|c.rel == 0 && !exact && rk.plain && rq.minSkills == 0 {
				exp, _ := x.personEvidence(&sc.occ, facts, v.occ, today)
				if rk.below(rq.scoreOf(rq.placeSum(c.distance, localBound(rq, &c), c.access, c.prefs)+rq.weights.GoodWork,
					fitOf(neutralSkills, exp), c.gate)) {
					return
				}
			}
			c.skills = x.creditFor(v, c.held, c.rel)
			exp, at := x.personEvidence(&sc.occ, facts, v.occ, today)
			c.experience, c.fact = exp, int8(at)
			c.fit = fitOf(c.skills, c.experience)
			if c.fit < rq.minSkills {
				dropped[dropFit]++
				return
			}
			if !exact {
				if rk.plain {
					if rk.below(rq.scoreOf(rq.placeSum(c.distance, localBound(rq, &c), c.access, c.prefs)+rq.weights.GoodWork, c.fit, c.gate)) {
						return
					}
				}
				place(v)
			}
			rk.offer(vi, rq.scoreOf(rq.base(&c), c.fit, c.gate), &c)
		}
		return consider
	}
	reach := min(float64(p.travel), rq.reach())
	var dropped drops
	notes := sc.search(&x.vgrid, p.loc, p.has(flagLocated), false, reach, rq, noteNoPersonLocation, noteNoPersonReach)
	x.scanSegments(sc, rk, &dropped, func(w *scratch) { w.sharePerson(x, sc, facts) }, func(segs []segment, rk *ranker, dropped *drops, sc *scratch) {
		consider := worker(rk, dropped, sc)
		for _, s := range segs {
			if !s.located {
				for _, vi := range s.members {
					consider(vi, 0, false)
				}
				continue
			}
			for _, vi := range s.members {
				if km, ok := withinKm(p.loc, vacs[vi].loc, reach); ok {
					consider(vi, km, true)
				}
			}
		}
	})
	page := rk.page(notes, func(it *item) Edge {
		v := &vacs[it.node]
		var plan reqPlan
		x.reqWeights(v, &plan)
		return x.edge(vacanciesDir, p, v, v.occ, &it.c, &plan, today)
	})
	page.Notes = append(page.Notes, shortPageNotes(vacanciesDir, &page, rq, &dropped, x.cfg)...)
	return page
}

// localBound is the most a vacancy's local component can be before its
// place's areas are read: 1, or the value itself when localOnly has read it.
func localBound(rq *request, c *components) float64 {
	if rq.localOnly {
		return c.local
	}
	return 1
}

// edge explains one ranked pair from the components the scan computed, so
// the breakdown is exactly what was ranked.
func (x *index) edge(dir direction, p *person, v *vacancy, target int32, c *components, plan *reqPlan, today int32) Edge {
	e := Edge{Breakdown: Breakdown{Fit: c.fit, Skills: c.skills, Experience: c.experience,
		Distance: c.distance, Local: c.local, Access: c.access, Preferences: c.prefs}}
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
	if g := x.vacancyRegulation(v, target); g != noReg {
		title, route := x.profession(g, target)
		e.Registration = &RegistrationCheck{Regulator: workforce.Regulators[g].Regulator, Title: title, Route: route, Held: c.gate == gateHeld}
	}
	// Skill and occupation ids go out uncopied (see idList.id).
	e.Skills = make([]SkillMatch, len(v.reqs), len(v.reqs)+len(v.extra))
	for i, r := range v.reqs {
		m := SkillMatch{SkillID: x.skills.id(r.skill), Essential: r.essential, Tier: Missing}
		if !plan.empty() {
			m.Weight = plan.share(i, x.cfg.OptionalShare)
		}
		switch bit := uint64(1) << i; {
		case c.held&bit != 0:
			m.Tier, m.Credit = Held, 1
		case c.rel&bit != 0:
			m.Tier, m.Credit = Related, x.cfg.RelatedCredit
			if h := x.via(p, r.skill); h != none {
				m.Via = x.skills.id(h)
			}
		}
		e.Skills[i] = m
	}
	held := x.held.get(p.skills())
	for _, r := range v.extra {
		m := SkillMatch{SkillID: x.skills.id(r.skill), Essential: r.essential, Tier: Missing, Unscored: true}
		if _, ok := slices.BinarySearch(held, uint16(r.skill)); ok {
			m.Tier = Held
		}
		e.Skills = append(e.Skills, m)
	}
	facts := x.facts.get(p.facts())
	if c.fact >= 0 && int(c.fact) < len(facts) {
		f := facts[c.fact]
		e.Experience = &ExperienceMatch{OccupationID: x.occs.id(f.ref), Seeks: f.kind == factSeeks,
			From: dateOfDay(f.from), To: dateOfDay(f.to), Closeness: c.experience / max(x.factCredit(&f, today), 1e-9)}
		if e.Experience.Closeness > 1 {
			e.Experience.Closeness = 1
		}
	}
	e.Reasons = x.reasons(dir, p, v, target, c, &e)
	return e
}

// via returns the held skill of p that earns related credit for skill s:
// the one with the smallest id, so explanations do not depend on load order.
func (x *index) via(p *person, s int32) int32 {
	best := none
	for _, k := range x.held.get(p.skills()) {
		if h := int32(k); x.linked(h, s) && (best == none || x.skills.id(h) < x.skills.id(best)) {
			best = h
		}
	}
	return best
}
