package graph_test

import (
	"strings"
	"testing"
	"time"

	"github.com/onework/onework/auth"
)

// TestRegistrations writes a person's professional registrations through
// the API, reads them back, and refuses bad ones without writing anything.
func TestRegistrations(t *testing.T) {
	a := newAPI(t)
	expires := time.Now().AddDate(1, 0, 0).UTC().Truncate(time.Second).Format(time.RFC3339)
	id := a.id("nurse")
	a.mustPost(`mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": []map[string]any{{
		"id": id, "orgId": a.id("org"), "registrations": []map[string]any{
			{"regulator": "NMC", "number": "12A3456B", "expires": expires},
			{"regulator": "HCPC"},
		}}}})
	data := a.mustPost(`query($id: ID!) { person(id: $id) { registrations { regulator number expires } } }`, map[string]any{"id": id})
	regs, _ := dig(data, "person", "registrations").([]any)
	if len(regs) != 2 || dig(regs[0], "regulator") != "HCPC" || dig(regs[1], "number") != "12A3456B" || dig(regs[1], "expires") != expires {
		t.Fatalf("registrations = %v, want HCPC then NMC 12A3456B expiring %s", regs, expires)
	}

	bad := []struct {
		name, field string
		reg         map[string]any
	}{
		{"unknown regulator", "", map[string]any{"regulator": "CQC"}},
		{"number in the wrong format", "registrations.number", map[string]any{"regulator": "NMC", "number": "1234567"}},
		{"expired", "registrations.expires", map[string]any{"regulator": "NMC", "expires": "2020-01-01T00:00:00Z"}},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			pid := a.id("bad-" + tc.field)
			res := a.post(`mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": []map[string]any{{
				"id": pid, "orgId": a.id("org"), "registrations": []any{tc.reg}}}})
			if len(res.Errors) == 0 {
				t.Fatalf("upsertPeople with %s: no error", tc.name)
			}
			if tc.field != "" {
				if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != tc.field {
					t.Fatalf("upsertPeople with %s: %+v, want BAD_USER_INPUT on %s", tc.name, res.Errors, tc.field)
				}
			}
			after := a.mustPost(`query($id: ID!) { person(id: $id) { id } }`, map[string]any{"id": pid})
			if dig(after, "person") != nil {
				t.Fatalf("upsertPeople with %s wrote the person: %v", tc.name, after)
			}
		})
	}
}

