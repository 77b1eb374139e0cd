package matching

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/onework/onework/workforce"
)

// reuseFactor maps an ESCO reuse level (a label or a concept URI) to a
// weight. Unknown levels weigh 1 so that missing metadata never demotes.
func reuseFactor(level string) float64 {
	l := strings.ToLower(level)
	switch {
	case strings.Contains(l, "transversal"):
		return 0.5
	case strings.Contains(l, "cross-sector"), strings.Contains(l, "cross_sector"):
		return 0.75
	}
	return 1
}

// internSkill returns the index of skill id, adding it when new. When the
// vocabulary is full it records the index's error and returns none and
// false, adding nothing; writes call roomForSkills first, so that they are
// refused whole instead.
func (x *index) internSkill(id string) (int32, bool) {
	if len(x.skills.rows) >= maxSkills {
		if i, ok := x.skills.lookup(id); ok {
			return i, true
		}
		x.vocabularyFull()
		return none, false
	}
	i, created := x.skills.intern(id)
	if created {
		x.skills.rows[i].reuse = 1
		x.skillSpec = append(x.skillSpec, 0)
		x.occSpec = append(x.occSpec, 1)
		x.respec(i)
	}
	return i, true
}

// vocabularyFull records that a write met a full skill vocabulary.
func (x *index) vocabularyFull() {
	x.err = workforce.Errorf(workforce.EINTERNAL, "skill vocabulary exceeds 65,535 skills")
}

// roomForSkills reports whether the n skill ids that id gives (empty ids
// ignored) fit the vocabulary. When they do not, it records the index's
// error, and the write must change nothing. Skills are never released, so
// the vocabulary is the table's rows; the exact count of new ids is needed
// only near the limit.
func (x *index) roomForSkills(n int, id func(i int) string) bool {
	if len(x.skills.rows)+n <= maxSkills {
		return true
	}
	fresh := map[string]bool{}
	for i := range n {
		if s := id(i); s != "" {
			if _, ok := x.skills.lookup(s); !ok {
				fresh[s] = true
			}
		}
	}
	if len(x.skills.rows)+len(fresh) <= maxSkills {
		return true
	}
	x.vocabularyFull()
	return false
}

// respec recomputes the specificity of skill i: an IDF-like weight that
// falls as more vacancies ask for the skill, so a skill every advert lists
// counts less than a rare one. It depends on the skill's own count only, so
// it can be kept up to date on each write instead of at every query.
func (x *index) respec(i int32) {
	s := &x.skills.rows[i]
	if w := s.reuse / (1 + math.Log1p(float64(max(s.df, 0)))); w != x.skillSpec[i] {
		x.skillSpec[i] = w
		x.reweigh()
	}
}

func (x *index) upsertSkill(s *workforce.Skill, links workforce.Links) {
	if s == nil || s.ID == "" {
		return
	}
	ids := slices.Concat([]string{s.ID}, links.Broader, links.Narrower, links.Related)
	if !x.roomForSkills(len(ids), func(i int) string { return ids[i] }) {
		return
	}
	i, _ := x.internSkill(s.ID)
	var to []int32
	for _, id := range ids[1:] {
		if id != "" && id != s.ID {
			if n, ok := x.internSkill(id); ok {
				to = append(to, n)
			}
		}
	}
	slices.Sort(to)
	to = slices.Compact(to)
	rows := x.skills.rows
	sk := &rows[i]
	for _, old := range sk.links {
		if _, ok := slices.BinarySearch(to, old); !ok {
			rows[old].in = deleteValue(rows[old].in, i)
		}
	}
	for _, n := range to {
		if _, ok := slices.BinarySearch(sk.links, n); !ok {
			rows[n].in = append(rows[n].in, i)
		}
	}
	sk.links = to
	if !sk.known {
		sk.known = true
		x.n.skills++
	}
	sk.label = cmp.Or(s.Label, s.ID)
	sk.reuse = reuseFactor(s.ReuseLevel)
	x.respec(i)
}

// neighbours calls fn for every skill linked to skill s in either direction.
func (x *index) neighbours(s int32, fn func(n int32)) {
	sk := &x.skills.rows[s]
	for _, n := range sk.links {
		fn(n)
	}
	for _, n := range sk.in {
		fn(n)
	}
}

// linked reports whether skills a and b are neighbours.
func (x *index) linked(a, b int32) bool {
	_, ok := slices.BinarySearch(x.skills.rows[a].links, b)
	if !ok {
		_, ok = slices.BinarySearch(x.skills.rows[b].links, a)
	}
	return ok
}
