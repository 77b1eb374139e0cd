package insights

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"testing"
	"time"

	"github.com/onework/onework/workforce"
)

var (
	t0     = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	window = Slice{From: t0, To: t0.AddDate(1, 0, 0)}
)

func at(days int) *time.Time {
	t := t0.AddDate(0, 0, days)
	return &t
}

// world is a small area: an ICB with two local authorities, each with a
// deprived (decile 1) and an affluent (decile 9) LSOA.
func world() *Facts {
	f := &Facts{AsOf: t0.AddDate(1, 0, 0), Sectors: map[string]string{"care": "Care"}, Skills: map[string]string{"s1": "personal care"},
		PeopleByPlace: map[string]int{}, Holders: map[string]map[string]int{}}
	f.Places = []Place{{ID: "icb", Name: "ICB", Kind: workforce.PlaceICB}}
	for _, la := range []string{"la1", "la2"} {
		f.Places = append(f.Places, Place{ID: la, Name: la, Kind: workforce.PlaceLocalAuthority, Parents: []string{"icb"}},
			Place{ID: la + "-poor", Kind: workforce.PlaceLSOA, IMD: 1, Parents: []string{la}},
			Place{ID: la + "-rich", Kind: workforce.PlaceLSOA, IMD: 9, Parents: []string{la}})
	}
	f.Occupations = []Occupation{{ID: "hca", Label: "healthcare assistant", SOC: "6131", ISCO: "5321", Sectors: []string{"care"}},
		{ID: "chef", Label: "chef", SOC: "5434", ISCO: "3434"}}
	return f
}

func cell(t *testing.T, tb *Table, row int, col string) Cell {
	t.Helper()
	for _, c := range tb.Rows[row].Cells {
		if c.Column == col {
			return c
		}
	}
	t.Fatalf("no column %q in %s", col, tb.Name)
	return Cell{}
}

func num(t *testing.T, tb *Table, row int, col string) float64 {
	t.Helper()
	c := cell(t, tb, row, col)
	if c.Value == nil {
		t.Fatalf("%s row %d %s = %q, want a number", tb.Name, row, col, c.Text)
	}
	return *c.Value
}

func TestSuppression(t *testing.T) {
	b := newBuilder("t", "t", ByNone, t0, labelColumn("g", ""), peopleColumn("n", "people"), col("share", KindShare, ""))
	var parts []cellRef
	for _, n := range []int{3, 40, 12, 0} {
		r := b.row()
		r.label(fmt.Sprint(n))
		ref := r.people(n)
		r.derived(ratio(n, 55), ref)
		parts = append(parts, ref)
	}
	r := b.row()
	r.label("all")
	total := r.people(55)
	r.derived(1, total)
	b.margin(total, parts...)
	tb := b.finish()
	want := []string{Suppressed, "40", "12", "0", Suppressed}
	for i, w := range want {
		if got := cell(t, tb, i, "n").Text; got != w {
			t.Errorf("row %d = %q, want %q (primary 3, secondary the total)", i, got, w)
		}
	}
	if !cell(t, tb, 0, "share").Suppressed {
		t.Error("a share of a suppressed count is shown")
	}
	if tb.AllSuppressed() {
		t.Error("AllSuppressed with counts shown")
	}
	// A total hidden through a link to another table's hidden total makes
	// the smallest non-zero part of its own breakdown go too.
	b = newBuilder("t", "t", ByNone, t0, peopleColumn("n", "people"))
	var refs []cellRef
	for _, n := range []int{3, 57, 60, 60, 0, 10, 20, 30} {
		refs = append(refs, b.row().people(n))
	}
	b.margin(refs[2], refs[0], refs[1])                   // 60 = 3 + 57
	b.margin(refs[2], refs[3])                            // the same 60 in a second breakdown
	b.margin(refs[3], refs[4], refs[5], refs[6], refs[7]) // 60 = 0 + 10 + 20 + 30
	tb = b.finish()
	for i, want := range []bool{true, false, true, true, false, true, false, false} {
		if got := cell(t, tb, i, "n").Suppressed; got != want {
			t.Errorf("cell %d suppressed = %v, want %v", i, got, want)
		}
	}
}

