package importer

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/onework/onework/careers"
	"github.com/onework/onework/store"
	"github.com/onework/onework/workforce"
)

// ESCO file names inside the directory given to "import esco".
const (
	escoOccupations     = "occupations_en.csv"
	escoSkills          = "skills_en.csv"
	escoOccupationSkill = "occupationSkillRelations.csv"
	escoSkillSkill      = "skillSkillRelations.csv"
	escoBroaderOcc      = "broaderRelationsOccPillar.csv"
	escoBroaderSkill    = "broaderRelationsSkillPillar.csv"
	escoSkillGroups     = "skillGroups_en.csv"
)

// escoData is a parsed, validated ESCO release, ready to write.
type escoData struct {
	skills       []*workforce.Skill
	occupations  []*workforce.Occupation
	requirements []store.BulkRequirement
	related      []store.BulkRelated
	broaderSkill []store.BulkLink
	broaderOcc   []store.BulkLink
	skillGroups  []store.BulkSkillGroup
	skillInGroup []store.BulkLink
	summary      *Summary
}

// Kinds of rows an ESCO import reports on.
const (
	kindSkill          = "skills"
	kindOccupation     = "occupations"
	kindRequirement    = "occupation requires"
	kindRelated        = "skill related"
	kindBroaderSkill   = "skill broader"
	kindBroaderOcc     = "occupation broader"
	kindSkillGroup     = "skill groups"
	kindSkillInGroup   = "skill in group"
	kindPlace          = "places"
	kindEmployer       = "employers"
	kindVacancy        = "vacancies"
	kindVacancySkill   = "vacancy requires"
	kindPerson         = "people"
	kindPersonSkill    = "person skills"
	kindProvider       = "providers"
	kindProgramme      = "programmes"
	kindProgrammeSkill = "programme teaches"
	kindProgrammeOcc   = "programme leads to"
	kindSector         = "sectors"
	kindSectorBroader  = "sector broader"
	kindOccSector      = "occupation in sector"
)

