package textmatch

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/onework/onework/workforce"
)

// annotatedSentence is a sentence from a job advert with the ESCO skills
// its spans denote (Decorte et al., RecSys in HR 2022).
type annotatedSentence struct {
	text  string
	gold  map[string]bool // skill IDs
	spans []annotatedSpan
}

type annotatedSpan struct {
	text, skillID string
}

// loadAnnotations reads a skill-extraction validation set, resolving each
// label to an ESCO skill by its preferred label. Spans labelled "LABEL NOT
// PRESENT" or "UNDERSPECIFIED" name no skill; labels ESCO v1.1.1 does not
// have are counted in unknown.
func loadAnnotations(tb testing.TB, path string, skills []*workforce.Skill) (sentences []annotatedSentence, unknown int) {
	tb.Helper()
	byLabel := map[string]string{}
	for _, s := range skills {
		byLabel[s.Label] = s.ID
	}
	index := map[string]int{}
	for _, r := range readCSV(tb, path) {
		i, ok := index[r["sentence"]]
		if !ok {
			i = len(sentences)
			index[r["sentence"]] = i
			sentences = append(sentences, annotatedSentence{text: r["sentence"], gold: map[string]bool{}})
		}
		label := strings.TrimSpace(r["label"])
		if label == "LABEL NOT PRESENT" || label == "UNDERSPECIFIED" {
			continue
		}
		id, ok := byLabel[label]
		if !ok {
			unknown++
			continue
		}
		sentences[i].gold[id] = true
		span := r["span"]
		if r["sub_span"] != "" {
			span = r["sub_span"]
		}
		sentences[i].spans = append(sentences[i].spans, annotatedSpan{span, id})
	}
	return sentences, unknown
}

// extractionScore holds micro-averaged counts over sentences.
type extractionScore struct {
	found, right, gold   int
	spans, spansRecalled int
}

