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

// ReadGroundTruth reads a ground truth as CSV, one move a line:
//
//	from_uri,to_uri[,rank]
//
// with ESCO occupation URIs and an optional whole rank from 1. A first line
// naming the columns (starting "from_uri") is skipped. Lines must not repeat
// a pair or move an occupation to itself. The error lists every bad line
// by number; the good pairs are returned with it.
func ReadGroundTruth(r io.Reader) ([]Pair, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	var pairs []Pair
	var errs []error
	firstLine := map[[2]string]int{}
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return pairs, errors.Join(append(errs, err)...)
			}
			errs = append(errs, fmt.Errorf("line %d: %w", pe.StartLine, pe.Err))
			continue
		}
		line, _ := cr.FieldPos(0)
		if n == 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "from_uri") {
			continue
		}
		p, err := parsePair(rec)
		if err == nil {
			key := [2]string{p.From, p.To}
			if first, dup := firstLine[key]; dup {
				err = fmt.Errorf("pair repeated (first on line %d)", first)
			} else {
				firstLine[key] = line
			}
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("line %d: %w", line, err))
			continue
		}
		pairs = append(pairs, p)
	}
	return pairs, errors.Join(errs...)
}

func parsePair(rec []string) (Pair, error) {
	if len(rec) < 2 || len(rec) > 3 {
		return Pair{}, fmt.Errorf("want from_uri,to_uri[,rank], got %d fields", len(rec))
	}
	p := Pair{From: strings.TrimSpace(rec[0]), To: strings.TrimSpace(rec[1])}
	for _, f := range []struct{ name, v string }{{"from_uri", p.From}, {"to_uri", p.To}} {
		if err := workforce.ValidID(f.name, f.v); err != nil {
			return Pair{}, fmt.Errorf("%s %s", f.name, workforce.ErrorMessage(err))
		}
	}
	if p.From == p.To {
		return Pair{}, errors.New("to_uri is the same as from_uri")
	}
	if len(rec) == 3 && strings.TrimSpace(rec[2]) != "" {
		rank, err := strconv.Atoi(strings.TrimSpace(rec[2]))
		if err != nil || rank < 1 {
			return Pair{}, fmt.Errorf("rank %q is not a whole number from 1", rec[2])
		}
		p.Rank = rank
	}
	return p, nil
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

// Metrics are how well the engine's rankings find a ground truth's moves.
type Metrics struct {
	K int
	// Origins and Pairs are what was evaluated; Skipped counts pairs whose
	// origin or target the engine does not know.
	Origins, Pairs, Skipped int
	// Similarity scores the ranking by skills similarity alone, with no
	// gate: what a similarity ground truth such as Nesta's measures.
	Similarity Scores
	// Ranked scores the default CareerMoves ranking: gated by viability
	// and ordered by desirability, without demand.
	Ranked Scores
}

// Scores are the mean over origins of recall at k, reciprocal rank (of the
// first true move, over the whole list) and NDCG at k (with gain R+1-rank
// for a move ranked among R, or 1 for unranked ones). Listed is the share of
// true moves that appear anywhere in the list.
type Scores struct {
	Recall, MRR, NDCG, Listed float64
}

// Evaluate ranks the moves from every origin in truth and scores the
// rankings at k against it.
func Evaluate(e *Engine, truth []Pair, k int) Metrics {
	m := Metrics{K: k}
	byOrigin := map[string][]Pair{}
	for _, p := range truth {
		_, okFrom := e.occByID[p.From]
		_, okTo := e.occByID[p.To]
		if !okFrom || !okTo {
			m.Skipped++
			continue
		}
		byOrigin[p.From] = append(byOrigin[p.From], p)
		m.Pairs++
	}
	m.Origins = len(byOrigin)
	if m.Origins == 0 {
		return m
	}
	for _, from := range sortedKeys(byOrigin) {
		o := e.occupationOrigin(e.occByID[from])
		sim := scoreRanking(e.rankedIDs(o, true), byOrigin[from], k)
		ranked := scoreRanking(e.rankedIDs(o, false), byOrigin[from], k)
		m.Similarity.add(sim)
		m.Ranked.add(ranked)
	}
	m.Similarity.scale(1 / float64(m.Origins))
	m.Ranked.scale(1 / float64(m.Origins))
	return m
}

// rankedIDs returns every move from o in ranked order: by similarity alone
// with no gate, or as CareerMoves ranks them with the default filter.
func (e *Engine) rankedIDs(o *origin, bySimilarity bool) []string {
	lim, _ := e.resolve(Filter{})
	if bySimilarity {
		lim = limits{maxStep: 4, bySimilarity: true}
	}
	s := e.scratch.Get().(*scratch)
	defer e.scratch.Put(s)
	e.similarities(o, s)
	cands := e.viable(o, s, lim, nil)
	ids := make([]string, len(cands))
	for i, c := range cands {
		ids[i] = c.id
	}
	return ids
}

// scoreRanking scores one origin's ranking against its true moves.
func scoreRanking(ranking []string, truth []Pair, k int) Scores {
	gain := map[string]float64{}
	maxRank := 0
	for _, p := range truth {
		maxRank = max(maxRank, p.Rank)
	}
	var ideal []float64
	for _, p := range truth {
		g := 1.0
		if p.Rank > 0 {
			g = float64(maxRank + 1 - p.Rank)
		}
		gain[p.To] = g
		ideal = append(ideal, g)
	}
	slices.SortFunc(ideal, func(a, b float64) int { return cmp.Compare(b, a) })
	var s Scores
	var dcg, idcg float64
	found := 0
	for i, id := range ranking {
		g, ok := gain[id]
		if !ok {
			continue
		}
		found++
		if s.MRR == 0 {
			s.MRR = 1 / float64(i+1)
		}
		if i < k {
			s.Recall++
			dcg += g / math.Log2(float64(i+2))
		}
	}
	for i := 0; i < min(k, len(ideal)); i++ {
		idcg += ideal[i] / math.Log2(float64(i+2))
	}
	s.Recall /= float64(len(truth))
	s.Listed = float64(found) / float64(len(truth))
	if idcg > 0 {
		s.NDCG = dcg / idcg
	}
	return s
}

func (s *Scores) add(o Scores) {
	s.Recall += o.Recall
	s.MRR += o.MRR
	s.NDCG += o.NDCG
	s.Listed += o.Listed
}

func (s *Scores) scale(f float64) {
	s.Recall *= f
	s.MRR *= f
	s.NDCG *= f
	s.Listed *= f
}

// RunEval is the "onework eval careers" command: it builds the engine from
// the data folder, reads a ground truth (a CSV file given by --truth, or
// Nesta's Sussex development set with --sussex, the default) and prints the
// metrics at --k (default 10) to out.
func RunEval(args []string, dataDir string, out io.Writer) error {
	fs := flag.NewFlagSet("eval careers", flag.ContinueOnError)
	fs.SetOutput(out)
	k := fs.Int("k", 10, "cut-off rank for recall and NDCG")
	truthFile := fs.String("truth", "", "ground truth CSV: from_uri,to_uri[,rank]")
	sussex := fs.Bool("sussex", false, "use Nesta's Sussex development set (the default)")
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
	start := time.Now()
	d, err := LoadData(dataDir)
	if err != nil {
		return err
	}
	e, err := New(d, DefaultConfig())
	if err != nil {
		return fmt.Errorf("eval careers: %w", err)
	}
	built := time.Since(start)
	truth, source, err := readTruth(*truthFile, dataDir, d.Occupations)
	if err != nil {
		return err
	}
	m := Evaluate(e, truth, *k)
	fmt.Fprintf(out, "careers evaluation on %s: %d origins, %d pairs, %d skipped; engine of %d occupations built in %v\n\n",
		source, m.Origins, m.Pairs, m.Skipped, len(e.occs), built.Round(time.Millisecond))
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "ranking\trecall@%d\tMRR\tNDCG@%d\tlisted\n", m.K, m.K)
	for _, row := range []struct {
		name string
		s    Scores
	}{{"skills similarity, no gate", m.Similarity}, {"default: gated, by desirability", m.Ranked}} {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f\n", row.name, row.s.Recall, row.s.MRR, row.s.NDCG, row.s.Listed)
	}
	return tw.Flush()
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