func TestSliceBadInput(t *testing.T) {
	e := New(world())
	cases := []struct {
		name  string
		s     Slice
		code  string
		field string
	}{
		{"unbounded", Slice{From: t0}, workforce.EINVALID, "slice.window"},
		{"inverted", Slice{From: t0, To: t0.AddDate(0, -1, 0)}, workforce.EINVALID, "slice.window"},
		{"empty", Slice{From: t0, To: t0}, workforce.EINVALID, "slice.window"},
		{"too long", Slice{From: t0, To: t0.AddDate(11, 0, 0)}, workforce.EINVALID, "slice.window"},
		{"unknown place", Slice{From: t0, To: t0.AddDate(1, 0, 0), PlaceID: "E99999999"}, workforce.ENOTFOUND, "slice.placeId"},
		{"unknown occupation", Slice{From: t0, To: t0.AddDate(1, 0, 0), OccupationID: "nope"}, workforce.ENOTFOUND, "slice.occupationId"},
		{"bad SOC group", Slice{From: t0, To: t0.AddDate(1, 0, 0), SOCGroup: "61x"}, workforce.EINVALID, "slice.socGroup"},
		{"bad employer kind", Slice{From: t0, To: t0.AddDate(1, 0, 0), EmployerKind: "PIRATE"}, workforce.EINVALID, "slice.employerKind"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, name := range []string{NameVacancies, NameTrend, NameShortage, NamePipelines, NameReach, NameGoodWork, NameFairness} {
				tb, err := e.Answer(Request{Name: name, Slice: tc.s})
				if workforce.ErrorCode(err) != tc.code || workforce.ErrorField(err) != tc.field || tb != nil {
					t.Fatalf("%s: err = %v, table %v; want %s on %s and no table", name, err, tb != nil, tc.code, tc.field)
				}
			}
		})
	}
	if _, err := e.Answer(Request{Name: NameVacancies, Slice: window, By: "SHOE_SIZE"}); workforce.ErrorField(err) != "by" {
		t.Errorf("unknown dimension: %v", err)
	}
}

func TestVacancyInsights(t *testing.T) {
	f := world()
	// Three open all year in la1 (one re-advertised), one closed after 10
	// days in la2, one opened before the baseline and still open.
	f.Vacancies = []Vacancy{
		{ID: "v1", EmployerID: "e1", OccupationID: "hca", PlaceID: "la1-poor", PostedAt: at(0), EmployerKind: workforce.EmployerNHS},
		{ID: "v2", EmployerID: "e1", OccupationID: "hca", PlaceID: "la1-rich", PostedAt: at(30), EmployerKind: workforce.EmployerNHS},
		{ID: "v3", EmployerID: "e2", OccupationID: "chef", PlaceID: "la2-rich", PostedAt: at(100), ClosesAt: at(110), EmployerKind: workforce.EmployerPrivate},
		{ID: "v4", EmployerID: "e3", OccupationID: "chef", PlaceID: "la2-poor", PostedAt: at(-400), EmployerKind: workforce.EmployerPrivate},
	}
	e := New(f)
	e.Now = func() time.Time { return t0.AddDate(2, 0, 0) }
	base := t0.AddDate(-1, 0, 0)
	tb, err := e.VacancyInsights(window, ByLocalAuthority, VacancyOptions{Baseline: &base})
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Rows) != 3 || cell(t, tb, 2, "groupCode").Text != "all" {
		t.Fatalf("rows = %d, want la1, la2, all", len(tb.Rows))
	}
	checks := []struct {
		row  int
		col  string
		want float64
	}{
		{0, "vacancies", 2}, {0, "openAtEnd", 2}, {0, "hardToFill", 2}, {0, "reAdvertised", 1},
		{1, "vacancies", 2}, {1, "closed", 1}, {1, "openAtEnd", 1}, {1, "hardToFill", 1},
		{2, "vacancies", 4}, {2, "opened", 3}, {2, "openAtBaseline", 1}, {2, "openAtEnd", 3},
		{2, "ambitionOpenAtEnd", 1}, {2, "onTrack", 0}, {2, "changeSinceBaseline", 2},
	}
	for _, c := range checks {
		if got := num(t, tb, c.row, c.col); got != c.want {
			t.Errorf("row %d %s = %v, want %v", c.row, c.col, got, c.want)
		}
	}
	if got := num(t, tb, 1, "medianDaysOpen"); got < 10 || got > 800 {
		t.Errorf("la2 median days open = %v", got)
	}
	if _, err := e.VacancyInsights(window, ByNone, VacancyOptions{HardToFillDays: -3}); workforce.ErrorField(err) != "hardToFillDays" {
		t.Errorf("negative hardToFillDays: %v", err)
	}
	// A baseline after the window is refused.
	late := t0.AddDate(3, 0, 0)
	if _, err := e.VacancyInsights(window, ByNone, VacancyOptions{Baseline: &late}); workforce.ErrorField(err) != "baseline" {
		t.Errorf("late baseline: %v", err)
	}
	// Slicing by SOC group keeps the care vacancies only.
	s := window
	s.SOCGroup = "61"
	tb, err = e.VacancyInsights(s, BySOCSubMajorGroup, VacancyOptions{})
	if err != nil || len(tb.Rows) != 2 || cell(t, tb, 0, "groupCode").Text != "61" || num(t, tb, 1, "vacancies") != 2 {
		t.Fatalf("by SOC: %v %+v", err, tb)
	}
}

