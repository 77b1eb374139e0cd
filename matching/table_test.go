package matching

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// tableModel is what a table must behave like: a map from id to row, the
// ids by row ("" and dead for a released row), and the free rows, reused
// last released first.
type tableModel struct {
	row  map[string]int32
	ids  []string
	dead []bool
	free []int32
}

func newTableModel() *tableModel { return &tableModel{row: map[string]int32{}} }

func (m *tableModel) intern(id string) (int32, bool) {
	if i, ok := m.row[id]; ok {
		return i, false
	}
	var i int32
	if n := len(m.free); n > 0 {
		i, m.free = m.free[n-1], m.free[:n-1]
		m.ids[i], m.dead[i] = id, false
	} else {
		i = int32(len(m.ids))
		m.ids, m.dead = append(m.ids, id), append(m.dead, false)
	}
	m.row[id] = i
	return i, true
}

func (m *tableModel) release(i int32) {
	delete(m.row, m.ids[i])
	m.ids[i], m.dead[i] = "", true
	m.free = append(m.free, i)
}

func (m *tableModel) live() []string {
	var out []string
	for i, id := range m.ids {
		if !m.dead[i] {
			out = append(out, id)
		}
	}
	return out
}

// checkTable fails t unless tb holds what m holds, with its lookup within
// its load factor and every slot where a probe from its home finds it.
// filledTable interns n ids (prefix and a number), row i holding i, in a
// table and its model alike, then releases the rows drop picks.
func filledTable(prefix string, n int, drop func(int32) bool) (table[int], *tableModel) {
	tb, m := newTable[int](), newTableModel()
	for i := range n {
		id := fmt.Sprint(prefix, i)
		j, _ := tb.intern(id)
		m.intern(id)
		tb.rows[j] = i
	}
	for i := range int32(n) {
		if drop(i) {
			tb.release(i)
			m.release(i)
		}
	}
	return tb, m
}

func checkTable(t *testing.T, what string, tb *table[int], m *tableModel) {
	t.Helper()
	if len(tb.rows) != len(m.ids) || len(tb.ids.spans) != len(m.ids) {
		t.Fatalf("%s: %d rows and %d ids, want %d", what, len(tb.rows), len(tb.ids.spans), len(m.ids))
	}
	for i, id := range m.ids {
		if got := tb.id(int32(i)); got != id || tb.live(int32(i)) == m.dead[i] {
			t.Fatalf("%s: row %d holds %q (live %v), want %q (live %v)", what, i, got, tb.live(int32(i)), id, !m.dead[i])
		}
	}
	for id, i := range m.row {
		if got, ok := tb.lookup(id); !ok || got != i {
			t.Fatalf("%s: lookup(%q) = %d, %v; want %d, true", what, id, got, ok, i)
		}
	}
	if tb.used != len(m.row) {
		t.Fatalf("%s: %d slots used, want %d", what, tb.used, len(m.row))
	}
	if n := len(tb.slots); n > 0 && (n&(n-1) != 0 || tb.used*maxLoadDen > n*maxLoadNum) {
		t.Fatalf("%s: %d slots for %d ids: not a power of two within the load factor", what, n, tb.used)
	}
	full := 0
	for j, s := range tb.slots {
		if s.ref == 0 {
			continue
		}
		full++
		if k, ok := tb.find(tb.id(s.ref-1), s.hash); !ok || k != j {
			t.Fatalf("%s: slot %d (row %d) is not where a probe finds it", what, j, s.ref-1)
		}
	}
	if full != tb.used {
		t.Fatalf("%s: %d full slots, want %d", what, full, tb.used)
	}
	if got, want := tb.liveIDs(), m.live(); !slices.Equal(got, want) {
		t.Fatalf("%s: liveIDs = %q, want %q", what, got, want)
	}
	if !slices.Equal(tb.free, m.free) {
		t.Fatalf("%s: free rows %v, want %v", what, tb.free, m.free)
	}
}

// randomID draws from a small pool, so that interns meet existing ids and
// released ones come back; some are empty, long, or hold odd bytes.
func randomID(r *rand.Rand) string {
	switch k := r.IntN(100); {
	case k == 0:
		return ""
	case k == 1:
		return strings.Repeat("long-id/", 500+r.IntN(500))
	case k == 2:
		return "nul\x00byte\xff" + fmt.Sprint(r.IntN(4))
	default:
		return fmt.Sprintf("id-%d", r.IntN(600))
	}
}

