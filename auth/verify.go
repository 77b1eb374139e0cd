package auth

import (
	"context"
	"crypto/ecdsa"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/time/rate"

	"github.com/onework/onework/workforce"
)

// Config says which tokens to trust.
type Config struct {
	// Issuer and Audience must match the token's iss and aud.
	Issuer   string
	Audience string
	// JWKSURLs and PublicKeyFiles give the keys for RS256 and ES256 tokens.
	JWKSURLs       []string
	PublicKeyFiles []string
	// DevSecret enables HS256 tokens signed with it, for local development
	// only; it is refused when asymmetric keys are configured.
	DevSecret string
	// Leeway allows for clock skew in exp, nbf and iat.
	Leeway time.Duration
	// MaxTokenBytes bounds the size of a token.
	MaxTokenBytes int
	// JWKSRefresh is how often the JWKS URLs are fetched again in the
	// background, so that a new key is accepted and a retired one refused
	// within it; DefaultJWKSRefresh when 0.
	JWKSRefresh time.Duration
	// UnknownKIDEvery bounds how often a token with a key id not in the
	// set may cause an immediate fetch; DefaultUnknownKIDEvery when 0.
	UnknownKIDEvery time.Duration
	// Logger reports failed background fetches; nil reports nothing.
	Logger *slog.Logger
}

// JWKS timing defaults. A request is never held longer than
// UnknownKIDWait for a key it names but the set lacks.
const (
	DefaultJWKSRefresh     = 30 * time.Second
	DefaultUnknownKIDEvery = 10 * time.Second
	UnknownKIDWait         = time.Second
)

// DefaultMaxTokenBytes is the largest token accepted when Config says none.
const DefaultMaxTokenBytes = 8 << 10

// Verifier checks bearer tokens.
type Verifier struct {
	cfg     Config
	methods []string
	keys    func(*jwt.Token) (any, error)
	// Now is the clock; a test seam.
	Now func() time.Time
}

// Asymmetric reports whether the config names public keys.
func (c Config) Asymmetric() bool { return len(c.JWKSURLs)+len(c.PublicKeyFiles) > 0 }

// NewVerifier checks the config and loads the keys. JWKS URLs are fetched
// now and refreshed in the background until ctx ends.
func NewVerifier(ctx context.Context, cfg Config) (*Verifier, error) {
	switch {
	case cfg.Issuer == "" || cfg.Audience == "":
		return nil, errors.New("auth: issuer and audience are required")
	case cfg.Asymmetric() && cfg.DevSecret != "":
		return nil, errors.New("auth: a development HS256 secret is refused when public keys are configured")
	case !cfg.Asymmetric() && cfg.DevSecret == "":
		return nil, errors.New("auth: configure JWKS URLs or public key files (or a development secret)")
	case cfg.DevSecret != "" && len(cfg.DevSecret) < 32:
		return nil, errors.New("auth: the development secret must be at least 32 characters")
	}
	if cfg.MaxTokenBytes <= 0 {
		cfg.MaxTokenBytes = DefaultMaxTokenBytes
	}
	v := &Verifier{cfg: cfg}
	if cfg.DevSecret != "" {
		secret := []byte(cfg.DevSecret)
		v.methods = []string{jwt.SigningMethodHS256.Alg()}
		v.keys = func(t *jwt.Token) (any, error) {
			if _, ok := t.Method.(*jwt.SigningMethodHMAC); !ok {
				return nil, fmt.Errorf("unexpected signing method %v", t.Header["alg"])
			}
			return secret, nil
		}
		return v, nil
	}
	v.methods = []string{jwt.SigningMethodRS256.Alg(), jwt.SigningMethodES256.Alg()}
	var pems []any
	for _, f := range cfg.PublicKeyFiles {
		k, err := readPublicKey(f)
		if err != nil {
			return nil, err
		}
		pems = append(pems, k)
	}
	jwks, err := loadJWKS(ctx, cfg)
	if err != nil {
		return nil, err
	}
	v.keys = func(t *jwt.Token) (any, error) {
		if jwks != nil {
			// A key id the set lacks may fetch the set again at once (at
			// most every UnknownKIDEvery), but never holds the request
			// longer than UnknownKIDWait.
			kctx, cancel := context.WithTimeout(ctx, UnknownKIDWait)
			defer cancel()
			kf, err := keyfunc.New(keyfunc.Options{Ctx: kctx, Storage: jwks})
			if err != nil {
				return nil, err
			}
			if k, err := kf.Keyfunc(t); err == nil {
				return k, nil
			} else if len(pems) == 0 {
				return nil, err
			}
		}
		set := jwt.VerificationKeySet{}
		for _, k := range pems {
			if keyFits(t.Method, k) {
				set.Keys = append(set.Keys, k)
			}
		}
		if len(set.Keys) == 0 {
			return nil, errors.New("no key for this token")
		}
		return set, nil
	}
	return v, nil
}

