package importer

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/onework/onework/workforce"
)

// MaxPrintedProblems is how many rejected rows a report lists one per
// line; beyond that it prints one summary line and writes the rows to a
// file.
const MaxPrintedProblems = 5

// Problem is a rejected input row: where it is, which field is wrong and why.
type Problem struct {
	File   string
	Line   int
	Field  string
	Reason string
}

// String formats the problem as "file:line: field: reason".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Reason)
	return b.String()
}

// Counts says what an import did with the rows of one kind.
type Counts struct {
	Created   int
	Updated   int
	Unchanged int
	Rejected  int
	// Missing counts links skipped because a node at either end does not
	// exist in the graph.
	Missing int
}

// Summary is the outcome of an import: the counts per kind, in the order the
// kinds were first touched, and every rejected row.
type Summary struct {
	kinds    []string
	counts   map[string]*Counts
	Problems []Problem
}

// NewSummary returns an empty summary.
func NewSummary() *Summary {
	return &Summary{counts: map[string]*Counts{}}
}

// Kind returns the counts for kind, adding it to the summary if needed.
func (s *Summary) Kind(kind string) *Counts {
	c, ok := s.counts[kind]
	if !ok {
		c = &Counts{}
		s.counts[kind] = c
		s.kinds = append(s.kinds, kind)
	}
	return c
}

// Kinds lists the kinds in the summary in the order they were first touched.
func (s *Summary) Kinds() []string { return slices.Clone(s.kinds) }

// Reject records a bad row of kind and counts it as rejected.
func (s *Summary) Reject(kind string, p Problem) {
	s.Kind(kind).Rejected++
	s.Problems = append(s.Problems, p)
}

// Written adds the outcome of writing n rows of kind, of which r reports the
// created and updated ones; the rest were unchanged.
func (s *Summary) Written(kind string, n int, r workforce.WriteResult) {
	c := s.Kind(kind)
	c.Created += r.Created
	c.Updated += r.Updated
	c.Unchanged += n - r.Created - r.Updated
}

// Merge adds the counts and problems of o to s.
func (s *Summary) Merge(o *Summary) {
	for _, k := range o.kinds {
		c, oc := s.Kind(k), o.counts[k]
		c.Created += oc.Created
		c.Updated += oc.Updated
		c.Unchanged += oc.Unchanged
		c.Rejected += oc.Rejected
		c.Missing += oc.Missing
	}
	s.Problems = append(s.Problems, o.Problems...)
}

// Total returns the sum of the counts of every kind.
func (s *Summary) Total() Counts {
	var t Counts
	for _, c := range s.counts {
		t.Created += c.Created
		t.Updated += c.Updated
		t.Unchanged += c.Unchanged
		t.Rejected += c.Rejected
		t.Missing += c.Missing
	}
	return t
}

// Print writes the rejected rows and a table of the counts per kind to w.
// Up to MaxPrintedProblems rows are listed one per line; more are summed up
// in one line, and every one of them is written to problemsPath (which
// the line names) when that is not empty.
func (s *Summary) Print(w io.Writer, problemsPath string) error {
	var err error
	switch n := len(s.Problems); {
	case n == 0:
	case n <= MaxPrintedProblems:
		fmt.Fprintf(w, "rejected %d rows:\n", n)
		for _, p := range s.Problems {
			fmt.Fprintf(w, "  %s\n", p)
		}
	default:
		where := "rerun with a problems file to see them all"
		if problemsPath != "" {
			if err = s.writeProblems(problemsPath); err == nil {
				where = "all of them are in " + problemsPath
			} else {
				err = fmt.Errorf("write the rejected rows: %w", err)
				where = "they could not be written to " + problemsPath
			}
		}
		fmt.Fprintf(w, "rejected %d rows (%s); the first: %s; %s\n", n, s.rejectedKinds(), s.Problems[0], where)
	}
	fmt.Fprintf(w, "%-22s %10s %10s %10s %10s %10s\n", "kind", "created", "updated", "unchanged", "rejected", "missing")
	for _, k := range s.kinds {
		c := s.counts[k]
		fmt.Fprintf(w, "%-22s %10d %10d %10d %10d %10d\n", k, c.Created, c.Updated, c.Unchanged, c.Rejected, c.Missing)
	}
	return err
}

// rejectedKinds says how many rows of each kind were rejected, such as
// "67 occupation requires, 1 skill related".
func (s *Summary) rejectedKinds() string {
	var parts []string
	for _, k := range s.kinds {
		if n := s.counts[k].Rejected; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	return strings.Join(parts, ", ")
}

// writeProblems writes every rejected row, one per line, to path.
func (s *Summary) writeProblems(path string) error {
	var b strings.Builder
	for _, p := range s.Problems {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// ProblemsPath is where a command writes the rejected rows of its report:
// a file named after the command in the system's temporary folder.
func ProblemsPath(command string) string {
	return filepath.Join(os.TempDir(), "onework-"+command+"-rejected.txt")
}

// Progress reports how far a write phase has got. On a terminal it rewrites
// one line with the rate and the estimated time left; elsewhere it prints a
// plain line at most every Every interval and one at the end.
type Progress struct {
	out      io.Writer
	what     string
	total    int
	done     int
	start    time.Time
	last     time.Time
	terminal bool
	every    time.Duration
	now      func() time.Time
	mu       sync.Mutex
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func newProgress(out io.Writer, what string, total int, every time.Duration) *Progress {
	now := time.Now()
	return &Progress{out: out, what: what, total: total, start: now, last: now, terminal: isTerminal(out), every: every, now: time.Now}
}

// Add records n more rows done and reports if it is time to.
func (p *Progress) Add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	now := p.now()
	if p.terminal {
		if now.Sub(p.last) >= 200*time.Millisecond || p.done == p.total {
			p.last = now
			fmt.Fprintf(p.out, "\r%s\033[K", p.line(now))
		}
		return
	}
	if now.Sub(p.last) >= p.every {
		p.last = now
		fmt.Fprintln(p.out, p.line(now))
	}
}

// Finish prints the final line of the phase.
func (p *Progress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	elapsed := now.Sub(p.start)
	rate := float64(p.done) / max(elapsed.Seconds(), 1e-9)
	if p.terminal {
		fmt.Fprint(p.out, "\r\033[K")
	}
	fmt.Fprintf(p.out, "%s: %d rows in %s (%.0f rows/s)\n", p.what, p.done, elapsed.Round(time.Millisecond), rate)
}

func (p *Progress) line(now time.Time) string {
	elapsed := now.Sub(p.start)
	rate := float64(p.done) / max(elapsed.Seconds(), 1e-9)
	s := fmt.Sprintf("%s: %d/%d (%.0f%%) %.0f rows/s", p.what, p.done, p.total, 100*float64(p.done)/float64(max(p.total, 1)), rate)
	if rate > 0 && p.done < p.total {
		eta := time.Duration(float64(p.total-p.done) / rate * float64(time.Second))
		s += fmt.Sprintf(", ETA %s", eta.Round(time.Second))
	}
	return s
}
