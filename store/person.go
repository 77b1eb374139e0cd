package store

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"github.com/onework/onework/workforce"
)

// People: job seekers on caseloads. Seeks and History live as SEEKS and
// WORKED_AS relationships, which have no order: they are returned sorted
// (Seeks by id, History by From, To and occupation), and repeated Seeks ids
// are stored once. Registrations live as REGISTERED relationships, with
// the number and expiry, to a Regulator node (created on first use, keyed
// by the workforce.Regulator code); they come back sorted by regulator.

const upsertPeopleQuery = `
UNWIND $rows AS row
MERGE (n:Person {id: row.id})` + setProps + `
WITH n, row
CALL (n) { OPTIONAL MATCH (n)-[r:LIVES_IN|SEEKS|WORKED_AS|REGISTERED]->() DELETE r }
CALL (n, row) { MATCH (p:Place {id: row.placeId}) MERGE (n)-[:LIVES_IN]->(p) }
CALL (n, row) { UNWIND row.seeks AS id MATCH (o:Occupation {id: id}) MERGE (n)-[:SEEKS]->(o) }
CALL (n, row) {
  UNWIND row.history AS job
  MATCH (o:Occupation {id: job.occupationId})
  CREATE (n)-[:WORKED_AS {from: job.from, to: job.to}]->(o)
}
CALL (n, row) {
  UNWIND row.registrations AS reg
  MERGE (g:Regulator {id: reg.regulator})
  CREATE (n)-[:REGISTERED {number: reg.number, expires: reg.expires}]->(g)
}`

// The parts of a person read from its relationships.
const (
	readPlace         = `placeId: head([(n)-[:LIVES_IN]->(p:Place) | p.id])`
	readSeeks         = `seeks: [(n)-[:SEEKS]->(o:Occupation) | o.id]`
	readHistory       = `history: [(n)-[r:WORKED_AS]->(o:Occupation) | {occupationId: o.id, from: r.from, to: r.to}]`
	readRegistrations = `registrations: [(n)-[r:REGISTERED]->(g:Regulator) | {regulator: g.id, number: r.number, expires: r.expires}]`
)

const personProjection = "n {.*,\n  " + readPlace + ",\n  " + readSeeks + ",\n  " + readHistory + ",\n  " + readRegistrations + "}"

// personAccessFields are the fields that access rules read (see
// Person.AccessOnly); PeopleFields always reads them.
var personAccessFields = []string{"orgId", "consentMatching", "consentShareWithEmployers"}

