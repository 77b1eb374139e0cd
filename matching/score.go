package matching

import (
	"math/bits"
	"time"

	"github.com/onework/onework/workforce"
)

// neutralSkills is the skills component of a vacancy that lists no skills:
// there is no evidence either way, and 0 would bury every entry-level job
// that simply did not list any.
const neutralSkills = 0.5

// Tiers held for a required skill in a person's tier table.
const (
	tierNone uint8 = iota
	tierRelated
	tierHeld
)

// components are the parts of one pair's score, each in [0,1], with what
// the explanation needs to describe them.
type components struct {
	// fit combines skills and experience: 1-(1-skills)(1-experience).
	fit, skills, experience        float64
	distance, local, access, prefs float64
	// good is zero when ranking candidates for a vacancy.
	good goodWork
	// km is the distance; located says whether it is known.
	km      float64
	located bool
	// homeArea says km is measured from the centre of the person's home
	// area (Query.HomeAreaOnly).
	homeArea bool
	// gate says how registration bears on the score.
	gate int8
	// fact is the person's fact the experience rests on, -1 when none.
	fact int8
	// hoursOver and daysLate are the gaps that lowered prefs.
	hoursOver, daysLate float64
	// held and rel have bit i set when requirement i is held, or earns
	// related credit, respectively.
	held, rel uint64
}

type goodWork struct {
	score, rlw, charter, contract, flexible, pay float64
}

// clamp01 guards [0,1] against rounding. Plain comparisons: the min and max
// builtins' NaN handling costs time in the scan loop.
func clamp01(f float64) float64 {
	if f < 0 {
		return 0
	}
	if f > 1 {
		return 1
	}
	return f
}

// reqPlan is a vacancy's requirements as the skills component weighs
// them: a weight each (specificity times confidence, times
// Config.AdvertWeight when the advert names the skill), the essential
// ones first (bits below nEss), and each pool's saturated denominator.
type reqPlan struct {
	w []float64
	// ess masks the essential requirements.
	ess uint64
	// te and to are the essential and optional weight totals; de and do
	// the denominators, which saturate at Config.SkillsSaturation
	// requirements' worth of weight.
	te, to, de, do float64
	// ide and ido are 1/de and 1/do (0 for an empty pool).
	ide, ido float64
}

func (rp *reqPlan) empty() bool { return len(rp.w) == 0 || rp.te+rp.to <= 0 }

// fitOf combines skills and experience evidence as independent evidence:
// either alone can make a good fit, and more of either never lowers it.
func fitOf(skills, experience float64) float64 {
	if experience == 0 {
		return skills
	}
	return clamp01(1 - (1-skills)*(1-experience))
}

// poolCredit is one pool's credit from the shares of its saturated weight
// held (h) and earning related credit (r): h, plus related credit for part
// of the rest.
func poolCredit(h, r, related float64) float64 {
	if h >= 1 {
		return 1
	}
	if r > 1 {
		r = 1
	}
	return h + related*(1-h)*r
}

// weightOf sums the weights of the requirements in mask m.
func (rp *reqPlan) weightOf(m uint64) float64 {
	s := 0.0
	for ; m != 0; m &= m - 1 {
		s += rp.w[bits.TrailingZeros64(m)]
	}
	return s
}

// skillCredit is the skills component: essential requirements decide
// 1-OptionalShare of it and optional ones the rest (all of it when the
// vacancy lists only one kind). Both directions, and the explanations,
// call it with the same plan, so a pair scores the same bits whichever way
// it is asked.
func skillCredit(rp *reqPlan, held, rel uint64, related, optionalShare float64) float64 {
	if rp.empty() {
		return neutralSkills
	}
	if held|rel == 0 {
		return 0
	}
	rel &^= held
	var e, o float64
	if rp.te > 0 {
		e = poolCredit(rp.weightOf(held&rp.ess)*rp.ide, rp.weightOf(rel&rp.ess)*rp.ide, related)
		if rp.to <= 0 {
			return e
		}
	}
	o = poolCredit(rp.weightOf(held&^rp.ess)*rp.ido, rp.weightOf(rel&^rp.ess)*rp.ido, related)
	if rp.te <= 0 {
		return o
	}
	return clamp01((1-optionalShare)*e + optionalShare*o)
}

