package store_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// list is one filtered list of one kind, seen as ids.
type list struct {
	find  func(context.Context, workforce.Page) (ids, cursors []string, hasNext bool, err error)
	count func(context.Context) (int, error)
}

// lister adapts a Find and Count method and a filter to a list.
func lister[T, F any](find func(context.Context, F, workforce.Page) (*workforce.Slice[*T], error), count func(context.Context, F) (int, error), f F, id func(*T) string) list {
	return list{
		find: func(ctx context.Context, p workforce.Page) ([]string, []string, bool, error) {
			s, err := find(ctx, f, p)
			if err != nil {
				return nil, nil, false, err
			}
			ids := make([]string, len(s.Items))
			for i, item := range s.Items {
				ids[i] = id(item)
			}
			return ids, s.Cursors, s.HasNext, nil
		},
		count: func(ctx context.Context) (int, error) { return count(ctx, f) },
	}
}

// walk reads every page of l, first items at a time, and checks that pages
// are full but for the last, have a cursor per item and never repeat an item.
func walk(t *testing.T, l list, first int) []string {
	t.Helper()
	var all []string
	after := ""
	for page := 0; ; page++ {
		if page > 100 {
			t.Fatalf("walk(first=%d): more than 100 pages", first)
		}
		ids, cursors, hasNext, err := l.find(t.Context(), workforce.Page{First: first, After: after})
		if err != nil {
			t.Fatalf("find(first=%d, after=%q) = %v", first, after, err)
		}
		if len(cursors) != len(ids) {
			t.Fatalf("find returned %d items and %d cursors", len(ids), len(cursors))
		}
		if len(ids) > first || hasNext && len(ids) < first {
			t.Fatalf("find(first=%d) returned %d items, hasNext %v", first, len(ids), hasNext)
		}
		for _, id := range ids {
			if slices.Contains(all, id) {
				t.Fatalf("walk(first=%d): %q appears twice", first, id)
			}
		}
		all = append(all, ids...)
		if !hasNext {
			return all
		}
		after = cursors[len(cursors)-1]
	}
}

