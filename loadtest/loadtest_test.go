package loadtest_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onework/onework/loadtest"
)

// TestScenarios runs short versions of the scenarios against the Neo4j in
// NEO4J_URI, which must hold an area (onework seed demo). They take a few
// minutes, so they run only with ONEWORK_LOADTEST=1; the kill scenario
// starts a Neo4j of its own and runs by hand (docs/operations.md).
func TestScenarios(t *testing.T) {
	if os.Getenv("ONEWORK_LOADTEST") != "1" || os.Getenv("NEO4J_URI") == "" {
		t.Skip("set ONEWORK_LOADTEST=1 and NEO4J_URI (a Neo4j with the demo area) to run the load scenarios")
	}
	bin := filepath.Join(t.TempDir(), "onework")
	build := exec.Command("go", "build", "-o", bin, "..")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"overload", "--warmup", "3s", "--duration", "5s"},
		{"outage", "--down", "3s"},
		{"replicas", "--refresh", "2s"},
		{"soak", "--duration", "20s", "--rate", "10"},
	} {
		t.Run(args[0], func(t *testing.T) {
			var out strings.Builder
			if err := loadtest.Run(context.Background(), append(args, "--binary", bin), &out); err != nil {
				t.Fatalf("%s: %v\n%s", args[0], err, out.String())
			}
			t.Log("\n" + out.String())
		})
	}
}

func TestRunRefusesRemoteNeo4j(t *testing.T) {
	t.Setenv("NEO4J_URI", "bolt://db.example.org:7687")
	if err := loadtest.Run(context.Background(), []string{"overload"}, &strings.Builder{}); err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Errorf("Run against a remote Neo4j = %v, want a refusal", err)
	}
	if err := loadtest.Run(context.Background(), []string{"frobnicate"}, &strings.Builder{}); err == nil {
		t.Error("Run(frobnicate) = nil error")
	}
}
