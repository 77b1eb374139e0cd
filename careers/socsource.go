package careers

import "github.com/onework/onework/workforce"

// Where an occupation's SOC 2020 unit group comes from (Occupation.SOCSource).
// SOCInheritedFrom is followed by the broader occupation's label,
// SOCGuessedFrom by the ISCO-08 group whose crosswalked occupations voted.
const (
	SOCFromCrosswalk  = "crosswalk"
	SOCFromIndexTitle = "coding index title"
	SOCInheritedFrom  = "inherited from "
	SOCGuessedFrom    = "guessed from ISCO-08 group "
)

// FileSOCCodingIndex is the ONS SOC 2020 coding index, relative to the data
// folder.
const FileSOCCodingIndex = "uk-soc2020/soc2020_coding_index.csv"

// SOCIndex returns the unit groups the ONS SOC 2020 coding index codes an
// exact job title to, one per row of the index with that title (titles
// compared after the title matcher's normalisation), and nil when no row has
// it. Package careers does not read titles itself: callers build an index
// with textmatch.ReadSOCIndex. A nil SOCIndex knows no title. It is an
// alias, so that textmatch, which does not import careers, can make one.
type SOCIndex = func(title string) []string

// SOCIndexReader reads the ONS coding index file at path into a SOCIndex:
// textmatch.ReadSOCIndex, given by the callers of LoadData.
type SOCIndexReader = func(path string) (SOCIndex, error)

// IndexUnit returns the unit group that coding index rows agree on: the
// only group they give, or one that at least two thirds of them give. A
// title coded to several groups by industry with none so dominant (a
// "radiographer" 3 rows of 5 industrial, 2 diagnostic; an "enameller" 1
// and 1) names no group: its industry, which an ESCO label does not give,
// decides.
func IndexUnit(units []string) (string, bool) {
	counts := map[string]int{}
	for _, u := range units {
		counts[u]++
	}
	best, ok := mostVoted(counts)
	if !ok || 3*counts[best] < 2*len(units) {
		return "", false
	}
	return best, true
}

// AssignSOC sets each occupation's SOCCode and SOCSource from the best
// evidence there is, in this order:
//
//  1. the SOC 2020 to ESCO crosswalk, by the occupation's ESCO code
//     (crosswalk, from ReadSOCCrosswalk);
//  2. the ONS coding index, when it holds the occupation's preferred label
//     as a title and IndexUnit finds the group its rows agree on: ONS's own
//     coding of that title ("security consultant" 3319), where otherwise a
//     specialism would take its parent's group (security guard's);
//  3. the nearest broader occupation's group, and failing that a guess from
//     the occupation's ISCO-08 group (InheritSOC).
//
// Alternative labels are not looked up: ESCO's are looser than its
// preferred labels, and the evaluation's data (LoadData) holds preferred
// labels only, so the rule would differ between the two callers. Both
// "import soc" and LoadData assign groups through this function, so the
// evaluation measures what the graph holds. Occupations' previous SOCCode
// and SOCSource are overwritten.
func AssignSOC(occs []*workforce.Occupation, crosswalk map[string]string, broader map[string][]string, index SOCIndex) {
	for _, o := range occs {
		o.SOCCode, o.SOCSource = crosswalk[o.Code], ""
		if o.SOCCode != "" {
			o.SOCSource = SOCFromCrosswalk
			continue
		}
		if index == nil {
			continue
		}
		if unit, ok := IndexUnit(index(o.Label)); ok {
			o.SOCCode, o.SOCSource = unit, SOCFromIndexTitle
		}
	}
	InheritSOC(occs, broader)
}
