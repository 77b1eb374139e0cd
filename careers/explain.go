package careers

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// explain writes out a viable move: its skills, numbers and reasons.
func (e *Engine) explain(o *origin, s *scratch, c candidate) Move {
	t := &e.occs[c.occ]
	sim, coverT, coverO := e.similarity(o, s, c.occ)
	m := Move{
		OccupationID: t.id, Label: t.label,
		Score: c.score, Parts: c.parts,
		Similarity: sim, CoverTarget: coverT, CoverOrigin: coverO,
		JobZone: t.jobZone, AnnualPay: t.pay, PayRatio: payRatio(o.pay, t.pay), PayInfo: t.payInfo,
		CrossSector: e.crossSector(o, t), Sectors: t.sectors,
		Sought: slices.Contains(o.seeks, c.occ),
	}
	if c.hasDemand {
		n, d := c.vac, c.demand
		m.Vacancies, m.Parts.Demand = &n, &d
	}
	m.JobZoneStep, m.JobZoneKnown = jobZoneStep(o.jobZone, t.jobZone)
	m.Closeness = c.close
	m.PrepStep, m.PrepUK, m.PrepKnown = e.prepStep(o, t)
	m.QualificationStep = m.PrepKnown && m.PrepStep > c.maxStep
	m.OpenEntry = t.open
	if m.QualificationStep {
		m.Route = e.routes[t.soc]
	}
	// One backing array for both lists, each nil when empty as append
	// leaves it.
	nShared := 0
	for _, r := range t.reqs {
		if tier, _ := s.credit(r.node); tier == tierHeld {
			nShared++
		}
	}
	refs := make([]SkillRef, len(t.reqs))
	if nShared > 0 {
		m.Shared = refs[:0:nShared]
	}
	if nShared < len(refs) {
		m.Missing = refs[nShared:nShared]
	}
	for _, r := range t.reqs {
		tier, via := s.credit(r.node)
		ref := SkillRef{SkillID: e.nodes[r.node].id, Label: e.nodes[r.node].label, Essential: r.essential, Credit: e.tierCredit(tier)}
		if tier == tierHeld {
			m.Shared = append(m.Shared, ref)
			continue
		}
		if tier != tierNone {
			ref.Via, ref.ViaLabel = e.nodes[via].id, e.nodes[via].label
		}
		m.Missing = append(m.Missing, ref)
	}
	m.Reasons = e.reasons(o, t, &m)
	return m
}

