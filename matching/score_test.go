package matching

import "testing"

// TestUnmatchedCredit checks the shortcut the vacancies scan takes for a
// person holding none of a vacancy's requirements against the full skills
// component, on every vacancy of the scenario and of a synthetic
// partnership.
func TestUnmatchedCredit(t *testing.T) {
	b, err := NewBuilder(Config{})
	if err != nil {
		t.Fatal(err)
	}
	Synthetic(1, 2000, 400, b)
	for _, e := range []*Engine{newScenario(t, false), b.Build()} {
		x := e.idx
		for i := range x.vacancies.rows {
			v := &x.vacancies.rows[i]
			var plan reqPlan
			x.reqWeights(v, &plan)
			want := skillCredit(&plan, 0, 0, x.cfg.RelatedCredit, x.cfg.OptionalShare)
			if got := unmatchedCredit(v); got != want {
				t.Errorf("unmatchedCredit(%s) = %v, want %v", x.vacancies.ids[i], got, want)
			}
		}
	}
}
