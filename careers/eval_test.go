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
		wantErr []string // each part the error must hold
	}{
		{"header and ranks", "from_uri,to_uri,rank\na,b,1\na,c,2\n", []Pair{{"a", "b", 1}, {"a", "c", 2}}, nil},
		{"extra columns in any order", "tier,to_uri,from_uri,rank,note\nPrimary-Short,b,a,1,x\n", []Pair{{"a", "b", 1}}, nil},
		{"no rank column", "from_uri,to_uri\na,b\nc,d\n", []Pair{{"a", "b", 0}, {"c", "d", 0}}, nil},
		{"empty rank cell", "from_uri,to_uri,rank\na,b,\n", []Pair{{"a", "b", 0}}, nil},
		{"quoted URI", "from_uri,to_uri,rank\n\"a,1\",b,1\n", []Pair{{"a,1", "b", 1}}, nil},
		{"repeated pair counts once", "from_uri,to_uri\na,b\na,b\n", []Pair{{"a", "b", 0}}, nil},
		{"missing column", "from_uri,rank\na,1\n", nil, []string{"the header lacks column to_uri"}},
		{"no header", "", nil, []string{"empty"}},
		{"bad lines are counted, the first few named, good ones kept", "from_uri,to_uri,rank\na,b\na\na,a\na,c,zero\n,c\na,d,0\na,e,-1\nx,y\n",
			[]Pair{{"a", "b", 0}, {"x", "y", 0}},
			[]string{"6 bad lines", "line 3: to_uri must not be empty", "line 4: to_uri is the same as from_uri", `line 5: rank "zero"`, "line 6: from_uri must not be empty", `line 7: rank "0"`, "and 1 more"}},
		{"broken quoting", "from_uri,to_uri\na,b\n\"a,b\n", []Pair{{"a", "b", 0}}, []string{"1 bad line: line 3"}},
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

// TestReadGroundTruthNoFlood checks that a file of many bad lines gives one
// short error with a count.
func TestReadGroundTruthNoFlood(t *testing.T) {
	in := "from_uri,to_uri\n" + strings.Repeat("a,a\n", 10000)
	_, err := ReadGroundTruth(strings.NewReader(in))
	if err == nil || !strings.Contains(err.Error(), "10000 bad lines") || len(err.Error()) > 600 {
		t.Errorf("ReadGroundTruth(10000 bad lines) = %v, want one short error with the count", err)
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
	// porter, social care worker, healthcare assistant, nurse.
	truth := []Pair{
		{shopAssistant, kitchenPorter, 1},
		{shopAssistant, healthcareAssistant, 2},
		{shopAssistant, "urn:unknown", 3},
	}
	m := Evaluate(e, truth, 2)
	if m.Origins != 1 || m.Pairs != 2 || m.Unknown != 1 || len(m.UnknownURIs) != 1 {
		t.Fatalf("Evaluate counts = %d origins, %d pairs, %d unknown %q; want 1, 2, 1", m.Origins, m.Pairs, m.Unknown, m.UnknownURIs)
	}
	// Binary gains: kitchen porter at rank 2 of the similarity ranking;
	// the ideal puts both true moves at ranks 1 and 2.
	wantSim := Scores{Recall: 0.5, MRR: 0.5, NDCG: (1 / math.Log2(3)) / (1 + 1/math.Log2(3))}
	if diff := cmp.Diff(wantSim, m.Similarity, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-9 })); diff != "" {
		t.Errorf("Evaluate similarity scores (-want +got):\n%s", diff)
	}
	for name, s := range map[string]Scores{"ranked": m.Ranked, "jaccard": m.Jaccard} {
		if !inRange(s.NDCG, 0, 1) || !inRange(s.Recall, 0, 1) || !inRange(s.MRR, 0, 1) {
			t.Errorf("Evaluate %s scores = %+v, want each in [0,1]", name, s)
		}
	}
	// Both true moves change sector (retail to hospitality and to care),
	// so the cross-sector list is scored on them; a move to a waiter, of no
	// known sector, is not a change of sector and is not counted there.
	m = Evaluate(e, append(truth, Pair{shopAssistant, waiter, 4}), 2)
	if m.CrossOrigins != 1 || m.CrossPairs != 2 {
		t.Errorf("Evaluate cross-sector counts = %d origins, %d pairs; want 1, 2", m.CrossOrigins, m.CrossPairs)
	}
	if s := m.CrossSector; !inRange(s.NDCG, 0, 1) || !inRange(s.Recall, 0, 1) || !inRange(s.MRR, 0, 1) || s.MRR == 0 {
		t.Errorf("Evaluate cross-sector scores = %+v, want each in [0,1] and a true move found", s)
	}
	// With no true move across sectors there is nothing to score.
	m = Evaluate(e, []Pair{{shopAssistant, waiter, 1}}, 2)
	if m.CrossOrigins != 0 || m.CrossPairs != 0 || m.CrossSector != (Scores{}) {
		t.Errorf("Evaluate with no cross-sector pair = %d origins, %d pairs, %+v; want none", m.CrossOrigins, m.CrossPairs, m.CrossSector)
	}
}

func TestRunEvalBadArgs(t *testing.T) {
	for _, args := range [][]string{{"--k", "0"}, {"--truth", "x.csv", "--sussex"}, {"extra"}, {"--nope"}} {
		var out bytes.Buffer
		if err := RunEval(args, t.TempDir(), nil, &out); err == nil {
			t.Errorf("RunEval(%q) = nil, want an error", args)
		}
	}
}

func TestRunEvalOnDevelopmentSet(t *testing.T) {
	dir := dataDir(t)
	var out bytes.Buffer
	if err := RunEval([]string{"--k", "10"}, dir, nil, &out); err != nil {
		t.Fatalf("RunEval = %v", err)
	}
	t.Logf("\n%s", out.String())
	for _, w := range []string{"643 origins", "recall@10", "served default order", "skills similarity alone", "Jaccard", "served cross-sector order"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("RunEval output lacks %q:\n%s", w, out.String())
		}
	}
	// The Jaccard row reproduces baseline_career.py on the same file.
	if !strings.Contains(out.String(), "0.245      0.404  0.243") {
		t.Errorf("RunEval Jaccard row differs from baseline_career.py's 0.245 0.404 0.243:\n%s", out.String())
	}

	// Bad files: a missing column, and a file of URIs ESCO does not hold.
	for name, body := range map[string]string{
		"missing column": "from_uri,rank\nx,1\n",
		"unknown URIs":   "from_uri,to_uri\nurn:a,urn:b\nurn:a,urn:c\n",
	} {
		path := filepath.Join(t.TempDir(), "truth.csv")
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		var o bytes.Buffer
		err := RunEval([]string{"--truth", path}, dir, nil, &o)
		if err == nil || strings.Count(err.Error(), "urn:") > badLinesShown*2 {
			t.Errorf("RunEval(%s) = %v, want a short error", name, err)
		}
	}
}
