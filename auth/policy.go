package auth

import (
	"context"
	"time"

	"github.com/onework/onework/workforce"
)

// Auditor records audit events. Record must not block for long; an error
// means the event was not kept.
type Auditor interface {
	Record(ctx context.Context, e workforce.AuditEvent) error
}

// Policy is OneWork's authorization point: reference data (skills,
// occupations, places, sectors, employers, vacancies, providers,
// programmes) is public to read; people are visible only to their
// organisation's advisers, to themselves, to admins, and, anonymised, to
// employers when they consent to be matched; each organisation writes only
// its own nodes.
type Policy struct {
	Read  workforce.ReadService
	Audit Auditor
	// Now is the clock; a test seam.
	Now func() time.Time
}

var _ workforce.Authorizer = (*Policy)(nil)

func forbidden(format string, args ...any) error {
	return workforce.Errorf(workforce.EFORBIDDEN, format, args...)
}

func unauthenticated(format string, args ...any) error {
	return workforce.Errorf(workforce.EUNAUTHORIZED, format, args...)
}

// Authorize implements workforce.Authorizer.
func (p *Policy) Authorize(ctx context.Context, action workforce.Action, kind workforce.Kind, id string, node any) error {
	u := UserFrom(ctx)
	switch kind {
	case workforce.KindReferral:
		return p.referral(ctx, u, action, node)
	case workforce.KindInsight:
		return insight(u, id)
	}
	var err error
	if action == workforce.ActionAudit {
		err = p.audit(u, id)
	} else if action == workforce.ActionRead {
		if kind != workforce.KindPerson {
			return nil
		}
		err = p.readPerson(ctx, u, id, node)
	} else {
		err = p.write(ctx, u, kind, id, node)
	}
	if kind == workforce.KindPerson {
		if rerr := p.record(ctx, u, action, id, err == nil); err == nil && rerr != nil {
			// No access to a person without its audit record.
			return rerr
		}
	}
	return err
}

func (p *Policy) record(ctx context.Context, u *User, action workforce.Action, personID string, allowed bool) error {
	if p.Audit == nil {
		return nil
	}
	e := workforce.AuditEvent{At: p.now(), Operation: OperationFrom(ctx), Action: action, PersonID: personID, Allowed: allowed}
	if u != nil {
		e.Subject, e.Role, e.OrgID = u.Subject, string(u.Role), u.OrgID
	}
	return p.Audit.Record(ctx, e)
}

func (p *Policy) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Policy) readPerson(ctx context.Context, u *User, id string, node any) error {
	if u == nil {
		return unauthenticated("personal data needs a signed-in caller")
	}
	if u.Role == RoleAdmin {
		return nil
	}
	person, err := p.person(ctx, id, node)
	if err != nil {
		return err
	}
	if person == nil {
		// Answered as for a person the caller may not see, so that the
		// answer does not tell whether the id exists.
		return workforce.PersonHidden(id)
	}
	switch {
	case u.Role == RoleAdviser && person.OrgID == u.OrgID,
		u.Role == RolePerson && person.ID == u.Subject,
		u.Role == RoleEmployer && person.ConsentMatching:
		return nil
	}
	return workforce.PersonHidden(id)
}

// audit decides who reads a person's audit trail: admins and the person.
func (p *Policy) audit(u *User, id string) error {
	switch {
	case u == nil:
		return unauthenticated("the audit trail needs a signed-in caller")
	case u.Role == RoleAdmin, u.Role == RolePerson && u.Subject == id:
		return nil
	}
	return forbidden("only admins and the person may read a person's audit trail")
}

// write decides writes and deletes: the caller must own both the node as
// stored and the node as it would be written.
func (p *Policy) write(ctx context.Context, u *User, kind workforce.Kind, id string, node any) error {
	if u == nil {
		return unauthenticated("changing data needs a signed-in caller")
	}
	if u.Role == RoleAdmin {
		return nil
	}
	stored, err := p.stored(ctx, kind, id)
	if err != nil {
		return err
	}
	for _, n := range []any{stored, node} {
		if n != nil && !owns(u, n) {
			return forbidden("your role %s may not change %s %q", u.Role, kind, id)
		}
	}
	if stored == nil && node == nil && !mayCreate(u, kind) {
		return forbidden("your role %s may not change %s %q", u.Role, kind, id)
	}
	return nil
}

// owns reports whether u may change n.
func owns(u *User, n any) bool {
	switch n := n.(type) {
	case *workforce.Person:
		return (u.Role == RoleAdviser && n.OrgID == u.OrgID) || (u.Role == RolePerson && n.ID == u.Subject)
	case *workforce.Vacancy:
		return u.Role == RoleEmployer && n.EmployerID == u.OrgID
	case *workforce.Employer:
		return u.Role == RoleEmployer && n.ID == u.OrgID
	case *workforce.Programme:
		return u.Role == RoleProvider && n.ProviderID == u.OrgID
	case *workforce.Provider:
		return u.Role == RoleProvider && n.ID == u.OrgID
	}
	return false
}

