package seed

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/onework/onework/importer"
	"github.com/onework/onework/store"
	"github.com/onework/onework/workforce"
)

// SkillsPerPerson is about how many skills a synthetic person holds.
const SkillsPerPerson = 15

// generator makes deterministic synthetic people, employers, vacancies,
// providers and programmes from the real occupations, requirements and
// LSOAs in the graph. It is the one synthetic-data generator: the demo and
// the benchmark data sets both use it.
type generator struct {
	rng   *rand.Rand
	seed  uint64
	today time.Time
	// occupations are those with at least a few required skills, by id.
	occupations []string
	occ         map[string]*workforce.Occupation
	byLabel     map[string]string
	reqs        map[string][]workforce.Requirement
	lsoas       []*workforce.Place
	// pay is ASHE's pay by SOC 2020 unit group, when known.
	pay map[string]importer.UnitGroupPay
}

// newGenerator loads the taxonomy from db. lsoas are the places people and
// employers live in; nil means every LSOA in the graph.
func newGenerator(ctx context.Context, db *store.DB, seed uint64, today time.Time, lsoas []*workforce.Place) (*generator, error) {
	g := &generator{rng: rand.New(rand.NewPCG(seed, 0x0e1e_0e1e)), seed: seed, today: day(today)}
	ids, err := db.IDs(ctx, workforce.KindOccupation)
	if err != nil {
		return nil, err
	}
	g.reqs = map[string][]workforce.Requirement{}
	g.occ = map[string]*workforce.Occupation{}
	g.byLabel = map[string]string{}
	for chunk := range slices.Chunk(ids, 500) {
		reqs, err := db.OccupationRequirements(ctx, chunk)
		if err != nil {
			return nil, err
		}
		for id, r := range reqs {
			if len(r) >= 5 {
				slices.SortFunc(r, func(a, b workforce.Requirement) int { return strings.Compare(a.SkillID, b.SkillID) })
				g.reqs[id] = r
			}
		}
		occs, err := db.Occupations(ctx, chunk)
		if err != nil {
			return nil, err
		}
		for _, o := range occs {
			g.occ[o.ID] = o
			g.byLabel[o.Label] = o.ID
		}
	}
	for _, id := range ids {
		if g.reqs[id] != nil {
			g.occupations = append(g.occupations, id)
		}
	}
	if len(g.occupations) == 0 {
		return nil, fmt.Errorf("no occupations with requirements in the graph: run \"onework import esco DIR\" (or \"onework seed fixture\") first")
	}
	if lsoas == nil {
		if lsoas, err = db.BulkPlacePoints(ctx, workforce.PlaceLSOA); err != nil {
			return nil, err
		}
	}
	for _, p := range lsoas {
		if p.Location != nil {
			g.lsoas = append(g.lsoas, p)
		}
	}
	slices.SortFunc(g.lsoas, func(a, b *workforce.Place) int { return strings.Compare(a.ID, b.ID) })
	if len(g.lsoas) == 0 {
		return nil, fmt.Errorf("no LSOAs in the graph: run \"onework import places DIR\" (or \"onework seed fixture\") first")
	}
	return g, nil
}

