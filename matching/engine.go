// Package matching is OneWork's matching engine: it ranks the people on the
// partnership's books for a vacancy, and the open vacancies for a person,
// and explains every score with a breakdown and plain-English reasons.
//
// It is pure Go over an in-memory index of the domain types of package
// workforce, built from the store at start-up (with a Builder) and kept up
// to date by the server after each committed write (with the Engine's
// Upsert and Remove methods). It never talks to Neo4j or HTTP, so it can be
// tested and benchmarked alone.
//
// Scores rest on fit (skills and experience) first, and on place only
// among people of comparable fit. The index holds a person's
// skills, occupations worked in and sought, professional registrations,
// home place and location, travel limit, hours, availability, right to
// work, current pay, consent and caseload organisation (for scoping, not
// scoring), and nothing else about them: no
// protected characteristic (age, sex, race, disability, religion, sexual
// orientation, gender reassignment, pregnancy, marriage) is stored, scored
// or filtered on. Widening access is a priority for homes in the most
// deprived areas, read from the home place's IMD decile. docs/matching.md
// describes the model, its defaults and its edge cases.
package matching

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/onework/onework/workforce"
)

// Loader receives the workforce data the engine indexes. Engine and Builder
// implement it, so one loading routine (start-up streaming, Synthetic) can
// fill either.
type Loader interface {
	// UpsertSkill adds or replaces a skill and the ESCO links it declares.
	UpsertSkill(s *workforce.Skill, links workforce.Links)
	// UpsertPlace adds or replaces a place: its IMD decile, location, kind and
	// parents (which give an LSOA's local authority and ICB).
	UpsertPlace(p *workforce.Place)
	// UpsertEmployer adds or replaces an employer.
	UpsertEmployer(e *workforce.Employer)
	// UpsertVacancy adds or replaces a vacancy with all its requirements.
	UpsertVacancy(v *workforce.Vacancy, reqs []workforce.Requirement)
	// UpsertPerson adds or replaces a person with all the skills they hold.
	UpsertPerson(p *workforce.Person, skills []workforce.PersonSkill)
	// UpsertOccupation adds or replaces an occupation with its
	// requirements: its ESCO code and essential skills tell how close
	// people's past work is to a vacancy's occupation, and the code whether
	// it is a regulated profession.
	UpsertOccupation(o *workforce.Occupation, reqs []workforce.Requirement)
}

// Engine ranks and explains matches over its index. It is safe for
// concurrent use: queries share a read lock and writes take the write lock
// briefly (each write touches only the rows it changes), so a query waits
// at most for one write and a write for the queries already running. Once
// enough rows have been written out of the layout's order, the engine
// lays its index out afresh in the background (see Relay).
//
// The mutation methods take values the store has validated and committed;
// they ignore a nil value or an empty id rather than fail, and treat an
// unusable location as none. References to rows not yet loaded (a skill, a
// place, an employer) are kept and resolve when those rows arrive.
type Engine struct {
	// Now returns the current time, against which vacancies are open or
	// closed. Nil means time.Now. Tests set it to fix the clock; set it
	// before the engine is shared, as it is read without the lock.
	Now func() time.Time

	loader
	cfg     Config
	mu      sync.RWMutex
	idx     *index
	scratch sync.Pool
	// loads counts the indexes Load swapped in, so that a re-lay of an
	// index that Load has since replaced is dropped.
	loads int
	// relaying admits one re-lay at a time. While a re-lay lays out its
	// snapshot (journaling), each write is applied to the live index and
	// kept in journal (under mu), to be applied to the new index before
	// the swap.
	relaying   atomic.Bool
	journaling atomic.Bool
	journal    []func(x *index)
	// relays counts the re-lays swapped in (under mu).
	relays int
}

// New returns an empty engine. Zero fields of cfg take their defaults
// (DefaultConfig); a bad setting is an EINVALID error naming it.
func New(cfg Config) (*Engine, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return newEngine(newIndex(cfg)), nil
}

func newEngine(idx *index) *Engine {
	e := &Engine{cfg: idx.cfg, idx: idx, scratch: sync.Pool{New: func() any { return new(scratch) }}}
	e.loader = loader{with: e.write}
	return e
}

func (e *Engine) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

// write runs fn on the index under the write lock. When a re-lay is
// running it journals the write for the new index too: kept, when not
// nil, makes the journaled write over copies of fn's values (see
// journal.go). When the index has become due for a re-lay, write starts
// one in the background.
func (e *Engine) write(fn func(x *index), kept func() func(x *index)) {
	if e.apply(fn, kept) && e.relaying.CompareAndSwap(false, true) {
		go func() {
			defer e.relaying.Store(false)
			e.relay()
		}()
	}
}

