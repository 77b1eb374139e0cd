package insights

import (
	"fmt"
	"slices"
	"time"

	"github.com/onework/onework/workforce"
)

// Dimension is what the rows of a table are grouped by.
type Dimension string

// Dimensions.
const (
	ByNone             Dimension = "NONE"
	ByLSOA             Dimension = "LSOA"
	ByLocalAuthority   Dimension = "LOCAL_AUTHORITY"
	ByICB              Dimension = "ICB"
	ByOccupation       Dimension = "OCCUPATION"
	BySOCMajorGroup    Dimension = "SOC_MAJOR_GROUP"
	BySOCSubMajorGroup Dimension = "SOC_SUB_MAJOR_GROUP"
	ByISCOMajorGroup   Dimension = "ISCO_MAJOR_GROUP"
	BySector           Dimension = "SECTOR"
	ByEmployerKind     Dimension = "EMPLOYER_KIND"
	ByCharterLevel     Dimension = "CHARTER_LEVEL"
	ByMonth            Dimension = "MONTH"
)

// Dimensions lists every Dimension.
var Dimensions = []Dimension{ByNone, ByLSOA, ByLocalAuthority, ByICB, ByOccupation, BySOCMajorGroup, BySOCSubMajorGroup,
	ByISCOMajorGroup, BySector, ByEmployerKind, ByCharterLevel, ByMonth}

// Characteristic is a self-declared equality characteristic.
type Characteristic string

// Characteristics monitored.
const (
	AgeBand    Characteristic = "AGE_BAND"
	Sex        Characteristic = "SEX"
	Ethnicity  Characteristic = "ETHNICITY"
	Disability Characteristic = "DISABILITY"
)

// Characteristics lists every Characteristic.
var Characteristics = []Characteristic{AgeBand, Sex, Ethnicity, Disability}

// value returns a person's answer for c, "not stated" when empty.
func (c Characteristic) value(e *workforce.Equality) string {
	var v string
	switch c {
	case AgeBand:
		v = e.AgeBand
	case Sex:
		v = e.Sex
	case Ethnicity:
		v = e.Ethnicity
	case Disability:
		v = e.Disability
	}
	if v == "" {
		return notStated
	}
	return v
}

const notStated = "not stated"

// MaxWindow is the longest time window an insight covers.
const MaxWindow = 10 * 366 * 24 * time.Hour

// Slice says which part of the partnership an insight covers: a time
// window (From inclusive, To exclusive) and optional filters.
type Slice struct {
	From, To     time.Time
	PlaceID      string
	OccupationID string
	// SOCGroup and ISCOGroup are leading digits of the occupation's codes.
	SOCGroup     string
	ISCOGroup    string
	SectorID     string
	EmployerKind workforce.EmployerKind
}

// Check returns EINVALID for a missing, inverted or too long window or a
// malformed group, and ENOTFOUND for an unknown place, occupation or
// sector.
func (e *Engine) Check(s Slice) error {
	switch {
	case s.From.IsZero() || s.To.IsZero():
		return workforce.Invalid("slice.window", "give both from and to: an unbounded window is not allowed")
	case !s.From.Before(s.To):
		return workforce.Invalid("slice.window", "from (%s) must be before to (%s)", s.From.Format(time.RFC3339), s.To.Format(time.RFC3339))
	case s.To.Sub(s.From) > MaxWindow:
		return workforce.Invalid("slice.window", "must be at most ten years long")
	}
	if s.PlaceID != "" && e.places[s.PlaceID] == nil {
		return &workforce.Error{Code: workforce.ENOTFOUND, Field: "slice.placeId", Message: fmt.Sprintf("place %q not found", s.PlaceID)}
	}
	if s.OccupationID != "" && e.occ[s.OccupationID] == nil {
		return &workforce.Error{Code: workforce.ENOTFOUND, Field: "slice.occupationId", Message: fmt.Sprintf("occupation %q not found", s.OccupationID)}
	}
	if _, ok := e.f.Sectors[s.SectorID]; s.SectorID != "" && !ok {
		return &workforce.Error{Code: workforce.ENOTFOUND, Field: "slice.sectorId", Message: fmt.Sprintf("sector %q not found", s.SectorID)}
	}
	for _, g := range []struct{ field, v string }{{"slice.socGroup", s.SOCGroup}, {"slice.iscoGroup", s.ISCOGroup}} {
		if g.v != "" && !digits(g.v, 4) {
			return workforce.Invalid(g.field, "must be 1 to 4 digits")
		}
	}
	if s.EmployerKind != "" && !slices.Contains(workforce.EmployerKinds, s.EmployerKind) {
		return workforce.Invalid("slice.employerKind", "unknown employer kind %q", s.EmployerKind)
	}
	return nil
}

