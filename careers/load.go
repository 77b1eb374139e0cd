package careers

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/onework/onework/workforce"
)

// Files LoadData reads, relative to the data folder.
const (
	escoDir            = "esco-v1.1.1"
	fileOccupations    = escoDir + "/occupations_en.csv"
	fileSkills         = escoDir + "/skills_en.csv"
	fileRequirements   = escoDir + "/occupationSkillRelations.csv"
	fileSkillRelations = escoDir + "/skillSkillRelations.csv"
	fileSkillBroader   = escoDir + "/broaderRelationsSkillPillar.csv"
	fileOccBroader     = escoDir + "/broaderRelationsOccPillar.csv"
	fileAttributes     = "nesta/occupation_attributes.csv"
	fileSectors        = "nesta/skills_based_sectors_all_esco.csv"
	fileSussex         = "nesta/sussex_similar_jobs_dev.json"
	fileSOCStructure   = "uk-soc2020/soc2020_structure_descriptions.csv"
)

// SectorIDPrefix starts the id of each of Nesta's skills-based sectors,
// the sectors a change of sector is judged by.
const SectorIDPrefix = "nesta-sector-"

// IsSkillsSector reports whether a sector id is one of Nesta's
// skills-based sectors (rather than, say, a SOC group).
func IsSkillsSector(id string) bool { return strings.HasPrefix(id, SectorIDPrefix) }

// LoadData reads the engine's data from the reference data folder (see
// shared/data/SOURCES.md): ESCO v1.1.1 occupations, skills, requirements,
// skill relations and skill hierarchy, and Nesta's occupation attributes
// (job zone, UK annual earnings) and skills-based sectors.
//
// Nesta gives attributes for 1,627 ESCO occupations, the top of each ESCO
// branch. A narrower occupation without its own takes those of its nearest
// broader occupation that has them (a "primary school teaching assistant"
// those of a "teaching assistant"): a specialism shares its parent's
// preparation and, roughly, its pay. About 150 remain unknown.
//
// Of the skill hierarchy, the links between skills become Broader links
// and the links from skills to ESCO skill groups SkillGroups, filed by
// SkillGroupLink as "import esco" files them in the graph, so that the
// evaluation measures what production runs. Each occupation's SOC 2020
// unit group is assigned by AssignSOC, as "import soc" assigns it, from the
// crosswalk, the ONS coding index's titles (FileSOCCodingIndex, read by
// readIndex, which callers give as textmatch.ReadSOCIndex; nil reads no
// index) and the occupation hierarchy. Errors name the file and line.
func LoadData(dataDir string, readIndex SOCIndexReader) (Data, error) {
	var d Data
	loadSOC := func(dir string) error { return d.loadSOC(dir, readIndex) }
	steps := []func(string) error{
		d.loadConcepts, d.loadRequirements, d.loadSkillLinks,
		d.loadAttributes, d.loadSectors, d.loadProfiles, loadSOC, d.loadPay, d.keepKnown,
	}
	for _, step := range steps {
		if err := step(dataDir); err != nil {
			return Data{}, err
		}
	}
	return d, nil
}

// Extras are the parts of Data the graph does not hold, read from the
// reference data folder: ESCO's occupation hierarchy, O*NET skills profiles
// and Nesta sub-sectors, SOC 2020 entry routes and ASHE pay.
type Extras struct {
	OccupationBroader map[string][]string
	Profiles          Profiles
	EntryRoutes       map[string]string
	Pay               PayTable
}

// LoadExtras reads Extras from the data folder, as LoadData does.
func LoadExtras(dataDir string) (Extras, error) {
	var d Data
	d.OccupationBroader = map[string][]string{}
	err := readTable(dataDir, fileOccBroader, []string{"conceptType", "conceptUri", "broaderType", "broaderUri"}, func(get func(string) string, _ int) error {
		if get("conceptType") == "Occupation" && get("broaderType") == "Occupation" {
			d.OccupationBroader[get("conceptUri")] = append(d.OccupationBroader[get("conceptUri")], get("broaderUri"))
		}
		return nil
	})
	if err == nil {
		err = d.loadProfiles(dataDir)
	}
	if err == nil {
		err = d.loadRoutes(dataDir)
	}
	if err == nil {
		err = d.loadPay(dataDir)
	}
	return Extras{OccupationBroader: d.OccupationBroader, Profiles: d.Profiles, EntryRoutes: d.EntryRoutes, Pay: d.Pay}, err
}

