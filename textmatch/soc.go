package textmatch

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/onework/onework/workforce"
)

// SOCTitle is a job title known to be coded to a SOC 2020 unit group: a
// title of the ONS coding index, or an ESCO occupation label through the
// SOC 2020 to ESCO crosswalk.
type SOCTitle struct {
	Title string
	// Unit is the four-digit SOC 2020 unit group.
	Unit string
	// Weight is how much the title counts as evidence; zero counts as 1.
	Weight float64
	// Description marks text about the unit group rather than a title (its
	// description, one of its tasks, a coding index row's qualifiers): only
	// its words count, not their order or head.
	Description bool
}

// SOCCandidate is a SOC 2020 unit group that may fit a job title.
type SOCCandidate struct {
	Unit       string
	Confidence float64
}

// DefaultMinSOCConfidence is the confidence below which SOCCoder.Code
// reports no unit group. See docs/textmatch.md for how it was chosen.
const DefaultMinSOCConfidence = 0.5

// SOC coder constants: a multinomial logistic regression over title
// features, trained by stochastic gradient descent when the coder is built.
const (
	socEpochs = 8
	socRate   = 0.4
	// socL2 shrinks weights a little at each update, so that a feature seen
	// once does not decide alone.
	socL2 = 1e-4
	// socSeed fixes the order examples are visited in, so that the same
	// titles always build the same coder.
	socSeed = 2020
	// Words are also read as their runs of socGram letters, the word's
	// start and end marked, so that an unseen word meets its kin:
	// "launderette" and "laundry", "carboniser" and "galvaniser",
	// "bifocal" and "focal".
	socGram = 4
	// escoWeight scales ESCO labels, which name occupations rather than
	// the titles people report; altWeight scales alternative labels further,
	// as they are looser than preferred ones.
	escoWeight = 0.5
	altWeight  = 0.5
	// descriptionWeight scales a unit group's description and tasks.
	descriptionWeight = 0.3
)

// SOCCoder codes job titles to SOC 2020 unit groups. It is built once from
// coded titles and is then safe for concurrent use; set MinConfidence, if
// at all, before sharing it.
type SOCCoder struct {
	// MinConfidence is the confidence below which Code reports no unit
	// group. NewSOCCoder sets DefaultMinSOCConfidence.
	MinConfidence float64

	units []string
	feat  map[string]int32
	// weights holds, for each feature, the units it was seen with and
	// their weights; other units have weight zero for it.
	weights [][]unitWeight
}

type unitWeight struct {
	unit int32
	w    float32
}

// NewSOCCoder learns to code titles from the coded titles given. Titles
// with no words or no unit are skipped. Examples are visited in an order
// fixed by their features, so the result depends on the titles, not on
// their order (but for the last bits of float sums, below the three
// decimals confidences are given to).
func NewSOCCoder(titles []SOCTitle) *SOCCoder {
	c := &SOCCoder{MinConfidence: DefaultMinSOCConfidence, feat: map[string]int32{}}
	unitID := map[string]int32{}
	type example struct {
		feats  []int32
		target map[int32]float32 // unit -> share
		weight float32
	}
	// Examples with the same features are merged: a title coded to two
	// units is evidence for each in proportion.
	byKey := map[string]*example{}
	var keys []string
	for _, t := range titles {
		if t.Unit == "" {
			continue
		}
		fs := socFeatures(t.Title, t.Description)
		if len(fs) == 0 {
			continue
		}
		key := strings.Join(fs, "\x00")
		e, ok := byKey[key]
		if !ok {
			e = &example{target: map[int32]float32{}}
			for _, f := range fs {
				id, ok := c.feat[f]
				if !ok {
					id = int32(len(c.feat))
					c.feat[f] = id
				}
				e.feats = append(e.feats, id)
			}
			byKey[key] = e
			keys = append(keys, key)
		}
		u, ok := unitID[t.Unit]
		if !ok {
			u = int32(len(c.units))
			unitID[t.Unit] = u
			c.units = append(c.units, t.Unit)
		}
		w := float32(t.Weight)
		if w <= 0 {
			w = 1
		}
		e.target[u] += w
		e.weight += w
	}
	// Feature and unit ids depend on the input order; the examples are
	// visited in the order of their keys, which does not.
	slices.Sort(keys)
	examples := make([]*example, len(keys))
	for i, k := range keys {
		examples[i] = byKey[k]
	}
	// Each feature may carry weight for the units it was seen with.
	seen := make([]map[int32]bool, len(c.feat))
	for _, e := range examples {
		for _, f := range e.feats {
			if seen[f] == nil {
				seen[f] = map[int32]bool{}
			}
			for u := range e.target {
				seen[f][u] = true
			}
		}
	}
	c.weights = make([][]unitWeight, len(c.feat))
	for f, us := range seen {
		for u := range us {
			c.weights[f] = append(c.weights[f], unitWeight{unit: u})
		}
		slices.SortFunc(c.weights[f], func(a, b unitWeight) int { return cmp.Compare(a.unit, b.unit) })
	}
	train := make([]trainExample, len(examples))
	for i, e := range examples {
		// A title many rows (or labels) give counts more, but not in
		// proportion: the step grows with the log of the weight.
		t := trainExample{feats: e.feats, weight: float32(math.Log1p(float64(e.weight)))}
		for u, w := range e.target {
			t.target = append(t.target, unitWeight{u, w / e.weight})
		}
		slices.SortFunc(t.target, func(a, b unitWeight) int { return cmp.Compare(a.unit, b.unit) })
		train[i] = t
	}
	c.train(train)
	return c
}

