package textmatch

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/onework/onework/workforce"
)

// Found is a skill mentioned in a text.
type Found struct {
	SkillID string
	// Label is the skill's preferred label.
	Label      string
	Confidence float64
}

// Skill matching constants.
const (
	// maxSkillWords bounds the words of a label matched as a phrase;
	// longer labels are sentences nobody writes verbatim.
	maxSkillWords = 8
	// Base confidences of a phrase written as a preferred or an
	// alternative label.
	prefConf = 0.95
	altConf  = 0.9
	// strippedFactor discounts a label matched without its bracketed
	// qualifier: "Java" for "Java (computer programming)".
	strippedFactor = 0.9
	// objectFactor discounts a label matched without its leading verb.
	objectFactor = 0.7
	// tailFactor discounts a label matched without its last word when
	// that word is one of knowledgeTails.
	tailFactor = 0.8
	// skillFormFactor discounts a word written in another form of its
	// root where that is allowed (skillLabel.byRoot).
	skillFormFactor = 0.8
	// sameClassFactor discounts a label word written as another word of
	// its class (wordClasses): "lead people" for "lead others".
	sameClassFactor = 0.8
	// nominalFactor discounts an act named with a noun of its verb:
	// "budget management" for "manage budgets".
	nominalFactor = 0.7
	// maxGap is how many other words a label may be written with inside
	// it, and gapFactor the discount for doing so.
	maxGap    = 2
	gapFactor = 0.75
	// skillRootCredit discounts a phrase matched only by word roots
	// ("managing budgets" for "manage budgets"). On the skill-extraction
	// sets such matches were all wrong, so the discount puts them under
	// DefaultMinSkillConfidence; a caller who wants them lowers
	// MinSkillConfidence.
	skillRootCredit = 0.5
	// skillCueWindow is how many words after a one-word label may come
	// before "skills" for the cue to count: "communication and
	// presentation skills".
	skillCueWindow = 3
	// skillCueConf is the confidence of a one-word label the text marks as
	// a skill: "communication skills", "knowledge of SQL".
	skillCueConf = 0.8
	// Single-word labels lose confidence as more skills use their word:
	// full confidence up to specificLabels skills, none from
	// genericLabels on.
	specificLabels = 5
	genericLabels  = 200
	// commonDescriptions is how many skill descriptions must use a word in
	// lower case for it to count as an ordinary word.
	commonDescriptions = 3
	// minVendorNames is how many product names must start with a word for
	// it to be a vendor's name (productName).
	minVendorNames = 3
)

// DefaultMinSkillConfidence is the confidence below which Skills leaves a
// skill out. See docs/textmatch.md for how it was chosen.
const DefaultMinSkillConfidence = 0.5

// caseRule says how a one-word label must be written in the text.
type caseRule uint8

const (
	anyCase caseRule = iota
	// capitalised: proper names ("Java", "Access") written in capitals in
	// ESCO, so "access" the word is not Microsoft Access.
	capitalised
	// allCaps: acronyms ("IT", "LESS", "R"), so "it" and "less" are not.
	allCaps
)

// skillLabel is one label of a skill, as a phrase ending at a trie node.
type skillLabel struct {
	skill  int32
	lights []string
	conf   float32
	rule   caseRule
	// short marks a one-word alternative label of at most four letters
	// ("POS", "ICT", "CAD"): such labels stand for several things, so they
	// match only with support (supported).
	short bool
	// name marks a one-word label ESCO writes with capitals ("Solidity",
	// "SQL"): a name has no other forms, so "solid" is not Solidity.
	name bool
	// byRoot marks the one-word remainder of a two-word label that starts
	// with a verb ("proactively" of "think proactively"): it may be
	// written in any form of its root ("proactive").
	byRoot bool
	// part marks a label cut from a longer one (knowledgeTails,
	// mannerVerbs): a skill cue does not raise it, since "experience of
	// production" says nothing of production processes.
	part bool
	// plain is conf before the discount for a common word (specificity),
	// which a way of working said of the person earns back (qualityCue).
	plain float32
	// act marks a label of two words or more that opens with its verb
	// (nominalAct tells which), so that "management of the employees"
	// may name "manage employees".
	act bool
	// nominal marks an act named by its object and a noun of its verb
	// ("budget management" for "manage budgets"): the last word may be
	// any form of the verb's root.
	nominal bool
	// hidden marks a hidden label (workforce.Skill.HiddenLabels): it
	// counts only where no shown label is found at its phrase.
	hidden bool
}

type trieKey struct {
	node, root int32
}

// skillIndex is a trie over the word roots of skill labels.
type skillIndex struct {
	ids, labels []string
	root        map[string]int32
	trie        map[trieKey]int32
	terminal    map[int32][]skillLabel
	nodes       int32
	// context are the roots of each skill's preferred label words, less
	// common ones: the support a short label needs.
	context [][]string
	// abilities maps a noun of a verb ("collaboration") to the one
	// transversal skill with a label opening with the verb (work in teams:
	// "collaborate on tasks"), and the confidence of that label read from
	// the noun; see abilityOf.
	abilities map[string]ability
}

// ability is a transversal skill named by a noun of its verb.
type ability struct {
	skill int32
	conf  float32
}

