package careers

import (
	"fmt"
	"strconv"
	"strings"
)

// FileASHE is ONS ASHE 2024 provisional Table 14 by SOC 2020 group,
// relative to the data folder.
const FileASHE = "ashe/ashe_2024p_table14_soc2020_pay.csv"

// Pay is a typical pay figure with what it is.
type Pay struct {
	// Annual is the median gross annual pay in pounds, Hourly the median
	// gross hourly pay; 0 when suppressed.
	Annual, Hourly float64
	// Source names the survey and year, Basis the statistic and who it
	// covers, Group the SOC 2020 code the figure is for (a broader group
	// than the occupation's unit group when ONS suppressed the unit).
	Source, Basis, Group string
	// Fallback is true when Group is broader than the unit group.
	Fallback bool
}

// Describe is the pay's provenance in one line, for explanations.
func (p Pay) Describe() string {
	s := p.Source + ", " + p.Basis
	if p.Group != "" {
		s += ", SOC 2020 " + p.Group
	}
	if p.Fallback {
		s += " (the unit group's figure is suppressed by ONS, so its broader group's)"
	}
	return s
}

const (
	asheSource = "ONS ASHE 2024 provisional (Table 14)"
	asheBasis  = "median gross annual pay of full-time employees"
)

// PayTable is ASHE pay by SOC 2020 code (unit, minor, sub-major and major
// groups, and "" for all employees), full-time employees.
type PayTable map[string]Pay

// ReadASHE reads ASHE Table 14 and keeps the full-time rows, so that pay
// ratios compare like with like: full-time annual medians. Suppressed cells
// are empty and read as 0.
func ReadASHE(dataDir string) (PayTable, error) {
	t := PayTable{}
	err := readTable(dataDir, FileASHE, []string{"soc2020_code", "workers", "annual_median", "hourly_median"}, func(get func(string) string, _ int) error {
		code := strings.TrimSpace(get("soc2020_code"))
		if get("workers") != "full_time" {
			return nil
		}
		p := Pay{Source: asheSource, Basis: asheBasis, Group: code}
		for _, f := range []struct {
			col string
			dst *float64
		}{{"annual_median", &p.Annual}, {"hourly_median", &p.Hourly}} {
			if v := strings.TrimSpace(get(f.col)); v != "" {
				x, err := strconv.ParseFloat(v, 64)
				if err != nil || !inRange(x, 0, 10_000_000) {
					return fmt.Errorf("%s %q is not a number of pounds", f.col, v)
				}
				*f.dst = x
			}
		}
		t[code] = p
		return nil
	})
	return t, err
}

// For returns the pay of a SOC 2020 unit group: its own annual median, or
// when ONS suppressed it that of the minor, sub-major or major group,
// flagged as a fallback. ok is false when none is known.
func (t PayTable) For(unit string) (Pay, bool) {
	for n := len(unit); n >= 1; n-- {
		if p, ok := t[unit[:n]]; ok && p.Annual > 0 {
			p.Fallback = n < len(unit)
			return p, true
		}
	}
	return Pay{}, false
}
