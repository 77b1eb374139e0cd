// Package indexer keeps the matching engine's in-memory index in step with
// the Neo4j graph, which stays the source of truth: it streams everything
// at start-up, applies each write made through this process's API as soon
// as it commits, and refreshes from Neo4j by change timestamps (and a
// periodic sweep of ids for deletions) for writes made elsewhere, such as
// imports and other API replicas.
package indexer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/onework/onework/matching"
	"github.com/onework/onework/workforce"
)

// Source streams the graph. Each Stream method calls fn for every node of
// its kind changed after since (the zero time means all), with the links
// the engine needs; IDs lists every id of a kind.
type Source interface {
	workforce.ReadService
	StreamSkills(ctx context.Context, since time.Time, fn func(*workforce.Skill, workforce.Links) error) error
	StreamPlaces(ctx context.Context, since time.Time, fn func(*workforce.Place) error) error
	StreamEmployers(ctx context.Context, since time.Time, fn func(*workforce.Employer) error) error
	StreamOccupations(ctx context.Context, since time.Time, fn func(*workforce.Occupation, []workforce.Requirement) error) error
	StreamVacancies(ctx context.Context, since time.Time, fn func(*workforce.Vacancy, []workforce.Requirement) error) error
	StreamPeople(ctx context.Context, since time.Time, fn func(*workforce.Person, []workforce.PersonSkill) error) error
	// StreamVacanciesIn and StreamPeopleIn stream the ids after after and
	// up to upTo ("" for no bound); IDSplits returns at most n-1 ids that
	// split a kind into n ranges of about the same size.
	StreamVacanciesIn(ctx context.Context, since time.Time, after, upTo string, fn func(*workforce.Vacancy, []workforce.Requirement) error) error
	StreamPeopleIn(ctx context.Context, since time.Time, after, upTo string, fn func(*workforce.Person, []workforce.PersonSkill) error) error
	IDSplits(ctx context.Context, kind workforce.Kind, n int) ([]string, error)
	IDs(ctx context.Context, kind workforce.Kind) ([]string, error)
	// Now returns the database's clock, so that watermarks never depend on
	// this process's clock.
	Now(ctx context.Context) (time.Time, error)
}

// loadStreams is how many streams read people, and vacancies, at once
// during a full load, each over its own range of ids: Neo4j reads and
// the decoding overlap, while rows go into the Builder one at a time.
const loadStreams = 4

// overlap is how far back each refresh looks past the last watermark, so
// that a transaction committing while a refresh runs is not missed.
// Re-applying a node is harmless.
const overlap = 10 * time.Second

// Cache is a process cache of nodes read through the API, which the
// indexer keeps current: it drops each node it sees change (through the
// API or, by change time, elsewhere) and clears everything on a sweep, so
// that deletions made elsewhere are not served for longer than a sweep.
type Cache interface {
	Invalidate(kind workforce.Kind, ids []string)
	Clear()
	// Generation and Refill let a full load leave the reference nodes it
	// read in the cache (see store.Cached.Refill): Refill is Invalidate
	// for nodes read whole after Generation was taken, and reports false
	// for a kind it does not keep.
	Generation(kind workforce.Kind) uint64
	Refill(kind workforce.Kind, gen uint64, nodes any) bool
}

// Indexer feeds a matching engine from a Source.
type Indexer struct {
	Source Source
	Engine *matching.Engine
	Logger *slog.Logger
	// Cache, if set, is kept current with the engine.
	Cache Cache
	// SweepEvery makes every n-th refresh also drop people and vacancies
	// deleted elsewhere; 0 means 10.
	SweepEvery int

	// mu serialises loads, refreshes and applied writes. A write never
	// waits for it: Changed queues its ids in pending, and whoever holds mu
	// applies the queue before letting go (see unlock).
	mu        sync.Mutex
	pendingMu sync.Mutex
	pending   []change
	watermark time.Time
	refreshes int
	loaded    atomic.Bool
	// pulledAt is when the last load or refresh finished, in Unix
	// nanoseconds of this process's clock, for the refresh lag metric.
	pulledAt atomic.Int64
}

// PulledAt is when the last load or refresh finished; zero before the first.
func (ix *Indexer) PulledAt() time.Time {
	if n := ix.pulledAt.Load(); n != 0 {
		return time.Unix(0, n)
	}
	return time.Time{}
}

// Ready reports whether the first load has finished.
func (ix *Indexer) Ready() bool { return ix.loaded.Load() }

