package insights

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/onework/onework/workforce"
)

// Names of the insights, as in GraphQL and the CSV routes.
const (
	NameVacancies = "vacancyInsights"
	NameTrend     = "vacancyTrend"
	NameShortage  = "shortageSkills"
	NamePipelines = "pipelines"
	NameReach     = "reach"
	NameGoodWork  = "goodWork"
	NameFairness  = "fairness"
	NameSkew      = "skewAtK"
)

// Names lists every insight.
var Names = []string{NameVacancies, NameTrend, NameShortage, NamePipelines, NameReach, NameGoodWork, NameFairness, NameSkew}

// Request is one insight asked for, with all its arguments: GraphQL
// resolvers and the CSV route both build one, so that both answer alike.
type Request struct {
	Name  string
	Slice Slice
	By    Dimension
	// First bounds shortage skills and pipelines.
	First int
	// HardToFillDays and Baseline are for vacancy insights.
	HardToFillDays int
	Baseline       *time.Time
	// Characteristics and Intersections are for fairness.
	Characteristics []Characteristic
	Intersections   bool
	// VacancyID and K are for Skew@k.
	VacancyID string
	K         int
}

// Query returns the request as URL query parameters (the CSV route's).
func (r Request) Query() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	if !r.Slice.From.IsZero() {
		set("from", r.Slice.From.UTC().Format(time.RFC3339))
	}
	if !r.Slice.To.IsZero() {
		set("to", r.Slice.To.UTC().Format(time.RFC3339))
	}
	set("placeId", r.Slice.PlaceID)
	set("occupationId", r.Slice.OccupationID)
	set("socGroup", r.Slice.SOCGroup)
	set("iscoGroup", r.Slice.ISCOGroup)
	set("sectorId", r.Slice.SectorID)
	set("employerKind", string(r.Slice.EmployerKind))
	set("by", string(r.By))
	if r.First != 0 {
		set("first", strconv.Itoa(r.First))
	}
	if r.HardToFillDays != 0 {
		set("hardToFillDays", strconv.Itoa(r.HardToFillDays))
	}
	if r.Baseline != nil {
		set("baseline", r.Baseline.UTC().Format(time.RFC3339))
	}
	for _, c := range r.Characteristics {
		v.Add("characteristics", string(c))
	}
	if r.Intersections {
		set("intersections", "true")
	}
	set("vacancyId", r.VacancyID)
	if r.K != 0 {
		set("k", strconv.Itoa(r.K))
	}
	return v
}

// ParseRequest reads a request from URL query parameters; EINVALID names
// the bad parameter, ENOTFOUND an unknown insight.
func ParseRequest(name string, q url.Values) (Request, error) {
	if !slices.Contains(Names, name) {
		return Request{}, workforce.Errorf(workforce.ENOTFOUND, "no insight called %q (want one of %s)", name, strings.Join(Names, ", "))
	}
	r := Request{Name: name}
	var err error
	tm := func(k string) time.Time {
		s := q.Get(k)
		if s == "" || err != nil {
			return time.Time{}
		}
		t, e := time.Parse(time.RFC3339, s)
		if e != nil {
			err = workforce.Invalid(k, "must be an RFC 3339 time, such as 2026-01-01T00:00:00Z")
		}
		return t
	}
	num := func(k string) int {
		s := q.Get(k)
		if s == "" || err != nil {
			return 0
		}
		n, e := strconv.Atoi(s)
		if e != nil {
			err = workforce.Invalid(k, "must be a whole number")
		}
		return n
	}
	r.Slice = Slice{From: tm("from"), To: tm("to"), PlaceID: q.Get("placeId"), OccupationID: q.Get("occupationId"),
		SOCGroup: q.Get("socGroup"), ISCOGroup: q.Get("iscoGroup"), SectorID: q.Get("sectorId"),
		EmployerKind: workforce.EmployerKind(q.Get("employerKind"))}
	r.By = Dimension(q.Get("by"))
	r.First = num("first")
	r.HardToFillDays = num("hardToFillDays")
	if b := tm("baseline"); !b.IsZero() {
		r.Baseline = &b
	}
	for _, c := range q["characteristics"] {
		r.Characteristics = append(r.Characteristics, Characteristic(c))
	}
	switch s := q.Get("intersections"); s {
	case "", "false":
	case "true":
		r.Intersections = true
	default:
		err = workforce.Invalid("intersections", "must be true or false")
	}
	r.VacancyID = q.Get("vacancyId")
	r.K = num("k")
	return r, err
}

// Answer computes the insight a request names, except Skew@k (which needs
// a ranked list; see SkewAtK).
func (e *Engine) Answer(r Request) (*Table, error) {
	by := r.By
	if by == "" {
		by = ByNone
	}
	switch r.Name {
	case NameVacancies:
		return e.VacancyInsights(r.Slice, by, VacancyOptions{HardToFillDays: r.HardToFillDays, Baseline: r.Baseline})
	case NameTrend:
		return e.VacancyTrend(r.Slice, by)
	case NameShortage:
		return e.ShortageSkills(r.Slice, orDefault(r.First, 20))
	case NamePipelines:
		return e.Pipelines(r.Slice, orDefault(r.First, 50))
	case NameReach:
		return e.Reach(r.Slice, by)
	case NameGoodWork:
		if r.By == "" {
			by = ByEmployerKind
		}
		return e.GoodWork(r.Slice, by)
	case NameFairness:
		return e.Fairness(r.Slice, FairnessOptions{Characteristics: r.Characteristics, Intersections: r.Intersections})
	}
	return nil, workforce.Errorf(workforce.ENOTFOUND, "no insight called %q", r.Name)
}

func orDefault(n, d int) int {
	if n == 0 {
		return d
	}
	return n
}