var people = &nodeKind[workforce.Person]{
	label:      workforce.KindPerson,
	plural:     "people",
	projection: personProjection,
	// Equality data is not offered: it is read only with the whole person.
	fields: withItems(props("orgId", "name", "email", "phone", "location", "travelKm", "availableFrom", "hoursPerWeek",
		"rightToWork", "currentPay", "consentMatching", "consentShareWithEmployers", "consentMonitoring", "updatedAt"),
		map[string]string{"placeId": readPlace, "seeks": readSeeks, "history": readHistory, "registrations": readRegistrations}),
	upsert:   upsertPeopleQuery,
	id:       func(p *workforce.Person) string { return p.ID },
	validate: (*workforce.Person).Validate,
	encode: func(p *workforce.Person) map[string]any {
		return map[string]any{"id": p.ID, "placeId": p.PlaceID, "seeks": encodeIDs(p.Seeks), "history": encodeHistory(p.History),
			"registrations": encodeRegistrations(p.Registrations),
			"props": map[string]any{
				"orgId": p.OrgID, "name": p.Name, "email": p.Email, "phone": p.Phone, "location": encodePoint(p.Location),
				"travelKm": p.TravelKm, "availableFrom": encodeTime(p.AvailableFrom), "hoursPerWeek": p.HoursPerWeek,
				"rightToWork": p.RightToWork, "currentPay": p.CurrentPay, "consentMatching": p.ConsentMatching,
				"consentShareWithEmployers": p.ConsentShareWithEmployers, "consentMonitoring": p.ConsentMonitoring,
				"eqAgeBand":           eq(p, func(e *workforce.Equality) string { return e.AgeBand }),
				"eqSex":               eq(p, func(e *workforce.Equality) string { return e.Sex }),
				"eqGenderIdentity":    eq(p, func(e *workforce.Equality) string { return e.GenderIdentity }),
				"eqEthnicity":         eq(p, func(e *workforce.Equality) string { return e.Ethnicity }),
				"eqDisability":        eq(p, func(e *workforce.Equality) string { return e.Disability }),
				"eqReligion":          eq(p, func(e *workforce.Equality) string { return e.Religion }),
				"eqSexualOrientation": eq(p, func(e *workforce.Equality) string { return e.SexualOrientation }),
			}}
	},
	decode: func(d *decoder) (*workforce.Person, error) {
		p := &workforce.Person{
			ID: d.str("id"), OrgID: d.str("orgId"), Name: d.str("name"), Email: d.str("email"), Phone: d.str("phone"),
			PlaceID: d.str("placeId"), Location: d.point("location"), TravelKm: d.float("travelKm"),
			AvailableFrom: d.timePtr("availableFrom"), HoursPerWeek: d.float("hoursPerWeek"),
			RightToWork: d.bool("rightToWork"), CurrentPay: d.float("currentPay"), ConsentMatching: d.bool("consentMatching"),
			ConsentShareWithEmployers: d.bool("consentShareWithEmployers"), ConsentMonitoring: d.bool("consentMonitoring"),
			Seeks: encodeIDs(d.strs("seeks")), UpdatedAt: d.time("updatedAt"),
		}
		if e := (workforce.Equality{AgeBand: d.str("eqAgeBand"), Sex: d.str("eqSex"), GenderIdentity: d.str("eqGenderIdentity"),
			Ethnicity: d.str("eqEthnicity"), Disability: d.str("eqDisability"), Religion: d.str("eqReligion"),
			SexualOrientation: d.str("eqSexualOrientation")}); e != (workforce.Equality{}) {
			p.Equality = &e
		}
		jobs := d.subs("history")
		for _, j := range jobs {
			p.History = append(p.History, workforce.Job{OccupationID: j.str("occupationId"), From: j.timePtr("from"), To: j.timePtr("to")})
		}
		slices.SortFunc(p.History, compareJobs)
		regs := d.subs("registrations")
		for _, r := range regs {
			p.Registrations = append(p.Registrations, workforce.Registration{
				Regulator: workforce.Regulator(r.str("regulator")), Number: r.str("number"), Expires: r.timePtr("expires")})
		}
		slices.SortFunc(p.Registrations, func(a, b workforce.Registration) int { return cmp.Compare(a.Regulator, b.Regulator) })
		return p, d.join(append(jobs, regs...)...)
	},
	refs: func(p *workforce.Person) []ref {
		refs := []ref{{"placeId", workforce.KindPlace, p.PlaceID}}
		for _, id := range p.Seeks {
			refs = append(refs, ref{"seeks", workforce.KindOccupation, id})
		}
		for _, j := range p.History {
			refs = append(refs, ref{"history.occupationId", workforce.KindOccupation, j.OccupationID})
		}
		return refs
	},
}

// eq returns one equality value for storing, nil (removing the property)
// when the person gave none.
func eq(p *workforce.Person, get func(*workforce.Equality) string) any {
	if p.Equality == nil || get(p.Equality) == "" {
		return nil
	}
	return get(p.Equality)
}

// encodeHistory returns jobs in a stable order as rows; nil when there are none.
func encodeHistory(jobs []workforce.Job) []map[string]any {
	if len(jobs) == 0 {
		return nil
	}
	sorted := slices.Clone(jobs)
	slices.SortFunc(sorted, compareJobs)
	rows := make([]map[string]any, len(sorted))
	for i, j := range sorted {
		rows[i] = map[string]any{"occupationId": j.OccupationID, "from": encodeTime(j.From), "to": encodeTime(j.To)}
	}
	return rows
}

