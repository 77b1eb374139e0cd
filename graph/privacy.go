package graph

import (
	"context"

	"github.com/onework/onework/workforce"
)

// locatePerson loads a person for an answer measured from where they live
// (vacancies or programmes ranked by distance from home). Exact distances
// from points a caller chooses give away a home, so the caller must be
// allowed the person's personal fields, location included; anyone else
// gets the answer a missing id gets.
func (r *Resolver) locatePerson(ctx context.Context, id string) (*workforce.Person, error) {
	p, err := load(ctx, r, workforce.KindPerson, r.loaders(ctx).Person, id)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, workforce.NotFound("person", id)
	}
	if !r.Auth.Reveal(ctx, workforce.KindPerson, p, workforce.Personal) {
		return nil, workforce.PersonHidden(id)
	}
	return p, nil
}
