package workforce

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ReferralStage is a step of a referral: an adviser puts a person forward
// (REFERRED), then the employer or provider records what follows.
type ReferralStage string

// Referral stages. The progress stages follow one another in the order of
// ProgressStages; WITHDRAWN and NOT_SELECTED close a referral.
const (
	StageReferred    ReferralStage = "REFERRED"
	StageShortlisted ReferralStage = "SHORTLISTED"
	StageInterviewed ReferralStage = "INTERVIEWED"
	StageOffered     ReferralStage = "OFFERED"
	StageHired       ReferralStage = "HIRED"
	StageStarted     ReferralStage = "STARTED"
	StageWithdrawn   ReferralStage = "WITHDRAWN"
	StageNotSelected ReferralStage = "NOT_SELECTED"
)

// ReferralStages lists every ReferralStage.
var ReferralStages = []ReferralStage{StageReferred, StageShortlisted, StageInterviewed, StageOffered, StageHired, StageStarted, StageWithdrawn, StageNotSelected}

// ProgressStages are the stages a referral moves forward through, in order.
var ProgressStages = []ReferralStage{StageReferred, StageShortlisted, StageInterviewed, StageOffered, StageHired, StageStarted}

// Rank returns the position of a progress stage in ProgressStages, -1 for
// a closing stage (or an unknown one).
func (s ReferralStage) Rank() int { return slices.Index(ProgressStages, s) }

// Closing reports whether s ends a referral without progress.
func (s ReferralStage) Closing() bool { return s == StageWithdrawn || s == StageNotSelected }

// TargetKind says what a person is referred to.
type TargetKind string

// Target kinds.
const (
	TargetVacancy   TargetKind = "VACANCY"
	TargetProgramme TargetKind = "PROGRAMME"
)

// StageEvent is one recorded stage of a referral.
type StageEvent struct {
	Stage ReferralStage
	At    time.Time
	// By is the token subject of whoever recorded it.
	By string
}

// Referral is a person put forward for a vacancy or a programme, with the
// stages that followed. There is at most one referral of a person to one
// target; its id is derived from both (ReferralID).
type Referral struct {
	ID       string
	PersonID string
	// Target is what the person is referred to: a vacancy or a programme.
	Target   TargetKind
	TargetID string
	// OrgID is the organisation that made the referral.
	OrgID string
	// Stages are the recorded stages in the order they happened; the first
	// is always REFERRED.
	Stages []StageEvent
	// PersonOrgID, EmployerID (of a vacancy) and ProviderID (of a
	// programme) are read from the graph for authorization; they are not
	// written.
	PersonOrgID string
	EmployerID  string
	ProviderID  string
	UpdatedAt   time.Time
}

// ReferralID returns the id of the referral of a person to a target.
func ReferralID(personID string, target TargetKind, targetID string) string {
	h := sha256.Sum256([]byte(personID + "\x00" + string(target) + "\x00" + targetID))
	return "referral-" + hex.EncodeToString(h[:12])
}

// Stage returns the latest recorded stage.
func (r *Referral) Stage() ReferralStage {
	if len(r.Stages) == 0 {
		return ""
	}
	return r.Stages[len(r.Stages)-1].Stage
}

// ReferredAt returns when the person was referred.
func (r *Referral) ReferredAt() time.Time {
	if len(r.Stages) == 0 {
		return time.Time{}
	}
	return r.Stages[0].At
}

// Furthest returns the furthest progress stage recorded and when.
func (r *Referral) Furthest() (ReferralStage, time.Time) {
	best, at := ReferralStage(""), time.Time{}
	for _, e := range r.Stages {
		if e.Stage.Rank() > best.Rank() {
			best, at = e.Stage, e.At
		}
	}
	return best, at
}

// Reached reports whether the referral got to a progress stage: it was
// recorded, or a later progress stage was (a stage skipped on the way
// counts as passed; see Next).
func (r *Referral) Reached(s ReferralStage) bool {
	f, _ := r.Furthest()
	return s.Rank() >= 0 && f.Rank() >= s.Rank()
}

// Validate checks a new referral: a person, one target and when.
func (r *Referral) Validate() error {
	err := firstError(ValidID("personId", r.PersonID), ValidID("targetId", r.TargetID))
	if err != nil {
		return err
	}
	if r.Target != TargetVacancy && r.Target != TargetProgramme {
		return Invalid("target", "must be VACANCY or PROGRAMME")
	}
	if len(r.Stages) != 1 || r.Stages[0].Stage != StageReferred {
		return Invalid("stage", "a new referral starts at REFERRED")
	}
	if r.Stages[0].At.IsZero() {
		return Invalid("at", "must be given")
	}
	return nil
}

