package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// bulkWorld writes two skills, two occupations, a vacancy, a person, a
// programme and two sectors for bulk links to join, and returns their ids.
func bulkWorld(t *testing.T, db *store.DB) map[string]string {
	t.Helper()
	ctx := context.Background()
	id := map[string]string{
		"s1": storetest.ID(t, "Skill"), "s2": storetest.ID(t, "Skill"),
		"o1": storetest.ID(t, "Occupation"), "o2": storetest.ID(t, "Occupation"),
		"e": storetest.ID(t, "Employer"), "v": storetest.ID(t, "Vacancy"), "p": storetest.ID(t, "Person"),
		"prov": storetest.ID(t, "Provider"), "g": storetest.ID(t, "Programme"),
		"sec1": storetest.ID(t, "Sector"), "sec2": storetest.ID(t, "Sector"),
		"place": storetest.ID(t, "Place"),
	}
	steps := []func() (workforce.WriteResult, error){
		func() (workforce.WriteResult, error) {
			return db.UpsertSkills(ctx, []*workforce.Skill{{ID: id["s1"], Label: "one"}, {ID: id["s2"], Label: "two"}})
		},
		func() (workforce.WriteResult, error) {
			return db.UpsertOccupations(ctx, []*workforce.Occupation{{ID: id["o1"], Label: "one"}, {ID: id["o2"], Label: "two"}})
		},
		func() (workforce.WriteResult, error) {
			return db.UpsertPlaces(ctx, []*workforce.Place{{ID: id["place"], Name: "P", Kind: workforce.PlaceLSOA, Location: &workforce.Point{Lat: 51.5, Lon: -2.5}}})
		},
		func() (workforce.WriteResult, error) {
			return db.UpsertEmployers(ctx, []*workforce.Employer{{ID: id["e"], Name: "Bulk test employer", Kind: workforce.EmployerVCSE}})
		},
		func() (workforce.WriteResult, error) {
			return db.UpsertVacancies(ctx, []*workforce.Vacancy{{ID: id["v"], Title: "V", EmployerID: id["e"]}})
		},
		func() (workforce.WriteResult, error) { return db.UpsertPeople(ctx, []*workforce.Person{{ID: id["p"]}}) },
		func() (workforce.WriteResult, error) {
			return db.UpsertProviders(ctx, []*workforce.Provider{{ID: id["prov"], Name: "Pr", Kind: workforce.ProviderCollege}})
		},
		func() (workforce.WriteResult, error) {
			return db.UpsertProgrammes(ctx, []*workforce.Programme{{ID: id["g"], Title: "G", Kind: workforce.ProgrammeCourse, ProviderID: id["prov"]}})
		},
		func() (workforce.WriteResult, error) {
			return db.UpsertSectors(ctx, []*workforce.Sector{{ID: id["sec1"], Name: "S1"}, {ID: id["sec2"], Name: "S2"}})
		},
	}
	for _, step := range steps {
		if _, err := step(); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// wantCounts fails unless got equals want.
func wantCounts(t *testing.T, what string, got store.BulkCounts, err error, want store.BulkCounts) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if got != want {
		t.Errorf("%s = %+v, want %+v", what, got, want)
	}
}

func TestBulkRequirements(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	id := bulkWorld(t, db)
	req := func(from, skill string, essential bool, conf float64) store.BulkRequirement {
		return store.BulkRequirement{FromID: from, Requirement: workforce.Requirement{SkillID: skill, Essential: essential, Source: "esco", Confidence: conf}}
	}
	rows := []store.BulkRequirement{req(id["o1"], id["s1"], true, 1), req(id["o1"], id["s2"], false, 1), req(id["o1"], "no-such-skill", true, 1)}
	c, err := db.BulkOccupationRequirements(ctx, rows)
	wantCounts(t, "BulkOccupationRequirements", c, err, store.BulkCounts{Created: 2, Missing: 1})
	c, err = db.BulkOccupationRequirements(ctx, rows)
	wantCounts(t, "BulkOccupationRequirements (again)", c, err, store.BulkCounts{Unchanged: 2, Missing: 1})
	rows[1] = req(id["o1"], id["s2"], true, 0.5)
	c, err = db.BulkOccupationRequirements(ctx, rows)
	wantCounts(t, "BulkOccupationRequirements (changed)", c, err, store.BulkCounts{Updated: 1, Unchanged: 1, Missing: 1})
	got, err := db.OccupationRequirements(ctx, []string{id["o1"]})
	if err != nil || len(got[id["o1"]]) != 2 {
		t.Fatalf("OccupationRequirements = %v, %v", got, err)
	}
	for _, r := range got[id["o1"]] {
		if r.SkillID == id["s2"] && (!r.Essential || r.Confidence != 0.5) {
			t.Errorf("requirement of s2 = %+v, want essential with confidence 0.5", r)
		}
	}

	c, err = db.BulkVacancyRequirements(ctx, []store.BulkRequirement{req(id["v"], id["s1"], true, 0.7), req("no-such-vacancy", id["s1"], true, 1)})
	wantCounts(t, "BulkVacancyRequirements", c, err, store.BulkCounts{Created: 1, Missing: 1})
	vr, err := db.VacancyRequirements(ctx, []string{id["v"]})
	if err != nil || len(vr[id["v"]]) != 1 || vr[id["v"]][0].Confidence != 0.7 {
		t.Errorf("VacancyRequirements = %v, %v", vr, err)
	}

	if _, err := db.BulkOccupationRequirements(ctx, []store.BulkRequirement{req(id["o1"], id["s1"], true, 2)}); workforce.ErrorCode(err) != workforce.EINVALID {
		t.Errorf("BulkOccupationRequirements(confidence 2) = %v, want EINVALID", err)
	}
}

func TestBulkLinks(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	id := bulkWorld(t, db)
	tests := []struct {
		rel   store.BulkRel
		links []store.BulkLink
	}{
		{store.SkillBroader, []store.BulkLink{{FromID: id["s2"], ToID: id["s1"]}}},
		{store.OccupationBroader, []store.BulkLink{{FromID: id["o2"], ToID: id["o1"]}}},
		{store.ProgrammeTeaches, []store.BulkLink{{FromID: id["g"], ToID: id["s1"]}, {FromID: id["g"], ToID: id["s2"]}}},
		{store.ProgrammeLeadsTo, []store.BulkLink{{FromID: id["g"], ToID: id["o1"]}}},
		{store.OccupationInSector, []store.BulkLink{{FromID: id["o1"], ToID: id["sec1"]}}},
		{store.SectorBroader, []store.BulkLink{{FromID: id["sec2"], ToID: id["sec1"]}}},
	}
	for _, tc := range tests {
		links := append(tc.links, store.BulkLink{FromID: tc.links[0].FromID, ToID: "no-such-node"})
		c, err := db.BulkLinks(ctx, tc.rel, links)
		wantCounts(t, "BulkLinks", c, err, store.BulkCounts{Created: len(tc.links), Missing: 1})
		c, err = db.BulkLinks(ctx, tc.rel, links)
		wantCounts(t, "BulkLinks (again)", c, err, store.BulkCounts{Unchanged: len(tc.links), Missing: 1})
	}
	skills, err := db.ProgrammeSkills(ctx, []string{id["g"]})
	if err != nil || len(skills[id["g"]]) != 2 {
		t.Errorf("ProgrammeSkills = %v, %v; want 2", skills, err)
	}
	links, err := db.OccupationLinks(ctx, []string{id["o1"]})
	if err != nil || !slices.Equal(links[id["o1"]].Narrower, []string{id["o2"]}) {
		t.Errorf("OccupationLinks(o1) = %+v, %v; want o2 narrower", links, err)
	}
	sectors, err := db.OccupationSectors(ctx, []string{id["o1"]})
	if err != nil || !slices.Equal(sectors[id["o1"]], []string{id["sec1"]}) {
		t.Errorf("OccupationSectors(o1) = %v, %v", sectors, err)
	}
	if _, err := db.BulkLinks(ctx, store.BulkRel(99), nil); workforce.ErrorCode(err) != workforce.EINVALID {
		t.Errorf("BulkLinks(unknown rel) = %v, want EINVALID", err)
	}

	c, err := db.BulkSkillRelated(ctx, []store.BulkRelated{{FromID: id["s1"], ToID: id["s2"], Essential: false}})
	wantCounts(t, "BulkSkillRelated", c, err, store.BulkCounts{Created: 1})
	c, err = db.BulkSkillRelated(ctx, []store.BulkRelated{{FromID: id["s1"], ToID: id["s2"], Essential: true}})
	wantCounts(t, "BulkSkillRelated (changed)", c, err, store.BulkCounts{Updated: 1})
	sl, err := db.SkillLinks(ctx, []string{id["s1"]})
	if err != nil || !slices.Equal(sl[id["s1"]].Related, []string{id["s2"]}) || !slices.Equal(sl[id["s1"]].Narrower, []string{id["s2"]}) {
		t.Errorf("SkillLinks(s1) = %+v, %v", sl, err)
	}

	details := []store.BulkSectorDetails{{ID: id["sec1"], Description: "D", EntryRoutes: "E", Tasks: []string{"t"}, RelatedJobTitles: nil}}
	c, err = db.BulkSectorDetails(ctx, details)
	wantCounts(t, "BulkSectorDetails", c, err, store.BulkCounts{Created: 1})
	c, err = db.BulkSectorDetails(ctx, details)
	wantCounts(t, "BulkSectorDetails (again)", c, err, store.BulkCounts{Unchanged: 1})
}

func TestBulkPersonSkillsAndReads(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	id := bulkWorld(t, db)
	rows := []store.BulkPersonSkill{
		{PersonID: id["p"], PersonSkill: workforce.PersonSkill{SkillID: id["s1"], Level: 2, Source: "self"}},
		{PersonID: "no-such-person", PersonSkill: workforce.PersonSkill{SkillID: id["s1"], Level: 2, Source: "self"}},
	}
	c, err := db.BulkPersonSkills(ctx, rows)
	wantCounts(t, "BulkPersonSkills", c, err, store.BulkCounts{Created: 1, Missing: 1})
	rows[0].Level = 4
	c, err = db.BulkPersonSkills(ctx, rows)
	wantCounts(t, "BulkPersonSkills (changed)", c, err, store.BulkCounts{Updated: 1, Missing: 1})
	ps, err := db.PersonSkills(ctx, []string{id["p"]})
	if err != nil || len(ps[id["p"]]) != 1 || ps[id["p"]][0].Level != 4 {
		t.Errorf("PersonSkills = %v, %v; want level 4", ps, err)
	}

	found, err := db.BulkExisting(ctx, workforce.KindSkill, []string{id["s1"], "no-such-skill"})
	if err != nil || !found[id["s1"]] || found["no-such-skill"] {
		t.Errorf("BulkExisting = %v, %v", found, err)
	}
	ids, err := db.IDs(ctx, workforce.KindSkill)
	if err != nil || !slices.Contains(ids, id["s1"]) || !slices.IsSorted(ids) {
		t.Errorf("IDs(Skill): %d ids, %v; want them sorted, with s1", len(ids), err)
	}
	names, err := db.BulkEmployerNames(ctx)
	if err != nil || names[id["e"]] != "Bulk test employer" {
		t.Errorf("BulkEmployerNames()[e] = %q, %v", names[id["e"]], err)
	}
	points, err := db.BulkPlacePoints(ctx, workforce.PlaceLSOA)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(points, func(p *workforce.Place) bool { return p.ID == id["place"] })
	if i < 0 || *points[i].Location != (workforce.Point{Lat: 51.5, Lon: -2.5}) {
		t.Errorf("BulkPlacePoints lacks the test LSOA at 51.5,-2.5")
	}
}

func TestBulkDeletePrefix(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	id := bulkWorld(t, db)
	if err := db.BulkDeletePrefix(ctx, "short"); workforce.ErrorCode(err) != workforce.EINVALID {
		t.Errorf("BulkDeletePrefix(short) = %v, want EINVALID", err)
	}
	prefix := id["p"][:len(id["p"])-len("Person-12345678")]
	if err := db.BulkDeletePrefix(ctx, prefix); err != nil {
		t.Fatal(err)
	}
	people, _ := db.People(ctx, []string{id["p"]})
	vacancies, _ := db.Vacancies(ctx, []string{id["v"]})
	skills, _ := db.Skills(ctx, []string{id["s1"]})
	if len(people)+len(vacancies) != 0 || len(skills) != 1 {
		t.Errorf("after BulkDeletePrefix: %d people, %d vacancies, %d skills; want 0, 0 and the skill kept", len(people), len(vacancies), len(skills))
	}
}

func TestPruneOccupationSectors(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	id := bulkWorld(t, db)
	// Two sectors of one family, sharing a prefix; sec1 is of another.
	family := storetest.ID(t, "Sector") + ":"
	if _, err := db.UpsertSectors(ctx, []*workforce.Sector{{ID: family + "old", Name: "Old"}, {ID: family + "new", Name: "New"}}); err != nil {
		t.Fatal(err)
	}
	links := []store.BulkLink{{FromID: id["o1"], ToID: family + "old"}, {FromID: id["o1"], ToID: family + "new"}, {FromID: id["o1"], ToID: id["sec1"]}, {FromID: id["o2"], ToID: family + "new"}}
	if _, err := db.BulkLinks(ctx, store.OccupationInSector, links); err != nil {
		t.Fatal(err)
	}
	keep := []store.BulkLink{{FromID: id["o1"], ToID: family + "new"}, {FromID: id["o2"], ToID: family + "new"}}
	c, err := db.PruneOccupationSectors(ctx, family, keep)
	wantCounts(t, "PruneOccupationSectors", c, err, store.BulkCounts{Updated: 1})
	c, err = db.PruneOccupationSectors(ctx, family, keep)
	wantCounts(t, "PruneOccupationSectors (again)", c, err, store.BulkCounts{})
	sectors, err := db.OccupationSectors(ctx, []string{id["o1"], id["o2"]})
	if err != nil {
		t.Fatal(err)
	}
	got := sectors[id["o1"]]
	slices.Sort(got)
	want := []string{id["sec1"], family + "new"}
	slices.Sort(want)
	if !slices.Equal(got, want) || !slices.Equal(sectors[id["o2"]], []string{family + "new"}) {
		t.Errorf("OccupationSectors after pruning = %v, want o1 in %v and o2 in %s", sectors, want, family+"new")
	}
	for _, tc := range []struct {
		name   string
		prefix string
		links  []store.BulkLink
	}{
		{"no prefix", "", keep},
		{"no occupation", family, []store.BulkLink{{ToID: family + "new"}}},
		{"no sector", family, []store.BulkLink{{FromID: id["o1"]}}},
	} {
		if _, err := db.PruneOccupationSectors(ctx, tc.prefix, tc.links); workforce.ErrorCode(err) != workforce.EINVALID {
			t.Errorf("PruneOccupationSectors(%s) = %v, want EINVALID", tc.name, err)
		}
	}
}