func TestFind(t *testing.T) {
	db := storetest.Open(t)
	w := newWorld(t, db)
	near := func(km float64) *workforce.Near { return &workforce.Near{Point: w.base, WithinKm: km} }
	skillID := func(s *workforce.Skill) string { return s.ID }
	occupationID := func(o *workforce.Occupation) string { return o.ID }
	employerID := func(e *workforce.Employer) string { return e.ID }
	vacancyID := func(v *workforce.Vacancy) string { return v.ID }
	personID := func(p *workforce.Person) string { return p.ID }
	providerID := func(p *workforce.Provider) string { return p.ID }
	programmeID := func(p *workforce.Programme) string { return p.ID }
	placeID := func(p *workforce.Place) string { return p.ID }
	vacancies := func(f workforce.VacancyFilter) list { return lister(db.FindVacancies, db.CountVacancies, f, vacancyID) }
	programmes := func(f workforce.ProgrammeFilter) list {
		return lister(db.FindProgrammes, db.CountProgrammes, f, programmeID)
	}
	all := []*workforce.Vacancy{w.open, w.closed, w.future, w.undated, w.cafeJob}
	nhsJobs := []*workforce.Vacancy{w.open, w.closed, w.future, w.undated}

	tests := []struct {
		name string
		list list
		want []string
		// ranked lists are ordered by relevance; want is then compared as a set.
		ranked bool
	}{
		{"skills text", lister(db.FindSkills, db.CountSkills, workforce.SkillFilter{Text: w.tok}, skillID), ids(w.care, w.cook, w.lift), true},
		{"skills text matches alt labels", lister(db.FindSkills, db.CountSkills, workforce.SkillFilter{Text: "Hygiene " + w.tok}, skillID), ids(w.care), true},
		{"skills text prefix of last word", lister(db.FindSkills, db.CountSkills, workforce.SkillFilter{Text: w.tok + " hyg"}, skillID), ids(w.care), true},
		{"skills text with Lucene syntax", lister(db.FindSkills, db.CountSkills, workforce.SkillFilter{Text: w.tok + ` care AND ( "`}, skillID), nil, true},
		{"skills required by occupation", lister(db.FindSkills, db.CountSkills, workforce.SkillFilter{RequiredByOccupation: w.carer.ID}, skillID), ids(w.care, w.lift), false},
		{"skills taught by programme", lister(db.FindSkills, db.CountSkills, workforce.SkillFilter{TaughtByProgramme: w.course.ID}, skillID), ids(w.cook), false},
		{"skills text and occupation", lister(db.FindSkills, db.CountSkills, workforce.SkillFilter{Text: "moving " + w.tok, RequiredByOccupation: w.carer.ID}, skillID), ids(w.lift), true},
		{"occupations text alt label", lister(db.FindOccupations, db.CountOccupations, workforce.OccupationFilter{Text: "carer " + w.tok}, occupationID), ids(w.carer), true},
		{"occupations requiring skill", lister(db.FindOccupations, db.CountOccupations, workforce.OccupationFilter{RequiringSkill: w.cook.ID}, occupationID), ids(w.chef), false},
		{"occupations in sector", lister(db.FindOccupations, db.CountOccupations, workforce.OccupationFilter{SectorID: w.sector.ID}, occupationID), ids(w.carer), false},
		{"occupations led to by programme", lister(db.FindOccupations, db.CountOccupations, workforce.OccupationFilter{LedToByProgramme: w.academy.ID}, occupationID), ids(w.carer), false},
		{"sectors text", lister(db.FindSectors, db.CountSectors, workforce.SectorFilter{Text: "social " + w.tok}, func(s *workforce.Sector) string { return s.ID }), ids(w.sector), true},
		{"employers text", lister(db.FindEmployers, db.CountEmployers, workforce.EmployerFilter{Text: "cafe " + w.tok}, employerID), ids(w.cafe), true},
		{"employers in place", lister(db.FindEmployers, db.CountEmployers, workforce.EmployerFilter{PlaceID: w.region.ID}, employerID), ids(w.nhs, w.cafe), false},
		{"employers of kind in place", lister(db.FindEmployers, db.CountEmployers, workforce.EmployerFilter{Kind: workforce.EmployerNHS, PlaceID: w.la.ID}, employerID), ids(w.nhs), false},
		{"employers near", lister(db.FindEmployers, db.CountEmployers, workforce.EmployerFilter{Near: near(5)}, employerID), ids(w.nhs), false},
		{"vacancies in region (transitive)", vacancies(workforce.VacancyFilter{PlaceID: w.region.ID}), ids(all...), false},
		{"vacancies in LSOA", vacancies(workforce.VacancyFilter{PlaceID: w.lsoa2.ID}), ids(w.cafeJob), false},
		{"vacancies in unrelated place", vacancies(workforce.VacancyFilter{PlaceID: w.far.ID}), nil, false},
		{"vacancies text", vacancies(workforce.VacancyFilter{Text: "care assistant " + w.tok}), ids(w.closed, w.undated), true}, // not "Healthcare"
		{"vacancies for occupation", vacancies(workforce.VacancyFilter{OccupationID: w.chef.ID}), ids(w.cafeJob), false},
		{"vacancies by employer", vacancies(workforce.VacancyFilter{EmployerID: w.nhs.ID}), ids(nhsJobs...), false},
		{"vacancies by employer kind", vacancies(workforce.VacancyFilter{EmployerKind: workforce.EmployerPrivate, PlaceID: w.region.ID}), ids(w.cafeJob), false},
		{"vacancies near", vacancies(workforce.VacancyFilter{Near: near(5)}), ids(nhsJobs...), false},
		{"vacancies near, wider", vacancies(workforce.VacancyFilter{Near: near(10)}), ids(all...), false},
		{"vacancies requiring skill", vacancies(workforce.VacancyFilter{SkillID: w.cook.ID}), ids(w.cafeJob), false},
		{"vacancies open now", vacancies(workforce.VacancyFilter{OpenAt: &w.now, EmployerID: w.nhs.ID}), ids(w.open, w.undated), false},
		{"vacancies open in a week", vacancies(workforce.VacancyFilter{OpenAt: ptr(w.now.Add(7 * 24 * time.Hour)), EmployerID: w.nhs.ID}), ids(w.future, w.undated), false},
		{"vacancies with every filter", vacancies(workforce.VacancyFilter{Text: w.tok, OccupationID: w.carer.ID, EmployerID: w.nhs.ID,
			EmployerKind: workforce.EmployerNHS, PlaceID: w.la.ID, Near: near(3), SkillID: w.care.ID, OpenAt: &w.now}), ids(w.open), true},
		{"people in org", lister(db.FindPeople, db.CountPeople, workforce.PersonFilter{OrgID: w.ann.OrgID}, personID), ids(w.ann, w.bob), false},
		{"people in place", lister(db.FindPeople, db.CountPeople, workforce.PersonFilter{PlaceID: w.lsoa.ID}, personID), ids(w.ann), false},
		{"people in region", lister(db.FindPeople, db.CountPeople, workforce.PersonFilter{PlaceID: w.region.ID}, personID), ids(w.ann, w.bob), false},
		{"people with skill", lister(db.FindPeople, db.CountPeople, workforce.PersonFilter{SkillID: w.cook.ID}, personID), ids(w.bob), false},
		{"people seeking", lister(db.FindPeople, db.CountPeople, workforce.PersonFilter{OrgID: w.ann.OrgID, Seeking: w.carer.ID}, personID), ids(w.ann), false},
		{"providers text", lister(db.FindProviders, db.CountProviders, workforce.ProviderFilter{Text: "college " + w.tok}, providerID), ids(w.college), true},
		{"providers of kind in place", lister(db.FindProviders, db.CountProviders, workforce.ProviderFilter{Kind: workforce.ProviderCollege, PlaceID: w.region.ID}, providerID), ids(w.college), false},
		{"providers near", lister(db.FindProviders, db.CountProviders, workforce.ProviderFilter{Near: near(2)}, providerID), ids(w.college), false},
		{"programmes text", lister(db.FindProgrammes, db.CountProgrammes, workforce.ProgrammeFilter{Text: "academy " + w.tok}, programmeID), ids(w.academy), true},
		{"programmes by provider", programmes(workforce.ProgrammeFilter{ProviderID: w.college.ID}), ids(w.academy, w.course), false},
		{"programmes of kind", programmes(workforce.ProgrammeFilter{ProviderID: w.college.ID, Kind: workforce.ProgrammeCourse}), ids(w.course), false},
		{"programmes starting after", programmes(workforce.ProgrammeFilter{ProviderID: w.college.ID, StartsAfter: &w.now}), ids(w.academy), false},
		{"programmes in place", programmes(workforce.ProgrammeFilter{PlaceID: w.lsoa.ID}), ids(w.academy), false},
		{"programmes in region", programmes(workforce.ProgrammeFilter{PlaceID: w.region.ID}), ids(w.academy, w.course), false},
		{"programmes near", programmes(workforce.ProgrammeFilter{Near: near(50)}), ids(w.academy), false},
		{"programmes teaching", programmes(workforce.ProgrammeFilter{SkillID: w.lift.ID}), ids(w.academy), false},
		{"programmes leading to", programmes(workforce.ProgrammeFilter{OccupationID: w.chef.ID}), ids(w.course), false},
		{"places text by name", lister(db.FindPlaces, db.CountPlaces, workforce.PlaceFilter{Text: "riverside " + w.tok}, placeID), ids(w.lsoa), true},
		{"places text by code", lister(db.FindPlaces, db.CountPlaces, workforce.PlaceFilter{Text: w.lsoa2.ID}, placeID), ids(w.lsoa2), true},
		{"places in parent", lister(db.FindPlaces, db.CountPlaces, workforce.PlaceFilter{ParentID: w.region.ID}, placeID), ids(w.la, w.lsoa, w.lsoa2), false},
		{"places of kind in parent", lister(db.FindPlaces, db.CountPlaces, workforce.PlaceFilter{ParentID: w.region.ID, Kind: workforce.PlaceLSOA}, placeID), ids(w.lsoa, w.lsoa2), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := slices.Clone(tc.want)
			slices.Sort(want)
			for _, first := range []int{1, 2, 100} {
				got := walk(t, tc.list, first)
				if tc.ranked {
					slices.Sort(got)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("walk(first=%d) mismatch (-want +got):\n%s", first, diff)
				}
			}
			n, err := tc.list.count(t.Context())
			if err != nil || n != len(want) {
				t.Errorf("count = %d, %v; want %d", n, err, len(want))
			}
		})
	}
}

