package careers

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Files LoadProfiles reads, relative to the data folder.
const (
	fileCrosswalk  = "nesta/esco_onet_crosswalk_Nov2020.csv"
	fileONetSkills = "onet-29.2/Skills.txt"
)

// Profiles are what the closeness of two occupations draws on beyond their
// ESCO skills, read from Nesta's and O*NET's files.
type Profiles struct {
	// ONet maps an occupation id to its O*NET skills profile: the level
	// times the importance of each of O*NET's 35 skills, in one fixed
	// order, of the O*NET occupation Nesta's crosswalk maps it to.
	ONet map[string][]float64
	// SubSectors maps an occupation id to its Nesta skills-based
	// sub-sector code (one of 54, such as "6.3").
	SubSectors map[string]string
	// Supervisory holds the occupations Nesta's crosswalk maps, by their
	// own row, to an O*NET manager or first-line supervisor
	// (Supervisory): jobs people are promoted into.
	Supervisory map[string]bool
}

// Supervisory reports whether an O*NET-SOC code is a manager (major group
// 11) or a first-line supervisor (minor group 1 of major groups 33 to 53,
// such as 53-1042 supervisors of material movers). In the major groups
// below 33, minor group 1 holds professionals and healthcare support
// workers, not supervisors.
func Supervisory(onetCode string) bool {
	if len(onetCode) < 4 || onetCode[2] != '-' {
		return false
	}
	major := onetCode[:2]
	return major == "11" || major >= "33" && major <= "53" && onetCode[3] == '1'
}

// LoadProfiles reads O*NET skills profiles through Nesta's ESCO-O*NET
// crosswalk, which occupations it maps to O*NET managers or supervisors,
// and Nesta's sub-sectors. A narrower occupation the crosswalk does not map
// takes the profile of its nearest broader one, as job zones do
// (LoadData), but not its supervisory role: a security consultant is not a
// security guard's supervisor. O*NET's Related Occupations, a ground truth for career
// moves, are not read: nothing measured feeds the ranking.
func LoadProfiles(dataDir string, broader map[string][]string) (Profiles, error) {
	p := Profiles{ONet: map[string][]float64{}, SubSectors: map[string]string{}, Supervisory: map[string]bool{}}
	onet, err := readONetSkills(filepath.Join(dataDir, fileONetSkills))
	if err != nil {
		return p, err
	}
	known := map[string][]float64{}
	err = readTable(dataDir, fileCrosswalk, []string{"concept_uri", "onet_code"}, func(get func(string) string, _ int) error {
		code := get("onet_code")
		if Supervisory(code) {
			p.Supervisory[get("concept_uri")] = true
		}
		v, ok := onet[code]
		if !ok {
			v, ok = onet[code[:min(len(code), 7)]+".00"]
		}
		if ok {
			known[get("concept_uri")] = v
		}
		return nil
	})
	if err != nil {
		return p, err
	}
	ids := map[string]bool{}
	for id := range broader {
		ids[id] = true
	}
	for id := range known {
		ids[id] = true
	}
	for id := range ids {
		if v, ok := nearest(id, known, broader); ok {
			p.ONet[id] = v
		}
	}
	err = readTable(dataDir, fileSectors, []string{"concept_uri", "sub_sector_code"}, func(get func(string) string, _ int) error {
		p.SubSectors[get("concept_uri")] = get("sub_sector_code")
		return nil
	})
	return p, err
}

// nearest returns the value of id or of its nearest broader occupation
// that has one: breadth-first, so the nearest ancestor wins, and the first
// listed on a tie; seen guards against a cycle in the data.
func nearest[V any](id string, known map[string]V, broader map[string][]string) (V, bool) {
	queue, seen := []string{id}, map[string]bool{id: true}
	for len(queue) > 0 {
		id, queue = queue[0], queue[1:]
		if v, ok := known[id]; ok {
			return v, true
		}
		for _, b := range broader[id] {
			if !seen[b] {
				seen[b] = true
				queue = append(queue, b)
			}
		}
	}
	var zero V
	return zero, false
}

// readONetSkills reads O*NET's Skills.txt (tab-separated) into a profile
// per O*NET code: level times importance of each skill, skills in element
// id order.
func readONetSkills(path string) (map[string][]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("careers data: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("careers data: %s: header: %w", fileONetSkills, err)
	}
	at := map[string]int{}
	for i, h := range header {
		at[h] = i
	}
	for _, c := range []string{"O*NET-SOC Code", "Element ID", "Scale ID", "Data Value"} {
		if _, ok := at[c]; !ok {
			return nil, fmt.Errorf("careers data: %s: no column %q", fileONetSkills, c)
		}
	}
	type key struct{ code, elem string }
	im, lv := map[key]float64{}, map[key]float64{}
	elems := map[string]bool{}
	codes := map[string]bool{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("careers data: %s: %w", fileONetSkills, err)
		}
		v, err := strconv.ParseFloat(rec[at["Data Value"]], 64)
		if err != nil {
			line, _ := r.FieldPos(0)
			return nil, fmt.Errorf("careers data: %s line %d: Data Value %q is not a number", fileONetSkills, line, rec[at["Data Value"]])
		}
		k := key{rec[at["O*NET-SOC Code"]], rec[at["Element ID"]]}
		elems[k.elem], codes[k.code] = true, true
		switch strings.TrimSpace(rec[at["Scale ID"]]) {
		case "IM":
			im[k] = v
		case "LV":
			lv[k] = v
		}
	}
	order := sortedKeys(elems)
	out := make(map[string][]float64, len(codes))
	for code := range codes {
		v := make([]float64, len(order))
		for i, el := range order {
			v[i] = im[key{code, el}] * lv[key{code, el}]
		}
		out[code] = v
	}
	return out, nil
}

// unitProfile centres a profile on its mean and scales it to length 1, so
// that the dot product of two is their correlation: what an occupation
// needs more or less of than its own average, not how demanding it is
// overall. It returns nil for a flat or empty profile.
func unitProfile(v []float64) []float64 {
	if len(v) == 0 {
		return nil
	}
	mean := 0.0
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	out := slices.Clone(v)
	norm := 0.0
	for i := range out {
		out[i] -= mean
		norm += out[i] * out[i]
	}
	if norm == 0 {
		return nil
	}
	norm = 1 / math.Sqrt(norm)
	for i := range out {
		out[i] *= norm
	}
	return out
}
