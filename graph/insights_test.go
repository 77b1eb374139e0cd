package graph_test

import (
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/onework/onework/auth"
)

const tableFields = `name by allSuppressed csvPath notes columns { name kind } rows { cells { column value text suppressed } }`

// getCSV fetches a CSV export with a token.
func (a *api) getCSV(token, path string) (int, [][]string, string) {
	a.t.Helper()
	req, err := http.NewRequest(http.MethodGet, a.srv.URL+path, nil)
	if err != nil {
		a.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return res.StatusCode, nil, string(raw)
	}
	lines, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	if err != nil {
		a.t.Fatalf("csv: %v\n%s", err, raw)
	}
	return res.StatusCode, lines, string(raw)
}

// sameAsCSV checks a GraphQL table against its CSV export cell by cell.
func sameAsCSV(t *testing.T, a *api, token string, table any) {
	t.Helper()
	path, _ := dig(table, "csvPath").(string)
	status, lines, raw := a.getCSV(token, path)
	if status != http.StatusOK {
		t.Fatalf("GET %s = %d %s", path, status, raw)
	}
	rows, _ := dig(table, "rows").([]any)
	if len(lines) != len(rows)+1 {
		t.Fatalf("csv has %d lines, table %d rows", len(lines), len(rows))
	}
	for i := range rows {
		cells, _ := dig(rows[i], "cells").([]any)
		for j := range cells {
			if got, want := lines[i+1][j], dig(cells[j], "text"); got != want {
				t.Errorf("csv[%d][%d] = %q, GraphQL %q", i+1, j, got, want)
			}
			if lines[0][j] != dig(cells[j], "column") {
				t.Errorf("csv header %q, GraphQL column %q", lines[0][j], dig(cells[j], "column"))
			}
		}
	}
}

// row finds the row whose cells have the given texts.
func row(table any, match map[string]string) map[string]any {
	rows, _ := dig(table, "rows").([]any)
	for _, r := range rows {
		cells, _ := dig(r, "cells").([]any)
		byCol := map[string]any{}
		for _, c := range cells {
			byCol[dig(c, "column").(string)] = c
		}
		ok := true
		for col, text := range match {
			if dig(byCol[col], "text") != text {
				ok = false
			}
		}
		if ok {
			return byCol
		}
	}
	return nil
}

