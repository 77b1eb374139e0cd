package store_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// nodes is the part of the store that reads and writes one kind of node.
type nodes[T any] struct {
	upsert    func(context.Context, []*T) (workforce.WriteResult, error)
	get       func(context.Context, []string) ([]*T, error)
	id        func(*T) string
	updatedAt func(*T) time.Time
}

func (n nodes[T]) ids(items []*T) []string {
	ids := make([]string, len(items))
	for i, item := range items {
		ids[i] = n.id(item)
	}
	return ids
}

// opts compares nodes in any order, ignoring UpdatedAt (set by the store).
func (n nodes[T]) opts() cmp.Options {
	var zero T
	return cmp.Options{
		cmpopts.SortSlices(func(a, b *T) bool { return n.id(a) < n.id(b) }),
		cmpopts.IgnoreFields(zero, "UpdatedAt"),
	}
}

// nodesOf reads a node's ID and UpdatedAt fields, which every kind has.
func nodesOf[T any](upsert func(context.Context, []*T) (workforce.WriteResult, error), get func(context.Context, []string) ([]*T, error)) nodes[T] {
	field := func(item *T, name string) reflect.Value { return reflect.ValueOf(item).Elem().FieldByName(name) }
	return nodes[T]{
		upsert:    upsert,
		get:       get,
		id:        func(item *T) string { return field(item, "ID").String() },
		updatedAt: func(item *T) time.Time { return field(item, "UpdatedAt").Interface().(time.Time) },
	}
}

func placeNodes(db *store.DB) nodes[workforce.Place] {
	return nodesOf(db.UpsertPlaces, db.Places)
}

func sectorNodes(db *store.DB) nodes[workforce.Sector] {
	return nodesOf(db.UpsertSectors, db.Sectors)
}

func skillNodes(db *store.DB) nodes[workforce.Skill] {
	return nodesOf(db.UpsertSkills, db.Skills)
}

func occupationNodes(db *store.DB) nodes[workforce.Occupation] {
	return nodesOf(db.UpsertOccupations, db.Occupations)
}

func employerNodes(db *store.DB) nodes[workforce.Employer] {
	return nodesOf(db.UpsertEmployers, db.Employers)
}

func vacancyNodes(db *store.DB) nodes[workforce.Vacancy] {
	return nodesOf(db.UpsertVacancies, db.Vacancies)
}

func personNodes(db *store.DB) nodes[workforce.Person] {
	return nodesOf(db.UpsertPeople, db.People)
}

func providerNodes(db *store.DB) nodes[workforce.Provider] {
	return nodesOf(db.UpsertProviders, db.Providers)
}

func programmeNodes(db *store.DB) nodes[workforce.Programme] {
	return nodesOf(db.UpsertProgrammes, db.Programmes)
}

// sorted returns ids in order, as the store returns lists of references.
func sorted(ids ...string) []string {
	slices.Sort(ids)
	return ids
}

