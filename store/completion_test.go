package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

func TestRecordCompletion(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	yes, no := storetest.ID(t, "Person"), storetest.ID(t, "Person")
	prog, occ := storetest.ID(t, "Programme"), storetest.ID(t, "Occupation")
	if _, err := db.UpsertPeople(ctx, []*workforce.Person{{ID: yes, ConsentMonitoring: true}, {ID: no}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpsertProgrammes(ctx, []*workforce.Programme{{ID: prog, Title: "Care certificate", Kind: workforce.ProgrammeCourse}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpsertOccupations(ctx, []*workforce.Occupation{{ID: occ, Label: "care worker"}}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	ok := workforce.Completion{PersonID: yes, ProgrammeID: prog, CompletedAt: at, HiredOccupationID: occ}
	cases := []struct {
		name string
		c    workforce.Completion
		code string
	}{
		{"consented", ok, ""},
		{"again, unchanged", ok, ""},
		{"no consent to monitoring", workforce.Completion{PersonID: no, ProgrammeID: prog, CompletedAt: at}, workforce.EINVALID},
		{"unknown programme", workforce.Completion{PersonID: yes, ProgrammeID: prog + "x", CompletedAt: at}, workforce.ENOTFOUND},
		{"unknown occupation", workforce.Completion{PersonID: yes, ProgrammeID: prog, CompletedAt: at, HiredOccupationID: "nope"}, workforce.ENOTFOUND},
		{"no date", workforce.Completion{PersonID: yes, ProgrammeID: prog}, workforce.EINVALID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := db.RecordCompletion(ctx, tc.c); workforce.ErrorCode(err) != tc.code {
				t.Errorf("RecordCompletion = %v, want code %q", err, tc.code)
			}
		})
	}
	byProg, err := db.ProgrammeCompletions(ctx, []string{prog})
	if err != nil || len(byProg[prog]) != 1 || byProg[prog][0].HiredOccupationID != occ || !byProg[prog][0].CompletedAt.Equal(at) {
		t.Errorf("ProgrammeCompletions = %+v, %v", byProg, err)
	}
	if err := db.ErasePerson(ctx, yes); err != nil {
		t.Fatal(err)
	}
	if byPerson, _ := db.PersonCompletions(ctx, []string{yes}); len(byPerson[yes]) != 0 {
		t.Errorf("completions survive erasure: %v", byPerson)
	}
}

func TestEqualityDataRoundTrip(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	p := &workforce.Person{ID: storetest.ID(t, "Person"), ConsentMonitoring: true,
		Equality: &workforce.Equality{AgeBand: "25-34", Disability: "prefer not to say", SexualOrientation: "bisexual"}}
	if _, err := db.UpsertPeople(ctx, []*workforce.Person{p}); err != nil {
		t.Fatal(err)
	}
	got, err := db.People(ctx, []string{p.ID})
	if err != nil || len(got) != 1 || got[0].Equality == nil || *got[0].Equality != *p.Equality {
		t.Fatalf("People = %+v, %v; want the equality data back", got, err)
	}
	if r, _ := db.UpsertPeople(ctx, []*workforce.Person{p}); r.Updated != 0 {
		t.Errorf("writing the same equality data again updated %d", r.Updated)
	}
	p.Equality, p.ConsentMonitoring = nil, false
	if _, err := db.UpsertPeople(ctx, []*workforce.Person{p}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.People(ctx, []string{p.ID}); got[0].Equality != nil {
		t.Errorf("equality data kept after withdrawal: %+v", got[0].Equality)
	}
	if n, _ := db.Mentions(ctx, "bisexual"); n != 0 {
		t.Errorf("%d nodes still hold the withdrawn value", n)
	}
}