// ids returns the ID fields of nodes, whatever their kind.
func ids[T any](items ...*T) []string {
	out := make([]string, len(items))
	for i, item := range items {
		out[i] = reflect.ValueOf(item).Elem().FieldByName("ID").String()
	}
	return out
}

// TestFindPages checks keyset and offset pagination over more items than a
// page holds: pages join up without gaps or repeats, in a stable order.
func TestFindPages(t *testing.T) {
	db := storetest.Open(t)
	ctx := t.Context()
	tok := fmt.Sprintf("zp%08x", rand.Uint32())
	place := &workforce.Place{ID: storetest.ID(t, "Place"), Name: "Paging place", Kind: workforce.PlaceLSOA}
	mustWrite(t, "UpsertPlaces")(db.UpsertPlaces(ctx, []*workforce.Place{place}))
	var employers []*workforce.Employer
	var skills []*workforce.Skill
	for i := range 7 {
		employers = append(employers, &workforce.Employer{ID: storetest.ID(t, "Employer"), Name: "Employer", Kind: workforce.EmployerVCSE, PlaceID: place.ID})
		// Labels of different lengths score differently; two pairs tie.
		skills = append(skills, &workforce.Skill{ID: storetest.ID(t, "Skill"), Label: tok + " skill" + strings.Repeat(" more", i/2)})
	}
	mustWrite(t, "UpsertEmployers")(db.UpsertEmployers(ctx, employers))
	mustWrite(t, "UpsertSkills")(db.UpsertSkills(ctx, skills))

	byID := lister(db.FindEmployers, db.CountEmployers, workforce.EmployerFilter{PlaceID: place.ID}, func(e *workforce.Employer) string { return e.ID })
	byScore := lister(db.FindSkills, db.CountSkills, workforce.SkillFilter{Text: tok}, func(s *workforce.Skill) string { return s.ID })
	tests := []struct {
		name string
		list list
		want []string
	}{
		{"by id", byID, ids(employers...)},
		{"by score", byScore, ids(skills...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			whole := walk(t, tc.list, 100)
			if diff := cmp.Diff(sorted(tc.want...), sorted(slices.Clone(whole)...)); diff != "" {
				t.Fatalf("items mismatch (-want +got):\n%s", diff)
			}
			for _, first := range []int{1, 2, 3, 6, 7, 8} {
				if diff := cmp.Diff(whole, walk(t, tc.list, first)); diff != "" {
					t.Errorf("walk(first=%d) differs from one page (-want +got):\n%s", first, diff)
				}
			}
			if n, err := tc.list.count(t.Context()); err != nil || n != len(tc.want) {
				t.Errorf("count = %d, %v; want %d", n, err, len(tc.want))
			}
		})
	}
	if got := walk(t, byID, 3); !slices.IsSorted(got) {
		t.Errorf("without Text, items are not in id order: %q", got)
	}
}

