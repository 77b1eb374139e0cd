package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/onework/onework/workforce"
)

// Referrals live as (Person)-[:REFERRED]->(Vacancy|Programme)
// relationships, one per person and target, carrying the referral's id and
// its stages as parallel lists (stages, stageAts, stageBy). Being
// relationships of the person, they go when the person is erased.

var _ workforce.ReferralService = (*DB)(nil)

// referralProjection reads r (with p the person, t the target) and the
// owners of the ends that authorization needs.
const referralProjection = `r {.id, .orgId, .updatedAt, personId: p.id, personOrgId: p.orgId, targetId: t.id,
  target: CASE WHEN t:Vacancy THEN 'VACANCY' ELSE 'PROGRAMME' END,
  employerId: head([(t)-[:POSTED_BY]->(e:Employer) | e.id]),
  providerId: head([(pr:Provider)-[:RUNS]->(t) | pr.id]),
  stages: [i IN range(0, size(r.stages) - 1) | {stage: r.stages[i], at: r.stageAts[i], by: r.stageBy[i]}]} AS r`

func decodeReferral(d *decoder) (*workforce.Referral, error) {
	r := &workforce.Referral{ID: d.str("id"), PersonID: d.str("personId"), Target: workforce.TargetKind(d.str("target")),
		TargetID: d.str("targetId"), OrgID: d.str("orgId"), PersonOrgID: d.str("personOrgId"),
		EmployerID: d.str("employerId"), ProviderID: d.str("providerId"), UpdatedAt: d.time("updatedAt")}
	stages := d.subs("stages")
	for _, s := range stages {
		r.Stages = append(r.Stages, workforce.StageEvent{Stage: workforce.ReferralStage(s.str("stage")), At: s.time("at"), By: s.str("by")})
	}
	return r, d.join(stages...)
}

