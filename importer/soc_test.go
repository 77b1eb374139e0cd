package importer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/onework/onework/careers"
)

func TestReadSOC(t *testing.T) {
	dir := t.TempDir()
	structure := `level,code,title,groups_classified_within,description,typical_entry_routes_and_qualifications,tasks,related_job_titles
major,6,"Caring, leisure and other service occupations",,Major group.,,,
sub_major,61,Caring personal service occupations,,Sub-major group.,,,
minor,613,Caring personal services,,Minor group.,,,
unit,6131,Nursing auxiliaries and assistants,,"Assist nurses.",NVQs are available.,"~takes temperatures

~helps patients wash","~Healthcare assistant

~Nursing auxiliary"
unit,61x1,Bad code,,,,,
`
	crosswalk := `sheet,uk_type,soc2020_code,soc2020_title,esco_type,esco_code,esco_title,esco_description,esco_skills,notes
MG6,,,Caring,,,,,,
MG6,1 to 1,6131/01,Healthcare assistants,1 to 1,5321.1,Healthcare assistant,,,
MG6,1 to 1,6131/02,Nursing auxiliaries,1 to 1,5321.1,Healthcare assistant,,,
MG6,1 to 1,6135/00,Care workers,1 to 1,5321.1,Healthcare assistant,,,
MG6,1 to 1,6136/00,Senior care workers,1 to 1,3412.4.2,Care at home worker,,,
MG6,1 to 1,6135/00,Care workers,1 to 1,3412.4.2,Care at home worker,,,
MG6,1 to 1,61350,Care workers,1 to 1,9999.1,Bad,,,
`
	index := `unique_id,recno,title,indexocc,additional_qualifier,industry_qualifier,soc2020_unit_group
a,1,Security consultant,"Consultant, security",,,3319
b,2,"Assistant, care",,,,6135
`
	for name, content := range map[string]string{socStructure: structure, socCrosswalk: crosswalk, socIndex: index} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := readSOC(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.sectors) != 4 || d.sectors[3].ID != "soc2020:6131" || d.sectors[3].Name != "6131 Nursing auxiliaries and assistants" {
		t.Errorf("sectors = %+v, want 4 ending with soc2020:6131", d.sectors)
	}
	if got := d.details[3].Tasks; !slices.Equal(got, []string{"takes temperatures", "helps patients wash"}) {
		t.Errorf("tasks = %q", got)
	}
	if len(d.broader) != 3 || d.broader[2].FromID != "soc2020:6131" || d.broader[2].ToID != "soc2020:613" {
		t.Errorf("broader = %+v", d.broader)
	}
	// Most rows win; a tie goes to the lower code.
	if d.unitOfESCOCode["5321.1"] != "6131" || d.unitOfESCOCode["3412.4.2"] != "6135" {
		t.Errorf("unitOfESCOCode = %v, want 5321.1 => 6131, 3412.4.2 => 6135", d.unitOfESCOCode)
	}
	// The coding index is read with the title matcher's normalisation.
	for title, want := range map[string]string{"security consultant": "3319", "Care Assistant": "6135", "security guard": ""} {
		if got, _ := careers.IndexUnit(d.index(title)); got != want {
			t.Errorf("index(%q) = %q, want %q", title, got, want)
		}
	}
	var problems []string
	for _, p := range d.summary.Problems {
		problems = append(problems, p.String())
	}
	got := strings.Join(problems, "\n")
	for _, want := range []string{`soc2020_structure_descriptions.csv:10: code: want a SOC 2020 code`, `soc2020ext_esco_draft_crosswalk.csv:8: soc2020_code: want a unit group code`} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
	for _, bad := range []struct{ content, want string }{
		{"title,soc_code\nGuard,9231\n", "no column soc2020_unit_group"},
		{"title,soc2020_unit_group\nGuard,92310\n", `unit group "92310"`},
	} {
		if err := os.WriteFile(filepath.Join(dir, socIndex), []byte(bad.content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readSOC(dir); err == nil || !strings.Contains(err.Error(), bad.want) || !strings.Contains(err.Error(), socIndex) {
			t.Errorf("readSOC with coding index %q: %v, want an error naming the file and %q", bad.content, err, bad.want)
		}
	}
	if err := os.Remove(filepath.Join(dir, socIndex)); err != nil {
		t.Fatal(err)
	}
	if _, err := readSOC(dir); err == nil || !strings.Contains(err.Error(), socIndex) {
		t.Errorf("readSOC without a coding index: %v, want an error naming it", err)
	}
	if err := os.WriteFile(filepath.Join(dir, socCrosswalk), []byte("soc_code,esco\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readSOC(dir); err == nil || !strings.Contains(err.Error(), `no column "soc2020_code"`) {
		t.Errorf("readSOC with a wrong crosswalk header: %v", err)
	}
}
