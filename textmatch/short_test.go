package textmatch

import (
	"strings"
	"testing"
)

// TestShortLabelsNeedSupport checks that a short alternative label (an
// acronym such as POS) matches only beside words of the skill it stands
// for.
func TestShortLabelsNeedSupport(t *testing.T) {
	e := mustESCO(t)
	for _, text := range []string{
		"Experience of using a POS till and handling cash.",
		"You will use our POS system on the shop floor.",
	} {
		for _, f := range e.matcher.Skills(text) {
			if strings.Contains(f.Label, "blockchain") {
				t.Errorf("Skills(%q) found %q at %.2f: POS here is point of sale", text, f.Label, f.Confidence)
			}
		}
		t.Logf("%q -> %v", text, e.matcher.Skills(text))
	}
}
