package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// TestImportNestaData imports ESCO (if needed) and then Nesta's attributes
// and sectors, twice. They are reference data, left in place.
func TestImportNestaData(t *testing.T) {
	root := dataDir(t, "nesta")
	db := storetest.Open(t)
	ctx := context.Background()
	if n, err := db.CountOccupations(ctx, workforce.OccupationFilter{}); err != nil || n < 3000 {
		if out, err := run(t, db, "esco", filepath.Join(root, "esco-v1.1.1")); err != nil {
			t.Fatalf("import esco: %v\n%s", err, out)
		}
	}
	out, err := run(t, db, "nesta", root)
	if err != nil {
		t.Fatalf("import nesta: %v\n%s", err, out)
	}
	t.Logf("first import:\n%s", out)
	out, err = run(t, db, "nesta", root)
	if err != nil {
		t.Fatalf("import nesta (again): %v\n%s", err, out)
	}
	for _, kind := range []string{"occupation attributes", "sectors", "occupation sectors"} {
		if l := summaryLine(out, kind); !hasZeroCreatedUpdated(l, kind) {
			t.Errorf("second import: %q, want 0 created and 0 updated\n%s", l, out)
		}
	}
	const hca = "http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082"
	occs, err := db.Occupations(ctx, []string{hca})
	if err != nil || len(occs) != 1 || occs[0].JobZone == 0 || occs[0].AnnualPay == 0 {
		t.Fatalf("Occupations(healthcare assistant) = %+v, %v; want a job zone and pay", occs, err)
	}
	sectors, err := db.OccupationSectors(ctx, []string{hca})
	if err != nil || !slices.ContainsFunc(sectors[hca], func(s string) bool { return strings.HasPrefix(s, "nesta-sector-") }) {
		t.Errorf("OccupationSectors(healthcare assistant) = %v, %v; want a skills-based sector", sectors, err)
	}
}

func TestImportNestaRefusesBrokenFiles(t *testing.T) {
	db := storetest.Open(t)
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "esco-v1.1.1"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "esco-v1.1.1", "occupations_en.csv"), []byte("conceptUri,\"broken\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before, err := db.CountSectors(context.Background(), workforce.SectorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if out, err := run(t, db, "nesta", dir); err == nil {
		t.Fatalf("import nesta of broken files = nil error\n%s", out)
	}
	if after, _ := db.CountSectors(context.Background(), workforce.SectorFilter{}); after != before {
		t.Errorf("a failed import wrote sectors: %d before, %d after", before, after)
	}
}
