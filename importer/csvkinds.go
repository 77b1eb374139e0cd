package importer

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/onework/onework/store"
	"github.com/onework/onework/workforce"
)

// ListSeparator separates the items of a list in OneWork's CSV formats.
const ListSeparator = "|"

// The columns of OneWork's CSV formats; docs/import.md describes them.
var (
	vacancyColumns = header{strict: true,
		required: []string{"id", "title", "employer_id"},
		optional: []string{"description", "occupation_id", "place_id", "lat", "lon", "salary_min", "salary_max", "hours_per_week",
			"contract", "flexible", "requires_right_to_work", "posted_at", "closes_at", "essential_skills", "optional_skills", "registration", "source"}}
	personColumns = header{strict: true,
		required: []string{"id"},
		optional: []string{"org_id", "name", "email", "phone", "place_id", "lat", "lon", "travel_km", "available_from", "hours_per_week",
			"right_to_work", "current_pay", "consent_matching", "consent_share_with_employers", "consent_monitoring", "seeks", "skills"}}
	programmeColumns = header{strict: true,
		required: []string{"id", "title", "kind", "provider_id"},
		optional: []string{"description", "place_id", "lat", "lon", "start_date", "duration_weeks", "places_left", "cost",
			"eligibility", "teaches", "leads_to"}}
)

// cells reads typed values from a row, keeping the first problem.
type cells struct {
	r    row
	prob *Problem
}

func (c *cells) fail(col, format string, args ...any) {
	if c.prob == nil {
		p := c.r.problem(col, format, args...)
		c.prob = &p
	}
}

func (c *cells) str(col string) string { return c.r.get(col) }

func (c *cells) float(col string) float64 {
	s := c.r.get(col)
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		c.fail(col, "want a number, got %q", s)
	}
	return v
}

func (c *cells) int(col string) int {
	s := c.r.get(col)
	if s == "" {
		return 0
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		c.fail(col, "want a whole number, got %q", s)
	}
	return v
}

func (c *cells) bool(col string, def bool) bool {
	switch strings.ToLower(c.r.get(col)) {
	case "":
		return def
	case "true", "yes", "y", "1":
		return true
	case "false", "no", "n", "0":
		return false
	}
	c.fail(col, "want true or false, got %q", c.r.get(col))
	return false
}

func (c *cells) date(col string) *time.Time {
	s := c.r.get(col)
	if s == "" {
		return nil
	}
	for _, layout := range []string{"2006-01-02", time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			t = t.UTC()
			return &t
		}
	}
	c.fail(col, "want a date such as 2025-09-01, got %q", s)
	return nil
}

func (c *cells) point() *workforce.Point {
	if c.r.get("lat") == "" && c.r.get("lon") == "" {
		return nil
	}
	if c.r.get("lat") == "" || c.r.get("lon") == "" {
		c.fail("lat/lon", "give both lat and lon or neither")
		return nil
	}
	pt := &workforce.Point{Lat: c.float("lat"), Lon: c.float("lon")}
	if err := workforce.ValidPoint("location", pt); err != nil {
		c.fail("lat/lon", "%s", workforce.ErrorMessage(err))
	}
	return pt
}

func (c *cells) list(col string) []string { return splitList(c.r.get(col), ListSeparator) }

// check keeps the problem of a domain validation error, renaming its field
// to the column it came from.
func (c *cells) check(err error, columns map[string]string) {
	if err == nil {
		return
	}
	field := workforce.ErrorField(err)
	if col, ok := columns[field]; ok {
		field = col
	}
	c.fail(field, "%s", workforce.ErrorMessage(err))
}

// refCheck collects the nodes rows refer to, so that rows naming missing
// nodes can be rejected before anything is written.
type refCheck struct {
	want map[workforce.Kind]map[string]bool
	uses []refUse
}

type refUse struct {
	at   int // index of the item
	r    row
	col  string
	kind workforce.Kind
	id   string
}

func (rc *refCheck) add(at int, r row, col string, kind workforce.Kind, ids ...string) {
	if rc.want == nil {
		rc.want = map[workforce.Kind]map[string]bool{}
	}
	if rc.want[kind] == nil {
		rc.want[kind] = map[string]bool{}
	}
	for _, id := range ids {
		if id != "" {
			rc.want[kind][id] = true
			rc.uses = append(rc.uses, refUse{at, r, col, kind, id})
		}
	}
}

