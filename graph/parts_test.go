package graph_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/onework/onework/auth"
)

// Every field of Person and Vacancy that a partial node answers, with
// their objects' ids.
const (
	personPartFields = `__typename id orgId name email phone place { id name } location { lat lon } travelKm availableFrom
		hoursPerWeek rightToWork currentPay consentMatching consentShareWithEmployers consentMonitoring updatedAt
		skills { skill { id } level } seeks { id } history { occupation { id } from to } registrations { regulator number }`
	vacancyPartFields = `__typename id title description employer { id name } occupation { id } occupationSource
		occupationConfidence place { id } location { lat lon } salaryMin salaryMax hoursPerWeek contract flexible
		requiresRightToWork postedAt closesAt openNow source updatedAt requirements { skill { id } essential } registration`
)

// TestMatchPagesReadInPart checks that a ranked page whose selection of
// its people or vacancies can be read in part answers exactly as the whole
// read does, for every role that sees candidates, field by field: the
// people against the same page with the equality data selected (which
// needs the whole person), the vacancies against the vacancy query.
func TestMatchPagesReadInPart(t *testing.T) {
	a := newSecuredAPI(t)
	w := seedMatchWorld(t, a)
	a.mustPost(`mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { updated } }`, map[string]any{"p": []any{
		map[string]any{"id": w.person("both"), "orgId": w.orgA, "name": "Bo Both", "email": "bo@example.org", "phone": "01234 567890",
			"placeId": w.ids["lsoa"], "location": map[string]any{"lat": 51.875, "lon": -2.245}, "travelKm": 10, "consentMatching": true,
			"consentShareWithEmployers": true, "consentMonitoring": true, "rightToWork": true, "hoursPerWeek": 30, "currentPay": 21000,
			"availableFrom": "2027-01-04T00:00:00Z", "seeks": []any{w.ids["occ"]},
			"history":  []any{map[string]any{"occupationId": w.ids["occ"], "from": "2020-01-01T00:00:00Z", "to": "2024-06-30T00:00:00Z"}},
			"equality": map[string]any{"ageBand": "25-34"}},
	}})
	roles := map[string]string{
		"admin":    token(t, auth.RoleAdmin, "", "admin"),
		"adviser":  token(t, auth.RoleAdviser, w.orgA, "adviser-a"),
		"employer": token(t, auth.RoleEmployer, w.ids["emp"], "emp-user"),
	}
	people := func(token string, fields string) []any {
		t.Helper()
		res := a.postAs(token, `query($v: ID!) { candidatesForVacancy(vacancyId: $v) { edges { person { `+fields+` } } } }`,
			map[string]any{"v": w.vacancy})
		if len(res.Errors) > 0 {
			t.Fatalf("candidatesForVacancy: %+v", res.Errors)
		}
		var out []any
		for _, e := range dig(res.Data, "candidatesForVacancy", "edges").([]any) {
			p := dig(e, "person").(map[string]any)
			delete(p, "equality")
			out = append(out, p)
		}
		return out
	}
	for role, token := range roles {
		t.Run("candidates as "+role, func(t *testing.T) {
			part, whole := people(token, personPartFields), people(token, personPartFields+" equality { ageBand }")
			if len(part) < 2 {
				t.Fatalf("%d candidates, want at least 2", len(part))
			}
			if diff := cmp.Diff(whole, part); diff != "" {
				t.Errorf("people read in part differ from whole people (-whole +part):\n%s", diff)
			}
			for _, p := range part {
				shares := dig(p, "consentShareWithEmployers") == true
				regs, isList := dig(p, "registrations").([]any)
				switch {
				case role == "employer" && !shares && (dig(p, "name") != nil || dig(p, "registrations") != nil):
					t.Errorf("an employer sees the personal fields of a person who does not share them: %v", p)
				case (role != "employer" || shares) && (dig(p, "name") == nil || !isList || regs == nil):
					t.Errorf("%s sees no name or registrations list for %v", role, p)
				}
			}
		})
	}

	adviser := roles["adviser"]
	res := a.postAs(adviser, `query($p: ID!) { vacanciesForPerson(personId: $p) { edges { vacancy { `+vacancyPartFields+` } } } }`,
		map[string]any{"p": w.person("both")})
	if len(res.Errors) > 0 {
		t.Fatalf("vacanciesForPerson: %+v", res.Errors)
	}
	edges := dig(res.Data, "vacanciesForPerson", "edges").([]any)
	if len(edges) == 0 {
		t.Fatal("vacanciesForPerson found nothing")
	}
	for _, e := range edges {
		part := dig(e, "vacancy")
		whole := a.postAs(adviser, `query($v: ID!) { vacancy(id: $v) { `+vacancyPartFields+` } }`, map[string]any{"v": dig(part, "id")})
		if diff := cmp.Diff(dig(whole.Data, "vacancy"), part); len(whole.Errors) > 0 || diff != "" {
			t.Errorf("vacancy read in part differs from the vacancy query (%v) (-whole +part):\n%s", whole.Errors, diff)
		}
	}

	// Aliases and fragments with other selections of the same node: each
	// field gets what it selected, whichever read primed the page.
	res = a.postAs(adviser, `query($v: ID!) { a: candidatesForVacancy(vacancyId: $v) { edges { person { id travelKm } } }
		b: candidatesForVacancy(vacancyId: $v) { edges { x: person { id } y: person { name seeks { id } } ...F } } }
		fragment F on CandidateEdge { person { equality { ageBand } } }`, map[string]any{"v": w.vacancy})
	if len(res.Errors) > 0 {
		t.Fatalf("aliases: %+v", res.Errors)
	}
	got, _ := json.Marshal(dig(res.Data, "b", "edges", 0))
	if want := `{"person":{"equality":null},"x":{"id":"` + w.person("both") + `"},"y":{"name":"Bo Both","seeks":[{"id":"` + w.ids["occ"] + `"}]}}`; string(got) != want {
		t.Errorf("aliased edge = %s, want %s (an adviser never sees equality data)", got, want)
	}
	if km := dig(res.Data, "a", "edges", 0, "person", "travelKm"); km != float64(10) {
		t.Errorf("travelKm = %v, want 10", km)
	}
}