// share is requirement i's share of the skills component before
// saturation, for explanations: the shares of one vacancy sum to 1.
func (rp *reqPlan) share(i int, optionalShare float64) float64 {
	essential := rp.ess&(1<<i) != 0
	switch {
	case essential && rp.to > 0:
		return (1 - optionalShare) * rp.w[i] / rp.te
	case essential:
		return rp.w[i] / rp.te
	case rp.te > 0:
		return optionalShare * rp.w[i] / rp.to
	}
	return rp.w[i] / rp.to
}

// reqWeights plans the requirements of v, reusing rp's buffer.
func (x *index) reqWeights(v *vacancy, rp *reqPlan) {
	buf := rp.w[:0]
	*rp = reqPlan{}
	ne, no := 0, 0
	for i, r := range v.reqs {
		w := x.skillSpec[r.skill] * r.factor
		buf = append(buf, w)
		if r.essential {
			rp.ess |= 1 << i
			rp.te += w
			ne++
		} else {
			rp.to += w
			no++
		}
	}
	rp.w = buf
	k := float64(x.cfg.SkillsSaturation)
	rp.de = rp.te * min(1, k/float64(max(ne, 1)))
	rp.do = rp.to * min(1, k/float64(max(no, 1)))
	if rp.de > 0 {
		rp.ide = 1 / rp.de
	}
	if rp.do > 0 {
		rp.ido = 1 / rp.do
	}
}

// distanceComponent falls smoothly from 1 at the door to 0.5 at
// DistanceHalfKm and on towards 0. It is absolute, not relative to the
// person's travel limit, so that in a candidate list the nearer person
// always scores higher on distance: local first. An unknown distance scores
// 0, so that a missing location never beats a known short one.
func (x *index) distanceComponent(km float64, known bool) float64 {
	if !known {
		return 0
	}
	h := x.cfg.DistanceHalfKm
	return h / (h + km)
}

// areas are the local authority and ICB of a place.
type areas struct {
	la, icb int32
}

func (x *index) areasOf(p int32) areas {
	if p == none {
		return areas{none, none}
	}
	return x.placeAreas[p].areas
}

func (a areas) known() bool { return a.la != none || a.icb != none }

// localComponent is 1 in the same local authority, 0.5 in the same ICB
// area only, and 0 otherwise or when unknown.
func localComponent(p, v areas) float64 {
	switch {
	case p.la != none && p.la == v.la:
		return 1
	case p.icb != none && p.icb == v.icb:
		return 0.5
	}
	return 0
}

func (x *index) decile(p int32) int {
	if p == none {
		return 0
	}
	return int(x.placeAreas[p].decile)
}

// accessComponent is the place-based widening-access priority: 1 for a home
// in the 20% most deprived areas (IMD decile 1 or 2), else 0. It reads the
// home place only; no personal characteristic enters it.
func accessComponent(decile int) float64 {
	if decile >= 1 && decile <= 2 {
		return 1
	}
	return 0
}

// Why a pair was left out, counted for the notes of a short page.
const (
	dropRightToWork = iota
	dropHours
	dropStart
	dropLocal
	dropFit
	dropClosed
	nDrops
)

// eligible applies the hard filters that hold in both directions: consent
// and right to work. It returns the reason for leaving the pair out, or -1.
func eligible(p *person, v *vacancy) int {
	switch {
	case !p.has(flagConsent):
		return nDrops
	case v.rtw && !p.has(flagRightToWork):
		return dropRightToWork
	}
	return -1
}

