package textmatch

import (
	"slices"
	"strings"
	"unicode"
)

// maxTitleBytes bounds the work done on a title. Real job titles are under
// 150 characters; anything past this is not part of one.
const maxTitleBytes = 300

// NormaliseTitle strips grades, bands, locations and contract words from a
// job title and spells out common NHS abbreviations, so that what is left
// names the job: "Band 5 Staff Nurse - Gloucester (Fixed Term)" becomes
// "staff nurse", "HCA - Bank" becomes "healthcare assistant". The result is
// lower case, words separated by single spaces, and "" when nothing is left.
//
// Locations and wards are recognised by position, not by a gazetteer: after
// a separator (" - ", "|", ",", ":", brackets, " at ") a segment that names
// no job is dropped, and the first segment that names a job is kept. When
// that job needs a specialty to mean anything ("Consultant - Psychiatry",
// "Doctor: Emergency Medicine"), the next segment is kept as well.
//
// Seniority words ("senior", "junior", "lead", "principal") are kept: ESCO
// uses them to tell occupations apart ("senior physiotherapist" is an
// alternative label of advanced physiotherapist), and the matcher gives them
// little weight otherwise.
//
// A title written the way indexes list them, head word first and its
// qualifiers after commas ("Assistant, care", "Clerk, processing, data"),
// is read in natural order ("data processing clerk"), as the SOC coder
// reads it; "Nurse, Band 5" keeps its comma as a separator. Only the first
// 300 bytes of title are read.
func NormaliseTitle(title string) string {
	return strings.Join(askedTitleWords(title), " ")
}

// askedTitleWords reads a title asked about: in natural order when written
// the index's way, then through titleWords. Titles learnt from go straight
// to titleWords: SOC unit group titles list jobs with commas ("Plasterers,
// dry liners").
func askedTitleWords(title string) []string {
	return titleWords(uninvert(title))
}

// titleWords is NormaliseTitle before joining.
func titleWords(title string) []string {
	segs := titleSegments(cleanTitle(title))
	var kept [][]string
	doctor := false
	for _, seg := range segs {
		doctor = doctor || slices.ContainsFunc(seg, isTrainingGrade)
		if w := firstAlternative(seg); len(w) > 0 {
			kept = append(kept, w)
		}
	}
	if doctor && !slices.ContainsFunc(kept, hasJobNoun) {
		// "ST3+", "Emergency Medicine CT1-2": a doctor in training.
		kept = append([][]string{{"doctor"}}, kept...)
	}
	if len(kept) == 0 {
		return nil
	}
	for i, seg := range kept {
		if !hasJobNoun(seg) {
			continue
		}
		out := seg
		switch {
		case i+1 == len(kept):
		case needsSpecialty[singularWord(seg[len(seg)-1])] && !hasJobNoun(kept[i+1]):
			out = append(append([]string(nil), seg...), kept[i+1]...)
		case isPhase(kept[i+1]) && !namesPhase(seg):
			// "Teacher - Primary", "Lecturer (Further Education)": the phase
			// or sector of education a job is in belongs to it, before it,
			// unless the job already names one ("Nursery Practitioner -
			// Early Years").
			out = append(append([]string(nil), kept[i+1]...), seg...)
		}
		return out
	}
	return kept[0]
}

// firstAlternative strips noise from a segment and, when it offers jobs
// separated by slashes ("Sister/Charge Nurse", "Administrator/Receptionist"),
// keeps the first: adverts put the main job first. Slashes that join
// qualifiers of one job ("Clinical/Counselling Psychologist") are read as
// spaces.
func firstAlternative(seg []string) []string {
	var alts [][]string
	for len(seg) > 0 {
		i := slices.Index(seg, "/")
		if i < 0 {
			i = len(seg)
		}
		if w := expandAbbreviations(stripNoise(seg[:i]), nil); len(w) > 0 {
			alts = append(alts, w)
		}
		seg = seg[min(i+1, len(seg)):]
	}
	if len(alts) > 1 && hasJobNoun(alts[0]) && slices.ContainsFunc(alts[1:], hasJobNoun) {
		return alts[0]
	}
	return slices.Concat(alts...)
}

