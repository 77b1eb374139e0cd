package careers

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/onework/onework/workforce"
)

// Pair is one line of a ground truth: a good move from one occupation to
// another, with its rank among the moves listed for that origin (1 = best;
// 0 when the file gives none).
type Pair struct {
	From, To string
	Rank     int
}

// ReadGroundTruth reads a ground truth as CSV with a header row naming at
// least the columns from_uri and to_uri (ESCO occupation URIs); a rank
// column, when present, gives each move's whole rank from 1, and any other
// columns (such as tier) are ignored. A repeated pair counts once. Bad
// lines are counted and the first few named, so that a broken file gives
// one short error, not one line per row; the good pairs are returned with
// it.
func ReadGroundTruth(r io.Reader) ([]Pair, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the file is empty: want a header row with from_uri,to_uri")
		}
		return nil, fmt.Errorf("header: %w", err)
	}
	at := map[string]int{}
	for i, h := range header {
		at[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	var missing []string
	for _, c := range []string{"from_uri", "to_uri"} {
		if _, ok := at[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("the header lacks column %s (want from_uri,to_uri[,rank], other columns ignored; got %q)", strings.Join(missing, " and "), header)
	}
	rankCol, hasRank := at["rank"]
	var pairs []Pair
	var bad badLines
	seen := map[[2]string]bool{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return pairs, err
			}
			bad.add(pe.StartLine, pe.Err)
			continue
		}
		line, _ := cr.FieldPos(0)
		get := func(col int) string {
			if col < len(rec) {
				return strings.TrimSpace(rec[col])
			}
			return ""
		}
		p := Pair{From: get(at["from_uri"]), To: get(at["to_uri"])}
		if err := checkPair(p); err != nil {
			bad.add(line, err)
			continue
		}
		if hasRank && get(rankCol) != "" {
			rank, err := strconv.Atoi(get(rankCol))
			if err != nil || rank < 1 {
				bad.add(line, fmt.Errorf("rank %q is not a whole number from 1", get(rankCol)))
				continue
			}
			p.Rank = rank
		}
		key := [2]string{p.From, p.To}
		if seen[key] {
			continue
		}
		seen[key] = true
		pairs = append(pairs, p)
	}
	return pairs, bad.err()
}

// checkPair checks the two URIs of a pair.
func checkPair(p Pair) error {
	for _, f := range []struct{ name, v string }{{"from_uri", p.From}, {"to_uri", p.To}} {
		if err := workforce.ValidID(f.name, f.v); err != nil {
			return fmt.Errorf("%s %s", f.name, workforce.ErrorMessage(err))
		}
	}
	if p.From == p.To {
		return errors.New("to_uri is the same as from_uri")
	}
	return nil
}

// badLines counts bad lines of a file and keeps the first few.
type badLines struct {
	n     int
	first []string
}

const badLinesShown = 5

func (b *badLines) add(line int, err error) {
	b.n++
	if len(b.first) < badLinesShown {
		b.first = append(b.first, fmt.Sprintf("line %d: %v", line, err))
	}
}

func (b *badLines) err() error {
	if b.n == 0 {
		return nil
	}
	more := ""
	if b.n > len(b.first) {
		more = fmt.Sprintf("; and %d more", b.n-len(b.first))
	}
	return fmt.Errorf("%d bad %s: %s%s", b.n, plural(b.n, "line", "lines"), strings.Join(b.first, "; "), more)
}

// sussexList is one recommended move in Nesta's Sussex file.
type sussexList []struct {
	JobName string `json:"job_name"`
}

// SussexFilter is the list ConvertSussex takes from each origin of Nesta's
// Sussex file: its unfiltered top 3.
const SussexFilter = "Show all"

