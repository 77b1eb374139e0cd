package store

import (
	"context"
)

// The two queries below rank matches the obvious way, as one Cypher query
// each, with the same hard filters as the matching engine (consent, travel
// limit, open vacancies) and a simpler score (share of required skills
// held, essential ones counting double, plus nearness). They exist so that
// benchmarks can set the engine against them on the same data; the API
// never uses them.

const baselineCandidates = `
MATCH (v:Vacancy {id: $id})-[r:REQUIRES]->(s:Skill)
WITH v, collect(s) AS required, sum(CASE WHEN r.essential THEN 2.0 ELSE 1.0 END) AS total
UNWIND required AS s
MATCH (p:Person)-[:HAS_SKILL]->(s)
WHERE p.consentMatching = true AND p.location IS NOT NULL AND v.location IS NOT NULL
  AND point.distance(p.location, v.location) <= coalesce(p.travelKm, 15.0) * 1000
MATCH (v)-[r:REQUIRES]->(s)
WITH p, total, sum(CASE WHEN r.essential THEN 2.0 ELSE 1.0 END) AS held, point.distance(p.location, v.location) / 1000.0 AS km
RETURN p.id AS id, 0.7 * held / total + 0.3 / (1.0 + km / 10.0) AS score
ORDER BY score DESC, id LIMIT $first`

const baselineVacancies = `
MATCH (p:Person {id: $id})-[:HAS_SKILL]->(s:Skill)<-[r:REQUIRES]-(v:Vacancy)
WHERE p.consentMatching = true AND (v.closesAt IS NULL OR v.closesAt >= datetime())
  AND p.location IS NOT NULL AND v.location IS NOT NULL
  AND point.distance(p.location, v.location) <= coalesce(p.travelKm, 15.0) * 1000
WITH p, v, sum(CASE WHEN r.essential THEN 2.0 ELSE 1.0 END) AS held
MATCH (v)-[all:REQUIRES]->(:Skill)
WITH p, v, held, sum(CASE WHEN all.essential THEN 2.0 ELSE 1.0 END) AS total
WITH v, held / total AS fit, point.distance(p.location, v.location) / 1000.0 AS km
RETURN v.id AS id, 0.7 * fit + 0.3 / (1.0 + km / 10.0) AS score
ORDER BY score DESC, id LIMIT $first`

// BaselineCandidates ranks people for a vacancy with one Cypher query; for
// benchmarks only.
func (db *DB) BaselineCandidates(ctx context.Context, vacancyID string, first int) ([]string, error) {
	return db.baseline(ctx, "rank candidates in Cypher", baselineCandidates, vacancyID, first)
}

// BaselineVacancies ranks open vacancies for a person with one Cypher
// query; for benchmarks only.
func (db *DB) BaselineVacancies(ctx context.Context, personID string, first int) ([]string, error) {
	return db.baseline(ctx, "rank vacancies in Cypher", baselineVacancies, personID, first)
}

func (db *DB) baseline(ctx context.Context, op, query, id string, first int) ([]string, error) {
	return readIDs(ctx, db, op, query, map[string]any{"id": id, "first": first})
}
