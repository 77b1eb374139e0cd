// Package store keeps the workforce graph in Neo4j. It implements
// workforce.ReadService and workforce.WriteService with the official Go
// driver, owns the schema (constraints and indexes, see Migrate) and is the
// only package that holds Cypher.
//
// Every query is parameterised: values from callers travel as parameters and
// never become part of a query's text. Queries are constants beside the code
// that runs them; list queries are assembled from constant fragments chosen
// by which filter fields are set, so that Neo4j can use its indexes.
//
// Conventions callers can rely on:
//
//   - Upserts name the item in error fields: "vacancies[3].title",
//     "people[0].seeks", "employers[2].id" (a repeated id, ECONFLICT). A
//     batch of one item reports the field alone ("title", "seeks"), as the
//     domain's validators name it.
//   - References held in domain fields (Vacancy.EmployerID, Person.Seeks,
//     Place.ParentIDs, ...) are stored as relationships and replaced on
//     update. Lists of them come back sorted by id (Person.History by From,
//     To, occupation); a Vacancy's OccupationSource and OccupationConfidence
//     live on its FOR relationship, so they are kept only with an
//     OccupationID.
//   - Cursors are opaque strings; Find returns EINVALID on field "after" for
//     one it did not make (or made for a list ordered differently).
//   - Timestamps (createdAt, updatedAt) come from the database's transaction
//     clock, so that several API replicas agree on one clock for change
//     tracking. Times are stored as Neo4j DATETIME in UTC and returned in
//     UTC; locations are WGS-84 points.
package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/onework/onework/workforce"
)

// DefaultDatabase is the database used when Config.Database is empty.
const DefaultDatabase = "neo4j"

// Config says where Neo4j is and how to log in to it.
type Config struct {
	// URI is the Bolt or Neo4j URI, such as bolt://127.0.0.1:7687.
	URI string
	// User and Password are the basic-auth credentials; with an empty User
	// the driver connects without authentication.
	User     string
	Password string
	// Database is the database to use; DefaultDatabase when empty.
	Database string
	// ConnectTimeout bounds opening a connection and waiting for one from
	// the pool; RetryTime bounds how long a transaction is retried on
	// transient and connection errors. Zero keeps the driver's defaults.
	// Short values make requests fail fast while Neo4j is down.
	ConnectTimeout time.Duration
	RetryTime      time.Duration
}

// DB is a connection to Neo4j: one long-lived driver, shared by all callers
// and safe for concurrent use. It implements workforce.ReadService and
// workforce.WriteService.
type DB struct {
	driver     neo4j.DriverWithContext
	cfg        Config
	database   string
	roundTrips atomic.Int64
	inFlight   atomic.Int64
}

var (
	_ workforce.ReadService  = (*DB)(nil)
	_ workforce.WriteService = (*DB)(nil)
)

// OpenDB connects to Neo4j and checks that the database answers. Close the
// DB when done.
func OpenDB(ctx context.Context, cfg Config) (*DB, error) {
	if cfg.URI == "" {
		return nil, errors.New("open neo4j: no URI configured (set NEO4J_URI, e.g. bolt://127.0.0.1:7687)")
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *neo4jconfig.Config) {
		if cfg.ConnectTimeout > 0 {
			c.SocketConnectTimeout = cfg.ConnectTimeout
			c.ConnectionAcquisitionTimeout = cfg.ConnectTimeout
		}
		if cfg.RetryTime > 0 {
			c.MaxTransactionRetryTime = cfg.RetryTime
		}
	})
	if err != nil {
		return nil, fmt.Errorf("open neo4j at %s: %w", cfg.URI, err)
	}
	db := &DB{driver: driver, cfg: cfg, database: cfg.Database}
	if db.database == "" {
		db.database = DefaultDatabase
	}
	if err = driver.VerifyConnectivity(ctx); err != nil {
		err = fmt.Errorf("cannot connect (is Neo4j running?): %w", err)
	} else {
		err = db.Ping(ctx)
	}
	if err != nil {
		_ = driver.Close(ctx)
		return nil, fmt.Errorf("open neo4j at %s: %w", cfg.URI, err)
	}
	return db, nil
}