// day returns the start of t's day in UTC.
func day(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// daysFromToday returns the day n days after the generator's today.
func (g *generator) daysFromToday(n int) *time.Time {
	t := g.today.AddDate(0, 0, n)
	return &t
}

// occupation returns the id of the occupation with the ESCO preferred label,
// or an error naming it.
func (g *generator) occupation(label string) (string, error) {
	id, ok := g.byLabel[label]
	if !ok || g.reqs[id] == nil {
		return "", fmt.Errorf("ESCO has no occupation %q with required skills: import ESCO v1.1.1 first", label)
	}
	return id, nil
}

// essentials returns the essential skills of an occupation, sorted.
func (g *generator) essentials(occ string) []string {
	var out []string
	for _, r := range g.reqs[occ] {
		if r.Essential {
			out = append(out, r.SkillID)
		}
	}
	return out
}

// near returns a point within about km of p, deterministically random.
func (g *generator) near(p workforce.Point, km float64) *workforce.Point {
	dLat := (g.rng.Float64()*2 - 1) * km / 111.32
	dLon := (g.rng.Float64()*2 - 1) * km / (111.32 * math.Cos(p.Lat*math.Pi/180))
	return &workforce.Point{Lat: math.Round((p.Lat+dLat)*1e6) / 1e6, Lon: math.Round((p.Lon+dLon)*1e6) / 1e6}
}

// pick returns a random element of xs.
func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

var (
	firstNames = []string{"Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Sophie", "Emily", "Chloe", "Jessica", "Hannah", "Zara",
		"Aisha", "Priya", "Megan", "Lauren", "Kerry", "Joanne", "Sarah", "Claire", "Oliver", "George", "Harry", "Jack", "Noah",
		"Leo", "Arthur", "Muhammad", "Thomas", "James", "Daniel", "Ryan", "Liam", "Kieran", "Mark", "Paul", "Darren", "Tomasz",
		"Alex", "Sam", "Jordan", "Charlie", "Robin", "Jamie"}
	lastNames = []string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Davies", "Evans", "Thomas", "Roberts", "Johnson",
		"Walker", "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis",
		"Martin", "Jackson", "Clarke", "Patel", "Khan", "Ahmed", "Kowalski", "Nowak", "Morgan", "Price", "Baker", "Cooper"}
	travelKm = []float64{5, 8, 10, 10, 12, 15, 15, 20, 20, 25, 30}
)

// profile says who a synthetic person is: the occupations they worked in
// (most recent first), how long ago they stopped (0: in work), what they
// seek and where they live.
type profile struct {
	past []string
	// yearsIn is how long they held the most recent job.
	yearsIn float64
	// stoppedYearsAgo is 0 for people in work.
	stoppedYearsAgo float64
	seeks           []string
	home            *workforce.Place
	// allEssentials gives the person every essential skill of their most
	// recent occupation (the scenario book's people).
	allEssentials bool
	// extra are skills held beyond those of past occupations.
	extra []string
	// hours and travel override the random choice when set.
	hours, travel float64
}

// person makes synthetic person i from a profile: an occupation history
// with dates, the registration a regulated occupation needs, skills mostly
// from those occupations (most essential skills,
// some optional, some gaps), a few of the sought occupation's skills, hours
// wanted, a travel limit, consents, pay from ASHE for their occupation and
// a home near their LSOA's centre.
func (g *generator) person(prefix, org string, i int, pr profile) (*workforce.Person, []store.BulkPersonSkill) {
	home := pr.home
	if home == nil {
		home = pick(g.rng, g.lsoas)
	}
	hours := pr.hours
	if hours == 0 {
		hours = g.hoursWanted(pr)
	}
	travel := pr.travel
	if travel == 0 {
		travel = pick(g.rng, travelKm)
	}
	p := &workforce.Person{
		ID: fmt.Sprintf("%s-person-%07d", prefix, i), OrgID: org,
		Name:     fmt.Sprintf("%s %s (demo)", pick(g.rng, firstNames), pick(g.rng, lastNames)),
		PlaceID:  home.ID,
		Location: g.near(*home.Location, 0.3), TravelKm: travel, HoursPerWeek: hours,
		RightToWork:     g.rng.IntN(30) != 0,
		ConsentMatching: g.rng.IntN(12) != 0, ConsentShareWithEmployers: g.rng.IntN(3) != 0, ConsentMonitoring: g.rng.IntN(2) == 0,
		Seeks: pr.seeks,
	}
	if p.ConsentMonitoring {
		p.Equality = demoEquality(p.ID)
	}
	if g.rng.IntN(4) == 0 {
		p.AvailableFrom = g.daysFromToday(7 * (1 + g.rng.IntN(8)))
	}
	// History: the most recent job ends stoppedYearsAgo (open when in
	// work); an earlier one, if any, ends where it starts.
	end := g.today.AddDate(0, 0, -int(pr.stoppedYearsAgo*365))
	for k, occ := range pr.past {
		years := pr.yearsIn
		if k > 0 || years == 0 {
			years = 1 + g.rng.Float64()*5
		}
		from := end.AddDate(0, 0, -int(years*365))
		job := workforce.Job{OccupationID: occ, From: &from}
		if k > 0 || pr.stoppedYearsAgo > 0 {
			to := end
			job.To = &to
		}
		p.History = append(p.History, job)
		end = from
	}
	if len(pr.past) > 0 {
		p.CurrentPay = g.annualPay(pr.past[0], hours)
	}
	p.Registrations = g.registrations(pr)
	var skills []store.BulkPersonSkill
	seen := map[string]bool{}
	add := func(skill string, level int, source string) {
		if !seen[skill] {
			seen[skill] = true
			skills = append(skills, store.BulkPersonSkill{PersonID: p.ID, PersonSkill: workforce.PersonSkill{SkillID: skill, Level: level, Source: source}})
		}
	}
	for k, occ := range pr.past {
		// Two years in a job teach most of what it asks: half of such
		// people hold every essential skill of it, the others lack one to
		// four; newer starters hold about 80%, and half of an earlier job's.
		held, optional := 0.8, 0.2
		var gaps map[string]bool
		switch {
		case k > 0:
			held, optional = 0.5, 0.1
		case pr.allEssentials:
			held = 1
		case pr.yearsIn >= 2:
			held = 1
			if g.rng.IntN(2) == 0 {
				ess := g.essentials(occ)
				gaps = map[string]bool{}
				for _, i := range g.rng.Perm(len(ess))[:min(len(ess), 1+g.rng.IntN(4))] {
					gaps[ess[i]] = true
				}
			}
		}
		level := 2 + min(int(pr.yearsIn/3), 2)
		nOptional := 0
		for _, r := range g.reqs[occ] {
			switch {
			case r.Essential && !gaps[r.SkillID] && g.rng.Float64() < held:
				add(r.SkillID, level, "self")
			case !r.Essential && nOptional < 8 && g.rng.Float64() < optional:
				add(r.SkillID, max(level-1, 1), "self")
				nOptional++
			}
		}
	}
	for _, s := range pr.extra {
		add(s, 2, "adviser")
	}
	// A few of the sought occupation's skills, as people partly prepare
	// (school and college leavers have only these).
	for _, occ := range pr.seeks {
		if slices.Contains(pr.past, occ) {
			continue
		}
		ess := g.essentials(occ)
		for _, k := range g.rng.Perm(len(ess))[:min(len(ess), 1+g.rng.IntN(3))] {
			add(ess[k], 1, "self")
		}
	}
	return p, skills
}

