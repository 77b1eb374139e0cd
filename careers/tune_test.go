package careers

import (
	"encoding/json"
	"hash/fnv"
	"os"
	"path/filepath"
	"testing"
)

// TestTuneCloseness prints the evaluation of closeness settings on two
// fixed halves of the development origins (split by a hash of the URI), so
// that a setting chosen on one half can be checked on the other. It runs
// only with ONEWORK_TUNE set to a JSON list of Config overrides.
func TestTuneCloseness(t *testing.T) {
	spec := os.Getenv("ONEWORK_TUNE")
	if spec == "" {
		t.Skip("set ONEWORK_TUNE to a JSON list of configs to compare")
	}
	dir := dataDir(t)
	_, d := mustRealEngine(t)
	f, err := os.Open(filepath.Join(dir, fileDevMoves))
	if err != nil {
		t.Fatal(err)
	}
	truth, err := ReadGroundTruth(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var halves [2][]Pair
	for _, p := range truth {
		h := fnv.New32a()
		h.Write([]byte(p.From))
		halves[h.Sum32()%2] = append(halves[h.Sum32()%2], p)
	}
	var variants []json.RawMessage
	if err := json.Unmarshal([]byte(spec), &variants); err != nil {
		t.Fatal(err)
	}
	for _, v := range variants {
		cfg := DefaultConfig()
		if err := json.Unmarshal(v, &cfg); err != nil {
			t.Fatal(err)
		}
		e, err := New(d, cfg)
		if err != nil {
			t.Fatal(err)
		}
		a, b := Evaluate(e, halves[0], 10), Evaluate(e, halves[1], 10)
		all := Evaluate(e, truth, 10)
		t.Logf("%s: served NDCG %.3f | %.3f (all %.3f, recall %.3f, MRR %.3f)", v, a.Ranked.NDCG, b.Ranked.NDCG, all.Ranked.NDCG, all.Ranked.Recall, all.Ranked.MRR)
	}
}