// roundTrip checks that items (already upserted) read back equal, that
// upserting them again changes nothing, not even UpdatedAt, and that a
// changed copy of the first item counts as one update and reads back.
func roundTrip[T any](n nodes[T], items []*T, change func(*T)) func(*testing.T) {
	return func(t *testing.T) {
		ctx := t.Context()
		ids := n.ids(items)
		got, err := n.get(ctx, ids)
		if err != nil {
			t.Fatalf("get(%q) = %v", ids, err)
		}
		if diff := cmp.Diff(items, got, n.opts()); diff != "" {
			t.Fatalf("get after upsert mismatch (-want +got):\n%s", diff)
		}
		stamps := map[string]time.Time{}
		for _, item := range got {
			stamps[n.id(item)] = n.updatedAt(item)
			if n.updatedAt(item).IsZero() {
				t.Errorf("%s: UpdatedAt is zero after upsert", n.id(item))
			}
		}

		res, err := n.upsert(ctx, items)
		if err != nil || res != (workforce.WriteResult{}) {
			t.Fatalf("upsert same items again = %+v, %v; want no change", res, err)
		}
		again, err := n.get(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		for _, item := range again {
			if !n.updatedAt(item).Equal(stamps[n.id(item)]) {
				t.Errorf("%s: UpdatedAt moved from %v to %v on an upsert that changed nothing", n.id(item), stamps[n.id(item)], n.updatedAt(item))
			}
		}

		changed := *items[0]
		change(&changed)
		res, err = n.upsert(ctx, []*T{&changed})
		if err != nil || res != (workforce.WriteResult{Updated: 1}) {
			t.Fatalf("upsert changed item = %+v, %v; want 1 updated", res, err)
		}
		after, err := n.get(ctx, ids[:1])
		if err != nil || len(after) != 1 {
			t.Fatalf("get(%q) = %v, %v", ids[0], after, err)
		}
		if diff := cmp.Diff(&changed, after[0], n.opts()); diff != "" {
			t.Errorf("get after update mismatch (-want +got):\n%s", diff)
		}
		if !n.updatedAt(after[0]).After(stamps[ids[0]]) {
			t.Errorf("UpdatedAt = %v after an update, want after %v", n.updatedAt(after[0]), stamps[ids[0]])
		}
	}
}

func TestUpsertRoundTrip(t *testing.T) {
	db := storetest.Open(t)
	w := newWorld(t, db)
	tests := []struct {
		name string
		test func(*testing.T)
	}{
		{"Place", roundTrip(placeNodes(db), []*workforce.Place{w.lsoa, w.lsoa2, w.la, w.region, w.far},
			func(p *workforce.Place) { p.IMDDecile, p.ParentIDs = 2, sorted(w.far.ID, w.la.ID) })},
		{"Sector", roundTrip(sectorNodes(db), []*workforce.Sector{w.sector},
			func(s *workforce.Sector) { s.Name = "Care" })},
		{"Skill", roundTrip(skillNodes(db), []*workforce.Skill{w.care, w.cook, w.lift},
			func(s *workforce.Skill) { s.AltLabels = []string{"bathing", "hygiene support", "dressing"} })},
		{"Occupation", roundTrip(occupationNodes(db), []*workforce.Occupation{w.carer, w.chef},
			func(o *workforce.Occupation) { o.AnnualPay = 24_100.5 })},
		{"Employer", roundTrip(employerNodes(db), []*workforce.Employer{w.nhs, w.cafe},
			func(e *workforce.Employer) {
				e.PlaceID, e.Location = w.lsoa2.ID, &workforce.Point{Lat: -51.5, Lon: 0.25}
			})},
		{"Vacancy", roundTrip(vacancyNodes(db), []*workforce.Vacancy{w.open, w.closed, w.future, w.undated, w.cafeJob},
			func(v *workforce.Vacancy) {
				v.OccupationID, v.OccupationSource, v.OccupationConfidence = w.chef.ID, "title-match", 0.75
				v.ClosesAt = ptr(time.Date(2031, 1, 2, 3, 4, 5, 6, time.FixedZone("X", -5*3600)))
			})},
		{"Person", roundTrip(personNodes(db), []*workforce.Person{w.ann, w.bob},
			func(p *workforce.Person) {
				p.Seeks = sorted(w.carer.ID, w.chef.ID)
				p.History = []workforce.Job{{OccupationID: w.chef.ID, From: ptr(w.now.AddDate(-1, 0, 0))}}
				p.AvailableFrom = ptr(w.now)
				p.Registrations = []workforce.Registration{
					{Regulator: workforce.RegulatorHCPC, Number: "PA12345"},
					{Regulator: workforce.RegulatorNMC, Number: "12A3456B", Expires: ptr(w.now.AddDate(1, 0, 0))},
				}
			})},
		{"Provider", roundTrip(providerNodes(db), []*workforce.Provider{w.college},
			func(p *workforce.Provider) { p.Website, p.PlaceID = "https://example.ac.uk", "" })},
		{"Programme", roundTrip(programmeNodes(db), []*workforce.Programme{w.academy, w.course},
			func(p *workforce.Programme) { p.PlacesLeft, p.ProviderID = nil, "" })},
	}
	for _, tc := range tests {
		t.Run(tc.name, tc.test)
	}
}

// TestUpsertReferencesReplaced checks that references are relationships
// with replace semantics: one per field, the old one gone.
func TestUpsertReferencesReplaced(t *testing.T) {
	db := storetest.Open(t)
	w := newWorld(t, db)
	ctx := t.Context()

	v := *w.open
	v.EmployerID, v.OccupationID, v.PlaceID = w.cafe.ID, w.chef.ID, w.lsoa2.ID
	mustWrite(t, "UpsertVacancies")(db.UpsertVacancies(ctx, []*workforce.Vacancy{&v}))
	p := *w.bob
	p.Seeks, p.PlaceID, p.History = nil, "", nil
	mustWrite(t, "UpsertPeople")(db.UpsertPeople(ctx, []*workforce.Person{&p}))

	records := query(t, db, `
		MATCH (n)-[r]->(m) WHERE n.id IN $ids
		RETURN n.id + ' ' + type(r) + ' ' + m.id AS link ORDER BY link`,
		map[string]any{"ids": []string{v.ID, p.ID}})
	var got []string
	for _, r := range records {
		got = append(got, r.Values[0].(string))
	}
	want := []string{
		v.ID + " FOR " + w.chef.ID,
		v.ID + " LOCATED_IN " + w.lsoa2.ID,
		v.ID + " POSTED_BY " + w.cafe.ID,
		v.ID + " REQUIRES " + w.care.ID,  // not a field: kept
		p.ID + " HAS_SKILL " + w.cook.ID, // not a field: kept
	}
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("links after update mismatch (-want +got):\n%s", diff)
	}
}

