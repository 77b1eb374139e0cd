package careers

import (
	"regexp"
	"strings"
)

// Entry routes: ONS describes, for each SOC 2020 unit group, the typical
// entry routes and qualifications. OpenEntry reads one description.
var (
	// noRequirements is ONS's wording for a job anyone may start.
	noRequirements = regexp.MustCompile(`(?i)\bno (formal |minimum |specific |particular )?(academic |educational )?(entry )?(qualifications?|requirements)\b`)
	// gated are conditions that close a route to a beginner: entry through
	// an apprenticeship, prior experience, or a professional or coaching
	// qualification held on entry.
	gated = regexp.MustCompile(`(?i)(entry|training) is (typically|usually|normally|mainly)( only)? (through|via|by) (an? )?(approved )?apprenticeship` +
		`|experience (is|are) (normally |usually |also )?(necessary|needed|required|essential|expected)` +
		`|(require|need|expect)s? (prior |previous |relevant )+(practical )?(work )?experience` +
		`|must(, however,)? (possess|hold|have|obtain|pass|complete|sit|demonstrate) ` +
		`|(most|many) (entrants|employers|farm)|entrants (usually|typically) (possess|have) (a |an )?(BTEC|degree|academic|NVQ|A levels|vocational)` +
		`|professional qualifications[^.]*(may be )?required|examinations|talent|proprietors`)
)

// OpenEntry reports whether a unit group's typical entry routes, as ONS
// words them, let someone start without prior qualifications and learn
// on the job: the first sentence says there are no formal (academic)
// requirements and names no degree, and no later sentence requires an
// apprenticeship, prior experience or a professional qualification on
// entry. Chefs, cooks, care workers and warehouse operatives are open;
// plumbers (an apprenticeship), counsellors (experience) and buyers (most
// entrants hold a degree) are not.
func OpenEntry(route string) bool {
	route = strings.Join(strings.Fields(route), " ")
	first, _, _ := strings.Cut(route, ". ")
	return noRequirements.MatchString(first) && !strings.Contains(strings.ToLower(first), "degree") && !gated.MatchString(route)
}
