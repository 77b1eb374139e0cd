package graph_test

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/onework/onework/auth"
)

// TestTriangulationRecoversOnlyTheHomeArea runs the attack of an employer
// who places vacancies where it likes and asks how far a candidate who
// consented to matching, but not to sharing, lives from each: it must learn
// nothing finer than the candidate's home area. The proof: every answer the
// employer can get stays the same, byte for byte, when the candidate's home
// moves within the area.
func TestTriangulationRecoversOnlyTheHomeArea(t *testing.T) {
	a := newSecuredAPI(t)
	ids := a.seedGraph()
	admin := token(t, auth.RoleAdmin, "", "admin-1")
	employer := token(t, auth.RoleEmployer, ids["emp"], "emp-user")
	person := a.id("p-private")
	// The area's centre is 51.87,-2.24; the home is 2 to 3 km from it.
	homes := [][2]float64{{51.888, -2.221}, {51.853, -2.262}}
	var vacancies []map[string]any
	for i, at := range [][2]float64{{51.95, -2.24}, {51.87, -2.10}, {51.80, -2.30}, {51.87, -2.24}, {51.889, -2.220}} {
		v := vacancyInput(a.id(fmt.Sprintf("vac-%d", i)), ids["emp"], ids["occ"], ids["lsoa"])
		v["location"] = map[string]any{"lat": at[0], "lon": at[1]}
		vacancies = append(vacancies, v)
	}
	a.mustPost(`mutation($v: [VacancyInput!]!) { upsertVacancies(input: $v) { created } }`, map[string]any{"v": vacancies})
	if err := a.careers.Build(t.Context()); err != nil {
		t.Fatal(err)
	}

	const candidates = `query($v: ID!) { candidatesForVacancy(vacancyId: $v, first: 100, filter: {minSkills: 0, maxDistanceKm: %s}) {
		totalCount notes edges { distanceKm distanceBand score breakdown { distance } reasons person { id location { lat lon } } } } }`
	answers := func(home [2]float64) (string, []float64) {
		p := map[string]any{"id": person, "orgId": a.id("org-a"), "name": "Pat Private", "placeId": ids["lsoa"], "travelKm": 40,
			"location": map[string]any{"lat": home[0], "lon": home[1]}, "consentMatching": true, "consentShareWithEmployers": false}
		if res := a.postAs(admin, `mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created updated } }`, map[string]any{"p": []any{p}}); len(res.Errors) > 0 {
			t.Fatalf("upsert person: %+v", res.Errors)
		}
		var all []string
		var exact []float64
		for _, v := range vacancies {
			// Radii the employer can tighten to bisect the distance.
			for _, radius := range []string{"1.5", "2.5", "4", "40"} {
				res := a.postAs(employer, fmt.Sprintf(candidates, radius), map[string]any{"v": v["id"]})
				if len(res.Errors) > 0 {
					t.Fatalf("candidates: %+v", res.Errors)
				}
				b, _ := json.Marshal(res.Data)
				all = append(all, string(b))
				for _, e := range dig(res.Data, "candidatesForVacancy", "edges").([]any) {
					if km, ok := dig(e, "distanceKm").(float64); ok {
						exact = append(exact, km)
					}
					if dig(e, "person", "location") != nil {
						t.Errorf("the employer sees the location of a person who does not share: %v", e)
					}
				}
			}
		}
		return strings.Join(all, "\n"), exact
	}
	first, exact := answers(homes[0])
	if len(exact) > 0 {
		t.Errorf("the employer got exact distances %v", exact)
	}
	if !strings.Contains(first, person) || !strings.Contains(first, `"distanceBand":"UNDER_2_KM"`) {
		t.Fatalf("the candidate or their band is missing from the employer's answers:\n%s", first)
	}
	second, _ := answers(homes[1])
	if first != second {
		t.Errorf("the employer's answers depend on where in the area the person lives:\n%s\n---\n%s", first, second)
	}
	// The fit an attacker would make from the distances it got recovers the
	// area's centre at best, never the home.
	if d := kmBetween(homes[0], [2]float64{51.87, -2.24}); d < 2 {
		t.Fatalf("test homes too near the centre (%v km) to tell apart", d)
	}
	for _, q := range []string{
		`query($p: ID!) { vacanciesForPerson(personId: $p, first: 30, filter: {minSkills: 0}) { edges { distanceKm } } }`,
		`query($p: ID!) { programmesFor(personId: $p, target: {occupationId: "` + ids["occ"] + `"}) { programmes { distanceKm } } }`,
	} {
		res := a.postAs(employer, q, map[string]any{"p": person})
		if res.code() != "FORBIDDEN" {
			t.Errorf("%s as an employer the person does not share with: %+v %v, want FORBIDDEN", q, res.Errors, res.Data)
		}
	}
}

