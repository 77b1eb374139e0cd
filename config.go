package main

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/onework/onework/auth"
	"github.com/onework/onework/graph"
	"github.com/onework/onework/store"
	"github.com/onework/onework/tracing"
)

// Config is everything the server reads from its environment.
type Config struct {
	Neo4j        store.Config
	Addr         string
	Dev          bool
	LogLevel     slog.Level
	CORSOrigins  []string
	MaxBodyBytes int64
	Timeout      time.Duration
	Limits       graph.Limits
	Auth         auth.Config
	AuditKey     string
	// OIDCClientID is the console's client id at the token issuer; set, the
	// console signs in with OpenID Connect (authorisation code with PKCE).
	OIDCClientID string
	// MapTiles and MapAttribution give the console's base map.
	MapTiles       string
	MapAttribution string
	// MinSkills is the default skills floor of match queries.
	MinSkills float64
	// DataDir is the reference data folder the career-moves engine reads
	// what the graph does not hold (O*NET skills profiles, Nesta
	// sub-sectors, ESCO's occupation hierarchy, SOC entry routes).
	DataDir string
	// IndexRefresh is how often the matching index catches up with writes
	// made elsewhere.
	IndexRefresh time.Duration
	// ReadCache bounds the process cache of read-mostly nodes.
	ReadCache store.CacheConfig
	// ResponseCache is how many whole responses of queries over the cached
	// kinds are kept; 0 is off.
	ResponseCache int
	// GCPercent is the garbage collector's target (Go's GOGC): the heap
	// grows this percent past live data before a collection; -1 is off.
	GCPercent int
	// Introspection serves the schema's introspection fields.
	Introspection bool
	// RatePerSecond and RateBurst bound each client's requests; 0 is off.
	RatePerSecond float64
	RateBurst     int
	// MaxInFlight bounds the requests served at once; QueueWait is how long
	// one waits for a slot before 503 (0: not at all).
	MaxInFlight int
	QueueWait   time.Duration
	// PersistedQueries is the size of the automatic persisted query cache.
	PersistedQueries int
	// AuditQueue bounds the audit events waiting to be written.
	AuditQueue int
	// MetricsAddr is where Prometheus metrics are served; "" is off.
	MetricsAddr string
	// Tracing exports OpenTelemetry traces, as the OTEL_* variables say.
	Tracing bool
	// ClientIPHeader names the header a load balancer puts the client's
	// address in; "" uses the connection's address.
	ClientIPHeader string
	// Allowlist is the file of queries agreed with partners; PartnerAllowlist
	// restricts PARTNER tokens to them.
	Allowlist        string
	PartnerAllowlist bool
}

func boolSetting(dst func(*Config) *bool) func(*Config, string) error {
	return func(c *Config, v string) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("want true or false, got %q", v)
		}
		*dst(c) = b
		return nil
	}
}

func durationSetting(min time.Duration, dst func(*Config) *time.Duration) func(*Config, string) error {
	return func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d < min {
			return fmt.Errorf("want a duration of at least %v, got %q", min, v)
		}
		*dst(c) = d
		return nil
	}
}

func countSetting(dst func(*Config) *int) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("want a whole number of at least 0, got %q", v)
		}
		*dst(c) = n
		return nil
	}
}

// setting is one environment variable: its name, default, meaning, and how
// it is parsed into the config.
type setting struct {
	name, def, help string
	parse           func(c *Config, v string) error
}

func intSetting(dst func(*Config) *int) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return fmt.Errorf("want a positive whole number, got %q", v)
		}
		*dst(c) = n
		return nil
	}
}

func stringSetting(dst func(*Config) *string) func(*Config, string) error {
	return func(c *Config, v string) error { *dst(c) = v; return nil }
}

func listSetting(dst func(*Config) *[]string) func(*Config, string) error {
	return func(c *Config, v string) error {
		*dst(c) = nil
		for _, item := range strings.Split(v, ",") {
			if item = strings.TrimSpace(item); item != "" {
				*dst(c) = append(*dst(c), item)
			}
		}
		return nil
	}
}

// DefaultGCPercent is the collector's target when GOGC is not set. At Go's
// 100 the mixed load on the demo spent about a third of the API's CPU in
// the collector: its live heap is small, so it collected several times a
// second (docs/performance.md).
const DefaultGCPercent = 400

