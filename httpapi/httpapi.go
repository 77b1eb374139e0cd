// Package httpapi serves OneWork over HTTP: the GraphQL endpoint, a GraphiQL
// page in development (from assets embedded in the binary), health and readiness probes, and the middleware every
// request passes through (request ids, structured logs without personal data,
// body size and time limits, CORS, panic recovery).
package httpapi

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"time"

	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// Config says how to serve.
type Config struct {
	// MaxBodyBytes bounds a request body.
	MaxBodyBytes int64
	// Timeout bounds the handling of one request.
	Timeout time.Duration
	// Dev serves the GraphiQL page at /.
	Dev bool
	// CORSOrigins lists the origins allowed to call the API from a browser;
	// empty means none.
	CORSOrigins []string
	// Authenticate wraps the GraphQL endpoint: it puts the caller in the
	// request context or refuses the request. Nil serves everyone as
	// anonymous.
	Authenticate func(http.Handler) http.Handler
	// Console, when set, serves the adviser console (/console/) and the
	// partner widget (/widget/).
	Console http.Handler
	Logger  *slog.Logger
	// RatePerSecond and RateBurst bound each client's requests to the
	// GraphQL endpoint (a token bucket); over it a client gets 429 with
	// Retry-After. 0 turns the limit off.
	RatePerSecond float64
	RateBurst     int
	// ClientKey names the client a request comes from, for the rate limit;
	// it runs after Authenticate. Nil uses RemoteHost.
	ClientKey func(*http.Request) string
	// MaxInFlight bounds the GraphQL requests served at once; a request
	// that finds no slot gets 503 at once, or after waiting up to QueueWait
	// for one. 0 turns the bound off.
	MaxInFlight int
	QueueWait   time.Duration
	// Breaker, if set, refuses GraphQL requests with 503 while the
	// database is known to be down.
	Breaker *Breaker
	// Rejected, if set, is told each request refused by the rate limit
	// ("rate") or for overload ("overload"), for metrics.
	Rejected func(reason string)
	// Observe, if set, is told the path, status and duration of every
	// request, for metrics.
	Observe func(path string, status int, d time.Duration)
	// Trace, if set, wraps every request (OpenTelemetry spans and
	// traceparent).
	Trace func(http.Handler) http.Handler
	// Routes are further handlers by pattern (such as "GET /insights/"),
	// behind the same authentication as the GraphQL endpoint.
	Routes map[string]http.Handler
}

