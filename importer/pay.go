package importer

import (
	"fmt"
	"strconv"
	"strings"
)

// ASHEFile is the ONS ASHE table 14 extract inside the data folder.
const ASHEFile = "ashe/ashe_2024p_table14_soc2020_pay.csv"

// UnitGroupPay is what ONS ASHE says about the employees of one SOC 2020
// unit group (all employees, full and part time).
type UnitGroupPay struct {
	Code  string
	Title string
	// Jobs is the number of jobs in thousands (indicative, ONS says), from
	// the hourly table, which counts every employee; FullTimeJobs counts
	// the full-time ones (0 when suppressed).
	Jobs         float64
	FullTimeJobs float64
	// AnnualMedian and HourlyMedian are gross pay in pounds; 0 when ONS
	// suppressed the figure.
	AnnualMedian float64
	HourlyMedian float64
}

// ReadUnitGroupPay reads the unit groups (four-digit codes) of the ASHE
// table 14 extract at path, for all employees, with the full-time job
// counts beside them. A malformed file is an
// error; a row with a bad number is an error naming its line.
func ReadUnitGroupPay(path string) ([]UnitGroupPay, error) {
	t, err := readCSV(path, header{required: []string{"soc2020_code", "level", "title", "workers",
		"hourly_jobs_thousands", "annual_median", "hourly_median"}})
	if err != nil {
		return nil, fmt.Errorf("ashe: %w", err)
	}
	num := func(r row, col string) (float64, error) {
		v := r.get(col)
		if v == "" {
			return 0, nil
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 {
			return 0, fmt.Errorf("ashe: %s", r.problem(col, "want a number, got %q", v))
		}
		return f, nil
	}
	var out []UnitGroupPay
	fullTime := map[string]float64{}
	for _, r := range t.rows {
		if r.get("level") == "unit" && r.get("workers") == "full_time" {
			if fullTime[r.get("soc2020_code")], err = num(r, "hourly_jobs_thousands"); err != nil {
				return nil, err
			}
		}
	}
	for _, r := range t.rows {
		if r.get("level") != "unit" || r.get("workers") != "all" {
			continue
		}
		p := UnitGroupPay{Code: r.get("soc2020_code"), Title: r.get("title")}
		if !socCode.MatchString(p.Code) || len(p.Code) != 4 {
			return nil, fmt.Errorf("ashe: %s", r.problem("soc2020_code", "want a unit group code such as 6131, got %q", p.Code))
		}
		if p.Jobs, err = num(r, "hourly_jobs_thousands"); err != nil {
			return nil, err
		}
		if p.AnnualMedian, err = num(r, "annual_median"); err != nil {
			return nil, err
		}
		if p.HourlyMedian, err = num(r, "hourly_median"); err != nil {
			return nil, err
		}
		p.FullTimeJobs = fullTime[p.Code]
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("ashe: %s has no unit-group rows for all workers", t.name)
	}
	return out, nil
}

// ApprenticeshipsFile is the Institute for Apprenticeships' list of
// standards inside the data folder.
const ApprenticeshipsFile = "apprenticeships/apprenticeship_standards_2018-05.csv"

// Standard is an apprenticeship standard from the Institute's list.
type Standard struct {
	// Reference is the standard's reference without its version, such as
	// "ST0005".
	Reference string
	Name      string
	Level     int
	// Months is the typical duration, 0 when not stated.
	Months int
	// Approved is true when the standard was approved for delivery.
	Approved bool
}

// ReadStandards reads the apprenticeship standards list at path, keyed by
// reference (the last row wins for a renamed standard listed twice).
func ReadStandards(path string) (map[string]Standard, error) {
	t, err := readCSV(path, header{required: []string{"reference", "name", "level", "typical_duration_months", "status"}})
	if err != nil {
		return nil, fmt.Errorf("apprenticeships: %w", err)
	}
	out := map[string]Standard{}
	for _, r := range t.rows {
		ref, _, _ := strings.Cut(r.get("reference"), "-")
		level, err := strconv.Atoi(r.get("level"))
		if r.get("level") == "" {
			level, err = 0, nil // not yet set for some standards in development
		}
		if err != nil || !strings.HasPrefix(ref, "ST") {
			return nil, fmt.Errorf("apprenticeships: %s", r.problem("reference", "want a reference such as ST0005 and a level, got %q level %q", r.get("reference"), r.get("level")))
		}
		months, _ := strconv.Atoi(r.get("typical_duration_months"))
		out[ref] = Standard{Reference: ref, Name: r.get("name"), Level: level, Months: months, Approved: r.get("status") == "approved_for_delivery"}
	}
	return out, nil
}
