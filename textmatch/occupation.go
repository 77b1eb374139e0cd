package textmatch

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/onework/onework/workforce"
)

// Candidate is an occupation that may fit a job title.
type Candidate struct {
	OccupationID string
	// Label is the occupation's preferred label.
	Label      string
	Confidence float64
}

// Scoring constants. A title and a label are compared as bags of words, each
// word weighted by how few occupations use it (IDF) and the head word (the
// job noun: "therapist" in "speech and language therapist") weighted
// double. The score is an F-measure that weighs label coverage (beta) above
// title coverage: adverts add wards and specialties to a title, but a label
// word the title lacks usually means a different job.
const (
	beta = 2.0
	// headWeight multiplies the weight of a head word.
	headWeight = 2.0
	// rootCredit is the share of a word's weight earned when only roots
	// agree ("psychiatry" for "psychiatrist").
	rootCredit = 0.8
	// typoCredit is the share earned by a word one edit away from a label
	// word, for words the labels never use.
	typoCredit = 0.8
	// altFactor discounts alternative labels against preferred labels and
	// NHS titles: ESCO lists "occupational therapist" among the
	// alternative labels of physiotherapist.
	altFactor = 0.95
	// modifierMatch is the score of a label matched word for word once
	// seniority and grade words are set aside ("senior occupational
	// therapist" for "occupational therapist").
	modifierMatch = 0.9
	// partialCap caps the score of a label not matched word for word, so
	// that an exact alternative label ("assistant psychologist") beats a
	// partial preferred one ("psychologist").
	partialCap = 0.85
	// singleAltFactor discounts one-word alternative labels, which ESCO
	// uses for loose synonyms: "apprentice" for cook, "governor" for
	// governor of a school or a prison.
	singleAltFactor = 0.8
	// partialFactor scales the score when neither the title nor the label
	// is covered by the other; covered allows for rounding.
	partialFactor = 0.75
	covered       = 0.999
	// genericFactor scales the score of titles made only of generic job
	// words ("team leader", "support worker") unless they are a preferred
	// label or NHS title, and of alternative labels made only of generic
	// words: such titles fit too many occupations to pick one.
	genericFactor = 0.5
	// genericShare is the share of occupations whose labels must use a
	// word for it to count as generic.
	genericShare = 0.02
	// specificOccupations is how many occupations may use the word of a
	// one-word alternative label before the label is discounted: ESCO gives
	// zoo educator the alternative label "educator".
	specificOccupations = 5
	// ambiguousFactor discounts the NHS titles in ambiguousTitles, which
	// name other jobs outside the NHS.
	ambiguousFactor = 0.7
	// ambiguityWindow and ambiguityCost lower the confidence of a best
	// match whose runner-up scores within the window: at a tie, by the cost.
	ambiguityWindow = 0.1
	ambiguityCost   = 0.25
	// unknownOccupations sets the weight of a title word no label uses:
	// that of a word used by this many occupations. Such words are mostly
	// wards, places and local acronyms ("PCN", "GAU"), so they weigh like a
	// word of middling rarity, not like the rarest.
	unknownOccupations = 30
	// maxQueryWords bounds the words of a title that are scored; real
	// titles have fewer than ten.
	maxQueryWords = 32
)

// DefaultMinConfidence is the confidence below which Occupation reports no
// match. See docs/textmatch.md for how it was chosen.
const DefaultMinConfidence = 0.6

// DefaultSuggestFloor is the confidence below which Suggest leaves an
// occupation out.
const DefaultSuggestFloor = 0.3

// modifiers are seniority and grade words that refine a job without
// changing it. A title may add any of them to a label; a label may add
// only the plain ones, since "specialist" and "advanced" head some labels
// ("associate specialist").
var modifiers = map[string]bool{
	"senior": true, "junior": true, "lead": true, "principal": true,
	"chief": true, "deputy": true, "highly": true, "specialist": true,
	"advanced": true, "trainee": true, "qualified": true, "registered": true,
	"experienced": true, "graduate": true, "expert": true,
}

