package careers

import (
	"math"

	"github.com/onework/onework/workforce"
)

// Weights are the relative importance of the parts of a move's desirability
// score. Only their ratios matter: the score is their weighted mean. Demand
// counts only when the query supplies a demand function.
type Weights struct {
	Similarity float64
	Pay        float64
	Demand     float64
}

// Config holds the engine's settings. Start from DefaultConfig and change
// fields; New treats the zero Config as DefaultConfig and rejects
// out-of-range values.
type Config struct {
	// Specificity, in [0,1], is how strongly a skill's weight falls with
	// the number of occupations requiring it: a skill weighs
	// ln(1+N/df)^Specificity, so 0 weighs every skill alike.
	Specificity float64
	// OptionalWeight is the weight of an optional skill relative to an
	// essential one, in [0,1].
	OptionalWeight float64
	// RelatedCredit is the credit, in [0,1], for a skill the origin lacks
	// when it holds a skill ESCO links to it directly (a related, broader
	// or narrower skill).
	RelatedCredit float64
	// SiblingCredit is the credit, in [0,RelatedCredit], for a skill the
	// origin lacks when it holds another skill under the same broader skill
	// or skill group.
	SiblingCredit float64
	// TargetShare, in [0,1], balances the two halves of the similarity: how
	// much of the target's requirements the origin covers (weight
	// TargetShare) and how much of the origin's skills the target uses
	// (weight 1-TargetShare). Similarity is their weighted geometric mean.
	TargetShare float64
	// ViableSimilarity is the default similarity a move needs, in [0,1].
	ViableSimilarity float64
	// OpenEntrySimilarity, in [0,ViableSimilarity], is the similarity a
	// move needs by default when the target is open entry (its SOC 2020
	// unit group takes people without qualifications and trains them on
	// the job, OpenEntry) and needs no step up in preparation: such a job
	// asks less of what someone brings.
	OpenEntrySimilarity float64
	// MaxJobZoneStep is the default largest step up in preparation from
	// the origin to the target, in [0,4]: in UK SOC 2020 skill levels
	// where both are known, else in O*NET job zones. Steps down are kept,
	// and so are near-identical moves (NearIdentical), flagged.
	MaxJobZoneStep int
	// Closeness weighs what makes a target close to the origin: the
	// order moves are served in.
	Closeness Closeness
	// TieBand, in [0,1], is how far desirability may reorder moves: a
	// move ranks by its closeness plus TieBand times its desirability
	// (from -0.5 to 0.5), so it can pass only moves less than TieBand
	// closer than it.
	TieBand float64
	// Weights rank viable moves by desirability within TieBand.
	Weights Weights
	// SectorBreadth is how many moves into one destination sector a
	// cross-sector list (Filter.CrossSectorOnly) serves in each round
	// before the other sectors have had their turn; 0 orders it by score
	// alone, like other lists.
	SectorBreadth int
	// TurnSimilarity, in [0,1], is the skills similarity a move needs to
	// take a turn in those rounds; moves below it follow all rounds, in
	// order of score.
	TurnSimilarity float64
	// RoundBand, in [0,1], bounds how far those rounds reorder a list, as
	// TieBand bounds desirability: a move is never served before a move
	// whose score is more than RoundBand higher, and takes that move's
	// round when its own would come earlier. 0 serves the list by score
	// alone; 1 leaves the rounds unbounded.
	RoundBand float64
	// DemandHalf is the number of open vacancies at which the demand part
	// of the score reaches one half; it saturates towards 1 above that.
	DemandHalf float64
	// DefaultPageSize is the page size when a query's First is 0.
	DefaultPageSize int
	// MaxPageSize caps a query's First.
	MaxPageSize int
}

