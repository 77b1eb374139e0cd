package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

func TestReferralsInTheStore(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	person, prog := storetest.ID(t, "Person"), storetest.ID(t, "Programme")
	emp, v1, v2 := storetest.ID(t, "Employer"), storetest.ID(t, "Vacancy"), storetest.ID(t, "Vacancy")
	if _, err := db.UpsertPeople(ctx, []*workforce.Person{{ID: person, OrgID: "org-a"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpsertProgrammes(ctx, []*workforce.Programme{{ID: prog, Title: "Care academy", Kind: workforce.ProgrammePreEmployment}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpsertEmployers(ctx, []*workforce.Employer{{ID: emp, Name: "Trust", Kind: workforce.EmployerNHS}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpsertVacancies(ctx, []*workforce.Vacancy{{ID: v1, Title: "HCA", EmployerID: emp}, {ID: v2, Title: "Porter", EmployerID: emp}}); err != nil {
		t.Fatal(err)
	}
	before, err := db.Now(ctx)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	refer := func(target workforce.TargetKind, id string) (*workforce.Referral, bool, error) {
		return db.Refer(ctx, workforce.Referral{PersonID: person, OrgID: "org-a", Target: target, TargetID: id,
			Stages: []workforce.StageEvent{{Stage: workforce.StageReferred, At: at, By: "adv"}}})
	}
	// Four advisers referring at once make one referral.
	var mu sync.Mutex
	var r1 *workforce.Referral
	made := 0
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, created, err := refer(workforce.TargetVacancy, v1)
			if err != nil {
				t.Errorf("Refer: %v", err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			r1 = r
			if created {
				made++
			}
		}()
	}
	wg.Wait()
	if made != 1 || r1 == nil || r1.EmployerID != emp || r1.PersonOrgID != "org-a" || r1.Stage() != workforce.StageReferred {
		t.Fatalf("Refer = %+v, created %d times", r1, made)
	}
	if n, err := db.CountReferrals(ctx, workforce.ReferralFilter{VacancyID: v1}); err != nil || n != 1 {
		t.Fatalf("referrals to v1 = %d, %v", n, err)
	}
	if again, created, err := refer(workforce.TargetVacancy, v1); err != nil || created || again.ID != r1.ID {
		t.Fatalf("Refer again = %+v, %v, %v", again, created, err)
	}
	if _, _, err := refer(workforce.TargetVacancy, v2); err != nil {
		t.Fatal(err)
	}
	if _, _, err := refer(workforce.TargetProgramme, v1); workforce.ErrorCode(err) != workforce.ENOTFOUND {
		t.Fatalf("a vacancy referred as a programme = %v, want not found", err)
	}
	if changed, err := db.ChangedSince(ctx, before); err != nil || !changed {
		t.Errorf("ChangedSince(before) = %v, %v", changed, err)
	}
	if changed, err := db.ChangedSince(ctx, time.Now().Add(time.Hour)); err != nil || changed {
		t.Errorf("ChangedSince(future) = %v, %v", changed, err)
	}

	// Two writers recording the same stage at once: one changes it, the
	// other finds it recorded (or is told to retry); never two copies.
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, _, err := db.RecordStage(ctx, r1.ID, workforce.StageEvent{Stage: workforce.StageShortlisted, At: at.Add(time.Hour), By: "emp"})
			if err != nil && workforce.ErrorCode(err) != workforce.ECONFLICT {
				t.Errorf("RecordStage: %v", err)
			}
		}()
	}
	wg.Wait()
	got, err := db.Referrals(ctx, []string{r1.ID})
	if err != nil || len(got) != 1 || len(got[0].Stages) != 2 {
		t.Fatalf("after concurrent stages = %+v, %v", got, err)
	}
	if _, _, _, err := db.RecordStage(ctx, "referral-unknown", workforce.StageEvent{Stage: workforce.StageShortlisted, At: at}); workforce.ErrorCode(err) != workforce.ENOTFOUND {
		t.Errorf("unknown referral: %v", err)
	}

	// Pages in id order, with a cursor; filters by employer and stage.
	page, err := db.FindReferrals(ctx, workforce.ReferralFilter{EmployerID: emp}, workforce.Page{First: 1})
	if err != nil || len(page.Items) != 1 || !page.HasNext {
		t.Fatalf("first page = %+v, %v", page, err)
	}
	next, err := db.FindReferrals(ctx, workforce.ReferralFilter{EmployerID: emp}, workforce.Page{First: 1, After: page.Cursors[0]})
	if err != nil || len(next.Items) != 1 || next.HasNext || next.Items[0].ID <= page.Items[0].ID {
		t.Fatalf("second page = %+v, %v", next, err)
	}
	if n, err := db.CountReferrals(ctx, workforce.ReferralFilter{PersonID: person, Stage: workforce.StageShortlisted}); err != nil || n != 1 {
		t.Errorf("shortlisted = %d, %v", n, err)
	}
	if _, err := db.CountReferrals(ctx, workforce.ReferralFilter{Stage: "LUNCH"}); workforce.ErrorField(err) != "filter.stage" {
		t.Errorf("unknown stage filter: %v", err)
	}
	if err := db.ErasePerson(ctx, person); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Referrals(ctx, []string{r1.ID}); err != nil || len(got) != 0 {
		t.Errorf("referrals after erasure = %+v, %v", got, err)
	}
}
