package matching

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/onework/onework/workforce"
)

// SyntheticNow is the reference time of Synthetic's dates: vacancies are
// posted before it and most close after it. Set Engine.Now to it when
// querying synthetic data.
func SyntheticNow() time.Time {
	return time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)
}

// SyntheticPersonID is the id Synthetic gives its i-th person.
func SyntheticPersonID(i int) string { return fmt.Sprintf("person-%07d", i) }

// SyntheticVacancyID is the id Synthetic gives its i-th vacancy.
func SyntheticVacancyID(i int) string { return fmt.Sprintf("vacancy-%06d", i) }

// Sizes of the synthetic skill taxonomy: occupation-like groups of skills
// under a group concept, plus transversal skills everyone draws on.
const (
	synthGroups         = 40
	synthSkillsPerGroup = 60
	synthTransversal    = 60
)

type town struct {
	name     string
	lat, lon float64
	// pop is the urban area's population in thousands, which weights where
	// people live and jobs are.
	pop float64
}

// englishTowns are real English urban areas with rough populations, so that
// the synthetic people cluster the way England's do.
func englishTowns() []town {
	return []town{
		{"London", 51.507, -0.128, 9000}, {"Birmingham", 52.486, -1.890, 2500},
		{"Manchester", 53.480, -2.243, 2800}, {"Leeds", 53.800, -1.549, 800},
		{"Bradford", 53.795, -1.759, 550}, {"Liverpool", 53.408, -2.991, 1500},
		{"Newcastle upon Tyne", 54.978, -1.617, 1100}, {"Sheffield", 53.381, -1.470, 700},
		{"Bristol", 51.454, -2.588, 700}, {"Nottingham", 52.954, -1.158, 750},
		{"Leicester", 52.637, -1.140, 550}, {"Coventry", 52.407, -1.512, 370},
		{"Kingston upon Hull", 53.745, -0.336, 270}, {"Stoke-on-Trent", 53.003, -2.180, 370},
		{"Plymouth", 50.376, -4.143, 265}, {"Southampton", 50.909, -1.404, 500},
		{"Portsmouth", 50.819, -1.088, 400}, {"Brighton", 50.822, -0.137, 480},
		{"Reading", 51.454, -0.978, 330}, {"Norwich", 52.630, 1.297, 210},
		{"Exeter", 50.718, -3.534, 130}, {"Gloucester", 51.864, -2.244, 130},
		{"Cheltenham", 51.899, -2.078, 120}, {"Oxford", 51.752, -1.258, 160},
		{"Cambridge", 52.205, 0.122, 150}, {"Ipswich", 52.057, 1.148, 140},
		{"Peterborough", 52.573, -0.241, 200}, {"Milton Keynes", 52.041, -0.759, 280},
		{"Northampton", 52.240, -0.903, 230}, {"York", 53.960, -1.082, 200},
		{"Middlesbrough", 54.576, -1.235, 350}, {"Sunderland", 54.906, -1.383, 280},
		{"Preston", 53.763, -2.703, 330}, {"Blackpool", 53.817, -3.036, 140},
		{"Derby", 52.922, -1.476, 260}, {"Lincoln", 53.231, -0.541, 100},
		{"Carlisle", 54.892, -2.932, 75}, {"Bournemouth", 50.720, -1.880, 400},
		{"Swindon", 51.558, -1.782, 220}, {"Luton", 51.878, -0.420, 220},
		{"Chelmsford", 51.736, 0.479, 180}, {"Maidstone", 51.272, 0.529, 170},
		{"Canterbury", 51.280, 1.079, 150}, {"Worcester", 52.193, -2.220, 100},
		{"Hereford", 52.056, -2.716, 60}, {"Shrewsbury", 52.707, -2.754, 75},
		{"Truro", 50.263, -5.051, 100}, {"Taunton", 51.015, -3.106, 60},
		{"Bath", 51.381, -2.359, 90}, {"Wolverhampton", 52.587, -2.129, 260},
		{"Doncaster", 53.523, -1.134, 300},
	}
}