// missing returns, for each item index, the first problem with its
// references. Ids in own (items of the file itself) count as existing.
func (rc *refCheck) missing(ctx context.Context, db *store.DB, ownKind workforce.Kind, own map[string]bool) (map[int]Problem, error) {
	exists := map[workforce.Kind]map[string]bool{}
	for kind, ids := range rc.want {
		list := make([]string, 0, len(ids))
		for id := range ids {
			list = append(list, id)
		}
		found, err := db.BulkExisting(ctx, kind, list)
		if err != nil {
			return nil, err
		}
		exists[kind] = found
	}
	out := map[int]Problem{}
	for _, u := range rc.uses {
		if _, done := out[u.at]; done || exists[u.kind][u.id] || (u.kind == ownKind && own[u.id]) {
			continue
		}
		out[u.at] = u.r.problem(u.col, "%s %q not found", strings.ToLower(string(u.kind)), u.id)
	}
	return out, nil
}

// CSV imports a OneWork CSV file of the given kind: "vacancies", "people" or
// "programmes".
func (im *Importer) CSV(ctx context.Context, kind, path string) (*Summary, error) {
	switch kind {
	case "vacancies":
		return im.csvVacancies(ctx, path)
	case "people":
		return im.csvPeople(ctx, path)
	case "programmes":
		return im.csvProgrammes(ctx, path)
	}
	return nil, usagef("import csv: unknown kind %q (want vacancies, people or programmes)", kind)
}

// csvItems parses every row of t with parse, rejecting bad rows and
// duplicate ids, then rejects rows whose references are missing. Parse
// records the references of the row it reads in rc under index at.
func csvItems[T any](ctx context.Context, db *store.DB, s *Summary, kind string, t *table, ownKind workforce.Kind,
	parse func(c *cells, rc *refCheck, at int) (id string, item T)) ([]T, error) {
	var items []T
	ids := rowIDs{}
	rc := &refCheck{}
	for _, r := range t.rows {
		c := &cells{r: r}
		at := len(items)
		rowRefs := &refCheck{}
		id, item := parse(c, rowRefs, at)
		if c.prob != nil {
			s.Reject(kind, *c.prob)
			continue
		}
		if !ids.claim(s, kind, r, "id", id) {
			continue
		}
		for _, u := range rowRefs.uses {
			rc.add(u.at, u.r, u.col, u.kind, u.id)
		}
		items = append(items, item)
	}
	own := map[string]bool{}
	for id := range ids {
		own[id] = true
	}
	bad, err := rc.missing(ctx, db, ownKind, own)
	if err != nil {
		return nil, err
	}
	var good []T
	for i, item := range items {
		if p, ok := bad[i]; ok {
			s.Reject(kind, p)
			continue
		}
		good = append(good, item)
	}
	return good, nil
}

type csvVacancy struct {
	v    *workforce.Vacancy
	reqs []store.BulkRequirement
}

