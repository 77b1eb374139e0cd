package seed

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/onework/onework/store"
	"github.com/onework/onework/workforce"
)

// Shares of the demo's caseload drawn from the groups the partnership
// exists for; the rest follow the UK's occupational mix (ONS ASHE jobs by
// SOC 2020 unit group).
const (
	shareHealthCare   = 0.12 // health and care workers changing jobs
	shareRetailToCare = 0.08 // retail and hospitality workers open to care
	shareReturners    = 0.06 // returning after a break of two to eight years
	shareLeavers      = 0.06 // school and college leavers
	shareOutOfWork    = 0.05 // out of work, living in IMD decile 1-2 LSOAs
)

// storyPeople are the people of the scenario book (docs/demo.md), the
// first ids of the caseload.
const storyPeople = 6

// weighted is a choice with a weight.
type weighted struct {
	label  string
	weight int
}

var (
	healthCareMix = []weighted{{"nurse responsible for general care", 25}, {"healthcare assistant", 20}, {"care at home worker", 12},
		{"residential home older adult care worker", 13}, {"domestic cleaner", 10}, {"hospital porter", 10},
		{"administrative assistant", 5}, {"medical administrative assistant", 5}}
	// stepUp is the move a health or care worker most often seeks when not
	// the same job.
	stepUp = map[string]string{"healthcare assistant": "nurse assistant", "care at home worker": "healthcare assistant",
		"residential home older adult care worker": "healthcare assistant", "domestic cleaner": "hospital porter",
		"hospital porter": "healthcare assistant", "administrative assistant": "medical administrative assistant"}
	retailHospitality = []string{"shop assistant", "sales assistant", "cashier", "waiter/waitress", "kitchen assistant", "bartender"}
	intoCare          = []string{"care at home worker", "residential home older adult care worker", "healthcare assistant"}
	returnerPast      = []string{"nurse responsible for general care", "healthcare assistant", "care at home worker",
		"residential home older adult care worker", "administrative assistant", "domestic cleaner", "shop assistant"}
	leaverSeeks   = []string{"care at home worker", "healthcare assistant", "administrative assistant", "kitchen assistant", "waiter/waitress", "sales assistant", "warehouse worker"}
	outOfWorkPast = []string{"domestic cleaner", "warehouse worker", "shop assistant", "cashier", "kitchen assistant"}
	outOfWorkSeek = []string{"domestic cleaner", "hospital porter", "kitchen assistant", "care at home worker", "warehouse worker"}
)

// ids resolves ESCO labels to occupation ids.
func (d *demo) ids(labels ...string) ([]string, error) {
	out := make([]string, len(labels))
	for i, l := range labels {
		id, err := d.occupation(l)
		if err != nil {
			return nil, err
		}
		out[i] = id
	}
	return out, nil
}

// mustIDs is ids for labels already checked by checkLabels.
func (d *demo) mustIDs(labels ...string) []string {
	out, err := d.ids(labels...)
	if err != nil {
		panic(err)
	}
	return out
}

// checkLabels fails, naming the label, if ESCO lacks an occupation the
// demo names.
func (d *demo) checkLabels() error {
	var labels []string
	for _, w := range healthCareMix {
		labels = append(labels, w.label)
	}
	for _, v := range stepUp {
		labels = append(labels, v)
	}
	labels = slices.Concat(labels, retailHospitality, intoCare, returnerPast, leaverSeeks, outOfWorkPast, outOfWorkSeek)
	for _, e := range demoEmployers {
		for _, r := range e.roles {
			labels = append(labels, r.occupation)
		}
	}
	for _, r := range councilRoles {
		labels = append(labels, r.occupation)
	}
	for _, p := range demoProgrammes {
		labels = slices.Concat(labels, p.leadsTo, p.teaches.from, p.teaches.except)
	}
	labels = append(labels, hospitalPorter.occupation)
	_, err := d.ids(labels...)
	return err
}

func (d *demo) pickWeighted(ws []weighted) string {
	total := 0
	for _, w := range ws {
		total += w.weight
	}
	n := d.rng.IntN(total)
	for _, w := range ws {
		if n < w.weight {
			return w.label
		}
		n -= w.weight
	}
	return ws[len(ws)-1].label
}

