package matching

import (
	"testing"
	"time"

	"github.com/onework/onework/workforce"
)

// A small hand-built Gloucestershire partnership, for table and golden
// tests. The skill URIs follow ESCO's form.
const (
	skHygiene   = "http://data.europa.eu/esco/skill/0b9c2e8a-6a3f-4d6b-9a51-1f2f6d7c4e01"
	skVitals    = "http://data.europa.eu/esco/skill/1c4d8f2b-2e7a-4b9c-8d13-6a0e5f9b3c02"
	skMonitor   = "http://data.europa.eu/esco/skill/2d5e9a3c-3f8b-4cad-9e24-7b1f6a0c4d03"
	skCommunic  = "http://data.europa.eu/esco/skill/3e6fab4d-4a9c-4dbe-af35-8c2a7b1d5e04"
	skInfection = "http://data.europa.eu/esco/skill/4f7abc5e-5bad-4ecf-b046-9d3b8c2e6f05"
	skMove      = "http://data.europa.eu/esco/skill/5a8bcd6f-6cbe-4fd0-8157-ae4c9d3f7a06"
	skRecords   = "http://data.europa.eu/esco/skill/6b9cde7a-7dcf-40e1-9268-bf5dae4a8b07"
	skDigital   = "http://data.europa.eu/esco/skill/7cadef8b-8ed0-41f2-a379-c06ebf5b9c08"
	skFirstAid  = "http://data.europa.eu/esco/skill/8dbef09c-9fe1-4203-b48a-d17fc06cad09"
	skEmergency = "http://data.europa.eu/esco/skill/9ecf01ad-a0f2-4314-859b-e280d17dbe10"
	skCook      = "http://data.europa.eu/esco/skill/afd012be-b103-4425-96ac-f391e28ecf11"

	icbGlos      = "E54000043"
	icbHerefWorc = "E54000019"
	laGloucester = "E07000081"
	laChelt      = "E07000078"
	laStroud     = "E07000082"
	laHereford   = "E06000019"
	lsoaGlos011A = "E01022257"
	lsoaGlos004B = "E01022183"
	lsoaChelt8C  = "E01022043"
	lsoaStroud2A = "E01022400"
	lsoaLedbury  = "E01013950"
)

func scenarioNow() time.Time { return time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC) }

