// Package storetest opens the real Neo4j for tests and gives each test ids
// of its own, so that tests sharing one database (in this package and in
// others, at the same time) never see or delete each other's data.
//
// Tests find Neo4j through NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD,
// NEO4J_DATABASE). Without NEO4J_URI they are skipped, unless
// ONEWORK_REQUIRE_NEO4J=1, when they fail.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/onework/onework/store"
	"github.com/onework/onework/workforce"
)

// run tells this test process's ids from those of other processes running
// the same tests against the same database. It is set once and never changed.
var run = randomHex(4)

// Open connects to the Neo4j named by the environment, runs the migrations
// and returns the DB. When the test ends it deletes every node with an id
// that ID made for this test or its subtests, then closes the DB.
func Open(tb testing.TB) *store.DB {
	tb.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("ONEWORK_REQUIRE_NEO4J") == "1" {
			tb.Fatal("NEO4J_URI not set but ONEWORK_REQUIRE_NEO4J=1: start Neo4j (tools/neo4j/neo4j.sh start) and set NEO4J_URI=bolt://127.0.0.1:7687")
		}
		tb.Skip("NEO4J_URI not set: skipping tests that need Neo4j")
	}
	database := os.Getenv("NEO4J_DATABASE")
	if database == "" {
		database = store.DefaultDatabase
	}
	ctx := context.Background()
	db, err := store.OpenDB(ctx, store.Config{
		URI:      uri,
		User:     os.Getenv("NEO4J_USER"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: database,
	})
	if err != nil {
		tb.Fatalf("storetest: %v", err)
	}
	// Cleanups run last-in first-out: delete the test's data, then close.
	tb.Cleanup(func() {
		if err := db.Close(context.Background()); err != nil {
			tb.Errorf("storetest: close: %v", err)
		}
	})
	if err := db.Migrate(ctx); err != nil {
		tb.Fatalf("storetest: %v", err)
	}
	tb.Cleanup(func() { deleteTestData(tb, db, prefix(tb)) })
	return db
}

// ID returns a new id for a node of the given kind ("Skill", "Vacancy",
// ...), unique to this test and this run. Open deletes the nodes with such
// ids when the test ends.
func ID(tb testing.TB, kind string) string {
	tb.Helper()
	return prefix(tb) + kind + "-" + randomHex(4)
}

// prefix is the start of every id made for tb; a subtest's ids start with
// its parent's prefix.
func prefix(tb testing.TB) string {
	return "test-" + run + "-" + tb.Name() + "/"
}

// deleteTestData deletes, label by label (to use the id indexes), every node
// whose id starts with prefix.
func deleteTestData(tb testing.TB, db *store.DB, prefix string) {
	ctx := context.Background()
	// Skill groups are reference nodes without a workforce.Kind.
	for _, kind := range append(slices.Clone(workforce.Kinds), "SkillGroup") {
		// The label comes from the fixed list of kinds, never from input.
		query := "MATCH (n:" + string(kind) + ") WHERE n.id STARTS WITH $prefix DETACH DELETE n"
		_, err := neo4j.ExecuteQuery(ctx, db.Driver(), query, map[string]any{"prefix": prefix},
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db.Database()))
		if err != nil {
			tb.Errorf("storetest: delete test data %s: %v", strings.TrimSuffix(prefix, "/"), err)
		}
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
