package matching

import (
	"hash/maphash"
	"math"
	"slices"
	"strings"
	"sync"
	"unsafe"
)

// table interns string ids to dense int32 indexes, so that the index holds
// ints in its hot arrays and a string only once.
//
// It holds no pointer per id: the ids' bytes sit in one arena (idList) and
// the id -> row lookup is an open-addressing hash table of fixed-size
// slots. At a million people a map[string]int32 and a []string cost the
// garbage collector two million pointers and a million small strings to
// trace on every cycle; these cost it a handful of slices.
type table[T any] struct {
	ids idList
	// slots is the lookup: a power-of-two array probed linearly from an
	// id's hash, at most maxLoad full, empty when nil. used counts the
	// full slots, one per live row.
	slots []slot
	used  int
	seed  maphash.Seed
	// hashMask is all ones; a test clears bits of it to make ids collide.
	hashMask uint32
	rows     []T
	free     []int32
}

// slot is one entry of a table's lookup: the low 32 bits of the id's hash
// (whose low bits are its home slot, so that slots move without hashing
// again) and the row plus one, 0 marking an empty slot.
type slot struct {
	hash uint32
	ref  int32
}

// The lookup grows (doubles) before it is more than maxLoadNum/maxLoadDen
// full, so that linear probing stays short.
const maxLoadNum, maxLoadDen = 3, 4

// idList holds the ids of a table's rows: their bytes one after another in
// text, where spans locates row i's. text is append-only: bytes below its
// length are never written again (a new id is appended, a released one
// left as garbage until the whole text is copied afresh), so that id can
// return strings that share them, and copies of a table can share text
// clipped to its length.
type idList struct {
	text  []byte
	spans []idSpan
	// garbage counts the bytes of text that no live id uses.
	garbage int
}

type idSpan struct {
	off, n uint32
}

// releasedSpan marks a released row. No live id starts at math.MaxUint32:
// text stays shorter (see put).
var releasedSpan = idSpan{math.MaxUint32, 0}

// id returns the id of row i, "" for a released row. The string shares
// the table's bytes, which stay alive as long as it does: keep it inside
// the engine, or clone it (strings.Clone) if it may outlive a page.
// Skill and occupation ids go out in explanations as they are, without a
// copy: those tables are the vocabularies (ESCO's 14,000 skill URIs are
// about a megabyte of text, and maxSkills caps the skills), and their text
// is copied afresh only as it grows, so what a caller's strings can pin
// is at most a few times that.
func (l *idList) id(i int32) string {
	s := l.spans[i]
	if s.n == 0 {
		return ""
	}
	return unsafe.String(&l.text[s.off], int(s.n))
}

// live reports whether row i holds an id (was not released).
func (l *idList) live(i int32) bool { return l.spans[i] != releasedSpan }

// put stores id's bytes and returns their span. When the text is full and
// at least half garbage, it is copied afresh without the garbage first.
func (l *idList) put(id string) idSpan {
	if len(l.text)+len(id) > cap(l.text) && 2*l.garbage >= len(l.text) && l.garbage > 0 {
		l.compact(len(id))
	}
	if uint64(len(l.text))+uint64(len(id)) >= math.MaxUint32 {
		panic("matching: the ids of one table exceed 4 GiB")
	}
	off := uint32(len(l.text))
	l.text = append(l.text, id...)
	return idSpan{off, uint32(len(id))}
}

// compact copies the live ids into a new text, in row order, with room for
// extra more bytes. The old text is left as it was, for the strings that
// share it.
func (l *idList) compact(extra int) {
	n := len(l.text) - l.garbage
	text := make([]byte, 0, n+n/4+extra)
	for i, s := range l.spans {
		if s != releasedSpan {
			l.spans[i] = idSpan{uint32(len(text)), s.n}
			text = append(text, l.text[s.off:s.off+s.n]...)
		}
	}
	l.text, l.garbage = text, 0
}

func newTable[T any]() table[T] {
	return table[T]{seed: maphash.MakeSeed(), hashMask: math.MaxUint32}
}

// id returns the id of row i (see idList.id).
func (t *table[T]) id(i int32) string { return t.ids.id(i) }

// live reports whether row i holds an id (was not released).
func (t *table[T]) live(i int32) bool { return t.ids.live(i) }

func (t *table[T]) hash(id string) uint32 {
	return uint32(maphash.String(t.seed, id)) & t.hashMask
}

