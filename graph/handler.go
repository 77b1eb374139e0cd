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
	// Introspection serves the schema's introspection fields; off, they are
	// refused, so that anonymous callers cannot list every personal field.
	Introspection bool
	// PersistedQueries is how many automatic persisted queries to keep
	// (by their SHA-256); 0 turns them off.
	PersistedQueries int
	// SetStatus, if set, is told the HTTP status a response should carry
	// when it is not 200: 503 when the database cannot be reached.
	SetStatus func(ctx context.Context, status int)
	// Extensions are added to the handler first, such as metrics and
	// tracing.
	Extensions []graphql.HandlerExtension
	// Allowlist is served by hash to everyone; callers for whom
	// Restricted says so (partner keys) may run only its queries.
	Allowlist  Allowlist
	Restricted func(context.Context) bool
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
	for _, x := range cfg.Extensions {
		srv.Use(x)
	}
	if cfg.Introspection {
		srv.Use(extension.Introspection{})
	}
	if len(cfg.Allowlist) > 0 || cfg.Restricted != nil {
		srv.Use(allowlistExtension{queries: cfg.Allowlist, restricted: cfg.Restricted})
	}
	if cfg.PersistedQueries > 0 {
		srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](cfg.PersistedQueries)})
	}
	srv.Use(newPreflight(r.Limits))
	srv.Use(limitsExtension{limits: r.Limits})
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		resp := next(ctx)
		if resp == nil || len(resp.Errors) == 0 {
			return resp
		}
		var whole string
		resp.Errors, whole = condense(resp.Errors, r.Limits.MaxErrors)
		switch whole {
		case codeUnavailable:
			cfg.Logger.WarnContext(ctx, "database unavailable", "request_id", cfg.RequestID(ctx))
			if cfg.SetStatus != nil {
				cfg.SetStatus(ctx, http.StatusServiceUnavailable)
			}
		case codeTimeout:
			cfg.Logger.WarnContext(ctx, "request timed out", "request_id", cfg.RequestID(ctx))
		}
		return resp
	})
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
