package careers

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/onework/onework/workforce"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// checkGolden compares v, as indented JSON, with testdata/name, or rewrites
// the file with -update.
func checkGolden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got); if the change is intended, run go test -update:\n%s", path, diff)
	}
}

func TestGoldenMoves(t *testing.T) {
	e := mustScenario(t, Config{})
	demand := map[string]int{waiter: 12, socialCareWorker: 30, healthcareAssistant: 8}
	got := mustMoves(t, e, shopAssistant, Query{
		Filter: Filter{MinSimilarity: ptr(0.1), MaxJobZoneStep: ptr(2)},
		Demand: func(id string) int { return demand[id] },
	})
	checkGolden(t, "moves_shop_assistant.golden", got)
}

func TestGoldenPersonMoves(t *testing.T) {
	e := mustScenario(t, Config{})
	got, err := e.PersonMoves(Profile{
		Skills: []workforce.PersonSkill{
			{SkillID: customerRelations, Level: 3}, {SkillID: companyPolicies, Level: 2},
			{SkillID: empathise, Level: 2}, {SkillID: cleanSurfaces, Level: 2},
		},
		History:    []workforce.Job{{OccupationID: shopAssistant}},
		Seeks:      []string{healthcareAssistant},
		CurrentPay: 19_800,
	}, Query{Filter: Filter{MinSimilarity: ptr(0.1)}})
	if err != nil {
		t.Fatalf("PersonMoves = %v", err)
	}
	checkGolden(t, "moves_person.golden", got)
}

func TestGoldenProgrammes(t *testing.T) {
	e := mustScenario(t, Config{})
	got, err := e.RankProgrammes(scenarioProgrammes())
	if err != nil {
		t.Fatalf("RankProgrammes = %v", err)
	}
	checkGolden(t, "programmes.golden", got)
}

// scenarioProgrammes asks which programmes near Gloucester close a shop
// assistant's gap for healthcare assistant.
func scenarioProgrammes() ProgrammeRequest {
	now := time.Date(2025, 9, 1, 9, 0, 0, 0, time.UTC)
	day := func(d int) *time.Time { return ptr(now.AddDate(0, 0, d)) }
	prog := func(id, title string, kind workforce.ProgrammeKind, at *workforce.Point, start *time.Time, places *int, cost float64) *workforce.Programme {
		return &workforce.Programme{ID: id, Title: title, Kind: kind, Location: at, StartDate: start, PlacesLeft: places, Cost: cost}
	}
	gloucester := &workforce.Point{Lat: 51.8642, Lon: -2.2382}
	cheltenham := &workforce.Point{Lat: 51.8994, Lon: -2.0783}
	stroud := &workforce.Point{Lat: 51.7450, Lon: -2.2170}
	return ProgrammeRequest{
		Gap:         []string{accountability, orgGuidelines, empathise, patientSafety},
		TargetLabel: "healthcare assistant",
		Location:    gloucester,
		Now:         now,
		Candidates: []ProgrammeCandidate{
			{Programme: prog("glos-care-cert", "Care Certificate", workforce.ProgrammeCourse, cheltenham, day(14), ptr(6), 0),
				Teaches: []string{accountability, orgGuidelines, empathise, patientSafety}},
			{Programme: prog("nhs-swap-hca", "NHS sector-based work academy: healthcare support", workforce.ProgrammePreEmployment, gloucester, day(40), ptr(12), 0),
				Teaches: []string{accountability, patientSafety, empathise}, Progressions: 18},
			{Programme: prog("stroud-first-aid", "Emergency first aid at work", workforce.ProgrammeCourse, stroud, day(3), nil, 95),
				Teaches: []string{patientSafety}},
			{Programme: prog("volunteer-ward", "Ward volunteering", workforce.ProgrammeVolunteering, gloucester, nil, nil, 0),
				Teaches: []string{empathise}, Progressions: 4},
			{Programme: prog("full-course", "Health and social care level 2", workforce.ProgrammeCourse, cheltenham, day(20), ptr(0), 0),
				Teaches: []string{accountability, orgGuidelines, empathise, patientSafety}},
			{Programme: prog("started", "Health and social care level 1", workforce.ProgrammeCourse, gloucester, day(-7), ptr(3), 0),
				Teaches: []string{accountability}},
			{Programme: prog("barista", "Barista skills", workforce.ProgrammeCourse, gloucester, day(5), ptr(8), 0),
				Teaches: []string{foodHygiene}},
		},
	}
}

// TestGoldenIsStable guards the golden files against map order: the same
// query twice gives the same bytes.
func TestGoldenIsStable(t *testing.T) {
	e := mustScenario(t, Config{})
	var runs [2][]byte
	for i := range runs {
		m := mustMoves(t, e, healthcareAssistant, Query{Filter: Filter{MinSimilarity: ptr(0.0), MaxJobZoneStep: ptr(4)}})
		p, err := e.RankProgrammes(scenarioProgrammes())
		if err != nil {
			t.Fatal(err)
		}
		runs[i], _ = json.Marshal([]any{m, p})
	}
	if !bytes.Equal(runs[0], runs[1]) {
		t.Errorf("two runs of the same query differ")
	}
}
