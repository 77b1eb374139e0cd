package matching

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/onework/onework/workforce"
)

// fillVocabulary upserts filler skills until the index knows maxSkills.
func fillVocabulary(l Loader, known int) {
	for i := known; i < maxSkills; i++ {
		l.UpsertSkill(&workforce.Skill{ID: fmt.Sprintf("filler-%05d", i)}, workforce.Links{})
	}
}

// indexShape is what a refused write must leave as it was.
type indexShape struct {
	Stats                    Stats
	People, Vacancies        []string
	Skills, Spec, OccSpec    int
	Held, Facts, Occupations int
}

func shapeOf(e *Engine) indexShape {
	x := e.idx
	sorted := func(ids []string) []string { slices.Sort(ids); return ids }
	return indexShape{Stats: e.Stats(), People: sorted(e.PersonIDs()), Vacancies: sorted(e.VacancyIDs()),
		Skills: len(x.skills.rows), Spec: len(x.skillSpec), OccSpec: len(x.occSpec),
		Held: len(x.held.data), Facts: len(x.facts.data), Occupations: len(x.occs.rows)}
}

func TestSkillVocabularyLimit(t *testing.T) {
	const known = 11 // the scenario's skills
	ps := func(ids ...string) []workforce.PersonSkill {
		var out []workforce.PersonSkill
		for _, id := range ids {
			out = append(out, workforce.PersonSkill{SkillID: id})
		}
		return out
	}
	reqs := []workforce.Requirement{{SkillID: skHygiene, Essential: true}, {SkillID: "brand-new", Essential: true}}
	// writes each need one skill more than a full vocabulary holds.
	writes := []struct {
		name  string
		write func(l Loader)
	}{
		{"new skill", func(l Loader) { l.UpsertSkill(&workforce.Skill{ID: "brand-new"}, workforce.Links{}) }},
		{"known skill linking a new one", func(l Loader) {
			l.UpsertSkill(&workforce.Skill{ID: skHygiene, Label: "relabelled"}, workforce.Links{Related: []string{skMove, "brand-new"}})
		}},
		{"new person", func(l Loader) {
			l.UpsertPerson(&workforce.Person{ID: "zed", ConsentMatching: true}, ps(skHygiene, "brand-new"))
		}},
		{"known person", func(l Loader) { l.UpsertPerson(&workforce.Person{ID: "ben"}, ps("brand-new")) }},
		{"vacancy", func(l Loader) { l.UpsertVacancy(&workforce.Vacancy{ID: "hcsw-001"}, reqs) }},
		{"occupation", func(l Loader) { l.UpsertOccupation(&workforce.Occupation{ID: "occ", Code: "5321.1"}, reqs) }},
	}
	for _, bulk := range []bool{false, true} {
		// build loads the scenario and a full vocabulary, then write.
		build := func(write func(l Loader)) *Engine {
			var e *Engine
			if bulk {
				b, err := NewBuilder(Config{})
				if err != nil {
					t.Fatal(err)
				}
				loadScenario(b)
				fillVocabulary(b, known)
				write(b)
				e = b.Build()
			} else {
				var err error
				if e, err = New(Config{}); err != nil {
					t.Fatal(err)
				}
				loadScenario(e)
				fillVocabulary(e, known)
				write(e)
			}
			e.Now = scenarioNow
			return e
		}
		full := build(func(Loader) {})
		if got := len(full.idx.skills.rows); got != maxSkills {
			t.Fatalf("vocabulary holds %d skills, want %d", got, maxSkills)
		}
		mustCandidates(t, full, "hcsw-001", Query{})
		want := shapeOf(full)
		for _, tc := range writes {
			t.Run(fmt.Sprintf("%s, bulk %v", tc.name, bulk), func(t *testing.T) {
				e := build(tc.write)
				if diff := cmp.Diff(want, shapeOf(e)); diff != "" {
					t.Errorf("refused write changed the index (-want +got):\n%s", diff)
				}
				for name, rank := range map[string]func() error{
					"CandidatesForVacancy": func() error { _, err := e.CandidatesForVacancy("hcsw-001", Query{}); return err },
					"VacanciesForPerson":   func() error { _, err := e.VacanciesForPerson("ben", Query{}); return err },
				} {
					err := rank()
					if code, msg := workforce.ErrorCode(err), workforce.ErrorMessage(err); code != workforce.EINTERNAL || msg != "skill vocabulary exceeds 65,535 skills" {
						t.Errorf("%s after the write: error %v, want EINTERNAL \"skill vocabulary exceeds 65,535 skills\"", name, err)
					}
				}
			})
		}
	}
}

func TestInternSkillPastTheLimit(t *testing.T) {
	x := newIndex(Config{}.withDefaults())
	for i := range maxSkills {
		if _, ok := x.internSkill(fmt.Sprintf("s%05d", i)); !ok {
			t.Fatalf("internSkill refused skill %d of %d", i+1, maxSkills)
		}
	}
	if x.err != nil {
		t.Fatalf("err = %v with a vocabulary just full, want nil", x.err)
	}
	if i, ok := x.internSkill("s00042"); !ok || i != 42 {
		t.Errorf("internSkill(known) = %d, %v, want 42, true", i, ok)
	}
	if i, ok := x.internSkill("one too many"); ok || i != none {
		t.Errorf("internSkill(new) = %d, %v past the limit, want %d, false", i, ok, none)
	}
	if workforce.ErrorCode(x.err) != workforce.EINTERNAL {
		t.Errorf("err = %v past the limit, want an EINTERNAL error", x.err)
	}
	if len(x.skills.rows) != maxSkills || len(x.skillSpec) != maxSkills || len(x.occSpec) != maxSkills {
		t.Errorf("tables hold %d skills, %d specificities, %d occupation weights; want %d each",
			len(x.skills.rows), len(x.skillSpec), len(x.occSpec), maxSkills)
	}
}
