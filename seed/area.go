package seed

import "github.com/onework/onework/workforce"

// The demo's synthetic organisations and routes. Occupations are named by
// their ESCO preferred label; the generator fails, naming the label, if
// ESCO lacks one. Everything here is invented and marked "(demo)" except
// the kinds of programme, their national names and the apprenticeship
// standards' references, which are real.

// Pay, per hour, from the two wage floors care employers quote.
const (
	// RealLivingWage is the Living Wage Foundation's UK rate outside London
	// for 2025-26 (announced October 2025).
	RealLivingWage = 13.45
	// NationalLivingWage is the legal minimum for workers aged 21 and over
	// from April 2026.
	NationalLivingWage = 12.71
)

// role is a kind of job an employer advertises: its title, its ESCO
// occupation, its pay per hour (or per year when annual is set) relative to
// the wage floor the employer pays, and its hours.
type role struct {
	title      string
	occupation string
	// hourly is the pay per hour above the employer's wage floor; annual,
	// when set, is a salary range instead.
	hourly     float64
	annual     [2]float64
	hours      float64
	contract   workforce.ContractType
	partTimeOK bool
}

var (
	careAssistant  = role{title: "Care Assistant", occupation: "residential home older adult care worker", hourly: 0.10, hours: 37.5, contract: workforce.ContractPermanent, partTimeOK: true}
	seniorCarer    = role{title: "Senior Care Assistant", occupation: "residential home older adult care worker", hourly: 1.10, hours: 37.5, contract: workforce.ContractPermanent}
	nightCarer     = role{title: "Night Care Assistant", occupation: "residential home older adult care worker", hourly: 0.60, hours: 30, contract: workforce.ContractPermanent, partTimeOK: true}
	homeCarer      = role{title: "Home Carer", occupation: "care at home worker", hourly: 0.40, hours: 30, contract: workforce.ContractPermanent, partTimeOK: true}
	seniorHomeCare = role{title: "Senior Home Carer", occupation: "care at home worker", hourly: 1.20, hours: 37.5, contract: workforce.ContractPermanent}
	supportWorker  = role{title: "Support Worker (learning disabilities)", occupation: "disability support worker", hourly: 0.30, hours: 37.5, contract: workforce.ContractPermanent, partTimeOK: true}
	careCook       = role{title: "Cook", occupation: "cook", hourly: 0.80, hours: 30, contract: workforce.ContractPermanent, partTimeOK: true}
	careDomestic   = role{title: "Domestic Assistant", occupation: "domestic cleaner", hourly: 0, hours: 20, contract: workforce.ContractPermanent, partTimeOK: true}
	activities     = role{title: "Activities Coordinator", occupation: "activity leader", hourly: 0.50, hours: 30, contract: workforce.ContractPermanent, partTimeOK: true}
	manager        = role{title: "Registered Manager", occupation: "elderly home manager", annual: [2]float64{44_000, 52_000}, hours: 37.5, contract: workforce.ContractPermanent}

	reablement   = role{title: "Reablement Support Worker", occupation: "care at home worker", hourly: 1.00, hours: 37.5, contract: workforce.ContractPermanent, partTimeOK: true}
	customerServ = role{title: "Customer Services Adviser", occupation: "call centre agent", annual: [2]float64{24_400, 26_000}, hours: 37, contract: workforce.ContractPermanent, partTimeOK: true}
	refuse       = role{title: "Refuse Collector", occupation: "refuse collector", annual: [2]float64{25_000, 26_400}, hours: 37, contract: workforce.ContractPermanent}
	library      = role{title: "Library Assistant", occupation: "library assistant", annual: [2]float64{24_000, 25_200}, hours: 18.5, contract: workforce.ContractPermanent, partTimeOK: true}
	socialWorker = role{title: "Social Worker (adults)", occupation: "social worker", annual: [2]float64{38_200, 44_400}, hours: 37, contract: workforce.ContractPermanent}
	councilAdmin = role{title: "Business Support Officer", occupation: "administrative assistant", annual: [2]float64{24_000, 25_600}, hours: 37, contract: workforce.ContractPermanent, partTimeOK: true}

	communityDev = role{title: "Community Development Officer", occupation: "community development officer", annual: [2]float64{27_000, 30_000}, hours: 30, contract: workforce.ContractFixedTerm, partTimeOK: true}
	volunteerMgr = role{title: "Volunteer Coordinator", occupation: "volunteer manager", annual: [2]float64{26_000, 28_000}, hours: 22.5, contract: workforce.ContractPermanent, partTimeOK: true}
	charityShop  = role{title: "Charity Shop Assistant", occupation: "shop assistant", hourly: 0, hours: 16, contract: workforce.ContractPermanent, partTimeOK: true}
	hospiceCarer = role{title: "Hospice at Home Care Assistant", occupation: "care at home worker", hourly: 0.90, hours: 30, contract: workforce.ContractPermanent, partTimeOK: true}

	kitchenAsst = role{title: "Kitchen Assistant", occupation: "kitchen assistant", hourly: 0, hours: 30, contract: workforce.ContractPermanent, partTimeOK: true}
	waiter      = role{title: "Waiter / Waitress", occupation: "waiter/waitress", hourly: 0, hours: 24, contract: workforce.ContractZeroHours, partTimeOK: true}
	chef        = role{title: "Chef de Partie", occupation: "chef", hourly: 1.50, hours: 40, contract: workforce.ContractPermanent}
	salesAsst   = role{title: "Sales Assistant", occupation: "sales assistant", hourly: 0, hours: 20, contract: workforce.ContractPermanent, partTimeOK: true}
	cashier     = role{title: "Checkout Operator", occupation: "cashier", hourly: 0.10, hours: 24, contract: workforce.ContractPermanent, partTimeOK: true}
	warehouse   = role{title: "Warehouse Operative", occupation: "warehouse worker", hourly: 0.60, hours: 37.5, contract: workforce.ContractPermanent}
	cleaner     = role{title: "Cleaning Operative", occupation: "domestic cleaner", hourly: 0, hours: 20, contract: workforce.ContractPermanent, partTimeOK: true}
)

