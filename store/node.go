package store

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/onework/onework/workforce"
)

// nodeKind describes how one kind of node is stored: its Cypher (constant
// fragments) and the functions that move it between Go and Neo4j. The
// generic get, upsert, find and count functions do the rest, the same way
// for every kind.
type nodeKind[T any] struct {
	label workforce.Kind
	// plural names a batch in errors, as in "vacancies[3].title".
	plural string
	// textIndex is the full-text index that Text filters query.
	textIndex string
	// projection is a Cypher map expression over n that decode reads: the
	// node's properties and its references, which live as relationships.
	projection string
	// fields names the parts of projection that getFields reads on request,
	// each as its item in a Cypher map projection; the id is always read.
	fields map[string]string
	// upsert writes $rows, made by encode, and replaces references.
	upsert   string
	id       func(*T) string
	validate func(*T) error
	// encode returns the row that upsert writes: "id", "props" (the node's
	// properties; nil values remove them) and references. Two rows are equal
	// exactly when writing one over the other would change nothing.
	encode func(*T) map[string]any
	decode func(*decoder) (*T, error)
	// refs lists the nodes an item refers to, which must exist.
	refs func(*T) []ref
}

// ref is a reference from an item to another node, named by an input field.
type ref struct {
	field string
	kind  workforce.Kind
	id    string
}

// setProps ends an upsert's MERGE: it sets the properties and the
// timestamps. Upsert only writes rows that changed, so updatedAt moves only
// on a real change.
const setProps = `
ON CREATE SET n.createdAt = datetime.transaction()
SET n += row.props, n.updatedAt = datetime.transaction()`

// label holds the queries that are the same for every kind but for the
// label, which Cypher cannot take as an indexed parameter.
type label struct {
	match   string
	get     string
	missing string
	delete  string
}

// labels holds the label queries of every kind. It is built once, from the
// fixed list of kinds (never from input), and never changed.
var labels = func() map[workforce.Kind]label {
	m := make(map[workforce.Kind]label, len(workforce.Kinds))
	for _, k := range workforce.Kinds {
		l := string(k)
		m[k] = label{
			match:   "MATCH (n:" + l + ")",
			get:     "MATCH (n:" + l + ") WHERE n.id IN $ids\nRETURN ",
			missing: "UNWIND $ids AS id OPTIONAL MATCH (n:" + l + " {id: id}) WITH id, n WHERE n IS NULL RETURN id",
			delete:  "MATCH (n:" + l + " {id: $id}) DETACH DELETE n RETURN count(*) AS deleted",
		}
	}
	return m
}()

// get returns the nodes with the given ids, skipping ids not found.
func get[T any](ctx context.Context, db *DB, k *nodeKind[T], ids []string) ([]*T, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	items, err := readWith(ctx, db, getQuery(k), map[string]any{"ids": ids}, func(records []*neo4j.Record) ([]*T, error) {
		return decodeRecords(k, records)
	})
	return items, wrap("get "+k.plural, err)
}

