// Package texteval measures textmatch on the reference data: job titles to
// SOC 2020 unit groups on a held-out part of the ONS coding index, job
// titles to ESCO occupations on labelled UK advert titles, and skills from
// text on the annotated skill-extraction sets. It backs "onework eval
// titles" and "onework eval skills"; docs/textmatch.md gives the figures.
package texteval

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/onework/onework/careers"
	"github.com/onework/onework/importer"
	"github.com/onework/onework/textmatch"
	"github.com/onework/onework/workforce"
)

// Files read, relative to the data folder, and the advert titles file,
// relative to the repository root.
const (
	escoDir         = "esco-v1.1.1"
	fileIndex       = "uk-soc2020/soc2020_coding_index.csv"
	fileStructure   = "uk-soc2020/soc2020_structure_descriptions.csv"
	fileHouse       = "skill-extraction/house_validation_annotations.csv"
	fileTech        = "skill-extraction/tech_validation_annotations.csv"
	DefaultAdverts  = "textmatch/testdata/uk_advert_titles.csv"
	advertsTarget   = 0.95
	socTop1Target   = 0.70
	skillsRecall    = 0.40
	skillsPrecision = 0.45
)

// NamedTitles are titles whose answers are printed one by one: adviser
// titles that must resolve, exact ESCO labels, and titles that were once
// answered wrongly with full confidence.
var NamedTitles = []string{
	"Care Worker", "care at home worker", "Carer", "Support Worker", "Healthcare Assistant",
	"Bank Teller", "Attorney", "Arborist",
	"Securities Consultant", "security consultant", "Security Analyst", "Registrar", "Bed Maker",
}

// loadESCO reads ESCO and sets each occupation's SOC 2020 unit group from
// the crosswalk, narrower occupations inheriting their broader one's.
func loadESCO(dataDir string) (importer.ESCOConcepts, error) {
	c, err := importer.ReadESCOConcepts(filepath.Join(dataDir, escoDir))
	if err != nil {
		return c, err
	}
	units, err := careers.ReadSOCCrosswalk(filepath.Join(dataDir, careers.FileSOCCrosswalk), nil)
	if err != nil {
		return c, err
	}
	for _, o := range c.Occupations {
		o.SOCCode = units[o.Code]
	}
	careers.InheritBroaderSOC(c.Occupations, c.OccupationBroader)
	return c, nil
}

