package indexer_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/onework/onework/indexer"
	"github.com/onework/onework/matching"
	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// TestRefreshKeepsTheCacheCurrent checks that a write made past this
// process (as an import or another replica makes it) reaches the read cache
// at the next refresh, and that a sweep clears the cache.
func TestRefreshKeepsTheCacheCurrent(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	skill := &workforce.Skill{ID: storetest.ID(t, "Skill"), Label: "use a hoist"}
	if _, err := db.UpsertSkills(ctx, []*workforce.Skill{skill}); err != nil {
		t.Fatal(err)
	}
	engine, err := matching.New(matching.Config{})
	if err != nil {
		t.Fatal(err)
	}
	cache := store.NewCached(db, store.CacheConfig{})
	ix := &indexer.Indexer{Source: db, Engine: engine, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Cache: cache, SweepEvery: 2}
	if err := ix.MarkCurrent(ctx); err != nil {
		t.Fatal(err)
	}
	label := func() string {
		t.Helper()
		got, err := cache.Skills(ctx, []string{skill.ID})
		if err != nil || len(got) != 1 {
			t.Fatalf("Skills(%s) = %v, %v", skill.ID, got, err)
		}
		return got[0].Label
	}
	if got := label(); got != skill.Label {
		t.Fatalf("label = %q, want %q", got, skill.Label)
	}
	changed := *skill
	changed.Label = "use a ceiling hoist"
	if _, err := db.UpsertSkills(ctx, []*workforce.Skill{&changed}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if got := label(); got != changed.Label {
		t.Errorf("label after a refresh = %q, want %q", got, changed.Label)
	}
	if err := ix.Refresh(ctx); err != nil { // the second refresh sweeps
		t.Fatal(err)
	}
	if st := cache.Stats(); st.Entries != 0 {
		t.Errorf("cache holds %d entries after a sweep, want 0", st.Entries)
	}
}