// employerPlan is a synthetic employer: its name, kind, the local
// authority it is in (by name, "" for anywhere in the area), whether it
// pays the Real Living Wage, and the roles it advertises.
type employerPlan struct {
	name  string
	kind  workforce.EmployerKind
	la    string
	rlw   bool
	roles []role
}

// demoEmployers are the synthetic employers of the demo: care providers
// advertising care roles, a council per local authority (added by the
// generator), and VCSE and private employers advertising what their
// sectors do.
var demoEmployers = []employerPlan{
	{"Severnside Care Home (demo)", workforce.EmployerCareProvider, "Gloucester", true, []role{careAssistant, seniorCarer, careCook, careDomestic}},
	{"Kingsholm Homecare (demo)", workforce.EmployerCareProvider, "Gloucester", false, []role{homeCarer, seniorHomeCare, homeCarer}},
	{"Leckhampton Lodge Nursing Home (demo)", workforce.EmployerCareProvider, "Cheltenham", true, []role{careAssistant, nightCarer, activities, manager}},
	{"Cheltenham Home Support (demo)", workforce.EmployerCareProvider, "Cheltenham", false, []role{homeCarer, seniorHomeCare}},
	{"Stroud Valleys Supported Living (demo)", workforce.EmployerCareProvider, "Stroud", true, []role{supportWorker, supportWorker, activities}},
	{"Forest View Care Home (demo)", workforce.EmployerCareProvider, "Forest of Dean", false, []role{careAssistant, nightCarer, careDomestic, careCook}},
	{"Abbey Fields Care Home (demo)", workforce.EmployerCareProvider, "Tewkesbury", true, []role{careAssistant, seniorCarer, manager}},
	{"Cotswold Homecare Partnership (demo)", workforce.EmployerCareProvider, "Cotswold", false, []role{homeCarer, homeCarer}},

	{"Severn Vale Community Trust (demo)", workforce.EmployerVCSE, "Gloucester", true, []role{communityDev, volunteerMgr}},
	{"Cotswold Hospice at Home (demo)", workforce.EmployerVCSE, "Cotswold", true, []role{hospiceCarer, charityShop}},
	{"Forest Community Transport (demo)", workforce.EmployerVCSE, "Forest of Dean", true, []role{volunteerMgr}},
	{"Cheltenham Food Network (demo)", workforce.EmployerVCSE, "Cheltenham", false, []role{charityShop, communityDev}},

	{"Three Choirs Hospitality (demo)", workforce.EmployerPrivate, "Gloucester", false, []role{kitchenAsst, waiter, chef}},
	{"Promenade Hotel and Spa (demo)", workforce.EmployerPrivate, "Cheltenham", true, []role{waiter, kitchenAsst, chef}},
	{"Vale Retail (demo)", workforce.EmployerPrivate, "Gloucester", false, []role{salesAsst, cashier, salesAsst}},
	{"Quedgeley Distribution (demo)", workforce.EmployerPrivate, "Gloucester", true, []role{warehouse, warehouse}},
	{"Stroud Cleaning Services (demo)", workforce.EmployerPrivate, "Stroud", false, []role{cleaner, cleaner}},
}

