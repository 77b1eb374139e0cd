// Package workforce holds OneWork's domain: the nodes and links of the
// workforce graph (people, skills, occupations, employers, vacancies,
// providers, programmes, places, sectors), the services that read and write
// them, and the error codes they return. It imports only the standard
// library; adapters (the Neo4j store, the GraphQL API, importers) depend on it.
package workforce

import "time"

// Point is a WGS-84 location in decimal degrees.
type Point struct {
	Lat float64
	Lon float64
}

// Skill is a skill or knowledge concept, identified by its ESCO URI.
type Skill struct {
	ID        string
	Label     string
	AltLabels []string
	// HiddenLabels are ESCO's hidden labels: terms people search with
	// that ESCO does not show, such as "team spirit" for work in teams or
	// "Linux" for operating systems.
	HiddenLabels []string
	Description  string
	// Type is the ESCO skill type: "skill/competence" or "knowledge".
	Type string
	// ReuseLevel is the ESCO reuse level: transversal, cross-sector,
	// sector-specific or occupation-specific.
	ReuseLevel string
	UpdatedAt  time.Time
}

// Occupation is an occupation, identified by its ESCO URI.
type Occupation struct {
	ID          string
	Label       string
	AltLabels   []string
	Description string
	// Code is the ESCO occupation code (an ISCO-08 unit group and a suffix).
	Code      string
	ISCOGroup string
	// SOCCode is the ONS SOC 2020 unit group, where a crosswalk gives one.
	SOCCode string
	// SOCSource says where SOCCode comes from: "crosswalk", "coding index
	// title", "inherited from <broader occupation>" or "guessed from ISCO-08
	// group <code>" (careers.AssignSOC); "" when unknown.
	SOCSource string
	// JobZone is the O*NET preparation level (1-5), 0 when unknown.
	JobZone int
	// AnnualPay is a typical UK gross annual pay in pounds, 0 when unknown.
	AnnualPay float64
	UpdatedAt time.Time
}

// Sector is a grouping of occupations, such as a skills-based sector.
type Sector struct {
	ID        string
	Name      string
	UpdatedAt time.Time
}

// EmployerKind says which part of the partnership an employer belongs to.
type EmployerKind string

// Employer kinds.
const (
	EmployerNHS            EmployerKind = "NHS"
	EmployerLocalAuthority EmployerKind = "LOCAL_AUTHORITY"
	EmployerCareProvider   EmployerKind = "CARE_PROVIDER"
	EmployerVCSE           EmployerKind = "VCSE"
	EmployerEducation      EmployerKind = "EDUCATION"
	EmployerPrivate        EmployerKind = "PRIVATE"
)

// EmployerKinds lists every EmployerKind.
var EmployerKinds = []EmployerKind{EmployerNHS, EmployerLocalAuthority, EmployerCareProvider, EmployerVCSE, EmployerEducation, EmployerPrivate}

// CharterLevel is an employer's level in a good-employment charter.
type CharterLevel string

// Charter levels.
const (
	CharterNone       CharterLevel = "NONE"
	CharterAspiring   CharterLevel = "ASPIRING"
	CharterAccredited CharterLevel = "ACCREDITED"
	CharterAmbassador CharterLevel = "AMBASSADOR"
)

// CharterLevels lists every CharterLevel.
var CharterLevels = []CharterLevel{CharterNone, CharterAspiring, CharterAccredited, CharterAmbassador}

// Employer is an organisation that posts vacancies.
type Employer struct {
	ID   string
	Name string
	Kind EmployerKind
	// PlaceID is the place (usually an LSOA) the employer is located in.
	PlaceID             string
	Location            *Point
	RealLivingWage      bool
	CharterLevel        CharterLevel
	DisabilityConfident bool
	Website             string
	UpdatedAt           time.Time
}

// ContractType is the kind of contract a vacancy offers.
type ContractType string

// Contract types.
const (
	ContractPermanent      ContractType = "PERMANENT"
	ContractFixedTerm      ContractType = "FIXED_TERM"
	ContractTemporary      ContractType = "TEMPORARY"
	ContractBank           ContractType = "BANK"
	ContractApprenticeship ContractType = "APPRENTICESHIP"
	ContractZeroHours      ContractType = "ZERO_HOURS"
)

// ContractTypes lists every ContractType.
var ContractTypes = []ContractType{ContractPermanent, ContractFixedTerm, ContractTemporary, ContractBank, ContractApprenticeship, ContractZeroHours}