// skillCueBefore are words that mark the next word as a skill ("knowledge
// of SQL"); skillCueAfter mark a word shortly before them as one
// ("communication skills").
var (
	skillCueBefore = map[string]bool{
		"knowledge": true, "experience": true, "experienced": true,
		"proficiency": true, "proficient": true, "understanding": true,
		"expertise": true, "fluent": true, "fluency": true, "skilled": true,
		"qualification": true, "qualified": true, "trained": true,
	}
	skillCueAfter = map[string]bool{"skill": true, "knowledge": true, "experience": true}
)

func newSkillIndex(skills []*workforce.Skill) *skillIndex {
	x := &skillIndex{root: map[string]int32{}, trie: map[trieKey]int32{}, terminal: map[int32][]skillLabel{}, nodes: 1}
	words := folder{}
	common := commonWords(skills, words)
	type rawLabel struct {
		skill int32
		toks  []token
		// pref marks the preferred label itself, which owns its phrase;
		// variants derived from it do not.
		pref  bool
		conf  float32
		rule  caseRule
		short bool
		name  bool
		// byRoot, part and nominal: see skillLabel; cut: see variant.
		byRoot, part, cut, nominal, act bool
		// hidden: see skillLabel.
		hidden bool
	}
	// vendors counts the names of two words or more each word starts.
	vendors := map[string]int{}
	for _, s := range skills {
		if s == nil {
			continue
		}
		if w := nameWords(s.Label); len(w) >= 2 {
			vendors[w[0]]++
		}
		for _, l := range s.AltLabels {
			if w := nameWords(l); len(w) >= 2 {
				vendors[w[0]]++
			}
		}
	}
	var raw []rawLabel
	skillsUsing := map[string][]int32{} // root -> skills whose labels use it, in order
	// verbs of transversal skills: noun -> skills and confidence
	nounSkills := map[string][]ability{}
	for _, s := range skills {
		if s == nil || s.ID == "" {
			continue
		}
		si := int32(len(x.ids))
		x.ids = append(x.ids, s.ID)
		x.labels = append(x.labels, s.Label)
		var ctx []string
		for _, v := range labelVariants(s.Label, words) {
			for _, t := range v.toks {
				if !common(t.light) && !slices.Contains(ctx, t.root) {
					ctx = append(ctx, t.root)
				}
			}
		}
		x.context = append(x.context, ctx)
		prefLights := map[string]bool{}
		// ESCO words skills and competences as acts, opening with a verb;
		// their other labels open with the same verb when they are acts.
		verb := ""
		if s.Type == "skill/competence" {
			if t := words.tokenize(s.Label); len(t) > 0 {
				verb = t[0].light
			}
		}
		add := func(text string, pref, hidden bool) {
			base := float32(altConf)
			if pref {
				base = prefConf
			}
			vs := labelVariants(text, words)
			if v, ok := productName(text, words, common, vendors); ok {
				vs = append(vs, v)
			}
			if v, ok := nominalAct(vs[0], verb); ok {
				vs = append(vs, v)
			}
			if v, ok := closedCompound(text, words); ok {
				vs = append(vs, v)
			}
			for _, v := range vs {
				toks := v.toks
				if len(toks) == 0 || len(toks) > maxSkillWords {
					continue
				}
				for _, t := range toks {
					if u := skillsUsing[t.root]; len(u) == 0 || u[len(u)-1] != si {
						skillsUsing[t.root] = append(u, si)
					}
				}
				r := rawLabel{skill: si, toks: toks, pref: pref && v.factor == 1, conf: base * v.factor, byRoot: v.byRoot, part: v.part, cut: v.cut, nominal: v.nominal, hidden: hidden}
				r.act = !v.cut && len(toks) >= 2 && isAct(toks[0].light, verb)
				// Proper names ("Java") are not short labels: their case
				// already says what they are.
				r.short = !pref && len(toks) == 1 && len([]rune(toks[0].light)) <= 4 && caseRuleOf(v.text) != capitalised
				r.name = len(toks) == 1 && caseRuleOf(v.text) != anyCase
				if len(toks) == 1 && caseRuleOf(v.text) == allCaps {
					// Acronyms must be written in capitals: "SPARK" is not
					// a spark, nor "IT" it.
					r.rule = allCaps
				} else if len(toks) == 1 && common(toks[0].light) {
					// A one-word label that is also an ordinary word must be
					// written as ESCO writes it: "Access" with a capital.
					r.rule = caseRuleOf(v.text)
					if pref {
						prefLights[toks[0].light] = true
					} else if r.rule == anyCase && !prefLights[toks[0].light] {
						// An ordinary word as an alternative label stands in
						// loosely for the skill ("space" and "balance" for
						// design principles): too loose to match alone.
						continue
					}
				}
				if v.name {
					r.rule = caseRuleOf(v.text)
				}
				raw = append(raw, r)
			}
		}
		add(s.Label, true, false)
		for _, a := range s.AltLabels {
			add(a, false, false)
		}
		if s.ReuseLevel == "transversal" {
			for k, l := range append([]string{s.Label}, s.AltLabels...) {
				toks := words.tokenize(l)
				if len(toks) == 0 || !isLetters(toks[0].light) {
					continue
				}
				conf := float32(altConf)
				if k == 0 {
					conf = prefConf
				}
				if len(toks) > 2 {
					// Its verb names no ability on its own, but makes the
					// noun ambiguous.
					conf = 0
				}
				for _, n := range verbNouns(toks[0].light) {
					if !common(n) {
						continue
					}
					u := nounSkills[n]
					if k := slices.IndexFunc(u, func(a ability) bool { return a.skill == si }); k >= 0 {
						u[k].conf = max(u[k].conf, conf*nominalFactor)
					} else {
						nounSkills[n] = append(u, ability{si, conf * nominalFactor})
					}
				}
			}
		}
		for _, h := range s.HiddenLabels {
			// ESCO's hidden labels of transversal skills are the everyday
			// words for a quality ("leadership", "compassion"); elsewhere a
			// one-word hidden label in lower case is mostly a product name
			// ESCO did not capitalise ("embark", "truffle"), which as a word
			// means something else.
			if s.ReuseLevel != "transversal" && !strings.ContainsFunc(h, unicode.IsUpper) && len(words.tokenize(h)) == 1 {
				continue
			}
			add(h, false, true)
		}
	}
	// A phrase that is a preferred label belongs to the skills it names;
	// any other phrase is shared by the skills that list it, at a discount.
	// Skills are added in order, so owner lists stay sorted and distinct.
	prefs, alts := map[string][]int32{}, map[string][]int32{}
	keys := make([]string, len(raw))
	for i, r := range raw {
		keys[i] = phraseKey(r.toks)
		if r.nominal {
			// Not the phrase as written: its owners are its own.
			keys[i] = nominalKey + keys[i]
		} else if r.hidden {
			// A hidden label takes no phrase from a shown one.
			keys[i] = hiddenKey + keys[i]
		}
		owners := alts
		if r.pref {
			owners = prefs
		}
		if o := owners[keys[i]]; len(o) == 0 || o[len(o)-1] != r.skill {
			owners[keys[i]] = append(o, r.skill)
		}
	}
	ownersOf := func(k string) []int32 {
		if o := prefs[k]; len(o) > 0 {
			return o
		}
		return alts[k]
	}
	type phraseSkill struct {
		phrase string
		skill  int32
	}
	best := map[phraseSkill]int{} // index in raw of the strongest label
	var order []phraseSkill
	for i, r := range raw {
		if _, owns := slices.BinarySearch(ownersOf(keys[i]), r.skill); !owns {
			continue
		}
		ps := phraseSkill{keys[i], r.skill}
		if j, ok := best[ps]; !ok {
			best[ps] = i
			order = append(order, ps)
		} else if r.conf > raw[j].conf {
			best[ps] = i
		}
	}
	x.abilities = map[string]ability{}
	for n, u := range nounSkills {
		if len(u) == 1 && u[0].conf > 0 {
			x.abilities[n] = u[0]
		}
	}
	for _, ps := range order {
		r := raw[best[ps]]
		conf := r.conf / float32(len(ownersOf(ps.phrase)))
		plain := conf
		if len(r.toks) == 1 {
			conf *= specificity(len(skillsUsing[r.toks[0].root]))
		}
		x.add(r.toks, r.cut, skillLabel{skill: r.skill, conf: conf, plain: plain, rule: r.rule, short: r.short, name: r.name, byRoot: r.byRoot, part: r.part, nominal: r.nominal, act: r.act, hidden: r.hidden})
	}
	return x
}

