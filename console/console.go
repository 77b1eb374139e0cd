// Package console serves the adviser console (a single-page app at
// /console/) and the partner web components (/widget/onework.js) from
// assets built by web/ (npm run build) and embedded in the binary, so the
// API host needs no CDN and no other files. In development it also mints
// short-lived tokens for the console's role and organisation picker; that
// endpoint does not exist unless a development secret is configured.
package console

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/onework/onework/auth"
)

// dist holds what web/ builds: app/ (the console) and widget/ (the partner
// script). Only dist/.gitkeep is committed; `make run` and `make test` build
// the rest, and a binary built before that serves a page saying so.
//
//go:embed all:dist
var dist embed.FS

// Config says how to serve the console.
type Config struct {
	// DevSecret, when set, enables the development sign-in: POST
	// /console/dev-token mints an HS256 token for a chosen role and
	// organisation. Leave it empty in production: the endpoint is then
	// absent (404).
	DevSecret string
	// Issuer and Audience are the iss and aud the API requires. With
	// OIDCClientID set they also tell the console where to sign in: the
	// issuer's OpenID Connect discovery document, authorisation code with
	// PKCE, an access token for the audience (the resource indicator).
	Issuer       string
	Audience     string
	OIDCClientID string
	// MapTiles is a tile URL template ({z}/{x}/{y}) for the base map behind
	// vacancy points, with the attribution its licence asks for; empty
	// draws the points on a plain background and fetches no tiles.
	MapTiles       string
	MapAttribution string
	// Suggest, in development, lists organisation ids the picker offers for
	// a role (for example the adviser organisations that hold a caseload).
	Suggest func(ctx context.Context, role auth.Role) ([]string, error)
	// Now is the clock; a test seam.
	Now func() time.Time
}

// MaxDevTokenTTL bounds a development token's life.
const MaxDevTokenTTL = 8 * time.Hour

// Handler serves /console/ and /widget/.
func Handler(cfg Config) http.Handler {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	mux := http.NewServeMux()
	app, _ := fs.Sub(dist, "dist/app")
	widget, _ := fs.Sub(dist, "dist/widget")
	mux.HandleFunc("GET /console/config.json", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, clientConfig(cfg))
	})
	if cfg.DevSecret != "" {
		mux.HandleFunc("POST /console/dev-token", func(w http.ResponseWriter, r *http.Request) {
			mintDevToken(cfg, w, r)
		})
		mux.HandleFunc("GET /console/dev-orgs", func(w http.ResponseWriter, r *http.Request) {
			orgs := []string{}
			if cfg.Suggest != nil {
				var err error
				if orgs, err = cfg.Suggest(r.Context(), auth.Role(r.URL.Query().Get("role"))); err != nil {
					writeJSON(w, http.StatusServiceUnavailable, map[string]any{"orgs": []string{}, "error": "could not list organisations"})
					return
				}
			}
			if orgs == nil {
				orgs = []string{}
			}
			writeJSON(w, http.StatusOK, map[string]any{"orgs": orgs})
		})
	} else {
		mux.Handle("POST /console/dev-token", http.NotFoundHandler())
		mux.Handle("GET /console/dev-orgs", http.NotFoundHandler())
	}
	connectSrc := "'self'"
	if u, err := url.Parse(cfg.Issuer); err == nil && cfg.OIDCClientID != "" && cfg.DevSecret == "" && u.Scheme != "" && u.Host != "" {
		connectSrc += " " + u.Scheme + "://" + u.Host
	}
	imgSrc := "'self' data:"
	if u, err := url.Parse(cfg.MapTiles); err == nil && cfg.MapTiles != "" && u.Scheme != "" && u.Host != "" {
		imgSrc += " " + u.Scheme + "://" + u.Host
	}
	mux.Handle("GET /console/", spa(app, connectSrc, imgSrc))
	mux.Handle("GET /console", http.RedirectHandler("/console/", http.StatusMovedPermanently))
	mux.Handle("GET /widget/", http.StripPrefix("/widget/", assets(widget)))
	return mux
}

// PersistedQueries returns the widget's operations by the hex sha256 of
// their text, as web/ built them (empty before the first build).
func PersistedQueries() (map[string]string, error) {
	b, err := dist.ReadFile("dist/widget/persisted-documents.json")
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	var byKey map[string]string
	if err := json.Unmarshal(b, &byKey); err != nil {
		return nil, fmt.Errorf("console: read the widget's persisted queries: %w", err)
	}
	out := make(map[string]string, len(byKey))
	for k, q := range byKey {
		out[strings.TrimPrefix(k, "sha256:")] = q
	}
	return out, nil
}

