package store

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/onework/onework/workforce"
)

// DefaultCacheEntries bounds each kind's part of a Cached reader when
// CacheConfig.MaxEntries is 0.
const DefaultCacheEntries = 50_000

// CacheConfig bounds a Cached reader.
type CacheConfig struct {
	// MaxEntries is the most nodes (or link lists) one kind keeps; past it,
	// arbitrary entries make room. 0 means DefaultCacheEntries.
	MaxEntries int
}

// Cached is a DB whose reads of read-mostly data (skills, occupations,
// sectors, places, employers, vacancies and the requirements of
// vacancies) go through a bounded process cache; every other method is the
// DB's own.
//
// Invariants:
//   - An entry is dropped (Invalidate) after every committed write of its
//     node made through this process, before the write returns: a read after
//     a write on the same replica never sees the old value.
//   - Writes made elsewhere (other replicas, imports) are dropped when the
//     indexer's refresh sees them by change time (updatedAt), and the whole
//     cache is cleared on its periodic sweep, which also catches deletions.
//   - A read that began before an invalidation never stores what it read
//     (each kind counts its invalidations).
//   - A context marked with workforce.WithFreshReads reads past the cache.
//   - Callers must not change what the cache returns: values are shared.
type Cached struct {
	*DB
	skills       *kindCache[*workforce.Skill]
	occupations  *kindCache[*workforce.Occupation]
	sectors      *kindCache[*workforce.Sector]
	places       *kindCache[*workforce.Place]
	employers    *kindCache[*workforce.Employer]
	vacancies    *kindCache[*workforce.Vacancy]
	requirements *kindCache[[]workforce.Requirement]
	// epoch counts the invalidations of every kind (see Epoch).
	epoch atomic.Uint64
}

var _ workforce.ReadService = (*Cached)(nil)

// NewCached returns a cached reader over db.
func NewCached(db *DB, cfg CacheConfig) *Cached {
	n := cfg.MaxEntries
	if n <= 0 {
		n = DefaultCacheEntries
	}
	return &Cached{
		DB:           db,
		skills:       newKindCache[*workforce.Skill](n),
		occupations:  newKindCache[*workforce.Occupation](n),
		sectors:      newKindCache[*workforce.Sector](n),
		places:       newKindCache[*workforce.Place](n),
		employers:    newKindCache[*workforce.Employer](n),
		vacancies:    newKindCache[*workforce.Vacancy](n),
		requirements: newKindCache[[]workforce.Requirement](n),
	}
}

// Invalidate drops the cached nodes of a kind with the given ids. A change
// to a node that vacancies refer to (an employer, occupation, place or
// skill, which may have been deleted) drops every cached vacancy and
// requirement list too; such writes are rare.
func (c *Cached) Invalidate(kind workforce.Kind, ids []string) {
	switch kind {
	case workforce.KindVacancy:
		c.vacancies.invalidate(ids)
		c.requirements.invalidate(ids)
		c.epoch.Add(1)
		return
	case workforce.KindSkill:
		c.skills.invalidate(ids)
	case workforce.KindOccupation:
		c.occupations.invalidate(ids)
	case workforce.KindSector:
		c.sectors.invalidate(ids)
	case workforce.KindPlace:
		c.places.invalidate(ids)
	case workforce.KindEmployer:
		c.employers.invalidate(ids)
	default:
		return
	}
	c.dropReferrers()
}

// dropReferrers drops every cached vacancy and requirement list, which
// refer to skills, occupations, places and employers, after a change to
// one of those, and counts the invalidation.
func (c *Cached) dropReferrers() {
	c.vacancies.clear()
	c.requirements.clear()
	c.epoch.Add(1)
}

// Generation marks how often the cached nodes of a kind have been
// invalidated so far, for Refill; 0 for a kind the cache does not hold.
func (c *Cached) Generation(kind workforce.Kind) uint64 {
	switch kind {
	case workforce.KindSkill:
		return c.skills.generation()
	case workforce.KindOccupation:
		return c.occupations.generation()
	case workforce.KindPlace:
		return c.places.generation()
	case workforce.KindEmployer:
		return c.employers.generation()
	}
	return 0
}

