package importer

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/onework/onework/workforce"
)

// England is the ONS code of the country all imported places lie in.
const England = "E92000001"

// PlacesFiles names the files "import places" reads.
type PlacesFiles struct {
	LSOACentroids string // geography/lsoa21_centroids.csv
	LSOAToLA      string // geography/lookup_lsoa21_ward24_ltla24.csv
	LSOAToICB     string // geography/lookup_lsoa21_icb24.csv
	LAToRegion    string // geography/lookup_ltla24_region24.csv
	LACentroids   string // geography/ltla24_centroids.csv
	ICBCentroids  string // geography/icb22_centroids.csv
	NHSTrusts     string // geography/nhs_trusts22_points.csv
	IMDLSOA       string // imd/imd2025_england_lsoa21.csv
	IMDLA         string // imd/imd2025_england_ltla24.csv
	IMDICB        string // imd/imd2025_england_icb24.csv
}

// PlacesFilesIn returns the standard file names inside the geography and
// IMD folders of the reference data.
func PlacesFilesIn(geoDir, imdDir string) PlacesFiles {
	g := func(n string) string { return filepath.Join(geoDir, n) }
	i := func(n string) string { return filepath.Join(imdDir, n) }
	return PlacesFiles{
		LSOACentroids: g("lsoa21_centroids.csv"), LSOAToLA: g("lookup_lsoa21_ward24_ltla24.csv"),
		LSOAToICB: g("lookup_lsoa21_icb24.csv"), LAToRegion: g("lookup_ltla24_region24.csv"),
		LACentroids: g("ltla24_centroids.csv"), ICBCentroids: g("icb22_centroids.csv"),
		NHSTrusts: g("nhs_trusts22_points.csv"),
		IMDLSOA:   i("imd2025_england_lsoa21.csv"), IMDLA: i("imd2025_england_ltla24.csv"), IMDICB: i("imd2025_england_icb24.csv"),
	}
}

// PlacesData is a parsed set of places and NHS trusts, parents first.
type PlacesData struct {
	// Places holds the country, regions, ICBs, local authorities and LSOAs,
	// in that order, so that every parent is written before its children.
	Places []*workforce.Place
	// Trusts are the open NHS trusts as employers of kind NHS, placed in the
	// LSOA whose centroid is nearest.
	Trusts  []*workforce.Employer
	Summary *Summary
}

// LSOAs returns the LSOAs among the places.
func (d *PlacesData) LSOAs() []*workforce.Place {
	var out []*workforce.Place
	for _, p := range d.Places {
		if p.Kind == workforce.PlaceLSOA {
			out = append(out, p)
		}
	}
	return out
}

