package store

import (
	"context"

	"github.com/onework/onework/workforce"
)

// Employers and their vacancies.

// setLocatedIn ends an upsert: it replaces the place the node is located in
// with row.placeId (none when empty).
const setLocatedIn = `
WITH n, row
CALL (n) { OPTIONAL MATCH (n)-[r:LOCATED_IN]->(:Place) DELETE r }
CALL (n, row) { MATCH (p:Place {id: row.placeId}) MERGE (n)-[:LOCATED_IN]->(p) }`

// locatedIn is the projection of the place a node is located in.
const locatedIn = `placeId: head([(n)-[:LOCATED_IN]->(p:Place) | p.id])`

const upsertEmployersQuery = `
UNWIND $rows AS row
MERGE (n:Employer {id: row.id})` + setProps + setLocatedIn

var employers = &nodeKind[workforce.Employer]{
	label:      workforce.KindEmployer,
	plural:     "employers",
	textIndex:  "employer_text",
	projection: `n {.*, ` + locatedIn + `}`,
	upsert:     upsertEmployersQuery,
	id:         func(e *workforce.Employer) string { return e.ID },
	validate:   (*workforce.Employer).Validate,
	encode: func(e *workforce.Employer) map[string]any {
		return map[string]any{"id": e.ID, "placeId": e.PlaceID, "props": map[string]any{
			"name": e.Name, "kind": string(e.Kind), "location": encodePoint(e.Location),
			"realLivingWage": e.RealLivingWage, "charterLevel": string(e.CharterLevel),
			"disabilityConfident": e.DisabilityConfident, "website": e.Website,
		}}
	},
	decode: func(d *decoder) (*workforce.Employer, error) {
		return &workforce.Employer{
			ID: d.str("id"), Name: d.str("name"), Kind: workforce.EmployerKind(d.str("kind")), PlaceID: d.str("placeId"),
			Location: d.point("location"), RealLivingWage: d.bool("realLivingWage"),
			CharterLevel: workforce.CharterLevel(d.str("charterLevel")), DisabilityConfident: d.bool("disabilityConfident"),
			Website: d.str("website"), UpdatedAt: d.time("updatedAt"),
		}, d.err
	},
	refs: func(e *workforce.Employer) []ref {
		return []ref{{"placeId", workforce.KindPlace, e.PlaceID}}
	},
}

// Employers returns the employers with the given ids, in any order, skipping
// ids not found.
func (db *DB) Employers(ctx context.Context, ids []string) ([]*workforce.Employer, error) {
	return get(ctx, db, employers, ids)
}

// UpsertEmployers creates or updates employers; see workforce.WriteService.
func (db *DB) UpsertEmployers(ctx context.Context, items []*workforce.Employer) (workforce.WriteResult, error) {
	return upsert(ctx, db, employers, items)
}

// FindEmployers returns a page of the employers that match f.
func (db *DB) FindEmployers(ctx context.Context, f workforce.EmployerFilter, p workforce.Page) (*workforce.Slice[*workforce.Employer], error) {
	return find(ctx, db, employers, employerQuery(f), p)
}

// CountEmployers returns how many employers match f.
func (db *DB) CountEmployers(ctx context.Context, f workforce.EmployerFilter) (int, error) {
	return count(ctx, db, employers, employerQuery(f))
}

func employerQuery(f workforce.EmployerFilter) *listQuery {
	return placedQuery(f.Text, f.Kind, workforce.EmployerKinds, f.PlaceID, f.Near)
}

// A vacancy's occupation lives on its FOR relationship, with the source and
// confidence of the match; without an occupation they are not stored.
const upsertVacanciesQuery = `
UNWIND $rows AS row
MERGE (n:Vacancy {id: row.id})` + setProps + `
WITH n, row
CALL (n) { OPTIONAL MATCH (n)-[r:POSTED_BY|FOR]->() DELETE r }
CALL (n, row) { MATCH (e:Employer {id: row.employerId}) MERGE (n)-[:POSTED_BY]->(e) }
CALL (n, row) {
  MATCH (o:Occupation {id: row.occupation.id})
  CREATE (n)-[:FOR {source: row.occupation.source, confidence: row.occupation.confidence}]->(o)
}` + setLocatedIn

// The parts of a vacancy read from its relationships.
const (
	readEmployer   = `employerId: head([(n)-[:POSTED_BY]->(e:Employer) | e.id])`
	readOccupation = `occupation: head([(n)-[r:FOR]->(o:Occupation) | {id: o.id, source: r.source, confidence: r.confidence}])`
)

const vacancyProjection = "n {.*,\n  " + readEmployer + ",\n  " + readOccupation + ",\n  " + locatedIn + "}"