func kmBetween(a, b [2]float64) float64 {
	const r = 6371.0
	dLat := (b[0] - a[0]) * math.Pi / 180
	dLon := (b[1] - a[1]) * math.Pi / 180 * math.Cos((a[0]+b[0])/2*math.Pi/180)
	return r * math.Hypot(dLat, dLon)
}

// TestExistingAndMissingPeopleLookAlike checks that callers without rights
// get the same answer for a person who exists and one who does not. (An
// employer may see, anonymised, people who consent to matching; this one
// does not.)
func TestExistingAndMissingPeopleLookAlike(t *testing.T) {
	a := newSecuredAPI(t)
	ids := a.seedGraph()
	admin := token(t, auth.RoleAdmin, "", "admin-1")
	existing, missing := a.id("p-real"), a.id("p-nobody")
	p := map[string]any{"id": existing, "orgId": a.id("org-a"), "name": "Rae Real", "placeId": ids["lsoa"],
		"location": map[string]any{"lat": 51.871, "lon": -2.241}, "consentMatching": false, "seeks": []string{ids["occ"]}}
	if res := a.postAs(admin, `mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": []any{p}}); len(res.Errors) > 0 {
		t.Fatalf("upsert person: %+v", res.Errors)
	}
	if err := a.careers.Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	callers := map[string]string{
		"anonymous":              "",
		"adviser of another org": token(t, auth.RoleAdviser, a.id("org-b"), "adv-b"),
		"employer":               token(t, auth.RoleEmployer, ids["emp"], "emp-user"),
		"partner app":            token(t, auth.RolePartner, "partner-app", "app"),
		"another person":         token(t, auth.RolePerson, "", a.id("someone-else")),
	}
	queries := map[string]string{
		"person":             `query($p: ID!) { person(id: $p) { id name } }`,
		"careerMoves":        `query($p: ID!) { careerMoves(from: {personId: $p}) { moves { occupation { id } } } }`,
		"programmesFor":      `query($p: ID!) { programmesFor(personId: $p, target: {occupationId: "` + ids["occ"] + `"}) { gap { id } } }`,
		"vacanciesForPerson": `query($p: ID!) { vacanciesForPerson(personId: $p) { totalCount } }`,
	}
	answer := func(token, q, id string) string {
		res := a.postAs(token, q, map[string]any{"p": id})
		b, _ := json.Marshal(map[string]any{"status": res.Status, "data": res.Data, "errors": res.Errors})
		return strings.ReplaceAll(string(b), id, "ID")
	}
	for who, tok := range callers {
		for name, q := range queries {
			t.Run(who+"/"+name, func(t *testing.T) {
				got, want := answer(tok, q, existing), answer(tok, q, missing)
				if got != want {
					t.Errorf("existing person: %s\nmissing person:  %s", got, want)
				}
				if strings.Contains(got, "Rae Real") || !strings.Contains(got, `"code"`) {
					t.Errorf("answer %s, want a refusal", got)
				}
			})
		}
	}
}

// TestCareerMovesDemandRadiusIsBounded: counting open vacancies in a
// circle scans them all, so career moves take a bounded radius.
func TestCareerMovesDemandRadiusIsBounded(t *testing.T) {
	a := newSecuredAPI(t)
	w, _ := seedPathways(t, a)
	res := a.post(`query($o: ID!, $la: ID!) { careerMoves(from: {occupationId: $o}, near: {placeId: $la, withinKm: 500}) { totalCount } }`,
		map[string]any{"o": w.ids["occ"], "la": w.ids["la"]})
	if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "near.withinKm" {
		t.Errorf("careerMoves within 500 km = %+v, want BAD_USER_INPUT on near.withinKm", res.Errors)
	}
}

// TestTimeoutIsOneErrorAndOneLogLine: a request past its deadline gets one
// TIMEOUT error however many fields were left unresolved.
func TestTimeoutIsOneErrorAndOneLogLine(t *testing.T) {
	a := newAPIWith(t, apiOptions{timeout: time.Nanosecond})
	var q strings.Builder
	q.WriteString("{")
	for i := range 25 {
		fmt.Fprintf(&q, " v%d: vacancies(first: 100) { nodes { id title employer { name } } } s%d: skills(first: 5) { nodes { id } }", i, i)
	}
	q.WriteString(" }")
	suiteLog.mu.Lock()
	from := suiteLog.buf.Len()
	suiteLog.mu.Unlock()
	res := a.post(q.String(), nil)
	if len(res.Errors) != 1 || res.code() != "TIMEOUT" {
		t.Errorf("errors = %+v, want one TIMEOUT", res.Errors)
	}
	suiteLog.mu.Lock()
	logged := suiteLog.buf.String()[from:]
	suiteLog.mu.Unlock()
	if n := strings.Count(logged, `msg="request timed out"`); n != 1 || strings.Contains(logged, "level=ERROR") {
		t.Errorf("log of the request: %d timeout lines, want 1 and no errors:\n%s", n, logged)
	}
}