// hospitalPorter is the one synthetic NHS advert: the 2020 adverts of
// Gloucestershire hold no porter. Agenda for Change band 2 pay, 2025-26.
var hospitalPorter = role{title: "Hospital Porter - Band 2", occupation: "hospital porter", annual: [2]float64{24_465, 24_465}, hours: 37.5, contract: workforce.ContractPermanent}

// buildEmployers makes the synthetic employers and their vacancies: the
// care providers, VCSE and private employers of demoEmployers, a council
// for each local authority in the area, and a porter advert at the first
// NHS trust in the area.
func (d *demo) buildEmployers() error {
	if err := d.checkLabels(); err != nil {
		return err
	}
	plans := slices.Clone(demoEmployers)
	for _, p := range d.places.Places {
		if p.Kind == workforce.PlaceLocalAuthority {
			k := len(plans)
			plans = append(plans, employerPlan{name: p.Name + " Council (demo)", kind: workforce.EmployerLocalAuthority, la: p.Name, rlw: true,
				roles: []role{councilRoles[k%len(councilRoles)], councilRoles[(k+1)%len(councilRoles)], councilRoles[(k+2)%len(councilRoles)]}})
		}
	}
	for i, plan := range plans {
		e := d.employer(d.prefix, i, plan.kind, plan.name, pick(d.rng, d.lsoasIn(plan.la)))
		e.RealLivingWage = plan.rlw
		d.employers = append(d.employers, e)
		for _, r := range plan.roles {
			d.addVacancy(e, r)
		}
	}
	for _, t := range d.places.Trusts {
		if t.ID == "ods:RTE" || len(d.places.Trusts) == 1 {
			v := d.addVacancy(t, hospitalPorter)
			v.Title = hospitalPorter.title + " (synthetic demo advert)"
			v.Description = fmt.Sprintf("Synthetic demo advert: the 2020 NHS Jobs adverts hold no porter in this area, so the demo adds one at %s. "+
				"Moving patients, equipment and specimens around the hospital; full training given.", t.Name)
		}
	}
	return nil
}

// addVacancy adds a vacancy of role r at employer e.
func (d *demo) addVacancy(e *workforce.Employer, r role) *workforce.Vacancy {
	occ := d.mustIDs(r.occupation)[0]
	v, reqs := d.vacancy(d.prefix, len(d.vacancies), e, r, occ)
	d.vacancies = append(d.vacancies, v)
	d.requires = append(d.requires, reqs...)
	return v
}

// academicYearBefore names the last academic year (September to July) that
// ended before t, such as "2025/26".
func academicYearBefore(t time.Time) string {
	end := t.Year()
	if t.Month() < time.August {
		end--
	}
	return fmt.Sprintf("%d/%02d", end-1, end%100)
}

