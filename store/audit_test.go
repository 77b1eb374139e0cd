package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

func TestAuditTrailAndErasure(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	log, err := store.NewAuditLog(db, []byte("audit-test-key-0123456789"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close(ctx)

	skill := &workforce.Skill{ID: storetest.ID(t, "Skill"), Label: "moving and handling"}
	person := &workforce.Person{ID: storetest.ID(t, "Person"), Name: "Erin Erasable", Email: "erin@example.org", Seeks: nil}
	if _, err := db.UpsertSkills(ctx, []*workforce.Skill{skill}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpsertPeople(ctx, []*workforce.Person{person}); err != nil {
		t.Fatal(err)
	}
	if err := db.LinkPersonSkill(ctx, person.ID, workforce.PersonSkill{SkillID: skill.ID, Level: 3, Source: "self"}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	log.Record(ctx, workforce.AuditEvent{At: at, Subject: "adviser-7", Role: "ADVISER", OrgID: "org-1", Operation: "CaseloadQuery", Action: workforce.ActionRead, PersonID: person.ID, Allowed: true})
	log.Record(ctx, workforce.AuditEvent{At: at.Add(time.Minute), Subject: person.ID, Role: "PERSON", Operation: "Me", Action: workforce.ActionRead, PersonID: person.ID, Allowed: true})

	trail, err := log.AuditTrail(ctx, person.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(trail) != 2 || trail[0].Operation != "Me" || trail[1].Subject != "adviser-7" || !trail[1].At.Equal(at) {
		t.Fatalf("AuditTrail = %+v, want the two events, newest first", trail)
	}

	if err := db.ErasePerson(ctx, person.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := db.Mentions(ctx, person.ID); err != nil || n != 0 {
		t.Errorf("after erasure %d nodes still carry the person's id (err %v)", n, err)
	}
	if held, _ := db.PersonSkills(ctx, []string{person.ID}); len(held[person.ID]) != 0 {
		t.Errorf("after erasure the person still holds skills: %v", held)
	}
	if got, _ := db.People(ctx, []string{person.ID}); len(got) != 0 {
		t.Errorf("after erasure People = %v", got)
	}
	if skills, _ := db.Skills(ctx, []string{skill.ID}); len(skills) != 1 {
		t.Error("erasure removed the skill the person held")
	}
	if err := db.ErasePerson(ctx, person.ID); workforce.ErrorCode(err) != workforce.ENOTFOUND {
		t.Errorf("erasing twice = %v, want ENOTFOUND", err)
	}
	if _, err := store.NewAuditLog(db, []byte("short"), nil); err == nil {
		t.Error("NewAuditLog(short key) = nil error")
	}
}
