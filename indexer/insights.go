package indexer

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/onework/onework/insights"
	"github.com/onework/onework/workforce"
)

// Insights keeps an insights Engine over the latest Facts: built on first use, rebuilt
// in the background when the graph changed (by updatedAt, or when told of
// a change such as an erasure, which leaves no timestamp). Answers come
// from the last complete snapshot, so a rebuild never slows a query.
type Insights struct {
	Source insights.Source
	Logger *slog.Logger
	// Now is the clock of the engines built; a test seam.
	Now func() time.Time

	engine    atomic.Pointer[insights.Engine]
	dirty     atomic.Bool
	mu        sync.Mutex
	watermark time.Time

	// first is closed when the first build in flight ends (guarded by
	// firstMu); nil when none is in flight.
	firstMu  sync.Mutex
	first    chan struct{}
	firstErr error
}

// Engine returns the current engine. Before the first snapshot exists it
// starts building one (detached from ctx, so that a caller who gives up
// does not stop it) and waits for it as long as ctx allows; a caller who
// cannot wait gets ELIMIT, and a later call gets the snapshot.
func (l *Insights) Engine(ctx context.Context) (*insights.Engine, error) {
	if e := l.engine.Load(); e != nil {
		return e, nil
	}
	l.firstMu.Lock()
	done := l.first
	if done == nil {
		done = make(chan struct{})
		l.first = done
		go func() {
			err := l.build(context.Background(), false)
			l.firstMu.Lock()
			l.firstErr, l.first = err, nil
			l.firstMu.Unlock()
			close(done)
		}()
	}
	l.firstMu.Unlock()
	select {
	case <-done:
		if e := l.engine.Load(); e != nil {
			return e, nil
		}
		l.firstMu.Lock()
		defer l.firstMu.Unlock()
		return nil, l.firstErr
	case <-ctx.Done():
		return nil, workforce.Errorf(workforce.ELIMIT, "insights are still being computed from the graph; try again in a minute")
	}
}

// Build reads the Facts afresh and swaps in a new engine.
func (l *Insights) Build(ctx context.Context) error { return l.build(ctx, true) }

// build builds an engine; unless force, only when there is none yet.
func (l *Insights) build(ctx context.Context, force bool) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !force && l.engine.Load() != nil {
		return nil
	}
	start := time.Now()
	l.dirty.Store(false)
	f, err := insights.Load(ctx, l.Source)
	if err != nil {
		l.dirty.Store(true)
		return err
	}
	e := insights.New(f)
	e.Now = l.Now
	l.engine.Store(e)
	l.watermark = f.AsOf
	if l.Logger != nil {
		l.Logger.Info("insights built", "vacancies", len(f.Vacancies), "referrals", len(f.Referrals), "duration_ms", time.Since(start).Milliseconds())
	}
	return nil
}

// Changed marks the snapshot stale: the next Refresh rebuilds it.
func (l *Insights) Changed() { l.dirty.Store(true) }

// Refresh rebuilds the engine if the graph changed since the last build.
func (l *Insights) Refresh(ctx context.Context) error {
	if l.engine.Load() == nil {
		return l.Build(ctx)
	}
	l.mu.Lock()
	since := l.watermark.Add(-2 * time.Second)
	l.mu.Unlock()
	changed := l.dirty.Load()
	if !changed {
		var err error
		if changed, err = l.Source.ChangedSince(ctx, since); err != nil {
			return err
		}
	}
	if !changed {
		return nil
	}
	return l.Build(ctx)
}

// Run refreshes every interval until ctx ends, logging failures.
func (l *Insights) Run(ctx context.Context, interval time.Duration) {
	logger := l.Logger
	if logger == nil {
		logger = slog.Default()
	}
	every(ctx, interval, logger, "insights refresh", l.Refresh)
}
