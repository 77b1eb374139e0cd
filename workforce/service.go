package workforce

import (
	"context"
	"time"
)

// Page asks for one page of a list: at most First items after the cursor
// After ("" for the first page). Cursors come from a Slice.
type Page struct {
	First int
	After string
}

// Slice is one page of a list in a stable order, with a cursor per item.
type Slice[T any] struct {
	Items   []T
	Cursors []string
	HasNext bool
}

// WriteResult counts what a batch write did. Unchanged items count in neither.
type WriteResult struct {
	Created int
	Updated int
}

// Add adds the counts of o to r.
func (r *WriteResult) Add(o WriteResult) {
	r.Created += o.Created
	r.Updated += o.Updated
}

// SkillFilter narrows a list of skills. Text is matched against preferred
// and alternative labels; results are then ordered by relevance.
type SkillFilter struct {
	Text string
	// RequiredByOccupation keeps the skills an occupation requires.
	RequiredByOccupation string
	// TaughtByProgramme keeps the skills a programme teaches.
	TaughtByProgramme string
}

// OccupationFilter narrows a list of occupations.
type OccupationFilter struct {
	Text string
	// RequiringSkill keeps occupations that require the skill.
	RequiringSkill string
	SectorID       string
	// LedToByProgramme keeps occupations a programme leads to.
	LedToByProgramme string
}

// SectorFilter narrows a list of sectors.
type SectorFilter struct {
	Text string
}

// Near is a circle on the map.
type Near struct {
	Point    Point
	WithinKm float64
}

// EmployerFilter narrows a list of employers.
type EmployerFilter struct {
	Text    string
	Kind    EmployerKind
	PlaceID string
	Near    *Near
}

// VacancyFilter narrows a list of vacancies.
type VacancyFilter struct {
	Text         string
	OccupationID string
	EmployerID   string
	EmployerKind EmployerKind
	// PlaceID keeps vacancies in the place or in any place inside it.
	PlaceID string
	Near    *Near
	// SkillID keeps vacancies that require the skill.
	SkillID string
	// OpenAt keeps vacancies taking applications at that time.
	OpenAt *time.Time
}

// PersonFilter narrows a list of people.
type PersonFilter struct {
	OrgID   string
	PlaceID string
	SkillID string
	// Seeking keeps people who seek the occupation.
	Seeking string
}

// CandidateFilter narrows the people ranked for a vacancy; an Authorizer's
// Scope sets OrgID to the caller's caseload where the caller may see no
// other.
type CandidateFilter struct {
	VacancyID string
	// EmployerID is the employer of the vacancy.
	EmployerID string
	// OrgID keeps the people on one organisation's caseload; "" keeps all.
	OrgID string
	// HomeAreaOnly is set by the authorization point when the caller may
	// not know where the people live: their distances are then measured
	// from the centre of their home area and given in bands.
	HomeAreaOnly bool
}

// ProviderFilter narrows a list of providers.
type ProviderFilter struct {
	Text    string
	Kind    ProviderKind
	PlaceID string
	Near    *Near
}

// ProgrammeFilter narrows a list of programmes.
type ProgrammeFilter struct {
	Text         string
	Kind         ProgrammeKind
	ProviderID   string
	PlaceID      string
	Near         *Near
	SkillID      string
	OccupationID string
	// StartsAfter keeps programmes that start on or after the time.
	StartsAfter *time.Time
}

// PlaceFilter narrows a list of places.
type PlaceFilter struct {
	// Text matches the code or the name.
	Text     string
	Kind     PlaceKind
	ParentID string
}