// add puts a label's phrase in the trie; a label cut short (variant.cut)
// keys no word by its class.
func (x *skillIndex) add(toks []token, cut bool, l skillLabel) {
	node := int32(0)
	for k, t := range toks {
		key := t.root
		if c := classOf(t.light); !cut && len(toks) > 1 && (c == peopleClass ||
			c == tailClass && k == len(toks)-1 && classOf(toks[k-1].light) != tailClass) {
			key = c
		}
		rid, ok := x.root[key]
		if !ok {
			rid = int32(len(x.root))
			x.root[key] = rid
		}
		child, ok := x.trie[trieKey{node, rid}]
		if !ok {
			child = x.nodes
			x.nodes++
			x.trie[trieKey{node, rid}] = child
		}
		node = child
	}
	l.lights = make([]string, len(toks))
	for i, t := range toks {
		l.lights[i] = t.light
	}
	x.terminal[node] = append(x.terminal[node], l)
}

// variant is a phrase a label may be written as, with the share of the
// label's confidence it earns.
type variant struct {
	text   string
	toks   []token
	factor float32
	byRoot bool
	part   bool
	// name marks a product's own name cut from its vendor's
	// (productName); it must be written as ESCO writes it.
	name bool
	// cut marks a label cut short (its verb or its last word left out):
	// no word of it stands in for another of its class, since a cut label
	// is already a loose reading.
	cut bool
	// nominal: see skillLabel.
	nominal bool
}

// isAct reports whether a label opening with first is an act: first is
// verb, the first word of the preferred label of a skill or competence, or
// one of labelVerbs.
func isAct(first, verb string) bool {
	return isLetters(first) && (first == verb || labelVerbs[first])
}

// actNounEndings end nouns that name an act: "management", "supervision",
// "maintenance". Nouns of the doer ("team leader", "support worker") name a
// person or a post, not the act; and a word in -ing after a noun is as
// often a verb ("a nurse working on our wards", "car parking") as a noun
// ("report writing").
var actNounEndings = []string{"ment", "tion", "sion", "ance", "ence"}

// actNoun reports whether a word of a text is a noun naming the act of a
// verb of a label: another word of the verb's root with an ending of
// actNounEndings.
func actNoun(word, verb string) bool {
	if word == verb || sameInflection(word, verb) {
		return false
	}
	for _, e := range actNounEndings {
		if strings.HasSuffix(word, e) {
			return true
		}
	}
	return false
}

