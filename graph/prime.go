package graph

import (
	"context"
	"slices"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/onework/onework/workforce"
)

// pageNodes returns the selection of a connection's nodes, through edges {
// node } and nodes, or nil when neither is selected.
func pageNodes(ctx context.Context) ast.SelectionSet {
	set := graphql.GetFieldContext(ctx).Field.Selections
	var out ast.SelectionSet
	if edges := selection(set, "edges"); edges != nil {
		out = append(out, selection(edges, "node")...)
	}
	return append(out, selection(set, "nodes")...)
}

// primeVacancies loads, for a page of vacancies whose shape the query
// states, the employers, occupations, places and requirements (with their
// skills) that it selects, each kind for the whole page in one call, so the
// page costs one round trip per kind (none for what the process cache
// holds) however its fields' goroutines are scheduled. The loads of
// different kinds run side by side; a failed load is left for the field's
// own resolver to report.
func (r *Resolver) primeVacancies(ctx context.Context, vs []*workforce.Vacancy) {
	sel := pageNodes(ctx)
	if len(vs) == 0 || len(sel) == 0 {
		return
	}
	l := r.loaders(ctx)
	ids := func(ref func(*workforce.Vacancy) string) []string {
		var out []string
		for _, v := range vs {
			if id := ref(v); id != "" {
				out = append(out, id)
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	var wg sync.WaitGroup
	if selection(sel, "employer") != nil {
		wg.Go(func() { _, _ = l.Employer.LoadAll(ctx, ids(func(v *workforce.Vacancy) string { return v.EmployerID })) })
	}
	if selection(sel, "occupation") != nil {
		wg.Go(func() {
			_, _ = l.Occupation.LoadAll(ctx, ids(func(v *workforce.Vacancy) string { return v.OccupationID }))
		})
	}
	if selection(sel, "place") != nil {
		wg.Go(func() { _, _ = l.Place.LoadAll(ctx, ids(func(v *workforce.Vacancy) string { return v.PlaceID })) })
	}
	if reqSel := selection(sel, "requirements"); reqSel != nil {
		wg.Go(func() {
			reqs, err := l.VacancyRequirements.LoadAll(ctx, ids(func(v *workforce.Vacancy) string { return v.ID }))
			if err != nil || selection(reqSel, "skill") == nil {
				return
			}
			var skills []string
			for _, rs := range reqs {
				for _, req := range rs {
					skills = append(skills, req.SkillID)
				}
			}
			slices.Sort(skills)
			_, _ = l.Skill.LoadAll(ctx, slices.Compact(skills))
		})
	}
	wg.Wait()
}
