package matching

import (
	"cmp"
	"math"
	"slices"

	"github.com/onework/onework/workforce"
)

const (
	earthRadiusKm = 6371.0088
	kmPerDegree   = earthRadiusKm * math.Pi / 180
	radians       = math.Pi / 180

	// Grid cells are about 5.5 km square in England: small enough that the
	// nearest-corner bound prunes well at commuting distances, large enough
	// that a 40 km search touches a few hundred cells, not thousands.
	cellLatDeg = 0.05
	cellLonDeg = 0.08
	gridRows   = 3600 // 180 / cellLatDeg
	gridCols   = 4500 // 360 / cellLonDeg
)

// geo is a location with its latitude's cosine cached, so that distances in
// the scan loops need no trigonometry.
type geo struct {
	lat, lon, cos float64
}

// geoOf returns the location of p and whether p is a usable point. NaN or
// out-of-range coordinates count as no location rather than a panic or a
// nonsense distance.
func geoOf(p *workforce.Point) (geo, bool) {
	if p == nil || workforce.ValidPoint("location", p) != nil {
		return geo{}, false
	}
	return geo{lat: p.Lat, lon: p.Lon, cos: math.Cos(p.Lat * radians)}, true
}

// lonDelta returns b-a in degrees, wrapped into [-180, 180].
func lonDelta(a, b float64) float64 {
	d := b - a
	if d > 180 {
		d -= 360
	} else if d < -180 {
		d += 360
	}
	return d
}

// distanceKm is the equirectangular distance with the mean of the two
// latitudes' cosines. Below 100 km it is within 0.1% of the great-circle
// distance (a test checks this), which is far finer than a travel limit, and
// it costs a square root instead of haversine's four trigonometric calls per
// person. Every distance the engine filters on or reports comes from here.
func distanceKm(a, b geo) float64 {
	return earthRadiusKm * math.Sqrt(angleSq(a, b))
}

// angleSq is the square of the distance in radians.
func angleSq(a, b geo) float64 {
	dPhi := (b.lat - a.lat) * radians
	x := lonDelta(a.lon, b.lon) * radians * (a.cos + b.cos) / 2
	return dPhi*dPhi + x*x
}

// withinKm returns the distance from a to b and whether it is at most
// limit. It rejects most far points before the square root, with a hair of
// slack, and decides on the same distanceKm that is reported.
func withinKm(a, b geo, limit float64) (float64, bool) {
	s := angleSq(a, b)
	// A multiplication where a division would be exact to the last bit:
	// the slack is a million times larger than the difference.
	if r := limit * ((1 + 1e-9) / earthRadiusKm); s > r*r {
		return 0, false
	}
	d := earthRadiusKm * math.Sqrt(s)
	return d, d <= limit
}

// grid buckets members (people or vacancies, by their index) into cells of
// latitude and longitude so that a search around a point touches only
// nearby members. Cell 0 holds members without a location. A cell keeps its
// members in descending order of radius (a person's travel limit), so a
// vacancy's search reads, in each cell, only the people who would travel at
// least as far as the cell.
type grid struct {
	cells []cell
	byKey map[int32]int32
	where []gridSlot // by member
	// maxRadius is at least the largest radius of any member ever put.
	maxRadius float64
}

type cell struct {
	row, col int32
	// cosMin is the smallest cosine of any latitude in the cell, for the
	// lower bound on distances to it.
	cosMin float64
	// members and their radii, radii descending.
	members []int32
	radii   []float64
}

type gridSlot struct {
	cell, pos int32
}

func newGrid() grid {
	return grid{cells: []cell{{}}, byKey: map[int32]int32{}}
}

func cellIndex(lat, lon float64) (row, col int32) {
	row = int32(math.Floor((lat + 90) / cellLatDeg))
	row = max(0, min(gridRows-1, row))
	col = int32(math.Floor((lon + 180) / cellLonDeg))
	col = ((col % gridCols) + gridCols) % gridCols
	return row, col
}

// cellKeyOf returns the key of the cell holding at, or -1 for no location.
// Sorting members by it puts neighbours next to each other in memory.
func cellKeyOf(at geo, located bool) int32 {
	if !located {
		return -1
	}
	r, c := cellIndex(at.lat, at.lon)
	return r*gridCols + c
}

// put adds member id at a location (or in cell 0 when not located) with a
// radius, moving it if it was already in the grid. It costs a shift of the
// cell's smaller radii; loading members in descending radius appends.
func (g *grid) put(id int32, at geo, located bool, radius float64) {
	g.remove(id)
	ci := int32(0)
	if key := cellKeyOf(at, located); key >= 0 {
		var ok bool
		if ci, ok = g.byKey[key]; !ok {
			ci = int32(len(g.cells))
			row, col := key/gridCols, key%gridCols
			edge := max(math.Abs(float64(row)*cellLatDeg-90), math.Abs(float64(row+1)*cellLatDeg-90))
			g.cells = append(g.cells, cell{row: row, col: col, cosMin: math.Cos(min(edge, 90) * radians)})
			g.byKey[key] = ci
		}
	}
	c := &g.cells[ci]
	g.maxRadius = max(g.maxRadius, radius)
	for int(id) >= len(g.where) {
		g.where = append(g.where, gridSlot{cell: -1})
	}
	k := c.reaching(radius)
	for k < len(c.radii) && c.radii[k] == radius {
		k++ // after equal radii, so equal members keep their load order
	}
	c.members = slices.Insert(c.members, k, id)
	c.radii = slices.Insert(c.radii, k, radius)
	g.renumber(ci, k)
}

