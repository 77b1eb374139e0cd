package store

// This file holds the bulk writes used by importers: one UNWIND query per
// batch of rows, idempotent (a row that matches what is stored writes
// nothing), returning what was created, updated, left unchanged or skipped
// because a node at either end is missing. Unexported names here start with
// "bulk".

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/onework/onework/workforce"
)

// BulkCounts says what a bulk write did with its rows.
type BulkCounts struct {
	Created   int
	Updated   int
	Unchanged int
	// Missing counts rows skipped because a node they name does not exist.
	Missing int
}

// Add adds the counts of o to c.
func (c *BulkCounts) Add(o BulkCounts) {
	c.Created += o.Created
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
	c.Missing += o.Missing
}

// BulkRequirement is a REQUIRES link from an occupation or a vacancy (FromID)
// to a skill.
type BulkRequirement struct {
	FromID string
	workforce.Requirement
}

// BulkRelated is a RELATED link between two skills, as ESCO's
// skillSkillRelations gives them.
type BulkRelated struct {
	FromID    string
	ToID      string
	Essential bool
}

// BulkPersonSkill is a HAS_SKILL link from a person to a skill.
type BulkPersonSkill struct {
	PersonID string
	workforce.PersonSkill
}

// BulkLink is a link without properties between two nodes given by id.
type BulkLink struct {
	FromID string
	ToID   string
}

// BulkRel names a kind of link without properties that BulkLinks writes.
type BulkRel int

// The links BulkLinks writes.
const (
	// SkillBroader is (Skill)-[:BROADER]->(Skill).
	SkillBroader BulkRel = iota
	// OccupationBroader is (Occupation)-[:BROADER]->(Occupation).
	OccupationBroader
	// ProgrammeTeaches is (Programme)-[:TEACHES]->(Skill).
	ProgrammeTeaches
	// ProgrammeLeadsTo is (Programme)-[:LEADS_TO]->(Occupation).
	ProgrammeLeadsTo
	// OccupationInSector is (Occupation)-[:IN_SECTOR]->(Sector).
	OccupationInSector
	// SectorBroader is (Sector)-[:BROADER]->(Sector).
	SectorBroader
	// SkillInGroup is (Skill)-[:BROADER]->(SkillGroup): ESCO files the
	// skill under that group of its skills hierarchy.
	SkillInGroup
)

// bulkLinkShapes gives the labels of both ends and the relationship type of
// each BulkRel. Labels and types cannot be query parameters, so the queries
// are built once from this fixed table (never from input).
var bulkLinkShapes = map[BulkRel][3]string{
	SkillBroader:       {"Skill", "BROADER", "Skill"},
	OccupationBroader:  {"Occupation", "BROADER", "Occupation"},
	ProgrammeTeaches:   {"Programme", "TEACHES", "Skill"},
	ProgrammeLeadsTo:   {"Programme", "LEADS_TO", "Occupation"},
	OccupationInSector: {"Occupation", "IN_SECTOR", "Sector"},
	SectorBroader:      {"Sector", "BROADER", "Sector"},
	SkillInGroup:       {"Skill", "BROADER", "SkillGroup"},
}

// bulkLinkQueries match both ends of each row, find the link if it exists
// and classify the row: "missing" when an end is not in the graph,
// "created" when the link is new (the FOREACH then writes it and touches
// the start node's updatedAt so that change tracking sees it), else
// "unchanged".
var bulkLinkQueries = func() map[BulkRel]string {
	m := make(map[BulkRel]string, len(bulkLinkShapes))
	for rel, sh := range bulkLinkShapes {
		from, typ, to := sh[0], sh[1], sh[2]
		m[rel] = `UNWIND $rows AS row
OPTIONAL MATCH (a:` + from + ` {id: row.from})
OPTIONAL MATCH (b:` + to + ` {id: row.to})
OPTIONAL MATCH (a)-[old:` + typ + `]->(b)
WITH a, b, CASE WHEN a IS NULL OR b IS NULL THEN 'missing' WHEN old IS NULL THEN 'created' ELSE 'unchanged' END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'created' THEN [1] ELSE [] END |
  MERGE (a)-[:` + typ + `]->(b) SET a.updatedAt = datetime.transaction())
RETURN outcome, count(*) AS n`
	}
	return m
}()