// apply is write's part under the lock; it reports whether a re-lay is
// due.
func (e *Engine) apply(fn func(x *index), kept func() func(x *index)) (relayDue bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	fn(e.idx)
	if e.journaling.Load() {
		if kept != nil {
			fn = kept()
		}
		e.journal = append(e.journal, fn)
	}
	return e.idx.relayDue()
}

// Relay lays the index out afresh, as Build does, from what the engine
// holds now (not from the store), and swaps it in. The engine does this by
// itself, in the background, once Config.RelayShare of its people or
// vacancies have been written out of grid order; Relay does it now, and
// reports whether it did (not when another re-lay is running, when the
// index is in error, or when Load replaced the index meanwhile).
//
// Queries go on throughout, on the old index and then on the new one,
// never on a mix. Writes wait only while the rows are copied: the layout
// runs outside the lock, the writes made meanwhile are applied to the old
// index and journaled (over copies of their values, so a caller may reuse
// them), and the journal is applied to the new index before the swap, so
// no write is lost.
func (e *Engine) Relay() bool {
	if !e.relaying.CompareAndSwap(false, true) {
		return false
	}
	defer e.relaying.Store(false)
	return e.relay()
}

// relay is Relay once the caller holds the right to re-lay: it
// snapshots the index, lays the snapshot out off the lock, and swaps it in.
func (e *Engine) relay() bool {
	next, loads, ok := e.relayStart()
	if !ok {
		return false
	}
	next.relay()
	return e.relayEnd(next, loads)
}

// relayStart snapshots the index under the read lock and starts the
// journal; ok is false when the index is in error.
func (e *Engine) relayStart() (next *index, loads int, ok bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.idx.err != nil {
		return nil, 0, false
	}
	// No write runs under the read lock, so every write from here on is
	// journaled, and every earlier one is in the snapshot.
	e.journaling.Store(true)
	return e.idx.snapshot(), e.loads, true
}

// relayEnd applies the journal to next and swaps it in, unless Load has
// replaced the index since relayStart: then next is dropped.
func (e *Engine) relayEnd(next *index, loads int) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	journal := e.journal
	e.journal = nil
	e.journaling.Store(false)
	if e.loads != loads {
		return false
	}
	for _, fn := range journal {
		fn(next)
	}
	e.idx = next
	e.relays++
	return true
}

// loader implements Loader for Engine, which embeds it: with runs a write
// on the index under the engine's write lock, and kept makes the same
// write over copies of its values, for a re-lay's journal.
type loader struct {
	with func(fn func(x *index), kept func() func(x *index))
}

// UpsertSkill adds or replaces a skill and the links it declares. Links
// count in both directions, so a skill's neighbours are the links it
// declares and the links declared to it.
func (l loader) UpsertSkill(s *workforce.Skill, links workforce.Links) {
	l.with(func(x *index) { x.upsertSkill(s, links) }, func() func(x *index) {
		s, links := skillCopy(s, links)
		return func(x *index) { x.upsertSkill(s, links) }
	})
}

// UpsertPlace adds or replaces a place. Places inside it are re-resolved
// (their local authority and ICB), and people and vacancies located by its
// centre move with it.
func (l loader) UpsertPlace(p *workforce.Place) {
	l.with(func(x *index) { x.upsertPlace(p) }, func() func(x *index) {
		p := placeCopy(p)
		return func(x *index) { x.upsertPlace(p) }
	})
}

// UpsertEmployer adds or replaces an employer. Its vacancies take their
// area and good work from it, and, without a location of their own, their
// location too.
func (l loader) UpsertEmployer(em *workforce.Employer) {
	l.with(func(x *index) { x.upsertEmployer(em) }, func() func(x *index) {
		em := employerCopy(em)
		return func(x *index) { x.upsertEmployer(em) }
	})
}

// UpsertVacancy adds or replaces a vacancy with all its requirements.
func (l loader) UpsertVacancy(v *workforce.Vacancy, reqs []workforce.Requirement) {
	l.with(func(x *index) { x.upsertVacancy(v, reqs) }, func() func(x *index) {
		v, reqs := vacancyCopy(v, reqs)
		return func(x *index) { x.upsertVacancy(v, reqs) }
	})
}

// UpsertOccupation adds or replaces an occupation with its requirements.
func (l loader) UpsertOccupation(o *workforce.Occupation, reqs []workforce.Requirement) {
	l.with(func(x *index) { x.upsertOccupation(o, reqs) }, func() func(x *index) {
		o, reqs := occupationCopy(o, reqs)
		return func(x *index) { x.upsertOccupation(o, reqs) }
	})
}