// mayCreate reports whether u's role changes nodes of kind at all; the
// store's not-found answer then speaks for an id that does not exist.
func mayCreate(u *User, kind workforce.Kind) bool {
	switch kind {
	case workforce.KindPerson:
		return u.Role == RoleAdviser || u.Role == RolePerson
	case workforce.KindVacancy, workforce.KindEmployer:
		return u.Role == RoleEmployer
	case workforce.KindProgramme, workforce.KindProvider:
		return u.Role == RoleProvider
	}
	return false
}

// stored loads the node of kind with id as it is now, or nil.
func (p *Policy) stored(ctx context.Context, kind workforce.Kind, id string) (any, error) {
	ids := []string{id}
	switch kind {
	case workforce.KindPerson:
		return first(p.Read.People(ctx, ids))
	case workforce.KindVacancy:
		return first(p.Read.Vacancies(ctx, ids))
	case workforce.KindEmployer:
		return first(p.Read.Employers(ctx, ids))
	case workforce.KindProgramme:
		return first(p.Read.Programmes(ctx, ids))
	case workforce.KindProvider:
		return first(p.Read.Providers(ctx, ids))
	}
	return nil, nil
}

// first returns the first node of a get, or nil.
func first[T any](nodes []T, err error) (any, error) {
	if err != nil || len(nodes) == 0 {
		return nil, err
	}
	return nodes[0], nil
}

func (p *Policy) person(ctx context.Context, id string, node any) (*workforce.Person, error) {
	if person, ok := node.(*workforce.Person); ok && person != nil {
		return person, nil
	}
	n, err := p.stored(ctx, workforce.KindPerson, id)
	if n == nil || err != nil {
		return nil, err
	}
	return n.(*workforce.Person), nil
}

// Scope implements workforce.Authorizer: lists of people are for admins
// and for advisers, who see only their own organisation's caseload.
func (p *Policy) Scope(ctx context.Context, kind workforce.Kind, filter any) error {
	if rf, ok := filter.(*workforce.ReferralFilter); ok && kind == workforce.KindReferral {
		return scopeReferrals(UserFrom(ctx), rf)
	}
	if kind != workforce.KindPerson {
		return nil
	}
	u := UserFrom(ctx)
	if cf, ok := filter.(*workforce.CandidateFilter); ok {
		return scopeCandidates(u, cf)
	}
	switch {
	case u == nil:
		return unauthenticated("personal data needs a signed-in caller")
	case u.Role == RoleAdmin:
		return nil
	case u.Role == RoleAdviser:
		f, ok := filter.(*workforce.PersonFilter)
		if !ok {
			return forbidden("unexpected filter")
		}
		if f.OrgID != "" && f.OrgID != u.OrgID {
			return forbidden("advisers see only their own organisation's caseload")
		}
		f.OrgID = u.OrgID
		return nil
	}
	return forbidden("your role %s may not list people", u.Role)
}

// scopeCandidates decides who may see the people ranked for a vacancy:
// admins all of them, advisers their own caseload, and the vacancy's own
// employer the people who consent to be matched (anonymised by Reveal).
func scopeCandidates(u *User, f *workforce.CandidateFilter) error {
	switch {
	case u == nil:
		return unauthenticated("personal data needs a signed-in caller")
	case u.Role == RoleAdmin:
		return nil
	case u.Role == RoleAdviser:
		f.OrgID = u.OrgID
		return nil
	case u.Role == RoleEmployer && f.EmployerID == u.OrgID:
		// Exact distances from an employer's own vacancies would let it
		// triangulate where a candidate lives.
		f.HomeAreaOnly = true
		return nil
	case u.Role == RoleEmployer:
		return forbidden("employers see candidates for their own vacancies only")
	}
	return forbidden("your role %s may not see candidates", u.Role)
}

// Reveal implements workforce.Authorizer: personal fields are for admins,
// the person's own advisers, the person, and employers the person agreed
// to share with; special fields for the person and admins only.
func (p *Policy) Reveal(ctx context.Context, kind workforce.Kind, node any, s workforce.Sensitivity) bool {
	if s == workforce.Pseudonymous {
		return true
	}
	u := UserFrom(ctx)
	if u != nil && u.Role == RoleAdmin {
		return true
	}
	person, ok := node.(*workforce.Person)
	if u == nil || !ok || person == nil {
		return false
	}
	switch {
	case u.Role == RolePerson && person.ID == u.Subject:
		return true
	case s == workforce.Special:
		return false
	case u.Role == RoleAdviser && person.OrgID == u.OrgID:
		return true
	case u.Role == RoleEmployer && person.ConsentShareWithEmployers:
		return true
	}
	return false
}
