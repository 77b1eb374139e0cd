package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// TestEdges checks that each edge method reads the links of many nodes in
// one round trip, sorted, leaving out nodes without links and unknown ids.
func TestEdges(t *testing.T) {
	db := storetest.Open(t)
	w := newWorld(t, db)
	ctx := t.Context()
	if err := db.RecordProgression(ctx, workforce.Progression{ProgrammeID: w.academy.ID, OccupationID: w.carer.ID, Learners: 9, Period: "2024/25"}); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordProgression(ctx, workforce.Progression{ProgrammeID: w.academy.ID, OccupationID: w.carer.ID, Learners: 7, Period: "2023/24"}); err != nil {
		t.Fatal(err)
	}
	unknown := storetest.ID(t, "Unknown")
	esco := func(id string, essential bool) workforce.Requirement {
		return workforce.Requirement{SkillID: id, Essential: essential, Source: "esco", Confidence: 1}
	}
	tests := []struct {
		name string
		call func() (any, error)
		want any
	}{
		{"PersonSkills", func() (any, error) { return db.PersonSkills(ctx, []string{w.ann.ID, w.bob.ID, unknown}) },
			map[string][]workforce.PersonSkill{
				w.ann.ID: {{SkillID: w.care.ID, Level: 3, Source: "adviser"}},
				w.bob.ID: {{SkillID: w.cook.ID, Level: 2, Source: "self"}},
			}},
		{"VacancyRequirements", func() (any, error) {
			return db.VacancyRequirements(ctx, []string{w.open.ID, w.closed.ID, w.cafeJob.ID, unknown})
		}, map[string][]workforce.Requirement{
			w.open.ID:    {{SkillID: w.care.ID, Essential: true, Source: "description", Confidence: 0.8}},
			w.cafeJob.ID: {{SkillID: w.cook.ID, Essential: true, Source: "partner", Confidence: 1}},
		}},
		{"OccupationRequirements", func() (any, error) { return db.OccupationRequirements(ctx, []string{w.carer.ID, w.chef.ID}) },
			map[string][]workforce.Requirement{
				w.carer.ID: sortedBy(func(r workforce.Requirement) string { return r.SkillID }, esco(w.care.ID, true), esco(w.lift.ID, false)),
				w.chef.ID:  {esco(w.cook.ID, true)},
			}},
		{"SkillLinks", func() (any, error) { return db.SkillLinks(ctx, []string{w.care.ID, w.cook.ID, w.lift.ID}) },
			map[string]workforce.Links{
				w.care.ID: {Narrower: []string{w.lift.ID}, Related: []string{w.cook.ID}},
				w.cook.ID: {Related: []string{w.care.ID}},
				w.lift.ID: {Broader: []string{w.care.ID}},
			}},
		{"OccupationLinks", func() (any, error) { return db.OccupationLinks(ctx, []string{w.carer.ID, w.chef.ID}) },
			map[string]workforce.Links{
				w.carer.ID: {Narrower: []string{w.chef.ID}},
				w.chef.ID:  {Broader: []string{w.carer.ID}},
			}},
		{"OccupationSectors", func() (any, error) { return db.OccupationSectors(ctx, []string{w.carer.ID, w.chef.ID}) },
			map[string][]string{w.carer.ID: {w.sector.ID}}},
		{"ProgrammeSkills", func() (any, error) { return db.ProgrammeSkills(ctx, []string{w.academy.ID, w.course.ID}) },
			map[string][]string{w.academy.ID: sorted(w.care.ID, w.lift.ID), w.course.ID: {w.cook.ID}}},
		{"ProgrammeOccupations", func() (any, error) { return db.ProgrammeOccupations(ctx, []string{w.academy.ID, w.course.ID}) },
			map[string][]string{w.academy.ID: {w.carer.ID}, w.course.ID: {w.chef.ID}}},
		{"ProgrammeProgressions", func() (any, error) { return db.ProgrammeProgressions(ctx, []string{w.academy.ID, w.course.ID}) },
			map[string][]workforce.Progression{w.academy.ID: {
				{ProgrammeID: w.academy.ID, OccupationID: w.carer.ID, Learners: 7, Period: "2023/24"},
				{ProgrammeID: w.academy.ID, OccupationID: w.carer.ID, Learners: 9, Period: "2024/25"},
			}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := db.RoundTrips()
			got, err := tc.call()
			if err != nil {
				t.Fatalf("%s = %v", tc.name, err)
			}
			if trips := db.RoundTrips() - before; trips != 1 {
				t.Errorf("%s took %d round trips, want 1", tc.name, trips)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", tc.name, diff)
			}
		})
	}
	t.Run("no ids", func(t *testing.T) {
		before := db.RoundTrips()
		got, err := db.PersonSkills(ctx, nil)
		if err != nil || len(got) != 0 {
			t.Errorf("PersonSkills(nil) = %v, %v; want empty", got, err)
		}
		if trips := db.RoundTrips() - before; trips != 0 {
			t.Errorf("PersonSkills(nil) took %d round trips, want 0", trips)
		}
	})
}