func decodeReferrals(records []*neo4j.Record) ([]*workforce.Referral, error) {
	out := make([]*workforce.Referral, 0, len(records))
	for _, rec := range records {
		m, _, err := neo4j.GetRecordValue[map[string]any](rec, "r")
		if err != nil {
			return nil, err
		}
		r, err := decodeReferral(&decoder{m: m})
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

const referralByID = `
MATCH (p:Person)-[r:REFERRED]->(t) WHERE r.id IN $ids
RETURN ` + referralProjection

// referralEnds and referralCreate take the target's label from
// targetLabel, a fixed map, never from input.
const referralEnds = `
OPTIONAL MATCH (p:Person {id: $person})
OPTIONAL MATCH (t:%s {id: $target})
RETURN p IS NOT NULL AS person, t IS NOT NULL AS target`

var targetLabel = map[workforce.TargetKind]string{workforce.TargetVacancy: "Vacancy", workforce.TargetProgramme: "Programme"}

// referralCreate merges the relationship between the two bound nodes,
// which locks both, so that concurrent referrals of the same person to the
// same target make one referral.
const referralCreate = `
MATCH (p:Person {id: $person}), (t:%s {id: $target})
MERGE (p)-[r:REFERRED {id: $id}]->(t)
ON CREATE SET r.orgId = $org, r.stages = ['REFERRED'], r.stageAts = [$at], r.stageBy = [$by],
  r.stage = 'REFERRED', r.stageAt = $at, r.updatedAt = datetime.transaction(), r.justCreated = true
WITH p, r, t, coalesce(r.justCreated, false) AS created
REMOVE r.justCreated
RETURN created, ` + referralProjection

// Refer implements workforce.ReferralService.
func (db *DB) Refer(ctx context.Context, in workforce.Referral) (*workforce.Referral, bool, error) {
	if err := in.Validate(); err != nil {
		return nil, false, err
	}
	id := workforce.ReferralID(in.PersonID, in.Target, in.TargetID)
	type result struct {
		r       *workforce.Referral
		created bool
	}
	res, err := write(ctx, db, func(tx neo4j.ManagedTransaction) (result, error) {
		existing, err := collect(ctx, tx, referralByID, map[string]any{"ids": []string{id}})
		if err != nil {
			return result{}, err
		}
		if len(existing) > 0 {
			rs, err := decodeReferrals(existing)
			return result{r: rs[0]}, err
		}
		ends, err := collect(ctx, tx, fmt.Sprintf(referralEnds, targetLabel[in.Target]), map[string]any{"person": in.PersonID, "target": in.TargetID, "kind": string(in.Target)})
		if err != nil || len(ends) == 0 {
			return result{}, err
		}
		d := &decoder{m: ends[0].AsMap()}
		if !d.bool("person") {
			return result{}, notFound("personId", workforce.KindPerson, in.PersonID)
		}
		if !d.bool("target") {
			kind := workforce.KindVacancy
			if in.Target == workforce.TargetProgramme {
				kind = workforce.KindProgramme
			}
			return result{}, notFound("targetId", kind, in.TargetID)
		}
		e := in.Stages[0]
		records, err := collect(ctx, tx, fmt.Sprintf(referralCreate, targetLabel[in.Target]), map[string]any{"id": id, "person": in.PersonID, "target": in.TargetID,
			"kind": string(in.Target), "org": in.OrgID, "at": e.At.UTC(), "by": e.By})
		if err != nil {
			return result{}, err
		}
		rs, err := decodeReferrals(records)
		if err != nil || len(rs) == 0 {
			return result{}, err
		}
		created, _, err := neo4j.GetRecordValue[bool](records[0], "created")
		return result{r: rs[0], created: created}, err
	})
	if err != nil {
		return nil, false, wrap("refer", err)
	}
	return res.r, res.created, nil
}

// referralLock reads a referral for change, first taking its write lock
// (by bumping a lock counter), so that a concurrent writer waits and then
// reads what this one wrote: two writers cannot both pass the ordering rule.
const referralLock = `
MATCH (p:Person)-[r:REFERRED]->(t) WHERE r.id = $id
SET r.lock = coalesce(r.lock, 0) + 1
RETURN ` + referralProjection

// referralAppend adds a stage to a referral locked by referralLock.
const referralAppend = `
MATCH (p:Person)-[r:REFERRED {id: $id}]->(t) WHERE size(r.stages) = $seen
SET r.stages = r.stages + $stage, r.stageAts = r.stageAts + $at, r.stageBy = r.stageBy + $by,
  r.stage = $stage, r.stageAt = $at, r.updatedAt = datetime.transaction()
RETURN ` + referralProjection

// errUnchanged rolls back a transaction that found nothing to change.
var errUnchanged = errors.New("unchanged")

// RecordStage implements workforce.ReferralService.
func (db *DB) RecordStage(ctx context.Context, id string, e workforce.StageEvent) (*workforce.Referral, bool, string, error) {
	if err := workforce.ValidID("referralId", id); err != nil {
		return nil, false, "", err
	}
	type result struct {
		r       *workforce.Referral
		changed bool
		warning string
	}
	var unchanged *workforce.Referral
	res, err := write(ctx, db, func(tx neo4j.ManagedTransaction) (result, error) {
		records, err := collect(ctx, tx, referralLock, map[string]any{"id": id})
		if err != nil {
			return result{}, err
		}
		rs, err := decodeReferrals(records)
		if err != nil {
			return result{}, err
		}
		if len(rs) == 0 {
			return result{}, notFound("referralId", workforce.KindReferral, id)
		}
		changed, warning, err := rs[0].Next(e)
		if err != nil {
			return result{}, err
		}
		if !changed {
			// Roll back the lock counter: an unchanged referral is not written.
			unchanged = rs[0]
			return result{}, errUnchanged
		}
		records, err = collect(ctx, tx, referralAppend, map[string]any{"id": id, "seen": int64(len(rs[0].Stages)),
			"stage": string(e.Stage), "at": e.At.UTC(), "by": e.By})
		if err != nil {
			return result{}, err
		}
		if len(records) == 0 {
			return result{}, workforce.Errorf(workforce.ECONFLICT, "the referral changed while the stage was recorded; try again")
		}
		rs, err = decodeReferrals(records)
		if err != nil || len(rs) == 0 {
			return result{}, err
		}
		return result{r: rs[0], changed: true, warning: warning}, nil
	})
	if errors.Is(err, errUnchanged) {
		return unchanged, false, "", nil
	}
	if err != nil {
		return nil, false, "", wrap("record stage", err)
	}
	return res.r, res.changed, res.warning, nil
}

// Referrals implements workforce.ReferralService.
func (db *DB) Referrals(ctx context.Context, ids []string) ([]*workforce.Referral, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rs, err := readWith(ctx, db, referralByID, map[string]any{"ids": ids}, func(records []*neo4j.Record) ([]*workforce.Referral, error) {
		return decodeReferrals(records)
	})
	return rs, wrap("get referrals", err)
}

const personReferrals = `
MATCH (p:Person)-[r:REFERRED]->(t) WHERE p.id IN $ids
RETURN ` + referralProjection + ` ORDER BY r.id`

// PersonReferrals implements workforce.ReferralService.
func (db *DB) PersonReferrals(ctx context.Context, personIDs []string) (map[string][]*workforce.Referral, error) {
	rs, err := readWith(ctx, db, personReferrals, map[string]any{"ids": personIDs}, func(records []*neo4j.Record) ([]*workforce.Referral, error) {
		return decodeReferrals(records)
	})
	if err != nil {
		return nil, wrap("person referrals", err)
	}
	out := map[string][]*workforce.Referral{}
	for _, r := range rs {
		out[r.PersonID] = append(out[r.PersonID], r)
	}
	return out, nil
}

// referralQuery turns a filter into the MATCH and WHERE of a list of
// referrals, from constant fragments.
func referralQuery(f workforce.ReferralFilter) (string, map[string]any, error) {
	match := []string{"MATCH (p:Person)-[r:REFERRED]->(t)"}
	var where []string
	params := map[string]any{}
	if f.PersonID != "" {
		match[0], params["personId"] = "MATCH (p:Person {id: $personId})-[r:REFERRED]->(t)", f.PersonID
	}
	add := func(pattern, name, value string) {
		if value != "" {
			match = append(match, pattern)
			params[name] = value
		}
	}
	add("MATCH (t:Vacancy {id: $vacancyId})", "vacancyId", f.VacancyID)
	add("MATCH (t:Programme {id: $programmeId})", "programmeId", f.ProgrammeID)
	add("MATCH (t:Vacancy)-[:POSTED_BY]->(:Employer {id: $employerId})", "employerId", f.EmployerID)
	add("MATCH (:Provider {id: $providerId})-[:RUNS]->(t:Programme)", "providerId", f.ProviderID)
	if f.OrgID != "" {
		where = append(where, "p.orgId = $orgId")
		params["orgId"] = f.OrgID
	}
	if f.Stage != "" {
		if !slices.Contains(workforce.ReferralStages, f.Stage) {
			return "", nil, workforce.Invalid("filter.stage", "unknown stage %q", f.Stage)
		}
		where = append(where, "r.stage = $stage")
		params["stage"] = string(f.Stage)
	}
	q := strings.Join(match, "\n")
	if len(where) > 0 {
		q += "\nWITH p, r, t WHERE " + strings.Join(where, " AND ")
	}
	return q, params, nil
}

// FindReferrals implements workforce.ReferralService.
func (db *DB) FindReferrals(ctx context.Context, f workforce.ReferralFilter, p workforce.Page) (*workforce.Slice[*workforce.Referral], error) {
	if p.First <= 0 || p.First > maxFirst {
		return nil, workforce.Invalid("first", "must be between 1 and %d, got %d", maxFirst, p.First)
	}
	q, params, err := referralQuery(f)
	if err != nil {
		return nil, err
	}
	after, err := decodeIDCursor(p.After)
	if err != nil {
		return nil, err
	}
	params["after"], params["limit"] = after, int64(p.First)+1
	q += "\nWITH p, r, t WHERE r.id > $after\nWITH p, r, t ORDER BY r.id LIMIT $limit\nRETURN " + referralProjection
	items, err := readWith(ctx, db, q, params, func(records []*neo4j.Record) ([]*workforce.Referral, error) {
		return decodeReferrals(records)
	})
	if err != nil {
		return nil, wrap("find referrals", err)
	}
	s := &workforce.Slice[*workforce.Referral]{HasNext: len(items) > p.First}
	s.Items = items[:min(len(items), p.First)]
	for _, r := range s.Items {
		s.Cursors = append(s.Cursors, encodeIDCursor(r.ID))
	}
	return s, nil
}

// CountReferrals implements workforce.ReferralService.
func (db *DB) CountReferrals(ctx context.Context, f workforce.ReferralFilter) (int, error) {
	q, params, err := referralQuery(f)
	if err != nil {
		return 0, err
	}
	q += "\nRETURN count(r) AS count"
	n, err := readValue[int64](ctx, db, q, params, "count")
	return int(n), wrap("count referrals", err)
}

const insightsChanged = `
CALL () {
  MATCH (n:Person) WHERE n.updatedAt > $since RETURN 1 AS x LIMIT 1
  UNION ALL MATCH (n:Vacancy) WHERE n.updatedAt > $since RETURN 1 AS x LIMIT 1
  UNION ALL MATCH (n:Employer) WHERE n.updatedAt > $since RETURN 1 AS x LIMIT 1
  UNION ALL MATCH (n:Programme) WHERE n.updatedAt > $since RETURN 1 AS x LIMIT 1
  UNION ALL MATCH (n:Place) WHERE n.updatedAt > $since RETURN 1 AS x LIMIT 1
  UNION ALL MATCH (n:Occupation) WHERE n.updatedAt > $since RETURN 1 AS x LIMIT 1
  UNION ALL MATCH ()-[r:REFERRED]->() WHERE r.updatedAt > $since RETURN 1 AS x LIMIT 1
}
RETURN count(x) > 0 AS changed`

// ChangedSince reports whether any person, vacancy, employer, programme,
// place, occupation or referral changed after since (deletions leave no
// trace here; callers learn of them otherwise).
func (db *DB) ChangedSince(ctx context.Context, since time.Time) (bool, error) {
	changed, err := readValue[bool](ctx, db, insightsChanged, map[string]any{"since": since.UTC()}, "changed")
	return changed, wrap("check changes", err)
}
