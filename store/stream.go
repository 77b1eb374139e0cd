package store

import (
	"context"
	"strconv"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/onework/onework/workforce"
)

// streamBatch is how many nodes one read of a stream returns: large enough
// that a million people take a few hundred round trips, small enough that
// a batch stays a few megabytes.
const streamBatch = 5000

// stream reads every node of a kind changed after since (all of them for
// the zero time) in id order, a batch per read transaction, and hands each
// batch to fn.
func stream[T any](ctx context.Context, db *DB, k *nodeKind[T], since time.Time, fn func([]*T) error) error {
	query := labels[k.label].match + `
WHERE n.id > $after AND ($since IS NULL OR n.updatedAt > $since)
WITH n ORDER BY n.id LIMIT $limit
RETURN ` + k.projection + ` AS n`
	params := map[string]any{"after": "", "limit": streamBatch, "since": nil}
	if !since.IsZero() {
		params["since"] = since.UTC()
	}
	for {
		items, err := readWith(ctx, db, query, params, func(records []*neo4j.Record) ([]*T, error) {
			return decodeRecords(k, records)
		})
		if err != nil {
			return wrap("stream "+k.plural, err)
		}
		if len(items) == 0 {
			return nil
		}
		if err := fn(items); err != nil {
			return err
		}
		if len(items) < streamBatch {
			return nil
		}
		params["after"] = k.id(items[len(items)-1])
	}
}

// streamLinked is stream for nodes read together with their outgoing links
// of one type, in the same query: links is a Cypher subquery over n
// returning a column "links", a list of maps with the link's properties
// and the other end's id under "id".
func streamLinked[T any, L any](ctx context.Context, db *DB, k *nodeKind[T], since time.Time, r IDRange, links string,
	decodeLink func(*decoder) L, fn func(*T, []L) error) error {
	query := labels[k.label].match + `
WHERE n.id > $after AND ($upTo IS NULL OR n.id <= $upTo) AND ($since IS NULL OR n.updatedAt > $since)
WITH n ORDER BY n.id LIMIT $limit
` + links + `
RETURN ` + k.projection + ` AS n, links`
	params := map[string]any{"after": r.After, "limit": streamBatch, "since": nil, "upTo": nil}
	if r.UpTo != "" {
		params["upTo"] = r.UpTo
	}
	if !since.IsZero() {
		params["since"] = since.UTC()
	}
	type row struct {
		item  *T
		links []L
	}
	for {
		rows, err := readWith(ctx, db, query, params, func(records []*neo4j.Record) ([]row, error) {
			items, err := decodeRecords(k, records)
			if err != nil {
				return nil, err
			}
			out := make([]row, len(records))
			for i, rec := range records {
				raw, _, err := neo4j.GetRecordValue[[]any](rec, "links")
				if err != nil {
					return nil, err
				}
				out[i].item = items[i]
				for _, l := range raw {
					m, _ := l.(map[string]any)
					d := &decoder{m: m}
					out[i].links = append(out[i].links, decodeLink(d))
					if d.err != nil {
						return nil, d.err
					}
				}
			}
			return out, nil
		})
		if err != nil {
			return wrap("stream "+k.plural, err)
		}
		for _, r := range rows {
			if err := fn(r.item, r.links); err != nil {
				return err
			}
		}
		if len(rows) < streamBatch {
			return nil
		}
		params["after"] = k.id(rows[len(rows)-1].item)
	}
}

// StreamSkills calls fn for every skill changed after since, with its links.
func (db *DB) StreamSkills(ctx context.Context, since time.Time, fn func(*workforce.Skill, workforce.Links) error) error {
	return stream(ctx, db, skills, since, func(batch []*workforce.Skill) error {
		links, err := db.SkillLinks(ctx, idsOf(batch, skills))
		if err != nil {
			return err
		}
		return each(batch, func(s *workforce.Skill) error { return fn(s, links[s.ID]) })
	})
}

// StreamPlaces calls fn for every place changed after since.
func (db *DB) StreamPlaces(ctx context.Context, since time.Time, fn func(*workforce.Place) error) error {
	return stream(ctx, db, places, since, func(batch []*workforce.Place) error { return each(batch, fn) })
}

// StreamEmployers calls fn for every employer changed after since.
func (db *DB) StreamEmployers(ctx context.Context, since time.Time, fn func(*workforce.Employer) error) error {
	return stream(ctx, db, employers, since, func(batch []*workforce.Employer) error { return each(batch, fn) })
}

// StreamVacancies calls fn for every vacancy changed after since, with its
// requirements.
func (db *DB) StreamVacancies(ctx context.Context, since time.Time, fn func(*workforce.Vacancy, []workforce.Requirement) error) error {
	return db.StreamVacanciesIn(ctx, since, "", "", fn)
}

