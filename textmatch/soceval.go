package textmatch

import (
	"encoding/csv"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strings"
)

// CodedTitle is a row of the ONS SOC 2020 coding index: a job title and
// the unit group it codes to (with the row's qualifiers, which can change
// the code).
type CodedTitle struct {
	Title, Unit string
	// Qualifiers are the row's additional and industry qualifiers
	// ("qualified", "hospital service"), empty for the title's plain
	// reading.
	Qualifiers string
}

// Columns of the coding index that ReadCodingIndex needs.
const (
	indexTitleColumn = "title"
	indexUnitColumn  = "soc2020_unit_group"
)

// Optional qualifier columns of the coding index.
var indexQualifierColumns = []string{"additional_qualifier", "industry_qualifier"}

// ReadCodingIndex reads the ONS SOC 2020 coding index as published in the
// reference data (soc2020_coding_index.csv; other columns are ignored).
// Cross-reference rows, which have no unit group, are skipped. A missing
// column, a malformed file or a unit group that is not four digits is an
// error naming the line; nothing is returned with it.
func ReadCodingIndex(r io.Reader) ([]CodedTitle, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("coding index: empty file, want a header with title and soc2020_unit_group")
		}
		return nil, fmt.Errorf("coding index: header: %w", err)
	}
	at := map[string]int{}
	for i, h := range header {
		at[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	var missing []string
	for _, c := range []string{indexTitleColumn, indexUnitColumn} {
		if _, ok := at[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("coding index: no column %s (have %s)", strings.Join(missing, ", "), strings.Join(header, ", "))
	}
	var out []CodedTitle
	bad, firstBad := 0, ""
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("coding index: %w", err)
		}
		title := strings.Join(strings.Fields(rec[at[indexTitleColumn]]), " ")
		unit := strings.TrimSpace(rec[at[indexUnitColumn]])
		if unit == "" {
			continue
		}
		if len(unit) != 4 || strings.Trim(unit, "0123456789") != "" || title == "" {
			if bad == 0 {
				line, _ := cr.FieldPos(0)
				firstBad = fmt.Sprintf("line %d: title %q, unit group %q", line, title, unit)
			}
			bad++
			continue
		}
		var quals []string
		for _, q := range indexQualifierColumns {
			if i, ok := at[q]; ok {
				if v := strings.Join(strings.Fields(rec[i]), " "); v != "" {
					quals = append(quals, v)
				}
			}
		}
		out = append(out, CodedTitle{Title: title, Unit: unit, Qualifiers: strings.Join(quals, "; ")})
	}
	if bad > 0 {
		return nil, fmt.Errorf("coding index: %d rows without a title or a four-digit unit group, first at %s", bad, firstBad)
	}
	if len(out) == 0 {
		return nil, errors.New("coding index: no coded titles")
	}
	return out, nil
}

// HeldOut reports whether a coding index title belongs to the evaluation
// part of the index: about a fifth of the distinct titles, chosen by a
// 32-bit FNV-1a hash of the title in lower case. Every row of a title falls
// on the same side, so the evaluation titles are titles the coder never
// saw. They are for measuring only: NewSOCCoder must never be given them.
func HeldOut(title string) bool {
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(strings.Join(strings.Fields(title), " "))))
	return h.Sum32()%5 == 0
}

// SplitCodingIndex splits coding index rows into the part a coder may
// learn from and the held-out part it is measured on (HeldOut).
func SplitCodingIndex(rows []CodedTitle) (train, held []CodedTitle) {
	for _, r := range rows {
		if HeldOut(r.Title) {
			held = append(held, r)
		} else {
			train = append(train, r)
		}
	}
	return train, held
}

// HeldOutTitle is a distinct held-out title with the unit groups the index
// codes it to (a title codes to several when qualifiers decide).
type HeldOutTitle struct {
	Title string
	// Units counts the index rows of the title coding to each unit group.
	Units map[string]int
}

// DistinctTitles groups coding index rows by title (case-insensitive), in
// order of first appearance.
func DistinctTitles(rows []CodedTitle) []HeldOutTitle {
	at := map[string]int{}
	var out []HeldOutTitle
	for _, r := range rows {
		k := strings.ToLower(r.Title)
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, HeldOutTitle{Title: r.Title, Units: map[string]int{}})
		}
		out[i].Units[r.Unit]++
	}
	return out
}

// mainUnit is the unit group most rows of a title code to (the lowest code
// on a tie).
func (h HeldOutTitle) mainUnit() string {
	best := ""
	for u, n := range h.Units {
		if best == "" || n > h.Units[best] || n == h.Units[best] && u < best {
			best = u
		}
	}
	return best
}