// encodeRegistrations returns registrations sorted by regulator as rows;
// nil when there are none.
func encodeRegistrations(regs []workforce.Registration) []map[string]any {
	if len(regs) == 0 {
		return nil
	}
	sorted := slices.Clone(regs)
	slices.SortFunc(sorted, func(a, b workforce.Registration) int { return cmp.Compare(a.Regulator, b.Regulator) })
	rows := make([]map[string]any, len(sorted))
	for i, r := range sorted {
		rows[i] = map[string]any{"regulator": string(r.Regulator), "number": r.Number, "expires": encodeTime(r.Expires)}
	}
	return rows
}

// compareJobs orders jobs by start, end (unknown first) and occupation.
func compareJobs(a, b workforce.Job) int {
	return cmp.Or(compareTimes(a.From, b.From), compareTimes(a.To, b.To), cmp.Compare(a.OccupationID, b.OccupationID))
}

func compareTimes(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return a.Compare(*b)
}

// People returns the people with the given ids, in any order, skipping ids
// not found.
func (db *DB) People(ctx context.Context, ids []string) ([]*workforce.Person, error) {
	return get(ctx, db, people, ids)
}

// PeopleFields returns the people with the given ids holding only the
// named fields and those of Person.AccessOnly; see workforce.ReadService.
func (db *DB) PeopleFields(ctx context.Context, ids, fields []string) ([]*workforce.Person, error) {
	return getFields(ctx, db, people, ids, append(slices.Clone(fields), personAccessFields...))
}

// UpsertPeople creates or updates people; see workforce.WriteService. A
// registration that has already expired, by the database's clock, is
// refused as EINVALID: it would count as none.
func (db *DB) UpsertPeople(ctx context.Context, items []*workforce.Person) (workforce.WriteResult, error) {
	if err := db.checkRegistrations(ctx, items); err != nil {
		return workforce.WriteResult{}, err
	}
	return upsert(ctx, db, people, items)
}

// checkRegistrations refuses expiries in the past. It asks the database for
// the time only when some registration has an expiry.
func (db *DB) checkRegistrations(ctx context.Context, items []*workforce.Person) error {
	var now time.Time
	for i, p := range items {
		if p == nil {
			continue
		}
		for _, r := range p.Registrations {
			if r.Expires == nil {
				continue
			}
			if now.IsZero() {
				var err error
				if now, err = db.Now(ctx); err != nil {
					return err
				}
			}
			if err := p.ValidateRegistrationsAt(now); err != nil {
				var e *workforce.Error
				if errors.As(err, &e) {
					c := *e
					c.Field = people.fieldOf(i, len(items), e.Field)
					return &c
				}
				return err
			}
			break
		}
	}
	return nil
}

// FindPeople returns a page of the people that match f.
func (db *DB) FindPeople(ctx context.Context, f workforce.PersonFilter, p workforce.Page) (*workforce.Slice[*workforce.Person], error) {
	return find(ctx, db, people, personQuery(f), p)
}

// CountPeople returns how many people match f.
func (db *DB) CountPeople(ctx context.Context, f workforce.PersonFilter) (int, error) {
	return count(ctx, db, people, personQuery(f))
}

const (
	personInOrg   = `n.orgId = $orgId`
	personLivesIn = `(n)-[:LIVES_IN]->(:Place)-[:IN*0..4]->(:Place {id: $placeId})`
	personHas     = `(n)-[:HAS_SKILL]->(:Skill {id: $skillId})`
	personSeeks   = `(n)-[:SEEKS]->(:Occupation {id: $occupationId})`
)

func personQuery(f workforce.PersonFilter) *listQuery {
	q := newListQuery("")
	if f.OrgID != "" {
		q.is(personInOrg, "orgId", f.OrgID)
	}
	q.linked(personLivesIn, "placeId", f.PlaceID)
	q.linked(personHas, "skillId", f.SkillID)
	q.linked(personSeeks, "occupationId", f.Seeking)
	return q
}
