package matching

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/onework/onework/workforce"
)

// TestSkillsFor checks the vacancies scan's skills component (masksFor,
// then creditFor over the vacancy's weighing) against masks from the
// person's tier table and skillCredit over reqWeights' plan, bit for bit,
// for people of the scenario (loaded by writes, so its weighings start
// out of date) and of a synthetic partnership (built, so they start
// current) against every vacancy: with the weighings as they are, all out
// of date, and brought up to date by a sweep.
func TestSkillsFor(t *testing.T) {
	b, err := NewBuilder(Config{})
	if err != nil {
		t.Fatal(err)
	}
	Synthetic(1, 2000, 400, b)
	for _, e := range []*Engine{newScenario(t, false), b.Build()} {
		x := e.idx
		for _, stage := range []string{"as loaded", "out of date", "swept"} {
			switch stage {
			case "out of date":
				x.reweigh()
			case "swept":
				x.sweepWeighings(len(x.vacancies.rows))
				if x.weighingsStale() {
					t.Fatalf("%s: weighings stale after a whole sweep", stage)
				}
			}
			checkSkillsFor(t, x, stage)
		}
	}
}

func checkSkillsFor(t *testing.T, x *index, stage string) {
	t.Helper()
	var sc scratch
	for pi := 0; pi < len(x.people.rows); pi += 7 {
		sc.planPerson(x, x.held.get(x.people.rows[pi].skills()))
		for vi := range x.vacancies.rows {
			v := &x.vacancies.rows[vi]
			var wantHeld, wantRel uint64
			for i, r := range v.reqs {
				switch sc.tier[r.skill] {
				case tierHeld:
					wantHeld |= 1 << i
				case tierRelated:
					wantRel |= 1 << i
				}
			}
			var plan reqPlan
			x.reqWeights(v, &plan)
			want := skillCredit(&plan, wantHeld, wantRel, x.cfg.RelatedCredit, x.cfg.OptionalShare)
			held, rel := sc.masksFor(v)
			got := x.creditFor(v, held, rel)
			if held != wantHeld || rel != wantRel || got != want {
				t.Errorf("%s: masksFor and creditFor(%s, %s) = %b, %b, %v; want %b, %b, %v", stage, x.people.id(int32(pi)), x.vacancies.id(int32(vi)),
					held, rel, got, wantHeld, wantRel, want)
			}
		}
	}
}

// TestWeighingsFollowWrites checks that a vacancy's kept weighing goes out
// of date when a write changes the skill weights, that queries bring the
// weighings back up to date, and that the answers are the same throughout.
func TestWeighingsFollowWrites(t *testing.T) {
	b, err := NewBuilder(Config{})
	if err != nil {
		t.Fatal(err)
	}
	Synthetic(1, 2000, 400, b)
	e := b.Build()
	e.Now = SyntheticNow
	if e.idx.weighingsStale() {
		t.Fatal("weighings stale after Build")
	}
	// A person with matches, so that the pages compared hold something.
	var pid string
	for i := 0; pid == "" && i < 100; i++ {
		if p, err := vacanciesOf(e, SyntheticPersonID(i), Query{First: 50}); err == nil && len(p.Edges) > 0 {
			pid = SyntheticPersonID(i)
		}
	}
	if pid == "" {
		t.Fatal("no person among the first 100 has a vacancy")
	}
	// A new vacancy asking for skills others ask for changes their weights.
	v0 := &e.idx.vacancies.rows[0]
	reqs := make([]workforce.Requirement, 0, len(v0.reqs))
	for _, r := range v0.reqs {
		reqs = append(reqs, workforce.Requirement{SkillID: e.idx.skills.id(r.skill), Essential: r.essential, Confidence: 1})
	}
	e.UpsertVacancy(&workforce.Vacancy{ID: "extra-vacancy", Title: "Extra"}, reqs)
	if !e.idx.weighingsStale() {
		t.Fatal("weighings current after a write that changed skill weights")
	}
	rebuilt := e.NewBuilder()
	Synthetic(1, 2000, 400, rebuilt)
	rebuilt.UpsertVacancy(&workforce.Vacancy{ID: "extra-vacancy", Title: "Extra"}, reqs)
	want := rebuilt.Build()
	want.Now = SyntheticNow
	for i := 0; e.idx.weighingsStale(); i++ {
		if i > len(e.idx.vacancies.rows)/sweepChunk+1 {
			t.Fatalf("weighings still stale after %d queries", i)
		}
		got, err := vacanciesOf(e, pid, Query{First: 50})
		if err != nil {
			t.Fatal(err)
		}
		w, err := vacanciesOf(want, pid, Query{First: 50})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(w, got); diff != "" {
			t.Fatalf("query %d while sweeping: page differs from a fresh build (-want +got):\n%s", i, diff)
		}
	}
}