// referrals adds n referrals to vacancy v of people from home, each
// reaching stage, with equality data eq.
func referrals(f *Facts, n int, v, home string, stage workforce.ReferralStage, eq *workforce.Equality) {
	for range n {
		f.Referrals = append(f.Referrals, Referral{Target: workforce.TargetVacancy, TargetID: v, ReferredAt: *at(10), Furthest: stage, HomeID: home, Equality: eq})
	}
}

func TestFairnessFlagsAPlantedDisparity(t *testing.T) {
	f := world()
	f.Vacancies = []Vacancy{{ID: "v1", OccupationID: "hca", PlaceID: "la1-rich", PostedAt: at(0)}}
	men := &workforce.Equality{Sex: "male", AgeBand: "25-34"}
	women := &workforce.Equality{Sex: "female", AgeBand: "25-34"}
	// 40 men: 30 shortlisted. 40 women: 12 shortlisted (rate 0.3 against
	// 0.75, impact ratio 0.4). 3 non-binary people: suppressed.
	referrals(f, 30, "v1", "la1-rich", workforce.StageShortlisted, men)
	referrals(f, 10, "v1", "la1-rich", workforce.StageReferred, men)
	referrals(f, 12, "v1", "la1-poor", workforce.StageShortlisted, women)
	referrals(f, 28, "v1", "la1-poor", workforce.StageReferred, women)
	referrals(f, 3, "v1", "la1-poor", workforce.StageReferred, &workforce.Equality{Sex: "non-binary"})
	// Without consent there is no equality data: never counted.
	referrals(f, 50, "v1", "la1-poor", workforce.StageReferred, nil)
	e := New(f)
	tb, err := e.Fairness(window, FairnessOptions{Characteristics: []Characteristic{Sex}})
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]int{}
	for i := range tb.Rows {
		if cell(t, tb, i, "stage").Text == "shortlisted" {
			rows[cell(t, tb, i, "group").Text] = i
		}
	}
	if got := num(t, tb, rows["female"], "impactRatio"); got < 0.39 || got > 0.41 {
		t.Errorf("female impact ratio = %v, want 0.4", got)
	}
	if cell(t, tb, rows["female"], "belowFourFifths").Text != "true" || cell(t, tb, rows["male"], "belowFourFifths").Text != "false" {
		t.Errorf("flags: female %q, male %q", cell(t, tb, rows["female"], "belowFourFifths").Text, cell(t, tb, rows["male"], "belowFourFifths").Text)
	}
	if !cell(t, tb, rows["non-binary"], "candidates").Suppressed {
		t.Error("3 candidates shown")
	}
	// Secondary: the total of 83 with 40 and 40 shown would reveal the 3.
	if !cell(t, tb, rows["all"], "candidates").Suppressed && !cell(t, tb, rows["female"], "candidates").Suppressed && !cell(t, tb, rows["male"], "candidates").Suppressed {
		t.Error("the suppressed 3 can be worked out from the shown total")
	}
	// Intersections produce pairs.
	tb, err = e.Fairness(window, FairnessOptions{Characteristics: []Characteristic{Sex, AgeBand}, Intersections: true})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for i := range tb.Rows {
		if cell(t, tb, i, "characteristic").Text == "AGE_BAND × SEX" && cell(t, tb, i, "group").Text == "25-34 × female" {
			found = true
		}
	}
	if !found {
		t.Error("no intersection rows")
	}
	if _, err := e.Fairness(window, FairnessOptions{Characteristics: []Characteristic{"SHOE_SIZE"}}); workforce.ErrorField(err) != "characteristics" {
		t.Errorf("unknown characteristic: %v", err)
	}
}

