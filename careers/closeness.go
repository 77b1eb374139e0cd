package careers

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/onework/onework/workforce"
)

// Closeness weighs the signals of how close a target occupation is to the
// origin: the parts of Move.Closeness. Only their ratios matter.
type Closeness struct {
	// Skills is the ESCO skills similarity (essential and optional, by
	// specificity, with credit through the skills taxonomy).
	Skills float64
	// Profile is the correlation of the two O*NET skills profiles through
	// Nesta's ESCO-O*NET crosswalk (0 when negative or unknown).
	Profile float64
	// Group is the proximity of the ISCO-08 and SOC 2020 groups: 1 for
	// the same unit group, less for a shared minor, sub-major or major
	// group.
	Group float64
	// Sector is 1 for the same Nesta skills-based sub-sector, 0.5 for the
	// same sector.
	Sector float64
	// Family is 1 when ESCO puts the two under the same broader
	// occupation, or one under the other.
	Family float64
	// Main is 1 when the target is a main ESCO occupation (directly under
	// an ISCO group) rather than a specialism of another occupation: the
	// level moves are advertised and trained for.
	Main float64
	// Zone is 1 minus a quarter of the job-zone difference (0 when
	// unknown): similar preparation.
	Zone float64
}

func (c Closeness) sum() float64 {
	return c.Skills + c.Profile + c.Group + c.Sector + c.Family + c.Main + c.Zone
}

// closeness returns how close target t is to origin o in [0,1], the
// weighted mean of the parts given the skills similarity sim.
func (e *Engine) closeness(o *origin, t int32, sim float64) float64 {
	w := e.cfg.Closeness
	total := w.sum()
	if total == 0 || o.occ < 0 {
		return sim
	}
	a, b := &e.occs[o.occ], &e.occs[t]
	v := w.Skills * sim
	if w.Profile > 0 && a.profile != nil && b.profile != nil {
		v += w.Profile * max(0, dot(a.profile, b.profile))
	}
	if w.Group > 0 {
		v += w.Group * max(codeProximity(a.isco, b.isco), codeProximity(a.soc, b.soc))
	}
	if w.Sector > 0 && a.sub != "" && a.sub == b.sub {
		v += w.Sector
	} else if w.Sector > 0 && a.sub != "" && b.sub != "" && sectorOf(a.sub) == sectorOf(b.sub) {
		v += w.Sector / 2
	}
	if w.Family > 0 && family(a, b, o.occ, t) {
		v += w.Family
	}
	if w.Main > 0 && len(b.parents) == 0 {
		v += w.Main
	}
	if step, known := jobZoneStep(a.jobZone, b.jobZone); w.Zone > 0 && known {
		v += w.Zone * (1 - float64(abs(step))/4)
	}
	return v / total
}

// codeProximity is how many leading digits two 4-digit group codes (ISCO
// or SOC) share, on a falling scale: 1 for the same unit group, 0.6 the
// same minor group, 0.3 the same sub-major group, 0.1 the same major.
func codeProximity(a, b string) float64 {
	if len(a) < 4 || len(b) < 4 {
		return 0
	}
	n := 0
	for n < 4 && a[n] == b[n] {
		n++
	}
	return [...]float64{0, 0.1, 0.3, 0.6, 1}[n]
}

// sectorOf is the sector code of a sub-sector code such as "6.3".
func sectorOf(sub string) string {
	for i := range len(sub) {
		if sub[i] == '.' {
			return sub[:i]
		}
	}
	return sub
}

// family reports whether ESCO puts occupations a (index ai) and b (bi)
// under one broader occupation, or one directly under the other.
func family(a, b *occupation, ai, bi int32) bool {
	for _, p := range a.parents {
		if p == bi {
			return true
		}
		for _, q := range b.parents {
			if p == q {
				return true
			}
		}
	}
	for _, q := range b.parents {
		if q == ai {
			return true
		}
	}
	return false
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range min(len(a), len(b)) {
		s += a[i] * b[i]
	}
	return s
}

// skillLevels are the ONS SOC 2020 skill levels (1 to 4) of the 26
// sub-major groups (SOC 2020 Volume 1; the table in
// shared/data/uk-soc2020/soc2020_skill_levels.csv, which a test checks).
var skillLevels = map[string]int{
	"11": 4, "12": 3, "21": 4, "22": 4, "23": 4, "24": 4, "31": 3, "32": 3, "33": 3, "34": 3, "35": 3,
	"41": 2, "42": 2, "51": 3, "52": 3, "53": 3, "54": 3, "61": 2, "62": 2, "63": 2, "71": 2, "72": 2,
	"81": 2, "82": 2, "91": 1, "92": 1,
}

// SkillLevel returns the UK skill level (1 to 4) of a SOC 2020 group code
// of at least two digits, from its sub-major group, or 0 when unknown.
func SkillLevel(soc string) int {
	if len(soc) < 2 {
		return 0
	}
	return skillLevels[soc[:2]]
}

// FileSOCCrosswalk is the SOC 2020 (extended) to ESCO crosswalk, relative
// to the data folder.
const FileSOCCrosswalk = "uk-soc2020/soc2020ext_esco_draft_crosswalk.csv"

