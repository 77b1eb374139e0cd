package matching

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// render writes a page as the text an adviser's screen would carry: every
// edge's score, breakdown, skills and reasons.
func render(b *strings.Builder, title string, p Page) {
	fmt.Fprintf(b, "== %s\n", title)
	fmt.Fprintf(b, "totalCount %d, hasNextPage %v\n", p.TotalCount, p.HasNextPage)
	for _, n := range p.Notes {
		fmt.Fprintf(b, "note: %s\n", n)
	}
	for i, e := range p.Edges {
		bd := e.Breakdown
		fmt.Fprintf(b, "%d. %s  score %.4f\n", i+1, e.NodeID, e.Score)
		fmt.Fprintf(b, "   breakdown: fit %.4f (skills %.4f, experience %.4f), distance %.4f, local %.4f, access %.4f, preferences %.4f\n",
			bd.Fit, bd.Skills, bd.Experience, bd.Distance, bd.Local, bd.Access, bd.Preferences)
		if r := e.Registration; r != nil {
			fmt.Fprintf(b, "   registration: %s %s, held %v\n", r.Regulator, r.Title, r.Held)
		}
		if g := bd.GoodWork; g != nil {
			fmt.Fprintf(b, "   good work %.4f: real living wage %.2f, charter %.2f, contract %.2f, flexible %.2f, pay %.2f\n",
				g.Score, g.RealLivingWage, g.Charter, g.Contract, g.Flexible, g.Pay)
		}
		if e.DistanceKm != nil {
			fmt.Fprintf(b, "   distance: %.2f km\n", *e.DistanceKm)
		} else {
			fmt.Fprintf(b, "   distance: unknown\n")
		}
		for _, m := range e.Skills {
			kind := "optional"
			if m.Essential {
				kind = "essential"
			}
			if m.Unscored {
				kind += " (unscored)"
			}
			fmt.Fprintf(b, "   %-7s %-9s weight %.3f  %s", m.Tier, kind, m.Weight, m.SkillID)
			if m.Via != "" {
				fmt.Fprintf(b, " via %s", m.Via)
			}
			b.WriteString("\n")
		}
		for _, r := range e.Reasons {
			fmt.Fprintf(b, "   - %s\n", r)
		}
	}
	b.WriteString("\n")
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./matching -run Golden -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func TestGoldenExplanations(t *testing.T) {
	for _, bulk := range []bool{true, false} {
		t.Run(fmt.Sprintf("bulk=%v", bulk), func(t *testing.T) {
			e := newScenario(t, bulk)
			var cands, vacs strings.Builder
			for _, c := range []struct {
				id, query string
				q         Query
			}{
				{"hcsw-001", "", Query{}},
				{"hcsw-001", "local only", Query{LocalOnly: true}},
				{"hcsw-001", "within 15 km", Query{MaxDistanceKm: 15}},
				{"carer-002", "", Query{}},
				{"porter-004", "first 3", Query{First: 3}},
			} {
				p, err := e.CandidatesForVacancy(c.id, c.q)
				if err != nil {
					t.Fatalf("CandidatesForVacancy(%q, %+v): %v", c.id, c.q, err)
				}
				render(&cands, strings.TrimSpace(fmt.Sprintf("CandidatesForVacancy(%q) %s", c.id, c.query)), p.Page)
			}
			for _, id := range []string{"alice", "ben", "ellie", "dev", "faisal"} {
				p, err := e.VacanciesForPerson(id, Query{})
				if err != nil {
					t.Fatalf("VacanciesForPerson(%q): %v", id, err)
				}
				render(&vacs, fmt.Sprintf("VacanciesForPerson(%q)", id), p.Page)
			}
			checkGolden(t, "candidates.golden", cands.String())
			checkGolden(t, "vacancies.golden", vacs.String())
		})
	}
}
