package matching

import (
	"fmt"
	"sync"
)

// segment is a run of members a search met: located ones (a grid cell's,
// to check against the anchor's reach) or ones without a location, met at
// an unknown distance.
type segment struct {
	members []int32
	located bool
}

// defaultSplitMin is the number of members in reach from which a search
// is shared between workers: about a millisecond of scanning, far more
// than starting a goroutine and merging two pages costs.
const defaultSplitMin = 20_000

// scanSegments scans the segments a search listed in sc.segments into rk
// and dropped. When there are at least splitMin members and the engine
// has more than one scan worker, the segments are dealt out by size
// between the workers, nearest first for each, and every worker but the
// first ranks on a goroutine of its own into its own ranker, drop counts
// and scratch memo; their counts are then added up and their pages merged.
// The page is the same as a single scan's: a match that a worker settles
// ranks below that worker's whole page, so below the merged one too, and
// every match is counted by exactly one worker.
func (x *index) scanSegments(sc *scratch, rk *ranker, dropped *drops, fork func(w *scratch), scan func(segs []segment, rk *ranker, dropped *drops, sc *scratch)) {
	segs := sc.segments
	n := 0
	for _, s := range segs {
		n += len(s.members)
	}
	workers := x.cfg.ScanWorkers
	if workers < 2 || n < x.cfg.splitMin || len(segs) < 2 {
		scan(segs, rk, dropped, sc)
		return
	}
	x.splits.Add(1)
	shares := make([][]segment, workers)
	loads := make([]int, workers)
	for _, s := range segs {
		w := 0
		for i := 1; i < workers; i++ {
			if loads[i] < loads[w] {
				w = i
			}
		}
		shares[w] = append(shares[w], s)
		loads[w] += len(s.members)
	}
	type result struct {
		rk      *ranker
		dropped drops
		panic   any
	}
	results := make([]result, workers)
	var wg sync.WaitGroup
	for i := 1; i < workers; i++ {
		results[i].rk = newRanker(rk.rq, rk.top.ids)
		for len(sc.forks) < i {
			sc.forks = append(sc.forks, new(scratch))
		}
		forked := sc.forks[i-1]
		fork(forked)
		wg.Add(1)
		go func(r *result, share []segment) {
			defer wg.Done()
			defer func() { r.panic = recover() }()
			scan(share, r.rk, &r.dropped, forked)
		}(&results[i], shares[i])
	}
	scan(shares[0], rk, dropped, sc)
	wg.Wait()
	for i := 1; i < workers; i++ {
		r := &results[i]
		if r.panic != nil {
			panic(fmt.Sprintf("matching: a scan worker failed: %v", r.panic))
		}
		rk.merge(r.rk)
		for k := range dropped {
			dropped[k] += r.dropped[k]
		}
	}
}

// shareVacancy readies w, a worker's scratch, to score people against
// the vacancy sc is planned for: it shares sc's tables, which no one
// writes during a scan, and has a memo of its own.
func (sc *scratch) shareVacancy(w *scratch) {
	credits, occ, forks := w.credits, w.occ, w.forks
	*w = scratch{packed: sc.packed, masks: sc.masks, narrow: sc.narrow, plan: sc.plan,
		related: sc.related, optionalShare: sc.optionalShare, noCredit: sc.noCredit,
		credits: credits, occ: occ, forks: forks}
	if sc.narrow {
		if w.credits == nil {
			w.credits = new([creditSlots]creditSlot)
		} else {
			clear(w.credits[:])
		}
	}
}

// sharePerson readies w, a worker's scratch, to score vacancies for the
// person sc is planned for: it shares sc's tier table, which no one
// writes during a scan, and plans the person's evidence in its own memo,
// which the scan writes.
func (w *scratch) sharePerson(x *index, sc *scratch, facts []fact) {
	w.tier = sc.tier
	x.planPersonFacts(&w.occ, facts)
}

// merge adds the matches o counted and its page to r, for the same query
// over other members.
func (r *ranker) merge(o *ranker) {
	r.total += o.total
	r.after += o.after
	for _, it := range o.top.items {
		if r.makesPage(it.score, r.top.ids.id(it.node)) {
			r.keep(it)
		}
	}
}
