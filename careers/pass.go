package careers

import "sync"

// maxKeptPasses bounds the similarity passes an engine keeps: at about 35 KB
// a pass (800 targets) on ESCO, about 35 MB. Past it, an arbitrary pass
// makes room.
const maxKeptPasses = 1024

// pass is the part of a query that depends on its origin alone, kept for an
// origin occupation: the similarity pass as similarities leaves it in a
// scratch (the credit of each credited node, the two coverage numerators of
// each touched target), and each target's similarity and closeness, which
// viable would otherwise compute for every target on every query. A
// career-move query from a vacancy's occupation scores the 700 to 850
// occupations sharing a skill with it; the pass was most of the query's CPU
// and is the same for every page, filter and demand function.
type pass struct {
	credited []int32
	tier     []uint8
	via      []int32
	// By touched target, in the order similarities touched them.
	touched              []int32
	numTarget, numOrigin []float64
	sim, close           []float64
}

// passes are the kept passes by origin occupation. An engine is immutable,
// so a pass stays valid for the engine's life; new data makes a new engine,
// which starts with none.
type passes struct {
	mu sync.RWMutex
	by map[int32]*pass
}

func (ps *passes) get(occ int32) *pass {
	ps.mu.RLock()
	defer ps.mu.RUnlock()
	return ps.by[occ]
}

func (ps *passes) put(occ int32, p *pass) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.by == nil {
		ps.by = map[int32]*pass{}
	}
	if len(ps.by) >= maxKeptPasses {
		for k := range ps.by {
			delete(ps.by, k)
			break
		}
	}
	ps.by[occ] = p
}

// originPass fills s with o's similarity pass, as similarities does. For
// an origin occupation it restores the kept pass, making and keeping it on
// first use, and returns it; for a person it runs similarities and
// returns nil (a person's skills are their own).
func (e *Engine) originPass(o *origin, s *scratch) *pass {
	if o.person || o.occ < 0 {
		e.similarities(o, s)
		return nil
	}
	if p := e.passes.get(o.occ); p != nil {
		p.restore(s)
		return p
	}
	e.similarities(o, s)
	p := &pass{
		credited:  append([]int32(nil), s.credited...),
		tier:      make([]uint8, len(s.credited)),
		via:       make([]int32, len(s.credited)),
		touched:   append([]int32(nil), s.touched...),
		numTarget: make([]float64, len(s.touched)),
		numOrigin: make([]float64, len(s.touched)),
		sim:       make([]float64, len(s.touched)),
		close:     make([]float64, len(s.touched)),
	}
	for i, n := range s.credited {
		p.tier[i], p.via[i] = s.tier[n], s.via[n]
	}
	for i, t := range s.touched {
		p.numTarget[i], p.numOrigin[i] = s.numTarget[t], s.numOrigin[t]
		sim, _, _ := e.similarity(o, s, t)
		p.sim[i] = sim
		if sim > 0 {
			p.close[i] = e.closeness(o, t, sim)
		}
	}
	e.passes.put(o.occ, p)
	return p
}

// restore puts the pass in s as similarities leaves it.
func (p *pass) restore(s *scratch) {
	s.reset()
	for i, n := range p.credited {
		s.creditStamp[n], s.tier[n], s.via[n] = s.stamp, p.tier[i], p.via[i]
	}
	s.credited = append(s.credited, p.credited...)
	for i, t := range p.touched {
		s.occStamp[t] = s.stamp
		s.numTarget[t], s.numOrigin[t] = p.numTarget[i], p.numOrigin[i]
	}
	s.touched = append(s.touched, p.touched...)
}
