package textmatch

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/onework/onework/workforce"
)

func loadAnnotations(tb testing.TB, path string, skills []*workforce.Skill) ([]AnnotatedSentence, int) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sentences, unknown, err := ReadSkillAnnotations(f, skills)
	if err != nil {
		tb.Fatal(err)
	}
	return sentences, unknown
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
			s := EvaluateSkills(&m, sentences)
			t.Logf("%s at MinSkillConfidence %.1f: found %d, right %d: precision %.2f, recall %.2f",
				set.file, floor, s.Found, s.Right, s.Precision(), s.Recall())
		}
		s := EvaluateSkills(e.matcher, sentences)
		t.Logf("%s: %d sentences, %d gold skills (%d labels not in ESCO v1.1.1): found %d, right %d: precision %.2f, recall %.2f; span recall %d/%d = %.2f",
			set.file, len(sentences), s.Gold, unknown, s.Found, s.Right, s.Precision(), s.Recall(), s.SpansRecalled, s.Spans, s.SpanRecall())
		if s.Precision() < set.minPrecision {
			t.Errorf("%s: precision %.2f, want at least %.2f", set.file, s.Precision(), set.minPrecision)
		}
		if s.SpanRecall() < set.minSpanRecall {
			t.Errorf("%s: span recall %.2f, want at least %.2f", set.file, s.SpanRecall(), set.minSpanRecall)
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
