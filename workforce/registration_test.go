package workforce

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRegistrationValidate(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	past, future := now.AddDate(0, 0, -1), now.AddDate(1, 0, 0)
	cases := []struct {
		name  string
		r     Registration
		field string // "" means valid
	}{
		{"nurse with PIN and expiry", Registration{Regulator: RegulatorNMC, Number: "12A3456B", Expires: &future}, ""},
		{"paramedic without number", Registration{Regulator: RegulatorHCPC}, ""},
		{"social worker", Registration{Regulator: RegulatorSWE, Number: "SW98765"}, ""},
		{"unknown regulator", Registration{Regulator: "NURSING BOARD"}, "regulator"},
		{"empty regulator", Registration{Number: "12A3456B"}, "regulator"},
		{"NMC PIN with a GMC number", Registration{Regulator: RegulatorNMC, Number: "1234567"}, "number"},
		{"NMC PIN in lower case", Registration{Regulator: RegulatorNMC, Number: "12a3456b"}, "number"},
		{"HCPC number with an unknown profession prefix", Registration{Regulator: RegulatorHCPC, Number: "XX12345"}, "number"},
		{"GMC number too short", Registration{Regulator: RegulatorGMC, Number: "123456"}, "number"},
		{"expired yesterday", Registration{Regulator: RegulatorNMC, Number: "12A3456B", Expires: &past}, "expires"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.r.ValidateAt(now)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("ValidateAt = %v, want nil", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != EINVALID || e.Field != tc.field || e.Message == "" {
				t.Fatalf("ValidateAt = %v, want EINVALID on %q with a reason", err, tc.field)
			}
		})
	}
}

func TestPersonRegistrations(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	past := now.AddDate(-1, 0, 0)
	cases := []struct {
		name  string
		p     Person
		field string
	}{
		{"two registers", Person{ID: "p1", Registrations: []Registration{{Regulator: RegulatorNMC}, {Regulator: RegulatorHCPC, Number: "PA12345"}}}, ""},
		{"same register twice", Person{ID: "p1", Registrations: []Registration{{Regulator: RegulatorNMC}, {Regulator: RegulatorNMC}}}, "registrations.regulator"},
		{"bad number", Person{ID: "p1", Registrations: []Registration{{Regulator: RegulatorGPhC, Number: "PH1"}}}, "registrations.number"},
		{"unknown regulator", Person{ID: "p1", Registrations: []Registration{{Regulator: "CQC"}}}, "registrations.regulator"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.p.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Field != tc.field {
				t.Fatalf("Validate = %v, want EINVALID on %q", err, tc.field)
			}
		})
	}
	p := Person{ID: "p1", Registrations: []Registration{{Regulator: RegulatorNMC, Expires: &past}}}
	if err := p.Validate(); err != nil {
		t.Fatalf("Validate of a lapsed registration = %v, want nil (the clock is ValidateRegistrationsAt's)", err)
	}
	var e *Error
	if err := p.ValidateRegistrationsAt(now); !errors.As(err, &e) || e.Field != "registrations.expires" {
		t.Fatalf("ValidateRegistrationsAt = %v, want EINVALID on registrations.expires", err)
	}
}