// trainExample is one example for train.
type trainExample struct {
	feats  []int32
	target []unitWeight // shares summing to 1
	weight float32
}

// train fits the weights by stochastic gradient descent on the softmax
// loss, the softmax taken over the units the example's features were seen
// with.
func (c *SOCCoder) train(examples []trainExample) {
	rng := rand.New(rand.NewPCG(socSeed, socSeed))
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	logits := make([]float32, len(c.units))
	probs := make([]float32, len(c.units))
	inCand := make([]bool, len(c.units))
	var cand []int32
	for epoch := range socEpochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := float32(socRate / (1 + float64(epoch)))
		for _, i := range order {
			e := &examples[i]
			cand = c.logits(e.feats, logits, inCand, cand[:0])
			softmax(cand, logits, probs)
			for _, t := range e.target {
				probs[t.unit] -= t.w
			}
			step := rate * e.weight
			for _, f := range e.feats {
				ws := c.weights[f]
				for k := range ws {
					g := probs[ws[k].unit]
					ws[k].w -= step*g + socL2*ws[k].w
				}
			}
			for _, u := range cand {
				logits[u], probs[u], inCand[u] = 0, 0, false
			}
		}
	}
}

// logits adds up the weights of the features for each unit they carry,
// returning the units touched.
func (c *SOCCoder) logits(feats []int32, logits []float32, inCand []bool, cand []int32) []int32 {
	for _, f := range feats {
		for _, uw := range c.weights[f] {
			if !inCand[uw.unit] {
				inCand[uw.unit] = true
				cand = append(cand, uw.unit)
			}
			logits[uw.unit] += uw.w
		}
	}
	return cand
}

func softmax(cand []int32, logits, probs []float32) {
	m := float32(math.Inf(-1))
	for _, u := range cand {
		m = max(m, logits[u])
	}
	var sum float32
	for _, u := range cand {
		p := float32(math.Exp(float64(logits[u] - m)))
		probs[u] = p
		sum += p
	}
	for _, u := range cand {
		probs[u] /= sum
	}
}

// Candidates returns up to n unit groups for a title, best first, with the
// coder's probability of each.
func (c *SOCCoder) Candidates(title string, n int) []SOCCandidate {
	var feats []int32
	// Titles are learnt as written; a title asked about may come the way
	// indexes list them ("Assistant, care"), which lists of groups in the
	// training titles ("Plasterers, dry liners") are not.
	for _, f := range socFeatures(uninvert(title), false) {
		if id, ok := c.feat[f]; ok {
			feats = append(feats, id)
		}
	}
	if len(feats) == 0 || n <= 0 {
		return nil
	}
	logits := make([]float32, len(c.units))
	probs := make([]float32, len(c.units))
	inCand := make([]bool, len(c.units))
	cand := c.logits(feats, logits, inCand, nil)
	softmax(cand, logits, probs)
	out := make([]SOCCandidate, 0, len(cand))
	for _, u := range cand {
		out = append(out, SOCCandidate{Unit: c.units[u], Confidence: float64(probs[u])})
	}
	slices.SortFunc(out, func(a, b SOCCandidate) int {
		if d := cmp.Compare(b.Confidence, a.Confidence); d != 0 {
			return d
		}
		return strings.Compare(a.Unit, b.Unit)
	})
	out = out[:min(n, len(out))]
	for i := range out {
		out[i].Confidence = roundF(out[i].Confidence)
	}
	return out
}

