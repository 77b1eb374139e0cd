package insights

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/onework/onework/workforce"
)

// DefaultHardToFillDays is how long a vacancy stays open before it counts
// as hard to fill, unless a query says otherwise.
const DefaultHardToFillDays = 60

// ambition is the partnership's target: open vacancies down by half in
// five years from the baseline.
const (
	ambitionCut   = 0.5
	ambitionYears = 5
)

// nanValue marks a figure that does not apply; it becomes an empty cell.
var nanValue = math.NaN()

// inWindow reports whether v was open at some time in [from, to).
func inWindow(v *Vacancy, from, to time.Time) bool {
	return (v.PostedAt == nil || v.PostedAt.Before(to)) && (v.ClosesAt == nil || !v.ClosesAt.Before(from))
}

func within(t *time.Time, from, to time.Time) bool {
	return t != nil && !t.Before(from) && t.Before(to)
}

// daysOpen is how long v was open up to the end (or now, if earlier); -1
// without a posting date.
func daysOpen(v *Vacancy, end time.Time) float64 {
	if v.PostedAt == nil {
		return -1
	}
	if v.ClosesAt != nil && v.ClosesAt.Before(end) {
		end = *v.ClosesAt
	}
	if end.Before(*v.PostedAt) {
		return 0
	}
	return end.Sub(*v.PostedAt).Hours() / 24
}

// VacancyOptions are the extra arguments of VacancyInsights.
type VacancyOptions struct {
	// HardToFillDays is 0 for DefaultHardToFillDays.
	HardToFillDays int
	// Baseline, if set, adds progress since then against the ambition.
	Baseline *time.Time
}

type vacancyGroup struct {
	n, open, opened, closed, hard, readvertised, base int
	days                                              []float64
}

