package texteval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// write puts content in a file of a temporary folder and returns its path.
func write(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBadInput gives each command missing files and files with the wrong
// columns: each must fail at once with an error naming the problem and
// print nothing. The data folder does not exist, so any attempt to go on
// to the taxonomy would fail differently.
func TestBadInput(t *testing.T) {
	noData := filepath.Join(t.TempDir(), "no-data")
	adverts := write(t, "adverts.csv", "title,occupation\nCare Worker,care at home worker\n")
	index := write(t, "index.csv", "title,soc2020_unit_group\nCare worker,6135\n")
	tests := []struct {
		name string
		run  func(args []string, dataDir string, out *strings.Builder) error
		args []string
		want string
	}{
		{"titles: no index", titles, []string{"--index", filepath.Join(noData, "x.csv"), "--adverts", adverts}, "no such file"},
		{"titles: index columns", titles, []string{"--index", write(t, "i.csv", "job,code\nCarer,6135\n"), "--adverts", adverts}, "no column title, soc2020_unit_group"},
		{"titles: index unit group", titles, []string{"--index", write(t, "i.csv", "title,soc2020_unit_group\nCarer,61X5\nCook,5434\nCleaner,92\n"), "--adverts", adverts}, "2 rows without a title or a four-digit unit group, first at line 2"},
		{"titles: empty index", titles, []string{"--index", write(t, "i.csv", ""), "--adverts", adverts}, "empty file"},
		{"titles: no adverts", titles, []string{"--index", index, "--adverts", filepath.Join(noData, "a.csv")}, "no such file"},
		{"titles: advert columns", titles, []string{"--index", index, "--adverts", write(t, "a.csv", "title,esco\nCarer,x\n")}, "want columns title and occupation"},
		{"titles: empty advert row", titles, []string{"--index", index, "--adverts", write(t, "a.csv", "title,occupation\nCarer,\n")}, "line 2: empty title or occupation"},
		{"titles: stray argument", titles, []string{"extra"}, "unexpected arguments"},
		{"skills: no file", skills, []string{"--house", filepath.Join(noData, "h.csv")}, "no such file"},
		{"skills: columns", skills, []string{"--house", write(t, "h.csv", "sentence,label\nx,y\n"), "--tech", write(t, "t.csv", "sentence,span,sub_span,label\nx,y,,z\n")}, "no column span, sub_span"},
		{"skills: empty", skills, []string{"--house", write(t, "h.csv", "sentence,span,sub_span,label\n"), "--tech", write(t, "t.csv", "sentence,span,sub_span,label\nx,y,,z\n")}, "no rows"},
		{"skills: floor", skills, []string{"--floor", "2"}, "--floor must be from 0 to 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			err := tc.run(tc.args, noData, &out)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one containing %q", err, tc.want)
			}
			if out.Len() > 0 {
				t.Errorf("printed %q before failing", out.String())
			}
		})
	}
}

func titles(args []string, dataDir string, out *strings.Builder) error {
	return RunTitles(args, dataDir, out)
}

func skills(args []string, dataDir string, out *strings.Builder) error {
	return RunSkills(args, dataDir, out)
}