// verbNouns returns the regular nouns of a verb naming its act:
// "collaboration" of "collaborate", "organisation" of "organise",
// "adaptation" of "adapt", "management" of "manage", "guidance" of "guide".
func verbNouns(verb string) []string {
	base := strings.TrimSuffix(verb, "e")
	out := []string{base + "ation", verb + "ment", base + "ance", base + "ence"}
	if base != verb && (strings.HasSuffix(base, "t") || strings.HasSuffix(base, "s")) {
		out = append(out, base+"ion")
	}
	return out
}

// closedCompound returns a label with its hyphenated words written as one
// ("team-working" as "teamworking", "life-cycle" as "lifecycle"): English
// closes compounds freely, and adverts write "teamwork" and "lifecycle". A
// label left one word may be written in any form of its root ("teamwork").
func closedCompound(label string, f folder) (variant, bool) {
	if !strings.Contains(label, "-") {
		return variant{}, false
	}
	var b strings.Builder
	rs := []rune(label)
	for i, r := range rs {
		if r == '-' && i > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i-1]) && unicode.IsLetter(rs[i+1]) {
			continue
		}
		b.WriteRune(r)
	}
	text := b.String()
	toks := f.tokenize(text)
	if text == label || len(toks) == 0 {
		return variant{}, false
	}
	return variant{text: text, toks: toks, factor: 1, byRoot: len(toks) == 1}, true
}

// nominalAct returns an act of a verb and its object ("manage budgets",
// "write reports") in the order English names the act with a noun: the
// object, then a noun of the verb ("budget management", "report writing").
// A label is an act when it opens with verb, the first word of the
// preferred label of a skill or competence (which ESCO words as acts), or
// with one of labelVerbs. Only labels of two words: in longer ones, which
// word is the object is less plain.
func nominalAct(v variant, verb string) (variant, bool) {
	if len(v.toks) != 2 || !isAct(v.toks[0].light, verb) {
		return variant{}, false
	}
	return variant{toks: []token{v.toks[1], v.toks[0]}, factor: nominalFactor, nominal: true, cut: true}, true
}

// labelVariants returns the label as written, without bracketed qualifiers
// ("Java" for "Java (computer programming)"), and without its leading verb
// ("person centred care" for "apply person centred care"), since adverts
// name the thing more often than the act.
func labelVariants(label string, f folder) []variant {
	label = strings.TrimSpace(label)
	vs := []variant{{text: label, toks: f.tokenize(label), factor: 1}}
	if stripped := stripBrackets(label); stripped != label && stripped != "" {
		vs = append(vs, variant{text: stripped, toks: f.tokenize(stripped), factor: strippedFactor})
	}
	if toks := vs[0].toks; len(toks) > 2 && labelVerbs[toks[0].light] {
		vs = append(vs, variant{text: "", toks: toks[1:], factor: objectFactor, cut: true})
	} else if len(toks) == 2 && mannerVerbs[toks[0].light] {
		// "think proactively", "work independently", "attend to detail":
		// adverts say "proactive", "independence", "detail-oriented".
		vs = append(vs, variant{text: "", toks: toks[1:], factor: objectFactor, byRoot: true, part: true, cut: true})
	}
	// "supply chain" for "supply chain principles": adverts name a field
	// without the word ESCO adds to make it a body of knowledge.
	for _, v := range vs[:min(len(vs), 2)] {
		if n := len(v.toks); n >= 2 && knowledgeTails[v.toks[n-1].light] {
			text := ""
			if i := strings.LastIndex(v.text, " "); i > 0 {
				text = v.text[:i]
			}
			vs = append(vs, variant{text: text, toks: v.toks[:n-1], factor: v.factor * tailFactor, part: true, cut: true})
		}
	}
	// "solution-oriented" for "solution-oriented approach": ESCO names a way
	// of working with a noun adverts leave out. Only where two words or more
	// are left ("solution oriented", "problem solving"): one word alone
	// ("positive" of "positive attitude") is said of anything.
	for _, v := range vs[:min(len(vs), 2)] {
		if field, ok := qualityField(v.text); ok {
			if toks := f.tokenize(field); len(toks) >= 2 {
				vs = append(vs, variant{text: field, toks: toks, factor: v.factor * tailFactor, part: true, cut: true})
			}
		}
	}
	// "artificial intelligence" for "principles of artificial intelligence":
	// ESCO also makes a field a body of knowledge with a word before it.
	for _, v := range vs[:min(len(vs), 2)] {
		if field, ok := knowledgeField(v.text); ok {
			if toks := f.tokenize(field); len(toks) > 0 {
				vs = append(vs, variant{text: field, toks: toks, factor: v.factor * tailFactor, part: true, cut: true})
			}
		}
	}
	return vs
}

// qualityTails end ESCO labels of a way of working: "solution-oriented
// approach", "customer-oriented work style", "quality-oriented way of
// working".
var qualityTails = []string{" approach", " attitude", " mindset", " mentality", " work style", " working style", " way of working"}

// qualityField returns a label without its qualityTails ("solution-oriented"
// of "solution-oriented approach").
func qualityField(label string) (string, bool) {
	for _, t := range qualityTails {
		if len(label) > len(t) && strings.EqualFold(label[len(label)-len(t):], t) {
			return strings.TrimSpace(label[:len(label)-len(t)]), true
		}
	}
	return "", false
}

// knowledgeHeads open ESCO knowledge labels written as "principles of" a
// field: "principles of artificial intelligence", "fundamentals of
// accounting".
var knowledgeHeads = []string{"principles of ", "fundamentals of ", "theory of ", "theories of ", "basics of ", "foundations of ", "concepts of "}

