package careers

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/onework/onework/workforce"
)

// Query asks for one page of moves.
type Query struct {
	// First is the page size: 0 means Config.DefaultPageSize; negative or
	// above Config.MaxPageSize is EINVALID.
	First int
	// After is the cursor of the last move already seen, "" for the first
	// page. A cursor belongs to the origin and filter it came from.
	After  string
	Filter Filter
	// Demand, when set, returns the number of open vacancies for an
	// occupation within reach of the person or place asking (the caller
	// knows the vacancies and the place; the engine knows neither). It is
	// called once per viable target, so it should be a cheap lookup.
	// Negative counts are taken as 0.
	Demand func(occupationID string) int
}

// Filter narrows the moves. The zero Filter applies the method's defaults:
// similarity at least Config.ViableSimilarity and at most
// Config.MaxJobZoneStep job-zone steps.
type Filter struct {
	// CrossSectorOnly keeps moves that change sector, sideways: a change
	// of sector and a step up in preparation at once is left out unless
	// the target is open entry (OpenEntry) or MaxJobZoneStep is set. The
	// moves are served in rounds across destination sectors
	// (Config.SectorBreadth).
	CrossSectorOnly bool
	// MinPayRatio, when above 0, keeps moves whose target pays at least
	// this multiple of the origin's pay. Moves whose pay ratio is unknown
	// are then left out, because they cannot be shown to meet it.
	MinPayRatio float64
	// MaxJobZoneStep, when set, replaces Config.MaxJobZoneStep (0 to 4).
	// Moves where either job zone is unknown are kept, with a reason.
	MaxJobZoneStep *int
	// MinSimilarity, when set, replaces Config.ViableSimilarity (0 to 1).
	MinSimilarity *float64
}

// Profile is what a person brings to a move, without their identity.
type Profile struct {
	// Skills are the skills the person holds; their level does not change
	// the similarity. Skills the engine does not know are ignored and
	// listed in Moves.IgnoredSkills.
	Skills []workforce.PersonSkill
	// History is the person's work history. The current or most recent
	// job sets the job zone, pay and sectors moves are compared with, and
	// no move leads back into an occupation of the history.
	History []workforce.Job
	// Seeks are occupations the person is looking for; moves into them
	// are flagged.
	Seeks []string
	// CurrentPay, when above 0, replaces the typical pay of the most
	// recent occupation in pay ratios.
	CurrentPay float64
}

// Moves is one page of career moves from one origin.
type Moves struct {
	// From is the origin's occupation id ("" for a person without a known
	// occupation) and FromLabel its label.
	From, FromLabel string
	Items           []Move
	// Total counts the moves over all pages.
	Total     int
	HasNext   bool
	EndCursor string
	// IgnoredSkills are a person's skills the engine does not know.
	IgnoredSkills []string
	// Note says why there are fewer than MinMoves moves under the
	// default filter, "" otherwise.
	Note string
}

// MinMoves is the number of moves every occupation with skills should
// get under the default filter; below it Moves.Note says why.
const MinMoves = 10