// TestIsOpenAgreesWithTheVacancy checks the index's open check, on dates
// kept as seconds and nanoseconds, against workforce.Vacancy.IsOpen, at
// and around the posted and closing times to the nanosecond, in other time
// zones, and far from 1970 either way.
func TestIsOpenAgreesWithTheVacancy(t *testing.T) {
	x := newIndex(DefaultConfig())
	base := time.Date(2026, 12, 2, 9, 30, 0, 500, time.UTC)
	paris := time.FixedZone("CET", 3600)
	times := []time.Time{
		base, base.Add(-1), base.Add(1), base.Add(-time.Second), base.Add(time.Second), base.In(paris), base.Add(1).In(paris),
		time.Date(1500, 1, 1, 0, 0, 0, 1, time.UTC), time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	ptr := func(t time.Time) *time.Time { return &t }
	for _, posted := range append([]*time.Time{nil}, ptr(base), ptr(base.Add(-time.Hour)), ptr(time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC))) {
		for _, closes := range append([]*time.Time{nil}, ptr(base), ptr(base.Add(time.Hour).In(paris)), ptr(time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC))) {
			v := workforce.Vacancy{ID: "v", PostedAt: posted, ClosesAt: closes}
			row := &x.vacancies.rows[x.putVacancy(&v, nil)]
			for _, now := range times {
				if got, want := isOpen(row, instantOf(now)), v.IsOpen(now); got != want {
					t.Errorf("isOpen(posted %v, closes %v) at %v = %v, want %v", posted, closes, now, got, want)
				}
			}
		}
	}
}

// TestCodeCloseness pins the closeness of two occupation codes, the dotted
// prefix among them, and that working it out allocates nothing.
func TestCodeCloseness(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"2221", "2221", 1},
		{"2221.1", "2221", 0.8},
		{"2221", "2221.1.3", 0.8},
		{"22211", "2221", 0.6}, // same four characters, not under it
		{"2221.1", "2221.2", 0.6},
		{"2225", "2221", 0.3},
		{"2221", "3221", 0},
		{"", "2221", 0},
		{"22", "22", 1},
		{"22", "23", 0},
	} {
		if got := codeCloseness(c.a, c.b); got != c.want {
			t.Errorf("codeCloseness(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	a, b := "5131.2", strings.Repeat("5131", 1)
	if n := testing.AllocsPerRun(100, func() { _ = codeCloseness(a, b) }); n != 0 {
		t.Errorf("codeCloseness allocates %v times a call, want 0", n)
	}
}

// TestPlanTargetLeavesOnlyUnrelatedUnset: the plan of a vacancy's
// occupation sets every occupation that is close to it by code or shares
// its essential skills, leaves unset only those that are neither (which
// evidenceFor reads as not close), and does not touch every occupation.
func TestPlanTargetLeavesOnlyUnrelatedUnset(t *testing.T) {
	e, skills := newFitWorld(t)
	codes := []string{"2221", "2221.1", "2221.1.3", "2222", "2225.4", "2231", "3221", "3221.2", "5321", "5321.1", "9112", "22", "2"}
	for i, code := range codes {
		reqs := []workforce.Requirement{{SkillID: skills[i%len(skills)], Essential: true}}
		if i%3 == 0 {
			reqs = append(reqs, workforce.Requirement{SkillID: skills[0], Essential: true})
		}
		e.UpsertOccupation(&workforce.Occupation{ID: fmt.Sprintf("occ-%d", i), Label: code, Code: code}, reqs)
	}
	x := e.idx
	sc := &scratch{}
	for ti, tcode := range codes {
		target, ok := x.occs.lookup(fmt.Sprintf("occ-%d", ti))
		if !ok {
			t.Fatalf("occupation %d not indexed", ti)
		}
		x.planTarget(&sc.occ, target)
		tEss := x.occs.rows[target].ess
		for o := range x.occs.rows {
			row := &x.occs.rows[o]
			c := sc.occ.close[o]
			byCode := codeCloseness(row.code, tcode)
			shares := slices.ContainsFunc(tEss, func(s int32) bool { return slices.Contains(x.skillOccs[s], int32(o)) })
			switch {
			case c < 0 && (byCode > 0 || shares):
				t.Errorf("target %s: occupation %s (close by code %v, shares skills %v) left unset", tcode, row.code, byCode, shares)
			case c >= 0 && c < byCode:
				t.Errorf("target %s: occupation %s closeness %v, below its closeness by code %v", tcode, row.code, c, byCode)
			}
		}
		if tcode == "9112" && len(sc.occ.touched) >= len(x.occs.rows) {
			t.Errorf("target %s: the plan touched all %d occupations", tcode, len(sc.occ.touched))
		}
	}

	// An occupation whose code changes is planned by its new code, in the
	// index and in a snapshot of it (which a re-lay starts from).
	e.UpsertOccupation(&workforce.Occupation{ID: "occ-10", Label: "moved", Code: "2221.9"}, []workforce.Requirement{{SkillID: skills[1], Essential: true}})
	moved, _ := x.occs.lookup("occ-10")
	old, _ := x.occs.lookup("occ-11")
	oldGroup, _ := minorKey("911")
	for _, ix := range []*index{x, x.snapshot()} {
		target, _ := ix.occs.lookup("occ-0")
		ix.planTarget(&sc.occ, target)
		if c := sc.occ.close[moved]; c < codeCloseness("2221.9", "2221") {
			t.Errorf("after its code moved under 2221, the occupation's closeness to 2221 is %v", c)
		}
		for _, o := range ix.minorOccs[oldGroup] {
			if o == moved {
				t.Error("the occupation is still listed under its old minor group")
			}
		}
		if !slices.Contains(ix.shortOccs, old) {
			t.Errorf("shortOccs = %v, want the occupation coded 22 (%d)", ix.shortOccs, old)
		}
	}
}
