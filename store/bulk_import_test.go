package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/onework/onework/workforce"
)

// Tests of the import files that need no database.

func TestBulkImportDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewBulkImport(dir, time.Now(), "s-"); workforce.ErrorCode(err) != workforce.EINVALID || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("NewBulkImport(non-empty dir) = %v, want EINVALID saying it is not empty", err)
	}
	if _, err := NewBulkImport("", time.Now(), "s-"); workforce.ErrorCode(err) != workforce.EINVALID {
		t.Errorf("NewBulkImport(\"\") = %v, want EINVALID", err)
	}
	if _, err := NewBulkImport(filepath.Join(dir, "x"), time.Now(), "s-"); err == nil {
		t.Error("NewBulkImport(a file) = nil, want an error")
	}
	if _, err := NewBulkImport(filepath.Join(dir, "new", "sub"), time.Now(), "s-"); err != nil {
		t.Errorf("NewBulkImport(new dir) = %v", err)
	}
}

func TestImportValue(t *testing.T) {
	at := time.Date(2026, 12, 2, 18, 1, 2, 300_000_000, time.UTC)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	for _, tc := range []struct {
		v         any
		typ, want string
	}{
		{"a \"b\", c\nd", "string", `"a ""b"", c` + "\nd\""},
		{"", "string", `""`},
		{int64(-3), "long", "-3"},
		{0.1, "double", "0.1"},
		{1e-7, "double", "0.0000001"},
		{true, "boolean", "true"},
		{dbtype.Point2D{X: -2.25, Y: 51.5, SpatialRefId: 4326}, "point", `"{crs:'WGS-84',x:-2.25,y:51.5}"`},
		{at, "datetime", "2026-12-02T18:01:02.3Z"},
		{at.In(london), "datetime", "2026-12-02T18:01:02.3Z[Europe/London]"},
		{dbtype.Date(at), "date", "2026-12-02"},
		{[]any{"x;y", "z"}, "string[]", "\"x;y\x1fz\""},
		{[]string{"a"}, "string[]", `"a"`},
		{[]any{int64(1), int64(2)}, "long[]", "\"1\x1f2\""},
	} {
		typ, got, ok, err := importValue(tc.v)
		if err != nil || !ok || typ != tc.typ || got != tc.want {
			t.Errorf("importValue(%#v) = %q, %q, %v, %v; want %q, %q", tc.v, typ, got, ok, err, tc.typ, tc.want)
		}
	}
	if _, _, ok, err := importValue([]any{}); ok || err != nil {
		t.Errorf("importValue(empty list) = ok %v, %v; want no property", ok, err)
	}
	for _, bad := range []any{[]any{"a", int64(1)}, []any{"a\x1fb"}, map[string]any{}, dbtype.Point2D{SpatialRefId: 9}} {
		if _, _, _, err := importValue(bad); err == nil {
			t.Errorf("importValue(%#v) = nil error, want one", bad)
		}
	}
}

func TestBulkImportRows(t *testing.T) {
	dir := t.TempDir()
	b, err := NewBulkImport(dir, time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), "s-")
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(b.node([]string{"Place"}, "g1", map[string]any{"id": "E01", "name": "Here"}))
	must(b.node([]string{"Occupation"}, "g2", map[string]any{"id": "occ"}))
	must(b.node([]string{"Skill"}, "g3", map[string]any{"id": "sk"}))
	if err := b.node([]string{"Place"}, "g4", map[string]any{"id": int64(4)}); err == nil || !strings.Contains(err.Error(), "long here and a string") {
		t.Errorf("a property of two types = %v, want an error naming both", err)
	}
	p := &workforce.Person{ID: "s-person-1", Name: "A B", PlaceID: "E01", Seeks: []string{"occ"}, TravelKm: 5, HoursPerWeek: 30}
	must(b.People([]*workforce.Person{p}, []BulkPersonSkill{{PersonID: p.ID, PersonSkill: workforce.PersonSkill{SkillID: "sk", Level: 2, Source: "self"}},
		{PersonID: p.ID, PersonSkill: workforce.PersonSkill{SkillID: "gone", Level: 2, Source: "self"}}}))
	if b.Missing != 1 {
		t.Errorf("Missing = %d, want 1 (the skill not in the graph)", b.Missing)
	}
	bad := &workforce.Person{ID: "s-person-2", Name: "C D", PlaceID: "E99"}
	if err := b.People([]*workforce.Person{bad}, nil); workforce.ErrorCode(err) != workforce.ENOTFOUND || !strings.Contains(err.Error(), "E99") {
		t.Errorf("People(missing place) = %v, want ENOTFOUND naming it", err)
	}
	if b.Nodes != 4 {
		t.Errorf("%d nodes written, want 4: nothing of a rejected person", b.Nodes)
	}
	if err := b.People([]*workforce.Person{{ID: "s-person-3", PlaceID: "E01", TravelKm: -1}}, nil); workforce.ErrorCode(err) != workforce.EINVALID {
		t.Errorf("People(invalid) = %v, want EINVALID", err)
	}
	if err := b.People(nil, []BulkPersonSkill{{PersonID: "s-person-9", PersonSkill: workforce.PersonSkill{SkillID: "sk", Level: 1, Source: "self"}}}); workforce.ErrorCode(err) != workforce.EINVALID {
		t.Errorf("People(skill of someone else) = %v, want EINVALID", err)
	}
	args, err := b.Close()
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(args, " ")
	for _, want := range []string{"--nodes=Person=", "--relationships=HAS_SKILL=", "--relationships=LIVES_IN=", "--relationships=SEEKS=", "--id-type=string"} {
		if !strings.Contains(joined, want) {
			t.Errorf("import arguments %q lack %q", joined, want)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "rels-*-HAS_SKILL.csv"))
	if len(files) != 1 {
		t.Fatalf("HAS_SKILL files %q, want one", files)
	}
	rows, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(rows)); !strings.HasPrefix(got, "Person:s-person-1,g3,") || strings.Count(got, "\n") != 0 {
		t.Errorf("HAS_SKILL rows = %q, want one from the person to g3", got)
	}
}