// partTimeHours are the hours part-time people want.
var partTimeHours = []float64{30, 30, 24, 24, 20, 20, 16}

// hoursWanted is 37.5 (full time) with the share of full-time jobs in the
// SOC unit group of the person's last or sought occupation (ONS ASHE),
// about half when that is unknown, and part-time hours otherwise.
func (g *generator) hoursWanted(pr profile) float64 {
	share := 0.5
	occ := ""
	switch {
	case len(pr.past) > 0:
		occ = pr.past[0]
	case len(pr.seeks) > 0:
		occ = pr.seeks[0]
	}
	if o := g.occ[occ]; o != nil {
		if p, ok := g.pay[o.SOCCode]; ok && p.Jobs > 0 && p.FullTimeJobs > 0 {
			share = p.FullTimeJobs / p.Jobs
		}
	}
	if g.rng.Float64() < share {
		return 37.5
	}
	return pick(g.rng, partTimeHours)
}

// annualPay is ASHE's median hourly pay of the occupation's SOC unit group
// for the hours wanted, give or take 15%; without a unit group, the
// occupation's typical pay scaled to the hours; 0 when neither is known.
func (g *generator) annualPay(occ string, hours float64) float64 {
	o := g.occ[occ]
	if o == nil {
		return 0
	}
	hourly := 0.0
	if p, ok := g.pay[o.SOCCode]; ok {
		hourly = p.HourlyMedian
		if hourly == 0 {
			hourly = p.AnnualMedian / (37.5 * 52)
		}
	} else if o.AnnualPay > 0 {
		hourly = o.AnnualPay / (37.5 * 52)
	}
	return math.Round(hourly*hours*52*(0.85+0.3*g.rng.Float64())/100) * 100
}

var contracts = []workforce.ContractType{workforce.ContractPermanent, workforce.ContractPermanent, workforce.ContractPermanent,
	workforce.ContractFixedTerm, workforce.ContractBank, workforce.ContractApprenticeship, workforce.ContractZeroHours}

