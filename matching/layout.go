package matching

import (
	"cmp"
	"slices"
)

// finish builds the derived state that the Builder deferred, and leaves
// the index ready for incremental writes. People and vacancies are
// renumbered in grid order first, so that a cell's rows sit together in
// memory and the scans read them nearly sequentially.
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
}

// gridOrder returns the permutation that sorts n rows by grid cell, then
// by then (when not nil), stably.
func gridOrder(n int, at func(i int) (geo, bool), then func(a, b int32) int) []int32 {
	keys := make([]int32, n)
	perm := make([]int32, n)
	for i := range n {
		keys[i] = cellKeyOf(at(i))
		perm[i] = int32(i)
	}
	slices.SortStableFunc(perm, func(a, b int32) int {
		if c := cmp.Compare(keys[a], keys[b]); c != 0 || then == nil {
			return c
		}
		return then(a, b)
	})
	return perm
}

// sortPeople renumbers people in grid order, and by descending travel limit
// within a cell (the order the grid keeps, so loading appends), and lays
// their skills out in the same order.
func (x *index) sortPeople() {
	t := &x.people
	t.permute(gridOrder(len(t.rows), func(i int) (geo, bool) { return x.personLocation(&t.rows[i]) },
		func(a, b int32) int { return -cmp.Compare(t.rows[a].travel, t.rows[b].travel) }))
	x.relaySkills()
	x.relayFacts()
}

// sortVacancies renumbers vacancies in grid order and moves their
// requirements into one block in the same order, so a person's scan reads
// both nearly sequentially.
func (x *index) sortVacancies() {
	t := &x.vacancies
	t.permute(gridOrder(len(t.rows), func(i int) (geo, bool) {
		if v := &t.rows[i]; v.hasOwn {
			return v.loc, true
		}
		return x.borrowedLocation(&t.rows[i])
	}, nil))
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