// Refill is Invalidate for the nodes of a kind that a full read of it (the
// indexer's load) has just streamed from Neo4j, having taken gen
// (Generation) before it began: it keeps them in the cache as a read
// through it would, so that the first pages after a load read no
// reference data from Neo4j. Nodes are []*workforce.Skill,
// []*workforce.Occupation, []*workforce.Place or []*workforce.Employer,
// decoded as the cache's own reads decode them. When anything invalidated
// the kind after gen, the nodes are dropped instead, as Invalidate would
// drop them. It reports false, and does nothing, for any other kind or
// type: the caller should then Invalidate.
func (c *Cached) Refill(kind workforce.Kind, gen uint64, nodes any) bool {
	switch ns := nodes.(type) {
	case []*workforce.Skill:
		if kind != workforce.KindSkill {
			return false
		}
		refill(c.skills, gen, ns, skills.id)
	case []*workforce.Occupation:
		if kind != workforce.KindOccupation {
			return false
		}
		refill(c.occupations, gen, ns, occupations.id)
	case []*workforce.Place:
		if kind != workforce.KindPlace {
			return false
		}
		refill(c.places, gen, ns, places.id)
	case []*workforce.Employer:
		if kind != workforce.KindEmployer {
			return false
		}
		refill(c.employers, gen, ns, employers.id)
	default:
		return false
	}
	c.dropReferrers()
	return true
}

// refill keeps nodes read at generation gen in place of what k holds under
// their ids, or drops those ids when k has been invalidated since; either
// way it counts as an invalidation, so that a read that began before it
// does not store what it read.
func refill[T any](k *kindCache[*T], gen uint64, nodes []*T, id func(*T) string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	stale := k.gen != gen
	k.gen++
	for _, n := range nodes {
		key := id(n)
		if _, held := k.m[key]; stale || (!held && len(k.m) >= k.max) {
			delete(k.m, key)
			continue
		}
		k.m[key] = n
	}
	k.entries.Store(int64(len(k.m)))
}

// Clear drops everything.
func (c *Cached) Clear() {
	c.skills.clear()
	c.occupations.clear()
	c.sectors.clear()
	c.places.clear()
	c.employers.clear()
	c.vacancies.clear()
	c.requirements.clear()
	c.epoch.Add(1)
}

// Epoch counts the invalidations of the cached kinds so far: it changes,
// after the entries are dropped, whenever Invalidate or Clear drops
// anything. What was read from the cached kinds (and from the pages of
// vacancies, whose every change invalidates the vacancy) while the epoch
// stayed the same is still current by the cache's own rules.
func (c *Cached) Epoch() uint64 { return c.epoch.Load() }

// CacheStats counts what a Cached reader holds and how it was used.
type CacheStats struct {
	Entries, Hits, Misses int64
}

// Stats returns the cache's counters, summed over kinds.
func (c *Cached) Stats() CacheStats {
	var s CacheStats
	for _, k := range []interface{ stats() CacheStats }{c.skills, c.occupations, c.sectors, c.places, c.employers, c.vacancies, c.requirements} {
		ks := k.stats()
		s.Entries += ks.Entries
		s.Hits += ks.Hits
		s.Misses += ks.Misses
	}
	return s
}

// Peek returns the cached node of a kind with the given id, without
// reading Neo4j: a *workforce.Skill for KindSkill, and so on. It returns
// false when the node is not cached, the kind is not cached, or ctx asks
// for fresh reads.
func (c *Cached) Peek(ctx context.Context, kind workforce.Kind, id string) (any, bool) {
	if workforce.FreshReads(ctx) {
		return nil, false
	}
	switch kind {
	case workforce.KindSkill:
		return peek(c.skills, id)
	case workforce.KindOccupation:
		return peek(c.occupations, id)
	case workforce.KindSector:
		return peek(c.sectors, id)
	case workforce.KindPlace:
		return peek(c.places, id)
	case workforce.KindEmployer:
		return peek(c.employers, id)
	case workforce.KindVacancy:
		return peek(c.vacancies, id)
	}
	return nil, false
}

