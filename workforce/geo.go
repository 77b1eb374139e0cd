package workforce

import "math"

// EarthRadiusKm is the mean radius of the Earth (IUGG).
const EarthRadiusKm = 6371.0088

// DistanceKm is the great-circle (haversine) distance between two points in
// kilometres: the project's one distance between Points. (The matching
// engine keeps a faster equirectangular form on its own packed
// coordinates, within 0.1% of this below 100 km, which its tests check.)
func DistanceKm(a, b Point) float64 {
	rad := math.Pi / 180
	dLat, dLon := (b.Lat-a.Lat)*rad, (b.Lon-a.Lon)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * EarthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}