// Move is a career move into one target occupation, with its explanation.
type Move struct {
	OccupationID string
	Label        string
	// Score is the desirability score the list is ranked by, in [0,1].
	Score float64
	Parts Parts
	// Similarity is the skills similarity in [0,1]; CoverTarget is the
	// weighted share of the target's requirements the origin covers and
	// CoverOrigin the weighted share of the origin's skills the target
	// uses.
	Similarity, CoverTarget, CoverOrigin float64
	// JobZone is the target's (0 if unknown); JobZoneStep is the target's
	// minus the origin's, meaningful when JobZoneKnown.
	JobZone      int
	JobZoneStep  int
	JobZoneKnown bool
	// Closeness is what the list is ordered by, in [0,1]: the skills
	// similarity with the other signals Config.Closeness weighs.
	Closeness float64
	// PrepStep is the step up in preparation (negative: down), in UK SOC
	// 2020 skill levels when PrepUK, else in job zones; meaningful when
	// PrepKnown. QualificationStep is true for a near-identical move kept
	// although its step is over the filter's limit; Route then gives the
	// target's typical entry routes where known.
	PrepStep                             int
	PrepUK, PrepKnown, QualificationStep bool
	Route                                string
	// OpenEntry is true when the target's SOC 2020 unit group takes people
	// without qualifications and trains them on the job (OpenEntry), and
	// the target is not a supervisory job (Supervisory).
	OpenEntry bool
	// AnnualPay is the target's typical pay (0 if unknown); PayRatio is it
	// over the origin's pay, 0 when either is unknown.
	AnnualPay float64
	PayRatio  float64
	// PayInfo says where the target's pay comes from: source, year, basis
	// and SOC group (empty when pay is unknown).
	PayInfo Pay
	// Vacancies is the demand function's count, nil without one.
	Vacancies *int
	// CrossSector is true when the move changes skills-based sector or
	// main kind of employer; Sectors are the target's sector ids.
	CrossSector bool
	Sectors     []string
	// Sought is true when a person said they look for this occupation.
	Sought bool
	// Shared are the target's requirements the origin holds; Missing are
	// the rest, some with partial credit through a related held skill.
	// Both list essential skills first, then the more specific.
	Shared  []SkillRef
	Missing []SkillRef
	Reasons []string
	// Cursor marks this move's place; pass it as Query.After to go on.
	Cursor string
}

// Parts are the parts of a move's score, each in [0,1]. Demand is nil when
// the query has no demand function.
type Parts struct {
	Similarity float64
	// Pay is 0.5 at equal pay, 1 at double, 0 at half or less, and 0.5
	// when the pay ratio is unknown.
	Pay    float64
	Demand *float64
}

// SkillRef is a required skill of a target as the origin covers it.
type SkillRef struct {
	SkillID   string
	Label     string
	Essential bool
	// Credit is 1 for a held skill, Config.RelatedCredit or
	// Config.SiblingCredit for one covered through Via, else 0.
	Credit float64
	// Via is the held skill that earns partial credit, if any.
	Via      string
	ViaLabel string
}

// MissingEssential returns the ids of the move's missing essential skills:
// the gap to hand to Engine.RankProgrammes.
func (m *Move) MissingEssential() []string {
	var ids []string
	for _, s := range m.Missing {
		if s.Essential {
			ids = append(ids, s.SkillID)
		}
	}
	return ids
}

// CareerMoves returns a page of moves from the occupation with id from. It
// returns ENOTFOUND for an unknown occupation and EINVALID for a bad page
// or filter. Filters that exclude every move give an empty page.
func (e *Engine) CareerMoves(from string, q Query) (*Moves, error) {
	if err := workforce.ValidID("from", from); err != nil {
		return nil, err
	}
	oi, ok := e.occByID[from]
	if !ok {
		return nil, workforce.NotFound("occupation", from)
	}
	return e.moves(e.occupationOrigin(oi), q, nil)
}

// PersonMoves returns a page of moves for a person's profile, where shared
// skills are skills the person holds. It returns EINVALID for a profile
// without skills, an unknown or malformed occupation id in it, or a bad
// page or filter.
func (e *Engine) PersonMoves(p Profile, q Query) (*Moves, error) {
	o, ignored, err := e.personOrigin(p)
	if err != nil {
		return nil, err
	}
	return e.moves(o, q, ignored)
}

// occupationOrigin makes an origin of occupation oi: it holds its own
// requirements with their weights.
func (e *Engine) occupationOrigin(oi int32) *origin {
	oc := &e.occs[oi]
	nodes := make([]int32, len(oc.reqs))
	for i, r := range oc.reqs {
		nodes[i] = r.node
	}
	hs, total := heldFrom(nodes, func(i int) float64 { return oc.reqs[i].w })
	return &origin{
		occ: oi, label: oc.label, held: hs, total: total,
		jobZone: oc.jobZone, level: oc.level, pay: oc.pay, sectors: oc.sectors, kind: string(oc.kind),
		exclude: []int32{oi},
	}
}

