package insights

import (
	"slices"
	"strings"
	"time"

	"github.com/onework/onework/workforce"
)

// Facts is the part of the graph the insights are computed from: reference
// data in full, and about people only what aggregates need (counts by home
// place, skills held by home place, and per referral or completion the
// home place and, with consent to monitoring, the self-declared equality
// data). It holds no person's id, name or contact details.
type Facts struct {
	// AsOf is when the facts were read.
	AsOf        time.Time
	Places      []Place
	Occupations []Occupation
	Sectors     map[string]string
	// Skills maps the skills vacancies require to their labels.
	Skills     map[string]string
	Vacancies  []Vacancy
	Programmes []Programme
	// PeopleByPlace counts the people on the books by home place.
	PeopleByPlace map[string]int
	// Holders counts, per skill, the people holding it: under "" all of
	// them, and under each place an LSOA lies in directly (its local
	// authority and ICB) those living there.
	Holders      map[string]map[string]int
	Referrals    []Referral
	Completions  []Completion
	Progressions []workforce.Progression
}

// Place is a place with its IMD decile and the places it lies in.
type Place struct {
	ID      string
	Name    string
	Kind    workforce.PlaceKind
	IMD     int
	Parents []string
}

// Occupation is an occupation with its classification codes and sectors.
type Occupation struct {
	ID      string
	Label   string
	SOC     string
	ISCO    string
	Sectors []string
}

// Vacancy is a vacancy with what insights slice it by.
type Vacancy struct {
	ID           string
	Title        string
	EmployerID   string
	EmployerKind workforce.EmployerKind
	Charter      workforce.CharterLevel
	// EmployerRLW is true when the employer is an accredited Real Living
	// Wage employer.
	EmployerRLW  bool
	OccupationID string
	PlaceID      string
	PostedAt     *time.Time
	ClosesAt     *time.Time
	Contract     workforce.ContractType
	SalaryMin    float64
	HoursPerWeek float64
	// Essential lists the skills the vacancy requires as essential.
	Essential []string
}

// Programme is a programme with the occupations it leads to.
type Programme struct {
	ID         string
	Title      string
	Kind       workforce.ProgrammeKind
	ProviderID string
	PlaceID    string
	LeadsTo    []string
}

// Referral is a referral as aggregates see it: no person id.
type Referral struct {
	Target     workforce.TargetKind
	TargetID   string
	ReferredAt time.Time
	// Furthest is the furthest progress stage reached (skipped stages count
	// as passed); Closed is set by WITHDRAWN or NOT_SELECTED.
	Furthest workforce.ReferralStage
	Closed   workforce.ReferralStage
	// HomeID is the person's home place.
	HomeID string
	// Equality is the person's self-declared data, only with consent to
	// monitoring.
	Equality *workforce.Equality
}

// Reached reports whether the referral got to stage s.
func (r *Referral) Reached(s workforce.ReferralStage) bool {
	return s.Rank() >= 0 && r.Furthest.Rank() >= s.Rank()
}

// Completion is a completion of a programme as aggregates see it.
type Completion struct {
	ProgrammeID       string
	CompletedAt       time.Time
	HiredOccupationID string
}

// Engine answers insights over one snapshot of Facts. It is immutable and
// safe for concurrent use; a new snapshot makes a new Engine.
type Engine struct {
	f *Facts
	// within maps each place to itself and every place it lies in.
	within     map[string][]string
	places     map[string]*Place
	occ        map[string]*Occupation
	vacancies  map[string]*Vacancy
	programmes map[string]*Programme
	// readvertised marks vacancies posted within readvertiseWindow of an
	// earlier one by the same employer with the same title or occupation.
	readvertised map[string]bool
	// area holds, for every place, counts over the places in it.
	area map[string]*areaCounts
	// Now is the clock; a test seam.
	Now func() time.Time
	// LivingWage is the Real Living Wage per hour that vacancies are held
	// to (default DefaultLivingWage).
	LivingWage float64
}

// DefaultLivingWage is the Real Living Wage outside London for 2025/26, in
// pounds per hour (Living Wage Foundation, announced October 2025).
const DefaultLivingWage = 13.45

