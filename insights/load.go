package insights

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/onework/onework/workforce"
)

// Source is what Facts are read from: the Neo4j store implements it.
type Source interface {
	// Now returns the database clock that updatedAt values come from.
	Now(ctx context.Context) (time.Time, error)
	Taxonomy(ctx context.Context) (*workforce.Taxonomy, error)
	StreamPlaces(ctx context.Context, since time.Time, fn func(*workforce.Place) error) error
	StreamEmployers(ctx context.Context, since time.Time, fn func(*workforce.Employer) error) error
	StreamVacancies(ctx context.Context, since time.Time, fn func(*workforce.Vacancy, []workforce.Requirement) error) error
	StreamPeople(ctx context.Context, since time.Time, fn func(*workforce.Person, []workforce.PersonSkill) error) error
	FindProgrammes(ctx context.Context, f workforce.ProgrammeFilter, p workforce.Page) (*workforce.Slice[*workforce.Programme], error)
	ProgrammeOccupations(ctx context.Context, programmeIDs []string) (map[string][]string, error)
	ProgrammeProgressions(ctx context.Context, programmeIDs []string) (map[string][]workforce.Progression, error)
	ProgrammeCompletions(ctx context.Context, programmeIDs []string) (map[string][]workforce.Completion, error)
	FindReferrals(ctx context.Context, f workforce.ReferralFilter, p workforce.Page) (*workforce.Slice[*workforce.Referral], error)
	// ChangedSince reports whether anything insights read changed after since.
	ChangedSince(ctx context.Context, since time.Time) (bool, error)
}

const loadPage = 5000

