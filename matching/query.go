package matching

import (
	"container/heap"
	"encoding/base64"
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/onework/onework/workforce"
)

// Query asks for one page of a ranking, with optional filters.
type Query struct {
	// First is the page size: 0 means Config.DefaultPageSize; above
	// Config.MaxPageSize or negative is EINVALID.
	First int
	// After is the cursor of the last edge already seen ("" for the first page).
	After string
	// Weights override the deployment's default weights for this query.
	Weights *Weights
	// MaxDistanceKm, when above 0, keeps matches within that distance, on
	// top of each person's own travel limit. Matches whose distance is
	// unknown are then left out, because they cannot be shown to be within it.
	MaxDistanceKm float64
	// MinScore keeps matches scoring at least this much, in [0,1].
	MinScore float64
	// MinSkills keeps matches whose fit (skills and experience together)
	// is at least this much, in [0,1]: for instance 0.01 leaves out people
	// who hold none of the required skills (nor a related one) and have no
	// experience close to the job, however near they live. Above 0 it makes
	// a query compute every match's fit, so it is slower on large areas.
	MinSkills float64
	// LocalOnly keeps matches in the same local authority or ICB area.
	LocalOnly bool
	// OrgID, when set, keeps only the people on that organisation's caseload
	// (workforce.Person.OrgID), for an adviser's view of candidates. An
	// unknown organisation has no one on its caseload. VacanciesForPerson
	// ignores it.
	OrgID string
	// HomeAreaOnly measures every person's distance from the centre of
	// their home area instead of their own location, for callers who may
	// not know where the people live: filters, scores and reasons then
	// depend on the area alone, and edges carry a DistanceBand instead of
	// DistanceKm. CandidatesForVacancy only; it scans everyone.
	HomeAreaOnly bool
	// AsOccupation, for a vacancy with no occupation, is the occupation to
	// judge experience and registration against: for instance the nearest
	// ESCO occupation to the vacancy's title. It is ignored when the
	// vacancy has an occupation, or when the engine does not know it.
	AsOccupation string
	// ExactCounts shows small counts in notes as they are; otherwise a count
	// from 1 to 4 reads "fewer than 5", so that a note cannot single anyone
	// out. Set it for admins only.
	ExactCounts bool
}

// Tier says how far a person covers one required skill.
type Tier string

// Tiers of a required skill.
const (
	// Held: the person holds the skill.
	Held Tier = "HELD"
	// Related: the person holds a skill ESCO links to it (broader, narrower
	// or related), for partial credit (Config.RelatedCredit).
	Related Tier = "RELATED"
	// Missing: neither.
	Missing Tier = "MISSING"
)

// SkillMatch is how a person covers one skill a vacancy requires.
type SkillMatch struct {
	SkillID   string
	Essential bool
	Tier      Tier
	// Via is the held skill that earns related credit, for Tier Related.
	Via string
	// Weight is the requirement's share of the skills component; the
	// weights of one edge sum to 1.
	Weight float64
	// Credit is 1 for Held, Config.RelatedCredit for Related, 0 for Missing.
	Credit float64
	// Unscored marks a requirement beyond the 64 the score weighs (the
	// lightest of a very long list): it is shown and counted in the
	// reasons, and Weight and Credit are 0.
	Unscored bool
}

// RegistrationCheck says whether a person is on the register a regulated
// vacancy requires.
type RegistrationCheck struct {
	Regulator workforce.Regulator
	// Title is the regulated profession, such as "registered nurse".
	Title string
	// Route is the usual route onto the register.
	Route string
	// Held is true when the person's registration is in force.
	Held bool
}

// ExperienceMatch is the work history (or sought occupation) that a
// pair's experience evidence rests on.
type ExperienceMatch struct {
	OccupationID string
	// Seeks is true for an occupation sought rather than worked in.
	Seeks    bool
	From, To *time.Time
	// Closeness of the occupation to the vacancy's, in [0,1].
	Closeness float64
}

// Breakdown is an edge's score by component, each in [0,1]. The score is
// the mean of Fit and the context components (Distance, Local, Access,
// Preferences and, for a person's vacancies, GoodWork) weighted by the
// query's Weights; for a vacancy in a regulated profession it is then
// halved, and registered people add 0.5, so that they rank above everyone
// not registered.
type Breakdown struct {
	// Fit is 1-(1-Skills)(1-Experience).
	Fit        float64
	Skills     float64
	Experience float64
	Distance   float64
	Local      float64
	Access     float64
	// Preferences is 1 when the job's hours and timing suit the person,
	// lower by the gap when they do not quite.
	Preferences float64
	// GoodWork is set only when ranking vacancies for a person.
	GoodWork *GoodWork
}