// ReadService reads the workforce graph. Get methods take many ids and return
// the nodes found, in any order, skipping ids not found, so that callers can
// batch. Find methods return EINVALID for a malformed cursor or filter. Edge
// methods return a map from each given id that has links to its links.
type ReadService interface {
	Skills(ctx context.Context, ids []string) ([]*Skill, error)
	Occupations(ctx context.Context, ids []string) ([]*Occupation, error)
	Sectors(ctx context.Context, ids []string) ([]*Sector, error)
	Employers(ctx context.Context, ids []string) ([]*Employer, error)
	Vacancies(ctx context.Context, ids []string) ([]*Vacancy, error)
	// VacanciesFields is Vacancies reading only the named fields besides
	// the id, for callers that use a few: title, description, location,
	// salaryMin, salaryMax, hoursPerWeek, contract, flexible,
	// requiresRightToWork, postedAt, closesAt, registration, source,
	// updatedAt, employerId, occupation (with its source and confidence)
	// and placeId. Another name is EINVALID. A vacancy may come back
	// whole (from a cache), so a caller reads only the fields it named.
	VacanciesFields(ctx context.Context, ids, fields []string) ([]*Vacancy, error)
	People(ctx context.Context, ids []string) ([]*Person, error)
	// PeopleFields is People reading only the named fields besides those
	// that access rules read (see Person.AccessOnly), which it always
	// reads: orgId, name, email, phone, location, travelKm, availableFrom,
	// hoursPerWeek, rightToWork, currentPay, consentMatching,
	// consentShareWithEmployers, consentMonitoring, updatedAt, placeId,
	// seeks, history and registrations. Equality data is read only whole,
	// by People. Another name is EINVALID. With no names it reads what an
	// access check needs, never enough to show a person.
	PeopleFields(ctx context.Context, ids, fields []string) ([]*Person, error)
	Providers(ctx context.Context, ids []string) ([]*Provider, error)
	Programmes(ctx context.Context, ids []string) ([]*Programme, error)
	Places(ctx context.Context, ids []string) ([]*Place, error)

	FindSkills(ctx context.Context, f SkillFilter, p Page) (*Slice[*Skill], error)
	FindOccupations(ctx context.Context, f OccupationFilter, p Page) (*Slice[*Occupation], error)
	FindSectors(ctx context.Context, f SectorFilter, p Page) (*Slice[*Sector], error)
	FindEmployers(ctx context.Context, f EmployerFilter, p Page) (*Slice[*Employer], error)
	FindVacancies(ctx context.Context, f VacancyFilter, p Page) (*Slice[*Vacancy], error)
	FindPeople(ctx context.Context, f PersonFilter, p Page) (*Slice[*Person], error)
	FindProviders(ctx context.Context, f ProviderFilter, p Page) (*Slice[*Provider], error)
	FindProgrammes(ctx context.Context, f ProgrammeFilter, p Page) (*Slice[*Programme], error)
	FindPlaces(ctx context.Context, f PlaceFilter, p Page) (*Slice[*Place], error)

	CountSkills(ctx context.Context, f SkillFilter) (int, error)
	CountOccupations(ctx context.Context, f OccupationFilter) (int, error)
	CountSectors(ctx context.Context, f SectorFilter) (int, error)
	CountEmployers(ctx context.Context, f EmployerFilter) (int, error)
	CountVacancies(ctx context.Context, f VacancyFilter) (int, error)
	CountPeople(ctx context.Context, f PersonFilter) (int, error)
	CountProviders(ctx context.Context, f ProviderFilter) (int, error)
	CountProgrammes(ctx context.Context, f ProgrammeFilter) (int, error)
	CountPlaces(ctx context.Context, f PlaceFilter) (int, error)

	// PersonSkills returns the skills each person holds.
	PersonSkills(ctx context.Context, personIDs []string) (map[string][]PersonSkill, error)
	// VacancyRequirements returns the skills each vacancy requires.
	VacancyRequirements(ctx context.Context, vacancyIDs []string) (map[string][]Requirement, error)
	// OccupationRequirements returns the skills each occupation requires.
	OccupationRequirements(ctx context.Context, occupationIDs []string) (map[string][]Requirement, error)
	// SkillLinks returns each skill's broader, narrower and related skills.
	SkillLinks(ctx context.Context, skillIDs []string) (map[string]Links, error)
	// OccupationLinks returns each occupation's broader and narrower occupations.
	OccupationLinks(ctx context.Context, occupationIDs []string) (map[string]Links, error)
	// OccupationSectors returns the sectors of each occupation.
	OccupationSectors(ctx context.Context, occupationIDs []string) (map[string][]string, error)
	// ProgrammeSkills returns the skills each programme teaches.
	ProgrammeSkills(ctx context.Context, programmeIDs []string) (map[string][]string, error)
	// ProgrammeOccupations returns the occupations each programme leads to.
	ProgrammeOccupations(ctx context.Context, programmeIDs []string) (map[string][]string, error)
	// ProgrammeProgressions returns the recorded progressions of each programme.
	ProgrammeProgressions(ctx context.Context, programmeIDs []string) (map[string][]Progression, error)

	// ProgrammeCompletions returns the recorded completions of each programme.
	ProgrammeCompletions(ctx context.Context, programmeIDs []string) (map[string][]Completion, error)
	// PersonCompletions returns the recorded completions of each person.
	PersonCompletions(ctx context.Context, personIDs []string) (map[string][]Completion, error)

	// OpenVacancyCounts counts the vacancies open at now within a circle, by occupation.
	OpenVacancyCounts(ctx context.Context, near Near, now time.Time) (map[string]int, error)
	// ProgrammesTeaching returns up to limit programmes that teach any of
	// the skills, within the circle when near is given.
	ProgrammesTeaching(ctx context.Context, skillIDs []string, near *Near, limit int) ([]*Programme, error)
}