// NewHandler returns the HTTP handler. ready reports whether the service can
// take traffic (the database answers and start-up work is done).
func NewHandler(cfg Config, graphql http.Handler, ready func(context.Context) error) http.Handler {
	mux := http.NewServeMux()
	rejected := cfg.Rejected
	if rejected == nil {
		rejected = func(string) {}
	}
	clientKey := cfg.ClientKey
	if clientKey == nil {
		clientKey = RemoteHost
	}
	var lim *limiter
	if cfg.RatePerSecond > 0 {
		lim = newLimiter(cfg.RatePerSecond, cfg.RateBurst)
	}
	gql := refuseGETMutations(limitBody(cfg.MaxBodyBytes, checkBody(cfg.Logger, graphql)))
	gql = rateLimit(lim, clientKey, rejected, gql)
	if cfg.Authenticate != nil {
		gql = cfg.Authenticate(gql)
	}
	gql = withStatusOverride(guardDatabase(cfg.Breaker, gql))
	mux.Handle("/graphql", gql)
	for pattern, h := range cfg.Routes {
		if cfg.Authenticate != nil {
			h = cfg.Authenticate(h)
		}
		mux.Handle(pattern, h)
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		if err := ready(ctx); err != nil {
			// The reason may name hosts and driver internals: it goes to
			// the log, and callers learn only that the service is not ready.
			cfg.Logger.WarnContext(ctx, "not ready", "request_id", RequestID(ctx), "err", err)
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "not ready"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	if cfg.Console != nil {
		mux.Handle("/console", cfg.Console)
		mux.Handle("/console/", cfg.Console)
		mux.Handle("/widget/", cfg.Console)
	}
	if cfg.Dev {
		mux.Handle("GET /{$}", graphiql())
		mux.Handle("GET /graphiql/", graphiql())
	}
	var h http.Handler = mux
	h = timeout(cfg.Timeout, h)
	h = logRequests(cfg.Logger, cfg.Observe, h)
	if cfg.Trace != nil {
		h = cfg.Trace(h)
	}
	h = withRequestID(h)
	// Admission comes first: a GraphQL request refused for overload is
	// not logged, traced, authenticated, read or parsed (the metrics count
	// it), so refusing costs next to nothing however busy the server is.
	h = shed("/graphql", cfg.MaxInFlight, cfg.QueueWait, rejected, cfg.Observe, h)
	// rs/cors reads an empty list of origins as "allow all": with none
	// configured there is no CORS handler at all, so browsers refuse
	// cross-origin calls; "*" is never passed on. It wraps everything, so
	// that a browser can read a refusal too.
	if origins := slices.DeleteFunc(slices.Clone(cfg.CORSOrigins), func(o string) bool { return o == "*" || o == "" }); len(origins) > 0 {
		h = cors.New(cors.Options{
			AllowedOrigins: origins,
			AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
			AllowedHeaders: []string{"Authorization", "Content-Type", "X-Request-Id"},
			// Browser clients (the partner widget) quote the request id in errors.
			ExposedHeaders: []string{"X-Request-Id"},
			MaxAge:         600,
		}).Handler(h)
	}
	return h
}

type requestIDKey struct{}

// RequestID returns the id of the request in ctx, or "-".
func RequestID(ctx context.Context) string {
	if id, ok := ctx.Value(requestIDKey{}).(string); ok {
		return id
	}
	return "-"
}

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// withRequestID gives every request an id, taken from X-Request-Id when it is
// well formed, and echoes it in the response.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !validRequestID.MatchString(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// logRequests logs one line per request: no query text, variables or
// headers, since those may carry personal data. It also turns a panic into
// a 500 without a stack in the response.
func logRequests(logger *slog.Logger, observe func(string, int, time.Duration), next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				logger.ErrorContext(r.Context(), "panic", "request_id", RequestID(r.Context()), "panic", v)
				if sw.status == 0 {
					writeError(sw, http.StatusInternalServerError, "INTERNAL", "internal error (request "+RequestID(r.Context())+")")
				}
			}
			took := time.Since(start)
			logger.InfoContext(r.Context(), "request",
				"request_id", RequestID(r.Context()), "method", r.Method, "path", r.URL.Path,
				"status", sw.status, "bytes", sw.bytes, "duration_ms", took.Milliseconds())
			if observe != nil {
				observe(r.URL.Path, sw.status, took)
			}
		}()
		next.ServeHTTP(sw, r)
	})
}

// limitBody refuses bodies over max bytes with LIMIT_EXCEEDED before any
// of it is parsed.
func limitBody(max int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Method == http.MethodGet {
			next.ServeHTTP(w, r)
			return
		}
		if r.ContentLength > max {
			writeError(w, http.StatusRequestEntityTooLarge, "LIMIT_EXCEEDED", "request body is over the limit of "+itoa(max)+" bytes")
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, max+1))
		if err != nil {
			writeError(w, http.StatusBadRequest, "BAD_USER_INPUT", "could not read the request body")
			return
		}
		if int64(len(body)) > max {
			writeError(w, http.StatusRequestEntityTooLarge, "LIMIT_EXCEEDED", "request body is over the limit of "+itoa(max)+" bytes")
			return
		}
		r.Body = &bodyBuffer{Reader: bytes.NewReader(body), b: body}
		next.ServeHTTP(w, r)
	})
}

// refuseGETMutations refuses any operation but a query over GET, so that a
// link or an image tag can never change data.
func refuseGETMutations(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			q := r.URL.Query()
			doc, err := parser.ParseQuery(&ast.Source{Input: q.Get("query")})
			if err == nil {
				op := doc.Operations.ForName(q.Get("operationName"))
				if op == nil && len(doc.Operations) == 1 {
					op = doc.Operations[0]
				}
				if op != nil && op.Operation != ast.Query {
					w.Header().Set("Allow", "POST")
					writeError(w, http.StatusMethodNotAllowed, "BAD_USER_INPUT", string(op.Operation)+" operations are not allowed over GET; use POST")
					return
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// timeout bounds the time spent on one request.
func timeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// writeError writes a GraphQL-shaped error response.
func writeError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, map[string]any{
		"errors": []map[string]any{{"message": message, "extensions": map[string]string{"code": code}}},
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// The status is already sent; a failed write means the client went away.
	_ = json.NewEncoder(w).Encode(v)
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
