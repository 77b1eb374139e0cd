package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/onework/onework/store"
	"github.com/onework/onework/workforce"
)

// jobPosting is the part of a schema.org JobPosting that OneWork reads.
type jobPosting struct {
	Type               string     `json:"@type"`
	Title              string     `json:"title"`
	Description        string     `json:"description"`
	DatePosted         string     `json:"datePosted"`
	ValidThrough       string     `json:"validThrough"`
	EmploymentType     oneOrMany  `json:"employmentType"`
	HiringOrganization *jpOrg     `json:"hiringOrganization"`
	JobLocation        jpPlaces   `json:"jobLocation"`
	BaseSalary         *jpSalary  `json:"baseSalary"`
	URL                string     `json:"url"`
	Identifier         jpIdent    `json:"identifier"`
	VacancyID          flexString `json:"_vacancy_id"`
}

type jpOrg struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

type jpPlace struct {
	Address *struct {
		Locality   string `json:"addressLocality"`
		Region     string `json:"addressRegion"`
		PostalCode string `json:"postalCode"`
	} `json:"address"`
	Geo *struct {
		Latitude  flexNumber `json:"latitude"`
		Longitude flexNumber `json:"longitude"`
	} `json:"geo"`
}

type jpSalary struct {
	Currency string `json:"currency"`
	Value    *struct {
		Value    flexString `json:"value"`
		MinValue flexNumber `json:"minValue"`
		MaxValue flexNumber `json:"maxValue"`
		UnitText string     `json:"unitText"`
	} `json:"value"`
}

// jpIdent is a schema.org identifier: a text or a PropertyValue.
type jpIdent string

func (i *jpIdent) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*i = jpIdent(s)
		return nil
	}
	var pv struct {
		Value flexString `json:"value"`
	}
	if err := json.Unmarshal(b, &pv); err != nil {
		return err
	}
	*i = jpIdent(pv.Value)
	return nil
}

// jpPlaces is one place or a list of them.
type jpPlaces []jpPlace

func (p *jpPlaces) UnmarshalJSON(b []byte) error {
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte("[")) {
		return json.Unmarshal(b, (*[]jpPlace)(p))
	}
	var one jpPlace
	if err := json.Unmarshal(b, &one); err != nil {
		return err
	}
	*p = jpPlaces{one}
	return nil
}

// oneOrMany is a text or a list of texts.
type oneOrMany []string

func (o *oneOrMany) UnmarshalJSON(b []byte) error {
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte("[")) {
		return json.Unmarshal(b, (*[]string)(o))
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*o = oneOrMany{s}
	return nil
}

// flexNumber is a number written as a JSON number or a string ("-.26").
type flexNumber struct {
	V  float64
	OK bool
}

func (n *flexNumber) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		return nil
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return fmt.Errorf("want a number, got %s", b)
	}
	n.V, n.OK = v, true
	return nil
}

// flexString is a text written as a JSON string or number.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("want a text, got %s", b)
	}
	*f = flexString(n)
	return nil
}

// jobRecord is one posting and the line it starts on.
type jobRecord struct {
	line int
	raw  json.RawMessage
}

// readJobRecords splits a JSON array or JSON Lines file into records. A
// syntax error anywhere (such as a truncated file) or invalid UTF-8 is an
// error for the whole file.
func readJobRecords(name string, data []byte) ([]jobRecord, error) {
	if err := checkUTF8(name, data); err != nil {
		return nil, err
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n\uFEFF")
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%s: empty file, want a JSON array or JSON Lines of JobPosting", name)
	}
	lineAt := func(off int64) int { return 1 + bytes.Count(data[:off], []byte("\n")) }
	var recs []jobRecord
	if trimmed[0] == '[' {
		dec := json.NewDecoder(bytes.NewReader(data))
		if _, err := dec.Token(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for dec.More() {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, fmt.Errorf("%s: line %d: malformed JSON: %w", name, lineAt(dec.InputOffset()), err)
			}
			recs = append(recs, jobRecord{line: lineAt(dec.InputOffset() - int64(len(raw))), raw: raw})
		}
		if _, err := dec.Token(); err != nil {
			return nil, fmt.Errorf("%s: malformed JSON at the end of the array: %w", name, err)
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: unexpected data after the JSON array", name)
		}
		return recs, nil
	}
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if !json.Valid(line) {
			var v any
			err := json.Unmarshal(line, &v)
			return nil, fmt.Errorf("%s: line %d: malformed JSON: %v", name, i+1, err)
		}
		recs = append(recs, jobRecord{line: i + 1, raw: json.RawMessage(line)})
	}
	return recs, nil
}

