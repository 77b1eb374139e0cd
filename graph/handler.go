package graph

import (
	"context"
	"log/slog"
	"net/http"
	"time"

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
}

// NewHandler returns the GraphQL HTTP handler: POST and GET (queries only)
// transports, limits checked before execution, per-request loaders and the
// error presenter.
func NewHandler(cfg HandlerConfig) http.Handler {
	r := cfg.Resolver
	if r.Limits == (Limits{}) {
		r.Limits = DefaultLimits
	}
	srv := handler.New(generated.NewExecutableSchema(generated.Config{Resolvers: r}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(r.Limits.MaxTokens)
	srv.Use(extension.Introspection{})
	srv.Use(limitsExtension{limits: r.Limits})
	srv.SetErrorPresenter(ErrorPresenter(cfg.Logger, cfg.RequestID))
	srv.SetRecoverFunc(RecoverFunc(cfg.Logger, cfg.RequestID))
	return WithLoaders(r.Read, srv)
}

// Timeout is a sensible default for one GraphQL request.
const Timeout = 30 * time.Second
