package textmatch

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of normalised text.
type token struct {
	// light is the word lower-cased, with British and American spellings,
	// plurals and possessives folded together: "paediatricians" and
	// "pediatrician" share a light form.
	light string
	// root is light with derivational suffixes stripped, so that the
	// agent and the field meet: "psychiatrist" and "psychiatry" share a root.
	root string
	// brk reports a phrase boundary (punctuation) just before the token;
	// phrases are never matched across one.
	brk bool
	// upper reports that the word was written in capitals ("IT", "SQL"),
	// which tells an acronym from the common word it spells.
	upper bool
	// capital reports that the word began with a capital letter.
	capital bool
	// afterStop reports that a stopword was dropped just before the token:
	// "member of our recruitment" is not the compound "member recruitment".
	afterStop bool
	// afterOf reports that "of" was among the stopwords dropped just before
	// the token: "management of the employees".
	afterOf bool
	// stem is the root of the word without its inflection where that
	// differs from root ("cooperating" => "cooperat", beside root
	// "cooper"); only the skill matcher sets it (withStems).
	stem string
}

// stopwords are dropped from labels and text alike: they carry no meaning
// for matching, and dropping them lets "speech and language therapist" meet
// "speech & language therapist".
var stopwords = map[string]bool{
	"a": true, "an": true, "and": true, "as": true, "at": true, "by": true,
	"for": true, "from": true, "in": true, "into": true, "of": true, "on": true,
	"or": true, "the": true, "to": true, "with": true, "within": true,
	"your": true, "our": true, "their": true, "its": true, "be": true,
	"is": true, "are": true, "will": true, "who": true, "which": true,
}

// tokenize splits plain text into tokens, dropping stopwords. Punctuation
// that ends a phrase (full stops, commas, brackets, dashes between spaces,
// line breaks) marks the next token as a boundary; hyphens and slashes
// inside a word, and full stops inside a name such as "node.js", do not.
func tokenize(s string) []token { return folder(nil).tokenize(s) }

// folder folds words to their light and root forms, remembering the answers
// while an index is built, since labels repeat a few thousand words. A nil
// folder remembers nothing.
type folder map[string]folded

type folded struct{ light, root string }

// word folds a lower-case word given as bytes; looking it up does not
// allocate.
func (f folder) word(b []byte) folded {
	if r, ok := f[string(b)]; ok {
		return r
	}
	w := string(b)
	l := fold(w)
	r := folded{l, root(l)}
	if f != nil {
		f[w] = r
	}
	return r
}

// tokenize is the package tokenize, folding words through f.
func (f folder) tokenize(s string) []token {
	var toks []token
	// word is the current word, lower-cased as it is read.
	var word []byte
	brk, hasUpper, hasLower, capital, dropped, of := false, false, false, false, false, false
	appendRune := func(r rune) {
		if len(word) == 0 {
			hasUpper, hasLower, capital = false, false, unicode.IsUpper(r)
		}
		hasUpper = hasUpper || unicode.IsUpper(r)
		hasLower = hasLower || unicode.IsLower(r)
		word = utf8.AppendRune(word, unicode.ToLower(r))
	}
	flush := func() {
		if len(word) == 0 {
			return
		}
		stop := stopwords[string(word)]
		var fw folded
		if !stop {
			fw = f.word(word)
		} else if string(word) == "of" {
			of = true
		}
		word = word[:0]
		if stop {
			dropped = true
			return
		}
		toks = append(toks, token{light: fw.light, root: fw.root, brk: brk, upper: hasUpper && !hasLower, capital: capital, afterStop: dropped, afterOf: of})
		brk, dropped, of = false, false, false
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case isWordRune(r):
			appendRune(r)
		case (r == '\'' || r == '’') && len(word) > 0:
			// A possessive "'s" goes; an apostrophe inside a word ("o'clock") is
			// dropped and the word goes on.
			if i+1 < len(rs) && (rs[i+1] == 's' || rs[i+1] == 'S') && (i+2 >= len(rs) || !isWordRune(rs[i+2])) {
				i++
			}
		case (r == '+' || r == '#') && len(word) > 0 && (i+1 >= len(rs) || !isWordRune(rs[i+1])):
			// "C++", "C#", "F#": the symbol is part of the name.
			appendRune(r)
			for i+1 < len(rs) && rs[i+1] == r {
				i++
				appendRune(r)
			}
		case r == '-' || r == '/' || r == '.' || r == '_':
			inside := i > 0 && i+1 < len(rs) && isWordRune(rs[i-1]) && isWordRune(rs[i+1])
			flush()
			if !inside {
				brk = true
			}
		case r == '&' || r == '"' || r == '“' || r == '”' || r == '\'' || r == '’' || r == '*' || r == '+' || r == '#':
			flush()
		case unicode.IsSpace(r):
			flush()
			if r == '\n' || r == '\r' {
				brk = true
			}
		default:
			flush()
			brk = true
		}
	}
	flush()
	return joinPairs(toks)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// joinPairs merges word pairs that are written both as one word and as two