// personOrigin makes an origin of a profile: it holds the person's known
// skills at their specificity, since a person's skill has no role.
func (e *Engine) personOrigin(p Profile) (*origin, []string, error) {
	if len(p.Skills) == 0 {
		return nil, nil, workforce.Invalid("skills", "a person needs at least one skill to compare with occupations")
	}
	if !inRange(p.CurrentPay, 0, 10_000_000) {
		return nil, nil, workforce.Invalid("currentPay", "must be between 0 and 10000000")
	}
	var nodes []int32
	var ignored []string
	for i, s := range p.Skills {
		if err := workforce.ValidID(indexed("skills", i)+".skillId", s.SkillID); err != nil {
			return nil, nil, err
		}
		if n, ok := e.nodeByID[s.SkillID]; ok {
			nodes = append(nodes, n)
		} else {
			ignored = append(ignored, s.SkillID)
		}
	}
	hs, total := heldFrom(nodes, func(i int) float64 { return e.nodes[nodes[i]].spec })
	o := &origin{occ: -1, person: true, held: hs, total: total}
	latest := -1
	for i, j := range p.History {
		oi, err := e.lookup(indexed("history", i)+".occupationId", j.OccupationID)
		if err != nil {
			return nil, nil, err
		}
		o.exclude = append(o.exclude, oi)
		if latest < 0 || laterJob(j, p.History[latest]) {
			latest = i
		}
	}
	for i, id := range p.Seeks {
		oi, err := e.lookup(indexed("seeks", i), id)
		if err != nil {
			return nil, nil, err
		}
		o.seeks = append(o.seeks, oi)
	}
	if latest >= 0 {
		oc := &e.occs[o.exclude[latest]]
		o.occ, o.label = o.exclude[latest], oc.label
		o.jobZone, o.level, o.pay, o.sectors, o.kind = oc.jobZone, oc.level, oc.pay, oc.sectors, string(oc.kind)
	}
	if p.CurrentPay > 0 {
		o.pay, o.ownPay = p.CurrentPay, true
	}
	return o, ignored, nil
}

// lookup returns the index of occupation id, or EINVALID naming field: an
// occupation in a profile is input, not the thing looked for.
func (e *Engine) lookup(field, id string) (int32, error) {
	if err := workforce.ValidID(field, id); err != nil {
		return 0, err
	}
	oi, ok := e.occByID[id]
	if !ok {
		return 0, workforce.Invalid(field, "unknown occupation %q", id)
	}
	return oi, nil
}

// laterJob reports whether a is more recent than b: a current job (no end)
// beats an ended one, then the later end, then the later start.
func laterJob(a, b workforce.Job) bool {
	if (a.To == nil) != (b.To == nil) {
		return a.To == nil
	}
	if a.To != nil && !a.To.Equal(*b.To) {
		return a.To.After(*b.To)
	}
	return timeAfter(a.From, b.From)
}

// timeAfter reports whether a is after b, where an unknown time is earliest.
func timeAfter(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a != nil
	}
	return a.After(*b)
}

// candidate is a viable move before its explanation is written. Its cursor
// holds its score and id, the keys it is ranked by.
type candidate struct {
	cursor
	occ     int32
	sim     float64
	close   float64
	desire  float64
	maxStep int // the filter's limit on the step in preparation
	// parts are the score's parts but Demand, which is demand when
	// hasDemand; vac is the demand function's count. Pointers to them are
	// made for the moves of the page only.
	parts     Parts
	demand    float64
	vac       int
	hasDemand bool
}

// limits are a filter resolved against the config.
type limits struct {
	minSim float64
	// openSim is the similarity an open-entry move without a step up
	// needs; minSim when the filter sets the similarity.
	openSim float64
	// sideways leaves out cross-sector moves that also step up into a
	// job that is not open entry.
	sideways    bool
	maxStep     int
	minPay      float64
	crossSector bool
	// bySimilarity ranks by similarity alone, for evaluation.
	bySimilarity bool
}

