// Command onework runs the OneWork workforce data hub: the GraphQL API over
// the Neo4j workforce graph, and the commands that load data into it.
//
//	onework [serve]              serve the API (the default)
//	onework migrate              create constraints and indexes, then exit
//	onework import KIND ...      load reference data or partner files
//	onework seed KIND ...        load demo or synthetic data
//	onework token --role R ...   mint a local development token
//	onework loadtest SCENARIO    load and fault scenarios on loopback
//
// Configuration comes from the environment; see the README.
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	gqlgraphql "github.com/99designs/gqlgen/graphql"

	"github.com/onework/onework/auth"
	"github.com/onework/onework/bench"
	"github.com/onework/onework/careers"
	"github.com/onework/onework/console"
	"github.com/onework/onework/graph"
	"github.com/onework/onework/httpapi"
	"github.com/onework/onework/importer"
	"github.com/onework/onework/indexer"
	"github.com/onework/onework/loadtest"
	"github.com/onework/onework/matcheval"
	"github.com/onework/onework/matching"
	"github.com/onework/onework/metrics"
	"github.com/onework/onework/seed"
	"github.com/onework/onework/store"
	"github.com/onework/onework/textmatch"
	"github.com/onework/onework/textmatch/texteval"
	"github.com/onework/onework/tracing"
	"github.com/onework/onework/workforce"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "onework:", err)
		os.Exit(1)
	}
}

const usage = `usage: onework [serve | migrate | import KIND ... | seed KIND ...]
  serve      serve the GraphQL API (default)
  migrate    create the graph's constraints and indexes
  import     esco DIR | soc DIR | places DATA_DIR | jobpostings FILE | csv KIND FILE
  seed       fixture | demo | synthetic --people N --vacancies M --seed S
  bench      match [--samples N]: matching latency in the engine, through GraphQL and in Cypher
             insights [--people N] [--vacancies M]: every insight at a million people and on the data in Neo4j
  eval       careers [--k 10] [--truth FILE | --sussex] [--data DIR]: recall@k, MRR, NDCG of career moves
             matching [--judgements FILE] [--verbose] [--data DIR]: NDCG@5 and precision@5 of candidates against adviser judgements
  loadtest   overload | outage | kill | soak | replicas [flags]: load and fault scenarios on loopback (docs/operations.md)
  token      --role ADMIN|ADVISER|PROVIDER|EMPLOYER|PARTNER|PERSON|PARTNERSHIP_LEAD [--org ID] [--sub ID] [--ttl 8h]`

// commandUsage is the help of each command, printed for --help, -h or help
// anywhere after it.
var commandUsage = map[string]string{
	"serve":   usage,
	"migrate": usage,
	"import":  importer.Usage,
	"seed":    seed.Usage,
	"bench":   bench.Usage,
	"eval":    evalUsage,
	"token":   tokenUsage,
}

const (
	evalUsage = "usage: onework eval careers [--k 10] [--truth FILE | --sussex] [--data DIR]\n       onework eval matching [--judgements FILE] [--verbose] [--data DIR]\n" +
		"       onework eval titles [--index FILE] [--adverts FILE] [--data DIR]\n       onework eval skills [--house FILE] [--tech FILE] [--floor 0.5] [--data DIR]"
	tokenUsage = "usage: onework token --role ADMIN|ADVISER|PROVIDER|EMPLOYER|PARTNER|PERSON [--org ID] [--sub ID] [--ttl 8h]\n" +
		"  mints a development token signed with ONEWORK_JWT_DEV_SECRET"
)

