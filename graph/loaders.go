package graph

import (
	"context"
	"net/http"
	"runtime"
	"sync"
	"time"

	"github.com/onework/onework/workforce"
)

// Loaders batch the reads of one request so that a page of N nodes with
// their neighbours costs a fixed number of round trips, not N.
type Loaders struct {
	Skill      *Loader[*workforce.Skill]
	Occupation *Loader[*workforce.Occupation]
	Sector     *Loader[*workforce.Sector]
	Employer   *Loader[*workforce.Employer]
	Vacancy    *Loader[*workforce.Vacancy]
	Person     *Loader[*workforce.Person]
	Provider   *Loader[*workforce.Provider]
	Programme  *Loader[*workforce.Programme]
	Place      *Loader[*workforce.Place]

	PersonSkills           *Loader[[]workforce.PersonSkill]
	VacancyRequirements    *Loader[[]workforce.Requirement]
	OccupationRequirements *Loader[[]workforce.Requirement]
	SkillLinks             *Loader[workforce.Links]
	OccupationLinks        *Loader[workforce.Links]
	OccupationSectors      *Loader[[]string]
	ProgrammeSkills        *Loader[[]string]
	ProgrammeOccupations   *Loader[[]string]
	ProgrammeProgressions  *Loader[[]workforce.Progression]
	ProgrammeCompletions   *Loader[[]workforce.Completion]

	feeders memo[*feeders]
	// parts holds the nodes that ranked pages read in part.
	parts partials
}

// memo keeps values computed once per request, by key.
type memo[T any] struct {
	mu   sync.Mutex
	done map[string]*memoEntry[T]
}

type memoEntry[T any] struct {
	once sync.Once
	v    T
	err  error
}

// get returns the value for key, computing it with fn the first time.
func (m *memo[T]) get(key string, fn func() (T, error)) (T, error) {
	m.mu.Lock()
	if m.done == nil {
		m.done = map[string]*memoEntry[T]{}
	}
	e, ok := m.done[key]
	if !ok {
		e = &memoEntry[T]{}
		m.done[key] = e
	}
	m.mu.Unlock()
	e.once.Do(func() { e.v, e.err = fn() })
	return e.v, e.err
}

// Peeker is a ReadService with a process cache that answers without a
// round trip when it holds a node (see store.Cached); loaders of the kinds
// it holds return such nodes at once, without batching.
type Peeker interface {
	Peek(ctx context.Context, kind workforce.Kind, id string) (any, bool)
	PeekRequirements(ctx context.Context, vacancyID string) ([]workforce.Requirement, bool)
}