// cleanTitle makes a title safe and plain: valid UTF-8, at most
// maxTitleBytes, HTML entities decoded, tags removed, lower case.
func cleanTitle(title string) string {
	s := strings.ToValidUTF8(title, " ")
	if len(s) > maxTitleBytes {
		s = strings.ToValidUTF8(s[:maxTitleBytes], "")
	}
	return strings.ToLower(plainText(s))
}

// titleSegments splits a lower-case title into segments of words at the
// separators adverts put between a job and its place, ward or terms.
func titleSegments(s string) [][]string {
	var segs [][]string
	var cur []string
	var word []rune
	endWord := func() {
		if len(word) == 0 {
			return
		}
		w := strings.Trim(string(word), "'’")
		word = word[:0]
		switch w {
		case "":
		case "at", "with":
			// "Staff Nurse at St Mary's", "Consultant with an interest in
			// ICU": what follows qualifies the job without naming it. Before
			// a job is named, "at" is part of it: "care at home worker".
			if w == "at" && !hasJobNoun(cur) {
				cur = append(cur, w)
				break
			}
			endSeg(&segs, &cur)
			if w == "with" {
				cur = append(cur, "\x00")
			}
		default:
			cur = append(cur, w)
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case isWordRune(r) || (r == '\'' || r == '’') && len(word) > 0:
			word = append(word, r)
		case r == '+' || r == '#':
			// "C#", "ST3+": keep the symbol with its word.
			if len(word) > 0 {
				word = append(word, r)
			}
		case r == '-' && i > 0 && i+1 < len(rs) && isWordRune(rs[i-1]) && isWordRune(rs[i+1]),
			r == '/', r == '&', r == '.' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]):
			endWord()
			switch r {
			case '&':
				cur = append(cur, "and")
			case '/':
				cur = append(cur, "/")
			}
		case unicode.IsSpace(r) || r == '\'' || r == '’' || r == '"' || r == '“' || r == '”':
			endWord()
		default:
			// Dashes between spaces, en and em dashes, bars, commas, colons,
			// brackets, full stops, bullets, emoji: all separators.
			endWord()
			endSeg(&segs, &cur)
		}
	}
	endWord()
	endSeg(&segs, &cur)
	// A segment opened by "with" is a qualifier: drop it.
	out := segs[:0]
	for _, seg := range segs {
		if len(seg) > 0 && seg[0] == "\x00" {
			continue
		}
		out = append(out, seg)
	}
	return out
}

func endSeg(segs *[][]string, cur *[]string) {
	if len(*cur) > 0 {
		*segs = append(*segs, *cur)
	}
	*cur = nil
}

// noisePhrases are contract terms, hours and recruitment words that say
// nothing about the job. Longer phrases come first.
var noisePhrases = [][]string{
	{"internal", "applicants", "only"},
	{"internal", "candidates", "only"},
	{"maternity", "leave", "cover"},
	{"preceptorship", "programme"},
	{"agenda", "for", "change"},
	{"term", "time", "only"},
	{"fixed", "term"}, {"part", "time"}, {"full", "time"}, {"term", "time"},
	{"maternity", "cover"}, {"maternity", "leave"}, {"mat", "leave"},
	{"job", "share"}, {"internal", "only"}, {"flexible", "hours"},
	{"flexible", "working"}, {"remote", "working"}, {"home", "working"},
	{"zero", "hours"}, {"ad", "hoc"}, {"immediate", "start"},
	{"newly", "qualified"}, {"trust", "temps"}, {"career", "break"},
	{"night", "shifts"}, {"long", "days"},
	{"parttime"}, {"fulltime"}, {"permanent"}, {"temporary"}, {"temp"},
	{"locum"}, {"secondment"}, {"casual"}, {"salaried"}, {"sessional"},
	{"preceptorship"}, {"preceptee"}, {"nights"}, {"night"}, {"days"},
	{"weekends"}, {"weekend"}, {"hours"}, {"hrs"}, {"month"}, {"months"},
	{"weeks"}, {"year"}, {"years"}, {"fte"}, {"wte"}, {"contract"},
	{"vacancy"}, {"vacancies"}, {"opportunity"}, {"opportunities"},
	{"rotational"}, {"role"}, {"roles"}, {"posts"}, {"multiple"},
	{"various"}, {"afc"}, {"nhs"}, {"ref"}, {"reference"}, {"only"},
	{"substantive"}, {"ftc"}, {"flexibank"}, {"equivalent"}, {"fixed"},
	{"level"},
}