// preferences scores how well the job's hours and timing suit the person:
// 1 when they do, lower by the gap between the job's hours and the most
// the person wants, and between the vacancy's closing date and the day the
// person becomes available. Past Config.HoursTolerance or
// Config.StartToleranceDays the pair is left out, and the reason returned;
// otherwise the reason is -1.
func (x *index) preferences(p *person, v *vacancy, c *components) int {
	c.prefs, c.hoursOver, c.daysLate = 1, 0, 0
	if p.hours == 0 && p.avail <= v.closesUnix {
		return -1
	}
	if p.hours > 0 && v.hours > 0 && float32(v.hours) > p.hours {
		over := v.hours - float64(p.hours)
		if over > x.cfg.HoursTolerance {
			return dropHours
		}
		c.hoursOver = over
		c.prefs -= 0.5 * over / x.cfg.HoursTolerance
	}
	if p.avail > v.closesUnix {
		late := float64(p.avail-v.closesUnix) / 86400
		if late > x.cfg.StartToleranceDays {
			return dropStart
		}
		c.daysLate = late
		c.prefs -= 0.5 * late / x.cfg.StartToleranceDays
	}
	c.prefs = clamp01(c.prefs)
	return -1
}

// instant is a time as Unix seconds and nanoseconds, ordered as time.Time
// orders times without a monotonic reading (as the data's are): the
// vacancy row keeps its dates so, in 12 bytes where a time.Time takes 24.
type instant struct {
	sec  int64
	nsec int32
}

func instantOf(t time.Time) instant { return instant{sec: t.Unix(), nsec: int32(t.Nanosecond())} }

func (a instant) before(b instant) bool { return a.sec < b.sec || a.sec == b.sec && a.nsec < b.nsec }

// isOpen is workforce.Vacancy.IsOpen on the index's copy of the dates, at
// now (instantOf the query's time).
func isOpen(v *vacancy, now instant) bool {
	return (!v.hasPosted || !now.before(instant{v.postedUnix, v.postedNanos})) && (!v.hasCloses || !(instant{v.closesUnix, v.closesNanos}).before(now))
}

// charterScore places the charter levels evenly from none (0) to
// Ambassador (1).
func charterScore(l workforce.CharterLevel) float64 {
	switch l {
	case workforce.CharterAspiring:
		return 1.0 / 3
	case workforce.CharterAccredited:
		return 2.0 / 3
	case workforce.CharterAmbassador:
		return 1
	}
	return 0
}

// contractScore ranks stability: a permanent job or an apprenticeship (a
// contract with training and a wage) above fixed-term, above casual work.
// An unstated contract is neutral.
func contractScore(c workforce.ContractType) float64 {
	switch c {
	case workforce.ContractPermanent:
		return 1
	case workforce.ContractApprenticeship:
		return 0.9
	case workforce.ContractFixedTerm:
		return 0.6
	case workforce.ContractTemporary, workforce.ContractBank:
		return 0.3
	case workforce.ContractZeroHours:
		return 0
	}
	return 0.5
}

// standardHours is a full-time week, used to turn a salary into an hourly
// rate when the advert gives no hours.
const (
	standardHours = 37.5
	weeksPerYear  = 52.14
)

// payFloor is the pay the advert guarantees: the bottom of the range.
func payFloor(v *vacancy) float64 {
	if v.salMin > 0 {
		return v.salMin
	}
	return v.salMax
}

// payOffered is the middle of the advertised range, 0 when not stated.
func payOffered(v *vacancy) float64 {
	if v.salMin > 0 && v.salMax > 0 {
		return (v.salMin + v.salMax) / 2
	}
	return max(v.salMin, v.salMax)
}

// hourlyFloor is the guaranteed hourly rate, 0 when pay is not stated.
func hourlyFloor(v *vacancy) float64 {
	h := v.hours
	if h == 0 {
		h = standardHours
	}
	return payFloor(v) / (h * weeksPerYear)
}