// reasons are the plain-English explanation of m, in the order an adviser
// would give it: fit, gap, preparation, pay, demand, sector.
func (e *Engine) reasons(o *origin, t *occupation, m *Move) []string {
	rs := make([]string, 0, 10)
	add := func(format string, args ...any) { rs = append(rs, fmt.Sprintf(format, args...)) }

	shared, sharedEss := len(m.Shared), countEssential(m.Shared)
	ess := sharedEss + countEssential(m.Missing)
	subject := "You hold"
	if !o.person {
		subject = capital(article(o.label)) + " has"
	}
	add("%s %d of the %d skills %s needs (%d of %d essential), for a skills similarity of %.2f, weighing specific skills above common ones.",
		subject, shared, shared+len(m.Missing), article(t.label), sharedEss, ess, m.Similarity)
	// The missing skills that earn partial credit: related skills first,
	// since a skill of the same group earns less and says less about the
	// move. Counted, with the first of each kind, rather than listed.
	var nRelated, nKin int
	var related, kin *SkillRef
	for i := range m.Missing {
		r := &m.Missing[i]
		switch {
		case r.Via == "":
		case r.Credit >= e.cfg.RelatedCredit:
			if nRelated++; related == nil {
				related = r
			}
		default:
			if nKin++; kin == nil {
				kin = r
			}
		}
	}
	if partial := nRelated + nKin; partial > 0 {
		const viaRelated, viaKin = "through related skills, such as %q for %q", "through a skill of the same ESCO group or broader skill, such as %q for %q"
		counts := plural(partial, "counts", "count")
		switch {
		case nKin == 0:
			add("%d more %s in part "+viaRelated+".", partial, counts, related.ViaLabel, related.Label)
		case nRelated == 0:
			add("%d more %s in part "+viaKin+".", partial, counts, kin.ViaLabel, kin.Label)
		default:
			add("%d more %s in part: %d "+viaRelated+"; %d "+viaKin+".", partial, counts,
				nRelated, related.ViaLabel, related.Label, nKin, kin.ViaLabel, kin.Label)
		}
	}
	if missing := ess - sharedEss; missing > 0 {
		add("Still to learn: %d essential %s, such as %s.", missing, plural(missing, "skill", "skills"), quoteLabels(m.Missing, 3))
	} else {
		add("No essential skill is missing.")
	}

	from := "the current occupation"
	if o.label != "" {
		from = o.label
	}
	if m.QualificationStep {
		route := "."
		if m.Route != "" {
			route = ": " + m.Route
		}
		add("Needs a qualification step: %s does the same work at a higher level of preparation%s", t.label, route)
	}
	switch {
	case m.PrepUK:
		switch {
		case m.PrepStep == 0:
			add("The same UK skill level (SOC 2020 level %d).", t.level)
		case m.PrepStep > 0:
			add("%s up in UK skill level (SOC 2020 level %d to %d): expect training or a qualification.", capital(steps(m.PrepStep)), o.level, t.level)
		default:
			add("%s down in UK skill level (SOC 2020 level %d to %d).", capital(steps(-m.PrepStep)), o.level, t.level)
		}
	case !m.JobZoneKnown:
		add("The job zone of %s is unknown, so the step in preparation was not checked.", unknownSide(o.jobZone == 0, from, t.label))
	case m.JobZoneStep == 0:
		add("The same level of preparation (job zone %d).", t.jobZone)
	case m.JobZoneStep > 0:
		add("%s up in preparation (job zone %d to %d): expect some training.", capital(steps(m.JobZoneStep)), o.jobZone, t.jobZone)
	default:
		add("%s down in preparation (job zone %d to %d).", capital(steps(-m.JobZoneStep)), o.jobZone, t.jobZone)
	}

	raised := ""
	if base := SkillLevel(t.soc); base != t.level {
		raised = fmt.Sprintf("; it is judged at UK skill level %d although its SOC 2020 unit group %s is at level %d", t.level, t.soc, base)
	}
	switch {
	case t.senior:
		add("A senior or advisory job by its title (a manager, director or consultant, which ONS codes at skill level 3 or 4): people come to it with experience or a qualification in the field, so it is not open entry%s.", raised)
	case t.onetSupervisory:
		add("A supervisory job (O*NET counts it among managers or first-line supervisors): people are promoted into it from the work it supervises, so it is not open entry%s.", raised)
	case t.supervises:
		add("A supervisory job by its title (a supervisor, or the chief or head of others): people are promoted into it from the work it leads, so it is not open entry%s.", raised)
	}
	if m.OpenEntry && !m.QualificationStep {
		add("Open entry: ONS's typical entry routes for SOC 2020 unit group %s ask no formal qualifications, and training is on the job.", t.soc)
	}

	switch {
	case m.PayRatio == 0:
		add("The typical pay of %s is unknown, so pay counts as neutral.", unknownSide(o.pay == 0, from, t.label))
	case m.PayRatio < 0.75:
		add("Typical pay %s (%s): %.2f times %s, below the 75%% Nesta counts as a desirable move.", pounds(t.pay), t.payInfo.Describe(), m.PayRatio, o.payPhrase())
	default:
		add("Typical pay %s (%s): %.2f times %s.", pounds(t.pay), t.payInfo.Describe(), m.PayRatio, o.payPhrase())
	}

	if m.Vacancies != nil {
		switch n := *m.Vacancies; n {
		case 0:
			add("No open vacancies within reach now.")
		default:
			add("%d open %s within reach.", n, plural(n, "vacancy", "vacancies"))
		}
	}

	sameUnit := o.occ >= 0 && t.soc != "" && e.occs[o.occ].soc == t.soc
	switch {
	case sectorChange(o.sectors, t.sectors) && sameUnit:
		add("Another skills-based sector (%s) but the same SOC 2020 unit group (%s): the same kind of work.", e.sectorNames(t.sectors), t.soc)
	case sectorChange(o.sectors, t.sectors):
		add("A change of sector: from %s to %s.", e.sectorNames(o.sectors), e.sectorNames(t.sectors))
	case len(o.sectors) > 0 && len(t.sectors) > 0:
		add("Stays within %s.", e.sectorNames(intersect(o.sectors, t.sectors)))
	}
	if kindChange(o.kind, string(t.kind)) {
		add("A change of employer: mostly %s rather than %s.", kindName(string(t.kind)), kindName(o.kind))
	}
	if o.person && m.Sought {
		add("You said you are looking for this occupation.")
	}
	return rs
}

// payPhrase names the origin's pay for a reason.
func (o *origin) payPhrase() string {
	if o.ownPay {
		return "the " + pounds(o.pay) + " you are paid now"
	}
	return "the " + pounds(o.pay) + " of " + article(o.label)
}

func countEssential(refs []SkillRef) int {
	n := 0
	for _, r := range refs {
		if r.Essential {
			n++
		}
	}
	return n
}

// quoteLabels quotes the labels of the first n essential skills in refs.
func quoteLabels(refs []SkillRef, n int) string {
	var q []string
	for _, r := range refs {
		if r.Essential && len(q) < n {
			q = append(q, strconv.Quote(r.Label))
		}
	}
	return strings.Join(q, ", ")
}

// unknownSide names the side of a move whose value is unknown.
func unknownSide(fromUnknown bool, from, to string) string {
	if fromUnknown {
		return from
	}
	return to
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func steps(n int) string {
	words := []string{"no steps", "one step", "two steps", "three steps", "four steps"}
	if n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n) + " steps"
}

// article puts "a" or "an" before a label, by its first letter: right for
// almost every ESCO label, and far easier to read than a label in quotes.
func article(label string) string {
	if label != "" && strings.ContainsRune("aeiouAEIOU", rune(label[0])) {
		return "an " + label
	}
	return "a " + label
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// pounds formats whole pounds with thousands separators, rounded to the
// nearest hundred: typical pay is an estimate, and more digits would claim
// a precision it does not have.
func pounds(x float64) string {
	n := int64(math.Round(x/100) * 100)
	digits := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return "£" + b.String()
}

// sectorNames names sectors, by their names where known.
func (e *Engine) sectorNames(ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id
		if n := e.sectorName[id]; n != "" {
			names[i] = n
		}
		names[i] = strconv.Quote(names[i])
	}
	return strings.Join(names, " and ")
}

// intersect returns the ids in both sorted lists.
func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); ok {
			out = append(out, x)
		}
	}
	return out
}

// kindName turns an employer kind such as LOCAL_AUTHORITY into words.
func kindName(kind string) string {
	switch kind {
	case "NHS", "VCSE":
		return kind + " employers"
	}
	return strings.ToLower(strings.ReplaceAll(kind, "_", " ")) + " employers"
}
