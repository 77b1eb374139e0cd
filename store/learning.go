package store

import (
	"context"

	"github.com/onework/onework/workforce"
)

// Providers and the programmes they run.

const upsertProvidersQuery = `
UNWIND $rows AS row
MERGE (n:Provider {id: row.id})` + setProps + setLocatedIn

var providers = &nodeKind[workforce.Provider]{
	label:      workforce.KindProvider,
	plural:     "providers",
	textIndex:  "provider_text",
	projection: `n {.*, ` + locatedIn + `}`,
	upsert:     upsertProvidersQuery,
	id:         func(p *workforce.Provider) string { return p.ID },
	validate:   (*workforce.Provider).Validate,
	encode: func(p *workforce.Provider) map[string]any {
		return map[string]any{"id": p.ID, "placeId": p.PlaceID, "props": map[string]any{
			"name": p.Name, "kind": string(p.Kind), "location": encodePoint(p.Location), "website": p.Website,
		}}
	},
	decode: func(d *decoder) (*workforce.Provider, error) {
		return &workforce.Provider{
			ID: d.str("id"), Name: d.str("name"), Kind: workforce.ProviderKind(d.str("kind")), PlaceID: d.str("placeId"),
			Location: d.point("location"), Website: d.str("website"), UpdatedAt: d.time("updatedAt"),
		}, d.err
	},
	refs: func(p *workforce.Provider) []ref {
		return []ref{{"placeId", workforce.KindPlace, p.PlaceID}}
	},
}

// Providers returns the providers with the given ids, in any order, skipping
// ids not found.
func (db *DB) Providers(ctx context.Context, ids []string) ([]*workforce.Provider, error) {
	return get(ctx, db, providers, ids)
}

// UpsertProviders creates or updates providers; see workforce.WriteService.
func (db *DB) UpsertProviders(ctx context.Context, items []*workforce.Provider) (workforce.WriteResult, error) {
	return upsert(ctx, db, providers, items)
}

// FindProviders returns a page of the providers that match f.
func (db *DB) FindProviders(ctx context.Context, f workforce.ProviderFilter, p workforce.Page) (*workforce.Slice[*workforce.Provider], error) {
	return find(ctx, db, providers, providerQuery(f), p)
}

// CountProviders returns how many providers match f.
func (db *DB) CountProviders(ctx context.Context, f workforce.ProviderFilter) (int, error) {
	return count(ctx, db, providers, providerQuery(f))
}

func providerQuery(f workforce.ProviderFilter) *listQuery {
	return placedQuery(f.Text, f.Kind, workforce.ProviderKinds, f.PlaceID, f.Near)
}

// A programme's provider is the one that RUNS it.
const upsertProgrammesQuery = `
UNWIND $rows AS row
MERGE (n:Programme {id: row.id})` + setProps + `
WITH n, row
CALL (n) { OPTIONAL MATCH (:Provider)-[r:RUNS]->(n) DELETE r }
CALL (n, row) { MATCH (p:Provider {id: row.providerId}) MERGE (p)-[:RUNS]->(n) }` + setLocatedIn

const programmeProjection = `n {.*,
  providerId: head([(p:Provider)-[:RUNS]->(n) | p.id]),
  ` + locatedIn + `}`

var programmes = &nodeKind[workforce.Programme]{
	label:      workforce.KindProgramme,
	plural:     "programmes",
	textIndex:  "programme_text",
	projection: programmeProjection,
	upsert:     upsertProgrammesQuery,
	id:         func(p *workforce.Programme) string { return p.ID },
	validate:   (*workforce.Programme).Validate,
	encode: func(p *workforce.Programme) map[string]any {
		return map[string]any{"id": p.ID, "providerId": p.ProviderID, "placeId": p.PlaceID, "props": map[string]any{
			"title": p.Title, "description": p.Description, "kind": string(p.Kind), "location": encodePoint(p.Location),
			"startDate": encodeTime(p.StartDate), "durationWeeks": int64(p.DurationWeeks),
			"placesLeft": encodeInt(p.PlacesLeft), "cost": p.Cost, "eligibility": p.Eligibility,
		}}
	},
	decode: func(d *decoder) (*workforce.Programme, error) {
		return &workforce.Programme{
			ID: d.str("id"), Title: d.str("title"), Description: d.str("description"),
			Kind: workforce.ProgrammeKind(d.str("kind")), ProviderID: d.str("providerId"), PlaceID: d.str("placeId"),
			Location: d.point("location"), StartDate: d.timePtr("startDate"), DurationWeeks: d.int("durationWeeks"),
			PlacesLeft: d.intPtr("placesLeft"), Cost: d.float("cost"), Eligibility: d.str("eligibility"),
			UpdatedAt: d.time("updatedAt"),
		}, d.err
	},
	refs: func(p *workforce.Programme) []ref {
		return []ref{
			{"providerId", workforce.KindProvider, p.ProviderID},
			{"placeId", workforce.KindPlace, p.PlaceID},
		}
	},
}

// Programmes returns the programmes with the given ids, in any order,
// skipping ids not found.
func (db *DB) Programmes(ctx context.Context, ids []string) ([]*workforce.Programme, error) {
	return get(ctx, db, programmes, ids)
}

// UpsertProgrammes creates or updates programmes; see workforce.WriteService.
func (db *DB) UpsertProgrammes(ctx context.Context, items []*workforce.Programme) (workforce.WriteResult, error) {
	return upsert(ctx, db, programmes, items)
}

// FindProgrammes returns a page of the programmes that match f.
func (db *DB) FindProgrammes(ctx context.Context, f workforce.ProgrammeFilter, p workforce.Page) (*workforce.Slice[*workforce.Programme], error) {
	return find(ctx, db, programmes, programmeQuery(f), p)
}

// CountProgrammes returns how many programmes match f.
func (db *DB) CountProgrammes(ctx context.Context, f workforce.ProgrammeFilter) (int, error) {
	return count(ctx, db, programmes, programmeQuery(f))
}

const (
	programmeRunBy       = `(:Provider {id: $providerId})-[:RUNS]->(n)`
	programmeTeaches     = `(n)-[:TEACHES]->(:Skill {id: $skillId})`
	programmeLeadsTo     = `(n)-[:LEADS_TO]->(:Occupation {id: $occupationId})`
	programmeStartsAfter = `n.startDate >= $startsAfter`
)

func programmeQuery(f workforce.ProgrammeFilter) *listQuery {
	q := placedQuery(f.Text, f.Kind, workforce.ProgrammeKinds, f.PlaceID, f.Near)
	q.linked(programmeRunBy, "providerId", f.ProviderID)
	q.linked(programmeTeaches, "skillId", f.SkillID)
	q.linked(programmeLeadsTo, "occupationId", f.OccupationID)
	if f.StartsAfter != nil {
		q.is(programmeStartsAfter, "startsAfter", encodeTime(f.StartsAfter))
	}
	return q
}
