package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// schema holds the constraints and indexes of the graph, one statement per
// line. Every statement is idempotent (IF NOT EXISTS). Full-text indexes only
// index string properties, so the alternative labels of skills and
// occupations are also kept joined in altLabelsText.
const schema = `
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE
CREATE CONSTRAINT skill_id IF NOT EXISTS FOR (n:Skill) REQUIRE n.id IS UNIQUE
CREATE CONSTRAINT occupation_id IF NOT EXISTS FOR (n:Occupation) REQUIRE n.id IS UNIQUE
CREATE CONSTRAINT employer_id IF NOT EXISTS FOR (n:Employer) REQUIRE n.id IS UNIQUE
CREATE CONSTRAINT vacancy_id IF NOT EXISTS FOR (n:Vacancy) REQUIRE n.id IS UNIQUE
CREATE CONSTRAINT provider_id IF NOT EXISTS FOR (n:Provider) REQUIRE n.id IS UNIQUE
CREATE CONSTRAINT programme_id IF NOT EXISTS FOR (n:Programme) REQUIRE n.id IS UNIQUE
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE
CREATE CONSTRAINT sector_id IF NOT EXISTS FOR (n:Sector) REQUIRE n.id IS UNIQUE
CREATE CONSTRAINT regulator_id IF NOT EXISTS FOR (n:Regulator) REQUIRE n.id IS UNIQUE
CREATE CONSTRAINT skill_group_id IF NOT EXISTS FOR (n:SkillGroup) REQUIRE n.id IS UNIQUE
CREATE POINT INDEX person_location IF NOT EXISTS FOR (n:Person) ON (n.location)
CREATE POINT INDEX employer_location IF NOT EXISTS FOR (n:Employer) ON (n.location)
CREATE POINT INDEX vacancy_location IF NOT EXISTS FOR (n:Vacancy) ON (n.location)
CREATE POINT INDEX provider_location IF NOT EXISTS FOR (n:Provider) ON (n.location)
CREATE POINT INDEX programme_location IF NOT EXISTS FOR (n:Programme) ON (n.location)
CREATE POINT INDEX place_location IF NOT EXISTS FOR (n:Place) ON (n.location)
CREATE FULLTEXT INDEX skill_text IF NOT EXISTS FOR (n:Skill) ON EACH [n.label, n.altLabelsText]
CREATE FULLTEXT INDEX occupation_text IF NOT EXISTS FOR (n:Occupation) ON EACH [n.label, n.altLabelsText]
CREATE FULLTEXT INDEX sector_text IF NOT EXISTS FOR (n:Sector) ON EACH [n.name]
CREATE FULLTEXT INDEX employer_text IF NOT EXISTS FOR (n:Employer) ON EACH [n.name]
CREATE FULLTEXT INDEX vacancy_text IF NOT EXISTS FOR (n:Vacancy) ON EACH [n.title]
CREATE FULLTEXT INDEX provider_text IF NOT EXISTS FOR (n:Provider) ON EACH [n.name]
CREATE FULLTEXT INDEX programme_text IF NOT EXISTS FOR (n:Programme) ON EACH [n.title]
CREATE FULLTEXT INDEX place_text IF NOT EXISTS FOR (n:Place) ON EACH [n.name, n.id]
CREATE RANGE INDEX person_updated_at IF NOT EXISTS FOR (n:Person) ON (n.updatedAt)
CREATE RANGE INDEX skill_updated_at IF NOT EXISTS FOR (n:Skill) ON (n.updatedAt)
CREATE RANGE INDEX occupation_updated_at IF NOT EXISTS FOR (n:Occupation) ON (n.updatedAt)
CREATE RANGE INDEX employer_updated_at IF NOT EXISTS FOR (n:Employer) ON (n.updatedAt)
CREATE RANGE INDEX vacancy_updated_at IF NOT EXISTS FOR (n:Vacancy) ON (n.updatedAt)
CREATE RANGE INDEX provider_updated_at IF NOT EXISTS FOR (n:Provider) ON (n.updatedAt)
CREATE RANGE INDEX programme_updated_at IF NOT EXISTS FOR (n:Programme) ON (n.updatedAt)
CREATE RANGE INDEX place_updated_at IF NOT EXISTS FOR (n:Place) ON (n.updatedAt)
CREATE RANGE INDEX sector_updated_at IF NOT EXISTS FOR (n:Sector) ON (n.updatedAt)
CREATE RANGE INDEX person_org_id IF NOT EXISTS FOR (n:Person) ON (n.orgId)
CREATE RANGE INDEX employer_kind IF NOT EXISTS FOR (n:Employer) ON (n.kind)
CREATE RANGE INDEX audit_target IF NOT EXISTS FOR (n:AuditEvent) ON (n.target)
CREATE RANGE INDEX referral_id IF NOT EXISTS FOR ()-[r:REFERRED]-() ON (r.id)
CREATE RANGE INDEX referral_stage_at IF NOT EXISTS FOR ()-[r:REFERRED]-() ON (r.updatedAt)
CREATE RANGE INDEX audit_subject IF NOT EXISTS FOR (n:AuditEvent) ON (n.subject)
`

// awaitIndexesQuery waits (up to 300 seconds) until every index is online,
// so that queries right after Migrate use them.
const awaitIndexesQuery = `CALL db.awaitIndexes(300)`

// Migrate creates the constraints and indexes the store relies on, if they
// do not exist yet, and waits until all indexes are online. It is
// idempotent and safe to run at every start, also from several processes.
func (db *DB) Migrate(ctx context.Context) error {
	for _, stmt := range strings.Split(strings.TrimSpace(schema), "\n") {
		if err := db.schemaQuery(ctx, stmt); err != nil && !alreadyExists(err) {
			return fmt.Errorf("migrate: %s: %w", stmt, err)
		}
	}
	if err := db.schemaQuery(ctx, awaitIndexesQuery); err != nil {
		return fmt.Errorf("migrate: wait for indexes: %w", err)
	}
	return nil
}

// schemaQuery runs one schema statement in its own transaction: Neo4j does
// not mix schema and data changes in one transaction.
func (db *DB) schemaQuery(ctx context.Context, stmt string) error {
	db.roundTrips.Add(1)
	_, err := neo4j.ExecuteQuery(ctx, db.driver, stmt, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db.database), neo4j.ExecuteQueryWithWritersRouting())
	return err
}

// alreadyExists reports whether err says that an equivalent index or
// constraint exists, which happens when two processes migrate at once.
func alreadyExists(err error) bool {
	var neo *neo4j.Neo4jError
	if !errors.As(err, &neo) {
		return false
	}
	switch neo.Code {
	case "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
		"Neo.ClientError.Schema.IndexAlreadyExists",
		"Neo.ClientError.Schema.ConstraintAlreadyExists":
		return true
	}
	return false
}