// renumber records the positions of cell ci's members from k on.
func (g *grid) renumber(ci int32, k int) {
	c := &g.cells[ci]
	for j := k; j < len(c.members); j++ {
		g.where[c.members[j]] = gridSlot{cell: ci, pos: int32(j)}
	}
}

// reaching returns how many members of c have a radius of at least d.
func (c *cell) reaching(d float64) int {
	k, _ := slices.BinarySearchFunc(c.radii, d, func(r, d float64) int { return -cmp.Compare(r, d) })
	return k
}

// remove takes member id out of the grid, if it is there.
func (g *grid) remove(id int32) {
	if int(id) >= len(g.where) || g.where[id].cell < 0 {
		return
	}
	s := g.where[id]
	c := &g.cells[s.cell]
	c.members = slices.Delete(c.members, int(s.pos), int(s.pos)+1)
	c.radii = slices.Delete(c.radii, int(s.pos), int(s.pos)+1)
	g.where[id] = gridSlot{cell: -1}
	g.renumber(s.cell, int(s.pos))
}

// unlocated returns the members without a location.
func (g *grid) unlocated() []int32 { return g.cells[0].members }

// minKm is a lower bound on the distance from at to any point in c: the
// nearest latitude and longitude of the cell, with the smaller cosine. A
// metre of slack absorbs rounding at cell edges.
func (c *cell) minKm(at geo) float64 {
	lat0 := float64(c.row)*cellLatDeg - 90
	lon0 := float64(c.col)*cellLonDeg - 180
	dLat := max(0, lat0-at.lat, at.lat-(lat0+cellLatDeg))
	dLon := 0.0
	if d0, d1 := lonDelta(lon0, at.lon), lonDelta(lon0+cellLonDeg, at.lon); d0 < 0 || d1 > 0 {
		dLon = min(math.Abs(d0), math.Abs(d1))
	}
	x := dLon * min(c.cosMin, at.cos)
	return kmPerDegree*math.Sqrt(dLat*dLat+x*x) - 0.001
}

// cellHit is a cell within reach of a search, with its lower-bound distance.
type cellHit struct {
	cell  int32
	minKm float64
}

// visit calls fn with the members of every located cell that may hold a
// member within reach km of at, nearest cells first: the best matches then
// tend to come early, which lets the ranker skip work on the rest. With
// byRadius, fn gets only the members whose radius reaches the cell. fn
// still has to check each member's exact distance. hits is scratch space,
// returned for reuse.
func (g *grid) visit(at geo, reach float64, byRadius bool, hits []cellHit, fn func(members []int32)) []cellHit {
	if byRadius {
		reach = min(reach, g.maxRadius)
	}
	reach = min(reach, math.Pi*earthRadiusKm)
	hits = hits[:0]
	consider := func(ci int32) {
		if c := &g.cells[ci]; len(c.members) > 0 {
			if d := c.minKm(at); d <= reach && (!byRadius || c.radii[0] >= d) {
				hits = append(hits, cellHit{ci, d})
			}
		}
	}
	dLat := reach / kmPerDegree
	rowLo, _ := cellIndex(at.lat-dLat, 0)
	rowHi, _ := cellIndex(at.lat+dLat, 0)
	poleward := min(90, max(math.Abs(at.lat-dLat), math.Abs(at.lat+dLat)))
	dLon := 360.0
	if cos := math.Cos(poleward * radians); cos > 1e-6 {
		dLon = dLat / cos
	}
	cols := int64(math.Ceil(2*dLon/cellLonDeg)) + 1
	box := int64(rowHi-rowLo+1) * cols
	if dLon >= 180 || cols >= gridCols || box > int64(len(g.cells)) {
		// A wide search: walking the occupied cells is cheaper than the box.
		for i := 1; i < len(g.cells); i++ {
			consider(int32(i))
		}
	} else {
		_, colLo := cellIndex(at.lat, at.lon-dLon)
		for r := rowLo; r <= rowHi; r++ {
			for k := int64(0); k < cols; k++ {
				col := (colLo + int32(k)) % gridCols
				if ci, ok := g.byKey[r*gridCols+col]; ok {
					consider(ci)
				}
			}
		}
	}
	slices.SortFunc(hits, func(a, b cellHit) int { return cmp.Compare(a.minKm, b.minKm) })
	for _, h := range hits {
		c := &g.cells[h.cell]
		if byRadius {
			fn(c.members[:c.reaching(h.minKm)])
		} else {
			fn(c.members)
		}
	}
	return hits
}

// visitAll calls fn with the members of every cell, located or not.
func (g *grid) visitAll(fn func(members []int32)) {
	for i := range g.cells {
		if len(g.cells[i].members) > 0 {
			fn(g.cells[i].members)
		}
	}
}