// BulkLinks writes links of kind rel between existing nodes in one
// transaction. Links that exist already are unchanged; rows naming a missing
// node are counted as Missing and skipped. It returns EINVALID for an
// unknown rel or an empty id.
func (db *DB) BulkLinks(ctx context.Context, rel BulkRel, links []BulkLink) (BulkCounts, error) {
	query, ok := bulkLinkQueries[rel]
	if !ok {
		return BulkCounts{}, workforce.Invalid("rel", "unknown bulk link kind %d", rel)
	}
	rows := make([]any, len(links))
	for i, l := range links {
		if err := firstBulkError(workforce.ValidID("from", l.FromID), workforce.ValidID("to", l.ToID)); err != nil {
			return BulkCounts{}, err
		}
		rows[i] = map[string]any{"from": l.FromID, "to": l.ToID}
	}
	return db.bulkRun(ctx, "bulk links", query, rows)
}

const pruneOccupationSectorsQuery = `UNWIND $rows AS row
MATCH (a:Occupation {id: row.from})-[r:IN_SECTOR]->(s:Sector)
WHERE s.id STARTS WITH $prefix AND s.id <> row.to
DELETE r
SET a.updatedAt = datetime.transaction()
RETURN 'updated' AS outcome, count(*) AS n`

// PruneOccupationSectors removes, for each link, the occupation's other
// IN_SECTOR links to sectors whose id starts with prefix: an occupation
// whose SOC 2020 unit group changed leaves its old group. Removed links are
// counted as Updated. It returns EINVALID for an empty prefix or id.
func (db *DB) PruneOccupationSectors(ctx context.Context, prefix string, links []BulkLink) (BulkCounts, error) {
	if prefix == "" {
		return BulkCounts{}, workforce.Invalid("prefix", "want a sector id prefix")
	}
	rows := make([]any, len(links))
	for i, l := range links {
		if err := firstBulkError(workforce.ValidID("from", l.FromID), workforce.ValidID("to", l.ToID)); err != nil {
			return BulkCounts{}, err
		}
		rows[i] = map[string]any{"from": l.FromID, "to": l.ToID}
	}
	if len(rows) == 0 {
		return BulkCounts{}, nil
	}
	recs, err := bulkExecute(ctx, db, neo4j.AccessModeWrite, pruneOccupationSectorsQuery, map[string]any{"rows": rows, "prefix": prefix})
	if err != nil {
		return BulkCounts{}, fmt.Errorf("prune occupation sectors: %w", err)
	}
	var c BulkCounts
	for _, rec := range recs {
		n, _, err := neo4j.GetRecordValue[int64](rec, "n")
		if err != nil {
			return c, fmt.Errorf("prune occupation sectors: %w", err)
		}
		c.Updated += int(n)
	}
	return c, nil
}

const (
	bulkOccupationRequirementsQuery = `UNWIND $rows AS row
OPTIONAL MATCH (a:Occupation {id: row.from})
OPTIONAL MATCH (b:Skill {id: row.skill})
OPTIONAL MATCH (a)-[old:REQUIRES]->(b)
WITH a, b, row, CASE
  WHEN a IS NULL OR b IS NULL THEN 'missing'
  WHEN old IS NULL THEN 'created'
  WHEN old.essential = row.essential AND old.source = row.source AND old.confidence = row.confidence THEN 'unchanged'
  ELSE 'updated' END AS outcome
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  MERGE (a)-[r:REQUIRES]->(b)
  SET r.essential = row.essential, r.source = row.source, r.confidence = row.confidence, a.updatedAt = datetime.transaction())
RETURN outcome, count(*) AS n`
	bulkVacancyRequirementsQuery = `UNWIND $rows AS row
OPTIONAL MATCH (a:Vacancy {id: row.from})
OPTIONAL MATCH (b:Skill {id: row.skill})
OPTIONAL MATCH (a)-[old:REQUIRES]->(b)
WITH a, b, row, CASE
  WHEN a IS NULL OR b IS NULL THEN 'missing'
  WHEN old IS NULL THEN 'created'
  WHEN old.essential = row.essential AND old.source = row.source AND old.confidence = row.confidence THEN 'unchanged'
  ELSE 'updated' END AS outcome
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  MERGE (a)-[r:REQUIRES]->(b)
  SET r.essential = row.essential, r.source = row.source, r.confidence = row.confidence, a.updatedAt = datetime.transaction())
RETURN outcome, count(*) AS n`
)

