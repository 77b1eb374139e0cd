package workforce

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on the size of text fields.
const (
	MaxIDLength          = 256
	MaxNameLength        = 300
	MaxDescriptionLength = 50_000
	MaxAltLabels         = 200
	MaxTravelKm          = 500
)

// ValidID returns an EINVALID error unless id is a usable identifier:
// non-empty, at most MaxIDLength bytes, valid UTF-8, without spaces at either
// end or control characters.
func ValidID(field, id string) error {
	switch {
	case id == "":
		return Invalid(field, "must not be empty")
	case len(id) > MaxIDLength:
		return Invalid(field, "must be at most %d characters", MaxIDLength)
	case !utf8.ValidString(id):
		return Invalid(field, "must be valid UTF-8")
	case strings.TrimSpace(id) != id:
		return Invalid(field, "must not start or end with spaces")
	case strings.IndexFunc(id, unicode.IsControl) >= 0:
		return Invalid(field, "must not contain control characters")
	}
	return nil
}

func validOptionalID(field, id string) error {
	if id == "" {
		return nil
	}
	return ValidID(field, id)
}

func validName(field, s string) error {
	switch {
	case strings.TrimSpace(s) == "":
		return Invalid(field, "must not be empty")
	case utf8.RuneCountInString(s) > MaxNameLength:
		return Invalid(field, "must be at most %d characters", MaxNameLength)
	}
	return validText(field, s)
}

func validOptionalName(field, s string) error {
	if s == "" {
		return nil
	}
	return validName(field, s)
}

func validText(field, s string) error {
	if !utf8.ValidString(s) {
		return Invalid(field, "must be valid UTF-8")
	}
	if utf8.RuneCountInString(s) > MaxDescriptionLength {
		return Invalid(field, "must be at most %d characters", MaxDescriptionLength)
	}
	return nil
}

func validLabels(field string, labels []string) error {
	if len(labels) > MaxAltLabels {
		return Invalid(field, "must have at most %d entries", MaxAltLabels)
	}
	for _, l := range labels {
		if err := validName(field, l); err != nil {
			return err
		}
	}
	return nil
}

// ValidPoint returns an EINVALID error unless p is a real WGS-84 location.
func ValidPoint(field string, p *Point) error {
	if p == nil {
		return nil
	}
	if math.IsNaN(p.Lat) || p.Lat < -90 || p.Lat > 90 {
		return Invalid(field+".lat", "latitude must be between -90 and 90, got %v", p.Lat)
	}
	if math.IsNaN(p.Lon) || p.Lon < -180 || p.Lon > 180 {
		return Invalid(field+".lon", "longitude must be between -180 and 180, got %v", p.Lon)
	}
	return nil
}

func validRange(field string, v, lo, hi float64) error {
	if math.IsNaN(v) || v < lo || v > hi {
		return Invalid(field, "must be between %v and %v, got %v", lo, hi, v)
	}
	return nil
}

