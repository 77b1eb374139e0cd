package importer_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onework/onework/importer"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

const postingsJSONL = `{"@type": "JobPosting", "_vacancy_id": "{v1}", "title": "Healthcare Assistant - Band 3", "description": "&lt;p&gt;You will listen actively to patients.&lt;/p&gt;&lt;p&gt;Current NMC registration is essential.&lt;/p&gt;", "datePosted": "2020-11-01T10:00:00+0000", "validThrough": "2020-11-30T23:59:59+0000", "employmentType": "FULL_TIME", "hiringOrganization": {"name": "{org} NHS Trust"}, "jobLocation": {"address": {"postalCode": "GL1 3NN", "addressLocality": "GLOUCESTER"}, "geo": {"latitude": "51.8611", "longitude": "-2.2353"}}, "baseSalary": {"currency": "GBP", "value": {"unitText": "HOUR", "minValue": "10", "maxValue": "12", "value": "£10 to £12 per hour"}}}
{"@type": "JobPosting", "_vacancy_id": "{v2}", "title": "Kitchen porter", "description": "Wash up", "datePosted": "yesterday", "hiringOrganization": {"name": "{org} Cafe"}}

{"@type": "JobPosting", "_vacancy_id": "{v3}", "title": "Receptionist", "description": "", "datePosted": "2020-11-02T10:00:00+0000", "validThrough": "2020-10-01T00:00:00+0000", "hiringOrganization": {"name": "{org} Surgery"}}
{"@type": "JobPosting", "_vacancy_id": "{v4}", "title": 42, "hiringOrganization": {"name": "{org} Cafe"}}
{"@type": "JobPosting", "_vacancy_id": "{v5}", "title": "Bank Porter", "description": "Porters move patients.", "employmentType": ["PART_TIME"], "hiringOrganization": {"name": "{org} Cafe"}}
`

