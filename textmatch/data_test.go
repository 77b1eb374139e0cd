package textmatch

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/onework/onework/workforce"
)

// The reference data lives beside the project, at ../shared/data from the
// project root (SOURCES.md); it is never copied into the repository.

// dataDir returns the shared data folder, skipping the test when it is
// absent, or failing it when ONEWORK_REQUIRE_DATA=1.
func dataDir(tb testing.TB) string {
	tb.Helper()
	wd, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	dir := filepath.Join(wd, "..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dir, "esco-v1.1.1", "occupations_en.csv")); err != nil {
		if os.Getenv("ONEWORK_REQUIRE_DATA") == "1" {
			tb.Fatalf("../shared/data not found: %v (ONEWORK_REQUIRE_DATA=1)", err)
		}
		tb.Skipf("../shared/data not found: %v", err)
	}
	return dir
}

// readCSV reads a CSV file with a header row into maps keyed by column.
// ESCO cells hold quoted multi-line text, which encoding/csv handles.
func readCSV(tb testing.TB, path string) []map[string]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatalf("read %s: %v", path, err)
		}
		row := make(map[string]string, len(header))
		for i, h := range header {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// lines splits an ESCO altLabels cell.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func loadOccupations(tb testing.TB, dir string) []*workforce.Occupation {
	tb.Helper()
	var out []*workforce.Occupation
	for _, r := range readCSV(tb, filepath.Join(dir, "esco-v1.1.1", "occupations_en.csv")) {
		out = append(out, &workforce.Occupation{
			ID:          r["conceptUri"],
			Label:       strings.TrimSpace(r["preferredLabel"]),
			AltLabels:   lines(r["altLabels"]),
			Description: r["description"],
			Code:        r["code"],
			ISCOGroup:   r["iscoGroup"],
		})
	}
	return out
}

func loadSkills(tb testing.TB, dir string) []*workforce.Skill {
	tb.Helper()
	var out []*workforce.Skill
	for _, r := range readCSV(tb, filepath.Join(dir, "esco-v1.1.1", "skills_en.csv")) {
		out = append(out, &workforce.Skill{
			ID:           r["conceptUri"],
			Label:        strings.TrimSpace(r["preferredLabel"]),
			AltLabels:    lines(r["altLabels"]),
			HiddenLabels: lines(r["hiddenLabels"]),
			Description:  r["description"],
			Type:         r["skillType"],
			ReuseLevel:   r["reuseLevel"],
		})
	}
	return out
}

// escoData is ESCO loaded once for all tests and benchmarks: loading and
// indexing take most of a second.
type escoData struct {
	occupations []*workforce.Occupation
	skills      []*workforce.Skill
	matcher     *Matcher
}

var (
	escoOnce sync.Once
	esco     escoData
)

// mustESCO returns the ESCO occupations and skills and a Matcher over them.
func mustESCO(tb testing.TB) escoData {
	tb.Helper()
	dir := dataDir(tb)
	escoOnce.Do(func() {
		esco.occupations = loadOccupations(tb, dir)
		esco.skills = loadSkills(tb, dir)
		esco.matcher = New(esco.occupations, esco.skills)
	})
	if esco.matcher == nil {
		tb.Fatal("ESCO data failed to load in an earlier test")
	}
	return esco
}

// advert is the part of an NHS Jobs JobPosting the tests read.
type advert struct {
	Title       string `json:"title"`
	Description string `json:"description"`
}

// loadAdverts reads the 14,842 NHS Jobs adverts of November 2020.
func loadAdverts(tb testing.TB, dir string) []advert {
	tb.Helper()
	f, err := os.Open(filepath.Join(dir, "vacancies", "nhs_jobs_2020.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []advert
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for sc.Scan() {
		var a advert
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatalf("advert %d: %v", len(out)+1, err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}