// Load streams the whole graph into the engine, replacing what it held.
func (ix *Indexer) Load(ctx context.Context) error {
	ix.mu.Lock()
	defer ix.unlock(ctx)
	start := time.Now()
	// The whole graph goes through a Builder, which lays the index out for
	// fast scans, and then replaces the engine's index in one step.
	b := ix.Engine.NewBuilder()
	if err := ix.pull(ctx, time.Time{}, b); err != nil {
		return fmt.Errorf("load matching index: %w", err)
	}
	ix.Engine.Load(b)
	// Writes committed through the API during the load were queued; they
	// go into the new index before it is called ready.
	if err := ix.apply(context.WithoutCancel(ctx)); err != nil {
		ix.Logger.Warn("matching index: writes made during the load not applied; the next refresh will catch up", "err", err)
	}
	ix.loaded.Store(true)
	st := ix.Engine.Stats()
	ix.Logger.Info("matching index loaded", "people", st.People, "vacancies", st.Vacancies, "skills", st.Skills,
		"duration_ms", time.Since(start).Milliseconds())
	return nil
}

// MarkCurrent treats the engine as holding everything up to now without
// loading anything: the next Refresh looks only at later changes. It suits
// an engine fed entirely through Changed, as in tests.
func (ix *Indexer) MarkCurrent(ctx context.Context) error {
	ix.mu.Lock()
	defer ix.unlock(ctx)
	now, err := ix.Source.Now(ctx)
	if err != nil {
		return err
	}
	ix.watermark = now
	ix.loaded.Store(true)
	return nil
}

// pull streams every node changed after since into l, and moves the
// watermark to the database time at which it started.
func (ix *Indexer) pull(ctx context.Context, since time.Time, l matching.Loader) error {
	now, err := ix.Source.Now(ctx)
	if err != nil {
		return err
	}
	var changed []string
	seen := func(id string) { changed = append(changed, id) }
	// A full load keeps the reference nodes it reads, to refill the cache
	// with (a refresh reads only what changed, so it invalidates).
	refill := since.IsZero() && ix.Cache != nil
	var (
		skills      []*workforce.Skill
		places      []*workforce.Place
		employers   []*workforce.Employer
		occupations []*workforce.Occupation
	)
	// mu admits one row at a time into l, which the ranges of a full load
	// stream in parallel.
	var mu sync.Mutex
	steps := []struct {
		kind workforce.Kind
		run  func() error
		// read is what a full load read of the kind, whole; nil for the
		// kinds the cache does not keep.
		read func() any
	}{
		{workforce.KindSkill, func() error {
			return ix.Source.StreamSkills(ctx, since, func(s *workforce.Skill, ln workforce.Links) error {
				l.UpsertSkill(s, ln)
				seen(s.ID)
				kept(refill, &skills, s)
				return nil
			})
		}, func() any { return skills }},
		{workforce.KindPlace, func() error {
			return ix.Source.StreamPlaces(ctx, since, func(p *workforce.Place) error {
				l.UpsertPlace(p)
				seen(p.ID)
				kept(refill, &places, p)
				return nil
			})
		}, func() any { return places }},
		{workforce.KindEmployer, func() error {
			return ix.Source.StreamEmployers(ctx, since, func(e *workforce.Employer) error {
				l.UpsertEmployer(e)
				seen(e.ID)
				kept(refill, &employers, e)
				return nil
			})
		}, func() any { return employers }},
		{workforce.KindOccupation, func() error {
			return ix.Source.StreamOccupations(ctx, since, func(o *workforce.Occupation, r []workforce.Requirement) error {
				l.UpsertOccupation(o, r)
				seen(o.ID)
				kept(refill, &occupations, o)
				return nil
			})
		}, func() any { return occupations }},
		{workforce.KindVacancy, func() error {
			return ix.inRanges(ctx, since, workforce.KindVacancy, func(after, upTo string) error {
				return ix.Source.StreamVacanciesIn(ctx, since, after, upTo, func(v *workforce.Vacancy, r []workforce.Requirement) error {
					mu.Lock()
					defer mu.Unlock()
					l.UpsertVacancy(v, r)
					seen(v.ID)
					return nil
				})
			})
		}, nil},
		{workforce.KindPerson, func() error {
			return ix.inRanges(ctx, since, workforce.KindPerson, func(after, upTo string) error {
				return ix.Source.StreamPeopleIn(ctx, since, after, upTo, func(p *workforce.Person, s []workforce.PersonSkill) error {
					mu.Lock()
					defer mu.Unlock()
					l.UpsertPerson(p, s)
					return nil
				})
			})
		}, nil},
	}
	for _, step := range steps {
		changed = changed[:0]
		var gen uint64
		if ix.Cache != nil {
			gen = ix.Cache.Generation(step.kind)
		}
		if err := step.run(); err != nil {
			return err
		}
		if ix.Cache == nil || len(changed) == 0 {
			continue
		}
		if !refill || step.read == nil || !ix.Cache.Refill(step.kind, gen, step.read()) {
			ix.Cache.Invalidate(step.kind, changed)
		}
	}
	ix.watermark = now
	ix.pulledAt.Store(time.Now().UnixNano())
	return nil
}

