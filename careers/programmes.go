package careers

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/onework/onework/workforce"
)

// ProgrammeRequest asks which programmes best close a gap.
type ProgrammeRequest struct {
	// Gap are the essential skills a person lacks for a target vacancy or
	// occupation, such as Move.MissingEssential returns. It must not be
	// empty: with no gap there is nothing to rank by.
	Gap []string
	// TargetLabel names the target occupation in reasons, optional.
	TargetLabel string
	// Candidates are the programmes to rank, such as those near the
	// person that teach any skill of the gap or lead to the target.
	Candidates []ProgrammeCandidate
	// Location is the person's location, optional; without it distance
	// does not count.
	Location *workforce.Point
	// Now is the time programmes must start after (zero means time.Now).
	Now time.Time
}

// ProgrammeCandidate is a programme with what the engine needs to rank it.
type ProgrammeCandidate struct {
	Programme *workforce.Programme
	// Teaches are the ids of the skills the programme teaches.
	Teaches []string
	// Progressions counts recorded learners of the programme who went on
	// into the target occupation.
	Progressions int
}

// RankedProgramme is a programme that helps close the gap, with why.
type RankedProgramme struct {
	ProgrammeID string
	Title       string
	// Closes are the skills of the gap it teaches, in gap order; Share is
	// their share of the gap, the first ranking key.
	Closes []string
	Share  float64
	// GapBefore is the whole gap; GapAfter what is left after it.
	GapBefore, GapAfter []string
	// Secondary scores the other keys, in [0,1]: it orders programmes that
	// close the same number of skills.
	Secondary float64
	// DistanceKm is nil when either location is unknown.
	DistanceKm *float64
	// StartsInDays is nil when the start date is not stated.
	StartsInDays *int
	PlacesLeft   *int
	Cost         float64
	Progressions int
	Reasons      []string
}

// ExcludedProgramme is a candidate left out, with why.
type ExcludedProgramme struct {
	ProgrammeID string
	Reason      string
}

// Programmes is the ranking of a ProgrammeRequest.
type Programmes struct {
	Items    []RankedProgramme
	Excluded []ExcludedProgramme
}

// Parts of the secondary score. Nearness comes first because the charters
// put local first and travel is the most common reason a learner drops out;
// progression, the evidence that a programme leads where the person wants
// to go, and an early start come next; cost and places only separate
// otherwise equal programmes.
const (
	weightDistance    = 0.3
	weightStart       = 0.2
	weightProgression = 0.2
	weightCost        = 0.15
	weightPlaces      = 0.15
	// Halves: the distance, days to start, cost and learners at which a
	// part reaches one half.
	halfDistanceKm  = 10
	halfStartDays   = 30
	halfCostPounds  = 500
	halfProgression = 5
)

// RankProgrammes ranks the candidates by the share of the gap they teach,
// then by a secondary score of distance, start date, recorded progression,
// cost and places left, then by id: the order is the same on every call.
// Programmes that have started, have no places left, or neither teach a
// skill of the gap nor have recorded progression into the target are
// excluded, with the reason. It returns EINVALID for an empty gap, a
// malformed programme or location, or a programme given twice.
func (e *Engine) RankProgrammes(req ProgrammeRequest) (*Programmes, error) {
	gap, err := uniqueIDs("gap", req.Gap)
	if err != nil {
		return nil, err
	}
	if len(gap) == 0 {
		return nil, workforce.Invalid("gap", "must name at least one missing skill")
	}
	if err := workforce.ValidPoint("location", req.Location); err != nil {
		return nil, err
	}
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	target := "the target occupation"
	if req.TargetLabel != "" {
		target = article(req.TargetLabel)
	}
	res := &Programmes{}
	seen := map[string]bool{}
	for i, c := range req.Candidates {
		field := indexed("candidates", i)
		if c.Programme == nil {
			return nil, workforce.Invalid(field, "must not be nil")
		}
		if err := c.Programme.Validate(); err != nil {
			return nil, prefixField(field, err)
		}
		if c.Progressions < 0 {
			return nil, workforce.Invalid(field+".progressions", "must not be negative")
		}
		if seen[c.Programme.ID] {
			return nil, workforce.Invalid(field, "programme %q is given twice", c.Programme.ID)
		}
		seen[c.Programme.ID] = true
		r, why := e.rankProgramme(c, gap, req.Location, now, target)
		if why != "" {
			res.Excluded = append(res.Excluded, ExcludedProgramme{ProgrammeID: c.Programme.ID, Reason: why})
			continue
		}
		res.Items = append(res.Items, r)
	}
	slices.SortFunc(res.Items, func(a, b RankedProgramme) int {
		return cmp.Or(cmp.Compare(len(b.Closes), len(a.Closes)), cmp.Compare(b.Secondary, a.Secondary), cmp.Compare(a.ProgrammeID, b.ProgrammeID))
	})
	slices.SortFunc(res.Excluded, func(a, b ExcludedProgramme) int { return cmp.Compare(a.ProgrammeID, b.ProgrammeID) })
	return res, nil
}

