package matching

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/onework/onework/workforce"
)

// Experience and registration: what a person has done and is registered
// for, beside the skills they list. People rarely list thirty skills, but
// an adviser reads "worked as a healthcare assistant, 2019-2023" as strong
// evidence for a healthcare assistant job, and a nurse's job needs an NMC
// registration whatever skills are listed.

// occupation is an occupation as matching needs it.
type occupation struct {
	known bool
	// code is the ESCO code: its dotted prefixes are ESCO's hierarchy, its
	// first four digits the ISCO-08 unit group.
	code  string
	label string
	// reg is the index in workforce.Regulators of the register the
	// occupation requires in the UK, or noReg.
	reg int8
	// ess are its essential skills and all its skills (essential and
	// optional), sorted. One occupation is close to another when its
	// skills cover much of the other's essential ones, even when ESCO files
	// them far apart (a nurse assistant and a healthcare assistant).
	ess, all []int32
}

const noReg int8 = -1

// fact is one thing known about a person's work: an occupation worked in
// (with its dates), an occupation sought, or a registration (ref is then
// the regulator's index, and to the expiry).
type fact struct {
	ref      int32
	from, to int32
	kind     uint8
}

const (
	factWorked uint8 = iota
	factSeeks
	factRegistered
)

// noDay marks an unknown date in a fact.
const noDay int32 = math.MinInt32

// maxFacts caps the facts kept for one person, to fit factN and the
// per-fact bits of the vacancies scan.
const maxFacts = 16

// dayOf is t in whole days since 1970, noDay for nil.
func dayOf(t *time.Time) int32 {
	if t == nil {
		return noDay
	}
	return int32(t.Unix() / 86400)
}

func dayOfTime(t time.Time) int32 { return int32(t.Unix() / 86400) }

// regIndex returns the position of r in workforce.Regulators, noReg when unknown.
func regIndex(r workforce.Regulator) int8 {
	for i, info := range workforce.Regulators {
		if info.Regulator == r {
			return int8(i)
		}
	}
	return noReg
}

func (x *index) internOccupation(id string) int32 {
	if id == "" {
		return none
	}
	i, created := x.occs.intern(id)
	if created {
		x.occs.rows[i].reg = noReg
	}
	return i
}

// upsertOccupation adds or replaces an occupation with its requirements,
// for closeness between occupations.
func (x *index) upsertOccupation(o *workforce.Occupation, reqs []workforce.Requirement) {
	if o == nil || o.ID == "" || !x.roomForRequirements(reqs) {
		return
	}
	i := x.internOccupation(o.ID)
	var ess, all []int32
	for _, r := range reqs {
		if r.SkillID == "" {
			continue
		}
		s, ok := x.internSkill(r.SkillID)
		if !ok {
			continue
		}
		all = append(all, s)
		if r.Essential {
			ess = append(ess, s)
		}
	}
	slices.Sort(ess)
	ess = slices.Compact(ess)
	slices.Sort(all)
	all = slices.Compact(all)
	oc := &x.occs.rows[i]
	for _, s := range oc.all {
		x.skillOccs.del(s, i)
		x.respecOcc(s)
	}
	oc.known = true
	x.groupOcc(oc.code, i, false)
	oc.code = o.Code
	x.groupOcc(oc.code, i, true)
	oc.label = o.Label
	oc.reg = noReg
	if rp, ok := workforce.RegulationFor(o.Code); ok {
		oc.reg = regIndex(rp.Regulator)
	}
	oc.ess, oc.all = slices.Clip(ess), slices.Clip(all)
	for _, s := range all {
		x.skillOccs.add(s, i)
		x.respecOcc(s)
	}
}

// minorKey is the key in minorOccs of a code: its first three characters
// (the ISCO minor group of an ESCO code), false for a shorter code.
func minorKey(code string) (int32, bool) {
	if len(code) < 3 {
		return none, false
	}
	return int32(code[0])<<16 | int32(code[1])<<8 | int32(code[2]), true
}