// TestUpsertNormalises checks that the order of Seeks, History and
// ParentIDs does not count as a change, and that they read back sorted.
func TestUpsertNormalises(t *testing.T) {
	db := storetest.Open(t)
	w := newWorld(t, db)
	ctx := t.Context()
	early, late := ptr(w.now.AddDate(-5, 0, 0)), ptr(w.now.AddDate(-2, 0, 0))
	p := &workforce.Person{ID: storetest.ID(t, "Person"), Seeks: []string{w.chef.ID, w.carer.ID, w.chef.ID},
		History: []workforce.Job{{OccupationID: w.chef.ID, From: late}, {OccupationID: w.carer.ID, From: early, To: late}}}
	res, err := db.UpsertPeople(ctx, []*workforce.Person{p})
	if err != nil || res != (workforce.WriteResult{Created: 1}) {
		t.Fatalf("UpsertPeople = %+v, %v; want 1 created", res, err)
	}
	reordered := *p
	reordered.Seeks = []string{p.Seeks[1], p.Seeks[0]}
	reordered.History = []workforce.Job{p.History[1], p.History[0]}
	if res, err := db.UpsertPeople(ctx, []*workforce.Person{&reordered}); err != nil || res != (workforce.WriteResult{}) {
		t.Errorf("UpsertPeople(reordered) = %+v, %v; want no change", res, err)
	}
	want := reordered
	want.Seeks = sorted(w.carer.ID, w.chef.ID)
	got, err := db.People(ctx, []string{p.ID})
	if err != nil || len(got) != 1 {
		t.Fatalf("People(%q) = %v, %v", p.ID, got, err)
	}
	if diff := cmp.Diff(&want, got[0], personNodes(db).opts()); diff != "" {
		t.Errorf("person mismatch (-want +got):\n%s", diff)
	}
}

// badCase is a batch write that must fail with code on field and leave
// the graph unchanged.
type badCase struct {
	name        string
	code, field string
	write       func(context.Context) error
	// written returns how many nodes of the batch exist (or were changed).
	written func(context.Context) (int, error)
}

// badBatch makes a badCase from a batch of new nodes: none may exist after.
func badBatch[T any](name string, n nodes[T], items []*T, code, field string) badCase {
	return badCase{
		name: name, code: code, field: field,
		write: func(ctx context.Context) error { _, err := n.upsert(ctx, items); return err },
		written: func(ctx context.Context) (int, error) {
			var ids []string
			for _, item := range items {
				if item != nil {
					ids = append(ids, n.id(item))
				}
			}
			found, err := n.get(ctx, ids)
			return len(found), err
		},
	}
}