func TestSmallSliceIsAllSuppressed(t *testing.T) {
	f := world()
	f.Vacancies = []Vacancy{{ID: "v1", OccupationID: "hca", PlaceID: "la2-rich", PostedAt: at(0)}}
	referrals(f, 2, "v1", "la2-poor", workforce.StageHired, &workforce.Equality{Sex: "female"})
	referrals(f, 1, "v1", "la2-rich", workforce.StageOffered, &workforce.Equality{Sex: "male"})
	e := New(f)
	s := window
	s.PlaceID = "la2"
	for _, name := range []string{NameReach, NameFairness} {
		tb, err := e.Answer(Request{Name: name, Slice: s})
		if err != nil {
			t.Fatal(err)
		}
		if !tb.AllSuppressed() {
			t.Errorf("%s: not all suppressed", name)
		}
		for _, r := range tb.Rows {
			for _, c := range r.Cells {
				if tb.people[c.Column] && c.Value != nil && *c.Value > 0 {
					t.Errorf("%s: %s shows %v", name, c.Column, *c.Value)
				}
			}
		}
	}
}

func TestReachAndCSV(t *testing.T) {
	f := world()
	f.Vacancies = []Vacancy{{ID: "v1", OccupationID: "hca", PlaceID: "la1-rich", PostedAt: at(0)}}
	referrals(f, 10, "v1", "la1-poor", workforce.StageHired, nil)
	referrals(f, 20, "v1", "la1-poor", workforce.StageReferred, nil)
	referrals(f, 10, "v1", "la1-rich", workforce.StageOffered, nil)
	referrals(f, 20, "v1", "la2-rich", workforce.StageHired, nil)
	f.PeopleByPlace = map[string]int{"la1-poor": 30, "la1-rich": 10, "la2-rich": 60}
	e := New(f)
	tb, err := e.Reach(window, ByNone)
	if err != nil {
		t.Fatal(err)
	}
	// Rows: referred, offered, hired for "all".
	wants := []struct{ people, deprived, share float64 }{{60, 30, 0.5}, {40, 10, 0.25}, {30, 10, 1.0 / 3}}
	for i, w := range wants {
		if num(t, tb, i, "people") != w.people || num(t, tb, i, "fromDeprived") != w.deprived {
			t.Errorf("row %d: people %v deprived %v, want %v %v", i, num(t, tb, i, "people"), num(t, tb, i, "fromDeprived"), w.people, w.deprived)
		}
		if got := num(t, tb, i, "populationShare"); got != 0.5 {
			t.Errorf("population share = %v, want 0.5 (2 of 4 LSOAs)", got)
		}
	}
	if got := num(t, tb, 0, "onTheBooksShare"); got != 0.3 {
		t.Errorf("on the books share = %v, want 0.3", got)
	}
	var buf bytes.Buffer
	if err := tb.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	lines, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != len(tb.Rows)+1 || len(lines[0]) != len(tb.Columns) {
		t.Fatalf("csv has %d lines of %d, want %d of %d", len(lines), len(lines[0]), len(tb.Rows)+1, len(tb.Columns))
	}
	for i, r := range tb.Rows {
		for j, c := range r.Cells {
			if lines[i+1][j] != c.Text {
				t.Errorf("csv[%d][%d] = %q, table %q", i+1, j, lines[i+1][j], c.Text)
			}
		}
	}
}

