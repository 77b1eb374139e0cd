package textmatch

import (
	"fmt"
	"os"
)

// ReadSOCIndex reads the ONS SOC 2020 coding index at path (ReadCodingIndex)
// and returns a lookup of the unit groups it codes an exact job title to,
// one per row, qualified rows included: "Security consultant" gives
// ["3319"]. Titles on both sides are compared after NormaliseTitle, so the
// index's "Consultant, security" is found as "security consultant". A
// title no row has gives nil. It is careers.SOCIndex, which careers cannot
// build itself (textmatch's tests import careers).
func ReadSOCIndex(path string) (func(title string) []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("coding index: %w", err)
	}
	defer f.Close()
	rows, err := ReadCodingIndex(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	units := map[string][]string{}
	for _, r := range rows {
		if k := NormaliseTitle(r.Title); k != "" {
			units[k] = append(units[k], r.Unit)
		}
	}
	return func(title string) []string {
		if k := NormaliseTitle(title); k != "" {
			return units[k]
		}
		return nil
	}, nil
}
