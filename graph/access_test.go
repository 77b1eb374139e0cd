package graph_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/onework/onework/auth"
)

const (
	testSecret   = "graph-tests-development-secret-0123456789"
	testIssuer   = "onework-test"
	testAudience = "onework-api"
)

// token mints a real development token for a role.
func token(t *testing.T, role auth.Role, org, sub string) string {
	t.Helper()
	tok, err := auth.Mint(testSecret, testIssuer, testAudience, auth.User{Subject: sub, Role: role, OrgID: org}, time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// newSecuredAPI serves the API with the real verifier and policy.
func newSecuredAPI(t *testing.T) *api {
	t.Helper()
	v, err := auth.NewVerifier(t.Context(), auth.Config{Issuer: testIssuer, Audience: testAudience, DevSecret: testSecret})
	if err != nil {
		t.Fatal(err)
	}
	a := newAPIWith(t, apiOptions{authorizer: func(a *api) any { return &auth.Policy{Read: a.db, Audit: a.audit} }, authenticate: v.Middleware, cors: []string{"https://council.example"}})
	a.seedToken = token(t, auth.RoleAdmin, "", "admin-seed")
	return a
}

func TestPersonFieldsByRole(t *testing.T) {
	a := newSecuredAPI(t)
	ids := a.seedGraph()
	admin := token(t, auth.RoleAdmin, "", "admin-1")
	orgA, orgB := a.id("org-a"), a.id("org-b")
	people := []map[string]any{
		{"id": a.id("p-shares"), "orgId": orgA, "name": "Sam Sharer", "email": "sam@example.org", "placeId": ids["lsoa"],
			"location": map[string]any{"lat": 51.871, "lon": -2.241}, "consentMatching": true, "consentShareWithEmployers": true, "currentPay": 21000},
		{"id": a.id("p-private"), "orgId": orgA, "name": "Pat Private", "email": "pat@example.org", "placeId": ids["lsoa"],
			"location": map[string]any{"lat": 51.872, "lon": -2.242}, "consentMatching": true, "consentShareWithEmployers": false},
		{"id": a.id("p-hidden"), "orgId": orgA, "name": "Hal Hidden", "placeId": ids["lsoa"], "consentMatching": false},
	}
	if res := a.postAs(admin, `mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": people}); len(res.Errors) > 0 {
		t.Fatalf("seed people: %+v", res.Errors)
	}
	const q = `query($id: ID!) { person(id: $id) { id name email location { lat } currentPay place { id kind } skills { level } } }`
	type want struct {
		code     string // "" means the person is returned
		personal bool   // name, email, location visible
		place    string // the kind of place shown
	}
	cases := []struct {
		name   string
		token  string
		person string
		want   want
	}{
		{"anonymous", "", "p-private", want{code: "UNAUTHENTICATED"}},
		{"admin", admin, "p-private", want{personal: true, place: "LSOA"}},
		{"adviser of the same org", token(t, auth.RoleAdviser, orgA, "adv-a"), "p-private", want{personal: true, place: "LSOA"}},
		{"adviser of another org", token(t, auth.RoleAdviser, orgB, "adv-b"), "p-private", want{code: "FORBIDDEN"}},
		{"employer, person shares", token(t, auth.RoleEmployer, ids["emp"], "emp-user"), "p-shares", want{personal: true, place: "LSOA"}},
		{"employer, person does not share", token(t, auth.RoleEmployer, ids["emp"], "emp-user"), "p-private", want{personal: false, place: "LOCAL_AUTHORITY"}},
		{"employer, person not matchable", token(t, auth.RoleEmployer, ids["emp"], "emp-user"), "p-hidden", want{code: "FORBIDDEN"}},
		{"partner app", token(t, auth.RolePartner, "partner-app", "app"), "p-shares", want{code: "FORBIDDEN"}},
		{"provider", token(t, auth.RoleProvider, ids["prov"], "prov-user"), "p-shares", want{code: "FORBIDDEN"}},
		{"the person", token(t, auth.RolePerson, "", a.id("p-private")), "p-private", want{personal: true, place: "LSOA"}},
		{"another person", token(t, auth.RolePerson, "", a.id("p-shares")), "p-private", want{code: "FORBIDDEN"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := a.postAs(tc.token, q, map[string]any{"id": a.id(tc.person)})
			if res.code() != tc.want.code {
				t.Fatalf("code = %q, want %q (errors %+v)", res.code(), tc.want.code, res.Errors)
			}
			p := dig(res.Data, "person")
			if tc.want.code != "" {
				if p != nil {
					t.Errorf("person = %v, want null", p)
				}
				return
			}
			for _, f := range []string{"name", "email", "location"} {
				if visible := dig(p, f) != nil; visible != tc.want.personal {
					t.Errorf("%s visible = %v, want %v (person %v)", f, visible, tc.want.personal, p)
				}
			}
			if got := dig(p, "place", "kind"); got != tc.want.place {
				t.Errorf("place kind = %v, want %s", got, tc.want.place)
			}
		})
	}
}

func TestPeopleListsAreScopedToTheOrganisation(t *testing.T) {
	a := newSecuredAPI(t)
	admin := token(t, auth.RoleAdmin, "", "admin-1")
	orgA, orgB := a.id("org-a"), a.id("org-b")
	var people []map[string]any
	for i, org := range []string{orgA, orgA, orgB} {
		people = append(people, map[string]any{"id": a.id("p" + string(rune('0'+i))), "orgId": org, "name": "Person " + string(rune('A'+i))})
	}
	if res := a.postAs(admin, `mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": people}); len(res.Errors) > 0 {
		t.Fatalf("seed people: %+v", res.Errors)
	}
	adviserA := token(t, auth.RoleAdviser, orgA, "adv-a")
	res := a.postAs(adviserA, `{ people(first: 100) { totalCount nodes { orgId } } }`, nil)
	if res.code() != "" {
		t.Fatalf("people as adviser: %+v", res.Errors)
	}
	if got := dig(res.Data, "people", "totalCount"); got != float64(2) {
		t.Errorf("totalCount = %v, want 2 (only the adviser's organisation)", got)
	}
	for _, n := range dig(res.Data, "people", "nodes").([]any) {
		if dig(n, "orgId") != orgA {
			t.Errorf("adviser of %s sees a person of %v", orgA, dig(n, "orgId"))
		}
	}
	for _, tc := range []struct{ name, token, query, code string }{
		{"another org's list", adviserA, `query($o: String) { people(filter: {orgId: $o}) { totalCount } }`, "FORBIDDEN"},
		{"partner", token(t, auth.RolePartner, "app", "app"), `{ people { totalCount } }`, "FORBIDDEN"},
		{"anonymous", "", `{ people { totalCount } }`, "UNAUTHENTICATED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if res := a.postAs(tc.token, tc.query, map[string]any{"o": orgB}); res.code() != tc.code {
				t.Errorf("code = %q, want %q", res.code(), tc.code)
			}
		})
	}
}