// run is the whole program; main only supplies its surroundings.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cmd := "serve"
	if len(args) > 1 {
		cmd = args[1]
	}
	// Help needs neither a database nor a valid configuration.
	if len(args) > 2 && seed.WantsHelp(args[2:]) {
		if text, ok := commandUsage[cmd]; ok {
			fmt.Fprintln(stdout, text)
			return nil
		}
	}
	if cmd == "help" || cmd == "-h" || cmd == "--help" {
		fmt.Fprintln(stdout, usage)
		return nil
	}
	cfg, err := LoadConfig(getenv)
	if err != nil {
		return err
	}
	debug.SetGCPercent(cfg.GCPercent)
	logger := slog.New(slog.NewJSONHandler(stdout, &slog.HandlerOptions{Level: cfg.LogLevel}))

	switch cmd {
	case "serve", "migrate", "import", "seed", "bench":
	case "token":
		return mintToken(cfg, args[2:], stdout)
	case "loadtest":
		return loadtest.Run(ctx, args[2:], stdout)
	case "eval":
		switch {
		case len(args) >= 3 && args[2] == "careers":
			return evalCareers(args[3:], stdout)
		case len(args) >= 3 && args[2] == "matching":
			return evalMatching(args[3:], stdout)
		case len(args) >= 3 && args[2] == "titles":
			dataDir, rest := dataFlag(args[3:])
			return texteval.RunTitles(rest, dataDir, stdout)
		case len(args) >= 3 && args[2] == "skills":
			dataDir, rest := dataFlag(args[3:])
			return texteval.RunSkills(rest, dataDir, stdout)
		}
		return errors.New(evalUsage)
	default:
		return fmt.Errorf("unknown command %q\n%s", cmd, usage)
	}

	db, err := openDB(ctx, cfg.Neo4j, logger)
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	if err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}

	switch cmd {
	case "migrate":
		fmt.Fprintln(stdout, "migrations done")
		return nil
	case "import":
		return importer.Run(ctx, args[2:], db, stdout)
	case "seed":
		return seed.Run(ctx, args[2:], db, stdout, time.Now)
	case "bench":
		return bench.Run(ctx, args[2:], db, stdout)
	}
	return serve(ctx, cfg, db, logger, stdout)
}