// resolve checks f and fills in the defaults.
func (e *Engine) resolve(f Filter) (limits, error) {
	l := limits{minSim: e.cfg.ViableSimilarity, openSim: e.cfg.OpenEntrySimilarity, maxStep: e.cfg.MaxJobZoneStep, minPay: f.MinPayRatio,
		crossSector: f.CrossSectorOnly, sideways: f.CrossSectorOnly && f.MaxJobZoneStep == nil}
	if f.MinSimilarity != nil {
		if !inRange(*f.MinSimilarity, 0, 1) {
			return l, workforce.Invalid("filter.minSimilarity", "must be between 0 and 1, got %v", *f.MinSimilarity)
		}
		l.minSim, l.openSim = *f.MinSimilarity, *f.MinSimilarity
	}
	if f.MaxJobZoneStep != nil {
		if *f.MaxJobZoneStep < 0 || *f.MaxJobZoneStep > 4 {
			return l, workforce.Invalid("filter.maxJobZoneStep", "must be between 0 and 4, got %d", *f.MaxJobZoneStep)
		}
		l.maxStep = *f.MaxJobZoneStep
	}
	if !inRange(f.MinPayRatio, 0, 100) {
		return l, workforce.Invalid("filter.minPayRatio", "must be between 0 and 100, got %v", f.MinPayRatio)
	}
	return l, nil
}

// moves ranks every viable move from o and returns the page q asks for.
func (e *Engine) moves(o *origin, q Query, ignored []string) (*Moves, error) {
	first, err := e.pageSize(q.First)
	if err != nil {
		return nil, err
	}
	lim, err := e.resolve(q.Filter)
	if err != nil {
		return nil, err
	}
	key := e.queryKey(o, lim)
	var after *cursor
	if q.After != "" {
		c, err := decodeCursor(q.After, key)
		if err != nil {
			return nil, err
		}
		after = &c
	}
	s := e.scratch.Get().(*scratch)
	defer e.scratch.Put(s)
	kept := e.originPass(o, s)
	cands := e.viable(o, s, kept, lim, q.Demand)
	total := len(cands)
	res := &Moves{Total: total, IgnoredSkills: ignored}
	if o.occ >= 0 {
		res.From, res.FromLabel = e.occs[o.occ].id, o.label
	}
	page, hasNext := e.page(cands, lim, after, first)
	res.Items = make([]Move, 0, len(page))
	for _, c := range page {
		m := e.explain(o, s, c)
		m.Cursor = encodeCursor(c.cursor, key)
		res.Items = append(res.Items, m)
	}
	if q.Filter == (Filter{}) && total < MinMoves {
		res.Note = e.fewMovesNote(o, total)
	}
	res.HasNext = hasNext
	if n := len(res.Items); n > 0 {
		res.EndCursor = res.Items[n-1].Cursor
	}
	return res, nil
}

// fewMovesNote says why an origin has only n moves by default.
func (e *Engine) fewMovesNote(o *origin, n int) string {
	if len(o.held) == 0 {
		return "No move: ESCO lists no skills for this occupation, so there is nothing to compare."
	}
	return fmt.Sprintf("Only %d %s share enough skills (skills similarity at least %.2f) at a similar or lower level of preparation: ESCO lists few skills other occupations need for %s. Lower minSimilarity or raise maxJobZoneStep to see more.",
		n, plural(n, "occupation", "occupations"), e.cfg.ViableSimilarity, article(o.label))
}

// pageSize checks a query's First.
func (e *Engine) pageSize(first int) (int, error) {
	switch {
	case first < 0 || first > e.cfg.MaxPageSize:
		return 0, workforce.Invalid("first", "must be between 0 and %d, got %d", e.cfg.MaxPageSize, first)
	case first == 0:
		return e.cfg.DefaultPageSize, nil
	}
	return first, nil
}