// UpsertPerson adds or replaces a person with all the skills they hold. A
// person who has not consented to matching is kept (so that asking for
// their vacancies says why there are none) but never enters a ranking.
func (l loader) UpsertPerson(p *workforce.Person, skills []workforce.PersonSkill) {
	l.with(func(x *index) { x.upsertPerson(p, skills) }, func() func(x *index) {
		p, skills := personCopy(p, skills)
		return func(x *index) { x.upsertPerson(p, skills) }
	})
}

// RemoveVacancy removes a vacancy; an unknown id is ignored.
func (e *Engine) RemoveVacancy(id string) {
	e.write(func(x *index) { x.removeVacancy(id) }, nil)
}

// RemovePerson removes a person; an unknown id is ignored.
func (e *Engine) RemovePerson(id string) {
	e.write(func(x *index) { x.removePerson(id) }, nil)
}

// Weights returns the deployment's default weights, so that a caller can
// override some of them for one query and keep the rest.
func (e *Engine) Weights() Weights { return e.cfg.Weights }

// PersonIDs returns the id of every person in the index (consenting or
// not), in no particular order, so that people deleted elsewhere can be
// swept out.
func (e *Engine) PersonIDs() []string {
	return e.readIDs(func(x *index) []string { return x.people.liveIDs() })
}

// VacancyIDs returns the id of every vacancy in the index (open or not), in
// no particular order, so that vacancies deleted elsewhere can be swept out.
func (e *Engine) VacancyIDs() []string {
	return e.readIDs(func(x *index) []string { return x.vacancies.liveIDs() })
}

func (e *Engine) readIDs(fn func(x *index) []string) []string {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return fn(e.idx)
}

// Stats counts what the index holds, for readiness checks and logs.
type Stats struct {
	Skills    int
	Places    int
	Employers int
	Vacancies int
	// OpenVacancies counts the vacancies open now (Engine.Now).
	OpenVacancies int
	Requirements  int
	People        int
	// MatchablePeople counts the people who consented to matching.
	MatchablePeople int
	PersonSkills    int
}

// Stats returns the index's counts.
func (e *Engine) Stats() Stats {
	at := instantOf(e.now())
	e.mu.RLock()
	defer e.mu.RUnlock()
	x := e.idx
	s := Stats{
		Skills:          x.n.skills,
		Places:          x.n.places,
		Employers:       x.n.employers,
		Vacancies:       x.n.vacancies,
		Requirements:    x.n.requirements,
		People:          x.n.people,
		MatchablePeople: x.n.matchablePeople,
		PersonSkills:    x.n.personSkl,
	}
	for i := range x.vacancies.rows {
		if x.vacancies.live(int32(i)) && isOpen(&x.vacancies.rows[i], at) {
			s.OpenVacancies++
		}
	}
	return s
}

// rank validates q, then runs fn on the index under the read lock with
// pooled scratch memory. Once a write has met a full skill vocabulary it
// returns that EINTERNAL error instead.
func (e *Engine) rank(q Query, dir direction, fn func(x *index, rq *request, sc *scratch) (Page, error)) (Page, error) {
	rq, err := newRequest(&e.cfg, q, dir)
	if err != nil {
		return Page{}, err
	}
	sc := e.scratch.Get().(*scratch)
	defer e.scratch.Put(sc)
	e.mu.RLock()
	if e.idx.err != nil {
		e.mu.RUnlock()
		return Page{}, e.idx.err
	}
	page, err := fn(e.idx, rq, sc)
	stale := e.idx.weighingsStale()
	e.mu.RUnlock()
	if stale {
		e.sweep()
	}
	return page, err
}

// sweepChunk is how many vacancies' weighings a query brings up to date
// after writes: a few tens of microseconds.
const sweepChunk = 2048

// sweep brings a chunk of the vacancies' weighings up to date after
// writes, when no other query or write holds the lock: writes come in
// streams, so the sweep waits for the queries that follow them rather
// than redo the work after every write.
func (e *Engine) sweep() {
	if e.mu.TryLock() {
		e.idx.sweepWeighings(sweepChunk)
		e.mu.Unlock()
	}
}