// vacancy makes synthetic vacancy i for an employer and a role: located
// near the employer, paid per the role and the employer's wage floor,
// open from a few days ago for a few weeks, requiring the occupation's
// essential skills.
func (g *generator) vacancy(prefix string, i int, e *workforce.Employer, r role, occ string) (*workforce.Vacancy, []store.BulkRequirement) {
	lo, hi := r.annual[0], r.annual[1]
	if lo == 0 {
		floor := NationalLivingWage
		if e.RealLivingWage {
			floor = RealLivingWage
		}
		rate := floor + r.hourly + 0.05*float64(g.rng.IntN(5))
		lo = math.Round(rate*r.hours*52/10) * 10
		hi = lo
	}
	contract := r.contract
	if contract == "" {
		contract = pick(g.rng, contracts)
	}
	hours := r.hours
	if hours == 0 {
		hours = pick(g.rng, []float64{37.5, 37.5, 30, 24, 20})
	}
	v := &workforce.Vacancy{
		ID: fmt.Sprintf("%s-vacancy-%07d", prefix, i), Title: r.title + " (demo)",
		Description: fmt.Sprintf("Synthetic demo advert: %s at %s, %.1f hours a week.", r.title, e.Name, hours), EmployerID: e.ID,
		OccupationID: occ, OccupationSource: "partner", OccupationConfidence: 1,
		PlaceID: e.PlaceID, Location: g.near(*e.Location, 0.2), SalaryMin: lo, SalaryMax: hi,
		HoursPerWeek: hours, Contract: contract, Flexible: r.partTimeOK || g.rng.IntN(3) == 0,
		RequiresRightToWork: true, PostedAt: g.daysFromToday(-1 - g.rng.IntN(20)), ClosesAt: g.daysFromToday(14 + g.rng.IntN(35)),
		Source: "synthetic",
	}
	var reqs []store.BulkRequirement
	for _, req := range g.reqs[occ] {
		if req.Essential {
			reqs = append(reqs, store.BulkRequirement{FromID: v.ID,
				Requirement: workforce.Requirement{SkillID: req.SkillID, Essential: true, Source: "partner", Confidence: 1}})
		}
	}
	return v, reqs
}

var employerKinds = []workforce.EmployerKind{workforce.EmployerCareProvider, workforce.EmployerVCSE, workforce.EmployerPrivate,
	workforce.EmployerCareProvider, workforce.EmployerLocalAuthority}

var employerWords = []string{"Riverside", "Hillview", "Meadow", "Oakfield", "Brookside", "Millstone", "Orchard", "Kingfisher", "Willow", "Beacon"}

// employer makes synthetic employer i of a kind in a random LSOA, named
// name (or a made-up name when "").
func (g *generator) employer(prefix string, i int, kind workforce.EmployerKind, name string, home *workforce.Place) *workforce.Employer {
	if home == nil {
		home = pick(g.rng, g.lsoas)
	}
	if name == "" {
		suffix := map[workforce.EmployerKind]string{
			workforce.EmployerCareProvider: "Care", workforce.EmployerVCSE: "Community Trust", workforce.EmployerPrivate: "Services Ltd",
			workforce.EmployerLocalAuthority: "Council Services",
		}[kind]
		name = fmt.Sprintf("%s %s %d (demo)", pick(g.rng, employerWords), suffix, i)
	}
	return &workforce.Employer{
		ID: fmt.Sprintf("%s-employer-%05d", prefix, i), Kind: kind, CharterLevel: pick(g.rng, workforce.CharterLevels), Name: name,
		PlaceID: home.ID, Location: g.near(*home.Location, 0.3), RealLivingWage: g.rng.IntN(2) == 0, DisabilityConfident: g.rng.IntN(3) == 0,
	}
}

// synthSink takes the synthetic data set as it is drawn: batches of people
// with their skills, then the employers, then batches of vacancies with
// their requirements. A sink may write a batch after its call returns, and
// counts each batch in progress when written.
type synthSink interface {
	people(ps []*workforce.Person, skills []store.BulkPersonSkill, progress *importer.Progress)
	employers(es []*workforce.Employer) error
	vacancies(vs []*workforce.Vacancy, reqs []store.BulkRequirement, progress *importer.Progress)
	// wait waits until every batch is written and returns the first error.
	wait() error
	// failed reports whether a batch failed, so that drawing can stop.
	failed() bool
}

