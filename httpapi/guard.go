package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/onework/onework/workforce"
)

// statusKey carries a statusOverride through a request's context.
type statusKey struct{}

type statusOverride struct{ code atomic.Int32 }

// SetStatus asks for the response to the request in ctx to carry status
// instead of 200 (for example 503 when the database cannot be reached). It
// does nothing outside a request served by this package or once the status
// is written.
func SetStatus(ctx context.Context, status int) {
	if o, ok := ctx.Value(statusKey{}).(*statusOverride); ok {
		o.code.Store(int32(status))
	}
}

// overrideWriter applies a status asked for with SetStatus to a response
// that would otherwise be a 200.
type overrideWriter struct {
	http.ResponseWriter
	o     *statusOverride
	wrote bool
}

func (w *overrideWriter) WriteHeader(code int) {
	if w.wrote {
		return
	}
	w.wrote = true
	if s := int(w.o.code.Load()); s != 0 && code == http.StatusOK {
		code = s
		if s == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "1")
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *overrideWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Breaker answers 503 UNAVAILABLE at once while the database is known to be
// down, instead of letting every request wait to find out. A response that
// ends 503 (once Confirm agrees), or a failed check in Watch, opens it, and
// cancels the requests in flight (they end with one UNAVAILABLE error);
// from then on Probe runs every Interval and closes it again when the
// database answers.
type Breaker struct {
	// Probe checks that the database answers; it must return within
	// Interval.
	Probe func(context.Context) error
	// Confirm, when set, is asked after a response ended 503 whether the
	// database really cannot be reached, and the breaker opens only if it
	// fails: a replica that ran out of pooled connections under load is
	// busy, not cut off, and must not take itself out. It runs once at a
	// time, within Interval, after the response has been sent. Without it
	// a 503 alone opens the breaker.
	Confirm    func(context.Context) error
	Interval   time.Duration
	open       atomic.Bool
	probing    atomic.Bool
	confirming atomic.Bool
	mu         sync.Mutex
	inflight   map[*http.Request]context.CancelCauseFunc
}

// Unavailable is the cause of a request's context cancelled because the
// database went away.
var Unavailable = &workforce.Error{Code: workforce.EUNAVAILABLE, Message: "the database cannot be reached; try again shortly"}

// Open reports whether requests are being refused.
func (b *Breaker) Open() bool { return b != nil && b.open.Load() }

// Watch runs check every Interval until ctx ends and opens the breaker
// when it fails, so that requests stop waiting on a database that went
// away before any of them has timed out. check should fail only when the
// database cannot be reached at all, not when it is slow.
func (b *Breaker) Watch(ctx context.Context, check func(context.Context) error) {
	b.defaults()
	t := time.NewTicker(b.Interval)
	defer t.Stop()
	failures := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if b.Open() {
			failures = 0
			continue
		}
		cctx, cancel := context.WithTimeout(ctx, b.Interval)
		err := check(cctx)
		cancel()
		switch {
		case err == nil:
			failures = 0
		case ctx.Err() == nil:
			// Two failures in a row, so that one lost connection does
			// not cancel every request in flight.
			if failures++; failures >= 2 {
				b.trip()
			}
		}
	}
}

func (b *Breaker) defaults() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.Interval <= 0 {
		b.Interval = 500 * time.Millisecond
	}
	if b.inflight == nil {
		b.inflight = map[*http.Request]context.CancelCauseFunc{}
	}
}

// trip opens the breaker, cancels the requests in flight and starts
// probing, once.
func (b *Breaker) trip() {
	if b.open.CompareAndSwap(false, true) {
		b.mu.Lock()
		for _, cancel := range b.inflight {
			cancel(Unavailable)
		}
		b.mu.Unlock()
	}
	if !b.probing.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer b.probing.Store(false)
		for {
			time.Sleep(b.Interval)
			ctx, cancel := context.WithTimeout(context.Background(), b.Interval)
			err := b.Probe(ctx)
			cancel()
			if err == nil {
				b.open.Store(false)
				return
			}
		}
	}()
}

