package textmatch

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/onework/onework/workforce"
)

// AnnotatedSentence is a sentence from a job advert with the ESCO skills
// annotators gave its spans (the skill-extraction sets of Decorte et al.,
// RecSys in HR 2022).
type AnnotatedSentence struct {
	Text string
	// Gold holds the skill IDs of the sentence.
	Gold  map[string]bool
	Spans []AnnotatedSpan
}

// AnnotatedSpan is an annotated span of a sentence and its skill.
type AnnotatedSpan struct {
	Text, SkillID string
}

// Columns of a skill-extraction annotation file.
var annotationColumns = []string{"sentence", "span", "sub_span", "label"}

// ReadSkillAnnotations reads a skill-extraction annotation file (columns
// sentence, span, sub_span, label; one row per span), resolving each label
// to an ESCO skill by its preferred label. Spans labelled "LABEL NOT
// PRESENT" or "UNDERSPECIFIED" name no skill; labels no skill has are
// counted in unknown. A missing column or a malformed file is an error, and
// nothing is returned with it.
func ReadSkillAnnotations(r io.Reader, skills []*workforce.Skill) (sentences []AnnotatedSentence, unknown int, err error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, 0, errors.New("skill annotations: empty file, want a header with sentence,span,sub_span,label")
		}
		return nil, 0, fmt.Errorf("skill annotations: header: %w", err)
	}
	at := map[string]int{}
	for i, h := range header {
		at[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	var missing []string
	for _, c := range annotationColumns {
		if _, ok := at[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, 0, fmt.Errorf("skill annotations: no column %s (have %s)", strings.Join(missing, ", "), strings.Join(header, ", "))
	}
	byLabel := map[string]string{}
	for _, s := range skills {
		if s != nil {
			byLabel[s.Label] = s.ID
		}
	}
	index := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, fmt.Errorf("skill annotations: %w", err)
		}
		get := func(c string) string { return rec[at[c]] }
		text := get("sentence")
		i, ok := index[text]
		if !ok {
			i = len(sentences)
			index[text] = i
			sentences = append(sentences, AnnotatedSentence{Text: text, Gold: map[string]bool{}})
		}
		label := strings.TrimSpace(get("label"))
		if label == "LABEL NOT PRESENT" || label == "UNDERSPECIFIED" || label == "" {
			continue
		}
		id, ok := byLabel[label]
		if !ok {
			unknown++
			continue
		}
		sentences[i].Gold[id] = true
		span := get("span")
		if s := get("sub_span"); s != "" {
			span = s
		}
		sentences[i].Spans = append(sentences[i].Spans, AnnotatedSpan{Text: span, SkillID: id})
	}
	if len(sentences) == 0 {
		return nil, 0, errors.New("skill annotations: no rows")
	}
	return sentences, unknown, nil
}

// SkillReport holds micro-averaged counts of Skills over annotated
// sentences: a skill found is right when the annotators gave it to some
// span of the sentence.
type SkillReport struct {
	Sentences, Found, Right, Gold int
	// Spans counts annotated spans; SpansRecalled those whose skill Skills
	// finds when given the span alone.
	Spans, SpansRecalled int
}

// Precision is right over found.
func (s SkillReport) Precision() float64 { return ratio(s.Right, s.Found) }

// Recall is right over gold.
func (s SkillReport) Recall() float64 { return ratio(s.Right, s.Gold) }

// F1 is the harmonic mean of precision and recall.
func (s SkillReport) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// SpanRecall is recalled spans over spans.
func (s SkillReport) SpanRecall() float64 { return ratio(s.SpansRecalled, s.Spans) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// EvaluateSkills passes every sentence, and every annotated span alone, to
// m.Skills and counts the answers.
func EvaluateSkills(m *Matcher, sentences []AnnotatedSentence) SkillReport {
	s := SkillReport{Sentences: len(sentences)}
	for _, sent := range sentences {
		s.Gold += len(sent.Gold)
		for _, f := range m.Skills(sent.Text) {
			s.Found++
			if sent.Gold[f.SkillID] {
				s.Right++
			}
		}
		for _, sp := range sent.Spans {
			s.Spans++
			for _, f := range m.Skills(sp.Text) {
				if f.SkillID == sp.SkillID {
					s.SpansRecalled++
					break
				}
			}
		}
	}
	return s
}