// stripNoise removes grades, bands, reference codes, numbers and contract
// words from a segment.
func stripNoise(seg []string) []string {
	var out []string
	for i := 0; i < len(seg); i++ {
		w := seg[i]
		next := ""
		if i+1 < len(seg) {
			next = seg[i+1]
		}
		switch {
		case (w == "band" || w == "bands" || w == "grade" || w == "level" || w == "st" || w == "ct") && isGradeValue(next):
			// "Band 5", "Band 8a", "Grade 3", "Band 5 to 6": drop the grade and
			// its values.
			i++
			for i+2 < len(seg) && (seg[i+1] == "to" || seg[i+1] == "or" || seg[i+1] == "and") && isGradeValue(seg[i+2]) {
				i += 2
			}
			continue
		case len(w) == 1 && w >= "a" && w <= "i" && next == "grade":
			// Old Whitley Council grades: "E Grade Nurse".
			i++
			continue
		case w == "bank" && (i == 0 || i == len(seg)-1 || next == "staff" || next == "only") && !bankJobs[next]:
			// "Bank Staff Nurse", "RMN - Bank"; not "Blood Bank Scientist"
			// nor "Bank Teller".
			continue
		case w == "early" && next == "years":
			// "Early Years Practitioner": a phase of education, not a
			// length of contract.
			out = append(out, w, next)
			i++
			continue
		case w == "higher" && next == "level":
			// "Higher Level Teaching Assistant": a grade that names its own
			// job in UK schools (SOC 2020 3231, apart from teaching
			// assistants), not the noise "level" is elsewhere.
			out = append(out, "higher", "level")
			i++
			continue
		case w == "x" && hasDigit(next):
			// "x 2": two posts.
			i++
			continue
		case hasDigit(w) && w != "3d" && w != "2d":
			// Bands written as "B5", posts as "x2", training grades as "ST1",
			// reference numbers, years.
			continue
		}
		if n := matchPhrase(seg[i:], noisePhrases); n > 0 {
			i += n - 1
			continue
		}
		out = append(out, w)
	}
	return out
}

// isTrainingGrade reports whether w is a doctor's training grade: "ST3",
// "CT1", "FY2".
// bankJobs are the words after which "bank" names a bank, not bank staff.
var bankJobs = map[string]bool{"teller": true, "clerk": true, "cashier": true, "manager": true, "officer": true, "manager's": true}

func isTrainingGrade(w string) bool {
	return len(w) >= 3 && (strings.HasPrefix(w, "st") || strings.HasPrefix(w, "ct") || strings.HasPrefix(w, "fy")) && w[2] >= '0' && w[2] <= '9'
}

// isGradeValue reports whether w is a band or grade value: "5", "8a".
func isGradeValue(w string) bool {
	return w != "" && w[0] >= '0' && w[0] <= '9' && len(w) <= 4
}

func hasDigit(w string) bool {
	return strings.IndexFunc(w, unicode.IsDigit) >= 0
}

// matchPhrase returns the length of the first phrase that words begins
// with, or 0.
func matchPhrase(words []string, phrases [][]string) int {
	for _, p := range phrases {
		if len(p) > len(words) {
			continue
		}
		ok := true
		for j := range p {
			if words[j] != p[j] {
				ok = false
				break
			}
		}
		if ok {
			return len(p)
		}
	}
	return 0
}

// expansion is how an abbreviation reads as the head of a title ("Community
// OT") and as a modifier of another job word ("OT Assistant").
type expansion struct {
	head, modifier string
}