// readTable reads a CSV file with a header row, handing each record to fn with a
// getter by column name. Cells hold quoted multi-line text, so lines are
// told by the CSV reader, not by counting newlines.
func readTable(dir, name string, columns []string, fn func(get func(col string) string, line int) error) error {
	path := filepath.Join(dir, name)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("careers data: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("careers data: %s: header: %w", name, err)
	}
	at := map[string]int{}
	for i, h := range header {
		at[h] = i
	}
	for _, c := range columns {
		if _, ok := at[c]; !ok {
			return fmt.Errorf("careers data: %s: no column %q", name, c)
		}
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("careers data: %s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		get := func(col string) string { return rec[at[col]] }
		if err := fn(get, line); err != nil {
			return fmt.Errorf("careers data: %s line %d: %w", name, line, err)
		}
	}
}

// loadConcepts reads ESCO's occupations and skills: an id, a preferred
// label and two columns of their own each.
func (d *Data) loadConcepts(dir string) error {
	type concept func(id, label string, get func(string) string)
	files := []struct {
		name  string
		extra []string
		add   concept
	}{
		{fileOccupations, []string{"code", "iscoGroup"}, func(id, label string, get func(string) string) {
			d.Occupations = append(d.Occupations, &workforce.Occupation{ID: id, Label: label, Code: get("code"), ISCOGroup: get("iscoGroup")})
		}},
		{fileSkills, []string{"skillType", "reuseLevel"}, func(id, label string, get func(string) string) {
			d.Skills = append(d.Skills, &workforce.Skill{ID: id, Label: label, Type: get("skillType"), ReuseLevel: get("reuseLevel")})
		}},
	}
	for _, f := range files {
		err := readTable(dir, f.name, append([]string{"conceptUri", "preferredLabel"}, f.extra...), func(get func(string) string, _ int) error {
			f.add(get("conceptUri"), get("preferredLabel"), get)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (d *Data) loadRequirements(dir string) error {
	d.Requirements = map[string][]workforce.Requirement{}
	return readTable(dir, fileRequirements, []string{"occupationUri", "relationType", "skillUri"}, func(get func(string) string, _ int) error {
		rel := get("relationType")
		if rel != "essential" && rel != "optional" {
			return fmt.Errorf("relationType %q is neither essential nor optional", rel)
		}
		occ := get("occupationUri")
		d.Requirements[occ] = append(d.Requirements[occ], workforce.Requirement{
			SkillID: get("skillUri"), Essential: rel == "essential", Source: "esco", Confidence: 1,
		})
		return nil
	})
}

func (d *Data) loadSkillLinks(dir string) error {
	d.SkillLinks = map[string]workforce.Links{}
	err := readTable(dir, fileSkillRelations, []string{"originalSkillUri", "relatedSkillUri"}, func(get func(string) string, _ int) error {
		from := get("originalSkillUri")
		l := d.SkillLinks[from]
		l.Related = append(l.Related, get("relatedSkillUri"))
		d.SkillLinks[from] = l
		return nil
	})
	if err != nil {
		return err
	}
	d.SkillGroups = map[string][]string{}
	return readTable(dir, fileSkillBroader, []string{"conceptType", "conceptUri", "broaderType", "broaderUri"}, func(get func(string) string, _ int) error {
		skill, broader := get("conceptUri"), get("broaderUri")
		switch {
		case SkillGroupLink(get("conceptType"), get("broaderType")):
			d.SkillGroups[skill] = append(d.SkillGroups[skill], broader)
		case get("conceptType") == escoSkillType && get("broaderType") == escoSkillType:
			l := d.SkillLinks[skill]
			l.Broader = append(l.Broader, broader)
			d.SkillLinks[skill] = l
		}
		return nil
	})
}

// The concept types of ESCO's skills hierarchy (broaderRelationsSkillPillar).
const escoSkillType, escoSkillGroupType = "KnowledgeSkillCompetence", "SkillGroup"

// SkillGroupLink reports whether a row of ESCO's skills hierarchy, from a
// concept of conceptType to a broader concept of broaderType, files a skill
// under its own skill group: the groups the engine counts skills of as
// siblings (Data.SkillGroups). Links between groups are left out: a group's
// skills are siblings, and the wider groups above would make everything
// one ("assisting and caring"). Both LoadData and "import esco" file skills
// by it.
func SkillGroupLink(conceptType, broaderType string) bool {
	return conceptType == escoSkillType && broaderType == escoSkillGroupType
}

// loadAttributes sets job zones and pay from Nesta's attributes, then lets
// narrower occupations inherit them (see LoadData).
func (d *Data) loadAttributes(dir string) error {
	type attrs struct {
		zone int
		pay  float64
	}
	known := map[string]attrs{}
	err := readTable(dir, fileAttributes, []string{"concept_uri", "job_zone", "annual_earnings"}, func(get func(string) string, _ int) error {
		zone, err := strconv.ParseFloat(get("job_zone"), 64)
		if err != nil || zone < 1 || zone > 5 || zone != float64(int(zone)) {
			return fmt.Errorf("job_zone %q is not a whole number from 1 to 5", get("job_zone"))
		}
		pay, err := strconv.ParseFloat(get("annual_earnings"), 64)
		if err != nil || !inRange(pay, 0, 10_000_000) {
			return fmt.Errorf("annual_earnings %q is not a number of pounds", get("annual_earnings"))
		}
		known[get("concept_uri")] = attrs{int(zone), pay}
		return nil
	})
	if err != nil {
		return err
	}
	broader := map[string][]string{}
	d.OccupationBroader = broader
	err = readTable(dir, fileOccBroader, []string{"conceptType", "conceptUri", "broaderType", "broaderUri"}, func(get func(string) string, _ int) error {
		if get("conceptType") == "Occupation" && get("broaderType") == "Occupation" {
			broader[get("conceptUri")] = append(broader[get("conceptUri")], get("broaderUri"))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, o := range d.Occupations {
		if a, ok := nearest(o.ID, known, broader); ok {
			o.JobZone, o.AnnualPay = a.zone, a.pay
		}
	}
	return nil
}

// loadSOC sets each occupation's SOC 2020 unit group and its source
// (AssignSOC) from the crosswalk (ReadSOCCrosswalk), the coding index's
// titles and the occupation hierarchy.
func (d *Data) loadSOC(dir string, readIndex SOCIndexReader) error {
	units, err := ReadSOCCrosswalk(filepath.Join(dir, FileSOCCrosswalk), nil)
	if err != nil {
		return err
	}
	var index SOCIndex
	if readIndex != nil {
		if index, err = readIndex(filepath.Join(dir, FileSOCCodingIndex)); err != nil {
			return fmt.Errorf("careers data: %w", err)
		}
	}
	AssignSOC(d.Occupations, units, d.OccupationBroader, index)
	return d.loadRoutes(dir)
}

// loadPay reads ASHE pay by SOC group.
func (d *Data) loadPay(dir string) (err error) {
	d.Pay, err = ReadASHE(dir)
	return err
}

// loadRoutes reads the typical entry routes of each SOC 2020 unit group.
func (d *Data) loadRoutes(dir string) error {
	d.EntryRoutes = map[string]string{}
	return readTable(dir, fileSOCStructure, []string{"level", "code", "typical_entry_routes_and_qualifications"}, func(get func(string) string, _ int) error {
		if get("level") == "unit" {
			d.EntryRoutes[get("code")] = strings.Join(strings.Fields(strings.ReplaceAll(get("typical_entry_routes_and_qualifications"), "~", " ")), " ")
		}
		return nil
	})
}

// loadProfiles reads the O*NET skills profiles and Nesta sub-sectors.
func (d *Data) loadProfiles(dir string) error {
	p, err := LoadProfiles(dir, d.OccupationBroader)
	d.Profiles = p
	return err
}

// loadSectors reads Nesta's 14 skills-based sectors of each occupation.
func (d *Data) loadSectors(dir string) error {
	d.OccupationSectors = map[string][]string{}
	names := map[string]string{}
	err := readTable(dir, fileSectors, []string{"concept_uri", "skills_based_sector_code", "skills_based_sector"}, func(get func(string) string, _ int) error {
		id := SectorIDPrefix + get("skills_based_sector_code")
		names[id] = get("skills_based_sector")
		d.OccupationSectors[get("concept_uri")] = append(d.OccupationSectors[get("concept_uri")], id)
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range sortedKeys(names) {
		d.Sectors = append(d.Sectors, &workforce.Sector{ID: id, Name: names[id]})
	}
	return nil
}

// keepKnown drops requirements and sectors of occupations that ESCO's
// occupation list does not hold: v1.1.1 links 67 skills to one occupation
// missing from it, and Nesta's files were made from an earlier version.
func (d *Data) keepKnown(string) error {
	ids := map[string]bool{}
	for _, o := range d.Occupations {
		ids[o.ID] = true
	}
	for id := range d.Requirements {
		if !ids[id] {
			delete(d.Requirements, id)
		}
	}
	for _, m := range []map[string][]string{d.OccupationSectors, d.OccupationBroader} {
		for id := range m {
			if !ids[id] {
				delete(m, id)
			}
		}
	}
	for id := range d.Profiles.ONet {
		if !ids[id] {
			delete(d.Profiles.ONet, id)
		}
	}
	for id := range d.Profiles.SubSectors {
		if !ids[id] {
			delete(d.Profiles.SubSectors, id)
		}
	}
	return nil
}
