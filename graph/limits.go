package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/onework/onework/workforce"
)

// Version is the API's version, reported by apiInfo.
const Version = "0.1.0"

// Limits bound what one request may ask for. They are checked before any
// resolver runs.
type Limits struct {
	// DefaultPageSize is used when a list is asked for without first.
	DefaultPageSize int
	// MaxPageSize is the largest first a list accepts.
	MaxPageSize int
	// MaxDepth is the deepest nesting of selections, fragments included.
	MaxDepth int
	// MaxComplexity bounds the estimated number of nodes a query returns:
	// each field costs one, and a list field multiplies what is below it
	// by its page size.
	MaxComplexity int
	// MaxAliases bounds the number of aliased fields in one operation.
	MaxAliases int
	// MaxTokens bounds the number of tokens the parser reads.
	MaxTokens int
	// MaxRadiusKm bounds the radius of a near filter.
	MaxRadiusKm float64
	// MaxDemandRadiusKm bounds the radius within which career moves count
	// open vacancies (a scan of every vacancy in the circle).
	MaxDemandRadiusKm float64
	// MaxBatch bounds the number of items in one upsert.
	MaxBatch int
	// MaxFields bounds the number of fields written in a document, every
	// one counted (repeats and fragments included), and MaxDirectives the
	// number of directives. Both are checked before the document is
	// validated, whose cost grows faster than the number of fields.
	MaxFields     int
	MaxDirectives int
	// MaxErrors bounds the errors in one response; the rest are summed up
	// in one last error.
	MaxErrors int
}

// DefaultLimits are the limits used when configuration gives none.
var DefaultLimits = Limits{
	DefaultPageSize:   20,
	MaxPageSize:       100,
	MaxDepth:          12,
	MaxComplexity:     20_000,
	MaxAliases:        30,
	MaxTokens:         5_000,
	MaxRadiusKm:       500,
	MaxDemandRadiusKm: 50,
	MaxBatch:          1_000,
	MaxFields:         500,
	MaxDirectives:     50,
	MaxErrors:         20,
}

// limitsExtension rejects operations over the limits before execution.
type limitsExtension struct{ limits Limits }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = limitsExtension{}

func (limitsExtension) ExtensionName() string                   { return "OneWorkLimits" }
func (limitsExtension) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext measures the operation and refuses it when it is
// over a limit.
func (e limitsExtension) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	m := measurer{doc: oc.Doc, vars: oc.Variables, limits: e.limits, visiting: map[string]bool{}}
	depth, cost := m.selections(oc.Operation.SelectionSet, 1)
	switch {
	case depth > e.limits.MaxDepth:
		return limitError("query depth %d is over the limit of %d", depth, e.limits.MaxDepth)
	case cost > e.limits.MaxComplexity:
		return limitError("query complexity %d is over the limit of %d", cost, e.limits.MaxComplexity)
	case m.aliases > e.limits.MaxAliases:
		return limitError("query uses %d aliases, over the limit of %d", m.aliases, e.limits.MaxAliases)
	}
	if oc.Operation.Operation == ast.Mutation {
		if err := e.batchSizes(oc); err != nil {
			return err
		}
	}
	return nil
}

// batchSizes refuses upserts with more items than MaxBatch.
func (e limitsExtension) batchSizes(oc *graphql.OperationContext) *gqlerror.Error {
	for _, sel := range oc.Operation.SelectionSet {
		f, ok := sel.(*ast.Field)
		if !ok {
			continue
		}
		for _, arg := range f.Arguments {
			v, err := arg.Value.Value(oc.Variables)
			if err != nil {
				continue
			}
			if items, ok := v.([]any); ok && len(items) > e.limits.MaxBatch {
				return limitError("%s takes at most %d items, got %d", f.Name, e.limits.MaxBatch, len(items))
			}
		}
	}
	return nil
}

func limitError(format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": codeLimitExceeded}
	return err
}

