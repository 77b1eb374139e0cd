// Package model holds the GraphQL-only types: inputs and filters generated
// by gqlgen, and the Relay connections that wrap a page of domain nodes.
package model

import (
	"context"
	"encoding/base64"

	"github.com/onework/onework/workforce"
)

// PageInfo is Relay page information.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

// Counter counts the items of the whole list a page comes from.
type Counter func(ctx context.Context) (int, error)

// Connection is one page of nodes of type T, with a lazily computed total so
// that clients who do not ask for totalCount do not pay for it.
type Connection[T any] struct {
	Slice *workforce.Slice[T]
	Count Counter
}

// NewConnection wraps a page and its counter.
func NewConnection[T any](s *workforce.Slice[T], count Counter) Connection[T] {
	if s == nil {
		s = &workforce.Slice[T]{}
	}
	return Connection[T]{Slice: s, Count: count}
}

// Nodes returns the page's nodes.
func (c Connection[T]) Nodes() []T { return c.Slice.Items }

// TotalCount returns the number of items in the whole list.
func (c Connection[T]) TotalCount(ctx context.Context) (int, error) {
	return c.Count(ctx)
}

// PageInfo returns the page's Relay page information.
func (c Connection[T]) PageInfo() *PageInfo {
	pi := &PageInfo{HasNextPage: c.Slice.HasNext}
	if n := len(c.Slice.Cursors); n > 0 {
		start, end := EncodeCursor(c.Slice.Cursors[0]), EncodeCursor(c.Slice.Cursors[n-1])
		pi.StartCursor, pi.EndCursor = &start, &end
	}
	return pi
}

// edges pairs each node with its encoded cursor.
func edges[T any, E any](c Connection[T], mk func(cursor string, node T) E) []E {
	out := make([]E, len(c.Slice.Items))
	for i, n := range c.Slice.Items {
		out[i] = mk(EncodeCursor(c.Slice.Cursors[i]), n)
	}
	return out
}

// EncodeCursor makes a store cursor opaque to clients.
func EncodeCursor(raw string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// DecodeCursor reverses EncodeCursor; it returns an EINVALID error for the
// "after" argument when the cursor was not made by EncodeCursor.
func DecodeCursor(s string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) == 0 {
		return "", workforce.Invalid("after", "malformed cursor")
	}
	return string(b), nil
}

// SkillConnection is a page of skills.
type SkillConnection struct{ Connection[*workforce.Skill] }

// Edges returns the page's edges.
func (c SkillConnection) Edges() []*SkillEdge {
	return edges(c.Connection, func(cur string, n *workforce.Skill) *SkillEdge { return &SkillEdge{cur, n} })
}

// OccupationConnection is a page of occupations.
type OccupationConnection struct {
	Connection[*workforce.Occupation]
}

// Edges returns the page's edges.
func (c OccupationConnection) Edges() []*OccupationEdge {
	return edges(c.Connection, func(cur string, n *workforce.Occupation) *OccupationEdge { return &OccupationEdge{cur, n} })
}

// SectorConnection is a page of sectors.
type SectorConnection struct{ Connection[*workforce.Sector] }

// Edges returns the page's edges.
func (c SectorConnection) Edges() []*SectorEdge {
	return edges(c.Connection, func(cur string, n *workforce.Sector) *SectorEdge { return &SectorEdge{cur, n} })
}

// EmployerConnection is a page of employers.
type EmployerConnection struct {
	Connection[*workforce.Employer]
}

// Edges returns the page's edges.
func (c EmployerConnection) Edges() []*EmployerEdge {
	return edges(c.Connection, func(cur string, n *workforce.Employer) *EmployerEdge { return &EmployerEdge{cur, n} })
}

// VacancyConnection is a page of vacancies.
type VacancyConnection struct{ Connection[*workforce.Vacancy] }

// Edges returns the page's edges.
func (c VacancyConnection) Edges() []*VacancyEdge {
	return edges(c.Connection, func(cur string, n *workforce.Vacancy) *VacancyEdge { return &VacancyEdge{cur, n} })
}

// PersonConnection is a page of people.
type PersonConnection struct{ Connection[*workforce.Person] }

// Edges returns the page's edges.
func (c PersonConnection) Edges() []*PersonEdge {
	return edges(c.Connection, func(cur string, n *workforce.Person) *PersonEdge { return &PersonEdge{cur, n} })
}

// ProviderConnection is a page of providers.
type ProviderConnection struct {
	Connection[*workforce.Provider]
}

// Edges returns the page's edges.
func (c ProviderConnection) Edges() []*ProviderEdge {
	return edges(c.Connection, func(cur string, n *workforce.Provider) *ProviderEdge { return &ProviderEdge{cur, n} })
}

// ProgrammeConnection is a page of programmes.
type ProgrammeConnection struct {
	Connection[*workforce.Programme]
}

// Edges returns the page's edges.
func (c ProgrammeConnection) Edges() []*ProgrammeEdge {
	return edges(c.Connection, func(cur string, n *workforce.Programme) *ProgrammeEdge { return &ProgrammeEdge{cur, n} })
}

// PlaceConnection is a page of places.
type PlaceConnection struct{ Connection[*workforce.Place] }

// Edges returns the page's edges.
func (c PlaceConnection) Edges() []*PlaceEdge {
	return edges(c.Connection, func(cur string, n *workforce.Place) *PlaceEdge { return &PlaceEdge{cur, n} })
}

// ReferralConnection is a page of referrals.
type ReferralConnection struct {
	Connection[*workforce.Referral]
}

// Edges returns the page's edges.
func (c ReferralConnection) Edges() []*ReferralEdge {
	return edges(c.Connection, func(cur string, n *workforce.Referral) *ReferralEdge { return &ReferralEdge{cur, n} })
}
