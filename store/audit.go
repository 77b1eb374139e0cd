package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/onework/onework/workforce"
)

// AuditLog keeps the audit trail as (:AuditEvent) nodes. Events are
// written in batches by a background loop so that reading personal data
// costs no extra round trip. The person an event concerns is stored only as
// a keyed hash, so that once a person is erased nothing in the graph
// carries their id, while an admin who knows an id can still find its trail.
type AuditLog struct {
	db     *DB
	key    []byte
	logger *slog.Logger

	mu      sync.Mutex
	pending []workforce.AuditEvent
	// flushing serialises flushes, so that a flush returns only once every
	// event recorded before it is written.
	flushing sync.Mutex
	wake     chan struct{}
	done     chan struct{}
	stop     context.CancelFunc
	// Limit bounds the events waiting to be written (DefaultAuditLimit when
	// 0); set it before the first Record. When the queue is full, Record
	// refuses, and the authorization point then refuses the access: no
	// personal data is served without its audit record.
	Limit int
}

// DefaultAuditLimit is the audit queue's bound when Limit is 0: about a
// minute and a half of a busy hub's reads of personal data.
const DefaultAuditLimit = 100_000

// errAuditFull is Record's answer when the queue is full.
var errAuditFull = &workforce.Error{Code: workforce.EUNAVAILABLE, Message: "the audit trail cannot be written now, and personal data is not served without it; try again shortly"}

// auditFlushEvery bounds how long an event waits before it is written.
const auditFlushEvery = time.Second

// NewAuditLog starts an audit log writing to db. The key makes the hashes
// of person ids; keep it secret and stable. Close flushes and stops it.
func NewAuditLog(db *DB, key []byte, logger *slog.Logger) (*AuditLog, error) {
	if len(key) < 16 {
		return nil, errors.New("audit: the key must be at least 16 bytes")
	}
	ctx, cancel := context.WithCancel(context.Background())
	a := &AuditLog{db: db, key: key, logger: logger, wake: make(chan struct{}, 1), done: make(chan struct{}), stop: cancel}
	go a.loop(ctx)
	return a, nil
}

// Record implements workforce.AuditService. It never blocks on the
// database; while the database cannot take the events and the queue is
// full, it returns EUNAVAILABLE and keeps nothing.
func (a *AuditLog) Record(_ context.Context, e workforce.AuditEvent) error {
	limit := a.Limit
	if limit <= 0 {
		limit = DefaultAuditLimit
	}
	a.mu.Lock()
	if len(a.pending) >= limit {
		a.mu.Unlock()
		return errAuditFull
	}
	a.pending = append(a.pending, e)
	n := len(a.pending)
	a.mu.Unlock()
	if n >= 500 {
		select {
		case a.wake <- struct{}{}:
		default:
		}
	}
	return nil
}

// Pending is the number of events not yet written.
func (a *AuditLog) Pending() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.pending)
}

func (a *AuditLog) loop(ctx context.Context) {
	defer close(a.done)
	t := time.NewTicker(auditFlushEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-a.wake:
		}
		if err := a.Flush(ctx); err != nil && ctx.Err() == nil {
			a.logger.Error("audit: write failed; will retry", "err", err)
		}
	}
}

const auditWrite = `
UNWIND $rows AS row
CREATE (:AuditEvent {at: row.at, subject: row.subject, role: row.role, org: row.org,
  operation: row.operation, action: row.action, target: row.target, allowed: row.allowed})`