// Next applies the rule for recording a stage after those recorded, and
// returns whether it changes the referral and a warning for the caller.
//
//   - The same stage at the same time again changes nothing (idempotent);
//     the same stage at another time is ECONFLICT.
//   - REFERRED is recorded only by referring.
//   - A closed referral (WITHDRAWN or NOT_SELECTED) takes no more stages.
//   - A progress stage must come after the furthest one recorded: going
//     back (SHORTLISTED after OFFERED) is EINVALID. Skipping forward
//     (OFFERED straight after REFERRED) is accepted with a warning, and the
//     skipped stages count as passed.
//   - A stage may not be dated before the last one recorded (EINVALID).
//   - A programme referral is STARTED, never HIRED; NOT_SELECTED cannot
//     follow HIRED or STARTED.
func (r *Referral) Next(e StageEvent) (changed bool, warning string, err error) {
	if !slices.Contains(ReferralStages, e.Stage) {
		return false, "", Invalid("stage", "unknown stage %q", e.Stage)
	}
	if e.At.IsZero() {
		return false, "", Invalid("at", "must be given")
	}
	if e.Stage == StageReferred {
		return false, "", Invalid("stage", "REFERRED is recorded by referring, not as a later stage")
	}
	for _, old := range r.Stages {
		if old.Stage == e.Stage {
			if old.At.Equal(e.At) {
				return false, "", nil
			}
			return false, "", &Error{Code: ECONFLICT, Field: "stage", Message: fmt.Sprintf("%s was already recorded at %s", e.Stage, old.At.UTC().Format(time.RFC3339))}
		}
	}
	last := r.Stages[len(r.Stages)-1]
	furthest, _ := r.Furthest()
	switch {
	case last.Stage.Closing():
		return false, "", Invalid("stage", "the referral was closed as %s", last.Stage)
	case e.Stage == StageHired && r.Target == TargetProgramme:
		return false, "", Invalid("stage", "a programme referral is STARTED, not HIRED")
	case e.Stage == StageNotSelected && furthest.Rank() >= StageHired.Rank():
		return false, "", Invalid("stage", "NOT_SELECTED cannot follow %s", furthest)
	case !e.Stage.Closing() && e.Stage.Rank() < furthest.Rank():
		return false, "", Invalid("stage", "%s comes before %s, which is already recorded", e.Stage, furthest)
	case e.At.Before(last.At):
		return false, "", Invalid("at", "must not be before the last recorded stage (%s at %s)", last.Stage, last.At.UTC().Format(time.RFC3339))
	}
	if e.Stage.Closing() {
		return true, "", nil
	}
	var skipped []string
	for _, s := range ProgressStages[furthest.Rank()+1 : e.Stage.Rank()] {
		if s == StageHired && r.Target == TargetProgramme {
			continue
		}
		skipped = append(skipped, string(s))
	}
	if len(skipped) > 0 {
		warning = fmt.Sprintf("%s recorded without %s; counted as passed", e.Stage, strings.Join(skipped, ", "))
	}
	return true, warning, nil
}

// ReferralFilter narrows a list of referrals; an Authorizer's Scope narrows
// it to what the caller may see.
type ReferralFilter struct {
	PersonID    string
	VacancyID   string
	ProgrammeID string
	// OrgID keeps referrals of people on one organisation's caseload.
	OrgID string
	// EmployerID keeps referrals to the employer's vacancies.
	EmployerID string
	// ProviderID keeps referrals to the provider's programmes.
	ProviderID string
	// Stage keeps referrals whose latest stage it is.
	Stage ReferralStage
}

// StageRequest is what the Authorizer is asked about when a stage is
// recorded: the referral as stored and the stage to record.
type StageRequest struct {
	Referral *Referral
	Stage    ReferralStage
}

// ReferralService keeps referrals and their stages.
type ReferralService interface {
	// Refer records a referral (its Stages hold the one REFERRED event) or,
	// when the person is already referred to the target, returns the stored
	// one unchanged with created false. ENOTFOUND for an unknown person or
	// target, EINVALID for bad input.
	Refer(ctx context.Context, r Referral) (stored *Referral, created bool, err error)
	// RecordStage records a stage of a referral by the rule of
	// Referral.Next; ENOTFOUND for an unknown referral.
	RecordStage(ctx context.Context, id string, e StageEvent) (stored *Referral, changed bool, warning string, err error)
	// Referrals returns the referrals with the given ids, skipping unknown ones.
	Referrals(ctx context.Context, ids []string) ([]*Referral, error)
	// FindReferrals returns a page of referrals in id order.
	FindReferrals(ctx context.Context, f ReferralFilter, p Page) (*Slice[*Referral], error)
	// CountReferrals counts the referrals that match f.
	CountReferrals(ctx context.Context, f ReferralFilter) (int, error)
	// PersonReferrals returns every referral of each person.
	PersonReferrals(ctx context.Context, personIDs []string) (map[string][]*Referral, error)
}

// KindReferral names referrals in authorization; it is not a node label.
const KindReferral Kind = "Referral"

// KindInsight names aggregate insights in authorization; the id is the
// insight's name (see the insights package).
const KindInsight Kind = "Insight"