// Reopen connects again with the same configuration, as a new driver
// that holds no bookmarks: after the database is replaced (an offline
// import), the old driver waits for transactions the new one never had.
func (db *DB) Reopen(ctx context.Context) (*DB, error) {
	return OpenDB(ctx, db.cfg)
}

// Close closes the driver and all its connections.
func (db *DB) Close(ctx context.Context) error {
	return db.driver.Close(ctx)
}

// Reachable reports whether Neo4j accepts connections, without retrying:
// nil, or an EUNAVAILABLE error when no connection can be made at all. A
// slow or busy database is reachable.
func (db *DB) Reachable(ctx context.Context) error {
	err := db.driver.VerifyConnectivity(ctx)
	// Only a refused or broken connection counts: a wait for a pooled
	// connection, or a check that ran out of time, under load is not an
	// outage.
	var conn *neo4j.ConnectivityError
	if errors.As(err, &conn) && ctx.Err() == nil {
		return &workforce.Error{Code: workforce.EUNAVAILABLE, Message: "the database cannot be reached"}
	}
	return nil
}

const pingQuery = `RETURN 1 AS ok`

// Ping checks that the database answers a query.
func (db *DB) Ping(ctx context.Context) error {
	_, err := readRecords(ctx, db, pingQuery, nil)
	if err != nil {
		return fmt.Errorf("ping neo4j database %q: %w", db.database, err)
	}
	return nil
}

// Driver returns the underlying driver, for store-adjacent code such as
// bulk importers and tests.
func (db *DB) Driver() neo4j.DriverWithContext { return db.driver }

// Database returns the name of the database the DB uses.
func (db *DB) Database() string { return db.database }

// RoundTrips returns how many transactions and queries the DB has sent to
// Neo4j so far: one per read, write or one-shot query, however many
// statements it holds. Tests use it to check that loaders batch.
func (db *DB) RoundTrips() int64 { return db.roundTrips.Load() }

// InFlight is the number of transactions running now, each holding (or
// waiting for) a pooled connection.
func (db *DB) InFlight() int64 { return db.inFlight.Load() }

// write runs work in a write transaction (retried on transient errors).
func write[T any](ctx context.Context, db *DB, work neo4j.ManagedTransactionWorkT[T]) (T, error) {
	return inSession(ctx, db, neo4j.AccessModeWrite, func(ctx context.Context, session neo4j.SessionWithContext) (T, error) {
		return neo4j.ExecuteWrite(ctx, session, work)
	})
}

// inSession runs fn in a new session of the given mode: it counts the
// round trip, traces it, closes the session and maps an unreachable
// database to EUNAVAILABLE.
func inSession[T any](ctx context.Context, db *DB, mode neo4j.AccessMode, fn func(context.Context, neo4j.SessionWithContext) (T, error)) (_ T, err error) {
	db.roundTrips.Add(1)
	db.inFlight.Add(1)
	defer db.inFlight.Add(-1)
	name := "neo4j write"
	if mode == neo4j.AccessModeRead {
		name = "neo4j read"
	}
	ctx, span := otel.Tracer("github.com/onework/onework/store").Start(ctx, name, trace.WithSpanKind(trace.SpanKindClient))
	defer func() {
		if err != nil {
			span.SetStatus(codes.Error, "")
		}
		span.End()
	}()
	session := db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.database, AccessMode: mode})
	defer func() {
		if cerr := session.Close(ctx); err == nil && cerr != nil {
			err = cerr
		}
	}()
	out, err := fn(ctx, session)
	if ctx.Err() == nil && unreachable(err) {
		return out, &workforce.Error{Code: workforce.EUNAVAILABLE, Message: "the database cannot be reached; try again shortly"}
	}
	return out, err
}

