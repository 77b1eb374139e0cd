package seed_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onework/onework/importer"
	"github.com/onework/onework/indexer"
	"github.com/onework/onework/matching"
	"github.com/onework/onework/seed"
	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

func TestRunBulkUsage(t *testing.T) {
	for _, args := range [][]string{{"synthetic", "--people", "10", "--bulk", ""}, {"synthetic", "--people", "10", "--neo4j", "x"},
		{"synthetic", "--people", "10", "--bulk", "d", "--writers", "2"}, {"synthetic", "--bulk", "d"}, {"synthetic", "--people", "10", "--bulk"}} {
		var ue *importer.UsageError
		if err := seed.Run(context.Background(), args, nil, &bytes.Buffer{}, time.Now); !errors.As(err, &ue) {
			t.Errorf("Run(%q) = %v, want a usage error", args, err)
		}
	}
}

// TestSyntheticBulkErrors: a directory that is not empty, and a database
// still running when the import needs it stopped, fail before anything in
// the database changes.
func TestSyntheticBulkErrors(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	if _, err := seed.Fixture(ctx, db); err != nil {
		t.Fatal(err)
	}
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	im := &importer.Importer{DB: db}
	if _, err := seed.SyntheticBulk(ctx, im, 5, demoToday, 10, 2, seed.BulkOptions{Dir: full}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("SyntheticBulk(non-empty dir) = %v, want an error saying so", err)
	}
	// A control command that does not stop the database.
	noop := filepath.Join(t.TempDir(), "neo4j")
	if err := os.WriteFile(noop, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	im.Out = &out
	_, err := seed.SyntheticBulk(ctx, im, 5, demoToday, 10, 2, seed.BulkOptions{Dir: filepath.Join(t.TempDir(), "files"), Control: noop})
	if err == nil || !strings.Contains(err.Error(), "still answers") || !strings.Contains(err.Error(), "database import full") {
		t.Errorf("SyntheticBulk(database left running) = %v, want an error saying it must be stopped, with the import command", err)
	}
	if people, _ := db.People(ctx, []string{seed.SyntheticPrefix(5) + "-person-0000000"}); len(people) != 0 {
		t.Errorf("the failed bulk load wrote people: %v", people)
	}
	// A control command that fails.
	if _, err := seed.SyntheticBulk(ctx, im, 5, demoToday, 10, 2, seed.BulkOptions{Dir: filepath.Join(t.TempDir(), "files"), Control: "/bin/false"}); err == nil || !strings.Contains(err.Error(), "/bin/false stop") {
		t.Errorf("SyntheticBulk(failing control) = %v, want an error naming the command", err)
	}
}

// TestSyntheticBulkSame loads the same synthetic data through the store and
// through the offline importer and finds the same people, employers,
// vacancies, skills and requirements, and the same match pages. The
// import replaces the database (keeping what was there), so it runs only
// when ONEWORK_BULK_NEO4J names the command that stops and starts the
// Neo4j of NEO4J_URI (e.g. tools/neo4j/neo4j.sh, with NEO4J_HOME_DIR and
// NEO4J_BOLT set). ONEWORK_BULK_PEOPLE sets the size (default 2000).
func TestSyntheticBulkSame(t *testing.T) {
	control := os.Getenv("ONEWORK_BULK_NEO4J")
	if control == "" {
		t.Skip("ONEWORK_BULK_NEO4J not set: skipping the offline import, which stops and replaces the database")
	}
	if !filepath.IsAbs(control) {
		if abs, err := filepath.Abs(filepath.Join("..", control)); err == nil {
			control = abs
		}
	}
	db := storetest.Open(t)
	ctx := context.Background()
	if _, err := seed.Fixture(ctx, db); err != nil {
		t.Fatal(err)
	}
	people, vacancies := 2000, 200
	if n := os.Getenv("ONEWORK_BULK_PEOPLE"); n != "" {
		if err := json.Unmarshal([]byte(n), &people); err != nil {
			t.Fatal(err)
		}
		vacancies = people / 10
	}
	s := 1_000_000 + rand.Uint64()%1_000_000_000
	prefix := seed.SyntheticPrefix(s) + "-"
	cleanup := db
	t.Cleanup(func() {
		if err := cleanup.BulkDeletePrefix(context.Background(), prefix); err != nil {
			t.Error(err)
		}
		if cleanup != db {
			_ = cleanup.Close(context.Background())
		}
	})
	im := &importer.Importer{DB: db, Out: io.Discard}
	normal, err := seed.Synthetic(ctx, im, s, demoToday, people, vacancies, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, db, prefix, people, vacancies)
	if err := db.BulkDeletePrefix(ctx, prefix); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	im.Out = &out
	bulk, err := seed.SyntheticBulk(ctx, im, s, demoToday, people, vacancies, seed.BulkOptions{Dir: filepath.Join(t.TempDir(), "import"), Control: control})
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, k := range []string{"people", "person skills", "employers", "vacancies", "vacancy requires"} {
		if a, b := *normal.Kind(k), *bulk.Kind(k); a.Created != b.Created || a.Missing != b.Missing {
			t.Errorf("%s: created %d, missing %d through the store; %d, %d through the importer", k, a.Created, a.Missing, b.Created, b.Missing)
		}
	}
	// The database was replaced: a new driver, without the old bookmarks.
	after, err := db.Reopen(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cleanup = after
	got := snapshot(t, after, prefix, people, vacancies)
	for k, w := range want {
		if g := got[k]; g != w {
			t.Errorf("%s differs:\nstore:    %.400s\nimporter: %.400s", k, w, g)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d entries through the importer, %d through the store", len(got), len(want))
	}
}

// snapshot reads the synthetic data back (without update times) and a few
// match pages, as JSON by name.
func snapshot(t *testing.T, db *store.DB, prefix string, people, vacancies int) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	put := func(key string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[key] = string(b)
	}
	var personIDs, vacancyIDs []string
	if err := db.StreamPeopleIn(ctx, time.Time{}, prefix, prefix+"~", func(p *workforce.Person, sk []workforce.PersonSkill) error {
		p.UpdatedAt = time.Time{}
		put("person "+p.ID, struct {
			P  *workforce.Person
			Sk []workforce.PersonSkill
		}{p, sk})
		personIDs = append(personIDs, p.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.StreamVacanciesIn(ctx, time.Time{}, prefix, prefix+"~", func(v *workforce.Vacancy, r []workforce.Requirement) error {
		v.UpdatedAt = time.Time{}
		put("vacancy "+v.ID, struct {
			V *workforce.Vacancy
			R []workforce.Requirement
		}{v, r})
		vacancyIDs = append(vacancyIDs, v.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(personIDs) != people || len(vacancyIDs) != vacancies {
		t.Fatalf("%d people and %d vacancies read back, want %d and %d", len(personIDs), len(vacancyIDs), people, vacancies)
	}
	var employerIDs []string
	for i := range vacancies/20 + 1 {
		employerIDs = append(employerIDs, prefix+"employer-"+pad5(i))
	}
	es, err := db.Employers(ctx, employerIDs)
	if err != nil || len(es) != len(employerIDs) {
		t.Fatalf("Employers = %d, %v; want %d", len(es), err, len(employerIDs))
	}
	for _, e := range es {
		e.UpdatedAt = time.Time{}
		put("employer "+e.ID, e)
	}
	engine, err := matching.New(matching.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ix := &indexer.Indexer{Source: db, Engine: engine, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := ix.Load(ctx); err != nil {
		t.Fatal(err)
	}
	for _, id := range vacancyIDs[:min(10, len(vacancyIDs))] {
		page, err := engine.CandidatesForVacancy(id, matching.Query{First: 20})
		if err != nil {
			t.Fatal(err)
		}
		put("candidates "+id, page)
	}
	for _, id := range personIDs[:min(10, len(personIDs))] {
		page, err := engine.VacanciesForPerson(id, matching.Query{First: 20})
		if err != nil {
			t.Fatal(err)
		}
		put("vacancies "+id, page)
	}
	return out
}

func pad5(i int) string {
	s := itoa(uint64(i))
	return strings.Repeat("0", max(0, 5-len(s))) + s
}