// clientConfig is what the console reads at start: how to sign in.
func clientConfig(cfg Config) map[string]any {
	c := map[string]any{"signIn": "none"}
	if cfg.MapTiles != "" {
		c["map"] = map[string]string{"tiles": cfg.MapTiles, "attribution": cfg.MapAttribution}
	}
	switch {
	case cfg.DevSecret != "":
		c["signIn"] = "dev"
	case cfg.OIDCClientID != "":
		c["signIn"] = "oidc"
		c["oidc"] = map[string]string{"issuer": cfg.Issuer, "clientId": cfg.OIDCClientID, "audience": cfg.Audience}
	}
	return c
}

type devTokenRequest struct {
	Role       string `json:"role"`
	Org        string `json:"org"`
	Subject    string `json:"sub"`
	TTLSeconds int    `json:"ttlSeconds"`
}

// mintDevToken answers the development picker. It never logs the subject.
func mintDevToken(cfg Config, w http.ResponseWriter, r *http.Request) {
	var req devTokenRequest
	dec := json.NewDecoder(io.LimitReader(r.Body, 4<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "body", "send JSON {role, org, sub, ttlSeconds}")
		return
	}
	ttl := time.Hour
	if req.TTLSeconds != 0 {
		ttl = time.Duration(req.TTLSeconds) * time.Second
	}
	u := auth.User{Subject: strings.TrimSpace(req.Subject), Role: auth.Role(strings.ToUpper(req.Role)), OrgID: strings.TrimSpace(req.Org)}
	var field, msg string
	switch {
	case !u.Role.Valid():
		field, msg = "role", "pick one of "+strings.Join(roleNames(), ", ")
	case u.OrgID == "" && u.Role != auth.RoleAdmin && u.Role != auth.RolePerson:
		field, msg = "org", "role "+string(u.Role)+" needs an organisation"
	case u.Role == auth.RolePerson && u.Subject == "":
		field, msg = "sub", "role PERSON needs the person's id"
	case ttl <= 0 || ttl > MaxDevTokenTTL:
		field, msg = "ttlSeconds", "must be between 1 and 28800"
	}
	if field != "" {
		writeError(w, http.StatusBadRequest, field, msg)
		return
	}
	if u.Subject == "" {
		u.Subject = strings.ToLower(string(u.Role)) + "-console-dev"
	}
	now := cfg.Now()
	tok, err := auth.Mint(cfg.DevSecret, cfg.Issuer, cfg.Audience, u, ttl, now)
	if err != nil {
		writeError(w, http.StatusBadRequest, "role", err.Error())
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{"token": tok, "expiresAt": now.Add(ttl).UTC().Format(time.RFC3339)})
}

func roleNames() []string {
	var s []string
	for _, r := range auth.Roles {
		s = append(s, string(r))
	}
	return s
}

// spa serves the console's files, and its index for any other path under
// /console/ so that a reload keeps the screen.
func spa(app fs.FS, connectSrc, imgSrc string) http.Handler {
	files := assets(app)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/console")
		name = strings.TrimPrefix(name, "/")
		if name != "" && name != "index.html" {
			if _, err := fs.Stat(app, name); err == nil {
				r2 := r.Clone(r.Context())
				r2.URL.Path = "/" + name
				files.ServeHTTP(w, r2)
				return
			}
			if strings.HasPrefix(name, "assets/") {
				http.NotFound(w, r)
				return
			}
		}
		index, err := fs.ReadFile(app, "index.html")
		if errors.Is(err, fs.ErrNotExist) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, notBuilt)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		setPageHeaders(w, connectSrc, imgSrc)
		_, _ = w.Write(index)
	})
}

// assets serves built files; their names carry a content hash, so they may
// be cached for long.
func assets(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		if strings.Contains(r.URL.Path, "/assets/") {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		files.ServeHTTP(w, r)
	})
}

// setPageHeaders keeps the console's page to its own scripts, and tells
// browsers not to send its address (which never holds personal data) to
// anyone else.
func setPageHeaders(w http.ResponseWriter, connectSrc, imgSrc string) {
	w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src "+imgSrc+"; connect-src "+connectSrc+"; frame-ancestors 'none'; base-uri 'none'")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("X-Content-Type-Options", "nosniff")
}

const notBuilt = `<!doctype html><html lang="en"><meta charset="utf-8"><title>OneWork console not built</title>
<main><h1>The console has not been built</h1><p>This binary was built before the console's assets.
Run <code>make run</code> (or <code>make console</code>, then rebuild the binary).</p></main></html>
`

func writeError(w http.ResponseWriter, status int, field, message string) {
	writeJSON(w, status, map[string]any{
		"errors": []map[string]any{{"message": message, "extensions": map[string]string{"code": "BAD_USER_INPUT", "field": field}}},
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
