package store

import (
	"context"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/onework/onework/workforce"
)

// Edge queries read the links of many nodes at once. Each returns one row
// per link, ordered by id and then by the other end: id (the given node), to
// (the other end) and props (the link's properties).

// edges runs an edge query for ids in one round trip and groups its rows by
// id, turning each into a V.
func edges[V any](ctx context.Context, db *DB, op, query string, ids []string, value func(id, to string, props *decoder) V) (map[string][]V, error) {
	if len(ids) == 0 {
		return map[string][]V{}, nil
	}
	out, err := readWith(ctx, db, query, map[string]any{"ids": ids}, func(records []*neo4j.Record) (map[string][]V, error) {
		out := make(map[string][]V)
		for _, rec := range records {
			id, _, err := neo4j.GetRecordValue[string](rec, "id")
			if err != nil {
				return nil, err
			}
			to, _, err := neo4j.GetRecordValue[string](rec, "to")
			if err != nil {
				return nil, err
			}
			props, _, err := neo4j.GetRecordValue[map[string]any](rec, "props")
			if err != nil {
				return nil, err
			}
			d := &decoder{m: props}
			v := value(id, to, d)
			if d.err != nil {
				return nil, d.err
			}
			out[id] = append(out[id], v)
		}
		return out, nil
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	return out, nil
}

// edgeIDs returns the other end of each link.
func edgeIDs(_, to string, _ *decoder) string { return to }

const personSkillsQuery = `
MATCH (a:Person)-[r:HAS_SKILL]->(b:Skill) WHERE a.id IN $ids
RETURN a.id AS id, b.id AS to, properties(r) AS props ORDER BY id, to`

// PersonSkills returns the skills each person holds, sorted by skill id.
func (db *DB) PersonSkills(ctx context.Context, personIDs []string) (map[string][]workforce.PersonSkill, error) {
	return edges(ctx, db, "person skills", personSkillsQuery, personIDs, func(_, to string, d *decoder) workforce.PersonSkill {
		return workforce.PersonSkill{SkillID: to, Level: d.int("level"), Source: d.str("source")}
	})
}

func decodeRequirement(_, to string, d *decoder) workforce.Requirement {
	return workforce.Requirement{SkillID: to, Essential: d.bool("essential"), Source: d.str("source"), Confidence: d.float("confidence")}
}

const vacancyRequirementsQuery = `
MATCH (a:Vacancy)-[r:REQUIRES]->(b:Skill) WHERE a.id IN $ids
RETURN a.id AS id, b.id AS to, properties(r) AS props ORDER BY id, to`

// VacancyRequirements returns the skills each vacancy requires, sorted by
// skill id.
func (db *DB) VacancyRequirements(ctx context.Context, vacancyIDs []string) (map[string][]workforce.Requirement, error) {
	return edges(ctx, db, "vacancy requirements", vacancyRequirementsQuery, vacancyIDs, decodeRequirement)
}

const occupationRequirementsQuery = `
MATCH (a:Occupation)-[r:REQUIRES]->(b:Skill) WHERE a.id IN $ids
RETURN a.id AS id, b.id AS to, properties(r) AS props ORDER BY id, to`

// OccupationRequirements returns the skills each occupation requires,
// sorted by skill id.
func (db *DB) OccupationRequirements(ctx context.Context, occupationIDs []string) (map[string][]workforce.Requirement, error) {
	return edges(ctx, db, "occupation requirements", occupationRequirementsQuery, occupationIDs, decodeRequirement)
}

// taxonomyLinks folds rows of {dir} links into Links, each list sorted and
// without repeats (RELATED may be stored in both directions).
func taxonomyLinks(ctx context.Context, db *DB, op, query string, ids []string) (map[string]workforce.Links, error) {
	rows, err := edges(ctx, db, op, query, ids, func(_, to string, d *decoder) [2]string {
		return [2]string{d.str("dir"), to}
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string]workforce.Links, len(rows))
	for id, links := range rows {
		var l workforce.Links
		for _, link := range links {
			switch link[0] {
			case "broader":
				l.Broader = append(l.Broader, link[1])
			case "narrower":
				l.Narrower = append(l.Narrower, link[1])
			default:
				l.Related = append(l.Related, link[1])
			}
		}
		l.Broader, l.Narrower, l.Related = slices.Compact(l.Broader), slices.Compact(l.Narrower), slices.Compact(l.Related)
		out[id] = l
	}
	return out, nil
}

const skillLinksQuery = `
MATCH (a:Skill)-[r:BROADER|RELATED]-(b:Skill) WHERE a.id IN $ids AND a <> b
RETURN a.id AS id, b.id AS to,
  {dir: CASE WHEN type(r) = 'RELATED' THEN 'related' WHEN startNode(r) = a THEN 'broader' ELSE 'narrower' END} AS props
ORDER BY id, to`

// SkillLinks returns each skill's broader, narrower and related skills,
// sorted by id.
func (db *DB) SkillLinks(ctx context.Context, skillIDs []string) (map[string]workforce.Links, error) {
	return taxonomyLinks(ctx, db, "skill links", skillLinksQuery, skillIDs)
}

const skillGroupsQuery = `
MATCH (a:Skill)-[r:BROADER]->(b:SkillGroup) WHERE a.id IN $ids
RETURN a.id AS id, b.id AS to, properties(r) AS props ORDER BY id, to`

// SkillGroups returns the ESCO skill groups each skill is filed under,
// sorted by id.
func (db *DB) SkillGroups(ctx context.Context, skillIDs []string) (map[string][]string, error) {
	return edges(ctx, db, "skill groups", skillGroupsQuery, skillIDs, edgeIDs)
}

const occupationLinksQuery = `
MATCH (a:Occupation)-[r:BROADER]-(b:Occupation) WHERE a.id IN $ids AND a <> b
RETURN a.id AS id, b.id AS to, {dir: CASE WHEN startNode(r) = a THEN 'broader' ELSE 'narrower' END} AS props
ORDER BY id, to`

// OccupationLinks returns each occupation's broader and narrower
// occupations, sorted by id.
func (db *DB) OccupationLinks(ctx context.Context, occupationIDs []string) (map[string]workforce.Links, error) {
	return taxonomyLinks(ctx, db, "occupation links", occupationLinksQuery, occupationIDs)
}

const occupationSectorsQuery = `
MATCH (a:Occupation)-[r:IN_SECTOR]->(b:Sector) WHERE a.id IN $ids
RETURN a.id AS id, b.id AS to, properties(r) AS props ORDER BY id, to`

// OccupationSectors returns the sectors of each occupation, sorted by id.
func (db *DB) OccupationSectors(ctx context.Context, occupationIDs []string) (map[string][]string, error) {
	return edges(ctx, db, "occupation sectors", occupationSectorsQuery, occupationIDs, edgeIDs)
}

const programmeSkillsQuery = `
MATCH (a:Programme)-[r:TEACHES]->(b:Skill) WHERE a.id IN $ids
RETURN a.id AS id, b.id AS to, properties(r) AS props ORDER BY id, to`

// ProgrammeSkills returns the skills each programme teaches, sorted by id.
func (db *DB) ProgrammeSkills(ctx context.Context, programmeIDs []string) (map[string][]string, error) {
	return edges(ctx, db, "programme skills", programmeSkillsQuery, programmeIDs, edgeIDs)
}

const programmeOccupationsQuery = `
MATCH (a:Programme)-[r:LEADS_TO]->(b:Occupation) WHERE a.id IN $ids
RETURN a.id AS id, b.id AS to, properties(r) AS props ORDER BY id, to`

// ProgrammeOccupations returns the occupations each programme leads to,
// sorted by id.
func (db *DB) ProgrammeOccupations(ctx context.Context, programmeIDs []string) (map[string][]string, error) {
	return edges(ctx, db, "programme occupations", programmeOccupationsQuery, programmeIDs, edgeIDs)
}

const programmeProgressionsQuery = `
MATCH (a:Programme)-[r:PROGRESSED_INTO]->(b:Occupation) WHERE a.id IN $ids
RETURN a.id AS id, b.id AS to, properties(r) AS props ORDER BY id, to, props.period`

// ProgrammeProgressions returns the recorded progressions of each
// programme, sorted by occupation and period.
func (db *DB) ProgrammeProgressions(ctx context.Context, programmeIDs []string) (map[string][]workforce.Progression, error) {
	return edges(ctx, db, "programme progressions", programmeProgressionsQuery, programmeIDs, func(id, to string, d *decoder) workforce.Progression {
		return workforce.Progression{ProgrammeID: id, OccupationID: to, Learners: d.int("learners"), Period: d.str("period")}
	})
}