// payScore compares the offer with the person's current pay: 0.5 when
// equal or unknown, 1 at a fifth more, 0 at a fifth less.
func payScore(offered, current float64) float64 {
	if offered <= 0 || current <= 0 {
		return 0.5
	}
	return clamp01((offered/current - 0.8) / 0.4)
}

// jobGood is the part of good work that belongs to the job and its
// employer, the same for every person, so it is worked out when the
// vacancy or its employer changes rather than in every scan.
type jobGood struct {
	rlw, charter, contract, flexible float64
}

func (x *index) jobGood(v *vacancy, e *employer) jobGood {
	var j jobGood
	if e.rlw || (payFloor(v) > 0 && hourlyFloor(v) >= x.cfg.RealLivingWageHourly) {
		j.rlw = 1
	}
	j.charter = charterScore(e.charter)
	j.contract = contractScore(v.contract)
	if v.flexible {
		j.flexible = 1
	}
	return j
}

// goodWorkFor scores the job against the good-work charter: Real Living Wage,
// charter level, contract stability, flexible working and pay against the
// person's current pay, equally weighted so that no single employer badge
// dominates.
func goodWorkFor(v *vacancy, p *person) goodWork {
	j := v.job
	g := goodWork{rlw: j.rlw, charter: j.charter, contract: j.contract, flexible: j.flexible, pay: payScore(v.offered, float64(p.pay))}
	g.score = (g.rlw + g.charter + g.contract + g.flexible + g.pay) / 5
	return g
}

// scratch is per-query working memory, pooled by the engine: dense tables
// by skill index, so that the scan loops look up instead of hashing.
type scratch struct {
	// masks holds, by skill, the requirements of a vacancy's plan that the
	// skill covers (zero for a skill that touches none), so that a
	// person's masks are a branch-free loop of one load per skill.
	masks []maskPair
	// packed is masks for a vacancy of at most 32 requirements: held bits
	// low, related bits high, half the bytes to load per skill. narrow
	// says it is in use.
	// It covers every 16-bit skill index, so the scan loop indexes it
	// without a bounds check.
	packed *[maxSkills + 1]uint64
	narrow bool
	// credits memoises the skills component of the planned vacancy by a
	// person's packed masks (narrow only): people of one trade hold the
	// same few combinations of a vacancy's requirements, and a lookup
	// costs less than weighing them again. Same function, same inputs: the
	// values are exactly skillCredit's.
	credits                *[creditSlots]creditSlot
	related, optionalShare float64
	// noCredit is the skills component of a person holding nothing the
	// planned vacancy asks for.
	noCredit float64
	// tier is a person's tier table: held, related or none, by skill.
	tier    []uint8
	touched []int32
	plan    reqPlan
	hits    []cellHit
	// segments lists what a candidate search met, to scan (scanSegments).
	segments []segment
	// forks are the scratch of the other workers of a shared scan.
	forks []*scratch
	occ   occPlan
}

type maskPair struct {
	held, rel uint64
}

// creditSlots is the size of scratch.credits.
const (
	creditBits  = 12
	creditSlots = 1 << creditBits
)

// creditSlot is one memoised skills component: key is the packed masks,
// 0 for an empty slot (no masks is answered before the memo).
type creditSlot struct {
	key    uint64
	credit float64
}

// prepare sizes the tables for n skills and clears what the last query
// touched (only that, so a query costs nothing per unrelated skill).
func (sc *scratch) prepare(n int) {
	for _, s := range sc.touched {
		sc.masks[s] = maskPair{}
		sc.packed[s] = 0
		sc.tier[s] = tierNone
	}
	sc.touched = sc.touched[:0]
	if len(sc.masks) < n {
		sc.masks = append(sc.masks, make([]maskPair, n-len(sc.masks))...)
	}
	if sc.packed == nil {
		sc.packed = new([maxSkills + 1]uint64)
	}
	if len(sc.tier) < n {
		sc.tier = append(sc.tier, make([]uint8, n-len(sc.tier))...)
	}
}