// uniqueIDs checks ids and drops repeats, keeping the first of each.
func uniqueIDs(field string, ids []string) ([]string, error) {
	out := make([]string, 0, len(ids))
	seen := make(map[string]bool, len(ids))
	for i, id := range ids {
		if err := workforce.ValidID(indexed(field, i), id); err != nil {
			return nil, err
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, nil
}

// rankProgramme scores one candidate, or says why it is excluded.
func (e *Engine) rankProgramme(c ProgrammeCandidate, gap []string, at *workforce.Point, now time.Time, target string) (RankedProgramme, string) {
	p := c.Programme
	switch {
	case p.StartDate != nil && p.StartDate.Before(now):
		return RankedProgramme{}, fmt.Sprintf("It started on %s.", p.StartDate.Format("2 January 2006"))
	case p.PlacesLeft != nil && *p.PlacesLeft == 0:
		return RankedProgramme{}, "It has no places left."
	}
	r := RankedProgramme{ProgrammeID: p.ID, Title: p.Title, GapBefore: gap, PlacesLeft: p.PlacesLeft, Cost: p.Cost, Progressions: c.Progressions}
	for _, id := range gap {
		if slices.Contains(c.Teaches, id) {
			r.Closes = append(r.Closes, id)
		} else {
			r.GapAfter = append(r.GapAfter, id)
		}
	}
	if len(r.Closes) == 0 && c.Progressions == 0 {
		return RankedProgramme{}, fmt.Sprintf("It teaches none of the missing skills and has no recorded progression into work as %s.", target)
	}
	r.Share = float64(len(r.Closes)) / float64(len(gap))

	// Each part is in [0,1], 0.5 when unknown, so that a programme is
	// neither rewarded nor punished for what its provider did not state.
	distance, start, places := 0.5, 0.5, 0.5
	if at != nil && p.Location != nil {
		d := workforce.DistanceKm(*at, *p.Location)
		r.DistanceKm = &d
		distance = halfAt(d, halfDistanceKm)
	}
	if p.StartDate != nil {
		days := int(p.StartDate.Sub(now).Hours() / 24)
		r.StartsInDays = &days
		start = halfAt(float64(days), halfStartDays)
	}
	if p.PlacesLeft != nil {
		places = 1
	}
	cost := halfAt(p.Cost, halfCostPounds)
	progression := 1 - halfAt(float64(c.Progressions), halfProgression)
	r.Secondary = weightDistance*distance + weightStart*start + weightProgression*progression +
		weightCost*cost + weightPlaces*places
	r.Reasons = e.programmeReasons(&r, target)
	return r, ""
}

// halfAt falls from 1 at x = 0 to one half at x = half and towards 0
// beyond: a smooth preference for less that never excludes.
func halfAt(x, half float64) float64 {
	return half / (half + max(0, x))
}

// programmeReasons explains a ranked programme in plain English.
func (e *Engine) programmeReasons(r *RankedProgramme, target string) []string {
	var rs []string
	add := func(format string, args ...any) { rs = append(rs, fmt.Sprintf(format, args...)) }
	if n := len(r.Closes); n > 0 {
		add("Teaches %d of the %d missing essential skills: %s.", n, len(r.GapBefore), e.skillLabels(r.Closes))
	} else {
		add("Teaches none of the missing essential skills.")
	}
	if len(r.GapAfter) == 0 {
		add("Closes the whole gap.")
	} else {
		add("Still missing after it: %s.", e.skillLabels(r.GapAfter))
	}
	switch {
	case r.DistanceKm == nil:
		add("Distance unknown.")
	case *r.DistanceKm < 1:
		add("Under 1 km away.")
	default:
		add("%.1f km away.", *r.DistanceKm)
	}
	switch {
	case r.StartsInDays == nil:
		add("Start date not stated.")
	case *r.StartsInDays == 0:
		add("Starts today.")
	default:
		add("Starts in %d %s.", *r.StartsInDays, plural(*r.StartsInDays, "day", "days"))
	}
	if r.PlacesLeft != nil {
		add("%d %s left.", *r.PlacesLeft, plural(*r.PlacesLeft, "place", "places"))
	} else {
		add("Places left not stated.")
	}
	if r.Cost == 0 {
		add("Free to the learner.")
	} else {
		add("Costs the learner %s.", poundsExact(r.Cost))
	}
	if r.Progressions > 0 {
		add("%d past %s went on into work as %s.", r.Progressions, plural(r.Progressions, "learner", "learners"), target)
	}
	return rs
}

// skillLabels quotes the labels of skills, by id where unknown.
func (e *Engine) skillLabels(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		label := id
		if n, ok := e.nodeByID[id]; ok {
			label = e.nodes[n].label
		}
		q[i] = fmt.Sprintf("%q", label)
	}
	return strings.Join(q, ", ")
}

// poundsExact formats a cost to the penny only when it has pence.
func poundsExact(x float64) string {
	if x == math.Trunc(x) {
		return fmt.Sprintf("£%.0f", x)
	}
	return fmt.Sprintf("£%.2f", x)
}
