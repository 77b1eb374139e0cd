package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/onework/onework/auth"
)

// TestRun starts the whole server on port 0 against the real Neo4j, checks
// that it answers, and stops it as SIGTERM would.
func TestRun(t *testing.T) {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("ONEWORK_REQUIRE_NEO4J") == "1" {
			t.Fatal("NEO4J_URI not set but ONEWORK_REQUIRE_NEO4J=1")
		}
		t.Skip("NEO4J_URI not set: skipping tests that need Neo4j")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done := launch(t, ctx, env(map[string]string{"NEO4J_URI": uri, "ONEWORK_ADDR": "127.0.0.1:0", "ONEWORK_LOG_LEVEL": "warn"}))
	res, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz = %d, want 200", res.StatusCode)
	}
	// Readiness waits for the matching index to load from Neo4j.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		res, err := http.Get(base + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusOK {
			break
		}
		if res.StatusCode != http.StatusServiceUnavailable || time.Now().After(deadline) {
			t.Fatalf("GET /readyz = %d, want 503 while loading, then 200", res.StatusCode)
		}
		time.Sleep(100 * time.Millisecond)
	}
	res, err = http.Post(base+"/graphql", "application/json", strings.NewReader(`{"query":"{ apiInfo { version } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), `"version"`) {
		t.Errorf("apiInfo = %s", body)
	}
	res, err = http.Get(base + "/")
	if err == nil {
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET / outside development = %d, want 404 (GraphiQL only in development)", res.StatusCode)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run after shutdown = %v, want nil", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not shut down")
	}
}

func TestRunRejectsBadConfigAndCommands(t *testing.T) {
	err := run(context.Background(), []string{"onework"}, env(map[string]string{"ONEWORK_MAX_DEPTH": "0"}), io.Discard)
	if err == nil || !strings.Contains(err.Error(), "ONEWORK_MAX_DEPTH") {
		t.Errorf("run with bad config = %v, want an error naming ONEWORK_MAX_DEPTH", err)
	}
	err = run(context.Background(), []string{"onework", "frobnicate"}, env(nil), io.Discard)
	if err == nil || !strings.Contains(err.Error(), "unknown command") {
		t.Errorf("run frobnicate = %v, want unknown command", err)
	}
}

func TestTokenCommand(t *testing.T) {
	const secret = "token-command-test-secret-0123456789"
	var out strings.Builder
	err := run(context.Background(), []string{"onework", "token", "--role", "adviser", "--org", "org-glos", "--ttl", "1h"},
		env(map[string]string{"ONEWORK_JWT_DEV_SECRET": secret}), &out)
	if err != nil {
		t.Fatal(err)
	}
	v, err := auth.NewVerifier(context.Background(), auth.Config{Issuer: "onework-local", Audience: "onework-api", DevSecret: secret})
	if err != nil {
		t.Fatal(err)
	}
	u, err := v.Verify(strings.TrimSpace(out.String()))
	if err != nil || u.Role != auth.RoleAdviser || u.OrgID != "org-glos" {
		t.Errorf("minted token verifies as %+v, %v", u, err)
	}
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
	}{
		{"no secret", []string{"--role", "ADMIN"}, nil},
		{"unknown role", []string{"--role", "KING"}, map[string]string{"ONEWORK_JWT_DEV_SECRET": secret}},
		{"adviser without org", []string{"--role", "ADVISER"}, map[string]string{"ONEWORK_JWT_DEV_SECRET": secret}},
		{"ttl too long", []string{"--role", "ADMIN", "--ttl", "9999h"}, map[string]string{"ONEWORK_JWT_DEV_SECRET": secret}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := run(context.Background(), append([]string{"onework", "token"}, tc.args...), env(tc.env), io.Discard); err == nil {
				t.Error("token = nil error, want a refusal")
			}
		})
	}
}

// TestEveryHelpNeedsNoDatabase asks every command for help with Neo4j
// pointed at a port nothing listens on, and with a configuration that would
// be refused: help must print the usage at once.
func TestEveryHelpNeedsNoDatabase(t *testing.T) {
	bad := env(map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1", "ONEWORK_MAX_DEPTH": "0"})
	for _, args := range [][]string{
		{"--help"}, {"help"}, {"serve", "--help"}, {"migrate", "-h"}, {"import", "esco", "--help"}, {"seed", "--help"},
		{"seed", "synthetic", "--help"}, {"seed", "demo", "-h"}, {"bench", "match", "--help"}, {"eval", "careers", "--help"}, {"token", "--help"},
	} {
		var out strings.Builder
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := run(ctx, append([]string{"onework"}, args...), bad, &out)
		cancel()
		if err != nil || !strings.Contains(out.String(), "usage:") {
			t.Errorf("onework %s = %v, printing %q; want the usage and no error", strings.Join(args, " "), err, out.String())
		}
	}
}