func (sc *scratch) maskOf(s int32) *maskPair {
	m := &sc.masks[s]
	if *m == (maskPair{}) {
		sc.touched = append(sc.touched, s)
	}
	return m
}

// planVacancy readies sc to score people against v: for every skill that
// is a requirement, or a neighbour of one, the requirements it covers.
func (sc *scratch) planVacancy(x *index, v *vacancy) {
	sc.prepare(len(x.skills.rows))
	for i, r := range v.reqs {
		bit := uint64(1) << i
		sc.maskOf(r.skill).held |= bit
		x.neighbours(r.skill, func(n int32) { sc.maskOf(n).rel |= bit })
	}
	sc.narrow = len(v.reqs) <= 32
	if sc.narrow {
		for _, s := range sc.touched {
			sc.packed[s] = sc.masks[s].held | sc.masks[s].rel<<32
		}
		if sc.credits == nil {
			sc.credits = new([creditSlots]creditSlot)
		} else {
			clear(sc.credits[:])
		}
	}
	x.reqWeights(v, &sc.plan)
	sc.related, sc.optionalShare = x.cfg.RelatedCredit, x.cfg.OptionalShare
	sc.noCredit = skillCredit(&sc.plan, 0, 0, sc.related, sc.optionalShare)
}

// skillsOf returns the requirements of the planned vacancy that a person
// with the given skills holds, those they earn related credit for, and
// their skills component (skillCredit).
func (sc *scratch) skillsOf(skills []uint16) (held, rel uint64, credit float64) {
	if !sc.narrow {
		held, rel = sc.masksOf(skills)
		return held, rel, skillCredit(&sc.plan, held, rel, sc.related, sc.optionalShare)
	}
	packed := sc.packed
	var m uint64
	for _, s := range skills {
		m |= packed[s]
	}
	held, rel = m&0xffffffff, m>>32
	if m == 0 {
		return 0, 0, sc.noCredit
	}
	slot := &sc.credits[(m*0x9e3779b97f4a7c15)>>(64-creditBits)]
	if slot.key != m {
		slot.key, slot.credit = m, skillCredit(&sc.plan, held, rel, sc.related, sc.optionalShare)
	}
	return held, rel, slot.credit
}

// masksOf returns the requirements of a planned vacancy of more than 32
// requirements that a person with the given skills holds, and those they
// earn related credit for.
func (sc *scratch) masksOf(skills []uint16) (held, rel uint64) {
	masks := sc.masks
	for _, s := range skills {
		m := &masks[s]
		held |= m.held
		rel |= m.rel
	}
	return held, rel
}

// planPerson readies sc to score vacancies for a person with the given
// skills: their tier for every skill they hold or neighbour.
func (sc *scratch) planPerson(x *index, skills []uint16) {
	sc.prepare(len(x.skills.rows))
	for _, s := range skills {
		sc.tier[s] = tierHeld
		sc.touched = append(sc.touched, int32(s))
	}
	for _, s := range skills {
		x.neighbours(int32(s), func(n int32) {
			if sc.tier[n] == tierNone {
				sc.tier[n] = tierRelated
				sc.touched = append(sc.touched, n)
			}
		})
	}
}

// masksFor returns the requirements of v that the planned person holds and
// those they earn related credit for: a load a requirement from the tier
// table, without a branch (tierHeld is 2, tierRelated 1).
func (sc *scratch) masksFor(v *vacancy) (held, rel uint64) {
	tier := sc.tier
	for i, r := range v.reqs {
		t := uint64(tier[r.skill])
		held |= (t >> 1) << i
		rel |= (t & 1) << i
	}
	return held, rel
}

// weighing is what the skills component of a person's vacancy needs of
// its requirements' weights, worked out once for all people rather than
// in every scan: the inverse saturated denominators of the essential and
// optional pools (as reqWeights has them), whether each pool weighs
// anything, and whether the vacancy does. It is kept in the vacancy's row
// and is current while gen is index.weighGen.
type weighing struct {
	ide, ido float64
	gen      uint32
	// te and to say that the pool's total is above 0; weighed that
	// the vacancy has requirements and their total is above 0.
	te, to, weighed bool
}

