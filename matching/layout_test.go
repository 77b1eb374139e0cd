package matching

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"
)

// TestPersonFitsACacheLine keeps the scanned row to one 64-byte cache line:
// the candidate scan reads a million of them.
func TestPersonFitsACacheLine(t *testing.T) {
	if n := unsafe.Sizeof(person{}); n != 64 {
		t.Errorf("person is %d bytes, want 64", n)
	}
}

// TestVacancyRowSize keeps a vacancy's row at four cache lines, the size it
// had before it kept its weighing: the person's scan reads the first two.
func TestVacancyRowSize(t *testing.T) {
	if n := unsafe.Sizeof(vacancy{}); n != 256 {
		t.Errorf("vacancy is %d bytes, want 256", n)
	}
}

// TestGridOrderIsTheStableSortByCellAndTravel: the keyed, two-half sort
// lays people out exactly as a stable sort by cell and then descending
// travel limit does, ties (many in a cell) in load order.
func TestGridOrderIsTheStableSortByCellAndTravel(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 1000, 4097} {
		rows := make([]person, n)
		for i := range rows {
			rows[i].loc = geo{lat: 51 + r.Float64(), lon: -2 + r.Float64()}
			if r.IntN(10) > 0 {
				rows[i].flags = flagLocated
			}
			rows[i].travel = float32([]float64{5, 10, 15, 22.5, 40}[r.IntN(5)])
		}
		got := gridOrder(n, func(i int) uint64 {
			return cellOrder(rows[i].loc, rows[i].has(flagLocated)) | uint64(^math.Float32bits(rows[i].travel))
		})
		want := make([]int32, n)
		for i := range want {
			want[i] = int32(i)
		}
		slices.SortStableFunc(want, func(a, b int32) int {
			ka, kb := cellKeyOf(rows[a].loc, rows[a].has(flagLocated)), cellKeyOf(rows[b].loc, rows[b].has(flagLocated))
			if c := cmp.Compare(ka, kb); c != 0 {
				return c
			}
			return -cmp.Compare(rows[a].travel, rows[b].travel)
		})
		if !slices.Equal(got, want) {
			t.Errorf("n=%d: gridOrder differs from the stable sort", n)
		}
	}
}