// find returns the slot that holds id, whose hash is h, and true; or the
// empty slot where id would go and false. The lookup must not be nil.
func (t *table[T]) find(id string, h uint32) (int, bool) {
	mask := len(t.slots) - 1
	for j := int(h) & mask; ; j = (j + 1) & mask {
		s := t.slots[j]
		if s.ref == 0 {
			return j, false
		}
		if s.hash == h && t.ids.id(s.ref-1) == id {
			return j, true
		}
	}
}

func (t *table[T]) lookup(id string) (int32, bool) {
	if t.used == 0 {
		return 0, false
	}
	if j, ok := t.find(id, t.hash(id)); ok {
		return t.slots[j].ref - 1, true
	}
	return 0, false
}

// intern returns the index of id, adding a zero row (or reusing a released
// one) when id is new.
func (t *table[T]) intern(id string) (i int32, created bool) {
	h := t.hash(id)
	if t.used > 0 {
		if j, ok := t.find(id, h); ok {
			return t.slots[j].ref - 1, false
		}
	}
	if (t.used+1)*maxLoadDen > len(t.slots)*maxLoadNum {
		t.resize(t.used + 1)
	}
	if n := len(t.free); n > 0 {
		i = t.free[n-1]
		t.free = t.free[:n-1]
		t.ids.spans[i] = t.ids.put(id)
	} else {
		if len(t.rows) == math.MaxInt32 {
			panic("matching: a table is full")
		}
		i = int32(len(t.rows))
		s := t.ids.put(id)
		t.ids.spans = append(t.ids.spans, s)
		var zero T
		t.rows = append(t.rows, zero)
	}
	j, _ := t.find(id, h)
	t.slots[j] = slot{h, i + 1}
	t.used++
	return i, true
}

// slotsFor returns the size of a lookup that holds n ids within maxLoad.
func slotsFor(n int) int {
	size := 8
	for n*maxLoadDen > size*maxLoadNum {
		size *= 2
	}
	return size
}

// resize moves the lookup into one sized for n ids. A slot keeps its hash,
// so nothing is hashed again.
func (t *table[T]) resize(n int) {
	old := t.slots
	t.slots = make([]slot, slotsFor(n))
	mask := len(t.slots) - 1
	for _, s := range old {
		if s.ref == 0 {
			continue
		}
		j := int(s.hash) & mask
		for t.slots[j].ref != 0 {
			j = (j + 1) & mask
		}
		t.slots[j] = s
	}
}

// liveIDs returns the ids of the rows not released, in row order. They
// share one new string, not the table's text.
func (t *table[T]) liveIDs() []string {
	var b strings.Builder
	b.Grow(len(t.ids.text) - t.ids.garbage)
	for i := range t.ids.spans {
		b.WriteString(t.ids.id(int32(i)))
	}
	all := b.String()
	out := make([]string, 0, t.used)
	off := 0
	for i, s := range t.ids.spans {
		if t.ids.live(int32(i)) {
			out = append(out, all[off:off+int(s.n)])
			off += int(s.n)
		}
	}
	return out
}

// release forgets row i and keeps its slot for reuse.
func (t *table[T]) release(i int32) {
	id := t.ids.id(i)
	j, ok := t.find(id, t.hash(id))
	if !ok {
		panic("matching: release of a row not in the table")
	}
	t.deleteSlot(j)
	t.ids.garbage += int(t.ids.spans[i].n)
	t.ids.spans[i] = releasedSpan
	var zero T
	t.rows[i] = zero
	t.free = append(t.free, i)
}

// deleteSlot empties slot j and shifts back the slots after it that would
// no longer be found past the gap (linear probing's deletion, which
// leaves no tombstones).
func (t *table[T]) deleteSlot(j int) {
	mask := len(t.slots) - 1
	t.used--
	for k := j; ; {
		t.slots[j] = slot{}
		for {
			k = (k + 1) & mask
			s := t.slots[k]
			if s.ref == 0 {
				return
			}
			// s stays unless its home lies cyclically outside (j, k].
			if home := int(s.hash) & mask; (k-home)&mask >= (k-j)&mask {
				t.slots[j] = s
				j = k
				break
			}
		}
	}
}

// deps records which rows depend on another, so a change reaches exactly
// them: an employer's vacancies (which take their area and good work from
// it, and perhaps their location), the places inside a place, and so on.
type deps map[int32][]int32

func (d deps) add(k, v int32) {
	if k != none {
		d[k] = append(d[k], v)
	}
}