// ConvertSussex converts Nesta's sussex_similar_jobs_dev.json into the CSV
// ReadGroundTruth reads, writing a header and origins in URI order.
//
// The file maps an origin occupation's label to lists of its three most
// similar jobs, one list per filter: "Show all" and six Sussex key sectors
// (such as "Health and Care"). Only the "Show all" list becomes ground
// truth, ranked 1 to 3 in the file's order: the sector lists are the best
// moves within a Sussex sector defined on SOC codes, which the engine does
// not hold, so they often hold weak moves (similarity near 0.01) that no
// unfiltered ranking would, or should, put near the top.
//
// Labels are turned into URIs through occupations' preferred labels; an
// unknown or ambiguous label is an error naming it.
func ConvertSussex(r io.Reader, w io.Writer, occupations []*workforce.Occupation) error {
	var file map[string]map[string]sussexList
	if err := json.NewDecoder(r).Decode(&file); err != nil {
		return fmt.Errorf("sussex file: %w", err)
	}
	byLabel := map[string]string{}
	for _, o := range occupations {
		if _, dup := byLabel[o.Label]; dup {
			byLabel[o.Label] = "" // ambiguous
			continue
		}
		byLabel[o.Label] = o.ID
	}
	var errs []error
	uri := func(label string) string {
		id, ok := byLabel[label]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("no occupation is labelled %q", label))
		case id == "":
			errs = append(errs, fmt.Errorf("more than one occupation is labelled %q", label))
		}
		return id
	}
	var pairs []Pair
	for _, label := range sortedKeys(file) {
		list, ok := file[label][SussexFilter]
		if !ok {
			errs = append(errs, fmt.Errorf("origin %q has no %q list", label, SussexFilter))
			continue
		}
		from := uri(label)
		for i, job := range list {
			pairs = append(pairs, Pair{From: from, To: uri(job.JobName), Rank: i + 1})
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sussex file: %w", err)
	}
	// Origins in URI order, as the file's labels are in no useful order.
	sortPairs(pairs)
	cw := csv.NewWriter(w)
	cw.Write([]string{"from_uri", "to_uri", "rank"})
	for _, p := range pairs {
		cw.Write([]string{p.From, p.To, strconv.Itoa(p.Rank)})
	}
	cw.Flush()
	return cw.Error()
}

// sortPairs orders pairs by origin, keeping each origin's own order.
func sortPairs(pairs []Pair) {
	slices.SortStableFunc(pairs, func(a, b Pair) int { return strings.Compare(a.From, b.From) })
}

// Metrics are how well rankings find a ground truth's moves, with the
// definitions and filtering of the reference scorer beside the O*NET
// development file (shared/data/career-moves/baseline_career.py).
type Metrics struct {
	K int
	// Origins and Pairs are what was evaluated: only origins and targets
	// with ESCO skills count, as in the reference scorer. NoSkills counts
	// the pairs left out for that; Unknown counts pairs naming an
	// occupation the engine does not hold, UnknownURIs the first few.
	Origins, Pairs, NoSkills, Unknown int
	UnknownURIs                       []string
	// Ranked scores the default CareerMoves order, as served (without
	// demand, which needs a place).
	Ranked Scores
	// Similarity scores the ranking by skills similarity alone, no gate.
	Similarity Scores
	// Jaccard scores the reference scorer's baseline: every occupation
	// sharing a skill, by the Jaccard index of the two sets of essential
	// and optional skills, ties by URI.
	Jaccard Scores
	// CrossSector scores the crossSectorOnly list, as served (in rounds),
	// against the true moves that change sector (Engine.crossSector), over
	// the CrossOrigins origins that have one (CrossPairs pairs): whether
	// the moves across sectors an adviser sees first are those that hold
	// up. The default order never serves it.
	CrossSector              Scores
	CrossOrigins, CrossPairs int
}

// Scores are means over origins: recall at k (hits in the top k over the
// smaller of k and the number of true moves), reciprocal rank of the first
// true move over the whole list, and binary NDCG at k.
type Scores struct {
	Recall, MRR, NDCG float64
}

