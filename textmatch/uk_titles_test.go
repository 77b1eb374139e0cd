package textmatch

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/onework/onework/workforce"
)

// TestUKAdvertTitles measures title resolution on 200 real-style UK advert
// titles written and labelled by hand (testdata/uk_advert_titles.csv: the
// title and the ESCO preferred label of the occupation that does the job).
// The target is 95% right; no wrong answer may have confidence 1.
func TestUKAdvertTitles(t *testing.T) {
	e := mustESCO(t)
	f, err := os.Open("testdata/uk_advert_titles.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	byLabel := map[string]string{}
	label := map[string]string{}
	for _, o := range e.occupations {
		byLabel[o.Label] = o.ID
		label[o.ID] = o.Label
	}
	right := 0
	for _, r := range rows[1:] {
		want, ok := byLabel[r[1]]
		if !ok {
			t.Fatalf("testdata: no occupation is labelled %q", r[1])
		}
		id, conf, ok := e.matcher.Occupation(r[0])
		switch {
		case ok && id == want:
			right++
		case ok && conf >= 1:
			t.Errorf("%q -> %q at confidence 1, want %q", r[0], label[id], r[1])
		default:
			t.Logf("wrong: %q -> %q (%.2f, %v), want %q", r[0], label[id], conf, ok, r[1])
		}
	}
	share := float64(right) / float64(len(rows)-1)
	t.Logf("UK advert titles: %d/%d right (%.1f%%)", right, len(rows)-1, 100*share)
	if share < 0.95 {
		t.Errorf("UK advert titles: %.1f%% right, want at least 95%%", 100*share)
	}
}

func TestResolveTitle(t *testing.T) {
	e := mustESCO(t)
	if _, _, err := e.matcher.ResolveTitle("jobTitle", "Care Worker"); err != nil {
		t.Errorf("ResolveTitle(Care Worker) = %v, want a match", err)
	}
	for _, title := range []string{"", "   ", strings.Repeat("carer ", 1667)} {
		if _, _, err := e.matcher.ResolveTitle("jobTitle", title); workforce.ErrorField(err) != "jobTitle" || len(err.Error()) > 300 {
			t.Errorf("ResolveTitle(%d chars) = %v, want a short EINVALID error on jobTitle", len(title), err)
		}
	}
	// An unknown title: close titles, each of which resolves.
	_, _, err := e.matcher.ResolveTitle("jobTitle", "Team Leader")
	if err == nil || workforce.ErrorField(err) != "jobTitle" {
		t.Fatalf("ResolveTitle(unknown) = %v, want EINVALID on jobTitle", err)
	}
	msg := workforce.ErrorMessage(err)
	_, list, found := strings.Cut(msg, "close titles: ")
	if !found {
		t.Fatalf("ResolveTitle(unknown) = %q, want close titles", msg)
	}
	for _, s := range strings.Split(list, "; ") {
		if _, _, ok := e.matcher.Occupation(s); !ok {
			t.Errorf("close title %q does not itself resolve", s)
		}
	}
	t.Logf("%s", msg)
}

// TestOccupationTitleForms checks ways UK adverts write a title that are
// not in the advert set: the phase or sector of education after a dash or
// in brackets, grades that name a job, and the inverted order of indexes.
func TestOccupationTitleForms(t *testing.T) {
	e := mustESCO(t)
	byLabel := map[string]string{}
	for _, o := range e.occupations {
		byLabel[o.Label] = o.ID
	}
	tests := []struct {
		title string
		want  string // an ESCO preferred label, or "" for no match
	}{
		{"Teacher - Primary", "primary school teacher"},
		{"Teacher (Primary School)", "primary school teacher"},
		{"Teacher - Secondary", "secondary school teacher"},
		{"Teacher - Early Years", "early years teacher"},
		{"Lecturer - Further Education", "further education teacher"},
		{"FE Lecturer", "further education teacher"},
		{"Lecturer - Higher Education", "higher education lecturer"},
		{"Higher Level Teaching Assistant", "primary school teaching assistant"},
		{"HLTA (Term Time Only)", "primary school teaching assistant"},
		{"Nursery Practitioner - Early Years", "child care worker"},
		{"Practice Nurse - Primary Care", "nurse responsible for general care"},
		// A place after a job that needs a phase is not one.
		{"Teacher - Gloucester", ""},
		// Titles written the way indexes list them, head word first.
		{"Assistant, care", "residential care home worker"},
		{"Worker, care, home", "care at home worker"},
		{"Operative, warehouse", "warehouse worker"},
		{"Assistant, teaching, level, higher", "primary school teaching assistant"},
		{"Nurse, nursery", "child day care worker"},
		{"Nurse, Band 5", "nurse responsible for general care"},
	}
	for _, tc := range tests {
		want := byLabel[tc.want]
		if want == "" && tc.want != "" {
			t.Fatalf("no occupation is labelled %q", tc.want)
		}
		id, conf, ok := e.matcher.Occupation(tc.title)
		if id != want {
			t.Errorf("Occupation(%q) = %q, %.3f, %v; want %q", tc.title, id, conf, ok, tc.want)
		}
	}
}