// TestRegulatedVacancyNeedsRegistration: for a staff nurse vacancy the
// registered nurse ranks first and is READY; a clinically stronger person
// without a registration in force ranks below, marked NEEDS_REGISTRATION
// with the route, and the page notes the regulated profession.
func TestRegulatedVacancyNeedsRegistration(t *testing.T) {
	a := newSecuredAPI(t)
	ids := a.seedGraph()
	nurse := a.id("occ-nurse")
	a.mustPost(`mutation($o: [OccupationInput!]!) { upsertOccupations(input: $o) { created } }`, map[string]any{"o": []any{
		map[string]any{"id": nurse, "label": "nurse responsible for general care", "code": "2221.2"}}})
	vac := a.id("vac-nurse")
	a.mustPost(`mutation($v: [VacancyInput!]!) { upsertVacancies(input: $v) { created } }`,
		map[string]any{"v": []any{vacancyInput(vac, ids["emp"], nurse, ids["lsoa"])}})
	a.mustPost(`mutation($v: ID!, $s: ID!) { linkVacancySkill(vacancyId: $v, requirement: {skillId: $s, essential: true}) { id } }`,
		map[string]any{"v": vac, "s": ids["skill1"]})
	expires := time.Now().AddDate(1, 0, 0).UTC().Format(time.RFC3339)
	near := map[string]any{"lat": 51.875, "lon": -2.245}
	org := a.id("org")
	people := []map[string]any{
		{"id": a.id("registered"), "orgId": org, "placeId": ids["lsoa"], "location": near, "travelKm": 10, "consentMatching": true, "rightToWork": true,
			"registrations": []any{map[string]any{"regulator": "NMC", "number": "12A3456B", "expires": expires}}},
		{"id": a.id("unregistered"), "orgId": org, "placeId": ids["lsoa"], "location": near, "travelKm": 10, "consentMatching": true, "rightToWork": true,
			"history": []any{map[string]any{"occupationId": nurse, "from": "2015-01-01T00:00:00Z"}}},
	}
	a.mustPost(`mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": people})
	a.mustPost(`mutation($p: ID!, $s: ID!) { linkPersonSkill(personId: $p, skill: {skillId: $s, level: 3}) { id } }`,
		map[string]any{"p": a.id("unregistered"), "s": ids["skill1"]})

	res := a.postAs(token(t, auth.RoleAdmin, "", "admin"), `query($v: ID!) { candidatesForVacancy(vacancyId: $v) {
		notes edges { person { id } readiness registration { regulator held route }
			breakdown { fit skills experience } experience { occupation { id } } reasons } } }`, map[string]any{"v": vac})
	if len(res.Errors) > 0 {
		t.Fatalf("candidatesForVacancy: %+v", res.Errors)
	}
	edges, _ := dig(res.Data, "candidatesForVacancy", "edges").([]any)
	if len(edges) != 2 {
		t.Fatalf("edges = %v, want the two people", edges)
	}
	first, second := edges[0], edges[1]
	if dig(first, "person", "id") != a.id("registered") || dig(first, "registration", "held") != true || dig(first, "readiness") == "NEEDS_REGISTRATION" {
		t.Errorf("first = %v, want the registered nurse, held, not needing registration", first)
	}
	if dig(second, "readiness") != "NEEDS_REGISTRATION" || dig(second, "registration", "regulator") != "NMC" || dig(second, "registration", "route") == "" {
		t.Errorf("second = %v, want NEEDS_REGISTRATION with the NMC route", second)
	}
	if f1, f2 := dig(first, "breakdown", "fit").(float64), dig(second, "breakdown", "fit").(float64); f2 <= f1 {
		t.Errorf("fits %v and %v: the test wants the unregistered person to have the higher fit", f1, f2)
	}
	if dig(second, "experience", "occupation", "id") != nurse {
		t.Errorf("second's experience = %v, want the nursing job", dig(second, "experience"))
	}
	notes, _ := dig(res.Data, "candidatesForVacancy", "notes").([]any)
	found := false
	for _, n := range notes {
		found = found || strings.Contains(n.(string), "Nursing and Midwifery Council")
	}
	if !found {
		t.Errorf("notes %v: want one saying the profession is regulated", notes)
	}
}

// TestVacancyRegistration: a vacancy states the register it requires,
// which is stored, read back, cleared when left out, and gates the
// candidates of an occupation that is not regulated; an unknown regulator
// is refused with BAD_USER_INPUT and nothing written.
func TestVacancyRegistration(t *testing.T) {
	a := newSecuredAPI(t)
	ids := a.seedGraph()
	vac := a.id("vac-senior-hca")
	in := vacancyInput(vac, ids["emp"], ids["occ"], ids["lsoa"])
	in["registration"] = "NMC"
	const upsert = `mutation($v: [VacancyInput!]!) { upsertVacancies(input: $v) { created updated } }`
	a.mustPost(upsert, map[string]any{"v": []any{in}})
	a.mustPost(`mutation($v: ID!, $s: ID!) { linkVacancySkill(vacancyId: $v, requirement: {skillId: $s, essential: true}) { id } }`,
		map[string]any{"v": vac, "s": ids["skill1"]})
	got := a.mustPost(`query($id: ID!) { vacancy(id: $id) { registration } }`, map[string]any{"id": vac})
	if r := dig(got, "vacancy", "registration"); r != "NMC" {
		t.Fatalf("vacancy registration = %v, want NMC", r)
	}
	near := map[string]any{"lat": 51.875, "lon": -2.245}
	a.mustPost(`mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": []map[string]any{
		{"id": a.id("hca"), "orgId": a.id("org"), "placeId": ids["lsoa"], "location": near, "travelKm": 10, "consentMatching": true, "rightToWork": true}}})
	res := a.postAs(token(t, auth.RoleAdmin, "", "admin"), `query($v: ID!) { candidatesForVacancy(vacancyId: $v, filter: {minSkills: 0}) {
		edges { person { id } readiness registration { regulator held } } } }`, map[string]any{"v": vac})
	if len(res.Errors) > 0 {
		t.Fatalf("candidatesForVacancy: %+v", res.Errors)
	}
	edges, _ := dig(res.Data, "candidatesForVacancy", "edges").([]any)
	if len(edges) != 1 || dig(edges[0], "readiness") != "NEEDS_REGISTRATION" || dig(edges[0], "registration", "regulator") != "NMC" {
		t.Fatalf("edges = %v, want the unregistered person needing NMC registration", edges)
	}

	delete(in, "registration")
	a.mustPost(upsert, map[string]any{"v": []any{in}})
	got = a.mustPost(`query($id: ID!) { vacancy(id: $id) { registration } }`, map[string]any{"id": vac})
	if r := dig(got, "vacancy", "registration"); r != nil {
		t.Fatalf("vacancy registration after an upsert without it = %v, want null", r)
	}

	bad := vacancyInput(a.id("vac-bad-register"), ids["emp"], ids["occ"], ids["lsoa"])
	bad["registration"] = "CQC"
	res = a.post(upsert, map[string]any{"v": []any{bad}})
	if len(res.Errors) == 0 || res.code() != "BAD_USER_INPUT" || !strings.Contains(res.Errors[0].Message, "CQC") {
		t.Fatalf("upsertVacancies with registration CQC: %+v, want BAD_USER_INPUT naming CQC", res.Errors)
	}
	after := a.mustPost(`query($id: ID!) { vacancy(id: $id) { id } }`, map[string]any{"id": bad["id"]})
	if dig(after, "vacancy") != nil {
		t.Fatalf("upsertVacancies with an unknown regulator wrote the vacancy: %v", after)
	}
}
