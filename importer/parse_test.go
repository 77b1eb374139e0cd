package importer

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/onework/onework/workforce"
)

func TestParseCSVMalformed(t *testing.T) {
	h := header{required: []string{"id", "name"}}
	tests := []struct {
		name, data, want string
	}{
		{"missing column", "id,label\n1,a\n", "lacks required column(s) name"},
		{"bare quote", "id,name\n1,a\"b\n", `bare " in non-quoted-field`},
		{"wrong field count", "id,name\n1,a\n2,b,c\n", "wrong number of fields"},
		{"unterminated quote", "id,name\n1,\"a\n", `extraneous or missing " in quoted-field`},
		{"invalid utf-8", "id,name\n1,a\n2,\xff\n", "line 3: invalid UTF-8"},
		{"empty", "", "empty file"},
		{"duplicate column", "id,name,id\n", `column "id" appears twice`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseCSV("f.csv", []byte(tc.data), h)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("parseCSV(%q) error = %v, want one containing %q", tc.data, err, tc.want)
			}
		})
	}
	_, err := parseCSV("f.csv", []byte("id,name,extra\n"), header{required: []string{"id", "name"}, strict: true})
	if err == nil || !strings.Contains(err.Error(), `unknown column "extra"`) {
		t.Errorf("parseCSV(strict, extra column) error = %v, want unknown column", err)
	}
}

func TestParseCSVLines(t *testing.T) {
	data := "id,name\n1,\"two\nlines\"\n2,b\n"
	tab, err := parseCSV("f.csv", []byte(data), header{required: []string{"id", "name"}})
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, r := range tab.rows {
		lines = append(lines, r.line)
	}
	if !slices.Equal(lines, []int{2, 4}) {
		t.Errorf("lines = %v, want [2 4]", lines)
	}
	if got := splitList(tab.rows[0].get("name"), ""); !slices.Equal(got, []string{"two", "lines"}) {
		t.Errorf("splitList = %q", got)
	}
}

func TestReadJobRecords(t *testing.T) {
	lines := "{\"title\":\"a\"}\n\n{\"title\":\"b\"}\n"
	recs, err := readJobRecords("j", []byte(lines))
	if err != nil || len(recs) != 2 || recs[1].line != 3 {
		t.Errorf("readJobRecords(lines) = %v, %v; want 2 records, the second on line 3", recs, err)
	}
	array := "[\n  {\"title\":\"a\"},\n  {\"title\":\"b\"}\n]"
	recs, err = readJobRecords("j", []byte(array))
	if err != nil || len(recs) != 2 || recs[0].line != 2 || recs[1].line != 3 {
		t.Errorf("readJobRecords(array) = %v, %v; want records on lines 2 and 3", recs, err)
	}
	for _, bad := range []string{"[{\"title\":\"a\"},{\"tit", "{\"title\":\"a\"}\n{\"title\":", "[{}] x", "\xff"} {
		if _, err := readJobRecords("j", []byte(bad)); err == nil {
			t.Errorf("readJobRecords(%q) = nil error, want malformed", bad)
		}
	}
}

func TestHTMLToText(t *testing.T) {
	in := "&lt;p&gt;Join &amp;amp; grow.&lt;/p&gt;\n&lt;ul&gt;&lt;li&gt;Band 5&lt;/li&gt;&lt;li&gt;Flexible&lt;/li&gt;&lt;/ul&gt;"
	want := "Join & grow.\nBand 5\nFlexible"
	if got := HTMLToText(in); got != want {
		t.Errorf("HTMLToText(%q) = %q, want %q", in, got, want)
	}
}

func TestEmployerKindOf(t *testing.T) {
	tests := map[string]workforce.EmployerKind{
		"Gloucestershire Hospitals NHS Foundation Trust": workforce.EmployerNHS,
		"Arlesey Medical Centre":                         workforce.EmployerNHS,
		"Hywel Dda University Health Board":              workforce.EmployerNHS,
		"Gloucestershire County Council":                 workforce.EmployerLocalAuthority,
		"St Peter's Hospice":                             workforce.EmployerVCSE,
		"Bristol College":                                workforce.EmployerEducation,
		"Sunrise Care Home":                              workforce.EmployerCareProvider,
		"Spire Healthcare Ltd":                           workforce.EmployerPrivate,
		"Gloucestershire Clinical Commissioning Group":   workforce.EmployerNHS,
		"Sue Ryder":                                      workforce.EmployerVCSE,
		"Turning Point":                                  workforce.EmployerVCSE,
	}
	for name, want := range tests {
		if got := EmployerKindOf(name); got != want {
			t.Errorf("EmployerKindOf(%q) = %s, want %s", name, got, want)
		}
	}
}

