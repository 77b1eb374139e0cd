package careers

import (
	"slices"
	"strings"
)

// seniorWords are the words that, ending a job title, name a manager, a
// director or a consultant. ONS's SOC 2020 coding index codes such titles
// at skill level 3 or 4 (of its titles without qualifiers, 95% of those
// ending in "director", 90% in "manager" and 89% in "consultant"; none at
// level 1; TestSeniorWordsEvidence checks this on the index): they are
// senior or advisory jobs, entered with experience or a qualification in
// the field, whatever the unit group the draft crosswalk or a broader
// occupation gives them (funeral services director in 6138 with the
// funeral attendants, security consultant in 6214 with the guards, weight
// loss consultant in 6222).
var seniorWords = []string{"director", "manager", "consultant"}

// seniorMinLevel is the UK skill level a senior job is judged at, at
// least: the lower level of SOC 2020 major group 1 (managers, directors
// and senior officials; sub-major group 12 is level 3, 11 level 4).
const seniorMinLevel = 3

// supervisorWords end, and leadWords begin, the titles of jobs people are
// promoted into from the work they lead: a supervisor, superintendent or
// foreman, a chief or head of others ("chief conductor", "head waiter").
// ONS's coding index codes most such titles at skill level 2 or above
// (supervisor 87%, superintendent 93%, foreman 81%; titles beginning
// "chief" 91%, "head" 90%), not at the elementary level 1 of the work
// itself, but not mostly at level 3, so they are supervisory jobs
// (supervisoryLevel) rather than senior ones.
var (
	supervisorWords = []string{"supervisor", "superintendent", "foreman", "forewoman"}
	leadWords       = []string{"chief", "head"}
)

// SupervisorTitle reports whether an occupation's title names a
// supervisor or the chief or head of others (supervisorWords,
// leadWords), read as SeniorTitle reads it.
func SupervisorTitle(title string) bool {
	words := titleWords(title)
	return len(words) > 0 && (slices.Contains(supervisorWords, words[len(words)-1]) || slices.Contains(leadWords, words[0]))
}

// titleWords returns the words of a title in lower case, of the first
// spelling when it gives two ("manager/manageress") and of the part
// before "of" ("director of photography").
func titleWords(title string) []string {
	title, _, _ = strings.Cut(strings.ToLower(title), "/")
	title, _, _ = strings.Cut(title, " of ")
	words := strings.Fields(title)
	for i, w := range words {
		words[i] = strings.Trim(w, "()-,.")
	}
	return words
}

// SeniorTitle reports whether an occupation's title names a manager, a
// director or a consultant: the last word of the title, or of the part
// before "of" ("director of photography"), and of the first spelling when
// the title gives two ("manager/manageress" is read as "manager").
func SeniorTitle(title string) bool {
	words := titleWords(title)
	return len(words) > 0 && slices.Contains(seniorWords, words[len(words)-1])
}

// seniorLevel is the UK skill level a senior job (SeniorTitle) is judged
// at when its SOC 2020 unit group has level: at least seniorMinLevel.
// Unknown levels stay unknown.
func seniorLevel(level int) int {
	if level > 0 && level < seniorMinLevel {
		return seniorMinLevel
	}
	return level
}