func (im *Importer) csvVacancies(ctx context.Context, path string) (*Summary, error) {
	t, err := readCSV(path, vacancyColumns)
	if err != nil {
		return nil, fmt.Errorf("csv vacancies: %w", err)
	}
	s := NewSummary()
	items, err := csvItems(ctx, im.DB, s, kindVacancy, t, workforce.KindVacancy, func(c *cells, rc *refCheck, at int) (string, csvVacancy) {
		v := &workforce.Vacancy{
			ID: c.str("id"), Title: c.str("title"), Description: c.str("description"), EmployerID: c.str("employer_id"),
			OccupationID: c.str("occupation_id"), PlaceID: c.str("place_id"), Location: c.point(),
			SalaryMin: c.float("salary_min"), SalaryMax: c.float("salary_max"), HoursPerWeek: c.float("hours_per_week"),
			Contract: workforce.ContractType(strings.ToUpper(c.str("contract"))), Flexible: c.bool("flexible", false),
			RequiresRightToWork: c.bool("requires_right_to_work", true), PostedAt: c.date("posted_at"), ClosesAt: c.date("closes_at"),
			Registration: workforce.Regulator(strings.ToUpper(c.str("registration"))), Source: c.str("source"),
		}
		if v.Source == "" {
			v.Source = "csv:" + filepath.Base(path)
		}
		if v.OccupationID != "" {
			v.OccupationSource, v.OccupationConfidence = "partner", 1
		}
		c.check(v.Validate(), map[string]string{"employerId": "employer_id", "occupationId": "occupation_id", "placeId": "place_id",
			"salaryMin": "salary_min", "salaryMax": "salary_max", "hoursPerWeek": "hours_per_week", "closesAt": "closes_at"})
		item := csvVacancy{v: v}
		for _, list := range []struct {
			col       string
			essential bool
		}{{"essential_skills", true}, {"optional_skills", false}} {
			for _, id := range c.list(list.col) {
				item.reqs = append(item.reqs, store.BulkRequirement{FromID: v.ID,
					Requirement: workforce.Requirement{SkillID: id, Essential: list.essential, Source: "partner", Confidence: 1}})
				rc.add(at, c.r, list.col, workforce.KindSkill, id)
			}
		}
		rc.add(at, c.r, "employer_id", workforce.KindEmployer, v.EmployerID)
		rc.add(at, c.r, "occupation_id", workforce.KindOccupation, v.OccupationID)
		rc.add(at, c.r, "place_id", workforce.KindPlace, v.PlaceID)
		return v.ID, item
	})
	if err != nil {
		return s, fmt.Errorf("csv vacancies: %w", err)
	}
	var vacancies []*workforce.Vacancy
	var reqs []store.BulkRequirement
	for _, it := range items {
		vacancies = append(vacancies, it.v)
		reqs = append(reqs, it.reqs...)
	}
	if err := WriteNodes(ctx, im, s, kindVacancy, vacancies, im.DB.UpsertVacancies); err != nil {
		return s, fmt.Errorf("csv vacancies: %w", err)
	}
	if err := WriteLinks(ctx, im, s, kindVacancySkill, reqs, im.DB.BulkVacancyRequirements); err != nil {
		return s, fmt.Errorf("csv vacancies: %w", err)
	}
	return s, nil
}

type csvPerson struct {
	p      *workforce.Person
	skills []store.BulkPersonSkill
}

func (im *Importer) csvPeople(ctx context.Context, path string) (*Summary, error) {
	t, err := readCSV(path, personColumns)
	if err != nil {
		return nil, fmt.Errorf("csv people: %w", err)
	}
	s := NewSummary()
	items, err := csvItems(ctx, im.DB, s, kindPerson, t, workforce.KindPerson, func(c *cells, rc *refCheck, at int) (string, csvPerson) {
		p := &workforce.Person{
			ID: c.str("id"), OrgID: c.str("org_id"), Name: c.str("name"), Email: c.str("email"), Phone: c.str("phone"),
			PlaceID: c.str("place_id"), Location: c.point(), TravelKm: c.float("travel_km"), AvailableFrom: c.date("available_from"),
			HoursPerWeek: c.float("hours_per_week"), RightToWork: c.bool("right_to_work", false), CurrentPay: c.float("current_pay"),
			ConsentMatching: c.bool("consent_matching", false), ConsentShareWithEmployers: c.bool("consent_share_with_employers", false),
			ConsentMonitoring: c.bool("consent_monitoring", false), Seeks: c.list("seeks"),
		}
		c.check(p.Validate(), map[string]string{"orgId": "org_id", "placeId": "place_id", "travelKm": "travel_km",
			"hoursPerWeek": "hours_per_week", "currentPay": "current_pay"})
		item := csvPerson{p: p}
		for _, entry := range c.list("skills") {
			id, levelText, _ := strings.Cut(entry, "#")
			ps := workforce.PersonSkill{SkillID: strings.TrimSpace(id), Level: 2, Source: "import"}
			if levelText != "" {
				level, err := strconv.Atoi(strings.TrimSpace(levelText))
				if err != nil {
					c.fail("skills", "want SKILL_ID or SKILL_ID#LEVEL with a level from 1 to 4, got %q", entry)
				}
				ps.Level = level
			}
			c.check(ps.Validate(), map[string]string{"level": "skills", "skillId": "skills"})
			item.skills = append(item.skills, store.BulkPersonSkill{PersonID: p.ID, PersonSkill: ps})
			rc.add(at, c.r, "skills", workforce.KindSkill, ps.SkillID)
		}
		rc.add(at, c.r, "place_id", workforce.KindPlace, p.PlaceID)
		rc.add(at, c.r, "seeks", workforce.KindOccupation, p.Seeks...)
		return p.ID, item
	})
	if err != nil {
		return s, fmt.Errorf("csv people: %w", err)
	}
	var people []*workforce.Person
	var skills []store.BulkPersonSkill
	for _, it := range items {
		people = append(people, it.p)
		skills = append(skills, it.skills...)
	}
	if err := WriteNodes(ctx, im, s, kindPerson, people, im.DB.UpsertPeople); err != nil {
		return s, fmt.Errorf("csv people: %w", err)
	}
	if err := WriteLinks(ctx, im, s, kindPersonSkill, skills, im.DB.BulkPersonSkills); err != nil {
		return s, fmt.Errorf("csv people: %w", err)
	}
	return s, nil
}

