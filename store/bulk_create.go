package store

// This file holds the bulk creates used to load many new nodes fast (the
// synthetic benchmark data): one CREATE query per batch that writes the
// nodes, their references and their links to skills together, where the
// upserts read what is stored, compare and MERGE row by row.

import (
	"context"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/onework/onework/workforce"
)

// createProps starts a bulk create: it sets what setProps sets on a new
// node.
const createProps = `
SET n += row.props, n.createdAt = datetime.transaction(), n.updatedAt = datetime.transaction()`

// bulkCreateQuery derives the create query of a kind from its upsert
// query, so that a created node gets exactly the properties and references
// an upsert would give it: the upsert's MERGE becomes a CREATE (which fails
// on the id's uniqueness constraint when the node exists), and each row's
// "links" become relationships of type rel to nodes labelled to, found by
// id through their constraint's index. A link to a missing node is skipped
// and not counted in "linked". It panics if upsert does not start the way
// every upsert does, which the package's tests would show at once.
func bulkCreateQuery(upsert string, label workforce.Kind, rel, to string) string {
	merge := "MERGE (n:" + string(label) + " {id: row.id})" + setProps
	if !strings.Contains(upsert, merge) {
		panic("store: the upsert of " + string(label) + " does not MERGE by id")
	}
	return strings.Replace(upsert, merge, "CREATE (n:"+string(label)+" {id: row.id})"+createProps, 1) + `
WITH n, row
CALL (n, row) {
  UNWIND row.links AS l
  MATCH (b:` + to + ` {id: l.to})
  CREATE (n)-[r:` + rel + `]->(b)
  SET r = l.props
  RETURN count(*) AS linked
}
RETURN sum(linked) AS linked`
}

var (
	bulkCreatePeopleQuery    = bulkCreateQuery(upsertPeopleQuery, workforce.KindPerson, "HAS_SKILL", "Skill")
	bulkCreateVacanciesQuery = bulkCreateQuery(upsertVacanciesQuery, workforce.KindVacancy, "REQUIRES", "Skill")
)

// BulkCreatePeople creates people who are not in the graph yet, with the
// skills of theirs in skills, in one transaction: what UpsertPeople and
// BulkPersonSkills would write, without reading or comparing, for loading
// many new people. It returns ECONFLICT (writing nothing) when one of them
// exists already, EINVALID for an invalid person or skill or a skill of
// someone not in items, and ENOTFOUND for a missing place or occupation;
// skills naming a missing skill are counted as Missing.
func (db *DB) BulkCreatePeople(ctx context.Context, items []*workforce.Person, skills []BulkPersonSkill) (nodes, links BulkCounts, err error) {
	if err := db.checkRegistrations(ctx, items); err != nil {
		return nodes, links, err
	}
	rows := make([]bulkCreateLink, len(skills))
	for i, s := range skills {
		if err := firstBulkError(workforce.ValidID("personId", s.PersonID), s.Validate()); err != nil {
			return nodes, links, err
		}
		rows[i] = bulkCreateLink{s.PersonID, map[string]any{"to": s.SkillID, "props": map[string]any{"level": int64(s.Level), "source": s.Source}}}
	}
	return bulkCreate(ctx, db, people, bulkCreatePeopleQuery, items, rows)
}

// BulkCreateVacancies creates vacancies that are not in the graph yet, with
// the requirements of theirs in reqs, in one transaction: what
// UpsertVacancies and BulkVacancyRequirements would write, without reading
// or comparing. Errors as BulkCreatePeople.
func (db *DB) BulkCreateVacancies(ctx context.Context, items []*workforce.Vacancy, reqs []BulkRequirement) (nodes, links BulkCounts, err error) {
	rows := make([]bulkCreateLink, len(reqs))
	for i, r := range reqs {
		if err := firstBulkError(workforce.ValidID("from", r.FromID), r.Validate()); err != nil {
			return nodes, links, err
		}
		rows[i] = bulkCreateLink{r.FromID, map[string]any{"to": r.SkillID,
			"props": map[string]any{"essential": r.Essential, "source": r.Source, "confidence": r.Confidence}}}
	}
	return bulkCreate(ctx, db, vacancies, bulkCreateVacanciesQuery, items, rows)
}

// bulkCreateLink is a link from a node being created (from) to another
// node, as a row of a create query's "links".
type bulkCreateLink struct {
	from string
	row  map[string]any
}

// bulkCreate validates items as upsert does, attaches each link to its
// node's row and runs query, made by bulkCreateQuery, in one transaction
// after checking the items' references.
func bulkCreate[T any](ctx context.Context, db *DB, k *nodeKind[T], query string, items []*T, links []bulkCreateLink) (nodes, linked BulkCounts, err error) {
	if len(items) == 0 {
		if len(links) > 0 {
			return nodes, linked, workforce.Invalid("links", "%d links but no %s to create", len(links), k.plural)
		}
		return nodes, linked, nil
	}
	ids, err := k.check(items)
	if err != nil {
		return nodes, linked, err
	}
	byID := make(map[string][]any, len(ids))
	for _, id := range ids {
		byID[id] = []any{}
	}
	for _, l := range links {
		if _, ok := byID[l.from]; !ok {
			return nodes, linked, workforce.Invalid("links", "%q is not among the %s to create", l.from, k.plural)
		}
		byID[l.from] = append(byID[l.from], l.row)
	}
	rows := make([]map[string]any, len(items))
	for i, item := range items {
		rows[i] = k.encode(item)
		rows[i]["links"] = byID[ids[i]]
	}
	n, err := write(ctx, db, func(tx neo4j.ManagedTransaction) (int64, error) {
		if err := k.checkRefs(ctx, tx, items, ids); err != nil {
			return 0, err
		}
		recs, err := collect(ctx, tx, query, map[string]any{"rows": rows})
		if err != nil || len(recs) == 0 {
			return 0, err
		}
		n, _, err := neo4j.GetRecordValue[int64](recs[0], "linked")
		return n, err
	})
	if err != nil {
		return nodes, linked, wrap("create "+k.plural, err)
	}
	nodes.Created = len(items)
	linked.Created = int(n)
	linked.Missing = len(links) - int(n)
	return nodes, linked, nil
}
