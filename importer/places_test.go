package importer_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onework/onework/store/storetest"
)

// placesFiles is a tiny geography: two LSOAs (one with a bad latitude) in
// one local authority, region and ICB, and one NHS trust.
func placesFiles() map[string]string {
	return map[string]string{
		"lsoa21_centroids.csv": `"lsoa21_name","lsoa21_code","centroid_long","centroid_lat"
"Testtown 001A","{l1}",-2.2,51.8
"Testtown 001B","{l2}",-2.3,north
"Testtown 001C","{l3}",-2.25,51.85
`,
		"lookup_lsoa21_ward24_ltla24.csv": `"lsoa21_name","lsoa21_code","ward24_name","ward24_code","ltla24_name","ltla24_code"
"Testtown 001A","{l1}","W","W1","Testtown","{la}"
"Testtown 001C","{l3}","W","W1","Testtown","{la}"
`,
		"lookup_lsoa21_icb24.csv": `"lsoa21_name","lsoa21_code","icb24_name","icb24_code"
"Testtown 001A","{l1}","NHS Test ICB","{icb}"
"Testtown 001C","{l3}","NHS Test ICB","{icb}"
`,
		"lookup_ltla24_region24.csv": `"ltla24_name","ltla24_code","region24_name","region24_code"
"Testtown","{la}","Test Region","{rg}"
`,
		"ltla24_centroids.csv":       "\"ltla24_name\",\"ltla24_code\",\"centroid_long\",\"centroid_lat\"\n\"Testtown\",\"{la}\",-2.22,51.82\n",
		"icb22_centroids.csv":        "\"icb22_name\",\"icb22_code\",\"centroid_long\",\"centroid_lat\"\n",
		"nhs_trusts22_points.csv":    "\"nhs_trust22_name\",\"nhs_trust22_code\",\"status\",\"long\",\"lat\"\n\"Test NHS Trust\",\"{trust}\",\"open\",-2.249,51.849\n\"Old NHS Trust\",\"{trust}X\",\"closed\",-2.2,51.8\n",
		"imd2025_england_lsoa21.csv": "\"lsoa21_code\",\"IMD_decile\"\n\"{l1}\",1\n\"{l3}\",11\n",
		"imd2025_england_ltla24.csv": "\"ltla24_code\",\"imd_rank_of_average_score\"\n\"{la}\",1\n",
		"imd2025_england_icb24.csv":  "\"icb24_code\",\"imd_rank_of_average_score\"\n\"{icb}\",1\n",
	}
}

func TestImportPlaces(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	// LSOA codes must start with E01 to count as English; the test prefix
	// comes after it so that storetest's clean-up (by prefix) misses them,
	// so the test deletes them itself.
	ids := map[string]string{
		"l1": storetest.ID(t, "Place"), "l2": storetest.ID(t, "Place"), "l3": storetest.ID(t, "Place"),
		"la": storetest.ID(t, "Place"), "rg": storetest.ID(t, "Place"), "icb": storetest.ID(t, "Place"),
		"trust": storetest.ID(t, "Employer"),
	}
	files := placesFiles()
	for _, k := range []string{"l1", "l2", "l3"} {
		for name, content := range files {
			files[name] = strings.ReplaceAll(content, "{"+k+"}", "E01"+ids[k])
		}
	}
	dir := writeFiles(t, files, ids)
	t.Cleanup(func() {
		for _, k := range []string{"l1", "l2", "l3"} {
			_ = db.Delete(context.Background(), "Place", "E01"+ids[k])
		}
		_ = db.Delete(context.Background(), "Employer", "ods:"+ids["trust"])
		// England stays: it is shared reference data with a real code.
	})
	out, err := run(t, db, "places", dir, dir)
	if err != nil {
		t.Fatalf("import places: %v\n%s", err, out)
	}
	mustContain(t, "import places", out,
		"lsoa21_centroids.csv:3: centroid_lat: want a number, got \"north\"",
		"imd2025_england_lsoa21.csv:3: IMD_decile: want a whole number from 1 to 10, got \"11\"")
	places, err := db.Places(ctx, []string{"E01" + ids["l1"], "E01" + ids["l3"], ids["la"], ids["rg"], ids["icb"]})
	if err != nil || len(places) != 5 {
		t.Fatalf("Places = %d, %v; want 5", len(places), err)
	}
	for _, p := range places {
		switch p.ID {
		case "E01" + ids["l1"]:
			if p.IMDDecile != 1 || len(p.ParentIDs) != 2 || p.Location == nil {
				t.Errorf("LSOA %+v, want decile 1, two parents and a location", p)
			}
		case ids["la"]:
			if p.IMDDecile != 1 || len(p.ParentIDs) != 1 || p.ParentIDs[0] != ids["rg"] {
				t.Errorf("LA %+v, want decile 1 in the region", p)
			}
		case ids["icb"], ids["rg"]:
			if p.Location == nil {
				t.Errorf("%s has no location, want the mean of its LSOAs' centroids", p.ID)
			}
		}
	}
	emps, err := db.Employers(ctx, []string{"ods:" + ids["trust"], "ods:" + ids["trust"] + "X"})
	if err != nil || len(emps) != 1 || emps[0].PlaceID != "E01"+ids["l3"] || emps[0].Kind != "NHS" {
		t.Errorf("Employers(trust) = %+v, %v; want the open trust, NHS, in the nearest LSOA", emps, err)
	}
	out, err = run(t, db, "places", dir, dir)
	if err != nil {
		t.Fatalf("import places (again): %v", err)
	}
	wantSummary(t, out, "places", "0 0 6 2 0")
	wantSummary(t, out, "employers", "0 0 1 0 0")
}

func TestImportPlacesMalformed(t *testing.T) {
	db := storetest.Open(t)
	files := placesFiles()
	files["lookup_lsoa21_icb24.csv"] = "\"lsoa21_code\",\"icb_name\"\n"
	dir := writeFiles(t, files, map[string]string{"l1": storetest.ID(t, "Place")})
	if _, err := run(t, db, "places", dir, dir); err == nil || !strings.Contains(err.Error(), "lacks required column(s) icb24_name, icb24_code") {
		t.Errorf("import places with a wrong header: %v, want a header error", err)
	}
}

// TestImportPlacesData imports every English LSOA with IMD and the NHS
// trusts, twice. Places and trusts are reference data with real ids, left
// in place for other tests and the demo.
func TestImportPlacesData(t *testing.T) {
	root := dataDir(t, "geography")
	db := storetest.Open(t)
	start := time.Now()
	out, err := run(t, db, "places", root)
	if err != nil {
		t.Fatalf("import places: %v\n%s", err, out)
	}
	t.Logf("first import in %s:\n%s", time.Since(start).Round(time.Millisecond), out)
	out, err = run(t, db, "places", filepath.Join(root, "geography"), filepath.Join(root, "imd"))
	if err != nil {
		t.Fatalf("import places (again): %v\n%s", err, out)
	}
	for _, kind := range []string{"places", "employers"} {
		if l := summaryLine(out, kind); !hasZeroCreatedUpdated(l, kind) {
			t.Errorf("second import: %q, want 0 created and 0 updated", l)
		}
	}
	got, err := db.Places(context.Background(), []string{"E01022289"})
	if err != nil || len(got) != 1 || got[0].IMDDecile != 1 {
		t.Errorf("Places(Gloucester 005B) = %+v, %v; want IMD decile 1", got, err)
	}
}