// ReadPlaces reads and validates the places files. With area set (an ICB,
// local authority or region code) it keeps only the LSOAs in that area, the
// places above them and the NHS trusts placed in them. Malformed files are
// errors; bad rows are recorded in the summary.
func ReadPlaces(f PlacesFiles, area string) (*PlacesData, error) {
	s := NewSummary()
	cols := func(c ...string) header { return header{required: c} }
	specs := []struct {
		path string
		h    header
	}{
		{f.LSOACentroids, cols("lsoa21_name", "lsoa21_code", "centroid_long", "centroid_lat")},
		{f.LSOAToLA, cols("lsoa21_code", "ltla24_name", "ltla24_code")},
		{f.LSOAToICB, cols("lsoa21_code", "icb24_name", "icb24_code")},
		{f.LAToRegion, cols("ltla24_name", "ltla24_code", "region24_name", "region24_code")},
		{f.LACentroids, cols("ltla24_code", "centroid_long", "centroid_lat")},
		{f.ICBCentroids, cols("icb22_code", "centroid_long", "centroid_lat")},
		{f.NHSTrusts, cols("nhs_trust22_name", "nhs_trust22_code", "status", "long", "lat")},
		{f.IMDLSOA, cols("lsoa21_code", "IMD_decile")},
		{f.IMDLA, cols("ltla24_code", "imd_rank_of_average_score")},
		{f.IMDICB, cols("icb24_code", "imd_rank_of_average_score")},
	}
	t := make([]*table, len(specs))
	for i, sp := range specs {
		var err error
		if t[i], err = readCSV(sp.path, sp.h); err != nil {
			return nil, fmt.Errorf("places: %w", err)
		}
	}
	lsoaCent, lsoaLA, lsoaICB, laRegion, laCent, icbCent, trusts, imdLSOA, imdLA, imdICB := t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9]

	places := map[string]*workforce.Place{}
	var order []string
	get := func(id, name string, kind workforce.PlaceKind) *workforce.Place {
		p, ok := places[id]
		if !ok {
			p = &workforce.Place{ID: id, Name: name, Kind: kind}
			places[id] = p
			order = append(order, id)
		}
		return p
	}
	get(England, "England", workforce.PlaceCountry)

	for _, r := range laRegion.rows {
		region := get(r.get("region24_code"), r.get("region24_name"), workforce.PlaceRegion)
		region.ParentIDs = []string{England}
		la := get(r.get("ltla24_code"), r.get("ltla24_name"), workforce.PlaceLocalAuthority)
		la.ParentIDs = []string{region.ID}
	}
	for _, r := range lsoaICB.rows {
		get(r.get("icb24_code"), r.get("icb24_name"), workforce.PlaceICB).ParentIDs = []string{England}
	}
	setPoints(s, kindPlace, laCent, "ltla24_code", places)
	setPoints(s, kindPlace, icbCent, "icb22_code", places)
	setDecilesFromRank(s, imdLA, "ltla24_code", places)
	setDecilesFromRank(s, imdICB, "icb24_code", places)

	laOf := map[string]string{}
	for _, r := range lsoaLA.rows {
		laOf[r.get("lsoa21_code")] = r.get("ltla24_code")
	}
	icbOf := map[string]string{}
	for _, r := range lsoaICB.rows {
		icbOf[r.get("lsoa21_code")] = r.get("icb24_code")
	}
	decileOf := map[string]int{}
	for _, r := range imdLSOA.rows {
		d, err := strconv.Atoi(r.get("IMD_decile"))
		if err != nil || d < 1 || d > 10 {
			s.Reject(kindPlace, r.problem("IMD_decile", "want a whole number from 1 to 10, got %q", r.get("IMD_decile")))
			continue
		}
		decileOf[r.get("lsoa21_code")] = d
	}
	ids := rowIDs{}
	for _, r := range lsoaCent.rows {
		code := r.get("lsoa21_code")
		if !strings.HasPrefix(code, "E01") {
			continue // Welsh LSOAs: no ICB, region or English IMD.
		}
		pt, ok := readPoint(s, kindPlace, r, "centroid_lat", "centroid_long")
		if !ok || !ids.claim(s, kindPlace, r, "lsoa21_code", code) {
			continue
		}
		p := &workforce.Place{ID: code, Name: r.get("lsoa21_name"), Kind: workforce.PlaceLSOA, Location: pt, IMDDecile: decileOf[code]}
		for _, parent := range []string{laOf[code], icbOf[code]} {
			if _, ok := places[parent]; ok {
				p.ParentIDs = append(p.ParentIDs, parent)
			}
		}
		if !validate(s, kindPlace, r, p.Validate()) {
			continue
		}
		places[code] = p
		order = append(order, code)
	}
	d := &PlacesData{Summary: s}
	keep := placesInArea(places, order, area)
	if area != "" && len(keep) == 0 {
		return nil, fmt.Errorf("places: no LSOA lies in area %q", area)
	}
	// Centroids come from every LSOA, not only those kept, so that an area
	// import and a full import agree on them.
	fillMissingCentroids(places, order)
	for _, kind := range []workforce.PlaceKind{workforce.PlaceCountry, workforce.PlaceRegion, workforce.PlaceICB, workforce.PlaceLocalAuthority, workforce.PlaceLSOA} {
		for _, id := range order {
			if p := places[id]; p.Kind == kind && keep[id] {
				d.Places = append(d.Places, p)
			}
		}
	}
	var lsoas []*workforce.Place
	for _, id := range order {
		if p := places[id]; p.Kind == workforce.PlaceLSOA {
			lsoas = append(lsoas, p)
		}
	}
	trustIDs := rowIDs{}
	for _, r := range trusts.rows {
		if r.get("status") != "open" {
			continue
		}
		pt, ok := readPoint(s, kindEmployer, r, "lat", "long")
		if !ok {
			continue
		}
		e := &workforce.Employer{ID: "ods:" + r.get("nhs_trust22_code"), Name: r.get("nhs_trust22_name"), Kind: workforce.EmployerNHS, Location: pt}
		near := NearestPlace(lsoas, *pt)
		if near == nil || !keep[near.ID] {
			continue // outside the area
		}
		e.PlaceID = near.ID
		if !validate(s, kindEmployer, r, e.Validate()) || !trustIDs.claim(s, kindEmployer, r, "nhs_trust22_code", e.ID) {
			continue
		}
		d.Trusts = append(d.Trusts, e)
	}
	return d, nil
}

// placesInArea returns the ids to keep: every place when area is "",
// otherwise the LSOAs with area among their ancestors, and those ancestors.
func placesInArea(places map[string]*workforce.Place, order []string, area string) map[string]bool {
	keep := map[string]bool{}
	var ancestors func(id string, visit func(string))
	ancestors = func(id string, visit func(string)) {
		for _, p := range places[id].ParentIDs {
			if _, ok := places[p]; ok {
				visit(p)
				ancestors(p, visit)
			}
		}
	}
	for _, id := range order {
		p := places[id]
		if area == "" {
			keep[id] = true
			continue
		}
		if p.Kind != workforce.PlaceLSOA {
			continue
		}
		in := id == area
		ancestors(id, func(a string) { in = in || a == area })
		if in {
			keep[id] = true
			ancestors(id, func(a string) { keep[a] = true })
		}
	}
	return keep
}