// kept appends v to *into when a full load keeps what it reads for the
// cache.
func kept[T any](refill bool, into *[]T, v T) {
	if refill {
		*into = append(*into, v)
	}
}

// inRanges runs stream over every id of a kind: for a full load (since
// zero) over loadStreams ranges at once, otherwise in one pass. It returns
// the first error.
func (ix *Indexer) inRanges(ctx context.Context, since time.Time, kind workforce.Kind, stream func(after, upTo string) error) error {
	if !since.IsZero() {
		return stream("", "")
	}
	splits, err := ix.Source.IDSplits(ctx, kind, loadStreams)
	if err != nil {
		return err
	}
	errs := make([]error, len(splits)+1)
	var wg sync.WaitGroup
	after := ""
	for i := range len(splits) + 1 {
		upTo := ""
		if i < len(splits) {
			upTo = splits[i]
		}
		wg.Add(1)
		go func(i int, after, upTo string) {
			defer wg.Done()
			errs[i] = stream(after, upTo)
		}(i, after, upTo)
		after = upTo
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Refresh applies what changed in the graph since the last load or refresh,
// and every SweepEvery-th time drops people and vacancies that no longer
// exist.
func (ix *Indexer) Refresh(ctx context.Context) error {
	ix.mu.Lock()
	defer ix.unlock(ctx)
	if err := ix.pull(ctx, ix.watermark.Add(-overlap), ix.Engine); err != nil {
		return fmt.Errorf("refresh matching index: %w", err)
	}
	ix.refreshes++
	every := ix.SweepEvery
	if every <= 0 {
		every = 10
	}
	if ix.refreshes%every == 0 {
		return ix.sweep(ctx)
	}
	return nil
}

// sweep removes from the engine the people and vacancies missing from the
// graph.
func (ix *Indexer) sweep(ctx context.Context) error {
	if ix.Cache != nil {
		ix.Cache.Clear()
	}
	for _, k := range []struct {
		kind   workforce.Kind
		have   func() []string
		remove func(string)
	}{
		{workforce.KindPerson, ix.Engine.PersonIDs, ix.Engine.RemovePerson},
		{workforce.KindVacancy, ix.Engine.VacancyIDs, ix.Engine.RemoveVacancy},
	} {
		ids, err := ix.Source.IDs(ctx, k.kind)
		if err != nil {
			return fmt.Errorf("sweep %s: %w", k.kind, err)
		}
		live := make(map[string]struct{}, len(ids))
		for _, id := range ids {
			live[id] = struct{}{}
		}
		for _, id := range k.have() {
			if _, ok := live[id]; !ok {
				k.remove(id)
			}
		}
	}
	return nil
}

// Run refreshes every interval until ctx ends, logging failures. It never
// loads afresh: the engine keeps its own layout good under churn (see
// matching.Engine.Relay), and refreshes with their sweeps keep its
// contents in step with the graph.
func (ix *Indexer) Run(ctx context.Context, interval time.Duration) {
	every(ctx, interval, ix.Logger, "matching index refresh", ix.Refresh)
}

// every calls fn every interval until ctx ends, logging its failures.
func every(ctx context.Context, interval time.Duration, logger *slog.Logger, what string, fn func(context.Context) error) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := fn(ctx); err != nil && ctx.Err() == nil {
				logger.Warn(what+" failed", "err", err)
			}
		}
	}
}

