package graph

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/onework/onework/graph/model"
	"github.com/onework/onework/matching"
	"github.com/onework/onework/workforce"
)

// matchQuery turns the arguments of a match query into an engine query;
// omitted weights keep the engine's defaults.
func (r *Resolver) matchQuery(first *int, after *string, filter *model.MatchFilter, weights *model.MatchWeightsInput) (matching.Query, error) {
	if r.Engine == nil {
		return matching.Query{}, workforce.Errorf(workforce.EINTERNAL, "matching engine not configured")
	}
	q := matching.Query{After: str(after), MinSkills: r.MinSkills}
	if first != nil {
		if *first < 0 {
			return q, workforce.Invalid("first", "must not be negative")
		}
		q.First = *first
	}
	if filter != nil {
		q.MaxDistanceKm = value(filter.MaxDistanceKm)
		q.MinScore = value(filter.MinScore)
		if filter.MinSkills != nil {
			q.MinSkills = *filter.MinSkills
		}
		q.LocalOnly = value(filter.LocalOnly)
	}
	if weights != nil {
		w := r.Engine.Weights()
		for _, o := range []struct {
			in  *float64
			out *float64
		}{
			{weights.Skills, &w.Skills}, {weights.Distance, &w.Distance}, {weights.Local, &w.Local},
			{weights.Access, &w.Access}, {weights.Preferences, &w.Preferences}, {weights.GoodWork, &w.GoodWork},
		} {
			if o.in != nil {
				*o.out = *o.in
			}
		}
		q.Weights = &w
	}
	return q, nil
}

// titleGuess is, for a vacancy with no occupation, the ESCO occupation the
// job-title matcher confidently matches its title to, so that the engine
// can still weigh experience; "" when the vacancy has an occupation, the
// matcher is not built yet, or no match is confident (a weak suggestion,
// such as "community artist" for a community mental health practitioner,
// would mislead more than it helps).
func (r *Resolver) titleGuess(v *workforce.Vacancy) string {
	if v.OccupationID != "" || r.Careers == nil {
		return ""
	}
	titles := r.Careers.Titles()
	if titles == nil {
		return ""
	}
	if id, _, ok := titles.Occupation(v.Title); ok {
		return id
	}
	return ""
}

func matchPageInfo(p *matching.Page) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: p.HasNextPage}
	if len(p.Edges) > 0 {
		start, end := p.Edges[0].Cursor, p.Edges[len(p.Edges)-1].Cursor
		pi.StartCursor, pi.EndCursor = &start, &end
	}
	return pi
}

func value[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// matchNodes says how a ranked page reads the nodes its edges name.
type matchNodes[T comparable] struct {
	// field is the edge's field that holds the node.
	field  string
	kind   workforce.Kind
	parts  map[string][]string
	loader *Loader[T]
	get    func(context.Context, []string) ([]T, error)
	// getParts reads nodes with the named fields.
	getParts func(context.Context, []string, []string) ([]T, error)
	id       func(T) string
}

// primeMatches reads, in one round trip each and without the loaders'
// batching wait, the nodes of a ranked page and the skills its edges name,
// when the query selects them: the nodes in part when every field selected
// of them can be read so (see partFields), whole into the request's loaders
// otherwise. A ranked page is known in full before its fields resolve, so
// waiting to batch would only add latency.
func primeMatches[T comparable](ctx context.Context, r *Resolver, p *matching.Page, n matchNodes[T]) error {
	edges := selection(graphql.GetFieldContext(ctx).Field.Selections, "edges")
	if len(p.Edges) == 0 || edges == nil {
		return nil
	}
	if sets := selections(edges, n.field); len(sets) > 0 {
		ids := make([]string, len(p.Edges))
		for i, e := range p.Edges {
			ids[i] = e.NodeID
		}
		if fields, ok := partFields(n.parts, sets...); ok {
			nodes, err := n.getParts(ctx, ids, fields)
			if err != nil {
				return err
			}
			parts := &r.loaders(ctx).parts
			for _, node := range nodes {
				parts.put(n.kind, n.id(node), fields, node)
			}
		} else if err := prime(ctx, n.loader, n.get, n.id, ids); err != nil {
			return err
		}
	}
	if selection(edges, "skills") != nil {
		var ids []string
		for _, e := range p.Edges {
			for _, s := range e.Skills {
				ids = append(ids, s.SkillID)
				if s.Via != "" {
					ids = append(ids, s.Via)
				}
			}
		}
		slices.Sort(ids)
		return prime(ctx, r.loaders(ctx).Skill, r.Read.Skills, skillKey, slices.Compact(ids))
	}
	return nil
}

// matchVacancy reads what a candidate page needs of its vacancy: the
// employer, for the caller's scope, and the occupation and title, for
// guessing an occupation from the title.
func (r *Resolver) matchVacancy(ctx context.Context, id string) (*workforce.Vacancy, error) {
	found, err := r.Read.VacanciesFields(ctx, []string{id}, []string{"employerId", "occupation", "title"})
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, workforce.NotFound("vacancy", id)
	}
	if err := r.authorize(ctx, workforce.ActionRead, workforce.KindVacancy, id, found[0]); err != nil {
		return nil, err
	}
	return found[0], nil
}

// prime reads nodes by id and puts them in a loader's cache.
func prime[T comparable](ctx context.Context, l *Loader[T], get func(context.Context, []string) ([]T, error), id func(T) string, ids []string) error {
	nodes, err := get(ctx, ids)
	if err != nil {
		return err
	}
	for _, n := range nodes {
		l.Prime(id(n), n)
	}
	return nil
}

// selection returns the sub-selection of the first field with the given
// name in set (looking into inline fragments and fragment spreads), empty
// for a leaf, or nil when there is none.
func selection(set ast.SelectionSet, name string) ast.SelectionSet {
	var out ast.SelectionSet
	eachSelection(set, name, func(sub ast.SelectionSet) bool {
		out = sub
		return false
	})
	return out
}

// selections returns the sub-selections of every field with the given name
// in set, aliases and fragments included.
func selections(set ast.SelectionSet, name string) []ast.SelectionSet {
	var out []ast.SelectionSet
	eachSelection(set, name, func(sub ast.SelectionSet) bool {
		out = append(out, sub)
		return true
	})
	return out
}

// eachSelection calls fn with the sub-selection (empty, not nil, for a
// leaf) of each field with the given name in set, in order, looking into
// fragments, until fn returns false; it reports whether fn always did.
func eachSelection(set ast.SelectionSet, name string, fn func(ast.SelectionSet) bool) bool {
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			if s.Name != name {
				continue
			}
			sub := s.SelectionSet
			if sub == nil {
				sub = ast.SelectionSet{}
			}
			if !fn(sub) {
				return false
			}
		case *ast.InlineFragment:
			if !eachSelection(s.SelectionSet, name, fn) {
				return false
			}
		case *ast.FragmentSpread:
			if s.Definition != nil && !eachSelection(s.Definition.SelectionSet, name, fn) {
				return false
			}
		}
	}
	return true
}
