package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/onework/onework/workforce"
)

// sensitive hides a field of a person from callers who may not see its
// level of sensitivity: the field reads as null.
func (r *Resolver) sensitive(ctx context.Context, obj any, next graphql.Resolver, level workforce.Sensitivity) (any, error) {
	if !r.Auth.Reveal(ctx, workforce.KindPerson, obj, level) {
		return nil, nil
	}
	return next(ctx)
}

// coarsen returns the local authority a place lies in (or the place itself
// when it is no finer than that), so that an anonymised person's home
// area cannot single them out.
func (r *Resolver) coarsen(ctx context.Context, p *workforce.Place) (*workforce.Place, error) {
	if p.Kind != workforce.PlaceLSOA {
		return p, nil
	}
	parents, err := loadAll(ctx, r, workforce.KindPlace, r.loaders(ctx).Place, p.ParentIDs)
	if err != nil {
		return nil, err
	}
	for _, parent := range parents {
		if parent.Kind == workforce.PlaceLocalAuthority {
			return parent, nil
		}
	}
	return nil, nil
}

// personForWrite loads a person the caller may change, or fails with
// NOT_FOUND or the authorization error.
func (r *Resolver) personForWrite(ctx context.Context, id string) (*workforce.Person, error) {
	if err := r.authorize(ctx, workforce.ActionWrite, workforce.KindPerson, id, nil); err != nil {
		return nil, err
	}
	people, err := r.Read.People(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if len(people) == 0 {
		return nil, workforce.NotFound("person", id)
	}
	return people[0], nil
}

// export is the document a subject access request returns.
type export struct {
	ExportedAt time.Time               `json:"exportedAt"`
	Person     *workforce.Person       `json:"person"`
	Skills     []workforce.PersonSkill `json:"skills"`
	// Completions are the programmes completed and hires recorded.
	Completions []workforce.Completion `json:"completions"`
	// Referrals are the vacancies and programmes the person was put
	// forward for, with every stage recorded.
	Referrals []*workforce.Referral `json:"referrals"`
	// AccessLog is the audit trail: who read or changed the person's data.
	AccessLog []workforce.AuditEvent `json:"accessLog"`
}

func exportJSON(e export) (string, error) {
	e.ExportedAt = time.Now().UTC()
	if e.Skills == nil {
		e.Skills = []workforce.PersonSkill{}
	}
	if e.Completions == nil {
		e.Completions = []workforce.Completion{}
	}
	if e.Referrals == nil {
		e.Referrals = []*workforce.Referral{}
	}
	if e.AccessLog == nil {
		e.AccessLog = []workforce.AuditEvent{}
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return "", fmt.Errorf("export person: %w", err)
	}
	return string(b), nil
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
