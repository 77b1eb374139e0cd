package auth

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/onework/onework/workforce"
)

const (
	testIssuer   = "https://id.onework.test"
	testAudience = "onework-api"
	devSecret    = "a-development-secret-of-at-least-32-chars"
)

var now = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

func goodClaims() jwt.MapClaims {
	return jwt.MapClaims{
		"iss": testIssuer, "aud": testAudience, "sub": "adviser-1", "role": "ADVISER", "org": "org-glos",
		"iat": now.Add(-time.Minute).Unix(), "nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix(),
	}
}

func sign(t *testing.T, m jwt.SigningMethod, key any, c jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(m, c)
	tok.Header["kid"] = "k1"
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func with(c jwt.MapClaims, k string, v any) jwt.MapClaims {
	out := jwt.MapClaims{}
	for key, val := range c {
		out[key] = val
	}
	if v == nil {
		delete(out, k)
	} else {
		out[k] = v
	}
	return out
}

// rsaFixture makes an RSA key pair, writes the public key as PEM, and
// returns a verifier that trusts it.
func rsaFixture(t *testing.T) (*rsa.PrivateKey, []byte, *Verifier) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	path := filepath.Join(t.TempDir(), "rsa.pem")
	if err := os.WriteFile(path, pubPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	v, err := NewVerifier(context.Background(), Config{Issuer: testIssuer, Audience: testAudience, PublicKeyFiles: []string{path}, Leeway: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	v.Now = func() time.Time { return now }
	return key, pubPEM, v
}

func TestVerifyAttacks(t *testing.T) {
	key, pubPEM, v := rsaFixture(t)
	good := sign(t, jwt.SigningMethodRS256, key, goodClaims())
	if u, err := v.Verify(good); err != nil || u.Role != RoleAdviser || u.OrgID != "org-glos" || u.Subject != "adviser-1" {
		t.Fatalf("Verify(good) = %+v, %v", u, err)
	}
	none := sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, goodClaims())
	hsWithPublicKey := sign(t, jwt.SigningMethodHS256, pubPEM, goodClaims())
	parts := strings.Split(good, ".")
	sig := []byte(parts[2])
	sig[10] ^= 1
	tampered := parts[0] + "." + parts[1] + "." + string(sig)
	payload, _ := json.Marshal(with(goodClaims(), "role", "ADMIN"))
	swapped := parts[0] + "." + base64.RawURLEncoding.EncodeToString(payload) + "." + parts[2]
	hugeHeader := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS256","pad":"`+strings.Repeat("A", 10_000)+`"}`)) + "." + parts[1] + "." + parts[2]
	otherKey, _ := rsa.GenerateKey(rand.Reader, 2048)

	cases := []struct {
		name  string
		token string
	}{
		{"alg none", none},
		{"HS256 signed with the RSA public key", hsWithPublicKey},
		{"expired", sign(t, jwt.SigningMethodRS256, key, with(goodClaims(), "exp", now.Add(-time.Hour).Unix()))},
		{"nbf in the future", sign(t, jwt.SigningMethodRS256, key, with(goodClaims(), "nbf", now.Add(time.Hour).Unix()))},
		{"wrong issuer", sign(t, jwt.SigningMethodRS256, key, with(goodClaims(), "iss", "https://evil.example"))},
		{"wrong audience", sign(t, jwt.SigningMethodRS256, key, with(goodClaims(), "aud", "another-api"))},
		{"no exp", sign(t, jwt.SigningMethodRS256, key, with(goodClaims(), "exp", nil))},
		{"tampered signature", tampered},
		{"payload swapped under a valid signature", swapped},
		{"oversized header", hugeHeader},
		{"signed by another key", sign(t, jwt.SigningMethodRS256, otherKey, goodClaims())},
		{"unknown role", sign(t, jwt.SigningMethodRS256, key, with(goodClaims(), "role", "SUPERUSER"))},
		{"adviser without org", sign(t, jwt.SigningMethodRS256, key, with(goodClaims(), "org", nil))},
		{"no subject", sign(t, jwt.SigningMethodRS256, key, with(goodClaims(), "sub", nil))},
		{"issued in the future", sign(t, jwt.SigningMethodRS256, key, with(goodClaims(), "iat", now.Add(time.Hour).Unix()))},
		{"garbage", "not.a.token"},
		{"empty", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, err := v.Verify(tc.token)
			if err == nil {
				t.Fatalf("Verify = %+v, want an error", u)
			}
			if workforce.ErrorCode(err) != workforce.EUNAUTHORIZED {
				t.Errorf("code = %q, want %q", workforce.ErrorCode(err), workforce.EUNAUTHORIZED)
			}
		})
	}
}

func TestVerifyWithinLeeway(t *testing.T) {
	key, _, v := rsaFixture(t)
	tok := sign(t, jwt.SigningMethodRS256, key, with(goodClaims(), "exp", now.Add(-10*time.Second).Unix()))
	if _, err := v.Verify(tok); err != nil {
		t.Errorf("Verify(expired 10s ago, leeway 30s) = %v, want nil", err)
	}
}

func TestVerifyES256FromJWKS(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	// The uncompressed point is 0x04 || X || Y, 32 bytes each for P-256.
	raw, err := key.PublicKey.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	enc := base64.RawURLEncoding.EncodeToString
	jwks := map[string]any{"keys": []map[string]any{{"kty": "EC", "crv": "P-256", "kid": "k1", "alg": "ES256", "use": "sig",
		"x": enc(raw[1:33]), "y": enc(raw[33:65])}}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(jwks)
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	v, err := NewVerifier(ctx, Config{Issuer: testIssuer, Audience: testAudience, JWKSURLs: []string{srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	v.Now = func() time.Time { return now }
	if u, err := v.Verify(sign(t, jwt.SigningMethodES256, key, goodClaims())); err != nil || u.Role != RoleAdviser {
		t.Errorf("Verify(ES256 from JWKS) = %+v, %v", u, err)
	}
	if _, err := v.Verify(sign(t, jwt.SigningMethodHS256, []byte(devSecret), goodClaims())); err == nil {
		t.Error("Verify(HS256) with JWKS configured = nil error, want refusal")
	}
}

func TestNewVerifierRefusesUnsafeConfig(t *testing.T) {
	cases := []struct {
		name string
		cfg  Config
	}{
		{"no issuer", Config{Audience: testAudience, DevSecret: devSecret}},
		{"no keys at all", Config{Issuer: testIssuer, Audience: testAudience}},
		{"dev secret beside public keys", Config{Issuer: testIssuer, Audience: testAudience, DevSecret: devSecret, JWKSURLs: []string{"http://127.0.0.1:1/jwks"}}},
		{"short dev secret", Config{Issuer: testIssuer, Audience: testAudience, DevSecret: "short"}},
		{"missing key file", Config{Issuer: testIssuer, Audience: testAudience, PublicKeyFiles: []string{"/nonexistent/key.pem"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := NewVerifier(context.Background(), tc.cfg); err == nil {
				t.Error("NewVerifier = nil error, want refusal")
			}
		})
	}
}

func TestMintAndMiddleware(t *testing.T) {
	v, err := NewVerifier(context.Background(), Config{Issuer: testIssuer, Audience: testAudience, DevSecret: devSecret})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := Mint(devSecret, testIssuer, testAudience, User{Subject: "emp-1", Role: RoleEmployer, OrgID: "emp-1"}, time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var seen *User
	h := v.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = UserFrom(r.Context()) }))
	cases := []struct {
		name   string
		header string
		status int
		role   Role
	}{
		{"anonymous", "", http.StatusOK, ""},
		{"minted token", "Bearer " + tok, http.StatusOK, RoleEmployer},
		{"not bearer", "Basic dXNlcjpwYXNz", http.StatusUnauthorized, ""},
		{"bad token", "Bearer " + tok + "x", http.StatusUnauthorized, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			seen = nil
			req := httptest.NewRequest(http.MethodPost, "/graphql", nil)
			if tc.header != "" {
				req.Header.Set("Authorization", tc.header)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("status = %d, want %d", rec.Code, tc.status)
			}
			if tc.status == http.StatusUnauthorized {
				if seen != nil || !strings.Contains(rec.Body.String(), `"UNAUTHENTICATED"`) {
					t.Errorf("refusal ran the handler or lacks the code: %s", rec.Body)
				}
				return
			}
			if (seen == nil && tc.role != "") || (seen != nil && seen.Role != tc.role) {
				t.Errorf("user = %+v, want role %q", seen, tc.role)
			}
		})
	}
	if _, err := Mint(devSecret, testIssuer, testAudience, User{Subject: "x", Role: "KING"}, time.Hour, time.Now()); err == nil {
		t.Error("Mint(unknown role) = nil error")
	}
}