// viable gates, filters and scores every target the similarity pass
// touched, in no particular order (rank or page orders them), taking each
// target's similarity and closeness from kept when it is not nil. The
// slice is s's, valid until s is reused.
func (e *Engine) viable(o *origin, s *scratch, kept *pass, lim limits, demand func(string) int) []candidate {
	cands := s.cands[:0]
	for i, t := range s.touched {
		if slices.Contains(o.exclude, t) {
			continue
		}
		var sim float64
		if kept != nil {
			sim = kept.sim[i]
		} else {
			sim, _, _ = e.similarity(o, s, t)
		}
		if sim < lim.openSim || sim == 0 {
			continue
		}
		tg := &e.occs[t]
		step, _, known := e.prepStep(o, tg)
		switch {
		case sim < lim.minSim && !(tg.open && known):
			// Below the similarity a move needs, unless the target is a
			// job that trains on the job (the step is checked next).
			continue
		case known && step > lim.maxStep && sim < NearIdentical:
			continue
		case lim.sideways && known && step > 0 && !tg.open && sim < NearIdentical:
			continue
		}
		ratio := payRatio(o.pay, tg.pay)
		if lim.minPay > 0 && (ratio == 0 || ratio < lim.minPay) {
			continue
		}
		if lim.crossSector && !e.crossSector(o, tg) {
			continue
		}
		var close float64
		if kept != nil {
			close = kept.close[i]
		} else {
			close = e.closeness(o, t, sim)
		}
		c := candidate{cursor: cursor{id: tg.id}, occ: t, sim: sim, close: close, maxStep: lim.maxStep, parts: Parts{Similarity: sim, Pay: payPart(ratio)}}
		w := e.cfg.Weights
		sum, weights := w.Similarity*sim+w.Pay*c.parts.Pay, w.Similarity+w.Pay
		if demand != nil {
			n := max(0, demand(tg.id))
			d := float64(n) / (float64(n) + e.cfg.DemandHalf)
			c.vac, c.demand, c.hasDemand = n, d, true
			sum, weights = sum+w.Demand*d, weights+w.Demand
		}
		c.desire = sum / weights
		// Closeness leads; desirability moves a move past others only
		// within TieBand of closeness. The score stays in [0,1].
		c.score = (close + e.cfg.TieBand*c.desire) / (1 + e.cfg.TieBand)
		if lim.bySimilarity {
			c.score = sim
		}
		cands = append(cands, c)
	}
	s.cands = cands
	return cands
}

// rank sorts cands best first, ties by id, in rounds across sectors for a
// cross-sector list (takeTurns).
func (e *Engine) rank(cands []candidate, lim limits) {
	slices.SortFunc(cands, func(a, b candidate) int { return compareRank(a.cursor, b.cursor) })
	if e.takesTurns(lim) {
		e.takeTurns(cands)
	}
}

// takesTurns reports whether a list under lim is served in rounds, where a
// move's place depends on the moves ranked before it.
func (e *Engine) takesTurns(lim limits) bool {
	return lim.crossSector && e.cfg.SectorBreadth > 0
}

// page returns the first n of cands, in ranked order, that are ranked after
// the cursor after (from the start when nil; the cursor's own move may have
// gone since), and whether more follow. It reorders cands. Without rounds a
// move's place depends on its cursor alone, so the page is selected
// without sorting the whole list.
func (e *Engine) page(cands []candidate, lim limits, after *cursor, n int) ([]candidate, bool) {
	if e.takesTurns(lim) {
		e.rank(cands, lim)
		start := 0
		if after != nil {
			start = sort.Search(len(cands), func(i int) bool { return rankedBefore(*after, cands[i].cursor) })
		}
		end := min(len(cands), start+n)
		return cands[start:end], end < len(cands)
	}
	rest := cands
	if after != nil {
		rest = cands[:0]
		for _, c := range cands {
			if rankedBefore(*after, c.cursor) {
				rest = append(rest, c)
			}
		}
	}
	more := len(rest) > n
	if more {
		selectBest(rest, n)
		rest = rest[:n]
	}
	slices.SortFunc(rest, func(a, b candidate) int { return compareRank(a.cursor, b.cursor) })
	return rest, more
}

// selectBest moves the n best-ranked of cands (n < len(cands)) to its
// front, in no particular order: a heap of the best n seen, worst on top.
func selectBest(cands []candidate, n int) {
	if n == 0 {
		return
	}
	worse := func(i, j int) bool { return rankedBefore(cands[j].cursor, cands[i].cursor) }
	down := func(i int) {
		for {
			w := i
			if l := 2*i + 1; l < n && worse(l, w) {
				w = l
			}
			if r := 2*i + 2; r < n && worse(r, w) {
				w = r
			}
			if w == i {
				return
			}
			cands[i], cands[w] = cands[w], cands[i]
			i = w
		}
	}
	for i := n/2 - 1; i >= 0; i-- {
		down(i)
	}
	for i := n; i < len(cands); i++ {
		if rankedBefore(cands[i].cursor, cands[0].cursor) {
			cands[0], cands[i] = cands[i], cands[0]
			down(0)
		}
	}
}