// Flush writes the pending events now. Events that fail to write stay
// pending for the next flush.
func (a *AuditLog) Flush(ctx context.Context) error {
	a.flushing.Lock()
	defer a.flushing.Unlock()
	a.mu.Lock()
	batch := a.pending
	a.pending = nil
	a.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	rows := make([]map[string]any, len(batch))
	for i, e := range batch {
		rows[i] = map[string]any{"at": e.At.UTC(), "subject": e.Subject, "role": e.Role, "org": e.OrgID,
			"operation": e.Operation, "action": string(e.Action), "target": a.hash(e.PersonID), "allowed": e.Allowed}
	}
	_, err := write(ctx, a.db, func(tx neo4j.ManagedTransaction) (bool, error) {
		_, err := collect(ctx, tx, auditWrite, map[string]any{"rows": rows})
		return err == nil, err
	})
	if err != nil {
		a.mu.Lock()
		a.pending = append(batch, a.pending...)
		a.mu.Unlock()
		return wrap("write audit events", err)
	}
	return nil
}

// Close writes what is pending and stops the background loop. An error
// means events were not written (Pending says how many): the caller must
// report it.
func (a *AuditLog) Close(ctx context.Context) error {
	a.stop()
	<-a.done
	return a.Flush(ctx)
}

func (a *AuditLog) hash(personID string) string {
	m := hmac.New(sha256.New, a.key)
	m.Write([]byte(personID))
	return hex.EncodeToString(m.Sum(nil))
}

const auditTrail = `
MATCH (e:AuditEvent {target: $target})
RETURN e {.*} AS e ORDER BY e.at DESC LIMIT $limit`

// AuditTrail implements workforce.AuditService.
func (a *AuditLog) AuditTrail(ctx context.Context, personID string, limit int) ([]workforce.AuditEvent, error) {
	if err := a.Flush(ctx); err != nil {
		return nil, err
	}
	events, err := readWith(ctx, a.db, auditTrail, map[string]any{"target": a.hash(personID), "limit": limit}, func(records []*neo4j.Record) ([]workforce.AuditEvent, error) {
		out := make([]workforce.AuditEvent, 0, len(records))
		for _, r := range records {
			m, _, err := neo4j.GetRecordValue[map[string]any](r, "e")
			if err != nil {
				return nil, err
			}
			d := &decoder{m: m}
			out = append(out, workforce.AuditEvent{At: d.time("at"), Subject: d.str("subject"), Role: d.str("role"), OrgID: d.str("org"),
				Operation: d.str("operation"), Action: workforce.Action(d.str("action")), PersonID: personID, Allowed: d.bool("allowed")})
		}
		return out, nil
	})
	return events, wrap("read audit trail", err)
}

const erasePerson = `
OPTIONAL MATCH (p:Person {id: $id})
DETACH DELETE p
WITH count(p) AS erased
OPTIONAL MATCH (e:AuditEvent {subject: $id})
SET e.subject = 'erased-person'
RETURN erased`

// ErasePerson removes a person and every relationship they have, and
// replaces their id where they appear as the actor of audit events, in one
// transaction, so that nothing in the graph carries their id afterwards.
// It returns ENOTFOUND when there is no such person.
func (db *DB) ErasePerson(ctx context.Context, id string) error {
	if err := workforce.ValidID("id", id); err != nil {
		return err
	}
	erased, err := write(ctx, db, func(tx neo4j.ManagedTransaction) (int64, error) {
		records, err := collect(ctx, tx, erasePerson, map[string]any{"id": id})
		if err != nil || len(records) == 0 {
			return 0, err
		}
		n, _, err := neo4j.GetRecordValue[int64](records[0], "erased")
		return n, err
	})
	if err != nil {
		return wrap("erase person", err)
	}
	if erased == 0 {
		return workforce.NotFound("person", id)
	}
	return nil
}

const mentions = `
MATCH (n) WHERE any(k IN keys(n) WHERE n[k] = $value OR (n[k] IS :: LIST<STRING> AND $value IN n[k]))
RETURN count(n) AS nodes`

// Mentions counts the nodes with any property equal to value (or a list
// property containing it): a check that an erased id is gone. It scans the
// whole graph, so it is for tests and audits, not for requests.
func (db *DB) Mentions(ctx context.Context, value string) (int, error) {
	n, err := readValue[int64](ctx, db, mentions, map[string]any{"value": value}, "nodes")
	return int(n), wrap("count mentions", err)
}