func TestUpsertBadInput(t *testing.T) {
	db := storetest.Open(t)
	w := newWorld(t, db)
	id := func(kind string) string { return storetest.ID(t, kind) }
	employer := func(mod func(*workforce.Employer)) *workforce.Employer {
		e := &workforce.Employer{ID: id("Employer"), Name: "Good employer", Kind: workforce.EmployerVCSE, PlaceID: w.lsoa.ID}
		if mod != nil {
			mod(e)
		}
		return e
	}
	vacancy := func(mod func(*workforce.Vacancy)) *workforce.Vacancy {
		v := &workforce.Vacancy{ID: id("Vacancy"), Title: "Good vacancy", EmployerID: w.nhs.ID, PlaceID: w.lsoa.ID}
		if mod != nil {
			mod(v)
		}
		return v
	}
	dup := employer(nil)
	// An update of an existing node in a batch that fails must not stick.
	renamed := *w.nhs
	renamed.Name = "Renamed"

	tests := []badCase{
		badBatch("latitude 91", employerNodes(db), []*workforce.Employer{employer(nil), employer(func(e *workforce.Employer) {
			e.Location = &workforce.Point{Lat: 91, Lon: 0}
		})}, workforce.EINVALID, "employers[1].location.lat"),
		badBatch("empty name", employerNodes(db), []*workforce.Employer{employer(nil), employer(func(e *workforce.Employer) {
			e.Name = "  "
		})}, workforce.EINVALID, "employers[1].name"),
		badBatch("10,000-character title", vacancyNodes(db), []*workforce.Vacancy{vacancy(nil), vacancy(func(v *workforce.Vacancy) {
			v.Title = strings.Repeat("x", 10_000)
		})}, workforce.EINVALID, "vacancies[1].title"),
		badBatch("unknown employer kind", employerNodes(db), []*workforce.Employer{employer(nil), employer(func(e *workforce.Employer) {
			e.Kind = "SHOP"
		})}, workforce.EINVALID, "employers[1].kind"),
		badBatch("unknown contract", vacancyNodes(db), []*workforce.Vacancy{vacancy(func(v *workforce.Vacancy) {
			v.Contract = "GIG"
		})}, workforce.EINVALID, "contract"),
		badBatch("null item", skillNodes(db), []*workforce.Skill{{ID: id("Skill"), Label: "Good"}, nil},
			workforce.EINVALID, "skills[1]"),
		badBatch("unknown place", employerNodes(db), []*workforce.Employer{employer(nil), employer(func(e *workforce.Employer) {
			e.PlaceID = id("Place")
		})}, workforce.ENOTFOUND, "employers[1].placeId"),
		badBatch("unknown employer", vacancyNodes(db), []*workforce.Vacancy{vacancy(nil), vacancy(func(v *workforce.Vacancy) {
			v.EmployerID = id("Employer")
		})}, workforce.ENOTFOUND, "vacancies[1].employerId"),
		badBatch("unknown occupation", vacancyNodes(db), []*workforce.Vacancy{vacancy(nil), vacancy(func(v *workforce.Vacancy) {
			v.OccupationID = id("Occupation")
		})}, workforce.ENOTFOUND, "vacancies[1].occupationId"),
		badBatch("unknown sought occupation", personNodes(db), []*workforce.Person{{ID: id("Person")}, {ID: id("Person"), Seeks: []string{w.carer.ID, id("Occupation")}}},
			workforce.ENOTFOUND, "people[1].seeks"),
		badBatch("unknown past occupation", personNodes(db), []*workforce.Person{{ID: id("Person"), History: []workforce.Job{{OccupationID: id("Occupation")}}}},
			workforce.ENOTFOUND, "history.occupationId"),
		badBatch("unknown regulator", personNodes(db), []*workforce.Person{{ID: id("Person")}, {ID: id("Person"),
			Registrations: []workforce.Registration{{Regulator: "NURSING BOARD"}}}}, workforce.EINVALID, "people[1].registrations.regulator"),
		badBatch("registration number in the wrong format", personNodes(db), []*workforce.Person{{ID: id("Person"),
			Registrations: []workforce.Registration{{Regulator: workforce.RegulatorNMC, Number: "1234567"}}}}, workforce.EINVALID, "registrations.number"),
		badBatch("registration expired", personNodes(db), []*workforce.Person{{ID: id("Person")}, {ID: id("Person"),
			Registrations: []workforce.Registration{{Regulator: workforce.RegulatorNMC, Expires: ptr(w.now.AddDate(0, 0, -1))}}}},
			workforce.EINVALID, "people[1].registrations.expires"),
		badBatch("unknown provider", programmeNodes(db), []*workforce.Programme{{ID: id("Programme"), Title: "P", Kind: workforce.ProgrammeCourse, ProviderID: id("Provider")}},
			workforce.ENOTFOUND, "providerId"),
		badBatch("unknown parent place", placeNodes(db), []*workforce.Place{
			{ID: id("Place"), Name: "A", Kind: workforce.PlaceLSOA, ParentIDs: []string{w.la.ID}},
			{ID: id("Place"), Name: "B", Kind: workforce.PlaceLSOA, ParentIDs: []string{id("Place")}},
		}, workforce.ENOTFOUND, "places[1].parentIds"),
		badBatch("duplicate ids", employerNodes(db), []*workforce.Employer{dup, employer(nil), dup},
			workforce.ECONFLICT, "employers[2].id"),
		{
			name: "update in a failing batch", code: workforce.EINVALID, field: "employers[1].name",
			write: func(ctx context.Context) error {
				_, err := db.UpsertEmployers(ctx, []*workforce.Employer{&renamed, employer(func(e *workforce.Employer) { e.Name = "" })})
				return err
			},
			written: func(ctx context.Context) (int, error) {
				got, err := db.Employers(ctx, []string{w.nhs.ID})
				if err != nil || len(got) != 1 || got[0].Name == w.nhs.Name {
					return 0, err
				}
				return 1, nil
			},
		},
		{
			name: "update with unknown reference", code: workforce.ENOTFOUND, field: "placeId",
			write: func(ctx context.Context) error {
				moved := renamed
				moved.PlaceID = id("Place")
				_, err := db.UpsertEmployers(ctx, []*workforce.Employer{&moved})
				return err
			},
			written: func(ctx context.Context) (int, error) {
				got, err := db.Employers(ctx, []string{w.nhs.ID})
				if err != nil || len(got) != 1 || got[0].PlaceID == w.nhs.PlaceID && got[0].Name == w.nhs.Name {
					return 0, err
				}
				return 1, nil
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.write(t.Context())
			wantError(t, "upsert", err, tc.code, tc.field)
			n, err := tc.written(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("after a failed upsert, %d items of the batch were written, want 0", n)
			}
		})
	}
}