// settings lists every environment variable the server reads; the README's
// configuration table mirrors it.
var settings = []setting{
	{"NEO4J_URI", "bolt://127.0.0.1:7687", "Neo4j address", stringSetting(func(c *Config) *string { return &c.Neo4j.URI })},
	{"NEO4J_USER", "neo4j", "Neo4j user", stringSetting(func(c *Config) *string { return &c.Neo4j.User })},
	{"NEO4J_PASSWORD", "", "Neo4j password (the local Neo4j has auth off)", stringSetting(func(c *Config) *string { return &c.Neo4j.Password })},
	{"NEO4J_DATABASE", "neo4j", "Neo4j database name", stringSetting(func(c *Config) *string { return &c.Neo4j.Database })},
	{"NEO4J_CONNECT_TIMEOUT", "3s", "longest wait to open a Neo4j connection or take one from the pool (an outage is detected sooner, by a check every 250ms)", durationSetting(time.Millisecond, func(c *Config) *time.Duration { return &c.Neo4j.ConnectTimeout })},
	{"NEO4J_RETRY_TIME", "1s", "how long a Neo4j transaction is retried on transient and connection errors", durationSetting(0, func(c *Config) *time.Duration { return &c.Neo4j.RetryTime })},
	{"ONEWORK_DATA_DIR", "../shared/data", "reference data folder for career-move closeness; missing: skills alone", stringSetting(func(c *Config) *string { return &c.DataDir })},
	{"ONEWORK_ADDR", "127.0.0.1:8080", "HTTP listen address (loopback only by default)", func(c *Config, v string) error {
		if _, _, err := net.SplitHostPort(v); err != nil {
			return fmt.Errorf("want host:port such as 127.0.0.1:8080, got %q", v)
		}
		c.Addr = v
		return nil
	}},
	{"ONEWORK_METRICS_ADDR", "", "address of the Prometheus /metrics endpoint, apart from the public one (e.g. 127.0.0.1:9090); empty is off", func(c *Config, v string) error {
		if _, _, err := net.SplitHostPort(v); err != nil {
			return fmt.Errorf("want host:port, got %q", v)
		}
		c.MetricsAddr = v
		return nil
	}},
	{"ONEWORK_DEV", "false", "development mode: serves GraphiQL at /", boolSetting(func(c *Config) *bool { return &c.Dev })},
	{"ONEWORK_LOG_LEVEL", "info", "debug, info, warn or error", func(c *Config, v string) error {
		return c.LogLevel.UnmarshalText([]byte(v))
	}},
	{"ONEWORK_CORS_ORIGINS", "", "comma-separated origins allowed from browsers; empty allows none", func(c *Config, v string) error {
		if err := listSetting(func(c *Config) *[]string { return &c.CORSOrigins })(c, v); err != nil {
			return err
		}
		if slices.Contains(c.CORSOrigins, "*") {
			return errors.New("* is not allowed: list the origins")
		}
		return nil
	}},
	{"ONEWORK_MAX_BODY_BYTES", "1048576", "largest request body", func(c *Config, v string) error {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return fmt.Errorf("want a positive whole number, got %q", v)
		}
		c.MaxBodyBytes = n
		return nil
	}},
	{"ONEWORK_REQUEST_TIMEOUT", "30s", "longest time one request may take", func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("want a positive duration such as 30s, got %q", v)
		}
		c.Timeout = d
		return nil
	}},
	{"ONEWORK_JWT_ISSUER", "onework-local", "required iss of tokens", stringSetting(func(c *Config) *string { return &c.Auth.Issuer })},
	{"ONEWORK_JWT_AUDIENCE", "onework-api", "required aud of tokens", stringSetting(func(c *Config) *string { return &c.Auth.Audience })},
	{"ONEWORK_JWKS_URLS", "", "comma-separated JWKS URLs for RS256/ES256 keys", listSetting(func(c *Config) *[]string { return &c.Auth.JWKSURLs })},
	{"ONEWORK_JWKS_REFRESH", "30s", "how often JWKS URLs are fetched again, so new keys are accepted and retired ones refused within it", durationSetting(time.Second, func(c *Config) *time.Duration { return &c.Auth.JWKSRefresh })},
	{"ONEWORK_JWT_PUBLIC_KEYS", "", "comma-separated PEM files of RS256/ES256 public keys", listSetting(func(c *Config) *[]string { return &c.Auth.PublicKeyFiles })},
	{"ONEWORK_JWT_DEV_SECRET", "", "HS256 secret for local development tokens only (refused beside public keys)", stringSetting(func(c *Config) *string { return &c.Auth.DevSecret })},
	{"ONEWORK_OIDC_CLIENT_ID", "", "the console's OpenID Connect client id at ONEWORK_JWT_ISSUER (sign-in with PKCE); empty with a development secret", stringSetting(func(c *Config) *string { return &c.OIDCClientID })},
	{"ONEWORK_MAP_TILES", "", "the console's base-map tile URL template, https://.../{z}/{x}/{y}.png; empty draws points on a plain background", func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		rest, ok := strings.CutPrefix(v, "https://")
		if !ok {
			rest, ok = strings.CutPrefix(v, "http://")
		}
		if !ok || strings.HasPrefix(rest, "/") || !strings.Contains(v, "{z}") || !strings.Contains(v, "{x}") || !strings.Contains(v, "{y}") {
			return fmt.Errorf("want an http(s) URL template with {z}, {x} and {y}, got %q", v)
		}
		c.MapTiles = v
		return nil
	}},
	{"ONEWORK_MAP_ATTRIBUTION", "", "the attribution the base map's licence asks for", stringSetting(func(c *Config) *string { return &c.MapAttribution })},
	{"ONEWORK_JWT_LEEWAY", "30s", "allowed clock skew for exp and nbf", func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 || d > 5*time.Minute {
			return fmt.Errorf("want a duration between 0s and 5m, got %q", v)
		}
		c.Auth.Leeway = d
		return nil
	}},
	{"ONEWORK_AUDIT_KEY", "", "secret (16+ characters) keying the audit trail's person hashes; keep it stable", func(c *Config, v string) error {
		if len(v) < 16 {
			return errors.New("must be at least 16 characters")
		}
		c.AuditKey = v
		return nil
	}},
	{"ONEWORK_AUDIT_QUEUE", "100000", "audit events waiting to be written; when full (Neo4j down for long), reads of personal data are refused with UNAVAILABLE rather than served without their record", intSetting(func(c *Config) *int { return &c.AuditQueue })},
	{"ONEWORK_MATCH_MIN_SKILLS", "0.01", "default skills floor of match queries: matches whose skills part is below it are left out (0 keeps everyone in reach)", func(c *Config, v string) error {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 1 {
			return fmt.Errorf("want a number from 0 to 1, got %q", v)
		}
		c.MinSkills = f
		return nil
	}},
	{"ONEWORK_INDEX_REFRESH", "30s", "how often the matching index catches up with writes made elsewhere (imports, other replicas)", func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second {
			return fmt.Errorf("want a duration of at least 1s, got %q", v)
		}
		c.IndexRefresh = d
		return nil
	}},
	{"ONEWORK_READ_CACHE_ENTRIES", "50000", "most nodes of each cached kind (skills, occupations, sectors, places, employers, vacancies) kept in the process cache", intSetting(func(c *Config) *int { return &c.ReadCache.MaxEntries })},
	{"ONEWORK_RESPONSE_CACHE", "1000", "whole responses kept of queries that read only cached kinds (vacancies with their employer, occupation, place and skills), served while no write has invalidated the read cache; 0 turns it off", countSetting(func(c *Config) *int { return &c.ResponseCache })},
	{"GOGC", strconv.Itoa(DefaultGCPercent), "the garbage collector's target, read by Go itself too: the heap grows this percent past the live data before a collection; off turns collection off. Go's own default is 100; OneWork's trades memory for CPU, which a request's short-lived allocations spend on collecting. GOMEMLIMIT (Go's, e.g. 3GiB) caps the heap: the collector runs sooner near it", func(c *Config, v string) error {
		if v == "off" {
			c.GCPercent = -1
			return nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return fmt.Errorf("want a whole number of at least 1, or off, got %q", v)
		}
		c.GCPercent = n
		return nil
	}},
	{"ONEWORK_INTROSPECTION", "false", "serve the schema's introspection fields (GraphiQL needs them; make run turns them on)", boolSetting(func(c *Config) *bool { return &c.Introspection })},
	{"ONEWORK_RATE_LIMIT", "20", "requests per second each client (token subject, else address) may make to /graphql; 0 is no limit", func(c *Config, v string) error {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || math.IsInf(f, 0) {
			return fmt.Errorf("want a number of at least 0, got %q", v)
		}
		c.RatePerSecond = f
		return nil
	}},
	{"ONEWORK_CLIENT_IP_HEADER", "", "header in which the load balancer in front appends the client's address (e.g. X-Forwarded-For), for the rate limit of anonymous callers; empty uses the connection's address", stringSetting(func(c *Config) *string { return &c.ClientIPHeader })},
	{"ONEWORK_RATE_BURST", "40", "requests a client may make at once above its rate", intSetting(func(c *Config) *int { return &c.RateBurst })},
	{"ONEWORK_MAX_IN_FLIGHT", "32", "GraphQL requests served at once; more get 503 at once, before their body is read (0 is no limit)", countSetting(func(c *Config) *int { return &c.MaxInFlight })},
	{"ONEWORK_QUEUE_WAIT", "0s", "longest wait for a free slot before 503 (0 refuses at once)", durationSetting(0, func(c *Config) *time.Duration { return &c.QueueWait })},
	{"ONEWORK_PERSISTED_QUERIES", "1000", "automatic persisted queries kept (by SHA-256); 0 turns them off", countSetting(func(c *Config) *int { return &c.PersistedQueries })},
	{"ONEWORK_PERSISTED_QUERIES_FILE", "", "JSON array of query documents served by SHA-256 to everyone (the partner allowlist)", stringSetting(func(c *Config) *string { return &c.Allowlist })},
	{"ONEWORK_PARTNER_ALLOWLIST", "false", "PARTNER tokens may run only the queries in ONEWORK_PERSISTED_QUERIES_FILE", boolSetting(func(c *Config) *bool { return &c.PartnerAllowlist })},
	{"ONEWORK_MAX_FIELDS", "500", "most fields written in one document, every repeat counted", intSetting(func(c *Config) *int { return &c.Limits.MaxFields })},
	{"ONEWORK_MAX_DIRECTIVES", "50", "most directives in one document", intSetting(func(c *Config) *int { return &c.Limits.MaxDirectives })},
	{"ONEWORK_MAX_ERRORS", "20", "most errors in one response; the rest are counted in one last error", intSetting(func(c *Config) *int { return &c.Limits.MaxErrors })},
	{"ONEWORK_DEFAULT_PAGE_SIZE", "20", "page size when first is not given", intSetting(func(c *Config) *int { return &c.Limits.DefaultPageSize })},
	{"ONEWORK_MAX_PAGE_SIZE", "100", "largest first a list accepts", intSetting(func(c *Config) *int { return &c.Limits.MaxPageSize })},
	{"ONEWORK_MAX_DEPTH", "12", "deepest selection nesting", intSetting(func(c *Config) *int { return &c.Limits.MaxDepth })},
	{"ONEWORK_MAX_COMPLEXITY", "20000", "largest query complexity (fields times page sizes)", intSetting(func(c *Config) *int { return &c.Limits.MaxComplexity })},
	{"ONEWORK_MAX_ALIASES", "30", "most aliases in one operation", intSetting(func(c *Config) *int { return &c.Limits.MaxAliases })},
	{"ONEWORK_MAX_TOKENS", "5000", "most tokens the parser reads", intSetting(func(c *Config) *int { return &c.Limits.MaxTokens })},
	{"ONEWORK_MAX_DEMAND_RADIUS_KM", "50", "largest near.withinKm of careerMoves, which counts the open vacancies in the circle", func(c *Config, v string) error {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || f > 500 {
			return fmt.Errorf("want a number above 0 and at most 500, got %q", v)
		}
		c.Limits.MaxDemandRadiusKm = f
		return nil
	}},
	{"ONEWORK_MAX_BATCH", "1000", "most items in one upsert", intSetting(func(c *Config) *int { return &c.Limits.MaxBatch })},
}

