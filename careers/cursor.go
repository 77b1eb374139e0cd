package careers

import (
	"cmp"
	"encoding/base64"
	"encoding/binary"
	"hash/fnv"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/onework/onework/workforce"
)

// cursor is the place of a move in a ranking: its round, its score and its
// id, the keys moves are sorted by. Because it holds the keys, not an
// offset, a page after it neither skips nor repeats a move when others come
// or go (in a cross-sector list, a move's round can change when others in
// its sector come or go).
type cursor struct {
	// round is 0 except in a cross-sector list, where it counts the
	// turns of the move's destination sector (Config.SectorBreadth).
	round int
	score float64
	id    string
}

// compareRank orders moves best first: earlier round, then higher score,
// then lower id.
func compareRank(a, b cursor) int {
	return cmp.Or(cmp.Compare(a.round, b.round), cmp.Compare(b.score, a.score), cmp.Compare(a.id, b.id))
}

// rankedBefore reports whether a comes strictly before b.
func rankedBefore(a, b cursor) bool { return compareRank(a, b) < 0 }

// Cursor versions: version 2 adds the round after the key, and is written
// only for a move past round 0, so that the cursors of other lists stay as
// they were.
const (
	cursorVersion      = 1
	cursorVersionRound = 2
)

// encodeCursor packs the version, the query's key, the round (past round
// 0), the score's exact bits and the id. The key ties a cursor to the origin
// and filter it came from, so that a cursor passed to another query is
// refused, not misread.
func encodeCursor(c cursor, key uint64) string {
	b := make([]byte, 0, 19+len(c.id))
	if c.round == 0 {
		b = append(b, cursorVersion)
		b = binary.BigEndian.AppendUint64(b, key)
	} else {
		b = append(b, cursorVersionRound)
		b = binary.BigEndian.AppendUint64(b, key)
		b = binary.BigEndian.AppendUint16(b, uint16(c.round))
	}
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(c.score))
	b = append(b, c.id...)
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor unpacks a cursor of the query with key, or returns EINVALID
// on "after".
func decodeCursor(s string, key uint64) (cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) < 18 || b[0] != cursorVersion && b[0] != cursorVersionRound {
		return cursor{}, workforce.Invalid("after", "malformed cursor")
	}
	var c cursor
	if b[0] == cursorVersionRound {
		if len(b) < 20 {
			return cursor{}, workforce.Invalid("after", "malformed cursor")
		}
		c.round = int(binary.BigEndian.Uint16(b[9:11]))
		b = append(b[:9:9], b[11:]...)
	}
	c.score, c.id = math.Float64frombits(binary.BigEndian.Uint64(b[9:17])), string(b[17:])
	if !inRange(c.score, 0, 1) || !utf8.ValidString(c.id) {
		return cursor{}, workforce.Invalid("after", "malformed cursor")
	}
	if binary.BigEndian.Uint64(b[1:9]) != key {
		return cursor{}, workforce.Invalid("after", "the cursor belongs to another origin or filter")
	}
	return c, nil
}

// queryKey hashes what decides a ranking's membership and order: the
// origin's occupation and skills, and the resolved filter. It uses ids, not
// indexes, so that cursors outlive a rebuild of the engine.
func (e *Engine) queryKey(o *origin, lim limits) uint64 {
	h := fnv.New64a()
	write := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	if o.occ >= 0 {
		write(e.occs[o.occ].id)
	}
	for _, hs := range o.held {
		write(e.nodes[hs.node].id)
	}
	write(strconv.FormatFloat(o.pay, 'g', -1, 64))
	write(strconv.FormatFloat(lim.minSim, 'g', -1, 64))
	write(strconv.Itoa(lim.maxStep))
	write(strconv.FormatFloat(lim.minPay, 'g', -1, 64))
	write(strconv.FormatBool(lim.crossSector))
	return h.Sum64()
}