// Vacancy is an open or closed job advert.
type Vacancy struct {
	ID          string
	Title       string
	Description string
	EmployerID  string
	// OccupationID is the ESCO occupation the vacancy is for.
	OccupationID string
	// OccupationSource says how OccupationID was set ("partner", "title-match", "adviser").
	OccupationSource string
	// OccupationConfidence is in [0,1]; 1 when set by a person.
	OccupationConfidence float64
	PlaceID              string
	Location             *Point
	// SalaryMin and SalaryMax are gross annual pay in pounds; 0 when not stated.
	SalaryMin    float64
	SalaryMax    float64
	HoursPerWeek float64
	Contract     ContractType
	Flexible     bool
	// RequiresRightToWork is true unless the employer offers visa sponsorship.
	RequiresRightToWork bool
	PostedAt            *time.Time
	ClosesAt            *time.Time
	// Registration is the register the vacancy itself requires its
	// post-holder to be on ("" when it states none). It takes the place of
	// the occupation's regulated profession, or adds one to an occupation
	// that is not regulated.
	Registration Regulator
	Source       string
	UpdatedAt    time.Time
}

// IsOpen reports whether the vacancy takes applications at t.
func (v *Vacancy) IsOpen(t time.Time) bool {
	if v.PostedAt != nil && t.Before(*v.PostedAt) {
		return false
	}
	return v.ClosesAt == nil || !t.After(*v.ClosesAt)
}

// Requirement links a vacancy or an occupation to a skill it asks for.
type Requirement struct {
	SkillID   string
	Essential bool
	// Source says where the link came from ("esco", "partner", "description", "adviser").
	Source string
	// Confidence is in [0,1]; 1 when stated by a person or a taxonomy.
	Confidence float64
}

// Person is a job seeker on an organisation's caseload. Most fields are
// personal data.
type Person struct {
	ID string
	// OrgID is the organisation whose caseload the person is on.
	OrgID string
	Name  string
	Email string
	Phone string
	// PlaceID is the home LSOA (or a coarser place when that is all that is known).
	PlaceID string
	// Location is the exact home location.
	Location *Point
	// TravelKm is how far the person will travel to work; 0 means not stated.
	TravelKm      float64
	AvailableFrom *time.Time
	// HoursPerWeek is the most the person wants to work; 0 means not stated.
	HoursPerWeek float64
	RightToWork  bool
	// CurrentPay is current or last gross annual pay in pounds; 0 when unknown.
	CurrentPay                float64
	ConsentMatching           bool
	ConsentShareWithEmployers bool
	ConsentMonitoring         bool
	// Seeks lists the occupations the person is looking for.
	Seeks []string
	// History lists the occupations the person has worked in.
	History []Job
	// Registrations are the person's entries on professional registers,
	// which regulated vacancies require.
	Registrations []Registration
	// Equality is optional, self-declared monitoring data.
	Equality  *Equality
	UpdatedAt time.Time
}

// AccessOnly returns a copy of p holding only the fields that access rules
// read (ID, OrgID and the two consents), as ReadService.PeopleFields reads
// them.
func (p *Person) AccessOnly() *Person {
	return &Person{ID: p.ID, OrgID: p.OrgID, ConsentMatching: p.ConsentMatching, ConsentShareWithEmployers: p.ConsentShareWithEmployers}
}

// Equality is self-declared equality monitoring data about a person. It is
// optional, kept only with consent to monitoring, seen only by the person
// and admins, used only in aggregate monitoring, and never part of any
// score or filter. Every value is free text chosen by the person, such as
// "prefer not to say".
type Equality struct {
	AgeBand           string
	Sex               string
	GenderIdentity    string
	Ethnicity         string
	Disability        string
	Religion          string
	SexualOrientation string
}

// Job is a spell in an occupation.
type Job struct {
	OccupationID string
	From         *time.Time
	To           *time.Time
}

// PersonSkill links a person to a skill they hold.
type PersonSkill struct {
	SkillID string
	// Level is 1 (basic) to 4 (expert).
	Level int
	// Source says where the claim came from ("self", "adviser", "programme", "import").
	Source string
}

// ProviderKind is the kind of a learning provider.
type ProviderKind string

// Provider kinds.
const (
	ProviderCollege          ProviderKind = "COLLEGE"
	ProviderTrainingProvider ProviderKind = "TRAINING_PROVIDER"
	ProviderSchool           ProviderKind = "SCHOOL"
	ProviderUniversity       ProviderKind = "UNIVERSITY"
	ProviderEmployer         ProviderKind = "EMPLOYER"
	ProviderVCSE             ProviderKind = "VCSE"
)

