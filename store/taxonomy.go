package store

import (
	"context"

	"github.com/onework/onework/workforce"
)

// Skills, occupations and sectors: the taxonomy. Their links to each other
// (BROADER, RELATED, REQUIRES, IN_SECTOR) are read by the edge methods.

const upsertSkillsQuery = `
UNWIND $rows AS row
MERGE (n:Skill {id: row.id})` + setProps

var skills = &nodeKind[workforce.Skill]{
	label:      workforce.KindSkill,
	plural:     "skills",
	textIndex:  "skill_text",
	projection: `n {.*}`,
	upsert:     upsertSkillsQuery,
	id:         func(s *workforce.Skill) string { return s.ID },
	validate:   (*workforce.Skill).Validate,
	encode: func(s *workforce.Skill) map[string]any {
		alt, altText := encodeLabels(s.AltLabels)
		hidden, _ := encodeLabels(s.HiddenLabels)
		return map[string]any{"id": s.ID, "props": map[string]any{
			"label": s.Label, "altLabels": alt, "altLabelsText": altText, "hiddenLabels": hidden, "description": s.Description,
			"type": s.Type, "reuseLevel": s.ReuseLevel,
		}}
	},
	decode: func(d *decoder) (*workforce.Skill, error) {
		return &workforce.Skill{
			ID: d.str("id"), Label: d.str("label"), AltLabels: d.strs("altLabels"), HiddenLabels: d.strs("hiddenLabels"),
			Description: d.str("description"), Type: d.str("type"), ReuseLevel: d.str("reuseLevel"), UpdatedAt: d.time("updatedAt"),
		}, d.err
	},
}

// Skills returns the skills with the given ids, in any order, skipping ids
// not found.
func (db *DB) Skills(ctx context.Context, ids []string) ([]*workforce.Skill, error) {
	return get(ctx, db, skills, ids)
}

// UpsertSkills creates or updates skills; see workforce.WriteService.
func (db *DB) UpsertSkills(ctx context.Context, items []*workforce.Skill) (workforce.WriteResult, error) {
	return upsert(ctx, db, skills, items)
}

// FindSkills returns a page of the skills that match f.
func (db *DB) FindSkills(ctx context.Context, f workforce.SkillFilter, p workforce.Page) (*workforce.Slice[*workforce.Skill], error) {
	return find(ctx, db, skills, skillQuery(f), p)
}

// CountSkills returns how many skills match f.
func (db *DB) CountSkills(ctx context.Context, f workforce.SkillFilter) (int, error) {
	return count(ctx, db, skills, skillQuery(f))
}

const (
	skillRequiredBy = `(:Occupation {id: $occupationId})-[:REQUIRES]->(n)`
	skillTaughtBy   = `(:Programme {id: $programmeId})-[:TEACHES]->(n)`
)

func skillQuery(f workforce.SkillFilter) *listQuery {
	q := newListQuery(f.Text)
	q.linked(skillRequiredBy, "occupationId", f.RequiredByOccupation)
	q.linked(skillTaughtBy, "programmeId", f.TaughtByProgramme)
	return q
}

const upsertOccupationsQuery = `
UNWIND $rows AS row
MERGE (n:Occupation {id: row.id})` + setProps

var occupations = &nodeKind[workforce.Occupation]{
	label:      workforce.KindOccupation,
	plural:     "occupations",
	textIndex:  "occupation_text",
	projection: `n {.*}`,
	upsert:     upsertOccupationsQuery,
	id:         func(o *workforce.Occupation) string { return o.ID },
	validate:   (*workforce.Occupation).Validate,
	encode: func(o *workforce.Occupation) map[string]any {
		alt, altText := encodeLabels(o.AltLabels)
		return map[string]any{"id": o.ID, "props": map[string]any{
			"label": o.Label, "altLabels": alt, "altLabelsText": altText, "description": o.Description,
			"code": o.Code, "iscoGroup": o.ISCOGroup, "socCode": o.SOCCode, "socSource": o.SOCSource, "jobZone": int64(o.JobZone),
			"annualPay": o.AnnualPay,
		}}
	},
	decode: func(d *decoder) (*workforce.Occupation, error) {
		return &workforce.Occupation{
			ID: d.str("id"), Label: d.str("label"), AltLabels: d.strs("altLabels"), Description: d.str("description"),
			Code: d.str("code"), ISCOGroup: d.str("iscoGroup"), SOCCode: d.str("socCode"), SOCSource: d.str("socSource"), JobZone: d.int("jobZone"),
			AnnualPay: d.float("annualPay"), UpdatedAt: d.time("updatedAt"),
		}, d.err
	},
}