// GoodWork is the good-work component of a vacancy and its parts, each in
// [0,1]; Score is the mean of the parts.
type GoodWork struct {
	Score          float64
	RealLivingWage float64
	Charter        float64
	Contract       float64
	Flexible       float64
	// Pay compares the offer with the person's current pay: 0.5 when equal
	// or either is unknown, 1 at 20% more, 0 at 20% less.
	Pay float64
}

// Edge is one ranked match.
type Edge struct {
	// Cursor marks this edge's place; pass it as Query.After to go on.
	Cursor string
	// NodeID is the person's id in a CandidatePage and the vacancy's id in a
	// VacancyPage.
	NodeID    string
	Score     float64
	Breakdown Breakdown
	// Skills lists every requirement of the vacancy, essential first.
	Skills []SkillMatch
	// DistanceKm is nil when either end has no location, and with
	// Query.HomeAreaOnly.
	DistanceKm *float64
	// DistanceBand is set instead of DistanceKm with Query.HomeAreaOnly.
	DistanceBand DistanceBand
	// Reasons explain the score in plain English, for an adviser to read out.
	Reasons []string
	// Registration is set for a vacancy in a regulated profession.
	Registration *RegistrationCheck
	// Experience is the fact the experience component rests on, if any.
	Experience *ExperienceMatch
}

// Page is one page of a ranking, best first (score descending, then id
// ascending, so ties are deterministic).
type Page struct {
	Edges []Edge
	// TotalCount counts the matches on all pages.
	TotalCount  int
	HasNextPage bool
	// EndCursor is the cursor of the last edge, "" when there are none.
	EndCursor string
	// Notes say why a page is empty or partial, in plain English.
	Notes []string
}

// CandidatePage is a page of people ranked for a vacancy.
type CandidatePage struct{ Page }

// VacancyPage is a page of vacancies ranked for a person.
type VacancyPage struct{ Page }

// direction tells the two rankings apart, in cursors as well as in scoring.
type direction byte

const (
	candidatesDir direction = 'c'
	vacanciesDir  direction = 'v'
)

// request is a validated Query.
type request struct {
	dir     direction
	first   int
	cursor  *cursor
	weights Weights
	// inverse is 1 / the sum of the weights in use: the scan multiplies.
	inverse   float64
	maxKm     float64
	minScore  float64
	minSkills float64
	localOnly bool
	orgID     string
	homeArea  bool
	// asOccupation and exactCounts are Query's AsOccupation and ExactCounts.
	asOccupation string
	exactCounts  bool
}

// reach is the query's distance cap, +Inf when it sets none.
func (rq *request) reach() float64 {
	if rq.maxKm > 0 {
		return rq.maxKm
	}
	return math.Inf(1)
}

// base is the weighted sum of every component but fit.
func (rq *request) base(c *components) float64 {
	s := rq.placeSum(c.distance, c.local, c.access, c.prefs)
	if rq.dir == vacanciesDir {
		s += rq.weights.GoodWork * c.good.score
	}
	return s
}

// placeSum is the weighted sum of the components of a candidate's base,
// in base's order.
func (rq *request) placeSum(distance, local, access, prefs float64) float64 {
	w := &rq.weights
	return w.Distance*distance + w.Local*local + w.Access*access + w.Preferences*prefs
}

// placeBounds returns the smallest and largest base sums of a candidate's
// c over the values local and access may take (0 and 1; local as it is
// when localKnown). They are the same expression as base, so rounding
// keeps them on either side of it.
func (rq *request) placeBounds(c *components, localKnown bool) (lo, hi float64) {
	if localKnown {
		return rq.placeSum(c.distance, c.local, 0, c.prefs), rq.placeSum(c.distance, c.local, 1, c.prefs)
	}
	return rq.placeSum(c.distance, 0, 0, c.prefs), rq.placeSum(c.distance, 1, 1, c.prefs)
}