// SOCBand is the accuracy of the answers whose confidence falls in
// [Low, High).
type SOCBand struct {
	Low, High     float64
	Titles, Right int
}

// SOCReport is a coder measured on held-out titles.
type SOCReport struct {
	Titles int
	// Top1 counts titles whose best unit group is one the index codes the
	// title to; Top1Main those whose best is the title's main unit group;
	// Top3 those with a right unit group among the best three.
	Top1, Top1Main, Top3 int
	// Unknown counts titles with no word the coder knows.
	Unknown int
	// Answered and AnsweredRight count titles at or above the coder's
	// MinConfidence.
	Answered, AnsweredRight int
	Bands                   []SOCBand
}

// socBands are the confidence bands of the calibration table.
var socBands = []float64{0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001}

// EvaluateSOC codes each held-out title and counts the answers.
func EvaluateSOC(c *SOCCoder, titles []HeldOutTitle) SOCReport {
	rep := SOCReport{Titles: len(titles)}
	for i := range len(socBands) - 1 {
		rep.Bands = append(rep.Bands, SOCBand{Low: socBands[i], High: min(socBands[i+1], 1)})
	}
	for _, t := range titles {
		cs := c.Candidates(t.Title, 3)
		if len(cs) == 0 {
			rep.Unknown++
			continue
		}
		right := t.Units[cs[0].Unit] > 0
		if right {
			rep.Top1++
		}
		if cs[0].Unit == t.mainUnit() {
			rep.Top1Main++
		}
		if slices.ContainsFunc(cs, func(s SOCCandidate) bool { return t.Units[s.Unit] > 0 }) {
			rep.Top3++
		}
		if cs[0].Confidence >= c.MinConfidence {
			rep.Answered++
			if right {
				rep.AnsweredRight++
			}
		}
		for i := range rep.Bands {
			if cs[0].Confidence >= socBands[i] && cs[0].Confidence < socBands[i+1] {
				rep.Bands[i].Titles++
				if right {
					rep.Bands[i].Right++
				}
			}
		}
	}
	return rep
}

// ReadSOCGroupTitles reads the titles of the SOC 2020 extension's
// sub-unit groups from the SOC 2020 to ESCO crosswalk (columns
// soc2020_code and soc2020_title: "6135/01 Care workers"), each as a title
// of its unit group, once. Rows without a sub-unit group code are headings
// and are skipped; a missing column or a malformed file is an error.
func ReadSOCGroupTitles(r io.Reader) ([]SOCTitle, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("soc crosswalk: header: %w", err)
	}
	at := map[string]int{}
	for i, h := range header {
		at[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	ci, ok1 := at["soc2020_code"]
	ti, ok2 := at["soc2020_title"]
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("soc crosswalk: want columns soc2020_code and soc2020_title, have %s", strings.Join(header, ", "))
	}
	seen := map[string]bool{}
	var out []SOCTitle
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("soc crosswalk: %w", err)
		}
		code := strings.TrimSpace(rec[ci])
		title := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rec[ti]), "n.e.c."))
		unit, _, _ := strings.Cut(code, "/")
		if len(unit) != 4 || strings.Trim(unit, "0123456789") != "" || title == "" || seen[code] {
			continue
		}
		seen[code] = true
		out = append(out, SOCTitle{Title: title, Unit: unit})
	}
	return out, nil
}

// ReadSOCDescriptions reads, from the SOC 2020 structure file
// (soc2020_structure_descriptions.csv), each unit group's title as one of
// its titles and its description and tasks as descriptions of it. The
// structure's related job titles are not read: they are drawn from the
// coding index. A missing column or a malformed file is an error.
func ReadSOCDescriptions(r io.Reader) ([]SOCTitle, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("soc structure: header: %w", err)
	}
	at := map[string]int{}
	for i, h := range header {
		at[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	var missing []string
	for _, c := range []string{"level", "code", "title", "description", "tasks"} {
		if _, ok := at[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("soc structure: no column %s (have %s)", strings.Join(missing, ", "), strings.Join(header, ", "))
	}
	var out []SOCTitle
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("soc structure: %w", err)
		}
		unit := strings.TrimSpace(rec[at["code"]])
		if rec[at["level"]] != "unit" || len(unit) != 4 {
			continue
		}
		if t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rec[at["title"]]), "n.e.c.")); t != "" {
			out = append(out, SOCTitle{Title: t, Unit: unit})
		}
		texts := strings.Split(rec[at["tasks"]], "~")
		texts = append(texts, rec[at["description"]])
		for _, t := range texts {
			if t = strings.Join(strings.Fields(t), " "); t != "" {
				out = append(out, SOCTitle{Title: t, Unit: unit, Weight: descriptionWeight, Description: true})
			}
		}
	}
	return out, nil
}
