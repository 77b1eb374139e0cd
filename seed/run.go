package seed

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/onework/onework/importer"
	"github.com/onework/onework/store"
)

// DefaultArea is the area "seed demo" builds: NHS Gloucestershire ICB.
const DefaultArea = "E54000043"

// DefaultDataDir is where "seed demo" looks for the reference data.
const DefaultDataDir = "../shared/data"

// MaxSynthetic is the most people, and the most vacancies, "seed
// synthetic" makes: ten times the largest data set the targets name.
const MaxSynthetic = 10_000_000

// DefaultWriters is how many batches "seed synthetic" writes at once.
const DefaultWriters = 1

// DefaultPeople is how many synthetic people "seed demo" makes.
const DefaultPeople = 800

// Usage describes the seed commands.
const Usage = `usage:
  onework seed fixture                  the small built-in demo data set
  onework seed demo [--area CODE] [--seed N] [--data DIR] [--people N] [--today YYYY-MM-DD]
                                        one area from the reference data (default NHS Gloucestershire ICB,
                                        E54000043; data from ../shared/data) on a clock (default today):
                                        the real NHS adverts moved onto it, plus synthetic people,
                                        employers, providers and programmes (default 800 people)
  onework seed synthetic --people N --vacancies M [--seed S] [--today YYYY-MM-DD] [--writers W]
                                        synthetic people and vacancies across England
                                        (import esco and places first), at most 10 million of each,
                                        written in W parallel sessions (default 1)
  onework seed synthetic --people N --vacancies M [--seed S] [--today YYYY-MM-DD] --bulk DIR [--neo4j CMD]
                                        the same data through Neo4j's offline importer, for millions:
                                        exports the graph and writes the new nodes as import files into
                                        DIR (new or empty), then "CMD stop", "CMD admin database import
                                        full ...", "CMD start" and the store's constraints and indexes
                                        (default CMD tools/neo4j/neo4j.sh; --neo4j "" writes the files
                                        and prints the import command only); the import replaces the database
  onework seed remove --seed S          delete the synthetic data made with seed S
flags:
  --batch N                             rows per write transaction (default 2000)`