// Evaluate ranks the moves from every origin in truth and scores the
// rankings at k against it.
func Evaluate(e *Engine, truth []Pair, k int) Metrics {
	m := Metrics{K: k}
	byOrigin := map[string]map[string]bool{}
	unknown := map[string]bool{}
	for _, p := range truth {
		from, okFrom := e.occByID[p.From]
		to, okTo := e.occByID[p.To]
		for _, u := range []struct {
			id string
			ok bool
		}{{p.From, okFrom}, {p.To, okTo}} {
			if !u.ok && !unknown[u.id] {
				unknown[u.id] = true
				if len(m.UnknownURIs) < badLinesShown {
					m.UnknownURIs = append(m.UnknownURIs, u.id)
				}
			}
		}
		switch {
		case !okFrom || !okTo:
			m.Unknown++
		case len(e.occs[from].reqs) == 0 || len(e.occs[to].reqs) == 0:
			m.NoSkills++
		default:
			if byOrigin[p.From] == nil {
				byOrigin[p.From] = map[string]bool{}
			}
			byOrigin[p.From][p.To] = true
			m.Pairs++
		}
	}
	m.Origins = len(byOrigin)
	if m.Origins == 0 {
		return m
	}
	for _, from := range sortedKeys(byOrigin) {
		oi := e.occByID[from]
		o := e.occupationOrigin(oi)
		rel := byOrigin[from]
		m.Ranked.add(scoreRanking(e.rankedIDs(o, Filter{}, false), rel, k))
		m.Similarity.add(scoreRanking(e.rankedIDs(o, Filter{}, true), rel, k))
		m.Jaccard.add(scoreRanking(e.jaccardRanking(oi), rel, k))
		cross := map[string]bool{}
		for to := range rel {
			if e.crossSector(o, &e.occs[e.occByID[to]]) {
				cross[to] = true
			}
		}
		if len(cross) > 0 {
			m.CrossOrigins++
			m.CrossPairs += len(cross)
			m.CrossSector.add(scoreRanking(e.rankedIDs(o, Filter{CrossSectorOnly: true}, false), cross, k))
		}
	}
	for _, s := range []*Scores{&m.Ranked, &m.Similarity, &m.Jaccard} {
		s.scale(1 / float64(m.Origins))
	}
	if m.CrossOrigins > 0 {
		m.CrossSector.scale(1 / float64(m.CrossOrigins))
	}
	return m
}

// rankedIDs returns every move from o in ranked order: by skills
// similarity alone with no gate, or as CareerMoves ranks them under f (a
// valid filter).
func (e *Engine) rankedIDs(o *origin, f Filter, bySimilarity bool) []string {
	lim, _ := e.resolve(f)
	if bySimilarity {
		lim = limits{maxStep: 4, bySimilarity: true}
	}
	s := e.scratch.Get().(*scratch)
	defer e.scratch.Put(s)
	e.similarities(o, s)
	cands := e.viable(o, s, nil, lim, nil)
	e.rank(cands, lim)
	ids := make([]string, len(cands))
	for i, c := range cands {
		ids[i] = c.id
	}
	return ids
}

// jaccardRanking ranks every occupation sharing a skill with occupation oi
// by the Jaccard index of their skill sets, ties by id.
func (e *Engine) jaccardRanking(oi int32) []string {
	a := e.occs[oi].reqs
	shared := map[int32]int{}
	for _, r := range a {
		for _, p := range e.postings[r.node] {
			if p.occ != oi {
				shared[p.occ]++
			}
		}
	}
	type scored struct {
		id  string
		jac float64
	}
	list := make([]scored, 0, len(shared))
	for t, n := range shared {
		list = append(list, scored{e.occs[t].id, float64(n) / float64(len(a)+len(e.occs[t].reqs)-n)})
	}
	slices.SortFunc(list, func(x, y scored) int { return cmp.Or(cmp.Compare(y.jac, x.jac), strings.Compare(x.id, y.id)) })
	ids := make([]string, len(list))
	for i, s := range list {
		ids[i] = s.id
	}
	return ids
}

// scoreRanking scores one origin's ranking against its true moves.
func scoreRanking(ranking []string, rel map[string]bool, k int) Scores {
	var s Scores
	var dcg, idcg float64
	for i, id := range ranking {
		if !rel[id] {
			continue
		}
		if s.MRR == 0 {
			s.MRR = 1 / float64(i+1)
		}
		if i < k {
			s.Recall++
			dcg += 1 / math.Log2(float64(i+2))
		}
	}
	for i := 0; i < min(k, len(rel)); i++ {
		idcg += 1 / math.Log2(float64(i+2))
	}
	s.Recall /= float64(min(k, len(rel)))
	if idcg > 0 {
		s.NDCG = dcg / idcg
	}
	return s
}

func (s *Scores) add(o Scores) {
	s.Recall += o.Recall
	s.MRR += o.MRR
	s.NDCG += o.NDCG
}

func (s *Scores) scale(f float64) {
	s.Recall *= f
	s.MRR *= f
	s.NDCG *= f
}

// fileDevMoves is the development half of O*NET's Related Occupations
// mapped to ESCO: the default ground truth. It measures the ranking and
// never feeds it.
const fileDevMoves = "career-moves/onet_related_occupations_dev.csv"

