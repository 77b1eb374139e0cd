package matching

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/onework/onework/workforce"
)

// none marks a missing index (no place, no employer, no area).
const none int32 = -1

// maxRequirements caps the requirements of one vacancy that the engine
// scores, so that a requirement set fits one 64-bit mask per person. Real
// adverts list 5 to 20 skills; beyond 64 the least important are dropped:
// optional before essential, then lower weight before higher.
const maxRequirements = 64

type skill struct {
	known bool
	label string
	// reuse is the weight of the ESCO reuse level: a transversal skill says
	// less about fit for a particular job than an occupation-specific one.
	reuse float64
	// links are the broader, narrower and related skills this one declares,
	// sorted; in lists the skills that declare a link to this one. Together
	// they are the symmetric neighbourhood that earns related credit.
	links, in []int32
	// df counts the live vacancies requiring the skill; the specificity
	// weight derived from it and reuse is in index.skillSpec.
	df int32
}

type place struct {
	known   bool
	name    string
	kind    workforce.PlaceKind
	loc     geo
	located bool
	parents []int32
}

// placeArea is what the scans need of a place: the local authority and ICB
// it lies in (or is), resolved through its parents, and its IMD decile. It
// is kept apart from place, in a small dense array, so that the lookups for
// a million people stay in cache.
type placeArea struct {
	areas
	decile int32
}

type employer struct {
	known   bool
	place   int32
	loc     geo
	located bool
	rlw     bool
	dc      bool
	charter workforce.CharterLevel
}

type req struct {
	skill     int32
	essential bool
	// factor is the weight from essential or optional and from confidence;
	// the skill's specificity multiplies it at query time because it moves
	// as vacancies come and go.
	factor float64
}

// vacancy is a vacancy as the scans need it: the fields every scan reads
// first, then what is derived from the employer (kept current by
// refreshVacancy), then what only explanations and re-resolving read.
type vacancy struct {
	loc     geo
	located bool
	rtw     bool
	// hasPosted and hasCloses say whether posted and closes are set; the
	// dates are stored inline so that the open check chases no pointer.
	hasPosted, hasCloses bool
	// area is the place that decides whether the job is local: the
	// vacancy's own place, else its employer's.
	area   int32
	hours  float64
	posted time.Time
	closes time.Time
	// closesUnix is closes in seconds, math.MaxInt64 when open-ended, for
	// the availability filter.
	closesUnix int64
	// job is the good work of the job itself, the same for every person.
	job     jobGood
	offered float64
	reqs    []req
	// occ is the vacancy's occupation, none when it has none.
	occ int32
	// listedEss and listedOpt count the requirements as the vacancy lists
	// them; extra holds those beyond maxRequirements, which explanations
	// count but the score does not weigh.
	listedEss, listedOpt int32
	extra                []req

	employer int32
	place    int32
	// hasOwn says loc is the vacancy's own location; otherwise loc is
	// borrowed from the employer or a place and located may be false.
	hasOwn   bool
	salMin   float64
	salMax   float64
	contract workforce.ContractType
	flexible bool
}

// person holds what matching needs of a person and nothing personal beyond
// it. It is pointer-free, so a million of them cost the collector nothing,
// and its fields are ordered to pack it into 64 bytes, one cache line.
type person struct {
	loc geo
	// avail is AvailableFrom in Unix seconds, math.MinInt64 when not stated.
	avail int64
	// travel is the effective travel limit in km; float32 keeps the row in
	// one cache line, and its rounding is under a millimetre.
	travel float32
	// factOff and factN locate the person's facts (work history, sought
	// occupations, registrations) in index.facts.
	factOff uint32
	// skillOff and skillN locate the person's skills in index.held.
	skillOff uint32
	place    int32
	// org is the organisation whose caseload the person is on, interned in
	// index.orgs, or none.
	org    int32
	hours  float32
	pay    float32
	skillN uint16
	flags  uint8
	factN  uint8
}

