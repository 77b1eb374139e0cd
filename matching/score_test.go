package matching

import "testing"

// TestSkillsFor checks the vacancies scan's one-pass skills component
// against masks from the person's tier table and skillCredit over
// reqWeights' plan, bit for bit, for people of the scenario and of a
// synthetic partnership against every vacancy.
func TestSkillsFor(t *testing.T) {
	b, err := NewBuilder(Config{})
	if err != nil {
		t.Fatal(err)
	}
	Synthetic(1, 2000, 400, b)
	for _, e := range []*Engine{newScenario(t, false), b.Build()} {
		x := e.idx
		var sc scratch
		for pi := 0; pi < len(x.people.rows); pi += 7 {
			sc.planPerson(x, x.held.get(x.people.rows[pi].skills()))
			for vi := range x.vacancies.rows {
				v := &x.vacancies.rows[vi]
				var wantHeld, wantRel uint64
				for i, r := range v.reqs {
					switch sc.tier[r.skill] {
					case tierHeld:
						wantHeld |= 1 << i
					case tierRelated:
						wantRel |= 1 << i
					}
				}
				var plan reqPlan
				x.reqWeights(v, &plan)
				want := skillCredit(&plan, wantHeld, wantRel, x.cfg.RelatedCredit, x.cfg.OptionalShare)
				held, rel, got := x.skillsFor(&sc, v)
				if held != wantHeld || rel != wantRel || got != want {
					t.Errorf("skillsFor(%s, %s) = %b, %b, %v; want %b, %b, %v", x.people.ids[pi], x.vacancies.ids[vi],
						held, rel, got, wantHeld, wantRel, want)
				}
			}
		}
	}
}