func digits(s string, most int) bool {
	if len(s) == 0 || len(s) > most {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// checkBy refuses an unknown dimension.
func checkBy(by Dimension) error {
	if by != "" && !slices.Contains(Dimensions, by) {
		return workforce.Invalid("by", "unknown dimension %q", by)
	}
	return nil
}

// occupationMatches reports whether an occupation passes the slice's
// occupation, group and sector filters.
func (e *Engine) occupationMatches(occupationID string, s Slice) bool {
	if s.OccupationID == "" && s.SOCGroup == "" && s.ISCOGroup == "" && s.SectorID == "" {
		return true
	}
	o := e.occ[occupationID]
	if o == nil {
		return false
	}
	return (s.OccupationID == "" || o.ID == s.OccupationID) &&
		(s.SOCGroup == "" || hasPrefix(o.SOC, s.SOCGroup)) &&
		(s.ISCOGroup == "" || hasPrefix(o.ISCO, s.ISCOGroup)) &&
		(s.SectorID == "" || slices.Contains(o.Sectors, s.SectorID))
}

func hasPrefix(code, prefix string) bool {
	return len(code) >= len(prefix) && code[:len(prefix)] == prefix
}

// vacancyMatches reports whether a vacancy is in the slice (its window
// aside).
func (e *Engine) vacancyMatches(v *Vacancy, s Slice) bool {
	return e.in(v.PlaceID, s.PlaceID) && (s.EmployerKind == "" || v.EmployerKind == s.EmployerKind) &&
		e.occupationMatches(v.OccupationID, s)
}

// vacancyFiltered reports whether the slice filters by anything about a
// vacancy (occupation, groups, sector, employer kind).
func vacancyFiltered(s Slice) bool {
	return s.OccupationID != "" || s.SOCGroup != "" || s.ISCOGroup != "" || s.SectorID != "" || s.EmployerKind != ""
}

// openAt reports whether v takes applications at t.
func openAt(v *Vacancy, t time.Time) bool {
	return (v.PostedAt == nil || !t.Before(*v.PostedAt)) && (v.ClosesAt == nil || t.Before(*v.ClosesAt))
}

// placeKey returns the place of the given kind that id lies in (or is).
func (e *Engine) placeKey(id string, kind workforce.PlaceKind) string {
	for _, a := range e.within[id] {
		if p := e.places[a]; p != nil && p.Kind == kind {
			return p.ID
		}
	}
	return ""
}

// keys returns the groups a vacancy (with its home place for place
// dimensions and a time for MONTH) falls in; several for sectors.
func (e *Engine) keys(by Dimension, placeID, occupationID string, v *Vacancy, at time.Time) []string {
	one := func(s string) []string {
		if s == "" {
			return []string{unknown}
		}
		return []string{s}
	}
	o := e.occ[occupationID]
	code := func(get func(*Occupation) string, n int) []string {
		if o == nil || len(get(o)) < n {
			return one("")
		}
		return one(get(o)[:n])
	}
	switch by {
	case ByLSOA:
		return one(e.placeKey(placeID, workforce.PlaceLSOA))
	case ByLocalAuthority:
		return one(e.placeKey(placeID, workforce.PlaceLocalAuthority))
	case ByICB:
		return one(e.placeKey(placeID, workforce.PlaceICB))
	case ByOccupation:
		return one(occupationID)
	case BySOCMajorGroup:
		return code(func(o *Occupation) string { return o.SOC }, 1)
	case BySOCSubMajorGroup:
		return code(func(o *Occupation) string { return o.SOC }, 2)
	case ByISCOMajorGroup:
		return code(func(o *Occupation) string { return o.ISCO }, 1)
	case BySector:
		if o == nil || len(o.Sectors) == 0 {
			return one("")
		}
		return o.Sectors
	case ByEmployerKind:
		if v == nil {
			return one("")
		}
		return one(string(v.EmployerKind))
	case ByCharterLevel:
		if v == nil {
			return one("")
		}
		return one(string(v.Charter))
	case ByMonth:
		if at.IsZero() {
			return one("")
		}
		return one(at.UTC().Format("2006-01"))
	}
	return []string{"all"}
}

const unknown = "unknown"

// label names a group for people to read.
func (e *Engine) label(by Dimension, key string) string {
	switch by {
	case ByLSOA, ByLocalAuthority, ByICB:
		if p := e.places[key]; p != nil && p.Name != "" {
			return p.Name
		}
	case ByOccupation:
		if o := e.occ[key]; o != nil {
			return o.Label
		}
	case BySector:
		if n := e.f.Sectors[key]; n != "" {
			return n
		}
	}
	return key
}

// groups keeps the order in which keys were first seen, sorted at the end.
type groups[T any] struct {
	m map[string]*T
}

func newGroups[T any]() *groups[T] { return &groups[T]{m: map[string]*T{}} }

func (g *groups[T]) get(k string) *T {
	v := g.m[k]
	if v == nil {
		v = new(T)
		g.m[k] = v
	}
	return v
}

// sortedKeys returns the keys in order, "unknown" last.
func (g *groups[T]) sortedKeys() []string {
	keys := make([]string, 0, len(g.m))
	for k := range g.m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		switch {
		case a == unknown && b != unknown:
			return 1
		case b == unknown && a != unknown:
			return -1
		}
		if a < b {
			return -1
		} else if a > b {
			return 1
		}
		return 0
	})
	return keys
}

// rows calls add for each group in order when rows are grouped, then for
// the total under the key "all".
func rows[T any](by Dimension, g *groups[T], total *T, add func(key string, v *T)) {
	if by != ByNone {
		for _, k := range g.sortedKeys() {
			add(k, g.get(k))
		}
	}
	add("all", total)
}