// ProviderKinds lists every ProviderKind.
var ProviderKinds = []ProviderKind{ProviderCollege, ProviderTrainingProvider, ProviderSchool, ProviderUniversity, ProviderEmployer, ProviderVCSE}

// Provider runs programmes: a college, training provider, school, university.
type Provider struct {
	ID        string
	Name      string
	Kind      ProviderKind
	PlaceID   string
	Location  *Point
	Website   string
	UpdatedAt time.Time
}

// ProgrammeKind is the kind of a programme.
type ProgrammeKind string

// Programme kinds.
const (
	ProgrammePreEmployment  ProgrammeKind = "PRE_EMPLOYMENT"
	ProgrammeApprenticeship ProgrammeKind = "APPRENTICESHIP"
	ProgrammeCourse         ProgrammeKind = "COURSE"
	ProgrammePlacement      ProgrammeKind = "PLACEMENT"
	ProgrammeVolunteering   ProgrammeKind = "VOLUNTEERING"
	ProgrammeInternship     ProgrammeKind = "INTERNSHIP"
)

// ProgrammeKinds lists every ProgrammeKind.
var ProgrammeKinds = []ProgrammeKind{ProgrammePreEmployment, ProgrammeApprenticeship, ProgrammeCourse, ProgrammePlacement, ProgrammeVolunteering, ProgrammeInternship}

// Programme is a route into work: a course, an apprenticeship, a
// pre-employment programme, a placement, volunteering or an internship.
type Programme struct {
	ID          string
	Title       string
	Description string
	Kind        ProgrammeKind
	ProviderID  string
	PlaceID     string
	Location    *Point
	StartDate   *time.Time
	// DurationWeeks is 0 when not stated.
	DurationWeeks int
	// PlacesLeft is nil when unknown.
	PlacesLeft *int
	// Cost to the learner in pounds.
	Cost        float64
	Eligibility string
	UpdatedAt   time.Time
}

// PlaceKind is the level of a place in the geography.
type PlaceKind string

// Place kinds.
const (
	PlaceLSOA           PlaceKind = "LSOA"
	PlaceLocalAuthority PlaceKind = "LOCAL_AUTHORITY"
	PlaceICB            PlaceKind = "ICB"
	PlaceRegion         PlaceKind = "REGION"
	PlaceCountry        PlaceKind = "COUNTRY"
)

// PlaceKinds lists every PlaceKind.
var PlaceKinds = []PlaceKind{PlaceLSOA, PlaceLocalAuthority, PlaceICB, PlaceRegion, PlaceCountry}

// Place is an area identified by its ONS code.
type Place struct {
	ID       string
	Name     string
	Kind     PlaceKind
	Location *Point
	// IMDDecile is the Index of Multiple Deprivation decile (1 = most
	// deprived 10%), 0 when unknown.
	IMDDecile int
	// ParentIDs are the places this one lies in (an LSOA in a local authority and an ICB).
	ParentIDs []string
	UpdatedAt time.Time
}

// Progression records learners of a programme who went on to an occupation.
type Progression struct {
	ProgrammeID  string
	OccupationID string
	Learners     int
	// Period is the reporting period, such as "2024/25".
	Period string
}

// Completion records that a person completed a programme and, when known,
// the occupation they were hired into afterwards. It is kept only for people
// who consent to monitoring, and counted only in aggregate.
type Completion struct {
	PersonID    string
	ProgrammeID string
	CompletedAt time.Time
	// HiredOccupationID is "" until the person is hired.
	HiredOccupationID string
}

// Validate returns an EINVALID error naming the first bad field.
func (c *Completion) Validate() error {
	err := firstError(
		ValidID("personId", c.PersonID),
		ValidID("programmeId", c.ProgrammeID),
		validOptionalID("hiredOccupationId", c.HiredOccupationID),
	)
	if err == nil && c.CompletedAt.IsZero() {
		err = Invalid("completedAt", "must be given")
	}
	return err
}

// Taxonomy is the occupation and skill graph that career moves are
// computed over.
type Taxonomy struct {
	Occupations  []*Occupation
	Requirements map[string][]Requirement
	Skills       []*Skill
	SkillLinks   map[string]Links
	// SkillGroups maps a skill id to the ESCO skill groups it is filed
	// under (such as "complying with health and safety procedures").
	SkillGroups       map[string][]string
	Sectors           []*Sector
	OccupationSectors map[string][]string
}