// synthGroupNames are occupation-like skill groups of a local workforce.
func synthGroupNames() []string {
	return []string{
		"adult social care", "nursing", "healthcare support", "pharmacy", "allied health",
		"mental health support", "early years", "teaching", "further education", "youth work",
		"retail", "hospitality", "catering", "cleaning", "security",
		"customer service", "administration", "finance", "human resources", "digital support",
		"software", "data", "construction", "electrical", "plumbing",
		"engineering", "manufacturing", "logistics", "driving", "warehouse",
		"facilities", "housing support", "community development", "fundraising", "library services",
		"environmental services", "horticulture", "hair and beauty", "sport and leisure", "creative arts",
	}
}

type synth struct {
	r   *rand.Rand
	now time.Time
	l   Loader

	groups      [][]string // group members (the head concept excluded)
	transversal []string
	lsoas       []*workforce.Place
	employers   []*workforce.Employer

	groupPick, memberPick, transversalPick *rand.Zipf
	picked                                 []string
	// facts draws work histories and registrations, apart from r so that
	// the rest of the data is the same as before they were added.
	facts *rand.Rand
	occs  []string
}

// synthCodes are ESCO-style occupation codes for the groups, in the order
// of synthGroupNames: real ISCO-08 unit groups, so that nursing (2221),
// allied health (2264, physiotherapists) and pharmacy (2262) are
// regulated professions and neighbouring groups share ISCO minor groups.
func synthCodes() []string {
	return []string{
		"3412.4", "2221.2", "5321.1", "2262.1", "2264.2",
		"3412.4.5", "5311.1", "2341.1", "2320.1", "3412.1",
		"5223.4", "5131.2", "9412.1", "9112.2", "5414.1",
		"4225.1", "3343.1", "4311.1", "4416.1", "3512.1",
		"2512.1", "2521.1", "7112.1", "7411.1", "7126.1",
		"3115.1", "8219.1", "4321.1", "8322.1", "9333.8",
		"5153.1", "3412.4.2", "2635.1", "2432.1", "4411.1",
		"2133.1", "6113.1", "5141.1", "3423.1", "2651.1",
	}
}

// Synthetic streams a deterministic, plausible partnership into l: skills
// in occupation-like groups with ESCO-style URIs and links, places (ICBs,
// local authorities and LSOAs with IMD deciles clustered around English
// towns), employers, vacancies with 5 to 15 requirements, and people with
// about 15 skills drawn with Zipf-like popularity and travel limits of 5 to
// 40 km. The same seed and sizes give the same data; ids come from
// SyntheticPersonID and SyntheticVacancyID, dates from SyntheticNow. It
// reuses the values it passes, so l must copy what it keeps (Engine and
// Builder do).
func Synthetic(seed uint64, people, vacancies int, l Loader) {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &synth{
		r:               r,
		now:             SyntheticNow(),
		l:               l,
		groupPick:       rand.NewZipf(r, 1.2, 2, synthGroups-1),
		memberPick:      rand.NewZipf(r, 1.1, 1, synthSkillsPerGroup-2),
		transversalPick: rand.NewZipf(r, 1.3, 1, synthTransversal-1),
		facts:           rand.New(rand.NewPCG(seed^0x51f15eed, seed)),
	}
	g.skills()
	g.occupations()
	g.places(max(len(englishTowns())*4, people/600))
	g.employersN(max(5, vacancies/25))
	g.vacancies(vacancies)
	g.people(people)
}