func day(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func pt(lat, lon float64) *workforce.Point { return &workforce.Point{Lat: lat, Lon: lon} }

// scenarioPeople are the scenario's people and what each one tests.
func scenarioPeople() []struct {
	p      *workforce.Person
	skills []string
} {
	held := func(ids ...string) []string { return ids }
	return []struct {
		p      *workforce.Person
		skills []string
	}{
		// Alice lives near the hospital in a decile-2 area and holds a
		// skill linked to one she lacks.
		{&workforce.Person{ID: "alice", OrgID: "ncs-glos", PlaceID: lsoaGlos011A, Location: pt(51.853, -2.250), TravelKm: 10, RightToWork: true, ConsentMatching: true, CurrentPay: 21000},
			held(skHygiene, skMonitor, skCommunic, skInfection, skMove, skDigital)},
		// Ben holds everything but lives in Cheltenham with no stated travel limit.
		{&workforce.Person{ID: "ben", OrgID: "glos-college", PlaceID: lsoaChelt8C, Location: pt(51.899, -2.075), RightToWork: true, ConsentMatching: true},
			held(skHygiene, skVitals, skCommunic, skInfection, skMove, skRecords, skFirstAid)},
		// Chloe would travel only 5 km and lives 13 km away.
		{&workforce.Person{ID: "chloe", PlaceID: lsoaStroud2A, Location: pt(51.745, -2.217), TravelKm: 5, RightToWork: true, ConsentMatching: true},
			held(skHygiene, skVitals, skCommunic)},
		// Dev fits everything but has not consented to matching.
		{&workforce.Person{ID: "dev", PlaceID: lsoaGlos004B, Location: pt(51.862, -2.236), TravelKm: 20, RightToWork: true, ConsentMatching: false},
			held(skHygiene, skVitals, skCommunic, skInfection, skMove, skRecords)},
		// Ellie has no location and no home place.
		{&workforce.Person{ID: "ellie", TravelKm: 10, RightToWork: true, ConsentMatching: true},
			held(skCommunic, skDigital)},
		// Faisal lives over the county line, within his 40 km.
		{&workforce.Person{ID: "faisal", OrgID: "ncs-glos", PlaceID: lsoaLedbury, Location: pt(52.035, -2.420), TravelKm: 40, RightToWork: true, ConsentMatching: true, CurrentPay: 26000},
			held(skHygiene, skCommunic, skEmergency)},
		// Grace has no right to work in the UK without sponsorship.
		{&workforce.Person{ID: "grace", PlaceID: lsoaGlos004B, Location: pt(51.860, -2.240), TravelKm: 20, RightToWork: false, ConsentMatching: true},
			held(skHygiene, skCommunic, skMove)},
		// Harry is available only well after the hospital job closes (more
		// than the 28 days tolerated).
		{&workforce.Person{ID: "harry", PlaceID: lsoaGlos004B, Location: pt(51.860, -2.240), TravelKm: 15, RightToWork: true, ConsentMatching: true, AvailableFrom: day("2026-04-15")},
			held(skHygiene, skCommunic)},
		// Isla wants at most 16 hours a week.
		{&workforce.Person{ID: "isla", PlaceID: lsoaGlos011A, Location: pt(51.855, -2.245), RightToWork: true, ConsentMatching: true, HoursPerWeek: 16},
			held(skHygiene, skCommunic, skFirstAid)},
	}
}

// loadScenario fills l with the scenario.
func loadScenario(l Loader) {
	for _, s := range []struct {
		id, label, reuse string
		links            workforce.Links
	}{
		{skHygiene, "assist patients with personal hygiene", "sector-specific", workforce.Links{}},
		{skVitals, "measure patients' vital signs", "occupation-specific", workforce.Links{Broader: []string{skMonitor}}},
		{skMonitor, "monitor patients' health", "sector-specific", workforce.Links{}},
		{skCommunic, "communicate with healthcare users", "cross-sector", workforce.Links{}},
		{skInfection, "apply infection control measures", "sector-specific", workforce.Links{}},
		{skMove, "move patients safely", "sector-specific", workforce.Links{}},
		{skRecords, "keep patient records", "cross-sector", workforce.Links{}},
		{skDigital, "use digital tools", "transversal", workforce.Links{}},
		{skFirstAid, "provide first aid", "cross-sector", workforce.Links{Related: []string{skEmergency}}},
		{skEmergency, "respond to medical emergencies", "sector-specific", workforce.Links{}},
		{skCook, "prepare meals", "cross-sector", workforce.Links{}},
	} {
		l.UpsertSkill(&workforce.Skill{ID: s.id, Label: s.label, ReuseLevel: s.reuse}, s.links)
	}
	for _, p := range []*workforce.Place{
		{ID: icbGlos, Name: "NHS Gloucestershire ICB", Kind: workforce.PlaceICB},
		{ID: icbHerefWorc, Name: "NHS Herefordshire and Worcestershire ICB", Kind: workforce.PlaceICB},
		{ID: laGloucester, Name: "Gloucester", Kind: workforce.PlaceLocalAuthority, ParentIDs: []string{icbGlos}},
		{ID: laChelt, Name: "Cheltenham", Kind: workforce.PlaceLocalAuthority, ParentIDs: []string{icbGlos}},
		{ID: laStroud, Name: "Stroud", Kind: workforce.PlaceLocalAuthority, ParentIDs: []string{icbGlos}},
		{ID: laHereford, Name: "Herefordshire, County of", Kind: workforce.PlaceLocalAuthority, ParentIDs: []string{icbHerefWorc}},
		{ID: lsoaGlos011A, Name: "Gloucester 011A", Kind: workforce.PlaceLSOA, IMDDecile: 2, Location: pt(51.854, -2.248), ParentIDs: []string{laGloucester, icbGlos}},
		{ID: lsoaGlos004B, Name: "Gloucester 004B", Kind: workforce.PlaceLSOA, IMDDecile: 7, Location: pt(51.864, -2.235), ParentIDs: []string{laGloucester, icbGlos}},
		{ID: lsoaChelt8C, Name: "Cheltenham 008C", Kind: workforce.PlaceLSOA, IMDDecile: 5, Location: pt(51.898, -2.077), ParentIDs: []string{laChelt, icbGlos}},
		{ID: lsoaStroud2A, Name: "Stroud 002A", Kind: workforce.PlaceLSOA, IMDDecile: 9, Location: pt(51.745, -2.217), ParentIDs: []string{laStroud, icbGlos}},
		{ID: lsoaLedbury, Name: "Herefordshire 021B", Kind: workforce.PlaceLSOA, IMDDecile: 4, Location: pt(52.035, -2.421), ParentIDs: []string{laHereford, icbHerefWorc}},
	} {
		l.UpsertPlace(p)
	}
	l.UpsertEmployer(&workforce.Employer{ID: "glos-hospitals", Name: "Gloucestershire Hospitals NHS Foundation Trust", Kind: workforce.EmployerNHS,
		PlaceID: lsoaGlos004B, Location: pt(51.8656, -2.2315), RealLivingWage: true, CharterLevel: workforce.CharterAccredited, DisabilityConfident: true})
	l.UpsertEmployer(&workforce.Employer{ID: "cotswold-care", Name: "Cotswold Care Homes", Kind: workforce.EmployerCareProvider,
		PlaceID: lsoaChelt8C, Location: pt(51.900, -2.070), CharterLevel: workforce.CharterAspiring})
	req := func(id string, essential bool) workforce.Requirement {
		return workforce.Requirement{SkillID: id, Essential: essential, Source: "esco", Confidence: 1}
	}
	l.UpsertVacancy(&workforce.Vacancy{ID: "hcsw-001", Title: "Healthcare Support Worker", EmployerID: "glos-hospitals",
		SalaryMin: 24937, SalaryMax: 26598, HoursPerWeek: 37.5, Contract: workforce.ContractPermanent, Flexible: true,
		RequiresRightToWork: true, PostedAt: day("2026-01-05"), ClosesAt: day("2026-02-28")},
		[]workforce.Requirement{req(skHygiene, true), req(skVitals, true), req(skCommunic, true), req(skInfection, true),
			req(skMove, true), req(skRecords, false), req(skDigital, false), req(skFirstAid, false)})
	l.UpsertVacancy(&workforce.Vacancy{ID: "carer-002", Title: "Care Assistant", EmployerID: "cotswold-care",
		SalaryMin: 23400, Contract: workforce.ContractBank, PostedAt: day("2026-01-10")},
		[]workforce.Requirement{req(skHygiene, true), req(skCommunic, true), req(skMove, true), req(skFirstAid, false)})
	l.UpsertVacancy(&workforce.Vacancy{ID: "closed-003", Title: "Ward Clerk", EmployerID: "glos-hospitals",
		SalaryMin: 23000, Contract: workforce.ContractFixedTerm, PostedAt: day("2025-12-01"), ClosesAt: day("2026-01-01")},
		[]workforce.Requirement{req(skRecords, true), req(skDigital, true)})
	l.UpsertVacancy(&workforce.Vacancy{ID: "porter-004", Title: "Hospital Porter", EmployerID: "glos-hospitals",
		HoursPerWeek: 37.5, Contract: workforce.ContractPermanent, PostedAt: day("2026-01-12"), ClosesAt: day("2026-02-12")}, nil)
	for _, s := range scenarioPeople() {
		var skills []workforce.PersonSkill
		for _, id := range s.skills {
			skills = append(skills, workforce.PersonSkill{SkillID: id, Level: 2, Source: "adviser"})
		}
		l.UpsertPerson(s.p, skills)
	}
}

// newScenario returns an engine loaded with the scenario, built in bulk or
// written one row at a time.
func newScenario(tb testing.TB, bulk bool) *Engine {
	tb.Helper()
	var e *Engine
	if bulk {
		b, err := NewBuilder(Config{})
		if err != nil {
			tb.Fatal(err)
		}
		loadScenario(b)
		e = b.Build()
	} else {
		var err error
		if e, err = New(Config{}); err != nil {
			tb.Fatal(err)
		}
		loadScenario(e)
	}
	e.Now = scenarioNow
	return e
}
