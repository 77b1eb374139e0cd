package graph

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/onework/onework/workforce"
)

// loaderWait is how long a loader collects keys before it fetches them in
// one round trip.
const loaderWait = 5 * time.Millisecond

// Loaders batch the reads of one request so that a page of N nodes with
// their neighbours costs a fixed number of round trips, not N.
type Loaders struct {
	Skill      *dataloadgen.Loader[string, *workforce.Skill]
	Occupation *dataloadgen.Loader[string, *workforce.Occupation]
	Sector     *dataloadgen.Loader[string, *workforce.Sector]
	Employer   *dataloadgen.Loader[string, *workforce.Employer]
	Vacancy    *dataloadgen.Loader[string, *workforce.Vacancy]
	Person     *dataloadgen.Loader[string, *workforce.Person]
	Provider   *dataloadgen.Loader[string, *workforce.Provider]
	Programme  *dataloadgen.Loader[string, *workforce.Programme]
	Place      *dataloadgen.Loader[string, *workforce.Place]

	PersonSkills           *dataloadgen.Loader[string, []workforce.PersonSkill]
	VacancyRequirements    *dataloadgen.Loader[string, []workforce.Requirement]
	OccupationRequirements *dataloadgen.Loader[string, []workforce.Requirement]
	SkillLinks             *dataloadgen.Loader[string, workforce.Links]
	OccupationLinks        *dataloadgen.Loader[string, workforce.Links]
	OccupationSectors      *dataloadgen.Loader[string, []string]
	ProgrammeSkills        *dataloadgen.Loader[string, []string]
	ProgrammeOccupations   *dataloadgen.Loader[string, []string]
	ProgrammeProgressions  *dataloadgen.Loader[string, []workforce.Progression]
	ProgrammeCompletions   *dataloadgen.Loader[string, []workforce.Completion]

	feeders memo[*feeders]
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

// NewLoaders returns fresh loaders over rs; make one set per request, since
// loaders cache what they read.
func NewLoaders(rs workforce.ReadService) *Loaders {
	return &Loaders{
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
}

// nodeLoader batches get-by-ids; an id not found loads as nil, not an error.
func nodeLoader[T any](get func(context.Context, []string) ([]T, error), id func(T) string) *dataloadgen.Loader[string, T] {
	return dataloadgen.NewLoader(func(ctx context.Context, keys []string) ([]T, []error) {
		nodes, err := get(ctx, keys)
		if err != nil {
			return nil, fillErrors(len(keys), err)
		}
		byID := make(map[string]T, len(nodes))
		for _, n := range nodes {
			byID[id(n)] = n
		}
		out := make([]T, len(keys))
		for i, k := range keys {
			out[i] = byID[k]
		}
		return out, nil
	}, dataloadgen.WithWait(loaderWait))
}

// edgeLoader batches an edge read; an id without links loads as the zero value.
func edgeLoader[T any](get func(context.Context, []string) (map[string]T, error)) *dataloadgen.Loader[string, T] {
	return dataloadgen.NewLoader(func(ctx context.Context, keys []string) ([]T, []error) {
		m, err := get(ctx, keys)
		if err != nil {
			return nil, fillErrors(len(keys), err)
		}
		out := make([]T, len(keys))
		for i, k := range keys {
			out[i] = m[k]
		}
		return out, nil
	}, dataloadgen.WithWait(loaderWait))
}

func fillErrors(n int, err error) []error {
	errs := make([]error, n)
	for i := range errs {
		errs[i] = err
	}
	return errs
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
