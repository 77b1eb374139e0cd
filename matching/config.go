package matching

import (
	"math"
	"runtime"

	"github.com/onework/onework/workforce"
)

// Weights are the relative importance of the score components. A score
// (before the registration gate) is the weighted mean of fit and the
// context components, so only the ratios between weights matter. Skills is
// the weight of fit (skills and experience together); the others are
// context, which may reorder only people of comparable fit: their sum may
// be at most MaxContextMargin of Skills. GoodWork counts only when ranking
// vacancies for a person: it describes the job, and is the same for every
// candidate of one vacancy.
type Weights struct {
	Skills      float64
	Distance    float64
	Local       float64
	Access      float64
	Preferences float64
	GoodWork    float64
}

// MaxContextMargin is the most the context weights (distance, local,
// access, preferences and, for a person's vacancies, good work) may add up
// to, relative to the weight of fit. It is the dominance margin: a pair
// whose fit is higher by more than the context weights' sum over Skills
// always ranks higher, wherever the people live. At 0.12 it keeps
// "nobody holding none of a vacancy's essential skills ranks above someone
// holding half of them" true under the default credits (docs/matching.md).
const MaxContextMargin = 0.12

// DefaultWeights returns the deployment defaults; docs/matching.md gives the
// reason for each. Fit carries almost all the weight because a match the
// person cannot do helps nobody. Distance, local area, widening access and
// preferences reorder people whose fit differs by less than 0.10 between
// them (0.12 with good work, for a person's vacancies); widening access
// alone by less than 0.02.
func DefaultWeights() Weights {
	return Weights{Skills: 1, Distance: 0.04, Local: 0.02, Access: 0.02, Preferences: 0.02, GoodWork: 0.02}
}

// validate returns an EINVALID error on "weights..." unless every weight is
// finite and not negative, fit weighs more than 0, and the context weights
// in use stay within MaxContextMargin of it.
func (w Weights) validate(withGoodWork bool) error {
	named := []struct {
		field string
		v     float64
	}{
		{"weights.skills", w.Skills},
		{"weights.distance", w.Distance},
		{"weights.local", w.Local},
		{"weights.access", w.Access},
		{"weights.preferences", w.Preferences},
		{"weights.goodWork", w.GoodWork},
	}
	for _, n := range named {
		if math.IsNaN(n.v) || math.IsInf(n.v, 0) || n.v < 0 {
			return workforce.Invalid(n.field, "must be a number of at least 0, got %v", n.v)
		}
	}
	if w.Skills <= 0 {
		return workforce.Invalid("weights.skills", "must be above 0: fit (skills and experience) decides the order")
	}
	ctx := w.context(withGoodWork)
	if ctx > MaxContextMargin*w.Skills*(1+1e-9) {
		parts := "distance, local, access and preferences"
		if withGoodWork {
			parts = "distance, local, access, preferences and goodWork"
		}
		return workforce.Invalid("weights", "%s add up to %v, more than %v times skills (%v): place, access and good work may only reorder people of comparable fit, so their weights may add up to at most %v",
			parts, ctx, MaxContextMargin, w.Skills, MaxContextMargin*w.Skills)
	}
	return nil
}

// context is the sum of the context weights used in one direction.
func (w Weights) context(withGoodWork bool) float64 {
	t := w.Distance + w.Local + w.Access + w.Preferences
	if withGoodWork {
		t += w.GoodWork
	}
	return t
}

// total is the sum of the weights used in one direction.
func (w Weights) total(withGoodWork bool) float64 {
	return w.Skills + w.context(withGoodWork)
}