// RunTitles is "onework eval titles".
func RunTitles(args []string, dataDir string, out io.Writer) error {
	fs := flag.NewFlagSet("eval titles", flag.ContinueOnError)
	fs.SetOutput(out)
	index := fs.String("index", "", "ONS SOC 2020 coding index CSV with columns title,soc2020_unit_group (default: "+fileIndex+" in the data folder)")
	adverts := fs.String("adverts", DefaultAdverts, "labelled UK advert titles CSV with columns title,occupation (an ESCO preferred label)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("eval titles: unexpected arguments %q", fs.Args())
	}
	if *index == "" {
		*index = filepath.Join(dataDir, fileIndex)
	}
	// Read the inputs first, so that a bad file fails at once.
	rows, err := readIndex(*index)
	if err != nil {
		return err
	}
	labelled, err := readAdvertTitles(*adverts)
	if err != nil {
		return err
	}
	start := time.Now()
	esco, err := loadESCO(dataDir)
	if err != nil {
		return fmt.Errorf("eval titles: %w", err)
	}
	train, held := textmatch.SplitCodingIndex(rows)
	titles := textmatch.CodingIndexTitles(train)
	escoTitles := textmatch.OccupationSOCTitles(esco.Occupations)
	groups, err := readGroupTitles(filepath.Join(dataDir, careers.FileSOCCrosswalk))
	if err != nil {
		return err
	}
	descs, err := readDescriptions(filepath.Join(dataDir, fileStructure))
	if err != nil {
		return err
	}
	coder := textmatch.NewSOCCoder(slices.Concat(titles, escoTitles, groups, descs))
	m := textmatch.New(esco.Occupations, esco.Skills)
	built := time.Since(start)

	distinct := textmatch.DistinctTitles(held)
	rep := textmatch.EvaluateSOC(coder, distinct)
	n := float64(rep.Titles)
	fmt.Fprintf(out, "Job title -> SOC 2020 unit group, on %s\n", *index)
	fmt.Fprintf(out, "split by FNV-1a of the title, 1 in 5 held out: learnt from %d rows (%d distinct titles), %d ESCO labels, %d SOC group titles and %d unit group titles, descriptions and tasks; measured on %d held-out titles (%d rows) never learnt from; built in %v\n\n",
		len(train), len(textmatch.DistinctTitles(train)), len(escoTitles), len(groups), len(descs), rep.Titles, len(held), built.Round(time.Millisecond))
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "measure\tvalue\n")
	fmt.Fprintf(tw, "top-1 right (a unit group the index gives the title)\t%.3f\t(target %.2f)\n", float64(rep.Top1)/n, socTop1Target)
	fmt.Fprintf(tw, "top-1 is the title's most frequent unit group\t%.3f\n", float64(rep.Top1Main)/n)
	fmt.Fprintf(tw, "right among the best 3\t%.3f\n", float64(rep.Top3)/n)
	fmt.Fprintf(tw, "no word known\t%.3f\n", float64(rep.Unknown)/n)
	fmt.Fprintf(tw, "answered at the served threshold %.2f (coverage)\t%.3f\n", coder.MinConfidence, float64(rep.Answered)/n)
	fmt.Fprintf(tw, "right when answered\t%.3f\n", ratio(rep.AnsweredRight, rep.Answered))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(out, "\ncalibration (confidence band -> accuracy):")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "band\ttitles\tright\taccuracy\n")
	for _, b := range rep.Bands {
		fmt.Fprintf(tw, "[%.1f, %.1f%s\t%d\t%d\t%.2f\n", b.Low, b.High, closeBracket(b.High), b.Titles, b.Right, ratio(b.Right, b.Titles))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	label := map[string]*workforce.Occupation{}
	for _, o := range esco.Occupations {
		label[o.ID] = o
	}
	right, wrongSure := 0, 0
	var misses []string
	for _, l := range labelled {
		id, conf, ok := m.Occupation(l.title)
		switch {
		case ok && label[id] != nil && label[id].Label == l.occupation:
			right++
		default:
			got := "(none)"
			if ok {
				got = fmt.Sprintf("%s (%.2f)", label[id].Label, conf)
				if conf >= 1 {
					wrongSure++
				}
			}
			misses = append(misses, fmt.Sprintf("  %q -> %s, want %s", l.title, got, l.occupation))
		}
	}
	fmt.Fprintf(out, "\nJob title -> ESCO occupation, on %s: %d/%d right (%.1f%%, target %.0f%%); wrong at confidence 1: %d\n",
		*adverts, right, len(labelled), 100*ratio(right, len(labelled)), 100*advertsTarget, wrongSure)
	for _, s := range misses {
		fmt.Fprintln(out, s)
	}
	fmt.Fprintln(out, "\nnamed titles:")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "title\tESCO occupation\tconfidence\tits SOC\tcoded SOC\tconfidence\n")
	for _, t := range NamedTitles {
		occ, conf, socOfOcc := "(none)", "", ""
		if id, c, ok := m.Occupation(t); ok {
			occ, conf, socOfOcc = label[id].Label, fmt.Sprintf("%.2f", c), label[id].SOCCode
		}
		unit, uconf := "(none)", ""
		if cs := coder.Candidates(t, 1); len(cs) > 0 {
			unit, uconf = cs[0].Unit, fmt.Sprintf("%.2f", cs[0].Confidence)
			if cs[0].Confidence < coder.MinConfidence {
				unit += " (below threshold)"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", t, occ, conf, socOfOcc, unit, uconf)
	}
	return tw.Flush()
}

func closeBracket(high float64) string {
	if high >= 1 {
		return "]"
	}
	return ")"
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func readIndex(path string) ([]textmatch.CodedTitle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval titles: %w", err)
	}
	defer f.Close()
	rows, err := textmatch.ReadCodingIndex(f)
	if err != nil {
		return nil, fmt.Errorf("eval titles: %s: %w", path, err)
	}
	return rows, nil
}

type advertTitle struct{ title, occupation string }

// readAdvertTitles reads the labelled advert titles: columns title and
// occupation, both non-empty.
func readAdvertTitles(path string) ([]advertTitle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval titles: %w", err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("empty file, want a header with title,occupation")
		}
		return nil, fmt.Errorf("eval titles: %s: %w", path, err)
	}
	at := map[string]int{}
	for i, h := range header {
		at[strings.TrimSpace(h)] = i
	}
	ti, ok1 := at["title"]
	oi, ok2 := at["occupation"]
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("eval titles: %s: want columns title and occupation, have %s", path, strings.Join(header, ", "))
	}
	var out []advertTitle
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("eval titles: %s: %w", path, err)
		}
		a := advertTitle{strings.TrimSpace(rec[ti]), strings.TrimSpace(rec[oi])}
		if a.title == "" || a.occupation == "" {
			line, _ := cr.FieldPos(0)
			return nil, fmt.Errorf("eval titles: %s line %d: empty title or occupation", path, line)
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("eval titles: %s: no titles", path)
	}
	return out, nil
}