// Loopback reports whether a listen address (host:port) accepts
// connections from this machine only: a loopback IP or "localhost". An
// empty host listens on every interface.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// LoadConfig reads the configuration from getenv, with defaults, and returns
// one error listing every bad setting.
func LoadConfig(getenv func(string) string) (Config, error) {
	c := Config{Limits: graph.DefaultLimits}
	var errs []error
	for _, s := range settings {
		v := getenv(s.name)
		if v == "" {
			v = s.def
		}
		if v == "" {
			continue
		}
		if err := s.parse(&c, v); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", s.name, err))
		}
	}
	c.Tracing = tracing.Enabled(getenv)
	if c.PartnerAllowlist && c.Allowlist == "" {
		errs = append(errs, errors.New("ONEWORK_PARTNER_ALLOWLIST: needs ONEWORK_PERSISTED_QUERIES_FILE"))
	}
	if c.Auth.DevSecret != "" && c.Addr != "" && !Loopback(c.Addr) {
		errs = append(errs, fmt.Errorf("ONEWORK_JWT_DEV_SECRET: refused while ONEWORK_ADDR (%s) listens beyond loopback, "+
			"where anyone who can reach the port could mint tokens with it: listen on 127.0.0.1 or configure ONEWORK_JWKS_URLS or ONEWORK_JWT_PUBLIC_KEYS", c.Addr))
	}
	if c.Limits.DefaultPageSize > c.Limits.MaxPageSize {
		errs = append(errs, errors.New("ONEWORK_DEFAULT_PAGE_SIZE: must not be over ONEWORK_MAX_PAGE_SIZE"))
	}
	if err := errors.Join(errs...); err != nil {
		return c, fmt.Errorf("configuration:\n%w", err)
	}
	return c, nil
}
