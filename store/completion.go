package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/onework/onework/workforce"
)

const completionCheck = `
OPTIONAL MATCH (p:Person {id: $person})
OPTIONAL MATCH (g:Programme {id: $programme})
OPTIONAL MATCH (o:Occupation {id: $occupation})
RETURN p IS NOT NULL AS person, coalesce(p.consentMonitoring, false) AS consent,
  g IS NOT NULL AS programme, ($occupation = '' OR o IS NOT NULL) AS occupation`

const completionWrite = `
MATCH (p:Person {id: $person}), (g:Programme {id: $programme})
MERGE (p)-[c:COMPLETED]->(g)
WITH p, c WHERE c.completedAt IS NULL OR c.completedAt <> $at OR coalesce(c.hiredOccupationId, '') <> $occupation
SET c.completedAt = $at, c.hiredOccupationId = $occupation, p.updatedAt = datetime.transaction()`

// RecordCompletion implements workforce.WriteService.
func (db *DB) RecordCompletion(ctx context.Context, c workforce.Completion) error {
	if err := c.Validate(); err != nil {
		return err
	}
	params := map[string]any{"person": c.PersonID, "programme": c.ProgrammeID, "occupation": c.HiredOccupationID, "at": c.CompletedAt.UTC()}
	_, err := write(ctx, db, func(tx neo4j.ManagedTransaction) (bool, error) {
		records, err := collect(ctx, tx, completionCheck, params)
		if err != nil || len(records) == 0 {
			return false, err
		}
		d := &decoder{m: records[0].AsMap()}
		switch {
		case !d.bool("person"):
			return false, workforce.NotFound("person", c.PersonID)
		case !d.bool("programme"):
			return false, &workforce.Error{Code: workforce.ENOTFOUND, Field: "programmeId", Message: "programme " + c.ProgrammeID + " not found"}
		case !d.bool("occupation"):
			return false, &workforce.Error{Code: workforce.ENOTFOUND, Field: "hiredOccupationId", Message: "occupation " + c.HiredOccupationID + " not found"}
		case !d.bool("consent"):
			return false, workforce.Invalid("personId", "the person has not consented to monitoring, so no individual outcome is kept")
		}
		_, err = collect(ctx, tx, completionWrite, params)
		return err == nil, err
	})
	return wrap("record completion", err)
}

const programmeCompletions = `
MATCH (p:Person)-[c:COMPLETED]->(g:Programme) WHERE g.id IN $ids
RETURN g.id AS id, p.id AS to, c {.*} AS props ORDER BY id, to`

const personCompletions = `
MATCH (p:Person)-[c:COMPLETED]->(g:Programme) WHERE p.id IN $ids
RETURN p.id AS id, g.id AS to, c {.*} AS props ORDER BY id, to`

// ProgrammeCompletions implements workforce.ReadService.
func (db *DB) ProgrammeCompletions(ctx context.Context, programmeIDs []string) (map[string][]workforce.Completion, error) {
	return edges(ctx, db, "programme completions", programmeCompletions, programmeIDs, func(programme, person string, d *decoder) workforce.Completion {
		return decodeCompletion(person, programme, d)
	})
}

// PersonCompletions implements workforce.ReadService.
func (db *DB) PersonCompletions(ctx context.Context, personIDs []string) (map[string][]workforce.Completion, error) {
	return edges(ctx, db, "person completions", personCompletions, personIDs, func(person, programme string, d *decoder) workforce.Completion {
		return decodeCompletion(person, programme, d)
	})
}

func decodeCompletion(person, programme string, d *decoder) workforce.Completion {
	return workforce.Completion{PersonID: person, ProgrammeID: programme, CompletedAt: d.time("completedAt"), HiredOccupationID: d.str("hiredOccupationId")}
}