func TestParseInterleaved(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	batch := fs.Int("batch", 1, "")
	pos, err := parseInterleaved(fs, []string{"csv", "--batch", "7", "people", "f.csv"})
	if err != nil || *batch != 7 || !slices.Equal(pos, []string{"csv", "people", "f.csv"}) {
		t.Errorf("parseInterleaved = %q, batch %d, %v", pos, *batch, err)
	}
}

func TestSummaryPrintListsFewProblems(t *testing.T) {
	s := NewSummary()
	for i := range MaxPrintedProblems {
		s.Reject("skills", Problem{File: "f.csv", Line: i + 2, Field: "label", Reason: "must not be empty"})
	}
	var b bytes.Buffer
	if err := s.Print(&b, ""); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"rejected 5 rows:", "  f.csv:2: label: must not be empty", "  f.csv:6: label"} {
		if !strings.Contains(out, want) {
			t.Errorf("Print() lacks %q:\n%s", want, out)
		}
	}
}

func TestSummaryPrintSumsUpManyProblemsInOneLine(t *testing.T) {
	s := NewSummary()
	for i := range 60 {
		s.Reject("skills", Problem{File: "f.csv", Line: i + 2, Field: "label", Reason: "must not be empty"})
	}
	s.Reject("occupations", Problem{File: "g.csv", Line: 9, Field: "code", Reason: "bad"})
	path := filepath.Join(t.TempDir(), "rejected.txt")
	var b bytes.Buffer
	if err := s.Print(&b, path); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	want := "rejected 61 rows (60 skills, 1 occupations); the first: f.csv:2: label: must not be empty; all of them are in " + path + "\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("Print() starts\n%s\nwant\n%s", out, want)
	}
	if strings.Count(out, "f.csv:") != 1 {
		t.Errorf("Print() lists rows one per line:\n%s", out)
	}
	detail, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(detail)), "\n")
	if len(lines) != 61 || lines[0] != "f.csv:2: label: must not be empty" || lines[60] != "g.csv:9: code: bad" {
		t.Errorf("problems file has %d lines, first %q, last %q; want 61 from f.csv:2 to g.csv:9", len(lines), lines[0], lines[len(lines)-1])
	}
}

func TestPointIndexMatchesLinearScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var places []*workforce.Place
	for i := range 2000 {
		places = append(places, &workforce.Place{ID: fmt.Sprint(i), Location: &workforce.Point{Lat: 50 + rng.Float64()*5, Lon: -5 + rng.Float64()*6}})
	}
	idx := newPointIndex(places)
	for range 500 {
		pt := workforce.Point{Lat: 49 + rng.Float64()*7, Lon: -6 + rng.Float64()*8}
		if got, want := idx.nearest(pt), NearestPlace(places, pt); got != want {
			t.Fatalf("nearest(%v) = %s, want %s", pt, got.ID, want.ID)
		}
	}
}

func TestProgressPlainLines(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, "skills", 100, time.Second)
	now := p.start
	p.now = func() time.Time { return now }
	for range 10 {
		now = now.Add(400 * time.Millisecond)
		p.Add(10)
	}
	p.Finish()
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	// A line at 1.2 s, 2.4 s and 3.6 s, then the final one.
	if len(lines) != 4 {
		t.Fatalf("progress printed %d lines, want 4:\n%s", len(lines), b.String())
	}
	if want := "skills: 30/100 (30%) 25 rows/s, ETA 3s"; lines[0] != want {
		t.Errorf("first line = %q, want %q", lines[0], want)
	}
	if want := "skills: 100 rows in 4s (25 rows/s)"; lines[3] != want {
		t.Errorf("last line = %q, want %q", lines[3], want)
	}
}
