package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/onework/onework/workforce"
)

// Link and unlink methods change one relationship between two nodes, a
// ($from, the node whose links change) and b ($to). Each query looks up both
// ends and changes the relationship only when both exist; its change must
// leave rows with a and changed, so that a's updatedAt moves only when the
// graph really changed. Every query returns fromFound and toFound.
const (
	linkBegin = `
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL`
	linkEnd = `
  WITH a, changed WHERE changed
  SET a.updatedAt = datetime.transaction()
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound`
	// setLink follows an OPTIONAL MATCH of the old relationship: the link
	// changes when it is new or its properties differ from $props.
	setLink = `
  WITH a, b, old IS NULL OR properties(old) <> $props AS changed`
	// deleteLink follows an OPTIONAL MATCH of the relationship r.
	deleteLink = `
  WITH a, r, r IS NOT NULL AS changed
  DELETE r`
)

// ends names the two kinds a link joins and the input fields that hold
// their ids, for errors.
type ends struct {
	from, to           workforce.Kind
	fromField, toField string
}

// changeLink runs a link or unlink query and returns ENOTFOUND when either
// end does not exist.
func (db *DB) changeLink(ctx context.Context, op string, e ends, query, fromID, toID string, props map[string]any) error {
	if err := workforce.ValidID(e.fromField, fromID); err != nil {
		return err
	}
	if err := workforce.ValidID(e.toField, toID); err != nil {
		return err
	}
	if props == nil {
		props = map[string]any{}
	}
	found, err := write(ctx, db, func(tx neo4j.ManagedTransaction) ([2]bool, error) {
		var found [2]bool
		records, err := collect(ctx, tx, query, map[string]any{"from": fromID, "to": toID, "props": props})
		if err != nil || len(records) == 0 {
			return found, err
		}
		if found[0], _, err = neo4j.GetRecordValue[bool](records[0], "fromFound"); err != nil {
			return found, err
		}
		found[1], _, err = neo4j.GetRecordValue[bool](records[0], "toFound")
		return found, err
	})
	switch {
	case err != nil:
		return wrap(op, err)
	case !found[0]:
		return notFound(e.fromField, e.from, fromID)
	case !found[1]:
		return notFound(e.toField, e.to, toID)
	}
	return nil
}

var personSkill = ends{workforce.KindPerson, workforce.KindSkill, "personId", "skillId"}

const linkPersonSkillQuery = `
OPTIONAL MATCH (a:Person {id: $from})
OPTIONAL MATCH (b:Skill {id: $to})` + linkBegin + `
  OPTIONAL MATCH (a)-[old:HAS_SKILL]->(b)` + setLink + `
  MERGE (a)-[r:HAS_SKILL]->(b)
  SET r = $props` + linkEnd

// LinkPersonSkill adds a skill to a person or updates its level and source.
// It returns EINVALID for a bad level or id and ENOTFOUND when the person or
// the skill does not exist.
func (db *DB) LinkPersonSkill(ctx context.Context, personID string, s workforce.PersonSkill) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.changeLink(ctx, "link person skill", personSkill, linkPersonSkillQuery, personID, s.SkillID,
		map[string]any{"level": int64(s.Level), "source": s.Source})
}

const unlinkPersonSkillQuery = `
OPTIONAL MATCH (a:Person {id: $from})
OPTIONAL MATCH (b:Skill {id: $to})` + linkBegin + `
  OPTIONAL MATCH (a)-[r:HAS_SKILL]->(b)` + deleteLink + linkEnd

// UnlinkPersonSkill removes a skill from a person, if the person has it. It
// returns ENOTFOUND when the person or the skill does not exist.
func (db *DB) UnlinkPersonSkill(ctx context.Context, personID, skillID string) error {
	return db.changeLink(ctx, "unlink person skill", personSkill, unlinkPersonSkillQuery, personID, skillID, nil)
}

// linkRequirement validates r and writes it as the properties of a REQUIRES
// relationship.
func (db *DB) linkRequirement(ctx context.Context, op string, e ends, query, fromID string, r workforce.Requirement) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return db.changeLink(ctx, op, e, query, fromID, r.SkillID,
		map[string]any{"essential": r.Essential, "source": r.Source, "confidence": r.Confidence})
}

