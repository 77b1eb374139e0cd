package graph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/onework/onework/auth"
	"github.com/onework/onework/store"
)

// seedPathways adds to the match world a second occupation that needs both
// skills, a programme near the vacancy that teaches the second skill and
// leads to the first occupation, and recorded progressions.
func seedPathways(t *testing.T, a *api) (matchWorld, string) {
	t.Helper()
	w := seedMatchWorld(t, a)
	senior := a.id("occ-senior")
	a.mustPost(`mutation($o: [OccupationInput!]!) { upsertOccupations(input: $o) { created } }`, map[string]any{"o": []map[string]any{
		{"id": senior, "label": "zorbic senior carer", "altLabels": []string{"zorbic lead carer"}, "jobZone": 2, "annualPay": 24000},
	}})
	for _, s := range []string{w.ids["skill1"], w.ids["skill2"]} {
		a.mustPost(`mutation($o: ID!, $s: ID!) { linkOccupationSkill(occupationId: $o, requirement: {skillId: $s, essential: true}) { id } }`,
			map[string]any{"o": senior, "s": s})
	}
	a.mustPost(`mutation($o: [OccupationInput!]!) { upsertOccupations(input: $o) { updated } }`, map[string]any{"o": []map[string]any{
		{"id": w.ids["occ"], "label": "zorbic care assistant", "altLabels": []string{"zorbic HCA"}, "jobZone": 2, "annualPay": 21000},
	}})
	a.mustPost(`mutation($p: [ProgrammeInput!]!) { upsertProgrammes(input: $p) { updated } }`, map[string]any{"p": []map[string]any{
		{"id": w.ids["prog"], "title": "Care academy", "kind": "PRE_EMPLOYMENT", "providerId": w.ids["prov"], "placeId": w.ids["lsoa"],
			"location": map[string]any{"lat": 51.87, "lon": -2.24}, "startDate": "2030-01-06T09:00:00Z", "durationWeeks": 4, "placesLeft": 12},
	}})
	a.mustPost(`mutation($p: ID!, $s: ID!, $o: ID!) { a: linkProgrammeSkill(programmeId: $p, skillId: $s) { id } b: linkProgrammeOccupation(programmeId: $p, occupationId: $o) { id }
		c: recordProgression(input: {programmeId: $p, occupationId: $o, learners: 7, period: "2025/26"}) { id } }`,
		map[string]any{"p": w.ids["prog"], "s": w.ids["skill2"], "o": w.ids["occ"]})
	if err := a.careers.Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	return w, senior
}