// measurer walks an operation, following fragments, to find its depth, cost
// and aliases.
type measurer struct {
	doc      *ast.QueryDocument
	vars     map[string]any
	limits   Limits
	aliases  int
	visiting map[string]bool
}

// selections returns the depth and cost of a selection set found at depth d.
func (m *measurer) selections(set ast.SelectionSet, d int) (depth, cost int) {
	depth = d - 1
	for _, sel := range set {
		var sd, sc int
		switch s := sel.(type) {
		case *ast.Field:
			if s.Alias != "" && s.Alias != s.Name {
				m.aliases++
			}
			own := fieldCost(s)
			sd, sc = d, own
			if len(s.SelectionSet) > 0 {
				cd, cc := m.selections(s.SelectionSet, d+1)
				sd, sc = cd, saturatingAdd(own, cc*m.multiplier(s))
			}
		case *ast.InlineFragment:
			sd, sc = m.selections(s.SelectionSet, d)
		case *ast.FragmentSpread:
			// A fragment that spreads itself is refused by validation; the
			// guard keeps the walk finite regardless.
			if m.visiting[s.Name] {
				continue
			}
			def := m.doc.Fragments.ForName(s.Name)
			if def == nil {
				continue
			}
			m.visiting[s.Name] = true
			sd, sc = m.selections(def.SelectionSet, d)
			m.visiting[s.Name] = false
		}
		depth = max(depth, sd)
		cost = saturatingAdd(cost, sc)
	}
	return depth, cost
}

// fieldCost is what one field costs in complexity: one, or more for the
// fields that run a database query of their own each time they resolve
// (a programme's destinations count the open vacancies around it; career
// moves near a place count them around the place), so that aliases and
// long lists of them cannot multiply those queries without bound.
func fieldCost(f *ast.Field) int {
	if f.ObjectDefinition == nil {
		return 1
	}
	switch f.ObjectDefinition.Name + "." + f.Name {
	case "Programme.destinations":
		return 400
	case "Query.careerMoves", "Query.programmesForOccupation":
		return 1000
	}
	return 1
}

// multiplier is how many times a field's children may repeat: its page size
// for a paginated field, else one.
func (m *measurer) multiplier(f *ast.Field) int {
	if f.Definition == nil {
		return 1
	}
	if f.Definition.Arguments.ForName("first") == nil {
		// The edges and nodes of a connection are already counted by the
		// connection's page size.
		inConnection := f.ObjectDefinition != nil && strings.HasSuffix(f.ObjectDefinition.Name, "Connection")
		if f.Definition.Type.Elem != nil && !inConnection {
			return listFactor
		}
		return 1
	}
	n := m.limits.DefaultPageSize
	if arg := f.Arguments.ForName("first"); arg != nil {
		if v, err := arg.Value.Value(m.vars); err == nil {
			if i, ok := v.(int64); ok && i > 0 {
				n = int(min(i, int64(m.limits.MaxPageSize)))
			}
		}
	}
	return max(n, 1)
}

// listFactor is the assumed length of a list field without paging, such as
// a vacancy's requirements.
const listFactor = 10

func saturatingAdd(a, b int) int {
	const ceiling = 1 << 40
	if a > ceiling-b {
		return ceiling
	}
	return a + b
}

// codeFor maps a domain error code to a GraphQL extensions.code.
func codeFor(code string) string {
	switch code {
	case workforce.EINVALID:
		return codeBadUserInput
	case workforce.ENOTFOUND:
		return "NOT_FOUND"
	case workforce.ECONFLICT:
		return "CONFLICT"
	case workforce.EUNAUTHORIZED:
		return "UNAUTHENTICATED"
	case workforce.EFORBIDDEN:
		return "FORBIDDEN"
	case workforce.ELIMIT:
		return codeLimitExceeded
	}
	return codeInternal
}

const (
	codeBadUserInput  = "BAD_USER_INPUT"
	codeLimitExceeded = "LIMIT_EXCEEDED"
	codeInternal      = "INTERNAL"
)
