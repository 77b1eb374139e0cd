package graph_test

import (
	"testing"
	"time"
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