// VacancyInsights counts the vacancies open in the slice's window by group:
// open at its end, opened and closed in it, days open, hard to fill, and
// progress since a baseline.
func (e *Engine) VacancyInsights(s Slice, by Dimension, o VacancyOptions) (*Table, error) {
	if err := e.Check(s); err != nil {
		return nil, err
	}
	if err := checkBy(by); err != nil {
		return nil, err
	}
	hardDays := o.HardToFillDays
	if hardDays == 0 {
		hardDays = DefaultHardToFillDays
	}
	if hardDays < 0 || hardDays > 3650 {
		return nil, workforce.Invalid("hardToFillDays", "must be between 1 and 3650")
	}
	if o.Baseline != nil && !o.Baseline.Before(s.To) {
		return nil, workforce.Invalid("baseline", "must be before the end of the window")
	}
	end := s.To
	if now := e.now(); now.Before(end) {
		end = now
	}
	g := newGroups[vacancyGroup]()
	all := &vacancyGroup{}
	for i := range e.f.Vacancies {
		v := &e.f.Vacancies[i]
		if !e.vacancyMatches(v, s) {
			continue
		}
		atBase := o.Baseline != nil && openAt(v, *o.Baseline)
		inWin := inWindow(v, s.From, s.To)
		if !inWin && !atBase {
			continue
		}
		var posted time.Time
		if v.PostedAt != nil {
			posted = *v.PostedAt
		}
		for _, k := range e.keys(by, v.PlaceID, v.OccupationID, v, posted) {
			for _, grp := range []*vacancyGroup{g.get(k), all} {
				if atBase {
					grp.base++
				}
				if !inWin {
					continue
				}
				grp.n++
				if openAt(v, s.To.Add(-time.Nanosecond)) {
					grp.open++
				}
				if within(v.PostedAt, s.From, s.To) {
					grp.opened++
				}
				if within(v.ClosesAt, s.From, s.To) {
					grp.closed++
				}
				d := daysOpen(v, end)
				if d >= 0 {
					grp.days = append(grp.days, d)
				}
				if d > float64(hardDays) || e.readvertised[v.ID] {
					grp.hard++
				}
				if e.readvertised[v.ID] {
					grp.readvertised++
				}
			}
			if by == ByNone {
				break
			}
		}
	}
	cols := []Column{
		labelColumn("group", "the group's name"), labelColumn("groupCode", "the group's code"),
		col("vacancies", KindCount, "vacancies open at some time in the window"),
		col("openAtEnd", KindCount, "vacancies open at the end of the window"),
		col("opened", KindCount, "vacancies posted in the window"),
		col("closed", KindCount, "vacancies that closed in the window"),
		col("medianDaysOpen", KindDays, "median days from posting to closing (or to the end of the window, or now if earlier)"),
		col("meanDaysOpen", KindDays, "mean days open, as above"),
		col("hardToFill", KindCount, fmt.Sprintf("vacancies open longer than %d days or re-advertised", hardDays)),
		col("hardToFillShare", KindShare, "hardToFill / vacancies"),
		col("reAdvertised", KindCount, "vacancies followed within six months by another advert of the same employer for the same occupation (or title)"),
	}
	if o.Baseline != nil {
		cols = append(cols,
			col("openAtBaseline", KindCount, "vacancies open at the baseline date"),
			col("changeSinceBaseline", KindShare, "(openAtEnd - openAtBaseline) / openAtBaseline"),
			col("ambitionOpenAtEnd", KindCount, "open vacancies the ambition (half in five years, on a straight line from the baseline) allows at the end of the window"),
			col("onTrack", KindFlag, "openAtEnd is at most ambitionOpenAtEnd"))
	}
	b := newBuilder("vacancyInsights", "Open vacancies, days open and hard-to-fill roles", by, e.AsOf(), cols...)
	add := func(key string, grp *vacancyGroup) {
		r := b.row()
		r.label(e.label(by, key))
		r.label(key)
		r.value(float64(grp.n))
		r.value(float64(grp.open))
		r.value(float64(grp.opened))
		r.value(float64(grp.closed))
		r.value(median(grp.days))
		r.value(mean(grp.days))
		r.value(float64(grp.hard))
		r.value(ratio(grp.hard, grp.n))
		r.value(float64(grp.readvertised))
		if o.Baseline != nil {
			r.value(float64(grp.base))
			r.value(ratio(grp.open-grp.base, grp.base))
			elapsed := s.To.Sub(*o.Baseline).Hours() / 24 / 365.25
			target := float64(grp.base) * (1 - ambitionCut*min(1, elapsed/ambitionYears))
			r.value(float64(int(target + 0.5)))
			r.value(boolValue(float64(grp.open) <= target+0.5))
		}
	}
	rows(by, g, all, add)
	b.note("Vacancy counts are of adverts, not people, and are not suppressed.")
	b.note("A vacancy without a posting date counts as open from the start; it has no days open.")
	if by == BySector {
		b.note("A vacancy whose occupation is in several sectors counts in each; the rows do not add up to the total.")
	}
	return b.finish(), nil
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return nanValue
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return nanValue
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// VacancyTrend counts the vacancies open at the end of each calendar month
// (UTC) of the window, and those posted and closed in it.
func (e *Engine) VacancyTrend(s Slice, by Dimension) (*Table, error) {
	if err := e.Check(s); err != nil {
		return nil, err
	}
	if err := checkBy(by); err != nil {
		return nil, err
	}
	if by == ByMonth {
		by = ByNone
	}
	type month struct{ start, end time.Time }
	var months []month
	for t := time.Date(s.From.Year(), s.From.Month(), 1, 0, 0, 0, 0, time.UTC); t.Before(s.To); t = t.AddDate(0, 1, 0) {
		months = append(months, month{t, t.AddDate(0, 1, 0)})
	}
	type counts struct{ open, opened, closed []int }
	g := newGroups[counts]()
	for i := range e.f.Vacancies {
		v := &e.f.Vacancies[i]
		if !e.vacancyMatches(v, s) || !inWindow(v, s.From, s.To) {
			continue
		}
		for _, k := range e.keys(by, v.PlaceID, v.OccupationID, v, time.Time{}) {
			c := g.get(k)
			if c.open == nil {
				c.open, c.opened, c.closed = make([]int, len(months)), make([]int, len(months)), make([]int, len(months))
			}
			for j, m := range months {
				if openAt(v, m.end.Add(-time.Nanosecond)) {
					c.open[j]++
				}
				if within(v.PostedAt, m.start, m.end) {
					c.opened[j]++
				}
				if within(v.ClosesAt, m.start, m.end) {
					c.closed[j]++
				}
			}
		}
	}
	b := newBuilder("vacancyTrend", "Open vacancies month by month", by, e.AsOf(),
		labelColumn("month", "calendar month, UTC"), labelColumn("group", "the group's name"), labelColumn("groupCode", "the group's code"),
		col("openAtMonthEnd", KindCount, "vacancies open at the end of the month"),
		col("opened", KindCount, "vacancies posted in the month"),
		col("closed", KindCount, "vacancies that closed in the month"))
	keys := g.sortedKeys()
	if len(keys) == 0 {
		keys = []string{"all"}
	}
	for j, m := range months {
		for _, k := range keys {
			c := g.get(k)
			r := b.row()
			r.label(m.start.Format("2006-01"))
			r.label(e.label(by, k))
			r.label(k)
			if c.open == nil {
				r.value(0)
				r.value(0)
				r.value(0)
				continue
			}
			r.value(float64(c.open[j]))
			r.value(float64(c.opened[j]))
			r.value(float64(c.closed[j]))
		}
	}
	b.note("Vacancy counts are of adverts, not people, and are not suppressed.")
	return b.finish(), nil
}

// GoodWork shares the vacancies open in the window by pay at or above the
// Real Living Wage and by accredited Real Living Wage employers, with
// apprenticeship vacancies and hires into them; then rows per kind of
// programme (apprenticeships and other alternative routes) advertised in
// the place, with starts from referrals made in the window.
func (e *Engine) GoodWork(s Slice, by Dimension) (*Table, error) {
	if err := e.Check(s); err != nil {
		return nil, err
	}
	if err := checkBy(by); err != nil {
		return nil, err
	}
	type gw struct{ vacancies, payStated, rlwPay, rlwEmployer, routes, filled int }
	g := newGroups[gw]()
	all := &gw{}
	hires := map[string]int{}
	for i := range e.f.Referrals {
		r := &e.f.Referrals[i]
		if r.Target == workforce.TargetVacancy && r.Reached(workforce.StageHired) && !r.ReferredAt.Before(s.From) && r.ReferredAt.Before(s.To) {
			hires[r.TargetID]++
		}
	}
	for i := range e.f.Vacancies {
		v := &e.f.Vacancies[i]
		if !e.vacancyMatches(v, s) || !inWindow(v, s.From, s.To) {
			continue
		}
		var posted time.Time
		if v.PostedAt != nil {
			posted = *v.PostedAt
		}
		for _, k := range e.keys(by, v.PlaceID, v.OccupationID, v, posted) {
			for _, c := range []*gw{g.get(k), all} {
				c.vacancies++
				if v.SalaryMin > 0 {
					c.payStated++
					if e.paysLivingWage(v) {
						c.rlwPay++
					}
				}
				if v.EmployerRLW {
					c.rlwEmployer++
				}
				if v.Contract == workforce.ContractApprenticeship {
					c.routes++
					c.filled += hires[v.ID]
				}
			}
			if by == ByNone {
				break
			}
		}
	}
	b := newBuilder("goodWork", "Good work: Real Living Wage and alternative routes", by, e.AsOf(),
		labelColumn("group", "the group's name, or a kind of programme"), labelColumn("groupCode", "the group's code"),
		col("vacancies", KindCount, "vacancies open at some time in the window (programmes, for programme rows)"),
		col("payStated", KindCount, "vacancies stating pay"),
		col("payAtLeastRLW", KindCount, fmt.Sprintf("vacancies whose lowest pay, per hour (annual / 52 / hours, 37.5 hours when not stated), is at least the Real Living Wage (%.2f pounds)", e.LivingWage)),
		col("payAtLeastRLWShare", KindShare, "payAtLeastRLW / payStated"),
		col("rlwEmployerVacancies", KindCount, "vacancies of accredited Real Living Wage employers"),
		col("rlwEmployerShare", KindShare, "rlwEmployerVacancies / vacancies"),
		col("routesAdvertised", KindCount, "apprenticeship vacancies (programmes of the kind, for programme rows)"),
		peopleColumn("routesFilled", "hires into those apprenticeship vacancies (starts on those programmes, for programme rows) from referrals made in the window"))
	add := func(label, code string, c *gw) {
		r := b.row()
		r.label(label)
		r.label(code)
		r.value(float64(c.vacancies))
		r.value(float64(c.payStated))
		r.value(float64(c.rlwPay))
		r.value(ratio(c.rlwPay, c.payStated))
		r.value(float64(c.rlwEmployer))
		r.value(ratio(c.rlwEmployer, c.vacancies))
		r.value(float64(c.routes))
		r.people(c.filled)
	}
	rows(by, g, all, func(k string, c *gw) {
		name := e.label(by, k)
		if k == "all" {
			name = "all vacancies"
		}
		add(name, k, c)
	})
	// Alternative routes: programmes located in the place that lead to an
	// occupation in the slice.
	starts := map[string]int{}
	for i := range e.f.Referrals {
		r := &e.f.Referrals[i]
		if r.Target == workforce.TargetProgramme && r.Reached(workforce.StageStarted) && !r.ReferredAt.Before(s.From) && r.ReferredAt.Before(s.To) {
			starts[r.TargetID]++
		}
	}
	kinds := map[workforce.ProgrammeKind]*gw{}
	for i := range e.f.Programmes {
		p := &e.f.Programmes[i]
		if !e.in(p.PlaceID, s.PlaceID) || (vacancyFiltered(s) && !slices.ContainsFunc(p.LeadsTo, func(o string) bool { return e.occupationMatches(o, s) })) {
			continue
		}
		c := kinds[p.Kind]
		if c == nil {
			c = &gw{}
			kinds[p.Kind] = c
		}
		c.vacancies++
		c.routes++
		c.filled += starts[p.ID]
	}
	for _, k := range workforce.ProgrammeKinds {
		if c := kinds[k]; c != nil {
			r := b.row()
			r.label("programmes: " + string(k))
			r.label(string(k))
			r.value(float64(c.vacancies))
			r.none()
			r.none()
			r.none()
			r.none()
			r.none()
			r.value(float64(c.routes))
			r.people(c.filled)
		}
	}
	b.note("Pay is judged on the lowest advertised pay; vacancies without pay are left out of payAtLeastRLWShare.")
	b.note("Programme rows count programmes located in the place (and leading to an occupation in the slice), whatever their dates.")
	return b.finish(), nil
}

// paysLivingWage reports whether the lowest advertised pay per hour is at
// least the Real Living Wage.
func (e *Engine) paysLivingWage(v *Vacancy) bool {
	hours := v.HoursPerWeek
	if hours <= 0 {
		hours = 37.5
	}
	return v.SalaryMin/52/hours >= e.LivingWage-1e-9
}
