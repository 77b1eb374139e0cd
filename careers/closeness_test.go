package careers

import (
	"testing"

	"github.com/onework/onework/workforce"
)

func TestInheritSOC(t *testing.T) {
	occs := []*workforce.Occupation{
		{ID: "a", Code: "5322.1", SOCCode: "6135"},
		{ID: "b", Code: "5322.2", SOCCode: "6135"},
		{ID: "c", Code: "5322.3", SOCCode: "6136"},
		{ID: "d", Code: "5322.1.1"}, // under a: its parent's group
		{ID: "e", Code: "5322.4"},   // no parent: its ISCO unit group's most named group
		{ID: "f", Code: "5329.1"},   // ISCO unit group unmapped: the minor group's
		{ID: "g", Code: "9111.1"},   // nothing in its ISCO major group: none
		{ID: "h", Code: "5322.5", SOCCode: "7111"},
	}
	broader := map[string][]string{"d": {"a"}}
	changed := InheritSOC(occs, broader)
	want := map[string]string{"a": "6135", "b": "6135", "c": "6136", "d": "6135", "e": "6135", "f": "6135", "g": "", "h": "7111"}
	for _, o := range occs {
		if o.SOCCode != want[o.ID] {
			t.Errorf("%s (%s): SOC %q, want %q", o.ID, o.Code, o.SOCCode, want[o.ID])
		}
	}
	if len(changed) != 3 {
		t.Errorf("changed %d occupations, want 3 (d, e, f)", len(changed))
	}
}

func TestOpenEntry(t *testing.T) {
	for route, want := range map[string]bool{
		// ONS's wording for care workers, cooks, warehouse operatives.
		"There are no formal academic entry requirements. In most cases workers will be required to register with the appropriate statutory body.": true,
		"There are no formal academic requirements. Training is provided off and on-the-job.":                                                      true,
		"No academic qualifications are required. On-the-job training may be provided.":                                                            true,
		// Closed: an apprenticeship, experience, a degree, a licence held.
		"There are no formal academic entry requirements, though GCSEs/S grades are advantageous. Entry is typically through an approved apprenticeship programme.": false,
		"There are no formal qualifications requirements for entry but relevant experience is necessary.":                                                           false,
		"There are no formal academic requirements although most entrants possess a degree or equivalent qualification.":                                            false,
		"There are no formal academic requirements. Entrants must, however, possess coaching qualifications.":                                                       false,
		"Entry is usually with a degree.": false,
		"":                                false,
	} {
		if got := OpenEntry(route); got != want {
			t.Errorf("OpenEntry(%q) = %v, want %v", route, got, want)
		}
	}
}

func TestRealOpenEntry(t *testing.T) {
	var d Data
	if err := d.loadRoutes(dataDir(t)); err != nil {
		t.Fatal(err)
	}
	open := 0
	for _, r := range d.EntryRoutes {
		if OpenEntry(r) {
			open++
		}
	}
	for unit, want := range map[string]bool{"6131": true, "6135": true, "9252": true, "9263": true, "5434": true,
		"5315": false, "3224": false, "3551": false, "2231": false, "3213": false} {
		if got := OpenEntry(d.EntryRoutes[unit]); got != want {
			t.Errorf("unit group %s open entry = %v, want %v: %q", unit, got, want, d.EntryRoutes[unit])
		}
	}
	t.Logf("%d of %d unit groups are open entry", open, len(d.EntryRoutes))
}

func TestSupervisory(t *testing.T) {
	for code, want := range map[string]bool{
		"11-9033.00": true,  // education administrators
		"53-1021.00": true,  // supervisors of material movers
		"37-1011.00": true,  // supervisors of housekeeping workers
		"53-7062.00": false, // material movers
		"31-1121.00": false, // home health aides: minor group 1, not supervisors
		"29-1031.00": false, // dietitians
		"13-1041.00": false, // compliance officers
		"":           false,
		"531021":     false,
	} {
		if got := Supervisory(code); got != want {
			t.Errorf("Supervisory(%q) = %v, want %v", code, got, want)
		}
	}
}