// readESCO reads and validates the ESCO CSV files in dir. Only malformed
// files are errors; bad rows are recorded in the summary.
func readESCO(dir string) (*escoData, error) {
	d := &escoData{summary: NewSummary()}
	for _, k := range []string{kindSkill, kindOccupation, kindRequirement, kindRelated, kindBroaderSkill, kindBroaderOcc, kindSkillGroup, kindSkillInGroup} {
		d.summary.Kind(k) // the summary lists kinds in this order
	}
	files := []struct {
		name string
		h    header
	}{
		{escoSkills, header{required: []string{"conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "description"}}},
		{escoOccupations, header{required: []string{"conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "description", "code"}}},
		{escoOccupationSkill, header{required: []string{"occupationUri", "relationType", "skillUri"}}},
		{escoSkillSkill, header{required: []string{"originalSkillUri", "relationType", "relatedSkillUri"}}},
		{escoBroaderOcc, header{required: []string{"conceptType", "conceptUri", "broaderType", "broaderUri"}}},
		{escoBroaderSkill, header{required: []string{"conceptType", "conceptUri", "broaderType", "broaderUri"}}},
		{escoSkillGroups, header{required: []string{"conceptType", "conceptUri", "preferredLabel"}}},
	}
	tables := map[string]*table{}
	for _, f := range files {
		t, err := readCSV(filepath.Join(dir, f.name), f.h)
		if err != nil {
			return nil, fmt.Errorf("esco: %w", err)
		}
		tables[f.name] = t
	}
	skillIDs := d.readSkills(tables[escoSkills])
	occIDs := d.readOccupations(tables[escoOccupations])
	d.readRequirements(tables[escoOccupationSkill], occIDs, skillIDs)
	d.readRelated(tables[escoSkillSkill], skillIDs)
	d.broaderOcc = d.readBroader(tables[escoBroaderOcc], kindBroaderOcc, "Occupation", occIDs)
	d.broaderSkill = d.readBroader(tables[escoBroaderSkill], kindBroaderSkill, "KnowledgeSkillCompetence", skillIDs)
	groupIDs := d.readSkillGroups(tables[escoSkillGroups])
	d.readSkillInGroup(tables[escoBroaderSkill], skillIDs, groupIDs)
	return d, nil
}

// readSkillGroups reads the groups of ESCO's skills hierarchy.
func (d *escoData) readSkillGroups(t *table) rowIDs {
	ids := rowIDs{}
	for _, r := range t.rows {
		g := store.BulkSkillGroup{ID: r.get("conceptUri"), Label: r.get("preferredLabel")}
		switch ct := r.get("conceptType"); {
		case ct != "SkillGroup":
			d.summary.Reject(kindSkillGroup, r.problem("conceptType", "want SkillGroup, got %q", ct))
			continue
		case !validate(d.summary, kindSkillGroup, r, workforce.ValidID("conceptUri", g.ID)):
			continue
		case g.Label == "":
			d.summary.Reject(kindSkillGroup, r.problem("preferredLabel", "must not be empty"))
			continue
		case !ids.claim(d.summary, kindSkillGroup, r, "conceptUri", g.ID):
			continue
		}
		d.skillGroups = append(d.skillGroups, g)
	}
	return ids
}

// readSkillInGroup keeps the links of the skills hierarchy that file a
// skill under its own skill group, as careers.SkillGroupLink says, so that
// the graph holds the groups the career-moves engine counts skills of as
// siblings.
func (d *escoData) readSkillInGroup(t *table, skillIDs, groupIDs rowIDs) {
	seen := map[[2]string]int{}
	for _, r := range t.rows {
		if !careers.SkillGroupLink(r.get("conceptType"), r.get("broaderType")) {
			continue
		}
		from, to := r.get("conceptUri"), r.get("broaderUri")
		if !known(d.summary, kindSkillInGroup, r, "conceptUri", from, skillIDs, "skill") ||
			!known(d.summary, kindSkillInGroup, r, "broaderUri", to, groupIDs, "skill group") {
			continue
		}
		if first, dup := seen[[2]string{from, to}]; dup {
			d.summary.Reject(kindSkillInGroup, r.problem("broaderUri", "duplicate link (first on line %d)", first))
			continue
		}
		seen[[2]string{from, to}] = r.line
		d.skillInGroup = append(d.skillInGroup, store.BulkLink{FromID: from, ToID: to})
	}
}

// rowIDs remembers the line each id was first seen on, to report duplicates.
type rowIDs map[string]int

// claim records id for r, or rejects r as a duplicate and returns false.
func (ids rowIDs) claim(s *Summary, kind string, r row, field, id string) bool {
	if first, dup := ids[id]; dup {
		s.Reject(kind, r.problem(field, "duplicate id %q (first on line %d)", id, first))
		return false
	}
	ids[id] = r.line
	return true
}

// validate rejects r with the field and message of err if err is not nil.
func validate(s *Summary, kind string, r row, err error) bool {
	if err == nil {
		return true
	}
	s.Reject(kind, r.problem(workforce.ErrorField(err), "%s", workforce.ErrorMessage(err)))
	return false
}

func (d *escoData) readSkills(t *table) rowIDs {
	ids := rowIDs{}
	for _, r := range t.rows {
		if ct := r.get("conceptType"); ct != "KnowledgeSkillCompetence" {
			d.summary.Reject(kindSkill, r.problem("conceptType", "want KnowledgeSkillCompetence, got %q", ct))
			continue
		}
		s := &workforce.Skill{
			ID:           r.get("conceptUri"),
			Label:        r.get("preferredLabel"),
			AltLabels:    splitList(r.get("altLabels"), ""),
			HiddenLabels: splitList(r.get("hiddenLabels"), ""),
			Description:  r.get("description"),
			Type:         r.get("skillType"),
			ReuseLevel:   r.get("reuseLevel"),
		}
		if !validate(d.summary, kindSkill, r, s.Validate()) || !ids.claim(d.summary, kindSkill, r, "conceptUri", s.ID) {
			continue
		}
		d.skills = append(d.skills, s)
	}
	return ids
}

func (d *escoData) readOccupations(t *table) rowIDs {
	ids := rowIDs{}
	for _, r := range t.rows {
		if ct := r.get("conceptType"); ct != "Occupation" {
			d.summary.Reject(kindOccupation, r.problem("conceptType", "want Occupation, got %q", ct))
			continue
		}
		o := &workforce.Occupation{
			ID:          r.get("conceptUri"),
			Label:       r.get("preferredLabel"),
			AltLabels:   splitList(r.get("altLabels"), ""),
			Description: r.get("description"),
			Code:        r.get("code"),
			ISCOGroup:   r.get("iscoGroup"),
		}
		if !validate(d.summary, kindOccupation, r, o.Validate()) || !ids.claim(d.summary, kindOccupation, r, "conceptUri", o.ID) {
			continue
		}
		d.occupations = append(d.occupations, o)
	}
	return ids
}

// essential parses an ESCO relationType.
func essential(r row, col string) (bool, *Problem) {
	switch v := r.get(col); v {
	case "essential":
		return true, nil
	case "optional":
		return false, nil
	default:
		p := r.problem(col, "want essential or optional, got %q", v)
		return false, &p
	}
}

// known rejects r unless id is one of ids (read from the same release).
func known(s *Summary, kind string, r row, field, id string, ids rowIDs, what string) bool {
	if _, ok := ids[id]; ok {
		return true
	}
	if id == "" {
		s.Reject(kind, r.problem(field, "must not be empty"))
	} else {
		s.Reject(kind, r.problem(field, "unknown %s %q", what, id))
	}
	return false
}

func (d *escoData) readRequirements(t *table, occIDs, skillIDs rowIDs) {
	seen := map[[2]string]int{}
	for _, r := range t.rows {
		occ, skill := r.get("occupationUri"), r.get("skillUri")
		ess, p := essential(r, "relationType")
		switch {
		case p != nil:
			d.summary.Reject(kindRequirement, *p)
			continue
		case !known(d.summary, kindRequirement, r, "occupationUri", occ, occIDs, "occupation"),
			!known(d.summary, kindRequirement, r, "skillUri", skill, skillIDs, "skill"):
			continue
		}
		if first, dup := seen[[2]string{occ, skill}]; dup {
			d.summary.Reject(kindRequirement, r.problem("skillUri", "duplicate link (first on line %d)", first))
			continue
		}
		seen[[2]string{occ, skill}] = r.line
		d.requirements = append(d.requirements, store.BulkRequirement{FromID: occ,
			Requirement: workforce.Requirement{SkillID: skill, Essential: ess, Source: "esco", Confidence: 1}})
	}
}

func (d *escoData) readRelated(t *table, skillIDs rowIDs) {
	seen := map[[2]string]int{}
	for _, r := range t.rows {
		from, to := r.get("originalSkillUri"), r.get("relatedSkillUri")
		ess, p := essential(r, "relationType")
		switch {
		case p != nil:
			d.summary.Reject(kindRelated, *p)
			continue
		case !known(d.summary, kindRelated, r, "originalSkillUri", from, skillIDs, "skill"),
			!known(d.summary, kindRelated, r, "relatedSkillUri", to, skillIDs, "skill"):
			continue
		case from == to:
			d.summary.Reject(kindRelated, r.problem("relatedSkillUri", "a skill cannot relate to itself"))
			continue
		}
		if first, dup := seen[[2]string{from, to}]; dup {
			d.summary.Reject(kindRelated, r.problem("relatedSkillUri", "duplicate link (first on line %d)", first))
			continue
		}
		seen[[2]string{from, to}] = r.line
		d.related = append(d.related, store.BulkRelated{FromID: from, ToID: to, Essential: ess})
	}
}

// readBroader keeps the broader links between two concepts of conceptType
// (occupation to occupation, skill to skill). Links to or from ISCO groups
// and skill groups are skipped without complaint: OneWork has no nodes for
// ISCO groups (an occupation keeps its ISCO group as a property), and a
// skill's own group is read by readSkillInGroup.
func (d *escoData) readBroader(t *table, kind, conceptType string, ids rowIDs) []store.BulkLink {
	var links []store.BulkLink
	seen := map[[2]string]int{}
	for _, r := range t.rows {
		if r.get("conceptType") != conceptType || r.get("broaderType") != conceptType {
			continue
		}
		from, to := r.get("conceptUri"), r.get("broaderUri")
		switch {
		case !known(d.summary, kind, r, "conceptUri", from, ids, "concept"),
			!known(d.summary, kind, r, "broaderUri", to, ids, "concept"):
			continue
		case from == to:
			d.summary.Reject(kind, r.problem("broaderUri", "a concept cannot be broader than itself"))
			continue
		}
		if first, dup := seen[[2]string{from, to}]; dup {
			d.summary.Reject(kind, r.problem("broaderUri", "duplicate link (first on line %d)", first))
			continue
		}
		seen[[2]string{from, to}] = r.line
		links = append(links, store.BulkLink{FromID: from, ToID: to})
	}
	return links
}

// ESCO imports the ESCO CSV files in dir: skills, occupations, occupation
// requirements, related skills, the broader hierarchies of occupations and
// of skills, and the skill groups with each skill's link to its own group
// (Skill)-[:BROADER]->(SkillGroup).
func (im *Importer) ESCO(ctx context.Context, dir string) (*Summary, error) {
	d, err := readESCO(dir)
	if err != nil {
		return nil, err
	}
	s := d.summary
	if err := im.keepOccupationExtras(ctx, d.occupations); err != nil {
		return s, fmt.Errorf("esco: %w", err)
	}
	steps := []func() error{
		func() error { return WriteNodes(ctx, im, s, kindSkill, d.skills, im.DB.UpsertSkills) },
		func() error { return WriteNodes(ctx, im, s, kindOccupation, d.occupations, im.DB.UpsertOccupations) },
		func() error {
			return WriteLinks(ctx, im, s, kindRequirement, d.requirements, im.DB.BulkOccupationRequirements)
		},
		func() error { return WriteLinks(ctx, im, s, kindRelated, d.related, im.DB.BulkSkillRelated) },
		func() error {
			return WriteLinks(ctx, im, s, kindBroaderSkill, d.broaderSkill, BulkLinks(im.DB, store.SkillBroader))
		},
		func() error {
			return WriteLinks(ctx, im, s, kindBroaderOcc, d.broaderOcc, BulkLinks(im.DB, store.OccupationBroader))
		},
		func() error { return WriteLinks(ctx, im, s, kindSkillGroup, d.skillGroups, im.DB.BulkSkillGroups) },
		func() error {
			return WriteLinks(ctx, im, s, kindSkillInGroup, d.skillInGroup, BulkLinks(im.DB, store.SkillInGroup))
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return s, fmt.Errorf("esco: %w", err)
		}
	}
	return s, nil
}

// keepOccupationExtras copies onto occs the fields that ESCO does not give
// and other imports set (SOC code and its source, job zone, pay), from the stored
// occupations, so that re-importing ESCO never erases them.
func (im *Importer) keepOccupationExtras(ctx context.Context, occs []*workforce.Occupation) error {
	for chunk := range slices.Chunk(occs, 2000) {
		ids := make([]string, len(chunk))
		for i, o := range chunk {
			ids[i] = o.ID
		}
		stored, err := im.DB.Occupations(ctx, ids)
		if err != nil {
			return err
		}
		byID := make(map[string]*workforce.Occupation, len(stored))
		for _, o := range stored {
			byID[o.ID] = o
		}
		for _, o := range chunk {
			if old, ok := byID[o.ID]; ok {
				o.SOCCode, o.SOCSource, o.JobZone, o.AnnualPay = old.SOCCode, old.SOCSource, old.JobZone, old.AnnualPay
			}
		}
	}
	return nil
}

// ESCOConcepts are the parts of an ESCO release that text matching reads.
type ESCOConcepts struct {
	Occupations []*workforce.Occupation
	Skills      []*workforce.Skill
	// OccupationBroader maps an occupation to its broader occupations.
	OccupationBroader map[string][]string
	// SkillGroups maps a skill to the ESCO skill groups it is filed under
	// (careers.SkillGroupLink), as the graph holds them.
	SkillGroups map[string][]string
}

// ReadESCOConcepts reads the ESCO CSV files in dir as "import esco" does,
// without writing anything: the occupations and skills with their labels
// and descriptions, the occupation hierarchy and each skill's skill groups. Bad rows are left out as
// the import leaves them out; a missing or malformed file is an error.
func ReadESCOConcepts(dir string) (ESCOConcepts, error) {
	d, err := readESCO(dir)
	if err != nil {
		return ESCOConcepts{}, err
	}
	c := ESCOConcepts{Occupations: d.occupations, Skills: d.skills, OccupationBroader: map[string][]string{}, SkillGroups: map[string][]string{}}
	for _, l := range d.broaderOcc {
		c.OccupationBroader[l.FromID] = append(c.OccupationBroader[l.FromID], l.ToID)
	}
	for _, l := range d.skillInGroup {
		c.SkillGroups[l.FromID] = append(c.SkillGroups[l.FromID], l.ToID)
	}
	return c, nil
}