// Posting is a job advert read from a JobPosting, ready to write.
type Posting struct {
	Line     int
	Vacancy  *workforce.Vacancy
	Employer *workforce.Employer
	// Postcode and Locality are kept for places without coordinates.
	Postcode string
	Locality string
}

// JobPostingsData is a parsed, validated file of job postings.
type JobPostingsData struct {
	Postings []*Posting
	Summary  *Summary
}

// ReadJobPostings reads and validates a file of schema.org JobPosting, a
// JSON array or JSON Lines.
func ReadJobPostings(path string) (*JobPostingsData, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	recs, err := readJobRecords(name, data)
	if err != nil {
		return nil, fmt.Errorf("jobpostings: %w", err)
	}
	d := &JobPostingsData{Summary: NewSummary()}
	ids := map[string]int{}
	for _, rec := range recs {
		p, prob := parsePosting(rec)
		if prob != nil {
			prob.File = name
			d.Summary.Reject(kindVacancy, *prob)
			continue
		}
		if first, dup := ids[p.Vacancy.ID]; dup {
			d.Summary.Reject(kindVacancy, Problem{File: name, Line: rec.line, Field: "_vacancy_id", Reason: fmt.Sprintf("duplicate vacancy %q (first on line %d)", p.Vacancy.ID, first)})
			continue
		}
		ids[p.Vacancy.ID] = rec.line
		d.Postings = append(d.Postings, p)
	}
	return d, nil
}

// Plausible annual pay in pounds; figures outside are taken as not stated.
const (
	minAnnualPay = 5_000
	maxAnnualPay = 500_000
)

// Hours assumed for a full-time post when converting pay to annual.
const fullTimeHoursPerWeek = 37.5

var postingTimeLayouts = []string{"2006-01-02T15:04:05-0700", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"}

func parsePostingTime(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	for _, l := range postingTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			t = t.UTC()
			return &t, nil
		}
	}
	return nil, fmt.Errorf("want an ISO 8601 date or time, got %q", s)
}

