package importer_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// csvWorld writes a skill, an occupation, an employer, a provider and a
// place for CSV rows to refer to, and returns their ids.
func csvWorld(t *testing.T) map[string]string {
	t.Helper()
	db := storetest.Open(t)
	ctx := context.Background()
	ids := map[string]string{
		"skill": storetest.ID(t, "Skill"), "occ": storetest.ID(t, "Occupation"), "emp": storetest.ID(t, "Employer"),
		"prov": storetest.ID(t, "Provider"), "place": storetest.ID(t, "Place"),
		"v1": storetest.ID(t, "Vacancy"), "v2": storetest.ID(t, "Vacancy"), "v3": storetest.ID(t, "Vacancy"), "v4": storetest.ID(t, "Vacancy"),
		"p1": storetest.ID(t, "Person"), "p2": storetest.ID(t, "Person"), "p3": storetest.ID(t, "Person"),
		"g1": storetest.ID(t, "Programme"), "g2": storetest.ID(t, "Programme"),
	}
	must := func(_ workforce.WriteResult, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.UpsertSkills(ctx, []*workforce.Skill{{ID: ids["skill"], Label: "test skill"}}))
	must(db.UpsertOccupations(ctx, []*workforce.Occupation{{ID: ids["occ"], Label: "test occupation"}}))
	must(db.UpsertPlaces(ctx, []*workforce.Place{{ID: ids["place"], Name: "Test place", Kind: workforce.PlaceLSOA}}))
	must(db.UpsertEmployers(ctx, []*workforce.Employer{{ID: ids["emp"], Name: "Test employer", Kind: workforce.EmployerVCSE}}))
	must(db.UpsertProviders(ctx, []*workforce.Provider{{ID: ids["prov"], Name: "Test provider", Kind: workforce.ProviderCollege}}))
	return ids
}

func TestImportCSV(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	ids := csvWorld(t)
	tests := []struct {
		kind, file string
		problems   []string
		summary    map[string]string // first and second run
		again      map[string]string
	}{
		{
			kind: "vacancies",
			file: "id,title,employer_id,occupation_id,place_id,lat,lon,salary_min,salary_max,contract,posted_at,closes_at,essential_skills,optional_skills,registration\n" +
				"{v1},Care worker,{emp},{occ},{place},51.86,-2.23,22000,24000,permanent,2025-09-01,2030-12-31,{skill},,nmc\n" +
				"{v2},Cook,no-such-employer,,,,,,,,,,,,\n" +
				"{v3},Porter,{emp},,,,,lots,,,,,,,\n" +
				"{v1},Duplicate,{emp},,,,,,,,,,,,\n" +
				"{v4},Nurse,{emp},,,,,,,,,,,,CQC\n",
			problems: []string{`vacancies.csv:3: employer_id: employer "no-such-employer" not found`,
				`vacancies.csv:4: salary_min: want a number, got "lots"`, `vacancies.csv:5: id: duplicate id`,
				`vacancies.csv:6: registration: unknown regulator "CQC"`},
			summary: map[string]string{"vacancies": "1 0 0 4 0", "vacancy requires": "1 0 0 0 0"},
			again:   map[string]string{"vacancies": "0 0 1 4 0", "vacancy requires": "0 0 1 0 0"},
		},
		{
			kind: "people",
			file: "id,name,email,place_id,travel_km,right_to_work,consent_matching,seeks,skills\n" +
				"{p1},Test Person (demo),p1@example.org,{place},10,yes,yes,{occ},{skill}#3\n" +
				"{p2},,not-an-email,,,,,,\n" +
				"{p3},,,,,maybe,,,{skill}#9\n",
			problems: []string{"people.csv:3: email: is not an email address", `people.csv:4: right_to_work: want true or false, got "maybe"`},
			summary:  map[string]string{"people": "1 0 0 2 0", "person skills": "1 0 0 0 0"},
			again:    map[string]string{"people": "0 0 1 2 0", "person skills": "0 0 1 0 0"},
		},
		{
			kind: "programmes",
			file: "id,title,kind,provider_id,start_date,duration_weeks,places_left,teaches,leads_to\n" +
				"{g1},Care academy (demo),pre_employment,{prov},2030-01-13,4,12,{skill},{occ}\n" +
				"{g2},Bad kind,seminar,{prov},,,,,\n",
			problems: []string{`programmes.csv:3: kind: unknown value "SEMINAR"`},
			summary:  map[string]string{"programmes": "1 0 0 1 0", "programme teaches": "1 0 0 0 0", "programme leads to": "1 0 0 0 0"},
			again:    map[string]string{"programmes": "0 0 1 1 0", "programme teaches": "0 0 1 0 0", "programme leads to": "0 0 1 0 0"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.kind, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{tc.kind + ".csv": tc.file}, ids)
			out, err := run(t, db, "csv", tc.kind, filepath.Join(dir, tc.kind+".csv"))
			if err != nil {
				t.Fatalf("import csv %s: %v\n%s", tc.kind, err, out)
			}
			mustContain(t, "import csv "+tc.kind, out, tc.problems...)
			for kind, want := range tc.summary {
				wantSummary(t, out, kind, want)
			}
			out, err = run(t, db, "csv", tc.kind, filepath.Join(dir, tc.kind+".csv"))
			if err != nil {
				t.Fatalf("import csv %s (again): %v", tc.kind, err)
			}
			for kind, want := range tc.again {
				wantSummary(t, out, kind, want)
			}
		})
	}
	if vs, err := db.Vacancies(ctx, []string{ids["v1"], ids["v4"]}); err != nil || len(vs) != 1 || vs[0].Registration != workforce.RegulatorNMC {
		t.Errorf("Vacancies(v1, v4) = %+v, %v; want v1 alone, requiring NMC registration", vs, err)
	}
	ps, err := db.PersonSkills(ctx, []string{ids["p1"]})
	if err != nil || len(ps[ids["p1"]]) != 1 || ps[ids["p1"]][0].Level != 3 {
		t.Errorf("PersonSkills(p1) = %+v, %v; want the skill at level 3", ps, err)
	}
}

func TestImportCSVMalformed(t *testing.T) {
	db := storetest.Open(t)
	ids := csvWorld(t)
	tests := []struct{ kind, file, want string }{
		{"vacancies", "id,title\n{v1},A\n", "lacks required column(s) employer_id"},
		{"people", "id,nmae\n{p1},A\n", `unknown column "nmae"`},
		{"programmes", "id,title,kind,provider_id\n{g1},\"A,PRE_EMPLOYMENT,{prov}\n", "programmes.csv"},
		{"people", "id,name\n{p1},A \xff\n", "invalid UTF-8"},
	}
	for _, tc := range tests {
		dir := writeFiles(t, map[string]string{tc.kind + ".csv": tc.file}, ids)
		_, err := run(t, db, "csv", tc.kind, filepath.Join(dir, tc.kind+".csv"))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("import csv %s %q: %v, want an error containing %q", tc.kind, tc.file, err, tc.want)
		}
	}
	people, _ := db.People(context.Background(), []string{ids["p1"]})
	vacancies, _ := db.Vacancies(context.Background(), []string{ids["v1"]})
	if len(people)+len(vacancies) != 0 {
		t.Errorf("malformed files wrote %d people and %d vacancies, want none", len(people), len(vacancies))
	}
}
