package seed

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/onework/onework/importer"
	"github.com/onework/onework/store"
	"github.com/onework/onework/workforce"
)

// DefaultNeo4jControl is the command "seed synthetic --bulk" stops and
// starts the database with and runs neo4j-admin through: the development
// launcher, run from the repository's root.
const DefaultNeo4jControl = "tools/neo4j/neo4j.sh"

// BulkOptions says how "seed synthetic --bulk" loads the data set.
type BulkOptions struct {
	// Dir receives the import files; it must be empty or not exist.
	Dir string
	// Control stops and starts the database ("CONTROL stop", "CONTROL
	// start") and runs neo4j-admin ("CONTROL admin database import full
	// ..."). Empty: write the files and print the import command only.
	Control string
	// Database is the database the import replaces (default "neo4j").
	Database string
	// StartWait bounds the wait for the database after "CONTROL start"
	// (default two minutes).
	StartWait time.Duration
}

// SyntheticBulk makes the data set Synthetic makes with the same seed,
// through Neo4j's offline importer: it exports the graph in the database
// (the taxonomy, places and all else) and the new people, employers and
// vacancies into import files in opt.Dir, stops the database, imports the
// files over it, starts it again and creates the store's constraints and
// indexes. Nothing in the database changes before the files are complete.
func SyntheticBulk(ctx context.Context, im *importer.Importer, seed uint64, today time.Time, people, vacancies int, opt BulkOptions) (*importer.Summary, error) {
	out := im.Out
	if out == nil {
		out = io.Discard
	}
	fail := func(err error) error { return fmt.Errorf("seed synthetic --bulk: %w", err) }
	b, err := store.NewBulkImport(opt.Dir, time.Now(), SyntheticPrefix(seed)+"-")
	if err != nil {
		return nil, fail(err)
	}
	g, err := newGenerator(ctx, im.DB, seed, today, nil)
	if err != nil {
		return nil, fail(err)
	}
	start := time.Now()
	fmt.Fprintf(out, "export the graph into %s\n", opt.Dir)
	if err := im.DB.ExportGraph(ctx, b, func(what string, n int64) {
		fmt.Fprintf(out, "export: %d %s\n", n, what)
	}); err != nil {
		return nil, fail(err)
	}
	fmt.Fprintf(out, "export: %d nodes, %d relationships in %.1f s\n", b.Nodes, b.Relationships, time.Since(start).Seconds())
	s := importer.NewSummary()
	sink := &bulkSink{b: b, s: s}
	if err := g.draw(im, sink, SyntheticPrefix(seed), "synthetic-org", people, vacancies); err != nil {
		return s, fail(err)
	}
	args, err := b.Close()
	if err != nil {
		return s, fail(err)
	}
	database := opt.Database
	if database == "" {
		database = store.DefaultDatabase
	}
	// The database goes first: the file options take every argument after them.
	args = append([]string{"database", "import", "full", database, "--overwrite-destination"}, args...)
	fmt.Fprintf(out, "import files: %d nodes, %d relationships in %s (%.1f s)\n", b.Nodes, b.Relationships, opt.Dir, time.Since(start).Seconds())
	if opt.Control == "" {
		fmt.Fprintf(out, "with the database stopped, run:\n  neo4j-admin %s\nthen start it and run \"onework migrate\"\n", strings.Join(args, " "))
		return s, nil
	}
	if err := runControl(ctx, out, opt.Control, "stop"); err != nil {
		return s, fail(err)
	}
	if err := im.DB.Reachable(ctx); err == nil {
		return s, fail(fmt.Errorf("Neo4j still answers after %q: the offline import needs the database stopped; stop it and run: neo4j-admin %s",
			opt.Control+" stop", strings.Join(args, " ")))
	}
	t := time.Now()
	if err := runControl(ctx, out, opt.Control, append([]string{"admin"}, args...)...); err != nil {
		// neo4j-admin leaves a failed import's store unusable: starting on
		// it fails, so the database stays stopped.
		return s, fail(fmt.Errorf("the import failed and the database is left stopped, its store likely unusable "+
			"(neo4j-admin's report: %s): %w; fix the cause, then import the files again or restore a backup",
			filepath.Join(opt.Dir, "import.report"), err))
	}
	fmt.Fprintf(out, "import: done in %.1f s\n", time.Since(t).Seconds())
	if err := runControl(ctx, out, opt.Control, "start"); err != nil {
		return s, fail(err)
	}
	wait := opt.StartWait
	if wait == 0 {
		wait = 2 * time.Minute
	}
	deadline := time.Now().Add(wait)
	// A new driver: the old one's bookmarks name transactions of the
	// replaced database.
	db, err := im.DB.Reopen(ctx)
	for err != nil {
		if time.Now().After(deadline) {
			return s, fail(fmt.Errorf("the database did not answer within %s of %q: %w", wait, opt.Control+" start", err))
		}
		time.Sleep(time.Second)
		db, err = im.DB.Reopen(ctx)
	}
	defer db.Close(context.Background())
	t = time.Now()
	if err := db.Migrate(ctx); err != nil {
		return s, fail(err)
	}
	fmt.Fprintf(out, "constraints and indexes: online in %.1f s\n", time.Since(t).Seconds())
	fmt.Fprintln(out, "the database was replaced: restart the processes connected to it")
	return s, nil
}

// runControl runs the database control command with args, passing its
// output on.
func runControl(ctx context.Context, out io.Writer, control string, args ...string) error {
	cmd := exec.CommandContext(ctx, control, args...)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Env = os.Environ()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", control, args[0], err)
	}
	return nil
}

// bulkSink writes the synthetic data set into import files.
type bulkSink struct {
	b   *store.BulkImport
	s   *importer.Summary
	err error
}

func (k *bulkSink) people(ps []*workforce.Person, skills []store.BulkPersonSkill, progress *importer.Progress) {
	if k.err != nil {
		return
	}
	missing := k.b.Missing
	if k.err = k.b.People(ps, skills); k.err != nil {
		k.err = fmt.Errorf("write people: %w", k.err)
		return
	}
	k.count("people", len(ps), "person skills", len(skills), missing)
	progress.Add(len(ps))
}

func (k *bulkSink) employers(es []*workforce.Employer) error {
	if err := k.b.Employers(es); err != nil {
		return fmt.Errorf("write employers: %w", err)
	}
	k.s.Written("employers", len(es), workforce.WriteResult{Created: len(es)})
	return nil
}

func (k *bulkSink) vacancies(vs []*workforce.Vacancy, reqs []store.BulkRequirement, progress *importer.Progress) {
	if k.err != nil {
		return
	}
	missing := k.b.Missing
	if k.err = k.b.Vacancies(vs, reqs); k.err != nil {
		k.err = fmt.Errorf("write vacancies: %w", k.err)
		return
	}
	k.count("vacancies", len(vs), "vacancy requires", len(reqs), missing)
	progress.Add(len(vs))
}

// count counts a batch of n nodes with links, of which those beyond
// missingBefore were missing.
func (k *bulkSink) count(kind string, n int, linkKind string, links int, missingBefore int64) {
	k.s.Written(kind, n, workforce.WriteResult{Created: n})
	c := k.s.Kind(linkKind)
	missing := int(k.b.Missing - missingBefore)
	c.Created += links - missing
	c.Missing += missing
}

func (k *bulkSink) wait() error  { return k.err }
func (k *bulkSink) failed() bool { return k.err != nil }
