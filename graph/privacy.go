package graph

import (
	"context"

	"github.com/onework/onework/workforce"
)

// locatePerson loads a person for an answer measured from where they live
// (vacancies or programmes ranked by distance from home). Exact distances
// from points a caller chooses give away a home, so the caller must be
// allowed the person's personal fields, location included; anyone else
// gets the answer a missing id gets. It reads only the fields that access
// rules read (ReadService.PeopleFields with no fields), and goes through the
// authorization point, audit record included, as a load of the person does.
func (r *Resolver) locatePerson(ctx context.Context, id string) error {
	found, err := r.Read.PeopleFields(ctx, []string{id}, nil)
	if err != nil {
		return err
	}
	var p *workforce.Person
	if len(found) > 0 {
		p = found[0]
	}
	if p == nil {
		// Answered as the authorization point answers a person the caller
		// may not see; for those who may see any person, as missing.
		if err := r.authorize(ctx, workforce.ActionRead, workforce.KindPerson, id, nil); err != nil {
			return err
		}
		return workforce.NotFound("person", id)
	}
	if err := r.authorize(ctx, workforce.ActionRead, workforce.KindPerson, id, p); err != nil {
		return err
	}
	if !r.Auth.Reveal(ctx, workforce.KindPerson, p, workforce.Personal) {
		return workforce.PersonHidden(id)
	}
	return nil
}