func TestFindBadInput(t *testing.T) {
	db := storetest.Open(t)
	ctx := t.Context()
	cursor := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	page, err := db.FindPlaces(ctx, workforce.PlaceFilter{}, workforce.Page{First: 1})
	if err != nil {
		t.Fatal(err)
	}
	idCursor := cursor("i:x")
	if len(page.Cursors) > 0 {
		idCursor = page.Cursors[0]
	}
	tests := []struct {
		name        string
		find        func() error
		code, field string
	}{
		{"first 0", func() error {
			_, err := db.FindSkills(ctx, workforce.SkillFilter{}, workforce.Page{First: 0})
			return err
		}, workforce.EINVALID, "first"},
		{"first negative", func() error {
			_, err := db.FindVacancies(ctx, workforce.VacancyFilter{}, workforce.Page{First: -1})
			return err
		}, workforce.EINVALID, "first"},
		{"cursor not base64", func() error {
			_, err := db.FindSkills(ctx, workforce.SkillFilter{}, workforce.Page{First: 1, After: "!!!"})
			return err
		}, workforce.EINVALID, "after"},
		{"cursor of another form", func() error {
			_, err := db.FindSkills(ctx, workforce.SkillFilter{}, workforce.Page{First: 1, After: cursor("x:1")})
			return err
		}, workforce.EINVALID, "after"},
		{"offset cursor without text", func() error {
			_, err := db.FindSkills(ctx, workforce.SkillFilter{}, workforce.Page{First: 1, After: cursor("o:3")})
			return err
		}, workforce.EINVALID, "after"},
		{"id cursor with text", func() error {
			_, err := db.FindPlaces(ctx, workforce.PlaceFilter{Text: "x"}, workforce.Page{First: 1, After: idCursor})
			return err
		}, workforce.EINVALID, "after"},
		{"negative offset", func() error {
			_, err := db.FindSkills(ctx, workforce.SkillFilter{Text: "x"}, workforce.Page{First: 1, After: cursor("o:-5")})
			return err
		}, workforce.EINVALID, "after"},
		{"unknown employer kind", func() error {
			_, err := db.FindVacancies(ctx, workforce.VacancyFilter{EmployerKind: "SHOP"}, workforce.Page{First: 1})
			return err
		}, workforce.EINVALID, "employerKind"},
		{"unknown place kind", func() error {
			_, err := db.CountPlaces(ctx, workforce.PlaceFilter{Kind: "TOWN"})
			return err
		}, workforce.EINVALID, "kind"},
		{"near latitude 91", func() error {
			_, err := db.FindEmployers(ctx, workforce.EmployerFilter{Near: &workforce.Near{Point: workforce.Point{Lat: 91}, WithinKm: 1}}, workforce.Page{First: 1})
			return err
		}, workforce.EINVALID, "near.point.lat"},
		{"near no distance", func() error {
			_, err := db.CountProviders(ctx, workforce.ProviderFilter{Near: &workforce.Near{Point: workforce.Point{Lat: 51, Lon: -2}}})
			return err
		}, workforce.EINVALID, "near.withinKm"},
		{"text too long", func() error {
			_, err := db.FindOccupations(ctx, workforce.OccupationFilter{Text: strings.Repeat("care ", 100)}, workforce.Page{First: 1})
			return err
		}, workforce.EINVALID, "text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, tc.name, tc.find(), tc.code, tc.field)
		})
	}
}

// TestCountAll checks counts without a filter (from Neo4j's count store)
// against the nodes this test adds.
func TestCountAll(t *testing.T) {
	db := storetest.Open(t)
	ctx := t.Context()
	before, err := db.CountSectors(ctx, workforce.SectorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	sectors := []*workforce.Sector{{ID: storetest.ID(t, "Sector"), Name: "A"}, {ID: storetest.ID(t, "Sector"), Name: "B"}}
	mustWrite(t, "UpsertSectors")(db.UpsertSectors(ctx, sectors))
	after, err := db.CountSectors(ctx, workforce.SectorFilter{Text: "  "})
	if err != nil {
		t.Fatal(err)
	}
	// Other tests may add sectors at the same time, never fewer than ours.
	if after-before < len(sectors) {
		t.Errorf("CountSectors grew by %d after adding %d", after-before, len(sectors))
	}
}