func TestWritesNeedOwnership(t *testing.T) {
	a := newSecuredAPI(t)
	ids := a.seedGraph()
	otherEmployer := a.id("emp-other")
	admin := token(t, auth.RoleAdmin, "", "admin-1")
	a.postAs(admin, `mutation($e: [EmployerInput!]!) { upsertEmployers(input: $e) { created } }`,
		map[string]any{"e": []map[string]any{{"id": otherEmployer, "name": "Other Care Ltd", "kind": "CARE_PROVIDER"}}})
	employer := token(t, auth.RoleEmployer, ids["emp"], "emp-user")
	own := vacancyInput(a.id("vac-own"), ids["emp"], ids["occ"], ids["lsoa"])
	theirs := vacancyInput(a.id("vac-theirs"), otherEmployer, ids["occ"], ids["lsoa"])
	const m = `mutation($v: [VacancyInput!]!) { upsertVacancies(input: $v) { created } }`
	cases := []struct {
		name, token string
		vars        map[string]any
		code        string
	}{
		{"anonymous", "", map[string]any{"v": []any{own}}, "UNAUTHENTICATED"},
		{"partner", token(t, auth.RolePartner, "app", "app"), map[string]any{"v": []any{own}}, "FORBIDDEN"},
		{"employer, another employer's vacancy", employer, map[string]any{"v": []any{theirs}}, "FORBIDDEN"},
		{"employer, own vacancy", employer, map[string]any{"v": []any{own}}, ""},
		{"adviser changing reference data", token(t, auth.RoleAdviser, "org", "adv"), map[string]any{"v": []any{own}}, "FORBIDDEN"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if res := a.postAs(tc.token, m, tc.vars); res.code() != tc.code {
				t.Errorf("code = %q, want %q (%+v)", res.code(), tc.code, res.Errors)
			}
		})
	}
	res := a.postAs(token(t, auth.RoleEmployer, otherEmployer, "other"), `mutation($id: ID!) { deleteVacancy(id: $id) { deleted } }`, map[string]any{"id": a.id("vac-own")})
	if res.code() != "FORBIDDEN" {
		t.Errorf("another employer deleting the vacancy: code = %q, want FORBIDDEN", res.code())
	}
}