// abbreviations are the short forms NHS and care adverts use for jobs and
// departments.
var abbreviations = map[string]expansion{
	"hca":    {"healthcare assistant", ""},
	"hcas":   {"healthcare assistant", ""},
	"hcsw":   {"healthcare support worker", ""},
	"csw":    {"clinical support worker", ""},
	"rgn":    {"registered general nurse", ""},
	"rmn":    {"registered mental health nurse", ""},
	"rnmh":   {"registered mental health nurse", ""},
	"rnld":   {"registered learning disability nurse", ""},
	"rn":     {"registered nurse", ""},
	"rscn":   {"registered children's nurse", ""},
	"cpn":    {"community psychiatric nurse", ""},
	"anp":    {"advanced nurse practitioner", ""},
	"enp":    {"emergency nurse practitioner", ""},
	"acp":    {"advanced clinical practitioner", ""},
	"cns":    {"clinical nurse specialist", ""},
	"odp":    {"operating department practitioner", ""},
	"ot":     {"occupational therapist", "occupational therapy"},
	"ots":    {"occupational therapist", "occupational therapy"},
	"physio": {"physiotherapist", "physiotherapy"},
	"slt":    {"speech and language therapist", "speech and language therapy"},
	"salt":   {"speech and language therapist", "speech and language therapy"},
	"gp":     {"general practitioner", ""},
	"gps":    {"general practitioner", ""},
	"pwp":    {"psychological wellbeing practitioner", ""},
	"amhp":   {"approved mental health professional", ""},
	"mla":    {"medical laboratory assistant", ""},
	"bms":    {"biomedical scientist", ""},
	"hv":     {"health visitor", ""},
	"hlta":   {"higher level teaching assistant", ""},
	"fe":     {"further education", ""},
	"sho":    {"senior house officer", ""},
	"spr":    {"specialty registrar", ""},
	"admin":  {"administrator", "administrative"},
	"tech":   {"technician", "technical"},
	"hr":     {"human resources", ""},
	"msk":    {"musculoskeletal", ""},
	"mh":     {"mental health", ""},
	"ld":     {"learning disability", ""},
	"camhs":  {"child and adolescent mental health", ""},
	"itu":    {"intensive care", ""},
	"icu":    {"intensive care", ""},
	"mgr":    {"manager", ""},
	"asst":   {"assistant", ""},
	"coord":  {"coordinator", ""},
	"snr":    {"senior", ""},
	"jnr":    {"junior", ""},
	"dept":   {"department", ""},
}

// expandAbbreviations spells out abbreviations, reads "A&E" as
// "emergency" and joins words split by a hyphen ("co-ordinator"). Only words for which expand returns true are
// spelled out; nil expands all.
func expandAbbreviations(seg []string, expand func(i int) bool) []string {
	var out []string
	for i := 0; i < len(seg); i++ {
		w := seg[i]
		if w == "a" && i+2 < len(seg) && seg[i+1] == "and" && seg[i+2] == "e" {
			// "A&E", "A and E": the emergency department.
			out = append(out, "emergency")
			i += 2
			continue
		}
		if w == "co" && i+1 < len(seg) && strings.HasPrefix(seg[i+1], "ord") {
			w = "co" + seg[i+1]
			if w == "coord" {
				w = "coordinator"
			}
			i++
		}
		if e, ok := abbreviations[w]; ok && (expand == nil || expand(i)) {
			x := e.head
			if e.modifier != "" && i+1 < len(seg) && isJobNoun(seg[i+1]) {
				x = e.modifier
			}
			out = append(out, strings.Fields(x)...)
			continue
		}
		out = append(out, w)
	}
	return out
}

