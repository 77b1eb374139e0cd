package seed

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/onework/onework/importer"
	"github.com/onework/onework/store"
	"github.com/onework/onework/workforce"
)

// SkillsPerPerson is about how many skills a synthetic person holds.
const SkillsPerPerson = 15

// generator makes deterministic synthetic people, employers and vacancies
// from the real occupations, requirements and LSOAs in the graph.
type generator struct {
	rng  *rand.Rand
	seed uint64
	// occupations are those with at least a few required skills.
	occupations []string
	reqs        map[string][]workforce.Requirement
	lsoas       []*workforce.Place
}

// newGenerator loads the taxonomy and the LSOAs (only those in keep, when
// not nil) from db.
func newGenerator(ctx context.Context, db *store.DB, seed uint64, keep func(*workforce.Place) bool) (*generator, error) {
	g := &generator{rng: rand.New(rand.NewPCG(seed, 0x0e1e_0e1e)), seed: seed}
	ids, err := db.IDs(ctx, workforce.KindOccupation)
	if err != nil {
		return nil, err
	}
	g.reqs = map[string][]workforce.Requirement{}
	for chunk := range slices.Chunk(ids, 500) {
		reqs, err := db.OccupationRequirements(ctx, chunk)
		if err != nil {
			return nil, err
		}
		for id, r := range reqs {
			if len(r) >= 5 {
				slices.SortFunc(r, func(a, b workforce.Requirement) int { return compareStrings(a.SkillID, b.SkillID) })
				g.reqs[id] = r
			}
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
	lsoas, err := db.BulkPlacePoints(ctx, workforce.PlaceLSOA)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(lsoas, func(a, b *workforce.Place) int { return compareStrings(a.ID, b.ID) })
	for _, p := range lsoas {
		if keep == nil || keep(p) {
			g.lsoas = append(g.lsoas, p)
		}
	}
	if len(g.lsoas) == 0 {
		return nil, fmt.Errorf("no LSOAs in the graph: run \"onework import places DIR\" (or \"onework seed fixture\") first")
	}
	return g, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// near returns a point within about km of p, deterministically random.
func (g *generator) near(p workforce.Point, km float64) *workforce.Point {
	dLat := (g.rng.Float64()*2 - 1) * km / 111.32
	dLon := (g.rng.Float64()*2 - 1) * km / (111.32 * math.Cos(p.Lat*math.Pi/180))
	return &workforce.Point{Lat: math.Round((p.Lat+dLat)*1e6) / 1e6, Lon: math.Round((p.Lon+dLon)*1e6) / 1e6}
}

var (
	firstNames = []string{"Alex", "Sam", "Jo", "Chris", "Robin", "Jamie", "Charlie", "Morgan", "Taylor", "Casey", "Riley", "Jordan"}
	lastNames  = []string{"Example", "Sample", "Placeholder", "Testcase", "Mockwell", "Dummy", "Fictional", "Madeup", "Pretend", "Imaginary"}
)

// person makes synthetic person i: a home LSOA, a travel limit, a past
// occupation whose requirements supply most of ~15 skills, and a sought
// occupation.
func (g *generator) person(prefix, org string, i int) (*workforce.Person, []store.BulkPersonSkill) {
	home := g.lsoas[g.rng.IntN(len(g.lsoas))]
	past := g.occupations[g.rng.IntN(len(g.occupations))]
	seeks := g.occupations[g.rng.IntN(len(g.occupations))]
	if g.rng.IntN(2) == 0 {
		seeks = past
	}
	p := &workforce.Person{
		ID: fmt.Sprintf("%s-person-%07d", prefix, i), OrgID: org,
		Name:     fmt.Sprintf("%s %s %d (demo)", firstNames[g.rng.IntN(len(firstNames))], lastNames[g.rng.IntN(len(lastNames))], i),
		PlaceID:  home.ID,
		Location: g.near(*home.Location, 0.3), TravelKm: float64(3 + g.rng.IntN(28)),
		HoursPerWeek: float64(16 + g.rng.IntN(22)), RightToWork: g.rng.IntN(20) != 0,
		CurrentPay:      float64(18_000 + 500*g.rng.IntN(30)),
		ConsentMatching: true, ConsentShareWithEmployers: g.rng.IntN(3) != 0, ConsentMonitoring: g.rng.IntN(2) == 0,
		Seeks:   []string{seeks},
		History: []workforce.Job{{OccupationID: past}},
	}
	if p.ConsentMonitoring {
		p.Equality = demoEquality(p.ID)
	}
	reqs := g.reqs[past]
	n := min(len(reqs), SkillsPerPerson-2+g.rng.IntN(5))
	var skills []store.BulkPersonSkill
	seen := map[string]bool{}
	for _, k := range g.rng.Perm(len(reqs))[:n] {
		seen[reqs[k].SkillID] = true
		skills = append(skills, store.BulkPersonSkill{PersonID: p.ID,
			PersonSkill: workforce.PersonSkill{SkillID: reqs[k].SkillID, Level: 1 + g.rng.IntN(4), Source: "self"}})
	}
	// A few skills from the sought occupation, as people partly retrain.
	for _, r := range g.reqs[seeks][:min(2, len(g.reqs[seeks]))] {
		if !seen[r.SkillID] {
			skills = append(skills, store.BulkPersonSkill{PersonID: p.ID,
				PersonSkill: workforce.PersonSkill{SkillID: r.SkillID, Level: 1, Source: "self"}})
		}
	}
	return p, skills
}

var contracts = []workforce.ContractType{workforce.ContractPermanent, workforce.ContractPermanent, workforce.ContractPermanent,
	workforce.ContractFixedTerm, workforce.ContractBank, workforce.ContractApprenticeship, workforce.ContractZeroHours}

// vacancy makes synthetic vacancy i for one of employers, located near it,
// requiring the occupation's essential skills.
func (g *generator) vacancy(prefix string, i int, employers []*workforce.Employer) (*workforce.Vacancy, []store.BulkRequirement) {
	e := employers[g.rng.IntN(len(employers))]
	occ := g.occupations[g.rng.IntN(len(g.occupations))]
	lo := float64(20_000 + 1000*g.rng.IntN(25))
	v := &workforce.Vacancy{
		ID: fmt.Sprintf("%s-vacancy-%07d", prefix, i), Title: fmt.Sprintf("Synthetic vacancy %d (demo)", i),
		Description: "Synthetic vacancy for demonstrations and benchmarks.", EmployerID: e.ID,
		OccupationID: occ, OccupationSource: "partner", OccupationConfidence: 1,
		PlaceID: e.PlaceID, Location: g.near(*e.Location, 0.2), SalaryMin: lo, SalaryMax: lo + float64(1000*g.rng.IntN(8)),
		HoursPerWeek: float64(16 + g.rng.IntN(22)), Contract: contracts[g.rng.IntN(len(contracts))], Flexible: g.rng.IntN(2) == 0,
		RequiresRightToWork: true, PostedAt: fixtureDate(2025, time.September, 1+g.rng.IntN(28)), ClosesAt: fixtureDate(2030, time.December, 31),
		Source: "synthetic",
	}
	var reqs []store.BulkRequirement
	for _, r := range g.reqs[occ] {
		if r.Essential {
			reqs = append(reqs, store.BulkRequirement{FromID: v.ID,
				Requirement: workforce.Requirement{SkillID: r.SkillID, Essential: true, Source: "partner", Confidence: 1}})
		}
	}
	return v, reqs
}

var employerKinds = []workforce.EmployerKind{workforce.EmployerCareProvider, workforce.EmployerVCSE, workforce.EmployerPrivate,
	workforce.EmployerCareProvider, workforce.EmployerLocalAuthority}

var employerWords = []string{"Riverside", "Hillview", "Meadow", "Oakfield", "Brookside", "Millstone", "Orchard", "Kingfisher", "Willow", "Beacon"}

// employer makes synthetic employer i of the given kind in a random LSOA.
func (g *generator) employer(prefix string, i int, kind workforce.EmployerKind) *workforce.Employer {
	home := g.lsoas[g.rng.IntN(len(g.lsoas))]
	suffix := map[workforce.EmployerKind]string{
		workforce.EmployerCareProvider: "Care", workforce.EmployerVCSE: "Community Trust", workforce.EmployerPrivate: "Services Ltd",
		workforce.EmployerLocalAuthority: "Council Services",
	}[kind]
	charter := workforce.CharterLevels[g.rng.IntN(len(workforce.CharterLevels))]
	return &workforce.Employer{
		ID: fmt.Sprintf("%s-employer-%05d", prefix, i), Kind: kind, CharterLevel: charter,
		Name:    fmt.Sprintf("%s %s %d (demo)", employerWords[g.rng.IntN(len(employerWords))], suffix, i),
		PlaceID: home.ID, Location: g.near(*home.Location, 0.3), RealLivingWage: g.rng.IntN(2) == 0, DisabilityConfident: g.rng.IntN(3) == 0,
	}
}

// synthetic writes n people and m vacancies (with m/20+1 employers), all
// with ids starting with prefix.
func (g *generator) write(ctx context.Context, im *importer.Importer, s *importer.Summary, prefix, org string, people, vacancies int) error {
	batch := max(im.BatchSize, 1)
	if im.BatchSize == 0 {
		batch = importer.DefaultBatchSize
	}
	// People go in chunks so that a million of them never sit in memory at
	// once with their skills.
	chunk := 50 * batch
	for start := 0; start < people; start += chunk {
		var ps []*workforce.Person
		var skills []store.BulkPersonSkill
		for i := start; i < min(start+chunk, people); i++ {
			p, sk := g.person(prefix, org, i)
			ps = append(ps, p)
			skills = append(skills, sk...)
		}
		if err := importer.WriteNodes(ctx, im, s, "people", ps, im.DB.UpsertPeople); err != nil {
			return err
		}
		if err := importer.WriteLinks(ctx, im, s, "person skills", skills, im.DB.BulkPersonSkills); err != nil {
			return err
		}
	}
	if vacancies == 0 {
		return nil
	}
	employers := make([]*workforce.Employer, vacancies/20+1)
	for i := range employers {
		employers[i] = g.employer(prefix, i, employerKinds[i%len(employerKinds)])
	}
	if err := importer.WriteNodes(ctx, im, s, "employers", employers, im.DB.UpsertEmployers); err != nil {
		return err
	}
	var vs []*workforce.Vacancy
	var reqs []store.BulkRequirement
	for i := range vacancies {
		v, r := g.vacancy(prefix, i, employers)
		vs = append(vs, v)
		reqs = append(reqs, r...)
	}
	if err := importer.WriteNodes(ctx, im, s, "vacancies", vs, im.DB.UpsertVacancies); err != nil {
		return err
	}
	return importer.WriteLinks(ctx, im, s, "vacancy requires", reqs, im.DB.BulkVacancyRequirements)
}

// writeLearning writes two synthetic providers and eight programmes, one of
// each kind and more pre-employment ones, each teaching real skills that a
// real occupation requires and leading to that occupation.
func (g *generator) writeLearning(ctx context.Context, im *importer.Importer, s *importer.Summary, prefix string) error {
	providers := []*workforce.Provider{
		{ID: prefix + "-provider-college", Name: "Valley College (demo)", Kind: workforce.ProviderCollege},
		{ID: prefix + "-provider-training", Name: "Pathways Training (demo)", Kind: workforce.ProviderTrainingProvider},
	}
	for _, p := range providers {
		home := g.lsoas[g.rng.IntN(len(g.lsoas))]
		p.PlaceID, p.Location = home.ID, g.near(*home.Location, 0.2)
	}
	kinds := append(slices.Clone(workforce.ProgrammeKinds), workforce.ProgrammePreEmployment, workforce.ProgrammePreEmployment)
	var programmes []*workforce.Programme
	var teaches, leadsTo []store.BulkLink
	places := 15
	for i, kind := range kinds {
		occ := g.occupations[g.rng.IntN(len(g.occupations))]
		provider := providers[i%len(providers)]
		p := &workforce.Programme{
			ID: fmt.Sprintf("%s-programme-%02d", prefix, i), Title: fmt.Sprintf("Route into work %d (demo)", i),
			Description: "Synthetic programme for demonstrations.", Kind: kind, ProviderID: provider.ID,
			PlaceID: provider.PlaceID, Location: provider.Location, StartDate: fixtureDate(2030, 1+time.Month(i%12), 6),
			DurationWeeks: 2 + g.rng.IntN(20), PlacesLeft: &places,
		}
		programmes = append(programmes, p)
		leadsTo = append(leadsTo, store.BulkLink{FromID: p.ID, ToID: occ})
		for _, r := range g.reqs[occ][:min(6, len(g.reqs[occ]))] {
			teaches = append(teaches, store.BulkLink{FromID: p.ID, ToID: r.SkillID})
		}
	}
	if err := importer.WriteNodes(ctx, im, s, "providers", providers, im.DB.UpsertProviders); err != nil {
		return err
	}
	if err := importer.WriteNodes(ctx, im, s, "programmes", programmes, im.DB.UpsertProgrammes); err != nil {
		return err
	}
	if err := importer.WriteLinks(ctx, im, s, "programme teaches", teaches, importer.BulkLinks(im.DB, store.ProgrammeTeaches)); err != nil {
		return err
	}
	return importer.WriteLinks(ctx, im, s, "programme leads to", leadsTo, importer.BulkLinks(im.DB, store.ProgrammeLeadsTo))
}