// TestRegulationFor checks the UK table on professions an adviser meets,
// and that it covers every occupation ESCO v1.1.1 marks as regulated (its
// regulatedProfessionNote; the codes below are those 15 occupations').
func TestRegulationFor(t *testing.T) {
	cases := []struct {
		code string
		want Regulator // "" means not regulated
	}{
		{"2221.2", RegulatorNMC},    // nurse responsible for general care
		{"2221.3", RegulatorNMC},    // specialist nurse
		{"2222.1", RegulatorNMC},    // midwife
		{"5321.1", ""},              // healthcare assistant
		{"5321.1.1", ""},            // nurse assistant
		{"5322.1", ""},              // home care aide
		{"3258.2", RegulatorHCPC},   // paramedic in emergency responses
		{"3258.1", ""},              // emergency ambulance driver
		{"2264.2", RegulatorHCPC},   // physiotherapist
		{"3255.2", ""},              // physiotherapy assistant
		{"2269.4", RegulatorHCPC},   // occupational therapist
		{"2269.5", ""},              // occupational therapy assistant
		{"2269.8.1", RegulatorHCPC}, // diagnostic radiographer
		{"2635.3.2", RegulatorSWE},  // child care social worker
		{"2262.1", RegulatorGPhC},   // pharmacist
		{"2262.1.1", ""},            // pharmaceutical quality specialist
		{"3213.2", RegulatorGPhC},   // pharmacy technician
		{"3213.1", ""},              // pharmacy assistant
		{"3251.1", RegulatorGDC},    // dental chairside assistant (dental nurse)
		{"2161.1.1", ""},            // interior architect
		{"9112.1", ""},              // cleaner
	}
	for _, tc := range cases {
		rp, ok := RegulationFor(tc.code)
		if got := rp.Regulator; got != tc.want || ok != (tc.want != "") {
			t.Errorf("RegulationFor(%q) = %q, %v, want %q", tc.code, got, ok, tc.want)
		}
	}
	for _, code := range []string{"2250.8", "2221.1", "2250.7", "2262.1.2.2", "2262.1.2.1", "2211.1", "2262.1", "2161.1",
		"2221.2", "2262.1.2", "2222.1", "2212.1", "2261.2", "2261.1", "2250.6"} {
		if _, ok := RegulationFor(code); !ok {
			t.Errorf("RegulationFor(%q): ESCO marks it regulated, the UK table does not", code)
		}
	}
	for _, rp := range RegulatedProfessions {
		if _, ok := RegulatorByCode(rp.Regulator); !ok || rp.Route == "" || rp.Title == "" {
			t.Errorf("RegulatedProfessions entry %q: regulator %q unknown or no title or route", rp.Code, rp.Regulator)
		}
	}
	for _, info := range Regulators {
		if !info.Number.MatchString(info.Example) || info.Register == "" {
			t.Errorf("Regulators %s: example %q does not match its own format, or no register", info.Regulator, info.Example)
		}
	}
}

func TestRegistrationNamedIn(t *testing.T) {
	for _, tc := range []struct {
		text string
		want Regulator
	}{
		{"Band 5 Staff Nurse. Essential: current NMC registration.", RegulatorNMC},
		{"Applicants must be HCPC registered paramedics.", RegulatorHCPC},
		{"You will hold a valid NMC PIN.", RegulatorNMC},
		{"Full registration with the General Medical Council with a licence to practise.", RegulatorGMC},
		{"Registered with Social Work England.", RegulatorSWE},
		{"Pharmacy technician registered with the GPhC.", RegulatorGPhC},
		{"Dental nurse, GDC registration essential.", RegulatorGDC},
		{"We support your NMC revalidation and offer free parking.", ""},
		{"NMC or HCPC registered practitioners welcome.", ""},
		{"Registration of births and deaths is handled elsewhere in the trust. " + strings.Repeat("Our wards are busy and friendly. ", 4) + "Support from NMC nurses.", ""},
		{"Experience with the GMCX system. Registered address in Leeds.", ""},
		{"", ""},
	} {
		got, ok := RegistrationNamedIn(tc.text)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("RegistrationNamedIn(%q) = %q, %v; want %q", tc.text, got, ok, tc.want)
		}
	}
}

func TestVacancyRegistrationMustBeAKnownRegulator(t *testing.T) {
	v := Vacancy{ID: "v1", Title: "Staff nurse", EmployerID: "e1", Registration: "CQC"}
	err := v.Validate()
	var e *Error
	if !errors.As(err, &e) || e.Code != EINVALID || e.Field != "registration" || !strings.Contains(e.Message, "CQC") {
		t.Fatalf("Validate with registration CQC: %v, want EINVALID on registration naming CQC", err)
	}
	v.Registration = RegulatorNMC
	if err := v.Validate(); err != nil {
		t.Fatalf("Validate with registration NMC: %v", err)
	}
}