// buildLearning makes the providers and programmes, what each teaches and
// leads to, and last year's progressions.
func (d *demo) buildLearning() error {
	byKey := map[string]*workforce.Provider{}
	for _, pp := range demoProviders {
		home := pick(d.rng, d.lsoasIn(pp.la))
		p := &workforce.Provider{ID: d.prefix + "-provider-" + pp.key, Name: pp.name, Kind: pp.kind, PlaceID: home.ID, Location: d.near(*home.Location, 0.2)}
		byKey[pp.key] = p
		d.providers = append(d.providers, p)
	}
	period := academicYearBefore(d.today)
	for _, plan := range demoProgrammes {
		prov := byKey[plan.provider]
		places := plan.places
		p := &workforce.Programme{
			ID: d.prefix + "-programme-" + plan.key, Title: plan.title, Description: plan.description, Kind: plan.kind,
			ProviderID: prov.ID, PlaceID: prov.PlaceID, Location: prov.Location,
			StartDate: ptr(d.today.AddDate(0, plan.startMonths, 0)), DurationWeeks: plan.weeks, PlacesLeft: &places,
			Cost: plan.cost, Eligibility: plan.eligibility,
		}
		if plan.standard != "" {
			std, ok := d.standards[plan.standard]
			if !ok || !std.Approved {
				return fmt.Errorf("apprenticeship standard %s is not approved for delivery in the Institute's list", plan.standard)
			}
			p.Title = fmt.Sprintf("%s apprenticeship, level %d (%s) (demo)", std.Name, std.Level, std.Reference)
			p.DurationWeeks = std.Months * 52 / 12
			p.Description = fmt.Sprintf("Apprenticeship standard %s (%s, level %d) from the Institute for Apprenticeships and Technical Education; "+
				"typically %d months of paid work with off-the-job training at %s.", std.Reference, std.Name, std.Level, std.Months, prov.Name)
			p.Eligibility = "Aged 16 or over, not in full-time education; employed as an apprentice by a local employer"
		}
		d.programmes = append(d.programmes, p)
		for i, occ := range d.mustIDs(plan.leadsTo...) {
			d.leadsTo = append(d.leadsTo, store.BulkLink{FromID: p.ID, ToID: occ})
			if i < len(plan.learners) {
				d.progressions = append(d.progressions, workforce.Progression{ProgrammeID: p.ID, OccupationID: occ, Learners: plan.learners[i], Period: period})
			}
		}
		for _, skill := range d.taught(plan.teaches) {
			d.teaches = append(d.teaches, store.BulkLink{FromID: p.ID, ToID: skill})
		}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

// taught lists the skills a teach rule gives.
func (d *demo) taught(r teachRule) []string {
	except := map[string]bool{}
	for _, occ := range d.mustIDs(r.except...) {
		for _, s := range d.essentials(occ) {
			except[s] = true
		}
	}
	var out []string
	for _, occ := range d.mustIDs(r.from...) {
		for _, s := range d.essentials(occ) {
			if !except[s] {
				out = append(out, s)
			}
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if r.limit > 0 && len(out) > r.limit {
		out = out[:r.limit]
	}
	return out
}

// unitGroups maps each SOC 2020 unit group with ASHE jobs to the ESCO
// occupations (with required skills) in it.
func (d *demo) unitGroups() ([]string, map[string][]string) {
	occs := map[string][]string{}
	for _, id := range d.occupations {
		if o := d.occ[id]; o.SOCCode != "" && d.pay[o.SOCCode].Jobs > 0 {
			occs[o.SOCCode] = append(occs[o.SOCCode], id)
		}
	}
	codes := make([]string, 0, len(occs))
	for c := range occs {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes, occs
}

// fromMix draws an occupation from the UK mix: a unit group by its ASHE
// job count, then one of its ESCO occupations (generalWeighted).
func (d *demo) fromMix(codes []string, occs map[string][]string, total float64) string {
	x := d.rng.Float64() * total
	for _, c := range codes {
		if x -= d.pay[c].Jobs; x < 0 {
			return d.generalWeighted(occs[c])
		}
	}
	return d.generalWeighted(occs[codes[len(codes)-1]])
}

// generalWeighted picks one of occupations, favouring general titles over
// specialised ones (weight 1/words², so "sales assistant" comes up far
// more often than "audiology equipment specialised seller").
func (d *demo) generalWeighted(occupations []string) string {
	weights := make([]float64, len(occupations))
	total := 0.0
	for i, id := range occupations {
		w := float64(len(strings.Fields(d.occ[id].Label)))
		weights[i] = 1 / (w * w)
		total += weights[i]
	}
	x := d.rng.Float64() * total
	for i, w := range weights {
		if x -= w; x < 0 {
			return occupations[i]
		}
	}
	return occupations[len(occupations)-1]
}

// nearby picks an occupation in the same SOC 2020 minor group as occ (the
// move people most often seek), or occ when the group has no other.
func (d *demo) nearby(occ string, codes []string, occs map[string][]string) string {
	soc := d.occ[occ].SOCCode
	var same []string
	for _, c := range codes {
		if len(soc) == 4 && strings.HasPrefix(c, soc[:3]) {
			for _, o := range occs[c] {
				if o != occ {
					same = append(same, o)
				}
			}
		}
	}
	if len(same) == 0 {
		return occ
	}
	return d.generalWeighted(same)
}

// buildPeople makes n people: the scenario book's people, the groups the
// partnership exists for, and the rest from the UK's occupational mix
// (seeking their own occupation, or for three in ten a neighbour in its
// SOC minor group);
// their homes are spread so that the share living in IMD decile 1-2 LSOAs
// matches the area's share of such LSOAs.
func (d *demo) buildPeople(n int) error {
	if n < storyPeople {
		return fmt.Errorf("--people must be at least %d, got %d", storyPeople, n)
	}
	var deprived, rest []*workforce.Place
	for _, p := range d.lsoas {
		if p.IMDDecile >= 1 && p.IMDDecile <= 2 {
			deprived = append(deprived, p)
		} else {
			rest = append(rest, p)
		}
	}
	codes, occs := d.unitGroups()
	total := 0.0
	for _, c := range codes {
		total += d.pay[c].Jobs
	}
	if len(codes) == 0 {
		return fmt.Errorf("no ESCO occupation has a SOC 2020 unit group with ASHE jobs: import soc first")
	}
	profiles := d.storyProfiles(deprived)
	count := func(share float64) int { return int(math.Round(share * float64(n))) }
	id := func(l string) string { return d.mustIDs(l)[0] }
	for range count(shareHealthCare) {
		occ := d.pickWeighted(healthCareMix)
		seeks := occ
		if up, ok := stepUp[occ]; ok && d.rng.IntN(5) == 0 {
			seeks = up
		}
		profiles = append(profiles, profile{past: []string{id(occ)}, yearsIn: 1 + 11*d.rng.Float64(), seeks: []string{id(seeks)}})
	}
	for range count(shareRetailToCare) {
		pr := profile{past: []string{id(pick(d.rng, retailHospitality))}, yearsIn: 1 + 8*d.rng.Float64(), seeks: []string{id(pick(d.rng, intoCare))}}
		if d.rng.IntN(10) < 3 {
			pr.stoppedYearsAgo = 0.25 + d.rng.Float64()
		}
		profiles = append(profiles, pr)
	}
	for range count(shareReturners) {
		occ := id(pick(d.rng, returnerPast))
		profiles = append(profiles, profile{past: []string{occ}, yearsIn: 2 + 8*d.rng.Float64(), stoppedYearsAgo: 2 + 6*d.rng.Float64(), seeks: []string{occ}})
	}
	for range count(shareLeavers) {
		profiles = append(profiles, profile{seeks: []string{id(pick(d.rng, leaverSeeks))}, hours: 37.5, travel: pick(d.rng, []float64{5, 8, 10, 15})})
	}
	outOfWork := count(shareOutOfWork)
	for range outOfWork {
		profiles = append(profiles, profile{past: []string{id(pick(d.rng, outOfWorkPast))}, yearsIn: 1 + 4*d.rng.Float64(),
			stoppedYearsAgo: 0.5 + 2.5*d.rng.Float64(), seeks: []string{id(pick(d.rng, outOfWorkSeek))}, home: pick(d.rng, deprived)})
	}
	for len(profiles) < n {
		occ := d.fromMix(codes, occs, total)
		pr := profile{past: []string{occ}, yearsIn: 1 + 12*d.rng.Float64(), seeks: []string{occ}}
		if d.rng.IntN(7) == 0 {
			pr.stoppedYearsAgo = 0.2 + 2*d.rng.Float64()
		}
		if d.rng.IntN(10) < 3 {
			pr.seeks = []string{d.nearby(occ, codes, occs)}
		}
		profiles = append(profiles, pr)
	}
	profiles = profiles[:n]
	d.placeHomes(profiles, deprived, rest)
	org := d.prefix + "-org"
	for i, pr := range profiles {
		p, skills := d.person(d.prefix, org, i, pr)
		d.people = append(d.people, p)
		d.personSkills = append(d.personSkills, skills...)
	}
	d.buildCompletions()
	return nil
}

// placeHomes gives a home to every profile without one: in IMD decile 1-2
// LSOAs for as many as the area's share of such LSOAs asks, less those
// already placed there, elsewhere for the rest.
func (d *demo) placeHomes(profiles []profile, deprived, rest []*workforce.Place) {
	if len(deprived) == 0 || len(rest) == 0 {
		return // the generator picks from every LSOA
	}
	want := int(math.Round(float64(len(deprived)) / float64(len(d.lsoas)) * float64(len(profiles))))
	var open []int
	for i, pr := range profiles {
		if pr.home == nil {
			open = append(open, i)
		} else if pr.home.IMDDecile <= 2 {
			want--
		}
	}
	for k, j := range d.rng.Perm(len(open)) {
		if k < want {
			profiles[open[j]].home = pick(d.rng, deprived)
		} else {
			profiles[open[j]].home = pick(d.rng, rest)
		}
	}
}

// storyProfiles are the scenario book's people, in the order of their ids.
func (d *demo) storyProfiles(deprived []*workforce.Place) []profile {
	id := func(l string) string { return d.mustIDs(l)[0] }
	gloucester := d.lsoasIn("Gloucester")
	cheltenham := d.lsoasIn("Cheltenham")
	// The most deprived LSOA in Gloucester, for the scenario book's first
	// story.
	mostDeprived := slices.MinFunc(gloucester, func(a, b *workforce.Place) int {
		return cmp.Or(cmp.Compare(orLarge(a.IMDDecile), orLarge(b.IMDDecile)), strings.Compare(a.ID, b.ID))
	})
	return []profile{
		// 0: a retail assistant in a deprived Gloucester LSOA who wants to move into care.
		{past: []string{id("shop assistant"), id("sales assistant")}, yearsIn: 6, seeks: []string{id("care at home worker")},
			home: mostDeprived, allEssentials: true, hours: 30, travel: 10},
		// 1: a registered nurse in work, for the staff nurse story.
		{past: []string{id("nurse responsible for general care")}, yearsIn: 8, seeks: []string{id("nurse responsible for general care")},
			home: pick(d.rng, gloucester), allEssentials: true, hours: 37.5, travel: 15},
		// 2: a nurse returning after four years.
		{past: []string{id("nurse responsible for general care")}, yearsIn: 10, stoppedYearsAgo: 4, seeks: []string{id("nurse responsible for general care")},
			home: pick(d.rng, cheltenham), hours: 24, travel: 20},
		// 3: a cleaner out of work in a deprived LSOA, for the domestic and porter stories.
		{past: []string{id("domestic cleaner")}, yearsIn: 5, stoppedYearsAgo: 1.5, seeks: []string{id("domestic cleaner"), id("hospital porter")},
			home: pick(d.rng, append(slices.Clone(deprived), mostDeprived)), allEssentials: true, hours: 37.5, travel: 12},
		// 4: a school leaver who wants to be a healthcare assistant.
		{seeks: []string{id("healthcare assistant")}, home: pick(d.rng, gloucester), hours: 37.5, travel: 10},
		// 5: a waitress open to care work.
		{past: []string{id("waiter/waitress")}, yearsIn: 3, seeks: []string{id("residential home older adult care worker")},
			home: pick(d.rng, cheltenham), allEssentials: true, hours: 30, travel: 10},
	}
}

func orLarge(decile int) int {
	if decile == 0 {
		return 99
	}
	return decile
}

// buildCompletions records programmes that people now in health and care
// jobs completed on their way in: a work academy a week before a job that
// started in the last two years, otherwise the Care Certificate in the
// first three months. Only people who consent to monitoring are recorded.
func (d *demo) buildCompletions() {
	programme := map[string]string{}
	for _, l := range careOccs {
		programme[d.mustIDs(l)[0]] = d.prefix + "-programme-swap-care"
	}
	for _, l := range cleaningOccs {
		programme[d.mustIDs(l)[0]] = d.prefix + "-programme-swap-nhs"
	}
	careCert := d.prefix + "-programme-care-certificate"
	recent := d.today.AddDate(-2, 0, 0)
	for _, p := range d.people[storyPeople:] {
		if !p.ConsentMonitoring || len(p.History) == 0 || p.History[0].To != nil {
			continue
		}
		job := p.History[0]
		academy, ok := programme[job.OccupationID]
		switch {
		case !ok:
		case job.From.After(recent):
			d.completions = append(d.completions, workforce.Completion{PersonID: p.ID, ProgrammeID: academy,
				CompletedAt: job.From.AddDate(0, 0, -7), HiredOccupationID: job.OccupationID})
		case slices.Contains(d.mustIDs(careOccs...), job.OccupationID):
			d.completions = append(d.completions, workforce.Completion{PersonID: p.ID, ProgrammeID: careCert,
				CompletedAt: job.From.AddDate(0, 3, 0), HiredOccupationID: job.OccupationID})
		}
	}
}
