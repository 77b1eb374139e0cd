package matching

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"sync"
)

// finish builds the derived state that the Builder deferred, and leaves
// the index ready for incremental writes. People and vacancies are
// renumbered in grid order first, so that a cell's rows sit together in
// memory and the scans read them nearly sequentially.
//
// Places and employers come first, as both kinds are located by them;
// then vacancies, then people, one after the other (laid out at once on
// two goroutines, a loaded index's scans ran slower in some runs; see
// docs/performance.md), a person's skills and facts arenas at once.
func (x *index) finish() {
	for i := range x.places.rows {
		x.linkParents(int32(i), true)
	}
	for i := range x.places.rows {
		x.resolveAreas(int32(i))
	}
	for i := range x.employers.rows {
		x.placeEmployers.add(x.employers.rows[i].place, int32(i))
	}
	x.sortVacancies()
	for i := range x.vacancies.rows {
		x.attachVacancy(int32(i))
	}
	x.sortPeople()
	for i := range x.people.rows {
		x.attachPerson(int32(i))
	}
	x.sweepWeighings(len(x.vacancies.rows))
	x.misplaced.people, x.misplaced.vacancies = 0, 0
}

// gridOrder returns the permutation that sorts n rows by key, then by
// index (so stably). Keys are worked out once, and the two halves sorted at
// once and merged.
func gridOrder(n int, key func(i int) uint64) []int32 {
	type keyed struct {
		k uint64
		i int32
	}
	rows := make([]keyed, n)
	for i := range n {
		rows[i] = keyed{key(i), int32(i)}
	}
	byKey := func(a, b keyed) int {
		if c := cmp.Compare(a.k, b.k); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	}
	lo, hi := rows[:n/2], rows[n/2:]
	var wg sync.WaitGroup
	wg.Go(func() { slices.SortFunc(lo, byKey) })
	slices.SortFunc(hi, byKey)
	wg.Wait()
	perm := make([]int32, 0, n)
	for len(lo) > 0 && len(hi) > 0 {
		if byKey(lo[0], hi[0]) <= 0 {
			perm, lo = append(perm, lo[0].i), lo[1:]
		} else {
			perm, hi = append(perm, hi[0].i), hi[1:]
		}
	}
	for _, r := range lo {
		perm = append(perm, r.i)
	}
	for _, r := range hi {
		perm = append(perm, r.i)
	}
	return perm
}

// cellOrder is the first part of a row's key in gridOrder: its grid cell,
// unlocated rows first.
func cellOrder(at geo, located bool) uint64 {
	return uint64(uint32(cellKeyOf(at, located)+1)) << 32
}

// sortPeople renumbers people in grid order, and by descending travel limit
// within a cell (the order the grid keeps, so loading appends), and lays
// their skills and facts out in the same order, the two arenas at once.
// A travel limit is above 0, so the bits of a float32 order it; inverted,
// they order it descending.
func (x *index) sortPeople() {
	t := &x.people
	t.permute(gridOrder(len(t.rows), func(i int) uint64 {
		p := &t.rows[i]
		return cellOrder(x.personLocation(p)) | uint64(^math.Float32bits(p.travel))
	}))
	var wg sync.WaitGroup
	wg.Go(x.relaySkills)
	x.relayFacts()
	wg.Wait()
}

// sortVacancies renumbers vacancies in grid order and moves their
// requirements into one block in the same order, so a person's scan reads
// both nearly sequentially.
func (x *index) sortVacancies() {
	t := &x.vacancies
	t.permute(gridOrder(len(t.rows), func(i int) uint64 {
		if v := &t.rows[i]; v.hasOwn {
			return cellOrder(v.loc, true)
		}
		return cellOrder(x.borrowedLocation(&t.rows[i]))
	}))
	n := 0
	for i := range t.rows {
		n += len(t.rows[i].reqs)
	}
	block := make([]req, 0, n)
	for i := range t.rows {
		start := len(block)
		block = append(block, t.rows[i].reqs...)
		t.rows[i].reqs = block[start:len(block):len(block)]
	}
}

// relayFloor is how many people, or vacancies, must be out of grid order
// before a re-lay is due at all.
const relayFloor = 1024

// relayDue reports whether enough people or vacancies have been written
// out of grid order since the last layout (more than Config.RelayShare of
// their kind, and at least relayFloor) for a re-lay to pay.
func (x *index) relayDue() bool {
	due := func(misplaced, live int) bool {
		return misplaced >= relayFloor && float64(misplaced) > x.cfg.RelayShare*float64(live)
	}
	return x.err == nil && (due(x.misplaced.people, x.n.people) || due(x.misplaced.vacancies, x.n.vacancies))
}

// snapshot returns a copy of what the index holds, as a Builder would
// hold it before Build: the rows as written (released ones dropped later,
// in relay), none of the state that finish derives. It copies whatever
// later writes to x change in place, and shares the rest (strings, the
// tables' id text, and the slices that writes replace rather than change:
// a vacancy's requirements, a place's parents, an occupation's skills), so
// that x can go on taking writes while the copy is laid out. The caller holds x's
// read lock; it is the slow part under it, a copy of the rows.
func (x *index) snapshot() *index {
	y := newIndex(x.cfg)
	y.skills = x.skills.clone()
	for i := range y.skills.rows {
		s := &y.skills.rows[i]
		s.links, s.in, s.df = slices.Clone(s.links), slices.Clone(s.in), 0
	}
	y.places = x.places.clone()
	y.employers = x.employers.clone()
	y.occs = x.occs.clone()
	// The large tables' id lookups are not copied: relay makes them afresh,
	// outside the lock.
	y.vacancies = x.vacancies.cloneRows()
	y.people = x.people.cloneRows()
	y.held = arena[uint16]{data: slices.Clone(x.held.data), garbage: x.held.garbage}
	y.facts = arena[fact]{data: slices.Clone(x.facts.data), garbage: x.facts.garbage}
	for s, occs := range x.skillOccs {
		y.skillOccs[s] = slices.Clone(occs)
	}
	y.occSpec = slices.Clone(x.occSpec)
	for k, occs := range x.minorOccs {
		y.minorOccs[k] = slices.Clone(occs)
	}
	y.shortOccs = slices.Clone(x.shortOccs)
	y.placeAreas = slices.Clone(x.placeAreas)
	y.skillSpec = slices.Clone(x.skillSpec)
	y.weighGen = x.weighGen
	y.orgs = maps.Clone(x.orgs)
	y.n.skills, y.n.places, y.n.employers = x.n.skills, x.n.places, x.n.employers
	return y
}

// relay lays out a snapshot as Build lays out a Builder's index: it drops
// the released people and vacancies, then finishes. The people's and
// vacancies' id lookups start empty: finish renumbers every row (permute),
// which fills them.
func (x *index) relay() {
	x.people.pack()
	x.vacancies.pack()
	x.finish()
}
