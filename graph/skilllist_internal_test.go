package graph

import (
	"testing"

	"github.com/onework/onework/workforce"
)

// TestSkillListKeepsOnlyTheLastList: the same ids (equal, not the same
// slice) get the kept skills; any other list, a longer or shorter one
// included, misses; changing the caller's ids afterwards changes nothing.
func TestSkillListKeepsOnlyTheLastList(t *testing.T) {
	var l skillList
	if _, ok := l.get(nil); ok {
		t.Fatal("an empty memo answered")
	}
	ids := []string{"skill/a", "skill/b"}
	skills := []*workforce.Skill{{ID: "skill/a"}, {ID: "skill/b"}}
	l.put(ids, skills)
	ids[0] = "skill/z"
	if got, ok := l.get([]string{"skill/a", "skill/b"}); !ok || len(got) != 2 || got[0] != skills[0] {
		t.Fatalf("get(a, b) = %v, %v; want the kept skills", got, ok)
	}
	for _, other := range [][]string{{"skill/a"}, {"skill/a", "skill/b", "skill/c"}, {"skill/b", "skill/a"}, {"skill/z", "skill/b"}} {
		if _, ok := l.get(other); ok {
			t.Errorf("get(%v) answered from the list of a, b", other)
		}
	}
}
