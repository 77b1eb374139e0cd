package matching

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/onework/onework/workforce"
)

// Reasons are written for an adviser to read out, about the person in the
// third person ("they", "their"), in both directions. They describe the
// components the score was made of and never anything else about the person.

// reasons explains one pair: registration, experience, skills,
// preferences, distance, local area, access and, for a person's vacancies,
// good work. Every page explains each of its edges, so the common reasons
// are joined with + rather than formatted: the same text for less.
func (x *index) reasons(dir direction, p *person, v *vacancy, target int32, c *components, e *Edge) []string {
	out := make([]string, 0, 16)
	if r := e.Registration; r != nil {
		name := regulatorName(r.Regulator)
		if r.Held {
			out = append(out, fmt.Sprintf("Registered with the %s, as a %s must be", name, r.Title))
		} else {
			out = append(out, fmt.Sprintf("Needs registration: a %s must be on the %s register, and no registration in force is recorded for them. Route: %s",
				r.Title, name, r.Route))
		}
	}
	out = x.experienceReasons(out, target, e.Experience)
	out = x.skillReasons(out, e.Skills)
	if c.hoursOver > 0 {
		out = append(out, fmt.Sprintf("The job's %s hours a week are %s more than the %s they want: a small gap, which lowers the score a little",
			num(v.hours), num(c.hoursOver), num(float64(p.hours))))
	}
	if c.daysLate > 0 {
		out = append(out, fmt.Sprintf("They become available %s after the vacancy closes: worth asking the employer about the start date", count(int(math.Ceil(c.daysLate)), "day")))
	}
	out = append(out, x.distanceReason(dir, p, c))
	out = append(out, x.localReason(dir, p, v))
	if r := accessReason(x.decile(p.place)); r != "" {
		out = append(out, r)
	}
	if dir == vacanciesDir {
		out = x.goodWorkReasons(out, v, p, &c.good)
	}
	return out
}

func (x *index) skillLabel(id string) string {
	if i, ok := x.skills.lookup(id); ok && x.skills.rows[i].label != "" {
		return x.skills.rows[i].label
	}
	return id
}

// regulatorName is a regulator's name, or its code when unknown.
func regulatorName(r workforce.Regulator) string {
	if info, ok := workforce.RegulatorByCode(r); ok {
		return info.Name
	}
	return string(r)
}

func (x *index) occLabel(id string) string {
	if i, ok := x.occs.lookup(id); ok && x.occs.rows[i].label != "" {
		return x.occs.rows[i].label
	}
	return id
}

// years writes the dates of a spell of work: "2019-2023", "since 2021",
// "until 2020", or "" when neither is known.
func years(from, to *time.Time) string {
	switch {
	case from != nil && to != nil && from.Year() == to.Year():
		return strconv.Itoa(from.Year())
	case from != nil && to != nil:
		return fmt.Sprintf("%d-%d", from.Year(), to.Year())
	case from != nil:
		return fmt.Sprintf("since %d", from.Year())
	case to != nil:
		return fmt.Sprintf("until %d", to.Year())
	}
	return ""
}

// experienceReasons appends the experience reason to out.
func (x *index) experienceReasons(out []string, target int32, m *ExperienceMatch) []string {
	if target == none {
		return out
	}
	want := x.occs.rows[target].label
	if want == "" {
		want = x.occs.id(target)
	}
	if m == nil {
		return append(out, "No work in or close to "+want+" is recorded for them")
	}
	label := x.occLabel(m.OccupationID)
	same := m.OccupationID == x.occs.id(target)
	if m.Seeks {
		if same {
			return append(out, "Is looking for work as "+label+" (no work in it recorded)")
		}
		return append(out, "Is looking for work as "+label+", "+closeWord(m.Closeness)+" "+want)
	}
	s := "Worked as " + label
	if y := years(m.From, m.To); y != "" {
		s += ", " + y
	}
	if !same {
		s += ": " + closeWord(m.Closeness) + " " + want + " (ESCO's skills and groups)"
	}
	return append(out, s)
}