// loadJWKS fetches the JWKS URLs now and starts refreshing them in the
// background until ctx ends; a refresh replaces the whole set, so retired
// keys go with it. It returns nil without URLs.
func loadJWKS(ctx context.Context, cfg Config) (jwkset.Storage, error) {
	if len(cfg.JWKSURLs) == 0 {
		return nil, nil
	}
	refresh, every := cfg.JWKSRefresh, cfg.UnknownKIDEvery
	if refresh <= 0 {
		refresh = DefaultJWKSRefresh
	}
	if every <= 0 {
		every = DefaultUnknownKIDEvery
	}
	urls := map[string]jwkset.Storage{}
	for _, u := range cfg.JWKSURLs {
		s, err := jwkset.NewStorageFromHTTP(u, jwkset.HTTPClientStorageOptions{
			Ctx:             ctx,
			HTTPTimeout:     min(refresh, 10*time.Second),
			RefreshInterval: refresh,
			RefreshErrorHandler: func(ctx context.Context, err error) {
				if cfg.Logger != nil {
					cfg.Logger.WarnContext(ctx, "JWKS refresh failed; keeping the keys we have", "url", u, "err", err)
				}
			},
		})
		if err != nil {
			return nil, fmt.Errorf("auth: load JWKS from %s: %w", u, err)
		}
		urls[u] = s
	}
	client, err := jwkset.NewHTTPClient(jwkset.HTTPClientOptions{HTTPURLs: urls, RefreshUnknownKID: rate.NewLimiter(rate.Every(every), 1)})
	if err != nil {
		return nil, fmt.Errorf("auth: load JWKS: %w", err)
	}
	return client, nil
}

func keyFits(m jwt.SigningMethod, k any) bool {
	switch m.(type) {
	case *jwt.SigningMethodRSA:
		_, ok := k.(*rsa.PublicKey)
		return ok
	case *jwt.SigningMethodECDSA:
		_, ok := k.(*ecdsa.PublicKey)
		return ok
	}
	return false
}

func readPublicKey(path string) (any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("auth: read public key: %w", err)
	}
	if k, err := jwt.ParseRSAPublicKeyFromPEM(b); err == nil {
		return k, nil
	}
	if k, err := jwt.ParseECPublicKeyFromPEM(b); err == nil {
		return k, nil
	}
	return nil, fmt.Errorf("auth: %s holds no RSA or EC public key in PEM", path)
}

// claims are the token claims OneWork reads.
type claims struct {
	jwt.RegisteredClaims
	Role string `json:"role"`
	Org  string `json:"org"`
}