// readRecords runs one read query and returns all its records. It runs as
// an auto-commit transaction: one round trip, where a transaction
// function takes two (BEGIN with RUN and PULL, then COMMIT), which is
// about half the cost of a small read. One query sees one snapshot, so
// nothing is lost by not wrapping it (a read of several queries that must
// agree would need a transaction function; the store has none). It retries
// as the driver's transaction functions do: errors the driver calls
// retryable (a lost connection, a transient database error), the first at
// once and then after a growing pause, until Config.RetryTime (the
// driver's 30 s when unset) has passed or ctx ends.
func readRecords(ctx context.Context, db *DB, query string, params map[string]any) ([]*neo4j.Record, error) {
	limit := db.cfg.RetryTime
	if limit <= 0 {
		limit = 30 * time.Second
	}
	return inSession(ctx, db, neo4j.AccessModeRead, func(ctx context.Context, session neo4j.SessionWithContext) ([]*neo4j.Record, error) {
		return retryRead(ctx, limit, readRetryPause, func() ([]*neo4j.Record, error) {
			return runCollect(ctx, session, query, params)
		})
	})
}

// retryRead calls run until it succeeds, fails with an error the driver
// does not call retryable, ctx ends or limit has passed: the first retry
// at once, then after pause, doubling.
func retryRead[T any](ctx context.Context, limit, pause time.Duration, run func() (T, error)) (T, error) {
	start := time.Now()
	for attempt := 0; ; attempt++ {
		out, err := run()
		if err == nil || !neo4j.IsRetryable(err) || ctx.Err() != nil || time.Since(start) >= limit {
			return out, err
		}
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return out, err
			case <-time.After(min(pause, limit-time.Since(start))):
			}
			pause *= 2
		}
	}
}

// runCollect runs one auto-commit query in session and returns its records.
func runCollect(ctx context.Context, session neo4j.SessionWithContext, query string, params map[string]any) ([]*neo4j.Record, error) {
	result, err := session.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	return result.Collect(ctx)
}

// readRetryPause is the pause before readRecords' second retry; each
// later one doubles it. The first retry goes at once: it usually follows
// a pooled connection that the database closed.
const readRetryPause = 500 * time.Millisecond

// unreachable reports whether err says Neo4j could not be reached (no
// connection, or none within the acquisition timeout), as opposed to a
// query that failed.
func unreachable(err error) bool {
	var conn *neo4j.ConnectivityError
	var limit *neo4j.TransactionExecutionLimit
	switch {
	case err == nil:
		return false
	case errors.As(err, &conn):
		return true
	case errors.As(err, &limit):
		for _, e := range limit.Errors {
			if unreachable(e) {
				return true
			}
		}
		return len(limit.Errors) == 0 && strings.Contains(limit.Cause, "Timeout")
	}
	return strings.HasPrefix(err.Error(), "Timeout while waiting for connection")
}

// collect runs one query in tx and returns all its records.
func collect(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) ([]*neo4j.Record, error) {
	result, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	return result.Collect(ctx)
}

// wrap returns domain errors as they are, maps a uniqueness violation to
// ECONFLICT and wraps anything else with the operation, for the logs.
func wrap(op string, err error) error {
	var domain *workforce.Error
	var neo *neo4j.Neo4jError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &domain):
		return err
	case errors.As(err, &neo) && neo.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
		return workforce.Errorf(workforce.ECONFLICT, "%s: a node with the same id already exists", op)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// notFound is an ENOTFOUND error about a referenced node named by an input field.
func notFound(field string, kind workforce.Kind, id string) error {
	return &workforce.Error{Code: workforce.ENOTFOUND, Field: field, Message: fmt.Sprintf("%s %q not found", kindName(kind), id)}
}

// kindName is a kind as a word in a message: "Vacancy" becomes "vacancy".
func kindName(kind workforce.Kind) string {
	b := []byte(kind)
	if len(b) > 0 && 'A' <= b[0] && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}

// readValue runs one read query (see readRecords) and returns the value
// under key in its first record: T's zero value when there is no record.
func readValue[T neo4j.RecordValue](ctx context.Context, db *DB, query string, params map[string]any, key string) (T, error) {
	return readWith(ctx, db, query, params, func(records []*neo4j.Record) (T, error) {
		if len(records) == 0 {
			var zero T
			return zero, nil
		}
		v, _, err := neo4j.GetRecordValue[T](records[0], key)
		return v, err
	})
}

// readWith runs one read query (see readRecords) and decodes its records.
func readWith[T any](ctx context.Context, db *DB, query string, params map[string]any, decode func([]*neo4j.Record) (T, error)) (T, error) {
	records, err := readRecords(ctx, db, query, params)
	if err != nil {
		var zero T
		return zero, err
	}
	return decode(records)
}