// PeekRequirements returns the cached requirements of a vacancy, without
// reading Neo4j; false as Peek.
func (c *Cached) PeekRequirements(ctx context.Context, vacancyID string) ([]workforce.Requirement, bool) {
	if workforce.FreshReads(ctx) {
		return nil, false
	}
	return c.requirements.get(vacancyID)
}

func peek[V any](c *kindCache[V], id string) (any, bool) {
	v, ok := c.get(id)
	return v, ok
}

// Skills implements workforce.ReadService through the cache.
func (c *Cached) Skills(ctx context.Context, ids []string) ([]*workforce.Skill, error) {
	return cachedNodes(ctx, c.skills, ids, skills.id, c.DB.Skills, true)
}

// Occupations implements workforce.ReadService through the cache.
func (c *Cached) Occupations(ctx context.Context, ids []string) ([]*workforce.Occupation, error) {
	return cachedNodes(ctx, c.occupations, ids, occupations.id, c.DB.Occupations, true)
}

// Sectors implements workforce.ReadService through the cache.
func (c *Cached) Sectors(ctx context.Context, ids []string) ([]*workforce.Sector, error) {
	return cachedNodes(ctx, c.sectors, ids, sectors.id, c.DB.Sectors, true)
}

// Places implements workforce.ReadService through the cache.
func (c *Cached) Places(ctx context.Context, ids []string) ([]*workforce.Place, error) {
	return cachedNodes(ctx, c.places, ids, places.id, c.DB.Places, true)
}

// Employers implements workforce.ReadService through the cache.
func (c *Cached) Employers(ctx context.Context, ids []string) ([]*workforce.Employer, error) {
	return cachedNodes(ctx, c.employers, ids, employers.id, c.DB.Employers, true)
}

// Vacancies implements workforce.ReadService through the cache.
func (c *Cached) Vacancies(ctx context.Context, ids []string) ([]*workforce.Vacancy, error) {
	return cachedNodes(ctx, c.vacancies, ids, vacancies.id, c.DB.Vacancies, true)
}

// VacanciesFields implements workforce.ReadService through the cache:
// vacancies it holds come back whole, the rest are read with the named
// fields and, being partial, are not kept.
func (c *Cached) VacanciesFields(ctx context.Context, ids, fields []string) ([]*workforce.Vacancy, error) {
	if _, err := fieldsQuery(vacancies, fields); err != nil {
		return nil, err
	}
	return cachedNodes(ctx, c.vacancies, ids, vacancies.id, func(ctx context.Context, miss []string) ([]*workforce.Vacancy, error) {
		return c.DB.VacanciesFields(ctx, miss, fields)
	}, false)
}

// FindVacancies reads the page's ids from Neo4j (in index order) and the
// vacancies through the cache.
func (c *Cached) FindVacancies(ctx context.Context, f workforce.VacancyFilter, p workforce.Page) (*workforce.Slice[*workforce.Vacancy], error) {
	if workforce.FreshReads(ctx) {
		return c.DB.FindVacancies(ctx, f, p)
	}
	return findThrough(ctx, c.DB, vacancies, vacancyQuery(f), p, c.Vacancies)
}

// FindEmployers reads the page's ids from Neo4j and the employers through
// the cache.
func (c *Cached) FindEmployers(ctx context.Context, f workforce.EmployerFilter, p workforce.Page) (*workforce.Slice[*workforce.Employer], error) {
	if workforce.FreshReads(ctx) {
		return c.DB.FindEmployers(ctx, f, p)
	}
	return findThrough(ctx, c.DB, employers, employerQuery(f), p, c.Employers)
}