// knowledgeField returns the field of a label opened by a knowledge head
// ("artificial intelligence" of "principles of artificial intelligence").
func knowledgeField(label string) (string, bool) {
	for _, h := range knowledgeHeads {
		if len(label) > len(h) && strings.EqualFold(label[:len(h)], h) {
			return strings.TrimSpace(label[len(h):]), true
		}
	}
	return "", false
}

// productName returns the last word of a label that names a product after
// its vendor ("Excel" of "Microsoft Office Excel", "Visio" of "Microsoft
// Visio"): adverts name a product without its vendor. The label must be a
// name (each word capitalised) whose first word starts at least
// minVendorNames names (vendors), and the word must be of four letters or
// more and not an ordinary one.
func productName(label string, f folder, common func(string) bool, vendors map[string]int) (variant, bool) {
	words := nameWords(label)
	if len(words) < 2 || vendors[words[0]] < minVendorNames {
		return variant{}, false
	}
	last := words[len(words)-1]
	toks := f.tokenize(last)
	if len(toks) != 1 || len(toks[0].light) < 4 || common(toks[0].light) {
		return variant{}, false
	}
	return variant{text: last, toks: toks, factor: strippedFactor, name: true}, true
}

// nameWords returns the words of a label without bracketed qualifiers if
// each starts with a capital letter, else nothing.
func nameWords(label string) []string {
	if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(label)); !unicode.IsUpper(r) {
		return nil // most labels: no need to split them
	}
	words := strings.Fields(stripBrackets(label))
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return nil
		}
	}
	return words
}

// commonWords returns the words skill descriptions use in lower case in at
// least commonDescriptions descriptions: ordinary English words, as opposed
// to names such as "Java" or "Git". Without descriptions, every word counts
// as common, which is the cautious choice.
func commonWords(skills []*workforce.Skill, f folder) func(word string) bool {
	docs := map[string]int{}
	described := false
	for _, s := range skills {
		if s == nil || s.Description == "" {
			continue
		}
		described = true
		seen := map[string]bool{}
		for _, t := range f.tokenize(s.Description) {
			if !t.capital && !t.upper && !seen[t.light] {
				seen[t.light] = true
				docs[t.light]++
			}
		}
	}
	common := map[string]bool{}
	for w, n := range docs {
		if n >= commonDescriptions {
			common[w] = true
		}
	}
	if !described {
		return func(string) bool { return true }
	}
	return func(w string) bool { return common[w] }
}

// mannerVerbs start ESCO's two-word labels of ways of working: "think
// analytically", "work independently", "show determination".
var mannerVerbs = map[string]bool{"think": true, "work": true, "show": true, "attend": true, "act": true, "solve": true}

// knowledgeTails are the words ESCO ends knowledge labels with to turn a
// field into a body of knowledge: "supply chain principles", "maintenance
// operations", "cloud technologies". Adverts name the field alone.
var knowledgeTails = map[string]bool{
	"principle": true, "process": true, "technique": true, "method": true,
	"methodology": true, "technology": true, "system": true, "operation": true,
	"theory": true, "practice": true, "procedure": true, "standard": true,
	"concept": true, "tool": true,
}

// wordClasses are words that stand in for one another inside a label of
// two words or more, at sameClassFactor: ESCO writes "lead others" and
// "personnel management" where adverts write "lead people" and "people
// management", and it ends a field with one knowledge tail ("engineering
// principles") where adverts use another ("engineering practices"). The
// tails that name a way of doing (not "systems", "tools" or "technologies",
// which name things) stand in only as the last word, after a word that is
// not one. In the trie such a label word is keyed by its class. "Others"
// is ESCO's word for people, but "other" in a text is mostly a determiner
// ("other services"), so the text's "other" stands in for nothing.
var wordClasses = func() map[string]string {
	m := map[string]string{}
	for _, w := range []string{"people", "other", "staff", "personnel", "employee"} {
		m[w] = peopleClass
	}
	for _, w := range []string{"principle", "practice", "process", "procedure", "method", "methodology", "technique", "standard", "concept", "theory"} {
		m[w] = tailClass
	}
	return m
}()

// peopleKinds splits the words for people: "people" and "others" are
// anyone, "staff", "employees" and "personnel" a workforce.
var peopleKinds = map[string]bool{"people": true, "other": true}

// classWeight is the share of the credit a word of a text earns standing
// in for a label's word of its class: full within one kind of people
// words, half across kinds, so that "motivate people" is rather *motivate
// others* than *motivate employees*.
func classWeight(text, label string) float32 {
	if classOf(label) == peopleClass && peopleKinds[text] != peopleKinds[label] {
		return 0.5
	}
	return 1
}

// classOf returns the class of a light form (wordClasses), or "".
func classOf(light string) string { return wordClasses[light] }

// sameClass reports whether a word of a text stands in for a word of a
// label by their class.
func sameClass(text, label string) bool {
	c := classOf(label)
	return c != "" && text != "other" && classOf(text) == c
}