func parsePosting(rec jobRecord) (*Posting, *Problem) {
	bad := func(field, format string, args ...any) *Problem {
		return &Problem{Line: rec.line, Field: field, Reason: fmt.Sprintf(format, args...)}
	}
	var jp jobPosting
	if err := json.Unmarshal(rec.raw, &jp); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, bad(te.Field, "want %s, got JSON %s", te.Type, te.Value)
		}
		return nil, bad("", "%v", err)
	}
	if jp.Type != "" && jp.Type != "JobPosting" {
		return nil, bad("@type", "want JobPosting, got %q", jp.Type)
	}
	id := string(jp.VacancyID)
	if id == "" {
		id = string(jp.Identifier)
	}
	if id == "" {
		id = jp.URL
	}
	if id == "" {
		return nil, bad("_vacancy_id", "a posting needs _vacancy_id, identifier or url")
	}
	if jp.HiringOrganization == nil || strings.TrimSpace(jp.HiringOrganization.Name) == "" {
		return nil, bad("hiringOrganization.name", "must not be empty")
	}
	posted, err := parsePostingTime(jp.DatePosted)
	if err != nil {
		return nil, bad("datePosted", "%v", err)
	}
	closes, err := parsePostingTime(jp.ValidThrough)
	if err != nil {
		return nil, bad("validThrough", "%v", err)
	}
	orgName := strings.Join(strings.Fields(jp.HiringOrganization.Name), " ")
	p := &Posting{Line: rec.line}
	p.Employer = &workforce.Employer{ID: "org:" + slug(orgName), Name: orgName, Kind: EmployerKindOf(orgName)}
	title := strings.Join(strings.Fields(html.UnescapeString(jp.Title)), " ")
	v := &workforce.Vacancy{
		ID:                  "jobposting:" + id,
		Title:               title,
		Description:         truncateRunes(HTMLToText(jp.Description), workforce.MaxDescriptionLength),
		EmployerID:          p.Employer.ID,
		PostedAt:            posted,
		ClosesAt:            closes,
		RequiresRightToWork: true,
		Source:              "jobposting",
	}
	v.Contract, v.HoursPerWeek = contractOf(jp.EmploymentType, title)
	lower := strings.ToLower(title + " " + v.Description)
	v.Flexible = strings.Contains(lower, "flexible working") || strings.Contains(lower, "flexi")
	v.RequiresRightToWork = !strings.Contains(lower, "visa sponsorship") && !strings.Contains(lower, "sponsorship available")
	// A register the advert names ("NMC registration", "HCPC registered")
	// is the vacancy's own requirement.
	v.Registration, _ = workforce.RegistrationNamedIn(title + "\n" + v.Description)
	if sal := jp.BaseSalary; sal != nil && sal.Value != nil && (sal.Currency == "" || sal.Currency == "GBP") {
		f := annualFactor(sal.Value.UnitText)
		lo, hi := sal.Value.MinValue, sal.Value.MaxValue
		if lo.OK && f > 0 {
			v.SalaryMin = lo.V * f
		}
		if hi.OK && f > 0 {
			v.SalaryMax = hi.V * f
		}
		if v.SalaryMin < minAnnualPay || v.SalaryMin > maxAnnualPay || v.SalaryMax < v.SalaryMin || v.SalaryMax > maxAnnualPay {
			v.SalaryMin, v.SalaryMax = 0, 0
		}
	}
	for _, pl := range jp.JobLocation {
		if pl.Geo != nil && pl.Geo.Latitude.OK && pl.Geo.Longitude.OK && v.Location == nil {
			v.Location = &workforce.Point{Lat: pl.Geo.Latitude.V, Lon: pl.Geo.Longitude.V}
		}
		if pl.Address != nil && p.Postcode == "" {
			p.Postcode = strings.ToUpper(strings.TrimSpace(pl.Address.PostalCode))
			p.Locality = strings.TrimSpace(pl.Address.Locality)
		}
	}
	if err := v.Validate(); err != nil {
		return nil, bad(workforce.ErrorField(err), "%s", workforce.ErrorMessage(err))
	}
	if err := p.Employer.Validate(); err != nil {
		return nil, bad("hiringOrganization."+workforce.ErrorField(err), "%s", workforce.ErrorMessage(err))
	}
	p.Vacancy = v
	return p, nil
}

// annualFactor converts pay per unitText into pay per year; 0 when unknown.
func annualFactor(unit string) float64 {
	switch strings.ToUpper(unit) {
	case "YEAR", "":
		return 1
	case "MONTH":
		return 12
	case "WEEK":
		return 52
	case "DAY":
		return 5 * 52
	case "HOUR":
		return fullTimeHoursPerWeek * 52
	}
	return 0
}

// contractOf maps schema.org employment types and the title to a contract
// type and, for full-time posts, the usual hours.
func contractOf(types []string, title string) (workforce.ContractType, float64) {
	t := strings.ToLower(title)
	var hours float64
	contract := workforce.ContractType("")
	for _, et := range types {
		switch strings.ToUpper(strings.TrimSpace(et)) {
		case "FULL_TIME":
			hours = fullTimeHoursPerWeek
			contract = workforce.ContractPermanent
		case "PART_TIME":
			contract = workforce.ContractPermanent
		case "TEMPORARY":
			contract = workforce.ContractTemporary
		case "CONTRACTOR":
			contract = workforce.ContractFixedTerm
		case "PER_DIEM":
			contract = workforce.ContractBank
		}
	}
	switch {
	case strings.Contains(t, "apprentice"):
		contract = workforce.ContractApprenticeship
	case strings.Contains(t, "bank"):
		contract = workforce.ContractBank
	case strings.Contains(t, "fixed term"), strings.Contains(t, "fixed-term"), strings.Contains(t, "secondment"):
		contract = workforce.ContractFixedTerm
	}
	return contract, hours
}