func TestBadTokensNeverReachResolvers(t *testing.T) {
	a := newSecuredAPI(t)
	expired, _ := auth.Mint(testSecret, testIssuer, testAudience, auth.User{Subject: "x", Role: auth.RoleAdmin}, time.Minute, time.Now().Add(-time.Hour))
	wrongAudience, _ := auth.Mint(testSecret, testIssuer, "another-api", auth.User{Subject: "x", Role: auth.RoleAdmin}, time.Hour, time.Now())
	for name, tok := range map[string]string{"expired": expired, "wrong audience": wrongAudience, "garbage": "abc.def.ghi"} {
		t.Run(name, func(t *testing.T) {
			trips := a.db.RoundTrips()
			res := a.postAs(tok, `mutation { deleteSkill(id: "anything") { deleted } }`, nil)
			if res.Status != http.StatusUnauthorized || res.code() != "UNAUTHENTICATED" {
				t.Errorf("status %d code %q, want 401 UNAUTHENTICATED", res.Status, res.code())
			}
			if a.db.RoundTrips() != trips {
				t.Error("a refused request reached the database")
			}
		})
	}
}

func TestCORSAllowlist(t *testing.T) {
	a := newSecuredAPI(t)
	for origin, allowed := range map[string]bool{"https://council.example": true, "https://evil.example": false} {
		req, _ := http.NewRequest(http.MethodOptions, a.srv.URL+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		got := res.Header.Get("Access-Control-Allow-Origin")
		if (got == origin) != allowed || got == "*" {
			t.Errorf("origin %s: Access-Control-Allow-Origin = %q, want allowed=%v and never *", origin, got, allowed)
		}
	}
}

func TestInjectionStringsAreStoredVerbatim(t *testing.T) {
	a := newSecuredAPI(t)
	admin := token(t, auth.RoleAdmin, "", "admin-1")
	ids := a.seedGraph()
	attacks := []string{
		`x'}) DETACH DELETE n //`,
		`"}) MATCH (n) DETACH DELETE n RETURN 1 //`,
		"`) CALL db.clearQueryCaches() //",
		`\u0027 OR 1=1 --`,
		`care AND (`,
		`*:*`,
	}
	for i, s := range attacks {
		id := a.id("inj-" + string(rune('a'+i)))
		res := a.postAs(admin, `mutation($s: [SkillInput!]!) { upsertSkills(input: $s) { created } }`,
			map[string]any{"s": []map[string]any{{"id": id, "label": s, "altLabels": []string{s}, "description": s}}})
		if res.code() != "" {
			t.Fatalf("upsert %q: %+v", s, res.Errors)
		}
		got := a.postAs(admin, `query($id: ID!) { skill(id: $id) { label altLabels description } }`, map[string]any{"id": id})
		if dig(got.Data, "skill", "label") != s || dig(got.Data, "skill", "description") != s || dig(got.Data, "skill", "altLabels", 0) != s {
			t.Errorf("stored %q, read back %v", s, got.Data)
		}
		for _, q := range []string{
			`query($t: String) { skills(filter: {text: $t}) { totalCount } }`,
			`query($t: String) { occupations(filter: {text: $t}) { totalCount } }`,
			`query($t: String) { places(filter: {text: $t}) { totalCount } }`,
			`query($t: String) { vacancies(filter: {text: $t, employerId: $t, occupationId: $t, placeId: $t, skillId: $t}) { totalCount } }`,
			`query($t: String) { programmes(filter: {text: $t, providerId: $t}) { totalCount } }`,
			`query($t: String) { people(filter: {orgId: $t, placeId: $t}) { totalCount } }`,
			`query($t: ID!) { vacancy(id: $t) { id } person(id: $t) { id } place(id: $t) { id } }`,
		} {
			if res := a.postAs(admin, q, map[string]any{"t": s}); res.code() != "" && res.code() != "BAD_USER_INPUT" {
				t.Errorf("%s with %q: %+v", q, s, res.Errors)
			}
		}
	}
	// Whatever the strings tried, the rest of the graph is still there.
	after := a.postAs(admin, `query($lsoa: ID!, $occ: ID!, $s: ID!, $emp: ID!) {
		place(id: $lsoa) { id parents { id } } occupation(id: $occ) { requirements { skill { id } } }
		skill(id: $s) { id } employer(id: $emp) { id } }`,
		map[string]any{"lsoa": ids["lsoa"], "occ": ids["occ"], "s": ids["skill2"], "emp": ids["emp"]})
	for _, path := range [][]any{{"place", "parents", 0, "id"}, {"occupation", "requirements", 0, "skill", "id"}, {"skill", "id"}, {"employer", "id"}} {
		if dig(after.Data, path...) == nil {
			t.Errorf("%v is gone after the injection attempts (%+v)", path, after.Errors)
		}
	}
}

func TestSensitivityTagOnEveryPersonField(t *testing.T) {
	schema := graphSchema(t)
	person := schema.Types["Person"]
	if person == nil {
		t.Fatal("no Person type")
	}
	for _, f := range person.Fields {
		if f.Directives.ForName("sensitive") == nil {
			t.Errorf("Person.%s has no @sensitive tag: every field of Person must say how sensitive it is", f.Name)
		}
	}
	if !strings.Contains(schema.Types["Sensitivity"].Description, "PERSONAL") {
		t.Error("Sensitivity is undocumented")
	}
}

func TestEraseExportAndAuditTrail(t *testing.T) {
	a := newSecuredAPI(t)
	ids := a.seedGraph()
	org := a.id("org-a")
	pid := a.id("p-erin")
	a.mustPost(`mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": []map[string]any{{
		"id": pid, "orgId": org, "name": "Erin Example", "email": "erin@example.org", "placeId": ids["lsoa"], "consentMatching": true}}})
	a.mustPost(`mutation($id: ID!, $s: ID!) { linkPersonSkill(personId: $id, skill: {skillId: $s, level: 2}) { id } }`, map[string]any{"id": pid, "s": ids["skill1"]})

	adviser := token(t, auth.RoleAdviser, org, "adviser-7")
	other := token(t, auth.RoleAdviser, a.id("org-b"), "adviser-9")
	self := token(t, auth.RolePerson, "", pid)
	if res := a.postAs(adviser, `query Caseload($id: ID!) { person(id: $id) { name } }`, map[string]any{"id": pid}); res.code() != "" {
		t.Fatalf("adviser read: %+v", res.Errors)
	}

	res := a.postAs(adviser, `mutation($id: ID!) { exportPerson(id: $id) }`, map[string]any{"id": pid})
	doc, _ := dig(res.Data, "exportPerson").(string)
	for _, want := range []string{`"Name": "Erin Example"`, ids["skill1"], `"Operation": "Caseload"`, `"Subject": "adviser-7"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("export lacks %s:\n%s (errors %+v)", want, doc, res.Errors)
		}
	}
	if res := a.postAs(adviser, `query($id: ID!) { auditTrail(personId: $id) { subject } }`, map[string]any{"id": pid}); res.code() != "FORBIDDEN" {
		t.Errorf("adviser reading the audit trail: code %q, want FORBIDDEN", res.code())
	}
	trail := a.postAs(self, `query($id: ID!) { auditTrail(personId: $id) { subject role operation action allowed } }`, map[string]any{"id": pid})
	if events, _ := dig(trail.Data, "auditTrail").([]any); len(events) == 0 {
		t.Errorf("the person sees no audit trail: %+v", trail)
	}
	if res := a.postAs(other, `mutation($id: ID!) { erasePerson(id: $id) { deleted } }`, map[string]any{"id": pid}); res.code() != "FORBIDDEN" {
		t.Errorf("another organisation erasing: code %q, want FORBIDDEN", res.code())
	}
	if res := a.postAs(adviser, `mutation($id: ID!) { erasePerson(id: $id) { deleted } }`, map[string]any{"id": pid}); res.code() != "" {
		t.Fatalf("erase: %+v", res.Errors)
	}
	if err := a.audit.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n, err := a.db.Mentions(t.Context(), pid); err != nil || n != 0 {
		t.Errorf("after erasure %d nodes carry the person's id (err %v)", n, err)
	}
	if res := a.postAs(adviser, `query($id: ID!) { person(id: $id) { id } }`, map[string]any{"id": pid}); dig(res.Data, "person") != nil {
		t.Errorf("erased person still readable: %v", res.Data)
	}
}