// write writes n people (each from a random occupation they worked in and
// mostly still seek) and m vacancies at m/20+1 employers of mixed kinds,
// all with ids starting with prefix: the benchmark data set, through the
// store in writers parallel sessions.
func (g *generator) write(ctx context.Context, im *importer.Importer, s *importer.Summary, prefix, org string, people, vacancies, writers int) error {
	w := newBatchWriter(ctx, im, s, writers)
	return g.draw(im, w, prefix, org, people, vacancies)
}

// draw draws the benchmark data set (see write) in batches of
// im.BatchSize into out. The data are drawn in order, so the same seed
// gives the same data whatever takes them and however many writers write
// the batches.
func (g *generator) draw(im *importer.Importer, out synthSink, prefix, org string, people, vacancies int) error {
	batch := im.BatchSize
	if batch <= 0 {
		batch = importer.DefaultBatchSize
	}
	progress := im.Progress("people", people)
	for start := 0; start < people && !out.failed(); start += batch {
		var ps []*workforce.Person
		var skills []store.BulkPersonSkill
		for i := start; i < min(start+batch, people); i++ {
			past := pick(g.rng, g.occupations)
			seeks := past
			if g.rng.IntN(2) == 0 {
				seeks = pick(g.rng, g.occupations)
			}
			p, sk := g.person(prefix, org, i, profile{past: []string{past}, yearsIn: 1 + 10*g.rng.Float64(), seeks: []string{seeks}})
			ps = append(ps, p)
			skills = append(skills, sk...)
		}
		out.people(ps, skills, progress)
	}
	if err := out.wait(); err != nil {
		return err
	}
	progress.Finish()
	if vacancies == 0 {
		return nil
	}
	employers := make([]*workforce.Employer, vacancies/20+1)
	for i := range employers {
		employers[i] = g.employer(prefix, i, employerKinds[i%len(employerKinds)], "", nil)
	}
	if err := out.employers(employers); err != nil {
		return err
	}
	progress = im.Progress("vacancies", vacancies)
	for start := 0; start < vacancies && !out.failed(); start += batch {
		var vs []*workforce.Vacancy
		var reqs []store.BulkRequirement
		for i := start; i < min(start+batch, vacancies); i++ {
			occ := pick(g.rng, g.occupations)
			v, r := g.vacancy(prefix, i, pick(g.rng, employers), role{title: "Synthetic vacancy", occupation: g.occ[occ].Label, annual: [2]float64{20_000, 32_000}}, occ)
			v.Title = fmt.Sprintf("Synthetic vacancy %d: %s (demo)", i, g.occ[occ].Label)
			vs = append(vs, v)
			reqs = append(reqs, r...)
		}
		out.vacancies(vs, reqs, progress)
	}
	if err := out.wait(); err != nil {
		return err
	}
	progress.Finish()
	return nil
}

// batchWriter writes batches of new nodes with their links on up to
// writers goroutines, each in a session of its own, and counts them in one
// summary. A batch none of whose nodes exist is created in one query
// (store.BulkCreatePeople); any other batch is upserted and compared as
// usual, so that running the same seed again writes nothing.
type batchWriter struct {
	parent  context.Context
	writers int
	ctx     context.Context
	im      *importer.Importer
	g       *errgroup.Group
	mu      sync.Mutex
	s       *importer.Summary
}

func newBatchWriter(ctx context.Context, im *importer.Importer, s *importer.Summary, writers int) *batchWriter {
	w := &batchWriter{parent: ctx, writers: max(writers, 1), im: im, s: s}
	w.reset()
	return w
}

// reset starts a new group of batches.
func (w *batchWriter) reset() {
	w.g, w.ctx = errgroup.WithContext(w.parent)
	w.g.SetLimit(w.writers)
}

// wait waits for every batch and returns the first error; the writer then
// takes new batches.
func (w *batchWriter) wait() error {
	err := w.g.Wait()
	w.reset()
	return err
}

// failed reports whether a batch failed.
func (w *batchWriter) failed() bool { return w.ctx.Err() != nil }

// employers upserts the employers.
func (w *batchWriter) employers(es []*workforce.Employer) error {
	return importer.WriteNodes(w.ctx, w.im, w.s, "employers", es, w.im.DB.UpsertEmployers)
}