// Code returns the most likely SOC 2020 unit group for a job title and
// its probability; ok is false when it is below MinConfidence or no word of
// the title is known.
func (c *SOCCoder) Code(title string) (unit string, confidence float64, ok bool) {
	cs := c.Candidates(title, 1)
	if len(cs) == 0 || cs[0].Confidence < c.MinConfidence {
		return "", 0, false
	}
	return cs[0].Unit, cs[0].Confidence, true
}

func roundF(f float64) float64 { return math.Round(f*1000) / 1000 }

// socFeatures reads a title as the features the coder weighs: its words,
// their roots and their runs of four letters, its head word, the word
// before the head with the head, and the whole bag of words. A
// description gives only its words, roots and runs of letters.
func socFeatures(title string, description bool) []string {
	var ph phrase
	if description {
		ph = phrase{toks: tokenize(strings.ToLower(title)), head: -1}
	} else {
		ph = wordsPhrase(titleWords(title), nil)
	}
	if len(ph.toks) == 0 {
		return nil
	}
	var fs []string
	add := func(f string) { fs = append(fs, f) }
	for _, t := range ph.toks {
		add("w:" + t.light)
		add("r:" + t.root)
		if isLetters(t.light) {
			w := "<" + t.light + ">"
			for i := 0; i+socGram <= len(w); i++ {
				add("g:" + w[i:i+socGram])
			}
		}
	}
	if ph.head >= 0 {
		h := ph.toks[ph.head]
		add("h:" + h.light)
		add("hr:" + h.root)
		if ph.head > 0 {
			add("p:" + ph.toks[ph.head-1].light + " " + h.light)
		}
	}
	if !description {
		add("b:" + bagKey(ph.toks))
	}
	slices.Sort(fs)
	return slices.Compact(fs)
}

// CodingIndexTitles turns coding index rows into what a SOCCoder learns
// from: each row's title, and the words of its qualifiers as a description
// of its unit group ("electroplating", "hospital service"): the industries
// the index names are what tells "Chrome plater" from "Boiler plater".
func CodingIndexTitles(rows []CodedTitle) []SOCTitle {
	out := make([]SOCTitle, 0, len(rows))
	for _, r := range rows {
		out = append(out, SOCTitle{Title: r.Title, Unit: r.Unit})
		if r.Qualifiers != "" {
			out = append(out, SOCTitle{Title: r.Qualifiers, Unit: r.Unit, Description: true})
		}
	}
	return out
}

// OccupationSOCTitles returns the labels of each occupation with a SOC 2020
// unit group (Occupation.SOCCode, from the crosswalk): its preferred label
// and the job titles aliases.go gives it at half the weight of a coding
// index row, and its alternative labels at a quarter, ESCO's alternative
// labels being looser. They teach a SOCCoder the titles ESCO knows.
func OccupationSOCTitles(occupations []*workforce.Occupation) []SOCTitle {
	aliases := map[string][]string{}
	for _, a := range slices.Concat(nhsAliases, ukAliases) {
		aliases[a.uri] = append(aliases[a.uri], a.titles...)
	}
	var out []SOCTitle
	for _, o := range occupations {
		if o == nil || o.SOCCode == "" {
			continue
		}
		out = append(out, SOCTitle{Title: o.Label, Unit: o.SOCCode, Weight: escoWeight})
		for _, t := range aliases[o.ID] {
			out = append(out, SOCTitle{Title: t, Unit: o.SOCCode, Weight: escoWeight})
		}
		for _, t := range o.AltLabels {
			out = append(out, SOCTitle{Title: t, Unit: o.SOCCode, Weight: escoWeight * altWeight})
		}
	}
	return out
}

// uninvert puts a title written the way indexes list them, head word first
// and its qualifiers after commas ("Assistant, care", "Clerk, processing,
// data"), back in natural order ("data processing clerk"). A title whose
// first part is more than a word, or whose later parts name a job ("Nurse,
// midwife") or hold digits or brackets ("Nurse, Band 5"), is left as it
// is: there the commas separate a job from its terms.
func uninvert(title string) string {
	parts := strings.Split(title, ",")
	if len(parts) < 2 {
		return title
	}
	for i, p := range parts {
		ws := strings.Fields(strings.ToLower(p))
		if len(ws) == 0 || len(ws) > 3 || i == 0 && len(ws) > 1 || strings.ContainsAny(p, "0123456789()[]/&:;|-") && i > 0 {
			return title
		}
		if i > 0 && hasJobNoun(ws) {
			return title
		}
	}
	slices.Reverse(parts)
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return strings.Join(parts, " ")
}