// NewLoaders returns fresh loaders over rs; make one set per request, since
// loaders cache what they read.
func NewLoaders(rs workforce.ReadService) *Loaders {
	p, _ := rs.(Peeker)
	cached := func(kind workforce.Kind) func(context.Context, string) (any, bool) {
		if p == nil {
			return nil
		}
		return func(ctx context.Context, id string) (any, bool) { return p.Peek(ctx, kind, id) }
	}
	l := &Loaders{
		Skill:      nodeLoader(rs.Skills, func(n *workforce.Skill) string { return n.ID }),
		Occupation: nodeLoader(rs.Occupations, func(n *workforce.Occupation) string { return n.ID }),
		Sector:     nodeLoader(rs.Sectors, func(n *workforce.Sector) string { return n.ID }),
		Employer:   nodeLoader(rs.Employers, func(n *workforce.Employer) string { return n.ID }),
		Vacancy:    nodeLoader(rs.Vacancies, func(n *workforce.Vacancy) string { return n.ID }),
		Person:     nodeLoader(rs.People, func(n *workforce.Person) string { return n.ID }),
		Provider:   nodeLoader(rs.Providers, func(n *workforce.Provider) string { return n.ID }),
		Programme:  nodeLoader(rs.Programmes, func(n *workforce.Programme) string { return n.ID }),
		Place:      nodeLoader(rs.Places, func(n *workforce.Place) string { return n.ID }),

		PersonSkills:           edgeLoader(rs.PersonSkills),
		VacancyRequirements:    edgeLoader(rs.VacancyRequirements),
		OccupationRequirements: edgeLoader(rs.OccupationRequirements),
		SkillLinks:             edgeLoader(rs.SkillLinks),
		OccupationLinks:        edgeLoader(rs.OccupationLinks),
		OccupationSectors:      edgeLoader(rs.OccupationSectors),
		ProgrammeSkills:        edgeLoader(rs.ProgrammeSkills),
		ProgrammeOccupations:   edgeLoader(rs.ProgrammeOccupations),
		ProgrammeProgressions:  edgeLoader(rs.ProgrammeProgressions),
		ProgrammeCompletions:   edgeLoader(rs.ProgrammeCompletions),
	}
	l.Skill.peek = peekAs[*workforce.Skill](cached(workforce.KindSkill))
	l.Occupation.peek = peekAs[*workforce.Occupation](cached(workforce.KindOccupation))
	l.Sector.peek = peekAs[*workforce.Sector](cached(workforce.KindSector))
	l.Employer.peek = peekAs[*workforce.Employer](cached(workforce.KindEmployer))
	l.Vacancy.peek = peekAs[*workforce.Vacancy](cached(workforce.KindVacancy))
	l.Place.peek = peekAs[*workforce.Place](cached(workforce.KindPlace))
	if p != nil {
		l.VacancyRequirements.peek = p.PeekRequirements
	}
	return l
}

// peekAs types a cache's peek for a loader of V.
func peekAs[V any](peek func(context.Context, string) (any, bool)) func(context.Context, string) (V, bool) {
	if peek == nil {
		return nil
	}
	return func(ctx context.Context, id string) (V, bool) {
		v, ok := peek(ctx, id)
		if !ok {
			var zero V
			return zero, false
		}
		t, ok := v.(V)
		return t, ok
	}
}

// nodeLoader batches get-by-ids; an id not found loads as nil, not an error.
func nodeLoader[T any](get func(context.Context, []string) ([]*T, error), id func(*T) string) *Loader[*T] {
	return &Loader[*T]{fetch: func(ctx context.Context, keys []string) (map[string]*T, error) {
		nodes, err := get(ctx, keys)
		if err != nil {
			return nil, err
		}
		byID := make(map[string]*T, len(nodes))
		for _, n := range nodes {
			byID[id(n)] = n
		}
		return byID, nil
	}}
}

// edgeLoader batches an edge read; an id without links loads as the zero value.
func edgeLoader[T any](get func(context.Context, []string) (map[string]T, error)) *Loader[T] {
	return &Loader[T]{fetch: get}
}

// Loader batches the loads of one request by key, and keeps what it loaded
// for the rest of the request. It has no fixed wait: the first load of a
// batch lets the goroutines that gqlgen started for the same resolver level
// run, and dispatches as soon as the batch stops growing (tens of
// microseconds; at most maxGather on a machine too busy to run them), so a
// level of N loads costs one call. Keys held by the process cache cost no
// round trip at all.
type Loader[V any] struct {
	fetch func(ctx context.Context, keys []string) (map[string]V, error)
	// peek, if set, answers a key from the process cache without batching.
	peek func(ctx context.Context, key string) (V, bool)

	mu      sync.Mutex
	results map[string]*loaded[V]
	pending []string
	waiting []*loaded[V]
}

// loaded is the result of one key, ready when done is closed.
type loaded[V any] struct {
	done chan struct{}
	v    V
	err  error
}

// A batch is dispatched once it has stopped growing: for quietYields
// yields in a row (enough when the goroutines of a level run on idle
// processors), then for one quietSleep (for when a busy machine delays
// some of them); it never waits longer than maxGather.
const (
	quietYields = 3
	maxYields   = 64
	quietSleep  = 50 * time.Microsecond
	maxGather   = time.Millisecond
)