func TestCareerMovesEndToEnd(t *testing.T) {
	a := newSecuredAPI(t)
	w, senior := seedPathways(t, a)
	partner := token(t, auth.RolePartner, "council-app", "app")
	const q = `query($from: CareerOrigin!, $la: ID!) { careerMoves(from: $from, near: {placeId: $la, withinKm: 20}, first: 50) {
		origin { id } normalisedTitle totalCount
		moves { occupation { id } similarity payRatio vacanciesNearby openEntry payInfo { annual source basis } reasons missingSkills { essential skill { id } } programmes { id } } } }`
	find := func(res response, occ string) any {
		moves, _ := dig(res.Data, "careerMoves", "moves").([]any)
		for _, m := range moves {
			if dig(m, "occupation", "id") == occ {
				return m
			}
		}
		return nil
	}
	res := a.postAs(partner, q, map[string]any{"from": map[string]any{"occupationId": w.ids["occ"]}, "la": w.ids["la"]})
	if len(res.Errors) > 0 {
		t.Fatalf("careerMoves as a partner app: %+v", res.Errors)
	}
	move := find(res, senior)
	if move == nil {
		t.Fatalf("no move to the senior role: %v", res.Data)
	}
	if dig(move, "missingSkills", 0, "skill", "id") != w.ids["skill2"] {
		t.Errorf("missing skills = %v, want the second skill", dig(move, "missingSkills"))
	}
	if dig(move, "programmes", 0, "id") != w.ids["prog"] {
		t.Errorf("programmes = %v, want the care academy, which teaches the missing skill", dig(move, "programmes"))
	}
	if r, _ := dig(move, "payRatio").(float64); r < 1.1 || r > 1.2 {
		t.Errorf("payRatio = %v, want 24000/21000", dig(move, "payRatio"))
	}
	if dig(move, "payInfo", "annual") != float64(24000) || dig(move, "payInfo", "source") == "" || dig(move, "payInfo", "basis") == "" {
		t.Errorf("payInfo = %v, want the recorded 24,000 with its source and basis", dig(move, "payInfo"))
	}
	if got := dig(move, "openEntry"); got != false {
		t.Errorf("openEntry = %v, want false for an occupation without a SOC 2020 unit group", got)
	}
	if reasons, _ := dig(move, "reasons").([]any); len(reasons) == 0 {
		t.Error("a move without reasons")
	}

	res = a.postAs(partner, q, map[string]any{"from": map[string]any{"jobTitle": "Zorbic Care Assistant - Band 3"}, "la": w.ids["la"]})
	if dig(res.Data, "careerMoves", "origin", "id") != w.ids["occ"] || find(res, senior) == nil {
		t.Errorf("from a job title: %v %+v", res.Data, res.Errors)
	}

	adviser := token(t, auth.RoleAdviser, w.orgA, "adviser-a")
	res = a.postAs(adviser, q, map[string]any{"from": map[string]any{"personId": w.person("one")}, "la": w.ids["la"]})
	if len(res.Errors) > 0 || find(res, senior) == nil {
		t.Errorf("from a person: %v %+v", res.Data, res.Errors)
	}

	cases := []struct {
		name, token string
		from        map[string]any
		code, field string
	}{
		{"a partner asking about a person", partner, map[string]any{"personId": w.person("one")}, "FORBIDDEN", ""},
		{"nonsense title", partner, map[string]any{"jobTitle": "qwxyzzy plonk"}, "BAD_USER_INPUT", "from.jobTitle"},
		{"empty title", partner, map[string]any{"jobTitle": "  "}, "BAD_USER_INPUT", "from.jobTitle"},
		{"two origins", partner, map[string]any{"jobTitle": "carer", "occupationId": w.ids["occ"]}, "BAD_USER_INPUT", "from"},
		{"unknown occupation", partner, map[string]any{"occupationId": "http://data.europa.eu/esco/occupation/none"}, "NOT_FOUND", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := a.postAs(tc.token, q, map[string]any{"from": tc.from, "la": w.ids["la"]})
			if res.code() != tc.code {
				t.Fatalf("code = %q, want %q (%+v)", res.code(), tc.code, res.Errors)
			}
			if tc.field != "" && res.Errors[0].Extensions["field"] != tc.field {
				t.Errorf("field = %v, want %s", res.Errors[0].Extensions["field"], tc.field)
			}
		})
	}
	t.Run("filters that exclude everything", func(t *testing.T) {
		res := a.postAs(partner, `query($o: ID!) { careerMoves(from: {occupationId: $o}, filter: {minPayRatio: 50}) { totalCount moves { score } } }`,
			map[string]any{"o": w.ids["occ"]})
		if res.code() != "" || dig(res.Data, "careerMoves", "totalCount") != float64(0) {
			t.Errorf("want an empty, well-formed answer: %v %+v", res.Data, res.Errors)
		}
	})
	t.Run("unknown place", func(t *testing.T) {
		res := a.postAs(partner, q, map[string]any{"from": map[string]any{"occupationId": w.ids["occ"]}, "la": "E99999999"})
		if res.code() != "NOT_FOUND" {
			t.Errorf("code = %q, want NOT_FOUND", res.code())
		}
	})
}

