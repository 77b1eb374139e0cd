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
