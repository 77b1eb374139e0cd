package matching

import (
	"maps"
	"slices"
	"sync"
)

// table interns string ids to dense int32 indexes, so that the index holds
// ints in its hot arrays and a string only once.
type table[T any] struct {
	index map[string]int32
	ids   []string
	rows  []T
	free  []int32
}

func newTable[T any]() table[T] {
	return table[T]{index: map[string]int32{}}
}

func (t *table[T]) lookup(id string) (int32, bool) {
	i, ok := t.index[id]
	return i, ok
}

// intern returns the index of id, adding a zero row (or reusing a released
// one) when id is new.
func (t *table[T]) intern(id string) (i int32, created bool) {
	if i, ok := t.index[id]; ok {
		return i, false
	}
	if n := len(t.free); n > 0 {
		i = t.free[n-1]
		t.free = t.free[:n-1]
		t.ids[i] = id
	} else {
		i = int32(len(t.rows))
		t.ids = append(t.ids, id)
		var zero T
		t.rows = append(t.rows, zero)
	}
	t.index[id] = i
	return i, true
}

// liveIDs returns the ids of the rows not released.
func (t *table[T]) liveIDs() []string {
	out := make([]string, 0, len(t.index))
	for _, id := range t.ids {
		if id != "" {
			out = append(out, id)
		}
	}
	return out
}

// release forgets row i and keeps its slot for reuse.
func (t *table[T]) release(i int32) {
	delete(t.index, t.ids[i])
	t.ids[i] = ""
	var zero T
	t.rows[i] = zero
	t.free = append(t.free, i)
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

// clone returns a copy of the table that shares nothing it changes.
func (t *table[T]) clone() table[T] {
	return table[T]{index: maps.Clone(t.index), ids: slices.Clone(t.ids), rows: slices.Clone(t.rows), free: slices.Clone(t.free)}
}

// cloneRows returns a copy of the table's rows and ids, with an empty id
// map and no free slots, for pack and permute to complete.
func (t *table[T]) cloneRows() table[T] {
	return table[T]{ids: slices.Clone(t.ids), rows: slices.Clone(t.rows)}
}

// pack drops the released rows of a table from cloneRows, keeping the
// others in order, and makes its id map empty: permute fills it.
func (t *table[T]) pack() {
	n := 0
	for i, id := range t.ids {
		if id != "" {
			t.ids[n], t.rows[n] = id, t.rows[i]
			n++
		}
	}
	clear(t.rows[n:])
	t.ids, t.rows, t.free = slices.Clip(t.ids[:n]), slices.Clip(t.rows[:n]), nil
	t.index = make(map[string]int32, n)
}

// permute reorders the rows so that row perm[k] becomes row k. The rows
// are moved on one goroutine while the index is renumbered on another.
func (t *table[T]) permute(perm []int32) {
	rows := make([]T, len(t.rows))
	ids := make([]string, len(t.ids))
	var wg sync.WaitGroup
	wg.Go(func() {
		for to, from := range perm {
			t.index[t.ids[from]] = int32(to)
		}
	})
	for to, from := range perm {
		rows[to] = t.rows[from]
		ids[to] = t.ids[from]
	}
	wg.Wait()
	t.rows, t.ids = rows, ids
}

// deleteValue removes the first v from l.
func deleteValue(l []int32, v int32) []int32 {
	if j := slices.Index(l, v); j >= 0 {
		return slices.Delete(l, j, j+1)
	}
	return l
}
