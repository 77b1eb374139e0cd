package console

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/onework/onework/auth"
)

const secret = "console-test-secret-0123456789-abcdef"

func do(t *testing.T, h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestDevTokenMintsAVerifiableToken(t *testing.T) {
	h := Handler(Config{DevSecret: secret, Issuer: "iss", Audience: "aud"})
	rec := do(t, h, http.MethodPost, "/console/dev-token", `{"role":"adviser","org":"org-1"}`)
	if rec.Code != http.StatusOK {
		t.Fatalf("dev-token = %d %s, want 200", rec.Code, rec.Body)
	}
	var got struct{ Token string }
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	v, err := auth.NewVerifier(context.Background(), auth.Config{Issuer: "iss", Audience: "aud", DevSecret: secret})
	if err != nil {
		t.Fatal(err)
	}
	u, err := v.Verify(got.Token)
	if err != nil {
		t.Fatalf("Verify(minted) = %v", err)
	}
	if u.Role != auth.RoleAdviser || u.OrgID != "org-1" {
		t.Errorf("Verify(minted) = %+v, want ADVISER of org-1", u)
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", cc)
	}
}

func TestDevTokenRefusesBadInput(t *testing.T) {
	h := Handler(Config{DevSecret: secret, Issuer: "iss", Audience: "aud"})
	for _, tc := range []struct{ name, body, field string }{
		{"not json", `role=ADMIN`, "body"},
		{"unknown field", `{"role":"ADMIN","scope":"all"}`, "body"},
		{"unknown role", `{"role":"ROOT"}`, "role"},
		{"adviser without org", `{"role":"ADVISER"}`, "org"},
		{"person without id", `{"role":"PERSON"}`, "sub"},
		{"negative ttl", `{"role":"ADMIN","ttlSeconds":-1}`, "ttlSeconds"},
		{"ttl too long", `{"role":"ADMIN","ttlSeconds":86400}`, "ttlSeconds"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(t, h, http.MethodPost, "/console/dev-token", tc.body)
			var got struct {
				Errors []struct {
					Message    string
					Extensions map[string]string
				}
			}
			_ = json.Unmarshal(rec.Body.Bytes(), &got)
			if rec.Code != http.StatusBadRequest || len(got.Errors) != 1 || got.Errors[0].Extensions["field"] != tc.field || got.Errors[0].Message == "" {
				t.Errorf("dev-token(%s) = %d %s, want 400 on field %s", tc.body, rec.Code, rec.Body, tc.field)
			}
			if strings.Contains(rec.Body.String(), "token\"") {
				t.Errorf("dev-token(%s) minted a token", tc.body)
			}
		})
	}
}

func TestDevTokenAbsentInProduction(t *testing.T) {
	h := Handler(Config{Issuer: "https://id.example", Audience: "onework-api", OIDCClientID: "console"})
	if rec := do(t, h, http.MethodPost, "/console/dev-token", `{"role":"ADMIN"}`); rec.Code != http.StatusNotFound {
		t.Errorf("dev-token in production = %d, want 404", rec.Code)
	}
	if rec := do(t, h, http.MethodGet, "/console/dev-orgs?role=ADVISER", ""); strings.Contains(rec.Body.String(), "orgs") {
		t.Errorf("dev-orgs in production = %d %s, want absent", rec.Code, rec.Body)
	}
	rec := do(t, h, http.MethodGet, "/console/config.json", "")
	want := `{"oidc":{"audience":"onework-api","clientId":"console","issuer":"https://id.example"},"signIn":"oidc"}`
	if got := strings.TrimSpace(rec.Body.String()); got != want {
		t.Errorf("config.json = %s, want %s", got, want)
	}
}

func TestConsolePage(t *testing.T) {
	h := Handler(Config{Issuer: "https://id.example", Audience: "onework-api", OIDCClientID: "console", Now: func() time.Time { return time.Unix(0, 0) }})
	rec := do(t, h, http.MethodGet, "/console/vacancies", "")
	// Built or not, a deep link answers with a page: the console, or a
	// page saying how to build it.
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("GET /console/vacancies Content-Type = %q, want text/html", ct)
	}
	if rec.Code == http.StatusOK {
		csp := rec.Header().Get("Content-Security-Policy")
		if !strings.Contains(csp, "connect-src 'self' https://id.example") {
			t.Errorf("CSP = %q, want connect-src to the issuer", csp)
		}
	} else if !strings.Contains(rec.Body.String(), "make run") {
		t.Errorf("unbuilt console page = %d %s, want a hint to run make", rec.Code, rec.Body)
	}
	if rec := do(t, h, http.MethodGet, "/console/assets/missing.js", ""); rec.Code != http.StatusNotFound {
		t.Errorf("missing asset = %d, want 404", rec.Code)
	}
	if rec := do(t, h, http.MethodGet, "/widget/", ""); rec.Code != http.StatusNotFound {
		t.Errorf("widget directory listing = %d, want 404", rec.Code)
	}
}

func TestPersistedQueriesAreKeyedByHash(t *testing.T) {
	q, err := PersistedQueries()
	if err != nil {
		t.Fatal(err)
	}
	for h, doc := range q {
		if len(h) != 64 || strings.HasPrefix(h, "sha256:") || !strings.Contains(doc, "query ") {
			t.Errorf("PersistedQueries()[%q] = %q, want hex sha256 keys of queries", h, doc)
		}
	}
}

func TestBaseMapTiles(t *testing.T) {
	h := Handler(Config{MapTiles: "https://tiles.example/{z}/{x}/{y}.png", MapAttribution: "© example"})
	rec := do(t, h, http.MethodGet, "/console/config.json", "")
	want := `{"map":{"attribution":"© example","tiles":"https://tiles.example/{z}/{x}/{y}.png"},"signIn":"none"}`
	if got := strings.TrimSpace(rec.Body.String()); got != want {
		t.Errorf("config.json = %s, want %s", got, want)
	}
	rec = do(t, h, http.MethodGet, "/console/", "")
	if csp := rec.Header().Get("Content-Security-Policy"); rec.Code == http.StatusOK && !strings.Contains(csp, "img-src 'self' data: https://tiles.example;") {
		t.Errorf("CSP = %q, want images from the tile server", csp)
	}
}
