package indexer_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/onework/onework/indexer"
	"github.com/onework/onework/matching"
	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// stalledSource is the real store with StreamPeople held until release,
// so that a refresh keeps the index busy for as long as the test wants.
type stalledSource struct {
	*store.DB
	once     sync.Once
	entered  chan struct{}
	released chan struct{}
}

func (s *stalledSource) StreamPeople(ctx context.Context, since time.Time, fn func(*workforce.Person, []workforce.PersonSkill) error) error {
	s.once.Do(func() { close(s.entered) })
	<-s.released
	return s.DB.StreamPeople(ctx, since, fn)
}

// TestWritesDoNotWaitForRefresh checks that a write made through the API
// is not held while the index refreshes (or loads), and that it is applied
// as soon as the refresh ends.
func TestWritesDoNotWaitForRefresh(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	src := &stalledSource{DB: db, entered: make(chan struct{}), released: make(chan struct{})}
	engine, err := matching.New(matching.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ix := &indexer.Indexer{Source: src, Engine: engine, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	person := &workforce.Person{ID: storetest.ID(t, "person"), OrgID: "org", Name: "Wren Waiting", ConsentMatching: true}
	if _, err := db.UpsertPeople(ctx, []*workforce.Person{person}); err != nil {
		t.Fatal(err)
	}
	if err := ix.MarkCurrent(ctx); err != nil {
		t.Fatal(err)
	}
	if err := ix.Changed(ctx, workforce.KindPerson, []string{person.ID}); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(engine.PersonIDs(), person.ID) {
		t.Fatal("the person written is not in the index")
	}

	refreshed := make(chan error, 1)
	go func() { refreshed <- ix.Refresh(ctx) }()
	<-src.entered
	if err := db.ErasePerson(ctx, person.ID); err != nil {
		t.Fatal(err)
	}
	changed := make(chan error, 1)
	go func() { changed <- ix.Changed(ctx, workforce.KindPerson, []string{person.ID}) }()
	select {
	case err := <-changed:
		if err != nil {
			t.Errorf("Changed during a refresh: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a write waited for the refresh in progress")
	}
	close(src.released)
	if err := <-refreshed; err != nil {
		t.Fatal(err)
	}
	if slices.Contains(engine.PersonIDs(), person.ID) {
		t.Error("the erasure queued during the refresh was not applied when it ended")
	}
}