// TestUpsertInjection checks that any string is stored verbatim: values are
// parameters, never Cypher.
func TestUpsertInjection(t *testing.T) {
	db := storetest.Open(t)
	w := newWorld(t, db)
	ctx := t.Context()
	evil := []string{
		`x'}) DETACH DELETE n //`,
		`"}) MATCH (m) DETACH DELETE m //`,
		"x` DETACH DELETE n //",
		`\'; MATCH (n) DETACH DELETE n; //`,
		`$ids {id: 1} $$`,
	}
	var skills []*workforce.Skill
	for _, s := range evil {
		skills = append(skills, &workforce.Skill{ID: storetest.ID(t, "Skill") + s, Label: s, AltLabels: []string{s}, Description: s})
	}
	mustWrite(t, "UpsertSkills")(db.UpsertSkills(ctx, skills))
	ids := skillNodes(db).ids(skills)
	got, err := db.Skills(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(skills, got, skillNodes(db).opts()); diff != "" {
		t.Errorf("skills mismatch (-want +got):\n%s", diff)
	}
	for _, s := range evil {
		if _, err := db.FindSkills(ctx, workforce.SkillFilter{Text: s}, workforce.Page{First: 5}); err != nil {
			t.Errorf("FindSkills(Text: %q) = %v", s, err)
		}
		if _, err := db.FindVacancies(ctx, workforce.VacancyFilter{EmployerID: s, PlaceID: s}, workforce.Page{First: 5}); err != nil {
			t.Errorf("FindVacancies(EmployerID: %q) = %v", s, err)
		}
	}
	if err := db.Delete(ctx, workforce.KindSkill, ids[0]); err != nil {
		t.Errorf("Delete(%q) = %v", ids[0], err)
	}
	// Everything else is still there.
	if got, err := db.Skills(ctx, append(ids[1:], w.care.ID)); err != nil || len(got) != len(ids) {
		t.Errorf("after the injection attempts, Skills found %d of %d, %v", len(got), len(ids), err)
	}
}
