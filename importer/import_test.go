package importer_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/onework/onework/importer"
	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// writeFiles writes name => content files into a new temporary directory,
// replacing every "{key}" in the content with ids[key].
func writeFiles(t *testing.T, files map[string]string, ids map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		for k, v := range ids {
			content = strings.ReplaceAll(content, "{"+k+"}", v)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// run runs an import command and returns its output.
func run(t *testing.T, db *store.DB, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := importer.Run(context.Background(), args, db, &out)
	return out.String(), err
}

// mustContain fails unless out contains every want.
func mustContain(t *testing.T, what, out string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Errorf("%s output lacks %q:\n%s", what, w, out)
		}
	}
}

// summaryLine returns the summary table line for kind, with spaces
// collapsed: "skills 2 0 0 1 0".
func summaryLine(out, kind string) string {
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) >= 6 && strings.Join(f[:len(f)-5], " ") == kind {
			return strings.Join(f, " ")
		}
	}
	return ""
}

func wantSummary(t *testing.T, out, kind, want string) {
	t.Helper()
	if got := summaryLine(out, kind); got != kind+" "+want {
		t.Errorf("summary for %s = %q, want %q (created updated unchanged rejected missing)\n%s", kind, got, kind+" "+want, out)
	}
}

func escoFiles() map[string]string {
	return map[string]string{
		"skills_en.csv": `conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description
KnowledgeSkillCompetence,{s1},skill/competence,cross-sector,listen actively,"listen
hear out",,released,,,,,"Pay attention to what people say."
KnowledgeSkillCompetence,{s2},knowledge,transversal,first aid,,,released,,,,,First aid.
KnowledgeSkillCompetence,{s3},skill/competence,sector-specific,,,,released,,,,,No label.
SkillGroup,{s4},,,a group,,,released,,,,,
KnowledgeSkillCompetence,{s2},knowledge,transversal,first aid again,,,released,,,,,Duplicate.
`,
		"occupations_en.csv": `conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code
Occupation,{o1},5321,healthcare assistant,"care assistant
nursing auxiliary",,released,,,,,,Helps nurses.,5321.1
Occupation,{o2},5321,senior healthcare assistant,,,released,,,,,,Leads assistants.,5321.1.1
`,
		"occupationSkillRelations.csv": `occupationUri,relationType,skillType,skillUri
{o1},essential,skill/competence,{s1}
{o1},optional,knowledge,{s2}
{o2},essential,skill/competence,{s1}
{o2},sometimes,skill/competence,{s2}
{o2},essential,skill/competence,{s3}
`,
		"skillSkillRelations.csv": `originalSkillUri,originalSkillType,relationType,relatedSkillType,relatedSkillUri
{s1},skill/competence,optional,knowledge,{s2}
`,
		"broaderRelationsOccPillar.csv": `conceptType,conceptUri,broaderType,broaderUri
Occupation,{o2},Occupation,{o1}
Occupation,{o1},ISCOGroup,http://data.europa.eu/esco/isco/C5321
`,
		"broaderRelationsSkillPillar.csv": `conceptType,conceptUri,broaderType,broaderUri
KnowledgeSkillCompetence,{s2},KnowledgeSkillCompetence,{s1}
KnowledgeSkillCompetence,{s1},SkillGroup,{g1}
KnowledgeSkillCompetence,{s2},SkillGroup,{g1}
SkillGroup,{g1},SkillGroup,{g2}
`,
		"skillGroups_en.csv": `conceptType,conceptUri,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,inScheme,description,code
SkillGroup,{g1},listening and caring,,,released,,,,,S1.1
SkillGroup,{g2},communicating,,,released,,,,,S1
`,
	}
}

func escoIDs(t *testing.T) map[string]string {
	return map[string]string{
		"s1": storetest.ID(t, "Skill"), "s2": storetest.ID(t, "Skill"), "s3": storetest.ID(t, "Skill"), "s4": storetest.ID(t, "Skill"),
		"g1": storetest.ID(t, "SkillGroup"), "g2": storetest.ID(t, "SkillGroup"), "g3": storetest.ID(t, "SkillGroup"), "g4": storetest.ID(t, "SkillGroup"),
		"o1": storetest.ID(t, "Occupation"), "o2": storetest.ID(t, "Occupation"),
	}
}