// Verify checks a raw token and returns its user. Every failure is an
// EUNAUTHORIZED error whose message says what was wrong, without echoing
// the token.
func (v *Verifier) Verify(raw string) (*User, error) {
	if len(raw) > v.cfg.MaxTokenBytes {
		return nil, workforce.Errorf(workforce.EUNAUTHORIZED, "token is larger than %d bytes", v.cfg.MaxTokenBytes)
	}
	opts := []jwt.ParserOption{
		jwt.WithValidMethods(v.methods),
		jwt.WithIssuer(v.cfg.Issuer),
		jwt.WithAudience(v.cfg.Audience),
		jwt.WithExpirationRequired(),
		jwt.WithLeeway(v.cfg.Leeway),
		jwt.WithIssuedAt(),
	}
	if v.Now != nil {
		opts = append(opts, jwt.WithTimeFunc(v.Now))
	}
	var c claims
	if _, err := jwt.ParseWithClaims(raw, &c, v.keys, opts...); err != nil {
		return nil, workforce.Errorf(workforce.EUNAUTHORIZED, "invalid token: %s", reason(err))
	}
	u := &User{Subject: c.Subject, Role: Role(c.Role), OrgID: c.Org}
	switch {
	case !u.Role.Valid():
		return nil, workforce.Errorf(workforce.EUNAUTHORIZED, "invalid token: unknown role %q", c.Role)
	case u.Subject == "":
		return nil, workforce.Errorf(workforce.EUNAUTHORIZED, "invalid token: no subject")
	case u.OrgID == "" && u.Role != RoleAdmin && u.Role != RolePerson:
		return nil, workforce.Errorf(workforce.EUNAUTHORIZED, "invalid token: role %s needs an org claim", u.Role)
	}
	return u, nil
}

// reason names what was wrong with a token in words safe to show.
func reason(err error) string {
	for _, r := range []struct {
		err  error
		text string
	}{
		{jwt.ErrTokenMalformed, "malformed"},
		{jwt.ErrTokenUnverifiable, "cannot be verified"},
		{jwt.ErrTokenSignatureInvalid, "bad signature"},
		{jwt.ErrTokenRequiredClaimMissing, "a required claim is missing"},
		{jwt.ErrTokenExpired, "expired"},
		{jwt.ErrTokenNotValidYet, "not valid yet"},
		{jwt.ErrTokenUsedBeforeIssued, "used before issued"},
		{jwt.ErrTokenInvalidIssuer, "wrong issuer"},
		{jwt.ErrTokenInvalidAudience, "wrong audience"},
	} {
		if errors.Is(err, r.err) {
			return r.text
		}
	}
	return "rejected"
}

// Middleware authenticates each request: no Authorization header means an
// anonymous caller; a bad one is refused with 401 and UNAUTHENTICATED
// before anything else runs.
func (v *Verifier) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		if h == "" {
			next.ServeHTTP(w, r)
			return
		}
		raw, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			writeUnauthenticated(w, "use an Authorization header of the form: Bearer TOKEN")
			return
		}
		u, err := v.Verify(strings.TrimSpace(raw))
		if err != nil {
			writeUnauthenticated(w, workforce.ErrorMessage(err))
			return
		}
		next.ServeHTTP(w, r.WithContext(WithUser(r.Context(), u)))
	})
}

func writeUnauthenticated(w http.ResponseWriter, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("WWW-Authenticate", `Bearer realm="onework"`)
	w.WriteHeader(http.StatusUnauthorized)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": message, "extensions": map[string]string{"code": "UNAUTHENTICATED"}}},
	})
}

// Mint signs an HS256 development token for u, valid for ttl from now.
func Mint(secret, issuer, audience string, u User, ttl time.Duration, now time.Time) (string, error) {
	if len(secret) < 32 {
		return "", errors.New("the development secret must be at least 32 characters")
	}
	if !u.Role.Valid() {
		return "", fmt.Errorf("unknown role %q (want one of %v)", u.Role, Roles)
	}
	c := claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    issuer,
			Audience:  jwt.ClaimStrings{audience},
			Subject:   u.Subject,
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		},
		Role: string(u.Role),
		Org:  u.OrgID,
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString([]byte(secret))
}

// RefuseTokens is the middleware for a server with no token keys
// configured: every caller is anonymous, and a request that carries a token
// is refused rather than silently served as anonymous.
func RefuseTokens(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			writeUnauthenticated(w, "this server has no token keys configured")
			return
		}
		next.ServeHTTP(w, r)
	})
}