// count adds what a batch wrote to the summary.
func (w *batchWriter) count(kind string, n int, nodes workforce.WriteResult, linkKind string, links store.BulkCounts) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.s.Written(kind, n, nodes)
	c := w.s.Kind(linkKind)
	c.Created += links.Created
	c.Updated += links.Updated
	c.Unchanged += links.Unchanged
	c.Missing += links.Missing
}

// people writes a batch of people and their skills, waiting while all the
// writers are busy.
func (w *batchWriter) people(ps []*workforce.Person, skills []store.BulkPersonSkill, p *importer.Progress) {
	ids := make([]string, len(ps))
	for i, x := range ps {
		ids[i] = x.ID
	}
	db := w.im.DB
	w.g.Go(func() error {
		nodes, links, err := createOrUpsert(w.ctx, db, workforce.KindPerson, ids,
			func() (store.BulkCounts, store.BulkCounts, error) { return db.BulkCreatePeople(w.ctx, ps, skills) },
			func() (workforce.WriteResult, error) { return db.UpsertPeople(w.ctx, ps) },
			func() (store.BulkCounts, error) { return db.BulkPersonSkills(w.ctx, skills) })
		if err != nil {
			return fmt.Errorf("write people: %w", err)
		}
		w.count("people", len(ps), nodes, "person skills", links)
		p.Add(len(ps))
		return nil
	})
}

// vacancies writes a batch of vacancies and their requirements, waiting
// while all the writers are busy.
func (w *batchWriter) vacancies(vs []*workforce.Vacancy, reqs []store.BulkRequirement, p *importer.Progress) {
	ids := make([]string, len(vs))
	for i, x := range vs {
		ids[i] = x.ID
	}
	db := w.im.DB
	w.g.Go(func() error {
		nodes, links, err := createOrUpsert(w.ctx, db, workforce.KindVacancy, ids,
			func() (store.BulkCounts, store.BulkCounts, error) { return db.BulkCreateVacancies(w.ctx, vs, reqs) },
			func() (workforce.WriteResult, error) { return db.UpsertVacancies(w.ctx, vs) },
			func() (store.BulkCounts, error) { return db.BulkVacancyRequirements(w.ctx, reqs) })
		if err != nil {
			return fmt.Errorf("write vacancies: %w", err)
		}
		w.count("vacancies", len(vs), nodes, "vacancy requires", links)
		p.Add(len(vs))
		return nil
	})
}

// createOrUpsert creates a batch whose nodes are all new, and upserts it
// (nodes, then links) when some exist, or appear while it is created.
func createOrUpsert(ctx context.Context, db *store.DB, kind workforce.Kind, ids []string,
	create func() (store.BulkCounts, store.BulkCounts, error), upsertNodes func() (workforce.WriteResult, error),
	upsertLinks func() (store.BulkCounts, error)) (workforce.WriteResult, store.BulkCounts, error) {
	existing, err := db.BulkExisting(ctx, kind, ids)
	if err != nil {
		return workforce.WriteResult{}, store.BulkCounts{}, err
	}
	if len(existing) == 0 {
		nodes, links, err := create()
		if err == nil {
			return workforce.WriteResult{Created: nodes.Created}, links, nil
		}
		if workforce.ErrorCode(err) != workforce.ECONFLICT {
			return workforce.WriteResult{}, links, err
		}
	}
	nodes, err := upsertNodes()
	if err != nil {
		return nodes, store.BulkCounts{}, err
	}
	links, err := upsertLinks()
	return nodes, links, err
}

// writeEmployersAndVacancies writes employers, then their vacancies with
// their requirements.
func writeEmployersAndVacancies(ctx context.Context, im *importer.Importer, s *importer.Summary, employers []*workforce.Employer, vs []*workforce.Vacancy, reqs []store.BulkRequirement) error {
	if err := importer.WriteNodes(ctx, im, s, "employers", employers, im.DB.UpsertEmployers); err != nil {
		return err
	}
	if err := importer.WriteNodes(ctx, im, s, "vacancies", vs, im.DB.UpsertVacancies); err != nil {
		return err
	}
	return importer.WriteLinks(ctx, im, s, "vacancy requires", reqs, im.DB.BulkVacancyRequirements)
}
