package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/onework/onework/careers"
	"github.com/onework/onework/importer"
	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// dataDir returns the reference data folder, skipping the test when it is
// absent (or failing when ONEWORK_REQUIRE_DATA=1).
func dataDir(t *testing.T, sub string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dir, sub)); err != nil {
		if os.Getenv("ONEWORK_REQUIRE_DATA") == "1" {
			t.Fatalf("../shared/data/%s not found but ONEWORK_REQUIRE_DATA=1", sub)
		}
		t.Skipf("../shared/data not found: skipping tests on the reference data (%s)", sub)
	}
	return dir
}

// TestImportESCOData imports the whole of ESCO v1.1.1 twice. ESCO is
// reference data with real ids that other tests and the demo use, so it is
// left in place.
func TestImportESCOData(t *testing.T) {
	dir := filepath.Join(dataDir(t, "esco-v1.1.1"), "esco-v1.1.1")
	db := storetest.Open(t)
	start := time.Now()
	out, err := run(t, db, "esco", dir)
	if err != nil {
		t.Fatalf("import esco: %v\n%s", err, out)
	}
	t.Logf("first import in %s:\n%s", time.Since(start).Round(time.Millisecond), out)
	start = time.Now()
	out, err = run(t, db, "esco", dir)
	if err != nil {
		t.Fatalf("import esco (again): %v\n%s", err, out)
	}
	t.Logf("second import in %s:\n%s", time.Since(start).Round(time.Millisecond), out)
	for _, kind := range []string{"skills", "occupations", "occupation requires", "skill related", "skill broader", "occupation broader"} {
		if l := summaryLine(out, kind); len(l) == 0 || !hasZeroCreatedUpdated(l, kind) {
			t.Errorf("second import: %q, want 0 created and 0 updated", l)
		}
	}
	n, err := db.CountSkills(context.Background(), workforce.SkillFilter{})
	if err != nil || n < 13_890 {
		t.Errorf("CountSkills = %d, %v; want all of ESCO's 13,896 (and maybe more)", n, err)
	}
	_ = importer.DefaultBatchSize
}

