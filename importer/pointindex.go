package importer

import (
	"math"

	"github.com/onework/onework/workforce"
)

// pointIndex finds the nearest of many places quickly: places are bucketed
// in a grid of cells about pointCell degrees wide, and a search looks at
// rings of cells around the point until the nearest found is closer than any
// unsearched cell could be.
type pointIndex struct {
	cells map[[2]int][]*workforce.Place
	n     int
}

const pointCell = 0.05 // degrees; about 5.5 km of latitude

func cellOf(p workforce.Point) [2]int {
	return [2]int{int(math.Floor(p.Lat / pointCell)), int(math.Floor(p.Lon / pointCell))}
}

func newPointIndex(places []*workforce.Place) *pointIndex {
	idx := &pointIndex{cells: map[[2]int][]*workforce.Place{}}
	for _, p := range places {
		if p.Location != nil {
			c := cellOf(*p.Location)
			idx.cells[c] = append(idx.cells[c], p)
			idx.n++
		}
	}
	return idx
}

// nearest returns the place nearest to pt, or nil when the index is empty.
func (idx *pointIndex) nearest(pt workforce.Point) *workforce.Place {
	if idx.n == 0 {
		return nil
	}
	c := cellOf(pt)
	var best *workforce.Place
	bestKm := math.Inf(1)
	// A cell ring r away is at least (r-1) cells of longitude away; a degree
	// of longitude shrinks with latitude, so measure rings by it.
	cellKm := pointCell * 111.32 * math.Max(math.Cos(pt.Lat*math.Pi/180), 0.01)
	const maxRings = 40 // beyond that, scan everything
	for r := 0; r <= maxRings; r++ {
		if best != nil && float64(r-1)*cellKm > bestKm {
			break
		}
		for dy := -r; dy <= r; dy++ {
			for dx := -r; dx <= r; dx++ {
				if max(abs(dx), abs(dy)) != r {
					continue
				}
				for _, p := range idx.cells[[2]int{c[0] + dy, c[1] + dx}] {
					if d := Distance(*p.Location, pt); d < bestKm {
						best, bestKm = p, d
					}
				}
			}
		}
	}
	if best == nil {
		for _, places := range idx.cells {
			for _, p := range places {
				if d := Distance(*p.Location, pt); d < bestKm {
					best, bestKm = p, d
				}
			}
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
