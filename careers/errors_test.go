package careers

import (
	"encoding/base64"
	"math"
	"testing"
	"time"

	"github.com/onework/onework/workforce"
)

func TestBadInput(t *testing.T) {
	e := mustScenario(t, Config{})
	shopCursor := mustMoves(t, e, shopAssistant, Query{First: 1, Filter: Filter{MinSimilarity: ptr(0.0)}}).EndCursor
	moves := func(from string, q Query) func() error {
		return func() error { _, err := e.CareerMoves(from, q); return err }
	}
	person := func(p Profile) func() error {
		return func() error { _, err := e.PersonMoves(p, Query{}); return err }
	}
	skills := []workforce.PersonSkill{{SkillID: cleanSurfaces}}
	programme := &workforce.Programme{ID: "p1", Title: "Care certificate", Kind: workforce.ProgrammeCourse}
	rank := func(r ProgrammeRequest) func() error {
		return func() error { _, err := e.RankProgrammes(r); return err }
	}
	build := func(change func(*Data), cfg Config) func() error {
		return func() error {
			d := scenarioData()
			change(&d)
			_, err := New(d, cfg)
			return err
		}
	}
	nothing := func(*Data) {}
	tests := []struct {
		name      string
		call      func() error
		code      string
		wantField string
	}{
		{"unknown occupation", moves(escoOcc+"00000000-0000-0000-0000-000000000000", Query{}), workforce.ENOTFOUND, "id"},
		{"empty origin", moves("", Query{}), workforce.EINVALID, "from"},
		{"negative first", moves(shopAssistant, Query{First: -1}), workforce.EINVALID, "first"},
		{"first over the maximum", moves(shopAssistant, Query{First: 101}), workforce.EINVALID, "first"},
		{"malformed cursor", moves(shopAssistant, Query{After: "not a cursor!"}), workforce.EINVALID, "after"},
		{"truncated cursor", moves(shopAssistant, Query{After: base64.RawURLEncoding.EncodeToString([]byte{1, 2, 3})}), workforce.EINVALID, "after"},
		{"cursor with a NaN score", moves(shopAssistant, Query{After: encodeCursor(cursor{score: math.NaN(), id: waiter}, 0)}), workforce.EINVALID, "after"},
		{"cursor from another origin", moves(kitchenPorter, Query{After: shopCursor, Filter: Filter{MinSimilarity: ptr(0.0)}}), workforce.EINVALID, "after"},
		{"cursor from another filter", moves(shopAssistant, Query{After: shopCursor}), workforce.EINVALID, "after"},
		{"similarity above 1", moves(shopAssistant, Query{Filter: Filter{MinSimilarity: ptr(1.5)}}), workforce.EINVALID, "filter.minSimilarity"},
		{"similarity NaN", moves(shopAssistant, Query{Filter: Filter{MinSimilarity: ptr(math.NaN())}}), workforce.EINVALID, "filter.minSimilarity"},
		{"job-zone step of 5", moves(shopAssistant, Query{Filter: Filter{MaxJobZoneStep: ptr(5)}}), workforce.EINVALID, "filter.maxJobZoneStep"},
		{"negative pay ratio", moves(shopAssistant, Query{Filter: Filter{MinPayRatio: -1}}), workforce.EINVALID, "filter.minPayRatio"},
		{"person without skills", person(Profile{}), workforce.EINVALID, "skills"},
		{"person skill with an empty id", person(Profile{Skills: []workforce.PersonSkill{{SkillID: ""}}}), workforce.EINVALID, "skills[0].skillId"},
		{"person history in an unknown occupation", person(Profile{Skills: skills, History: []workforce.Job{{OccupationID: "urn:nowhere"}}}), workforce.EINVALID, "history[0].occupationId"},
		{"person seeking an unknown occupation", person(Profile{Skills: skills, Seeks: []string{"urn:nowhere"}}), workforce.EINVALID, "seeks[0]"},
		{"negative current pay", person(Profile{Skills: skills, CurrentPay: -5}), workforce.EINVALID, "currentPay"},
		{"empty gap", rank(ProgrammeRequest{Candidates: []ProgrammeCandidate{{Programme: programme}}}), workforce.EINVALID, "gap"},
		{"gap with an empty id", rank(ProgrammeRequest{Gap: []string{""}}), workforce.EINVALID, "gap[0]"},
		{"nil programme", rank(ProgrammeRequest{Gap: []string{foodHygiene}, Candidates: []ProgrammeCandidate{{}}}), workforce.EINVALID, "candidates[0]"},
		{"programme without a title", rank(ProgrammeRequest{Gap: []string{foodHygiene}, Candidates: []ProgrammeCandidate{{Programme: &workforce.Programme{ID: "p", Kind: workforce.ProgrammeCourse}}}}), workforce.EINVALID, "candidates[0].title"},
		{"programme given twice", rank(ProgrammeRequest{Gap: []string{foodHygiene}, Candidates: []ProgrammeCandidate{{Programme: programme}, {Programme: programme}}}), workforce.EINVALID, "candidates[1]"},
		{"negative progressions", rank(ProgrammeRequest{Gap: []string{foodHygiene}, Candidates: []ProgrammeCandidate{{Programme: programme, Progressions: -1}}}), workforce.EINVALID, "candidates[0].progressions"},
		{"location off the map", rank(ProgrammeRequest{Gap: []string{foodHygiene}, Location: &workforce.Point{Lat: 91}, Now: time.Now()}), workforce.EINVALID, "location.lat"},
		{"duplicate occupation", build(func(d *Data) { d.Occupations = append(d.Occupations, d.Occupations[0]) }, Config{}), workforce.EINVALID, "occupations"},
		{"nil occupation", build(func(d *Data) { d.Occupations = append(d.Occupations, nil) }, Config{}), workforce.EINVALID, "occupations[6]"},
		{"occupation with job zone 6", build(func(d *Data) { d.Occupations[0].JobZone = 6 }, Config{}), workforce.EINVALID, "occupations[0].jobZone"},
		{"requirements of an unknown occupation", build(func(d *Data) { d.Requirements["urn:x"] = []workforce.Requirement{ess(foodHygiene)} }, Config{}), workforce.EINVALID, "requirements"},
		{"sectors of an unknown occupation", build(func(d *Data) { d.OccupationSectors["urn:x"] = []string{sectorCare} }, Config{}), workforce.EINVALID, "occupationSectors"},
		{"employer share above 1", build(func(d *Data) {
			d.EmployerMix[waiter] = map[workforce.EmployerKind]float64{workforce.EmployerPrivate: 2}
		}, Config{}), workforce.EINVALID, "employerMix"},
		{"sibling credit above related credit", build(nothing, Config{RelatedCredit: 0.1, SiblingCredit: 0.2, MaxPageSize: 10, DefaultPageSize: 5, DemandHalf: 1, Weights: Weights{Similarity: 1}}), workforce.EINVALID, "config.siblingCredit"},
		{"page size over the maximum", build(nothing, func() Config { c := DefaultConfig(); c.DefaultPageSize = 200; return c }()), workforce.EINVALID, "config.defaultPageSize"},
		{"round band above 1", build(nothing, func() Config { c := DefaultConfig(); c.RoundBand = 1.5; return c }()), workforce.EINVALID, "config.roundBand"},
		{"negative round band", build(nothing, func() Config { c := DefaultConfig(); c.RoundBand = -0.1; return c }()), workforce.EINVALID, "config.roundBand"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if code := workforce.ErrorCode(err); code != tc.code {
				t.Fatalf("error = %v, want code %q", err, tc.code)
			}
			if f := workforce.ErrorField(err); f != tc.wantField {
				t.Errorf("error field = %q, want %q (error %v)", f, tc.wantField, err)
			}
		})
	}
}