// TestESCOSkillGroupsAsCareers checks that "import esco" files skills under
// the same skill groups as the career-moves evaluation reads (careers.LoadData),
// so that the served engine, built from the graph, is the one measured.
func TestESCOSkillGroupsAsCareers(t *testing.T) {
	root := dataDir(t, "esco-v1.1.1")
	c, err := importer.ReadESCOConcepts(filepath.Join(root, "esco-v1.1.1"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := careers.LoadData(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.SkillGroups) < 10_000 {
		t.Errorf("ReadESCOConcepts: %d skills with a skill group, want most of ESCO's 13,896", len(c.SkillGroups))
	}
	if diff := cmp.Diff(d.SkillGroups, c.SkillGroups); diff != "" {
		t.Errorf("skill groups of the import differ from careers.LoadData's (-LoadData +import):\n%s", diff)
	}
}

func hasZeroCreatedUpdated(line, kind string) bool {
	rest := line[len(kind)+1:]
	return len(rest) > 4 && rest[:4] == "0 0 "
}

// TestImportSOCData imports ESCO (if needed) and then SOC 2020, twice. SOC
// sectors and SOC codes are reference data, left in place.
func TestImportSOCData(t *testing.T) {
	root := dataDir(t, "uk-soc2020")
	db := storetest.Open(t)
	ctx := context.Background()
	if n, err := db.CountOccupations(ctx, workforce.OccupationFilter{}); err != nil || n < 3000 {
		if out, err := run(t, db, "esco", filepath.Join(root, "esco-v1.1.1")); err != nil {
			t.Fatalf("import esco: %v\n%s", err, out)
		}
	}
	out, err := run(t, db, "soc", filepath.Join(root, "uk-soc2020"))
	if err != nil {
		t.Fatalf("import soc: %v\n%s", err, out)
	}
	t.Logf("first import:\n%s", out)
	out, err = run(t, db, "soc", filepath.Join(root, "uk-soc2020"))
	if err != nil {
		t.Fatalf("import soc (again): %v\n%s", err, out)
	}
	for _, kind := range []string{"sectors", "sector details", "sector broader", "occupations", "occupation in sector", "occupation left sector"} {
		if l := summaryLine(out, kind); !hasZeroCreatedUpdated(l, kind) {
			t.Errorf("second import: %q, want 0 created and 0 updated\n%s", l, out)
		}
	}
	const hca = "http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082"
	occs, err := db.Occupations(ctx, []string{hca})
	if err != nil || len(occs) != 1 || occs[0].SOCCode != "6131" {
		t.Fatalf("Occupations(healthcare assistant) = %+v, %v; want SOC code 6131", occs, err)
	}
	sectors, err := db.OccupationSectors(ctx, []string{hca})
	if err != nil || !slices.Contains(sectors[hca], importer.SOCSectorPrefix+"6131") {
		t.Errorf("OccupationSectors(healthcare assistant) = %v, %v; want soc2020:6131", sectors, err)
	}
	// Queryable the other way: the unit group's occupations.
	in, err := db.FindOccupations(ctx, workforce.OccupationFilter{SectorID: importer.SOCSectorPrefix + "6131"}, workforce.Page{First: 500})
	if err != nil || !slices.ContainsFunc(in.Items, func(o *workforce.Occupation) bool { return o.ID == hca }) {
		t.Errorf("FindOccupations(sector soc2020:6131) = %v, %v; want the healthcare assistant among them", in, err)
	}
	// An occupation the crosswalk does not name takes the coding index's
	// group for its title, else its broader occupation's; each says which.
	const consultant = "http://data.europa.eu/esco/occupation/c66b4569-09aa-4d8d-93d9-ac9b9176655d"
	const hotelSecurity = "http://data.europa.eu/esco/occupation/ebb4061a-906f-45fe-b4c0-a871c11f6fab"
	wantSOC := func(when string, want map[string][2]string) {
		t.Helper()
		ids := []string{hca}
		for id := range want {
			ids = append(ids, id)
		}
		occs, err := db.Occupations(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		sectors, err := db.OccupationSectors(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range occs {
			w, ok := want[o.ID]
			if !ok {
				continue
			}
			if o.SOCCode != w[0] || o.SOCSource != w[1] {
				t.Errorf("%s: %s: SOC %s (%s), want %s (%s)", when, o.Label, o.SOCCode, o.SOCSource, w[0], w[1])
			}
			var soc []string
			for _, s := range sectors[o.ID] {
				if strings.HasPrefix(s, importer.SOCSectorPrefix) {
					soc = append(soc, s)
				}
			}
			if len(soc) != 1 || soc[0] != importer.SOCSectorPrefix+w[0] {
				t.Errorf("%s: %s is in SOC sectors %v, want only %s", when, o.Label, soc, importer.SOCSectorPrefix+w[0])
			}
		}
	}
	want := map[string][2]string{
		hca:           {"6131", careers.SOCFromCrosswalk},
		consultant:    {"3319", careers.SOCFromIndexTitle},
		hotelSecurity: {"6214", careers.SOCInheritedFrom + "security guard"},
	}
	wantSOC("import soc", want)
	// A graph imported before the coding index was read has the security
	// consultant in security guard's group: importing again moves it.
	old, err := db.Occupations(ctx, []string{consultant})
	if err != nil || len(old) != 1 {
		t.Fatalf("Occupations(security consultant) = %v, %v", old, err)
	}
	old[0].SOCCode, old[0].SOCSource = "6214", ""
	if _, err := db.UpsertOccupations(ctx, old); err != nil {
		t.Fatal(err)
	}
	if _, err := db.BulkLinks(ctx, store.OccupationInSector, []store.BulkLink{{FromID: consultant, ToID: importer.SOCSectorPrefix + "6214"}}); err != nil {
		t.Fatal(err)
	}
	out, err = run(t, db, "soc", filepath.Join(root, "uk-soc2020"))
	if err != nil {
		t.Fatalf("import soc (over an old group): %v\n%s", err, out)
	}
	wantSummary(t, out, "occupation left sector", "0 1 0 0 0")
	if l := summaryLine(out, "occupations"); !strings.HasPrefix(l, "occupations 0 1 ") {
		t.Errorf("import soc over an old group: %q, want 1 occupation updated\n%s", l, out)
	}
	wantSOC("import soc over an old group", want)
	// Every occupation has a unit group: the crosswalk's, its broader
	// occupation's, or its ISCO group's most named.
	ids, err := db.IDs(ctx, workforce.KindOccupation)
	if err != nil {
		t.Fatal(err)
	}
	without, escoOccs := 0, 0
	for chunk := range slices.Chunk(ids, 2000) {
		occs, err := db.Occupations(ctx, chunk)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range occs {
			if strings.HasPrefix(o.ID, "http://data.europa.eu/esco/occupation/") {
				escoOccs++
				if o.SOCCode == "" {
					without++
				}
			}
		}
	}
	if without > 0 || escoOccs < 3000 {
		t.Errorf("%d of %d ESCO occupations have no SOC 2020 unit group", without, escoOccs)
	}
	// Re-importing ESCO keeps the SOC codes.
	if out, err := run(t, db, "esco", filepath.Join(root, "esco-v1.1.1")); err != nil || !hasZeroCreatedUpdated(summaryLine(out, "occupations"), "occupations") {
		t.Errorf("import esco after soc: %v, want occupations unchanged\n%s", err, out)
	}
	wantSOC("import esco after soc", want)
}
