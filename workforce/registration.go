package workforce

import (
	"regexp"
	"strings"
	"time"
)

// Regulator is a UK statutory regulator that keeps a register of the people
// allowed to practise a profession (or use its protected title), such as
// the Nursing and Midwifery Council for nurses.
type Regulator string

// Regulators of the professions the partnership's employers recruit to: the
// ten statutory regulators the Professional Standards Authority oversees,
// and two more that ESCO marks as regulated (vets and architects).
const (
	RegulatorNMC  Regulator = "NMC"
	RegulatorHCPC Regulator = "HCPC"
	RegulatorGMC  Regulator = "GMC"
	RegulatorGPhC Regulator = "GPHC"
	RegulatorGDC  Regulator = "GDC"
	RegulatorSWE  Regulator = "SWE"
	RegulatorGOC  Regulator = "GOC"
	RegulatorGOsC Regulator = "GOSC"
	RegulatorGCC  Regulator = "GCC"
	RegulatorPSNI Regulator = "PSNI"
	RegulatorRCVS Regulator = "RCVS"
	RegulatorARB  Regulator = "ARB"
)

// RegulatorInfo describes a regulator: its name, the register it keeps (the
// citation for the professions it regulates), and the shape of its
// registration numbers.
type RegulatorInfo struct {
	Regulator Regulator
	Name      string
	// Register is the regulator's public register or its page on what it
	// regulates: the source for the RegulatedProfessions it appears in.
	Register string
	// Number matches a well-formed registration number; Example is one.
	Number  *regexp.Regexp
	Example string
}

// Regulators lists every Regulator with its details, in a stable order.
// The number formats follow each regulator's own description of its
// numbers; where a regulator publishes none, the pattern only checks the
// characters and length seen on its register.
var Regulators = []RegulatorInfo{
	{RegulatorNMC, "Nursing and Midwifery Council", "https://www.nmc.org.uk/registration/search-the-register/",
		regexp.MustCompile(`^[0-9]{2}[A-Z][0-9]{4}[A-Z]$`), "12A3456B"},
	{RegulatorHCPC, "Health and Care Professions Council", "https://www.hcpc-uk.org/about-us/who-we-regulate/the-professions/",
		regexp.MustCompile(`^(AS|BS|CH|CS|DT|HAD|ODP|OR|OT|PA|PH|PO|PYL|RA|SL)[0-9]{1,6}$`), "PA12345"},
	{RegulatorGMC, "General Medical Council", "https://www.gmc-uk.org/registration-and-licensing/the-medical-register",
		regexp.MustCompile(`^[0-9]{7}$`), "1234567"},
	{RegulatorGPhC, "General Pharmaceutical Council", "https://www.pharmacyregulation.org/registers",
		regexp.MustCompile(`^[0-9]{7}$`), "2012345"},
	{RegulatorGDC, "General Dental Council", "https://www.gdc-uk.org/registration/your-registration/who-can-register",
		regexp.MustCompile(`^[0-9]{1,6}$`), "123456"},
	{RegulatorSWE, "Social Work England", "https://www.socialworkengland.org.uk/registration/",
		regexp.MustCompile(`^SW[0-9]{1,6}$`), "SW12345"},
	{RegulatorGOC, "General Optical Council", "https://optical.org/en/registration/",
		regexp.MustCompile(`^(01|D)-[0-9]{4,6}$`), "01-12345"},
	{RegulatorGOsC, "General Osteopathic Council", "https://www.osteopathy.org.uk/register-search/",
		regexp.MustCompile(`^[0-9]{3,6}$`), "12345"},
	{RegulatorGCC, "General Chiropractic Council", "https://www.gcc-uk.org/search-the-register",
		regexp.MustCompile(`^[0-9]{3,6}$`), "01234"},
	{RegulatorPSNI, "Pharmaceutical Society of Northern Ireland", "https://www.psni.org.uk/registration/",
		regexp.MustCompile(`^[0-9]{3,7}$`), "12345"},
	{RegulatorRCVS, "Royal College of Veterinary Surgeons", "https://www.rcvs.org.uk/registration/",
		regexp.MustCompile(`^[0-9]{4,8}$`), "1234567"},
	{RegulatorARB, "Architects Registration Board", "https://arb.org.uk/about-arb/",
		regexp.MustCompile(`^[0-9A-Z]{5,8}$`), "0123456"},
}