// maxPersonSkills caps the skills kept for one person, to fit skillN.
// People hold tens.
const maxPersonSkills = math.MaxUint16

func (p *person) skills() span { return span{p.skillOff, uint32(p.skillN)} }

func (p *person) setSkills(s span) { p.skillOff, p.skillN = s.off, uint16(s.n) }

const (
	flagLive uint8 = 1 << iota
	flagConsent
	flagRightToWork
	flagOwnLocation
	flagLocated
	flagTravelStated
)

func (p *person) has(f uint8) bool { return p.flags&f != 0 }

func (p *person) facts() span { return span{p.factOff, uint32(p.factN)} }

func (p *person) setFacts(s span) { p.factOff, p.factN = s.off, uint8(s.n) }

// counts are the running totals behind Stats.
type counts struct {
	skills, places, employers          int
	vacancies, requirements            int
	people, matchablePeople, personSkl int
}

// index is the engine's data. It is not safe for concurrent use: Engine
// guards it with a lock, and Builder owns it alone until Build.
type index struct {
	cfg Config
	// bulk defers derived state (grids, areas, dependants) to finish, so
	// that loading a million people does no per-row bookkeeping.
	bulk bool

	skills    table[skill]
	places    table[place]
	employers table[employer]
	vacancies table[vacancy]
	people    table[person]
	held      arena[int32]
	facts     arena[fact]
	occs      table[occupation]
	// skillOccs lists, by skill, the occupations that list it (essential
	// or optional); occSpec (parallel to skills.rows) weighs a shared skill.
	skillOccs deps
	occSpec   []float32
	// placeAreas runs parallel to places.rows and skillSpec to skills.rows:
	// small dense arrays for the scan loops.
	placeAreas []placeArea
	skillSpec  []float64
	// orgs interns the organisations whose caseloads people are on.
	orgs map[string]int32

	pgrid, vgrid grid

	placeChildren     deps
	placePeople       deps
	placeVacancies    deps
	placeEmployers    deps
	employerVacancies deps

	n counts
}

func newIndex(cfg Config, bulk bool) *index {
	return &index{
		cfg:               cfg,
		bulk:              bulk,
		skills:            newTable[skill](),
		places:            newTable[place](),
		employers:         newTable[employer](),
		vacancies:         newTable[vacancy](),
		orgs:              map[string]int32{},
		people:            newTable[person](),
		occs:              newTable[occupation](),
		skillOccs:         deps{},
		pgrid:             newGrid(),
		vgrid:             newGrid(),
		placeChildren:     deps{},
		placePeople:       deps{},
		placeVacancies:    deps{},
		placeEmployers:    deps{},
		employerVacancies: deps{},
	}
}

// reuseFactor maps an ESCO reuse level (a label or a concept URI) to a
// weight. Unknown levels weigh 1 so that missing metadata never demotes.
func reuseFactor(level string) float64 {
	l := strings.ToLower(level)
	switch {
	case strings.Contains(l, "transversal"):
		return 0.5
	case strings.Contains(l, "cross-sector"), strings.Contains(l, "cross_sector"):
		return 0.75
	}
	return 1
}

func (x *index) internSkill(id string) int32 {
	i, created := x.skills.intern(id)
	if created {
		x.skills.rows[i].reuse = 1
		x.skillSpec = append(x.skillSpec, 0)
		x.occSpec = append(x.occSpec, 1)
		x.respec(i)
	}
	return i
}

// respec recomputes the specificity of skill i: an IDF-like weight that
// falls as more vacancies ask for the skill, so a skill every advert lists
// counts less than a rare one. It depends on the skill's own count only, so
// it can be kept up to date on each write instead of at every query.
func (x *index) respec(i int32) {
	s := &x.skills.rows[i]
	x.skillSpec[i] = s.reuse / (1 + math.Log1p(float64(max(s.df, 0))))
}

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