// groupOcc adds occupation i to the list its code belongs in (minorOccs
// or shortOccs), or removes it; an empty code is in neither, as it is
// close to nothing.
func (x *index) groupOcc(code string, i int32, add bool) {
	k, ok := minorKey(code)
	switch {
	case ok && add:
		x.minorOccs.add(k, i)
	case ok:
		x.minorOccs.del(k, i)
	case code == "":
	case add:
		x.shortOccs = append(x.shortOccs, i)
	default:
		x.shortOccs = deleteValue(x.shortOccs, i)
	}
}

// respecOcc recomputes how much sharing skill s says about two
// occupations being alike: less the more occupations list it.
func (x *index) respecOcc(s int32) {
	x.occSpec[s] = float32(1 / (1 + math.Log1p(float64(len(x.skillOccs[s])))))
}

// vacancyRegulation returns the register vacancy v requires: the one it
// states, else that of the occupation it is judged against (target).
func (x *index) vacancyRegulation(v *vacancy, target int32) int8 {
	if v.reg != noReg {
		return v.reg
	}
	return x.regulation(target)
}

// profession returns the title and route onto register g for a vacancy
// judged against occupation target: the occupation's regulated profession
// when it is on that register, else the regulator's own registration.
func (x *index) profession(g int8, target int32) (title, route string) {
	if target != none && x.occs.rows[target].reg == g {
		rp, _ := workforce.RegulationFor(x.occs.rows[target].code)
		return rp.Title, rp.Route
	}
	info := workforce.Regulators[g]
	return "holder of this post", fmt.Sprintf("registration with the %s, as the vacancy states (%s)", info.Name, info.Register)
}

// regulation returns the register a vacancy's occupation requires, noReg
// when none.
func (x *index) regulation(occ int32) int8 {
	if occ == none {
		return noReg
	}
	return x.occs.rows[occ].reg
}

// factsOf turns a person's history, sought occupations and registrations
// into facts.
func (x *index) factsOf(p *workforce.Person) []fact {
	var out []fact
	for _, j := range p.History {
		if o := x.internOccupation(j.OccupationID); o != none {
			out = append(out, fact{ref: o, from: dayOf(j.From), to: dayOf(j.To), kind: factWorked})
		}
	}
	for _, id := range p.Seeks {
		if o := x.internOccupation(id); o != none {
			out = append(out, fact{ref: o, from: noDay, to: noDay, kind: factSeeks})
		}
	}
	for _, r := range p.Registrations {
		if g := regIndex(r.Regulator); g != noReg {
			out = append(out, fact{ref: int32(g), from: noDay, to: dayOf(r.Expires), kind: factRegistered})
		}
	}
	return out[:min(len(out), maxFacts)]
}

// registered reports whether facts hold a registration with regulator g in
// force on day today. An expired registration counts as none.
func registered(facts []fact, g int8, today int32) bool {
	for _, f := range facts {
		if f.kind == factRegistered && f.ref == int32(g) && (f.to == noDay || f.to >= today) {
			return true
		}
	}
	return false
}

// Gates: how registration bears on a pair's score.
const (
	// gateNone: the vacancy is not in a regulated profession.
	gateNone int8 = iota
	// gateHeld: it is, and the person is on the register.
	gateHeld
	// gateMissing: it is, and the person is not (or no longer) on it.
	gateMissing
)

func gateOf(facts []fact, reg int8, today int32) int8 {
	switch {
	case reg == noReg:
		return gateNone
	case registered(facts, reg, today):
		return gateHeld
	}
	return gateMissing
}

// codeCloseness is how close two occupations are in ESCO's hierarchy: 1
// for the same code, 0.8 when one is directly or indirectly under the
// other, 0.6 in the same ISCO-08 unit group, 0.3 in the same minor group.
func codeCloseness(a, b string) float64 {
	switch {
	case a == "" || b == "":
		return 0
	case a == b:
		return 1
	case dottedPrefix(a, b) || dottedPrefix(b, a):
		return 0.8
	case len(a) >= 4 && len(b) >= 4 && a[:4] == b[:4]:
		return 0.6
	case len(a) >= 3 && len(b) >= 3 && a[:3] == b[:3]:
		return 0.3
	}
	return 0
}

