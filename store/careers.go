package store

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/onework/onework/workforce"
)

// Taxonomy reads every occupation with its requirements and sectors, and
// every skill with its links and skill groups, in batches.
func (db *DB) Taxonomy(ctx context.Context) (*workforce.Taxonomy, error) {
	t := &workforce.Taxonomy{
		Requirements:      map[string][]workforce.Requirement{},
		SkillLinks:        map[string]workforce.Links{},
		SkillGroups:       map[string][]string{},
		OccupationSectors: map[string][]string{},
	}
	err := stream(ctx, db, occupations, time.Time{}, func(batch []*workforce.Occupation) error {
		ids := idsOf(batch, occupations)
		reqs, err := db.OccupationRequirements(ctx, ids)
		if err != nil {
			return err
		}
		secs, err := db.OccupationSectors(ctx, ids)
		if err != nil {
			return err
		}
		for _, o := range batch {
			t.Occupations = append(t.Occupations, o)
			t.Requirements[o.ID] = reqs[o.ID]
			if s := secs[o.ID]; len(s) > 0 {
				t.OccupationSectors[o.ID] = s
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = stream(ctx, db, skills, time.Time{}, func(batch []*workforce.Skill) error {
		ids := idsOf(batch, skills)
		links, err := db.SkillLinks(ctx, ids)
		if err != nil {
			return err
		}
		groups, err := db.SkillGroups(ctx, ids)
		if err != nil {
			return err
		}
		for _, s := range batch {
			t.Skills = append(t.Skills, s)
			t.SkillLinks[s.ID] = links[s.ID]
			if g := groups[s.ID]; len(g) > 0 {
				t.SkillGroups[s.ID] = g
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = stream(ctx, db, sectors, time.Time{}, func(batch []*workforce.Sector) error {
		t.Sectors = append(t.Sectors, batch...)
		return nil
	})
	return t, err
}

const taxonomyChanged = `
CALL () { MATCH (n:Occupation) WHERE n.updatedAt > $since RETURN n LIMIT 1
  UNION MATCH (n:Skill) WHERE n.updatedAt > $since RETURN n LIMIT 1
  UNION MATCH (n:Sector) WHERE n.updatedAt > $since RETURN n LIMIT 1 }
RETURN count(n) > 0 AS changed`

// TaxonomyChangedSince reports whether any occupation, skill or sector
// changed after since.
func (db *DB) TaxonomyChangedSince(ctx context.Context, since time.Time) (bool, error) {
	changed, err := readValue[bool](ctx, db, taxonomyChanged, map[string]any{"since": since.UTC()}, "changed")
	return changed, wrap("check taxonomy changes", err)
}

// OccupationAttributes are the career facts of an occupation that come
// from outside ESCO.
type OccupationAttributes struct {
	ID        string
	JobZone   int
	AnnualPay float64
}

const setOccupationAttributes = `
UNWIND $rows AS row
MATCH (o:Occupation {id: row.id})
WITH o, row WHERE coalesce(o.jobZone, 0) <> row.jobZone OR coalesce(o.annualPay, 0.0) <> row.annualPay
SET o.jobZone = row.jobZone, o.annualPay = row.annualPay, o.updatedAt = datetime.transaction()
RETURN count(o) AS updated`

// SetOccupationAttributes sets the job zone and pay of existing
// occupations, leaving their other properties alone; it returns how many
// changed. Unknown ids are skipped.
func (db *DB) SetOccupationAttributes(ctx context.Context, attrs []OccupationAttributes) (int, error) {
	rows := make([]map[string]any, 0, len(attrs))
	for _, a := range attrs {
		if a.JobZone < 0 || a.JobZone > 5 || a.AnnualPay < 0 {
			return 0, workforce.Invalid("attributes", "occupation %q: job zone must be 0-5 and pay not negative", a.ID)
		}
		rows = append(rows, map[string]any{"id": a.ID, "jobZone": int64(a.JobZone), "annualPay": a.AnnualPay})
	}
	n, err := write(ctx, db, func(tx neo4j.ManagedTransaction) (int64, error) {
		records, err := collect(ctx, tx, setOccupationAttributes, map[string]any{"rows": rows})
		if err != nil || len(records) == 0 {
			return 0, err
		}
		n, _, err := neo4j.GetRecordValue[int64](records[0], "updated")
		return n, err
	})
	return int(n), wrap("set occupation attributes", err)
}

const openVacancyCounts = `
MATCH (v:Vacancy)-[:FOR]->(o:Occupation)
WHERE v.location IS NOT NULL AND point.distance(v.location, $point) <= $metres
  AND (v.postedAt IS NULL OR v.postedAt <= $now) AND (v.closesAt IS NULL OR v.closesAt >= $now)
RETURN o.id AS occupation, count(v) AS vacancies`

// OpenVacancyCounts counts the open vacancies within a circle, by occupation.
func (db *DB) OpenVacancyCounts(ctx context.Context, near workforce.Near, now time.Time) (map[string]int, error) {
	counts, err := readWith(ctx, db, openVacancyCounts, map[string]any{
		"point": encodePoint(&near.Point), "metres": near.WithinKm * 1000, "now": now.UTC()}, func(records []*neo4j.Record) (map[string]int, error) {
		out := make(map[string]int, len(records))
		for _, r := range records {
			occ, _, _ := neo4j.GetRecordValue[string](r, "occupation")
			n, _, _ := neo4j.GetRecordValue[int64](r, "vacancies")
			out[occ] = int(n)
		}
		return out, nil
	})
	return counts, wrap("count open vacancies", err)
}

const programmesTeaching = `
MATCH (g:Programme)-[:TEACHES]->(s:Skill) WHERE s.id IN $skills
WITH DISTINCT g
WHERE $point IS NULL OR g.location IS NULL OR point.distance(g.location, $point) <= $metres
WITH g ORDER BY g.id LIMIT $limit
RETURN g.id AS id`

// ProgrammesTeaching returns up to limit programmes that teach any of the
// skills, within a circle when near is given (programmes without a
// location, such as online ones, are kept).
func (db *DB) ProgrammesTeaching(ctx context.Context, skillIDs []string, near *workforce.Near, limit int) ([]*workforce.Programme, error) {
	params := map[string]any{"skills": skillIDs, "point": nil, "metres": 0.0, "limit": limit}
	if near != nil {
		params["point"], params["metres"] = encodePoint(&near.Point), near.WithinKm*1000
	}
	ids, err := readIDs(ctx, db, "find programmes teaching skills", programmesTeaching, params)
	if err != nil {
		return nil, err
	}
	return db.Programmes(ctx, ids)
}