// scoreOf is the weighted mean of the components, from their base sum and
// fit, put through the registration gate. Every score goes through it, so
// the bounds taken with fit at 0 and at 1 bracket the exact score in
// floating point too: the expression is monotone in fit.
func (rq *request) scoreOf(base, fit float64, gate int8) float64 {
	raw := clamp01((base + rq.weights.Skills*fit) * rq.inverse)
	switch gate {
	case gateHeld:
		return 0.5 + 0.5*raw
	case gateMissing:
		return 0.5 * raw
	}
	return raw
}

// newRequest validates q against cfg.
func newRequest(cfg *Config, q Query, dir direction) (*request, error) {
	rq := &request{dir: dir, first: q.First, weights: cfg.Weights, maxKm: q.MaxDistanceKm, minScore: q.MinScore, minSkills: q.MinSkills,
		localOnly: q.LocalOnly, orgID: q.OrgID, asOccupation: q.AsOccupation, exactCounts: q.ExactCounts, homeArea: q.HomeAreaOnly && dir == candidatesDir}
	switch {
	case q.First < 0:
		return nil, workforce.Invalid("first", "must not be negative, got %d", q.First)
	case q.First > cfg.MaxPageSize:
		return nil, workforce.Invalid("first", "must be at most %d, got %d", cfg.MaxPageSize, q.First)
	case q.First == 0:
		rq.first = cfg.DefaultPageSize
	}
	if q.Weights != nil {
		rq.weights = *q.Weights
	}
	if err := rq.weights.validate(dir == vacanciesDir); err != nil {
		return nil, err
	}
	rq.inverse = 1 / rq.weights.total(dir == vacanciesDir)
	if math.IsNaN(q.MaxDistanceKm) || math.IsInf(q.MaxDistanceKm, 0) || q.MaxDistanceKm < 0 {
		return nil, workforce.Invalid("maxDistanceKm", "must be a number of at least 0, got %v", q.MaxDistanceKm)
	}
	if math.IsNaN(q.MinSkills) || q.MinSkills < 0 || q.MinSkills > 1 {
		return nil, workforce.Invalid("minSkills", "must be between 0 and 1, got %v", q.MinSkills)
	}
	if math.IsNaN(q.MinScore) || q.MinScore < 0 || q.MinScore > 1 {
		return nil, workforce.Invalid("minScore", "must be between 0 and 1, got %v", q.MinScore)
	}
	if q.After != "" {
		c, err := decodeCursor(dir, q.After)
		if err != nil {
			return nil, err
		}
		rq.cursor = &c
	}
	return rq, nil
}

// cursor is the position of an edge in a ranking: its score and id. A page
// after it holds the edges that rank below it, so paging stays gap-free
// and duplicate-free however many edges share a score.
type cursor struct {
	score float64
	id    string
}

const cursorVersion = 1

// encodeCursor packs version, direction, the score's exact bits and the id,
// so that the next page resumes at exactly the same float.
func encodeCursor(dir direction, score float64, id string) string {
	b := make([]byte, 0, 10+len(id))
	b = append(b, cursorVersion, byte(dir))
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(score))
	b = append(b, id...)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(dir direction, s string) (cursor, error) {
	bad := workforce.Invalid("after", "is not a cursor from this list")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) < 11 || b[0] != cursorVersion || direction(b[1]) != dir {
		return cursor{}, bad
	}
	score := math.Float64frombits(binary.BigEndian.Uint64(b[2:10]))
	id := string(b[10:])
	if math.IsNaN(score) || score < 0 || score > 1 || !utf8.ValidString(id) {
		return cursor{}, bad
	}
	return cursor{score: score, id: id}, nil
}

// ranksBefore is the ranking order: score descending, then id ascending.
func ranksBefore(s1 float64, id1 string, s2 float64, id2 string) bool {
	return s1 > s2 || (s1 == s2 && id1 < id2)
}

type item struct {
	node  int32
	score float64
	c     components
}

// worstFirst is a heap of the best items seen, the worst of them on top so
// that a better newcomer replaces it in O(log k).
type worstFirst struct {
	items []item
	ids   *idList
}

func (h *worstFirst) Len() int { return len(h.items) }
func (h *worstFirst) Less(i, j int) bool {
	a, b := &h.items[i], &h.items[j]
	return ranksBefore(b.score, h.ids.id(b.node), a.score, h.ids.id(a.node))
}
func (h *worstFirst) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *worstFirst) Push(x any)    { h.items = append(h.items, x.(item)) }
func (h *worstFirst) Pop() any {
	it := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return it
}

