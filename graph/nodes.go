package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/onework/onework/careers"
	"github.com/onework/onework/matching"

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
	if err == nil {
		r.primeVacancies(ctx, c.Slice.Items)
	}
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

// The lists below hold skills by id. Each list's resolver loads the skills
// of the whole list in one batch (with the other lists of the same level),
// when the query selects them, so that each item's skill is a plain field
// and not a resolver that gqlgen would run in a goroutine per item.

// withSkills returns requirements with their skills. A missing skill stays
// nil, which the schema reports as a null error on that requirement.
func (r *Resolver) withSkills(ctx context.Context, reqs []workforce.Requirement) ([]*model.Requirement, error) {
	vals := make([]model.Requirement, len(reqs)) // one allocation for the list
	out := make([]*model.Requirement, len(reqs))
	ids := make([]string, len(reqs))
	for i := range reqs {
		vals[i].Requirement = reqs[i]
		out[i] = &vals[i]
		ids[i] = reqs[i].SkillID
	}
	skills, err := r.selectedSkills(ctx, "skill", ids)
	for i, s := range skills {
		out[i].Skill = s
	}
	return out, err
}

// skillMatches returns a match's skills with the skills they name; a
// missing skill is ENOTFOUND.
func (r *Resolver) skillMatches(ctx context.Context, ms []matching.SkillMatch) ([]*model.SkillMatch, error) {
	vals := make([]model.SkillMatch, len(ms)) // one allocation for the list
	out := make([]*model.SkillMatch, len(ms))
	ids := make([]string, len(ms))
	var via []string
	for i := range ms {
		vals[i].SkillMatch = ms[i]
		out[i] = &vals[i]
		ids[i] = ms[i].SkillID
		if ms[i].Via != "" {
			via = append(via, ms[i].Via)
		}
	}
	skills, err := r.requiredSkills(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, s := range skills {
		out[i].SkillNode = s
	}
	vias, err := r.selectedSkills(ctx, "via", via)
	if err != nil || len(vias) == 0 {
		return out, err
	}
	byID := make(map[string]*workforce.Skill, len(vias))
	for _, s := range vias {
		if s != nil {
			byID[s.ID] = s
		}
	}
	for _, m := range out {
		m.ViaNode = byID[m.Via]
	}
	return out, nil
}

// moveSkills returns the skills of a career move; a missing skill is
// ENOTFOUND.
func (r *Resolver) moveSkills(ctx context.Context, refs []careers.SkillRef) ([]*model.MoveSkill, error) {
	vals := make([]model.MoveSkill, len(refs)) // one allocation for the list
	out := make([]*model.MoveSkill, len(refs))
	ids := make([]string, len(refs))
	for i := range refs {
		vals[i].SkillRef = refs[i]
		out[i] = &vals[i]
		ids[i] = refs[i].SkillID
	}
	skills, err := r.requiredSkills(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, s := range skills {
		out[i].SkillNode = s
	}
	return out, nil
}

// requiredSkills is selectedSkills for the field "skill", which every item
// has: a skill not found is ENOTFOUND.
func (r *Resolver) requiredSkills(ctx context.Context, ids []string) ([]*workforce.Skill, error) {
	skills, err := r.selectedSkills(ctx, "skill", ids)
	if err != nil {
		return nil, err
	}
	for i, s := range skills {
		if s == nil {
			return nil, workforce.NotFound("skill", ids[i])
		}
	}
	return skills, nil
}

// selectedSkills loads the skills with the given ids, each passing the
// authorization point, when the list's items select field; else (or for no
// ids) it returns nil. A skill not found is nil.
func (r *Resolver) selectedSkills(ctx context.Context, field string, ids []string) ([]*workforce.Skill, error) {
	if len(ids) == 0 || selection(graphql.GetFieldContext(ctx).Field.Selections, field) == nil {
		return nil, nil
	}
	skills, err := r.loaders(ctx).Skill.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, s := range skills {
		if s == nil {
			continue
		}
		if err := r.authorize(ctx, workforce.ActionRead, workforce.KindSkill, s.ID, s); err != nil {
			return nil, err
		}
	}
	return skills, nil
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
