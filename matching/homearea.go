package matching

import "fmt"

// DistanceBand is a distance rounded to a band, for callers who may not
// know where a person lives: a band measured from the centre of the home
// area says how far, and nothing about where in the area.
type DistanceBand string

// Distance bands.
const (
	Under2Km DistanceBand = "UNDER_2_KM"
	Km2To5   DistanceBand = "KM_2_TO_5"
	Km5To10  DistanceBand = "KM_5_TO_10"
	Km10To20 DistanceBand = "KM_10_TO_20"
	Over20Km DistanceBand = "OVER_20_KM"
)

// bandOf returns the band of a distance in km.
func bandOf(km float64) DistanceBand {
	switch {
	case km < 2:
		return Under2Km
	case km < 5:
		return Km2To5
	case km < 10:
		return Km5To10
	case km < 20:
		return Km10To20
	}
	return Over20Km
}

// words says a band in plain English.
func (b DistanceBand) words() string {
	switch b {
	case Under2Km:
		return "under 2 km"
	case Km2To5:
		return "2 to 5 km"
	case Km5To10:
		return "5 to 10 km"
	case Km10To20:
		return "10 to 20 km"
	}
	return "over 20 km"
}

// fromHomeAreas offers every matchable person to consider with their
// distance measured from the centre of their home area rather than from
// their own location, for Query.HomeAreaOnly. Whether a person is in reach,
// how near they score and what is reported then depend on their area alone,
// so no sequence of queries can locate anyone more finely than that. People
// with a location of their own but no located home area are left out. It
// scans everyone, because the people grid is filed by own locations.
func (x *index) fromHomeAreas(v *vacancy, reach float64, rq *request, consider func(pi int32, km float64, located bool)) []string {
	people := x.people.rows
	x.pgrid.visitAll(func(members []int32) {
		for _, pi := range members {
			p := &people[pi]
			home, ok := x.placeLocation(p.place)
			switch {
			case ok && v.located:
				if km, in := withinKm(home, v.loc, min(float64(p.travel), reach)); in {
					consider(pi, km, true)
				}
			case !ok && p.has(flagOwnLocation):
				// Located, but only by where they live: left out rather
				// than ranked by it.
			case rq.maxKm == 0:
				consider(pi, 0, false)
			}
		}
	})
	switch {
	case v.located:
		return nil
	case rq.maxKm > 0:
		return []string{noteNoVacancyReach}
	}
	return []string{noteNoVacancyLocation}
}

// homeAreaReason words the distance of a home-area match.
func homeAreaReason(c *components, limit string) string {
	if !c.located {
		return "Distance unknown: their home area or the vacancy has no location"
	}
	return fmt.Sprintf("Their home area is %s away, within %s", bandOf(c.km).words(), limit)
}
