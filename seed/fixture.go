package seed

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/onework/onework/workforce"
)

// Ids of the fixture's places: real ONS codes in and around Gloucester.
const (
	PlaceEngland         = "E92000001"
	PlaceSouthWest       = "E12000009"
	PlaceGloucestershire = "E54000043" // NHS Gloucestershire ICB
	PlaceGloucester      = "E07000081"
	PlaceCheltenham      = "E07000078"
	// LSOAs, with their IMD 2025 decile.
	PlaceBartonTredworth = "E01022289" // Gloucester 005B, decile 1
	PlaceKingsholm       = "E01022311" // Gloucester 002C, decile 1
	PlaceLonglevens      = "E01022313" // Gloucester 001A, decile 10
	PlaceTuffleyD        = "E01022346" // Gloucester 012D, decile 1
	PlaceTuffleyA        = "E01022343" // Gloucester 012A, decile 5
	PlaceCheltenham009A  = "E01022116" // Cheltenham 009A, decile 10
)

// Ids of the fixture's employers. The NHS trust is real and carries the id
// that "onework import places" gives it ("ods:" and its ODS code); the others
// are synthetic and named "(demo)".
const (
	EmployerGloucestershireHospitals = "ods:RTE"
	EmployerSevernValeCare           = "demo-employer-severn-vale-care"
	EmployerWestgatePantry           = "demo-employer-westgate-pantry"
	EmployerKingsholmStores          = "demo-employer-kingsholm-stores"
	EmployerQuaysideKitchen          = "demo-employer-quayside-kitchen"
)

// Ids of the fixture's synthetic providers and programmes.
const (
	ProviderSevernside           = "demo-provider-severnside-college"
	ProviderFirstSteps           = "demo-provider-first-steps-training"
	ProgrammeCareAcademy         = "demo-programme-care-academy"
	ProgrammeHCAApprentice       = "demo-programme-hca-apprenticeship"
	ProgrammeRetailAcademy       = "demo-programme-retail-academy"
	ProgrammeMedicalAdmin        = "demo-programme-medical-admin"
	ProgrammeKitchenVolunteering = "demo-programme-kitchen-volunteering"
)

// FixtureOrg is the caseload organisation of the fixture's people.
const FixtureOrg = "demo-org-careers-hub"

