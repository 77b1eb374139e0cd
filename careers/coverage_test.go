package careers

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/onework/onework/workforce"
)

// TestRealCoverage checks that every occupation with skills gets at least
// 10 moves by default or a note saying why.
func TestRealCoverage(t *testing.T) {
	e, d := mustRealEngine(t)
	few, withSkills := 0, 0
	var examples []string
	for _, o := range d.Occupations {
		if len(d.Requirements[o.ID]) == 0 {
			continue
		}
		withSkills++
		m := mustMoves(t, e, o.ID, Query{First: 10})
		if m.Total < MinMoves && m.Note == "" {
			t.Errorf("%s: %d moves by default and no note", o.Label, m.Total)
		}
		if m.Total < MinMoves {
			few++
			examples = append(examples, o.Label)
		}
	}
	t.Logf("%d of %d occupations with skills get fewer than 10 moves by default, each with a note: %q", few, withSkills, examples)
}

// careSupport are the SOC 2020 unit groups of adult social care and
// healthcare support: nursing auxiliaries and assistants, ambulance staff,
// care workers and home carers, senior care workers.
var careSupport = []string{"6131", "6132", "6135", "6136"}

// TestRealCrossSector checks crossSectorOnly from the entry jobs the
// partnership starts people from: at least 5 moves, each a change of
// sector that is sideways or into an open-entry job (never a change of
// sector and a qualification step at once), and adult social care or
// healthcare support on the first page of 20 from every one of them.
func TestRealCrossSector(t *testing.T) {
	e, d := mustRealEngine(t)
	byLabel := map[string]*workforce.Occupation{}
	for _, o := range d.Occupations {
		byLabel[o.Label] = o
	}
	for _, label := range []string{"shop assistant", "waiter/waitress", "kitchen porter", "domestic cleaner", "warehouse worker"} {
		from := byLabel[label]
		if from == nil {
			t.Errorf("no occupation %q", label)
			continue
		}
		m := mustMoves(t, e, from.ID, Query{First: 20, Filter: Filter{CrossSectorOnly: true}})
		if m.Total < 5 {
			t.Errorf("cross-sector moves from %s = %d, want at least 5", label, m.Total)
		}
		var got, care []string
		for _, mv := range m.Items {
			got = append(got, mv.Label)
			if !mv.CrossSector {
				t.Errorf("%s -> %s: not a change of sector", label, mv.Label)
			}
			if mv.PrepKnown && mv.PrepStep > 0 && !mv.OpenEntry && mv.Similarity < NearIdentical {
				t.Errorf("%s -> %s: a change of sector and a step up of %d into a job that is not open entry", label, mv.Label, mv.PrepStep)
			}
			if soc := byID(d, mv.OccupationID).SOCCode; slices.Contains(careSupport, soc) {
				care = append(care, fmt.Sprintf("#%d %s (%s)", len(got), mv.Label, soc))
			}
		}
		t.Logf("cross-sector from %s (%d): %q; adult social care or healthcare support: %q", label, m.Total, got, care)
		if len(care) == 0 {
			t.Errorf("no adult social care or healthcare support move in the first 20 cross-sector moves from %s", label)
		}
	}
}

