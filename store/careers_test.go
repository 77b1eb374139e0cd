package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

func TestCareerReads(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	skill, occ, emp := storetest.ID(t, "Skill"), storetest.ID(t, "Occupation"), storetest.ID(t, "Employer")
	prog, vac, closed := storetest.ID(t, "Programme"), storetest.ID(t, "Vacancy"), storetest.ID(t, "Vacancy")
	here := workforce.Point{Lat: 51.86, Lon: -2.24}
	past := time.Now().Add(-48 * time.Hour)
	must := func(_ workforce.WriteResult, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.UpsertSkills(ctx, []*workforce.Skill{{ID: skill, Label: "care planning"}}))
	must(db.UpsertOccupations(ctx, []*workforce.Occupation{{ID: occ, Label: "care worker", SOCCode: "6135", SOCSource: "crosswalk"}}))
	if err := db.LinkOccupationSkill(ctx, occ, workforce.Requirement{SkillID: skill, Essential: true, Source: "esco", Confidence: 1}); err != nil {
		t.Fatal(err)
	}
	must(db.UpsertEmployers(ctx, []*workforce.Employer{{ID: emp, Name: "Care Ltd", Kind: workforce.EmployerCareProvider}}))
	must(db.UpsertVacancies(ctx, []*workforce.Vacancy{
		{ID: vac, Title: "Care Worker", EmployerID: emp, OccupationID: occ, OccupationSource: "partner", OccupationConfidence: 1, Location: &here},
		{ID: closed, Title: "Care Worker", EmployerID: emp, OccupationID: occ, OccupationSource: "partner", OccupationConfidence: 1, Location: &here, ClosesAt: &past},
	}))
	must(db.UpsertProgrammes(ctx, []*workforce.Programme{{ID: prog, Title: "Care certificate", Kind: workforce.ProgrammeCourse, Location: &here}}))
	if err := db.LinkProgrammeSkill(ctx, prog, skill); err != nil {
		t.Fatal(err)
	}

	n, err := db.SetOccupationAttributes(ctx, []store.OccupationAttributes{{ID: occ, JobZone: 2, AnnualPay: 21500}})
	if err != nil || n != 1 {
		t.Fatalf("SetOccupationAttributes = %d, %v; want 1 changed", n, err)
	}
	if n, _ := db.SetOccupationAttributes(ctx, []store.OccupationAttributes{{ID: occ, JobZone: 2, AnnualPay: 21500}}); n != 0 {
		t.Errorf("setting the same attributes again changed %d, want 0", n)
	}
	tax, err := db.Taxonomy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var found *workforce.Occupation
	for _, o := range tax.Occupations {
		if o.ID == occ {
			found = o
		}
	}
	if found == nil || found.JobZone != 2 || found.AnnualPay != 21500 || found.SOCCode != "6135" || found.SOCSource != "crosswalk" {
		t.Errorf("Taxonomy occupation = %+v, want job zone 2, pay 21500 and its SOC code and source kept", found)
	}
	if reqs := tax.Requirements[occ]; len(reqs) != 1 || reqs[0].SkillID != skill {
		t.Errorf("Taxonomy requirements = %v", reqs)
	}
	counts, err := db.OpenVacancyCounts(ctx, workforce.Near{Point: here, WithinKm: 5}, time.Now())
	if err != nil || counts[occ] != 1 {
		t.Errorf("OpenVacancyCounts = %v, %v; want 1 open vacancy for the occupation", counts, err)
	}
	progs, err := db.ProgrammesTeaching(ctx, []string{skill}, &workforce.Near{Point: here, WithinKm: 5}, 10)
	if err != nil || len(progs) != 1 || progs[0].ID != prog {
		t.Errorf("ProgrammesTeaching = %v, %v", progs, err)
	}
	far := workforce.Near{Point: workforce.Point{Lat: 55, Lon: -2}, WithinKm: 5}
	if progs, _ := db.ProgrammesTeaching(ctx, []string{skill}, &far, 10); len(progs) != 0 {
		t.Errorf("ProgrammesTeaching far away = %v, want none", progs)
	}
	if _, err := db.SetOccupationAttributes(ctx, []store.OccupationAttributes{{ID: occ, JobZone: 9}}); workforce.ErrorCode(err) != workforce.EINVALID {
		t.Errorf("job zone 9: %v, want EINVALID", err)
	}
}