// BulkOccupationRequirements writes the skills occupations require, in one
// transaction. A link that differs from the stored one is updated.
func (db *DB) BulkOccupationRequirements(ctx context.Context, reqs []BulkRequirement) (BulkCounts, error) {
	return db.bulkRequirements(ctx, "bulk occupation requirements", bulkOccupationRequirementsQuery, reqs)
}

// BulkVacancyRequirements writes the skills vacancies require, in one
// transaction. A link that differs from the stored one is updated.
func (db *DB) BulkVacancyRequirements(ctx context.Context, reqs []BulkRequirement) (BulkCounts, error) {
	return db.bulkRequirements(ctx, "bulk vacancy requirements", bulkVacancyRequirementsQuery, reqs)
}

func (db *DB) bulkRequirements(ctx context.Context, op, query string, reqs []BulkRequirement) (BulkCounts, error) {
	rows := make([]any, len(reqs))
	for i, r := range reqs {
		if err := firstBulkError(workforce.ValidID("from", r.FromID), r.Validate()); err != nil {
			return BulkCounts{}, err
		}
		rows[i] = map[string]any{"from": r.FromID, "skill": r.SkillID, "essential": r.Essential, "source": r.Source, "confidence": r.Confidence}
	}
	return db.bulkRun(ctx, op, query, rows)
}

// BulkSkillGroup is a group of ESCO's skills hierarchy, such as
// "complying with health and safety procedures".
type BulkSkillGroup struct {
	ID    string
	Label string
}

const bulkSkillGroupsQuery = `UNWIND $rows AS row
OPTIONAL MATCH (old:SkillGroup {id: row.id})
WITH row, CASE WHEN old IS NULL THEN 'created' WHEN old.label = row.label THEN 'unchanged' ELSE 'updated' END AS outcome
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  MERGE (g:SkillGroup {id: row.id})
  SET g.label = row.label, g.updatedAt = datetime.transaction())
RETURN outcome, count(*) AS n`

// BulkSkillGroups creates or updates skill groups, in one transaction. It
// returns EINVALID for an empty id or label.
func (db *DB) BulkSkillGroups(ctx context.Context, groups []BulkSkillGroup) (BulkCounts, error) {
	rows := make([]any, len(groups))
	for i, g := range groups {
		if err := workforce.ValidID("id", g.ID); err != nil {
			return BulkCounts{}, err
		}
		if strings.TrimSpace(g.Label) == "" {
			return BulkCounts{}, workforce.Invalid("label", "skill group %q: must not be empty", g.ID)
		}
		rows[i] = map[string]any{"id": g.ID, "label": g.Label}
	}
	return db.bulkRun(ctx, "bulk skill groups", bulkSkillGroupsQuery, rows)
}

const bulkSkillRelatedQuery = `UNWIND $rows AS row
OPTIONAL MATCH (a:Skill {id: row.from})
OPTIONAL MATCH (b:Skill {id: row.to})
OPTIONAL MATCH (a)-[old:RELATED]->(b)
WITH a, b, row, CASE
  WHEN a IS NULL OR b IS NULL THEN 'missing'
  WHEN old IS NULL THEN 'created'
  WHEN old.essential = row.essential THEN 'unchanged'
  ELSE 'updated' END AS outcome
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  MERGE (a)-[r:RELATED]->(b)
  SET r.essential = row.essential, a.updatedAt = datetime.transaction())
RETURN outcome, count(*) AS n`