// Run carries out one seed command ("fixture", "demo", "synthetic" or
// "remove"; a leading "seed" is allowed), writing to db and reporting to
// out. now is the clock "--today" defaults to. It returns an
// *importer.UsageError for a bad command line, and ErrHelp (after printing
// the usage) for --help, before it touches db.
func Run(ctx context.Context, args []string, db *store.DB, out io.Writer, now func() time.Time) error {
	if len(args) > 0 && args[0] == "seed" {
		args = args[1:]
	}
	if WantsHelp(args) {
		fmt.Fprintln(out, Usage)
		return flag.ErrHelp
	}
	usage := func(format string, a ...any) error {
		return &importer.UsageError{Msg: fmt.Sprintf(format, a...), Usage: Usage}
	}
	if len(args) == 0 {
		return usage("seed: missing what to seed (fixture, demo or synthetic)")
	}
	im := &importer.Importer{DB: db, Out: out}
	fs := flag.NewFlagSet("seed "+args[0], flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.IntVar(&im.BatchSize, "batch", importer.DefaultBatchSize, "rows per write transaction")
	seed := fs.Uint64("seed", 1, "random seed")
	today := fs.String("today", "", "the demo's clock, YYYY-MM-DD (default today)")
	clock := func() (time.Time, error) {
		if *today == "" {
			return day(now()), nil
		}
		t, err := time.Parse(time.DateOnly, *today)
		if err != nil {
			return t, usage("seed %s: --today wants a date such as 2026-12-01, got %q", args[0], *today)
		}
		return t, nil
	}
	switch args[0] {
	case "fixture":
		if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 {
			return usage("seed fixture: takes no arguments")
		}
		r, err := Fixture(ctx, db)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "fixture: %d nodes created, %d updated\n", r.Created, r.Updated)
		return nil
	case "demo":
		area := fs.String("area", DefaultArea, "ONS code of the area (ICB, local authority or region)")
		data := fs.String("data", DefaultDataDir, "reference data folder")
		people := fs.Int("people", DefaultPeople, "synthetic people")
		if err := fs.Parse(args[1:]); err != nil {
			return usage("seed demo: %v", err)
		} else if fs.NArg() > 0 {
			return usage("seed demo: unexpected argument %q", fs.Arg(0))
		}
		t, err := clock()
		if err != nil {
			return err
		}
		s, err := Demo(ctx, im, DemoOptions{Area: *area, DataDir: *data, Seed: *seed, People: *people, Today: t})
		return report(s, err, out, "seed")
	case "synthetic":
		people := fs.Int("people", 0, "synthetic people")
		vacancies := fs.Int("vacancies", 0, "synthetic vacancies")
		writers := fs.Int("writers", DefaultWriters, "batches written at once")
		bulk := fs.String("bulk", "", "write import files into this directory and load them with neo4j-admin")
		control := fs.String("neo4j", DefaultNeo4jControl, "the command that stops and starts Neo4j and runs neo4j-admin")
		set := map[string]bool{}
		if err := fs.Parse(args[1:]); err != nil {
			return usage("seed synthetic: %v", err)
		} else if fs.Visit(func(f *flag.Flag) { set[f.Name] = true }); set["bulk"] && *bulk == "" {
			return usage("seed synthetic: --bulk wants a directory")
		} else if set["neo4j"] && !set["bulk"] {
			return usage("seed synthetic: --neo4j goes with --bulk DIR")
		} else if set["bulk"] && set["writers"] {
			return usage("seed synthetic: --writers does not apply to --bulk (the importer uses every core)")
		} else if fs.NArg() > 0 {
			return usage("seed synthetic: unexpected argument %q", fs.Arg(0))
		} else if *people < 0 || *vacancies < 0 || *people+*vacancies == 0 {
			return usage("seed synthetic: give --people N and/or --vacancies M (positive)")
		} else if *people > MaxSynthetic || *vacancies > MaxSynthetic {
			return usage("seed synthetic: at most %d people and %d vacancies, got %d and %d", MaxSynthetic, MaxSynthetic, *people, *vacancies)
		} else if *writers < 1 || *writers > 64 {
			return usage("seed synthetic: --writers wants 1 to 64, got %d", *writers)
		} else if im.BatchSize < 1 || im.BatchSize > 100_000 {
			return usage("seed synthetic: --batch wants 1 to 100000, got %d", im.BatchSize)
		}
		t, err := clock()
		if err != nil {
			return err
		}
		if *bulk != "" {
			s, err := SyntheticBulk(ctx, im, *seed, t, *people, *vacancies, BulkOptions{Dir: *bulk, Control: *control})
			return report(s, err, out, "seed")
		}
		s, err := Synthetic(ctx, im, *seed, t, *people, *vacancies, *writers)
		return report(s, err, out, "seed")
	case "remove":
		if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 {
			return usage("seed remove: want --seed S")
		}
		if err := db.BulkDeletePrefix(ctx, SyntheticPrefix(*seed)+"-"); err != nil {
			return err
		}
		fmt.Fprintf(out, "removed the synthetic data of seed %d\n", *seed)
		return nil
	}
	return usage("seed: unknown data set %q", args[0])
}

// WantsHelp reports whether a command line asks for help (-h, --help or
// help anywhere).
func WantsHelp(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool { return a == "-h" || a == "--help" || a == "-help" || a == "help" })
}

// report prints a summary, with long lists of rejected rows in a file, and
// returns err.
func report(s *importer.Summary, err error, out io.Writer, command string) error {
	if s != nil {
		err = errors.Join(err, s.Print(out, importer.ProblemsPath(command)))
	}
	return err
}

// SyntheticPrefix returns the start of the ids of the synthetic data made
// with seed, so that it can be found and removed.
func SyntheticPrefix(seed uint64) string { return fmt.Sprintf("synthetic-s%d", seed) }

// Synthetic writes people (each with about SkillsPerPerson skills from a
// real occupation's requirements, a home LSOA and a travel limit) and
// vacancies (real occupations, located near synthetic employers) across
// every LSOA in the graph. The same seed gives the same data, so a second
// run changes nothing. writers batches are written at once, each in a
// session of its own.
func Synthetic(ctx context.Context, im *importer.Importer, seed uint64, today time.Time, people, vacancies, writers int) (*importer.Summary, error) {
	g, err := newGenerator(ctx, im.DB, seed, today, nil)
	if err != nil {
		return nil, fmt.Errorf("seed synthetic: %w", err)
	}
	s := importer.NewSummary()
	if err := g.write(ctx, im, s, SyntheticPrefix(seed), "synthetic-org", people, vacancies, writers); err != nil {
		return s, fmt.Errorf("seed synthetic: %w", err)
	}
	return s, nil
}