// fillMissingCentroids gives places without a centroid file entry (regions,
// newer ICBs) the mean of their LSOAs' centroids.
func fillMissingCentroids(places map[string]*workforce.Place, order []string) {
	type sum struct {
		lat, lon float64
		n        int
	}
	sums := map[string]*sum{}
	for _, id := range order {
		p := places[id]
		if p.Kind != workforce.PlaceLSOA {
			continue
		}
		seen := map[string]bool{}
		var add func(id string)
		add = func(id string) {
			for _, parent := range places[id].ParentIDs {
				if seen[parent] {
					continue
				}
				seen[parent] = true
				s := sums[parent]
				if s == nil {
					s = &sum{}
					sums[parent] = s
				}
				s.lat += p.Location.Lat
				s.lon += p.Location.Lon
				s.n++
				add(parent)
			}
		}
		add(id)
	}
	for id, s := range sums {
		if p := places[id]; p.Location == nil && p.Kind != workforce.PlaceCountry {
			p.Location = &workforce.Point{Lat: round6(s.lat / float64(s.n)), Lon: round6(s.lon / float64(s.n))}
		}
	}
}

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// setPoints sets the Location of the places named in the code column of t.
func setPoints(s *Summary, kind string, t *table, codeCol string, places map[string]*workforce.Place) {
	for _, r := range t.rows {
		p, ok := places[r.get(codeCol)]
		if !ok {
			continue
		}
		if pt, ok := readPoint(s, kind, r, "centroid_lat", "centroid_long"); ok {
			p.Location = pt
		}
	}
}

// setDecilesFromRank sets the IMD decile of the places named in t from
// their rank of average score (1 = most deprived) among the rows of t.
func setDecilesFromRank(s *Summary, t *table, codeCol string, places map[string]*workforce.Place) {
	n := len(t.rows)
	for _, r := range t.rows {
		rank, err := strconv.Atoi(r.get("imd_rank_of_average_score"))
		if err != nil || rank < 1 || rank > n {
			s.Reject(kindPlace, r.problem("imd_rank_of_average_score", "want a rank from 1 to %d, got %q", n, r.get("imd_rank_of_average_score")))
			continue
		}
		if p, ok := places[r.get(codeCol)]; ok {
			p.IMDDecile = (rank-1)*10/n + 1
		}
	}
}

// readPoint parses a latitude and a longitude column into a point, or
// rejects the row.
func readPoint(s *Summary, kind string, r row, latCol, lonCol string) (*workforce.Point, bool) {
	lat, err := strconv.ParseFloat(r.get(latCol), 64)
	if err != nil {
		s.Reject(kind, r.problem(latCol, "want a number, got %q", r.get(latCol)))
		return nil, false
	}
	lon, err := strconv.ParseFloat(r.get(lonCol), 64)
	if err != nil {
		s.Reject(kind, r.problem(lonCol, "want a number, got %q", r.get(lonCol)))
		return nil, false
	}
	pt := &workforce.Point{Lat: lat, Lon: lon}
	if err := workforce.ValidPoint("location", pt); err != nil {
		s.Reject(kind, r.problem(latCol+"/"+lonCol, "%s", workforce.ErrorMessage(err)))
		return nil, false
	}
	return pt, true
}

// Distance returns the great-circle distance between a and b in
// kilometres: workforce.DistanceKm, kept under this name for callers.
func Distance(a, b workforce.Point) float64 { return workforce.DistanceKm(a, b) }

// NearestPlace returns the place whose location is nearest to pt, or nil
// when no place has a location.
func NearestPlace(places []*workforce.Place, pt workforce.Point) *workforce.Place {
	var best *workforce.Place
	bestKm := math.Inf(1)
	for _, p := range places {
		if p.Location == nil {
			continue
		}
		if d := Distance(*p.Location, pt); d < bestKm {
			best, bestKm = p, d
		}
	}
	return best
}

// Places imports places and NHS trusts from files, keeping only those in
// area when it is not "" (see ReadPlaces).
func (im *Importer) Places(ctx context.Context, files PlacesFiles, area string) (*Summary, error) {
	d, err := ReadPlaces(files, area)
	if err != nil {
		return nil, err
	}
	return d.Summary, im.WritePlaces(ctx, d)
}

// WritePlaces writes places read by ReadPlaces, recording the outcome in
// d.Summary.
func (im *Importer) WritePlaces(ctx context.Context, d *PlacesData) error {
	s := d.Summary
	// Parents go first: one kind at a time, in the order of d.Places.
	for start := 0; start < len(d.Places); {
		end := start
		for end < len(d.Places) && d.Places[end].Kind == d.Places[start].Kind {
			end++
		}
		if err := WriteNodes(ctx, im, s, kindPlace, d.Places[start:end], im.DB.UpsertPlaces); err != nil {
			return fmt.Errorf("places: %w", err)
		}
		start = end
	}
	if err := WriteNodes(ctx, im, s, kindEmployer, d.Trusts, im.DB.UpsertEmployers); err != nil {
		return fmt.Errorf("places: %w", err)
	}
	return nil
}
