package graph

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

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
	// Persisted maps the sha256 (hex) of known documents to their text.
	// Clients may send {"extensions":{"persistedQuery":{"version":1,
	// "sha256Hash":...}}} instead of a query; unknown hashes are refused,
	// and new ones are never registered.
	Persisted map[string]string
	// ResponseCache is how many whole responses to keep of queries that
	// read only what the process cache holds (see responseCache); 0 keeps
	// none. It needs a Resolver.Read that counts its invalidations
	// (Epocher).
	ResponseCache int
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
	srv.AddTransport(postTransport{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(r.Limits.MaxTokens)
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		// A mutation reads what it is about to change from Neo4j itself,
		// never from a process cache that another replica's write may have
		// left behind.
		if oc := graphql.GetOperationContext(ctx); oc.Operation != nil && oc.Operation.Operation == ast.Mutation {
			ctx = workforce.WithFreshReads(ctx)
		}
		return next(ctx)
	})
	for _, x := range cfg.Extensions {
		srv.Use(x)
	}
	if cfg.Introspection {
		srv.Use(extension.Introspection{})
	}
	if cfg.Restricted != nil {
		srv.Use(allowlistExtension{queries: fixedDocuments(cfg.Persisted, cfg.Allowlist), restricted: cfg.Restricted})
	}
	srv.Use(newPreflight(r.Limits))
	srv.Use(limitsExtension{limits: r.Limits})
	if len(cfg.Persisted) > 0 || len(cfg.Allowlist) > 0 || cfg.PersistedQueries > 0 {
		srv.Use(extension.AutomaticPersistedQuery{Cache: newPersistedCache(cfg.Persisted, cfg.Allowlist, cfg.PersistedQueries)})
	}
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		// The executor answers a bare null, with status 200, to a request
		// whose context ends before its operation starts (the database went
		// away, or the deadline passed while it waited): nothing ran, so
		// the client gets the error that stopped it instead.
		h := next(ctx)
		first := true
		return func(ctx context.Context) *graphql.Response {
			resp := h(ctx)
			if resp == nil && first && ctx.Err() != nil {
				resp = notRun(ctx, cfg)
			}
			first = false
			return resp
		}
	})
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
	if e, ok := r.Read.(Epocher); ok && cfg.ResponseCache > 0 {
		srv.AroundResponses(newResponseCache(e, cfg.ResponseCache).around)
	}
	srv.SetErrorPresenter(ErrorPresenter(cfg.Logger, cfg.RequestID))
	srv.SetRecoverFunc(RecoverFunc(cfg.Logger, cfg.RequestID))
	return WithLoaders(r.Read, srv)
}

// persistedCache holds the documents served by SHA-256: a fixed set (the
// console's documents and the partner allowlist), which is never added to,
// and, when automatic persisted queries are on, a bounded cache of the
// documents clients register.
type persistedCache struct {
	fixed map[string]string
	auto  *lru.LRU[string]
}

func newPersistedCache(console map[string]string, allowlist Allowlist, size int) persistedCache {
	c := persistedCache{fixed: fixedDocuments(console, allowlist)}
	if size > 0 {
		c.auto = lru.New[string](size)
	}
	return c
}

// fixedDocuments joins the fixed sets of documents.
func fixedDocuments(sets ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, set := range sets {
		for h, q := range set {
			out[h] = q
		}
	}
	return out
}

func (c persistedCache) Get(ctx context.Context, hash string) (string, bool) {
	if q, ok := c.fixed[hash]; ok {
		return q, true
	}
	if c.auto == nil {
		return "", false
	}
	return c.auto.Get(ctx, hash)
}

// Add registers a document sent with its hash, when automatic persisted
// queries are on; the fixed set never changes.
func (c persistedCache) Add(ctx context.Context, hash, query string) {
	if c.auto != nil {
		c.auto.Add(ctx, hash, query)
	}
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

// notRun is the response to a request stopped before its operation ran:
// one UNAVAILABLE error (and 503) when the database went away, else one
// TIMEOUT error.
func notRun(ctx context.Context, cfg HandlerConfig) *graphql.Response {
	var de *workforce.Error
	if errors.As(context.Cause(ctx), &de) && de.Code == workforce.EUNAVAILABLE {
		cfg.Logger.WarnContext(ctx, "database unavailable", "request_id", cfg.RequestID(ctx))
		if cfg.SetStatus != nil {
			cfg.SetStatus(ctx, http.StatusServiceUnavailable)
		}
		return &graphql.Response{Errors: gqlerror.List{{Message: de.Message, Extensions: map[string]any{"code": codeUnavailable}}}}
	}
	cfg.Logger.WarnContext(ctx, "request timed out", "request_id", cfg.RequestID(ctx))
	return &graphql.Response{Errors: gqlerror.List{{Message: timeoutMessage, Extensions: map[string]any{"code": codeTimeout}}}}
}
