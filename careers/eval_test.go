package careers

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadGroundTruth(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []Pair
		wantErr []string // each line that must be reported
	}{
		{"header and ranks", "from_uri,to_uri,rank\na,b,1\na,c,2\n", []Pair{{"a", "b", 1}, {"a", "c", 2}}, nil},
		{"no header, no ranks", "a,b\nc,d\n", []Pair{{"a", "b", 0}, {"c", "d", 0}}, nil},
		{"empty rank cell", "a,b,\n", []Pair{{"a", "b", 0}}, nil},
		{"quoted URI", "\"a,1\",b,1\n", []Pair{{"a,1", "b", 1}}, nil},
		{"bad lines are all reported, good ones kept", "from_uri,to_uri\na,b\na\na,a\na,c,zero\na,b\n,c\na,d,0\na,e,1,2\nx,y\n",
			[]Pair{{"a", "b", 0}, {"x", "y", 0}},
			[]string{"line 3: want from_uri,to_uri[,rank], got 1 fields", "line 4: to_uri is the same as from_uri", `line 5: rank "zero"`, "line 6: pair repeated (first on line 2)", "line 7: from_uri must not be empty", `line 8: rank "0"`, "line 9: want from_uri,to_uri[,rank], got 4 fields"}},
		{"broken quoting", "a,b\n\"a,b\n", []Pair{{"a", "b", 0}}, []string{"line 2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadGroundTruth(strings.NewReader(tc.in))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ReadGroundTruth pairs (-want +got):\n%s", diff)
			}
			if (err != nil) != (len(tc.wantErr) > 0) {
				t.Fatalf("ReadGroundTruth error = %v, want errors %q", err, tc.wantErr)
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("ReadGroundTruth error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestConvertSussex(t *testing.T) {
	occs := scenarioData().Occupations
	in := `{
	  "shop assistant": {
	    "Show all": [{"job_name": "waiter/waitress", "skill_similarity": 0.4}, {"job_name": "kitchen porter", "skill_similarity": 0.2}],
	    "Health and Care": [{"job_name": "healthcare assistant", "skill_similarity": 0.01}]
	  },
	  "healthcare assistant": {"Show all": [{"job_name": "nurse responsible for general care"}]}
	}`
	var out bytes.Buffer
	if err := ConvertSussex(strings.NewReader(in), &out, occs); err != nil {
		t.Fatalf("ConvertSussex = %v", err)
	}
	want := "from_uri,to_uri,rank\n" +
		shopAssistant + "," + waiter + ",1\n" +
		shopAssistant + "," + kitchenPorter + ",2\n" +
		healthcareAssistant + "," + generalNurse + ",1\n"
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("ConvertSussex (-want +got):\n%s", diff)
	}
	bad := `{"shop assistant": {"Show all": [{"job_name": "astronaut"}]}, "barista": {"Digital": []}}`
	err := ConvertSussex(strings.NewReader(bad), &out, occs)
	for _, w := range []string{`no occupation is labelled "astronaut"`, `origin "barista" has no "Show all" list`} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("ConvertSussex(bad) = %v, want an error with %q", err, w)
		}
	}
}

func TestEvaluate(t *testing.T) {
	e := mustScenario(t, Config{})
	// From a shop assistant the similarity ranking is waiter, kitchen
	// porter, social care worker, healthcare assistant, nurse; the default
	// ranking keeps the waiter alone.
	truth := []Pair{
		{shopAssistant, kitchenPorter, 1},
		{shopAssistant, healthcareAssistant, 2},
		{shopAssistant, "urn:unknown", 3},
	}
	m := Evaluate(e, truth, 2)
	if m.Origins != 1 || m.Pairs != 2 || m.Skipped != 1 {
		t.Fatalf("Evaluate counts = %d origins, %d pairs, %d skipped; want 1, 2, 1", m.Origins, m.Pairs, m.Skipped)
	}
	// Kitchen porter (gain 2) at rank 2 of the similarity ranking; the
	// ideal puts gains 2 and 1 at ranks 1 and 2.
	wantSim := Scores{Recall: 0.5, MRR: 0.5, NDCG: (2 / math.Log2(3)) / (2 + 1/math.Log2(3)), Listed: 1}
	if diff := cmp.Diff(wantSim, m.Similarity, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-9 })); diff != "" {
		t.Errorf("Evaluate similarity scores (-want +got):\n%s", diff)
	}
	if m.Ranked != (Scores{}) {
		t.Errorf("Evaluate ranked scores = %+v, want zero: the default gate keeps neither true move", m.Ranked)
	}
}

func TestRunEvalBadArgs(t *testing.T) {
	for _, args := range [][]string{{"--k", "0"}, {"--truth", "x.csv", "--sussex"}, {"extra"}, {"--nope"}} {
		var out bytes.Buffer
		if err := RunEval(args, t.TempDir(), &out); err == nil {
			t.Errorf("RunEval(%q) = nil, want an error", args)
		}
	}
}

func TestRunEvalOnDevelopmentSet(t *testing.T) {
	dir := dataDir(t)
	var out bytes.Buffer
	if err := RunEval([]string{"--k", "10"}, dir, &out); err != nil {
		t.Fatalf("RunEval = %v", err)
	}
	for _, w := range []string{"50 origins, 150 pairs, 0 skipped", "recall@10", "skills similarity, no gate"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("RunEval output lacks %q:\n%s", w, out.String())
		}
	}
	t.Logf("\n%s", out.String())

	// The same through a truth file.
	f, err := os.Open(filepath.Join(dir, fileSussex))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, d := mustRealEngine(t)
	var csv bytes.Buffer
	if err := ConvertSussex(f, &csv, d.Occupations); err != nil {
		t.Fatalf("ConvertSussex(dev set) = %v", err)
	}
	path := filepath.Join(t.TempDir(), "truth.csv")
	if err := os.WriteFile(path, csv.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var fromFile bytes.Buffer
	if err := RunEval([]string{"--truth", path}, dir, &fromFile); err != nil {
		t.Fatalf("RunEval(--truth) = %v", err)
	}
	table := func(s string) string { return s[strings.Index(s, "ranking"):] }
	if table(fromFile.String()) != table(out.String()) {
		t.Errorf("RunEval(--truth converted file) differs from RunEval(--sussex):\n%s\n%s", fromFile.String(), out.String())
	}
}