// RegulatorByCode returns the details of a regulator, false when unknown.
func RegulatorByCode(r Regulator) (RegulatorInfo, bool) {
	for _, info := range Regulators {
		if info.Regulator == r {
			return info, true
		}
	}
	return RegulatorInfo{}, false
}

// Registration is a person's entry on a regulator's register.
type Registration struct {
	Regulator Regulator
	// Number is the registration number ("" when not recorded). When
	// given it must have the regulator's format.
	Number string
	// Expires is when the registration lapses unless renewed (nil when not
	// recorded). An expired registration counts as none.
	Expires *time.Time
}

// ActiveAt reports whether the registration is in force at t.
func (r *Registration) ActiveAt(t time.Time) bool {
	return r.Expires == nil || !t.After(*r.Expires)
}

// Validate returns an EINVALID error naming the first bad field: an
// unknown regulator, or a number not in the regulator's format. It does
// not judge the expiry, which needs a clock: see ValidateAt.
func (r *Registration) Validate() error {
	info, ok := RegulatorByCode(r.Regulator)
	if !ok {
		return Invalid("regulator", "unknown regulator %q; known: %s", string(r.Regulator), regulatorCodes())
	}
	if r.Number != "" && !info.Number.MatchString(r.Number) {
		return Invalid("number", "%q is not a %s registration number (for example %s)", r.Number, info.Regulator, info.Example)
	}
	return nil
}

// ValidateAt is Validate, and also refuses an expiry before now: recording
// a registration that has already lapsed is a mistake, not a registration.
func (r *Registration) ValidateAt(now time.Time) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if !r.ActiveAt(now) {
		return Invalid("expires", "is in the past (%s): an expired registration is not a registration", r.Expires.Format("2 January 2006"))
	}
	return nil
}

func regulatorCodes() string {
	codes := make([]string, len(Regulators))
	for i, info := range Regulators {
		codes[i] = string(info.Regulator)
	}
	return strings.Join(codes, ", ")
}

// ValidateRegistrationsAt checks every registration of p against now (see
// Registration.ValidateAt), naming the field as "registrations.expires".
func (p *Person) ValidateRegistrationsAt(now time.Time) error {
	for _, r := range p.Registrations {
		if err := r.ValidateAt(now); err != nil {
			return prefixField("registrations", err)
		}
	}
	return nil
}

func prefixField(prefix string, err error) error {
	if e, ok := err.(*Error); ok {
		c := *e
		c.Field = prefix + "." + e.Field
		return &c
	}
	return err
}

// RegulatedProfession says that an occupation (an ESCO occupation code and
// everything below it in ESCO's hierarchy, unless Exact) may be practised
// in the UK only by people on a regulator's register.
type RegulatedProfession struct {
	// Code is an ESCO occupation code, such as "2221" (nursing
	// professionals) or "3258.2" (paramedic in emergency responses).
	Code string
	// Exact limits the entry to that code, not the occupations below it.
	Exact     bool
	Regulator Regulator
	// Title is the protected title or profession, as the regulator names it.
	Title string
	// Route is the usual route onto the register, for an adviser to suggest.
	Route string
}

