package insights

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/onework/onework/workforce"
)

// FourFifths is the impact ratio below which a group is flagged.
const FourFifths = 0.8

// FairnessOptions are the extra arguments of Fairness.
type FairnessOptions struct {
	// Characteristics to monitor; all of them when empty.
	Characteristics []Characteristic
	// Intersections adds every pair of the characteristics.
	Intersections bool
}

// fairnessStages are the progress stages selection moves through, for
// vacancies.
var fairnessStages = []workforce.ReferralStage{workforce.StageReferred, workforce.StageShortlisted,
	workforce.StageInterviewed, workforce.StageOffered, workforce.StageHired}

// Fairness reports, for referrals to vacancies of people who consent to
// monitoring and declared equality data, the selection rate at each stage
// (reaching the stage, of those who reached the one before) by group, the
// impact ratio against the most selected group and a flag below four
// fifths. Counts under MinCell are suppressed, with secondary suppression
// so that the "all" row and the next stage's counts cannot reveal them.
func (e *Engine) Fairness(s Slice, o FairnessOptions) (*Table, error) {
	if err := e.Check(s); err != nil {
		return nil, err
	}
	chars := o.Characteristics
	if len(chars) == 0 {
		chars = Characteristics
	}
	for _, c := range chars {
		if !slices.Contains(Characteristics, c) {
			return nil, workforce.Invalid("characteristics", "unknown characteristic %q", c)
		}
	}
	chars = slices.Compact(slices.Sorted(slices.Values(chars)))
	dims := make([][]Characteristic, 0, len(chars))
	for _, c := range chars {
		dims = append(dims, []Characteristic{c})
	}
	if o.Intersections {
		for i := range chars {
			for j := i + 1; j < len(chars); j++ {
				dims = append(dims, []Characteristic{chars[i], chars[j]})
			}
		}
	}
	type reached [5]int
	counts := make([]*groups[reached], len(dims))
	for i := range dims {
		counts[i] = newGroups[reached]()
	}
	monitored := 0
	for i := range e.f.Referrals {
		r := &e.f.Referrals[i]
		if r.Target != workforce.TargetVacancy || r.Equality == nil || !e.referralMatches(r, s) {
			continue
		}
		monitored++
		for d, dim := range dims {
			values := make([]string, len(dim))
			for j, c := range dim {
				values[j] = c.value(r.Equality)
			}
			c := counts[d].get(strings.Join(values, " × "))
			for j, st := range fairnessStages {
				if r.Reached(st) {
					c[j]++
				}
			}
		}
	}
	b := newBuilder("fairness", "Fairness monitoring: selection rates by self-declared group", ByNone, e.AsOf(),
		labelColumn("characteristic", "the characteristic, or a pair of them"),
		labelColumn("group", "the self-declared group (the person's own words); all for everyone monitored"),
		labelColumn("stage", "the stage selected for"),
		peopleColumn("candidates", "referrals that reached the stage before"),
		peopleColumn("selected", "of those, referrals that reached this stage"),
		col("selectionRate", KindShare, "selected / candidates"),
		col("impactRatio", KindRatio, "selectionRate / the highest selectionRate of a shown group (not 'not stated') at the stage"),
		col("belowFourFifths", KindFlag, "impactRatio is below 0.8"))
	type rateRow struct {
		group      string
		rate, cand cellRef
		ratio      cellRef
		flag       cellRef
	}
	var sets [][]rateRow
	for d, dim := range dims {
		names := make([]string, len(dim))
		for j, c := range dim {
			names[j] = string(c)
		}
		charName := strings.Join(names, " × ")
		keys := counts[d].sortedKeys()
		// prev[group] is the selected cell of the stage before, which holds
		// the same count as this stage's candidates.
		prev := map[string]cellRef{}
		for j := 1; j < len(fairnessStages); j++ {
			var set []rateRow
			var allCand, allSel int
			var candRefs, selRefs []cellRef
			for _, k := range append(slices.Clone(keys), "all") {
				var cand, sel int
				if k == "all" {
					cand, sel = allCand, allSel
				} else {
					c := counts[d].get(k)
					cand, sel = c[j-1], c[j]
					allCand += cand
					allSel += sel
				}
				r := b.row()
				r.label(charName)
				r.label(k)
				r.label(strings.ToLower(string(fairnessStages[j])))
				cr := r.people(cand)
				sr := r.people(sel)
				rate := r.derived(ratio(sel, cand), cr, sr)
				ir := r.none()
				fl := r.none()
				if p, ok := prev[k]; ok {
					b.margin(p, cr)
				}
				prev[k] = sr
				if k == "all" {
					b.margin(cr, candRefs...)
					b.margin(sr, selRefs...)
				} else {
					candRefs, selRefs = append(candRefs, cr), append(selRefs, sr)
					set = append(set, rateRow{group: k, rate: rate, cand: cr, ratio: ir, flag: fl})
				}
			}
			sets = append(sets, set)
		}
	}
	t := b.finish()
	flagged := 0
	for _, set := range sets {
		best := 0.0
		for _, rr := range set {
			c, n := b.cell(rr.rate), b.cell(rr.cand)
			if rr.group != notStated && c.Value != nil && n.Value != nil && *n.Value >= MinCell {
				best = max(best, *c.Value)
			}
		}
		if best == 0 {
			continue
		}
		for _, rr := range set {
			c := b.cell(rr.rate)
			if c.Value == nil {
				continue
			}
			ir := *c.Value / best
			*b.cell(rr.ratio) = Cell{Column: "impactRatio", Value: &ir, Text: format(ir, KindRatio)}
			f := boolValue(ir < FourFifths)
			*b.cell(rr.flag) = Cell{Column: "belowFourFifths", Value: &f, Text: format(f, KindFlag)}
			if f == 1 {
				flagged++
			}
		}
	}
	t.Notes = append(t.Notes,
		"Only referrals to vacancies of people who consent to monitoring and declared equality data are counted; monitoring data never enters any ranking.",
		"Counts from 1 to 4 are suppressed; so is the next smallest count of a stage when one would be revealed by the 'all' row or by the next stage.",
		"A stage skipped by an employer (OFFERED straight after REFERRED) counts as passed.")
	if monitored == 0 {
		t.Notes = append(t.Notes, "No monitored referrals in this slice.")
	}
	if flagged > 0 {
		t.Notes = append(t.Notes, "Some groups are selected at under four fifths of the rate of the most selected group: look into them.")
	}
	return t, nil
}

