package auth

import (
	"context"

	"github.com/onework/onework/workforce"
)

// referral decides reads and changes of referrals, and records each in the
// audit trail of the person referred. A referral is seen by admins, by
// advisers of the person's organisation or of the organisation that
// referred, by the person, by the employer of the vacancy and by the
// provider of the programme. Advisers (for their caseload) and admins
// refer; the employer or provider records the stages that follow; the
// person and their advisers may record only WITHDRAWN.
func (p *Policy) referral(ctx context.Context, u *User, action workforce.Action, node any) error {
	var r *workforce.Referral
	var stage workforce.ReferralStage
	switch n := node.(type) {
	case *workforce.Referral:
		r = n
	case workforce.StageRequest:
		r, stage = n.Referral, n.Stage
	}
	if r == nil {
		return forbidden("unknown referral")
	}
	err := decideReferral(u, action, r, stage)
	p.record(ctx, u, action, r.PersonID, err == nil)
	return err
}

func decideReferral(u *User, action workforce.Action, r *workforce.Referral, stage workforce.ReferralStage) error {
	if u == nil {
		return unauthenticated("referrals need a signed-in caller")
	}
	if u.Role == RoleAdmin {
		return nil
	}
	adviser := u.Role == RoleAdviser && (r.PersonOrgID == u.OrgID || (r.OrgID != "" && r.OrgID == u.OrgID))
	self := u.Role == RolePerson && r.PersonID == u.Subject
	owner := (u.Role == RoleEmployer && r.Target == workforce.TargetVacancy && r.EmployerID == u.OrgID) ||
		(u.Role == RoleProvider && r.Target == workforce.TargetProgramme && r.ProviderID == u.OrgID)
	switch {
	case action == workforce.ActionRead && (adviser || self || owner):
		return nil
	case action == workforce.ActionWrite && stage == "":
		if u.Role == RoleAdviser && r.PersonOrgID == u.OrgID {
			return nil
		}
		return forbidden("only advisers refer people on their organisation's caseload")
	case action == workforce.ActionWrite && (owner || (stage == workforce.StageWithdrawn && (adviser || self))):
		return nil
	case action == workforce.ActionWrite:
		return forbidden("your role %s may not record %s on this referral", u.Role, stage)
	}
	return forbidden("you may not see this referral")
}

// scopeReferrals narrows a list of referrals to those the caller may see.
func scopeReferrals(u *User, f *workforce.ReferralFilter) error {
	narrow := func(field *string, value string) error {
		if *field != "" && *field != value {
			return forbidden("your role %s may not list these referrals", u.Role)
		}
		*field = value
		return nil
	}
	switch {
	case u == nil:
		return unauthenticated("referrals need a signed-in caller")
	case u.Role == RoleAdmin:
		return nil
	case u.Role == RoleAdviser:
		return narrow(&f.OrgID, u.OrgID)
	case u.Role == RolePerson:
		return narrow(&f.PersonID, u.Subject)
	case u.Role == RoleEmployer:
		return narrow(&f.EmployerID, u.OrgID)
	case u.Role == RoleProvider:
		return narrow(&f.ProviderID, u.OrgID)
	}
	return forbidden("your role %s may not list referrals", u.Role)
}

// Insights that only admins and partnership leads read: they are built from
// equality monitoring data or rank individuals.
var monitoringInsights = map[string]bool{"fairness": true, "skewAtK": true}

// insight decides who reads an aggregate insight (id is its name): admins
// and partnership leads all of them; advisers, employers and providers the
// partnership's aggregates but not fairness monitoring; partner apps and
// people none.
func insight(u *User, name string) error {
	switch {
	case u == nil:
		return unauthenticated("insights need a signed-in caller")
	case u.Role == RoleAdmin, u.Role == RolePartnershipLead:
		return nil
	case monitoringInsights[name]:
		return forbidden("only admins and partnership leads see fairness monitoring")
	case u.Role == RoleAdviser, u.Role == RoleEmployer, u.Role == RoleProvider:
		return nil
	}
	return forbidden("your role %s may not see partnership insights", u.Role)
}