// ambiguousTitles are NHS titles that outside the NHS name other jobs:
// a registrar of births and deaths, a consultant of any trade. Alone, they
// suggest a hospital doctor without settling it.
var ambiguousTitles = map[string]bool{"registrar": true, "consultant": true}

// labelModifiers are the modifiers a label may add to a title.
var labelModifiers = map[string]bool{
	"senior": true, "junior": true, "principal": true, "chief": true,
	"trainee": true, "qualified": true, "registered": true,
	"experienced": true, "graduate": true, "expert": true,
}

// headStops end the part of a title or label that holds its head word:
// "director of nursing", "consultant in emergency medicine".
var headStops = map[string]bool{
	"of": true, "in": true, "for": true, "to": true, "at": true,
	"with": true, "from": true, "on": true,
}

type labelKind uint8

const (
	altLabel labelKind = iota
	prefLabel
	nhsTitle
)

// occLabel is one label of an occupation, as words.
type occLabel struct {
	occ    int32
	kind   labelKind
	lights []int32 // distinct light forms
	mods   int     // how many of them are labelModifiers
	weight float32 // sum of the words' IDF, head weighted
	factor float32
}

// posting is a label that uses a root, with the light form it uses it in
// and whether that word is the label's head.
type posting struct {
	label int32
	light int32
	head  bool
}

// occIndex is an inverted index from word roots to occupation labels.
type occIndex struct {
	ids, labels []string // by occupation
	sortKeys    []string // lower-case labels, to break ties
	entries     []occLabel
	light       map[string]int32 // light form -> id
	lightRoot   []int32          // light id -> root id
	lightCount  []int32          // light id -> labels using it
	lightWords  []string         // light id -> light form
	root        map[string]int32 // root -> id
	idf         []float32        // by root id
	generic     []bool           // by root id
	postings    [][]posting      // by root id
	deletes     map[string]int32 // one-deletion variants of light forms, for typos
	unknown     float32          // weight of a word no label uses
	pool        sync.Pool        // *occScratch
}

// occScratch holds per-query accumulators, reused through a pool so that a
// query allocates little.
type occScratch struct {
	acc     []float32
	exact   []uint32
	seen    []bool
	touched []int32
	best    []float32 // by occupation
	scored  []bool    // by occupation
}

// phrase is a title or label read as words, with its head word marked.
type phrase struct {
	toks []token
	head int // index into toks, -1 when there are none
}

