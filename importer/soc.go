package importer

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/onework/onework/careers"
	"github.com/onework/onework/store"
	"github.com/onework/onework/textmatch"
	"github.com/onework/onework/workforce"
)

// SOC 2020 file names inside the directory given to "import soc".
const (
	socStructure = "soc2020_structure_descriptions.csv"
	socCrosswalk = "soc2020ext_esco_draft_crosswalk.csv"
	socIndex     = "soc2020_coding_index.csv"
)

// kindOccSectorRemoved counts, as updated, the links removed from
// occupations to SOC groups they no longer belong to.
const kindOccSectorRemoved = "occupation left sector"

// SOCSectorPrefix starts the id of every sector made from a SOC 2020 group.
const SOCSectorPrefix = "soc2020:"

var socCode = regexp.MustCompile(`^[1-9][0-9]{0,3}$`)

// socData is the parsed SOC 2020 structure and crosswalk.
type socData struct {
	sectors []*workforce.Sector
	details []store.BulkSectorDetails
	broader []store.BulkLink
	// unitOfESCOCode maps an ESCO occupation code to its SOC unit group.
	unitOfESCOCode map[string]string
	// index gives the unit groups the ONS coding index codes a title to.
	index   careers.SOCIndex
	summary *Summary
}

// readSOC reads the SOC 2020 structure with its descriptions, the
// SOC-ESCO crosswalk and the ONS coding index. Each SOC group (major, sub-major, minor, unit) becomes
// a Sector "soc2020:CODE" named "CODE Title", BROADER than nothing and
// narrower than its parent group. An ESCO code the crosswalk maps to several
// unit groups takes the one it names most often (the lowest code on a tie).
func readSOC(dir string) (*socData, error) {
	st, err := readCSV(filepath.Join(dir, socStructure), header{required: []string{"level", "code", "title", "description",
		"typical_entry_routes_and_qualifications", "tasks", "related_job_titles"}})
	if err != nil {
		return nil, fmt.Errorf("soc: %w", err)
	}
	d := &socData{summary: NewSummary(), unitOfESCOCode: map[string]string{}}
	ids := rowIDs{}
	for _, r := range st.rows {
		code := r.get("code")
		if !socCode.MatchString(code) {
			d.summary.Reject(kindSector, r.problem("code", "want a SOC 2020 code of 1 to 4 digits, got %q", code))
			continue
		}
		sec := &workforce.Sector{ID: SOCSectorPrefix + code, Name: code + " " + r.get("title")}
		if !validate(d.summary, kindSector, r, sec.Validate()) || !ids.claim(d.summary, kindSector, r, "code", sec.ID) {
			continue
		}
		d.sectors = append(d.sectors, sec)
		d.details = append(d.details, store.BulkSectorDetails{ID: sec.ID, Description: r.get("description"),
			EntryRoutes: r.get("typical_entry_routes_and_qualifications"), Tasks: tildeList(r.get("tasks")),
			RelatedJobTitles: tildeList(r.get("related_job_titles"))})
		if len(code) > 1 {
			d.broader = append(d.broader, store.BulkLink{FromID: sec.ID, ToID: SOCSectorPrefix + code[:len(code)-1]})
		}
	}
	units, err := careers.ReadSOCCrosswalk(filepath.Join(dir, socCrosswalk), func(line int, reason string) {
		d.summary.Reject("soc crosswalk", Problem{File: socCrosswalk, Line: line, Field: "soc2020_code", Reason: reason})
	})
	if err != nil {
		return nil, fmt.Errorf("soc: %w", err)
	}
	d.unitOfESCOCode = units
	index, err := textmatch.ReadSOCIndex(filepath.Join(dir, socIndex))
	if err != nil {
		return nil, fmt.Errorf("soc: %w", err)
	}
	d.index = index
	return d, nil
}

// tildeList splits the ONS "~item\n\n~item" lists into items.
func tildeList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, "~") {
		if part = strings.Join(strings.Fields(part), " "); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// SOC imports the SOC 2020 hierarchy as sectors with their descriptions, sets
// each ESCO occupation's SOCCode and SOCSource by careers.AssignSOC (the
// crosswalk, joining its esco_code to the occupation's ESCO code; else the
// ONS coding index's unit group for the occupation's preferred label; else
// the nearest broader occupation's group or a guess from the ISCO group) and
// links the occupation IN_SECTOR to its unit group, removing its link to
// any other SOC group. Import ESCO first.
func (im *Importer) SOC(ctx context.Context, dir string) (*Summary, error) {
	d, err := readSOC(dir)
	if err != nil {
		return nil, err
	}
	s := d.summary
	for _, k := range []string{kindSector, "sector details", kindSectorBroader, kindOccupation, kindOccSector, kindOccSectorRemoved} {
		s.Kind(k) // the summary lists kinds in this order
	}
	occs, err := im.allOccupations(ctx)
	if err != nil {
		return s, fmt.Errorf("soc: %w", err)
	}
	broader := map[string][]string{}
	assigned := make([]*workforce.Occupation, len(occs))
	for i, o := range occs {
		c := *o
		assigned[i] = &c
	}
	for chunk := range slices.Chunk(occs, 2000) {
		ids := make([]string, len(chunk))
		for i, o := range chunk {
			ids[i] = o.ID
		}
		links, err := im.DB.OccupationLinks(ctx, ids)
		if err != nil {
			return s, fmt.Errorf("soc: %w", err)
		}
		for id, l := range links {
			broader[id] = l.Broader
		}
	}
	careers.AssignSOC(assigned, d.unitOfESCOCode, broader, d.index)
	var changed []*workforce.Occupation
	var inSector []store.BulkLink
	for i, o := range occs {
		a := assigned[i]
		if a.SOCCode == "" {
			continue
		}
		inSector = append(inSector, store.BulkLink{FromID: o.ID, ToID: SOCSectorPrefix + a.SOCCode})
		if o.SOCCode != a.SOCCode || o.SOCSource != a.SOCSource {
			changed = append(changed, a)
		}
	}
	s.Kind(kindOccupation).Unchanged += len(occs) - len(changed)
	steps := []func() error{
		func() error { return WriteNodes(ctx, im, s, kindSector, d.sectors, im.DB.UpsertSectors) },
		func() error { return WriteLinks(ctx, im, s, "sector details", d.details, im.DB.BulkSectorDetails) },
		func() error {
			return WriteLinks(ctx, im, s, kindSectorBroader, d.broader, BulkLinks(im.DB, store.SectorBroader))
		},
		func() error { return WriteNodes(ctx, im, s, kindOccupation, changed, im.DB.UpsertOccupations) },
		func() error {
			return WriteLinks(ctx, im, s, kindOccSector, inSector, BulkLinks(im.DB, store.OccupationInSector))
		},
		func() error {
			return WriteLinks(ctx, im, s, kindOccSectorRemoved, inSector, func(ctx context.Context, l []store.BulkLink) (store.BulkCounts, error) {
				return im.DB.PruneOccupationSectors(ctx, SOCSectorPrefix, l)
			})
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return s, fmt.Errorf("soc: %w", err)
		}
	}
	return s, nil
}

// allOccupations reads every occupation in the graph.
func (im *Importer) allOccupations(ctx context.Context) ([]*workforce.Occupation, error) {
	ids, err := im.DB.IDs(ctx, workforce.KindOccupation)
	if err != nil {
		return nil, err
	}
	var out []*workforce.Occupation
	for chunk := range slices.Chunk(ids, 2000) {
		occs, err := im.DB.Occupations(ctx, chunk)
		if err != nil {
			return nil, err
		}
		out = append(out, occs...)
	}
	return out, nil
}