// occupations makes an occupation per skill group, requiring (as
// essential) the group's twelve most popular skills and two transversal
// ones, with the group's code.
func (g *synth) occupations() {
	codes := synthCodes()
	for i, name := range synthGroupNames() {
		id := fmt.Sprintf("http://data.europa.eu/esco/occupation/synthetic-%02d", i)
		var reqs []workforce.Requirement
		for _, s := range g.groups[i][:12] {
			reqs = append(reqs, workforce.Requirement{SkillID: s, Essential: true, Source: "esco", Confidence: 1})
		}
		for _, s := range g.transversal[:2] {
			reqs = append(reqs, workforce.Requirement{SkillID: s, Essential: true, Source: "esco", Confidence: 1})
		}
		g.l.UpsertOccupation(&workforce.Occupation{ID: id, Label: name + " worker", Code: codes[i]}, reqs)
		g.occs = append(g.occs, id)
	}
}

func (g *synth) uri(kind string) string {
	r := g.r
	return fmt.Sprintf("http://data.europa.eu/esco/%s/%08x-%04x-%04x-%04x-%012x", kind,
		r.Uint32(), r.Uint32()&0xffff, 0x4000|r.Uint32()&0x0fff, 0x8000|r.Uint32()&0x3fff, r.Uint64()&0xffffffffffff)
}

func (g *synth) skills() {
	for _, name := range synthGroupNames() {
		head := g.uri("skill")
		g.l.UpsertSkill(&workforce.Skill{ID: head, Label: name, Type: "skill/competence", ReuseLevel: "sector-specific"}, workforce.Links{})
		members := make([]string, synthSkillsPerGroup-1)
		for j := range members {
			members[j] = g.uri("skill")
		}
		for j, id := range members {
			links := workforce.Links{Broader: []string{head}}
			if g.r.Float64() < 0.3 {
				links.Related = []string{members[g.r.IntN(len(members))]}
			}
			g.l.UpsertSkill(&workforce.Skill{ID: id, Label: fmt.Sprintf("%s: skill %d", name, j+1), Type: "skill/competence", ReuseLevel: "sector-specific"}, links)
		}
		g.groups = append(g.groups, members)
	}
	for j := range synthTransversal {
		id := g.uri("skill")
		g.l.UpsertSkill(&workforce.Skill{ID: id, Label: fmt.Sprintf("transversal: skill %d", j+1), Type: "skill/competence", ReuseLevel: "transversal"}, workforce.Links{})
		g.transversal = append(g.transversal, id)
	}
}

// jitter moves p by a normal offset of sigma km in each direction.
func (g *synth) jitter(lat, lon, sigmaKm float64) *workforce.Point {
	lat += g.r.NormFloat64() * sigmaKm / kmPerDegree
	lon += g.r.NormFloat64() * sigmaKm / (kmPerDegree * math.Cos(lat*radians))
	return &workforce.Point{Lat: max(-90, min(90, lat)), Lon: max(-180, min(180, lon))}
}

// places makes an ICB per region-sized box, a local authority per town and
// n LSOAs spread around towns by population, a sixth of them rural.
func (g *synth) places(n int) {
	towns := englishTowns()
	icbs := map[[2]int]string{}
	las := make([]string, len(towns))
	icbOf := make([]string, len(towns))
	cum := make([]float64, len(towns))
	total := 0.0
	for i, t := range towns {
		box := [2]int{int(math.Floor((t.lat - 49.8) / 1.2)), int(math.Floor((t.lon + 6) / 1.6))}
		if _, ok := icbs[box]; !ok {
			icbs[box] = fmt.Sprintf("E54%06d", len(icbs)+1)
			g.l.UpsertPlace(&workforce.Place{ID: icbs[box], Name: "NHS " + t.name + " area ICB", Kind: workforce.PlaceICB})
		}
		icbOf[i] = icbs[box]
		las[i] = fmt.Sprintf("E06%06d", i+1)
		g.l.UpsertPlace(&workforce.Place{ID: las[i], Name: t.name, Kind: workforce.PlaceLocalAuthority,
			Location: &workforce.Point{Lat: t.lat, Lon: t.lon}, ParentIDs: []string{icbOf[i]}})
		total += t.pop
		cum[i] = total
	}
	for i := range n {
		ti, _ := slices.BinarySearch(cum, g.r.Float64()*total)
		ti = min(ti, len(towns)-1)
		t := towns[ti]
		sigma := 2 + math.Sqrt(t.pop)/8
		if g.r.IntN(6) == 0 {
			sigma = 20
		}
		p := &workforce.Place{ID: fmt.Sprintf("E01%06d", i+1), Name: fmt.Sprintf("%s %03d", t.name, i%1000), Kind: workforce.PlaceLSOA,
			Location: g.jitter(t.lat, t.lon, sigma), IMDDecile: 1 + g.r.IntN(10), ParentIDs: []string{las[ti], icbOf[ti]}}
		g.l.UpsertPlace(p)
		g.lsoas = append(g.lsoas, p)
	}
}