var vacancySkill = ends{workforce.KindVacancy, workforce.KindSkill, "vacancyId", "skillId"}

const linkVacancySkillQuery = `
OPTIONAL MATCH (a:Vacancy {id: $from})
OPTIONAL MATCH (b:Skill {id: $to})` + linkBegin + `
  OPTIONAL MATCH (a)-[old:REQUIRES]->(b)` + setLink + `
  MERGE (a)-[r:REQUIRES]->(b)
  SET r = $props` + linkEnd

// LinkVacancySkill adds a requirement to a vacancy or updates it. It returns
// EINVALID for a bad requirement and ENOTFOUND when the vacancy or the skill
// does not exist.
func (db *DB) LinkVacancySkill(ctx context.Context, vacancyID string, r workforce.Requirement) error {
	return db.linkRequirement(ctx, "link vacancy skill", vacancySkill, linkVacancySkillQuery, vacancyID, r)
}

const unlinkVacancySkillQuery = `
OPTIONAL MATCH (a:Vacancy {id: $from})
OPTIONAL MATCH (b:Skill {id: $to})` + linkBegin + `
  OPTIONAL MATCH (a)-[r:REQUIRES]->(b)` + deleteLink + linkEnd

// UnlinkVacancySkill removes a requirement from a vacancy, if it has it. It
// returns ENOTFOUND when the vacancy or the skill does not exist.
func (db *DB) UnlinkVacancySkill(ctx context.Context, vacancyID, skillID string) error {
	return db.changeLink(ctx, "unlink vacancy skill", vacancySkill, unlinkVacancySkillQuery, vacancyID, skillID, nil)
}

var occupationSkill = ends{workforce.KindOccupation, workforce.KindSkill, "occupationId", "skillId"}

const linkOccupationSkillQuery = `
OPTIONAL MATCH (a:Occupation {id: $from})
OPTIONAL MATCH (b:Skill {id: $to})` + linkBegin + `
  OPTIONAL MATCH (a)-[old:REQUIRES]->(b)` + setLink + `
  MERGE (a)-[r:REQUIRES]->(b)
  SET r = $props` + linkEnd

// LinkOccupationSkill adds a requirement to an occupation or updates it. It
// returns EINVALID for a bad requirement and ENOTFOUND when the occupation
// or the skill does not exist.
func (db *DB) LinkOccupationSkill(ctx context.Context, occupationID string, r workforce.Requirement) error {
	return db.linkRequirement(ctx, "link occupation skill", occupationSkill, linkOccupationSkillQuery, occupationID, r)
}

const unlinkOccupationSkillQuery = `
OPTIONAL MATCH (a:Occupation {id: $from})
OPTIONAL MATCH (b:Skill {id: $to})` + linkBegin + `
  OPTIONAL MATCH (a)-[r:REQUIRES]->(b)` + deleteLink + linkEnd

// UnlinkOccupationSkill removes a requirement from an occupation, if it has
// it. It returns ENOTFOUND when the occupation or the skill does not exist.
func (db *DB) UnlinkOccupationSkill(ctx context.Context, occupationID, skillID string) error {
	return db.changeLink(ctx, "unlink occupation skill", occupationSkill, unlinkOccupationSkillQuery, occupationID, skillID, nil)
}

var programmeSkill = ends{workforce.KindProgramme, workforce.KindSkill, "programmeId", "skillId"}

const linkProgrammeSkillQuery = `
OPTIONAL MATCH (a:Programme {id: $from})
OPTIONAL MATCH (b:Skill {id: $to})` + linkBegin + `
  OPTIONAL MATCH (a)-[old:TEACHES]->(b)` + setLink + `
  MERGE (a)-[r:TEACHES]->(b)` + linkEnd

// LinkProgrammeSkill records that a programme teaches a skill. It returns
// ENOTFOUND when the programme or the skill does not exist.
func (db *DB) LinkProgrammeSkill(ctx context.Context, programmeID, skillID string) error {
	return db.changeLink(ctx, "link programme skill", programmeSkill, linkProgrammeSkillQuery, programmeID, skillID, nil)
}

const unlinkProgrammeSkillQuery = `
OPTIONAL MATCH (a:Programme {id: $from})
OPTIONAL MATCH (b:Skill {id: $to})` + linkBegin + `
  OPTIONAL MATCH (a)-[r:TEACHES]->(b)` + deleteLink + linkEnd