// jobNouns are words that name a job when they head a title. Words ending
// in -ist or -ian ("psychiatrist", "dietitian") count too.
var jobNouns = map[string]bool{
	"nurse": true, "sister": true, "matron": true, "midwife": true,
	"doctor": true, "consultant": true, "surgeon": true, "registrar": true,
	"fellow": true, "practitioner": true, "therapist": true,
	"assistant": true, "worker": true, "aide": true, "carer": true,
	"helper": true, "administrator": true, "secretary": true, "clerk": true,
	"receptionist": true, "typist": true, "coordinator": true,
	"manager": true, "director": true, "officer": true, "lead": true,
	"leader": true, "head": true, "supervisor": true, "specialist": true,
	"advisor": true, "adviser": true, "engineer": true,
	"educator": true, "facilitator": true, "tutor": true, "trainer": true,
	"teacher": true, "lecturer": true, "chef": true, "cook": true,
	"porter": true, "housekeeper": true, "cleaner": true, "driver": true,
	"domestic": true, "apprentice": true, "trainee": true, "associate": true,
	"executive": true, "controller": true, "accountant": true,
	"auditor": true, "buyer": true, "planner": true, "designer": true,
	"developer": true, "architect": true, "screener": true,
	"paramedic": true, "scientist": true, "technician": true,
	"technologist": true, "radiographer": true, "sonographer": true,
	"mammographer": true, "midwives": true, "analyst": true,
	"partner": true, "chaplain": true, "steward": true, "attendant": true,
	"operator": true, "operative": true, "handyman": true, "electrician": true,
	"plumber": true, "gardener": true, "caretaker": true, "inspector": true,
	"investigator": true, "interpreter": true, "translator": true,
	"librarian": true, "researcher": true, "student": true, "mentor": true,
	"coach": true, "navigator": true, "champion": true, "ambassador": true,
	"volunteer": true, "guard": true, "agent": true, "representative": true,
	"dentist": true, "hygienist": true, "optometrist": true,
	"orthoptist": true, "prosthetist": true, "orthotist": true,
	"audiologist": true, "podiatrist": true, "chiropodist": true,
	"counsellor": true, "counselor": true, "psychotherapist": true,
	"physiotherapist": true, "dietitian": true, "dietician": true,
	"pharmacist": true, "phlebotomist": true, "perfusionist": true,
	"visitor": true, "health visitor": true, "professional": true,
	"clinician": true, "medic": true, "physician": true, "gp": true,
	"chief": true, "deputy": true, "president": true, "treasurer": true,
	"estimator": true, "surveyor": true, "bookkeeper": true, "cashier": true,
}

// phasePhrases name a phase or sector of education: a segment of them
// after a job ("Teacher - Primary") says which kind of the job it is,
// where any other segment after a job is a place, a ward or terms.
var phasePhrases = [][]string{
	{"special", "educational", "needs"}, {"further", "education"},
	{"higher", "education"}, {"adult", "education"}, {"special", "needs"},
	{"early", "years"}, {"sixth", "form"},
	{"primary"}, {"secondary"}, {"nursery"}, {"infant"}, {"infants"},
	{"sen"}, {"send"}, {"eyfs"},
}

// phaseSettings may follow a phase in its segment: "Primary School",
// "Further Education College".
var phaseSettings = map[string]bool{
	"school": true, "schools": true, "college": true, "colleges": true,
	"sector": true, "phase": true, "setting": true, "settings": true,
	"education": true, "teaching": true,
}

// isPhase reports whether a segment names only a phase or sector of
// education: "primary", "further education", "primary school". "Primary
// Care" is not one.
func isPhase(seg []string) bool {
	phases := 0
	for i := 0; i < len(seg); i++ {
		if n := matchPhrase(seg[i:], phasePhrases); n > 0 {
			phases++
			i += n - 1
			continue
		}
		if !phaseSettings[seg[i]] {
			return false
		}
	}
	return phases > 0
}

// namesPhase reports whether a segment holds a phase of education.
func namesPhase(seg []string) bool {
	for i := range seg {
		if matchPhrase(seg[i:], phasePhrases) > 0 {
			return true
		}
	}
	return false
}

// needsSpecialty are job words that say little until the next segment names
// the specialty: "Consultant - Older Adult Psychiatry".
var needsSpecialty = map[string]bool{
	"consultant": true, "doctor": true, "registrar": true, "fellow": true,
	"physician": true, "surgeon": true,
}

func isJobNoun(w string) bool {
	w = singularWord(w)
	return jobNouns[w] || len(w) > 5 && (strings.HasSuffix(w, "ist") || strings.HasSuffix(w, "ian"))
}

func hasJobNoun(seg []string) bool {
	for _, w := range seg {
		if isJobNoun(w) {
			return true
		}
	}
	return false
}

// singularWord strips a plural "s" from a title word for lookups.
func singularWord(w string) string {
	if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		return w[:len(w)-1]
	}
	return w
}
