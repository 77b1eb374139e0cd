package graph

import (
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
	q := matching.Query{After: str(after)}
	if first != nil {
		if *first < 0 {
			return q, workforce.Invalid("first", "must not be negative")
		}
		q.First = *first
	}
	if filter != nil {
		q.MaxDistanceKm = value(filter.MaxDistanceKm)
		q.MinScore = value(filter.MinScore)
		q.MinSkills = value(filter.MinSkills)
		q.LocalOnly = value(filter.LocalOnly)
	}
	if weights != nil {
		w := r.Engine.Weights()
		for _, o := range []struct {
			in  *float64
			out *float64
		}{
			{weights.Skills, &w.Skills}, {weights.Distance, &w.Distance}, {weights.Local, &w.Local},
			{weights.Access, &w.Access}, {weights.GoodWork, &w.GoodWork},
		} {
			if o.in != nil {
				*o.out = *o.in
			}
		}
		q.Weights = &w
	}
	return q, nil
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
