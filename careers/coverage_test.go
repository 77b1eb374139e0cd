package careers

import (
	"testing"
)

// TestRealCoverage checks that every occupation with skills gets at least
// 10 moves by default, and that cross-sector moves exist from the entry
// jobs the partnership starts people from.
func TestRealCoverage(t *testing.T) {
	e, d := mustRealEngine(t)
	few, withSkills := 0, 0
	var examples []string
	for _, o := range d.Occupations {
		if len(d.Requirements[o.ID]) == 0 {
			continue
		}
		withSkills++
		m := mustMoves(t, e, o.ID, Query{First: 10})
		if m.Total < MinMoves && m.Note == "" {
			t.Errorf("%s: %d moves by default and no note", o.Label, m.Total)
		}
		if m.Total < MinMoves {
			few++
			if len(examples) < 5 {
				examples = append(examples, o.Label)
			}
		}
	}
	t.Logf("%d of %d occupations with skills get fewer than 10 moves by default, each with a note, such as %q", few, withSkills, examples)
	for _, label := range []string{"shop assistant", "waiter/waitress", "kitchen porter", "domestic cleaner", "warehouse worker"} {
		var id string
		for _, o := range d.Occupations {
			if o.Label == label {
				id = o.ID
			}
		}
		if id == "" {
			t.Errorf("no occupation %q", label)
			continue
		}
		m := mustMoves(t, e, id, Query{First: 10, Filter: Filter{CrossSectorOnly: true}})
		var got []string
		for _, mv := range m.Items {
			got = append(got, mv.Label)
		}
		t.Logf("cross-sector from %s (%d): %q", label, m.Total, got)
		if m.Total < 5 {
			t.Errorf("cross-sector moves from %s = %d, want at least 5", label, m.Total)
		}
	}
}