// Load reads the Facts from src. People are streamed once: only counts by
// home place, skills held by home place, and the home place and (with
// consent to monitoring) equality data of people with referrals are kept.
func Load(ctx context.Context, src Source) (*Facts, error) {
	now, err := src.Now(ctx)
	if err != nil {
		return nil, err
	}
	f := &Facts{AsOf: now, Sectors: map[string]string{}, Skills: map[string]string{}, PeopleByPlace: map[string]int{}, Holders: map[string]map[string]int{}}
	tax, err := src.Taxonomy(ctx)
	if err != nil {
		return nil, fmt.Errorf("load insights: %w", err)
	}
	for _, o := range tax.Occupations {
		f.Occupations = append(f.Occupations, Occupation{ID: o.ID, Label: o.Label, SOC: o.SOCCode, ISCO: o.ISCOGroup, Sectors: tax.OccupationSectors[o.ID]})
	}
	for _, s := range tax.Sectors {
		f.Sectors[s.ID] = s.Name
	}
	skillLabels := make(map[string]string, len(tax.Skills))
	for _, s := range tax.Skills {
		skillLabels[s.ID] = s.Label
	}
	err = src.StreamPlaces(ctx, time.Time{}, func(p *workforce.Place) error {
		f.Places = append(f.Places, Place{ID: p.ID, Name: p.Name, Kind: p.Kind, IMD: p.IMDDecile, Parents: p.ParentIDs})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load insights: %w", err)
	}
	employers := map[string]*workforce.Employer{}
	err = src.StreamEmployers(ctx, time.Time{}, func(e *workforce.Employer) error { employers[e.ID] = e; return nil })
	if err != nil {
		return nil, fmt.Errorf("load insights: %w", err)
	}
	err = src.StreamVacancies(ctx, time.Time{}, func(v *workforce.Vacancy, reqs []workforce.Requirement) error {
		fv := Vacancy{ID: v.ID, Title: v.Title, EmployerID: v.EmployerID, OccupationID: v.OccupationID, PlaceID: v.PlaceID,
			PostedAt: v.PostedAt, ClosesAt: v.ClosesAt, Contract: v.Contract, SalaryMin: v.SalaryMin, HoursPerWeek: v.HoursPerWeek}
		if e := employers[v.EmployerID]; e != nil {
			fv.EmployerKind, fv.Charter, fv.EmployerRLW = e.Kind, e.CharterLevel, e.RealLivingWage
			if fv.PlaceID == "" {
				fv.PlaceID = e.PlaceID
			}
		}
		for _, r := range reqs {
			if r.Essential {
				fv.Essential = append(fv.Essential, r.SkillID)
				f.Skills[r.SkillID] = skillLabels[r.SkillID]
			}
		}
		f.Vacancies = append(f.Vacancies, fv)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load insights: %w", err)
	}
	referrals, err := loadAll(ctx, func(p workforce.Page) (*workforce.Slice[*workforce.Referral], error) {
		return src.FindReferrals(ctx, workforce.ReferralFilter{}, p)
	})
	if err != nil {
		return nil, fmt.Errorf("load insights: %w", err)
	}
	programmes, err := loadAll(ctx, func(p workforce.Page) (*workforce.Slice[*workforce.Programme], error) {
		return src.FindProgrammes(ctx, workforce.ProgrammeFilter{}, p)
	})
	if err != nil {
		return nil, fmt.Errorf("load insights: %w", err)
	}
	for batch := range slices.Chunk(programmes, loadPage) {
		ids := make([]string, len(batch))
		for i, p := range batch {
			ids[i] = p.ID
		}
		leads, err := src.ProgrammeOccupations(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("load insights: %w", err)
		}
		progs, err := src.ProgrammeProgressions(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("load insights: %w", err)
		}
		comps, err := src.ProgrammeCompletions(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("load insights: %w", err)
		}
		for _, p := range batch {
			f.Programmes = append(f.Programmes, Programme{ID: p.ID, Title: p.Title, Kind: p.Kind, ProviderID: p.ProviderID, PlaceID: p.PlaceID, LeadsTo: leads[p.ID]})
			f.Progressions = append(f.Progressions, progs[p.ID]...)
			for _, c := range comps[p.ID] {
				f.Completions = append(f.Completions, Completion{ProgrammeID: c.ProgrammeID, CompletedAt: c.CompletedAt, HiredOccupationID: c.HiredOccupationID})
			}
		}
	}
	referred := map[string][]int{}
	for _, r := range referrals {
		fr := Referral{Target: r.Target, TargetID: r.TargetID, ReferredAt: r.ReferredAt()}
		fr.Furthest, _ = r.Furthest()
		if s := r.Stage(); s.Closing() {
			fr.Closed = s
		}
		referred[r.PersonID] = append(referred[r.PersonID], len(f.Referrals))
		f.Referrals = append(f.Referrals, fr)
	}
	// Skills held are counted by the areas an LSOA lies in directly (its
	// local authority and ICB) and overall, which keeps them small at a
	// million people.
	parents := map[string]*Place{}
	for i := range f.Places {
		parents[f.Places[i].ID] = &f.Places[i]
	}
	areas := map[string][]string{}
	areasOf := func(id string) []string {
		if a, ok := areas[id]; ok {
			return a
		}
		a := []string{""}
		if p := parents[id]; p != nil && p.Kind == workforce.PlaceLSOA {
			a = append(a, p.Parents...)
		} else {
			a = append(a, id)
		}
		areas[id] = a
		return a
	}
	err = src.StreamPeople(ctx, time.Time{}, func(p *workforce.Person, skills []workforce.PersonSkill) error {
		f.PeopleByPlace[p.PlaceID]++
		for _, s := range skills {
			m := f.Holders[s.SkillID]
			if m == nil {
				m = map[string]int{}
				f.Holders[s.SkillID] = m
			}
			for _, a := range areasOf(p.PlaceID) {
				m[a]++
			}
		}
		var eq *workforce.Equality
		if p.ConsentMonitoring && p.Equality != nil {
			e := *p.Equality
			eq = &e
		}
		for _, i := range referred[p.ID] {
			f.Referrals[i].HomeID, f.Referrals[i].Equality = p.PlaceID, eq
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load insights: %w", err)
	}
	return f, nil
}

// loadAll reads every page of a list.
func loadAll[T any](ctx context.Context, find func(workforce.Page) (*workforce.Slice[T], error)) ([]T, error) {
	var out []T
	p := workforce.Page{First: loadPage}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s, err := find(p)
		if err != nil {
			return nil, err
		}
		out = append(out, s.Items...)
		if !s.HasNext || len(s.Cursors) == 0 {
			return out, nil
		}
		p.After = s.Cursors[len(s.Cursors)-1]
	}
}