// RunSkills is "onework eval skills".
func RunSkills(args []string, dataDir string, out io.Writer) error {
	fs := flag.NewFlagSet("eval skills", flag.ContinueOnError)
	fs.SetOutput(out)
	house := fs.String("house", "", "HOUSE annotations CSV with columns sentence,span,sub_span,label (default: "+fileHouse+" in the data folder)")
	tech := fs.String("tech", "", "TECH annotations CSV (default: "+fileTech+" in the data folder)")
	floor := fs.Float64("floor", textmatch.DefaultMinSkillConfidence, "confidence below which a skill is left out")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("eval skills: unexpected arguments %q", fs.Args())
	case *floor < 0 || *floor > 1:
		return fmt.Errorf("eval skills: --floor must be from 0 to 1, got %v", *floor)
	}
	if *house == "" {
		*house = filepath.Join(dataDir, fileHouse)
	}
	if *tech == "" {
		*tech = filepath.Join(dataDir, fileTech)
	}
	// Check both files before the taxonomy is read, so that a bad file
	// fails at once.
	for _, p := range []string{*house, *tech} {
		if _, err := readAnnotations(p, nil); err != nil {
			return err
		}
	}
	esco, err := loadESCO(dataDir)
	if err != nil {
		return fmt.Errorf("eval skills: %w", err)
	}
	m := textmatch.New(esco.Occupations, esco.Skills)
	m.MinSkillConfidence = *floor
	fmt.Fprintf(out, "Skills from text at confidence floor %.2f (targets: recall >= %.2f at precision >= %.2f)\n\n", *floor, skillsRecall, skillsPrecision)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "set\tsentences\tgold\tfound\tright\tprecision\trecall\tF1\tspan recall\n")
	sets := []struct {
		name, path string
		a          annotations
	}{{"HOUSE", *house, annotations{}}, {"TECH", *tech, annotations{}}}
	for i := range sets {
		set := &sets[i]
		set.a, err = readAnnotations(set.path, esco.Skills)
		if err != nil {
			return err
		}
		a := set.a
		s := textmatch.EvaluateSkills(m, a.sentences)
		name := set.name
		if a.unknown > 0 {
			name += fmt.Sprintf(" (%d labels not in ESCO left out)", a.unknown)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%d/%d = %.3f\n", name, s.Sentences, s.Gold, s.Found, s.Right,
			s.Precision(), s.Recall(), s.F1(), s.SpansRecalled, s.Spans, s.SpanRecall())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(out, "\nprecision / recall by confidence floor (* meets the target):")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "floor\tHOUSE\tTECH\n")
	for _, f := range []float64{0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7} {
		c := *m
		c.MinSkillConfidence = f
		fmt.Fprintf(tw, "%.2f", f)
		for _, set := range sets {
			s := textmatch.EvaluateSkills(&c, set.a.sentences)
			mark := ""
			if s.Recall() >= skillsRecall && s.Precision() >= skillsPrecision {
				mark = " *"
			}
			fmt.Fprintf(tw, "\t%.3f / %.3f%s", s.Precision(), s.Recall(), mark)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

type annotations struct {
	sentences []textmatch.AnnotatedSentence
	unknown   int
}

func readAnnotations(path string, skills []*workforce.Skill) (annotations, error) {
	f, err := os.Open(path)
	if err != nil {
		return annotations{}, fmt.Errorf("eval skills: %w", err)
	}
	defer f.Close()
	s, unknown, err := textmatch.ReadSkillAnnotations(f, skills)
	if err != nil {
		return annotations{}, fmt.Errorf("eval skills: %s: %w", path, err)
	}
	return annotations{s, unknown}, nil
}

func readGroupTitles(path string) ([]textmatch.SOCTitle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval titles: %w", err)
	}
	defer f.Close()
	t, err := textmatch.ReadSOCGroupTitles(f)
	if err != nil {
		return nil, fmt.Errorf("eval titles: %s: %w", path, err)
	}
	return t, nil
}

func readDescriptions(path string) ([]textmatch.SOCTitle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval titles: %w", err)
	}
	defer f.Close()
	t, err := textmatch.ReadSOCDescriptions(f)
	if err != nil {
		return nil, fmt.Errorf("eval titles: %s: %w", path, err)
	}
	return t, nil
}