// VacancyRequirements implements workforce.ReadService through the cache;
// a vacancy without requirements is cached as such.
func (c *Cached) VacancyRequirements(ctx context.Context, ids []string) (map[string][]workforce.Requirement, error) {
	if workforce.FreshReads(ctx) {
		return c.DB.VacancyRequirements(ctx, ids)
	}
	out := make(map[string][]workforce.Requirement, len(ids))
	var miss []string
	for _, id := range ids {
		if reqs, ok := c.requirements.get(id); ok {
			if len(reqs) > 0 {
				out[id] = reqs
			}
		} else {
			miss = append(miss, id)
		}
	}
	if len(miss) == 0 {
		return out, nil
	}
	gen := c.requirements.generation()
	got, err := c.DB.VacancyRequirements(ctx, miss)
	if err != nil {
		return nil, err
	}
	fill := make(map[string][]workforce.Requirement, len(miss))
	for _, id := range miss {
		fill[id] = got[id]
		if len(got[id]) > 0 {
			out[id] = got[id]
		}
	}
	c.requirements.put(gen, fill)
	return out, nil
}

// cachedNodes returns the nodes with the given ids from the cache, reading
// the ones it lacks in one round trip, and keeping them when keep is set.
func cachedNodes[T any](ctx context.Context, c *kindCache[*T], ids []string, id func(*T) string,
	get func(context.Context, []string) ([]*T, error), keep bool) ([]*T, error) {
	if workforce.FreshReads(ctx) {
		return get(ctx, ids)
	}
	out := make([]*T, 0, len(ids))
	var miss []string
	seen := make(map[string]struct{}, len(ids))
	for _, k := range ids {
		if _, dup := seen[k]; dup {
			continue
		}
		seen[k] = struct{}{}
		if n, ok := c.get(k); ok {
			out = append(out, n)
		} else {
			miss = append(miss, k)
		}
	}
	if len(miss) == 0 {
		return out, nil
	}
	gen := c.generation()
	got, err := get(ctx, miss)
	if err != nil {
		return nil, err
	}
	if !keep {
		return append(out, got...), nil
	}
	fill := make(map[string]*T, len(got))
	for _, n := range got {
		fill[id(n)] = n
	}
	c.put(gen, fill)
	return append(out, got...), nil
}

// kindCache is one kind's part of the cache: a bounded map and a count of
// invalidations, which keeps reads that raced a write from storing what
// they read.
type kindCache[V any] struct {
	mu      sync.RWMutex
	m       map[string]V
	gen     uint64
	max     int
	hits    atomic.Int64
	misses  atomic.Int64
	entries atomic.Int64
}

func newKindCache[V any](max int) *kindCache[V] {
	return &kindCache[V]{m: make(map[string]V), max: max}
}

func (c *kindCache[V]) get(id string) (V, bool) {
	c.mu.RLock()
	v, ok := c.m[id]
	c.mu.RUnlock()
	if ok {
		c.hits.Add(1)
	} else {
		c.misses.Add(1)
	}
	return v, ok
}

// generation returns the count of invalidations, to pass to put.
func (c *kindCache[V]) generation() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.gen
}

// put keeps items read when the cache was at generation gen, unless it has
// been invalidated since. Past the bound, arbitrary entries make room.
func (c *kindCache[V]) put(gen uint64, items map[string]V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	for over := len(c.m) + len(items) - c.max; over > 0; over-- {
		for k := range c.m {
			delete(c.m, k)
			break
		}
	}
	for k, v := range items {
		if len(c.m) >= c.max {
			break
		}
		c.m[k] = v
	}
	c.entries.Store(int64(len(c.m)))
}

func (c *kindCache[V]) invalidate(ids []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for _, id := range ids {
		delete(c.m, id)
	}
	c.entries.Store(int64(len(c.m)))
}

func (c *kindCache[V]) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.m)
	c.entries.Store(0)
}

func (c *kindCache[V]) stats() CacheStats {
	return CacheStats{Entries: c.entries.Load(), Hits: c.hits.Load(), Misses: c.misses.Load()}
}
