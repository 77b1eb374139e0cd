package careers

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/onework/onework/workforce"
)

func TestCareerMoves(t *testing.T) {
	e := mustScenario(t, Config{})
	all := Filter{MinSimilarity: ptr(0.0), MaxJobZoneStep: ptr(4)}
	demand := map[string]int{socialCareWorker: 40, shopAssistant: 0}
	tests := []struct {
		name string
		from string
		q    Query
		want []string
	}{
		{"default gate keeps the viable moves", shopAssistant, Query{}, []string{waiter, kitchenPorter, socialCareWorker, healthcareAssistant}},
		{"a near-identical nurse move is kept although two steps up", healthcareAssistant, Query{}, []string{generalNurse, socialCareWorker, shopAssistant, kitchenPorter, waiter}},
		{"no step up drops the nurse when less alike", shopAssistant, Query{Filter: Filter{MaxJobZoneStep: ptr(1), MinSimilarity: ptr(0.0)}}, []string{waiter, kitchenPorter, socialCareWorker, healthcareAssistant}},
		{"no step keeps the same level or below only", kitchenPorter, Query{Filter: Filter{MaxJobZoneStep: ptr(0), MinSimilarity: ptr(0.0)}}, []string{waiter}},
		{"ranked by closeness first", shopAssistant, Query{Filter: all}, []string{waiter, kitchenPorter, socialCareWorker, healthcareAssistant, generalNurse}},
		{"cross-sector only: sector or main employer changes", healthcareAssistant, Query{Filter: Filter{CrossSectorOnly: true, MinSimilarity: ptr(0.0), MaxJobZoneStep: ptr(4)}}, []string{socialCareWorker, shopAssistant, kitchenPorter}},
		{"minimum pay ratio drops unknown and lower pay", shopAssistant, Query{Filter: Filter{MinPayRatio: 1.1, MinSimilarity: ptr(0.0), MaxJobZoneStep: ptr(4)}}, []string{healthcareAssistant, generalNurse}},
		{"demand does not lift a distinctly weaker move", healthcareAssistant, Query{Filter: Filter{MinSimilarity: ptr(0.2)}, Demand: func(id string) int { return demand[id] }}, []string{generalNurse, socialCareWorker, shopAssistant}},
		{"a filter that excludes everything gives an empty page", shopAssistant, Query{Filter: Filter{MinSimilarity: ptr(1.0)}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := mustMoves(t, e, tc.from, tc.q)
			if got.Items == nil {
				t.Errorf("CareerMoves(%q) Items = nil, want a list, even if empty", tc.from)
			}
			if diff := cmp.Diff(tc.want, ids(got.Items), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("CareerMoves(%q) ids (-want +got):\n%s", tc.from, diff)
			}
			if got.Total != len(tc.want) || got.HasNext {
				t.Errorf("CareerMoves(%q) Total, HasNext = %d, %v; want %d, false", tc.from, got.Total, got.HasNext, len(tc.want))
			}
			if len(tc.want) == 0 && got.EndCursor != "" {
				t.Errorf("CareerMoves(%q) EndCursor = %q on an empty page, want \"\"", tc.from, got.EndCursor)
			}
		})
	}
}

func TestOriginWithoutRequirements(t *testing.T) {
	d := scenarioData()
	delete(d.Requirements, waiter)
	e, err := New(d, Config{})
	if err != nil {
		t.Fatalf("New = %v", err)
	}
	got := mustMoves(t, e, waiter, Query{Filter: Filter{MinSimilarity: ptr(0.0)}})
	if len(got.Items) != 0 || got.Total != 0 {
		t.Errorf("CareerMoves(waiter without skills) = %v, want no moves", ids(got.Items))
	}
	// Nor is it a target: there is nothing to compare.
	got = mustMoves(t, e, kitchenPorter, Query{Filter: Filter{MinSimilarity: ptr(0.0), MaxJobZoneStep: ptr(4)}})
	if slices.Contains(ids(got.Items), waiter) {
		t.Errorf("CareerMoves(kitchen porter) = %v, want no move into an occupation without skills", ids(got.Items))
	}
}

