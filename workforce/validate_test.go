package workforce

import (
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	before := day.Add(-24 * time.Hour)
	neg := -1
	cases := []struct {
		name  string
		v     interface{ Validate() error }
		field string // "" means valid
	}{
		{"valid vacancy", &Vacancy{ID: "v1", Title: "Care Assistant", EmployerID: "e1", Contract: ContractPermanent}, ""},
		{"empty id", &Vacancy{Title: "x", EmployerID: "e1"}, "id"},
		{"id with spaces around", &Vacancy{ID: " v1", Title: "x", EmployerID: "e1"}, "id"},
		{"id with control characters", &Skill{ID: "s\x001", Label: "x"}, "id"},
		{"over-long id", &Skill{ID: strings.Repeat("s", MaxIDLength+1), Label: "x"}, "id"},
		{"blank title", &Vacancy{ID: "v1", Title: " \t", EmployerID: "e1"}, "title"},
		{"10,000-character title", &Vacancy{ID: "v1", Title: strings.Repeat("x", 10_000), EmployerID: "e1"}, "title"},
		{"invalid UTF-8", &Skill{ID: "s1", Label: "caf\xe9"}, "label"},
		{"blank hidden label", &Skill{ID: "s1", Label: "x", HiddenLabels: []string{"team spirit", " "}}, "hiddenLabels"},
		{"over-long hidden label", &Skill{ID: "s1", Label: "x", HiddenLabels: []string{strings.Repeat("x", MaxNameLength+1)}}, "hiddenLabels"},
		{"too many hidden labels", &Skill{ID: "s1", Label: "x", HiddenLabels: make([]string, MaxAltLabels+1)}, "hiddenLabels"},
		{"latitude 91", &Vacancy{ID: "v1", Title: "x", EmployerID: "e1", Location: &Point{Lat: 91}}, "location.lat"},
		{"longitude -181", &Employer{ID: "e1", Name: "x", Kind: EmployerNHS, Location: &Point{Lon: -181}}, "location.lon"},
		{"unknown contract", &Vacancy{ID: "v1", Title: "x", EmployerID: "e1", Contract: "FOREVER"}, "contract"},
		{"salary max below min", &Vacancy{ID: "v1", Title: "x", EmployerID: "e1", SalaryMin: 30000, SalaryMax: 20000}, "salaryMax"},
		{"closes before posted", &Vacancy{ID: "v1", Title: "x", EmployerID: "e1", PostedAt: &day, ClosesAt: &before}, "closesAt"},
		{"employer without kind", &Employer{ID: "e1", Name: "x"}, "kind"},
		{"person travel over the limit", &Person{ID: "p1", TravelKm: MaxTravelKm + 1}, "travelKm"},
		{"person email without @", &Person{ID: "p1", Email: "not-an-address"}, "email"},
		{"person history backwards", &Person{ID: "p1", History: []Job{{OccupationID: "o1", From: &day, To: &before}}}, "history.to"},
		{"equality data without consent to monitoring", &Person{ID: "p1", Equality: &Equality{AgeBand: "25-34"}}, "equality"},
		{"equality value too long", &Person{ID: "p1", ConsentMonitoring: true, Equality: &Equality{Religion: strings.Repeat("x", 101)}}, "equality.religion"},
		{"skill level 5", &PersonSkill{SkillID: "s1", Level: 5}, "level"},
		{"requirement confidence 2", &Requirement{SkillID: "s1", Confidence: 2}, "confidence"},
		{"programme places negative", &Programme{ID: "g1", Title: "x", Kind: ProgrammeCourse, PlacesLeft: &neg}, "placesLeft"},
		{"place IMD decile 11", &Place{ID: "E01", Name: "x", Kind: PlaceLSOA, IMDDecile: 11}, "imdDecile"},
		{"place inside itself", &Place{ID: "E01", Name: "x", Kind: PlaceLSOA, ParentIDs: []string{"E01"}}, "parentIds"},
		{"progression without period", &Progression{ProgrammeID: "g1", OccupationID: "o1", Learners: 3}, "period"},
		{"valid person", &Person{ID: "p1", Name: "Alex", Email: "alex@example.org", TravelKm: 15, Location: &Point{Lat: 51.86, Lon: -2.24}}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.v.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if ErrorCode(err) != EINVALID || ErrorField(err) != tc.field {
				t.Errorf("Validate() = %v, want EINVALID on %q", err, tc.field)
			}
		})
	}
}

func TestErrorCode(t *testing.T) {
	if got := ErrorCode(nil); got != "" {
		t.Errorf("ErrorCode(nil) = %q", got)
	}
	if got := ErrorCode(errPlain("boom")); got != EINTERNAL {
		t.Errorf("ErrorCode(plain) = %q, want %q", got, EINTERNAL)
	}
	if got := ErrorMessage(errPlain("MATCH (n) secret")); got != "internal error" {
		t.Errorf("ErrorMessage(plain) = %q, want a generic text", got)
	}
}

type errPlain string

func (e errPlain) Error() string { return string(e) }