func TestInsightsThroughTheAPI(t *testing.T) {
	a := newSecuredAPI(t)
	ids, orgA := referralWorld(t, a)
	adviser := token(t, auth.RoleAdviser, orgA, "adv-a")
	employer := token(t, auth.RoleEmployer, ids["emp"], "emp-user")
	lead := token(t, auth.RolePartnershipLead, "partnership", "lead")
	// Plant a disparity: 10 men, 8 shortlisted; 20 women, 5 shortlisted.
	var people []map[string]any
	for i := range 30 {
		sex := "male"
		if i >= 10 {
			sex = "female"
		}
		people = append(people, map[string]any{"id": a.id(fmt.Sprintf("m-%02d", i)), "orgId": orgA, "placeId": ids["lsoa"],
			"consentMonitoring": true, "equality": map[string]any{"sex": sex, "ageBand": "25-34"}})
	}
	a.mustPost(`mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": people})
	for i, p := range people {
		res := a.postAs(adviser, referQuery, map[string]any{"p": p["id"], "v": ids["vac"], "at": "2026-11-02T10:00:00Z"})
		if res.code() != "" {
			t.Fatalf("refer: %+v", res.Errors)
		}
		if i < 8 || (i >= 10 && i < 15) {
			id := dig(res.Data, "refer", "referral", "id")
			if r := a.postAs(employer, stageQuery, map[string]any{"id": id, "s": "SHORTLISTED", "at": "2026-11-04T10:00:00Z"}); r.code() != "" {
				t.Fatalf("shortlist: %+v", r.Errors)
			}
		}
	}
	if err := a.insights.Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	slice := map[string]any{"window": map[string]any{"from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z"}, "placeId": ids["la"]}

	fairness := a.postAs(lead, `query($s: InsightSlice!) { fairness(slice: $s, characteristics: [SEX]) { `+tableFields+` } }`, map[string]any{"s": slice})
	if fairness.code() != "" {
		t.Fatalf("fairness: %+v", fairness.Errors)
	}
	women := row(dig(fairness.Data, "fairness"), map[string]string{"group": "female", "stage": "shortlisted"})
	men := row(dig(fairness.Data, "fairness"), map[string]string{"group": "male", "stage": "shortlisted"})
	if women == nil || men == nil {
		t.Fatalf("no shortlisting rows: %v", fairness.Data)
	}
	if dig(women["belowFourFifths"], "text") != "true" || dig(women["impactRatio"], "text") != "0.3125" || dig(men["belowFourFifths"], "text") != "false" {
		t.Errorf("women %v, men %v: want women flagged at 0.25/0.8", women, men)
	}
	sameAsCSV(t, a, lead, dig(fairness.Data, "fairness"))

	reach := a.postAs(employer, `query($s: InsightSlice!) { reach(slice: $s) { `+tableFields+` } }`, map[string]any{"s": slice})
	if reach.code() != "" {
		t.Fatalf("reach: %+v", reach.Errors)
	}
	referred := row(dig(reach.Data, "reach"), map[string]string{"stage": "referred"})
	if dig(referred["people"], "value") != float64(30) || dig(referred["deprivedShare"], "value") != float64(1) {
		t.Errorf("referred = %v, want 30 all from decile 2", referred)
	}
	sameAsCSV(t, a, employer, dig(reach.Data, "reach"))

	vac := a.postAs(adviser, `query($s: InsightSlice!) { vacancyInsights(slice: $s, by: EMPLOYER_KIND, baseline: "2025-01-01T00:00:00Z") { `+tableFields+` } }`, map[string]any{"s": slice})
	if vac.code() != "" {
		t.Fatalf("vacancy insights: %+v", vac.Errors)
	}
	if all := row(dig(vac.Data, "vacancyInsights"), map[string]string{"groupCode": "all"}); dig(all["vacancies"], "value") != float64(2) {
		t.Errorf("all vacancies = %v, want 2", all)
	}
	sameAsCSV(t, a, adviser, dig(vac.Data, "vacancyInsights"))
	for _, q := range []string{
		`vacancyTrend(slice: $s) { ` + tableFields + ` }`,
		`shortageSkills(slice: $s) { ` + tableFields + ` }`,
		`pipelines(slice: $s) { ` + tableFields + ` }`,
		`goodWork(slice: $s) { ` + tableFields + ` }`,
	} {
		res := a.postAs(lead, `query($s: InsightSlice!) { `+q+` }`, map[string]any{"s": slice})
		if res.code() != "" {
			t.Fatalf("%s: %+v", q, res.Errors)
		}
		for _, v := range res.Data {
			sameAsCSV(t, a, lead, v)
		}
	}
	skew := a.postAs(lead, `query($v: ID!) { skewAtK(vacancyId: $v, k: 5) { `+tableFields+` } }`, map[string]any{"v": ids["vac"]})
	if skew.code() != "" || len(dig(skew.Data, "skewAtK", "rows").([]any)) != 2 {
		t.Fatalf("skew: %+v %v", skew.Errors, skew.Data)
	}

	// A small slice: everything suppressed, marked so.
	small := map[string]any{"window": slice["window"], "placeId": ids["la"], "employerKind": "CARE_PROVIDER"}
	a.postAs(adviser, referQuery, map[string]any{"p": ids["person"], "v": ids["other-vac"], "at": "2026-11-02T10:00:00Z"})
	if err := a.insights.Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	res := a.postAs(lead, `query($s: InsightSlice!) { reach(slice: $s) { `+tableFields+` } }`, map[string]any{"s": small})
	if res.code() != "" || dig(res.Data, "reach", "allSuppressed") != true {
		t.Fatalf("small slice: %+v %v", res.Errors, res.Data)
	}
	if r := row(dig(res.Data, "reach"), map[string]string{"stage": "referred"}); dig(r["people"], "text") != "suppressed" || dig(r["people"], "value") != nil {
		t.Errorf("small slice referred = %v", r)
	}
}

func TestInsightsRefuseBadInputAndRoles(t *testing.T) {
	a := newSecuredAPI(t)
	ids := a.seedGraph()
	lead := token(t, auth.RolePartnershipLead, "partnership", "lead")
	adviser := token(t, auth.RoleAdviser, a.id("org-a"), "adv")
	window := map[string]any{"from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z"}
	// The first snapshot of a large shared database can take longer than
	// a request may; build it before asking.
	if err := a.insights.Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, tok, query string
		slice            map[string]any
		code, field      string
	}{
		{"inverted window", lead, "reach", map[string]any{"window": map[string]any{"from": "2027-01-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"}}, "BAD_USER_INPUT", "slice.window"},
		{"unknown place", lead, "vacancyInsights", map[string]any{"window": window, "placeId": "E99999999"}, "NOT_FOUND", "slice.placeId"},
		{"bad SOC group", lead, "goodWork", map[string]any{"window": window, "socGroup": "care"}, "BAD_USER_INPUT", "slice.socGroup"},
		{"adviser may not see fairness", adviser, "fairness", map[string]any{"window": window}, "FORBIDDEN", ""},
		{"partner app", token(t, auth.RolePartner, "app", "app"), "reach", map[string]any{"window": window}, "FORBIDDEN", ""},
		{"a person", token(t, auth.RolePerson, "", "someone"), "vacancyInsights", map[string]any{"window": window}, "FORBIDDEN", ""},
		{"anonymous", "", "pipelines", map[string]any{"window": window, "placeId": ids["la"]}, "UNAUTHENTICATED", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := a.postAs(tc.tok, `query($s: InsightSlice!) { `+tc.query+`(slice: $s) { rows { cells { text } } } }`, map[string]any{"s": tc.slice})
			if res.code() != tc.code || (tc.field != "" && res.Errors[0].Extensions["field"] != tc.field) {
				t.Fatalf("errors = %+v, want %s on %q", res.Errors, tc.code, tc.field)
			}
			if res.Data[tc.query] != nil {
				t.Fatalf("figures with an error: %v", res.Data)
			}
		})
	}
	// A partnership lead sees no personal data.
	for _, q := range []string{`{ people(first: 5) { totalCount } }`, `{ auditTrail(personId: "someone") { at } }`} {
		if res := a.postAs(lead, q, nil); res.code() != "FORBIDDEN" {
			t.Errorf("%s as a partnership lead: %+v %v", q, res.Errors, res.Data)
		}
	}
	// The window is required by the schema, so an unbounded one never
	// reaches a resolver.
	res := a.postAs(lead, `{ reach(slice: {window: {from: "2026-01-01T00:00:00Z"}}) { name } }`, nil)
	if res.code() != "BAD_USER_INPUT" {
		t.Fatalf("unbounded window: %+v", res.Errors)
	}
	// The CSV route answers alike: no figures without rights, errors as JSON.
	for _, c := range []struct {
		tok, path string
		status    int
		code      string
	}{
		{adviser, "/insights/fairness.csv?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z", http.StatusForbidden, "FORBIDDEN"},
		{"", "/insights/reach.csv?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z", http.StatusUnauthorized, "UNAUTHENTICATED"},
		{lead, "/insights/reach.csv?from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", http.StatusBadRequest, "BAD_USER_INPUT"},
		{lead, "/insights/reach.csv?to=2026-01-01T00:00:00Z", http.StatusBadRequest, "BAD_USER_INPUT"},
		{lead, "/insights/salaries.csv", http.StatusNotFound, "NOT_FOUND"},
	} {
		status, _, body := a.getCSV(c.tok, c.path)
		if status != c.status || !strings.Contains(body, `"code":"`+c.code+`"`) || strings.Contains(body, "group,") {
			t.Errorf("GET %s = %d %s, want %d %s", c.path, status, body, c.status, c.code)
		}
	}
}