// RunEval is the "onework eval careers" command: it builds the engine from
// the data folder, reads a ground truth (a CSV file given by --truth, by
// default the O*NET development file in the data folder, or Nesta's Sussex
// set with --sussex) and prints the metrics at --k (default 10) to out.
// readIndex reads the coding index LoadData assigns SOC groups by.
func RunEval(args []string, dataDir string, readIndex SOCIndexReader, out io.Writer) error {
	fs := flag.NewFlagSet("eval careers", flag.ContinueOnError)
	fs.SetOutput(out)
	k := fs.Int("k", 10, "cut-off rank for recall and NDCG")
	truthFile := fs.String("truth", "", "ground truth CSV with columns from_uri,to_uri[,rank] (default: "+fileDevMoves+" in the data folder)")
	sussex := fs.Bool("sussex", false, "use Nesta's Sussex development set instead")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("eval careers: unexpected arguments %q", fs.Args())
	case *k < 1:
		return fmt.Errorf("eval careers: --k must be at least 1, got %d", *k)
	case *sussex && *truthFile != "":
		return errors.New("eval careers: give --truth or --sussex, not both")
	}
	file := *truthFile
	if file == "" && !*sussex {
		file = filepath.Join(dataDir, fileDevMoves)
	}
	start := time.Now()
	d, err := LoadData(dataDir, readIndex)
	if err != nil {
		return err
	}
	e, err := New(d, DefaultConfig())
	if err != nil {
		return fmt.Errorf("eval careers: %w", err)
	}
	built := time.Since(start)
	truth, source, err := readTruth(file, dataDir, d.Occupations)
	if err != nil {
		return err
	}
	m := Evaluate(e, truth, *k)
	if m.Origins == 0 {
		return fmt.Errorf("eval careers: %s: no pair to evaluate: %d of %d pairs name an occupation ESCO does not hold (such as %q), %d lack skills",
			source, m.Unknown, len(truth), m.UnknownURIs, m.NoSkills)
	}
	fmt.Fprintf(out, "careers evaluation on %s: %d origins, %d pairs; engine of %d occupations built in %v\n",
		source, m.Origins, m.Pairs, len(e.occs), built.Round(time.Millisecond))
	if m.NoSkills > 0 {
		fmt.Fprintf(out, "left out: %d pairs whose origin or target has no ESCO skills\n", m.NoSkills)
	}
	if m.Unknown > 0 {
		fmt.Fprintf(out, "skipped: %d pairs naming an occupation ESCO does not hold, such as %s\n", m.Unknown, strings.Join(m.UnknownURIs, ", "))
	}
	fmt.Fprintln(out)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "ranking\trecall@%d\tMRR\tNDCG@%d\n", m.K, m.K)
	for _, row := range []struct {
		name string
		s    Scores
	}{
		{"served default order", m.Ranked},
		{"skills similarity alone", m.Similarity},
		{"Jaccard of skill sets (baseline_career.py)", m.Jaccard},
	} {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\n", row.name, row.s.Recall, row.s.MRR, row.s.NDCG)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if m.CrossOrigins > 0 {
		fmt.Fprintf(out, "\ncrossSectorOnly, as served, against the %d true moves that change sector (%d origins):\n", m.CrossPairs, m.CrossOrigins)
		tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "ranking\trecall@%d\tMRR\tNDCG@%d\n", m.K, m.K)
		fmt.Fprintf(tw, "served cross-sector order\t%.3f\t%.3f\t%.3f\n", m.CrossSector.Recall, m.CrossSector.MRR, m.CrossSector.NDCG)
		return tw.Flush()
	}
	return nil
}

// readTruth reads the ground truth from a file or, when file is "", from the
// Sussex development set in the data folder, and names its source.
func readTruth(file, dataDir string, occupations []*workforce.Occupation) ([]Pair, string, error) {
	var r io.Reader
	source := file
	if file == "" {
		f, err := os.Open(filepath.Join(dataDir, fileSussex))
		if err != nil {
			return nil, "", fmt.Errorf("eval careers: %w", err)
		}
		defer f.Close()
		var csv strings.Builder
		if err := ConvertSussex(f, &csv, occupations); err != nil {
			return nil, "", fmt.Errorf("eval careers: %w", err)
		}
		r, source = strings.NewReader(csv.String()), "Nesta's Sussex development set (\"Show all\" top 3)"
	} else {
		f, err := os.Open(file)
		if err != nil {
			return nil, "", fmt.Errorf("eval careers: %w", err)
		}
		defer f.Close()
		r = f
	}
	truth, err := ReadGroundTruth(r)
	if err != nil {
		return nil, "", fmt.Errorf("eval careers: %s: %w", source, err)
	}
	return truth, source, nil
}
