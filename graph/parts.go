package graph

import (
	"context"
	"slices"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/onework/onework/workforce"
)

// A ranked page shows a few fields of each person or vacancy on it. When
// every field a query selects of them can be read in part, the page reads
// just those (ReadService.PeopleFields, VacanciesFields) instead of whole
// nodes: less to read and decode, and no personal data that the answer
// does not show. Partial nodes never enter the loaders, which other fields
// of the request share; they are kept apart, with the fields they hold,
// and a field uses one only when it holds all that its selection needs.

// personParts maps each field of Person that a partial person can answer
// to the stored fields it reads. Fields not listed (equality) need the
// whole person. The access fields are always read.
var personParts = map[string][]string{
	"__typename": nil, "id": nil, "skills": nil,
	"orgId": {"orgId"}, "name": {"name"}, "email": {"email"}, "phone": {"phone"}, "place": {"placeId"},
	"location": {"location"}, "travelKm": {"travelKm"}, "availableFrom": {"availableFrom"},
	"hoursPerWeek": {"hoursPerWeek"}, "rightToWork": {"rightToWork"}, "currentPay": {"currentPay"},
	"consentMatching": {"consentMatching"}, "consentShareWithEmployers": {"consentShareWithEmployers"},
	"consentMonitoring": {"consentMonitoring"}, "updatedAt": {"updatedAt"}, "seeks": {"seeks"},
	"history": {"history"}, "registrations": {"registrations"},
}

// vacancyParts does for Vacancy what personParts does for Person.
var vacancyParts = map[string][]string{
	"__typename": nil, "id": nil, "requirements": nil,
	"title": {"title"}, "description": {"description"}, "employer": {"employerId"},
	"occupation": {"occupation"}, "occupationSource": {"occupation"}, "occupationConfidence": {"occupation"},
	"place": {"placeId"}, "location": {"location"}, "salaryMin": {"salaryMin"}, "salaryMax": {"salaryMax"},
	"hoursPerWeek": {"hoursPerWeek"}, "contract": {"contract"}, "flexible": {"flexible"},
	"requiresRightToWork": {"requiresRightToWork"}, "postedAt": {"postedAt"}, "closesAt": {"closesAt"},
	"openNow": {"postedAt", "closesAt"}, "source": {"source"}, "updatedAt": {"updatedAt"},
	"registration": {"registration"},
}

// partFields returns the stored fields that the selections in sets need,
// sorted, and false when some selected field needs the whole node. Fields
// under @skip or @include count as selected.
func partFields(parts map[string][]string, sets ...ast.SelectionSet) ([]string, bool) {
	var out []string
	var walk func(ast.SelectionSet) bool
	walk = func(set ast.SelectionSet) bool {
		for _, s := range set {
			switch s := s.(type) {
			case *ast.Field:
				need, ok := parts[s.Name]
				if !ok {
					return false
				}
				out = append(out, need...)
			case *ast.InlineFragment:
				if !walk(s.SelectionSet) {
					return false
				}
			case *ast.FragmentSpread:
				if s.Definition == nil || !walk(s.Definition.SelectionSet) {
					return false
				}
			}
		}
		return true
	}
	for _, set := range sets {
		if !walk(set) {
			return nil, false
		}
	}
	slices.Sort(out)
	return slices.Compact(out), true
}

// partial is a node read with some of its fields.
type partial struct {
	fields []string
	node   any
}

// partials holds a request's partial nodes by kind and id.
type partials struct{ m sync.Map }

type partKey struct {
	kind workforce.Kind
	id   string
}

func (p *partials) put(kind workforce.Kind, id string, fields []string, node any) {
	p.m.Store(partKey{kind, id}, partial{fields, node})
}

// get returns the partial node of kind with id when it holds every field
// in need.
func (p *partials) get(kind workforce.Kind, id string, need []string) (any, bool) {
	v, ok := p.m.Load(partKey{kind, id})
	if !ok {
		return nil, false
	}
	part := v.(partial)
	for _, f := range need {
		if _, found := slices.BinarySearch(part.fields, f); !found {
			return nil, false
		}
	}
	return part.node, true
}

// loadPart answers a field whose value is the node of kind with id from
// the request's partial nodes when one holds what the field's selection
// needs, through the authorization point as load does; otherwise through
// load.
func loadPart[T comparable](ctx context.Context, r *Resolver, kind workforce.Kind, parts map[string][]string, l *Loader[T], id string) (T, error) {
	if need, ok := partFields(parts, graphql.GetFieldContext(ctx).Field.Selections); ok {
		if n, ok := r.loaders(ctx).parts.get(kind, id, need); ok {
			node := n.(T)
			if err := r.authorize(ctx, workforce.ActionRead, kind, id, node); err != nil {
				var zero T
				return zero, err
			}
			return node, nil
		}
	}
	return load(ctx, r, kind, l, id)
}