// margin is the dominance margin of the weights in one direction: a fit
// higher by more than this always ranks higher.
func (w Weights) margin(withGoodWork bool) float64 {
	return w.context(withGoodWork) / w.Skills
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
	// RelatedCredit is the credit, in (0,0.25], for a required skill the
	// person does not hold but holds a skill linked to it in ESCO (default
	// 0.25): ESCO's links are loose, and a linked skill is not the skill.
	RelatedCredit float64
	// OptionalShare is the share of the skills part that optional
	// ("desirable") requirements decide, in (0,0.1] (default 0.1); the
	// essential ones decide the rest.
	OptionalShare float64
	// SkillsSaturation is how many of a vacancy's weightiest essential
	// skills a person needs to hold for full skills credit (default 12):
	// people rarely list thirty skills, so a good candidate for an advert
	// listing 88 is not "0 of 88".
	SkillsSaturation int
	// AdvertWeight multiplies the weight of a requirement the advert itself
	// names (any source but "esco", which inherits the occupation's
	// taxonomy list), in [1,10] (default 2).
	AdvertWeight float64
	// ExperienceCredit is the experience evidence, in (0,1], of recent work
	// in the vacancy's own occupation (default 0.8); work in a close
	// occupation earns it times their closeness.
	ExperienceCredit float64
	// SeekCredit is the evidence, in (0,ExperienceCredit], of seeking the
	// vacancy's occupation without having worked in it (default 0.2).
	SeekCredit float64
	// RecentYears is how long ago work may have ended and still earn full
	// credit (default 5 years).
	RecentYears float64
	// HoursTolerance is how many hours a week a job may ask beyond a
	// person's stated most and still be shown, at a lower score (default 4).
	HoursTolerance float64
	// StartToleranceDays is how many days after a vacancy closes a person may
	// become available and still be shown, at a lower score (default 28).
	StartToleranceDays float64
	// RealLivingWageHourly is the Real Living Wage in pounds an hour, used when
	// the employer is not accredited but states its pay (default 13.45, the
	// Living Wage Foundation's UK rate announced in October 2025).
	RealLivingWageHourly float64
	// RelayShare is the share of people, or of vacancies, written out of
	// grid order since the index was last laid out (added, moved to
	// another cell, given more skills, or for a vacancy any change) past
	// which the engine lays the index out afresh in the background
	// (default 0.1; at most 1). No re-lay starts before 1,024 rows of a
	// kind are out of order: a small index scans fast in any order.
	RelayShare float64
	// ScanWorkers is how many goroutines share the scan of one search (a
	// vacancy's candidates or a person's vacancies) that meets 20,000
	// people or vacancies or more: 1 scans on the caller's goroutine
	// alone. The default is the number of CPUs Go may use (GOMAXPROCS when
	// the engine is made), at most 4. A shared scan returns exactly the
	// page one scan would; it shortens a dense search's wait, but saves no
	// CPU.
	ScanWorkers int
	// splitMin is the number of members in reach from which a search is
	// shared (defaultSplitMin); tests lower it.
	splitMin int
}

// maxScanWorkers caps the default Config.ScanWorkers: a scan shared more
// widely gains little, as each worker fills its own page first.
const maxScanWorkers = 4

// DefaultConfig returns the defaults that fill the zero fields of a Config.
func DefaultConfig() Config {
	return Config{
		Weights:              DefaultWeights(),
		MaxPageSize:          100,
		DefaultPageSize:      20,
		DefaultTravelKm:      15,
		DistanceHalfKm:       10,
		RelatedCredit:        0.25,
		OptionalShare:        0.1,
		SkillsSaturation:     12,
		AdvertWeight:         2,
		ExperienceCredit:     0.8,
		SeekCredit:           0.2,
		RecentYears:          5,
		HoursTolerance:       4,
		StartToleranceDays:   28,
		RealLivingWageHourly: 13.45,
		RelayShare:           0.1,
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
		{&c.OptionalShare, d.OptionalShare},
		{&c.AdvertWeight, d.AdvertWeight},
		{&c.ExperienceCredit, d.ExperienceCredit},
		{&c.SeekCredit, d.SeekCredit},
		{&c.RecentYears, d.RecentYears},
		{&c.HoursTolerance, d.HoursTolerance},
		{&c.StartToleranceDays, d.StartToleranceDays},
		{&c.RealLivingWageHourly, d.RealLivingWageHourly},
		{&c.RelayShare, d.RelayShare},
	} {
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	if c.MaxPageSize == 0 {
		c.MaxPageSize = d.MaxPageSize
	}
	if c.SkillsSaturation == 0 {
		c.SkillsSaturation = d.SkillsSaturation
	}
	if c.DefaultPageSize == 0 {
		c.DefaultPageSize = min(d.DefaultPageSize, c.MaxPageSize)
	}
	if c.ScanWorkers == 0 {
		c.ScanWorkers = min(runtime.GOMAXPROCS(0), maxScanWorkers)
	}
	if c.splitMin == 0 {
		c.splitMin = defaultSplitMin
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
		{"config.relatedCredit", c.RelatedCredit, 0.25},
		{"config.optionalShare", c.OptionalShare, 0.1},
		{"config.experienceCredit", c.ExperienceCredit, 1},
		{"config.seekCredit", c.SeekCredit, c.ExperienceCredit},
		{"config.recentYears", c.RecentYears, 50},
		{"config.hoursTolerance", c.HoursTolerance, 168},
		{"config.startToleranceDays", c.StartToleranceDays, 365},
		{"config.realLivingWageHourly", c.RealLivingWageHourly, 1000},
		{"config.relayShare", c.RelayShare, 1},
	} {
		if math.IsNaN(r.v) || r.v <= 0 || r.v > r.hi {
			return workforce.Invalid(r.field, "must be above 0 and at most %v, got %v", r.hi, r.v)
		}
	}
	if c.AdvertWeight < 1 || c.AdvertWeight > 10 || math.IsNaN(c.AdvertWeight) {
		return workforce.Invalid("config.advertWeight", "must be between 1 and 10, got %v", c.AdvertWeight)
	}
	if c.SkillsSaturation < 1 || c.SkillsSaturation > maxRequirements {
		return workforce.Invalid("config.skillsSaturation", "must be between 1 and %d, got %d", maxRequirements, c.SkillsSaturation)
	}
	if c.ScanWorkers < 1 || c.ScanWorkers > 64 {
		return workforce.Invalid("config.scanWorkers", "must be between 1 and 64, got %d", c.ScanWorkers)
	}
	return nil
}