// TestTableAgainstModel runs random interns, lookups and releases on a
// table and on a plain map model, with the hash intact, reduced to three
// bits (most ids collide on their home slot) and to nothing (every id
// collides in full).
func TestTableAgainstModel(t *testing.T) {
	for _, hashMask := range []uint32{^uint32(0), 0x7, 0} {
		t.Run(fmt.Sprintf("hashMask=%#x", hashMask), func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(hashMask)))
			tb, m := newTable[int](), newTableModel()
			tb.hashMask = hashMask
			for step := range 20_000 {
				switch op := r.IntN(10); {
				case op < 5:
					id := randomID(r)
					i, created := tb.intern(id)
					wi, wcreated := m.intern(id)
					if i != wi || created != wcreated {
						t.Fatalf("step %d: intern(%q) = %d, %v; want %d, %v", step, id, i, created, wi, wcreated)
					}
					tb.rows[i] = int(i) * 3
				case op < 8:
					id := randomID(r)
					i, ok := tb.lookup(id)
					wi, wok := m.row[id]
					if ok != wok || (ok && i != wi) {
						t.Fatalf("step %d: lookup(%q) = %d, %v; want %d, %v", step, id, i, ok, wi, wok)
					}
				default:
					if len(m.row) == 0 {
						continue
					}
					live := m.live()
					i := m.row[live[r.IntN(len(live))]]
					tb.release(i)
					m.release(i)
					if tb.rows[i] != 0 {
						t.Fatalf("step %d: released row %d keeps %d", step, i, tb.rows[i])
					}
				}
				if step%1000 == 0 {
					checkTable(t, fmt.Sprintf("step %d", step), &tb, m)
				}
			}
			checkTable(t, "end", &tb, m)
		})
	}
}

// TestTableGrowth interns ids past the load factor many times over and
// finds each of them after every doubling.
func TestTableGrowth(t *testing.T) {
	tb, m := newTable[int](), newTableModel()
	sizes := map[int]bool{}
	for i := range 5000 {
		id := fmt.Sprintf("person-%07d", i)
		tb.intern(id)
		m.intern(id)
		if !sizes[len(tb.slots)] {
			sizes[len(tb.slots)] = true
			checkTable(t, fmt.Sprintf("after %d ids", i+1), &tb, m)
		}
	}
	checkTable(t, "end", &tb, m)
	if len(sizes) < 8 {
		t.Fatalf("the lookup took %d sizes for 5000 ids, want a doubling at each load factor", len(sizes))
	}
}

// TestTableEmptyAndLongIDs: the empty id is an id like any other (only
// released rows read as "" and are not live), and a long id is kept whole.
func TestTableEmptyAndLongIDs(t *testing.T) {
	tb := newTable[int]()
	long := strings.Repeat("x", 1<<20)
	if _, ok := tb.lookup(""); ok {
		t.Fatal("an empty table finds the empty id")
	}
	e, _ := tb.intern("")
	l, _ := tb.intern(long)
	if i, ok := tb.lookup(""); !ok || i != e || !tb.live(e) || tb.id(e) != "" {
		t.Fatalf("lookup(\"\") = %d, %v; live %v; want %d, true, true", i, ok, tb.live(e), e)
	}
	if i, ok := tb.lookup(long); !ok || i != l || tb.id(l) != long {
		t.Fatalf("the long id is not found whole: %d, %v", i, ok)
	}
	if _, ok := tb.lookup(long[:len(long)-1]); ok {
		t.Fatal("a prefix of the long id is found")
	}
	if got := tb.liveIDs(); !slices.Equal(got, []string{"", long}) {
		t.Fatalf("liveIDs has %d ids, want the empty and the long one", len(got))
	}
	tb.release(e)
	if tb.live(e) {
		t.Fatal("a released row is live")
	}
	if _, ok := tb.lookup(""); ok {
		t.Fatal("the released empty id is still found")
	}
	if got := tb.liveIDs(); len(got) != 1 || got[0] != long {
		t.Fatalf("liveIDs after release has %d ids, want the long one", len(got))
	}
}