// Fixture writes OneWork's small built-in demo data set through w: real
// places in Gloucester with IMD deciles, real ESCO skills and occupations
// with their ESCO requirements, one real NHS trust and synthetic employers,
// vacancies, providers, programmes and people, all marked "(demo)". It is for
// "make run" without ../shared/data and for API tests. It is idempotent: a
// second run writes the same values and reports nothing created or updated.
// The result counts nodes; links are written idempotently and not counted.
func Fixture(ctx context.Context, w workforce.WriteService) (workforce.WriteResult, error) {
	var total workforce.WriteResult
	add := func(what string, write func() (workforce.WriteResult, error)) error {
		r, err := write()
		if err != nil {
			return fmt.Errorf("fixture %s: %w", what, err)
		}
		total.Add(r)
		return nil
	}
	if err := add("places", func() (workforce.WriteResult, error) { return upsertPlacesTopDown(ctx, w, fixturePlaces()) }); err != nil {
		return total, err
	}
	if err := add("skills", func() (workforce.WriteResult, error) { return w.UpsertSkills(ctx, fixtureSkills()) }); err != nil {
		return total, err
	}
	if err := add("occupations", func() (workforce.WriteResult, error) { return w.UpsertOccupations(ctx, fixtureOccupations()) }); err != nil {
		return total, err
	}
	requirements := fixtureOccupationSkills()
	for _, occ := range slices.Sorted(maps.Keys(requirements)) {
		for _, r := range requirements[occ] {
			if err := w.LinkOccupationSkill(ctx, occ, r); err != nil {
				return total, fmt.Errorf("fixture occupation %s requires %s: %w", occ, r.SkillID, err)
			}
		}
	}
	if err := add("employers", func() (workforce.WriteResult, error) { return w.UpsertEmployers(ctx, fixtureEmployers()) }); err != nil {
		return total, err
	}
	vacancies, vacancySkills := fixtureVacancies()
	if err := add("vacancies", func() (workforce.WriteResult, error) { return w.UpsertVacancies(ctx, vacancies) }); err != nil {
		return total, err
	}
	for _, v := range vacancies {
		for _, r := range vacancySkills[v.ID] {
			if err := w.LinkVacancySkill(ctx, v.ID, r); err != nil {
				return total, fmt.Errorf("fixture vacancy %s requires %s: %w", v.ID, r.SkillID, err)
			}
		}
	}
	if err := add("providers", func() (workforce.WriteResult, error) { return w.UpsertProviders(ctx, fixtureProviders()) }); err != nil {
		return total, err
	}
	programmes, links := fixtureProgrammes()
	if err := add("programmes", func() (workforce.WriteResult, error) { return w.UpsertProgrammes(ctx, programmes) }); err != nil {
		return total, err
	}
	for _, p := range programmes {
		l := links[p.ID]
		if err := w.LinkProviderProgramme(ctx, p.ProviderID, p.ID); err != nil {
			return total, fmt.Errorf("fixture provider %s runs %s: %w", p.ProviderID, p.ID, err)
		}
		for _, s := range l.teaches {
			if err := w.LinkProgrammeSkill(ctx, p.ID, s); err != nil {
				return total, fmt.Errorf("fixture programme %s teaches %s: %w", p.ID, s, err)
			}
		}
		for _, o := range l.leadsTo {
			if err := w.LinkProgrammeOccupation(ctx, p.ID, o); err != nil {
				return total, fmt.Errorf("fixture programme %s leads to %s: %w", p.ID, o, err)
			}
		}
		for _, pr := range l.progressions {
			if err := w.RecordProgression(ctx, pr); err != nil {
				return total, fmt.Errorf("fixture programme %s progression: %w", p.ID, err)
			}
		}
	}
	people, personSkills := fixturePeople()
	if err := add("people", func() (workforce.WriteResult, error) { return w.UpsertPeople(ctx, people) }); err != nil {
		return total, err
	}
	for _, p := range people {
		for _, s := range personSkills[p.ID] {
			if err := w.LinkPersonSkill(ctx, p.ID, s); err != nil {
				return total, fmt.Errorf("fixture person %s has %s: %w", p.ID, s.SkillID, err)
			}
		}
	}
	return total, nil
}

// upsertPlacesTopDown writes places one level at a time, country first, so
// that every parent exists before the places that lie in it.
func upsertPlacesTopDown(ctx context.Context, w workforce.WriteService, places []*workforce.Place) (workforce.WriteResult, error) {
	var total workforce.WriteResult
	for _, kind := range []workforce.PlaceKind{workforce.PlaceCountry, workforce.PlaceRegion, workforce.PlaceICB, workforce.PlaceLocalAuthority, workforce.PlaceLSOA} {
		var level []*workforce.Place
		for _, p := range places {
			if p.Kind == kind {
				level = append(level, p)
			}
		}
		if len(level) == 0 {
			continue
		}
		r, err := w.UpsertPlaces(ctx, level)
		if err != nil {
			return total, err
		}
		total.Add(r)
	}
	return total, nil
}