// afterRounds is the round of moves that take no turn: after any round a
// list of occupations can have.
const afterRounds = math.MaxUint16

// takeTurns reorders a cross-sector list, sorted by score, into rounds: each
// round serves up to Config.SectorBreadth moves into each destination
// sector, best first, so that the first page spans the sectors a person
// could move into rather than listing one sector's variants of a job.
// Moves sharing less than Config.TurnSimilarity of the skills (let in as
// open entry) take no turn: they follow every round, so that a sector the
// origin barely reaches does not lead with its best weak move. Within a
// round, and within a sector, the order by score stands.
//
// The rounds reorder only within Config.RoundBand: a move whose score is
// more than RoundBand below another's takes at least that move's round, so
// it is served after it. Without the band a sector's third and fourth
// moves came before far closer moves of busier sectors (from a waiter,
// psychic and fortune teller, closeness 0.16, before a score of moves
// above 0.2).
func (e *Engine) takeTurns(cands []candidate) {
	turns := map[string]int{}
	for i := range cands {
		if cands[i].sim < e.cfg.TurnSimilarity {
			cands[i].round = afterRounds
			continue
		}
		sector := strings.Join(e.occs[cands[i].occ].sectors, " ")
		cands[i].round = turns[sector] / e.cfg.SectorBreadth
		turns[sector]++
	}
	// cands are by score: the moves more than the band above move i are
	// a prefix, and the latest round among them only grows down the list.
	// Taking the rounds already raised is the same, since a move more
	// than the band above one of them is more than the band above i.
	above, latest := 0, 0
	for i := range cands {
		for above < i && cands[above].score > cands[i].score+e.cfg.RoundBand {
			latest = max(latest, cands[above].round)
			above++
		}
		cands[i].round = max(cands[i].round, latest)
	}
	slices.SortStableFunc(cands, func(a, b candidate) int { return compareRank(a.cursor, b.cursor) })
}

// NearIdentical is the skills similarity at which a move is never dropped
// for a step in preparation: it is shown as needing a qualification step.
const NearIdentical = 0.8

// prepStep returns the step up in preparation from o to t, negative for a
// step down: in the UK skill levels of their SOC 2020 unit groups when
// both are known (uk true), else in O*NET job zones; known is false when
// neither pair is.
func (e *Engine) prepStep(o *origin, t *occupation) (step int, uk, known bool) {
	if o.level > 0 && t.level > 0 {
		return t.level - o.level, true, true
	}
	step, known = jobZoneStep(o.jobZone, t.jobZone)
	return step, false, known
}

// jobZoneStep returns to-from and whether both job zones are known (0 and
// false when not).
func jobZoneStep(from, to int) (int, bool) {
	if from == 0 || to == 0 {
		return 0, false
	}
	return to - from, true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// payRatio returns to/from, 0 when either is unknown.
func payRatio(from, to float64) float64 {
	if from <= 0 || to <= 0 {
		return 0
	}
	return to / from
}

// payPart scores a pay ratio on a log scale, so that a rise and a cut of the
// same factor move the score equally: 0.5 at equal pay, 1 at double, 0 at
// half; an unknown ratio is neutral.
func payPart(ratio float64) float64 {
	if ratio == 0 {
		return 0.5
	}
	return max(0, min(1, 0.5+0.5*math.Log2(ratio)))
}

// crossSector reports whether a move from o into t changes skills-based
// sector (the two share none, both being known, and they are not in one
// SOC 2020 unit group, which ONS counts as one kind of work: a waiter's
// move to sommelier stays in hospitality) or main kind of employer.
func (e *Engine) crossSector(o *origin, t *occupation) bool {
	sameUnit := o.occ >= 0 && t.soc != "" && e.occs[o.occ].soc == t.soc
	return sectorChange(o.sectors, t.sectors) && !sameUnit || kindChange(o.kind, string(t.kind))
}

func sectorChange(from, to []string) bool {
	if len(from) == 0 || len(to) == 0 {
		return false
	}
	for _, s := range to {
		if _, found := slices.BinarySearch(from, s); found {
			return false
		}
	}
	return true
}

func kindChange(from, to string) bool {
	return from != "" && to != "" && from != to
}