// closeWord words the closeness of two different occupations.
func closeWord(c float64) string {
	switch {
	case c >= 0.75:
		return "very close to"
	case c >= 0.4:
		return "close to"
	}
	return "related to"
}

// skillReasons appends the skills reasons to out.
func (x *index) skillReasons(out []string, ms []SkillMatch) []string {
	if len(ms) == 0 {
		return append(out, fmt.Sprintf("The vacancy lists no required skills, so skills count as neutral (%v)", neutralSkills))
	}
	var ess, essHeld, opt, optHeld int
	var linked, missing []string
	for _, m := range ms {
		held := 0
		if m.Tier == Held {
			held = 1
		}
		if m.Essential {
			ess, essHeld = ess+1, essHeld+held
		} else {
			opt, optHeld = opt+1, optHeld+held
		}
		switch {
		case m.Tier == Related:
			linked = append(linked, "'"+x.skillLabel(m.SkillID)+"' (holds '"+x.skillLabel(m.Via)+"')")
		case m.Tier == Missing && m.Essential:
			missing = append(missing, "'"+x.skillLabel(m.SkillID)+"'")
		}
	}
	var holds string
	switch {
	case ess > 0 && opt > 0:
		holds = "Holds " + strconv.Itoa(essHeld) + " of " + count(ess, "essential skill") + " and " + strconv.Itoa(optHeld) + " of " + strconv.Itoa(opt) + " optional"
	case ess > 0:
		holds = "Holds " + strconv.Itoa(essHeld) + " of " + count(ess, "essential skill")
	default:
		holds = "Holds " + strconv.Itoa(optHeld) + " of " + count(opt, "skill") + " asked for (none marked essential)"
	}
	if k := x.cfg.SkillsSaturation; ess > k {
		holds += " (a long list: holding about " + strconv.Itoa(k) + " of the most specific earns full skills credit)"
	}
	out = append(out, holds)
	if len(linked) > 0 {
		out = append(out, "Has linked skills, for part credit, towards "+strconv.Itoa(len(linked))+" more: "+listOf(linked, 3))
	}
	if len(missing) > 0 {
		out = append(out, "Missing essential: "+listOf(missing, 3))
	}
	return out
}

// num writes a number of hours to at most one decimal place.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}

// dateOfDay is the inverse of dayOf.
func dateOfDay(d int32) *time.Time {
	if d == noDay {
		return nil
	}
	t := time.Unix(int64(d)*86400, 0).UTC()
	return &t
}

// vacancyNotes are the notes about the vacancy itself.
func (x *index) vacancyNotes(v *vacancy, target int32, rq *request) []string {
	var out []string
	switch {
	case v.occ == none && target != none:
		out = append(out, fmt.Sprintf("The vacancy has no occupation, so experience was judged against %s, the nearest ESCO occupation to its title.", x.occs.rows[target].label))
	case v.occ == none && len(v.reqs) == 0:
		out = append(out, "The vacancy lists no skills and has no occupation, so fit cannot be judged and people are ranked on place alone: set its occupation or skills.")
	}
	if n := len(v.reqs) + len(v.extra); n > maxRequirements {
		out = append(out, fmt.Sprintf("The vacancy lists %d skills; the score weighs the %d most important and the reasons count all %d.", n, maxRequirements, n))
	}
	if g := x.vacancyRegulation(v, target); g != noReg {
		title, _ := x.profession(g, target)
		out = append(out, fmt.Sprintf("A %s must be registered with the %s: people without a registration in force rank below everyone registered, marked as needing registration.",
			title, regulatorName(workforce.Regulators[g].Regulator)))
	}
	return out
}

