package textmatch

import "testing"

func TestNormaliseTitle(t *testing.T) {
	tests := []struct {
		name, title, want string
	}{
		{"band after dash", "Staff Nurse - Band 5", "staff nurse"},
		{"band first", "Band 5 Staff Nurse", "staff nurse"},
		{"band with letter", "Band 8a Clinical  Psychologist - Southampton", "clinical psychologist"},
		{"band range", "Older People&#39;s Clinical Psychologist, Band 7 / 8a", "older people's clinical psychologist"},
		{"band words", "Band 6 to 7 Physiotherapist", "physiotherapist"},
		{"afc band", "AfC Band 6 Occupational Therapist", "occupational therapist"},
		{"short band", "Mental Health Nurse B5", "mental health nurse"},
		{"grade number", "Grade 3 Administrator", "administrator"},
		{"grade letter", "E Grade Nurse - Oncology Inpatients Unit", "nurse"},
		{"trust grade kept", "Trust Grade Doctor", "trust grade doctor"},
		{"bank first", "Bank Staff Nurse", "staff nurse"},
		{"bank segment", "RMN - BANK", "registered mental health nurse"},
		{"bank hours", "Receptionist (Bank Hours)", "receptionist"},
		{"blood bank kept", "Blood Bank Biomedical Scientist", "blood bank biomedical scientist"},
		{"locum", "Locum Consultant in Emergency Medicine", "consultant in emergency medicine"},
		{"fixed term", "Registered Nurse - Outpatients - 12 Month Fixed Term Contract", "registered nurse"},
		{"part time", "Part Time Healthcare Assistant", "healthcare assistant"},
		{"full time", "Full time Pharmacy Technician", "pharmacy technician"},
		{"posts", "Nurse Team Leader Band 6 (x2 vacancies)", "nurse team leader"},
		{"x2 word", "Support Worker x2", "support worker"},
		{"reference", "Domestic Assistant (Ref 123)", "domestic assistant"},
		{"reference code", "Healthcare Assistant Ref: ABC-1234", "healthcare assistant"},
		{"location after dash", "Speech and Language Therapist - Gloucester", "speech and language therapist"},
		{"location after bar", "Staff Nurse | Cheltenham General Hospital", "staff nurse"},
		{"location after at", "Staff Nurse at St Mary's Hospital", "staff nurse"},
		{"ward after comma", "Healthcare Assistant, Waterhouse Ward - Band 2", "healthcare assistant"},
		{"en dash", "Healthcare Assistant – Complex Care", "healthcare assistant"},
		{"internal only", "Health Care Assistant *Internal Applicants Only*", "health care assistant"},
		{"entities", "Speech &amp; Language Therapist", "speech and language therapist"},
		{"hca", "Bank HCA Band 2", "healthcare assistant"},
		{"hcsw", "Bank Renal HCSW Band 3", "renal healthcare support worker"},
		{"rgn", "RGN (Bank)", "registered general nurse"},
		{"rmn in brackets", "Registered Mental Health Nurse (RMN)", "registered mental health nurse"},
		{"physio head", "Community Physio", "community physiotherapist"},
		{"physio modifier", "Physio Assistant", "physiotherapy assistant"},
		{"ot head", "Community OT - Band 6", "community occupational therapist"},
		{"ot modifier", "OT Assistant", "occupational therapy assistant"},
		{"gp", "Salaried GP", "general practitioner"},
		{"admin", "Admin Assistant", "administrative assistant"},
		{"co-ordinator", "Care Co-ordinator", "care coordinator"},
		{"slash alternatives", "Sister/Charge Nurse", "sister"},
		{"slash qualifiers", "Clinical/Counselling Psychologist", "clinical counselling psychologist"},
		{"specialty kept", "Consultant - Older Adult Psychiatry - Deal Locality", "consultant older adult psychiatry"},
		{"doctor specialty", "Bank Doctor:  Emergency Medicine ST3+", "doctor emergency medicine"},
		{"training grade", "ST3+", "doctor"},
		{"training grade range", "Specialty Registrar ST1-3 in Psychiatry", "specialty registrar in psychiatry"},
		{"grade and band together", "Physiotherapist Band 6", "physiotherapist"},
		{"hca support worker", "Band 2 Healthcare Support Worker", "healthcare support worker"},
		{"training grade in title", "Clinical Fellow (ST1/ST2 level) in Urology", "clinical fellow in urology"},
		{"specialty doctor", "Specialty Doctor in Ophthalmology", "specialty doctor in ophthalmology"},
		{"with qualifier", "Consultant Geriatrician with Specialist interest in Orthogeriatrics", "consultant geriatrician"},
		{"a and e", "Staff Nurse A&E", "staff nurse emergency"},
		{"a and e spelled", "A and E Receptionist", "emergency receptionist"},
		{"not a and e", "Data and Evaluation Manager", "data and evaluation manager"},
		{"newly qualified", "Newly Qualified Nurse 2020/2021 - Preceptorship Programme", "nurse"},
		{"senior kept", "Senior Staff Nurse - Band 6", "senior staff nurse"},
		{"junior kept", "Band 6 Junior Sister / Charge Nurse", "junior sister"},
		{"phase after dash", "Teacher - Primary", "primary teacher"},
		{"phase with setting", "Teacher - Primary School", "primary school teacher"},
		{"sector in brackets", "Lecturer (Further Education)", "further education lecturer"},
		{"sector abbreviated", "Lecturer - FE", "further education lecturer"},
		{"early years phase", "Teacher - Early Years", "early years teacher"},
		{"phase already named", "Nursery Practitioner - Early Years", "nursery practitioner"},
		{"primary care is no phase", "Practice Nurse - Primary Care", "practice nurse"},
		{"place after teacher", "Teacher - Gloucester", "teacher"},
		{"higher level grade", "Higher Level Teaching Assistant", "higher level teaching assistant"},
		{"hlta", "HLTA - Bank", "higher level teaching assistant"},
		{"level grade", "Teaching Assistant (Level 3)", "teaching assistant"},
		{"years of contract", "Staff Nurse - 2 Years Fixed Term", "staff nurse"},
		{"inverted", "Assistant, care", "care assistant"},
		{"inverted three parts", "Clerk, processing, data", "data processing clerk"},
		{"inverted with grade", "Assistant, teaching, level, higher", "higher level teaching assistant"},
		{"inverted phase", "Teacher, primary", "primary teacher"},
		{"comma before terms", "Nurse, Band 5", "nurse"},
		{"comma between jobs", "Nurse, midwife", "nurse"},
		{"only commas", ",,, , ,", ""},
		{"no job word", "Nursing Open Day", "nursing open day"},
		{"empty", "", ""},
		{"only noise", "Band 5 - Bank - Fixed Term", ""},
		{"only punctuation", "!!! --- ,,, ((( ))) / - :", ""},
		{"emoji", "🙂 Staff Nurse 🚑", "staff nurse"},
		{"upper case", "STAFF NURSE - BAND 5", "staff nurse"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := NormaliseTitle(tc.title); got != tc.want {
				t.Errorf("NormaliseTitle(%q) = %q, want %q", tc.title, got, tc.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ a, b string }{
		{"paediatrician", "pediatrician"},
		{"anaesthetist", "anesthetist"},
		{"haematology", "hematology"},
		{"organise", "organize"},
		{"organisation", "organization"},
		{"analyse", "analyze"},
		{"behaviour", "behavior"},
		{"behavioural", "behavioral"},
		{"centre", "center"},
		{"counsellor", "counselor"},
		{"modelling", "modeling"},
		{"programme", "program"},
		{"nurses", "nurse"},
		{"therapies", "therapy"},
		{"classes", "class"},
		{"dietician", "dietitian"},
	}
	for _, tc := range tests {
		if fa, fb := fold(tc.a), fold(tc.b); fa != fb {
			t.Errorf("fold(%q) = %q, fold(%q) = %q; want equal", tc.a, fa, tc.b, fb)
		}
	}
	// Words that look alike but differ must stay apart.
	for _, tc := range []struct{ a, b string }{{"filling", "filing"}, {"hour", "hor"}, {"status", "statu"}} {
		if fold(tc.a) == fold(tc.b) {
			t.Errorf("fold(%q) = fold(%q) = %q; want different", tc.a, tc.b, fold(tc.a))
		}
	}
}

func TestRoot(t *testing.T) {
	tests := []struct{ a, b string }{
		{"psychiatrist", "psychiatry"},
		{"psychiatric", "psychiatry"},
		{"physiotherapist", "physiotherapy"},
		{"radiographer", "radiography"},
		{"manager", "management"},
		{"administrator", "administrative"},
		{"coordinator", "coordination"},
		{"nurse", "nursing"},
		{"therapist", "therapy"},
	}
	for _, tc := range tests {
		if ra, rb := root(fold(tc.a)), root(fold(tc.b)); ra != rb {
			t.Errorf("root(%q) = %q, root(%q) = %q; want equal", tc.a, ra, tc.b, rb)
		}
	}
	if root("nursery") == root("nurse") {
		t.Errorf("root(nursery) = root(nurse) = %q; want different", root("nurse"))
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"&lt;p&gt;Hello &amp;amp; welcome&lt;/p&gt;", "\nHello & welcome\n"},
		{"<ul><li>Java</li><li>SQL</li></ul>", "\n\nJava\n\nSQL\n\n"},
		{"a < b and c > d", "a < b and c > d"},
		{"unclosed <b", "unclosed <b"},
		{"bad \xff utf8", "bad   utf8"},
	}
	for _, tc := range tests {
		if got := plainText(tc.in); got != tc.want {
			t.Errorf("plainText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	var got []string
	for _, tk := range tokenize("Knowledge of C++, C# and Node.js; SQL-based reporting. Children's nurses") {
		s := tk.light
		if tk.brk {
			s = "|" + s
		}
		if tk.upper {
			s += "^"
		}
		got = append(got, s)
	}
	want := []string{"knowledge", "c++^", "|c#^", "node", "js", "|sql^", "based", "reporting", "|children", "nurse"}
	if len(got) != len(want) {
		t.Fatalf("tokenize = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("tokenize = %q, want %q", got, want)
		}
	}
}
