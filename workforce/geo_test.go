package workforce

import (
	"math"
	"testing"
)

func TestDistanceKm(t *testing.T) {
	ipswich, norwich := Point{Lat: 52.0567, Lon: 1.1482}, Point{Lat: 52.6309, Lon: 1.2974}
	if d := DistanceKm(ipswich, norwich); math.Abs(d-64.6) > 0.5 {
		t.Errorf("Ipswich to Norwich = %.1f km, want about 64.6", d)
	}
	if d := DistanceKm(ipswich, ipswich); d != 0 {
		t.Errorf("distance to itself = %v, want 0", d)
	}
	a, b := Point{Lat: 0, Lon: 0}, Point{Lat: 0, Lon: 180}
	if d := DistanceKm(a, b); math.Abs(d-math.Pi*EarthRadiusKm) > 1e-6 {
		t.Errorf("antipodes = %v, want half the circumference", d)
	}
	if DistanceKm(ipswich, norwich) != DistanceKm(norwich, ipswich) {
		t.Error("distance is not symmetric")
	}
}