func byID(d Data, id string) *workforce.Occupation {
	for _, o := range d.Occupations {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// TestRealSOCEverywhere checks that every occupation has a SOC 2020 unit
// group, and that the crosswalk wins over the ISCO fallback.
func TestRealSOCEverywhere(t *testing.T) {
	_, d := mustRealEngine(t)
	for _, o := range d.Occupations {
		if len(o.SOCCode) != 4 {
			t.Errorf("%s (%s): SOC 2020 unit group %q", o.Label, o.Code, o.SOCCode)
		}
	}
	for label, want := range map[string]string{"healthcare assistant": "6131", "kitchen porter": "9263", "care at home worker": "6135"} {
		for _, o := range d.Occupations {
			if o.Label == label && o.SOCCode != want {
				t.Errorf("%s: SOC %s, want %s", label, o.SOCCode, want)
			}
		}
	}
}

// TestRealUKViability checks the UK preparation step on the examples that
// showed it wrong: a near-identical move is kept, and degree-level
// professions are not offered to a healthcare assistant as one step.
func TestRealUKViability(t *testing.T) {
	e, d := mustRealEngine(t)
	id := func(label string) string {
		for _, o := range d.Occupations {
			if o.Label == label {
				return o.ID
			}
		}
		t.Fatalf("no occupation %q", label)
		return ""
	}
	all := func(from string) []Move {
		var out []Move
		q := Query{First: 100}
		for {
			m := mustMoves(t, e, from, q)
			out = append(out, m.Items...)
			if !m.HasNext {
				return out
			}
			q.After = m.EndCursor
		}
	}
	moves := all(id("book restorer"))
	i := slices.IndexFunc(moves, func(m Move) bool { return m.Label == "art restorer" })
	if i < 0 {
		t.Errorf("book restorer: art restorer (near identical) is not among %d moves", len(moves))
	} else {
		t.Logf("book restorer -> art restorer: #%d, similarity %.2f, qualification step %v", i+1, moves[i].Similarity, moves[i].QualificationStep)
	}
	for _, m := range all(id("healthcare assistant")) {
		switch m.Label {
		case "paramedic in emergency care", "radiographer", "advanced nurse practitioner":
			if m.Similarity < NearIdentical {
				t.Errorf("healthcare assistant -> %s offered (step %d, UK %v)", m.Label, m.PrepStep, m.PrepUK)
			}
		}
		if m.PrepKnown && m.PrepStep > 1 && !m.QualificationStep {
			t.Errorf("healthcare assistant -> %s steps %d up without a qualification step", m.Label, m.PrepStep)
		}
	}
}

// TestRealSupervisory checks that a supervisor the draft crosswalk puts in
// the elementary group of the work it supervises is neither open entry nor
// a sideways move from that work.
func TestRealSupervisory(t *testing.T) {
	e, d := mustRealEngine(t)
	var from, sup string
	for _, o := range d.Occupations {
		switch o.Label {
		case "warehouse worker":
			from = o.ID
		case "stevedore superintendent":
			sup = o.ID
		}
	}
	oc := &e.occs[e.occByID[sup]]
	if !d.Profiles.Supervisory[sup] || oc.open || oc.level != 2 || oc.soc != "9259" {
		t.Errorf("stevedore superintendent: supervisory %v, open %v, level %d, SOC %s; want supervisory, not open, level 2 in 9259",
			d.Profiles.Supervisory[sup], oc.open, oc.level, oc.soc)
	}
	for _, m := range mustMoves(t, e, from, Query{First: 100, Filter: Filter{CrossSectorOnly: true}}).Items {
		if m.OccupationID == sup {
			t.Errorf("warehouse worker -> stevedore superintendent served as a sideways cross-sector move (step %d, open %v)", m.PrepStep, m.OpenEntry)
		}
	}
}

// TestRealSeniorTitles checks the jobs that showed senior or advisory
// work as a sideways move from an entry job: a director or consultant is
// judged at UK skill level 3 or above and is not open entry, whatever its
// SOC 2020 group, so it is no cross-sector move from a shop assistant or a
// waiter; in the default list it comes as a step up that says why.
func TestRealSeniorTitles(t *testing.T) {
	e, d := mustRealEngine(t)
	id := map[string]string{}
	for _, o := range d.Occupations {
		id[o.Label] = o.ID
	}
	for _, label := range []string{"funeral services director", "security consultant", "weight loss consultant", "chief conductor"} {
		oc := &e.occs[e.occByID[id[label]]]
		if oc.open || oc.level < 2 || (SeniorTitle(label) && oc.level < 3) {
			t.Errorf("%s (SOC %s): open %v, level %d; want not open entry, level 3 or above (2 for a chief)", label, oc.soc, oc.open, oc.level)
		}
	}
	for _, from := range []string{"shop assistant", "waiter/waitress"} {
		for _, m := range mustMoves(t, e, id[from], Query{First: 100, Filter: Filter{CrossSectorOnly: true}}).Items {
			if SeniorTitle(m.Label) {
				t.Errorf("%s -> %s served as a sideways cross-sector move (step %d, open %v)", from, m.Label, m.PrepStep, m.OpenEntry)
			}
		}
	}
	q := Query{First: 100}
	for {
		m := mustMoves(t, e, id["shop assistant"], q)
		for _, mv := range m.Items {
			if mv.Label == "security consultant" {
				if mv.PrepStep != 1 || mv.OpenEntry || !slices.ContainsFunc(mv.Reasons, func(r string) bool { return strings.HasPrefix(r, "A senior or advisory job by its title") }) {
					t.Errorf("shop assistant -> security consultant: step %d, open %v, reasons %q; want one step up, not open entry, saying why", mv.PrepStep, mv.OpenEntry, mv.Reasons)
				}
				return
			}
		}
		if !m.HasNext {
			t.Fatal("shop assistant -> security consultant: not in the default list (one step up)")
		}
		q.After = m.EndCursor
	}
}
