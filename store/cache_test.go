package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

func TestCachedReads(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	w := newWorld(t, db)
	c := store.NewCached(db, store.CacheConfig{})

	get := func(ctx context.Context) *workforce.Skill {
		t.Helper()
		got, err := c.Skills(ctx, []string{w.care.ID, w.care.ID})
		if err != nil || len(got) != 1 {
			t.Fatalf("Skills(care, care) = %v, %v; want the skill once", got, err)
		}
		return got[0]
	}
	first := get(ctx)
	trips := db.RoundTrips()
	if again := get(ctx); again != first || db.RoundTrips() != trips {
		t.Errorf("second read cost %d round trips and gave %p, want 0 and the cached %p", db.RoundTrips()-trips, again, first)
	}

	// A write made past the cache is seen after Invalidate, at once by a
	// fresh read.
	changed := *w.care
	changed.Label = w.care.Label + " (changed)"
	mustWrite(t, "UpsertSkills")(db.UpsertSkills(ctx, []*workforce.Skill{&changed}))
	if got := get(workforce.WithFreshReads(ctx)); got.Label != changed.Label {
		t.Errorf("fresh read label = %q, want %q", got.Label, changed.Label)
	}
	c.Invalidate(workforce.KindSkill, []string{w.care.ID})
	if got := get(ctx); got.Label != changed.Label {
		t.Errorf("label after Invalidate = %q, want %q", got.Label, changed.Label)
	}

	// Pages read ids in index order and nodes through the cache, with the
	// same answer as the store alone, cursors included.
	f := workforce.VacancyFilter{EmployerID: w.nhs.ID}
	for _, p := range []workforce.Page{{First: 1}, {First: 10}} {
		want, err := db.FindVacancies(ctx, f, p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.FindVacancies(ctx, f, p)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("FindVacancies(first %d) through the cache (-want +got):\n%s", p.First, diff)
		}
		if p.First == 1 && want.HasNext {
			next, err := c.FindVacancies(ctx, f, workforce.Page{First: 10, After: got.Cursors[0]})
			if err != nil || len(next.Items) == 0 || next.Items[0].ID == got.Items[0].ID {
				t.Errorf("FindVacancies(after %q) = %v, %v; want the next vacancies", got.Cursors[0], next, err)
			}
		}
	}
	if _, err := c.FindVacancies(ctx, f, workforce.Page{First: 1, After: "not-a-cursor"}); workforce.ErrorCode(err) != workforce.EINVALID {
		t.Errorf("FindVacancies(bad cursor) error = %v, want EINVALID", err)
	}

	// Requirements: cached per vacancy, dropped with the vacancy.
	reqs, err := c.VacancyRequirements(ctx, []string{w.open.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.LinkVacancySkill(ctx, w.open.ID, workforce.Requirement{SkillID: w.lift.ID, Essential: true, Source: "adviser", Confidence: 1}); err != nil {
		t.Fatal(err)
	}
	c.Invalidate(workforce.KindVacancy, []string{w.open.ID})
	after, err := c.VacancyRequirements(ctx, []string{w.open.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(after[w.open.ID]) != len(reqs[w.open.ID])+1 {
		t.Errorf("requirements after a link and Invalidate = %v, want one more than %v", after[w.open.ID], reqs[w.open.ID])
	}
}

func TestCachedIsBounded(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	w := newWorld(t, db)
	c := store.NewCached(db, store.CacheConfig{MaxEntries: 2})
	ids := []string{w.care.ID, w.cook.ID, w.lift.ID}
	for range 2 {
		got, err := c.Skills(ctx, ids)
		if err != nil || len(got) != 3 {
			t.Fatalf("Skills(3 ids) = %v, %v; want 3 skills", got, err)
		}
	}
	if st := c.Stats(); st.Entries > 2 {
		t.Errorf("cache holds %d entries, want at most 2", st.Entries)
	}
	c.Clear()
	if st := c.Stats(); st.Entries != 0 {
		t.Errorf("cache holds %d entries after Clear, want 0", st.Entries)
	}
}

// TestCachedRefill: nodes a full read streamed are kept as a read through
// the cache keeps them, unless the kind was invalidated after the read
// began; vacancies, which refer to them, are dropped either way; and the
// wrong kind or type is refused, leaving the cache as it was.
func TestCachedRefill(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	w := newWorld(t, db)
	c := store.NewCached(db, store.CacheConfig{})
	ids := []string{w.care.ID, w.cook.ID, w.lift.ID}
	read := func() []*workforce.Skill {
		t.Helper()
		got, err := db.Skills(ctx, ids)
		if err != nil || len(got) != len(ids) {
			t.Fatalf("Skills = %v, %v", got, err)
		}
		return got
	}

	// A vacancy read before the refill is dropped by it.
	if _, err := c.Vacancies(ctx, []string{w.open.ID}); err != nil {
		t.Fatal(err)
	}
	epoch := c.Epoch()
	streamed := read()
	if !c.Refill(workforce.KindSkill, c.Generation(workforce.KindSkill), streamed) {
		t.Fatal("Refill(skills) = false")
	}
	if c.Epoch() == epoch {
		t.Error("the epoch did not change with a refill")
	}
	trips := db.RoundTrips()
	got, err := c.Skills(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if n := db.RoundTrips() - trips; n != 0 {
		t.Errorf("reading refilled skills cost %d round trips, want 0", n)
	}
	if diff := cmp.Diff(read(), got, cmpopts.SortSlices(func(a, b *workforce.Skill) bool { return a.ID < b.ID })); diff != "" {
		t.Errorf("refilled skills differ from the store's (-store +cache):\n%s", diff)
	}
	trips = db.RoundTrips()
	if _, err := c.Vacancies(ctx, []string{w.open.ID}); err != nil {
		t.Fatal(err)
	}
	if db.RoundTrips() == trips {
		t.Error("a vacancy cached before the refill was still cached after it")
	}

	// Invalidated after the read began: the streamed values may be old,
	// so they are dropped, not kept.
	gen := c.Generation(workforce.KindSkill)
	old := read()
	changed := *w.care
	changed.Label = w.care.Label + " (renamed)"
	mustWrite(t, "UpsertSkills")(db.UpsertSkills(ctx, []*workforce.Skill{&changed}))
	c.Invalidate(workforce.KindSkill, []string{w.care.ID})
	if _, err := c.Skills(ctx, []string{w.cook.ID}); err != nil { // cached again, then refilled stale
		t.Fatal(err)
	}
	if !c.Refill(workforce.KindSkill, gen, old) {
		t.Fatal("Refill(skills, stale) = false")
	}
	trips = db.RoundTrips()
	got, err = c.Skills(ctx, []string{w.care.ID, w.cook.ID})
	if err != nil || len(got) != 2 {
		t.Fatalf("Skills after a stale refill = %v, %v", got, err)
	}
	if db.RoundTrips() == trips {
		t.Error("a stale refill was kept: the read cost no round trip")
	}
	for _, s := range got {
		if s.ID == w.care.ID && s.Label != changed.Label {
			t.Errorf("label after a stale refill = %q, want %q", s.Label, changed.Label)
		}
	}

	// The wrong kind or type: refused, nothing changes.
	before := c.Stats().Entries
	epoch = c.Epoch()
	for _, bad := range []struct {
		kind  workforce.Kind
		nodes any
	}{
		{workforce.KindPlace, streamed},
		{workforce.KindVacancy, []*workforce.Vacancy{w.open}},
		{workforce.KindPerson, nil},
	} {
		if c.Refill(bad.kind, c.Generation(bad.kind), bad.nodes) {
			t.Errorf("Refill(%s, %T) = true, want false", bad.kind, bad.nodes)
		}
	}
	if c.Stats().Entries != before || c.Epoch() != epoch {
		t.Error("a refused refill changed the cache")
	}
}