// UnlinkProgrammeSkill records that a programme no longer teaches a skill.
// It returns ENOTFOUND when the programme or the skill does not exist.
func (db *DB) UnlinkProgrammeSkill(ctx context.Context, programmeID, skillID string) error {
	return db.changeLink(ctx, "unlink programme skill", programmeSkill, unlinkProgrammeSkillQuery, programmeID, skillID, nil)
}

var programmeOccupation = ends{workforce.KindProgramme, workforce.KindOccupation, "programmeId", "occupationId"}

const linkProgrammeOccupationQuery = `
OPTIONAL MATCH (a:Programme {id: $from})
OPTIONAL MATCH (b:Occupation {id: $to})` + linkBegin + `
  OPTIONAL MATCH (a)-[old:LEADS_TO]->(b)` + setLink + `
  MERGE (a)-[r:LEADS_TO]->(b)` + linkEnd

// LinkProgrammeOccupation records that a programme leads to an occupation.
// It returns ENOTFOUND when the programme or the occupation does not exist.
func (db *DB) LinkProgrammeOccupation(ctx context.Context, programmeID, occupationID string) error {
	return db.changeLink(ctx, "link programme occupation", programmeOccupation, linkProgrammeOccupationQuery, programmeID, occupationID, nil)
}

const unlinkProgrammeOccupationQuery = `
OPTIONAL MATCH (a:Programme {id: $from})
OPTIONAL MATCH (b:Occupation {id: $to})` + linkBegin + `
  OPTIONAL MATCH (a)-[r:LEADS_TO]->(b)` + deleteLink + linkEnd

// UnlinkProgrammeOccupation records that a programme no longer leads to an
// occupation. It returns ENOTFOUND when either does not exist.
func (db *DB) UnlinkProgrammeOccupation(ctx context.Context, programmeID, occupationID string) error {
	return db.changeLink(ctx, "unlink programme occupation", programmeOccupation, unlinkProgrammeOccupationQuery, programmeID, occupationID, nil)
}

var programmeProvider = ends{workforce.KindProgramme, workforce.KindProvider, "programmeId", "providerId"}

// linkProviderProgrammeQuery makes b the only provider that runs a.
const linkProviderProgrammeQuery = `
OPTIONAL MATCH (a:Programme {id: $from})
OPTIONAL MATCH (b:Provider {id: $to})` + linkBegin + `
  WITH a, b, NOT (EXISTS { (b)-[:RUNS]->(a) } AND COUNT { (:Provider)-[:RUNS]->(a) } = 1) AS changed
  CALL (a, b) { OPTIONAL MATCH (p:Provider)-[r:RUNS]->(a) WHERE p <> b DELETE r }
  MERGE (b)-[:RUNS]->(a)` + linkEnd

// LinkProviderProgramme records that a provider runs a programme, replacing
// any other provider of it. It returns ENOTFOUND when the provider or the
// programme does not exist.
func (db *DB) LinkProviderProgramme(ctx context.Context, providerID, programmeID string) error {
	return db.changeLink(ctx, "link provider programme", programmeProvider, linkProviderProgrammeQuery, programmeID, providerID, nil)
}

// recordProgressionQuery keeps one PROGRESSED_INTO per period.
const recordProgressionQuery = `
OPTIONAL MATCH (a:Programme {id: $from})
OPTIONAL MATCH (b:Occupation {id: $to})` + linkBegin + `
  OPTIONAL MATCH (a)-[old:PROGRESSED_INTO {period: $props.period}]->(b)
  WITH a, b, old IS NULL OR old.learners <> $props.learners AS changed
  MERGE (a)-[r:PROGRESSED_INTO {period: $props.period}]->(b)
  SET r.learners = $props.learners` + linkEnd

// RecordProgression adds or replaces the number of a programme's learners
// who went on to an occupation in a period. It returns EINVALID for a bad
// progression and ENOTFOUND when the programme or the occupation does not
// exist.
func (db *DB) RecordProgression(ctx context.Context, p workforce.Progression) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.changeLink(ctx, "record progression", programmeOccupation, recordProgressionQuery, p.ProgrammeID, p.OccupationID,
		map[string]any{"learners": int64(p.Learners), "period": p.Period})
}