func (x *index) upsertSkill(s *workforce.Skill, links workforce.Links) {
	if s == nil || s.ID == "" {
		return
	}
	i := x.internSkill(s.ID)
	var to []int32
	for _, group := range [][]string{links.Broader, links.Narrower, links.Related} {
		for _, id := range group {
			if id != "" && id != s.ID {
				to = append(to, x.internSkill(id))
			}
		}
	}
	slices.Sort(to)
	to = slices.Compact(to)
	rows := x.skills.rows
	sk := &rows[i]
	for _, old := range sk.links {
		if _, ok := slices.BinarySearch(to, old); !ok {
			rows[old].in = deleteValue(rows[old].in, i)
		}
	}
	for _, n := range to {
		if _, ok := slices.BinarySearch(sk.links, n); !ok {
			rows[n].in = append(rows[n].in, i)
		}
	}
	sk.links = to
	if !sk.known {
		sk.known = true
		x.n.skills++
	}
	sk.label = cmp.Or(s.Label, s.ID)
	sk.reuse = reuseFactor(s.ReuseLevel)
	x.respec(i)
}

func (x *index) upsertPlace(p *workforce.Place) {
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
	if !x.bulk {
		x.linkParents(i, false)
	}
	pl := &x.places.rows[i]
	oldLoc, oldLocated := pl.loc, pl.located
	if !pl.known {
		pl.known = true
		x.n.places++
	}
	pl.name = cmp.Or(p.Name, p.ID)
	pl.kind = p.Kind
	x.placeAreas[i].decile = int32(p.IMDDecile)
	pl.loc, pl.located = geoOf(p.Location)
	pl.parents = parents
	if x.bulk {
		return
	}
	x.linkParents(i, true)
	x.resolveAreasBelow(i)
	if pl.located != oldLocated || pl.loc != oldLoc {
		x.relocateAround(i)
	}
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
	for _, p := range x.placePeople[i] {
		x.locatePerson(p)
	}
	for _, v := range x.placeVacancies[i] {
		x.locateVacancy(v)
	}
	for _, e := range x.placeEmployers[i] {
		for _, v := range x.employerVacancies[e] {
			x.locateVacancy(v)
		}
	}
}