// weigh works out v's weighing from the current skill weights, each pool
// summed in requirement order as reqWeights sums it, so that the skills
// component is skillCredit's to the bit.
func (x *index) weigh(v *vacancy) weighing {
	reqs, spec := v.reqs, x.skillSpec
	ne := int(v.nEss)
	var te, to float64
	for _, r := range reqs[:ne] {
		te += spec[r.skill] * r.factor
	}
	for _, r := range reqs[ne:] {
		to += spec[r.skill] * r.factor
	}
	w := weighing{gen: x.weighGen, te: te > 0, to: to > 0, weighed: len(reqs) > 0 && te+to > 0}
	k := float64(x.cfg.SkillsSaturation)
	if de := te * min(1, k/float64(max(ne, 1))); de > 0 {
		w.ide = 1 / de
	}
	if do := to * min(1, k/float64(max(len(reqs)-ne, 1))); do > 0 {
		w.ido = 1 / do
	}
	return w
}

// reweigh records that the skill weights or a vacancy's requirements have
// changed, so that every weighing is out of date until the next sweep.
func (x *index) reweigh() {
	x.weighGen++
	if x.weighGen == 0 {
		// After 2^32 changes a generation comes round again: forget every
		// stamp so that none is taken for current.
		x.weighGen = 1
		for i := range x.vacancies.rows {
			x.vacancies.rows[i].w.gen = 0
		}
	}
	x.weighNext = 0
}

// weighingsStale reports whether some vacancy's weighing may be out of date.
func (x *index) weighingsStale() bool { return x.weighNext < len(x.vacancies.rows) }

// sweepWeighings brings the weighings of up to n more vacancies up to date,
// going on from where the last sweep of this generation stopped. Until a
// sweep has gone through them all, the scans work out an out-of-date
// weighing afresh: the same answer, at the cost it had before weighings
// were kept.
func (x *index) sweepWeighings(n int) {
	rows := x.vacancies.rows
	for ; x.weighNext < len(rows) && n > 0; x.weighNext++ {
		if v := &rows[x.weighNext]; v.w.gen != x.weighGen {
			v.w = x.weigh(v)
			n--
		}
	}
}

// creditFor is the skills component of a person holding held and earning
// related credit for rel among v's requirements: skillCredit over
// reqWeights' plan, to the bit (TestSkillsFor checks it). The pools'
// totals come from v's weighing (worked out afresh when it is out of
// date), and the held and related parts add the weights of their bits in
// requirement order, the order reqWeights and weightOf sum them in.
func (x *index) creditFor(v *vacancy, held, rel uint64) float64 {
	w := &v.w
	if w.gen != x.weighGen {
		fresh := x.weigh(v)
		w = &fresh
	}
	if !w.weighed {
		return neutralSkills
	}
	if held|rel == 0 {
		return 0
	}
	rel &^= held
	reqs, spec := v.reqs, x.skillSpec
	// weightOf sums the weights of the requirements in mask m.
	weightOf := func(m uint64) float64 {
		s := 0.0
		for ; m != 0; m &= m - 1 {
			r := &reqs[bits.TrailingZeros64(m)]
			s += spec[r.skill] * r.factor
		}
		return s
	}
	// A shift by 64 gives 0 in Go, so 64 essentials mask all 64 bits.
	ess := uint64(1)<<v.nEss - 1
	related := x.cfg.RelatedCredit
	var e float64
	if w.te {
		e = poolCredit(weightOf(held&ess)*w.ide, weightOf(rel&ess)*w.ide, related)
		if !w.to {
			return e
		}
	}
	o := poolCredit(weightOf(held&^ess)*w.ido, weightOf(rel&^ess)*w.ido, related)
	if !w.te {
		return o
	}
	share := x.cfg.OptionalShare
	return clamp01((1-share)*e + share*o)
}