// ("health care", "co-ordinator"), so both spellings meet.
func joinPairs(toks []token) []token {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		if i+1 < len(toks) && !toks[i+1].brk {
			if j, ok := joinedPairs[toks[i].light+" "+toks[i+1].light]; ok {
				t := toks[i]
				t.light, t.root = j, root(j)
				t.upper = false
				out = append(out, t)
				i++
				continue
			}
		}
		out = append(out, toks[i])
	}
	return out
}

// joinedPairs maps light forms of two-word spellings to their one-word form.
var joinedPairs = map[string]string{
	"health care":        "healthcare",
	"human resource":     "humanresource",
	"co ordinator":       "coordinator",
	"co ordination":      "coordination",
	"co ordinate":        "coordinate",
	"co ordinating":      "coordinating",
	"child care":         "childcare",
	"home care":          "homecare",
	"day care":           "daycare",
	"e mail":             "email",
	"on line":            "online",
	"web site":           "website",
	"data base":          "database",
	"well being":         "wellbeing",
	"re ablement":        "reablement",
	"pre assessment":     "preassessment",
	"post graduate":      "postgraduate",
	"multi disciplinary": "multidisciplinary",
}

// fold returns the light form of a lower-case word: American and British
// spellings, plurals and possessives folded to one form. The forms are keys,
// not words to show: "behaviours" folds to "behavior", "theatre" to "theater".
func fold(w string) string {
	if f, ok := foldWords[w]; ok {
		return f
	}
	w = singular(w)
	if f, ok := foldWords[w]; ok {
		return f
	}
	n := len(w)
	if n < 4 || !isLetters(w) {
		return w
	}
	// ae and oe: paediatric, anaesthetist, haematology, oedema.
	if i := strings.Index(w[1:], "ae"); i >= 0 {
		w = w[:i+1] + "e" + w[i+3:]
	}
	if strings.HasPrefix(w, "oe") {
		w = "e" + w[2:]
	}
	// -ise / -ize, -yse / -yze: organise, analyse.
	for _, suf := range []string{"ization", "ize", "ized", "izes", "izing", "izer", "yze", "yzed", "yzing", "yzer"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 2 {
			i := len(w) - len(suf)
			w = w[:i] + strings.Replace(suf, "z", "s", 1)
			break
		}
	}
	// -our / -or: behaviour, colour, labour, tumour (not hour, four, tour).
	for _, suf := range []string{"our", "oural", "ourable", "ourite", "oured", "ouring", "ourer"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			i := len(w) - len(suf)
			w = w[:i] + "or" + suf[3:]
			break
		}
	}
	// -tre / -ter: centre, theatre, litre, fibre.
	if len(w) >= 5 && (strings.HasSuffix(w, "tre") || strings.HasSuffix(w, "bre")) {
		w = w[:len(w)-2] + "er"
	}
	// -ogue / -og: catalogue, dialogue.
	if len(w) >= 7 && strings.HasSuffix(w, "ogue") {
		w = w[:len(w)-2]
	}
	// -lled / -led: counsellor, modelling, travelled (not filling, selling).
	for _, suf := range []string{"lling", "lled", "ller", "llor"} {
		if strings.HasSuffix(w, suf) {
			stem := w[:len(w)-len(suf)]
			if vowels(stem) >= 2 && strings.ContainsRune("aeiou", rune(stem[len(stem)-1])) {
				w = stem + suf[1:]
			}
			break
		}
	}
	return w
}