// dottedPrefix reports whether code a lies under code b: b, a dot, then
// more (ISCO-style "2221.1" under "2221"). It allocates nothing: the scan
// calls it for every occupation.
func dottedPrefix(a, b string) bool {
	return len(a) > len(b) && a[len(b)] == '.' && strings.HasPrefix(a, b)
}

// recency discounts old experience: full credit for work within
// Config.RecentYears, falling linearly to half at three times that, and
// 0.9 when the dates are unknown.
func (x *index) recency(f *fact, today int32) float64 {
	if f.to == noDay && f.from == noDay {
		return 0.9
	}
	if f.to == noDay {
		return 1 // still in post
	}
	years := float64(today-f.to) / 365.25
	recent := x.cfg.RecentYears
	if years <= recent {
		return 1
	}
	return math.Max(0.5, 1-0.5*(years-recent)/(2*recent))
}

// factCredit is the most a fact can contribute to experience evidence.
func (x *index) factCredit(f *fact, today int32) float64 {
	switch f.kind {
	case factWorked:
		return x.cfg.ExperienceCredit * x.recency(f, today)
	case factSeeks:
		return x.cfg.SeekCredit
	}
	return 0
}

// occPlan memoises, for one query, how close occupations are to the ones
// it is about, so that a person's facts cost a lookup each.
type occPlan struct {
	// close holds, by occupation, its closeness to the vacancy's occupation
	// (candidates) or the person's evidence for it (vacancies); negative
	// when not yet worked out.
	close   []float64
	at      []int8
	touched []int32
	// jobs has bit i set, by skill, when the person's i-th fact is an
	// occupation listing the skill (vacancies).
	jobs        []uint16
	jobsTouched []int32
	cov         [maxFacts]float64
}

func (op *occPlan) reset(occs, skills int) {
	for _, o := range op.touched {
		op.close[o] = -1
	}
	op.touched = op.touched[:0]
	for len(op.close) < occs {
		op.close = append(op.close, -1)
		op.at = append(op.at, -1)
	}
	for _, s := range op.jobsTouched {
		op.jobs[s] = 0
	}
	op.jobsTouched = op.jobsTouched[:0]
	for len(op.jobs) < skills {
		op.jobs = append(op.jobs, 0)
	}
}

func (op *occPlan) set(o int32, v float64) {
	if op.close[o] < 0 {
		op.touched = append(op.touched, o)
	}
	op.close[o] = v
}

// maxOtherCloseness caps the closeness of two different occupations:
// only having done the vacancy's own occupation earns full experience.
const maxOtherCloseness = 0.9

// coverageCloseness turns coverage (the share, by occSpec, of one
// occupation's essential skills that another also lists) into closeness:
// ESCO's sibling occupations cover about half of each other's essential
// skills (shop and sales assistant, nurse assistant and healthcare
// assistant), so half counts as fully close; below a fifth of that the
// occupations have too little in common to count.
func coverageCloseness(cov float64) float64 {
	c := min(maxOtherCloseness, cov/0.5)
	if c < 0.2 {
		return 0
	}
	return c
}