// Occupations returns the occupations with the given ids, in any order,
// skipping ids not found.
func (db *DB) Occupations(ctx context.Context, ids []string) ([]*workforce.Occupation, error) {
	return get(ctx, db, occupations, ids)
}

// UpsertOccupations creates or updates occupations; see workforce.WriteService.
func (db *DB) UpsertOccupations(ctx context.Context, items []*workforce.Occupation) (workforce.WriteResult, error) {
	return upsert(ctx, db, occupations, items)
}

// FindOccupations returns a page of the occupations that match f.
func (db *DB) FindOccupations(ctx context.Context, f workforce.OccupationFilter, p workforce.Page) (*workforce.Slice[*workforce.Occupation], error) {
	return find(ctx, db, occupations, occupationQuery(f), p)
}

// CountOccupations returns how many occupations match f.
func (db *DB) CountOccupations(ctx context.Context, f workforce.OccupationFilter) (int, error) {
	return count(ctx, db, occupations, occupationQuery(f))
}

const (
	occupationRequiring = `(n)-[:REQUIRES]->(:Skill {id: $skillId})`
	occupationInSector  = `(n)-[:IN_SECTOR]->(:Sector {id: $sectorId})`
	occupationLedToBy   = `(:Programme {id: $programmeId})-[:LEADS_TO]->(n)`
)

func occupationQuery(f workforce.OccupationFilter) *listQuery {
	q := newListQuery(f.Text)
	q.linked(occupationRequiring, "skillId", f.RequiringSkill)
	q.linked(occupationInSector, "sectorId", f.SectorID)
	q.linked(occupationLedToBy, "programmeId", f.LedToByProgramme)
	return q
}

const upsertSectorsQuery = `
UNWIND $rows AS row
MERGE (n:Sector {id: row.id})` + setProps

var sectors = &nodeKind[workforce.Sector]{
	label:      workforce.KindSector,
	plural:     "sectors",
	textIndex:  "sector_text",
	projection: `n {.*}`,
	upsert:     upsertSectorsQuery,
	id:         func(s *workforce.Sector) string { return s.ID },
	validate:   (*workforce.Sector).Validate,
	encode: func(s *workforce.Sector) map[string]any {
		return map[string]any{"id": s.ID, "props": map[string]any{"name": s.Name}}
	},
	decode: func(d *decoder) (*workforce.Sector, error) {
		return &workforce.Sector{ID: d.str("id"), Name: d.str("name"), UpdatedAt: d.time("updatedAt")}, d.err
	},
}

// Sectors returns the sectors with the given ids, in any order, skipping ids
// not found.
func (db *DB) Sectors(ctx context.Context, ids []string) ([]*workforce.Sector, error) {
	return get(ctx, db, sectors, ids)
}

// UpsertSectors creates or updates sectors; see workforce.WriteService.
func (db *DB) UpsertSectors(ctx context.Context, items []*workforce.Sector) (workforce.WriteResult, error) {
	return upsert(ctx, db, sectors, items)
}

// FindSectors returns a page of the sectors that match f.
func (db *DB) FindSectors(ctx context.Context, f workforce.SectorFilter, p workforce.Page) (*workforce.Slice[*workforce.Sector], error) {
	return find(ctx, db, sectors, newListQuery(f.Text), p)
}

// CountSectors returns how many sectors match f.
func (db *DB) CountSectors(ctx context.Context, f workforce.SectorFilter) (int, error) {
	return count(ctx, db, sectors, newListQuery(f.Text))
}