// foldWords lists spellings the rules in fold do not reach.
var foldWords = map[string]string{
	"programme":   "program",
	"licence":     "license",
	"defence":     "defense",
	"offence":     "offense",
	"practise":    "practice",
	"ageing":      "aging",
	"judgement":   "judgment",
	"enrolment":   "enrollment",
	"fulfil":      "fulfill",
	"aluminium":   "aluminum",
	"grey":        "gray",
	"dietician":   "dietitian",
	"tyre":        "tire",
	"cheque":      "check",
	"mould":       "mold",
	"plough":      "plow",
	"storey":      "story",
	"orthopaedic": "orthopedic",
	"speciality":  "specialty",
	"adviser":     "advisor",
	"judgements":  "judgment",
	"wellbeing":   "wellbeing",
}

// pluralsApart are plurals that name something other than their singular:
// a securities analyst trades stocks, a security analyst guards systems.
var pluralsApart = map[string]bool{"securities": true, "customs": true, "arts": true, "goods": true, "works": true}

// singular strips a plural or possessive ending.
func singular(w string) string {
	n := len(w)
	if n < 4 || !isLetters(w) {
		return w
	}
	switch {
	case pluralsApart[w]:
		return w
	case strings.HasSuffix(w, "ies") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
		return w[:n-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"), strings.HasSuffix(w, "ys"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:n-1]
	}
	return w
}

// rootSuffixes are the derivational endings root strips, longest first.
var rootSuffixes = []string{
	"isation", "ational", "ations", "ically", "ation", "ative", "ating",
	"ated", "ator", "ities", "ments", "ment", "ness", "ical", "ists", "ity",
	"ist", "ism", "ian", "ics", "ing", "ers", "ors", "ive", "ant", "ance",
	"ence", "ent", "ic", "ed", "er", "or", "al", "ly", "y", "e",
}

// root strips up to two derivational suffixes from a light form, so that
// "psychiatrist", "psychiatry" and "psychiatric" share "psychiatr", and
// "management" and "manager" share "manag". A plural that names something
// else than its singular (pluralsApart) is its own root. Roots only ever earn part of the
// credit of an exact word, so an odd root costs little.
func root(l string) string {
	if !isLetters(l) || pluralsApart[l] {
		return l
	}
	for pass, min := 0, 4; pass < 2; pass, min = pass+1, 5 {
		stripped := false
		for _, suf := range rootSuffixes {
			if strings.HasSuffix(l, suf) && len(l)-len(suf) >= min {
				l = l[:len(l)-len(suf)]
				stripped = true
				break
			}
		}
		if !stripped {
			break
		}
	}
	return l
}

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func vowels(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if strings.IndexByte("aeiou", w[i]) >= 0 {
			n++
		}
	}
	return n
}

// plainText turns an HTML fragment, possibly escaped once more (as the NHS
// Jobs feed does: "&lt;p&gt;"), into text: entities decoded, tags replaced by
// line breaks so that list items and paragraphs stay separate phrases.
func plainText(s string) string {
	s = strings.ToValidUTF8(s, " ")
	for range 2 {
		if !strings.ContainsRune(s, '&') && !strings.ContainsRune(s, '<') {
			break
		}
		s = stripTags(html.UnescapeString(s))
	}
	return s
}

// stripTags replaces each tag with a line break. A '<' that cannot open a tag
// ("a < b") is kept.
func stripTags(s string) string {
	if !strings.ContainsRune(s, '<') {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 || i+1 >= len(s) {
			b.WriteString(s)
			return b.String()
		}
		c := s[i+1]
		if !(c == '/' || c == '!' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteByte('\n')
		s = s[i+j+1:]
	}
}