func (g *synth) employersN(n int) {
	for i := range n {
		home := g.lsoas[g.r.IntN(len(g.lsoas))]
		e := &workforce.Employer{
			ID:                  fmt.Sprintf("employer-%05d", i),
			Name:                fmt.Sprintf("Employer %d", i),
			Kind:                workforce.EmployerKinds[g.r.IntN(len(workforce.EmployerKinds))],
			PlaceID:             home.ID,
			Location:            g.jitter(home.Location.Lat, home.Location.Lon, 0.5),
			RealLivingWage:      g.r.Float64() < 0.35,
			CharterLevel:        workforce.CharterLevels[g.r.IntN(len(workforce.CharterLevels))],
			DisabilityConfident: g.r.Float64() < 0.3,
		}
		g.l.UpsertEmployer(e)
		g.employers = append(g.employers, e)
	}
}

// skill draws a skill: mostly from group, else transversal.
func (g *synth) skill(group int, groupShare float64) string {
	if g.r.Float64() < groupShare {
		return g.groups[group][g.memberPick.Uint64()]
	}
	return g.transversal[g.transversalPick.Uint64()]
}

// distinct draws until it has n different skills (or gives up after 10n
// draws, which the taxonomy's size makes rare), so that popular skills do
// not shrink the lists.
func (g *synth) distinct(n int, draw func() string) []string {
	g.picked = g.picked[:0]
	for tries := 0; len(g.picked) < n && tries < 10*n; tries++ {
		if id := draw(); !slices.Contains(g.picked, id) {
			g.picked = append(g.picked, id)
		}
	}
	return g.picked
}

func (g *synth) day(from, to int) *time.Time {
	t := g.now.Add(time.Duration(from+g.r.IntN(to-from+1)) * 24 * time.Hour)
	return &t
}

func (g *synth) vacancies(n int) {
	empPick := rand.NewZipf(g.r, 1.1, 4, uint64(len(g.employers)-1))
	hours := []float64{37.5, 37.5, 37.5, 30, 22.5, 16, 0}
	var v workforce.Vacancy
	var reqs []workforce.Requirement
	for i := range n {
		e := g.employers[empPick.Uint64()]
		group := int(g.groupPick.Uint64())
		base := 18000 + float64(group%8)*3000 + g.r.Float64()*4000
		v = workforce.Vacancy{
			ID:                  SyntheticVacancyID(i),
			Title:               fmt.Sprintf("%s role %d", synthGroupNames()[group], i),
			EmployerID:          e.ID,
			SalaryMin:           math.Round(base/100) * 100,
			HoursPerWeek:        hours[g.r.IntN(len(hours))],
			Contract:            workforce.ContractTypes[g.r.IntN(len(workforce.ContractTypes))],
			Flexible:            g.r.Float64() < 0.4,
			RequiresRightToWork: g.r.Float64() < 0.92,
			PostedAt:            g.day(-40, 0),
			OccupationID:        g.occs[group],
		}
		if g.r.Float64() < 0.6 {
			v.SalaryMax = math.Round(base*1.1/100) * 100
		}
		if g.r.Float64() < 0.4 {
			v.Location = g.jitter(e.Location.Lat, e.Location.Lon, 3)
		}
		if g.r.Float64() < 0.5 {
			v.PlaceID = e.PlaceID
		}
		if g.r.Float64() < 0.9 {
			v.ClosesAt = g.day(-6, 45)
		}
		reqs = reqs[:0]
		for _, id := range g.distinct(5+g.r.IntN(11), func() string { return g.skill(group, 0.75) }) {
			r := workforce.Requirement{SkillID: id, Essential: g.r.Float64() < 0.6, Source: "esco", Confidence: 1}
			if g.r.Float64() < 0.3 {
				r.Source, r.Confidence = "description", 0.6+0.35*g.r.Float64()
			}
			reqs = append(reqs, r)
		}
		g.l.UpsertVacancy(&v, reqs)
	}
}

