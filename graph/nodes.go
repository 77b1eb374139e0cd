package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/onework/onework/graph/model"
	"github.com/onework/onework/workforce"
)

// Id accessors, for the generic helpers.
func skillKey(n *workforce.Skill) string           { return n.ID }
func occupationKey(n *workforce.Occupation) string { return n.ID }
func sectorKey(n *workforce.Sector) string         { return n.ID }
func employerKey(n *workforce.Employer) string     { return n.ID }
func vacancyKey(n *workforce.Vacancy) string       { return n.ID }
func personKey(n *workforce.Person) string         { return n.ID }
func providerKey(n *workforce.Provider) string     { return n.ID }
func programmeKey(n *workforce.Programme) string   { return n.ID }
func placeKey(n *workforce.Place) string           { return n.ID }

// The lists below are shared by top-level queries and reverse edges.

func (r *Resolver) skills(ctx context.Context, f workforce.SkillFilter, first *int, after *string) (*model.SkillConnection, error) {
	c, err := list(ctx, r, workforce.KindSkill, skillKey, r.Read.FindSkills, r.Read.CountSkills, f, first, after)
	return &model.SkillConnection{Connection: c}, err
}

func (r *Resolver) occupations(ctx context.Context, f workforce.OccupationFilter, first *int, after *string) (*model.OccupationConnection, error) {
	c, err := list(ctx, r, workforce.KindOccupation, occupationKey, r.Read.FindOccupations, r.Read.CountOccupations, f, first, after)
	return &model.OccupationConnection{Connection: c}, err
}

func (r *Resolver) employers(ctx context.Context, f workforce.EmployerFilter, first *int, after *string) (*model.EmployerConnection, error) {
	c, err := list(ctx, r, workforce.KindEmployer, employerKey, r.Read.FindEmployers, r.Read.CountEmployers, f, first, after)
	return &model.EmployerConnection{Connection: c}, err
}

func (r *Resolver) vacancies(ctx context.Context, f workforce.VacancyFilter, openNow *bool, first *int, after *string) (*model.VacancyConnection, error) {
	if openNow != nil && *openNow {
		t := r.now().UTC().Truncate(time.Second)
		f.OpenAt = &t
	}
	c, err := list(ctx, r, workforce.KindVacancy, vacancyKey, r.Read.FindVacancies, r.Read.CountVacancies, f, first, after)
	return &model.VacancyConnection{Connection: c}, err
}

func (r *Resolver) people(ctx context.Context, f workforce.PersonFilter, first *int, after *string) (*model.PersonConnection, error) {
	c, err := list(ctx, r, workforce.KindPerson, personKey, r.Read.FindPeople, r.Read.CountPeople, f, first, after)
	return &model.PersonConnection{Connection: c}, err
}

func (r *Resolver) providers(ctx context.Context, f workforce.ProviderFilter, first *int, after *string) (*model.ProviderConnection, error) {
	c, err := list(ctx, r, workforce.KindProvider, providerKey, r.Read.FindProviders, r.Read.CountProviders, f, first, after)
	return &model.ProviderConnection{Connection: c}, err
}

func (r *Resolver) programmes(ctx context.Context, f workforce.ProgrammeFilter, first *int, after *string) (*model.ProgrammeConnection, error) {
	c, err := list(ctx, r, workforce.KindProgramme, programmeKey, r.Read.FindProgrammes, r.Read.CountProgrammes, f, first, after)
	return &model.ProgrammeConnection{Connection: c}, err
}

func (r *Resolver) places(ctx context.Context, f workforce.PlaceFilter, first *int, after *string) (*model.PlaceConnection, error) {
	c, err := list(ctx, r, workforce.KindPlace, placeKey, r.Read.FindPlaces, r.Read.CountPlaces, f, first, after)
	return &model.PlaceConnection{Connection: c}, err
}

// Single-node loads by kind.

func (r *Resolver) skill(ctx context.Context, id string) (*workforce.Skill, error) {
	return load(ctx, r, workforce.KindSkill, r.loaders(ctx).Skill, id)
}

func (r *Resolver) occupation(ctx context.Context, id string) (*workforce.Occupation, error) {
	return load(ctx, r, workforce.KindOccupation, r.loaders(ctx).Occupation, id)
}

func (r *Resolver) place(ctx context.Context, id string) (*workforce.Place, error) {
	return load(ctx, r, workforce.KindPlace, r.loaders(ctx).Place, id)
}

// withSkills returns requirements with their skills, loaded for the whole
// list in one batch (with the other lists of the same level) when the query
// selects them. A skill that is missing stays nil, which the schema reports
// as a null error on that requirement, as a skill resolver would.
func (r *Resolver) withSkills(ctx context.Context, reqs []workforce.Requirement) ([]*model.Requirement, error) {
	out := make([]*model.Requirement, len(reqs))
	for i := range reqs {
		out[i] = &model.Requirement{Requirement: reqs[i]}
	}
	if len(reqs) == 0 || selection(graphql.GetFieldContext(ctx).Field.Selections, "skill") == nil {
		return out, nil
	}
	ids := make([]string, len(reqs))
	for i, req := range reqs {
		ids[i] = req.SkillID
	}
	skills, err := r.loaders(ctx).Skill.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, s := range skills {
		if s == nil {
			continue
		}
		if err := r.authorize(ctx, workforce.ActionRead, workforce.KindSkill, s.ID, s); err != nil {
			return nil, err
		}
		out[i].Skill = s
	}
	return out, nil
}

// pointers returns pointers to the elements of s.
func pointers[T any](s []T) []*T {
	out := make([]*T, len(s))
	for i := range s {
		out[i] = &s[i]
	}
	return out
}

// withDefaults fills the source and confidence of a requirement given through the API.
func withDefaults(req workforce.Requirement, source string) workforce.Requirement {
	if req.Source == "" {
		req.Source = source
	}
	if req.Confidence == 0 {
		req.Confidence = 1
	}
	return req
}

func (r *Resolver) programmeLink(ctx context.Context, id string, do func() error) (*workforce.Programme, error) {
	return link(ctx, r, workforce.KindProgramme, r.loaders(ctx).Programme, id, do)
}