// councilRoles are what each council advertises.
var councilRoles = []role{reablement, customerServ, refuse, library, socialWorker, councilAdmin}

// providerPlan is a synthetic learning provider and where it is.
type providerPlan struct {
	key  string
	name string
	kind workforce.ProviderKind
	la   string
}

var demoProviders = []providerPlan{
	{"college", "Severn Vale College (demo)", workforce.ProviderCollege, "Gloucester"},
	{"training", "Three Counties Training (demo)", workforce.ProviderTrainingProvider, "Cheltenham"},
	{"volunteering", "Forest and Vale Volunteer Centre (demo)", workforce.ProviderVCSE, "Forest of Dean"},
}

// teachRule says which skills a programme teaches: the essential skills of
// the occupations in from, less those also essential to the occupations
// in except (which its learners are expected to bring), at most limit of
// them (0 for all).
type teachRule struct {
	from   []string
	except []string
	limit  int
}

// programmePlan is a real kind of programme run by a synthetic provider.
type programmePlan struct {
	key      string
	title    string
	kind     workforce.ProgrammeKind
	provider string
	// standard is the apprenticeship standard's reference, whose name and
	// level are read from the Institute's list.
	standard    string
	weeks       int
	startMonths int
	places      int
	cost        float64
	eligibility string
	description string
	leadsTo     []string
	teaches     teachRule
	// learners is how many of last year's learners went on to each
	// occupation in leadsTo.
	learners []int
}

var (
	careOccs     = []string{"care at home worker", "residential home older adult care worker"}
	retailOccs   = []string{"shop assistant", "sales assistant"}
	cleaningOccs = []string{"hospital porter", "domestic cleaner"}
)

