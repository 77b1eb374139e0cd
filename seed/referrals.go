package seed

import (
	"cmp"
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/onework/onework/importer"
	"github.com/onework/onework/store"
	"github.com/onework/onework/workforce"
)

// Synthetic self-declared equality answers for people who consent to
// monitoring, so that fairness monitoring has something to show.
var (
	demoAgeBands    = []string{"16-24", "25-34", "35-49", "50-64", "65+"}
	demoSexes       = []string{"female", "male", "female", "male", "prefer not to say"}
	demoEthnicities = []string{"White British", "White other", "Asian or Asian British", "Black or Black British", "Mixed", "prefer not to say"}
	demoDisability  = []string{"no", "no", "no", "yes", "prefer not to say"}
)

// demoEquality returns synthetic self-declared equality data for a
// synthetic person, chosen by a hash of the id so that it draws nothing
// from the generator's random stream.
func demoEquality(id string) *workforce.Equality {
	h := fnv.New64a()
	h.Write([]byte(id))
	x := h.Sum64()
	next := func(xs []string) string {
		v := xs[x%uint64(len(xs))]
		x /= uint64(len(xs))
		return v
	}
	return &workforce.Equality{AgeBand: next(demoAgeBands), Sex: next(demoSexes), Ethnicity: next(demoEthnicities), Disability: next(demoDisability)}
}

// demoReferrals gives the demo's people (those of org, ids starting with
// prefix) referrals to the demo's vacancies and programmes with the stages
// that followed, none after today. The same seed gives the same referrals;
// a second run changes nothing.
func demoReferrals(ctx context.Context, im *importer.Importer, s *importer.Summary, prefix, org string, seed uint64, today time.Time) error {
	db := im.DB
	rng := rand.New(rand.NewPCG(seed, 0x5eed_4efe))
	var people []*workforce.Person
	for p := (workforce.Page{First: 1000}); ; {
		page, err := db.FindPeople(ctx, workforce.PersonFilter{OrgID: org}, p)
		if err != nil {
			return err
		}
		people = append(people, page.Items...)
		if !page.HasNext {
			break
		}
		p.After = page.Cursors[len(page.Cursors)-1]
	}
	vacancyIDs, err := idsWithPrefix(ctx, db, workforce.KindVacancy, prefix)
	if err != nil {
		return err
	}
	vacancies, err := db.Vacancies(ctx, vacancyIDs)
	if err != nil {
		return err
	}
	programmeIDs, err := idsWithPrefix(ctx, db, workforce.KindProgramme, prefix)
	if err != nil {
		return err
	}
	programmes, err := db.Programmes(ctx, programmeIDs)
	if err != nil {
		return err
	}
	if len(people) == 0 || len(vacancies) == 0 {
		return nil
	}
	slices.SortFunc(vacancies, func(a, b *workforce.Vacancy) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(programmes, func(a, b *workforce.Programme) int { return cmp.Compare(a.ID, b.ID) })
	kind := "referrals"
	for _, p := range people {
		if rng.IntN(3) == 0 {
			continue // not referred
		}
		// One or two different vacancies.
		first := rng.IntN(len(vacancies))
		picks := []int{first}
		if rng.IntN(2) == 0 && len(vacancies) > 1 {
			picks = append(picks, (first+1+rng.IntN(len(vacancies)-1))%len(vacancies))
		}
		for _, i := range picks {
			v := vacancies[i]
			start := time.Date(2025, time.October, 1, 9, 0, 0, 0, time.UTC)
			if v.PostedAt != nil {
				start = v.PostedAt.Add(time.Duration(2+rng.IntN(30)) * 24 * time.Hour)
			}
			stages := []workforce.ReferralStage{workforce.StageShortlisted, workforce.StageInterviewed, workforce.StageOffered, workforce.StageHired, workforce.StageStarted}
			odds := []int{60, 70, 50, 90, 90}
			if err := referWithStages(ctx, db, s, kind, p, workforce.TargetVacancy, v.ID, start, today, rng, stages, odds); err != nil {
				return err
			}
		}
		if len(programmes) > 0 && rng.IntN(3) == 0 {
			g := programmes[rng.IntN(len(programmes))]
			start := time.Date(2025, time.September, 1+rng.IntN(28), 9, 0, 0, 0, time.UTC)
			stages := []workforce.ReferralStage{workforce.StageOffered, workforce.StageStarted}
			if err := referWithStages(ctx, db, s, kind, p, workforce.TargetProgramme, g.ID, start, today, rng, stages, []int{70, 85}); err != nil {
				return err
			}
		}
	}
	return nil
}

// referWithStages refers p to a target at start and records the stages
// that follow, each reached with the given odds (percent); a referral that
// stops short is NOT_SELECTED (or now and then WITHDRAWN).
func referWithStages(ctx context.Context, db *store.DB, s *importer.Summary, kind string, p *workforce.Person, target workforce.TargetKind, id string,
	start, today time.Time, rng *rand.Rand, stages []workforce.ReferralStage, odds []int) error {
	if start.After(today) {
		start = today.AddDate(0, 0, -60-rng.IntN(60))
	}
	r, created, err := db.Refer(ctx, workforce.Referral{PersonID: p.ID, OrgID: p.OrgID, Target: target, TargetID: id,
		Stages: []workforce.StageEvent{{Stage: workforce.StageReferred, At: start, By: "demo-adviser"}}})
	if err != nil {
		return fmt.Errorf("refer: %w", err)
	}
	var res workforce.WriteResult
	if created {
		res.Created++
	}
	at := start
	for i, st := range stages {
		at = at.Add(time.Duration(3+rng.IntN(10)) * 24 * time.Hour)
		if at.After(today) {
			break // still to come
		}
		e := workforce.StageEvent{Stage: st, At: at, By: "demo-employer"}
		if rng.IntN(100) >= odds[i] {
			e.Stage = workforce.StageNotSelected
			if rng.IntN(6) == 0 {
				e.Stage = workforce.StageWithdrawn
			}
			if st.Rank() > workforce.StageHired.Rank() {
				break // hired but not started yet
			}
		}
		if _, changed, _, err := db.RecordStage(ctx, r.ID, e); err != nil {
			return fmt.Errorf("record stage: %w", err)
		} else if changed && !created {
			res.Updated++
		}
		if e.Stage.Closing() {
			break
		}
	}
	s.Written(kind, 1, res)
	return nil
}

// idsWithPrefix lists the ids of a kind that start with prefix.
func idsWithPrefix(ctx context.Context, db *store.DB, kind workforce.Kind, prefix string) ([]string, error) {
	ids, err := db.IDs(ctx, kind)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, id := range ids {
		if len(id) > len(prefix) && id[:len(prefix)] == prefix {
			out = append(out, id)
		}
	}
	return out, nil
}
