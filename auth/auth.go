// Package auth decides who a caller is and what they may see: it verifies
// JWT bearer tokens (RS256 and ES256 from JWKS URLs or PEM files; HS256 with
// a shared secret for local development only), carries the caller in the
// request context, and implements the single authorization point
// (workforce.Authorizer) with roles scoped to an organisation, field-level
// protection of personal data, and an audit trail of access to it.
package auth

import (
	"context"
	"slices"
)

// Role is what a caller does in the partnership.
type Role string

// Roles.
const (
	// RoleAdmin runs the hub and may do anything.
	RoleAdmin Role = "ADMIN"
	// RoleAdviser works with the people on their organisation's caseload.
	RoleAdviser Role = "ADVISER"
	// RoleProvider manages its own programmes and their outcomes.
	RoleProvider Role = "PROVIDER"
	// RoleEmployer manages its own vacancies and sees candidates anonymised
	// until they agree to share with employers.
	RoleEmployer Role = "EMPLOYER"
	// RolePartner is an app that embeds career moves, programmes and vacancy
	// search; it sees no personal data at all.
	RolePartner Role = "PARTNER"
	// RolePerson is a job seeker acting for themself.
	RolePerson Role = "PERSON"
	// RolePartnershipLead reads the partnership's insights and fairness
	// monitoring: aggregates only, never a person's data.
	RolePartnershipLead Role = "PARTNERSHIP_LEAD"
)

// Roles lists every Role.
var Roles = []Role{RoleAdmin, RoleAdviser, RoleProvider, RoleEmployer, RolePartner, RolePerson, RolePartnershipLead}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// User is an authenticated caller.
type User struct {
	// Subject is the token's subject; for RolePerson, the person's id.
	Subject string
	Role    Role
	// OrgID is the caller's organisation: the adviser's service, the
	// employer's or provider's id in the graph, the partner app's id.
	OrgID string
}

type userKey struct{}

// WithUser returns ctx carrying u.
func WithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// UserFrom returns the caller in ctx, or nil for an anonymous caller.
func UserFrom(ctx context.Context) *User {
	u, _ := ctx.Value(userKey{}).(*User)
	return u
}

type operationKey struct{}

// WithOperation returns ctx carrying the name of the API operation being
// served, for the audit trail.
func WithOperation(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, operationKey{}, name)
}

// OperationFrom returns the operation name in ctx, or "".
func OperationFrom(ctx context.Context) string {
	s, _ := ctx.Value(operationKey{}).(string)
	return s
}