// Links lists the neighbours of a skill or an occupation in its taxonomy.
type Links struct {
	Broader  []string
	Narrower []string
	Related  []string
}

// WriteService changes the workforce graph. Every method is one transaction:
// it validates first and writes all or nothing. Upserts create or update by
// id and are idempotent: writing the same values again changes nothing (not
// even UpdatedAt). They return EINVALID for bad input (naming the field),
// ENOTFOUND when a referenced node does not exist, and ECONFLICT for
// duplicate ids in one batch. Deletes return ENOTFOUND for an unknown id and
// remove the node with all its relationships.
type WriteService interface {
	UpsertSkills(ctx context.Context, skills []*Skill) (WriteResult, error)
	UpsertOccupations(ctx context.Context, occupations []*Occupation) (WriteResult, error)
	UpsertSectors(ctx context.Context, sectors []*Sector) (WriteResult, error)
	UpsertEmployers(ctx context.Context, employers []*Employer) (WriteResult, error)
	UpsertVacancies(ctx context.Context, vacancies []*Vacancy) (WriteResult, error)
	UpsertPeople(ctx context.Context, people []*Person) (WriteResult, error)
	UpsertProviders(ctx context.Context, providers []*Provider) (WriteResult, error)
	UpsertProgrammes(ctx context.Context, programmes []*Programme) (WriteResult, error)
	UpsertPlaces(ctx context.Context, places []*Place) (WriteResult, error)

	// Delete removes the node of the given kind ("Skill", "Vacancy", ...) and
	// all its relationships.
	Delete(ctx context.Context, kind Kind, id string) error

	// LinkPersonSkill adds or updates a person's skill; UnlinkPersonSkill removes it.
	LinkPersonSkill(ctx context.Context, personID string, s PersonSkill) error
	UnlinkPersonSkill(ctx context.Context, personID, skillID string) error
	// LinkVacancySkill adds or updates a vacancy's requirement.
	LinkVacancySkill(ctx context.Context, vacancyID string, r Requirement) error
	UnlinkVacancySkill(ctx context.Context, vacancyID, skillID string) error
	// LinkOccupationSkill adds or updates an occupation's requirement.
	LinkOccupationSkill(ctx context.Context, occupationID string, r Requirement) error
	UnlinkOccupationSkill(ctx context.Context, occupationID, skillID string) error
	// LinkProgrammeSkill records that a programme teaches a skill.
	LinkProgrammeSkill(ctx context.Context, programmeID, skillID string) error
	UnlinkProgrammeSkill(ctx context.Context, programmeID, skillID string) error
	// LinkProgrammeOccupation records that a programme leads to an occupation.
	LinkProgrammeOccupation(ctx context.Context, programmeID, occupationID string) error
	UnlinkProgrammeOccupation(ctx context.Context, programmeID, occupationID string) error
	// LinkProviderProgramme records that a provider runs a programme (a
	// programme has one provider; this replaces any other).
	LinkProviderProgramme(ctx context.Context, providerID, programmeID string) error
	// ErasePerson removes a person and every relationship they have, so
	// that nothing in the graph carries their id afterwards; ENOTFOUND when
	// there is no such person.
	ErasePerson(ctx context.Context, id string) error
	// RecordCompletion adds or replaces a person's completion of a
	// programme; EINVALID (field personId) when the person has not
	// consented to monitoring, ENOTFOUND for an unknown person, programme
	// or occupation.
	RecordCompletion(ctx context.Context, c Completion) error
	// RecordProgression adds or replaces the learners count of a programme's
	// progression into an occupation for a period.
	RecordProgression(ctx context.Context, p Progression) error
}