func TestImportESCO(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	ids := escoIDs(t)
	dir := writeFiles(t, escoFiles(), ids)

	out, err := run(t, db, "import", "esco", dir, "--batch", "2")
	if err != nil {
		t.Fatalf("import esco: %v\n%s", err, out)
	}
	mustContain(t, "import esco", out,
		"skills_en.csv:5: label: must not be empty",
		"skills_en.csv:6: conceptType: want KnowledgeSkillCompetence",
		"skills_en.csv:7: conceptUri: duplicate id",
		"occupationSkillRelations.csv:5: relationType: want essential or optional, got \"sometimes\"",
		"occupationSkillRelations.csv:6: skillUri: unknown skill",
	)
	wantSummary(t, out, "skills", "2 0 0 3 0")
	wantSummary(t, out, "occupations", "2 0 0 0 0")
	wantSummary(t, out, "occupation requires", "3 0 0 2 0")
	wantSummary(t, out, "skill related", "1 0 0 0 0")
	wantSummary(t, out, "skill broader", "1 0 0 0 0")
	wantSummary(t, out, "occupation broader", "1 0 0 0 0")
	wantSummary(t, out, "skill groups", "2 0 0 0 0")
	wantSummary(t, out, "skill in group", "2 0 0 0 0")

	groups, err := db.SkillGroups(ctx, []string{ids["s1"], ids["s2"], ids["s3"]})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string][]string{ids["s1"]: {ids["g1"]}, ids["s2"]: {ids["g1"]}}, groups); diff != "" {
		t.Errorf("SkillGroups after import (-want +got):\n%s", diff)
	}
	tax, err := db.Taxonomy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := tax.SkillGroups[ids["s2"]]; len(got) != 1 || got[0] != ids["g1"] {
		t.Errorf("Taxonomy().SkillGroups[s2] = %v, want [g1]", got)
	}
	if got := tax.SkillLinks[ids["s1"]].Narrower; len(got) != 1 || got[0] != ids["s2"] {
		t.Errorf("Taxonomy().SkillLinks[s1].Narrower = %v, want [s2] only (a skill group is not a skill)", got)
	}

	skills, err := db.Skills(ctx, []string{ids["s1"]})
	if err != nil || len(skills) != 1 {
		t.Fatalf("Skills(s1) = %v, %v", skills, err)
	}
	if got := strings.Join(skills[0].AltLabels, "|"); got != "listen|hear out" {
		t.Errorf("Skills(s1).AltLabels = %q, want listen|hear out", got)
	}
	reqs, err := db.OccupationRequirements(ctx, []string{ids["o1"]})
	if err != nil {
		t.Fatal(err)
	}
	if got := reqs[ids["o1"]]; len(got) != 2 || got[0].Source != "esco" || got[0].Confidence != 1 {
		t.Errorf("OccupationRequirements(o1) = %+v, want 2 from esco with confidence 1", got)
	}
	links, err := db.OccupationLinks(ctx, []string{ids["o2"]})
	if err != nil {
		t.Fatal(err)
	}
	if got := links[ids["o2"]].Broader; len(got) != 1 || got[0] != ids["o1"] {
		t.Errorf("OccupationLinks(o2).Broader = %v, want [o1]", got)
	}

	out, err = run(t, db, "esco", dir)
	if err != nil {
		t.Fatalf("import esco (again): %v", err)
	}
	wantSummary(t, out, "skills", "0 0 2 3 0")
	wantSummary(t, out, "occupations", "0 0 2 0 0")
	wantSummary(t, out, "occupation requires", "0 0 3 2 0")
	wantSummary(t, out, "skill related", "0 0 1 0 0")
	wantSummary(t, out, "skill broader", "0 0 1 0 0")
	wantSummary(t, out, "occupation broader", "0 0 1 0 0")
	wantSummary(t, out, "skill groups", "0 0 2 0 0")
	wantSummary(t, out, "skill in group", "0 0 2 0 0")
}