func newOccIndex(occupations []*workforce.Occupation) *occIndex {
	x := &occIndex{light: map[string]int32{}, root: map[string]int32{}, deletes: map[string]int32{}}
	words := folder{}
	aliases := map[string][]string{}
	for _, a := range slices.Concat(nhsAliases, ukAliases) {
		aliases[a.uri] = append(aliases[a.uri], a.titles...)
	}
	type rawLabel struct {
		occ       int32
		kind      labelKind
		ph        phrase
		ambiguous bool
	}
	var raw []rawLabel
	for _, o := range occupations {
		if o == nil || o.ID == "" {
			continue
		}
		oi := int32(len(x.ids))
		x.ids = append(x.ids, o.ID)
		x.labels = append(x.labels, o.Label)
		x.sortKeys = append(x.sortKeys, strings.ToLower(o.Label))
		seen := map[string]bool{}
		add := func(text string, kind labelKind) {
			ph := labelPhrase(text, words)
			if len(ph.toks) == 0 || len(ph.toks) > maxQueryWords {
				return
			}
			key := bagKey(ph.toks)
			if seen[key] {
				return
			}
			seen[key] = true
			raw = append(raw, rawLabel{oi, kind, ph, kind == nhsTitle && ambiguousTitles[strings.ToLower(text)]})
		}
		// Preferred label and NHS titles first, so that a duplicate
		// alternative label keeps the stronger kind.
		add(o.Label, prefLabel)
		for _, t := range aliases[o.ID] {
			add(t, nhsTitle)
		}
		for _, t := range o.AltLabels {
			add(t, altLabel)
		}
	}
	// Document frequency of each root over occupations.
	occsWith := map[int32]map[int32]bool{}
	for _, r := range raw {
		for _, t := range r.ph.toks {
			rid := x.rootID(t.root)
			x.lightID(t.light, rid)
			if occsWith[rid] == nil {
				occsWith[rid] = map[int32]bool{}
			}
			occsWith[rid][r.occ] = true
		}
	}
	n := float64(max(len(x.ids), 1))
	x.idf = make([]float32, len(x.root))
	x.generic = make([]bool, len(x.root))
	for rid, occs := range occsWith {
		df := float64(len(occs))
		x.idf[rid] = float32(math.Log(1 + n/df))
		x.generic[rid] = df >= genericShare*n
	}
	x.unknown = float32(math.Log(1 + n/unknownOccupations))
	specific := float32(math.Log(1 + n/specificOccupations))
	// Labels whose words are another occupation's preferred label are
	// discounted further, so that the owner wins.
	prefOwners := map[string][]int32{}
	for _, r := range raw {
		if r.kind != altLabel {
			k := bagKey(r.ph.toks)
			prefOwners[k] = append(prefOwners[k], r.occ)
		}
	}
	x.postings = make([][]posting, len(x.root))
	for _, r := range raw {
		e := occLabel{occ: r.occ, kind: r.kind, factor: 1}
		li := int32(len(x.entries))
		seenRoot := map[int32]bool{}
		allGeneric := true
		for i, t := range r.ph.toks {
			rid := x.root[t.root]
			if seenRoot[rid] {
				continue
			}
			seenRoot[rid] = true
			lid := x.light[t.light]
			head := i == r.ph.head
			e.lights = append(e.lights, lid)
			e.weight += x.idf[rid] * headFactor(head)
			if labelModifiers[t.light] {
				e.mods++
			}
			allGeneric = allGeneric && x.generic[rid]
			x.lightCount[lid]++
			x.postings[rid] = append(x.postings[rid], posting{label: li, light: lid, head: head})
		}
		if r.ambiguous {
			e.factor = ambiguousFactor
		}
		if r.kind == altLabel {
			e.factor = altFactor
			if slices.ContainsFunc(prefOwners[bagKey(r.ph.toks)], func(o int32) bool { return o != r.occ }) {
				e.factor *= altFactor
			}
			if allGeneric {
				e.factor *= genericFactor
			}
			if len(e.lights) == 1 {
				e.factor *= singleAltFactor * min(1, e.weight/headWeight/specific)
			}
		}
		x.entries = append(x.entries, e)
	}
	for l, lid := range x.light {
		if len(l) < 5 {
			continue
		}
		for i := range len(l) {
			d := l[:i] + l[i+1:]
			if old, ok := x.deletes[d]; !ok || x.betterTypo(lid, old) {
				x.deletes[d] = lid
			}
		}
	}
	x.pool.New = func() any {
		return &occScratch{
			acc:    make([]float32, len(x.entries)),
			exact:  make([]uint32, len(x.entries)),
			seen:   make([]bool, len(x.entries)),
			best:   make([]float32, len(x.ids)),
			scored: make([]bool, len(x.ids)),
		}
	}
	return x
}

func headFactor(head bool) float32 {
	if head {
		return headWeight
	}
	return 1
}

// betterTypo orders typo corrections: the word more labels use wins, then
// the word first in alphabetical order, so that corrections depend neither
// on map order nor on the order of the occupations.
func (x *occIndex) betterTypo(a, b int32) bool {
	if x.lightCount[a] != x.lightCount[b] {
		return x.lightCount[a] > x.lightCount[b]
	}
	return x.lightWords[a] < x.lightWords[b]
}

func (x *occIndex) rootID(r string) int32 {
	id, ok := x.root[r]
	if !ok {
		id = int32(len(x.root))
		x.root[r] = id
	}
	return id
}

func (x *occIndex) lightID(l string, rid int32) int32 {
	id, ok := x.light[l]
	if !ok {
		id = int32(len(x.light))
		x.light[l] = id
		x.lightRoot = append(x.lightRoot, rid)
		x.lightCount = append(x.lightCount, 0)
		x.lightWords = append(x.lightWords, l)
	}
	return id
}