// BulkSkillRelated writes RELATED links between skills, in one transaction.
func (db *DB) BulkSkillRelated(ctx context.Context, links []BulkRelated) (BulkCounts, error) {
	rows := make([]any, len(links))
	for i, l := range links {
		if err := firstBulkError(workforce.ValidID("from", l.FromID), workforce.ValidID("to", l.ToID)); err != nil {
			return BulkCounts{}, err
		}
		rows[i] = map[string]any{"from": l.FromID, "to": l.ToID, "essential": l.Essential}
	}
	return db.bulkRun(ctx, "bulk skill related", bulkSkillRelatedQuery, rows)
}

const bulkPersonSkillsQuery = `UNWIND $rows AS row
OPTIONAL MATCH (a:Person {id: row.person})
OPTIONAL MATCH (b:Skill {id: row.skill})
OPTIONAL MATCH (a)-[old:HAS_SKILL]->(b)
WITH a, b, row, CASE
  WHEN a IS NULL OR b IS NULL THEN 'missing'
  WHEN old IS NULL THEN 'created'
  WHEN old.level = row.level AND old.source = row.source THEN 'unchanged'
  ELSE 'updated' END AS outcome
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  MERGE (a)-[r:HAS_SKILL]->(b)
  SET r.level = row.level, r.source = row.source, a.updatedAt = datetime.transaction())
RETURN outcome, count(*) AS n`

// BulkPersonSkills writes the skills people hold, in one transaction.
func (db *DB) BulkPersonSkills(ctx context.Context, skills []BulkPersonSkill) (BulkCounts, error) {
	rows := make([]any, len(skills))
	for i, s := range skills {
		if err := firstBulkError(workforce.ValidID("personId", s.PersonID), s.Validate()); err != nil {
			return BulkCounts{}, err
		}
		rows[i] = map[string]any{"person": s.PersonID, "skill": s.SkillID, "level": int64(s.Level), "source": s.Source}
	}
	return db.bulkRun(ctx, "bulk person skills", bulkPersonSkillsQuery, rows)
}

// Queries that list which of some ids exist, one per kind of node.
var bulkExistingQueries = map[workforce.Kind]string{
	workforce.KindSkill:      `UNWIND $ids AS id MATCH (n:Skill {id: id}) RETURN n.id AS id`,
	workforce.KindOccupation: `UNWIND $ids AS id MATCH (n:Occupation {id: id}) RETURN n.id AS id`,
	workforce.KindSector:     `UNWIND $ids AS id MATCH (n:Sector {id: id}) RETURN n.id AS id`,
	workforce.KindEmployer:   `UNWIND $ids AS id MATCH (n:Employer {id: id}) RETURN n.id AS id`,
	workforce.KindVacancy:    `UNWIND $ids AS id MATCH (n:Vacancy {id: id}) RETURN n.id AS id`,
	workforce.KindPerson:     `UNWIND $ids AS id MATCH (n:Person {id: id}) RETURN n.id AS id`,
	workforce.KindProvider:   `UNWIND $ids AS id MATCH (n:Provider {id: id}) RETURN n.id AS id`,
	workforce.KindProgramme:  `UNWIND $ids AS id MATCH (n:Programme {id: id}) RETURN n.id AS id`,
	workforce.KindPlace:      `UNWIND $ids AS id MATCH (n:Place {id: id}) RETURN n.id AS id`,
}

// BulkExisting returns the set of ids of nodes of kind that exist, so that
// importers can reject rows that name missing nodes before they write.
func (db *DB) BulkExisting(ctx context.Context, kind workforce.Kind, ids []string) (map[string]bool, error) {
	query, ok := bulkExistingQueries[kind]
	if !ok {
		return nil, workforce.Invalid("kind", "unknown kind %q", kind)
	}
	found := make(map[string]bool, len(ids))
	const chunk = 10_000
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		recs, err := bulkExecute(ctx, db, neo4j.AccessModeRead, query, map[string]any{"ids": part})
		if err != nil {
			return nil, fmt.Errorf("bulk existing %s: %w", kind, err)
		}
		for _, rec := range recs {
			id, _, err := neo4j.GetRecordValue[string](rec, "id")
			if err != nil {
				return nil, fmt.Errorf("bulk existing %s: %w", kind, err)
			}
			found[id] = true
		}
	}
	return found, nil
}