// ReadSOCCrosswalk reads the SOC 2020 to ESCO crosswalk at path and returns
// the SOC 2020 unit group of each ESCO occupation code (the crosswalk's
// esco_code, joined to ESCO's code column, never to titles). A code mapped
// to several unit groups takes the one named most often, the lowest on a
// tie. Rows without both codes (headings, unmapped rows) are skipped. A
// SOC code that is not a unit group (such as 6131 or 6131/01) is handed to
// reject with its line and left out, or, when reject is nil, is an error
// naming the line.
func ReadSOCCrosswalk(path string, reject func(line int, reason string)) (map[string]string, error) {
	counts := map[string]map[string]int{}
	err := readTable(filepath.Dir(path), filepath.Base(path), []string{"soc2020_code", "esco_code"}, func(get func(string) string, line int) error {
		esco, soc := strings.TrimSpace(get("esco_code")), strings.TrimSpace(get("soc2020_code"))
		if esco == "" || soc == "" {
			return nil
		}
		unit, _, _ := strings.Cut(soc, "/")
		if len(unit) != 4 || strings.Trim(unit, "0123456789") != "" || unit[0] == '0' {
			reason := fmt.Sprintf("want a unit group code such as 6131 or 6131/01, got %q", soc)
			if reject == nil {
				return fmt.Errorf("soc2020_code: %s", reason)
			}
			reject(line, reason)
			return nil
		}
		if counts[esco] == nil {
			counts[esco] = map[string]int{}
		}
		counts[esco][unit]++
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(counts))
	for esco, units := range counts {
		out[esco], _ = mostVoted(units)
	}
	return out, nil
}

// InheritSOC gives each occupation without a SOC 2020 unit group one, with
// its SOCSource, and returns the occupations it changed. An occupation takes the group of its
// nearest broader occupation with one (InheritBroaderSOC). One still without
// a group takes the unit group most often given to the occupations of its
// ISCO-08 unit group (the first four digits of its ESCO code) that had one
// before this call, else of its ISCO minor, sub-major or major group, the
// lowest code on a tie: the crosswalk's own evidence of where that ISCO
// group sits in SOC 2020. Groups from the coding index (SOCFromIndexTitle)
// do not vote: they place one title, not its ISCO group.
func InheritSOC(occs []*workforce.Occupation, broader map[string][]string) []*workforce.Occupation {
	// votes counts, by ISCO-08 group prefix (1 to 4 digits), the unit
	// groups of the occupations that had one before this call.
	votes := map[string]map[string]int{}
	for _, o := range occs {
		if o.SOCCode == "" || o.SOCSource == SOCFromIndexTitle {
			continue
		}
		isco := iscoDigits(o.Code)
		for n := 1; n <= len(isco); n++ {
			if votes[isco[:n]] == nil {
				votes[isco[:n]] = map[string]int{}
			}
			votes[isco[:n]][o.SOCCode]++
		}
	}
	changed := InheritBroaderSOC(occs, broader)
	for _, o := range occs {
		if o.SOCCode != "" {
			continue
		}
		isco := iscoDigits(o.Code)
		for n := len(isco); n > 0; n-- {
			if soc, ok := mostVoted(votes[isco[:n]]); ok {
				o.SOCCode, o.SOCSource = soc, SOCGuessedFrom+isco[:n]
				changed = append(changed, o)
				break
			}
		}
	}
	return changed
}

// InheritBroaderSOC gives each occupation without a SOC 2020 unit group the
// group of its nearest broader occupation with one (SOCSource "inherited
// from" that occupation's label) (breadth-first, the
// first listed on a tie), as a specialism shares its parent's group, and
// returns the occupations it changed. It guesses nothing beyond the ESCO
// hierarchy, so what it gives can be learnt from.
func InheritBroaderSOC(occs []*workforce.Occupation, broader map[string][]string) []*workforce.Occupation {
	known := map[string]*workforce.Occupation{}
	for _, o := range occs {
		if o.SOCCode != "" {
			known[o.ID] = o
		}
	}
	var changed []*workforce.Occupation
	for _, o := range occs {
		if o.SOCCode != "" {
			continue
		}
		if from, ok := nearest(o.ID, known, broader); ok {
			o.SOCCode, o.SOCSource = from.SOCCode, SOCInheritedFrom+from.Label
			changed = append(changed, o)
		}
	}
	return changed
}

// iscoDigits returns the ISCO-08 unit group digits that lead an ESCO
// occupation code such as "5322.1" ("5322"), or fewer when the code is
// shorter; "" when it does not start with a digit.
func iscoDigits(code string) string {
	n := 0
	for n < len(code) && n < 4 && code[n] >= '0' && code[n] <= '9' {
		n++
	}
	return code[:n]
}

// mostVoted returns the key with the most votes, the lowest on a tie.
func mostVoted(votes map[string]int) (string, bool) {
	best := ""
	for k, n := range votes {
		if best == "" || n > votes[best] || (n == votes[best] && k < best) {
			best = k
		}
	}
	return best, best != ""
}
