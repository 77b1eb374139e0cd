package careers

import (
	"testing"

	"github.com/onework/onework/workforce"
)

// A small hand-built world with real ESCO URIs: five occupations in retail,
// hospitality and care, and the skills that tie them together.
const (
	escoOcc   = "http://data.europa.eu/esco/occupation/"
	escoSkill = "http://data.europa.eu/esco/skill/"

	shopAssistant       = escoOcc + "0b15375e-dfdd-4047-9efb-096e0aaee7d2"
	healthcareAssistant = escoOcc + "d38c2107-98f2-47b7-8bb4-f69750d51082"
	socialCareWorker    = escoOcc + "8d703e8f-1e57-4246-8a6b-cb87a760d4ab"
	kitchenPorter       = escoOcc + "f756fdab-7726-4c48-bfcc-94ff8810fc08"
	generalNurse        = escoOcc + "8d3e8aaa-791b-4c75-a465-f3f827028f50"
	waiter              = escoOcc + "d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471"

	customerRelations = escoSkill + "2239694b-771a-4586-8b54-2794e361a9ae"
	cashRegister      = escoSkill + "0cb013af-6dd9-4fb2-b34e-63dda1a5cf82"
	storeCleanliness  = escoSkill + "57c1debf-3867-4e64-baf8-ce70d84f88c9"
	cleanSurfaces     = escoSkill + "6ff01827-907d-43d8-b6e4-7162c1cf0aca"
	companyPolicies   = escoSkill + "0a43729f-2a79-4dae-9faa-95520daae79f"
	orgGuidelines     = escoSkill + "aa238394-8126-4ada-be2f-9dfe065cf314"
	accountability    = escoSkill + "f90d4810-8bac-4e5e-b870-3e35a4138ff7"
	personCentredCare = escoSkill + "7a63f944-6948-4ae4-9c1f-d08e492535c9"
	empathise         = escoSkill + "2475cd27-8d6c-4318-a364-21395b23acba"
	patientSafety     = escoSkill + "ce0d6a42-59c1-433e-ab62-adfc969c46bb"
	foodHygiene       = escoSkill + "0ff99f51-40d9-42f1-a1ec-377b2bb5e15f"
	hospitalityTeam   = escoSkill + "8c8da904-cdb3-47d9-bfbf-15ade747d9ec"
	dishwasher        = escoSkill + "f20aedf0-6543-498d-b88e-0a32e604acbb"
	// careGroup stands for an ESCO skill group over two care skills.
	careGroup = escoSkill + "dc06de9f-dd3a-4f28-b58f-b01b5ae72ab8"

	sectorRetail      = "nesta-sector-8"
	sectorCare        = "nesta-sector-2"
	sectorHospitality = "nesta-sector-9"
)

func ess(id string) workforce.Requirement { return workforce.Requirement{SkillID: id, Essential: true} }
func opt(id string) workforce.Requirement { return workforce.Requirement{SkillID: id} }

// scenarioData returns a fresh copy of the hand-built world, so that tests
// may change it.
func scenarioData() Data {
	occ := func(id, label string, zone int, pay float64) *workforce.Occupation {
		return &workforce.Occupation{ID: id, Label: label, JobZone: zone, AnnualPay: pay}
	}
	skill := func(id, label string) *workforce.Skill { return &workforce.Skill{ID: id, Label: label} }
	return Data{
		Occupations: []*workforce.Occupation{
			occ(shopAssistant, "shop assistant", 2, 21_000),
			occ(healthcareAssistant, "healthcare assistant", 2, 23_500),
			occ(socialCareWorker, "social care worker", 2, 22_400),
			occ(kitchenPorter, "kitchen porter", 1, 19_200),
			occ(generalNurse, "nurse responsible for general care", 4, 33_000),
			occ(waiter, "waiter/waitress", 0, 0),
		},
		Requirements: map[string][]workforce.Requirement{
			shopAssistant:       {ess(customerRelations), ess(cashRegister), ess(storeCleanliness), ess(companyPolicies), opt(hospitalityTeam)},
			healthcareAssistant: {ess(accountability), ess(orgGuidelines), ess(empathise), ess(patientSafety), opt(customerRelations), opt(cleanSurfaces)},
			socialCareWorker:    {ess(accountability), ess(orgGuidelines), ess(personCentredCare), opt(customerRelations), opt(companyPolicies)},
			kitchenPorter:       {ess(cleanSurfaces), ess(foodHygiene), ess(dishwasher), ess(hospitalityTeam)},
			generalNurse:        {ess(accountability), ess(orgGuidelines), ess(empathise), ess(patientSafety), ess(personCentredCare)},
			waiter:              {ess(customerRelations), ess(hospitalityTeam), ess(foodHygiene), opt(cashRegister)},
		},
		Skills: []*workforce.Skill{
			skill(customerRelations, "maintain relationship with customers"),
			skill(cashRegister, "operate cash register"),
			skill(storeCleanliness, "maintain store cleanliness"),
			skill(cleanSurfaces, "clean surfaces"),
			skill(companyPolicies, "apply company policies"),
			skill(orgGuidelines, "adhere to organisational guidelines"),
			skill(accountability, "accept own accountability"),
			skill(personCentredCare, "apply person-centred care"),
			skill(empathise, "empathise with the healthcare user"),
			skill(patientSafety, "ensure safety of healthcare users"),
			skill(foodHygiene, "comply with food safety and hygiene"),
			skill(hospitalityTeam, "work in a hospitality team"),
			skill(dishwasher, "operate dishwashing machine"),
		},
		SkillLinks: map[string]workforce.Links{
			companyPolicies:  {Related: []string{orgGuidelines}},
			storeCleanliness: {Broader: []string{cleanSurfaces}},
			empathise:        {Broader: []string{careGroup}},
			careGroup:        {Narrower: []string{personCentredCare}},
		},
		OccupationSectors: map[string][]string{
			shopAssistant:       {sectorRetail},
			healthcareAssistant: {sectorCare},
			socialCareWorker:    {sectorCare},
			kitchenPorter:       {sectorHospitality},
			generalNurse:        {sectorCare},
		},
		Sectors: []*workforce.Sector{
			{ID: sectorRetail, Name: "sales & customer service workers"},
			{ID: sectorCare, Name: "health & care workers"},
			{ID: sectorHospitality, Name: "food & hospitality workers"},
		},
		EmployerMix: map[string]map[workforce.EmployerKind]float64{
			healthcareAssistant: {workforce.EmployerNHS: 0.8, workforce.EmployerCareProvider: 0.2},
			socialCareWorker:    {workforce.EmployerCareProvider: 0.7, workforce.EmployerLocalAuthority: 0.3},
			generalNurse:        {workforce.EmployerNHS: 0.9, workforce.EmployerPrivate: 0.1},
		},
	}
}

// mustScenario builds the engine over the hand-built world.
func mustScenario(tb testing.TB, cfg Config) *Engine {
	tb.Helper()
	e, err := New(scenarioData(), cfg)
	if err != nil {
		tb.Fatalf("New(scenario) = %v", err)
	}
	return e
}

// mustMoves calls CareerMoves and fails the test on an error.
func mustMoves(tb testing.TB, e *Engine, from string, q Query) *Moves {
	tb.Helper()
	m, err := e.CareerMoves(from, q)
	if err != nil {
		tb.Fatalf("CareerMoves(%q) = %v", from, err)
	}
	return m
}

func ptr[T any](v T) *T { return &v }

// ids returns the target ids of moves, in order.
func ids(ms []Move) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.OccupationID
	}
	return out
}