// SkewAtK compares the share of people living in IMD deciles 1-2 in the top
// k of a ranked list (deprived[i] for the person ranked i) with that share
// of the whole list (the eligible pool): Skew@k = share in top k / share in
// pool (1 is parity), with its natural log as in Geyik et al. (2019).
func SkewAtK(deprived []bool, k int, asOf time.Time) (*Table, error) {
	if k <= 0 || k > 1000 {
		return nil, workforce.Invalid("k", "must be between 1 and 1000")
	}
	top := min(k, len(deprived))
	count := func(xs []bool) int {
		n := 0
		for _, x := range xs {
			if x {
				n++
			}
		}
		return n
	}
	topDep, poolDep := count(deprived[:top]), count(deprived)
	b := newBuilder("skewAtK", "Skew@k: the most deprived places in a ranked candidate list", ByNone, asOf,
		labelColumn("list", "the top k or the whole eligible pool"),
		peopleColumn("people", "candidates in the list"),
		peopleColumn("fromDeprived", "of those, people living in an LSOA in IMD decile 1 or 2"),
		col("deprivedShare", KindShare, "fromDeprived / people"),
		col("skew", KindRatio, "deprivedShare of the top k / deprivedShare of the pool"),
		col("logSkew", KindRatio, "natural log of skew; 0 is parity"))
	pool := b.row()
	pool.label("pool")
	pp := pool.people(len(deprived))
	pd := pool.people(poolDep)
	ps := pool.derived(ratio(poolDep, len(deprived)), pp, pd)
	pool.none()
	pool.none()
	r := b.row()
	r.label("top " + strconv.Itoa(k))
	tp := r.people(top)
	td := r.people(topDep)
	ts := r.derived(ratio(topDep, top), tp, td)
	skew := ratio(topDep, top) / ratio(poolDep, len(deprived))
	r.derived(skew, ts, ps)
	if skew > 0 {
		r.derived(math.Log(skew), ts, ps)
	} else {
		r.none()
	}
	t := b.finish()
	t.Notes = append(t.Notes, "The pool is every candidate the matching engine ranks as eligible for the vacancy (capped; see docs/insights.md); place of home only, never a protected characteristic.")
	return t, nil
}