// countFor counts n people (or vacancies) for a note, as "Fewer than 5"
// for 1 to 4 unless the query may see exact counts.
func countFor(n int, dir direction, rq *request) string {
	one, many := "person", "people"
	if dir == vacanciesDir {
		one, many = "vacancy", "vacancies"
	}
	switch {
	case n < 5 && !rq.exactCounts:
		return "Fewer than 5 " + many
	case n == 1:
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// shortPageNotes say, when a page holds fewer matches than asked for and
// no more follow, which filters left pairs out and what would bring them
// back.
func shortPageNotes(dir direction, p *Page, rq *request, dropped *drops, cfg Config) []string {
	if p.HasNextPage || len(p.Edges) >= rq.first {
		return nil
	}
	var out []string
	add := func(why int, format string, args ...any) {
		if n := dropped[why]; n > 0 {
			were := "were"
			if n == 1 && rq.exactCounts {
				were = "was"
			}
			out = append(out, countFor(n, dir, rq)+" "+fmt.Sprintf(format, append([]any{were}, args...)...))
		}
	}
	if dir == candidatesDir {
		add(dropHours, "%s left out because the job's hours are more than %s above the most they want to work: ask them, or offer fewer hours.", num(cfg.HoursTolerance))
		add(dropStart, "%s left out because they become available more than %s after the vacancy closes: extend the closing date.", count(int(cfg.StartToleranceDays), "day"))
		add(dropRightToWork, "%s left out because the vacancy needs the right to work in the UK and none is recorded for them.")
		add(dropLocal, "%s left out because they live outside the vacancy's local authority and ICB area: drop localOnly.")
		add(dropFit, "%s left out because they hold none of its skills and have no experience close to it: set minSkills to 0 to see them.")
	} else {
		add(dropHours, "%s left out because their hours are more than %s above the most they want to work.", num(cfg.HoursTolerance))
		add(dropStart, "%s left out because they close more than %s before they become available.", count(int(cfg.StartToleranceDays), "day"))
		add(dropRightToWork, "%s left out because they need the right to work in the UK and none is recorded for them.")
		add(dropLocal, "%s left out because they are outside their home local authority and ICB area: drop localOnly.")
		add(dropFit, "%s left out because they hold none of the skills and no experience close to it: set minSkills to 0 to see them.")
		add(dropClosed, "within reach %s left out because they have closed.")
	}
	if rq.maxKm > 0 && !slices.Contains(p.Notes, noteNoVacancyReach) && !slices.Contains(p.Notes, noteNoPersonReach) {
		out = append(out, fmt.Sprintf("Only matches within %s km were looked for: widen maxDistanceKm to see more.", km(rq.maxKm)))
	}
	if rq.minScore > 0 {
		out = append(out, fmt.Sprintf("Matches scoring below %v were left out: lower minScore to see more.", rq.minScore))
	}
	return out
}

// count writes "1 skill" or "3 skills".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// listOf writes "a, b and c", naming at most max and counting the rest.
func listOf(items []string, max int) string {
	if len(items) > max {
		items = append(items[:max:max], fmt.Sprintf("%d more", len(items)-max))
	}
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// km writes a distance to 0.1 km.
func km(d float64) string {
	return strconv.FormatFloat(math.Round(d*10)/10, 'f', -1, 64)
}

func (x *index) distanceReason(dir direction, p *person, c *components) string {
	switch {
	case c.homeArea:
		return homeAreaReason(c, x.travelLimit(p))
	case c.located:
	case !p.has(flagLocated):
		return "Distance unknown: no home location is recorded for them"
	default:
		return "Distance unknown: the vacancy has no location"
	}
	limit := x.travelLimit(p)
	if dir == candidatesDir {
		return "Lives " + km(c.km) + " km away, within " + limit
	}
	return "The job is " + km(c.km) + " km from their home, within " + limit
}

// travelLimit words a person's travel limit.
func (x *index) travelLimit(p *person) string {
	if !p.has(flagTravelStated) {
		return "the default " + km(float64(p.travel)) + " km travel limit, as they have not stated one"
	}
	return "their " + km(float64(p.travel)) + " km travel limit"
}

// localPhrases words the local component for a direction: same local
// authority, same ICB area (each followed by the area's name in
// brackets), neither.
func localPhrases(dir direction) [3]string {
	if dir == candidatesDir {
		return [3]string{"Lives in the same local authority as the vacancy", "Lives in the same ICB area as the vacancy", "Lives outside the vacancy's local authority and ICB area"}
	}
	return [3]string{"The job is in their home local authority", "The job is in their home ICB area", "The job is outside their home local authority and ICB area"}
}

func (x *index) localReason(dir direction, p *person, v *vacancy) string {
	pa, va := x.areasOf(p.place), x.areasOf(v.area)
	switch {
	case !pa.known():
		return "Their home area is not recorded, so local priority could not be checked"
	case !va.known():
		return "The vacancy's area is not recorded, so local priority could not be checked"
	}
	phrases := localPhrases(dir)
	switch localComponent(pa, va) {
	case 1:
		return phrases[0] + " (" + x.places.rows[pa.la].name + ")"
	case 0.5:
		return phrases[1] + " (" + x.places.rows[pa.icb].name + ")"
	}
	return phrases[2]
}

func accessReason(decile int) string {
	if accessComponent(decile) == 0 {
		return ""
	}
	return fmt.Sprintf("Lives in one of the 20%% most deprived areas (IMD decile %d): widening-access priority", decile)
}

func contractPhrase(c workforce.ContractType) string {
	switch c {
	case workforce.ContractPermanent:
		return "Permanent contract"
	case workforce.ContractApprenticeship:
		return "Apprenticeship: paid work with training"
	case workforce.ContractFixedTerm:
		return "Fixed-term contract"
	case workforce.ContractTemporary:
		return "Temporary contract"
	case workforce.ContractBank:
		return "Bank (as-needed) work"
	case workforce.ContractZeroHours:
		return "Zero-hours contract: hours are not guaranteed"
	}
	return ""
}

// pounds writes an amount to the pound with thousands separators.
func pounds(f float64) string {
	s := strconv.FormatInt(int64(math.Round(f)), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return "£" + s
}

// goodWorkReasons appends the good-work reasons to out.
func (x *index) goodWorkReasons(out []string, v *vacancy, p *person, g *goodWork) []string {
	e := employer{}
	if v.employer != none {
		e = x.employers.rows[v.employer]
	}
	switch {
	case e.rlw:
		out = append(out, "The employer is an accredited Real Living Wage employer")
	case g.rlw == 1:
		out = append(out, "Pays at least the Real Living Wage ("+x.livingWageRate()+")")
	case payFloor(v) > 0:
		out = append(out, "Pays below the Real Living Wage ("+x.livingWageRate()+")")
	}
	if charterScore(e.charter) > 0 {
		level := string(e.charter)
		out = append(out, "The employer's good-employment charter level is "+level[:1]+strings.ToLower(level[1:]))
	}
	if s := contractPhrase(v.contract); s != "" {
		out = append(out, s)
	}
	if v.flexible {
		out = append(out, "Offers flexible working")
	}
	if offered := v.offered; offered > 0 {
		s := "Pays about " + pounds(offered) + " a year"
		if cur := float64(p.pay); cur > 0 {
			switch d := offered/cur - 1; {
			case math.Abs(d) < 0.025:
				s += ", about the same as their current pay"
			case d > 0:
				s += fmt.Sprintf(", %.0f%% more than their current pay", d*100)
			default:
				s += fmt.Sprintf(", %.0f%% less than their current pay", -d*100)
			}
		}
		out = append(out, s)
	}
	if e.dc {
		out = append(out, "The employer is Disability Confident")
	}
	if v.hasCloses {
		out = append(out, "Closes on "+v.closes.Format("2 January 2006"))
	}
	return out
}

// livingWageRate words Config.RealLivingWageHourly.
func (x *index) livingWageRate() string {
	return "£" + strconv.FormatFloat(x.cfg.RealLivingWageHourly, 'f', 2, 64) + " an hour"
}
