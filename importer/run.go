package importer

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/onework/onework/store"
)

// DefaultBatchSize is how many rows go into one write transaction unless
// --batch says otherwise.
const DefaultBatchSize = 2000

// DefaultProgressEvery is how often a plain (non-terminal) progress line is
// printed.
const DefaultProgressEvery = 5 * time.Second

// Importer writes imported data to a OneWork store.
type Importer struct {
	DB *store.DB
	// Out receives progress lines and summaries.
	Out io.Writer
	// BatchSize is the number of rows per write transaction; 0 means
	// DefaultBatchSize.
	BatchSize int
	// ProgressEvery is how often a plain progress line is printed when Out is
	// not a terminal; 0 means DefaultProgressEvery.
	ProgressEvery time.Duration
	// Match finds occupations and skills in job postings; nil means
	// textmatch over the graph's occupations and skills (GraphMatcher).
	Match MatchFunc
}

func (im *Importer) batchSize() int {
	if im.BatchSize > 0 {
		return im.BatchSize
	}
	return DefaultBatchSize
}

func (im *Importer) progressEvery() time.Duration {
	if im.ProgressEvery > 0 {
		return im.ProgressEvery
	}
	return DefaultProgressEvery
}

func (im *Importer) out() io.Writer {
	if im.Out == nil {
		return io.Discard
	}
	return im.Out
}

// Usage describes the import commands.
const Usage = `usage:
  onework import esco DIR               ESCO v1.1.1 CSV files (occupations_en.csv, skills_en.csv, skillGroups_en.csv, ...)
  onework import soc DIR                ONS SOC 2020 files and the SOC-ESCO crosswalk
  onework import places DIR             data root holding geography/ and imd/
  onework import places GEODIR IMDDIR   the two folders given apart
  onework import jobpostings FILE       schema.org JobPosting, a JSON array or JSON Lines
  onework import csv KIND FILE          OneWork CSV; KIND is vacancies, people or programmes
  onework import nesta DATA_DIR         job zones, UK pay and skills-based sectors from Nesta (after esco)
flags (anywhere after the command):
  --batch N                             rows per write transaction (default 2000)`

// UsageError is a mistake in the command line.
type UsageError struct {
	Msg string
	// Usage is the usage text to show; the import usage when empty.
	Usage string
}

// Error returns the mistake followed by the usage text.
func (e *UsageError) Error() string {
	if e.Usage == "" {
		return e.Msg + "\n" + Usage
	}
	return e.Msg + "\n" + e.Usage
}

func usagef(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// Run carries out one import command, such as "esco DIR" (a leading
// "import" is allowed), writing to db and reporting progress, rejected rows
// and a summary to out. It returns a *UsageError for a bad command line and
// an error when a file is malformed (nothing is written then) or a write
// fails. Rejected rows are not errors: they are reported and the good rows
// are written.
func Run(ctx context.Context, args []string, db *store.DB, out io.Writer) error {
	if len(args) > 0 && args[0] == "import" {
		args = args[1:]
	}
	im := &Importer{DB: db, Out: out}
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.IntVar(&im.BatchSize, "batch", DefaultBatchSize, "rows per write transaction")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return usagef("%v", err)
	}
	if im.BatchSize < 1 {
		return usagef("--batch must be at least 1, got %d", im.BatchSize)
	}
	if len(pos) == 0 {
		return usagef("import: missing what to import")
	}
	want := func(n int, what string) error {
		if len(pos)-1 != n {
			return usagef("import %s: want %s, got %d argument(s)", pos[0], what, len(pos)-1)
		}
		return nil
	}
	var s *Summary
	switch pos[0] {
	case "esco":
		if err := want(1, "DIR"); err != nil {
			return err
		}
		s, err = im.ESCO(ctx, pos[1])
	case "soc":
		if err := want(1, "DIR"); err != nil {
			return err
		}
		s, err = im.SOC(ctx, pos[1])
	case "places":
		switch len(pos) {
		case 2:
			s, err = im.Places(ctx, PlacesFilesIn(filepath.Join(pos[1], "geography"), filepath.Join(pos[1], "imd")), "")
		case 3:
			s, err = im.Places(ctx, PlacesFilesIn(pos[1], pos[2]), "")
		default:
			return usagef("import places: want DIR or GEODIR IMDDIR, got %d argument(s)", len(pos)-1)
		}
	case "jobpostings":
		if err := want(1, "FILE"); err != nil {
			return err
		}
		s, err = im.JobPostings(ctx, pos[1], nil)
	case "nesta":
		if err := want(1, "DATA_DIR"); err != nil {
			return err
		}
		s, err = im.Nesta(ctx, pos[1])
	case "csv":
		if err := want(2, "KIND FILE"); err != nil {
			return err
		}
		s, err = im.CSV(ctx, pos[1], pos[2])
	default:
		return usagef("import: unknown kind of data %q", pos[0])
	}
	if s != nil {
		err = errors.Join(err, s.Print(out, ProblemsPath("import")))
	}
	return err
}

// parseInterleaved parses flags that may appear before, between or after
// the positional arguments, and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errors.New("help requested")
			}
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
		if len(args) == 0 || !strings.HasPrefix(args[0], "-") {
			for len(args) > 0 && !strings.HasPrefix(args[0], "-") {
				pos = append(pos, args[0])
				args = args[1:]
			}
			if len(args) == 0 {
				return pos, nil
			}
		}
	}
}
