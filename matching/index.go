package matching

import (
	"math"
	"sync/atomic"
	"time"

	"github.com/onework/onework/workforce"
)

// none marks a missing index (no place, no employer, no area).
const none int32 = -1

// maxSkills caps the skill vocabulary, so that a person's skills are 16-bit
// indexes: half the bytes of the stream every candidate scan reads. ESCO
// has under 14,000 skills. A write that would intern more changes nothing
// and leaves the index in error (index.err).
const maxSkills = math.MaxUint16

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
	// The first 64 bytes, one cache line, hold what the person's scan
	// reads of every vacancy within reach (its place, filters and dates,
	// but for the dates' nanoseconds, read only on a tie of seconds); the
	// second what it reads of those it weighs.
	loc     geo
	located bool
	rtw     bool
	// hasPosted and hasCloses say whether posted and closes are set; the
	// dates are stored inline so that the open check chases no pointer.
	hasPosted, hasCloses bool
	// hasOwn says loc is the vacancy's own location; otherwise loc is
	// borrowed from the employer or a place and located may be false.
	hasOwn   bool
	flexible bool
	// reg is the register the vacancy itself requires, noReg when it
	// states none (its occupation's then applies).
	reg int8
	// nEss counts the essential requirements among reqs, which come first.
	nEss uint8
	// area is the place that decides whether the job is local: the
	// vacancy's own place, else its employer's.
	area int32
	// occ is the vacancy's occupation, none when it has none.
	occ   int32
	hours float64
	// closesUnix is closes in seconds, math.MaxInt64 when open-ended, for
	// the availability filter.
	closesUnix int64
	// postedUnix and postedNanos are posted, closesNanos the nanoseconds
	// of closes, for the open check.
	postedUnix               int64
	postedNanos, closesNanos int32
	// w is what the skills component needs of reqs' weights, as of the
	// skill weights of generation w.gen (see index.weighGen).
	w       weighing
	reqs    []req
	offered float64
	// job is the good work of the job itself, the same for every person:
	// the third line, read with offered for the vacancies that may make
	// the page.
	job jobGood
	// closes is the closing time as given, for explanations.
	closes   time.Time
	employer int32
	place    int32
	// extra holds the requirements beyond maxRequirements, which
	// explanations count but the score does not weigh.
	extra    []req
	salMin   float64
	salMax   float64
	contract workforce.ContractType
	// The row is padded to 256 bytes, four whole cache lines, so that its
	// first two lines are whole lines.
	_ [8]byte
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
	// splits counts the searches shared between scan workers.
	splits atomic.Int64

	skills    table[skill]
	places    table[place]
	employers table[employer]
	vacancies table[vacancy]
	people    table[person]
	// held holds every person's skills as 16-bit indexes (see maxSkills).
	held  arena[uint16]
	facts arena[fact]
	occs  table[occupation]
	// skillOccs lists, by skill, the occupations that list it (essential
	// or optional); occSpec (parallel to skills.rows) weighs a shared skill.
	skillOccs deps
	occSpec   []float32
	// minorOccs lists the occupations by the first three characters of
	// their codes (see minorKey), and shortOccs those with shorter codes,
	// so that planning a target visits only the occupations its code can
	// be close to.
	minorOccs deps
	shortOccs []int32
	// placeAreas runs parallel to places.rows and skillSpec to skills.rows:
	// small dense arrays for the scan loops.
	placeAreas []placeArea
	skillSpec  []float64
	// weighGen counts the changes to skillSpec and to vacancies'
	// requirements: a vacancy's weighing is current when its gen is
	// weighGen. weighNext is how far the sweep that brings the weighings up
	// to date has gone at this generation (see sweepWeighings).
	weighGen  uint32
	weighNext int
	// orgs interns the organisations whose caseloads people are on.
	orgs map[string]int32

	pgrid, vgrid grid

	placeChildren     deps
	placePeople       deps
	placeVacancies    deps
	placeEmployers    deps
	employerVacancies deps

	n counts
	// misplaced counts the people and the vacancies written out of grid
	// order since the index was laid out (see relayDue).
	misplaced struct{ people, vacancies int }
	// err is set for good when a write met a full skill vocabulary: the
	// write was refused whole, and every query returns err from then on,
	// as the index no longer reflects the data.
	err error
}

func newIndex(cfg Config) *index {
	return &index{
		cfg:               cfg,
		weighGen:          1,
		skills:            newTable[skill](),
		places:            newTable[place](),
		employers:         newTable[employer](),
		vacancies:         newTable[vacancy](),
		orgs:              map[string]int32{},
		people:            newTable[person](),
		occs:              newTable[occupation](),
		skillOccs:         deps{},
		minorOccs:         deps{},
		pgrid:             newGrid(),
		vgrid:             newGrid(),
		placeChildren:     deps{},
		placePeople:       deps{},
		placeVacancies:    deps{},
		placeEmployers:    deps{},
		employerVacancies: deps{},
	}
}
