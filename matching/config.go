package matching

import (
	"math"

	"github.com/onework/onework/workforce"
)

// Weights are the relative importance of the score components. A score is
// the weighted mean of its components, so only the ratios between weights
// matter. GoodWork counts only when ranking vacancies for a person: it
// describes the job, and is the same for every candidate of one vacancy.
type Weights struct {
	Skills   float64
	Distance float64
	Local    float64
	Access   float64
	GoodWork float64
}

// DefaultWeights returns the deployment defaults; docs/matching.md gives the
// reason for each. Skills carry most weight because a match the person
// cannot do helps nobody; place (distance and local) comes next because the
// charters put local people in local jobs first; access is a lift for the
// most deprived areas, sized so it decides between comparable candidates but
// does not overturn a clearly better skills fit.
func DefaultWeights() Weights {
	return Weights{Skills: 0.45, Distance: 0.20, Local: 0.15, Access: 0.10, GoodWork: 0.15}
}

// validate returns an EINVALID error on "weights..." unless every weight is
// finite and not negative and the components used in this direction do not
// all weigh zero (a score would then be 0/0).
func (w Weights) validate(withGoodWork bool) error {
	named := []struct {
		field string
		v     float64
	}{
		{"weights.skills", w.Skills},
		{"weights.distance", w.Distance},
		{"weights.local", w.Local},
		{"weights.access", w.Access},
		{"weights.goodWork", w.GoodWork},
	}
	for _, n := range named {
		if math.IsNaN(n.v) || math.IsInf(n.v, 0) || n.v < 0 {
			return workforce.Invalid(n.field, "must be a number of at least 0, got %v", n.v)
		}
	}
	if w.total(withGoodWork) <= 0 {
		if withGoodWork {
			return workforce.Invalid("weights", "at least one weight must be above 0")
		}
		return workforce.Invalid("weights", "at least one of skills, distance, local and access must be above 0")
	}
	return nil
}

// total is the sum of the weights used in one direction.
func (w Weights) total(withGoodWork bool) float64 {
	t := w.Skills + w.Distance + w.Local + w.Access
	if withGoodWork {
		t += w.GoodWork
	}
	return t
}

// Config holds the deployment's matching settings. A zero field takes its
// default from DefaultConfig, so Config{} is a working configuration.
type Config struct {
	// Weights are the deployment's default weights; a Query may override
	// them. All zero means DefaultWeights.
	Weights Weights
	// MaxPageSize caps Query.First (default 100).
	MaxPageSize int
	// DefaultPageSize is the page size when Query.First is 0 (default 20).
	DefaultPageSize int
	// DefaultTravelKm is the travel limit of a person who has not stated one
	// (default 15 km, about the average commuting trip in England: see
	// docs/matching.md).
	DefaultTravelKm float64
	// DistanceHalfKm is the distance at which the distance component falls
	// to 0.5 (default 10 km).
	DistanceHalfKm float64
	// RelatedCredit is the credit, in (0,1], for a required skill the person
	// does not hold but holds a skill linked to it in ESCO (default 0.5).
	RelatedCredit float64
	// OptionalWeight is the weight of an optional requirement relative to an
	// essential one, in (0,1] (default 0.5).
	OptionalWeight float64
	// RealLivingWageHourly is the Real Living Wage in pounds an hour, used when
	// the employer is not accredited but states its pay (default 13.45, the
	// Living Wage Foundation's UK rate announced in October 2025).
	RealLivingWageHourly float64
}

// DefaultConfig returns the defaults that fill the zero fields of a Config.
func DefaultConfig() Config {
	return Config{
		Weights:              DefaultWeights(),
		MaxPageSize:          100,
		DefaultPageSize:      20,
		DefaultTravelKm:      15,
		DistanceHalfKm:       10,
		RelatedCredit:        0.5,
		OptionalWeight:       0.5,
		RealLivingWageHourly: 13.45,
	}
}

// withDefaults fills the zero fields of c from DefaultConfig.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.Weights == (Weights{}) {
		c.Weights = d.Weights
	}
	for _, f := range []struct {
		v   *float64
		def float64
	}{
		{&c.DefaultTravelKm, d.DefaultTravelKm},
		{&c.DistanceHalfKm, d.DistanceHalfKm},
		{&c.RelatedCredit, d.RelatedCredit},
		{&c.OptionalWeight, d.OptionalWeight},
		{&c.RealLivingWageHourly, d.RealLivingWageHourly},
	} {
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	if c.MaxPageSize == 0 {
		c.MaxPageSize = d.MaxPageSize
	}
	if c.DefaultPageSize == 0 {
		c.DefaultPageSize = min(d.DefaultPageSize, c.MaxPageSize)
	}
	return c
}

// validate returns an EINVALID error naming the first bad setting of a
// Config whose defaults have been filled.
func (c Config) validate() error {
	if err := c.Weights.validate(true); err != nil {
		return err
	}
	if err := c.Weights.validate(false); err != nil {
		return err
	}
	switch {
	case c.MaxPageSize < 1:
		return workforce.Invalid("config.maxPageSize", "must be at least 1, got %d", c.MaxPageSize)
	case c.DefaultPageSize < 1 || c.DefaultPageSize > c.MaxPageSize:
		return workforce.Invalid("config.defaultPageSize", "must be between 1 and maxPageSize (%d), got %d", c.MaxPageSize, c.DefaultPageSize)
	}
	for _, r := range []struct {
		field string
		v, hi float64
	}{
		{"config.defaultTravelKm", c.DefaultTravelKm, workforce.MaxTravelKm},
		{"config.distanceHalfKm", c.DistanceHalfKm, 1000},
		{"config.relatedCredit", c.RelatedCredit, 1},
		{"config.optionalWeight", c.OptionalWeight, 1},
		{"config.realLivingWageHourly", c.RealLivingWageHourly, 1000},
	} {
		if math.IsNaN(r.v) || r.v <= 0 || r.v > r.hi {
			return workforce.Invalid(r.field, "must be above 0 and at most %v, got %v", r.hi, r.v)
		}
	}
	return nil
}