func TestMoveExplanation(t *testing.T) {
	e := mustScenario(t, Config{})
	got := mustMoves(t, e, shopAssistant, Query{Filter: Filter{MinSimilarity: ptr(0.0), MaxJobZoneStep: ptr(4)}})
	care := got.Items[slices.IndexFunc(got.Items, func(m Move) bool { return m.OccupationID == socialCareWorker })]
	if care.PayRatio < 1.066 || care.PayRatio > 1.067 || !care.JobZoneKnown || care.JobZoneStep != 0 || !care.CrossSector {
		t.Errorf("move to social care worker = %+v, want pay ratio 22,400/21,000, same job zone, cross-sector", care)
	}
	// Essential skills come first; a related held skill earns partial credit.
	wantMissing := []SkillRef{
		{SkillID: personCentredCare, Label: "apply person-centred care", Essential: true},
		{SkillID: orgGuidelines, Label: "adhere to organisational guidelines", Essential: true, Credit: 0.25, Via: companyPolicies, ViaLabel: "apply company policies"},
		{SkillID: accountability, Label: "accept own accountability", Essential: true},
	}
	if diff := cmp.Diff(wantMissing, care.Missing); diff != "" {
		t.Errorf("Missing (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{personCentredCare, orgGuidelines, accountability}, care.MissingEssential()); diff != "" {
		t.Errorf("MissingEssential() (-want +got):\n%s", diff)
	}
	for _, s := range care.Shared {
		if s.Credit != 1 || s.Via != "" {
			t.Errorf("shared skill %+v, want credit 1 and no via", s)
		}
	}
	w := got.Items[slices.IndexFunc(got.Items, func(m Move) bool { return m.OccupationID == waiter })]
	if w.JobZoneKnown || w.PayRatio != 0 || w.Parts.Pay != 0.5 {
		t.Errorf("move to waiter = %+v, want unknown job zone and pay scored neutral", w)
	}
	for _, want := range []string{"job zone of waiter/waitress is unknown", "typical pay of waiter/waitress is unknown"} {
		if !slices.ContainsFunc(w.Reasons, func(r string) bool { return strings.Contains(r, want) }) {
			t.Errorf("waiter reasons %q lack %q", w.Reasons, want)
		}
	}
}

func TestPersonMoves(t *testing.T) {
	e := mustScenario(t, Config{})
	p := Profile{
		Skills: []workforce.PersonSkill{
			{SkillID: accountability, Level: 2}, {SkillID: orgGuidelines, Level: 3},
			{SkillID: empathise, Level: 2}, {SkillID: "urn:partner:skill:first-aid", Level: 1},
		},
		History:    []workforce.Job{{OccupationID: shopAssistant}},
		Seeks:      []string{healthcareAssistant},
		CurrentPay: 20_000,
	}
	got, err := e.PersonMoves(p, Query{Filter: Filter{MinSimilarity: ptr(0.0), MaxJobZoneStep: ptr(4)}})
	if err != nil {
		t.Fatalf("PersonMoves = %v", err)
	}
	if slices.Contains(ids(got.Items), shopAssistant) {
		t.Errorf("PersonMoves leads back into the person's own past job: %v", ids(got.Items))
	}
	if diff := cmp.Diff([]string{"urn:partner:skill:first-aid"}, got.IgnoredSkills); diff != "" {
		t.Errorf("IgnoredSkills (-want +got):\n%s", diff)
	}
	if got.From != shopAssistant {
		t.Errorf("From = %q, want the most recent job %q", got.From, shopAssistant)
	}
	hca := got.Items[slices.IndexFunc(got.Items, func(m Move) bool { return m.OccupationID == healthcareAssistant })]
	var shared []string
	for _, s := range hca.Shared {
		shared = append(shared, s.SkillID)
	}
	// Shared means held by the person, never merely required by their old job.
	if diff := cmp.Diff([]string{orgGuidelines, accountability, empathise}, shared, cmpSorted); diff != "" {
		t.Errorf("shared skills (-want +got):\n%s", diff)
	}
	if !hca.Sought || hca.PayRatio != 23_500.0/20_000 {
		t.Errorf("move to healthcare assistant: Sought %v, PayRatio %v; want true, %v (from current pay)", hca.Sought, hca.PayRatio, 23_500.0/20_000)
	}
}

var cmpSorted = cmp.Transformer("sort", func(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return out
})

func TestLaterJob(t *testing.T) {
	e := mustScenario(t, Config{})
	at := func(y int) *time.Time { return ptr(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)) }
	p := Profile{
		Skills: []workforce.PersonSkill{{SkillID: cleanSurfaces}},
		History: []workforce.Job{
			{OccupationID: waiter, From: at(2015), To: at(2018)},
			{OccupationID: kitchenPorter, From: at(2019)},
			{OccupationID: shopAssistant, From: at(2018), To: at(2019)},
		},
	}
	got, err := e.PersonMoves(p, Query{})
	if err != nil {
		t.Fatalf("PersonMoves = %v", err)
	}
	if got.From != kitchenPorter {
		t.Errorf("From = %q, want the current job %q", got.From, kitchenPorter)
	}
}

