package graph_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/onework/onework/auth"
	"github.com/onework/onework/graph"
	"github.com/onework/onework/workforce"
)

// memoryRead is a ReadService holding one page of vacancies with their
// neighbours in memory, and answering from it as the process cache does
// (Peek), so that a benchmark measures the executor and the resolvers
// without Neo4j. Methods a vacancy page does not call are left nil.
type memoryRead struct {
	workforce.ReadService
	vacancies   []*workforce.Vacancy
	employers   map[string]*workforce.Employer
	occupations map[string]*workforce.Occupation
	places      map[string]*workforce.Place
	skills      map[string]*workforce.Skill
	reqs        map[string][]workforce.Requirement
}

// newMemoryRead makes n vacancies of perVacancy requirements each, over
// shared employers, occupations, places and skills.
func newMemoryRead(n, perVacancy int) *memoryRead {
	m := &memoryRead{employers: map[string]*workforce.Employer{}, occupations: map[string]*workforce.Occupation{},
		places: map[string]*workforce.Place{}, skills: map[string]*workforce.Skill{}, reqs: map[string][]workforce.Requirement{}}
	for i := range 300 {
		id := fmt.Sprintf("skill-%03d", i)
		m.skills[id] = &workforce.Skill{ID: id, Label: fmt.Sprintf("skill number %d", i)}
	}
	for i := range n {
		e, o, p := fmt.Sprintf("emp-%d", i%7), fmt.Sprintf("occ-%d", i%5), fmt.Sprintf("place-%d", i%9)
		m.employers[e] = &workforce.Employer{ID: e, Name: "Employer " + e, Kind: "private"}
		m.occupations[o] = &workforce.Occupation{ID: o, Label: "Occupation " + o}
		m.places[p] = &workforce.Place{ID: p, Name: "Place " + p}
		v := &workforce.Vacancy{ID: fmt.Sprintf("vac-%03d", i), Title: fmt.Sprintf("Vacancy %d", i), EmployerID: e, OccupationID: o, PlaceID: p}
		m.vacancies = append(m.vacancies, v)
		for j := range perVacancy {
			m.reqs[v.ID] = append(m.reqs[v.ID], workforce.Requirement{SkillID: fmt.Sprintf("skill-%03d", (i*perVacancy+j)%300), Essential: j%3 == 0})
		}
	}
	return m
}

func byIDs[T any](m map[string]*T, ids []string) []*T {
	var out []*T
	for _, id := range ids {
		if n, ok := m[id]; ok {
			out = append(out, n)
		}
	}
	return out
}

func (m *memoryRead) FindVacancies(_ context.Context, _ workforce.VacancyFilter, p workforce.Page) (*workforce.Slice[*workforce.Vacancy], error) {
	s := &workforce.Slice[*workforce.Vacancy]{}
	for _, v := range m.vacancies {
		if len(s.Items) == p.First {
			s.HasNext = true
			break
		}
		s.Items, s.Cursors = append(s.Items, v), append(s.Cursors, v.ID)
	}
	return s, nil
}

func (m *memoryRead) Vacancies(_ context.Context, ids []string) ([]*workforce.Vacancy, error) {
	var out []*workforce.Vacancy
	for _, v := range m.vacancies {
		for _, id := range ids {
			if v.ID == id {
				out = append(out, v)
			}
		}
	}
	return out, nil
}

func (m *memoryRead) Employers(_ context.Context, ids []string) ([]*workforce.Employer, error) {
	return byIDs(m.employers, ids), nil
}

func (m *memoryRead) Occupations(_ context.Context, ids []string) ([]*workforce.Occupation, error) {
	return byIDs(m.occupations, ids), nil
}

func (m *memoryRead) Places(_ context.Context, ids []string) ([]*workforce.Place, error) {
	return byIDs(m.places, ids), nil
}

func (m *memoryRead) Skills(_ context.Context, ids []string) ([]*workforce.Skill, error) {
	return byIDs(m.skills, ids), nil
}

func (m *memoryRead) VacancyRequirements(_ context.Context, ids []string) (map[string][]workforce.Requirement, error) {
	out := map[string][]workforce.Requirement{}
	for _, id := range ids {
		out[id] = m.reqs[id]
	}
	return out, nil
}

func (m *memoryRead) Peek(_ context.Context, kind workforce.Kind, id string) (any, bool) {
	var n any
	var ok bool
	switch kind {
	case workforce.KindEmployer:
		n, ok = m.employers[id]
	case workforce.KindOccupation:
		n, ok = m.occupations[id]
	case workforce.KindPlace:
		n, ok = m.places[id]
	case workforce.KindSkill:
		n, ok = m.skills[id]
	}
	return n, ok
}

func (m *memoryRead) PeekRequirements(_ context.Context, id string) ([]workforce.Requirement, bool) {
	r, ok := m.reqs[id]
	return r, ok
}

// nestedPage is the nested workload of the benchmark against
// @neo4j/graphql (docs/performance.md).
const nestedPage = `{"query":"{ vacancies(first: 20) { edges { node { id title employer { name } occupation { label } place { name } requirements { essential skill { label } } } } } }"}`

// BenchmarkNestedPage runs the nested vacancy page (20 vacancies, 1 000
// requirements) through the handler, without the response cache, on data
// held in memory: what the executor and the resolvers cost per request.
func BenchmarkNestedPage(b *testing.B) {
	read := newMemoryRead(20, 50)
	r := &graph.Resolver{Read: read, Auth: &auth.Policy{}, Limits: graph.DefaultLimits}
	h := graph.NewHandler(graph.HandlerConfig{Resolver: r, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		RequestID: func(context.Context) string { return "" }})
	serve := func() *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(nestedPage))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(w, req)
		return w
	}
	if w := serve(); w.Code != http.StatusOK || strings.Contains(w.Body.String(), `"errors"`) || strings.Count(w.Body.String(), `"essential"`) != 1000 {
		b.Fatalf("nested page = %d %.300s, want 1000 requirements and no errors", w.Code, w.Body.String())
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		serve()
	}
}