// labelAbbreviations are abbreviations spelled out in labels even when
// written in lower case; others only when written in capitals, since ESCO
// writes acronyms so and "salt" in "salt processing operator" is salt.
var labelAbbreviations = map[string]bool{"admin": true, "tech": true, "physio": true, "coord": true}

// labelPhrase reads an ESCO label or NHS title the way titles are read,
// abbreviations included, but keeps every word: a label has no noise.
func labelPhrase(label string, f folder) phrase {
	fields := strings.Fields(label)
	words := make([]string, len(fields))
	for i, field := range fields {
		words[i] = strings.ToLower(field)
	}
	words = expandAbbreviations(words, func(i int) bool {
		return labelAbbreviations[words[i]] || strings.ToUpper(fields[i]) == fields[i]
	})
	return wordsPhrase(words, f)
}

// wordsPhrase tokenises lower-case words and finds the head: the last job
// word ("nurse", "therapist"), other than a seniority word, before any "of",
// "in" or "for"; failing that, the last word there that is not a
// seniority word.
func wordsPhrase(words []string, f folder) phrase {
	cut := len(words)
	for i, w := range words {
		if i > 0 && headStops[w] {
			cut = i
			break
		}
	}
	before := f.tokenize(strings.Join(words[:cut], " "))
	ph := phrase{toks: append(before, f.tokenize(strings.Join(words[cut:], " "))...), head: len(before) - 1}
	for i := len(before) - 1; i >= 0; i-- {
		if !modifiers[before[i].light] {
			ph.head = i
			break
		}
	}
	for i := len(before) - 1; i >= 0; i-- {
		if !modifiers[before[i].light] && isJobNoun(before[i].light) {
			ph.head = i
			break
		}
	}
	return ph
}

// bagKey identifies a set of words regardless of order.
func bagKey(toks []token) string {
	ls := make([]string, 0, len(toks))
	for _, t := range toks {
		ls = append(ls, t.light)
	}
	slices.Sort(ls)
	return strings.Join(slices.Compact(ls), " ")
}

// queryWord is a title word resolved against the index.
type queryWord struct {
	light  int32 // -1 when no label uses the word
	root   int32 // -1 likewise
	weight float32
	credit float32 // 1, or typoCredit for a corrected typo
	head   bool    // the title's head word
	mod    bool    // a seniority or grade word
	// labelMod marks a word a label may add; see labelModifiers.
	labelMod bool
}

// occScore is an occupation's score for a title.
type occScore struct {
	occ   int32
	score float32
}

