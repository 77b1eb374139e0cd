package matching

import (
	"math"
	"slices"

	"github.com/onework/onework/workforce"
)

// requirements turns a vacancy's requirements into scored ones: skills
// interned, duplicates merged (the heavier kept), ordered essential first
// and then by weight and id so that sums and explanations are deterministic,
// and capped at maxRequirements.
func (x *index) requirements(reqs []workforce.Requirement) []req {
	out := make([]req, 0, len(reqs))
	ids := make(map[int32]int, len(reqs))
	for _, r := range reqs {
		if r.SkillID == "" {
			continue
		}
		conf := r.Confidence
		if math.IsNaN(conf) {
			conf = 0
		}
		f := 0.5 + 0.5*max(0, min(1, conf))
		if advertNamed(r.Source) {
			f *= x.cfg.AdvertWeight
		}
		k, ok := x.internSkill(r.SkillID)
		if !ok {
			continue
		}
		q := req{skill: k, essential: r.Essential, factor: f}
		if j, ok := ids[q.skill]; ok {
			if reqBefore(q, out[j], &x.skills.ids) {
				out[j] = q
			}
			continue
		}
		ids[q.skill] = len(out)
		out = append(out, q)
	}
	slices.SortFunc(out, func(a, b req) int {
		if reqBefore(a, b, &x.skills.ids) {
			return -1
		}
		return 1
	})
	return out
}

// advertNamed reports whether a requirement's source is the advert itself
// (or a person reading it), rather than the occupation's taxonomy list.
func advertNamed(source string) bool {
	switch source {
	case "partner", "description", "adviser", "advert", "employer":
		return true
	}
	return false
}

func reqBefore(a, b req, ids *idList) bool {
	if a.essential != b.essential {
		return a.essential
	}
	if a.factor != b.factor {
		return a.factor > b.factor
	}
	return ids.id(a.skill) < ids.id(b.skill)
}

// upsertVacancy adds or replaces vacancy v in a live index.
func (x *index) upsertVacancy(v *workforce.Vacancy, reqs []workforce.Requirement) {
	if v == nil || v.ID == "" || !x.roomForRequirements(reqs) {
		return
	}
	if i, ok := x.vacancies.lookup(v.ID); ok {
		x.detachVacancy(i)
	}
	x.attachVacancy(x.putVacancy(v, reqs))
	// Its requirements now lie outside the block the layout made.
	x.misplaced.vacancies++
}

// roomForRequirements reports whether the requirements of a vacancy or an
// occupation fit the
// skill vocabulary (see roomForSkills).
func (x *index) roomForRequirements(reqs []workforce.Requirement) bool {
	return x.roomForSkills(len(reqs), func(i int) string { return reqs[i].SkillID })
}

// putVacancy writes vacancy v's row and returns its index, leaving the
// grid, counts and dependants alone: the Builder's way in, and the middle
// step of upsertVacancy. v must have an id.
func (x *index) putVacancy(v *workforce.Vacancy, reqs []workforce.Requirement) int32 {
	i, _ := x.vacancies.intern(v.ID)
	row := vacancy{
		employer:   x.internEmployer(v.EmployerID),
		place:      x.internPlace(v.PlaceID),
		hours:      finite(v.HoursPerWeek),
		salMin:     finite(v.SalaryMin),
		salMax:     finite(v.SalaryMax),
		contract:   v.Contract,
		flexible:   v.Flexible,
		rtw:        v.RequiresRightToWork,
		closesUnix: math.MaxInt64,
		occ:        x.internOccupation(v.OccupationID),
		reg:        regIndex(v.Registration),
	}
	all := x.requirements(reqs)
	if len(all) > maxRequirements {
		row.extra = slices.Clip(all[maxRequirements:])
		all = all[:maxRequirements]
	}
	row.reqs = slices.Clip(all)
	for _, r := range row.reqs {
		if r.essential {
			row.nEss++
		}
	}
	if v.PostedAt != nil {
		row.postedUnix, row.postedNanos, row.hasPosted = v.PostedAt.Unix(), int32(v.PostedAt.Nanosecond()), true
	}
	if v.ClosesAt != nil {
		row.closes, row.hasCloses = *v.ClosesAt, true
		row.closesNanos = int32(v.ClosesAt.Nanosecond())
		row.closesUnix = v.ClosesAt.Unix()
	}
	row.loc, row.hasOwn = geoOf(v.Location)
	row.located = row.hasOwn
	x.vacancies.rows[i] = row
	x.reweigh()
	return i
}

func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return 0
	}
	return f
}

func (x *index) attachVacancy(i int32) {
	v := &x.vacancies.rows[i]
	x.employerVacancies.add(v.employer, i)
	if !v.hasOwn {
		x.placeVacancies.add(v.place, i)
	}
	for _, r := range v.reqs {
		x.skills.rows[r.skill].df++
		x.respec(r.skill)
	}
	x.n.vacancies++
	x.n.requirements += len(v.reqs)
	x.locateVacancy(i)
}

func (x *index) detachVacancy(i int32) {
	v := &x.vacancies.rows[i]
	x.employerVacancies.del(v.employer, i)
	if !v.hasOwn {
		x.placeVacancies.del(v.place, i)
	}
	for _, r := range v.reqs {
		x.skills.rows[r.skill].df--
		x.respec(r.skill)
	}
	x.n.vacancies--
	x.n.requirements -= len(v.reqs)
	x.vgrid.remove(i)
}

// locateVacancy refreshes what vacancy i takes from its employer and
// places it at its own location or, failing that, its employer's, its
// place's centre, or its employer's place's centre: an advert without a pin
// is still at its employer.
func (x *index) locateVacancy(i int32) {
	v := &x.vacancies.rows[i]
	e := employer{place: none}
	if v.employer != none {
		e = x.employers.rows[v.employer]
	}
	v.area = v.place
	if v.area == none {
		v.area = e.place
	}
	v.job = x.jobGood(v, &e)
	v.offered = payOffered(v)
	if !v.hasOwn {
		v.loc, v.located = x.borrowedLocation(v)
	}
	x.vgrid.put(i, v.loc, v.located, 0)
}

func (x *index) borrowedLocation(v *vacancy) (geo, bool) {
	if v.employer != none {
		if e := &x.employers.rows[v.employer]; e.located {
			return e.loc, true
		}
	}
	if g, ok := x.placeLocation(v.place); ok {
		return g, true
	}
	if v.employer != none {
		return x.placeLocation(x.employers.rows[v.employer].place)
	}
	return geo{}, false
}

func (x *index) removeVacancy(id string) {
	i, ok := x.vacancies.lookup(id)
	if !ok {
		return
	}
	x.detachVacancy(i)
	x.vacancies.release(i)
}
