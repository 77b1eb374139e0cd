package careers

import (
	"slices"
	"testing"

	"github.com/onework/onework/workforce"
)

func TestSuppress(t *testing.T) {
	for _, c := range []struct {
		n      int
		reveal bool
		want   *int
	}{{0, false, nil}, {4, false, nil}, {5, false, ptr(5)}, {4, true, ptr(4)}, {12, false, ptr(12)}} {
		got := Suppress(c.n, c.reveal)
		if (got == nil) != (c.want == nil) || got != nil && *got != *c.want {
			t.Errorf("Suppress(%d, %v) = %v, want %v", c.n, c.reveal, got, c.want)
		}
	}
}

func TestPathwayRules(t *testing.T) {
	reqs := []workforce.Requirement{{SkillID: "s1", Essential: true}, {SkillID: "s2"}, {SkillID: "s3", Essential: true}, {SkillID: "s4", Essential: true}}
	held := []workforce.PersonSkill{{SkillID: "s1"}, {SkillID: "s2"}}
	if got := EssentialGap(reqs, held); !slices.Equal(got, []string{"s3", "s4"}) {
		t.Errorf("EssentialGap = %v, want [s3 s4]", got)
	}
	if got := EssentialGap(reqs, nil); !slices.Equal(got, []string{"s1", "s3", "s4"}) {
		t.Errorf("EssentialGap(nothing held) = %v, want every essential skill", got)
	}
	if got := EssentialGap(Requirements([]string{"s3"}), held); !slices.Equal(got, []string{"s3"}) {
		t.Errorf("EssentialGap(Requirements) = %v", got)
	}
	if c := Coverage([]string{"s3", "x"}, []string{"s1", "s3", "s4"}); c < 0.333 || c > 0.334 {
		t.Errorf("Coverage = %v, want 1/3", c)
	}
	if c := Coverage([]string{"s3"}, nil); c != 0 {
		t.Errorf("Coverage of nothing = %v, want 0", c)
	}

	a, b, c := &workforce.Programme{ID: "a"}, &workforce.Programme{ID: "b"}, &workforce.Programme{ID: "c"}
	progs := []*workforce.Programme{c, b, a}
	teaches := map[string][]string{"a": {"s3"}, "b": {"s3", "s4"}, "c": {"x"}}
	if got := NearbyForMove(progs, teaches, []string{"s3", "s4"}, 3); len(got) != 2 || got[0] != b || got[1] != a {
		t.Errorf("NearbyForMove = %v, want b (teaches both) then a; c teaches none", got)
	}
	if got := NearbyForMove(progs, teaches, []string{"s3", "s4"}, 1); len(got) != 1 || got[0] != b {
		t.Errorf("NearbyForMove(n=1) = %v, want b", got)
	}
	if got := FirstCovering(progs, teaches, []string{"s3", "s4"}); got != b {
		t.Errorf("FirstCovering = %v, want b", got)
	}
	if got := FirstCovering(progs, teaches, nil); got != nil {
		t.Errorf("FirstCovering(no gap) = %v, want nil", got)
	}
	ready := ReadyCounts(progs, teaches, [][]string{{"s3"}, {"s3", "s4"}, nil, {"y"}})
	if want := map[string]int{"a": 1, "b": 2}; !mapsEqual(ready, want) {
		t.Errorf("ReadyCounts = %v, want %v", ready, want)
	}
	sorted := slices.Clone(progs)
	slices.SortStableFunc(sorted, ByReady(ready))
	if sorted[0] != b || sorted[1] != a || sorted[2] != c {
		t.Errorf("ByReady order = %v, want b a c", sorted)
	}
	ranked := RankForOccupation(progs, teaches, []string{"s3", "s4"}, map[string]bool{"c": true}, ready)
	if ranked[0].Programme != b || ranked[0].SkillCoverage != 1 || ranked[1].Programme != a || ranked[2].Programme != c || !ranked[2].LeadsTo {
		t.Errorf("RankForOccupation = %+v, want b (all), a (half), c (none, leads there)", ranked)
	}
	cands := Candidates(progs, teaches, map[string][]workforce.Progression{"a": {{OccupationID: "o", Learners: 3}, {OccupationID: "p", Learners: 9}, {OccupationID: "o", Learners: 2}}}, "o")
	if len(cands) != 3 || cands[2].Programme != a || cands[2].Progressions != 5 || cands[0].Progressions != 0 {
		t.Errorf("Candidates = %+v, want a with 5 learners into o", cands)
	}

	ids, learners, hires := Destinations([]string{"o2", "o1"}, []workforce.Progression{{OccupationID: "o1", Learners: 4}, {OccupationID: "o3", Learners: 1}},
		[]workforce.Completion{{HiredOccupationID: "o1"}, {HiredOccupationID: "o1"}, {}})
	if !slices.Equal(ids, []string{"o1", "o2", "o3"}) || learners["o1"] != 4 || learners["o3"] != 1 || hires["o1"] != 2 || len(hires) != 1 {
		t.Errorf("Destinations = %v %v %v", ids, learners, hires)
	}

	if got := ShownOrigin(Profile{History: []workforce.Job{{OccupationID: "j1"}, {OccupationID: "j2"}}, Seeks: []string{"s"}}); got != "j2" {
		t.Errorf("ShownOrigin = %q, want the last job", got)
	}
	if got := ShownOrigin(Profile{Seeks: []string{"s", "t"}}); got != "s" {
		t.Errorf("ShownOrigin(no history) = %q, want the first sought", got)
	}
	if got := ShownOrigin(Profile{}); got != "" {
		t.Errorf("ShownOrigin(nothing) = %q, want empty", got)
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
