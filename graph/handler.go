package graph

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/onework/onework/graph/generated"
	"github.com/onework/onework/workforce"
)

// HandlerConfig says how to build the GraphQL handler.
type HandlerConfig struct {
	Resolver *Resolver
	Logger   *slog.Logger
	// RequestID returns the id of the request in ctx, for logs and masked errors.
	RequestID func(context.Context) string
	// WithOperation, if set, is given the name of each operation before it
	// runs, for the audit trail.
	WithOperation func(ctx context.Context, name string) context.Context
	// Persisted maps the sha256 (hex) of known documents to their text.
	// Clients may send {"extensions":{"persistedQuery":{"version":1,
	// "sha256Hash":...}}} instead of a query; unknown hashes are refused,
	// and new ones are never registered.
	Persisted map[string]string
}

// NewHandler returns the GraphQL HTTP handler: POST and GET (queries only)
// transports, limits checked before execution, per-request loaders and the
// error presenter.
func NewHandler(cfg HandlerConfig) http.Handler {
	r := cfg.Resolver
	if r.Limits == (Limits{}) {
		r.Limits = DefaultLimits
	}
	srv := handler.New(NewExecutableSchema(r))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(r.Limits.MaxTokens)
	srv.Use(extension.Introspection{})
	srv.Use(limitsExtension{limits: r.Limits})
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		// A mutation reads what it is about to change from Neo4j itself,
		// never from a process cache that another replica's write may have
		// left behind.
		if oc := graphql.GetOperationContext(ctx); oc.Operation != nil && oc.Operation.Operation == ast.Mutation {
			ctx = workforce.WithFreshReads(ctx)
		}
		return next(ctx)
	})
	if len(cfg.Persisted) > 0 {
		srv.Use(extension.AutomaticPersistedQuery{Cache: persisted(cfg.Persisted)})
	}
	if cfg.WithOperation != nil {
		srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
			oc := graphql.GetOperationContext(ctx)
			name := oc.OperationName
			if name == "" && oc.Operation != nil {
				name = oc.Operation.Name
				if name == "" {
					name = "anonymous " + string(oc.Operation.Operation)
				}
			}
			return next(cfg.WithOperation(ctx, name))
		})
	}
	srv.SetErrorPresenter(ErrorPresenter(cfg.Logger, cfg.RequestID))
	srv.SetRecoverFunc(RecoverFunc(cfg.Logger, cfg.RequestID))
	return WithLoaders(r.Read, srv)
}

// persisted is a fixed set of persisted documents: Add never registers one.
type persisted map[string]string

func (p persisted) Get(_ context.Context, hash string) (string, bool) {
	q, ok := p[hash]
	return q, ok
}

func (p persisted) Add(context.Context, string, string) {}

// NewExecutableSchema returns the schema bound to the resolvers and
// directives of r.
func NewExecutableSchema(r *Resolver) graphql.ExecutableSchema {
	return generated.NewExecutableSchema(generated.Config{
		Resolvers:  r,
		Directives: generated.DirectiveRoot{Sensitive: r.sensitive},
	})
}

// Timeout is a sensible default for one GraphQL request.
const Timeout = 30 * time.Second