func TestEqualityDataIsSpecial(t *testing.T) {
	a := newSecuredAPI(t)
	ids := a.seedGraph()
	org := a.id("org-a")
	pid := a.id("p-eq")
	person := map[string]any{"id": pid, "orgId": org, "placeId": ids["lsoa"], "consentMatching": true, "consentShareWithEmployers": true,
		"equality": map[string]any{"ageBand": "25-34", "disability": "prefer not to say"}}
	if res := a.postAs(a.seedToken, `mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": []any{person}}); res.code() != "BAD_USER_INPUT" {
		t.Errorf("equality data without consent to monitoring: code %q, want BAD_USER_INPUT", res.code())
	}
	person["consentMonitoring"] = true
	a.mustPost(`mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": []any{person}})
	const q = `query($id: ID!) { person(id: $id) { id equality { ageBand disability } } }`
	for _, tc := range []struct {
		name, token string
		sees        bool
	}{
		{"admin", token(t, auth.RoleAdmin, "", "admin"), true},
		{"the person", token(t, auth.RolePerson, "", pid), true},
		{"their adviser", token(t, auth.RoleAdviser, org, "adv"), false},
		{"an employer they share with", token(t, auth.RoleEmployer, ids["emp"], "emp"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := a.postAs(tc.token, q, map[string]any{"id": pid})
			if dig(res.Data, "person", "id") != pid {
				t.Fatalf("person not readable: %v %+v", res.Data, res.Errors)
			}
			if sees := dig(res.Data, "person", "equality", "ageBand") == "25-34"; sees != tc.sees {
				t.Errorf("sees equality data = %v, want %v", sees, tc.sees)
			}
		})
	}
}