// CandidatesForVacancy ranks the people who fit a vacancy: those who
// consented to matching, live within their travel limit of it, have the
// right to work where it requires it, want at least its hours, and are
// available before it closes. It returns ENOTFOUND for an unknown vacancy
// and EINVALID (naming the field) for a bad query.
func (e *Engine) CandidatesForVacancy(vacancyID string, q Query) (*CandidatePage, error) {
	now := e.now()
	p, err := e.rank(q, candidatesDir, func(x *index, rq *request, sc *scratch) (Page, error) {
		vi, ok := x.vacancies.lookup(vacancyID)
		if !ok {
			return Page{}, workforce.NotFound("vacancy", vacancyID)
		}
		return x.candidates(vi, rq, sc, now), nil
	})
	if err != nil {
		return nil, err
	}
	return &CandidatePage{p}, nil
}

// VacanciesForPerson ranks the open vacancies that fit a person, under the
// same hard filters as CandidatesForVacancy, with good work as a further
// component. A person who has not consented to matching gets an empty page
// with a note. It returns ENOTFOUND for an unknown person and EINVALID
// (naming the field) for a bad query.
func (e *Engine) VacanciesForPerson(personID string, q Query) (*VacancyPage, error) {
	now := e.now()
	p, err := e.rank(q, vacanciesDir, func(x *index, rq *request, sc *scratch) (Page, error) {
		pi, ok := x.people.lookup(personID)
		if !ok {
			return Page{}, workforce.NotFound("person", personID)
		}
		return x.vacanciesFor(pi, rq, sc, now), nil
	})
	if err != nil {
		return nil, err
	}
	return &VacancyPage{p}, nil
}

// Builder loads a whole index in bulk, for start-up: it skips the
// per-write bookkeeping that keeps an Engine's derived state current, and
// does it once in Build. It implements Loader; it is not safe for
// concurrent use.
type Builder struct {
	idx *index
}

// with runs fn on the builder's index, unless it is spent.
func (b *Builder) with(fn func(x *index)) {
	if b.idx != nil {
		fn(b.idx)
	}
}

// UpsertSkill adds or replaces a skill and the links it declares.
func (b *Builder) UpsertSkill(s *workforce.Skill, links workforce.Links) {
	b.with(func(x *index) { x.upsertSkill(s, links) })
}

// UpsertPlace adds or replaces a place; Build resolves areas and locations.
func (b *Builder) UpsertPlace(p *workforce.Place) { b.with(func(x *index) { x.putPlace(p) }) }

// UpsertEmployer adds or replaces an employer.
func (b *Builder) UpsertEmployer(em *workforce.Employer) {
	b.with(func(x *index) { x.putEmployer(em) })
}

// UpsertVacancy adds or replaces a vacancy with all its requirements.
func (b *Builder) UpsertVacancy(v *workforce.Vacancy, reqs []workforce.Requirement) {
	if v != nil && v.ID != "" {
		b.with(func(x *index) {
			if x.roomForRequirements(reqs) {
				x.putVacancy(v, reqs)
			}
		})
	}
}

// UpsertOccupation adds or replaces an occupation with its requirements.
func (b *Builder) UpsertOccupation(o *workforce.Occupation, reqs []workforce.Requirement) {
	b.with(func(x *index) { x.upsertOccupation(o, reqs) })
}

// UpsertPerson adds or replaces a person with all the skills they hold.
func (b *Builder) UpsertPerson(p *workforce.Person, skills []workforce.PersonSkill) {
	if p != nil && p.ID != "" {
		b.with(func(x *index) {
			if x.roomForPerson(skills) {
				x.putPerson(p, skills)
			}
		})
	}
}

// NewBuilder returns an empty Builder. Zero fields of cfg take their
// defaults; a bad setting is an EINVALID error naming it.
func NewBuilder(cfg Config) (*Builder, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return &Builder{idx: newIndex(cfg)}, nil
}

// NewBuilder returns an empty Builder with the engine's configuration, for
// Load.
func (e *Engine) NewBuilder() *Builder {
	b, _ := NewBuilder(e.cfg) // e.cfg was validated by New
	return b
}

// Load replaces everything the engine holds with what b was given, laid
// out by b's Build for fast scans, in one step: a query sees the old index
// or the new one, never a mix. The slow part, Build, runs before the swap,
// outside the engine's lock. b is spent.
func (e *Engine) Load(b *Builder) {
	built := b.Build()
	if built == nil {
		return
	}
	e.mu.Lock()
	e.idx = built.idx
	e.loads++
	e.mu.Unlock()
}

// Build finishes the index (areas, locations, grids, people and vacancies
// laid out by place for fast scans) and returns an engine over it. The
// Builder is spent: later loads do nothing, and Build returns nil.
func (b *Builder) Build() *Engine {
	if b.idx == nil {
		return nil
	}
	x := b.idx
	b.idx = nil
	x.finish()
	return newEngine(x)
}
