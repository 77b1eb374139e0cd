package store_test

import (
	"context"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/onework/onework/loadtest"
	"github.com/onework/onework/store"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// TestAuditQueueIsBounded cuts the audit log off from Neo4j: the queue
// takes Limit events and refuses the next, and Close reports the events
// it could not write.
func TestAuditQueueIsBounded(t *testing.T) {
	storetest.Open(t) // skips or fails as the environment says
	u, err := url.Parse(os.Getenv("NEO4J_URI"))
	if err != nil {
		t.Fatal(err)
	}
	proxy, err := loadtest.NewProxy(u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	ctx := context.Background()
	db, err := store.OpenDB(ctx, store.Config{URI: "bolt://" + proxy.Addr(), User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"), ConnectTimeout: 500 * time.Millisecond, RetryTime: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	log, err := store.NewAuditLog(db, []byte("audit-test-key-0123456789"), nil)
	if err != nil {
		t.Fatal(err)
	}
	log.Limit = 3
	proxy.Cut()
	e := workforce.AuditEvent{At: time.Now(), Subject: "adviser-9", Role: "ADVISER", Action: workforce.ActionRead, PersonID: storetest.ID(t, "person"), Allowed: true}
	for i := range 3 {
		if err := log.Record(ctx, e); err != nil {
			t.Fatalf("event %d within the bound: %v", i, err)
		}
	}
	if err := log.Record(ctx, e); workforce.ErrorCode(err) != workforce.EUNAVAILABLE {
		t.Errorf("event over the bound: %v, want EUNAVAILABLE", err)
	}
	closeCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := log.Close(closeCtx); err == nil || log.Pending() != 3 {
		t.Errorf("Close with Neo4j unreachable = %v with %d pending, want an error and 3 pending", err, log.Pending())
	}
}
