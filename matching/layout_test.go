package matching

import (
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
