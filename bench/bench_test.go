package bench

import (
	"context"
	"io"
	"strings"
	"testing"
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