// history draws a work history (most people have one, in their primary
// group, some a second in another), an occupation sought, and, for
// regulated occupations, a registration that is usually in force.
func (g *synth) history(primary, secondary int) ([]workforce.Job, []string, []workforce.Registration) {
	f := g.facts
	var jobs []workforce.Job
	var regs []workforce.Registration
	if f.Float64() < 0.7 {
		from := g.now.AddDate(-1-f.IntN(12), 0, 0)
		j := workforce.Job{OccupationID: g.occs[primary], From: &from}
		if f.Float64() < 0.5 {
			to := from.AddDate(1+f.IntN(4), 0, 0)
			if to.Before(g.now) {
				j.To = &to
			}
		}
		jobs = append(jobs, j)
		if rp, ok := workforce.RegulationFor(synthCodes()[primary]); ok && f.Float64() < 0.8 {
			exp := g.now.AddDate(0, f.IntN(30)-6, 0)
			regs = append(regs, workforce.Registration{Regulator: rp.Regulator, Expires: &exp})
		}
	}
	if f.Float64() < 0.2 {
		jobs = append(jobs, workforce.Job{OccupationID: g.occs[secondary]})
	}
	var seeks []string
	if f.Float64() < 0.4 {
		seeks = []string{g.occs[primary]}
	}
	return jobs, seeks, regs
}

func (g *synth) people(n int) {
	hours := []float64{16, 22.5, 30, 37.5}
	var p workforce.Person
	var skills []workforce.PersonSkill
	for i := range n {
		home := g.lsoas[g.r.IntN(len(g.lsoas))]
		p = workforce.Person{
			ID:              SyntheticPersonID(i),
			OrgID:           fmt.Sprintf("org-%02d", g.r.IntN(20)),
			PlaceID:         home.ID,
			ConsentMatching: g.r.Float64() < 0.95,
			RightToWork:     g.r.Float64() < 0.97,
		}
		if g.r.Float64() < 0.98 {
			p.Location = g.jitter(home.Location.Lat, home.Location.Lon, 0.8)
		}
		if g.r.Float64() < 0.9 {
			p.TravelKm = 5 + math.Round(g.r.Float64()*70)/2
		}
		if g.r.Float64() < 0.3 {
			p.HoursPerWeek = hours[g.r.IntN(len(hours))]
		}
		if g.r.Float64() < 0.2 {
			p.AvailableFrom = g.day(-30, 60)
		}
		if g.r.Float64() < 0.6 {
			p.CurrentPay = math.Round((14000+g.r.Float64()*31000)/100) * 100
		}
		primary, secondary := int(g.groupPick.Uint64()), g.r.IntN(synthGroups)
		skills = skills[:0]
		draw := func() string {
			if g.r.Float64() < 0.12 {
				return g.skill(secondary, 0.8)
			}
			return g.skill(primary, 0.8)
		}
		for _, id := range g.distinct(10+g.r.IntN(11), draw) {
			skills = append(skills, workforce.PersonSkill{SkillID: id, Level: 1 + g.r.IntN(4), Source: "self"})
		}
		p.History, p.Seeks, p.Registrations = g.history(primary, secondary)
		g.l.UpsertPerson(&p, skills)
	}
}