// Changed applies a committed write made through the API before the
// mutation returns, so that the very next match sees it. It never waits
// for a load or refresh in progress: then the write is queued and applied
// as soon as that ends. Nodes of kinds the engine does not index are
// ignored.
func (ix *Indexer) Changed(ctx context.Context, kind workforce.Kind, ids []string) error {
	if ix.Cache != nil {
		ix.Cache.Invalidate(kind, ids)
	}
	switch kind {
	case workforce.KindPerson, workforce.KindVacancy, workforce.KindSkill, workforce.KindPlace, workforce.KindEmployer, workforce.KindOccupation:
	default:
		return nil
	}
	ix.pendingMu.Lock()
	ix.pending = append(ix.pending, change{kind: kind, ids: ids})
	ix.pendingMu.Unlock()
	if !ix.mu.TryLock() {
		return nil
	}
	err := ix.apply(context.WithoutCancel(ctx))
	ix.unlock(ctx)
	return err
}

// change is a write waiting to be applied.
type change struct {
	kind workforce.Kind
	ids  []string
}

// unlock applies the queued writes, then releases mu; a write queued after
// that is applied here too unless another holder of mu will apply it.
func (ix *Indexer) unlock(ctx context.Context) {
	for {
		if err := ix.apply(context.WithoutCancel(ctx)); err != nil {
			ix.Logger.Warn("matching index not updated; the next refresh will catch up", "err", err)
		}
		ix.mu.Unlock()
		ix.pendingMu.Lock()
		more := len(ix.pending) > 0
		ix.pendingMu.Unlock()
		if !more || !ix.mu.TryLock() {
			return
		}
	}
}

// apply applies the queued writes; the caller holds mu.
func (ix *Indexer) apply(ctx context.Context) error {
	ix.pendingMu.Lock()
	queue := ix.pending
	ix.pending = nil
	ix.pendingMu.Unlock()
	var errs []error
	for _, c := range queue {
		errs = append(errs, ix.applyChange(ctx, c.kind, c.ids))
	}
	return errors.Join(errs...)
}

// applyChange reloads the given nodes into the engine, and removes the
// people and vacancies among them that no longer exist.
func (ix *Indexer) applyChange(ctx context.Context, kind workforce.Kind, ids []string) error {
	found, err := ix.reload(ctx, kind, ids)
	if err != nil {
		return fmt.Errorf("update matching index: %w", err)
	}
	for _, id := range ids {
		if found[id] {
			continue
		}
		switch kind {
		case workforce.KindPerson:
			ix.Engine.RemovePerson(id)
		case workforce.KindVacancy:
			ix.Engine.RemoveVacancy(id)
		}
	}
	return nil
}

// reload reads the given nodes and their links afresh and applies them,
// reporting which ids exist.
func (ix *Indexer) reload(ctx context.Context, kind workforce.Kind, ids []string) (map[string]bool, error) {
	found := make(map[string]bool, len(ids))
	switch kind {
	case workforce.KindPerson:
		people, err := ix.Source.People(ctx, ids)
		if err != nil {
			return nil, err
		}
		skills, err := ix.Source.PersonSkills(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, p := range people {
			ix.Engine.UpsertPerson(p, skills[p.ID])
			found[p.ID] = true
		}
	case workforce.KindVacancy:
		vacancies, err := ix.Source.Vacancies(ctx, ids)
		if err != nil {
			return nil, err
		}
		reqs, err := ix.Source.VacancyRequirements(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, v := range vacancies {
			ix.Engine.UpsertVacancy(v, reqs[v.ID])
			found[v.ID] = true
		}
	case workforce.KindSkill:
		skills, err := ix.Source.Skills(ctx, ids)
		if err != nil {
			return nil, err
		}
		links, err := ix.Source.SkillLinks(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, s := range skills {
			ix.Engine.UpsertSkill(s, links[s.ID])
			found[s.ID] = true
		}
	case workforce.KindOccupation:
		occs, err := ix.Source.Occupations(ctx, ids)
		if err != nil {
			return nil, err
		}
		reqs, err := ix.Source.OccupationRequirements(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, o := range occs {
			ix.Engine.UpsertOccupation(o, reqs[o.ID])
			found[o.ID] = true
		}
	case workforce.KindPlace:
		places, err := ix.Source.Places(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, p := range places {
			ix.Engine.UpsertPlace(p)
			found[p.ID] = true
		}
	case workforce.KindEmployer:
		employers, err := ix.Source.Employers(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, e := range employers {
			ix.Engine.UpsertEmployer(e)
			found[e.ID] = true
		}
	}
	return found, nil
}
