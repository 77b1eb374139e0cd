package graph_test

import "testing"

// TestNoStaleReadAfterWrite checks that reads, which go through the
// process cache, see every write made through the API at once: a vacancy's
// title, its employer's name and its requirements, each read before and
// after the write.
func TestNoStaleReadAfterWrite(t *testing.T) {
	a := newAPI(t)
	ids := a.seedGraph()
	vid := a.id("cached-vacancy")
	v := vacancyInput(vid, ids["emp"], ids["occ"], ids["lsoa"])
	a.mustPost(`mutation($v: [VacancyInput!]!) { upsertVacancies(input: $v) { created } }`, map[string]any{"v": []any{v}})
	const read = `query($id: ID!) { vacancy(id: $id) { title employer { name } requirements { skill { id } } } }`
	before := a.mustPost(read, map[string]any{"id": vid})
	if got := dig(before, "vacancy", "title"); got != v["title"] {
		t.Fatalf("title = %v, want %v", got, v["title"])
	}

	v["title"] = "Senior Healthcare Assistant"
	a.mustPost(`mutation($v: [VacancyInput!]!) { upsertVacancies(input: $v) { updated } }`, map[string]any{"v": []any{v}})
	a.mustPost(`mutation($v: ID!, $s: ID!) { linkVacancySkill(vacancyId: $v, requirement: {skillId: $s, essential: true}) { id } }`,
		map[string]any{"v": vid, "s": ids["skill1"]})
	employer := dig(a.mustPost(`query($id: ID!) { employer(id: $id) { id name kind } }`, map[string]any{"id": ids["emp"]}), "employer").(map[string]any)
	a.mustPost(`mutation($e: [EmployerInput!]!) { upsertEmployers(input: $e) { updated } }`,
		map[string]any{"e": []any{map[string]any{"id": ids["emp"], "name": "Renamed Trust", "kind": employer["kind"]}}})

	after := a.mustPost(read, map[string]any{"id": vid})
	if got := dig(after, "vacancy", "title"); got != "Senior Healthcare Assistant" {
		t.Errorf("title after the write = %v, want the new title", got)
	}
	if got := dig(after, "vacancy", "employer", "name"); got != "Renamed Trust" {
		t.Errorf("employer name after the write = %v, want Renamed Trust", got)
	}
	if got := dig(after, "vacancy", "requirements", 0, "skill", "id"); got != ids["skill1"] {
		t.Errorf("requirements after the link = %v, want the linked skill", dig(after, "vacancy", "requirements"))
	}
}