// bulkRun runs a bulk link query over rows in one write transaction and
// gathers its outcome counts.
func (db *DB) bulkRun(ctx context.Context, op, query string, rows []any) (BulkCounts, error) {
	var c BulkCounts
	if len(rows) == 0 {
		return c, nil
	}
	recs, err := bulkExecute(ctx, db, neo4j.AccessModeWrite, query, map[string]any{"rows": rows})
	if err != nil {
		return c, fmt.Errorf("%s: %w", op, err)
	}
	for _, rec := range recs {
		outcome, _, err := neo4j.GetRecordValue[string](rec, "outcome")
		if err != nil {
			return c, fmt.Errorf("%s: %w", op, err)
		}
		n, _, err := neo4j.GetRecordValue[int64](rec, "n")
		if err != nil {
			return c, fmt.Errorf("%s: %w", op, err)
		}
		switch outcome {
		case "created":
			c.Created += int(n)
		case "updated":
			c.Updated += int(n)
		case "unchanged":
			c.Unchanged += int(n)
		case "missing":
			c.Missing += int(n)
		}
	}
	return c, nil
}

// bulkExecute runs one query in a managed transaction of the given mode
// (retried on transient errors) and returns its records.
func bulkExecute(ctx context.Context, db *DB, mode neo4j.AccessMode, query string, params map[string]any) ([]*neo4j.Record, error) {
	session := db.Driver().NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.Database(), AccessMode: mode})
	defer session.Close(ctx)
	work := func(tx neo4j.ManagedTransaction) ([]*neo4j.Record, error) {
		res, err := tx.Run(ctx, query, params)
		if err != nil {
			return nil, err
		}
		return res.Collect(ctx)
	}
	if mode == neo4j.AccessModeRead {
		return neo4j.ExecuteRead(ctx, session, work)
	}
	return neo4j.ExecuteWrite(ctx, session, work)
}

func firstBulkError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

const bulkPlacePointsQuery = `MATCH (n:Place {kind: $kind}) WHERE n.location IS NOT NULL
RETURN n.id AS id, n.location.y AS lat, n.location.x AS lon`

// BulkPlacePoints returns every place of kind that has a location, with only
// its id, kind and location set, for nearest-place lookups in importers.
func (db *DB) BulkPlacePoints(ctx context.Context, kind workforce.PlaceKind) ([]*workforce.Place, error) {
	recs, err := bulkExecute(ctx, db, neo4j.AccessModeRead, bulkPlacePointsQuery, map[string]any{"kind": string(kind)})
	if err != nil {
		return nil, fmt.Errorf("bulk place points: %w", err)
	}
	places := make([]*workforce.Place, 0, len(recs))
	for _, rec := range recs {
		id, _, err1 := neo4j.GetRecordValue[string](rec, "id")
		lat, _, err2 := neo4j.GetRecordValue[float64](rec, "lat")
		lon, _, err3 := neo4j.GetRecordValue[float64](rec, "lon")
		if err := firstBulkError(err1, err2, err3); err != nil {
			return nil, fmt.Errorf("bulk place points: %w", err)
		}
		places = append(places, &workforce.Place{ID: id, Kind: kind, Location: &workforce.Point{Lat: lat, Lon: lon}})
	}
	return places, nil
}

const bulkEmployerNamesQuery = `MATCH (n:Employer) RETURN n.id AS id, n.name AS name`

// BulkEmployerNames returns the name of every employer by id, for importers
// that match organisations by name.
func (db *DB) BulkEmployerNames(ctx context.Context) (map[string]string, error) {
	recs, err := bulkExecute(ctx, db, neo4j.AccessModeRead, bulkEmployerNamesQuery, nil)
	if err != nil {
		return nil, fmt.Errorf("bulk employer names: %w", err)
	}
	names := make(map[string]string, len(recs))
	for _, rec := range recs {
		id, _, err1 := neo4j.GetRecordValue[string](rec, "id")
		name, _, err2 := neo4j.GetRecordValue[string](rec, "name")
		if err := firstBulkError(err1, err2); err != nil {
			return nil, fmt.Errorf("bulk employer names: %w", err)
		}
		names[id] = name
	}
	return names, nil
}