// RegulatedProfessions is the UK table of regulated professions by ESCO
// occupation code, written from each regulator's own list of the
// professions it registers (RegulatorInfo.Register). ESCO's
// regulatedProfessionNote marks 15 occupations as regulated under EU
// directives; every one of them is covered here too.
var RegulatedProfessions = []RegulatedProfession{
	{Code: "2221", Regulator: RegulatorNMC, Title: "registered nurse",
		Route: "a nursing degree, or a registered nurse degree apprenticeship (level 6); healthcare support workers often start with the nursing associate apprenticeship (level 5)"},
	{Code: "2222", Regulator: RegulatorNMC, Title: "registered midwife", Route: "a midwifery degree, or a midwife degree apprenticeship (level 6)"},
	{Code: "2211", Regulator: RegulatorGMC, Title: "doctor", Route: "a medical degree and the UK Foundation Programme"},
	{Code: "2212", Regulator: RegulatorGMC, Title: "doctor", Route: "a medical degree, the UK Foundation Programme and specialty training"},
	{Code: "2261", Regulator: RegulatorGDC, Title: "dentist", Route: "a dentistry degree (BDS)"},
	{Code: "3251.1", Regulator: RegulatorGDC, Title: "dental nurse", Route: "a GDC-approved dental nursing qualification, such as the dental nurse apprenticeship (level 3)"},
	{Code: "3251.2", Regulator: RegulatorGDC, Title: "dental hygienist", Route: "a GDC-approved dental hygiene diploma or degree"},
	{Code: "3214.2", Regulator: RegulatorGDC, Title: "dental technician", Route: "a GDC-approved dental technology qualification"},
	{Code: "2262.1", Exact: true, Regulator: RegulatorGPhC, Title: "pharmacist", Route: "an MPharm degree and a foundation training year"},
	{Code: "2262.1.2", Regulator: RegulatorGPhC, Title: "pharmacist", Route: "an MPharm degree and a foundation training year"},
	{Code: "3213.2", Regulator: RegulatorGPhC, Title: "pharmacy technician", Route: "the pharmacy technician apprenticeship (level 3)"},
	{Code: "2264", Regulator: RegulatorHCPC, Title: "physiotherapist", Route: "a physiotherapy degree, or the physiotherapist degree apprenticeship"},
	{Code: "2269.4", Regulator: RegulatorHCPC, Title: "occupational therapist", Route: "an occupational therapy degree, or the occupational therapist degree apprenticeship"},
	{Code: "2266.2", Regulator: RegulatorHCPC, Title: "speech and language therapist", Route: "a speech and language therapy degree, or its degree apprenticeship"},
	{Code: "2265.1", Regulator: RegulatorHCPC, Title: "dietitian", Route: "a dietetics degree, or the dietitian degree apprenticeship"},
	{Code: "2269.6", Regulator: RegulatorHCPC, Title: "podiatrist", Route: "a podiatry degree, or the podiatrist degree apprenticeship"},
	{Code: "2269.8", Regulator: RegulatorHCPC, Title: "radiographer", Route: "a radiography degree, or the diagnostic or therapeutic radiographer degree apprenticeship"},
	{Code: "2267.2", Regulator: RegulatorHCPC, Title: "orthoptist", Route: "an orthoptics degree"},
	{Code: "3214.3", Regulator: RegulatorHCPC, Title: "prosthetist and orthotist", Route: "a prosthetics and orthotics degree"},
	{Code: "2269.9.2", Regulator: RegulatorHCPC, Title: "arts therapist", Route: "an HCPC-approved master's in art therapy"},
	{Code: "2269.9.4", Regulator: RegulatorHCPC, Title: "arts therapist", Route: "an HCPC-approved master's in music therapy"},
	{Code: "2634.2.1", Regulator: RegulatorHCPC, Title: "practitioner psychologist", Route: "a doctorate in clinical psychology"},
	{Code: "2634.2.2", Regulator: RegulatorHCPC, Title: "practitioner psychologist", Route: "a doctorate in educational psychology"},
	{Code: "2634.2.3", Regulator: RegulatorHCPC, Title: "practitioner psychologist", Route: "HCPC-approved health psychology training (stage 2)"},
	{Code: "2131.8", Regulator: RegulatorHCPC, Title: "biomedical scientist", Route: "an IBMS-accredited biomedical science degree and registration portfolio"},
	{Code: "2131.4.3", Regulator: RegulatorHCPC, Title: "biomedical scientist", Route: "an IBMS-accredited biomedical science degree and registration portfolio"},
	{Code: "2131.4.12", Regulator: RegulatorHCPC, Title: "biomedical scientist", Route: "an IBMS-accredited biomedical science degree and registration portfolio"},
	{Code: "3258.2", Regulator: RegulatorHCPC, Title: "paramedic", Route: "a paramedic science degree, or the paramedic degree apprenticeship"},
	{Code: "2635.3", Regulator: RegulatorSWE, Title: "social worker", Route: "a social work degree, or the social worker degree apprenticeship (level 6)"},
	{Code: "2267.1", Regulator: RegulatorGOC, Title: "optometrist", Route: "an optometry degree and the GOC's scheme for registration"},
	{Code: "3254.1", Regulator: RegulatorGOC, Title: "dispensing optician", Route: "a GOC-approved dispensing optics qualification"},
	{Code: "2269.11", Regulator: RegulatorGOsC, Title: "osteopath", Route: "a GOsC-recognised osteopathy degree"},
	{Code: "2269.1", Regulator: RegulatorGCC, Title: "chiropractor", Route: "a GCC-accredited chiropractic degree"},
	{Code: "2269.10", Regulator: RegulatorGCC, Title: "chiropractor", Route: "a GCC-accredited chiropractic degree"},
	{Code: "2250.6", Regulator: RegulatorRCVS, Title: "veterinary surgeon", Route: "an RCVS-accredited veterinary degree"},
	{Code: "2250.7", Regulator: RegulatorRCVS, Title: "veterinary surgeon", Route: "an RCVS-accredited veterinary degree"},
	{Code: "2250.8", Regulator: RegulatorRCVS, Title: "veterinary surgeon", Route: "an RCVS-accredited veterinary degree"},
	{Code: "3240.2.4", Regulator: RegulatorRCVS, Title: "veterinary nurse", Route: "an RCVS-approved veterinary nursing qualification"},
	{Code: "2161.1", Exact: true, Regulator: RegulatorARB, Title: "architect", Route: "ARB-prescribed qualifications at parts 1, 2 and 3"},
}

