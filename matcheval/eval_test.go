package matcheval

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onework/onework/careers"
	"github.com/onework/onework/textmatch"
)

func TestParseBadInput(t *testing.T) {
	head := "place a E1 E2 3 51.8 -2.2 Somewhere\nperson p1 a travel=10 hours=30\nvacancy v1 a hours=37.5 occupation=cook | Cook\n"
	cases := []struct {
		name, text, want string
	}{
		{"unknown vacancy", head + "judge v9\n  p1 2 Fine.\n", `unknown vacancy "v9"`},
		{"unknown person", head + "judge v1\n  p7 2 Fine.\n", `unknown person "p7"`},
		{"judged twice", head + "judge v1\n  p1 2 Fine.\n  p1 3 Better.\n", "p1 judged twice"},
		{"grade out of range", head + "judge v1\n  p1 4 Too good.\n", "GRADE(0-3)"},
		{"no reason", head + "judge v1\n  p1 2\n", "PERSON GRADE(0-3) REASON"},
		{"unknown place", "person p1 nowhere travel=5\n" + "judge v1\n", `unknown place "nowhere"`},
		{"bad option", "place a E1 E2 3 51.8 -2.2 X\nperson p1 a speed=9\n", `option "speed=9"`},
		{"nothing judged", head, "no judgements"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.text))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Parse = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestMetrics(t *testing.T) {
	judged := []int{3, 2, 0, 1, 0, 0}
	if got := NDCG([]int{3, 2, 1, 0, 0, 0}, judged, 5); math.Abs(got-1) > 1e-12 {
		t.Errorf("NDCG of the ideal order = %v, want 1", got)
	}
	worst := NDCG([]int{0, 0, 0, 1, 2, 3}, judged, 5)
	mid := NDCG([]int{2, 3, 1, 0, 0, 0}, judged, 5)
	if !(worst < mid && mid < 1) {
		t.Errorf("NDCG worst %v, swapped top two %v: want worst < swapped < 1", worst, mid)
	}
	if got := PrecisionAt([]int{3, 1, 2, 0, 2}, 5); got != 0.6 {
		t.Errorf("PrecisionAt = %v, want 0.6", got)
	}
}

// dataDir returns ../shared/data, skipping when absent and failing when
// ONEWORK_REQUIRE_DATA=1.
func dataDir(t *testing.T) string {
	dir := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dir, "esco-v1.1.1", "occupations_en.csv")); err != nil {
		if os.Getenv("ONEWORK_REQUIRE_DATA") == "1" {
			t.Fatalf("../shared/data not found: %v (ONEWORK_REQUIRE_DATA=1)", err)
		}
		t.Skipf("../shared/data not found: %v", err)
	}
	return dir
}

// loadData loads the evaluation's data as RunEval does, with the coding
// index's titles.
func loadData(t *testing.T) (careers.Data, error) {
	t.Helper()
	return careers.LoadData(dataDir(t), textmatch.ReadSOCIndex)
}

// TestJudgedSet resolves every label of the judged set against ESCO and
// checks the fit-first model meets the target on it.
func TestJudgedSet(t *testing.T) {
	d, err := loadData(t)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join("testdata", "judged.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	perVacancy := map[string]int{}
	for _, j := range set.Judged {
		perVacancy[j.Vacancy]++
	}
	if len(perVacancy) < 30 {
		t.Errorf("%d vacancies judged, want at least 30", len(perVacancy))
	}
	for v, n := range perVacancy {
		if n < 10 {
			t.Errorf("vacancy %s has %d judgements, want 10", v, n)
		}
	}
	w, err := Build(set, d)
	if err != nil {
		t.Fatal(err)
	}
	res, err := w.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("NDCG@5 old %.3f new %.3f; precision@5 old %.3f new %.3f", res.Old.NDCG, res.New.NDCG, res.Old.Precision, res.New.Precision)
	if res.New.NDCG < 0.85 {
		t.Errorf("NDCG@5 of the fit-first model = %.3f, want at least 0.85", res.New.NDCG)
	}
}

func TestBuildRejectsUnknownLabels(t *testing.T) {
	d, err := loadData(t)
	if err != nil {
		t.Fatal(err)
	}
	head := "area E2 ICB - ICB\narea E1 LA E2 Town\nplace a E1 E2 3 51.8 -2.2 Somewhere\n"
	for _, tc := range []struct{ name, text, want string }{
		{"occupation", head + "person p1 a travel=10\n  worked astronaut pilot of dreams | 2010-now\nvacancy v1 a hours=30 occupation=cook | Cook\njudge v1\n  p1 0 No.\n", `"astronaut pilot of dreams" is not an ESCO occupation`},
		{"skill", head + "person p1 a travel=10\n  skills juggle flaming torches\nvacancy v1 a hours=30 occupation=cook | Cook\njudge v1\n  p1 0 No.\n", `"juggle flaming torches" is not an ESCO skill`},
		{"regulator", head + "person p1 a travel=10\n  registered CQC\nvacancy v1 a hours=30 occupation=cook | Cook\njudge v1\n  p1 0 No.\n", `unknown regulator "CQC"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set, err := Parse(strings.NewReader(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Build(set, d); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Build = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}
