package matching

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/onework/onework/workforce"
)

// Reasons are written for an adviser to read out, about the person in the
// third person ("they", "their"), in both directions. They describe the
// components the score was made of and never anything else about the person.

// reasons explains one pair: skills, distance, local area, access and, for
// a person's vacancies, good work.
func (x *index) reasons(dir direction, p *person, v *vacancy, c *components, ms []SkillMatch) []string {
	out := x.skillReasons(ms)
	out = append(out, x.distanceReason(dir, p, c))
	out = append(out, x.localReason(dir, p, v))
	if r := accessReason(x.decile(p.place)); r != "" {
		out = append(out, r)
	}
	if dir == vacanciesDir {
		out = append(out, x.goodWorkReasons(v, p, &c.good)...)
	}
	return out
}

func (x *index) skillLabel(id string) string {
	if i, ok := x.skills.lookup(id); ok && x.skills.rows[i].label != "" {
		return x.skills.rows[i].label
	}
	return id
}

func (x *index) skillReasons(ms []SkillMatch) []string {
	if len(ms) == 0 {
		return []string{fmt.Sprintf("The vacancy lists no required skills, so skills count as neutral (%v)", neutralSkills)}
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
			linked = append(linked, fmt.Sprintf("'%s' (holds '%s')", x.skillLabel(m.SkillID), x.skillLabel(m.Via)))
		case m.Tier == Missing && m.Essential:
			missing = append(missing, "'"+x.skillLabel(m.SkillID)+"'")
		}
	}
	var out []string
	switch {
	case ess > 0 && opt > 0:
		out = append(out, fmt.Sprintf("Holds %d of %s and %d of %d optional", essHeld, count(ess, "essential skill"), optHeld, opt))
	case ess > 0:
		out = append(out, fmt.Sprintf("Holds %d of %s", essHeld, count(ess, "essential skill")))
	default:
		out = append(out, fmt.Sprintf("Holds %d of %s asked for (none marked essential)", optHeld, count(opt, "skill")))
	}
	if len(linked) > 0 {
		out = append(out, fmt.Sprintf("Has linked skills, for part credit, towards %d more: %s", len(linked), listOf(linked, 3)))
	}
	if len(missing) > 0 {
		out = append(out, "Missing essential: "+listOf(missing, 3))
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
		return fmt.Sprintf("Lives %s km away, within %s", km(c.km), limit)
	}
	return fmt.Sprintf("The job is %s km from their home, within %s", km(c.km), limit)
}

// travelLimit words a person's travel limit.
func (x *index) travelLimit(p *person) string {
	if !p.has(flagTravelStated) {
		return fmt.Sprintf("the default %s km travel limit, as they have not stated one", km(p.travel))
	}
	return fmt.Sprintf("their %s km travel limit", km(p.travel))
}

// localPhrases words the local component for a direction: same local
// authority, same ICB area, neither.
func localPhrases(dir direction) [3]string {
	if dir == candidatesDir {
		return [3]string{"Lives in the same local authority as the vacancy (%s)", "Lives in the same ICB area as the vacancy (%s)", "Lives outside the vacancy's local authority and ICB area"}
	}
	return [3]string{"The job is in their home local authority (%s)", "The job is in their home ICB area (%s)", "The job is outside their home local authority and ICB area"}
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
		return fmt.Sprintf(phrases[0], x.places.rows[pa.la].name)
	case 0.5:
		return fmt.Sprintf(phrases[1], x.places.rows[pa.icb].name)
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

func (x *index) goodWorkReasons(v *vacancy, p *person, g *goodWork) []string {
	var out []string
	e := employer{}
	if v.employer != none {
		e = x.employers.rows[v.employer]
	}
	rate := fmt.Sprintf("£%.2f an hour", x.cfg.RealLivingWageHourly)
	switch {
	case e.rlw:
		out = append(out, "The employer is an accredited Real Living Wage employer")
	case g.rlw == 1:
		out = append(out, "Pays at least the Real Living Wage ("+rate+")")
	case payFloor(v) > 0:
		out = append(out, "Pays below the Real Living Wage ("+rate+")")
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