// Kind names a kind of node.
type Kind string

// Node kinds, as used in authorization and deletes.
const (
	KindSkill      Kind = "Skill"
	KindOccupation Kind = "Occupation"
	KindSector     Kind = "Sector"
	KindEmployer   Kind = "Employer"
	KindVacancy    Kind = "Vacancy"
	KindPerson     Kind = "Person"
	KindProvider   Kind = "Provider"
	KindProgramme  Kind = "Programme"
	KindPlace      Kind = "Place"
)

// Kinds lists every Kind.
var Kinds = []Kind{KindSkill, KindOccupation, KindSector, KindEmployer, KindVacancy, KindPerson, KindProvider, KindProgramme, KindPlace}

// Action is what a caller wants to do with a node.
type Action string

// Actions.
const (
	ActionRead   Action = "read"
	ActionWrite  Action = "write"
	ActionDelete Action = "delete"
	// ActionAudit is reading the audit trail of a person.
	ActionAudit Action = "audit"
)

// AuditEvent is one entry of the audit trail: who touched a person's data,
// when, how and through which operation. It never holds the data itself.
type AuditEvent struct {
	At        time.Time
	Subject   string
	Role      string
	OrgID     string
	Operation string
	Action    Action
	// PersonID is the person concerned. Stores keep it only in a keyed,
	// one-way form, so that an erased person's id is gone from the graph.
	PersonID string
	Allowed  bool
}

// AuditService keeps the audit trail.
type AuditService interface {
	// Record adds an event; it may write later, in a batch, but never drops
	// it. When it cannot keep the event (EUNAVAILABLE), the access it
	// records must not happen.
	Record(ctx context.Context, e AuditEvent) error
	// AuditTrail returns the newest events about a person, at most limit.
	AuditTrail(ctx context.Context, personID string, limit int) ([]AuditEvent, error)
}

// Authorizer decides whether the caller in ctx may perform an action on a
// node. Every read and write of a node passes through it.
type Authorizer interface {
	// Authorize returns nil, or an error with code EUNAUTHORIZED or
	// EFORBIDDEN. The node is the domain value (such as *Person) when known,
	// else nil, so that decisions can depend on ownership.
	Authorize(ctx context.Context, action Action, kind Kind, id string, node any) error
	// Scope narrows the filter of a list query (such as *PersonFilter) to
	// what the caller may see, or returns EUNAUTHORIZED or EFORBIDDEN, so
	// that lists and their counts never include nodes the caller may not read.
	Scope(ctx context.Context, kind Kind, filter any) error
	// Reveal reports whether the caller may see the fields of a node that
	// carry the given sensitivity. It is asked only about nodes that
	// Authorize let the caller read.
	Reveal(ctx context.Context, kind Kind, node any, s Sensitivity) bool
}

// Sensitivity grades the fields of a node by how much they say about a
// person.
type Sensitivity string

// Sensitivities.
const (
	// Pseudonymous fields identify no one on their own (an id, skills, the
	// home area coarsened to a local authority, consents).
	Pseudonymous Sensitivity = "PSEUDONYMOUS"
	// Personal fields identify or locate a person (name, contact details,
	// exact home location, pay).
	Personal Sensitivity = "PERSONAL"
	// Special fields are equality monitoring data, seen only by the person
	// and, in aggregate, by monitoring.
	Special Sensitivity = "SPECIAL"
)

// AllowAll is an Authorizer that allows everything.
type AllowAll struct{}

// Authorize always returns nil.
func (AllowAll) Authorize(context.Context, Action, Kind, string, any) error { return nil }

// Scope always returns nil.
func (AllowAll) Scope(context.Context, Kind, any) error { return nil }

// Reveal always returns true.
func (AllowAll) Reveal(context.Context, Kind, any, Sensitivity) bool { return true }
