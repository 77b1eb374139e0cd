package textmatch

import (
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onework/onework/careers"
	"github.com/onework/onework/workforce"
)

func codingIndex(tb testing.TB) []CodedTitle {
	tb.Helper()
	f, err := os.Open(filepath.Join(dataDir(tb), "uk-soc2020", "soc2020_coding_index.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := ReadCodingIndex(f)
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

// escoSOC returns ESCO occupations with their SOC unit groups set from the
// crosswalk.
func escoSOC(tb testing.TB) []*workforce.Occupation {
	tb.Helper()
	dir := dataDir(tb)
	units, err := careers.ReadSOCCrosswalk(filepath.Join(dir, careers.FileSOCCrosswalk), nil)
	if err != nil {
		tb.Fatal(err)
	}
	broader := map[string][]string{}
	for _, r := range readCSV(tb, filepath.Join(dir, "esco-v1.1.1", "broaderRelationsOccPillar.csv")) {
		if r["conceptType"] == "Occupation" && r["broaderType"] == "Occupation" {
			broader[r["conceptUri"]] = append(broader[r["conceptUri"]], r["broaderUri"])
		}
	}
	var out []*workforce.Occupation
	for _, o := range mustESCO(tb).occupations {
		c := *o
		c.SOCCode = units[o.Code]
		out = append(out, &c)
	}
	careers.InheritBroaderSOC(out, broader)
	return out
}

// devTitle picks the development part of the training titles, a fifth
// by another hash, on which the coder's features and settings were chosen
// (ONEWORK_SOC_DEV=1): the held-out part is only ever measured.
func devTitle(title string) bool {
	h := fnv.New32a()
	h.Write([]byte("dev " + strings.ToLower(strings.Join(strings.Fields(title), " "))))
	return h.Sum32()%5 == 0
}

// socTrainingTitles is what the coder learns from besides the coding index
// rows given: ESCO labels through the crosswalk, the sub-unit group titles,
// and the unit groups' titles, descriptions and tasks.
func socTrainingTitles(tb testing.TB, rows []CodedTitle) []SOCTitle {
	tb.Helper()
	titles := CodingIndexTitles(rows)
	titles = append(titles, OccupationSOCTitles(escoSOC(tb))...)
	for _, r := range []struct {
		file string
		read func(io.Reader) ([]SOCTitle, error)
	}{
		{careers.FileSOCCrosswalk, ReadSOCGroupTitles},
		{fileSOCStructure, ReadSOCDescriptions},
	} {
		f, err := os.Open(filepath.Join(dataDir(tb), r.file))
		if err != nil {
			tb.Fatal(err)
		}
		ts, err := r.read(f)
		f.Close()
		if err != nil {
			tb.Fatal(err)
		}
		titles = append(titles, ts...)
	}
	return titles
}

const fileSOCStructure = "uk-soc2020/soc2020_structure_descriptions.csv"

// TestSOCHeldOut measures the SOC coder on the held-out fifth of the coding
// index, learning from the rest and from ESCO labels through the
// crosswalk. The floors sit just under the figures in docs/textmatch.md.
func TestSOCHeldOut(t *testing.T) {
	rows := codingIndex(t)
	train, held := SplitCodingIndex(rows)
	dev := os.Getenv("ONEWORK_SOC_DEV") == "1"
	if dev {
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
	for _, r := range train {
		if HeldOut(r.Title) {
			t.Fatalf("held-out title %q among the training titles", r.Title)
		}
	}
	c := NewSOCCoder(socTrainingTitles(t, train))
	rep := EvaluateSOC(c, DistinctTitles(held))
	n := float64(rep.Titles)
	top1, answered, acc := float64(rep.Top1)/n, float64(rep.Answered)/n, float64(rep.AnsweredRight)/float64(max(rep.Answered, 1))
	t.Logf("%d titles (dev %v): top-1 %.3f, main %.3f, top-3 %.3f, no word known %d; at %.2f: answered %.3f, right %.3f",
		rep.Titles, dev, top1, float64(rep.Top1Main)/n, float64(rep.Top3)/n, rep.Unknown, c.MinConfidence, answered, acc)
	for _, b := range rep.Bands {
		t.Logf("  [%.1f, %.1f) %d titles, %d right: %.2f", b.Low, b.High, b.Titles, b.Right, float64(b.Right)/float64(max(b.Titles, 1)))
	}
	if !dev && (top1 < 0.51 || acc < 0.74 || answered < 0.43) {
		t.Errorf("held-out: top-1 %.3f, answered %.3f, right when answered %.3f; want at least 0.51, 0.43 and 0.74", top1, answered, acc)
	}
}

// TestSOCSmall checks the coder on a few titles: it learns from every
// title given, answers unknown words with nothing, and abstains below its
// threshold.
func TestSOCSmall(t *testing.T) {
	c := NewSOCCoder([]SOCTitle{
		{Title: "Care worker", Unit: "6135"}, {Title: "Home care worker", Unit: "6135"},
		{Title: "Senior care worker", Unit: "6136"}, {Title: "Kitchen porter", Unit: "9263"},
		{Title: "Hospital porter", Unit: "9269"}, {Title: "Chef", Unit: "5434"}, {Title: "Head chef", Unit: "5434"},
		{Title: "", Unit: "1111"}, {Title: "Nobody", Unit: ""},
	})
	if u, _, ok := c.Code("Care Worker - Nights"); !ok || u != "6135" {
		t.Errorf("Code(care worker) = %q, %v; want 6135", u, ok)
	}
	if u, _, ok := c.Code("Sous chef"); !ok || u != "5434" {
		t.Errorf("Code(sous chef) = %q, %v; want 5434", u, ok)
	}
	if u, _, ok := c.Code("Worker, care, home"); !ok || u != "6135" {
		t.Errorf("Code(worker, care, home) = %q, %v; want 6135", u, ok)
	}
	if cs := c.Candidates("Xylophonist", 3); len(cs) != 0 {
		t.Errorf("Candidates(unknown word) = %v, want none", cs)
	}
	c.MinConfidence = 1.01
	if u, conf, ok := c.Code("Care worker"); ok {
		t.Errorf("Code above any confidence = %q %.2f, want no answer", u, conf)
	}
	// The same titles in another order build the same coder.
	d := NewSOCCoder([]SOCTitle{
		{Title: "Chef", Unit: "5434"}, {Title: "Head chef", Unit: "5434"}, {Title: "Hospital porter", Unit: "9269"},
		{Title: "Kitchen porter", Unit: "9263"}, {Title: "Senior care worker", Unit: "6136"},
		{Title: "Home care worker", Unit: "6135"}, {Title: "Care worker", Unit: "6135"},
	})
	for _, title := range []string{"porter", "care worker", "chef de partie"} {
		if a, b := c.Candidates(title, 3), d.Candidates(title, 3); fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("Candidates(%q) depends on the order of the titles: %v and %v", title, a, b)
		}
	}
}

func TestUninvert(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Assistant, care", "care assistant"},
		{"Clerk, processing, data", "data processing clerk"},
		{"Manager, shop, butcher's", "butcher's shop manager"},
		{"Care assistant", "Care assistant"},
		{"Nurse, midwife", "Nurse, midwife"},
		{"Staff nurse, Band 5", "Staff nurse, Band 5"},
		{"Nurse, Band 5", "Nurse, Band 5"},
		{"Porter (hospital), nights", "Porter (hospital), nights"},
	} {
		if got := uninvert(tc.in); !strings.EqualFold(got, tc.want) {
			t.Errorf("uninvert(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestReadBadInput(t *testing.T) {
	for _, tc := range []struct {
		name, csv, want string
		read            func(r io.Reader) error
	}{
		{"index columns", "title,code\nCarer,6135\n", "no column soc2020_unit_group", readIndex},
		{"index unit", "title,soc2020_unit_group\nCarer,6135\nCook,5X34\n", "1 rows without a title or a four-digit unit group, first at line 3", readIndex},
		{"index empty", "", "empty file", readIndex},
		{"index no rows", "title,soc2020_unit_group\n", "no coded titles", readIndex},
		{"index quotes", "title,soc2020_unit_group\n\"Carer,6135\n", "coding index:", readIndex},
		{"crosswalk columns", "soc,title\n6135/01,Care workers\n", "want columns soc2020_code and soc2020_title", readGroups},
		{"structure columns", "level,code,title\nunit,6135,Care workers\n", "no column description, tasks", readDescs},
		{"annotations columns", "sentence,label\nx,y\n", "no column span, sub_span", readAnn},
		{"annotations empty", "", "empty file", readAnn},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.read(strings.NewReader(tc.csv)); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func readIndex(r io.Reader) error {
	rows, err := ReadCodingIndex(r)
	if err != nil && rows != nil {
		return fmt.Errorf("rows returned with the error %w", err)
	}
	return err
}

func readDescs(r io.Reader) error {
	_, err := ReadSOCDescriptions(r)
	return err
}

// TestReadCodingIndexQualifiers checks that a row's qualifiers are kept
// with it and become a description of its unit group.
func TestReadCodingIndexQualifiers(t *testing.T) {
	rows, err := ReadCodingIndex(strings.NewReader("title,additional_qualifier,industry_qualifier,soc2020_unit_group\n" +
		"Plater,,electroplating,8115\nAccountant,qualified,,2421\nPlater,,,5212\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(CodingIndexTitles(rows))
	want := fmt.Sprint([]SOCTitle{
		{Title: "Plater", Unit: "8115"}, {Title: "electroplating", Unit: "8115", Description: true},
		{Title: "Accountant", Unit: "2421"}, {Title: "qualified", Unit: "2421", Description: true},
		{Title: "Plater", Unit: "5212"},
	})
	if got != want {
		t.Errorf("CodingIndexTitles = %s, want %s", got, want)
	}
}

func readGroups(r io.Reader) error {
	_, err := ReadSOCGroupTitles(r)
	return err
}

func readAnn(r io.Reader) error {
	_, _, err := ReadSkillAnnotations(r, nil)
	return err
}
