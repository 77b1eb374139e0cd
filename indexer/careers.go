package indexer

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/onework/onework/careers"
	"github.com/onework/onework/textmatch"
	"github.com/onework/onework/workforce"
)

// TaxonomySource reads the occupation and skill graph.
type TaxonomySource interface {
	Taxonomy(ctx context.Context) (*workforce.Taxonomy, error)
	TaxonomyChangedSince(ctx context.Context, since time.Time) (bool, error)
	Now(ctx context.Context) (time.Time, error)
}

// Careers holds the career-moves engine, built from the graph's taxonomy
// and rebuilt when occupations, skills or sectors change.
type Careers struct {
	Source TaxonomySource
	Config careers.Config
	Logger *slog.Logger
	// Cache, if set, is cleared whenever the taxonomy changes, since the
	// taxonomy check tells that something changed, not what.
	Cache Cache
	// DataDir is the reference data folder careers.LoadExtras reads once,
	// at the first build: the closeness signals the graph does not hold.
	// Without it (or when it is missing) moves are ordered by skills and
	// groups alone, and a warning says so.
	DataDir string

	extrasOnce sync.Once
	extras     careers.Extras

	mu     sync.RWMutex
	engine *careers.Engine
	titles *textmatch.Matcher
	built  time.Time
}

// Titles returns the matcher of job titles to occupations, or nil before
// the first build.
func (c *Careers) Titles() *textmatch.Matcher {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.titles
}

// Engine returns the current engine, or nil before the first build.
func (c *Careers) Engine() *careers.Engine {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.engine
}

// Build builds the engine from the graph now.
func (c *Careers) Build(ctx context.Context) error {
	now, err := c.Source.Now(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	t, err := c.Source.Taxonomy(ctx)
	if err != nil {
		return fmt.Errorf("read taxonomy: %w", err)
	}
	// A change of sector is judged by Nesta's skills-based sectors alone:
	// other sectors, such as SOC groups, are far finer.
	sectors := map[string][]string{}
	for occ, ids := range t.OccupationSectors {
		for _, id := range ids {
			if careers.IsSkillsSector(id) {
				sectors[occ] = append(sectors[occ], id)
			}
		}
	}
	var skillsSectors []*workforce.Sector
	for _, s := range t.Sectors {
		if careers.IsSkillsSector(s.ID) {
			skillsSectors = append(skillsSectors, s)
		}
	}
	c.extrasOnce.Do(func() {
		if c.DataDir == "" {
			return
		}
		x, err := careers.LoadExtras(c.DataDir)
		if err != nil {
			c.Logger.Warn("career moves: closeness data missing, ordering by skills and groups alone", "error", err.Error())
			return
		}
		c.extras = x
	})
	if len(t.Skills) > 0 && len(t.SkillGroups) == 0 {
		// A graph imported before skill groups were: moves lose the
		// credit through them until ESCO is imported again.
		c.Logger.Warn("career moves: the graph holds no ESCO skill groups; run \"onework import esco\" again to add them")
	}
	e, err := careers.New(careers.Data{
		Occupations: t.Occupations, Requirements: t.Requirements, Skills: t.Skills,
		SkillLinks: t.SkillLinks, SkillGroups: t.SkillGroups, OccupationSectors: sectors, Sectors: skillsSectors,
		OccupationBroader: c.extras.OccupationBroader, Profiles: c.extras.Profiles, EntryRoutes: c.extras.EntryRoutes, Pay: c.extras.Pay,
	}, c.Config)
	if err != nil {
		return fmt.Errorf("build career moves: %w", err)
	}
	titles := textmatch.New(t.Occupations, t.Skills)
	c.mu.Lock()
	c.engine, c.titles, c.built = e, titles, now
	c.mu.Unlock()
	c.Logger.Info("career moves ready", "occupations", len(t.Occupations), "skills", len(t.Skills),
		"duration_ms", time.Since(start).Milliseconds())
	return nil
}

// Refresh rebuilds the engine if the taxonomy changed since the last build.
func (c *Careers) Refresh(ctx context.Context) error {
	c.mu.RLock()
	since := c.built
	c.mu.RUnlock()
	changed, err := c.Source.TaxonomyChangedSince(ctx, since.Add(-overlap))
	if err != nil || !changed {
		return err
	}
	if c.Cache != nil {
		c.Cache.Clear()
	}
	return c.Build(ctx)
}

// Run refreshes every interval until ctx ends, logging failures.
func (c *Careers) Run(ctx context.Context, interval time.Duration) {
	every(ctx, interval, c.Logger, "career moves refresh", c.Refresh)
}