// TestTableTextKept: strings that id returned keep their bytes through
// releases, reuse of rows and the copying of the text afresh, and
// liveIDs shares no byte with the table.
func TestTableTextKept(t *testing.T) {
	tb, m := newTable[int](), newTableModel()
	var held []string
	var want []string
	for i := range 2000 {
		id := fmt.Sprintf("vacancy-%06d", i)
		j, _ := tb.intern(id)
		m.intern(id)
		held, want = append(held, tb.id(j)), append(want, id)
	}
	texts := map[*byte]bool{unsafe.SliceData(tb.ids.text): true}
	for round := range 6 {
		for i := range int32(2000) {
			if m.row[m.ids[i]] == i && (int(i)+round)%3 == 0 {
				tb.release(i)
				m.release(i)
			}
		}
		for i := range 2000 {
			id := fmt.Sprintf("round-%d-%06d", round, i)
			tb.intern(id)
			m.intern(id)
		}
		texts[unsafe.SliceData(tb.ids.text)] = true
		checkTable(t, fmt.Sprintf("round %d", round), &tb, m)
	}
	if tb.ids.garbage >= len(tb.ids.text) {
		t.Fatalf("text of %d bytes, %d garbage", len(tb.ids.text), tb.ids.garbage)
	}
	if len(texts) < 2 {
		t.Fatal("the text was never copied afresh: the test did not reach compaction")
	}
	if !slices.Equal(held, want) {
		t.Fatal("strings returned by id changed after releases and compaction")
	}
	ids := tb.liveIDs()
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(tb.ids.text)))
	hi := lo + uintptr(cap(tb.ids.text))
	for _, id := range ids {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(id))); id != "" && p >= lo && p < hi {
			t.Fatalf("liveIDs' %q shares the table's text", id)
		}
	}
}

// TestTableCloneIndependent: a clone and its original take writes without
// either seeing the other's.
func TestTableCloneIndependent(t *testing.T) {
	tb, m := filledTable("id-", 300, func(i int32) bool { return i%7 == 0 })
	c := tb.clone()
	cm := &tableModel{row: map[string]int32{}, ids: slices.Clone(m.ids), dead: slices.Clone(m.dead), free: slices.Clone(m.free)}
	for id, i := range m.row {
		cm.row[id] = i
	}
	rows := slices.Clone(tb.rows)
	for i := range 400 {
		id := fmt.Sprint("original-", i)
		tb.intern(id)
		m.intern(id)
		id = fmt.Sprint("clone-", i)
		c.intern(id)
		cm.intern(id)
	}
	for i := range int32(300) {
		if i%5 == 0 && tb.live(i) {
			tb.release(i)
			m.release(i)
		}
		if i%3 == 0 && c.live(i) {
			c.rows[i] = -1
		}
	}
	checkTable(t, "original", &tb, m)
	checkTable(t, "clone", &c, cm)
	for i := range int32(300) {
		if tb.live(i) && tb.rows[i] != rows[i] {
			t.Fatalf("the clone's write to row %d reached the original", i)
		}
	}
}

// TestTablePackPermute: cloneRows, pack and permute, as a re-lay runs
// them, leave the live ids in the new order, each found at its new row,
// and the original as it was.
func TestTablePackPermute(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	tb, m := filledTable("p-", 1000, func(int32) bool { return r.IntN(4) == 0 })
	c := tb.cloneRows()
	c.pack()
	live := m.live()
	if len(c.rows) != len(live) || len(c.free) != 0 || c.used != 0 {
		t.Fatalf("pack left %d rows, %d free, %d in the lookup; want %d, 0, 0", len(c.rows), len(c.free), c.used, len(live))
	}
	perm := make([]int32, len(live))
	for i := range perm {
		perm[i] = int32(i)
	}
	r.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
	want := newTableModel()
	for _, from := range perm {
		want.intern(live[from])
	}
	c.permute(perm)
	checkTable(t, "packed and permuted", &c, want)
	for to, from := range perm {
		if got := c.rows[to]; fmt.Sprint("p-", got) != live[from] {
			t.Fatalf("row %d holds the row of %d, want that of %s", to, got, live[from])
		}
	}
	checkTable(t, "original", &tb, m)
}

// TestTablePermuteRefusesReleasedRows: permute renumbers every row, so it
// takes a table without released rows and says so otherwise.
func TestTablePermuteRefusesReleasedRows(t *testing.T) {
	tb := newTable[int]()
	tb.intern("a")
	tb.intern("b")
	tb.release(0)
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "released rows") {
			t.Fatalf("permute with a released row: recovered %v, want a panic naming released rows", r)
		}
	}()
	tb.permute([]int32{1, 0})
}
