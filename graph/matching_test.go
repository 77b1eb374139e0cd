package graph_test

import (
	"context"
	"testing"

	"github.com/onework/onework/auth"
	"github.com/onework/onework/workforce"
)

// matchWorld seeds a vacancy and people around it: "both" holds both
// required skills, "one" holds one, "noconsent" does not consent, "far"
// lives beyond their travel limit, "otherorg" is on another caseload.
type matchWorld struct {
	ids     map[string]string
	vacancy string
	orgA    string
	person  func(string) string
}

func seedMatchWorld(t *testing.T, a *api) matchWorld {
	t.Helper()
	ids := a.seedGraph()
	w := matchWorld{ids: ids, vacancy: a.id("vac-hca"), orgA: a.id("org-a"), person: func(s string) string { return a.id("p-" + s) }}
	v := vacancyInput(w.vacancy, ids["emp"], ids["occ"], ids["lsoa"])
	a.mustPost(`mutation($v: [VacancyInput!]!) { upsertVacancies(input: $v) { created } }`, map[string]any{"v": []any{v}})
	for _, s := range []string{ids["skill1"], ids["skill2"]} {
		a.mustPost(`mutation($v: ID!, $s: ID!) { linkVacancySkill(vacancyId: $v, requirement: {skillId: $s, essential: true}) { id } }`,
			map[string]any{"v": w.vacancy, "s": s})
	}
	near := map[string]any{"lat": 51.875, "lon": -2.245}
	people := []map[string]any{
		{"id": w.person("both"), "orgId": w.orgA, "name": "Bo Both", "placeId": ids["lsoa"], "location": near, "travelKm": 10, "consentMatching": true, "rightToWork": true},
		{"id": w.person("one"), "orgId": w.orgA, "name": "Oni One", "placeId": ids["lsoa"], "location": near, "travelKm": 10, "consentMatching": true, "rightToWork": true},
		{"id": w.person("noconsent"), "orgId": w.orgA, "name": "Nia Noconsent", "placeId": ids["lsoa"], "location": near, "travelKm": 10, "consentMatching": false, "rightToWork": true},
		{"id": w.person("far"), "orgId": w.orgA, "name": "Fen Far", "location": map[string]any{"lat": 53.48, "lon": -2.24}, "travelKm": 10, "consentMatching": true, "rightToWork": true},
		{"id": w.person("otherorg"), "orgId": a.id("org-b"), "name": "Ola Other", "placeId": ids["lsoa"], "location": near, "travelKm": 10, "consentMatching": true, "rightToWork": true},
	}
	a.mustPost(`mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": people})
	holds := map[string][]string{"both": {ids["skill1"], ids["skill2"]}, "one": {ids["skill1"]}, "noconsent": {ids["skill1"], ids["skill2"]},
		"far": {ids["skill1"], ids["skill2"]}, "otherorg": {ids["skill1"], ids["skill2"]}}
	for who, skills := range holds {
		for _, s := range skills {
			a.mustPost(`mutation($p: ID!, $s: ID!) { linkPersonSkill(personId: $p, skill: {skillId: $s, level: 3}) { id } }`,
				map[string]any{"p": w.person(who), "s": s})
		}
	}
	return w
}

const candidatesQuery = `query($v: ID!, $first: Int, $after: String) {
	candidatesForVacancy(vacancyId: $v, first: $first, after: $after) {
		totalCount pageInfo { hasNextPage endCursor }
		edges { cursor score distanceKm reasons person { id name }
			breakdown { skills distance local access }
			skills { tier essential skill { id } } } } }`

// candidateIDs returns the ids of the ranked people, best first.
func candidateIDs(t *testing.T, res response) []string {
	t.Helper()
	if len(res.Errors) > 0 {
		t.Fatalf("candidatesForVacancy: %+v", res.Errors)
	}
	var ids []string
	edges, _ := dig(res.Data, "candidatesForVacancy", "edges").([]any)
	for _, e := range edges {
		ids = append(ids, dig(e, "person", "id").(string))
	}
	return ids
}

func TestCandidatesForVacancyEndToEnd(t *testing.T) {
	a := newSecuredAPI(t)
	w := seedMatchWorld(t, a)
	adviser := token(t, auth.RoleAdviser, w.orgA, "adviser-a")

	res := a.postAs(adviser, candidatesQuery, map[string]any{"v": w.vacancy})
	got := candidateIDs(t, res)
	want := []string{w.person("both"), w.person("one")}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("candidates = %v, want %v (no consent, too far and other caseloads left out)", got, want)
	}
	best := dig(res.Data, "candidatesForVacancy", "edges", 0)
	if reasons, _ := dig(best, "reasons").([]any); len(reasons) == 0 {
		t.Error("the best candidate has no reasons")
	}
	if tier := dig(best, "skills", 0, "tier"); tier != "HELD" {
		t.Errorf("best candidate's first skill tier = %v, want HELD", tier)
	}
	if tier := dig(res.Data, "candidatesForVacancy", "edges", 1, "skills", 1, "tier"); tier != "MISSING" {
		t.Errorf("second candidate's second skill tier = %v, want MISSING", tier)
	}
	// Every edge lists the vacancy's requirements, each with its skill.
	edges, _ := dig(res.Data, "candidatesForVacancy", "edges").([]any)
	for i, e := range edges {
		skills, _ := dig(e, "skills").([]any)
		if len(skills) != 2 {
			t.Fatalf("edge %d lists %d skills, want the vacancy's 2", i, len(skills))
		}
		for j := range skills {
			if id := dig(e, "skills", j, "skill", "id"); id == nil || id != dig(edges[0], "skills", j, "skill", "id") {
				t.Errorf("edge %d skill %d = %v, want the vacancy's requirement %v", i, j, id, dig(edges[0], "skills", j, "skill", "id"))
			}
		}
	}
	if d, _ := dig(best, "distanceKm").(float64); d <= 0 || d > 10 {
		t.Errorf("distanceKm = %v, want within the 10 km travel limit", d)
	}

	t.Run("a change through the API shows in the very next match", func(t *testing.T) {
		a.mustPost(`mutation($p: ID!, $s: ID!) { linkPersonSkill(personId: $p, skill: {skillId: $s, level: 3}) { id } }`,
			map[string]any{"p": w.person("one"), "s": w.ids["skill2"]})
		res := a.postAs(adviser, candidatesQuery, map[string]any{"v": w.vacancy})
		second := dig(res.Data, "candidatesForVacancy", "edges", 1)
		if tier := dig(second, "skills", 1, "tier"); tier != "HELD" {
			t.Errorf("after gaining the skill the tier is %v, want HELD", tier)
		}
	})
	t.Run("consent withdrawn takes effect at once", func(t *testing.T) {
		a.mustPost(`mutation($p: ID!) { setConsent(personId: $p, consent: {matching: false}) { consentMatching } }`, map[string]any{"p": w.person("both")})
		got := candidateIDs(t, a.postAs(adviser, candidatesQuery, map[string]any{"v": w.vacancy}))
		for _, id := range got {
			if id == w.person("both") {
				t.Errorf("a person who withdrew consent is still matched: %v", got)
			}
		}
	})
	t.Run("an erased person is forgotten", func(t *testing.T) {
		a.mustPost(`mutation($p: ID!) { erasePerson(id: $p) { deleted } }`, map[string]any{"p": w.person("one")})
		if got := candidateIDs(t, a.postAs(adviser, candidatesQuery, map[string]any{"v": w.vacancy})); len(got) != 0 {
			t.Errorf("candidates after erasure and withdrawal = %v, want none", got)
		}
	})
}

func TestCandidatesByRole(t *testing.T) {
	a := newSecuredAPI(t)
	w := seedMatchWorld(t, a)
	employer := token(t, auth.RoleEmployer, w.ids["emp"], "emp-user")
	res := a.postAs(employer, candidatesQuery, map[string]any{"v": w.vacancy})
	got := candidateIDs(t, res)
	if len(got) != 3 {
		t.Errorf("employer sees %v, want the 3 matchable people of every caseload", got)
	}
	for i := range got {
		if name := dig(res.Data, "candidatesForVacancy", "edges", i, "person", "name"); name != nil {
			t.Errorf("employer sees the name %v of a person who has not agreed to share", name)
		}
	}
	for _, tc := range []struct{ name, token, code string }{
		{"another employer", token(t, auth.RoleEmployer, a.id("emp-other"), "x"), "FORBIDDEN"},
		{"partner app", token(t, auth.RolePartner, "app", "app"), "FORBIDDEN"},
		{"anonymous", "", "UNAUTHENTICATED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if res := a.postAs(tc.token, candidatesQuery, map[string]any{"v": w.vacancy}); res.code() != tc.code {
				t.Errorf("code = %q, want %q", res.code(), tc.code)
			}
		})
	}
}

func TestVacanciesForPersonEndToEnd(t *testing.T) {
	a := newSecuredAPI(t)
	w := seedMatchWorld(t, a)
	adviser := token(t, auth.RoleAdviser, w.orgA, "adviser-a")
	res := a.postAs(adviser, `query($p: ID!) { vacanciesForPerson(personId: $p) { totalCount edges { score reasons vacancy { id employer { name } }
		breakdown { goodWork { score realLivingWage charter } } } } }`, map[string]any{"p": w.person("both")})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	edge := dig(res.Data, "vacanciesForPerson", "edges", 0)
	if dig(edge, "vacancy", "id") != w.vacancy {
		t.Fatalf("vacanciesForPerson = %v, want %s first", res.Data, w.vacancy)
	}
	if rlw := dig(edge, "breakdown", "goodWork", "realLivingWage"); rlw != float64(1) {
		t.Errorf("realLivingWage part = %v, want 1 for a Real Living Wage employer", rlw)
	}
	other := token(t, auth.RoleAdviser, a.id("org-b"), "adviser-b")
	if res := a.postAs(other, `query($p: ID!) { vacanciesForPerson(personId: $p) { totalCount } }`, map[string]any{"p": w.person("both")}); res.code() != "FORBIDDEN" {
		t.Errorf("another caseload's person: code %q, want FORBIDDEN", res.code())
	}
}

func TestMatchBadInput(t *testing.T) {
	a := newSecuredAPI(t)
	w := seedMatchWorld(t, a)
	admin := token(t, auth.RoleAdmin, "", "admin")
	cases := []badInputCase{
		{name: "unknown vacancy", query: `{ candidatesForVacancy(vacancyId: "no-such-vacancy") { totalCount } }`, code: "NOT_FOUND"},
		{name: "unknown person", query: `{ vacanciesForPerson(personId: "no-such-person") { totalCount } }`, code: "NOT_FOUND"},
		{name: "first over the maximum", query: `query($v: ID!) { candidatesForVacancy(vacancyId: $v, first: 101) { totalCount } }`, code: "BAD_USER_INPUT", field: "first"},
		{name: "negative first", query: `query($v: ID!) { candidatesForVacancy(vacancyId: $v, first: -2) { totalCount } }`, code: "BAD_USER_INPUT", field: "first"},
		{name: "negative weight", query: `query($v: ID!) { candidatesForVacancy(vacancyId: $v, weights: {skills: -1}) { totalCount } }`, code: "BAD_USER_INPUT", field: "weights.skills"},
		{name: "all weights zero", query: `query($v: ID!) { candidatesForVacancy(vacancyId: $v, weights: {skills: 0, distance: 0, local: 0, access: 0}) { totalCount } }`, code: "BAD_USER_INPUT", field: "weights.skills"},
		{name: "place outweighing fit", query: `query($v: ID!) { candidatesForVacancy(vacancyId: $v, weights: {skills: 0.45, distance: 0.2, local: 0.15, access: 0.1}) { totalCount } }`, code: "BAD_USER_INPUT", field: "weights"},
		{name: "minSkills over 1", query: `query($v: ID!) { candidatesForVacancy(vacancyId: $v, filter: {minSkills: 2}) { totalCount } }`, code: "BAD_USER_INPUT", field: "minSkills"},
		{name: "malformed cursor", query: `query($v: ID!) { candidatesForVacancy(vacancyId: $v, after: "@@@") { totalCount } }`, code: "BAD_USER_INPUT", field: "after"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := a.postAs(admin, tc.query, map[string]any{"v": w.vacancy})
			if res.code() != tc.code {
				t.Fatalf("code = %q, want %q (%+v)", res.code(), tc.code, res.Errors)
			}
			if tc.field != "" && res.Errors[0].Extensions["field"] != tc.field {
				t.Errorf("field = %v, want %s", res.Errors[0].Extensions["field"], tc.field)
			}
		})
	}
}

func TestIndexCatchesUpWithWritesMadeElsewhere(t *testing.T) {
	a := newSecuredAPI(t)
	w := seedMatchWorld(t, a)
	ctx := context.Background()
	// A write straight to the store, as an import or another replica makes.
	p := &workforce.Person{ID: w.person("imported"), OrgID: w.orgA, Location: &workforce.Point{Lat: 51.874, Lon: -2.244}, TravelKm: 10, ConsentMatching: true, RightToWork: true}
	if _, err := a.db.UpsertPeople(ctx, []*workforce.Person{p}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{w.ids["skill1"], w.ids["skill2"]} {
		if err := a.db.LinkPersonSkill(ctx, p.ID, workforce.PersonSkill{SkillID: s, Level: 2, Source: "import"}); err != nil {
			t.Fatal(err)
		}
	}
	admin := token(t, auth.RoleAdmin, "", "admin")
	contains := func() bool {
		for _, id := range candidateIDs(t, a.postAs(admin, candidatesQuery, map[string]any{"v": w.vacancy})) {
			if id == p.ID {
				return true
			}
		}
		return false
	}
	if contains() {
		t.Fatal("the engine saw a write made elsewhere before any refresh")
	}
	if err := a.index.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if !contains() {
		t.Error("after a refresh the engine still lacks the person written elsewhere")
	}
	if err := a.db.ErasePerson(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	a.index.SweepEvery = 1
	if err := a.index.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if contains() {
		t.Error("after a sweep the engine still ranks a person deleted elsewhere")
	}
}

func TestAdviserCorrectsInferredLinks(t *testing.T) {
	a := newSecuredAPI(t)
	w := seedMatchWorld(t, a)
	employer := token(t, auth.RoleEmployer, w.ids["emp"], "emp-user")
	res := a.postAs(employer, `mutation($v: ID!, $o: ID!) { setVacancyOccupation(vacancyId: $v, occupationId: $o) { occupation { id } occupationSource occupationConfidence } }`,
		map[string]any{"v": w.vacancy, "o": w.ids["occ"]})
	got := dig(res.Data, "setVacancyOccupation")
	if dig(got, "occupation", "id") != w.ids["occ"] || dig(got, "occupationSource") != "adviser" || dig(got, "occupationConfidence") != float64(1) {
		t.Errorf("setVacancyOccupation = %v %+v", got, res.Errors)
	}
	res = a.postAs(employer, `mutation($v: ID!) { setVacancyOccupation(vacancyId: $v, occupationId: "no-such-occupation") { id } }`, map[string]any{"v": w.vacancy})
	if res.code() != "NOT_FOUND" {
		t.Errorf("unknown occupation: code %q, want NOT_FOUND", res.code())
	}
	res = a.postAs(employer, `mutation($v: ID!, $s: ID!) { linkVacancySkill(vacancyId: $v, requirement: {skillId: $s, essential: false}) { requirements { skill { id } essential source confidence } } }`,
		map[string]any{"v": w.vacancy, "s": w.ids["skill2"]})
	for _, r := range dig(res.Data, "linkVacancySkill", "requirements").([]any) {
		if dig(r, "skill", "id") == w.ids["skill2"] && (dig(r, "essential") != false || dig(r, "source") != "adviser") {
			t.Errorf("corrected requirement = %v", r)
		}
	}
}

func TestSkillsFloor(t *testing.T) {
	a := newSecuredAPI(t)
	w := seedMatchWorld(t, a)
	a.mustPost(`mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": []map[string]any{{
		"id": w.person("noskills"), "orgId": w.orgA, "location": map[string]any{"lat": 51.875, "lon": -2.245}, "travelKm": 10,
		"consentMatching": true, "rightToWork": true}}})
	adviser := token(t, auth.RoleAdviser, w.orgA, "adviser-a")
	const q = `query($v: ID!, $min: Float) { candidatesForVacancy(vacancyId: $v, filter: {minSkills: $min}) { edges { person { id } } } }`
	has := func(min float64) bool {
		for _, id := range candidateIDs(t, a.postAs(adviser, q, map[string]any{"v": w.vacancy, "min": min})) {
			if id == w.person("noskills") {
				return true
			}
		}
		return false
	}
	if !has(0) {
		t.Error("minSkills 0: the person without skills is missing, want everyone in reach")
	}
	if has(0.01) {
		t.Error("minSkills 0.01: the person without any of the skills is still ranked")
	}
}
