package graph

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/onework/onework/auth"
)

// Epocher is a ReadService whose process cache counts its invalidations
// (see store.Cached.Epoch).
type Epocher interface {
	Epoch() uint64
}

// DefaultResponseCache is the server's default number of kept responses
// (ONEWORK_RESPONSE_CACHE).
const DefaultResponseCache = 1000

// maxCachedResponse is the largest response body the response cache keeps.
const maxCachedResponse = 256 << 10

// responseCache keeps whole responses of queries that read only what the
// process cache holds (vacancies with their employer, occupation, place and
// requirements, and pages of vacancies), by caller, document, operation and
// variables. A response is kept with the cache's epoch at the start of its
// execution and served only while the epoch has not moved, so it is exactly
// as current as the process cache: every write made through this process
// moves the epoch before it returns, and writes made elsewhere move it when
// the refresh sees them. Bounded to size entries of at most
// maxCachedResponse bytes each.
//
// A kept response is served without running resolvers, so without asking
// the policy again: it covers only kinds that the policy lets every caller
// read (TestResponseCacheCoversOnlyKindsEveryoneMayRead), and the key holds
// the caller besides.
type responseCache struct {
	epoch Epocher
	lru   *lru.LRU[*cachedResponse]
}

type cachedResponse struct {
	epoch uint64
	data  json.RawMessage
}

func newResponseCache(e Epocher, size int) *responseCache {
	return &responseCache{epoch: e, lru: lru.New[*cachedResponse](size)}
}

// around is the response middleware: it answers a cacheable query from the
// cache, or runs it and keeps its response when it succeeded whole.
func (c *responseCache) around(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	oc := graphql.GetOperationContext(ctx)
	key, ok := c.key(ctx, oc)
	if !ok {
		return next(ctx)
	}
	epoch := c.epoch.Epoch()
	if hit, ok := c.lru.Get(ctx, key); ok && hit.epoch == epoch {
		return &graphql.Response{Data: hit.data}
	}
	resp := next(ctx)
	if resp != nil && len(resp.Errors) == 0 && len(resp.Extensions) == 0 && resp.HasNext == nil &&
		resp.Label == "" && resp.Path == nil && len(resp.Data) <= maxCachedResponse && c.epoch.Epoch() == epoch {
		c.lru.Add(ctx, key, &cachedResponse{epoch: epoch, data: resp.Data})
	}
	return resp
}

// key returns the cache key of the operation, and false when its response
// may not be kept.
func (c *responseCache) key(ctx context.Context, oc *graphql.OperationContext) (string, bool) {
	if oc == nil || oc.Operation == nil || oc.Operation.Operation != ast.Query || !cacheableSet(oc.Operation.SelectionSet, "Query") {
		return "", false
	}
	vars, err := json.Marshal(oc.Variables) // maps marshal with sorted keys
	if err != nil {
		return "", false
	}
	var caller string
	if u := auth.UserFrom(ctx); u != nil {
		caller = string(u.Role) + "\x00" + u.OrgID + "\x00" + u.Subject
	}
	return strings.Join([]string{caller, oc.OperationName, oc.RawQuery, string(vars)}, "\x00"), true
}

// cachedObjects lists, by type, the object fields whose values come from the
// process cache or from pages of vacancies; leaf fields of these types are
// read from the loaded node, except those in uncachedLeaves.
var cachedObjects = map[string]map[string]bool{
	"Query":             {"vacancy": true, "vacancies": true},
	"VacancyConnection": {"edges": true, "nodes": true, "pageInfo": true},
	"VacancyEdge":       {"node": true},
	"PageInfo":          {},
	"Vacancy":           {"employer": true, "occupation": true, "place": true, "requirements": true},
	"Employer":          {"place": true},
	"Occupation":        {},
	"Place":             {},
	"Requirement":       {"skill": true},
	"Skill":             {},
}

// uncachedLeaves are leaf fields that depend on more than the node: the
// time of the request, or data outside the process cache.
var uncachedLeaves = map[string]bool{
	"Vacancy.openNow": true,
	"Place.imdDecile": true,
	// Leaves of the root read more than vacancies.
	"Query.*": true,
}

// cacheableSet reports whether every field of set, on an object of type
// parent, is read from the process cache or a page of vacancies, with no
// argument that depends on the time of the request and no directive other
// than @include and @skip.
func cacheableSet(set ast.SelectionSet, parent string) bool {
	objects, ok := cachedObjects[parent]
	if !ok {
		return false
	}
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			if !plainDirectives(s.Directives) || !timeless(s.Arguments) {
				return false
			}
			switch {
			case s.Name == "__typename":
			case len(s.SelectionSet) == 0:
				if uncachedLeaves[parent+"."+s.Name] || uncachedLeaves[parent+".*"] || strings.HasPrefix(s.Name, "__") {
					return false
				}
			case !objects[s.Name] || s.Definition == nil:
				return false
			default:
				if !cacheableSet(s.SelectionSet, s.Definition.Type.Name()) {
					return false
				}
			}
		case *ast.InlineFragment:
			if !plainDirectives(s.Directives) || (s.TypeCondition != "" && s.TypeCondition != parent) ||
				!cacheableSet(s.SelectionSet, parent) {
				return false
			}
		case *ast.FragmentSpread:
			if !plainDirectives(s.Directives) || s.Definition == nil ||
				(s.Definition.TypeCondition != "" && s.Definition.TypeCondition != parent) ||
				!cacheableSet(s.Definition.SelectionSet, parent) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// plainDirectives reports whether ds holds only @include and @skip, whose
// effect the variables in the key decide.
func plainDirectives(ds ast.DirectiveList) bool {
	for _, d := range ds {
		if d.Name != "include" && d.Name != "skip" {
			return false
		}
	}
	return true
}

// timeless reports whether no argument, at any depth, filters on whether
// something is open now, which depends on the time of the request.
func timeless(args ast.ArgumentList) bool {
	for _, a := range args {
		if a.Name == "openNow" || !timelessValue(a.Value) {
			return false
		}
	}
	return true
}

func timelessValue(v *ast.Value) bool {
	if v == nil {
		return true
	}
	if v.Kind == ast.Variable {
		// A variable's value is in the key; its name says nothing, so look
		// at the type it fills.
		return v.Definition == nil || !hasOpenNow(v.Definition)
	}
	for _, c := range v.Children {
		if c.Name == "openNow" || !timelessValue(c.Value) {
			return false
		}
	}
	return true
}

// hasOpenNow reports whether an input object type has an openNow field.
func hasOpenNow(def *ast.Definition) bool {
	for _, f := range def.Fields {
		if f.Name == "openNow" {
			return true
		}
	}
	return false
}