func TestImportJobPostings(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	ids := map[string]string{"org": storetest.ID(t, "Employer"), "skill": storetest.ID(t, "Skill"), "occ": storetest.ID(t, "Occupation")}
	for _, k := range []string{"v1", "v2", "v3", "v4", "v5"} {
		ids[k] = storetest.ID(t, "Vacancy")
	}
	if _, err := db.UpsertSkills(ctx, []*workforce.Skill{{ID: ids["skill"], Label: "listen actively"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpsertOccupations(ctx, []*workforce.Occupation{{ID: ids["occ"], Label: "healthcare assistant"}}); err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, map[string]string{"jobs.jsonl": postingsJSONL}, ids)
	// Ids are "jobposting:" + _vacancy_id and "org:" + a slug of the name,
	// outside storetest's prefix, so the test deletes them itself.
	t.Cleanup(func() {
		for _, k := range []string{"v1", "v5"} {
			_ = db.Delete(context.Background(), workforce.KindVacancy, "jobposting:"+ids[k])
		}
		names, _ := db.BulkEmployerNames(context.Background())
		for id, name := range names {
			if strings.HasPrefix(name, ids["org"]) {
				_ = db.Delete(context.Background(), workforce.KindEmployer, id)
			}
		}
	})
	// A stand-in matcher keeps the test independent of textmatch's tuning.
	im := &importer.Importer{DB: db, Match: func(title, text string) (string, float64, bool, []importer.FoundSkill) {
		if strings.HasPrefix(title, "Healthcare Assistant") {
			return ids["occ"], 0.9, true, []importer.FoundSkill{{SkillID: ids["skill"], Confidence: 0.8}}
		}
		return "", 0, false, nil
	}}
	s, err := im.JobPostings(ctx, filepath.Join(dir, "jobs.jsonl"), nil)
	if err != nil {
		t.Fatalf("JobPostings: %v", err)
	}
	var problems []string
	for _, p := range s.Problems {
		problems = append(problems, p.String())
	}
	got := strings.Join(problems, "\n")
	for _, want := range []string{
		`jobs.jsonl:2: datePosted: want an ISO 8601 date or time, got "yesterday"`,
		"jobs.jsonl:4: closesAt: must not be before postedAt",
		"jobs.jsonl:5: title: want string, got JSON number",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
	vs, err := db.Vacancies(ctx, []string{"jobposting:" + ids["v1"], "jobposting:" + ids["v5"]})
	if err != nil || len(vs) != 2 {
		t.Fatalf("Vacancies = %d, %v; want 2", len(vs), err)
	}
	for _, v := range vs {
		switch v.ID {
		case "jobposting:" + ids["v1"]:
			if v.SalaryMin != 10*37.5*52 || v.SalaryMax != 12*37.5*52 || v.Contract != workforce.ContractPermanent || v.Location == nil {
				t.Errorf("v1 = %+v, want annual pay from hourly, permanent, located", v)
			}
			if !strings.Contains(v.Description, "You will listen actively") || strings.Contains(v.Description, "<p>") {
				t.Errorf("v1 description = %q, want plain text", v.Description)
			}
			if v.PostedAt == nil || !v.PostedAt.Equal(time.Date(2020, 11, 1, 10, 0, 0, 0, time.UTC)) {
				t.Errorf("v1 postedAt = %v", v.PostedAt)
			}
			if v.Registration != workforce.RegulatorNMC {
				t.Errorf("v1 registration = %q, want NMC as the advert names it", v.Registration)
			}
			if v.OccupationID != ids["occ"] || v.OccupationSource != "title-match" || v.OccupationConfidence != 0.9 {
				t.Errorf("v1 occupation = %q %q %v, want the matched one", v.OccupationID, v.OccupationSource, v.OccupationConfidence)
			}
		case "jobposting:" + ids["v5"]:
			if v.Registration != "" {
				t.Errorf("v5 registration = %q, want none: the advert names no register", v.Registration)
			}
			if v.Contract != workforce.ContractBank {
				t.Errorf("v5 contract = %s, want BANK from the title", v.Contract)
			}
		}
	}
	reqs, err := db.VacancyRequirements(ctx, []string{"jobposting:" + ids["v1"]})
	if err != nil {
		t.Fatal(err)
	}
	if r := reqs["jobposting:"+ids["v1"]]; len(r) != 1 || r[0].Source != "description" || r[0].Confidence != 0.8 {
		t.Errorf("VacancyRequirements(v1) = %+v, want the skill found in the description", r)
	}
	emps, err := db.Employers(ctx, []string{vs[0].EmployerID, vs[1].EmployerID})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range emps {
		want := workforce.EmployerPrivate
		if strings.HasSuffix(e.Name, "NHS Trust") {
			want = workforce.EmployerNHS
		}
		if e.Kind != want {
			t.Errorf("employer %q kind = %s, want %s", e.Name, e.Kind, want)
		}
	}
	s, err = im.JobPostings(ctx, filepath.Join(dir, "jobs.jsonl"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if tot := s.Total(); tot.Created != 0 || tot.Updated != 0 {
		t.Errorf("second import: %+v, want nothing created or updated", tot)
	}
}

func TestImportJobPostingsMalformed(t *testing.T) {
	db := storetest.Open(t)
	ids := map[string]string{"v1": storetest.ID(t, "Vacancy"), "org": storetest.ID(t, "Employer")}
	for name, content := range map[string]string{
		"truncated.json":  `[{"@type": "JobPosting", "_vacancy_id": "{v1}", "title": "A", "hiringOrganization": {"name": "{org}"}}, {"title": "B"`,
		"truncated.jsonl": `{"@type": "JobPosting", "_vacancy_id": "{v1}", "title": "A", "hiringOrganization": {"name": "{org}"}}` + "\n" + `{"title": "B",`,
		"badutf8.jsonl":   `{"@type": "JobPosting", "_vacancy_id": "{v1}", "title": "A` + "\xff" + `", "hiringOrganization": {"name": "{org}"}}`,
	} {
		dir := writeFiles(t, map[string]string{name: content}, ids)
		out, err := run(t, db, "jobpostings", filepath.Join(dir, name))
		if err == nil {
			t.Errorf("import jobpostings %s = nil error, want malformed\n%s", name, out)
		}
		if vs, _ := db.Vacancies(context.Background(), []string{"jobposting:" + ids["v1"]}); len(vs) != 0 {
			t.Errorf("import jobpostings %s wrote a vacancy, want nothing written", name)
		}
	}
}

// TestReadJobPostingsData reads every real 2020 NHS advert without writing
// them (the measurement in docs/import.md does that).
func TestReadJobPostingsData(t *testing.T) {
	root := dataDir(t, "vacancies")
	d, err := importer.ReadJobPostings(filepath.Join(root, "vacancies", "nhs_jobs_2020.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(d.Postings) + len(d.Summary.Problems); n != 14_842 {
		t.Errorf("ReadJobPostings: %d good + %d rejected, want 14,842 in all", len(d.Postings), len(d.Summary.Problems))
	}
	t.Logf("%d good, %d rejected", len(d.Postings), len(d.Summary.Problems))
	for i, p := range d.Summary.Problems {
		if i < 5 {
			t.Logf("  %s", p)
		}
	}
}
