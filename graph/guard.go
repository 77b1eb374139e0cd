package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// preflight counts the fields and directives of a document before gqlgen
// parses it for execution and validates it: validation compares fields
// pairwise, so a few thousand repeated fields cost a second of CPU, and each
// unknown directive would cost an error of its own. Documents that passed
// are remembered, so a repeated query is parsed once.
type preflight struct {
	limits Limits
	passed *lru.LRU[struct{}]
}

func newPreflight(l Limits) preflight {
	return preflight{limits: l, passed: lru.New[struct{}](1000)}
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = preflight{}

func (preflight) ExtensionName() string                   { return "OneWorkPreflight" }
func (preflight) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters refuses documents over MaxFields or
// MaxDirectives with LIMIT_EXCEEDED. A document that does not parse is left
// to gqlgen, which reports where.
func (p preflight) MutateOperationParameters(ctx context.Context, raw *graphql.RawParams) *gqlerror.Error {
	if raw.Query == "" {
		return nil
	}
	if _, ok := p.passed.Get(ctx, raw.Query); ok {
		return nil
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: raw.Query}, p.limits.MaxTokens)
	if err != nil {
		return nil
	}
	var c docCounter
	for _, op := range doc.Operations {
		c.directives += len(op.Directives)
		for _, v := range op.VariableDefinitions {
			c.directives += len(v.Directives)
		}
		c.selections(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		c.directives += len(f.Directives)
		c.selections(f.SelectionSet)
	}
	switch {
	case c.fields > p.limits.MaxFields:
		return limitError("query has %d fields, over the limit of %d", c.fields, p.limits.MaxFields)
	case c.directives > p.limits.MaxDirectives:
		return limitError("query has %d directives, over the limit of %d", c.directives, p.limits.MaxDirectives)
	}
	p.passed.Add(ctx, raw.Query, struct{}{})
	return nil
}

// docCounter counts every field and directive written in a document, as
// written: fragments are counted where they are defined, not where spread.
type docCounter struct{ fields, directives int }

func (c *docCounter) selections(set ast.SelectionSet) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			c.fields++
			c.directives += len(s.Directives)
			c.selections(s.SelectionSet)
		case *ast.InlineFragment:
			c.directives += len(s.Directives)
			c.selections(s.SelectionSet)
		case *ast.FragmentSpread:
			c.directives += len(s.Directives)
		}
	}
}

// Codes of errors that stand for the whole request.
const (
	codeTimeout     = "TIMEOUT"
	codeUnavailable = "UNAVAILABLE"
)

// condense keeps a response's errors readable and small: a request that
// ran out of time or lost its database gets one error saying so, instead
// of one per unresolved field, and any other response at most max errors
// and then one saying how many more there were.
func condense(errs gqlerror.List, max int) (gqlerror.List, string) {
	for _, code := range []string{codeUnavailable, codeTimeout} {
		for _, e := range errs {
			if e.Extensions["code"] == code {
				return gqlerror.List{{Message: e.Message, Extensions: map[string]any{"code": code}}}, code
			}
		}
	}
	if max > 0 && len(errs) > max {
		more := &gqlerror.Error{
			Message:    fmt.Sprintf("and %d more errors", len(errs)-max),
			Extensions: map[string]any{"code": codeLimitExceeded, "reason": "TOO_MANY_ERRORS"},
		}
		return append(errs[:max:max], more), ""
	}
	return errs, ""
}