// StreamVacanciesIn is StreamVacancies for the vacancies whose ids are
// after after and up to upTo ("" for no bound).
func (db *DB) StreamVacanciesIn(ctx context.Context, since time.Time, after, upTo string, fn func(*workforce.Vacancy, []workforce.Requirement) error) error {
	return streamLinked(ctx, db, vacancies, since, IDRange{after, upTo}, streamRequirements, func(d *decoder) workforce.Requirement {
		return decodeRequirement("", d.str("id"), d)
	}, fn)
}

// StreamOccupations calls fn for every occupation changed after since,
// with its requirements.
func (db *DB) StreamOccupations(ctx context.Context, since time.Time, fn func(*workforce.Occupation, []workforce.Requirement) error) error {
	return streamLinked(ctx, db, occupations, since, IDRange{}, streamRequirements, func(d *decoder) workforce.Requirement {
		return decodeRequirement("", d.str("id"), d)
	}, fn)
}

const streamRequirements = `CALL (n) { MATCH (n)-[r:REQUIRES]->(s:Skill) WITH r, s ORDER BY s.id RETURN collect(r {.*, id: s.id}) AS links }`

const streamHeldSkills = `CALL (n) { MATCH (n)-[r:HAS_SKILL]->(s:Skill) WITH r, s ORDER BY s.id RETURN collect(r {.*, id: s.id}) AS links }`

// StreamPeople calls fn for every person changed after since, with the
// skills they hold.
func (db *DB) StreamPeople(ctx context.Context, since time.Time, fn func(*workforce.Person, []workforce.PersonSkill) error) error {
	return db.StreamPeopleIn(ctx, since, "", "", fn)
}

// StreamPeopleIn is StreamPeople for the people whose ids are after after
// and up to upTo ("" for no bound).
func (db *DB) StreamPeopleIn(ctx context.Context, since time.Time, after, upTo string, fn func(*workforce.Person, []workforce.PersonSkill) error) error {
	return streamLinked(ctx, db, people, since, IDRange{after, upTo}, streamHeldSkills, func(d *decoder) workforce.PersonSkill {
		return workforce.PersonSkill{SkillID: d.str("id"), Level: d.int("level"), Source: d.str("source")}
	}, fn)
}

// IDRange is a range of ids: those after After ("" for the first) up to
// and including UpTo ("" for no end).
type IDRange struct{ After, UpTo string }

// IDSplits returns at most n-1 ids, ascending, that split the ids of a
// kind into n ranges of about the same size, so that streams can read the
// ranges in parallel: (""; s[0]], (s[0]; s[1]], ..., (s[last]; end).
func (db *DB) IDSplits(ctx context.Context, kind workforce.Kind, n int) ([]string, error) {
	l, ok := labels[kind]
	if !ok {
		return nil, workforce.Invalid("kind", "unknown kind %q", kind)
	}
	counts, err := readIDs(ctx, db, "count ids", l.match+" RETURN toString(count(n)) AS id", nil)
	if err != nil || len(counts) != 1 {
		return nil, err
	}
	total, _ := strconv.Atoi(counts[0])
	var out []string
	after := ""
	for i := 1; i < n && total >= n; i++ {
		at, err := readIDs(ctx, db, "split ids", l.match+" WITH n.id AS id ORDER BY id SKIP $skip LIMIT 1 RETURN id",
			map[string]any{"skip": i*total/n - 1})
		if err != nil {
			return nil, err
		}
		if len(at) == 0 || at[0] <= after {
			continue
		}
		out = append(out, at[0])
		after = at[0]
	}
	return out, nil
}

// IDs returns every id of a kind of node, in order.
func (db *DB) IDs(ctx context.Context, kind workforce.Kind) ([]string, error) {
	l, ok := labels[kind]
	if !ok {
		return nil, workforce.Invalid("kind", "unknown kind %q", kind)
	}
	return readIDs(ctx, db, "list ids", l.match+" RETURN n.id AS id ORDER BY id", nil)
}

// readIDs runs a read query and returns its column id.
func readIDs(ctx context.Context, db *DB, op, query string, params map[string]any) ([]string, error) {
	ids, err := readWith(ctx, db, query, params, func(records []*neo4j.Record) ([]string, error) {
		out := make([]string, len(records))
		for i, r := range records {
			var err error
			if out[i], _, err = neo4j.GetRecordValue[string](r, "id"); err != nil {
				return nil, err
			}
		}
		return out, nil
	})
	return ids, wrap(op, err)
}

const nowQuery = `RETURN datetime.transaction() AS now`

// Now returns the database's clock, the one updatedAt is set from.
func (db *DB) Now(ctx context.Context) (time.Time, error) {
	t, err := readValue[time.Time](ctx, db, nowQuery, nil, "now")
	return t.UTC(), wrap("read clock", err)
}

func idsOf[T any](items []*T, k *nodeKind[T]) []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = k.id(it)
	}
	return ids
}

func each[T any](items []*T, fn func(*T) error) error {
	for _, it := range items {
		if err := fn(it); err != nil {
			return err
		}
	}
	return nil
}