func getTx[T any](ctx context.Context, tx neo4j.ManagedTransaction, k *nodeKind[T], ids []string) ([]*T, error) {
	records, err := collect(ctx, tx, getQuery(k), map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	return decodeRecords(k, records)
}

// getFields returns the nodes with the given ids holding only the named
// fields (see nodeKind.fields) and their ids, skipping ids not found: a
// lighter read than get for callers that use a few fields. Repeated names
// are read once; a name the kind does not offer is EINVALID, read nothing.
func getFields[T any](ctx context.Context, db *DB, k *nodeKind[T], ids, fields []string) ([]*T, error) {
	query, err := fieldsQuery(k, fields)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	items, err := readWith(ctx, db, query, map[string]any{"ids": ids}, func(records []*neo4j.Record) ([]*T, error) {
		return decodeRecords(k, records)
	})
	return items, wrap("get "+k.plural, err)
}

// fieldsQuery reads nodes of kind k by id with the named fields, in a
// fixed order so that one set of fields is one query to Neo4j's plan
// cache.
func fieldsQuery[T any](k *nodeKind[T], fields []string) (string, error) {
	names := slices.Clone(fields)
	slices.Sort(names)
	names = slices.Compact(names)
	items := make([]string, 0, len(names)+1)
	items = append(items, ".id")
	for _, f := range names {
		item, ok := k.fields[f]
		if !ok {
			return "", workforce.Errorf(workforce.EINVALID, "%s have no field %q to read", k.plural, f)
		}
		items = append(items, item)
	}
	return labels[k.label].get + "n {" + strings.Join(items, ", ") + "} AS n", nil
}

// props returns the map-projection items of plain properties, by name.
func props(names ...string) map[string]string {
	m := make(map[string]string, len(names))
	for _, n := range names {
		m[n] = "." + n
	}
	return m
}

// withItems adds computed items to a kind's fields.
func withItems(fields, items map[string]string) map[string]string {
	maps.Copy(fields, items)
	return fields
}

// getQuery reads nodes of kind k by id.
func getQuery[T any](k *nodeKind[T]) string { return labels[k.label].get + k.projection + " AS n" }

// decodeRecords decodes the map in column n of each record.
func decodeRecords[T any](k *nodeKind[T], records []*neo4j.Record) ([]*T, error) {
	items := make([]*T, len(records))
	for i, rec := range records {
		m, _, err := neo4j.GetRecordValue[map[string]any](rec, "n")
		if err != nil {
			return nil, err
		}
		if items[i], err = k.decode(&decoder{m: m}); err != nil {
			return nil, fmt.Errorf("%s: %w", k.label, err)
		}
	}
	return items, nil
}

// upsert validates every item, rejects repeated ids, checks that referenced
// nodes exist, and then writes only the items that are new or differ from
// what is stored, all in one transaction.
func upsert[T any](ctx context.Context, db *DB, k *nodeKind[T], items []*T) (workforce.WriteResult, error) {
	if len(items) == 0 {
		return workforce.WriteResult{}, nil
	}
	ids, err := k.check(items)
	if err != nil {
		return workforce.WriteResult{}, err
	}
	res, err := write(ctx, db, func(tx neo4j.ManagedTransaction) (workforce.WriteResult, error) {
		var res workforce.WriteResult
		if err := k.checkRefs(ctx, tx, items, ids); err != nil {
			return res, err
		}
		stored, err := getTx(ctx, tx, k, ids)
		if err != nil {
			return res, err
		}
		before := make(map[string]map[string]any, len(stored))
		for _, s := range stored {
			before[k.id(s)] = k.encode(s)
		}
		var rows []map[string]any
		for _, item := range items {
			row := k.encode(item)
			old, found := before[k.id(item)]
			switch {
			case !found:
				res.Created++
			case !sameValue(old, row):
				res.Updated++
			default:
				continue
			}
			rows = append(rows, row)
		}
		if len(rows) > 0 {
			_, err = collect(ctx, tx, k.upsert, map[string]any{"rows": rows})
		}
		return res, err
	})
	if err != nil {
		return workforce.WriteResult{}, wrap("upsert "+k.plural, err)
	}
	return res, nil
}

// fieldOf names a field of the i-th of n items in errors:
// "vacancies[3].title", or "title" alone when the batch holds one item, so
// that single writes report fields as the domain's validators name them.
func (k *nodeKind[T]) fieldOf(i, n int, field string) string {
	at := fmt.Sprintf("%s[%d]", k.plural, i)
	switch {
	case field == "":
		return at
	case n == 1:
		return field
	}
	return at + "." + field
}

// check validates every item and then rejects ids that appear twice.
func (k *nodeKind[T]) check(items []*T) ([]string, error) {
	for i, item := range items {
		if item == nil {
			return nil, workforce.Invalid(k.fieldOf(i, len(items), ""), "must not be null")
		}
		if err := k.validate(item); err != nil {
			var e *workforce.Error
			if !errors.As(err, &e) {
				return nil, err
			}
			c := *e
			c.Field = k.fieldOf(i, len(items), e.Field)
			return nil, &c
		}
	}
	ids := make([]string, len(items))
	first := make(map[string]int, len(items))
	for i, item := range items {
		id := k.id(item)
		if j, dup := first[id]; dup {
			return nil, &workforce.Error{
				Code:    workforce.ECONFLICT,
				Field:   k.fieldOf(i, len(items), "id"),
				Message: fmt.Sprintf("id %q appears twice in one batch, at %s[%d] and %s[%d]", id, k.plural, j, k.plural, i),
			}
		}
		first[id] = i
		ids[i] = id
	}
	return ids, nil
}

// checkRefs returns ENOTFOUND, naming the field of the first item that
// refers to a node that does not exist. A node of the same kind in the batch
// counts as existing (places may lie in places written with them).
func (k *nodeKind[T]) checkRefs(ctx context.Context, tx neo4j.ManagedTransaction, items []*T, ids []string) error {
	if k.refs == nil {
		return nil
	}
	type key struct {
		kind workforce.Kind
		id   string
	}
	inBatch := make(map[string]bool, len(ids))
	for _, id := range ids {
		inBatch[id] = true
	}
	var order []key
	field := make(map[key]string)
	byKind := make(map[workforce.Kind][]string)
	for i, item := range items {
		for _, r := range k.refs(item) {
			kk := key{r.kind, r.id}
			if _, seen := field[kk]; seen || r.id == "" || (r.kind == k.label && inBatch[r.id]) {
				continue
			}
			field[kk] = k.fieldOf(i, len(items), r.field)
			order = append(order, kk)
			byKind[r.kind] = append(byKind[r.kind], r.id)
		}
	}
	missing := make(map[key]bool)
	for kind, refIDs := range byKind {
		records, err := collect(ctx, tx, labels[kind].missing, map[string]any{"ids": refIDs})
		if err != nil {
			return err
		}
		for _, rec := range records {
			id, _, err := neo4j.GetRecordValue[string](rec, "id")
			if err != nil {
				return err
			}
			missing[key{kind, id}] = true
		}
	}
	for _, kk := range order {
		if missing[kk] {
			return notFound(field[kk], kk.kind, kk.id)
		}
	}
	return nil
}

// Delete removes the node of the given kind and id with all its
// relationships. It returns EINVALID for an unknown kind or a malformed id
// and ENOTFOUND when there is no such node.
func (db *DB) Delete(ctx context.Context, kind workforce.Kind, id string) error {
	l, ok := labels[kind]
	if !ok {
		return workforce.Invalid("kind", "unknown kind %q", string(kind))
	}
	if err := workforce.ValidID("id", id); err != nil {
		return err
	}
	deleted, err := write(ctx, db, func(tx neo4j.ManagedTransaction) (int64, error) {
		records, err := collect(ctx, tx, l.delete, map[string]any{"id": id})
		if err != nil || len(records) == 0 {
			return 0, err
		}
		n, _, err := neo4j.GetRecordValue[int64](records[0], "deleted")
		return n, err
	})
	if err != nil {
		return wrap(fmt.Sprintf("delete %s %q", kind, id), err)
	}
	if deleted == 0 {
		return workforce.NotFound(kindName(kind), id)
	}
	return nil
}
