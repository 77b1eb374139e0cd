package store

import (
	"context"
	"encoding/base64"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/onework/onework/workforce"
)

// The parts of list queries. A list query reads nodes from the label (in id
// order, with keyset pagination) or, when the filter has Text, from the
// kind's full-text index (by score, then id, with an offset); keeps those
// that are part of every filter pattern (written as MATCH clauses, so that
// Neo4j can start from the node a filter names by id) and match every filter
// predicate; and returns one page or a count.
const (
	fromFulltext = `CALL db.index.fulltext.queryNodes($textIndex, $text) YIELD node AS n, score`
	afterID      = `n.id > $after`
	pageByID     = "WITH n ORDER BY n.id LIMIT $limit\nRETURN "
	pageByScore  = "WITH n, score ORDER BY score DESC, n.id SKIP $skip LIMIT $limit\nRETURN "
	countNodes   = `RETURN count(n) AS count`
)

// Filters shared by several kinds.
const (
	// nearPoint uses the point index on location.
	nearPoint = `point.distance(n.location, $nearPoint) <= $nearMeters`
	// inPlace keeps nodes located in the place or in a place up to four
	// levels inside it (an LSOA in a local authority in an ICB in a region).
	inPlace = `(n)-[:LOCATED_IN]->(:Place)-[:IN*0..4]->(:Place {id: $placeId})`
	hasKind = `n.kind = $kind`
)

// maxFirst bounds Page.First; callers set their own, smaller page size limit.
const maxFirst = math.MaxInt32 - 1

// listQuery is a filter turned into Cypher: the user's text for the
// full-text index, constant patterns and predicates over n, and their
// parameters. Filter methods record the first invalid field in err.
type listQuery struct {
	text     string
	patterns []string
	where    []string
	params   map[string]any
	err      error
}

func newListQuery(text string) *listQuery {
	q := &listQuery{text: strings.TrimSpace(text), params: map[string]any{}}
	if utf8.RuneCountInString(q.text) > workforce.MaxNameLength {
		q.fail(workforce.Invalid("text", "must be at most %d characters", workforce.MaxNameLength))
	}
	return q
}

func (q *listQuery) fail(err error) {
	if q.err == nil {
		q.err = err
	}
}

// is adds a predicate over n that uses the parameter name.
func (q *listQuery) is(predicate, name string, value any) {
	q.where = append(q.where, predicate)
	q.params[name] = value
}

// linked adds a pattern, in which n is linked to the node with the id in
// the parameter name, when id is set.
func (q *listQuery) linked(pattern, name, id string) {
	if id != "" {
		q.patterns = append(q.patterns, pattern)
		q.params[name] = id
	}
}

// near keeps nodes within n.WithinKm of n.Point.
func (q *listQuery) near(n *workforce.Near) {
	if n == nil {
		return
	}
	if err := workforce.ValidPoint("near.point", &n.Point); err != nil {
		q.fail(err)
		return
	}
	if math.IsNaN(n.WithinKm) || n.WithinKm <= 0 || n.WithinKm > 20_000 {
		q.fail(workforce.Invalid("near.withinKm", "must be more than 0 and at most 20000, got %v", n.WithinKm))
		return
	}
	q.is(nearPoint, "nearPoint", encodePoint(&n.Point))
	q.params["nearMeters"] = n.WithinKm * 1000
}

// enumSet reports whether an enumerated filter field is set, and fails on a
// value not in all.
func enumSet[E ~string](q *listQuery, field string, v E, all []E) bool {
	if v == "" {
		return false
	}
	if !slices.Contains(all, v) {
		q.fail(workforce.Invalid(field, "unknown value %q", string(v)))
		return false
	}
	return true
}

// ofKind keeps nodes of a kind (one of all), when kind is set.
func ofKind[E ~string](q *listQuery, kind E, all []E) {
	if enumSet(q, "kind", kind, all) {
		q.is(hasKind, "kind", string(kind))
	}
}

// placedQuery starts the query of a kind of node that has a kind, a place
// and a location: employers, providers and programmes.
func placedQuery[E ~string](text string, kind E, all []E, placeID string, near *workforce.Near) *listQuery {
	q := newListQuery(text)
	ofKind(q, kind, all)
	q.linked(inPlace, "placeId", placeID)
	q.near(near)
	return q
}

// cypher assembles the query from constant parts: the source of nodes, the
// patterns, the predicates (and extra, if set) and the tail.
func (q *listQuery) cypher(match string, fulltext bool, extra, tail string) string {
	var b strings.Builder
	if fulltext {
		b.WriteString(fromFulltext)
	} else {
		b.WriteString(match)
	}
	for _, p := range q.patterns {
		b.WriteString("\nMATCH ")
		b.WriteString(p)
	}
	where := q.where
	if extra != "" {
		where = append(slices.Clip(where), extra)
	}
	if len(where) > 0 {
		b.WriteString("\nWHERE ")
		b.WriteString(strings.Join(where, "\n  AND "))
	}
	if len(q.patterns) > 0 {
		// A pattern can match a node more than once.
		b.WriteString("\nWITH DISTINCT n")
		if fulltext {
			b.WriteString(", score")
		}
	}
	b.WriteString("\n")
	b.WriteString(tail)
	return b.String()
}

// find returns one page of the nodes that match q, read whole in the page
// query.
func find[T any](ctx context.Context, db *DB, k *nodeKind[T], q *listQuery, p workforce.Page) (*workforce.Slice[*T], error) {
	return findThrough(ctx, db, k, q, p, nil)
}