func TestShortageAndGoodWork(t *testing.T) {
	f := world()
	f.Vacancies = []Vacancy{
		{ID: "v1", OccupationID: "hca", PlaceID: "la1-rich", PostedAt: at(0), Essential: []string{"s1", "s2"}, SalaryMin: 27000, EmployerRLW: true, EmployerKind: workforce.EmployerNHS},
		{ID: "v2", OccupationID: "hca", PlaceID: "la1-poor", PostedAt: at(0), Essential: []string{"s1"}, SalaryMin: 20000, Contract: workforce.ContractApprenticeship, EmployerKind: workforce.EmployerCareProvider},
	}
	f.Holders = map[string]map[string]int{"s1": {"": 108, "la1": 8, "la2": 100, "icb": 108}, "s2": {"": 2, "la1": 2, "icb": 2}}
	referrals(f, 6, "v2", "la1-poor", workforce.StageHired, nil)
	e := New(f)
	s := window
	s.PlaceID = "la1"
	tb, err := e.ShortageSkills(s, 10)
	if err != nil {
		t.Fatal(err)
	}
	// s2: 1 vacancy, 2 holders (suppressed); s1: 2 vacancies, 8 holders.
	if cell(t, tb, 0, "skillId").Text != "s2" || !cell(t, tb, 0, "holders").Suppressed || !cell(t, tb, 0, "vacanciesPerHolder").Suppressed {
		t.Errorf("first row = %+v", tb.Rows[0])
	}
	if num(t, tb, 1, "holders") != 8 || num(t, tb, 1, "vacanciesPerHolder") != 0.25 {
		t.Errorf("s1 row = %+v", tb.Rows[1])
	}
	if _, err := e.ShortageSkills(s, 0); workforce.ErrorField(err) != "first" {
		t.Errorf("first 0: %v", err)
	}
	tb, err = e.GoodWork(window, ByNone)
	if err != nil {
		t.Fatal(err)
	}
	// 27000/52/37.5 = 13.85 >= 13.45; 20000/52/37.5 = 10.26.
	if num(t, tb, 0, "payAtLeastRLW") != 1 || num(t, tb, 0, "payAtLeastRLWShare") != 0.5 || num(t, tb, 0, "rlwEmployerVacancies") != 1 ||
		num(t, tb, 0, "routesAdvertised") != 1 || num(t, tb, 0, "routesFilled") != 6 {
		t.Errorf("good work = %+v", tb.Rows[0])
	}
}

func TestParseRequestRoundTrip(t *testing.T) {
	base := t0.AddDate(-2, 0, 0)
	r := Request{Name: NameFairness, Slice: Slice{From: t0, To: t0.AddDate(1, 0, 0), PlaceID: "la1", SOCGroup: "61", EmployerKind: workforce.EmployerNHS},
		By: ByICB, First: 7, HardToFillDays: 30, Baseline: &base, Characteristics: []Characteristic{Sex, Ethnicity}, Intersections: true, VacancyID: "v", K: 5}
	got, err := ParseRequest(NameFairness, r.Query())
	if err != nil {
		t.Fatal(err)
	}
	if got.Query().Encode() != r.Query().Encode() {
		t.Errorf("round trip: %s != %s", got.Query().Encode(), r.Query().Encode())
	}
	if _, err := ParseRequest("salaries", nil); workforce.ErrorCode(err) != workforce.ENOTFOUND {
		t.Errorf("unknown insight: %v", err)
	}
	q := r.Query()
	q.Set("from", "yesterday")
	if _, err := ParseRequest(NameReach, q); workforce.ErrorField(err) != "from" {
		t.Errorf("bad time: %v", err)
	}
}

func TestSkewAtK(t *testing.T) {
	// 100 candidates, 20 deprived, 8 of them in the top 10.
	deprived := make([]bool, 100)
	for i := range 8 {
		deprived[i] = true
	}
	for i := 50; i < 62; i++ {
		deprived[i] = true
	}
	tb, err := SkewAtK(deprived, 10, t0)
	if err != nil {
		t.Fatal(err)
	}
	if got := num(t, tb, 1, "skew"); got < 3.99 || got > 4.01 {
		t.Errorf("skew = %v, want 0.8/0.2 = 4", got)
	}
	if _, err := SkewAtK(deprived, 0, t0); workforce.ErrorField(err) != "k" {
		t.Errorf("k 0: %v", err)
	}
}