func TestProgrammesCloseTheGap(t *testing.T) {
	a := newSecuredAPI(t)
	w, senior := seedPathways(t, a)
	adviser := token(t, auth.RoleAdviser, w.orgA, "adviser-a")

	res := a.postAs(adviser, `query($p: ID!, $o: ID!) { programmesFor(personId: $p, target: {occupationId: $o}) {
		gap { id } programmes { programme { id } closes { id } share gapAfter { id } reasons } } }`,
		map[string]any{"p": w.person("one"), "o": senior})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	if dig(res.Data, "programmesFor", "gap", 0, "id") != w.ids["skill2"] {
		t.Errorf("gap = %v, want the second skill", dig(res.Data, "programmesFor", "gap"))
	}
	best := dig(res.Data, "programmesFor", "programmes", 0)
	if dig(best, "programme", "id") != w.ids["prog"] || dig(best, "share") != float64(1) {
		t.Errorf("best programme = %v, want the care academy closing the whole gap", best)
	}
	if res := a.postAs(adviser, `query($p: ID!) { programmesFor(personId: $p, target: {}) { gap { id } } }`, map[string]any{"p": w.person("one")}); res.code() != "BAD_USER_INPUT" {
		t.Errorf("empty target: code %q, want BAD_USER_INPUT", res.code())
	}

	res = a.postAs(adviser, `query($v: ID!) { candidatesForVacancy(vacancyId: $v) { edges { person { id } readiness readyAfter { id } } } }`,
		map[string]any{"v": w.vacancy})
	for _, e := range dig(res.Data, "candidatesForVacancy", "edges").([]any) {
		id := dig(e, "person", "id")
		want := map[any]string{w.person("both"): "READY", w.person("one"): "AFTER_PROGRAMME"}[id]
		if got := dig(e, "readiness"); got != want {
			t.Errorf("%v readiness = %v, want %s", id, got, want)
		}
		if want == "AFTER_PROGRAMME" && dig(e, "readyAfter", "id") != w.ids["prog"] {
			t.Errorf("readyAfter = %v, want the care academy", dig(e, "readyAfter"))
		}
	}

	admin := token(t, auth.RoleAdmin, "", "admin")
	res = a.postAs(admin, `query($v: ID!) { programmesForVacancy(vacancyId: $v) { programme { id } teaches { id } candidatesMadeReady } }`,
		map[string]any{"v": w.vacancy})
	if dig(res.Data, "programmesForVacancy", 0, "programme", "id") != w.ids["prog"] || dig(res.Data, "programmesForVacancy", 0, "candidatesMadeReady") != float64(1) {
		t.Errorf("programmesForVacancy = %v %+v, want the academy making 1 candidate ready", res.Data, res.Errors)
	}
	res = a.postAs(adviser, `query($v: ID!) { programmesForVacancy(vacancyId: $v) { candidatesMadeReady } }`, map[string]any{"v": w.vacancy})
	if got := dig(res.Data, "programmesForVacancy", 0, "candidatesMadeReady"); got != nil {
		t.Errorf("a count under 5 shown to an adviser: %v", got)
	}

	res = a.postAs("", `query($id: ID!) { provider(id: $id) { programmes { nodes { destinations { occupation { id } skillCoverage learners openVacanciesNearby } } } } }`,
		map[string]any{"id": w.ids["prov"]})
	d := dig(res.Data, "provider", "programmes", "nodes", 0, "destinations", 0)
	open, _ := dig(d, "openVacanciesNearby").(float64)
	if dig(d, "occupation", "id") != w.ids["occ"] || dig(d, "learners") != float64(7) || open < 1 {
		t.Errorf("destinations = %v %+v", dig(res.Data, "provider", "programmes", "nodes", 0, "destinations"), res.Errors)
	}
	if reasons, _ := dig(best, "reasons").([]any); len(reasons) == 0 {
		t.Error("a programme recommendation without reasons")
	}

	// A consented individual outcome, counted only in aggregate.
	a.mustPost(`mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { updated } }`, map[string]any{"p": []map[string]any{{
		"id": w.person("both"), "orgId": w.orgA, "consentMonitoring": true, "consentMatching": true}}})
	res = a.postAs(adviser, `mutation($p: ID!, $g: ID!, $o: ID!) { recordCompletion(input: {personId: $p, programmeId: $g, completedAt: "2026-07-01T00:00:00Z", hiredOccupationId: $o}) { completions } }`,
		map[string]any{"p": w.person("both"), "g": w.ids["prog"], "o": w.ids["occ"]})
	if len(res.Errors) > 0 || dig(res.Data, "recordCompletion", "completions") != nil {
		t.Errorf("recordCompletion as adviser = %v %+v, want the count of 1 suppressed", res.Data, res.Errors)
	}
	res = a.postAs(adviser, `mutation($p: ID!, $g: ID!) { recordCompletion(input: {personId: $p, programmeId: $g, completedAt: "2026-07-01T00:00:00Z"}) { id } }`,
		map[string]any{"p": w.person("one"), "g": w.ids["prog"]})
	if res.code() != "BAD_USER_INPUT" {
		t.Errorf("completion of a person without consent to monitoring: code %q, want BAD_USER_INPUT", res.code())
	}
	res = a.postAs(admin, `query($g: ID!) { programme(id: $g) { completions destinations { hires } } }`, map[string]any{"g": w.ids["prog"]})
	if dig(res.Data, "programme", "completions") != float64(1) || dig(res.Data, "programme", "destinations", 0, "hires") != float64(1) {
		t.Errorf("as admin: %v %+v, want 1 completion and 1 hire", res.Data, res.Errors)
	}

	seeker := a.id("p-seeker")
	a.mustPost(`mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": []map[string]any{{
		"id": seeker, "orgId": w.orgA, "location": map[string]any{"lat": 51.875, "lon": -2.245}, "consentMatching": true, "seeks": []string{senior}}}})
	a.mustPost(`mutation($p: ID!, $s: ID!) { linkPersonSkill(personId: $p, skill: {skillId: $s, level: 2}) { id } }`, map[string]any{"p": seeker, "s": w.ids["skill1"]})
	const byOcc = `query($o: ID!, $la: ID!) { programmesForOccupation(occupationId: $o, near: {placeId: $la, withinKm: 20}) {
		programme { id } skillCoverage leadsTo peopleMadeReady } }`
	res = a.postAs(admin, byOcc, map[string]any{"o": senior, "la": w.ids["la"]})
	first := dig(res.Data, "programmesForOccupation", 0)
	if dig(first, "programme", "id") != w.ids["prog"] || dig(first, "skillCoverage") != 0.5 || dig(first, "peopleMadeReady") != float64(1) {
		t.Errorf("programmesForOccupation as admin = %v %+v, want the academy covering half and making the seeker ready", res.Data, res.Errors)
	}
	res = a.postAs(token(t, auth.RolePartner, "app", "app"), byOcc, map[string]any{"o": senior, "la": w.ids["la"]})
	if first := dig(res.Data, "programmesForOccupation", 0); dig(first, "programme", "id") != w.ids["prog"] || dig(first, "peopleMadeReady") != nil {
		t.Errorf("programmesForOccupation as a partner = %v %+v, want the programme without any count of people", res.Data, res.Errors)
	}
}

// TestCareerMovesSkillGroupsFromGraph checks that the served engine reads
// ESCO skill groups from the graph: two occupations whose skills share
// nothing but a skill group are a move only once the skills are filed
// under that group, with a reason that says so.
func TestCareerMovesSkillGroupsFromGraph(t *testing.T) {
	a := newSecuredAPI(t)
	ctx := t.Context()
	s1, s2, group := a.id("skill-wash"), a.id("skill-sterilise"), a.id("group-cleaning")
	from, to := a.id("occ-porter"), a.id("occ-sterile")
	a.mustPost(`mutation($s: [SkillInput!]!, $o: [OccupationInput!]!) { upsertSkills(input: $s) { created } upsertOccupations(input: $o) { created } }`, map[string]any{
		"s": []map[string]any{{"id": s1, "label": "zorbic dishwashing"}, {"id": s2, "label": "zorbic instrument sterilising"}},
		"o": []map[string]any{{"id": from, "label": "zorbic porter", "jobZone": 1}, {"id": to, "label": "zorbic sterile technician", "jobZone": 1}},
	})
	for occ, skill := range map[string]string{from: s1, to: s2} {
		a.mustPost(`mutation($o: ID!, $s: ID!) { linkOccupationSkill(occupationId: $o, requirement: {skillId: $s, essential: true}) { id } }`,
			map[string]any{"o": occ, "s": skill})
	}
	const q = `query($o: ID!) { careerMoves(from: {occupationId: $o}, first: 100, filter: {minSimilarity: 0.001}) { moves { occupation { id } reasons } } }`
	move := func() any {
		if err := a.careers.Build(ctx); err != nil {
			t.Fatal(err)
		}
		res := a.postAs(token(t, auth.RolePartner, "council-app", "app"), q, map[string]any{"o": from})
		if len(res.Errors) > 0 {
			t.Fatalf("careerMoves: %+v", res.Errors)
		}
		moves, _ := dig(res.Data, "careerMoves", "moves").([]any)
		for _, m := range moves {
			if dig(m, "occupation", "id") == to {
				return m
			}
		}
		return nil
	}
	if m := move(); m != nil {
		t.Fatalf("a move between occupations sharing no skill and no group: %v", m)
	}
	if _, err := a.db.BulkSkillGroups(ctx, []store.BulkSkillGroup{{ID: group, Label: "zorbic cleaning"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.BulkLinks(ctx, store.SkillInGroup, []store.BulkLink{{FromID: s1, ToID: group}, {FromID: s2, ToID: group}}); err != nil {
		t.Fatal(err)
	}
	m := move()
	if m == nil {
		t.Fatal("no move between occupations whose skills share a skill group in the graph")
	}
	reasons, _ := dig(m, "reasons").([]any)
	if !slices.ContainsFunc(reasons, func(r any) bool { s, _ := r.(string); return strings.Contains(s, "same ESCO group") }) {
		t.Errorf("reasons = %q, want credit through a skill of the same ESCO group", reasons)
	}
}