// planTarget readies op to give the closeness of any occupation to target
// t: coverageCloseness of t's essential skills by each occupation's
// skills, or its closeness in ESCO's codes if higher.
func (x *index) planTarget(op *occPlan, t int32) {
	op.reset(len(x.occs.rows), len(x.skills.rows))
	if t == none {
		return
	}
	tr := &x.occs.rows[t]
	total := 0.0
	for _, s := range tr.ess {
		total += float64(x.occSpec[s])
	}
	if total > 0 {
		for _, s := range tr.ess {
			w := float64(x.occSpec[s]) / total
			for _, o := range x.skillOccs[s] {
				if op.close[o] < 0 {
					op.set(o, 0)
				}
				op.close[o] += w
			}
		}
		for _, o := range op.touched {
			op.close[o] = max(coverageCloseness(op.close[o]), codeCloseness(x.occs.rows[o].code, tr.code))
		}
	}
	op.set(t, 1)
	// Occupations sharing no skill with t are close only by code: work
	// those out now, so that the scan only looks up. Codes that differ in
	// their first three characters (the minor group) are not close at all,
	// nor is an empty code (codeCloseness), so those stay unset, which
	// evidenceFor reads as not close: the plan visits the tens of
	// occupations in t's minor group, not all of them.
	tc := tr.code
	byCode := func(o int32) {
		if op.close[o] < 0 {
			op.set(o, codeCloseness(x.occs.rows[o].code, tc))
		}
	}
	if k, ok := minorKey(tc); ok {
		for _, o := range x.minorOccs[k] {
			byCode(o)
		}
		for _, o := range x.shortOccs {
			byCode(o)
		}
		return
	}
	for o := range x.occs.rows {
		byCode(int32(o))
	}
}

// evidenceFor is a person's experience evidence for the planned target
// occupation t: the best, over their facts, of the fact's credit times its
// occupation's closeness to t. It returns the fact it rests on, -1 when none.
func (x *index) evidenceFor(op *occPlan, facts []fact, t int32, today int32) (float64, int) {
	best, at := 0.0, -1
	if t == none || len(facts) == 0 {
		return best, at
	}
	for i := range facts {
		f := &facts[i]
		if f.kind == factRegistered {
			continue
		}
		c := op.close[f.ref]
		if c <= 0 {
			continue
		}
		if e := x.factCredit(f, today) * c; e > best {
			best, at = e, i
		}
	}
	return best, at
}

// planPersonFacts readies op to give one person's evidence for any
// occupation (the vacancies direction): their jobs' skills marked by fact.
func (x *index) planPersonFacts(op *occPlan, facts []fact) {
	op.reset(len(x.occs.rows), len(x.skills.rows))
	for i, f := range facts {
		if f.kind == factRegistered {
			continue
		}
		for _, s := range x.occs.rows[f.ref].all {
			if op.jobs[s] == 0 {
				op.jobsTouched = append(op.jobsTouched, s)
			}
			op.jobs[s] |= 1 << i
		}
	}
}

// personEvidence is evidenceFor in the vacancies direction, memoised by
// target occupation: the person's facts are planned, the targets vary.
func (x *index) personEvidence(op *occPlan, facts []fact, t int32, today int32) (float64, int) {
	if t == none || len(facts) == 0 {
		return 0, -1
	}
	if c := op.close[t]; c >= 0 {
		return c, int(op.at[t])
	}
	e, at := x.workOutEvidence(op, facts, t, today)
	op.set(t, e)
	op.at[t] = int8(at)
	return e, at
}

func (x *index) workOutEvidence(op *occPlan, facts []fact, t int32, today int32) (float64, int) {
	tr := &x.occs.rows[t]
	clear(op.cov[:len(facts)])
	total := 0.0
	for _, s := range tr.ess {
		w := float64(x.occSpec[s])
		total += w
		for m := op.jobs[s]; m != 0; m &= m - 1 {
			op.cov[trailing16(m)] += w
		}
	}
	best, at := 0.0, -1
	for i := range facts {
		f := &facts[i]
		credit := x.factCredit(f, today)
		if credit <= best {
			continue
		}
		c := codeCloseness(x.occs.rows[f.ref].code, tr.code)
		if f.ref == t {
			c = 1
		} else if total > 0 {
			c = max(c, coverageCloseness(op.cov[i]/total))
		}
		if e := credit * c; e > best {
			best, at = e, i
		}
	}
	return best, at
}

func trailing16(m uint16) int {
	n := 0
	for m&1 == 0 {
		m >>= 1
		n++
	}
	return n
}
