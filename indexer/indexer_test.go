package indexer_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/onework/onework/indexer"
	"github.com/onework/onework/matching"
	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// stalledSource is the real store with its person stream held until release,
// so that a refresh keeps the index busy for as long as the test wants.
type stalledSource struct {
	*store.DB
	once     sync.Once
	entered  chan struct{}
	released chan struct{}
}

func (s *stalledSource) StreamPeopleIn(ctx context.Context, since time.Time, after, upTo string, fn func(*workforce.Person, []workforce.PersonSkill) error) error {
	s.once.Do(func() { close(s.entered) })
	<-s.released
	return s.DB.StreamPeopleIn(ctx, since, after, upTo, fn)
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

// lateSource is the real store with its person stream held after it has read
// every person, so that a write can land after the load read past it.
type lateSource struct {
	*store.DB
	entered  chan struct{}
	released chan struct{}
}

func (s *lateSource) StreamPeopleIn(ctx context.Context, since time.Time, after, upTo string, fn func(*workforce.Person, []workforce.PersonSkill) error) error {
	err := s.DB.StreamPeopleIn(ctx, since, after, upTo, fn)
	close(s.entered)
	<-s.released
	return err
}

// IDSplits gives one range, so that the held stream is the only one.
func (s *lateSource) IDSplits(context.Context, workforce.Kind, int) ([]string, error) {
	return nil, nil
}

// TestWritesDuringLoadReachTheNewIndex: the index is not ready while it
// loads, a write committed after the load read past it does not wait, and
// the new index holds it once ready.
func TestWritesDuringLoadReachTheNewIndex(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	src := &lateSource{DB: db, entered: make(chan struct{}), released: make(chan struct{})}
	engine, err := matching.New(matching.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ix := &indexer.Indexer{Source: src, Engine: engine, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	loaded := make(chan error, 1)
	go func() { loaded <- ix.Load(ctx) }()
	<-src.entered
	if ix.Ready() {
		t.Fatal("ready before the load finished")
	}
	late := &workforce.Person{ID: storetest.ID(t, "person"), OrgID: "org", Name: "Lark Late", ConsentMatching: true}
	if _, err := db.UpsertPeople(ctx, []*workforce.Person{late}); err != nil {
		t.Fatal(err)
	}
	changed := make(chan error, 1)
	go func() { changed <- ix.Changed(ctx, workforce.KindPerson, []string{late.ID}) }()
	select {
	case err := <-changed:
		if err != nil {
			t.Errorf("Changed during the load: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a write waited for the load in progress")
	}
	close(src.released)
	if err := <-loaded; err != nil {
		t.Fatal(err)
	}
	if !ix.Ready() || !slices.Contains(engine.PersonIDs(), late.ID) {
		t.Errorf("after the load: ready %v, person written during it in the index %v; want both", ix.Ready(), slices.Contains(engine.PersonIDs(), late.ID))
	}
}

// TestLoadRefillsTheCache: after a full load, the reference nodes it read
// come from the cache with no round trip, exactly as the store reads them;
// a refresh reads only what changed, so it invalidates instead.
func TestLoadRefillsTheCache(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	skill := &workforce.Skill{ID: storetest.ID(t, "Skill"), Label: "use a hoist", AltLabels: []string{"hoisting"}, Description: "Moves people safely."}
	place := &workforce.Place{ID: storetest.ID(t, "Place"), Name: "Test ward", Kind: workforce.PlaceLSOA, IMDDecile: 2, Location: &workforce.Point{Lat: 50.8, Lon: -0.1}}
	employer := &workforce.Employer{ID: storetest.ID(t, "Employer"), Name: "Test care home", Kind: workforce.EmployerCareProvider}
	occupation := &workforce.Occupation{ID: storetest.ID(t, "Occupation"), Label: "care worker", Code: "5311.1"}
	for _, err := range []error{
		second(db.UpsertSkills(ctx, []*workforce.Skill{skill})),
		second(db.UpsertPlaces(ctx, []*workforce.Place{place})),
		second(db.UpsertEmployers(ctx, []*workforce.Employer{employer})),
		second(db.UpsertOccupations(ctx, []*workforce.Occupation{occupation})),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	engine, err := matching.New(matching.Config{})
	if err != nil {
		t.Fatal(err)
	}
	cache := store.NewCached(db, store.CacheConfig{})
	ix := &indexer.Indexer{Source: db, Engine: engine, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Cache: cache}
	if err := ix.Load(ctx); err != nil {
		t.Fatal(err)
	}
	check := func(what string, read func(workforce.ReadService) (any, error), wantTrips bool) {
		t.Helper()
		trips := db.RoundTrips()
		got, err := read(cache)
		if err != nil {
			t.Fatalf("%s through the cache: %v", what, err)
		}
		if n := db.RoundTrips() - trips; (n > 0) != wantTrips {
			t.Errorf("%s through the cache cost %d round trips, want some: %v", what, n, wantTrips)
		}
		want, err := read(db)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s through the cache differs from the store (-store +cache):\n%s", what, diff)
		}
	}
	reads := []struct {
		what string
		read func(workforce.ReadService) (any, error)
	}{
		{"skill", func(r workforce.ReadService) (any, error) { return r.Skills(ctx, []string{skill.ID}) }},
		{"place", func(r workforce.ReadService) (any, error) { return r.Places(ctx, []string{place.ID}) }},
		{"employer", func(r workforce.ReadService) (any, error) { return r.Employers(ctx, []string{employer.ID}) }},
		{"occupation", func(r workforce.ReadService) (any, error) { return r.Occupations(ctx, []string{occupation.ID}) }},
	}
	for _, r := range reads {
		check(r.what+" after a load", r.read, false)
	}

	// A change made past the API reaches the cache at the next refresh.
	renamed := *skill
	renamed.Label = "use a ceiling hoist"
	if _, err := db.UpsertSkills(ctx, []*workforce.Skill{&renamed}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	check("skill after a refresh", reads[0].read, true)
}

func second[T any](_ T, err error) error { return err }