func (x *index) upsertEmployer(e *workforce.Employer) {
	if e == nil || e.ID == "" {
		return
	}
	i := x.internEmployer(e.ID)
	pl := x.internPlace(e.PlaceID)
	if !x.bulk {
		x.placeEmployers.del(x.employers.rows[i].place, i)
	}
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
	if x.bulk {
		return
	}
	x.placeEmployers.add(pl, i)
	for _, v := range x.employerVacancies[i] {
		x.locateVacancy(v)
	}
}

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
		q := req{skill: x.internSkill(r.SkillID), essential: r.Essential, factor: f}
		if j, ok := ids[q.skill]; ok {
			if reqBefore(q, out[j], x.skills.ids) {
				out[j] = q
			}
			continue
		}
		ids[q.skill] = len(out)
		out = append(out, q)
	}
	slices.SortFunc(out, func(a, b req) int {
		if reqBefore(a, b, x.skills.ids) {
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

func reqBefore(a, b req, ids []string) bool {
	if a.essential != b.essential {
		return a.essential
	}
	if a.factor != b.factor {
		return a.factor > b.factor
	}
	return ids[a.skill] < ids[b.skill]
}

func (x *index) upsertVacancy(v *workforce.Vacancy, reqs []workforce.Requirement) {
	if v == nil || v.ID == "" {
		return
	}
	i, existed := x.vacancies.lookup(v.ID)
	if existed && !x.bulk {
		x.detachVacancy(i)
	}
	if !existed {
		i, _ = x.vacancies.intern(v.ID)
	}
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
	}
	all := x.requirements(reqs)
	for _, r := range all {
		if r.essential {
			row.listedEss++
		} else {
			row.listedOpt++
		}
	}
	if len(all) > maxRequirements {
		row.extra = slices.Clip(all[maxRequirements:])
		all = all[:maxRequirements]
	}
	row.reqs = slices.Clip(all)
	if v.PostedAt != nil {
		row.posted, row.hasPosted = *v.PostedAt, true
	}
	if v.ClosesAt != nil {
		row.closes, row.hasCloses = *v.ClosesAt, true
		row.closesUnix = v.ClosesAt.Unix()
	}
	row.loc, row.hasOwn = geoOf(v.Location)
	row.located = row.hasOwn
	x.vacancies.rows[i] = row
	if !x.bulk {
		x.attachVacancy(i)
	}
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

func (x *index) placeLocation(p int32) (geo, bool) {
	if p == none || !x.places.rows[p].located {
		return geo{}, false
	}
	return x.places.rows[p].loc, true
}

func (x *index) removeVacancy(id string) {
	i, ok := x.vacancies.lookup(id)
	if !ok {
		return
	}
	if !x.bulk {
		x.detachVacancy(i)
	}
	x.vacancies.release(i)
}

func (x *index) upsertPerson(p *workforce.Person, skills []workforce.PersonSkill) {
	if p == nil || p.ID == "" {
		return
	}
	i, existed := x.people.lookup(p.ID)
	if existed && !x.bulk {
		x.detachPerson(i)
	}
	if !existed {
		i, _ = x.people.intern(p.ID)
	}
	held := make([]int32, 0, len(skills))
	for _, s := range skills {
		if s.SkillID != "" {
			held = append(held, x.internSkill(s.SkillID))
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
	if !x.bulk {
		x.attachPerson(i)
		x.compactHeld()
	}
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
	if !x.bulk {
		x.detachPerson(i)
	}
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
	data := make([]int32, 0, len(x.held.data)-x.held.garbage)
	for i := range x.people.rows {
		p := &x.people.rows[i]
		s := x.held.get(p.skills())
		p.setSkills(span{uint32(len(data)), uint32(len(s))})
		data = append(data, s...)
	}
	x.held = arena[int32]{data: data}
}

// compactFacts is compactHeld for the facts arena.
func (x *index) compactFacts() {
	if x.facts.garbage < 1<<14 || x.facts.garbage*2 < len(x.facts.data) {
		return
	}
	data := make([]fact, 0, len(x.facts.data)-x.facts.garbage)
	for i := range x.people.rows {
		p := &x.people.rows[i]
		f := x.facts.get(p.facts())
		p.setFacts(span{uint32(len(data)), uint32(len(f))})
		data = append(data, f...)
	}
	x.facts = arena[fact]{data: data}
}

// finish builds the derived state that bulk loading deferred, and leaves
// the index ready for incremental writes. People and vacancies are
// renumbered in grid order first, so that a cell's rows sit together in
// memory and the scans read them nearly sequentially.
func (x *index) finish() {
	x.bulk = false
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
	data := make([]int32, 0, len(x.held.data)-x.held.garbage)
	for i := range t.rows {
		r := &t.rows[i]
		s := x.held.get(r.skills())
		r.setSkills(span{uint32(len(data)), uint32(len(s))})
		data = append(data, s...)
	}
	x.held = arena[int32]{data: data}
	facts := make([]fact, 0, len(x.facts.data)-x.facts.garbage)
	for i := range t.rows {
		r := &t.rows[i]
		f := x.facts.get(r.facts())
		r.setFacts(span{uint32(len(facts)), uint32(len(f))})
		facts = append(facts, f...)
	}
	x.facts = arena[fact]{data: facts}
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

// neighbours calls fn for every skill linked to skill s in either direction.
func (x *index) neighbours(s int32, fn func(n int32)) {
	sk := &x.skills.rows[s]
	for _, n := range sk.links {
		fn(n)
	}
	for _, n := range sk.in {
		fn(n)
	}
}

// linked reports whether skills a and b are neighbours.
func (x *index) linked(a, b int32) bool {
	_, ok := slices.BinarySearch(x.skills.rows[a].links, b)
	if !ok {
		_, ok = slices.BinarySearch(x.skills.rows[b].links, a)
	}
	return ok
}
