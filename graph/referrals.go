package graph

import (
	"context"

	"github.com/onework/onework/graph/model"
	"github.com/onework/onework/workforce"
)

// referrals returns the referral service or an error when none is wired.
func (r *Resolver) referrals() (workforce.ReferralService, error) {
	if r.Referrals == nil {
		return nil, workforce.Errorf(workforce.EINTERNAL, "referrals not configured")
	}
	return r.Referrals, nil
}

func (r *Resolver) caller(ctx context.Context) (subject, org string) {
	if r.Caller == nil {
		return "", ""
	}
	return r.Caller(ctx)
}

// referralFor loads a referral the caller may see, or fails with NOT_FOUND
// or the authorization error.
func (r *Resolver) referralFor(ctx context.Context, id string) (*workforce.Referral, error) {
	svc, err := r.referrals()
	if err != nil {
		return nil, err
	}
	rs, err := svc.Referrals(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, nil
	}
	if err := r.authorize(ctx, workforce.ActionRead, workforce.KindReferral, id, rs[0]); err != nil {
		return nil, err
	}
	return rs[0], nil
}

func referralResult(ref *workforce.Referral, changed bool, warning string) *model.ReferralResult {
	return &model.ReferralResult{Referral: ref, Changed: changed, Warning: nonEmpty(warning)}
}
