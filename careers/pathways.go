package careers

import (
	"cmp"
	"slices"
	"strings"

	"github.com/onework/onework/workforce"
)

// Pathways: the rules that join people, programmes, vacancies and
// occupations once the API layer has read them. They hold no data and do
// no reads; the caller reads what they need and shows what they return.

// Distances and bounds for pathway searches.
const (
	// ProgrammeRadiusKm is how far a person is expected to travel to learn.
	ProgrammeRadiusKm = 50
	// FeederRadiusKm is how near a vacancy a programme must be to feed it.
	FeederRadiusKm = 25
	// CandidatesScanned bounds the candidates examined for the programmes
	// that would make a vacancy's candidates ready.
	CandidatesScanned = 1000
	// PeopleScanned bounds the people examined for the programmes that
	// would make people seeking an occupation ready.
	PeopleScanned = 1000
	// ProgrammesPerMove is how many programmes a career move lists.
	ProgrammesPerMove = 3
	// SmallNumber is the count under which aggregate counts of people are
	// suppressed for callers who may not see personal data.
	SmallNumber = 5
)

// Suppress returns a count of people for display: nil when it is under
// SmallNumber, unless reveal (the caller may see personal data).
func Suppress(n int, reveal bool) *int {
	if n >= SmallNumber || reveal {
		return &n
	}
	return nil
}

// EssentialGap lists the essential requirements whose skill is not held,
// in the order of reqs. With held nil it lists every essential skill.
func EssentialGap(reqs []workforce.Requirement, held []workforce.PersonSkill) []string {
	var gap []string
	for _, q := range reqs {
		if q.Essential && !slices.ContainsFunc(held, func(s workforce.PersonSkill) bool { return s.SkillID == q.SkillID }) {
			gap = append(gap, q.SkillID)
		}
	}
	return gap
}

// Coverage is the share of the skills in need that teaches holds, 0 when
// need is empty.
func Coverage(teaches, need []string) float64 {
	if len(need) == 0 {
		return 0
	}
	return float64(overlap(teaches, need)) / float64(len(need))
}

// overlap counts the members of b that are in a.
func overlap(a, b []string) int {
	n := 0
	for _, x := range b {
		if slices.Contains(a, x) {
			n++
		}
	}
	return n
}

// CoversAll reports whether teaches holds every skill of missing.
func CoversAll(teaches, missing []string) bool {
	return overlap(teaches, missing) == len(missing)
}

// FirstCovering returns the first programme that teaches every skill of a
// non-empty gap, or nil.
func FirstCovering(progs []*workforce.Programme, teaches map[string][]string, missing []string) *workforce.Programme {
	if len(missing) == 0 {
		return nil
	}
	for _, p := range progs {
		if CoversAll(teaches[p.ID], missing) {
			return p
		}
	}
	return nil
}

// NearbyForMove picks, for a move's missing essential skills, up to n of
// progs that teach any of them: most taught first, then by id.
func NearbyForMove(progs []*workforce.Programme, teaches map[string][]string, missing []string, n int) []*workforce.Programme {
	covered := func(p *workforce.Programme) int { return overlap(teaches[p.ID], missing) }
	var useful []*workforce.Programme
	for _, p := range progs {
		if covered(p) > 0 {
			useful = append(useful, p)
		}
	}
	slices.SortStableFunc(useful, func(a, b *workforce.Programme) int {
		return cmp.Or(cmp.Compare(covered(b), covered(a)), strings.Compare(a.ID, b.ID))
	})
	return useful[:min(len(useful), n)]
}

// Candidates turns programmes into RankProgrammes candidates for a target
// occupation, counting each programme's recorded learners who went on into
// it.
func Candidates(progs []*workforce.Programme, teaches map[string][]string, progressions map[string][]workforce.Progression, occupationID string) []ProgrammeCandidate {
	out := make([]ProgrammeCandidate, 0, len(progs))
	for _, p := range progs {
		learners := 0
		for _, g := range progressions[p.ID] {
			if g.OccupationID == occupationID {
				learners += g.Learners
			}
		}
		out = append(out, ProgrammeCandidate{Programme: p, Teaches: teaches[p.ID], Progressions: learners})
	}
	return out
}

// ReadyCounts counts, for each programme, the gaps it closes completely:
// the people (or candidates) it would make ready. Empty gaps count for no
// programme: those people are ready already.
func ReadyCounts(progs []*workforce.Programme, teaches map[string][]string, gaps [][]string) map[string]int {
	ready := map[string]int{}
	for _, missing := range gaps {
		if len(missing) == 0 {
			continue
		}
		for _, p := range progs {
			if CoversAll(teaches[p.ID], missing) {
				ready[p.ID]++
			}
		}
	}
	return ready
}

// ByReady orders programmes by the people they make ready, most first,
// then by id.
func ByReady(ready map[string]int) func(a, b *workforce.Programme) int {
	return func(a, b *workforce.Programme) int {
		return cmp.Or(cmp.Compare(ready[b.ID], ready[a.ID]), strings.Compare(a.ID, b.ID))
	}
}

// OccupationProgramme is a programme near a place judged for one
// occupation.
type OccupationProgramme struct {
	Programme *workforce.Programme
	// SkillCoverage is the share of the occupation's essential skills it
	// teaches; LeadsTo is true when it is recorded as leading there.
	SkillCoverage float64
	LeadsTo       bool
	// Ready is the number of people it would make ready (before
	// suppression).
	Ready int
}

// RankForOccupation judges programmes for an occupation with the given
// essential skills: best coverage first, then most people made ready, then
// by id.
func RankForOccupation(progs []*workforce.Programme, teaches map[string][]string, essential []string, leads map[string]bool, ready map[string]int) []OccupationProgramme {
	out := make([]OccupationProgramme, 0, len(progs))
	for _, p := range progs {
		out = append(out, OccupationProgramme{Programme: p, SkillCoverage: Coverage(teaches[p.ID], essential), LeadsTo: leads[p.ID], Ready: ready[p.ID]})
	}
	slices.SortStableFunc(out, func(a, b OccupationProgramme) int {
		return cmp.Or(cmp.Compare(b.SkillCoverage, a.SkillCoverage), cmp.Compare(b.Ready, a.Ready), strings.Compare(a.Programme.ID, b.Programme.ID))
	})
	return out
}

// Destinations are where a programme leads: the occupations it is linked
// to or has recorded progressions into, sorted by id, with the learners
// recorded going on into each and the hires counted from completions.
func Destinations(leads []string, progressions []workforce.Progression, completions []workforce.Completion) (ids []string, learners, hires map[string]int) {
	learners, hires = map[string]int{}, map[string]int{}
	for _, c := range completions {
		if c.HiredOccupationID != "" {
			hires[c.HiredOccupationID]++
		}
	}
	ids = slices.Clone(leads)
	for _, g := range progressions {
		learners[g.OccupationID] += g.Learners
		ids = append(ids, g.OccupationID)
	}
	slices.Sort(ids)
	return slices.Compact(ids), learners, hires
}

// ShownOrigin is the occupation shown as a person's origin: the last job
// of their history, else the first occupation they seek, else "".
func ShownOrigin(p Profile) string {
	if n := len(p.History); n > 0 {
		return p.History[n-1].OccupationID
	}
	if len(p.Seeks) > 0 {
		return p.Seeks[0]
	}
	return ""
}

// Requirements makes essential requirements of skill ids.
func Requirements(essential []string) []workforce.Requirement {
	out := make([]workforce.Requirement, len(essential))
	for i, id := range essential {
		out[i] = workforce.Requirement{SkillID: id, Essential: true}
	}
	return out
}
