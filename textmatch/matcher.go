// Package textmatch reads free text against the ESCO taxonomy: it
// normalises a job title to an ESCO occupation, and finds the ESCO skills a
// job description mentions. It is pure Go, deterministic, and needs only
// the workforce domain types: a Matcher is built once from the occupations
// and skills and then answers from memory.
//
// Titles are compared with occupation labels (preferred, alternative, and
// NHS job titles ESCO lacks) as bags of IDF-weighted words; descriptions are
// scanned for skill labels as phrases with a word trie. docs/textmatch.md
// describes the method and its measured accuracy.
package textmatch

import (
	"strings"

	"github.com/onework/onework/workforce"
)

// Matcher matches titles to occupations and text to skills. It is safe for
// concurrent use once built; set its fields, if at all, before sharing it.
type Matcher struct {
	// MinConfidence is the confidence below which Occupation reports no
	// match. New sets DefaultMinConfidence.
	MinConfidence float64
	// SuggestFloor is the confidence below which Suggest leaves an
	// occupation out. New sets DefaultSuggestFloor.
	SuggestFloor float64
	// MinSkillConfidence is the confidence below which Skills leaves a
	// skill out. New sets DefaultMinSkillConfidence.
	MinSkillConfidence float64

	occ   *occIndex
	skill *skillIndex
}

// New builds a Matcher over the occupations and skills. Nil entries and
// entries without an ID are skipped. Skill descriptions, when present, are
// read to tell ordinary words from names (see Skills). Building takes about
// a second for the 3,007 ESCO occupations and 13,896 skills, and the
// Matcher then holds about 25 MB.
func New(occupations []*workforce.Occupation, skills []*workforce.Skill) *Matcher {
	return &Matcher{
		MinConfidence:      DefaultMinConfidence,
		SuggestFloor:       DefaultSuggestFloor,
		MinSkillConfidence: DefaultMinSkillConfidence,
		occ:                newOccIndex(occupations),
		skill:              newSkillIndex(skills),
	}
}

// Occupation returns the best ESCO occupation for a job title, with a
// confidence in [0,1]; ok is false, and id and confidence are zero, when
// nothing is confident enough (MinConfidence). The title is read through
// NormaliseTitle first. The confidence is the best occupation's score,
// lowered when another occupation scores almost as well.
func (m *Matcher) Occupation(title string) (id string, confidence float64, ok bool) {
	scores := m.occ.score(title)
	if len(scores) == 0 {
		return "", 0, false
	}
	c := scores[0].score
	if len(scores) > 1 {
		closeness := 1 - (c-scores[1].score)/ambiguityWindow
		c *= 1 - ambiguityCost*max(closeness, 0)
	}
	if round(c) < m.MinConfidence {
		return "", 0, false
	}
	return m.occ.ids[scores[0].occ], round(c), true
}

// ResolveTitle matches a job title to an occupation for an API answer. An
// empty or over-long title, or one nothing matches closely enough, is an
// EINVALID error on field; the error lists up to five close titles, each
// one that itself resolves to the occupation it names, so that an adviser
// can pick one and be understood.
func (m *Matcher) ResolveTitle(field, title string) (id string, confidence float64, err error) {
	if strings.TrimSpace(title) == "" {
		return "", 0, workforce.Invalid(field, "must not be empty")
	}
	if len(title) > workforce.MaxNameLength {
		return "", 0, workforce.Invalid(field, "must be at most %d characters", workforce.MaxNameLength)
	}
	if id, c, ok := m.Occupation(title); ok {
		return id, c, nil
	}
	var labels []string
	for _, c := range m.Suggest(title, 20) {
		if id, _, ok := m.Occupation(c.Label); ok && id == c.OccupationID {
			labels = append(labels, c.Label)
		}
		if len(labels) == 5 {
			break
		}
	}
	if len(labels) == 0 {
		return "", 0, workforce.Invalid(field, "no occupation matches %q and none comes close; try another wording", title)
	}
	return "", 0, workforce.Invalid(field, "no occupation matches %q closely enough; close titles: %s", title, strings.Join(labels, "; "))
}

// Suggest returns up to n close occupations for a title, best first, for
// "did you mean" answers to titles Occupation cannot place. Occupations
// below SuggestFloor are left out, so nonsense gets no suggestions.
func (m *Matcher) Suggest(title string, n int) []Candidate {
	if n <= 0 {
		return nil
	}
	var out []Candidate
	for _, s := range m.occ.score(title) {
		if len(out) == n || round(s.score) < m.SuggestFloor {
			break
		}
		out = append(out, Candidate{OccupationID: m.occ.ids[s.occ], Label: m.occ.labels[s.occ], Confidence: round(s.score)})
	}
	return out
}

// Skills returns the skills mentioned in text, each once, best first (by
// confidence, then by first mention). HTML tags and entities are removed
// first. The text is read sentence by sentence: skills below
// MinSkillConfidence are left out, except that a sentence with no skill at
// or above it keeps its best one if that is above half of it.
func (m *Matcher) Skills(text string) []Found {
	var out []Found
	for _, f := range m.skill.find(text, float32(m.MinSkillConfidence)) {
		out = append(out, Found{SkillID: m.skill.ids[f.skill], Label: m.skill.labels[f.skill], Confidence: round(f.conf)})
	}
	return out
}

// round gives confidences three decimals: scores are float32 sums, and
// callers compare and store them.
func round(f float32) float64 {
	return float64(int(f*1000+0.5)) / 1000
}
