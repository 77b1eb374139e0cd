package careers

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestKeptPassAsComputed checks that a kept similarity pass gives every
// origin occupation the candidates and explanations the pass computed on
// the spot gives, under filters that reach every check of viable, with and
// without a demand function, the first time (kept as it is made) and the
// second (restored into a scratch another origin used).
func TestKeptPassAsComputed(t *testing.T) {
	e, d := mustRealEngine(t)
	lims := map[string]Filter{
		"default":      {},
		"any":          {MinSimilarity: ptr(0.0), MaxJobZoneStep: ptr(4)},
		"cross-sector": {CrossSectorOnly: true},
		"pay":          {MinPayRatio: 1.1, MaxJobZoneStep: ptr(0)},
	}
	demand := func(id string) int { return len(id) % 5 }
	for i := 0; i < len(d.Occupations); i += 101 {
		id := d.Occupations[i].ID
		oi := e.occByID[id]
		for name, f := range lims {
			lim, err := e.resolve(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, dm := range []func(string) int{nil, demand} {
				o := e.occupationOrigin(oi)
				want := newScratch(len(e.occs), len(e.nodes))
				e.similarities(o, want)
				wantCands := append([]candidate(nil), e.viable(o, want, nil, lim, dm)...)
				for round := range 2 {
					got := e.scratch.Get().(*scratch)
					kept := e.originPass(o, got)
					if kept == nil {
						t.Fatalf("originPass(%s) kept nothing", id)
					}
					gotCands := e.viable(o, got, kept, lim, dm)
					if diff := cmp.Diff(wantCands, gotCands, cmp.AllowUnexported(candidate{}, cursor{}), cmpopts.EquateEmpty()); diff != "" {
						t.Fatalf("%s, %s, round %d: candidates differ (-want +got):\n%s", id, name, round, diff)
					}
					for _, c := range wantCands {
						if diff := cmp.Diff(e.explain(o, want, c), e.explain(o, got, c)); diff != "" {
							t.Fatalf("%s, %s, round %d: move to %s explained differently (-want +got):\n%s", id, name, round, c.id, diff)
						}
					}
					e.scratch.Put(got)
				}
			}
		}
	}
}

// TestPersonPassNotKept checks that a person's similarity pass, which
// depends on their own skills, is never kept.
func TestPersonPassNotKept(t *testing.T) {
	e := mustScenario(t, Config{})
	o := e.occupationOrigin(e.occByID[shopAssistant])
	o.person = true
	s := e.scratch.Get().(*scratch)
	defer e.scratch.Put(s)
	if p := e.originPass(o, s); p != nil || len(e.passes.by) != 0 {
		t.Errorf("originPass(person) = %v with %d passes kept, want nil and none", p, len(e.passes.by))
	}
}

// TestPassesBounded checks that the kept passes never exceed their bound.
func TestPassesBounded(t *testing.T) {
	var ps passes
	for i := range maxKeptPasses + 10 {
		ps.put(int32(i), &pass{})
	}
	if n := len(ps.by); n != maxKeptPasses {
		t.Errorf("%d passes kept after %d puts, want %d", n, maxKeptPasses+10, maxKeptPasses)
	}
	if ps.get(int32(maxKeptPasses+9)) == nil {
		t.Errorf("the last pass put is not kept")
	}
}