// shareClassed adds the labels matched by a word of their class to those
// matched as written, here. A word of a class says less than the label's
// own word: it counts only where no label is written as such, and its
// credit is shared among the skills it reaches, by the weights of the
// labels of each it reaches.
func shareClassed(here, classed []mention, floor float32) []mention {
	if len(here) > 0 {
		return here
	}
	var total float32
	for _, m := range classed {
		total += m.weight
	}
	for k, m := range classed {
		if slices.ContainsFunc(classed[:k], func(o mention) bool { return o.skill == m.skill }) {
			continue
		}
		var w float32
		for _, o := range classed[k:] {
			if o.skill == m.skill {
				w += o.weight
				m.conf = max(m.conf, o.conf)
			}
		}
		if m.conf *= w / total; m.conf >= floor {
			here = append(here, m)
		}
	}
	return here
}

// Keys of wordClasses, and the prefix of the phrase keys of nominal
// variants; no word root starts with a zero byte.
const (
	nominalKey  = "\x00nominal "
	hiddenKey   = "\x00hidden "
	peopleClass = "\x00people"
	tailClass   = "\x00tail"
)

// labelVerbs are the verbs ESCO skill labels most often start with.
var labelVerbs = map[string]bool{
	"apply": true, "use": true, "perform": true, "manage": true,
	"provide": true, "ensure": true, "maintain": true, "develop": true,
	"conduct": true, "carry": true, "operate": true, "monitor": true,
	"prepare": true, "handle": true, "support": true, "assist": true,
	"follow": true, "identify": true, "create": true, "implement": true,
	"assess": true, "coordinate": true, "promote": true, "oversee": true,
	"supervise": true, "plan": true, "organise": true, "analyse": true,
	"evaluate": true, "adhere": true, "comply": true, "administer": true,
	"undertake": true, "practise": true, "practice": true, "deliver": true,
	"execute": true, "utilise": true, "employ": true, "demonstrate": true,
}

// specificity scales the confidence of a one-word label by how many skills
// use its word: "Java" names one skill, "communication" is part of a
// hundred.
func specificity(skills int) float32 {
	if skills <= specificLabels {
		return 1
	}
	s := 1 - math.Log(float64(skills)/specificLabels)/math.Log(genericLabels/specificLabels)
	return float32(max(s, 0))
}

// caseRuleOf reads how ESCO writes a one-word label.
func caseRuleOf(label string) caseRule {
	hasUpper, hasLower := false, false
	for _, r := range label {
		hasUpper = hasUpper || unicode.IsUpper(r)
		hasLower = hasLower || unicode.IsLower(r)
	}
	switch {
	case hasUpper && !hasLower:
		return allCaps
	case hasUpper:
		return capitalised
	}
	return anyCase
}

