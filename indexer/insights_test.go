package indexer_test

import (
	"context"
	"testing"
	"time"

	"github.com/onework/onework/indexer"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

func TestInsightsFirstSnapshot(t *testing.T) {
	db := storetest.Open(t)
	live := &indexer.Insights{Source: db}
	// A caller who cannot wait is told to come back, and the build goes on.
	gone, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := live.Engine(gone); workforce.ErrorCode(err) != workforce.ELIMIT {
		t.Fatalf("Engine(cancelled) = %v, want %s", err, workforce.ELIMIT)
	}
	ctx, stop := context.WithTimeout(t.Context(), 5*time.Minute)
	defer stop()
	e, err := live.Engine(ctx)
	if err != nil || e == nil {
		t.Fatalf("Engine = %v, %v", e, err)
	}
	// A place written afterwards is in the next snapshot after a refresh.
	place := storetest.ID(t, "Place")
	if _, err := db.UpsertPlaces(ctx, []*workforce.Place{{ID: place, Name: "Test LSOA", Kind: workforce.PlaceLSOA, IMDDecile: 1}}); err != nil {
		t.Fatal(err)
	}
	if err := live.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	e2, err := live.Engine(ctx)
	if err != nil || e2 == e || !e2.Deprived(place) {
		t.Fatalf("after refresh: same engine %v, deprived %v, %v", e2 == e, e2 != nil && e2.Deprived(place), err)
	}
}
