package workforce_test

import (
	"testing"
	"time"

	"github.com/onework/onework/workforce"
)

func TestReferralStageRule(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	day := func(n int) time.Time { return t0.AddDate(0, 0, n) }
	vacancy := func(stages ...workforce.StageEvent) *workforce.Referral {
		return &workforce.Referral{Target: workforce.TargetVacancy, Stages: append([]workforce.StageEvent{{Stage: workforce.StageReferred, At: t0}}, stages...)}
	}
	ev := func(s workforce.ReferralStage, d int) workforce.StageEvent {
		return workforce.StageEvent{Stage: s, At: day(d)}
	}
	cases := []struct {
		name    string
		r       *workforce.Referral
		next    workforce.StageEvent
		changed bool
		warning bool
		code    string
		field   string
	}{
		{"next in order", vacancy(), ev(workforce.StageShortlisted, 1), true, false, "", ""},
		{"skip forward warns", vacancy(), ev(workforce.StageOffered, 3), true, true, "", ""},
		{"same stage same time is a no-op", vacancy(ev(workforce.StageShortlisted, 1)), ev(workforce.StageShortlisted, 1), false, false, "", ""},
		{"same stage other time conflicts", vacancy(ev(workforce.StageShortlisted, 1)), ev(workforce.StageShortlisted, 2), false, false, workforce.ECONFLICT, "stage"},
		{"going back is refused", vacancy(ev(workforce.StageOffered, 3)), ev(workforce.StageShortlisted, 4), false, false, workforce.EINVALID, "stage"},
		{"dated before the last is refused", vacancy(ev(workforce.StageShortlisted, 5)), ev(workforce.StageInterviewed, 4), false, false, workforce.EINVALID, "at"},
		{"closed takes nothing more", vacancy(ev(workforce.StageNotSelected, 2)), ev(workforce.StageInterviewed, 4), false, false, workforce.EINVALID, "stage"},
		{"withdrawn after an offer", vacancy(ev(workforce.StageOffered, 2)), ev(workforce.StageWithdrawn, 4), true, false, "", ""},
		{"not selected after hired is refused", vacancy(ev(workforce.StageHired, 2)), ev(workforce.StageNotSelected, 4), false, false, workforce.EINVALID, "stage"},
		{"referred again as a stage is refused", vacancy(), ev(workforce.StageReferred, 1), false, false, workforce.EINVALID, "stage"},
		{"unknown stage", vacancy(), ev("LUNCH", 1), false, false, workforce.EINVALID, "stage"},
		{"no time", vacancy(), workforce.StageEvent{Stage: workforce.StageShortlisted}, false, false, workforce.EINVALID, "at"},
		{"programmes are started, not hired", &workforce.Referral{Target: workforce.TargetProgramme, Stages: []workforce.StageEvent{{Stage: workforce.StageReferred, At: t0}}},
			ev(workforce.StageHired, 1), false, false, workforce.EINVALID, "stage"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			changed, warning, err := tc.r.Next(tc.next)
			if got := workforce.ErrorCode(err); got != tc.code || workforce.ErrorField(err) != tc.field {
				t.Fatalf("error = %v (code %q field %q), want code %q field %q", err, got, workforce.ErrorField(err), tc.code, tc.field)
			}
			if changed != tc.changed || (warning != "") != tc.warning {
				t.Errorf("changed, warning = %v, %q; want %v, warning %v", changed, warning, tc.changed, tc.warning)
			}
		})
	}
}

func TestReferralReachedCountsSkippedStages(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r := &workforce.Referral{Target: workforce.TargetVacancy, Stages: []workforce.StageEvent{
		{Stage: workforce.StageReferred, At: t0}, {Stage: workforce.StageOffered, At: t0.Add(time.Hour)}, {Stage: workforce.StageWithdrawn, At: t0.Add(2 * time.Hour)}}}
	for s, want := range map[workforce.ReferralStage]bool{workforce.StageShortlisted: true, workforce.StageInterviewed: true, workforce.StageOffered: true,
		workforce.StageHired: false, workforce.StageWithdrawn: false} {
		if got := r.Reached(s); got != want {
			t.Errorf("Reached(%s) = %v, want %v", s, got, want)
		}
	}
	if r.Stage() != workforce.StageWithdrawn {
		t.Errorf("Stage() = %s, want WITHDRAWN", r.Stage())
	}
	if a, b := workforce.ReferralID("p", workforce.TargetVacancy, "v"), workforce.ReferralID("p", workforce.TargetProgramme, "v"); a == b {
		t.Errorf("referral ids of different targets collide: %s", a)
	}
}
