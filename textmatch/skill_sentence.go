package textmatch

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// find returns the skills mentioned in text, each once, best first. It
// reads the text sentence by sentence: a skill at or above floor counts
// wherever it is, and a sentence with none keeps its single best candidate
// if that is above half the floor and not a phrase matched only by word
// roots (such matches are mostly wrong), since a sentence of an advert
// seldom says nothing a job needs, while a weak match beside strong ones
// is mostly noise.
func (x *skillIndex) find(text string, floor float32) []mention {
	var sents [][]token
	cased := false
	roots := map[string]bool{}
	for _, s := range sentences(plainText(text)) {
		toks := withStems(tokenize(s))
		if len(toks) == 0 {
			continue
		}
		sents = append(sents, toks)
		for _, t := range toks {
			// In text written all in one case, capitals say nothing.
			cased = cased || t.capital || t.upper
			roots[t.root] = true
		}
	}
	best := map[int32]int{} // skill -> index in out
	var out []mention
	add := func(m mention) {
		if k, ok := best[m.skill]; !ok {
			best[m.skill] = len(out)
			out = append(out, m)
		} else if m.conf > out[k].conf {
			out[k].conf = m.conf
		}
	}
	pos := 0
	for _, toks := range sents {
		found := x.findIn(toks, cased, roots, floor, false)
		if len(found) == 0 {
			half := floor / 2
			for _, m := range x.findIn(toks, cased, roots, half, true) {
				if m.conf > half && (len(found) == 0 || m.conf > found[0].conf) {
					found = []mention{m}
				}
			}
		}
		for _, m := range found {
			m.pos += pos
			add(m)
		}
		pos += len(toks)
	}
	slices.SortFunc(out, func(a, b mention) int {
		if c := cmp.Compare(b.conf, a.conf); c != 0 {
			return c
		}
		if c := cmp.Compare(a.pos, b.pos); c != 0 {
			return c
		}
		return strings.Compare(x.ids[a.skill], x.ids[b.skill])
	})
	return out
}

// sentences splits plain text into sentences: at line breaks (list items
// and paragraphs, once HTML is removed), at bullets, and at a full stop,
// question or exclamation mark followed by a space and a word that does
// not start in lower case ("e.g. SQL" ends no sentence, nor "node.js").
func sentences(text string) []string {
	var out []string
	start := 0
	cut := func(end, next int) {
		if s := strings.TrimSpace(text[start:end]); s != "" {
			out = append(out, s)
		}
		start = next
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n' || r == '\r' || r == '•' || r == '▪' || r == '●':
			cut(i, i+n)
		case r == '.' || r == '!' || r == '?':
			rest := text[i+n:]
			after := strings.TrimLeftFunc(rest, unicode.IsSpace)
			if len(after) < len(rest) || after == "" {
				next, _ := utf8.DecodeRuneInString(after)
				if after == "" || !unicode.IsLower(next) {
					cut(i+n, i+n)
				}
			}
		}
		i += n
	}
	cut(len(text), len(text))
	return out
}