func TestGetManyInOneRoundTrip(t *testing.T) {
	db := storetest.Open(t)
	w := newWorld(t, db)
	before := db.RoundTrips()
	got, err := db.Vacancies(t.Context(), []string{w.open.ID, w.closed.ID, storetest.ID(t, "Vacancy"), w.cafeJob.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Errorf("Vacancies found %d, want 3", len(got))
	}
	if trips := db.RoundTrips() - before; trips != 1 {
		t.Errorf("Vacancies took %d round trips, want 1", trips)
	}
}

// sortedBy returns items sorted by key.
func sortedBy[T any](key func(T) string, items ...T) []T {
	slices.SortFunc(items, func(a, b T) int { return strings.Compare(key(a), key(b)) })
	return items
}

func TestLinks(t *testing.T) {
	db := storetest.Open(t)
	w := newWorld(t, db)
	ctx := t.Context()
	person := func() *workforce.Person {
		t.Helper()
		got, err := db.People(ctx, []string{w.ann.ID})
		if err != nil || len(got) != 1 {
			t.Fatalf("People(%q) = %v, %v", w.ann.ID, got, err)
		}
		return got[0]
	}
	skills := func() []workforce.PersonSkill {
		t.Helper()
		got, err := db.PersonSkills(ctx, []string{w.ann.ID})
		if err != nil {
			t.Fatal(err)
		}
		return got[w.ann.ID]
	}
	care3 := workforce.PersonSkill{SkillID: w.care.ID, Level: 3, Source: "adviser"}
	care4 := workforce.PersonSkill{SkillID: w.care.ID, Level: 4, Source: "programme"}
	lift1 := workforce.PersonSkill{SkillID: w.lift.ID, Level: 1, Source: "self"}
	bySkill := func(s ...workforce.PersonSkill) []workforce.PersonSkill {
		return sortedBy(func(s workforce.PersonSkill) string { return s.SkillID }, s...)
	}
	steps := []struct {
		name    string
		change  func() error
		want    []workforce.PersonSkill
		touches bool // whether the person's UpdatedAt moves
	}{
		{"link", func() error { return db.LinkPersonSkill(ctx, w.ann.ID, lift1) }, bySkill(care3, lift1), true},
		{"link again", func() error { return db.LinkPersonSkill(ctx, w.ann.ID, lift1) }, bySkill(care3, lift1), false},
		{"relink with a new level", func() error { return db.LinkPersonSkill(ctx, w.ann.ID, care4) }, bySkill(care4, lift1), true},
		{"unlink", func() error { return db.UnlinkPersonSkill(ctx, w.ann.ID, w.care.ID) }, bySkill(lift1), true},
		{"unlink again", func() error { return db.UnlinkPersonSkill(ctx, w.ann.ID, w.care.ID) }, bySkill(lift1), false},
	}
	for _, step := range steps {
		before := person().UpdatedAt
		if err := step.change(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if diff := cmp.Diff(step.want, skills()); diff != "" {
			t.Errorf("%s: person skills mismatch (-want +got):\n%s", step.name, diff)
		}
		if moved := !person().UpdatedAt.Equal(before); moved != step.touches {
			t.Errorf("%s: UpdatedAt moved = %v, want %v", step.name, moved, step.touches)
		}
	}

	t.Run("requirements", func(t *testing.T) {
		r := workforce.Requirement{SkillID: w.lift.ID, Source: "adviser", Confidence: 1}
		for _, link := range []func() error{
			func() error { return db.LinkVacancySkill(ctx, w.open.ID, r) },
			func() error { return db.LinkOccupationSkill(ctx, w.chef.ID, r) },
		} {
			if err := link(); err != nil {
				t.Fatal(err)
			}
		}
		vr, err := db.VacancyRequirements(ctx, []string{w.open.ID})
		if err != nil || len(vr[w.open.ID]) != 2 {
			t.Errorf("VacancyRequirements = %v, %v; want 2", vr, err)
		}
		if err := db.UnlinkVacancySkill(ctx, w.open.ID, w.lift.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.UnlinkOccupationSkill(ctx, w.chef.ID, w.lift.ID); err != nil {
			t.Fatal(err)
		}
		or, err := db.OccupationRequirements(ctx, []string{w.chef.ID})
		if diff := cmp.Diff(map[string][]workforce.Requirement{w.chef.ID: {{SkillID: w.cook.ID, Essential: true, Source: "esco", Confidence: 1}}}, or); err != nil || diff != "" {
			t.Errorf("OccupationRequirements after unlink mismatch (-want +got), %v:\n%s", err, diff)
		}
	})

	t.Run("programmes", func(t *testing.T) {
		if err := db.UnlinkProgrammeSkill(ctx, w.academy.ID, w.lift.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.UnlinkProgrammeOccupation(ctx, w.course.ID, w.chef.ID); err != nil {
			t.Fatal(err)
		}
		ps, _ := db.ProgrammeSkills(ctx, []string{w.academy.ID})
		po, _ := db.ProgrammeOccupations(ctx, []string{w.course.ID})
		if diff := cmp.Diff([]string{w.care.ID}, ps[w.academy.ID]); diff != "" {
			t.Errorf("ProgrammeSkills mismatch (-want +got):\n%s", diff)
		}
		if len(po) != 0 {
			t.Errorf("ProgrammeOccupations = %v, want none", po)
		}

		other := &workforce.Provider{ID: storetest.ID(t, "Provider"), Name: "Other", Kind: workforce.ProviderTrainingProvider}
		mustWrite(t, "UpsertProviders")(db.UpsertProviders(ctx, []*workforce.Provider{other}))
		for range 2 {
			if err := db.LinkProviderProgramme(ctx, other.ID, w.academy.ID); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.Programmes(ctx, []string{w.academy.ID})
		if err != nil || len(got) != 1 || got[0].ProviderID != other.ID {
			t.Errorf("after LinkProviderProgramme, Programmes = %v, %v; want provider %q", got, err, other.ID)
		}
		runs := query(t, db, `MATCH (p:Provider)-[:RUNS]->(:Programme {id: $id}) RETURN p.id`, map[string]any{"id": w.academy.ID})
		if len(runs) != 1 {
			t.Errorf("programme has %d providers, want 1", len(runs))
		}

		for _, learners := range []int{3, 5} {
			p := workforce.Progression{ProgrammeID: w.course.ID, OccupationID: w.chef.ID, Learners: learners, Period: "2024/25"}
			if err := db.RecordProgression(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		pp, err := db.ProgrammeProgressions(ctx, []string{w.course.ID})
		want := map[string][]workforce.Progression{w.course.ID: {{ProgrammeID: w.course.ID, OccupationID: w.chef.ID, Learners: 5, Period: "2024/25"}}}
		if diff := cmp.Diff(want, pp); err != nil || diff != "" {
			t.Errorf("ProgrammeProgressions mismatch (-want +got), %v:\n%s", err, diff)
		}
	})
}

func TestLinksBadInput(t *testing.T) {
	db := storetest.Open(t)
	w := newWorld(t, db)
	ctx := t.Context()
	missing := storetest.ID(t, "Missing")
	tests := []struct {
		name        string
		err         error
		code, field string
	}{
		{"unknown person", db.LinkPersonSkill(ctx, missing, workforce.PersonSkill{SkillID: w.care.ID, Level: 1}), workforce.ENOTFOUND, "personId"},
		{"unknown skill", db.LinkPersonSkill(ctx, w.ann.ID, workforce.PersonSkill{SkillID: missing, Level: 1}), workforce.ENOTFOUND, "skillId"},
		{"level 5", db.LinkPersonSkill(ctx, w.ann.ID, workforce.PersonSkill{SkillID: w.care.ID, Level: 5}), workforce.EINVALID, "level"},
		{"empty person id", db.LinkPersonSkill(ctx, "", workforce.PersonSkill{SkillID: w.care.ID, Level: 1}), workforce.EINVALID, "personId"},
		{"unlink unknown skill", db.UnlinkPersonSkill(ctx, w.ann.ID, missing), workforce.ENOTFOUND, "skillId"},
		{"confidence 2", db.LinkVacancySkill(ctx, w.open.ID, workforce.Requirement{SkillID: w.care.ID, Confidence: 2}), workforce.EINVALID, "confidence"},
		{"unknown vacancy", db.LinkVacancySkill(ctx, missing, workforce.Requirement{SkillID: w.care.ID}), workforce.ENOTFOUND, "vacancyId"},
		{"unlink unknown vacancy", db.UnlinkVacancySkill(ctx, missing, w.care.ID), workforce.ENOTFOUND, "vacancyId"},
		{"unknown occupation", db.LinkOccupationSkill(ctx, missing, workforce.Requirement{SkillID: w.care.ID}), workforce.ENOTFOUND, "occupationId"},
		{"unlink unknown occupation", db.UnlinkOccupationSkill(ctx, missing, w.care.ID), workforce.ENOTFOUND, "occupationId"},
		{"unknown programme", db.LinkProgrammeSkill(ctx, missing, w.care.ID), workforce.ENOTFOUND, "programmeId"},
		{"unlink unknown programme skill", db.UnlinkProgrammeSkill(ctx, w.academy.ID, missing), workforce.ENOTFOUND, "skillId"},
		{"programme to unknown occupation", db.LinkProgrammeOccupation(ctx, w.academy.ID, missing), workforce.ENOTFOUND, "occupationId"},
		{"unlink unknown programme", db.UnlinkProgrammeOccupation(ctx, missing, w.carer.ID), workforce.ENOTFOUND, "programmeId"},
		{"unknown provider", db.LinkProviderProgramme(ctx, missing, w.academy.ID), workforce.ENOTFOUND, "providerId"},
		{"provider of unknown programme", db.LinkProviderProgramme(ctx, w.college.ID, missing), workforce.ENOTFOUND, "programmeId"},
		{"negative learners", db.RecordProgression(ctx, workforce.Progression{ProgrammeID: w.academy.ID, OccupationID: w.carer.ID, Learners: -1, Period: "2024/25"}), workforce.EINVALID, "learners"},
		{"progression without period", db.RecordProgression(ctx, workforce.Progression{ProgrammeID: w.academy.ID, OccupationID: w.carer.ID}), workforce.EINVALID, "period"},
		{"progression to unknown occupation", db.RecordProgression(ctx, workforce.Progression{ProgrammeID: w.academy.ID, OccupationID: missing, Period: "2024/25"}), workforce.ENOTFOUND, "occupationId"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, tc.name, tc.err, tc.code, tc.field)
		})
	}
	// Nothing above changed a link.
	ps, err := db.PersonSkills(ctx, []string{w.ann.ID})
	if diff := cmp.Diff(map[string][]workforce.PersonSkill{w.ann.ID: {{SkillID: w.care.ID, Level: 3, Source: "adviser"}}}, ps); err != nil || diff != "" {
		t.Errorf("PersonSkills after bad links mismatch (-want +got), %v:\n%s", err, diff)
	}
	pp, err := db.ProgrammeProgressions(ctx, []string{w.academy.ID})
	if err != nil || len(pp) != 0 {
		t.Errorf("ProgrammeProgressions after bad records = %v, %v; want none", pp, err)
	}
}

func TestDelete(t *testing.T) {
	db := storetest.Open(t)
	w := newWorld(t, db)
	ctx := t.Context()
	if err := db.Delete(ctx, workforce.KindVacancy, w.open.ID); err != nil {
		t.Fatalf("Delete(%q) = %v", w.open.ID, err)
	}
	if err := db.Delete(ctx, workforce.KindPerson, w.ann.ID); err != nil {
		t.Fatalf("Delete(%q) = %v", w.ann.ID, err)
	}
	if got, err := db.Vacancies(ctx, []string{w.open.ID}); err != nil || len(got) != 0 {
		t.Errorf("after Delete, Vacancies = %v, %v; want none", got, err)
	}
	// Its relationships went with it; the nodes at their other ends stay.
	if got := query(t, db, `MATCH (n)-[r]-() WHERE n.id IN $ids RETURN r`, map[string]any{"ids": []string{w.open.ID, w.ann.ID}}); len(got) != 0 {
		t.Errorf("after Delete, %d relationships remain", len(got))
	}
	if got, err := db.Employers(ctx, []string{w.nhs.ID}); err != nil || len(got) != 1 {
		t.Errorf("after deleting its vacancy, Employers = %v, %v; want the employer", got, err)
	}
	if got, err := db.Skills(ctx, []string{w.care.ID}); err != nil || len(got) != 1 {
		t.Errorf("after deleting a person, Skills = %v, %v; want the skill", got, err)
	}

	tests := []struct {
		name        string
		kind        workforce.Kind
		id          string
		code, field string
	}{
		{"deleted already", workforce.KindVacancy, w.open.ID, workforce.ENOTFOUND, "id"},
		{"wrong kind", workforce.KindSkill, w.closed.ID, workforce.ENOTFOUND, "id"},
		{"unknown kind", "Planet", w.closed.ID, workforce.EINVALID, "kind"},
		{"empty id", workforce.KindVacancy, "", workforce.EINVALID, "id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, "Delete", db.Delete(ctx, tc.kind, tc.id), tc.code, tc.field)
		})
	}
	if got, err := db.Vacancies(ctx, []string{w.closed.ID}); err != nil || len(got) != 1 {
		t.Errorf("a failed Delete removed a vacancy: %v, %v", got, err)
	}
}