// guardDatabase refuses requests while b is open and opens b when a response
// ends with 503.
func guardDatabase(b *Breaker, next http.Handler) http.Handler {
	if b == nil || b.Probe == nil {
		return next
	}
	b.defaults()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if b.Open() {
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusServiceUnavailable, "UNAVAILABLE", Unavailable.Message)
			return
		}
		o := &statusOverride{}
		ow := &overrideWriter{ResponseWriter: w, o: o}
		ctx, cancel := context.WithCancelCause(context.WithValue(r.Context(), statusKey{}, o))
		defer cancel(nil)
		b.mu.Lock()
		b.inflight[r] = cancel
		b.mu.Unlock()
		next.ServeHTTP(ow, r.WithContext(ctx))
		b.mu.Lock()
		delete(b.inflight, r)
		b.mu.Unlock()
		if o.code.Load() == http.StatusServiceUnavailable {
			b.confirm()
		}
	})
}

// confirm opens the breaker after a response ended 503: at once without
// Confirm, else when Confirm fails (one check at a time; the others rely on
// it).
func (b *Breaker) confirm() {
	if b.Confirm == nil {
		b.trip()
		return
	}
	if b.Open() || !b.confirming.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer b.confirming.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), b.Interval)
		defer cancel()
		if err := b.Confirm(ctx); err != nil {
			b.trip()
		}
	}()
}

// withStatusOverride lets handlers below ask for a status with SetStatus
// when no Breaker does.
func withStatusOverride(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := r.Context().Value(statusKey{}).(*statusOverride); ok {
			next.ServeHTTP(w, r)
			return
		}
		o := &statusOverride{}
		next.ServeHTTP(&overrideWriter{ResponseWriter: w, o: o}, r.WithContext(context.WithValue(r.Context(), statusKey{}, o)))
	})
}

// shed bounds the requests to path served at once to max. It is the first
// check such a request meets: before it is logged, traced, checked against
// the breaker, authenticated or rate limited, and before its body is read
// or parsed, so a refusal costs next to nothing. A request that finds every
// slot taken is refused at once with 503 OVERLOADED and Retry-After (or,
// with wait above 0, once no slot has come free within wait); the admitted
// ones keep their latency instead of everyone queueing. observe, if set,
// is told of each refusal as of any other request.
func shed(path string, max int, wait time.Duration, rejected func(reason string), observe func(string, int, time.Duration), next http.Handler) http.Handler {
	if max <= 0 {
		return next
	}
	slots := make(chan struct{}, max)
	refuse := func(w http.ResponseWriter, start time.Time) {
		rejected("overload")
		h := w.Header()
		h["Content-Type"] = jsonContentType
		h["Retry-After"] = retryAfterOne
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write(overloadedBody)
		if observe != nil {
			observe(path, http.StatusServiceUnavailable, time.Since(start))
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != path || r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		select {
		case slots <- struct{}{}:
		default:
			if wait <= 0 {
				refuse(w, start)
				return
			}
			t := time.NewTimer(wait)
			select {
			case slots <- struct{}{}:
				t.Stop()
			case <-t.C:
				refuse(w, start)
				return
			case <-r.Context().Done():
				t.Stop()
				stopped(w, r)
				return
			}
		}
		defer func() { <-slots }()
		next.ServeHTTP(w, r)
	})
}

// The refusal for overload, encoded once.
var (
	overloadedBody  = []byte(`{"errors":[{"message":"the service is busy; try again shortly","extensions":{"code":"OVERLOADED"}}]}` + "\n")
	jsonContentType = []string{"application/json"}
	retryAfterOne   = []string{"1"}
)

// stopped answers a request whose context ended before it was served:
// 503 UNAVAILABLE when the breaker cancelled it, else 503 TIMEOUT. Nothing
// ran, and the answer says so (a client that went away reads nothing).
func stopped(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "1")
	if errors.Is(context.Cause(r.Context()), Unavailable) {
		writeError(w, http.StatusServiceUnavailable, "UNAVAILABLE", Unavailable.Message)
		return
	}
	writeError(w, http.StatusServiceUnavailable, "TIMEOUT", "the request took too long and was stopped")
}

