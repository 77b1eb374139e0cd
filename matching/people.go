package matching

import (
	"math"
	"slices"

	"github.com/onework/onework/workforce"
)

// upsertPerson adds or replaces person p in a live index.
func (x *index) upsertPerson(p *workforce.Person, skills []workforce.PersonSkill) {
	if p == nil || p.ID == "" || !x.roomForPerson(skills) {
		return
	}
	was, had := person{}, false
	if i, ok := x.people.lookup(p.ID); ok {
		was, had = x.people.rows[i], true
		x.detachPerson(i)
	}
	i := x.putPerson(p, skills)
	x.attachPerson(i)
	// A new row, a row moved to another cell, or skills written at the end
	// of the arena is out of the layout's order.
	if now := &x.people.rows[i]; !had || now.skillOff != was.skillOff ||
		cellKeyOf(now.loc, now.has(flagLocated)) != cellKeyOf(was.loc, was.has(flagLocated)) {
		x.misplaced.people++
	}
	x.compactHeld()
}

// roomForPerson reports whether the skills of a person fit the skill
// vocabulary (see roomForSkills).
func (x *index) roomForPerson(skills []workforce.PersonSkill) bool {
	return x.roomForSkills(len(skills), func(i int) string { return skills[i].SkillID })
}

// putPerson writes person p's row, skills and facts and returns its
// index, leaving the grid, counts and dependants alone: the Builder's way
// in, and the middle step of upsertPerson. p must have an id, and its
// skills room in the vocabulary (roomForPerson).
func (x *index) putPerson(p *workforce.Person, skills []workforce.PersonSkill) int32 {
	i, _ := x.people.intern(p.ID)
	held := make([]uint16, 0, len(skills))
	for _, s := range skills {
		if s.SkillID != "" {
			if k, ok := x.internSkill(s.SkillID); ok {
				held = append(held, uint16(k))
			}
		}
	}
	slices.Sort(held)
	held = slices.Compact(held)
	held = held[:min(len(held), maxPersonSkills)]
	place := x.internPlace(p.PlaceID)
	org := x.internOrg(p.OrgID)
	facts := x.factsOf(p)
	row := &x.people.rows[i]
	row.setSkills(x.held.put(row.skills(), held))
	row.setFacts(x.facts.put(row.facts(), facts))
	row.place = place
	row.org = org
	row.hours = float32(finite(p.HoursPerWeek))
	row.pay = float32(finite(p.CurrentPay))
	row.avail = math.MinInt64
	if p.AvailableFrom != nil {
		row.avail = p.AvailableFrom.Unix()
	}
	row.flags = flagLive
	row.travel = float32(x.cfg.DefaultTravelKm)
	if t := finite(p.TravelKm); t > 0 {
		row.travel = float32(t)
		row.flags |= flagTravelStated
	}
	for _, f := range []struct {
		on   bool
		flag uint8
	}{{p.ConsentMatching, flagConsent}, {p.RightToWork, flagRightToWork}} {
		if f.on {
			row.flags |= f.flag
		}
	}
	var own bool
	if row.loc, own = geoOf(p.Location); own {
		row.flags |= flagOwnLocation | flagLocated
	}
	return i
}

func (x *index) attachPerson(i int32) {
	p := &x.people.rows[i]
	if !p.has(flagOwnLocation) {
		x.placePeople.add(p.place, i)
	}
	x.n.people++
	x.n.personSkl += int(p.skillN)
	if p.has(flagConsent) {
		x.n.matchablePeople++
	}
	x.locatePerson(i)
}

func (x *index) detachPerson(i int32) {
	p := &x.people.rows[i]
	if !p.has(flagOwnLocation) {
		x.placePeople.del(p.place, i)
	}
	x.n.people--
	x.n.personSkl -= int(p.skillN)
	if p.has(flagConsent) {
		x.n.matchablePeople--
	}
	x.pgrid.remove(i)
}

// personLocation is the person's own location or, failing that, the centre
// of their home place: an LSOA centre is within a kilometre or two of
// anyone living in it, close enough for a travel limit.
func (x *index) personLocation(p *person) (geo, bool) {
	if p.has(flagOwnLocation) {
		return p.loc, true
	}
	return x.placeLocation(p.place)
}

// locatePerson files person i in the people grid, or out of it when they
// have not consented to matching: the scan then never meets them.
func (x *index) locatePerson(i int32) {
	p := &x.people.rows[i]
	var located bool
	p.loc, located = x.personLocation(p)
	p.flags &^= flagLocated
	if located {
		p.flags |= flagLocated
	}
	if !p.has(flagConsent) {
		x.pgrid.remove(i)
		return
	}
	x.pgrid.put(i, p.loc, located, float64(p.travel))
}

func (x *index) removePerson(id string) {
	i, ok := x.people.lookup(id)
	if !ok {
		return
	}
	x.detachPerson(i)
	x.held.garbage += int(x.people.rows[i].skillN)
	x.facts.garbage += int(x.people.rows[i].factN)
	x.people.release(i)
	x.compactHeld()
}

// compactHeld rewrites the skill arena once more than half of it is
// garbage, so that churn cannot grow it without bound. The cost is a copy of
// the live skills, paid rarely.
func (x *index) compactHeld() {
	x.compactFacts()
	if x.held.garbage < 1<<16 || x.held.garbage*2 < len(x.held.data) {
		return
	}
	x.relaySkills()
}

// relaySkills rewrites the skill arena in the people's order.
func (x *index) relaySkills() {
	x.held.compact(len(x.people.rows), func(i int) span { return x.people.rows[i].skills() },
		func(i int, s span) { x.people.rows[i].setSkills(s) })
}

// compactFacts is compactHeld for the facts arena.
func (x *index) compactFacts() {
	if x.facts.garbage < 1<<14 || x.facts.garbage*2 < len(x.facts.data) {
		return
	}
	x.relayFacts()
}

// relayFacts rewrites the work-fact arena in the people's order.
func (x *index) relayFacts() {
	x.facts.compact(len(x.people.rows), func(i int) span { return x.people.rows[i].facts() },
		func(i int, s span) { x.people.rows[i].setFacts(s) })
}