// Load returns the value of key, fetching it with others of its level.
func (l *Loader[V]) Load(ctx context.Context, key string) (V, error) {
	if l.peek != nil {
		if v, ok := l.peek(ctx, key); ok {
			return v, nil
		}
	}
	r, lead := l.enqueue([]string{key})
	if lead {
		l.dispatch(ctx)
	}
	<-r[0].done
	return r[0].v, r[0].err
}

// LoadAll returns the values of keys, in order.
func (l *Loader[V]) LoadAll(ctx context.Context, keys []string) ([]V, error) {
	if l.peek != nil {
		out := make([]V, len(keys))
		all := true
		for i, k := range keys {
			if out[i], all = l.peek(ctx, k); !all {
				break
			}
		}
		if all {
			return out, nil
		}
	}
	rs, lead := l.enqueue(keys)
	if lead {
		l.dispatch(ctx)
	}
	out := make([]V, len(keys))
	for i, r := range rs {
		<-r.done
		if r.err != nil {
			return nil, r.err
		}
		out[i] = r.v
	}
	return out, nil
}

// Prime stores a value for key unless one is loaded or loading.
func (l *Loader[V]) Prime(key string, v V) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.results == nil {
		l.results = map[string]*loaded[V]{}
	}
	if _, ok := l.results[key]; !ok {
		r := &loaded[V]{done: make(chan struct{}), v: v}
		close(r.done)
		l.results[key] = r
	}
}

// Clear forgets key, so that the next load reads it afresh.
func (l *Loader[V]) Clear(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if r, ok := l.results[key]; ok {
		select {
		case <-r.done:
			delete(l.results, key)
		default: // still loading: leave it to its batch
		}
	}
}

// enqueue returns the results of keys, adding the keys not yet loaded or
// loading to the pending batch; lead is true when this call started the
// batch and so must dispatch it.
func (l *Loader[V]) enqueue(keys []string) (rs []*loaded[V], lead bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.results == nil {
		l.results = map[string]*loaded[V]{}
	}
	rs = make([]*loaded[V], len(keys))
	for i, k := range keys {
		r, ok := l.results[k]
		if !ok {
			r = &loaded[V]{done: make(chan struct{})}
			l.results[k] = r
			if len(l.pending) == 0 {
				lead = true
			}
			l.pending = append(l.pending, k)
			l.waiting = append(l.waiting, r)
		}
		rs[i] = r
	}
	return rs, lead
}

// dispatch waits while the pending batch grows, then fetches it.
func (l *Loader[V]) dispatch(ctx context.Context) {
	start := time.Now()
	size := func() int {
		l.mu.Lock()
		defer l.mu.Unlock()
		return len(l.pending)
	}
	n, quiet := size(), 0
	for range maxYields {
		runtime.Gosched()
		if m := size(); m > n {
			n, quiet = m, 0
		} else if quiet++; quiet == quietYields {
			break
		}
	}
	for time.Since(start) < maxGather {
		time.Sleep(quietSleep)
		m := size()
		if m == n {
			break
		}
		n = m
	}
	l.mu.Lock()
	keys, waiting := l.pending, l.waiting
	l.pending, l.waiting = nil, nil
	l.mu.Unlock()
	m, err := l.fetch(ctx, keys)
	for i, r := range waiting {
		if err != nil {
			r.err = err
		} else {
			r.v = m[keys[i]]
		}
		close(r.done)
	}
}

type loadersKey struct{}

// WithLoaders returns middleware that gives each request its own Loaders.
func WithLoaders(rs workforce.ReadService, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), loadersKey{}, NewLoaders(rs))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// loadersFrom returns the request's loaders, or fresh ones when the request
// came in without them (as in-process calls may).
func (r *Resolver) loaders(ctx context.Context) *Loaders {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l
	}
	return NewLoaders(r.Read)
}