var demoProgrammes = []programmePlan{
	{key: "swap-care", title: "Sector-based work academy: adult social care (demo)", kind: workforce.ProgrammePreEmployment, provider: "training",
		weeks: 4, startMonths: 1, places: 12, eligibility: "People claiming Universal Credit or Jobseeker's Allowance, referred by Jobcentre Plus",
		description: "A sector-based work academy programme (DWP): pre-employment training, a work placement in a care home or home-care service and a guaranteed interview.",
		leadsTo:     careOccs, teaches: teachRule{from: careOccs, except: retailOccs}, learners: []int{9, 7}},
	{key: "swap-nhs", title: "Sector-based work academy: NHS support roles (demo)", kind: workforce.ProgrammePreEmployment, provider: "training",
		weeks: 6, startMonths: 2, places: 15, eligibility: "People claiming Universal Credit or Jobseeker's Allowance, referred by Jobcentre Plus",
		description: "A sector-based work academy programme (DWP) with the local NHS trusts: training for portering and domestic roles, a placement and a guaranteed interview.",
		leadsTo:     cleaningOccs, teaches: teachRule{from: cleaningOccs}, learners: []int{6, 8}},
	{key: "swap-hospitality", title: "Sector-based work academy: hospitality (demo)", kind: workforce.ProgrammePreEmployment, provider: "training",
		weeks: 3, startMonths: 1, places: 12, eligibility: "People claiming Universal Credit or Jobseeker's Allowance, referred by Jobcentre Plus",
		description: "A sector-based work academy programme (DWP) with local hotels and restaurants.",
		leadsTo:     []string{"kitchen assistant", "waiter/waitress"}, teaches: teachRule{from: []string{"kitchen assistant", "waiter/waitress"}}, learners: []int{5, 6}},
	{key: "care-certificate", title: "The Care Certificate (demo)", kind: workforce.ProgrammeCourse, provider: "training",
		weeks: 12, startMonths: 2, places: 20,
		description: "The 15 standards of the Care Certificate (Skills for Care, Health Education England and Skills for Health) that new health and social care support workers meet.",
		leadsTo:     append(careOccs, "healthcare assistant"), teaches: teachRule{from: careOccs}, learners: []int{14, 11, 4}},
	{key: "adult-care-worker", kind: workforce.ProgrammeApprenticeship, provider: "college", standard: "ST0005",
		startMonths: 3, places: 16, leadsTo: careOccs, teaches: teachRule{from: careOccs}, learners: []int{8, 10}},
	{key: "lead-adult-care-worker", kind: workforce.ProgrammeApprenticeship, provider: "college", standard: "ST0006",
		startMonths: 4, places: 10, leadsTo: []string{"residential home older adult care worker", "disability support worker"},
		teaches: teachRule{from: []string{"residential home older adult care worker", "disability support worker"}}, learners: []int{7, 3}},
	{key: "healthcare-support-worker", kind: workforce.ProgrammeApprenticeship, provider: "college", standard: "ST0216",
		startMonths: 3, places: 14, leadsTo: []string{"healthcare assistant"}, teaches: teachRule{from: []string{"healthcare assistant"}}, learners: []int{12}},
	{key: "senior-healthcare-support-worker", kind: workforce.ProgrammeApprenticeship, provider: "college", standard: "ST0217",
		startMonths: 5, places: 8, leadsTo: []string{"nurse assistant"}, teaches: teachRule{from: []string{"nurse assistant"}}, learners: []int{6}},
	{key: "business-administrator", kind: workforce.ProgrammeApprenticeship, provider: "college", standard: "ST0070",
		startMonths: 2, places: 12, leadsTo: []string{"administrative assistant", "medical administrative assistant"},
		teaches: teachRule{from: []string{"administrative assistant"}}, learners: []int{9, 5}},
	{key: "customer-service-practitioner", kind: workforce.ProgrammeApprenticeship, provider: "college", standard: "ST0072",
		startMonths: 4, places: 12, leadsTo: []string{"call centre agent"}, teaches: teachRule{from: []string{"call centre agent"}}, learners: []int{7}},
	{key: "hospitality-team-member", kind: workforce.ProgrammeApprenticeship, provider: "college", standard: "ST0233",
		startMonths: 6, places: 12, leadsTo: []string{"kitchen assistant", "waiter/waitress"},
		teaches: teachRule{from: []string{"kitchen assistant", "waiter/waitress"}}, learners: []int{4, 6}},
	{key: "t-level-health", title: "T Level in Health (demo)", kind: workforce.ProgrammeCourse, provider: "college",
		weeks: 80, startMonths: 6, places: 24, eligibility: "Aged 16 to 19, usually with five GCSEs at grade 4 or above",
		description: "A two-year technical qualification equal to three A levels, with an industry placement of at least 315 hours in a health setting.",
		leadsTo:     []string{"healthcare assistant"}, teaches: teachRule{from: []string{"healthcare assistant"}, limit: 12}, learners: []int{11}},
	{key: "access-to-he-health", title: "Access to HE Diploma (Health Professions) (demo)", kind: workforce.ProgrammeCourse, provider: "college",
		weeks: 36, startMonths: 5, places: 20, eligibility: "Aged 19 or over; an Advanced Learner Loan covers the fee and is written off on completing a degree",
		description: "A one-year Level 3 diploma regulated by QAA that prepares adults for degrees in nursing, midwifery and the allied health professions.",
		leadsTo:     []string{"nurse responsible for general care"}, teaches: teachRule{from: []string{"nurse responsible for general care"}, limit: 6}, learners: []int{13}},
	{key: "hospital-volunteering", title: "Hospital volunteering: ward and patient support (demo)", kind: workforce.ProgrammeVolunteering, provider: "volunteering",
		weeks: 12, startMonths: 1, places: 30,
		description: "Volunteering on wards and in patient support at the county's hospitals, a route many healthcare assistants take.",
		leadsTo:     []string{"healthcare assistant"}, teaches: teachRule{from: []string{"healthcare assistant"}, except: retailOccs, limit: 5}, learners: []int{5}},
	{key: "care-placement", title: "Care home work placement (demo)", kind: workforce.ProgrammePlacement, provider: "volunteering",
		weeks: 2, startMonths: 1, places: 10,
		description: "Two weeks' unpaid work experience in a local care home, with a mentor.",
		leadsTo:     []string{"residential home older adult care worker"}, teaches: teachRule{from: []string{"residential home older adult care worker"}, except: retailOccs, limit: 8}, learners: []int{4}},
}