// TestSkillGroupsAreSiblings checks that skills in one ESCO skill group,
// given as Data.SkillGroups, earn the sibling credit a shared broader node
// in SkillLinks earns, and that without the group they earn nothing.
func TestSkillGroupsAreSiblings(t *testing.T) {
	links := scenarioData()
	groups := scenarioData()
	delete(groups.SkillLinks, empathise)
	delete(groups.SkillLinks, careGroup)
	groups.SkillGroups = map[string][]string{empathise: {careGroup}, personCentredCare: {careGroup}}
	none := scenarioData()
	delete(none.SkillLinks, empathise)
	delete(none.SkillLinks, careGroup)
	sim := func(d Data) float64 { return simBetween(mustNew(t, d), healthcareAssistant, socialCareWorker) }
	viaLinks, viaGroups, without := sim(links), sim(groups), sim(none)
	if viaGroups != viaLinks || !(viaGroups > without) {
		t.Errorf("similarity healthcare assistant -> social care worker: %v through SkillGroups, %v through SkillLinks, %v without the group; want the first two equal and above the third", viaGroups, viaLinks, without)
	}
}

// TestCrossSectorWithinSOCUnit checks that a move between Nesta sectors
// within one SOC 2020 unit group is not a change of sector.
func TestCrossSectorWithinSOCUnit(t *testing.T) {
	for _, tc := range []struct {
		name      string
		shop, wai string
		want      bool
	}{
		{"different unit groups", "7111", "9264", true},
		{"one unit group", "9264", "9264", false},
		{"unknown unit group", "", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := scenarioData()
			d.OccupationSectors[waiter] = []string{sectorHospitality}
			for _, o := range d.Occupations {
				switch o.ID {
				case shopAssistant:
					o.SOCCode = tc.shop
				case waiter:
					o.SOCCode = tc.wai
				}
			}
			e := mustNew(t, d)
			m := mustMoves(t, e, shopAssistant, Query{Filter: Filter{CrossSectorOnly: true, MinSimilarity: ptr(0.0), MaxJobZoneStep: ptr(4)}})
			if got := slices.Contains(ids(m.Items), waiter); got != tc.want {
				t.Errorf("cross-sector moves from shop assistant (SOC %q) include waiter (SOC %q) = %v, want %v", tc.shop, tc.wai, got, tc.want)
			}
		})
	}
}