var nhsWords = regexp.MustCompile(`(?i)\bnhs\b|health board|\bccg\b|clinical commissioning group|integrated care|ambulance service|general practi|\bsurgery\b|medical (centre|practice)|health centre|\bgp\b`)
var councilWords = regexp.MustCompile(`(?i)\bcouncil\b|borough|county council|local authority`)
var vcseWords = regexp.MustCompile(`(?i)hospice|charity|\bcharitable\b|foundation\b|voluntary|\bcic\b|community interest|mind\b|barnardo|red cross|marie curie|macmillan`)
var educationWords = regexp.MustCompile(`(?i)universit|college|school|academy`)
var careWords = regexp.MustCompile(`(?i)care home|nursing home|home care|homecare|\bcare (ltd|limited|group|services)|residential care|domiciliary|supported living`)

// registeredCharities are charities, by name as adverts give it, whose
// names do not say so, with their number in the Charity Commission's
// register of charities for England and Wales.
var registeredCharities = map[string]string{
	"sue ryder":       "1052076",
	"turning point":   "234887",
	"nuffield health": "205533",
}

// EmployerKindOf guesses an employer's kind from its name: NHS bodies and
// general practices, councils, charities (registered charities whose names
// do not say so, by the register) and hospices, universities and colleges,
// care providers, and private companies otherwise.
func EmployerKindOf(name string) workforce.EmployerKind {
	switch {
	case registeredCharities[normaliseOrgName(name)] != "":
		return workforce.EmployerVCSE
	case nhsWords.MatchString(name):
		return workforce.EmployerNHS
	case councilWords.MatchString(name):
		return workforce.EmployerLocalAuthority
	case vcseWords.MatchString(name):
		return workforce.EmployerVCSE
	case educationWords.MatchString(name):
		return workforce.EmployerEducation
	case careWords.MatchString(name):
		return workforce.EmployerCareProvider
	}
	return workforce.EmployerPrivate
}

var (
	htmlBreaks = regexp.MustCompile(`(?i)<\s*(br|/p|/div|/li|/h[1-6]|/tr)\s*/?>|<\s*li[^>]*>`)
	htmlTags   = regexp.MustCompile(`<[^>]*>`)
	spaceRuns  = regexp.MustCompile(`[ \t\x{00A0}]+`)
	blankRuns  = regexp.MustCompile(`\n\s*\n+`)
)

// HTMLToText turns an advert's HTML (often entity-escaped once more, as
// "&lt;p&gt;") into plain text with one paragraph or list item per line.
func HTMLToText(s string) string {
	s = html.UnescapeString(s)
	if strings.Contains(s, "&lt;") || strings.Contains(s, "&amp;") {
		s = html.UnescapeString(s)
	}
	s = htmlBreaks.ReplaceAllString(s, "\n")
	s = htmlTags.ReplaceAllString(s, " ")
	s = html.UnescapeString(s)
	s = spaceRuns.ReplaceAllString(s, " ")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	s = blankRuns.ReplaceAllString(strings.Join(lines, "\n"), "\n")
	return strings.TrimSpace(s)
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}

// slug makes an id part from a name: lower case letters and digits joined
// by single hyphens.
func slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			hyphen = false
		} else if r == '&' {
			if !hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteString("and-")
			hyphen = true
		} else if !hyphen && b.Len() > 0 {
			b.WriteByte('-')
			hyphen = true
		}
	}
	return strings.Trim(b.String(), "-")
}

