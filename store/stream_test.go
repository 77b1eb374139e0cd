package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

func TestStreamPeopleSince(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	skill := &workforce.Skill{ID: storetest.ID(t, "Skill"), Label: "use a hoist"}
	if _, err := db.UpsertSkills(ctx, []*workforce.Skill{skill}); err != nil {
		t.Fatal(err)
	}
	var ppl []*workforce.Person
	for range 3 {
		ppl = append(ppl, &workforce.Person{ID: storetest.ID(t, "Person"), Name: "Streamed", ConsentMatching: true})
	}
	if _, err := db.UpsertPeople(ctx, ppl); err != nil {
		t.Fatal(err)
	}
	if err := db.LinkPersonSkill(ctx, ppl[0].ID, workforce.PersonSkill{SkillID: skill.ID, Level: 2, Source: "self"}); err != nil {
		t.Fatal(err)
	}
	prefix := strings.TrimSuffix(ppl[0].ID, ppl[0].ID[strings.LastIndex(ppl[0].ID, "Person-"):])
	mine := func(since time.Time) map[string][]workforce.PersonSkill {
		t.Helper()
		got := map[string][]workforce.PersonSkill{}
		err := db.StreamPeople(ctx, since, func(p *workforce.Person, s []workforce.PersonSkill) error {
			if strings.HasPrefix(p.ID, prefix) {
				got[p.ID] = s
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	all := mine(time.Time{})
	if len(all) != 3 || len(all[ppl[0].ID]) != 1 || all[ppl[0].ID][0].SkillID != skill.ID {
		t.Fatalf("StreamPeople(all) = %v, want the 3 people, the first with its skill", all)
	}
	mark, err := db.Now(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := mine(mark); len(got) != 0 {
		t.Errorf("StreamPeople(since now) = %v, want nothing", got)
	}
	ppl[1].TravelKm = 12
	if _, err := db.UpsertPeople(ctx, []*workforce.Person{ppl[1]}); err != nil {
		t.Fatal(err)
	}
	if got := mine(mark); len(got) != 1 || !hasKey(got, ppl[1].ID) {
		t.Errorf("StreamPeople(since mark) = %v, want only %s", got, ppl[1].ID)
	}
	ids, err := db.IDs(ctx, workforce.KindPerson)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ppl {
		if !slices.Contains(ids, p.ID) {
			t.Errorf("IDs(Person) lacks %s", p.ID)
		}
	}
	if _, err := db.IDs(ctx, "Martian"); workforce.ErrorCode(err) != workforce.EINVALID {
		t.Errorf("IDs(Martian) = %v, want EINVALID", err)
	}
}

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}

func TestStreamOccupations(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	skill := &workforce.Skill{ID: storetest.ID(t, "Skill"), Label: "monitor basic patients signs"}
	if _, err := db.UpsertSkills(ctx, []*workforce.Skill{skill}); err != nil {
		t.Fatal(err)
	}
	occ := &workforce.Occupation{ID: storetest.ID(t, "Occupation"), Label: "healthcare assistant", Code: "5321.1"}
	if _, err := db.UpsertOccupations(ctx, []*workforce.Occupation{occ}); err != nil {
		t.Fatal(err)
	}
	if err := db.LinkOccupationSkill(ctx, occ.ID, workforce.Requirement{SkillID: skill.ID, Essential: true, Source: "esco", Confidence: 1}); err != nil {
		t.Fatal(err)
	}
	var got *workforce.Occupation
	var reqs []workforce.Requirement
	err := db.StreamOccupations(ctx, time.Time{}, func(o *workforce.Occupation, r []workforce.Requirement) error {
		if o.ID == occ.ID {
			got, reqs = o, r
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got == nil || got.Code != "5321.1" || len(reqs) != 1 || reqs[0].SkillID != skill.ID || !reqs[0].Essential {
		t.Fatalf("StreamOccupations gave %+v with %+v; want the occupation with its code and essential skill", got, reqs)
	}
}

// TestIDSplitsCoverEveryIDOnce: streaming the ranges IDSplits gives reads
// every person exactly once, the same people as one stream.
func TestIDSplitsCoverEveryIDOnce(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	var batch []*workforce.Person
	for range 23 {
		batch = append(batch, &workforce.Person{ID: storetest.ID(t, "Person"), OrgID: "org", ConsentMatching: true})
	}
	if _, err := db.UpsertPeople(ctx, batch); err != nil {
		t.Fatal(err)
	}
	var want []string
	if err := db.StreamPeople(ctx, time.Time{}, func(p *workforce.Person, _ []workforce.PersonSkill) error {
		want = append(want, p.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 2, 4, 7} {
		splits, err := db.IDSplits(ctx, workforce.KindPerson, n)
		if err != nil {
			t.Fatal(err)
		}
		if len(splits) > n-1 || !slices.IsSorted(splits) {
			t.Fatalf("IDSplits(%d) = %v, want at most %d ascending ids", n, splits, n-1)
		}
		var got []string
		bounds := append([]string{""}, splits...)
		for i, after := range bounds {
			upTo := ""
			if i+1 < len(bounds) {
				upTo = bounds[i+1]
			}
			if err := db.StreamPeopleIn(ctx, time.Time{}, after, upTo, func(p *workforce.Person, _ []workforce.PersonSkill) error {
				got = append(got, p.ID)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("IDSplits(%d) = %v: the ranges read %d people, one stream %d (or a different order)", n, splits, len(got), len(want))
		}
	}
	if _, err := db.IDSplits(ctx, workforce.Kind("Nothing"), 3); err == nil {
		t.Error("IDSplits of an unknown kind: no error")
	}
}
