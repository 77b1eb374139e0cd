package matching

import (
	"encoding/base64"
	"math"
	"testing"

	"github.com/onework/onework/workforce"
)

func TestBadInput(t *testing.T) {
	e := newScenario(t, true)
	vacancyCursor := mustVacancies(t, e, "ben", Query{First: 1}).EndCursor
	candidates := func(q Query) func() error {
		return func() error { _, err := e.CandidatesForVacancy("hcsw-001", q); return err }
	}
	vacancies := func(q Query) func() error {
		return func() error { _, err := e.VacanciesForPerson("ben", q); return err }
	}
	for _, tc := range []struct {
		name  string
		call  func() error
		code  string
		field string
	}{
		{"unknown vacancy", func() error { _, err := e.CandidatesForVacancy("nope", Query{}); return err }, workforce.ENOTFOUND, "id"},
		{"unknown person", func() error { _, err := e.VacanciesForPerson("nope", Query{}); return err }, workforce.ENOTFOUND, "id"},
		{"empty vacancy id", func() error { _, err := e.CandidatesForVacancy("", Query{}); return err }, workforce.ENOTFOUND, "id"},
		{"first negative", candidates(Query{First: -1}), workforce.EINVALID, "first"},
		{"first over max page size", candidates(Query{First: 101}), workforce.EINVALID, "first"},
		{"first over max page size, person", vacancies(Query{First: 1000}), workforce.EINVALID, "first"},
		{"negative weight", candidates(Query{Weights: &Weights{Skills: 1, Distance: -0.1}}), workforce.EINVALID, "weights.distance"},
		{"NaN weight", vacancies(Query{Weights: &Weights{Skills: math.NaN()}}), workforce.EINVALID, "weights.skills"},
		{"all weights zero", vacancies(Query{Weights: &Weights{}}), workforce.EINVALID, "weights.skills"},
		{"only good work, for candidates", candidates(Query{Weights: &Weights{GoodWork: 1}}), workforce.EINVALID, "weights.skills"},
		{"place outweighing fit", candidates(Query{Weights: &Weights{Skills: 0.45, Distance: 0.2, Local: 0.15, Access: 0.1}}), workforce.EINVALID, "weights"},
		{"good work outweighing fit, for vacancies", vacancies(Query{Weights: &Weights{Skills: 1, GoodWork: 0.5}}), workforce.EINVALID, "weights"},
		{"malformed cursor", candidates(Query{After: "not a cursor!"}), workforce.EINVALID, "after"},
		{"truncated cursor", candidates(Query{After: base64.RawURLEncoding.EncodeToString([]byte{1, 'c', 0})}), workforce.EINVALID, "after"},
		{"cursor from the other list", candidates(Query{After: vacancyCursor}), workforce.EINVALID, "after"},
		{"cursor with NaN score", candidates(Query{After: base64.RawURLEncoding.EncodeToString([]byte{1, 'c', 0x7f, 0xf8, 0, 0, 0, 0, 0, 1, 'x'})}), workforce.EINVALID, "after"},
		{"negative max distance", candidates(Query{MaxDistanceKm: -1}), workforce.EINVALID, "maxDistanceKm"},
		{"min score above 1", vacancies(Query{MinScore: 1.5}), workforce.EINVALID, "minScore"},
		{"bad config", func() error { _, err := New(Config{MaxPageSize: -1}); return err }, workforce.EINVALID, "config.maxPageSize"},
		{"bad builder config", func() error { _, err := NewBuilder(Config{RelatedCredit: 2}); return err }, workforce.EINVALID, "config.relatedCredit"},
		{"relay share above 1", func() error { _, err := New(Config{RelayShare: 1.5}); return err }, workforce.EINVALID, "config.relayShare"},
		{"negative relay share", func() error { _, err := NewBuilder(Config{RelayShare: -0.1}); return err }, workforce.EINVALID, "config.relayShare"},
		{"no scan workers", func() error { _, err := New(Config{ScanWorkers: -1}); return err }, workforce.EINVALID, "config.scanWorkers"},
		{"too many scan workers", func() error { _, err := NewBuilder(Config{ScanWorkers: 65}); return err }, workforce.EINVALID, "config.scanWorkers"},
		{"relay share not a number", func() error { _, err := New(Config{RelayShare: math.NaN()}); return err }, workforce.EINVALID, "config.relayShare"},
		{"bad default weights", func() error { _, err := New(Config{Weights: Weights{GoodWork: 1}}); return err }, workforce.EINVALID, "weights.skills"},
		{"default weights breaking the margin", func() error { _, err := New(Config{Weights: Weights{Skills: 1, Access: 0.5}}); return err }, workforce.EINVALID, "weights"},
		{"related credit that would break the margin", func() error { _, err := New(Config{RelatedCredit: 0.4}); return err }, workforce.EINVALID, "config.relatedCredit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if code, field := workforce.ErrorCode(err), workforce.ErrorField(err); code != tc.code || field != tc.field {
				t.Errorf("error %v: code %q field %q, want code %q field %q", err, code, field, tc.code, tc.field)
			}
		})
	}
}