// limiter keeps one token bucket per client. Buckets idle for longer than
// it takes to refill are dropped, so the map stays as small as the set of
// active clients.
type limiter struct {
	rate  rate.Limit
	burst int
	mu    sync.Mutex
	last  time.Time
	per   map[string]*bucket
	// Now is the clock; a test seam.
	Now func() time.Time
}

type bucket struct {
	l    *rate.Limiter
	seen time.Time
}

func newLimiter(perSecond float64, burst int) *limiter {
	return &limiter{rate: rate.Limit(perSecond), burst: max(burst, 1), per: map[string]*bucket{}, Now: time.Now}
}

// allow takes a token for client and, when there is none, says how long
// until there is.
func (l *limiter) allow(client string) (bool, time.Duration) {
	now := l.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	idle := time.Duration(float64(l.burst)/float64(l.rate)*float64(time.Second)) + time.Second
	if now.Sub(l.last) > idle {
		for k, b := range l.per {
			if now.Sub(b.seen) > idle {
				delete(l.per, k)
			}
		}
		l.last = now
	}
	b := l.per[client]
	if b == nil {
		b = &bucket{l: rate.NewLimiter(l.rate, l.burst)}
		l.per[client] = b
	}
	b.seen = now
	res := b.l.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// rateLimit refuses a client's requests over its rate with 429 and
// Retry-After (whole seconds, at least 1).
func rateLimit(l *limiter, clientKey func(*http.Request) string, rejected func(reason string), next http.Handler) http.Handler {
	if l == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, wait := l.allow(clientKey(r))
		if !ok {
			rejected("rate")
			w.Header().Set("Retry-After", strconv.Itoa(int(max(1, (wait+time.Second-1)/time.Second))))
			writeError(w, http.StatusTooManyRequests, "RATE_LIMITED", "too many requests; slow down")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// ForwardedHost returns a client key that trusts the last address in
// header (such as X-Forwarded-For), which the load balancer in front
// appends, and falls back to RemoteHost. Earlier addresses in the header
// are the client's to forge and are ignored.
func ForwardedHost(header string) func(*http.Request) string {
	return func(r *http.Request) string {
		v := r.Header.Values(header)
		if len(v) == 0 {
			return RemoteHost(r)
		}
		last := strings.TrimSpace(v[len(v)-1])
		if i := strings.LastIndexByte(last, ','); i >= 0 {
			last = strings.TrimSpace(last[i+1:])
		}
		if last == "" {
			return RemoteHost(r)
		}
		return "addr:" + last
	}
}

// RemoteHost is the default client key: the address the request came from,
// without its port.
func RemoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return "addr:" + host
}

// graphQLRequest is the shape of a GraphQL request body: one operation,
// variables and extensions as objects.
type graphQLRequest struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
	Extensions    map[string]any `json:"extensions"`
}

// checkBody refuses a JSON body that is not one GraphQL request, with a
// reason that quotes none of it: bodies carry personal data, so neither the
// response nor the log repeats any part of them.
func checkBody(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		body, ok := r.Body.(*bodyBuffer)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		var req graphQLRequest
		if err := json.Unmarshal(body.b, &req); err != nil {
			reason := decodeReason(err)
			logger.WarnContext(r.Context(), "bad request body", "request_id", RequestID(r.Context()), "bytes", len(body.b), "reason", reason)
			writeError(w, http.StatusBadRequest, "BAD_USER_INPUT", "the body is not a GraphQL request: "+reason)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// decodeReason describes a JSON decoding error by position and type only.
func decodeReason(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("invalid JSON at byte %d", syn.Offset)
	case errors.As(err, &typ) && typ.Field == "":
		return fmt.Sprintf("want a JSON object, got %s (batched requests are not supported)", typ.Value)
	case errors.As(err, &typ):
		return fmt.Sprintf("%s must not be %s", typ.Field, typ.Value)
	}
	return "invalid JSON"
}

// bodyBuffer is a request body read in full by limitBody.
type bodyBuffer struct {
	*bytes.Reader
	b []byte
}

func (bodyBuffer) Close() error { return nil }