// DefaultConfig returns the settings docs/careers.md explains and the
// evaluation on Nesta's development set chose.
func DefaultConfig() Config {
	return Config{
		Specificity:         1,
		OptionalWeight:      0.1,
		RelatedCredit:       0.25,
		SiblingCredit:       0.1,
		TargetShare:         0.8,
		ViableSimilarity:    0.05,
		OpenEntrySimilarity: 0.01,
		MaxJobZoneStep:      1,
		Closeness:           Closeness{Skills: 1, Profile: 0.3, Group: 0.2, Sector: 0.1, Family: 0.1, Main: 0.1},
		TieBand:             0.02,
		Weights:             Weights{Similarity: 0.6, Pay: 0.25, Demand: 0.15},
		SectorBreadth:       2,
		TurnSimilarity:      0.03,
		RoundBand:           0.1,
		DemandHalf:          5,
		DefaultPageSize:     20,
		MaxPageSize:         100,
	}
}

// validate returns an EINVALID error naming the first setting out of range.
func (c Config) validate() error {
	unit := []struct {
		field string
		v     float64
		hi    float64
	}{
		{"config.specificity", c.Specificity, 1},
		{"config.optionalWeight", c.OptionalWeight, 1},
		{"config.relatedCredit", c.RelatedCredit, 1},
		// Credits must fall with distance in the taxonomy: the scorer
		// grants the first credit it finds, nearest link first.
		{"config.siblingCredit", c.SiblingCredit, c.RelatedCredit},
		{"config.targetShare", c.TargetShare, 1},
		{"config.viableSimilarity", c.ViableSimilarity, 1},
		{"config.openEntrySimilarity", c.OpenEntrySimilarity, c.ViableSimilarity},
		{"config.weights.similarity", c.Weights.Similarity, math.MaxFloat64},
		{"config.weights.pay", c.Weights.Pay, math.MaxFloat64},
		{"config.weights.demand", c.Weights.Demand, math.MaxFloat64},
		{"config.demandHalf", c.DemandHalf, math.MaxFloat64},
		{"config.tieBand", c.TieBand, 1},
		{"config.turnSimilarity", c.TurnSimilarity, 1},
		{"config.roundBand", c.RoundBand, 1},
		{"config.closeness.skills", c.Closeness.Skills, math.MaxFloat64},
		{"config.closeness.profile", c.Closeness.Profile, math.MaxFloat64},
		{"config.closeness.group", c.Closeness.Group, math.MaxFloat64},
		{"config.closeness.sector", c.Closeness.Sector, math.MaxFloat64},
		{"config.closeness.family", c.Closeness.Family, math.MaxFloat64},
		{"config.closeness.main", c.Closeness.Main, math.MaxFloat64},
		{"config.closeness.zone", c.Closeness.Zone, math.MaxFloat64},
	}
	for _, u := range unit {
		if !inRange(u.v, 0, u.hi) {
			return workforce.Invalid(u.field, "must be between 0 and %v, got %v", u.hi, u.v)
		}
	}
	switch {
	case c.Weights.Similarity+c.Weights.Pay <= 0:
		return workforce.Invalid("config.weights", "similarity or pay must weigh above 0")
	case c.DemandHalf <= 0:
		return workforce.Invalid("config.demandHalf", "must be above 0")
	case c.MaxJobZoneStep < 0 || c.MaxJobZoneStep > 4:
		return workforce.Invalid("config.maxJobZoneStep", "must be between 0 and 4, got %d", c.MaxJobZoneStep)
	case c.SectorBreadth < 0 || c.SectorBreadth > 100:
		return workforce.Invalid("config.sectorBreadth", "must be between 0 and 100, got %d", c.SectorBreadth)
	case c.MaxPageSize < 1:
		return workforce.Invalid("config.maxPageSize", "must be at least 1")
	case c.DefaultPageSize < 1 || c.DefaultPageSize > c.MaxPageSize:
		return workforce.Invalid("config.defaultPageSize", "must be between 1 and maxPageSize (%d)", c.MaxPageSize)
	}
	return nil
}

// inRange reports whether v is a number in [lo, hi]; NaN is not.
func inRange(v, lo, hi float64) bool {
	return v >= lo && v <= hi
}