func fixturePlaces() []*workforce.Place {
	lsoa := func(id, name string, lon, lat float64, decile int, la string) *workforce.Place {
		return &workforce.Place{ID: id, Name: name, Kind: workforce.PlaceLSOA, Location: &workforce.Point{Lat: lat, Lon: lon},
			IMDDecile: decile, ParentIDs: []string{la, PlaceGloucestershire}}
	}
	return []*workforce.Place{
		{ID: PlaceEngland, Name: "England", Kind: workforce.PlaceCountry},
		// The region's location is the mean of its LSOAs' centroids, as
		// "onework import places" computes it.
		{ID: PlaceSouthWest, Name: "South West", Kind: workforce.PlaceRegion,
			Location: &workforce.Point{Lat: 51.064786, Lon: -2.895969}, ParentIDs: []string{PlaceEngland}},
		{ID: PlaceGloucestershire, Name: "NHS Gloucestershire Integrated Care Board", Kind: workforce.PlaceICB,
			Location: &workforce.Point{Lat: 51.829158, Lon: -2.132787}, IMDDecile: 9, ParentIDs: []string{PlaceEngland}},
		{ID: PlaceGloucester, Name: "Gloucester", Kind: workforce.PlaceLocalAuthority,
			Location: &workforce.Point{Lat: 51.849222, Lon: -2.240803}, IMDDecile: 4, ParentIDs: []string{PlaceSouthWest}},
		{ID: PlaceCheltenham, Name: "Cheltenham", Kind: workforce.PlaceLocalAuthority,
			Location: &workforce.Point{Lat: 51.896712, Lon: -2.073336}, IMDDecile: 8, ParentIDs: []string{PlaceSouthWest}},
		lsoa(PlaceBartonTredworth, "Gloucester 005B", -2.235368, 51.861121, 1, PlaceGloucester),
		lsoa(PlaceKingsholm, "Gloucester 002C", -2.237422, 51.867907, 1, PlaceGloucester),
		lsoa(PlaceLonglevens, "Gloucester 001A", -2.219918, 51.881702, 10, PlaceGloucester),
		lsoa(PlaceTuffleyD, "Gloucester 012D", -2.248698, 51.829566, 1, PlaceGloucester),
		lsoa(PlaceTuffleyA, "Gloucester 012A", -2.24165, 51.839144, 5, PlaceGloucester),
		lsoa(PlaceCheltenham009A, "Cheltenham 009A", -2.071588, 51.893, 10, PlaceCheltenham),
	}
}

func fixtureEmployers() []*workforce.Employer {
	pt := func(lat, lon float64) *workforce.Point { return &workforce.Point{Lat: lat, Lon: lon} }
	return []*workforce.Employer{
		// As "onework import places" writes it: location from the NHS trust
		// points file, place the nearest LSOA centroid.
		{ID: EmployerGloucestershireHospitals, Name: "Gloucestershire Hospitals NHS Foundation Trust", Kind: workforce.EmployerNHS,
			PlaceID: PlaceCheltenham009A, Location: pt(51.8921411, -2.0719683)},
		{ID: EmployerSevernValeCare, Name: "Severn Vale Home Care (demo)", Kind: workforce.EmployerCareProvider,
			PlaceID: PlaceBartonTredworth, Location: pt(51.8609, -2.2351), RealLivingWage: true,
			CharterLevel: workforce.CharterAccredited, DisabilityConfident: true, Website: "https://example.org/severn-vale-care"},
		{ID: EmployerWestgatePantry, Name: "Westgate Community Pantry (demo)", Kind: workforce.EmployerVCSE,
			PlaceID: PlaceKingsholm, Location: pt(51.8676, -2.2372), RealLivingWage: true, CharterLevel: workforce.CharterAspiring},
		{ID: EmployerKingsholmStores, Name: "Kingsholm Stores (demo)", Kind: workforce.EmployerPrivate,
			PlaceID: PlaceKingsholm, Location: pt(51.8681, -2.2380), CharterLevel: workforce.CharterNone},
		{ID: EmployerQuaysideKitchen, Name: "Quayside Kitchen (demo)", Kind: workforce.EmployerPrivate,
			PlaceID: PlaceTuffleyA, Location: pt(51.8390, -2.2417), CharterLevel: workforce.CharterAspiring},
	}
}