// normaliseOrgName reduces an organisation name to a key that matches the
// same body however it is written ("&" or "and", "St." or "St", case).
func normaliseOrgName(s string) string {
	s = strings.ReplaceAll(slug(s), "-", " ")
	s = strings.ReplaceAll(s, " and ", " ")
	s = strings.ReplaceAll(s, " st ", " saint ")
	return s
}

// MatchFunc finds the ESCO occupation a job title names, with a confidence
// in [0,1], and the skills a text mentions. The textmatch package provides
// one; tests may pass their own.
type MatchFunc func(title, text string) (occupationID string, confidence float64, ok bool, skills []FoundSkill)

// FoundSkill is a skill found in a text, with a confidence in [0,1].
type FoundSkill struct {
	SkillID    string
	Confidence float64
}

// MinOccupationConfidence is the least title-match confidence for which a
// posting gets an occupation.
const MinOccupationConfidence = 0.5

// JobPostings imports the schema.org JobPosting file at path: an employer
// per hiring organisation (an NHS trust already in the graph is matched by
// name), a vacancy per posting placed in the nearest LSOA, its occupation
// from the title, and as requirements the occupation's essential ESCO
// skills plus the skills found in the description. With keep set, only the
// postings it accepts are written. Unless im.Match is set, the matcher is
// textmatch over the occupations and skills in the graph (so import ESCO
// first).
func (im *Importer) JobPostings(ctx context.Context, path string, keep func(*Posting) bool) (*Summary, error) {
	d, err := ReadJobPostings(path)
	if err != nil {
		return nil, err
	}
	return im.WritePostings(ctx, d, keep)
}

// WritePostings writes postings read by ReadJobPostings, as JobPostings
// does, so that a caller can adjust them first (the demo moves their dates
// onto its clock).
func (im *Importer) WritePostings(ctx context.Context, d *JobPostingsData, keep func(*Posting) bool) (*Summary, error) {
	var err error
	s := d.Summary
	if err := im.placePostings(ctx, d.Postings); err != nil {
		return s, fmt.Errorf("jobpostings: %w", err)
	}
	if keep != nil {
		var kept []*Posting
		for _, p := range d.Postings {
			if keep(p) {
				kept = append(kept, p)
			}
		}
		d.Postings = kept
	}
	if err := im.matchTrusts(ctx, d.Postings); err != nil {
		return s, fmt.Errorf("jobpostings: %w", err)
	}
	if im.Match == nil {
		if im.Match, err = im.GraphMatcher(ctx); err != nil {
			return s, fmt.Errorf("jobpostings: %w", err)
		}
	}
	reqs, err := im.matchPostings(ctx, d.Postings)
	if err != nil {
		return s, fmt.Errorf("jobpostings: %w", err)
	}
	employers := map[string]*workforce.Employer{}
	var order []*workforce.Employer
	vacancies := make([]*workforce.Vacancy, len(d.Postings))
	for i, p := range d.Postings {
		if _, ok := employers[p.Employer.ID]; !ok {
			employers[p.Employer.ID] = p.Employer
			order = append(order, p.Employer)
		}
		vacancies[i] = p.Vacancy
	}
	if err := im.writeNewEmployers(ctx, s, order); err != nil {
		return s, fmt.Errorf("jobpostings: %w", err)
	}
	if err := WriteNodes(ctx, im, s, kindVacancy, vacancies, im.DB.UpsertVacancies); err != nil {
		return s, fmt.Errorf("jobpostings: %w", err)
	}
	if err := WriteLinks(ctx, im, s, kindVacancySkill, reqs, im.DB.BulkVacancyRequirements); err != nil {
		return s, fmt.Errorf("jobpostings: %w", err)
	}
	return s, nil
}