func (s extractionScore) precision() float64 { return ratio(s.right, s.found) }
func (s extractionScore) recall() float64    { return ratio(s.right, s.gold) }
func (s extractionScore) spanRecall() float64 {
	return ratio(s.spansRecalled, s.spans)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func scoreExtraction(m *Matcher, sentences []annotatedSentence) extractionScore {
	var s extractionScore
	for _, sent := range sentences {
		s.gold += len(sent.gold)
		for _, f := range m.Skills(sent.text) {
			s.found++
			if sent.gold[f.SkillID] {
				s.right++
			}
		}
		for _, sp := range sent.spans {
			s.spans++
			for _, f := range m.Skills(sp.text) {
				if f.SkillID == sp.skillID {
					s.spansRecalled++
					break
				}
			}
		}
	}
	return s
}

// TestSkillsAnnotated measures Skills against the HOUSE and TECH validation
// sets. Precision counts as wrong every skill the annotators did not mark,
// though they marked only some spans of each sentence, so it is a lower
// bound. The floors sit just under the figures measured when the test was
// written (docs/textmatch.md).
func TestSkillsAnnotated(t *testing.T) {
	e := mustESCO(t)
	dir := filepath.Join(dataDir(t), "skill-extraction")
	for _, set := range []struct {
		file                        string
		minPrecision, minSpanRecall float64
	}{
		{"house_validation_annotations.csv", 0.5, 0.25},
		{"tech_validation_annotations.csv", 0.5, 0.25},
	} {
		sentences, unknown := loadAnnotations(t, filepath.Join(dir, set.file), e.skills)
		for _, floor := range []float64{0.3, 0.7} {
			m := *e.matcher
			m.MinSkillConfidence = floor
			s := scoreExtraction(&m, sentences)
			t.Logf("%s at MinSkillConfidence %.1f: found %d, right %d: precision %.2f, recall %.2f",
				set.file, floor, s.found, s.right, s.precision(), s.recall())
		}
		s := scoreExtraction(e.matcher, sentences)
		t.Logf("%s: %d sentences, %d gold skills (%d labels not in ESCO v1.1.1): found %d, right %d: precision %.2f, recall %.2f; span recall %d/%d = %.2f",
			set.file, len(sentences), s.gold, unknown, s.found, s.right, s.precision(), s.recall(), s.spansRecalled, s.spans, s.spanRecall())
		if s.precision() < set.minPrecision {
			t.Errorf("%s: precision %.2f, want at least %.2f", set.file, s.precision(), set.minPrecision)
		}
		if s.spanRecall() < set.minSpanRecall {
			t.Errorf("%s: span recall %.2f, want at least %.2f", set.file, s.spanRecall(), set.minSpanRecall)
		}
	}
}

func TestSkills(t *testing.T) {
	e := mustESCO(t)
	label := map[string]string{}
	for _, s := range e.skills {
		label[s.ID] = s.Label
	}
	tests := []struct {
		name, text string
		want       []string // preferred labels that must be found
		notWant    []string // preferred labels that must not be
	}{
		{
			name: "html description",
			text: "&lt;p&gt;You will &lt;b&gt;administer medication&lt;/b&gt; and provide wound care.&lt;/p&gt;" +
				"&lt;ul&gt;&lt;li&gt;Knowledge of SQL&lt;/li&gt;&lt;li&gt;Excellent communication skills&lt;/li&gt;&lt;/ul&gt;",
			want: []string{"SQL", "communication"},
		},
		{
			name:    "common words are not acronyms",
			text:    "It is less important to plan the design of the space.",
			notWant: []string{"information technology", "LESS", "design principles"},
		},
		{
			name: "acronyms in capitals",
			text: "Experience with LESS and SQL.",
			want: []string{"LESS", "SQL"},
		},
		{
			name: "java",
			text: "We need a Java developer who knows JavaScript.",
			want: []string{"Java (computer programming)", "JavaScript"},
		},
		{
			name: "empty",
			text: "",
		},
		{
			name: "invalid UTF-8",
			text: "\xff\xfe SQL \xc3",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := e.matcher.Skills(tc.text)
			names := map[string]bool{}
			seen := map[string]bool{}
			for i, f := range got {
				names[f.Label] = true
				if seen[f.SkillID] {
					t.Errorf("Skills(%q) lists %s twice", tc.text, f.SkillID)
				}
				seen[f.SkillID] = true
				if f.Label != label[f.SkillID] {
					t.Errorf("Skills(%q)[%d].Label = %q, want the preferred label %q", tc.text, i, f.Label, label[f.SkillID])
				}
				if f.Confidence <= 0 || f.Confidence > 1 {
					t.Errorf("Skills(%q)[%d].Confidence = %v, want in (0,1]", tc.text, i, f.Confidence)
				}
				if i > 0 && f.Confidence > got[i-1].Confidence {
					t.Errorf("Skills(%q) not best first: %v", tc.text, got)
				}
			}
			for _, w := range tc.want {
				if !names[w] {
					t.Errorf("Skills(%q) = %v, want %q among them", tc.text, got, w)
				}
			}
			for _, w := range tc.notWant {
				if names[w] {
					t.Errorf("Skills(%q) = %v, want no %q", tc.text, got, w)
				}
			}
		})
	}
}

func TestSkillsSmallTaxonomy(t *testing.T) {
	skills := []*workforce.Skill{
		{ID: "s1", Label: "administer medication", AltLabels: []string{"give medicines"}},
		{ID: "s2", Label: "wound care"},
		{ID: "s3", Label: "Java (computer programming)", AltLabels: []string{"Java"}},
		{ID: "s4", Label: "design principles", AltLabels: []string{"space", "balance"}},
	}
	m := New(nil, skills)
	got := m.Skills("Nurses give medicines and provide wound care; Java is a plus. Balance your time and space.")
	want := []Found{
		{SkillID: "s1", Label: "administer medication", Confidence: 0.9},
		{SkillID: "s2", Label: "wound care", Confidence: 0.95},
		{SkillID: "s3", Label: "Java (computer programming)", Confidence: 0.9},
	}
	// Best first: by confidence, then by first mention.
	want[0], want[1] = want[1], want[0]
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Skills (-want +got):\n%s", diff)
	}
}
