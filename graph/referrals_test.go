package graph_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/onework/onework/auth"
)

const referQuery = `mutation($p: ID!, $v: ID, $g: ID, $at: Time) { refer(personId: $p, vacancyId: $v, programmeId: $g, at: $at) {
  changed warning referral { id stage target orgId referredAt stages { stage at recordedBy } vacancy { id } programme { id } person { id name } } } }`

const stageQuery = `mutation($id: ID!, $s: ReferralStage!, $at: Time!) { recordReferralStage(referralId: $id, stage: $s, at: $at) {
  changed warning referral { id stage stages { stage } } } }`

// referralWorld seeds a person on org A's caseload, a vacancy of the seeded
// employer and another employer's vacancy.
func referralWorld(t *testing.T, a *api) (ids map[string]string, orgA string) {
	t.Helper()
	ids = a.seedGraph()
	orgA = a.id("org-a")
	ids["other-emp"] = a.id("emp-other")
	ids["vac"], ids["other-vac"] = a.id("vac-1"), a.id("vac-2")
	ids["person"] = a.id("p-1")
	a.mustPost(`mutation($e: [EmployerInput!]!) { upsertEmployers(input: $e) { created } }`, map[string]any{"e": []map[string]any{
		{"id": ids["other-emp"], "name": "Other Care Ltd", "kind": "CARE_PROVIDER", "placeId": ids["lsoa"]}}})
	a.mustPost(`mutation($v: [VacancyInput!]!) { upsertVacancies(input: $v) { created } }`, map[string]any{"v": []map[string]any{
		vacancyInput(ids["vac"], ids["emp"], ids["occ"], ids["lsoa"]), vacancyInput(ids["other-vac"], ids["other-emp"], ids["occ"], ids["lsoa"])}})
	a.mustPost(`mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": []map[string]any{
		{"id": ids["person"], "orgId": orgA, "name": "Rita Referred", "placeId": ids["lsoa"], "consentMatching": true}}})
	return ids, orgA
}

func TestReferralLifecycle(t *testing.T) {
	a := newSecuredAPI(t)
	ids, orgA := referralWorld(t, a)
	adviser := token(t, auth.RoleAdviser, orgA, "adv-a")
	employer := token(t, auth.RoleEmployer, ids["emp"], "emp-user")

	res := a.postAs(adviser, referQuery, map[string]any{"p": ids["person"], "v": ids["vac"], "at": "2026-11-02T10:00:00Z"})
	if res.code() != "" {
		t.Fatalf("refer: %+v", res.Errors)
	}
	ref := dig(res.Data, "refer", "referral")
	refID, _ := dig(ref, "id").(string)
	if dig(res.Data, "refer", "changed") != true || dig(ref, "stage") != "REFERRED" || dig(ref, "orgId") != orgA ||
		dig(ref, "vacancy", "id") != ids["vac"] || dig(ref, "stages", 0, "recordedBy") != "adv-a" {
		t.Fatalf("referral = %v", ref)
	}
	// Referring again is idempotent.
	again := a.postAs(adviser, referQuery, map[string]any{"p": ids["person"], "v": ids["vac"], "at": "2026-11-05T10:00:00Z"})
	if again.code() != "" || dig(again.Data, "refer", "changed") != false || dig(again.Data, "refer", "referral", "id") != refID ||
		dig(again.Data, "refer", "referral", "referredAt") != "2026-11-02T10:00:00Z" {
		t.Fatalf("refer again = %+v %v", again.Errors, again.Data)
	}

	step := func(tok, stage, at string) response {
		return a.postAs(tok, stageQuery, map[string]any{"id": refID, "s": stage, "at": at})
	}
	if r := step(employer, "SHORTLISTED", "2026-11-03T10:00:00Z"); r.code() != "" || dig(r.Data, "recordReferralStage", "changed") != true {
		t.Fatalf("shortlist: %+v %v", r.Errors, r.Data)
	}
	// A duplicate stage changes nothing.
	if r := step(employer, "SHORTLISTED", "2026-11-03T10:00:00Z"); r.code() != "" || dig(r.Data, "recordReferralStage", "changed") != false {
		t.Fatalf("duplicate shortlist: %+v %v", r.Errors, r.Data)
	}
	// Skipping INTERVIEWED is accepted with a warning.
	r := step(employer, "OFFERED", "2026-11-10T10:00:00Z")
	if r.code() != "" || dig(r.Data, "recordReferralStage", "referral", "stage") != "OFFERED" {
		t.Fatalf("offer: %+v %v", r.Errors, r.Data)
	}
	if w, _ := dig(r.Data, "recordReferralStage", "warning").(string); !strings.Contains(w, "INTERVIEWED") {
		t.Errorf("warning = %q, want it to name INTERVIEWED", w)
	}

	bad := []struct {
		name, tok, stage, at, code, field string
	}{
		{"the same stage at another time", employer, "SHORTLISTED", "2026-11-11T10:00:00Z", "CONFLICT", "stage"},
		{"going back", employer, "INTERVIEWED", "2026-11-11T10:00:00Z", "BAD_USER_INPUT", "stage"},
		{"dated before the last stage", employer, "HIRED", "2026-11-04T10:00:00Z", "BAD_USER_INPUT", "at"},
		{"another employer", token(t, auth.RoleEmployer, ids["other-emp"], "other"), "HIRED", "2026-11-12T10:00:00Z", "FORBIDDEN", ""},
		{"the adviser may not hire", adviser, "HIRED", "2026-11-12T10:00:00Z", "FORBIDDEN", ""},
		{"a partnership lead", token(t, auth.RolePartnershipLead, "partnership", "lead"), "HIRED", "2026-11-12T10:00:00Z", "FORBIDDEN", ""},
		{"anonymous", "", "HIRED", "2026-11-12T10:00:00Z", "UNAUTHENTICATED", ""},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			r := step(tc.tok, tc.stage, tc.at)
			if r.code() != tc.code || (tc.field != "" && r.Errors[0].Extensions["field"] != tc.field) {
				t.Fatalf("errors = %+v, want %s on %q", r.Errors, tc.code, tc.field)
			}
		})
	}
	// Nothing was half written.
	got := a.postAs(adviser, `query($id: ID!) { referral(id: $id) { stage stages { stage } } }`, map[string]any{"id": refID})
	if stages := dig(got.Data, "referral", "stages").([]any); len(stages) != 3 || dig(got.Data, "referral", "stage") != "OFFERED" {
		t.Fatalf("stages after refused changes = %v", got.Data)
	}
	// The person may withdraw.
	person := token(t, auth.RolePerson, "", ids["person"])
	if r := step(person, "WITHDRAWN", "2026-11-12T10:00:00Z"); r.code() != "" || dig(r.Data, "recordReferralStage", "referral", "stage") != "WITHDRAWN" {
		t.Fatalf("withdraw: %+v %v", r.Errors, r.Data)
	}
	if r := step(employer, "HIRED", "2026-11-13T10:00:00Z"); r.code() != "BAD_USER_INPUT" {
		t.Fatalf("hire after withdrawal: %+v", r.Errors)
	}
	// Every change, allowed or not, is in the person's audit trail.
	trail := a.postAs(a.seedToken, `query($p: ID!) { auditTrail(personId: $p, first: 100) { subject action allowed } }`, map[string]any{"p": ids["person"]})
	seen := map[string]bool{}
	for _, e := range dig(trail.Data, "auditTrail").([]any) {
		seen[fmt.Sprint(dig(e, "subject"), "/", dig(e, "action"), "/", dig(e, "allowed"))] = true
	}
	for _, want := range []string{"adv-a/write/true", "emp-user/write/true", "other/write/false", ids["person"] + "/write/true"} {
		if !seen[want] {
			t.Errorf("audit trail lacks %s: %v", want, seen)
		}
	}
}

func TestReferralBadInput(t *testing.T) {
	a := newSecuredAPI(t)
	ids, orgA := referralWorld(t, a)
	adviser := token(t, auth.RoleAdviser, orgA, "adv-a")
	cases := []struct {
		name  string
		tok   string
		vars  map[string]any
		code  string
		field string
	}{
		{"both targets", adviser, map[string]any{"p": ids["person"], "v": ids["vac"], "g": ids["prog"]}, "BAD_USER_INPUT", "vacancyId"},
		{"no target", adviser, map[string]any{"p": ids["person"]}, "BAD_USER_INPUT", "vacancyId"},
		{"unknown vacancy", adviser, map[string]any{"p": ids["person"], "v": a.id("nope")}, "NOT_FOUND", "targetId"},
		{"someone else's caseload", token(t, auth.RoleAdviser, a.id("org-b"), "adv-b"), map[string]any{"p": ids["person"], "v": ids["vac"]}, "FORBIDDEN", ""},
		{"unknown person, adviser", adviser, map[string]any{"p": a.id("ghost"), "v": ids["vac"]}, "FORBIDDEN", ""},
		{"unknown person, admin", a.seedToken, map[string]any{"p": a.id("ghost"), "v": ids["vac"]}, "NOT_FOUND", "personId"},
		{"employer may not refer", token(t, auth.RoleEmployer, ids["emp"], "emp"), map[string]any{"p": ids["person"], "v": ids["vac"]}, "FORBIDDEN", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := a.postAs(tc.tok, referQuery, tc.vars)
			if r.code() != tc.code || (tc.field != "" && r.Errors[0].Extensions["field"] != tc.field) {
				t.Fatalf("errors = %+v, want %s on %q", r.Errors, tc.code, tc.field)
			}
		})
	}
	res := a.postAs(a.seedToken, `query($p: ID!) { referrals(filter: {personId: $p}) { totalCount } }`, map[string]any{"p": ids["person"]})
	if dig(res.Data, "referrals", "totalCount") != float64(0) {
		t.Fatalf("referrals after refused refers = %v %+v", res.Data, res.Errors)
	}
}

func TestReferralVisibilityErasureAndExport(t *testing.T) {
	a := newSecuredAPI(t)
	ids, orgA := referralWorld(t, a)
	adviser := token(t, auth.RoleAdviser, orgA, "adv-a")
	for _, v := range []string{ids["vac"], ids["other-vac"]} {
		if r := a.postAs(adviser, referQuery, map[string]any{"p": ids["person"], "v": v}); r.code() != "" {
			t.Fatalf("refer: %+v", r.Errors)
		}
	}
	if r := a.postAs(adviser, referQuery, map[string]any{"p": ids["person"], "g": ids["prog"]}); r.code() != "" {
		t.Fatalf("refer to programme: %+v", r.Errors)
	}
	const list = `query($p: ID) { referrals(filter: {personId: $p}, first: 50) { totalCount nodes { target vacancy { id } programme { id } person { id } } } }`
	cases := []struct {
		name  string
		tok   string
		count float64
		code  string
	}{
		{"admin", a.seedToken, 3, ""},
		{"adviser of the caseload", adviser, 3, ""},
		{"the person", token(t, auth.RolePerson, "", ids["person"]), 3, ""},
		{"employer sees referrals to its vacancies only", token(t, auth.RoleEmployer, ids["emp"], "emp"), 1, ""},
		{"provider sees referrals to its programmes only", token(t, auth.RoleProvider, ids["prov"], "prov"), 1, ""},
		{"another adviser sees none", token(t, auth.RoleAdviser, a.id("org-b"), "adv-b"), 0, ""},
		{"partnership lead sees no personal data", token(t, auth.RolePartnershipLead, "partnership", "lead"), 0, "FORBIDDEN"},
		{"partner app", token(t, auth.RolePartner, "app", "app"), 0, "FORBIDDEN"},
		{"anonymous", "", 0, "UNAUTHENTICATED"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := a.postAs(tc.tok, list, map[string]any{"p": ids["person"]})
			if r.code() != tc.code {
				t.Fatalf("code = %q, want %q (%+v)", r.code(), tc.code, r.Errors)
			}
			if tc.code == "" && dig(r.Data, "referrals", "totalCount") != tc.count {
				t.Fatalf("totalCount = %v, want %v", dig(r.Data, "referrals", "totalCount"), tc.count)
			}
			if tc.code != "" && r.Data["referrals"] != nil {
				t.Fatalf("data leaked with an error: %v", r.Data)
			}
		})
	}
	// Export includes the referrals.
	exp := a.postAs(adviser, `mutation($id: ID!) { exportPerson(id: $id) }`, map[string]any{"id": ids["person"]})
	doc, _ := dig(exp.Data, "exportPerson").(string)
	if exp.code() != "" || strings.Count(doc, `"TargetID"`) != 3 || !strings.Contains(doc, ids["other-vac"]) {
		t.Fatalf("export = %+v %s", exp.Errors, doc)
	}
	// Erasure removes them.
	if r := a.postAs(adviser, `mutation($id: ID!) { erasePerson(id: $id) { deleted } }`, map[string]any{"id": ids["person"]}); r.code() != "" {
		t.Fatalf("erase: %+v", r.Errors)
	}
	r := a.postAs(a.seedToken, `query($v: ID) { referrals(filter: {vacancyId: $v}) { totalCount } }`, map[string]any{"v": ids["vac"]})
	if dig(r.Data, "referrals", "totalCount") != float64(0) {
		t.Fatalf("referrals after erasure = %v %+v", r.Data, r.Errors)
	}
	if n, err := a.db.Mentions(t.Context(), ids["person"]); err != nil || n != 0 {
		t.Fatalf("mentions of the erased person = %d, %v", n, err)
	}
}