// findThrough returns one page of the nodes that match q. With get set the
// page query returns only ids, and get (a cache in front of the store)
// gives the nodes; without, the page query reads them whole.
//
// Pages in id order start from the unique index on id (n.id > $after, with
// "" before the first page), so that Neo4j reads them in index order and
// stops at the page's end instead of sorting every node of the label.
func findThrough[T any](ctx context.Context, db *DB, k *nodeKind[T], q *listQuery, p workforce.Page,
	get func(context.Context, []string) ([]*T, error)) (*workforce.Slice[*T], error) {
	if q.err != nil {
		return nil, q.err
	}
	if p.First <= 0 || p.First > maxFirst {
		return nil, workforce.Invalid("first", "must be between 1 and %d, got %d", maxFirst, p.First)
	}
	params := maps.Clone(q.params)
	params["limit"] = int64(p.First) + 1
	ret := k.projection + " AS n"
	if get != nil {
		ret = "n.id AS id"
	}
	text := luceneQuery(q.text)
	var cypher string
	var offset int
	if text != "" {
		var err error
		if offset, err = decodeOffsetCursor(p.After); err != nil {
			return nil, err
		}
		params["textIndex"], params["text"], params["skip"] = k.textIndex, text, int64(offset)
		cypher = q.cypher("", true, "", pageByScore+ret)
	} else {
		after, err := decodeIDCursor(p.After)
		if err != nil {
			return nil, err
		}
		params["after"] = after
		cypher = q.cypher(labels[k.label].match, false, afterID, pageByID+ret)
	}
	var items []*T
	var err error
	if get == nil {
		items, err = readWith(ctx, db, cypher, params, func(records []*neo4j.Record) ([]*T, error) {
			return decodeRecords(k, records)
		})
	} else {
		var ids []string
		if ids, err = readIDs(ctx, db, "find "+k.plural, cypher, params); err == nil {
			items, err = inOrder(ctx, k, ids, get)
		}
	}
	if err != nil {
		return nil, wrap("find "+k.plural, err)
	}
	s := &workforce.Slice[*T]{HasNext: len(items) > p.First}
	s.Items = items[:min(len(items), p.First)]
	s.Cursors = make([]string, len(s.Items))
	for i, item := range s.Items {
		if text != "" {
			s.Cursors[i] = encodeOffsetCursor(offset + i + 1)
		} else {
			s.Cursors[i] = encodeIDCursor(k.id(item))
		}
	}
	return s, nil
}

// inOrder returns the nodes get gives for ids, in the order of ids,
// leaving out nodes deleted in between.
func inOrder[T any](ctx context.Context, k *nodeKind[T], ids []string, get func(context.Context, []string) ([]*T, error)) ([]*T, error) {
	nodes, err := get(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*T, len(nodes))
	for _, n := range nodes {
		byID[k.id(n)] = n
	}
	out := make([]*T, 0, len(ids))
	for _, id := range ids {
		if n, ok := byID[id]; ok {
			out = append(out, n)
		}
	}
	return out, nil
}

// count returns how many nodes match q. Without a filter Neo4j answers from
// its count store.
func count[T any](ctx context.Context, db *DB, k *nodeKind[T], q *listQuery) (int, error) {
	if q.err != nil {
		return 0, q.err
	}
	params := maps.Clone(q.params)
	text := luceneQuery(q.text)
	if text != "" {
		params["textIndex"], params["text"] = k.textIndex, text
	}
	cypher := q.cypher(labels[k.label].match, text != "", "", countNodes)
	n, err := readValue[int64](ctx, db, cypher, params, "count")
	if err != nil {
		return 0, wrap("count "+k.plural, err)
	}
	return int(n), nil
}

// Cursors are opaque to callers: base64url of "i:<id>" after a node in id
// order, or "o:<offset>" after a node in a full-text result.
const (
	idCursor     = "i:"
	offsetCursor = "o:"
)

func encodeIDCursor(id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(idCursor + id))
}

func encodeOffsetCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(offsetCursor + strconv.Itoa(offset)))
}

// decodeCursor returns what follows prefix in cursor, "" for no cursor.
func decodeCursor(cursor, prefix string) (string, error) {
	if cursor == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	rest, ok := strings.CutPrefix(string(b), prefix)
	if err != nil || !ok || rest == "" {
		return "", workforce.Invalid("after", "malformed cursor")
	}
	return rest, nil
}

func decodeIDCursor(cursor string) (string, error) {
	return decodeCursor(cursor, idCursor)
}

func decodeOffsetCursor(cursor string) (int, error) {
	s, err := decodeCursor(cursor, offsetCursor)
	if err != nil || s == "" {
		return 0, err
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, workforce.Invalid("after", "malformed cursor")
	}
	return n, nil
}

// luceneQuery turns the user's text into a full-text query that requires
// every word. Each word is a quoted phrase with quotes and backslashes
// escaped, so Lucene's operators and special characters (AND, (, *, ~, ...)
// in the text are taken as text; the analyzer drops punctuation. The last
// word also matches as a prefix when it is made of letters and digits, for
// search as you type. It returns "" for text without words.
func luceneQuery(text string) string {
	words := strings.Fields(text)
	parts := make([]string, len(words))
	for i, w := range words {
		phrase := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(w) + `"`
		if i == len(words)-1 && strings.IndexFunc(w, notLetterOrDigit) < 0 {
			parts[i] = "+(" + phrase + " " + strings.ToLower(w) + "*)"
		} else {
			parts[i] = "+" + phrase
		}
	}
	return strings.Join(parts, " ")
}

func notLetterOrDigit(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
