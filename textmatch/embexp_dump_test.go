package textmatch

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestEmbexpDump writes, for the sentence embedding experiment of
// tools/embedexp (docs/textmatch.md), the titles the SOC coder learns from,
// the titles it is measured on with the coder's candidates, the ESCO skills
// and the label matcher's answers on the annotated sentences, as JSON in
// the folder EMBEXP_OUT. It skips when EMBEXP_OUT is unset. By default the
// split is the development fifth; EMBEXP_HELD=1 writes the held-out part
// (measured once, for the setting chosen on the development fifth);
// EMBEXP_SKILLS=1 writes the skills files instead.
func TestEmbexpDump(t *testing.T) {
	out := os.Getenv("EMBEXP_OUT")
	if out == "" {
		t.Skip("EMBEXP_OUT unset")
	}
	write := func(name string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	type cand struct {
		U string  `json:"u"`
		P float64 `json:"p"`
	}
	type q struct {
		Title string         `json:"title"`
		Uninv string         `json:"uninv"`
		Units map[string]int `json:"units"`
		Coder []cand         `json:"coder"`
	}
	if os.Getenv("EMBEXP_SKILLS") == "1" {
		e := mustESCO(t)
		type sk struct {
			ID, Label, Type, Reuse string
			Alt                    []string
		}
		var sks []sk
		for _, s := range e.skills {
			sks = append(sks, sk{s.ID, s.Label, s.Type, s.ReuseLevel, s.AltLabels})
		}
		write("skills.json", sks)
		type sent struct {
			Text  string             `json:"text"`
			Gold  []string           `json:"gold"`
			Spans []AnnotatedSpan    `json:"spans"`
			Found map[string][]Found `json:"found"`
		}
		for _, set := range []string{"house", "tech"} {
			ss, _ := loadAnnotations(t, filepath.Join(dataDir(t), "skill-extraction", set+"_validation_annotations.csv"), e.skills)
			var outS []sent
			for _, s := range ss {
				o := sent{Text: s.Text, Spans: s.Spans, Found: map[string][]Found{}}
				for g := range s.Gold {
					o.Gold = append(o.Gold, g)
				}
				for _, fl := range []float64{0.3, 0.35, 0.5} {
					m := *e.matcher
					m.MinSkillConfidence = fl
					o.Found[fmtF(fl)] = m.Skills(s.Text)
				}
				outS = append(outS, o)
			}
			write(set+".json", outS)
		}
		return
	}
	rows := codingIndex(t)
	train, held := SplitCodingIndex(rows)
	name := "held"
	if os.Getenv("EMBEXP_HELD") != "1" {
		name = "dev"
		var tr []CodedTitle
		held = nil
		for _, r := range train {
			if devTitle(r.Title) {
				held = append(held, r)
			} else {
				tr = append(tr, r)
			}
		}
		train = tr
	}
	titles := socTrainingTitles(t, train)
	write(name+"_train.json", titles)
	c := NewSOCCoder(titles)
	var qs []q
	for _, h := range DistinctTitles(held) {
		x := q{Title: h.Title, Uninv: uninvert(h.Title), Units: h.Units}
		for _, cs := range c.Candidates(h.Title, 40) {
			x.Coder = append(x.Coder, cand{cs.Unit, cs.Confidence})
		}
		qs = append(qs, x)
	}
	write(name+"_queries.json", qs)
}

func fmtF(f float64) string { b, _ := json.Marshal(f); return string(b) }
