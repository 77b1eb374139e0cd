package matching

import (
	"cmp"
	"slices"

	"github.com/onework/onework/workforce"
)

func (x *index) internPlace(id string) int32 {
	if id == "" {
		return none
	}
	i, created := x.places.intern(id)
	if created {
		x.placeAreas = append(x.placeAreas, placeArea{areas: areas{none, none}})
	}
	return i
}

// internOrg returns the index of organisation id, none for "".
func (x *index) internOrg(id string) int32 {
	if id == "" {
		return none
	}
	i, ok := x.orgs[id]
	if !ok {
		i = int32(len(x.orgs))
		x.orgs[id] = i
	}
	return i
}

func (x *index) internEmployer(id string) int32 {
	if id == "" {
		return none
	}
	i, created := x.employers.intern(id)
	if created {
		x.employers.rows[i].place = none
	}
	return i
}

// upsertPlace adds or replaces place p in a live index: places inside it
// are re-resolved, and rows located by its centre move with it.
func (x *index) upsertPlace(p *workforce.Place) {
	if p == nil || p.ID == "" {
		return
	}
	i := x.internPlace(p.ID)
	x.linkParents(i, false)
	oldLoc, oldLocated := x.places.rows[i].loc, x.places.rows[i].located
	x.putPlace(p)
	x.linkParents(i, true)
	x.resolveAreasBelow(i)
	if pl := &x.places.rows[i]; pl.located != oldLocated || pl.loc != oldLoc {
		x.relocateAround(i)
	}
}

// putPlace writes place p's row and nothing that depends on it: the
// Builder's way in, and the first step of upsertPlace.
func (x *index) putPlace(p *workforce.Place) {
	if p == nil || p.ID == "" {
		return
	}
	i := x.internPlace(p.ID)
	var parents []int32
	for _, id := range p.ParentIDs {
		if id != p.ID {
			if j := x.internPlace(id); j != none {
				parents = append(parents, j)
			}
		}
	}
	slices.Sort(parents)
	parents = slices.Compact(parents)
	pl := &x.places.rows[i]
	if !pl.known {
		pl.known = true
		x.n.places++
	}
	pl.name = cmp.Or(p.Name, p.ID)
	pl.kind = p.Kind
	x.placeAreas[i].decile = int32(p.IMDDecile)
	pl.loc, pl.located = geoOf(p.Location)
	pl.parents = parents
}

// linkParents records place i as a child of each of its parents, or with
// add false forgets it.
func (x *index) linkParents(i int32, add bool) {
	for _, p := range x.places.rows[i].parents {
		if add {
			x.placeChildren.add(p, i)
		} else {
			x.placeChildren.del(p, i)
		}
	}
}

// resolveAreas finds the local authority and ICB of place i by walking up
// its parents breadth-first. Five levels cover LSOA to country; the bound
// also stops a cycle in bad data.
func (x *index) resolveAreas(i int32) {
	la, icb := none, none
	level := []int32{i}
	for depth := 0; depth < 5 && len(level) > 0 && (la == none || icb == none); depth++ {
		var next []int32
		for _, j := range level {
			pj := &x.places.rows[j]
			switch {
			case pj.kind == workforce.PlaceLocalAuthority && la == none:
				la = j
			case pj.kind == workforce.PlaceICB && icb == none:
				icb = j
			}
			next = append(next, pj.parents...)
		}
		level = next
	}
	x.placeAreas[i].areas = areas{la, icb}
}

// resolveAreasBelow re-resolves place i and every place inside it, since a
// change of kind or parents anywhere above an LSOA can change its areas.
func (x *index) resolveAreasBelow(i int32) {
	seen := map[int32]bool{i: true}
	queue := []int32{i}
	for len(queue) > 0 {
		j := queue[0]
		queue = queue[1:]
		x.resolveAreas(j)
		for _, c := range x.placeChildren[j] {
			if !seen[c] {
				seen[c] = true
				queue = append(queue, c)
			}
		}
	}
}

// relocateAround re-places the people and vacancies whose location is
// borrowed from place i, directly or through their employer.
func (x *index) relocateAround(i int32) {
	x.misplaced.people += len(x.placePeople[i])
	x.misplaced.vacancies += len(x.placeVacancies[i])
	for _, p := range x.placePeople[i] {
		x.locatePerson(p)
	}
	for _, v := range x.placeVacancies[i] {
		x.locateVacancy(v)
	}
	for _, e := range x.placeEmployers[i] {
		x.misplaced.vacancies += len(x.employerVacancies[e])
		for _, v := range x.employerVacancies[e] {
			x.locateVacancy(v)
		}
	}
}

// upsertEmployer adds or replaces employer e in a live index, and
// re-locates its vacancies.
func (x *index) upsertEmployer(e *workforce.Employer) {
	if e == nil || e.ID == "" {
		return
	}
	i := x.internEmployer(e.ID)
	was := x.employers.rows[i]
	x.placeEmployers.del(was.place, i)
	x.putEmployer(e)
	x.placeEmployers.add(x.employers.rows[i].place, i)
	if em := &x.employers.rows[i]; em.located != was.located || em.loc != was.loc {
		x.misplaced.vacancies += len(x.employerVacancies[i])
	}
	for _, v := range x.employerVacancies[i] {
		x.locateVacancy(v)
	}
}

// putEmployer writes employer e's row alone.
func (x *index) putEmployer(e *workforce.Employer) {
	if e == nil || e.ID == "" {
		return
	}
	i := x.internEmployer(e.ID)
	pl := x.internPlace(e.PlaceID)
	em := &x.employers.rows[i]
	if !em.known {
		em.known = true
		x.n.employers++
	}
	em.place = pl
	em.loc, em.located = geoOf(e.Location)
	em.rlw = e.RealLivingWage
	em.dc = e.DisabilityConfident
	em.charter = e.CharterLevel
}

func (x *index) placeLocation(p int32) (geo, bool) {
	if p == none || !x.places.rows[p].located {
		return geo{}, false
	}
	return x.places.rows[p].loc, true
}
