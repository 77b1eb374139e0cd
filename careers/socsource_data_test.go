package careers_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onework/onework/careers"
	"github.com/onework/onework/textmatch"
)

// TestAssignSOCData loads the evaluation's data with and without the ONS
// coding index and checks what the index changes: only occupations the
// crosswalk does not name, each placed by its own title or inheriting from
// an occupation that was, with known titles where ONS codes them.
func TestAssignSOCData(t *testing.T) {
	dir := careers.DataDir(t)
	without, err := careers.LoadData(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	with, err := careers.LoadData(dir, textmatch.ReadSOCIndex)
	if err != nil {
		t.Fatal(err)
	}
	if len(with.Occupations) != len(without.Occupations) {
		t.Fatalf("LoadData: %d occupations with the index, %d without", len(with.Occupations), len(without.Occupations))
	}
	byLabel := map[string]int{}
	sources := map[string]int{}
	changed, byTitle, changedByTitle, up, down := 0, 0, 0, 0, 0
	for i, o := range with.Occupations {
		byLabel[o.Label] = i
		kind, _, _ := strings.Cut(o.SOCSource, " from ")
		sources[kind]++
		old := without.Occupations[i]
		if o.ID != old.ID {
			t.Fatalf("occupation %d: %s with the index, %s without", i, o.ID, old.ID)
		}
		if o.SOCSource == careers.SOCFromIndexTitle {
			byTitle++
		}
		if o.SOCCode == old.SOCCode {
			continue
		}
		changed++
		if o.SOCSource == careers.SOCFromIndexTitle {
			changedByTitle++
		}
		if testing.Verbose() {
			t.Logf("%s: %s (%s) -> %s (%s)", o.Label, old.SOCCode, old.SOCSource, o.SOCCode, o.SOCSource)
		}
		switch {
		case old.SOCSource == careers.SOCFromCrosswalk:
			t.Errorf("%s: crosswalk group %s changed to %s (%s)", o.Label, old.SOCCode, o.SOCCode, o.SOCSource)
		case o.SOCSource != careers.SOCFromIndexTitle && !strings.HasPrefix(o.SOCSource, careers.SOCInheritedFrom):
			t.Errorf("%s: group %s changed to %s, source %q", o.Label, old.SOCCode, o.SOCCode, o.SOCSource)
		}
		switch now, was := careers.SkillLevel(o.SOCCode), careers.SkillLevel(old.SOCCode); {
		case now > was:
			up++
		case now < was:
			down++
		}
	}
	t.Logf("sources: %v; %d placed by their title; %d changed group, %d by their title and %d inheriting from one (%d a skill level up, %d down)",
		sources, byTitle, changed, changedByTitle, changed-changedByTitle, up, down)
	if changed == 0 || changed > sources["inherited"]+byTitle {
		t.Errorf("%d occupations changed group, want some and at most the %d not named by the crosswalk", changed, sources["inherited"]+byTitle)
	}
	// ONS codes these titles: "Security consultant" 3319 (one row),
	// "Office manager" 4141 in 2 rows of 3. The hospitality establishment
	// security officer has no title of its own in the index and still
	// inherits security guard's group.
	for _, tc := range []struct{ label, unit, source string }{
		{"security consultant", "3319", careers.SOCFromIndexTitle},
		{"office manager", "4141", careers.SOCFromIndexTitle},
		{"hospitality establishment security officer", "6214", careers.SOCInheritedFrom + "security guard"},
		{"security guard", "6214", careers.SOCFromCrosswalk},
	} {
		i, ok := byLabel[tc.label]
		if !ok {
			t.Errorf("no occupation %q", tc.label)
			continue
		}
		if o := with.Occupations[i]; o.SOCCode != tc.unit || o.SOCSource != tc.source {
			t.Errorf("%s: SOC %s (%s), want %s (%s)", tc.label, o.SOCCode, o.SOCSource, tc.unit, tc.source)
		}
	}
}

// TestLoadDataIndexError checks that a coding index that cannot be read
// stops LoadData and RunEval, naming it, and that LoadData asks for the
// index at FileSOCCodingIndex.
func TestLoadDataIndexError(t *testing.T) {
	dir := careers.DataDir(t)
	var asked string
	failing := func(path string) (careers.SOCIndex, error) {
		asked = path
		return nil, errors.New("coding index: no column title")
	}
	if _, err := careers.LoadData(dir, failing); err == nil || !strings.Contains(err.Error(), "no column title") {
		t.Errorf("LoadData with an unreadable index = %v, want its error", err)
	}
	if want := filepath.Join(dir, careers.FileSOCCodingIndex); asked != want {
		t.Errorf("LoadData read the index at %q, want %q", asked, want)
	}
	var out bytes.Buffer
	if err := careers.RunEval(nil, dir, failing, &out); err == nil || !strings.Contains(err.Error(), "no column title") {
		t.Errorf("RunEval with an unreadable index = %v, want its error", err)
	}
}