// ranker counts the matches of one query and keeps the best page after
// the cursor.
type ranker struct {
	rq    *request
	top   worstFirst
	total int
	// after counts the matches after the cursor, to tell whether another
	// page follows.
	after int
	// plain says the query has no cursor and no score floor; worst is then
	// the score a match must reach to enter the page once it is full, and
	// -Inf before.
	plain bool
	worst float64
}

func newRanker(rq *request, ids *idList) *ranker {
	return &ranker{rq: rq, top: worstFirst{items: make([]item, 0, min(rq.first, 64)), ids: ids},
		plain: rq.cursor == nil && rq.minScore == 0, worst: math.Inf(-1)}
}

// below is settleScores for a plain query, small enough to inline into a
// scan loop: a match whose score is at most ub is settled (counted, and
// kept out of the page) when the page is full and ub is below its worst.
func (r *ranker) below(ub float64) bool {
	if ub < r.worst {
		r.total++
		r.after++
		return true
	}
	return false
}

// settle disposes of a match from the base sum of its components other
// than skills, when that is enough: whatever its skills, it cannot reach
// MinScore, or it surely counts and cannot enter the page. It reports false
// when the exact score is needed. Most matches in a dense area settle, so
// the ranker computes skills (the costly component) only for contenders.
func (r *ranker) settle(base float64, gate int8) bool {
	return r.settleScores(r.rq.scoreOf(base, 0, gate), r.rq.scoreOf(base, 1, gate))
}

// settleScores is settle for a match whose score is known to lie in
// [lb, ub].
func (r *ranker) settleScores(lb, ub float64) bool {
	rq := r.rq
	if ub < rq.minScore {
		return true
	}
	if lb < rq.minScore {
		return false
	}
	after := true
	if cur := rq.cursor; cur != nil {
		switch {
		case lb > cur.score:
			after = false
		case ub >= cur.score:
			return false
		}
	}
	if after && (len(r.top.items) < r.rq.first || ub >= r.top.items[0].score) {
		return false
	}
	r.total++
	if after {
		r.after++
	}
	return true
}

// offer counts a match with its exact score and keeps it if it makes the
// page.
func (r *ranker) offer(node int32, score float64, c *components) {
	if score < r.rq.minScore {
		return
	}
	r.total++
	id := r.top.ids.id(node)
	if cur := r.rq.cursor; cur != nil && !ranksBefore(cur.score, cur.id, score, id) {
		return
	}
	r.after++
	if r.makesPage(score, id) {
		r.keep(item{node: node, score: score, c: *c})
	}
}

// makesPage says whether a match with this score and id ranks on the page
// kept so far.
func (r *ranker) makesPage(score float64, id string) bool {
	if len(r.top.items) < r.rq.first {
		return true
	}
	worst := &r.top.items[0]
	return ranksBefore(score, id, worst.score, r.top.ids.id(worst.node))
}

// keep puts an item that makes the page onto it, in place of the worst
// item when the page is full.
func (r *ranker) keep(it item) {
	if len(r.top.items) < r.rq.first {
		heap.Push(&r.top, it)
	} else {
		r.top.items[0] = it
		heap.Fix(&r.top, 0)
	}
	if r.plain && len(r.top.items) == r.rq.first {
		r.worst = r.top.items[0].score
	}
}

// page sorts the kept items best first and turns each into an edge.
func (r *ranker) page(notes []string, edge func(it *item) Edge) Page {
	items := r.top.items
	slices.SortFunc(items, func(a, b item) int {
		if ranksBefore(a.score, r.top.ids.id(a.node), b.score, r.top.ids.id(b.node)) {
			return -1
		}
		return 1
	})
	p := Page{TotalCount: r.total, HasNextPage: r.after > len(items), Notes: notes}
	for i := range items {
		e := edge(&items[i])
		// A copy: the API may keep the id (in a cache, say) long after the
		// index that holds its bytes is replaced.
		e.NodeID = strings.Clone(r.top.ids.id(items[i].node))
		e.Score = items[i].score
		e.Cursor = encodeCursor(r.rq.dir, e.Score, e.NodeID)
		p.Edges = append(p.Edges, e)
		p.EndCursor = e.Cursor
	}
	return p
}
