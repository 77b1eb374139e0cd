package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalTextCommands checks that "eval titles" and "eval skills" reach
// their evaluations, which refuse a missing file at once with the command
// named, before any data is read.
func TestEvalTextCommands(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.csv")
	noData := filepath.Join(t.TempDir(), "no-data")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"eval", "titles", "--index", missing}, "eval titles: open " + missing},
		{[]string{"eval", "skills", "--house", missing}, "eval skills: open " + missing},
		// --data is where the default files are looked for.
		{[]string{"eval", "titles", "--data", noData}, "eval titles: open " + filepath.Join(noData, "uk-soc2020")},
		{[]string{"eval", "skills", "--data", noData}, "eval skills: open " + filepath.Join(noData, "skill-extraction")},
	} {
		var out strings.Builder
		err := run(context.Background(), append([]string{"onework"}, tc.args...), env(nil), &out)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("onework %s = %v, want an error containing %q", strings.Join(tc.args, " "), err, tc.want)
		}
	}
}
