package seed

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/onework/onework/importer"
	"github.com/onework/onework/store"
	"github.com/onework/onework/workforce"
)

// DefaultArea is the area "seed demo" builds: NHS Gloucestershire ICB.
const DefaultArea = "E54000043"

// DefaultDataDir is where "seed demo" looks for the reference data.
const DefaultDataDir = "../shared/data"

// Usage describes the seed commands.
const Usage = `usage:
  onework seed fixture                  the small built-in demo data set
  onework seed demo [--area CODE] [--seed N] [--data DIR] [--people N]
                                        one area from the reference data (default NHS Gloucestershire ICB,
                                        E54000043; data from ../shared/data) plus synthetic people,
                                        employers, providers and programmes
  onework seed synthetic --people N --vacancies M [--seed S]
                                        synthetic people and vacancies across England
                                        (import esco and places first)
  onework seed remove --seed S          delete the synthetic data made with seed S
flags:
  --batch N                             rows per write transaction (default 2000)`

// Run carries out one seed command ("fixture", "demo", "synthetic" or
// "remove"; a
// leading "seed" is allowed), writing to db and reporting to out. It
// returns an *importer.UsageError for a bad command line.
func Run(ctx context.Context, args []string, db *store.DB, out io.Writer) error {
	if len(args) > 0 && args[0] == "seed" {
		args = args[1:]
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
		people := fs.Int("people", 300, "synthetic people")
		if err := fs.Parse(args[1:]); err != nil {
			return usage("seed demo: %v", err)
		} else if fs.NArg() > 0 {
			return usage("seed demo: unexpected argument %q", fs.Arg(0))
		}
		s, err := Demo(ctx, im, DemoOptions{Area: *area, DataDir: *data, Seed: *seed, People: *people})
		if s != nil {
			s.Print(out)
		}
		return err
	case "synthetic":
		people := fs.Int("people", 0, "synthetic people")
		vacancies := fs.Int("vacancies", 0, "synthetic vacancies")
		if err := fs.Parse(args[1:]); err != nil {
			return usage("seed synthetic: %v", err)
		} else if fs.NArg() > 0 {
			return usage("seed synthetic: unexpected argument %q", fs.Arg(0))
		} else if *people < 0 || *vacancies < 0 || *people+*vacancies == 0 {
			return usage("seed synthetic: give --people N and/or --vacancies M (positive)")
		}
		s, err := Synthetic(ctx, im, *seed, *people, *vacancies)
		if s != nil {
			s.Print(out)
		}
		return err
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

// SyntheticPrefix returns the start of the ids of the synthetic data made
// with seed, so that it can be found and removed.
func SyntheticPrefix(seed uint64) string { return fmt.Sprintf("synthetic-s%d", seed) }

// Synthetic writes people (each with about SkillsPerPerson skills from a
// real occupation's requirements, a home LSOA and a travel limit) and
// vacancies (real occupations, located near synthetic employers) across
// every LSOA in the graph. The same seed gives the same data, so a second
// run changes nothing.
func Synthetic(ctx context.Context, im *importer.Importer, seed uint64, people, vacancies int) (*importer.Summary, error) {
	g, err := newGenerator(ctx, im.DB, seed, nil)
	if err != nil {
		return nil, fmt.Errorf("seed synthetic: %w", err)
	}
	s := importer.NewSummary()
	if err := g.write(ctx, im, s, SyntheticPrefix(seed), "synthetic-org", people, vacancies); err != nil {
		return s, fmt.Errorf("seed synthetic: %w", err)
	}
	return s, nil
}

// DemoOptions says what "seed demo" builds.
type DemoOptions struct {
	// Area is the ONS code of an ICB, local authority or region.
	Area string
	// DataDir holds esco-v1.1.1/, geography/, imd/ and vacancies/.
	DataDir string
	Seed    uint64
	// People is how many synthetic people to make.
	People int
}

// Demo builds a realistic demo of one area: all of ESCO with Nesta's job
// zones, pay and skills-based sectors, the area's LSOAs
// with IMD deciles and the places above them, the NHS trusts there, the
// real 2020 NHS adverts located there, and deterministic synthetic people,
// care, VCSE and other employers with vacancies, providers and programmes
// that teach real ESCO skills and lead to real occupations.
func Demo(ctx context.Context, im *importer.Importer, o DemoOptions) (*importer.Summary, error) {
	s := importer.NewSummary()
	esco, err := im.ESCO(ctx, filepath.Join(o.DataDir, "esco-v1.1.1"))
	if esco != nil {
		s.Merge(esco)
	}
	if err != nil {
		return s, fmt.Errorf("seed demo: %w", err)
	}
	// Career moves need job zones, pay and skills-based sectors.
	nesta, err := im.Nesta(ctx, o.DataDir)
	if nesta != nil {
		s.Merge(nesta)
	}
	if err != nil {
		return s, fmt.Errorf("seed demo: %w", err)
	}
	files := importer.PlacesFilesIn(filepath.Join(o.DataDir, "geography"), filepath.Join(o.DataDir, "imd"))
	places, err := importer.ReadPlaces(files, o.Area)
	if err != nil {
		return s, fmt.Errorf("seed demo: %w", err)
	}
	err = im.WritePlaces(ctx, places)
	s.Merge(places.Summary)
	if err != nil {
		return s, fmt.Errorf("seed demo: %w", err)
	}
	inArea := map[string]*workforce.Place{}
	for _, p := range places.LSOAs() {
		inArea[p.ID] = p
	}
	// Adverts are placed in the nearest LSOA in the graph; keep those whose
	// nearest LSOA is in the area and close by.
	jp, err := im.JobPostings(ctx, filepath.Join(o.DataDir, "vacancies", "nhs_jobs_2020.jsonl"), func(p *importer.Posting) bool {
		l, ok := inArea[p.Vacancy.PlaceID]
		return ok && p.Vacancy.Location != nil && importer.Distance(*l.Location, *p.Vacancy.Location) <= 3
	})
	if jp != nil {
		s.Merge(jp)
	}
	if err != nil {
		return s, fmt.Errorf("seed demo: %w", err)
	}
	g, err := newGenerator(ctx, im.DB, o.Seed, func(p *workforce.Place) bool { return inArea[p.ID] != nil })
	if err != nil {
		return s, fmt.Errorf("seed demo: %w", err)
	}
	prefix := fmt.Sprintf("demo-%s-s%d", strings.ToLower(o.Area), o.Seed)
	if err := g.write(ctx, im, s, prefix, prefix+"-org", o.People, max(o.People/8, 10)); err != nil {
		return s, fmt.Errorf("seed demo: %w", err)
	}
	if err := g.writeLearning(ctx, im, s, prefix); err != nil {
		return s, fmt.Errorf("seed demo: %w", err)
	}
	if err := demoReferrals(ctx, im, s, prefix+"-", prefix+"-org", o.Seed); err != nil {
		return s, fmt.Errorf("seed demo: %w", err)
	}
	return s, nil
}
