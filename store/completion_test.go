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
