// Package graph is OneWork's GraphQL layer: thin resolvers over the domain
// services, per-request dataloaders, query limits, the authorization point
// and the error presenter. It holds no Cypher.
package graph

//go:generate go run ../tools/gqlgen

import (
	"context"
	"time"

	"github.com/onework/onework/careers"
	"github.com/onework/onework/insights"
	"github.com/onework/onework/matching"
	"github.com/onework/onework/textmatch"
	"github.com/onework/onework/workforce"
)

// Resolver is the root resolver. Its fields are set once at start-up.
type Resolver struct {
	Read  workforce.ReadService
	Write workforce.WriteService
	// Auth is the single authorization point every node passes through.
	Auth   workforce.Authorizer
	Limits Limits
	// Engine ranks matches; nil answers match queries with an error.
	Engine *matching.Engine
	// MinSkills is the skills floor of match queries that do not set one:
	// matches whose skills part is below it are left out.
	MinSkills float64
	// Careers gives the current career-moves engine and job-title matcher.
	Careers CareerSource
	// Audit keeps the audit trail of access to personal data; nil keeps none.
	Audit workforce.AuditService
	// Changed, if set, is told about every committed write, so that indexes
	// such as the matching engine's stay current.
	Changed func(ctx context.Context, kind workforce.Kind, ids []string)
	// Referrals keeps referrals and their stages; nil answers referral
	// fields with an error.
	Referrals workforce.ReferralService
	// Insights gives the current insights engine; nil answers insight
	// queries with an error.
	Insights InsightSource
	// Caller returns the token subject and organisation of the caller in
	// ctx, empty for an anonymous caller.
	Caller func(ctx context.Context) (subject, orgID string)
	// Now is the clock; a test seam.
	Now func() time.Time
}

func (r *Resolver) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *Resolver) changed(ctx context.Context, kind workforce.Kind, ids ...string) {
	if r.Changed != nil {
		r.Changed(ctx, kind, ids)
	}
}

// InsightSource gives the insights engine over the latest snapshot of the
// graph, and is told when the graph changed.
type InsightSource interface {
	Engine(ctx context.Context) (*insights.Engine, error)
	Changed()
}

// CareerSource gives the current career-moves engine and job-title
// matcher, which are rebuilt when the taxonomy changes; either may be nil
// before the first build.
type CareerSource interface {
	Engine() *careers.Engine
	Titles() *textmatch.Matcher
}
