// Package tracing sets up OpenTelemetry traces: off by default, on when the
// standard OTEL_* variables name an OTLP exporter, with W3C traceparent
// taken from requests and returned on responses, and spans for each
// request, GraphQL operation and root resolver (the graph and store
// packages add spans for the matching engine and Neo4j).
package tracing

import (
	"context"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.26.0"
	"go.opentelemetry.io/otel/trace"
)

// Enabled reports whether the environment asks for traces: an OTLP
// endpoint or OTEL_TRACES_EXPORTER=otlp, and OTEL_SDK_DISABLED not true.
func Enabled(getenv func(string) string) bool {
	if getenv("OTEL_SDK_DISABLED") == "true" || getenv("OTEL_TRACES_EXPORTER") == "none" {
		return false
	}
	return getenv("OTEL_TRACES_EXPORTER") == "otlp" || getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "" || getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != ""
}

// Setup installs an OTLP/HTTP exporter configured by the OTEL_* variables
// (endpoint, headers, sampler, service name, resource attributes) and the
// W3C trace-context propagator. It returns the function that flushes and
// stops it.
func Setup(ctx context.Context) (func(context.Context) error, error) {
	exp, err := otlptracehttp.New(ctx)
	if err != nil {
		return nil, err
	}
	res, err := resource.Merge(resource.Default(), resource.NewSchemaless(semconv.ServiceName("onework")))
	if err != nil {
		return nil, err
	}
	// The service name from OTEL_SERVICE_NAME, when set, wins.
	if env, err := resource.New(ctx, resource.WithFromEnv()); err == nil {
		if merged, err := resource.Merge(res, env); err == nil {
			res = merged
		}
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	Install(tp)
	return tp.Shutdown, nil
}

// Install makes tp the tracer provider and W3C trace context the
// propagator.
func Install(tp trace.TracerProvider) {
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.TraceContext{})
}

const scope = "github.com/onework/onework"

// Start starts a span named name under the one in ctx.
func Start(ctx context.Context, name string, attrs ...attribute.KeyValue) (context.Context, trace.Span) {
	return otel.Tracer(scope).Start(ctx, name, trace.WithAttributes(attrs...))
}

// End ends span, marking it failed when err is not nil.
func End(span trace.Span, err error) {
	if err != nil {
		span.SetStatus(codes.Error, "")
	}
	span.End()
}

// Middleware continues the trace named in a request's traceparent header
// (or starts one), spans the request, and returns traceparent on the
// response.
func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		prop := otel.GetTextMapPropagator()
		ctx := prop.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
		ctx, span := otel.Tracer(scope).Start(ctx, r.Method+" "+r.URL.Path, trace.WithSpanKind(trace.SpanKindServer),
			trace.WithAttributes(semconv.HTTPRequestMethodKey.String(r.Method), semconv.URLPath(r.URL.Path)))
		defer span.End()
		prop.Inject(ctx, propagation.HeaderCarrier(w.Header()))
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r.WithContext(ctx))
		span.SetAttributes(semconv.HTTPResponseStatusCode(sw.status))
		if sw.status >= 500 {
			span.SetStatus(codes.Error, http.StatusText(sw.status))
		}
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Extension spans each GraphQL operation and each root field's resolver.
// Spans are named by operation type and field, never by the client's
// operation name or arguments, which may carry personal data.
type Extension struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
	graphql.FieldInterceptor
} = Extension{}

func (Extension) ExtensionName() string                   { return "OneWorkTracing" }
func (Extension) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptOperation spans the operation.
func (Extension) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	name := "graphql"
	if oc := graphql.GetOperationContext(ctx); oc != nil && oc.Operation != nil {
		name = "graphql " + string(oc.Operation.Operation)
	}
	ctx, span := Start(ctx, name)
	handler := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		resp := handler(ctx)
		if resp == nil || len(resp.Errors) > 0 {
			span.SetStatus(codes.Error, "")
		}
		span.End()
		return resp
	}
}

// InterceptField spans the resolvers of root fields, which do the work
// (the nested ones mostly read what loaders fetched in batches).
func (Extension) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !fc.IsResolver || len(fc.Path()) != 1 {
		return next(ctx)
	}
	ctx, span := Start(ctx, "resolve "+fc.Object+"."+fc.Field.Name)
	v, err := next(ctx)
	End(span, err)
	return v, err
}