type csvProgramme struct {
	p       *workforce.Programme
	teaches []store.BulkLink
	leadsTo []store.BulkLink
}

func (im *Importer) csvProgrammes(ctx context.Context, path string) (*Summary, error) {
	t, err := readCSV(path, programmeColumns)
	if err != nil {
		return nil, fmt.Errorf("csv programmes: %w", err)
	}
	s := NewSummary()
	items, err := csvItems(ctx, im.DB, s, kindProgramme, t, workforce.KindProgramme, func(c *cells, rc *refCheck, at int) (string, csvProgramme) {
		p := &workforce.Programme{
			ID: c.str("id"), Title: c.str("title"), Description: c.str("description"),
			Kind: workforce.ProgrammeKind(strings.ToUpper(c.str("kind"))), ProviderID: c.str("provider_id"),
			PlaceID: c.str("place_id"), Location: c.point(), StartDate: c.date("start_date"), DurationWeeks: c.int("duration_weeks"),
			Cost: c.float("cost"), Eligibility: c.str("eligibility"),
		}
		if c.str("places_left") != "" {
			n := c.int("places_left")
			p.PlacesLeft = &n
		}
		c.check(p.Validate(), map[string]string{"providerId": "provider_id", "placeId": "place_id", "durationWeeks": "duration_weeks",
			"placesLeft": "places_left"})
		item := csvProgramme{p: p}
		for _, id := range c.list("teaches") {
			item.teaches = append(item.teaches, store.BulkLink{FromID: p.ID, ToID: id})
		}
		for _, id := range c.list("leads_to") {
			item.leadsTo = append(item.leadsTo, store.BulkLink{FromID: p.ID, ToID: id})
		}
		rc.add(at, c.r, "provider_id", workforce.KindProvider, p.ProviderID)
		rc.add(at, c.r, "place_id", workforce.KindPlace, p.PlaceID)
		rc.add(at, c.r, "teaches", workforce.KindSkill, c.list("teaches")...)
		rc.add(at, c.r, "leads_to", workforce.KindOccupation, c.list("leads_to")...)
		return p.ID, item
	})
	if err != nil {
		return s, fmt.Errorf("csv programmes: %w", err)
	}
	var programmes []*workforce.Programme
	var teaches, leadsTo []store.BulkLink
	for _, it := range items {
		programmes = append(programmes, it.p)
		teaches = append(teaches, it.teaches...)
		leadsTo = append(leadsTo, it.leadsTo...)
	}
	if err := WriteNodes(ctx, im, s, kindProgramme, programmes, im.DB.UpsertProgrammes); err != nil {
		return s, fmt.Errorf("csv programmes: %w", err)
	}
	if err := WriteLinks(ctx, im, s, kindProgrammeSkill, teaches, BulkLinks(im.DB, store.ProgrammeTeaches)); err != nil {
		return s, fmt.Errorf("csv programmes: %w", err)
	}
	if err := WriteLinks(ctx, im, s, kindProgrammeOcc, leadsTo, BulkLinks(im.DB, store.ProgrammeLeadsTo)); err != nil {
		return s, fmt.Errorf("csv programmes: %w", err)
	}
	return s, nil
}