// score returns every occupation scoring above zero for the title, best
// first.
func (x *occIndex) score(title string) []occScore {
	ph := wordsPhrase(askedTitleWords(title), nil)
	var q []queryWord
	seen := map[string]bool{}
	for i, t := range ph.toks {
		if seen[t.light] || len(q) == maxQueryWords {
			continue
		}
		seen[t.light] = true
		w := x.resolve(t)
		w.head = i == ph.head
		w.mod, w.labelMod = modifiers[t.light], labelModifiers[t.light]
		q = append(q, w)
	}
	if len(q) == 0 {
		return nil
	}
	var wq float32
	var all, mods, labelMods, unknown uint32
	// A title is generic when every word the labels use is generic; words
	// no label uses (places, wards) do not make it specific.
	allGeneric, known := true, false
	for i, w := range q {
		wq += w.weight * headFactor(w.head)
		all |= 1 << i
		if w.mod {
			mods |= 1 << i
		}
		if w.labelMod {
			labelMods |= 1 << i
		}
		if w.root >= 0 {
			known = true
			allGeneric = allGeneric && x.generic[w.root]
		} else {
			unknown |= 1 << i
		}
	}
	allGeneric = allGeneric && known
	s := x.pool.Get().(*occScratch)
	defer x.pool.Put(s)
	for i, w := range q {
		if w.root < 0 {
			continue
		}
		bit := uint32(1) << i
		for _, p := range x.postings[w.root] {
			if !s.seen[p.label] {
				s.seen[p.label] = true
				s.touched = append(s.touched, p.label)
			}
			credit := w.weight * w.credit * (headFactor(w.head) + headFactor(p.head)) / 2
			if p.light == w.light {
				if w.credit == 1 {
					s.exact[p.label] |= bit
				}
			} else {
				credit *= rootCredit
			}
			s.acc[p.label] += credit
		}
	}
	var occs []int32
	for _, li := range s.touched {
		e := &x.entries[li]
		o := s.acc[li]
		p, r := min(o/wq, 1), min(o/e.weight, 1)
		f := float32(0)
		if p > 0 && r > 0 {
			f = (1 + beta*beta) * p * r / (beta*beta*p + r)
		}
		if p < covered && r < covered {
			// Each side has words the other lacks: a different job of the
			// same kind ("mental health practitioner", "assistant
			// practitioner").
			f *= partialFactor
		}
		exact := s.exact[li]
		matched := bits.OnesCount32(exact)
		strong := false
		switch {
		case matched == len(e.lights) && exact == all:
			// The same words, in any order.
			f, strong = 1, true
		case (all&^exact)&^ignorable(e.kind, mods, unknown) == 0 && e.mods-bits.OnesCount32(exact&labelMods) == len(e.lights)-matched:
			// The same words but for seniority and grade words; the more of
			// the title the label covers the better ("specialist nurse"
			// over "nurse" for "trainee specialist nurse").
			f, strong = modifierMatch-0.1*(1-p), true
		default:
			f = min(f, partialCap)
		}
		f *= e.factor
		if allGeneric && (!strong || e.kind == altLabel) {
			f *= genericFactor
		}
		if !s.scored[e.occ] {
			s.scored[e.occ] = true
			occs = append(occs, e.occ)
		}
		s.best[e.occ] = max(s.best[e.occ], f)
		s.acc[li], s.exact[li], s.seen[li] = 0, 0, false
	}
	s.touched = s.touched[:0]
	out := make([]occScore, 0, len(occs))
	for _, oi := range occs {
		if s.best[oi] > 0 {
			out = append(out, occScore{oi, s.best[oi]})
		}
		s.best[oi], s.scored[oi] = 0, false
	}
	slices.SortFunc(out, func(a, b occScore) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		if c := strings.Compare(x.sortKeys[a.occ], x.sortKeys[b.occ]); c != 0 {
			return c
		}
		return strings.Compare(x.ids[a.occ], x.ids[b.occ])
	})
	return out
}

// ignorable returns the title words a label of the kind may leave
// unmatched and still match word for word: seniority and grade words, and
// for preferred labels and NHS titles, words no label uses ("PCN
// Administrator"). Alternative labels must match those: ESCO's loose
// one-word synonyms would otherwise match any title ending in the word.
func ignorable(kind labelKind, mods, unknown uint32) uint32 {
	if kind == altLabel {
		return mods
	}
	return mods | unknown
}

// resolve looks a title word up in the index, correcting a one-letter typo
// in a word no label uses.
func (x *occIndex) resolve(t token) queryWord {
	w := queryWord{light: -1, root: -1, weight: x.unknown, credit: 1}
	if lid, ok := x.light[t.light]; ok {
		w.light, w.root = lid, x.lightRoot[lid]
	} else if rid, ok := x.root[t.root]; ok {
		w.root = rid
	} else if lid, ok := x.typo(t.light); ok {
		w.light, w.root, w.credit = lid, x.lightRoot[lid], typoCredit
	}
	if w.root >= 0 {
		w.weight = x.idf[w.root]
	}
	return w
}

// typo finds a label word one insertion, deletion, substitution or
// transposition away from l, by the symmetric-deletion method.
func (x *occIndex) typo(l string) (int32, bool) {
	if len(l) < 5 || !isLetters(l) {
		return 0, false
	}
	best, found := int32(0), false
	consider := func(id int32, ok bool) {
		if ok && (!found || x.betterTypo(id, best)) {
			best, found = id, true
		}
	}
	id, ok := x.deletes[l]
	consider(id, ok)
	for i := range len(l) {
		d := l[:i] + l[i+1:]
		id, ok := x.light[d]
		consider(id, ok)
		id, ok = x.deletes[d]
		consider(id, ok)
	}
	return best, found
}