// TestImportESCOSkillGroupsBadRows checks that bad skill groups and bad
// links to them are reported with their lines and the good ones written.
func TestImportESCOSkillGroupsBadRows(t *testing.T) {
	db := storetest.Open(t)
	const goodGroups = "conceptType,conceptUri,preferredLabel\nSkillGroup,{g1},listening and caring\n"
	const goodLinks = "conceptType,conceptUri,broaderType,broaderUri\nKnowledgeSkillCompetence,{s1},SkillGroup,{g1}\n"
	tests := []struct {
		name, groups, links string
		want                []string
		linksRejected       string
	}{
		{"groups", goodGroups + `SkillGroup,{g2},
KnowledgeSkillCompetence,{g3},not a group
SkillGroup,{g1},listening and caring again
SkillGroup,,no id
`, goodLinks, []string{
			"skillGroups_en.csv:3: preferredLabel: must not be empty",
			"skillGroups_en.csv:4: conceptType: want SkillGroup",
			"skillGroups_en.csv:5: conceptUri: duplicate id",
			"skillGroups_en.csv:6: conceptUri: must not be empty",
		}, "0"},
		{"links", goodGroups, goodLinks + `KnowledgeSkillCompetence,{s1},SkillGroup,{g1}
KnowledgeSkillCompetence,{s2},SkillGroup,{g2}
KnowledgeSkillCompetence,{s3},SkillGroup,{g1}
KnowledgeSkillCompetence,,SkillGroup,{g1}
`, []string{
			"broaderRelationsSkillPillar.csv:3: broaderUri: duplicate link (first on line 2)",
			"broaderRelationsSkillPillar.csv:4: broaderUri: unknown skill group",
			"broaderRelationsSkillPillar.csv:5: conceptUri: unknown skill",
			"broaderRelationsSkillPillar.csv:6: conceptUri: must not be empty",
		}, "4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ids := escoIDs(t)
			files := escoFiles()
			files["skills_en.csv"] = `conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description
KnowledgeSkillCompetence,{s1},skill/competence,cross-sector,listen actively,,Listen.
KnowledgeSkillCompetence,{s2},knowledge,transversal,first aid,,First aid.
`
			files["occupationSkillRelations.csv"] = "occupationUri,relationType,skillType,skillUri\n{o1},essential,skill/competence,{s1}\n"
			files["skillGroups_en.csv"], files["broaderRelationsSkillPillar.csv"] = tc.groups, tc.links
			out, err := run(t, db, "esco", writeFiles(t, files, ids))
			if err != nil {
				t.Fatalf("import esco: %v\n%s", err, out)
			}
			mustContain(t, "import esco", out, tc.want...)
			wantSummary(t, out, "skill in group", "1 0 0 "+tc.linksRejected+" 0")
			groups, err := db.SkillGroups(context.Background(), []string{ids["s1"], ids["s2"]})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(map[string][]string{ids["s1"]: {ids["g1"]}}, groups); diff != "" {
				t.Errorf("SkillGroups after import (-want +got):\n%s", diff)
			}
		})
	}
}

func TestImportESCOMalformedWritesNothing(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	tests := []struct {
		name, file, content, want string
	}{
		{"missing column", "skills_en.csv", "conceptType,conceptUri,skillType,preferredLabel,altLabels,description\n", "lacks required column(s) reuseLevel"},
		{"bad quoting", "occupationSkillRelations.csv", "occupationUri,relationType,skillType,skillUri\n{o1},essential,\"x\"y,{s1}\n", "occupationSkillRelations.csv"},
		{"extra field", "skillSkillRelations.csv", "originalSkillUri,originalSkillType,relationType,relatedSkillType,relatedSkillUri\n{s1},k,optional,k,{s2},extra\n", "wrong number of fields"},
		{"invalid utf-8", "occupations_en.csv", "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,description,code\nOccupation,{o1},5321,bad \xff label,,,5321.1\n", "invalid UTF-8"},
		{"missing file", "broaderRelationsOccPillar.csv", "", "no such file"},
		{"missing skill groups", "skillGroups_en.csv", "", "no such file"},
		{"skill groups without labels", "skillGroups_en.csv", "conceptType,conceptUri\nSkillGroup,{g1}\n", "lacks required column(s) preferredLabel"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ids := escoIDs(t)
			files := escoFiles()
			files[tc.file] = tc.content
			dir := writeFiles(t, files, ids)
			if tc.content == "" {
				os.Remove(filepath.Join(dir, tc.file))
			}
			out, err := run(t, db, "esco", dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("import esco error = %v, want one containing %q\n%s", err, tc.want, out)
			}
			skills, err := db.Skills(ctx, []string{ids["s1"], ids["s2"]})
			if err != nil || len(skills) != 0 {
				t.Errorf("after a malformed file, Skills = %d, %v; want nothing written", len(skills), err)
			}
		})
	}
}

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"import"}, {"esco"}, {"esco", "a", "b"}, {"nonsense", "x"}, {"csv", "pets", "f.csv"}, {"places", "a", "b", "c"}, {"esco", "d", "--batch", "0"}} {
		_, err := run(t, nil, args...)
		var ue *importer.UsageError
		if err == nil || !asUsage(err, &ue) {
			t.Errorf("Run(%q) = %v, want a usage error", args, err)
		}
	}
}

func asUsage(err error, target **importer.UsageError) bool {
	ue, ok := err.(*importer.UsageError)
	*target = ue
	return ok
}

var _ = workforce.KindSkill
