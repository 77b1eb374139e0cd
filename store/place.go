package store

import (
	"context"

	"github.com/onework/onework/workforce"
)

// Places: LSOAs, local authorities, ICBs, regions. ParentIDs live as IN
// relationships and are returned sorted; a batch may hold a place and the
// places it lies in.

const upsertPlacesQuery = `
UNWIND $rows AS row
MERGE (n:Place {id: row.id})` + setProps + `
WITH n, row
CALL (n) { OPTIONAL MATCH (n)-[r:IN]->(:Place) DELETE r }
CALL (n, row) { UNWIND row.parentIds AS id MATCH (p:Place {id: id}) MERGE (n)-[:IN]->(p) }`

var places = &nodeKind[workforce.Place]{
	label:      workforce.KindPlace,
	plural:     "places",
	textIndex:  "place_text",
	projection: `n {.*, parentIds: [(n)-[:IN]->(p:Place) | p.id]}`,
	upsert:     upsertPlacesQuery,
	id:         func(p *workforce.Place) string { return p.ID },
	validate:   (*workforce.Place).Validate,
	encode: func(p *workforce.Place) map[string]any {
		return map[string]any{"id": p.ID, "parentIds": encodeIDs(p.ParentIDs), "props": map[string]any{
			"name": p.Name, "kind": string(p.Kind), "location": encodePoint(p.Location), "imdDecile": int64(p.IMDDecile),
		}}
	},
	decode: func(d *decoder) (*workforce.Place, error) {
		return &workforce.Place{
			ID: d.str("id"), Name: d.str("name"), Kind: workforce.PlaceKind(d.str("kind")), Location: d.point("location"),
			IMDDecile: d.int("imdDecile"), ParentIDs: encodeIDs(d.strs("parentIds")), UpdatedAt: d.time("updatedAt"),
		}, d.err
	},
	refs: func(p *workforce.Place) []ref {
		refs := make([]ref, len(p.ParentIDs))
		for i, id := range p.ParentIDs {
			refs[i] = ref{"parentIds", workforce.KindPlace, id}
		}
		return refs
	},
}

// Places returns the places with the given ids, in any order, skipping ids
// not found.
func (db *DB) Places(ctx context.Context, ids []string) ([]*workforce.Place, error) {
	return get(ctx, db, places, ids)
}

// UpsertPlaces creates or updates places; see workforce.WriteService.
func (db *DB) UpsertPlaces(ctx context.Context, items []*workforce.Place) (workforce.WriteResult, error) {
	return upsert(ctx, db, places, items)
}

// FindPlaces returns a page of the places that match f. Text matches words
// of the name or the code; ParentID keeps the places that lie in the parent,
// directly or up to four levels down.
func (db *DB) FindPlaces(ctx context.Context, f workforce.PlaceFilter, p workforce.Page) (*workforce.Slice[*workforce.Place], error) {
	return find(ctx, db, places, placeQuery(f), p)
}

// CountPlaces returns how many places match f.
func (db *DB) CountPlaces(ctx context.Context, f workforce.PlaceFilter) (int, error) {
	return count(ctx, db, places, placeQuery(f))
}

const placeInParent = `(n)-[:IN*1..4]->(:Place {id: $parentId})`

func placeQuery(f workforce.PlaceFilter) *listQuery {
	q := newListQuery(f.Text)
	ofKind(q, f.Kind, workforce.PlaceKinds)
	q.linked(placeInParent, "parentId", f.ParentID)
	return q
}