// readvertiseWindow is how soon a second advert for the same role makes
// the first one hard to fill.
const readvertiseWindow = 183 * 24 * time.Hour

// New indexes facts for answering.
func New(f *Facts) *Engine {
	e := &Engine{f: f, within: map[string][]string{}, places: map[string]*Place{}, occ: map[string]*Occupation{},
		vacancies: map[string]*Vacancy{}, programmes: map[string]*Programme{}, readvertised: map[string]bool{}, LivingWage: DefaultLivingWage}
	for i := range f.Places {
		e.places[f.Places[i].ID] = &f.Places[i]
	}
	for id := range e.places {
		e.within[id] = e.ancestors(id)
	}
	for i := range f.Occupations {
		e.occ[f.Occupations[i].ID] = &f.Occupations[i]
	}
	for i := range f.Programmes {
		e.programmes[f.Programmes[i].ID] = &f.Programmes[i]
	}
	e.area = map[string]*areaCounts{}
	counts := func(id string) *areaCounts {
		a := e.area[id]
		if a == nil {
			a = &areaCounts{}
			e.area[id] = a
		}
		return a
	}
	for i := range f.Places {
		p := &f.Places[i]
		if p.Kind != workforce.PlaceLSOA {
			continue
		}
		for _, a := range append(e.within[p.ID], "") {
			c := counts(a)
			c.lsoas++
			if p.IMD >= 1 && p.IMD <= 2 {
				c.deprivedLSOAs++
			}
		}
	}
	for place, n := range f.PeopleByPlace {
		dep := e.deprived(place)
		for _, a := range append(slices.Clone(e.within[place]), "") {
			c := counts(a)
			c.people += n
			if dep {
				c.deprivedPeople += n
			}
		}
	}
	type role struct{ employer, key string }
	byRole := map[role][]*Vacancy{}
	for i := range f.Vacancies {
		v := &f.Vacancies[i]
		e.vacancies[v.ID] = v
		if v.PostedAt == nil {
			continue
		}
		key := v.OccupationID
		if key == "" {
			key = strings.ToLower(strings.TrimSpace(v.Title))
		}
		byRole[role{v.EmployerID, key}] = append(byRole[role{v.EmployerID, key}], v)
	}
	for _, vs := range byRole {
		slices.SortFunc(vs, func(a, b *Vacancy) int { return a.PostedAt.Compare(*b.PostedAt) })
		for i := 1; i < len(vs); i++ {
			if vs[i].PostedAt.Sub(*vs[i-1].PostedAt) <= readvertiseWindow {
				e.readvertised[vs[i-1].ID] = true
			}
		}
	}
	return e
}

// areaCounts are counts over the places inside one.
type areaCounts struct {
	lsoas, deprivedLSOAs, people, deprivedPeople int
}

// ancestors returns id and every place above it, breadth first.
func (e *Engine) ancestors(id string) []string {
	out := []string{id}
	for i := 0; i < len(out) && i < 16; i++ {
		if p := e.places[out[i]]; p != nil {
			for _, parent := range p.Parents {
				if !slices.Contains(out, parent) {
					out = append(out, parent)
				}
			}
		}
	}
	return out
}

// Facts returns the snapshot the engine answers from; callers must not
// change it.
func (e *Engine) Facts() *Facts { return e.f }

// AsOf returns when the facts were read.
func (e *Engine) AsOf() time.Time { return e.f.AsOf }

func (e *Engine) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

// in reports whether place id lies in (or is) place area; "" is everywhere.
func (e *Engine) in(id, area string) bool {
	return area == "" || slices.Contains(e.within[id], area)
}

// Deprived reports whether a place is, or lies in, an LSOA in IMD decile
// 1-2.
func (e *Engine) Deprived(id string) bool { return e.deprived(id) }

// deprived reports whether a place is, or lies in, an LSOA in IMD decile 1-2.
func (e *Engine) deprived(id string) bool {
	p := e.places[id]
	return p != nil && p.IMD >= 1 && p.IMD <= 2
}