// openDB connects to Neo4j, retrying for a while so that the API can start
// beside a database that is still starting.
func openDB(ctx context.Context, cfg store.Config, logger *slog.Logger) (*store.DB, error) {
	const attempts = 30
	var lastErr error
	for i := range attempts {
		db, err := store.OpenDB(ctx, cfg)
		if err == nil {
			return db, nil
		}
		lastErr = err
		if i == 0 {
			logger.Warn("waiting for Neo4j", "uri", cfg.URI, "err", err)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return nil, fmt.Errorf("connect to Neo4j at %s: %w", cfg.URI, lastErr)
}

// serve runs the HTTP server until ctx is cancelled, then shuts down
// gracefully.
func serve(ctx context.Context, cfg Config, db *store.DB, logger *slog.Logger, stdout io.Writer) (retErr error) {
	// Background work (index loads and refreshes) stops with ctx, or when
	// serving fails.
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	var ready atomic.Bool
	authenticate := auth.RefuseTokens
	if cfg.Auth.Asymmetric() || cfg.Auth.DevSecret != "" {
		cfg.Auth.Logger = logger
		verifier, err := auth.NewVerifier(ctx, cfg.Auth)
		if err != nil {
			return err
		}
		authenticate = verifier.Middleware
		if cfg.Auth.DevSecret != "" {
			logger.Warn("accepting HS256 development tokens; configure ONEWORK_JWKS_URLS or ONEWORK_JWT_PUBLIC_KEYS in production")
		}
	} else {
		logger.Warn("no token keys configured: every caller is anonymous and sees public reference data only")
	}
	auditKey := []byte(cfg.AuditKey)
	if len(auditKey) == 0 {
		auditKey = make([]byte, 32)
		_, _ = rand.Read(auditKey)
		logger.Warn("ONEWORK_AUDIT_KEY not set: audit trails recorded now cannot be looked up after a restart")
	}
	audit, err := store.NewAuditLog(db, auditKey, logger)
	if err != nil {
		return err
	}
	audit.Limit = cfg.AuditQueue
	defer func() {
		// Events not written are a gap in the trail of access to
		// personal data: say so, and fail.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := audit.Close(ctx); err != nil {
			logger.Error("audit events not written at shutdown", "events", audit.Pending(), "err", err)
			if retErr == nil {
				retErr = fmt.Errorf("shutdown: %d audit events not written: %w", audit.Pending(), err)
			}
		}
	}()
	engine, err := matching.New(matching.Config{MaxPageSize: cfg.Limits.MaxPageSize, DefaultPageSize: cfg.Limits.DefaultPageSize})
	if err != nil {
		return err
	}
	cache := store.NewCached(db, cfg.ReadCache)
	ix := &indexer.Indexer{Source: db, Engine: engine, Logger: logger, Cache: cache}
	moves := &indexer.Careers{Source: db, Logger: logger, Cache: cache, DataDir: cfg.DataDir}
	live := &indexer.Insights{Source: db, Logger: logger}
	resolver := &graph.Resolver{
		Read:      cache,
		Write:     db,
		Referrals: db,
		Insights:  live,
		Caller: func(ctx context.Context) (string, string) {
			if u := auth.UserFrom(ctx); u != nil {
				return u.Subject, u.OrgID
			}
			return "", ""
		},
		Auth:      &auth.Policy{Read: db, Audit: audit},
		Audit:     audit,
		Engine:    engine,
		MinSkills: cfg.MinSkills,
		Careers:   moves,
		Limits:    cfg.Limits,
		Changed: func(ctx context.Context, kind workforce.Kind, ids []string) {
			live.Changed()
			if err := ix.Changed(ctx, kind, ids); err != nil {
				logger.ErrorContext(ctx, "matching index not updated; the next refresh will catch up", "kind", kind, "err", err)
			}
		},
	}
	extensions := []gqlgraphql.HandlerExtension{}
	var trace func(http.Handler) http.Handler
	if cfg.Tracing {
		shutdown, err := tracing.Setup(ctx)
		if err != nil {
			return fmt.Errorf("tracing: %w", err)
		}
		defer func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := shutdown(ctx); err != nil {
				logger.Warn("traces not all exported at shutdown", "err", err)
			}
		}()
		extensions = append(extensions, tracing.Extension{})
		trace = tracing.Middleware
		logger.Info("exporting OpenTelemetry traces")
	}
	breaker := &httpapi.Breaker{Probe: db.Ping, Confirm: db.Reachable, Interval: 250 * time.Millisecond}
	go breaker.Watch(ctx, db.Reachable)
	meter := metrics.New(metrics.Sources{RoundTrips: db.RoundTrips, InFlight: db.InFlight, PulledAt: ix.PulledAt, BreakerOpen: breaker.Open,
		IndexSizes: func() map[string]int {
			st := engine.Stats()
			return map[string]int{"person": st.People, "vacancy": st.Vacancies, "skill": st.Skills, "place": st.Places, "employer": st.Employers}
		}})
	var allowlist graph.Allowlist
	if cfg.Allowlist != "" {
		if allowlist, err = graph.LoadAllowlist(cfg.Allowlist); err != nil {
			return err
		}
	}
	var restricted func(context.Context) bool
	if cfg.PartnerAllowlist {
		restricted = func(ctx context.Context) bool {
			u := auth.UserFrom(ctx)
			return u != nil && u.Role == auth.RolePartner
		}
	}
	persisted, err := console.PersistedQueries()
	if err != nil {
		return err
	}
	gql := graph.NewHandler(graph.HandlerConfig{Resolver: resolver, Logger: logger, RequestID: httpapi.RequestID,
		Persisted: persisted, Allowlist: allowlist, Restricted: restricted,
		WithOperation: auth.WithOperation, Introspection: cfg.Introspection, PersistedQueries: cfg.PersistedQueries,
		ResponseCache: cfg.ResponseCache, SetStatus: httpapi.SetStatus, Extensions: append(extensions, meter.Extension())})
	handler := httpapi.NewHandler(httpapi.Config{
		MaxBodyBytes:  cfg.MaxBodyBytes,
		Timeout:       cfg.Timeout,
		Dev:           cfg.Dev,
		CORSOrigins:   cfg.CORSOrigins,
		Authenticate:  authenticate,
		Logger:        logger,
		RatePerSecond: cfg.RatePerSecond,
		RateBurst:     cfg.RateBurst,
		ClientKey:     clientKey(cfg),
		MaxInFlight:   cfg.MaxInFlight,
		QueueWait:     cfg.QueueWait,
		Breaker:       breaker,
		Rejected:      meter.Rejected,
		Observe:       meter.ObserveRequest,
		Trace:         trace,
		Console: console.Handler(console.Config{
			DevSecret: devSecretIf(cfg.Dev, cfg.Auth.DevSecret),
			Issuer:    cfg.Auth.Issuer, Audience: cfg.Auth.Audience, OIDCClientID: cfg.OIDCClientID,
			MapTiles: cfg.MapTiles, MapAttribution: cfg.MapAttribution,
			Suggest: func(ctx context.Context, role auth.Role) ([]string, error) {
				if role != auth.RoleAdviser {
					return nil, nil
				}
				return db.CaseloadOrgs(ctx, 10)
			},
		}),
		Routes: map[string]http.Handler{"GET /insights/": graph.InsightsCSV(resolver, logger)},
	}, gql, func(ctx context.Context) error {
		if !ready.Load() {
			return errors.New("starting")
		}
		if !ix.Ready() {
			return errors.New("loading the matching index")
		}
		if moves.Engine() == nil {
			return errors.New("building career moves")
		}
		return db.Ping(ctx)
	})

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       cfg.Timeout,
		WriteTimeout:      cfg.Timeout + 5*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	// Each goroutine below sends at most once and errc has room for both,
	// so neither is left blocked on a send after serve has returned; serve
	// waits for the background work before it returns.
	errc := make(chan error, 2)
	var background sync.WaitGroup
	go func() { errc <- srv.Serve(ln) }()
	background.Add(1)
	go func() {
		defer background.Done()
		// Serve health checks while the indexes load; /readyz says when they are done.
		if err := moves.Build(ctx); err != nil {
			errc <- err
			return
		}
		background.Add(1)
		go func() {
			defer background.Done()
			moves.Run(ctx, cfg.IndexRefresh)
		}()
		background.Add(1)
		go func() {
			defer background.Done()
			if err := live.Build(ctx); err != nil && ctx.Err() == nil {
				logger.Error("insights not built; the next refresh will retry", "err", err)
			}
			live.Run(ctx, cfg.IndexRefresh)
		}()
		if err := ix.Load(ctx); err != nil {
			errc <- err
			return
		}
		ix.Run(ctx, cfg.IndexRefresh)
	}()
	defer background.Wait()
	if cfg.MetricsAddr != "" {
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("listen for metrics on %s: %w", cfg.MetricsAddr, err)
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", meter.Handler())
		msrv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
		go func() { _ = msrv.Serve(mln) }()
		defer msrv.Close()
		logger.Info("metrics", "addr", mln.Addr().String())
	}
	ready.Store(true)
	logger.Info("listening", "addr", ln.Addr().String(), "graphiql", cfg.Dev)
	fmt.Fprintf(stdout, "OneWork API at http://%s/graphql\n", ln.Addr())

	select {
	case err := <-errc:
		stop()
		_ = srv.Close()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	ready.Store(false)
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// clientKey names the client of a request for the rate limit: the token's
// subject when there is one, else the address it came from.
func clientKey(cfg Config) func(*http.Request) string {
	addr := httpapi.RemoteHost
	if cfg.ClientIPHeader != "" {
		addr = httpapi.ForwardedHost(cfg.ClientIPHeader)
	}
	return func(r *http.Request) string {
		if u := auth.UserFrom(r.Context()); u != nil {
			return "sub:" + string(u.Role) + ":" + u.Subject
		}
		return addr(r)
	}
}

// devSecretIf returns the development secret only in development mode, so
// that the console's token endpoint never exists in production.
func devSecretIf(dev bool, secret string) string {
	if !dev {
		return ""
	}
	return secret
}

// mintToken prints a development token signed with ONEWORK_JWT_DEV_SECRET.
func mintToken(cfg Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	role := fs.String("role", "", "ADMIN, ADVISER, PROVIDER, EMPLOYER, PARTNER or PERSON")
	org := fs.String("org", "", "organisation id (required for all roles but ADMIN and PERSON)")
	sub := fs.String("sub", "", "subject; for PERSON, the person's id (default: ROLE-dev)")
	ttl := fs.Duration("ttl", 8*time.Hour, "how long the token is valid")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("token: %w\n%s", err, usage)
	}
	if cfg.Auth.DevSecret == "" {
		return errors.New("token: set ONEWORK_JWT_DEV_SECRET (development only) to mint tokens")
	}
	if *ttl <= 0 || *ttl > 31*24*time.Hour {
		return errors.New("token: --ttl must be positive and at most 744h")
	}
	u := auth.User{Subject: *sub, Role: auth.Role(strings.ToUpper(*role)), OrgID: *org}
	if u.Subject == "" {
		u.Subject = strings.ToLower(string(u.Role)) + "-dev"
	}
	if u.OrgID == "" && u.Role != auth.RoleAdmin && u.Role != auth.RolePerson {
		return fmt.Errorf("token: role %s needs --org", u.Role)
	}
	tok, err := auth.Mint(cfg.Auth.DevSecret, cfg.Auth.Issuer, cfg.Auth.Audience, u, *ttl, time.Now())
	if err != nil {
		return fmt.Errorf("token: %w", err)
	}
	fmt.Fprintln(stdout, tok)
	return nil
}

// evalMatching runs the matching evaluation on the adviser judgements.
func evalMatching(args []string, stdout io.Writer) error {
	dataDir, args := dataFlag(args)
	return matcheval.RunEval(args, dataDir, stdout)
}

// dataFlag takes --data DIR out of args, defaulting to the shared data.
func dataFlag(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		if args[i] == "--data" && i+1 < len(args) {
			return args[i+1], append(args[:i:i], args[i+2:]...)
		}
	}
	return seed.DefaultDataDir, args
}

// evalCareers runs the career-moves evaluation on the reference data.
func evalCareers(args []string, stdout io.Writer) error {
	dataDir := seed.DefaultDataDir
	for i := 0; i < len(args); i++ {
		if args[i] == "--data" && i+1 < len(args) {
			dataDir = args[i+1]
			args = append(args[:i:i], args[i+2:]...)
			break
		}
	}
	return careers.RunEval(args, dataDir, textmatch.ReadSOCIndex, stdout)
}
