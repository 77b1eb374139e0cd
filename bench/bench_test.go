package bench

import (
	"context"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestBadArgumentsAreRefusedBeforeAnyWork checks that bench match refuses
// bad flags with its usage, before it reads Neo4j (there is none here).
func TestBadArgumentsAreRefusedBeforeAnyWork(t *testing.T) {
	for _, args := range [][]string{
		{"match", "--response-cache", "-1"},
		{"match", "--mixed", "-1s"},
		{"match", "--c", "0"},
		{"match", "--first", "101"},
		{"match", "--profile-page", "people"},
		{"match", "--warmup", "-1"},
		{"match", "--slowest", "-1"},
	} {
		err := Run(context.Background(), args, nil, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "bad arguments") {
			t.Errorf("%v: err = %v, want the usage", args, err)
		}
	}
}

// TestStolenReadsTheMachinesTicks checks the steal note against
// /proc/stat: a share from 0 to 100% where there is one, "?" when no time
// has passed in the reading.
func TestStolenReadsTheMachinesTicks(t *testing.T) {
	steal, total := cpuTicks()
	if _, err := os.Stat("/proc/stat"); err != nil {
		t.Skip("no /proc/stat here")
	}
	if total == 0 || steal > total {
		t.Fatalf("cpuTicks = %d stolen of %d", steal, total)
	}
	if got := stolen(steal, ^uint64(0)); got != "steal ?" {
		t.Errorf("stolen with no time passed = %q", got)
	}
	for end := time.Now().Add(50 * time.Millisecond); time.Now().Before(end); {
	}
	if got := stolen(steal, total); !regexp.MustCompile(`^steal (100|\d{1,2})%$`).MatchString(got) {
		t.Errorf("stolen = %q", got)
	}
}
