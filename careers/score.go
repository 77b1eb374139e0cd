package careers

import (
	"cmp"
	"math"
	"slices"
)

// Credit levels of a target skill for an origin, nearest link first.
const (
	tierNone = iota
	tierSibling
	tierRelated
	tierHeld
)

// held is one skill of an origin with its weight.
type held struct {
	node int32
	w    float64
}

// origin is where a move starts: the skills that count as held and what the
// gate and the ranking compare against.
type origin struct {
	// occ is the origin's occupation, or a person's most recent one; -1
	// for a person with none.
	occ    int32
	label  string
	person bool
	held   []held // sorted by node
	total  float64
	// jobZone, pay, sectors and kind describe the origin's occupation;
	// pay may instead be a person's own (ownPay).
	jobZone int
	level   int // UK skill level of the SOC 2020 unit group, 0 if unknown
	pay     float64
	ownPay  bool
	sectors []string
	kind    string
	// exclude are occupations that are no move at all (the origin, a
	// person's past jobs); seeks are those a person looks for.
	exclude []int32
	seeks   []int32
}

// scratch is the per-query working memory, reused through a sync.Pool so
// that a query allocates little beyond its results.
type scratch struct {
	// Per node: the credit tier an origin earns for it and the held skill
	// that earns it, valid where creditStamp equals stamp.
	tier        []uint8
	via         []int32
	creditStamp []uint32
	credited    []int32 // nodes with credit, in the order found
	// Per occupation: the numerators of the two coverages, valid where
	// occStamp equals stamp; mark dedupes one held skill's credits.
	numTarget, numOrigin []float64
	occStamp, mark       []uint32
	touched              []int32
	stamp, markStamp     uint32
	// cands are the viable moves of the current query (Engine.viable).
	cands []candidate
}

func newScratch(nOccs, nNodes int) *scratch {
	return &scratch{
		tier: make([]uint8, nNodes), via: make([]int32, nNodes), creditStamp: make([]uint32, nNodes),
		numTarget: make([]float64, nOccs), numOrigin: make([]float64, nOccs),
		occStamp: make([]uint32, nOccs), mark: make([]uint32, nOccs),
	}
}

// reset starts a new query. Stamps make clearing the arrays unnecessary,
// except when a stamp wraps round to 0, which fresh arrays hold.
func (s *scratch) reset() {
	if s.stamp++; s.stamp == 0 {
		clear(s.creditStamp)
		clear(s.occStamp)
		s.stamp = 1
	}
	s.credited = s.credited[:0]
	s.touched = s.touched[:0]
}

// nextMark starts a new round of dedupe marks, as reset does for stamps.
func (s *scratch) nextMark() {
	if s.markStamp++; s.markStamp == 0 {
		clear(s.mark)
		s.markStamp = 1
	}
}

// credit returns the tier node n has for the current origin and the held
// skill that earns it.
func (s *scratch) credit(n int32) (int, int32) {
	if s.creditStamp[n] != s.stamp {
		return tierNone, -1
	}
	return int(s.tier[n]), s.via[n]
}

// tierCredit is the share of a skill's weight a tier earns.
func (e *Engine) tierCredit(tier int) float64 {
	switch tier {
	case tierHeld:
		return 1
	case tierRelated:
		return e.cfg.RelatedCredit
	case tierSibling:
		return e.cfg.SiblingCredit
	}
	return 0
}

// neighbours calls fn with the nodes at each tier below held from n:
// directly linked ones, then siblings. A node may come more than once;
// callers keep the first (best) tier.
func (e *Engine) neighbours(n int32, fn func(m int32, tier int)) {
	nd := &e.nodes[n]
	for _, m := range nd.direct {
		fn(m, tierRelated)
	}
	if e.cfg.SiblingCredit == 0 {
		return
	}
	for _, p := range nd.parents {
		for _, m := range e.nodes[p].children {
			if m != n {
				fn(m, tierSibling)
			}
		}
	}
}

// similarities fills s with, for every occupation that shares a skill with
// o exactly or through the taxonomy, the two coverage numerators. The loops
// visit held skills in node order and neighbours in a fixed order, so that
// the floating-point sums, and so scores and cursors, repeat exactly.
func (e *Engine) similarities(o *origin, s *scratch) {
	s.reset()
	give := func(n int32, tier int, via int32) {
		if s.creditStamp[n] == s.stamp && int(s.tier[n]) >= tier {
			return
		}
		if s.creditStamp[n] != s.stamp {
			s.credited = append(s.credited, n)
		}
		s.creditStamp[n], s.tier[n], s.via[n] = s.stamp, uint8(tier), via
	}
	for _, h := range o.held {
		give(h.node, tierHeld, h.node)
	}
	for _, h := range o.held {
		e.neighbours(h.node, func(m int32, tier int) { give(m, tier, h.node) })
	}
	// How much of each target's requirements the origin covers.
	for _, n := range s.credited {
		c := e.tierCredit(int(s.tier[n]))
		for _, p := range e.postings[n] {
			if s.occStamp[p.occ] != s.stamp {
				s.occStamp[p.occ] = s.stamp
				s.numTarget[p.occ], s.numOrigin[p.occ] = 0, 0
				s.touched = append(s.touched, p.occ)
			}
			s.numTarget[p.occ] += c * p.w
		}
	}
	// How much of the origin's skills each target uses: each held skill
	// counts once per target, at the best tier the target offers. Postings
	// come exact first, then by tier, and mark keeps the first.
	for _, h := range o.held {
		s.nextMark()
		use := func(m int32, tier int) {
			c := e.tierCredit(tier) * h.w
			for _, p := range e.postings[m] {
				if s.mark[p.occ] != s.markStamp {
					s.mark[p.occ] = s.markStamp
					s.numOrigin[p.occ] += c
				}
			}
		}
		use(h.node, tierHeld)
		e.neighbours(h.node, use)
	}
}

// similarity combines the two coverages of target t into [0,1]: their
// geometric mean weighted by TargetShare. A geometric mean, unlike cosine,
// never falls when the target gains a skill the origin holds (both
// coverages can only rise), and it is 0 when either coverage is.
func (e *Engine) similarity(o *origin, s *scratch, t int32) (sim, coverTarget, coverOrigin float64) {
	if s.occStamp[t] != s.stamp || e.occs[t].total == 0 || o.total == 0 {
		return 0, 0, 0
	}
	coverTarget = min(1, s.numTarget[t]/e.occs[t].total)
	coverOrigin = min(1, s.numOrigin[t]/o.total)
	a := e.cfg.TargetShare
	sim = math.Pow(coverTarget, a) * math.Pow(coverOrigin, 1-a)
	return sim, coverTarget, coverOrigin
}

// heldFrom turns skill nodes into held skills weighted by weight(n), in node
// order, dropping duplicates (keeping the larger weight).
func heldFrom(nodes []int32, weight func(i int) float64) ([]held, float64) {
	hs := make([]held, 0, len(nodes))
	for i, n := range nodes {
		hs = append(hs, held{node: n, w: weight(i)})
	}
	slices.SortFunc(hs, func(a, b held) int {
		if a.node != b.node {
			return int(a.node - b.node)
		}
		return cmp.Compare(b.w, a.w)
	})
	hs = slices.CompactFunc(hs, func(a, b held) bool { return a.node == b.node })
	total := 0.0
	for _, h := range hs {
		total += h.w
	}
	return hs, total
}