func validEnum[T ~string](field string, v T, all []T, optional bool) error {
	if v == "" && optional {
		return nil
	}
	if !slices.Contains(all, v) {
		return Invalid(field, "unknown value %q", string(v))
	}
	return nil
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Validate returns an EINVALID error naming the first bad field.
func (s *Skill) Validate() error {
	return firstError(
		ValidID("id", s.ID),
		validName("label", s.Label),
		validLabels("altLabels", s.AltLabels),
		validLabels("hiddenLabels", s.HiddenLabels),
		validText("description", s.Description),
	)
}

// Validate returns an EINVALID error naming the first bad field.
func (o *Occupation) Validate() error {
	return firstError(
		ValidID("id", o.ID),
		validName("label", o.Label),
		validLabels("altLabels", o.AltLabels),
		validText("description", o.Description),
		validRange("jobZone", float64(o.JobZone), 0, 5),
		validRange("annualPay", o.AnnualPay, 0, 10_000_000),
	)
}

// Validate returns an EINVALID error naming the first bad field.
func (s *Sector) Validate() error {
	return firstError(ValidID("id", s.ID), validName("name", s.Name))
}

// Validate returns an EINVALID error naming the first bad field.
func (e *Employer) Validate() error {
	return firstError(
		ValidID("id", e.ID),
		validName("name", e.Name),
		validEnum("kind", e.Kind, EmployerKinds, false),
		validEnum("charterLevel", e.CharterLevel, CharterLevels, true),
		validOptionalID("placeId", e.PlaceID),
		ValidPoint("location", e.Location),
		validText("website", e.Website),
	)
}

// Validate returns an EINVALID error naming the first bad field.
func (v *Vacancy) Validate() error {
	err := firstError(
		ValidID("id", v.ID),
		validName("title", v.Title),
		validText("description", v.Description),
		ValidID("employerId", v.EmployerID),
		validOptionalID("occupationId", v.OccupationID),
		validOptionalID("placeId", v.PlaceID),
		ValidPoint("location", v.Location),
		validRange("salaryMin", v.SalaryMin, 0, 10_000_000),
		validRange("salaryMax", v.SalaryMax, 0, 10_000_000),
		validRange("hoursPerWeek", v.HoursPerWeek, 0, 168),
		validRange("occupationConfidence", v.OccupationConfidence, 0, 1),
		validEnum("contract", v.Contract, ContractTypes, true),
	)
	if err != nil {
		return err
	}
	if v.Registration != "" {
		if _, ok := RegulatorByCode(v.Registration); !ok {
			return Invalid("registration", "unknown regulator %q; known: %s", string(v.Registration), regulatorCodes())
		}
	}
	if v.SalaryMax != 0 && v.SalaryMax < v.SalaryMin {
		return Invalid("salaryMax", "must not be below salaryMin")
	}
	if v.PostedAt != nil && v.ClosesAt != nil && v.ClosesAt.Before(*v.PostedAt) {
		return Invalid("closesAt", "must not be before postedAt")
	}
	return nil
}

// Validate returns an EINVALID error naming the first bad field.
func (r *Requirement) Validate() error {
	return firstError(
		ValidID("skillId", r.SkillID),
		validRange("confidence", r.Confidence, 0, 1),
	)
}

// Validate returns an EINVALID error naming the first bad field.
func (p *Person) Validate() error {
	err := firstError(
		ValidID("id", p.ID),
		validOptionalID("orgId", p.OrgID),
		validOptionalName("name", p.Name),
		validOptionalName("email", p.Email),
		validOptionalName("phone", p.Phone),
		validOptionalID("placeId", p.PlaceID),
		ValidPoint("location", p.Location),
		validRange("travelKm", p.TravelKm, 0, MaxTravelKm),
		validRange("hoursPerWeek", p.HoursPerWeek, 0, 168),
		validRange("currentPay", p.CurrentPay, 0, 10_000_000),
	)
	if err != nil {
		return err
	}
	if p.Email != "" && (!strings.Contains(p.Email, "@") || strings.ContainsAny(p.Email, " \t\n")) {
		return Invalid("email", "is not an email address")
	}
	if p.Equality != nil {
		if !p.ConsentMonitoring {
			return Invalid("equality", "is kept only with consent to monitoring")
		}
		e := p.Equality
		for _, f := range []struct{ field, v string }{
			{"equality.ageBand", e.AgeBand}, {"equality.sex", e.Sex}, {"equality.genderIdentity", e.GenderIdentity},
			{"equality.ethnicity", e.Ethnicity}, {"equality.disability", e.Disability}, {"equality.religion", e.Religion},
			{"equality.sexualOrientation", e.SexualOrientation},
		} {
			if utf8.RuneCountInString(f.v) > 100 {
				return Invalid(f.field, "must be at most 100 characters")
			}
			if err := validText(f.field, f.v); err != nil {
				return err
			}
		}
	}
	for _, id := range p.Seeks {
		if err := ValidID("seeks", id); err != nil {
			return err
		}
	}
	for _, j := range p.History {
		if err := ValidID("history.occupationId", j.OccupationID); err != nil {
			return err
		}
		if j.From != nil && j.To != nil && j.To.Before(*j.From) {
			return Invalid("history.to", "must not be before from")
		}
	}
	seen := map[Regulator]bool{}
	for _, r := range p.Registrations {
		if err := r.Validate(); err != nil {
			return prefixField("registrations", err)
		}
		if seen[r.Regulator] {
			return Invalid("registrations.regulator", "%s appears twice: a person has one entry on each register", r.Regulator)
		}
		seen[r.Regulator] = true
	}
	return nil
}

// Validate returns an EINVALID error naming the first bad field.
func (s *PersonSkill) Validate() error {
	return firstError(
		ValidID("skillId", s.SkillID),
		validRange("level", float64(s.Level), 1, 4),
	)
}

// Validate returns an EINVALID error naming the first bad field.
func (p *Provider) Validate() error {
	return firstError(
		ValidID("id", p.ID),
		validName("name", p.Name),
		validEnum("kind", p.Kind, ProviderKinds, false),
		validOptionalID("placeId", p.PlaceID),
		ValidPoint("location", p.Location),
		validText("website", p.Website),
	)
}

// Validate returns an EINVALID error naming the first bad field.
func (p *Programme) Validate() error {
	err := firstError(
		ValidID("id", p.ID),
		validName("title", p.Title),
		validText("description", p.Description),
		validEnum("kind", p.Kind, ProgrammeKinds, false),
		validOptionalID("providerId", p.ProviderID),
		validOptionalID("placeId", p.PlaceID),
		ValidPoint("location", p.Location),
		validRange("durationWeeks", float64(p.DurationWeeks), 0, 520),
		validRange("cost", p.Cost, 0, 1_000_000),
		validText("eligibility", p.Eligibility),
	)
	if err != nil {
		return err
	}
	if p.PlacesLeft != nil && *p.PlacesLeft < 0 {
		return Invalid("placesLeft", "must not be negative")
	}
	return nil
}

// Validate returns an EINVALID error naming the first bad field.
func (p *Place) Validate() error {
	err := firstError(
		ValidID("id", p.ID),
		validName("name", p.Name),
		validEnum("kind", p.Kind, PlaceKinds, false),
		ValidPoint("location", p.Location),
		validRange("imdDecile", float64(p.IMDDecile), 0, 10),
	)
	if err != nil {
		return err
	}
	for _, id := range p.ParentIDs {
		if err := ValidID("parentIds", id); err != nil {
			return err
		}
		if id == p.ID {
			return Invalid("parentIds", "a place cannot lie in itself")
		}
	}
	return nil
}

// Validate returns an EINVALID error naming the first bad field.
func (p *Progression) Validate() error {
	err := firstError(
		ValidID("programmeId", p.ProgrammeID),
		ValidID("occupationId", p.OccupationID),
		validName("period", p.Period),
	)
	if err != nil {
		return err
	}
	if p.Learners < 0 {
		return Invalid("learners", "must not be negative")
	}
	return nil
}