func (d deps) del(k, v int32) {
	if k == none {
		return
	}
	l := deleteValue(d[k], v)
	if len(l) == 0 {
		delete(d, k)
	} else {
		d[k] = l
	}
}

// span is a slice of the arena.
type span struct {
	off, n uint32
}

// arena stores every person's skill indexes in one pointer-free array: a
// million small slices would cost the garbage collector a million pointers.
type arena[T any] struct {
	data    []T
	garbage int
}

func (a *arena[T]) get(s span) []T {
	return a.data[s.off : s.off+s.n : s.off+s.n]
}

// put stores vals in place of old, in place when they fit.
func (a *arena[T]) put(old span, vals []T) span {
	if len(vals) <= int(old.n) {
		copy(a.data[old.off:], vals)
		a.garbage += int(old.n) - len(vals)
		return span{old.off, uint32(len(vals))}
	}
	a.garbage += int(old.n)
	off := uint32(len(a.data))
	a.data = append(a.data, vals...)
	return span{off, uint32(len(vals))}
}

// compact rewrites the arena without garbage, its slices in the order of
// their n owners: spanOf gives owner i's span and setSpan records the new
// one.
func (a *arena[T]) compact(n int, spanOf func(i int) span, setSpan func(i int, s span)) {
	data := make([]T, 0, len(a.data)-a.garbage)
	for i := range n {
		v := a.get(spanOf(i))
		setSpan(i, span{uint32(len(data)), uint32(len(v))})
		data = append(data, v...)
	}
	*a = arena[T]{data: data}
}

// clone returns a copy of the table that shares nothing it changes: the
// text only, clipped, which neither copy writes below its length.
func (t *table[T]) clone() table[T] {
	c := *t
	c.ids = idList{text: slices.Clip(t.ids.text), spans: slices.Clone(t.ids.spans), garbage: t.ids.garbage}
	c.slots, c.rows, c.free = slices.Clone(t.slots), slices.Clone(t.rows), slices.Clone(t.free)
	return c
}

// cloneRows returns a copy of the table's rows and ids, with an empty
// lookup and no free slots, for pack and permute to complete.
func (t *table[T]) cloneRows() table[T] {
	return table[T]{
		ids:  idList{text: slices.Clip(t.ids.text), spans: slices.Clone(t.ids.spans), garbage: t.ids.garbage},
		rows: slices.Clone(t.rows), seed: t.seed, hashMask: t.hashMask,
	}
}

// pack drops the released rows of a table from cloneRows, keeping the
// others in order, copies the text afresh if it holds garbage, and makes
// the lookup empty: permute fills it.
func (t *table[T]) pack() {
	n := 0
	for i, s := range t.ids.spans {
		if s != releasedSpan {
			t.ids.spans[n], t.rows[n] = s, t.rows[i]
			n++
		}
	}
	clear(t.rows[n:])
	t.ids.spans, t.rows, t.free = slices.Clip(t.ids.spans[:n]), slices.Clip(t.rows[:n]), nil
	if t.ids.garbage > 0 {
		t.ids.compact(0)
	}
	t.slots, t.used = nil, 0
}

// permute reorders the rows so that row perm[k] becomes row k. The table
// has no released row (a Builder's, or one that pack has packed). The rows
// are moved on one goroutine while the lookup is made afresh on another.
func (t *table[T]) permute(perm []int32) {
	if len(t.free) > 0 {
		panic("matching: permute of a table with released rows")
	}
	rows := make([]T, len(t.rows))
	spans := make([]idSpan, len(t.ids.spans))
	var wg sync.WaitGroup
	wg.Go(func() {
		slots := make([]slot, slotsFor(len(perm)))
		mask := len(slots) - 1
		for to, from := range perm {
			h := t.hash(t.ids.id(from))
			j := int(h) & mask
			for slots[j].ref != 0 {
				j = (j + 1) & mask
			}
			slots[j] = slot{h, int32(to) + 1}
		}
		t.slots, t.used = slots, len(perm)
	})
	for to, from := range perm {
		rows[to] = t.rows[from]
		spans[to] = t.ids.spans[from]
	}
	wg.Wait()
	t.rows, t.ids.spans = rows, spans
}

// deleteValue removes the first v from l.
func deleteValue(l []int32, v int32) []int32 {
	if j := slices.Index(l, v); j >= 0 {
		return slices.Delete(l, j, j+1)
	}
	return l
}
