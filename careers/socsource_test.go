package careers

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/onework/onework/workforce"
)

// DataDir is dataDir, for the tests of package careers_test.
var DataDir = dataDir

func TestIndexUnit(t *testing.T) {
	for _, tc := range []struct {
		name  string
		units []string
		want  string
	}{
		{"one row", []string{"3319"}, "3319"},
		{"rows agree", []string{"4141", "4141"}, "4141"},
		{"two thirds", []string{"4141", "1256", "4141"}, "4141"},
		{"clear majority", []string{"3417", "9219", "3417", "3417", "9219", "3417"}, "3417"},
		{"tie keeps the inherited group", []string{"5441", "8149"}, ""},
		{"half is no majority", []string{"4123", "4123", "7211", "7219"}, ""},
		{"short of two thirds", []string{"3113", "2254", "3113", "2254", "3113"}, ""},
		{"no rows", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := IndexUnit(tc.units)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("IndexUnit(%q) = %q, %v; want %q", tc.units, got, ok, tc.want)
			}
		})
	}
}

func TestAssignSOC(t *testing.T) {
	type placed struct{ Code, Source string }
	occs := func() []*workforce.Occupation {
		return []*workforce.Occupation{
			{ID: "guard", Label: "security guard", Code: "5414.1", SOCCode: "stale", SOCSource: "stale"},
			{ID: "consultant", Label: "security consultant", Code: "5414.1.8"},
			{ID: "officer", Label: "hospitality establishment security officer", Code: "5414.1.6"},
			{ID: "junior", Label: "junior security consultant", Code: "5414.1.8.1"},
			{ID: "crosswalked", Label: "security consultant", Code: "5414.2"},
			{ID: "enameller", Label: "enameller", Code: "5414.1.9"},
			{ID: "loose", Label: "door keeper", Code: "5414.3"},
		}
	}
	crosswalk := map[string]string{"5414.1": "6214", "5414.2": "9231"}
	broader := map[string][]string{"consultant": {"guard"}, "officer": {"guard"}, "junior": {"consultant"}, "enameller": {"guard"}}
	index := SOCIndex(func(title string) []string {
		return map[string][]string{"security consultant": {"3319"}, "enameller": {"5441", "8149"}}[title]
	})
	for _, tc := range []struct {
		name  string
		index SOCIndex
		want  map[string]placed
	}{
		{"with the coding index", index, map[string]placed{
			"guard":       {"6214", SOCFromCrosswalk},
			"consultant":  {"3319", SOCFromIndexTitle},
			"officer":     {"6214", SOCInheritedFrom + "security guard"},
			"junior":      {"3319", SOCInheritedFrom + "security consultant"},
			"crosswalked": {"9231", SOCFromCrosswalk},                    // the crosswalk wins over the index
			"enameller":   {"6214", SOCInheritedFrom + "security guard"}, // a tie in the index
			"loose":       {"6214", SOCGuessedFrom + "5414"},
		}},
		{"without", nil, map[string]placed{
			"guard":       {"6214", SOCFromCrosswalk},
			"consultant":  {"6214", SOCInheritedFrom + "security guard"},
			"officer":     {"6214", SOCInheritedFrom + "security guard"},
			"junior":      {"6214", SOCInheritedFrom + "security guard"},
			"crosswalked": {"9231", SOCFromCrosswalk},
			"enameller":   {"6214", SOCInheritedFrom + "security guard"},
			"loose":       {"6214", SOCGuessedFrom + "5414"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os := occs()
			AssignSOC(os, crosswalk, broader, tc.index)
			got := map[string]placed{}
			for _, o := range os {
				got[o.ID] = placed{o.SOCCode, o.SOCSource}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("AssignSOC (-want +got):\n%s", diff)
			}
		})
	}
}