// stripBrackets removes bracketed qualifiers from a label.
func stripBrackets(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func phraseKey(toks []token) string {
	ls := make([]string, len(toks))
	for i, t := range toks {
		ls[i] = t.light
	}
	return strings.Join(ls, " ")
}

// qualityCueAfter are nouns a way of working is said of: "a proactive
// mindset", "an analytical and structured workstyle".
var qualityCueAfter = map[string]bool{
	"mindset": true, "workstyle": true, "attitude": true, "approach": true,
	"manner": true, "person": true, "individual": true, "thinker": true,
	"worker": true, "nature": true, "personality": true,
}

// qualityCueBefore are words after which the next one is said of a
// person: "you are innovative" (the verb is a stopword), and nouns that
// make it a way of working: "attention to detail", "a strong focus on
// details", "an eye for detail".
var qualityCueBefore = map[string]bool{"you": true, "attention": true, "focus": true, "eye": true}

// qualityCue reports whether the text says toks[i] of a person: "you are
// innovative", "a proactive mindset", "an analytical, proactive and
// structured workstyle", "attention to detail".
func qualityCue(toks []token, i int) bool {
	if i > 0 && qualityCueBefore[toks[i-1].light] && !toks[i].brk {
		return true
	}
	for j := i + 1; j < len(toks) && j <= i+skillCueWindow; j++ {
		if qualityCueAfter[toks[j].light] {
			return true
		}
	}
	return false
}

// calledSkill reports whether the text calls toks[i] a skill, with
// "skills" shortly after it: "collaboration skills", "negotiation and
// motivation skills".
func calledSkill(toks []token, i int) bool {
	for j := i + 1; j < len(toks) && j <= i+skillCueWindow && !toks[j].brk; j++ {
		if toks[j].light == "skill" {
			return true
		}
	}
	return false
}

// skillCue reports whether the text marks toks[i] as a skill: "knowledge
// of SQL", "communication and presentation skills".
func skillCue(toks []token, i int) bool {
	if i > 0 && !toks[i].brk && skillCueBefore[toks[i-1].light] {
		return true
	}
	for j := i + 1; j < len(toks) && j <= i+skillCueWindow && !toks[j].brk; j++ {
		if skillCueAfter[toks[j].light] {
			return true
		}
	}
	return false
}

// mention is a skill found in a text.
type mention struct {
	skill int32
	conf  float32
	pos   int
	// byClass marks a label matched with a word of its class, and weight
	// is its share of the credit (classWeight).
	byClass bool
	weight  float32
}

// findIn returns the skills mentioned in one sentence with confidence at
// least floor, each once, in order of first mention. cased reports whether
// the whole text uses capitals; roots are the word roots of the whole text,
// the support short labels need. strict leaves out labels of several words
// matched only by word roots.
func (x *skillIndex) findIn(toks []token, cased bool, roots map[string]bool, floor float32, strict bool) []mention {
	var out []mention
	covered := -1 // the last word of the phrases matched as written so far
	// A word may lead to several nodes (steps); nodes and next are reused.
	var nodes, next []int32
	for i := 0; i < len(toks); i++ {
		end, found := -1, []mention(nil)
		nodes = append(nodes[:0], 0)
		for j := i; j < len(toks) && j-i < maxSkillWords; j++ {
			if j > i && toks[j].brk {
				break
			}
			next = next[:0]
			for _, n := range nodes {
				next = x.steps(n, toks[j], next)
			}
			if len(next) == 0 {
				break
			}
			nodes, next = next, nodes
			var here, classed, nominal, hidden []mention
			for _, node := range nodes {
				for _, l := range x.terminal[node] {
					if l.short && i == j && !x.supported(l.skill, toks[i].root, roots) {
						continue
					}
					c, weight, loose, byNoun := x.confidence(l, toks, i, j, cased)
					if strict && (loose || l.part && i == j) {
						continue
					}
					if weight > 0 && byNoun {
						nominal = append(nominal, mention{skill: l.skill, conf: c, pos: i, byClass: true, weight: weight})
					} else if weight > 0 {
						classed = append(classed, mention{skill: l.skill, conf: c, pos: i, byClass: true, weight: weight})
					} else if c >= floor && l.hidden {
						if !modifies(toks, j) && !spaced(toks, i, j) {
							hidden = append(hidden, mention{skill: l.skill, conf: c, pos: i})
						}
					} else if c >= floor {
						here = append(here, mention{skill: l.skill, conf: c, pos: i})
					}
				}
			}
			// A noun of a verb says less than a word of a class.
			here = shareClassed(shareClassed(here, classed, floor), nominal, floor)
			if len(here) == 0 {
				// A hidden label says less than any shown one.
				here = hidden
			}
			if len(here) > 0 {
				end, found = j, here
			}
		}
		if end < 0 {
			found = x.gapped(toks, i, cased, floor)
		}
		if a, ok := x.abilities[toks[i].light]; ok && end < 0 && len(found) == 0 && a.conf >= floor && calledSkill(toks, i) {
			// "collaboration skills" for work in teams ("collaborate on
			// tasks"), "negotiation skills" for negotiate compromises.
			found = []mention{{skill: a.skill, conf: a.conf, pos: i}}
		}
		for _, m := range found {
			if m.byClass && end >= 0 && end <= covered {
				// Inside a label written as such: "manufacturing
				// practices" in "good manufacturing practices".
				continue
			}
			if !m.byClass {
				covered = max(covered, end)
			}
			// A sentence names few skills: a scan beats a map.
			if k := slices.IndexFunc(out, func(o mention) bool { return o.skill == m.skill }); k < 0 {
				out = append(out, m)
			} else if m.conf > out[k].conf {
				out[k].conf = m.conf
			}
		}
	}
	return out
}

// modifies reports whether the phrase ending at toks[j] modifies the next
// word, which then names the thing: "leadership team", "flexible working
// arrangements". A word the text calls a skill or a way of working ("leadership
// skills", "a can-do attitude") is no such word.
func modifies(toks []token, j int) bool {
	if j+1 >= len(toks) {
		return false
	}
	n := toks[j+1]
	return !n.brk && !n.afterStop && !skillCueAfter[n.light] && !qualityCueAfter[n.light]
}

// spaced reports whether a stopword was dropped inside toks[i..j]: "a role
// to play" is not "role play".
func spaced(toks []token, i, j int) bool {
	for k := i + 1; k <= j; k++ {
		if toks[k].afterStop {
			return true
		}
	}
	return false
}

// withStems sets the stem of each token (token.stem), which steps follows.
func withStems(toks []token) []token {
	for k, t := range toks {
		if isLetters(t.light) {
			if r := root(uninflect(t.light)); r != t.root {
				toks[k].stem = r
			}
		}
	}
	return toks
}

// steps appends to next the nodes the trie leads to from node by a word,
// each once: by its root; by the root of the word without its inflection
// ("cooperating" reaches "cooperate", though their derivational roots
// differ and "cooperating" may also lead on as "cooperation"); and by its
// class (wordClasses).
func (x *skillIndex) steps(node int32, t token, next []int32) []int32 {
	follow := func(key string) {
		if rid, ok := x.root[key]; ok {
			if child, ok := x.trie[trieKey{node, rid}]; ok && !slices.Contains(next, child) {
				next = append(next, child)
			}
		}
	}
	follow(t.root)
	if t.stem != "" {
		follow(t.stem)
	}
	if c := classOf(t.light); c != "" && t.light != "other" {
		follow(c)
	}
	return next
}

// gapped finds labels of two words or more written with up to maxGap
// other words inside them, starting at toks[i]: "collaborate with a team
// of designers" for "collaborate with designers", "work in a dynamic team"
// for "work in teams". Every label word must be written as in the label
// (no roots), within one phrase.
func (x *skillIndex) gapped(toks []token, i int, cased bool, floor float32) []mention {
	type state struct {
		node        int32
		j, gaps, at int
	}
	var out []mention
	stack := []state{{node: 0, j: i}}
	var matched [maxSkillWords]int
	var walk func(st state)
	walk = func(st state) {
		for j := st.j; j < len(toks) && j-i < maxSkillWords+maxGap; j++ {
			if j > i && toks[j].brk {
				return
			}
			if st.at < maxSkillWords {
				var buf [3]int32
				for _, child := range x.steps(st.node, toks[j], buf[:0]) {
					matched[st.at] = j
					gaps := st.gaps + (j - st.j)
					if gaps > 0 && st.at >= 1 {
						var here, classed []mention
						for _, l := range x.terminal[child] {
							if len(l.lights) != st.at+1 || l.short || l.nominal || l.hidden {
								continue
							}
							exact, byClass, weight := true, false, float32(1)
							for k, lt := range l.lights {
								if w := toks[matched[k]].light; w != lt {
									byClass = true
									weight *= classWeight(w, lt)
									// A knowledge tail belongs next to its field,
									// and a people word stands in only as the
									// object, across one other word at most: "lead
									// and motivate people", not "people we support"
									// for "staff support".
									exact = exact && sameClass(w, lt) && classOf(lt) == peopleClass && gaps == 1 && k == len(l.lights)-1
								}
							}
							c := l.conf * gapFactor
							switch {
							case exact && byClass:
								classed = append(classed, mention{skill: l.skill, conf: c * sameClassFactor, pos: i, byClass: true, weight: weight})
							case exact && c >= floor:
								here = append(here, mention{skill: l.skill, conf: c, pos: i})
							}
						}
						out = append(out, shareClassed(here, classed, floor)...)
					}
					walk(state{node: child, j: j + 1, gaps: gaps, at: st.at + 1})
				}
			}
			if st.at == 0 || st.gaps+(j-st.j)+1 > maxGap {
				return
			}
		}
	}
	_ = stack
	walk(stack[0])
	return out
}

// supported reports whether the text (its word roots) holds a word of the
// skill's preferred label besides the short label itself: "POS" is point
// of sale beside "sale" or "till"-free "point of sale" words, not
// "blockchain consensus mechanisms" in a shop advert.
func (x *skillIndex) supported(skill int32, self string, roots map[string]bool) bool {
	for _, r := range x.context[skill] {
		if r != self && roots[r] {
			return true
		}
	}
	return false
}

// confidence scores a label matched by roots over toks[i..j], toks being
// one sentence. A label matched with a word of its class (wordClasses) has
// a weight, its share of the credit (classWeight); one matched as written
// has weight 0. loose reports a label of several words matched only by
// word roots; byNoun one matched with a noun of its verb.
func (x *skillIndex) confidence(l skillLabel, toks []token, i, j int, cased bool) (c, weight float32, loose, byNoun bool) {
	exact, inflected, classed, ofNoun, w := true, false, false, false, float32(1)
	for k, lt := range l.lights {
		if toks[i+k].light == lt || l.nominal && k == len(l.lights)-1 {
			continue
		}
		if k == 0 && l.act && toks[i+1].afterOf && actNoun(toks[i].light, lt) {
			// "management of the employees" for "manage employees".
			ofNoun = true
			continue
		}
		if j > i && sameInflection(toks[i+k].light, lt) {
			inflected = true
			continue
		}
		if j > i && sameClass(toks[i+k].light, lt) {
			classed = true
			w *= classWeight(toks[i+k].light, lt)
			continue
		}
		exact = false
		break
	}
	c = l.conf
	if exact && inflected {
		// "cooperating with colleagues" for "cooperate with colleagues".
		c *= skillFormFactor
	}
	if exact && classed {
		c *= sameClassFactor
	}
	if exact && classed {
		weight = w
	}
	if l.nominal {
		// The object comes right before the noun: "budget management", not
		// "member of our recruitment".
		if !exact || toks[j].afterStop || !actNoun(toks[j].light, l.lights[len(l.lights)-1]) {
			return 0, 0, false, false
		}
		// Like a word of a class, a noun of the verb counts only where no
		// label is written as such ("project management" is not also
		// *manage projects*), its credit shared among the acts it reaches.
		weight, byNoun = w, true
	}
	if exact && ofNoun {
		c *= nominalFactor
		weight, byNoun = w, true
	}
	if i == j {
		t := toks[i]
		cue := !l.part && skillCue(toks, i)
		// Another form of the word counts where the label allows it
		// (byRoot) or the text calls it a skill: "communicative skills".
		if !exact && (l.name || !((l.byRoot || cue) && toks[i].root == rootOf(l.lights[0]))) {
			return 0, 0, false, false
		}
		if !exact {
			c *= skillFormFactor
		}
		// A sentence's first word has its capital from the sentence: "Access
		// to discounts" is not Microsoft Access.
		if cased && (l.rule == allCaps && !t.upper || l.rule == capitalised && (!t.capital || i == 0) && !t.upper) {
			return 0, 0, false, false
		}
		if cue {
			c = max(c, skillCueConf)
			if !exact {
				c *= skillFormFactor
			}
		}
		if l.byRoot && qualityCue(toks, i) {
			// "an analytical workstyle", "you are innovative": the word
			// is said of the person, not of a thing ("analytical
			// chemistry", "an innovative trust").
			c = l.plain
			if !exact {
				c *= skillFormFactor
			}
		}
		return c, 0, false, false
	}
	if !exact {
		c *= skillRootCredit
	}
	return c, weight, !exact, byNoun
}

// sameInflection reports whether two light forms are inflections of one
// word: "cooperating", "cooperated" and "cooperate"; "solving" and
// "solve". Derivations ("cooperation") are not.
func sameInflection(a, b string) bool {
	return a != "" && b != "" && uninflect(a) == uninflect(b)
}

func uninflect(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "e"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 4 {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	// "running", "planned": a doubled final consonant.
	if n := len(w); n >= 4 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiousl", rune(w[n-1])) {
		w = w[:n-1]
	}
	return w
}

// rootOf is the root of a light form.
func rootOf(light string) string { return root(light) }