// RegulationFor returns the regulated profession that an occupation with
// ESCO code code falls under, the most specific entry when several match,
// and false when it is not regulated.
func RegulationFor(code string) (RegulatedProfession, bool) {
	var best RegulatedProfession
	found := false
	for _, rp := range RegulatedProfessions {
		match := code == rp.Code || (!rp.Exact && strings.HasPrefix(code, rp.Code+"."))
		if match && (!found || len(rp.Code) > len(best.Code)) {
			best, found = rp, true
		}
	}
	return best, found
}

// regulatorNames are the ways adverts name each regulator: its acronym (a
// whole word, in capitals as regulators write it) and its full name.
var regulatorNames = []struct {
	Regulator Regulator
	Names     []string
}{
	{RegulatorNMC, []string{"NMC", "Nursing and Midwifery Council"}},
	{RegulatorHCPC, []string{"HCPC", "Health and Care Professions Council", "Health & Care Professions Council"}},
	{RegulatorGMC, []string{"GMC", "General Medical Council"}},
	{RegulatorGPhC, []string{"GPhC", "GPHC", "General Pharmaceutical Council"}},
	{RegulatorGDC, []string{"GDC", "General Dental Council"}},
	{RegulatorSWE, []string{"Social Work England"}},
	{RegulatorGOC, []string{"GOC", "General Optical Council"}},
	{RegulatorGOsC, []string{"GOsC", "General Osteopathic Council"}},
	{RegulatorGCC, []string{"General Chiropractic Council"}},
	{RegulatorPSNI, []string{"PSNI", "Pharmaceutical Society of Northern Ireland"}},
	{RegulatorRCVS, []string{"RCVS", "Royal College of Veterinary Surgeons"}},
	{RegulatorARB, []string{"Architects Registration Board"}},
}

// registrationCue is how near (in bytes, either side) a regulator's name
// must be to a word about registration for an advert to require it.
const registrationCue = 80

// RegistrationNamedIn returns the register an advert's text requires: a
// regulator named within a few words of "registration", "registered",
// "register" or "PIN" ("NMC registration", "HCPC registered", "a valid
// NMC PIN", "registered with the General Medical Council"). A regulator
// named without such a word ("our NMC revalidation support") does not
// count, and an advert naming more than one ("NMC or HCPC registered") is
// ambiguous and gives none: the occupation's profession then decides.
func RegistrationNamedIn(text string) (Regulator, bool) {
	var found Regulator
	for _, rn := range regulatorNames {
		if !namedWithCue(text, rn.Names) {
			continue
		}
		if found != "" && found != rn.Regulator {
			return "", false
		}
		found = rn.Regulator
	}
	return found, found != ""
}

func namedWithCue(text string, names []string) bool {
	for _, name := range names {
		full := strings.Contains(name, " ")
		hay := text
		if full {
			hay = strings.ToLower(text)
			name = strings.ToLower(name)
		}
		for from := 0; ; {
			i := strings.Index(hay[from:], name)
			if i < 0 {
				break
			}
			start, end := from+i, from+i+len(name)
			from = end
			if !full && (start > 0 && isWordByte(text[start-1]) || end < len(text) && isWordByte(text[end])) {
				continue
			}
			lo, hi := max(0, start-registrationCue), min(len(text), end+registrationCue)
			window := text[lo:hi]
			if strings.Contains(strings.ToLower(window), "regist") || containsWord(window, "PIN") {
				return true
			}
		}
	}
	return false
}

func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

func containsWord(s, w string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(w)
		if (start == 0 || !isWordByte(s[start-1])) && (end == len(s) || !isWordByte(s[end])) {
			return true
		}
		from = end
	}
}
