package careers

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/onework/onework/textmatch"
)

func TestSeniorAndSupervisorTitles(t *testing.T) {
	tests := []struct {
		title              string
		senior, supervisor bool
	}{
		{"funeral services director", true, false},
		{"security consultant", true, false},
		{"weight loss consultant", true, false},
		{"shop manager", true, false},
		{"manager/manageress", true, false},
		{"director of photography", true, false},
		{"housekeeping supervisor", false, true},
		{"stevedore superintendent", false, true},
		{"chief conductor", false, true},
		{"head waiter/head waitress", false, true},
		{"waiter/waitress", false, false},
		{"funeral attendant", false, false},
		{"management assistant", false, false},
		{"consultancy administrator", false, false},
		{"headteacher", false, false},
		{"", false, false},
	}
	for _, tc := range tests {
		t.Run(tc.title, func(t *testing.T) {
			if got := SeniorTitle(tc.title); got != tc.senior {
				t.Errorf("SeniorTitle(%q) = %v, want %v", tc.title, got, tc.senior)
			}
			if got := SupervisorTitle(tc.title); got != tc.supervisor {
				t.Errorf("SupervisorTitle(%q) = %v, want %v", tc.title, got, tc.supervisor)
			}
		})
	}
	for level, want := range map[int]int{0: 0, 1: 3, 2: 3, 3: 3, 4: 4} {
		if got := seniorLevel(level); got != want {
			t.Errorf("seniorLevel(%d) = %d, want %d", level, got, want)
		}
	}
}

// TestSeniorWordsEvidence checks the reason for the title rules on ONS's
// SOC 2020 coding index: of its titles without qualifiers, most of those
// a senior word ends are coded at skill level 3 or 4 and none at level 1,
// and most of those a supervisor word ends or a lead word begins are coded
// at level 2 or above.
func TestSeniorWordsEvidence(t *testing.T) {
	f, err := os.Open(filepath.Join(dataDir(t), "uk-soc2020", "soc2020_coding_index.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := textmatch.ReadCodingIndex(f)
	if err != nil {
		t.Fatal(err)
	}
	type tally struct{ n, atLeast2, atLeast3, level1 int }
	byWord := map[string]*tally{}
	count := func(key string, level int) {
		c := byWord[key]
		if c == nil {
			c = &tally{}
			byWord[key] = c
		}
		c.n++
		if level >= 2 {
			c.atLeast2++
		}
		if level >= 3 {
			c.atLeast3++
		}
		if level == 1 {
			c.level1++
		}
	}
	for _, r := range rows {
		words := strings.Fields(strings.ToLower(r.Title))
		if r.Qualifiers != "" || len(words) == 0 {
			continue
		}
		level := SkillLevel(r.Unit)
		count("last:"+words[len(words)-1], level)
		count("first:"+words[0], level)
	}
	share := func(k, n int) float64 { return float64(k) / float64(max(n, 1)) }
	for _, w := range seniorWords {
		c := byWord["last:"+w]
		if c == nil || c.n < 50 || share(c.atLeast3, c.n) < 0.85 || c.level1 > 0 {
			t.Errorf("titles ending %q: %+v; want at least 50, 85%% at level 3 or 4, none at level 1", w, c)
		}
	}
	for _, key := range append(prefixed("last:", supervisorWords), prefixed("first:", leadWords)...) {
		if slices.Contains([]string{"last:forewoman"}, key) {
			continue // the index spells these titles "foreman"
		}
		c := byWord[key]
		if c == nil || c.n < 30 || share(c.atLeast2, c.n) < 0.8 {
			t.Errorf("titles %s: %+v; want at least 30, 80%% at level 2 or above", key, c)
		}
	}
}

func prefixed(p string, words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = p + w
	}
	return out
}