// writeNewEmployers upserts the employers that are not yet in the graph and
// counts the others as unchanged, so that an import never overwrites what
// a richer source (the NHS trust list, a partner) wrote.
func (im *Importer) writeNewEmployers(ctx context.Context, s *Summary, employers []*workforce.Employer) error {
	ids := make([]string, len(employers))
	for i, e := range employers {
		ids[i] = e.ID
	}
	existing, err := im.DB.BulkExisting(ctx, workforce.KindEmployer, ids)
	if err != nil {
		return err
	}
	var fresh []*workforce.Employer
	for _, e := range employers {
		if !existing[e.ID] {
			fresh = append(fresh, e)
		}
	}
	s.Kind(kindEmployer).Unchanged += len(employers) - len(fresh)
	return WriteNodes(ctx, im, s, kindEmployer, fresh, im.DB.UpsertEmployers)
}

// placePostings puts each posting with coordinates in its nearest LSOA, if
// LSOAs have been imported.
func (im *Importer) placePostings(ctx context.Context, postings []*Posting) error {
	lsoas, err := im.DB.BulkPlacePoints(ctx, workforce.PlaceLSOA)
	if err != nil || len(lsoas) == 0 {
		return err
	}
	idx := newPointIndex(lsoas)
	for _, p := range postings {
		if p.Vacancy.Location != nil {
			if near := idx.nearest(*p.Vacancy.Location); near != nil {
				p.Vacancy.PlaceID = near.ID
			}
		}
	}
	return nil
}

// matchTrusts gives postings of NHS trusts already in the graph (imported
// from the trust list, with "ods:" ids) the trust's id instead of a new one.
func (im *Importer) matchTrusts(ctx context.Context, postings []*Posting) error {
	names, err := im.DB.BulkEmployerNames(ctx)
	if err != nil {
		return err
	}
	byName := make(map[string]string, len(names))
	for id, name := range names {
		if strings.HasPrefix(id, "ods:") {
			byName[normaliseOrgName(name)] = id
		}
	}
	for _, p := range postings {
		if id, ok := byName[normaliseOrgName(p.Employer.Name)]; ok {
			p.Employer.ID = id
			p.Vacancy.EmployerID = id
		}
	}
	return nil
}

// matchPostings sets each posting's occupation from its title and returns
// its requirements: the occupation's essential skills (source "esco") and
// the skills found in the description (source "description").
func (im *Importer) matchPostings(ctx context.Context, postings []*Posting) ([]store.BulkRequirement, error) {
	occs := map[string]bool{}
	matched := 0
	found := make([][]FoundSkill, len(postings))
	for i, p := range postings {
		v := p.Vacancy
		occ, conf, ok, skills := im.Match(v.Title, v.Description)
		if ok && conf >= MinOccupationConfidence {
			v.OccupationID, v.OccupationSource, v.OccupationConfidence = occ, "title-match", conf
			occs[occ] = true
			matched++
		}
		found[i] = skills
	}
	ids := make([]string, 0, len(occs))
	for id := range occs {
		ids = append(ids, id)
	}
	essentials, err := im.DB.OccupationRequirements(ctx, ids)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(im.out(), "jobpostings: %d of %d titles matched an occupation (confidence >= %.2f)\n", matched, len(postings), MinOccupationConfidence)
	var reqs []store.BulkRequirement
	for i, p := range postings {
		seen := map[string]bool{}
		for _, r := range essentials[p.Vacancy.OccupationID] {
			if r.Essential && !seen[r.SkillID] {
				seen[r.SkillID] = true
				reqs = append(reqs, store.BulkRequirement{FromID: p.Vacancy.ID,
					Requirement: workforce.Requirement{SkillID: r.SkillID, Essential: true, Source: "esco", Confidence: p.Vacancy.OccupationConfidence}})
			}
		}
		for _, f := range found[i] {
			if !seen[f.SkillID] {
				seen[f.SkillID] = true
				reqs = append(reqs, store.BulkRequirement{FromID: p.Vacancy.ID,
					Requirement: workforce.Requirement{SkillID: f.SkillID, Essential: false, Source: "description", Confidence: f.Confidence}})
			}
		}
	}
	return reqs, nil
}
