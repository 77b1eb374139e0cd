package main

import (
	"os"
	"strings"
	"testing"
)

// TestOperationsDocListsEverySetting keeps docs/operations.md's table of
// settings complete.
func TestOperationsDocListsEverySetting(t *testing.T) {
	doc, err := os.ReadFile("docs/operations.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range settings {
		if !strings.Contains(string(doc), "| `"+s.name+"` |") {
			t.Errorf("docs/operations.md does not list %s", s.name)
		}
	}
}