var vacancies = &nodeKind[workforce.Vacancy]{
	label:      workforce.KindVacancy,
	plural:     "vacancies",
	textIndex:  "vacancy_text",
	projection: vacancyProjection,
	fields: withItems(props("title", "description", "location", "salaryMin", "salaryMax", "hoursPerWeek", "contract", "flexible",
		"requiresRightToWork", "postedAt", "closesAt", "registration", "source", "updatedAt"),
		map[string]string{"employerId": readEmployer, "occupation": readOccupation, "placeId": locatedIn}),
	upsert:   upsertVacanciesQuery,
	id:       func(v *workforce.Vacancy) string { return v.ID },
	validate: (*workforce.Vacancy).Validate,
	encode: func(v *workforce.Vacancy) map[string]any {
		var occupation map[string]any
		if v.OccupationID != "" {
			occupation = map[string]any{"id": v.OccupationID, "source": v.OccupationSource, "confidence": v.OccupationConfidence}
		}
		return map[string]any{"id": v.ID, "employerId": v.EmployerID, "occupation": occupation, "placeId": v.PlaceID,
			"props": map[string]any{
				"title": v.Title, "description": v.Description, "location": encodePoint(v.Location),
				"salaryMin": v.SalaryMin, "salaryMax": v.SalaryMax, "hoursPerWeek": v.HoursPerWeek,
				"contract": string(v.Contract), "flexible": v.Flexible, "requiresRightToWork": v.RequiresRightToWork,
				"postedAt": encodeTime(v.PostedAt), "closesAt": encodeTime(v.ClosesAt), "source": v.Source,
				"registration": encodeRegulator(v.Registration),
			}}
	},
	decode: func(d *decoder) (*workforce.Vacancy, error) {
		occ := d.sub("occupation")
		return &workforce.Vacancy{
			ID: d.str("id"), Title: d.str("title"), Description: d.str("description"), EmployerID: d.str("employerId"),
			OccupationID: occ.str("id"), OccupationSource: occ.str("source"), OccupationConfidence: occ.float("confidence"),
			PlaceID: d.str("placeId"), Location: d.point("location"),
			SalaryMin: d.float("salaryMin"), SalaryMax: d.float("salaryMax"), HoursPerWeek: d.float("hoursPerWeek"),
			Contract: workforce.ContractType(d.str("contract")), Flexible: d.bool("flexible"),
			RequiresRightToWork: d.bool("requiresRightToWork"), PostedAt: d.timePtr("postedAt"),
			ClosesAt: d.timePtr("closesAt"), Registration: workforce.Regulator(d.str("registration")),
			Source: d.str("source"), UpdatedAt: d.time("updatedAt"),
		}, d.join(occ)
	},
	refs: func(v *workforce.Vacancy) []ref {
		return []ref{
			{"employerId", workforce.KindEmployer, v.EmployerID},
			{"occupationId", workforce.KindOccupation, v.OccupationID},
			{"placeId", workforce.KindPlace, v.PlaceID},
		}
	},
}

// encodeRegulator stores a vacancy's stated register, or no property when
// it states none.
func encodeRegulator(r workforce.Regulator) any {
	if r == "" {
		return nil
	}
	return string(r)
}

// Vacancies returns the vacancies with the given ids, in any order, skipping
// ids not found.
func (db *DB) Vacancies(ctx context.Context, ids []string) ([]*workforce.Vacancy, error) {
	return get(ctx, db, vacancies, ids)
}

// VacanciesFields returns the vacancies with the given ids holding only
// the named fields; see workforce.ReadService.
func (db *DB) VacanciesFields(ctx context.Context, ids, fields []string) ([]*workforce.Vacancy, error) {
	return getFields(ctx, db, vacancies, ids, fields)
}

// UpsertVacancies creates or updates vacancies; see workforce.WriteService.
func (db *DB) UpsertVacancies(ctx context.Context, items []*workforce.Vacancy) (workforce.WriteResult, error) {
	return upsert(ctx, db, vacancies, items)
}

// FindVacancies returns a page of the vacancies that match f.
func (db *DB) FindVacancies(ctx context.Context, f workforce.VacancyFilter, p workforce.Page) (*workforce.Slice[*workforce.Vacancy], error) {
	return find(ctx, db, vacancies, vacancyQuery(f), p)
}

// CountVacancies returns how many vacancies match f.
func (db *DB) CountVacancies(ctx context.Context, f workforce.VacancyFilter) (int, error) {
	return count(ctx, db, vacancies, vacancyQuery(f))
}

const (
	vacancyFor          = `(n)-[:FOR]->(:Occupation {id: $occupationId})`
	vacancyPostedBy     = `(n)-[:POSTED_BY]->(:Employer {id: $employerId})`
	vacancyEmployerKind = `EXISTS { (n)-[:POSTED_BY]->(:Employer {kind: $employerKind}) }`
	vacancyRequires     = `(n)-[:REQUIRES]->(:Skill {id: $skillId})`
	vacancyOpenAt       = `(n.postedAt IS NULL OR n.postedAt <= $openAt) AND (n.closesAt IS NULL OR n.closesAt >= $openAt)`
)

func vacancyQuery(f workforce.VacancyFilter) *listQuery {
	q := newListQuery(f.Text)
	q.linked(vacancyFor, "occupationId", f.OccupationID)
	q.linked(vacancyPostedBy, "employerId", f.EmployerID)
	if enumSet(q, "employerKind", f.EmployerKind, workforce.EmployerKinds) {
		q.is(vacancyEmployerKind, "employerKind", string(f.EmployerKind))
	}
	q.linked(inPlace, "placeId", f.PlaceID)
	q.near(f.Near)
	q.linked(vacancyRequires, "skillId", f.SkillID)
	if f.OpenAt != nil {
		q.is(vacancyOpenAt, "openAt", encodeTime(f.OpenAt))
	}
	return q
}
