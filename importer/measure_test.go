package importer

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/onework/onework/store"
)

// TestMeasurePlainESCO compares the batched ESCO import with the obvious
// plain way (one auto-commit MERGE per row) on an EMPTY Neo4j named by
// ONEWORK_MEASURE_URI, and empties it again after each load. It never runs
// unless that variable is set; docs/import.md has its figures.
func TestMeasurePlainESCO(t *testing.T) {
	uri := os.Getenv("ONEWORK_MEASURE_URI")
	if uri == "" {
		t.Skip("ONEWORK_MEASURE_URI not set: skipping the plain-versus-batched measurement")
	}
	dir := filepath.Join("..", "..", "shared", "data", "esco-v1.1.1")
	ctx := context.Background()
	db, err := store.OpenDB(ctx, store.Config{URI: uri})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	query := func(q string, params map[string]any) *neo4j.EagerResult {
		t.Helper()
		res, err := neo4j.ExecuteQuery(ctx, db.Driver(), q, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db.Database()))
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	count := func() int64 {
		n, _, _ := neo4j.GetRecordValue[int64](query("MATCH (n) RETURN count(n) AS n", nil).Records[0], "n")
		return n
	}
	empty := func() {
		// CALL ... IN TRANSACTIONS needs an auto-commit transaction.
		session := db.Driver().NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.Database()})
		defer session.Close(ctx)
		res, err := session.Run(ctx, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := count(); n != 0 {
		t.Fatalf("%s holds %d nodes: the measurement needs an empty database of its own", uri, n)
	}
	d, err := readESCO(dir)
	if err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	for _, s := range d.skills {
		query(`MERGE (s:Skill {id: $id}) SET s.label = $label, s.altLabels = $alt, s.description = $description, s.type = $type, s.reuseLevel = $reuse`,
			map[string]any{"id": s.ID, "label": s.Label, "alt": s.AltLabels, "description": s.Description, "type": s.Type, "reuse": s.ReuseLevel})
	}
	for _, o := range d.occupations {
		query(`MERGE (o:Occupation {id: $id}) SET o.label = $label, o.altLabels = $alt, o.description = $description, o.code = $code, o.iscoGroup = $isco`,
			map[string]any{"id": o.ID, "label": o.Label, "alt": o.AltLabels, "description": o.Description, "code": o.Code, "isco": o.ISCOGroup})
	}
	nodes := time.Since(start)
	for _, r := range d.requirements {
		query(`MATCH (o:Occupation {id: $o}) MATCH (s:Skill {id: $s}) MERGE (o)-[r:REQUIRES]->(s) SET r.essential = $e, r.source = $src, r.confidence = $c`,
			map[string]any{"o": r.FromID, "s": r.SkillID, "e": r.Essential, "src": r.Source, "c": r.Confidence})
	}
	plain := time.Since(start)
	rows := len(d.skills) + len(d.occupations) + len(d.requirements)
	t.Logf("plain: %d nodes in %s (%.0f rows/s), %d requirements in %s (%.0f rows/s); all %d rows in %s (%.0f rows/s)",
		len(d.skills)+len(d.occupations), nodes.Round(time.Millisecond), float64(len(d.skills)+len(d.occupations))/nodes.Seconds(),
		len(d.requirements), (plain - nodes).Round(time.Millisecond), float64(len(d.requirements))/(plain-nodes).Seconds(),
		rows, plain.Round(time.Millisecond), float64(rows)/plain.Seconds())
	empty()

	im := &Importer{DB: db}
	start = time.Now()
	s := NewSummary()
	if err := WriteNodes(ctx, im, s, kindSkill, d.skills, db.UpsertSkills); err != nil {
		t.Fatal(err)
	}
	if err := WriteNodes(ctx, im, s, kindOccupation, d.occupations, db.UpsertOccupations); err != nil {
		t.Fatal(err)
	}
	nodes = time.Since(start)
	if err := WriteLinks(ctx, im, s, kindRequirement, d.requirements, db.BulkOccupationRequirements); err != nil {
		t.Fatal(err)
	}
	batched := time.Since(start)
	t.Logf("batched: %d nodes in %s (%.0f rows/s), %d requirements in %s (%.0f rows/s); all %d rows in %s (%.0f rows/s); %.1fx faster",
		len(d.skills)+len(d.occupations), nodes.Round(time.Millisecond), float64(len(d.skills)+len(d.occupations))/nodes.Seconds(),
		len(d.requirements), (batched - nodes).Round(time.Millisecond), float64(len(d.requirements))/(batched-nodes).Seconds(),
		rows, batched.Round(time.Millisecond), float64(rows)/batched.Seconds(), plain.Seconds()/batched.Seconds())
	empty()
}