// fixtureDate returns midnight UTC on the given day.
func fixtureDate(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func fixtureVacancies() ([]*workforce.Vacancy, map[string][]workforce.Requirement) {
	// Closing dates lie far ahead so that the demo vacancies stay open, and
	// are fixed so that the fixture stays idempotent.
	posted, closes := fixtureDate(2025, time.September, 1), fixtureDate(2030, time.December, 31)
	v := func(id, title, employer, occ, place string, lat, lon, min, max, hours float64, c workforce.ContractType, flexible bool) *workforce.Vacancy {
		return &workforce.Vacancy{ID: id, Title: title + " (demo)", Description: "Demonstration vacancy: " + title + ".",
			EmployerID: employer, OccupationID: occ, OccupationSource: "partner", OccupationConfidence: 1,
			PlaceID: place, Location: &workforce.Point{Lat: lat, Lon: lon}, SalaryMin: min, SalaryMax: max,
			HoursPerWeek: hours, Contract: c, Flexible: flexible, RequiresRightToWork: true,
			PostedAt: posted, ClosesAt: closes, Source: "fixture"}
	}
	vacancies := []*workforce.Vacancy{
		v("demo-vacancy-hca-ward", "Healthcare assistant, medical wards", EmployerGloucestershireHospitals, OccHealthcareAssistant, PlaceCheltenham009A, 51.8921, -2.0720, 24071, 25674, 37.5, workforce.ContractPermanent, false),
		v("demo-vacancy-hca-bank", "Bank healthcare assistant", EmployerGloucestershireHospitals, OccHealthcareAssistant, PlaceCheltenham009A, 51.8921, -2.0720, 24071, 24071, 0, workforce.ContractBank, true),
		v("demo-vacancy-staff-nurse", "Staff nurse, emergency department", EmployerGloucestershireHospitals, OccNurse, PlaceCheltenham009A, 51.8921, -2.0720, 29970, 36483, 37.5, workforce.ContractPermanent, false),
		v("demo-vacancy-ward-clerk", "Ward clerk", EmployerGloucestershireHospitals, OccMedicalAdmin, PlaceCheltenham009A, 51.8921, -2.0720, 23615, 23615, 30, workforce.ContractFixedTerm, true),
		v("demo-vacancy-home-carer", "Home carer, Gloucester city", EmployerSevernValeCare, OccHomeCareAide, PlaceBartonTredworth, 51.8609, -2.2351, 23400, 25350, 30, workforce.ContractPermanent, true),
		v("demo-vacancy-carer-apprentice", "Care apprentice", EmployerSevernValeCare, OccHomeCareAide, PlaceBartonTredworth, 51.8609, -2.2351, 15000, 15000, 30, workforce.ContractApprenticeship, false),
		v("demo-vacancy-shop-assistant", "Shop assistant", EmployerKingsholmStores, OccSalesAssistant, PlaceKingsholm, 51.8681, -2.2380, 23000, 23000, 20, workforce.ContractPermanent, true),
		v("demo-vacancy-kitchen", "Kitchen assistant", EmployerQuaysideKitchen, OccKitchenAssistant, PlaceTuffleyA, 51.8390, -2.2417, 22500, 22500, 25, workforce.ContractZeroHours, true),
		v("demo-vacancy-pantry-coordinator", "Pantry volunteer coordinator", EmployerWestgatePantry, OccKitchenAssistant, PlaceKingsholm, 51.8676, -2.2372, 23400, 23400, 16, workforce.ContractFixedTerm, true),
	}
	partner := func(skill string, essential bool) workforce.Requirement {
		return workforce.Requirement{SkillID: skill, Essential: essential, Source: "partner", Confidence: 1}
	}
	care := []workforce.Requirement{partner(SkillEmpathiseWithTheHealthcareUser, true), partner(SkillInteractWithHealthcareUsers, true),
		partner(SkillEnsureSafetyOfHealthcareUsers, true), partner(SkillInfectionControl, true), partner(SkillListenActively, false)}
	return vacancies, map[string][]workforce.Requirement{
		"demo-vacancy-hca-ward": append(care, partner(SkillProvideBasicSupportToPatients, true), partner(SkillMonitorBasicPatientsSigns, true)),
		"demo-vacancy-hca-bank": append(care[:4:4], partner(SkillProvideBasicSupportToPatients, true)),
		"demo-vacancy-staff-nurse": append(care, partner(SkillImplementFundamentalsOfNursing, true),
			partner(SkillWorkInMultidisciplinaryHealthTeams, true), partner(SkillFirstAid, true)),
		"demo-vacancy-ward-clerk": {partner(SkillAdministrativeTasksInAMedicalEnvironment, true), partner(SkillMaintainHealthcareUserDataConfidentiality, true),
			partner(SkillCommunicateByTelephone, true), partner(SkillHaveComputerLiteracy, true), partner(SkillApplyOrganisationalTechniques, false)},
		"demo-vacancy-home-carer": {partner(SkillTendToElderlyPeople, true), partner(SkillSupportSocialServiceUsersToLiveAtHome, true),
			partner(SkillOlderAdultsNeeds, true), partner(SkillDisabilityCare, false), partner(SkillUseFoodPreparationTechniques, false)},
		"demo-vacancy-carer-apprentice": {partner(SkillTendToElderlyPeople, true), partner(SkillListenActively, true), partner(SkillCleanSurfaces, false)},
		"demo-vacancy-shop-assistant": {partner(SkillOperateCashPoint, true), partner(SkillIdentifyCustomerSNeeds, true),
			partner(SkillMonitorStockLevel, false), partner(SkillMaintainCustomerService, true)},
		"demo-vacancy-kitchen": {partner(SkillComplyWithFoodSafetyAndHygiene, true), partner(SkillUseFoodPreparationTechniques, true),
			partner(SkillCleanSurfaces, true), partner(SkillMonitorStockLevel, false)},
		"demo-vacancy-pantry-coordinator": {partner(SkillComplyWithFoodSafetyAndHygiene, true), partner(SkillApplyOrganisationalTechniques, true),
			partner(SkillListenActively, true), partner(SkillUseCommunicationTechniques, false)},
	}
}

func fixtureProviders() []*workforce.Provider {
	return []*workforce.Provider{
		{ID: ProviderSevernside, Name: "Severnside College (demo)", Kind: workforce.ProviderCollege, PlaceID: PlaceKingsholm,
			Location: &workforce.Point{Lat: 51.8669, Lon: -2.2410}, Website: "https://example.org/severnside-college"},
		{ID: ProviderFirstSteps, Name: "First Steps Training (demo)", Kind: workforce.ProviderTrainingProvider, PlaceID: PlaceTuffleyD,
			Location: &workforce.Point{Lat: 51.8296, Lon: -2.2487}},
	}
}

// programmeLinks holds what a fixture programme teaches and leads to.
type programmeLinks struct {
	teaches      []string
	leadsTo      []string
	progressions []workforce.Progression
}

func fixtureProgrammes() ([]*workforce.Programme, map[string]programmeLinks) {
	places := 12
	p := func(id, title string, kind workforce.ProgrammeKind, provider, place string, lat, lon float64, start *time.Time, weeks int, eligibility string) *workforce.Programme {
		return &workforce.Programme{ID: id, Title: title + " (demo)", Description: "Demonstration programme: " + title + ".",
			Kind: kind, ProviderID: provider, PlaceID: place, Location: &workforce.Point{Lat: lat, Lon: lon},
			StartDate: start, DurationWeeks: weeks, PlacesLeft: &places, Eligibility: eligibility}
	}
	programmes := []*workforce.Programme{
		p(ProgrammeCareAcademy, "Care sector-based work academy", workforce.ProgrammePreEmployment, ProviderFirstSteps, PlaceTuffleyD,
			51.8296, -2.2487, fixtureDate(2030, time.January, 13), 4, "Unemployed adults claiming benefits"),
		p(ProgrammeHCAApprentice, "Healthcare support worker apprenticeship (level 2)", workforce.ProgrammeApprenticeship, ProviderSevernside, PlaceKingsholm,
			51.8669, -2.2410, fixtureDate(2030, time.September, 1), 52, "Aged 16 or over, employed by a partner trust"),
		p(ProgrammeRetailAcademy, "Customer service and retail academy", workforce.ProgrammePreEmployment, ProviderFirstSteps, PlaceTuffleyD,
			51.8296, -2.2487, fixtureDate(2030, time.February, 3), 3, ""),
		p(ProgrammeMedicalAdmin, "Medical administration certificate", workforce.ProgrammeCourse, ProviderSevernside, PlaceKingsholm,
			51.8669, -2.2410, fixtureDate(2030, time.September, 8), 30, ""),
		p(ProgrammeKitchenVolunteering, "Community kitchen volunteering", workforce.ProgrammeVolunteering, ProviderFirstSteps, PlaceKingsholm,
			51.8676, -2.2372, nil, 0, ""),
	}
	return programmes, map[string]programmeLinks{
		ProgrammeCareAcademy: {
			teaches:      []string{SkillTendToElderlyPeople, SkillSupportSocialServiceUsersToLiveAtHome, SkillOlderAdultsNeeds, SkillInfectionControl, SkillFirstAid},
			leadsTo:      []string{OccHomeCareAide, OccHealthcareAssistant},
			progressions: []workforce.Progression{{ProgrammeID: ProgrammeCareAcademy, OccupationID: OccHomeCareAide, Learners: 9, Period: "2024/25"}},
		},
		ProgrammeHCAApprentice: {
			teaches: []string{SkillProvideBasicSupportToPatients, SkillMonitorBasicPatientsSigns, SkillEnsureSafetyOfHealthcareUsers,
				SkillInteractWithHealthcareUsers, SkillWorkInMultidisciplinaryHealthTeams},
			leadsTo: []string{OccHealthcareAssistant},
		},
		ProgrammeRetailAcademy: {
			teaches: []string{SkillOperateCashPoint, SkillIdentifyCustomerSNeeds, SkillMaintainCustomerService, SkillMonitorStockLevel},
			leadsTo: []string{OccSalesAssistant},
		},
		ProgrammeMedicalAdmin: {
			teaches: []string{SkillAdministrativeTasksInAMedicalEnvironment, SkillMaintainHealthcareUserDataConfidentiality, SkillHaveComputerLiteracy},
			leadsTo: []string{OccMedicalAdmin},
		},
		ProgrammeKitchenVolunteering: {
			teaches: []string{SkillComplyWithFoodSafetyAndHygiene, SkillUseFoodPreparationTechniques, SkillCleanSurfaces},
			leadsTo: []string{OccKitchenAssistant},
		},
	}
}

func fixturePeople() ([]*workforce.Person, map[string][]workforce.PersonSkill) {
	type spec struct {
		id, name, place string
		lat, lon        float64
		travel, pay     float64
		seeks, history  string
		skills          []string
	}
	specs := []spec{
		{"demo-person-01", "Ada Example (demo)", PlaceBartonTredworth, 51.8612, -2.2349, 8, 21000, OccHealthcareAssistant, OccSalesAssistant,
			[]string{SkillOperateCashPoint, SkillIdentifyCustomerSNeeds, SkillMaintainCustomerService, SkillListenActively, SkillMonitorStockLevel}},
		{"demo-person-02", "Ben Sample (demo)", PlaceKingsholm, 51.8677, -2.2371, 5, 0, OccKitchenAssistant, "",
			[]string{SkillCleanSurfaces, SkillListenActively}},
		{"demo-person-03", "Cara Placeholder (demo)", PlaceTuffleyD, 51.8298, -2.2489, 12, 22500, OccHomeCareAide, OccKitchenAssistant,
			[]string{SkillComplyWithFoodSafetyAndHygiene, SkillUseFoodPreparationTechniques, SkillCleanSurfaces, SkillOlderAdultsNeeds}},
		{"demo-person-04", "Dev Testcase (demo)", PlaceLonglevens, 51.8815, -2.2201, 20, 24500, OccNurse, OccHealthcareAssistant,
			[]string{SkillEmpathiseWithTheHealthcareUser, SkillInteractWithHealthcareUsers, SkillEnsureSafetyOfHealthcareUsers, SkillInfectionControl,
				SkillProvideBasicSupportToPatients, SkillMonitorBasicPatientsSigns, SkillListenActively}},
		{"demo-person-05", "Eve Mockwell (demo)", PlaceTuffleyA, 51.8393, -2.2415, 10, 19000, OccMedicalAdmin, OccSalesAssistant,
			[]string{SkillHaveComputerLiteracy, SkillCommunicateByTelephone, SkillUseCommunicationTechniques, SkillOperateCashPoint}},
		{"demo-person-06", "Finn Dummy (demo)", PlaceBartonTredworth, 51.8608, -2.2355, 3, 0, OccSalesAssistant, "",
			[]string{SkillMaintainCustomerService}},
		{"demo-person-07", "Gita Fictional (demo)", PlaceCheltenham009A, 51.8932, -2.0718, 15, 23000, OccMedicalAdmin, OccMedicalAdmin,
			[]string{SkillAdministrativeTasksInAMedicalEnvironment, SkillMaintainHealthcareUserDataConfidentiality, SkillHaveComputerLiteracy,
				SkillCommunicateByTelephone, SkillApplyOrganisationalTechniques}},
		{"demo-person-08", "Hal Pretend (demo)", PlaceKingsholm, 51.8683, -2.2376, 6, 20500, OccHomeCareAide, OccHomeCareAide,
			[]string{SkillTendToElderlyPeople, SkillSupportSocialServiceUsersToLiveAtHome, SkillOlderAdultsNeeds, SkillDisabilityCare, SkillListenActively}},
		{"demo-person-09", "Ines Madeup (demo)", PlaceTuffleyD, 51.8292, -2.2483, 25, 0, OccHealthcareAssistant, "",
			[]string{SkillEmpathiseWithTheHealthcareUser, SkillListenActively, SkillFirstAid}},
		{"demo-person-10", "Jo Imaginary (demo)", PlaceLonglevens, 51.8811, -2.2195, 30, 31000, OccNurse, OccNurse,
			[]string{SkillImplementFundamentalsOfNursing, SkillWorkInMultidisciplinaryHealthTeams, SkillInfectionControl, SkillFirstAid,
				SkillEmpathiseWithTheHealthcareUser, SkillEnsureSafetyOfHealthcareUsers, SkillComplyWithLegislationRelatedToHealthCare}},
	}
	available := fixtureDate(2025, time.October, 1)
	people := make([]*workforce.Person, 0, len(specs))
	skills := make(map[string][]workforce.PersonSkill, len(specs))
	for i, s := range specs {
		p := &workforce.Person{ID: s.id, OrgID: FixtureOrg, Name: s.name, Email: fmt.Sprintf("%s@example.org", s.id),
			PlaceID: s.place, Location: &workforce.Point{Lat: s.lat, Lon: s.lon}, TravelKm: s.travel,
			AvailableFrom: available, HoursPerWeek: float64(16 + 3*i), RightToWork: true, CurrentPay: s.pay,
			ConsentMatching: true, ConsentShareWithEmployers: i%3 != 2, ConsentMonitoring: i%2 == 0,
			Seeks: []string{s.seeks}}
		if s.history != "" {
			p.History = []workforce.Job{{OccupationID: s.history, From: fixtureDate(2021, time.March, 1), To: fixtureDate(2024, time.June, 30)}}
		}
		people = append(people, p)
		for j, id := range s.skills {
			skills[s.id] = append(skills[s.id], workforce.PersonSkill{SkillID: id, Level: 1 + (i+j)%4, Source: "adviser"})
		}
	}
	return people, skills
}