// BulkSectorDetails is the text kept on a sector made from a SOC group,
// beyond what workforce.Sector holds.
type BulkSectorDetails struct {
	ID               string
	Description      string
	EntryRoutes      string
	Tasks            []string
	RelatedJobTitles []string
}

const bulkSectorDetailsQuery = `UNWIND $rows AS row
OPTIONAL MATCH (a:Sector {id: row.id})
WITH a, row, CASE
  WHEN a IS NULL THEN 'missing'
  WHEN a.description IS NULL AND a.entryRoutes IS NULL AND a.tasks IS NULL AND a.relatedJobTitles IS NULL THEN 'created'
  WHEN coalesce(a.description, '') = row.description AND coalesce(a.entryRoutes, '') = row.entryRoutes
    AND coalesce(a.tasks, []) = row.tasks AND coalesce(a.relatedJobTitles, []) = row.relatedJobTitles THEN 'unchanged'
  ELSE 'updated' END AS outcome
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  SET a.description = row.description, a.entryRoutes = row.entryRoutes, a.tasks = row.tasks,
      a.relatedJobTitles = row.relatedJobTitles, a.updatedAt = datetime.transaction())
RETURN outcome, count(*) AS n`

// BulkSectorDetails sets the description, entry routes, tasks and related
// job titles of existing sectors, in one transaction.
func (db *DB) BulkSectorDetails(ctx context.Context, details []BulkSectorDetails) (BulkCounts, error) {
	rows := make([]any, len(details))
	for i, d := range details {
		if err := workforce.ValidID("id", d.ID); err != nil {
			return BulkCounts{}, err
		}
		rows[i] = map[string]any{"id": d.ID, "description": d.Description, "entryRoutes": d.EntryRoutes,
			"tasks": bulkStrings(d.Tasks), "relatedJobTitles": bulkStrings(d.RelatedJobTitles)}
	}
	return db.bulkRun(ctx, "bulk sector details", bulkSectorDetailsQuery, rows)
}

// bulkStrings returns s as a list parameter, never nil.
func bulkStrings(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// Queries that delete, in batches of their own transactions, the nodes of
// one kind whose id starts with a prefix.
var bulkDeletePrefixQueries = map[workforce.Kind]string{
	workforce.KindPerson:    `MATCH (n:Person) WHERE n.id STARTS WITH $prefix CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
	workforce.KindVacancy:   `MATCH (n:Vacancy) WHERE n.id STARTS WITH $prefix CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
	workforce.KindEmployer:  `MATCH (n:Employer) WHERE n.id STARTS WITH $prefix CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
	workforce.KindProgramme: `MATCH (n:Programme) WHERE n.id STARTS WITH $prefix CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
	workforce.KindProvider:  `MATCH (n:Provider) WHERE n.id STARTS WITH $prefix CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
}

// BulkDeletePrefix deletes every person, vacancy, employer, programme and
// provider whose id starts with prefix, with their relationships, in
// batches. It is for removing synthetic data; a prefix shorter than 8
// characters is refused (EINVALID) so that a slip cannot empty the graph.
func (db *DB) BulkDeletePrefix(ctx context.Context, prefix string) error {
	if len(prefix) < 8 {
		return workforce.Invalid("prefix", "must be at least 8 characters, got %q", prefix)
	}
	session := db.Driver().NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.Database(), AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	for _, kind := range []workforce.Kind{workforce.KindPerson, workforce.KindVacancy, workforce.KindProgramme, workforce.KindProvider, workforce.KindEmployer} {
		// CALL ... IN TRANSACTIONS needs an auto-commit transaction.
		res, err := session.Run(ctx, bulkDeletePrefixQueries[kind], map[string]any{"prefix": prefix})
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return fmt.Errorf("bulk delete %s %q: %w", kind, prefix, err)
		}
	}
	return nil
}
