package seed_test

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onework/onework/importer"
	"github.com/onework/onework/seed"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"seed"}, {"pets"}, {"fixture", "x"}, {"synthetic"}, {"synthetic", "--people", "-1"}, {"demo", "extra"}, {"remove", "x"}} {
		var ue *importer.UsageError
		if err := seed.Run(context.Background(), args, nil, &bytes.Buffer{}); !errors.As(err, &ue) {
			t.Errorf("Run(%q) = %v, want a usage error", args, err)
		}
	}
}

// TestSynthetic makes a few synthetic people and vacancies from the
// fixture's occupations and places (or whatever else the graph holds),
// twice, then removes them.
func TestSynthetic(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	if _, err := seed.Fixture(ctx, db); err != nil {
		t.Fatal(err)
	}
	s := rand.Uint64() % 1_000_000_000
	t.Cleanup(func() {
		if err := db.BulkDeletePrefix(context.Background(), seed.SyntheticPrefix(s)+"-"); err != nil {
			t.Error(err)
		}
	})
	im := &importer.Importer{DB: db, BatchSize: 7}
	sum, err := seed.Synthetic(ctx, im, s, 30, 10)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	sum.Print(&out)
	if c := sum.Kind("people"); c.Created != 30 {
		t.Errorf("people created = %d, want 30\n%s", c.Created, out.String())
	}
	if c := sum.Kind("person skills"); c.Created < 30*10 || c.Missing != 0 {
		t.Errorf("person skills = %+v, want at least 10 a person, none missing\n%s", c, out.String())
	}
	if c := sum.Kind("vacancies"); c.Created != 10 {
		t.Errorf("vacancies created = %d, want 10", c.Created)
	}
	again, err := seed.Synthetic(ctx, im, s, 30, 10)
	if err != nil {
		t.Fatal(err)
	}
	if tot := again.Total(); tot.Created != 0 || tot.Updated != 0 {
		t.Errorf("second run = %+v, want nothing created or updated", tot)
	}
	var rm bytes.Buffer
	if err := seed.Run(ctx, []string{"remove", "--seed", itoa(s)}, db, &rm); err != nil {
		t.Fatal(err)
	}
	n, err := db.CountPeople(ctx, workforce.PersonFilter{OrgID: "synthetic-org"})
	if err != nil {
		t.Fatal(err)
	}
	people, _ := db.People(ctx, []string{seed.SyntheticPrefix(s) + "-person-0000000"})
	if len(people) != 0 {
		t.Errorf("after seed remove, %d of the people remain (%d synthetic-org people in all)", len(people), n)
	}
}

func itoa(v uint64) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + v%10)}, b...)
		v /= 10
		if v == 0 {
			return string(b)
		}
	}
}

// TestDemo builds the demo of one local authority (Gloucester) from the
// reference data and checks that it is idempotent. ESCO, places and NHS
// adverts are reference data with real ids, left in place; the synthetic
// part is removed.
func TestDemo(t *testing.T) {
	data := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(data, "esco-v1.1.1")); err != nil {
		if os.Getenv("ONEWORK_REQUIRE_DATA") == "1" {
			t.Fatal("../shared/data not found but ONEWORK_REQUIRE_DATA=1")
		}
		t.Skip("../shared/data not found: skipping the demo built from the reference data")
	}
	db := storetest.Open(t)
	ctx := context.Background()
	s := rand.Uint64() % 1_000_000_000
	prefix := "demo-" + strings.ToLower(seed.PlaceGloucester) + "-s" + itoa(s) + "-"
	t.Cleanup(func() {
		if err := db.BulkDeletePrefix(context.Background(), prefix); err != nil {
			t.Error(err)
		}
	})
	opts := seed.DemoOptions{Area: seed.PlaceGloucester, DataDir: data, Seed: s, People: 40}
	var out bytes.Buffer
	sum, err := seed.Demo(ctx, &importer.Importer{DB: db, Out: &out}, opts)
	if err != nil {
		t.Fatalf("Demo: %v\n%s", err, out.String())
	}
	sum.Print(&out)
	t.Logf("demo:\n%s", out.String())
	if c := sum.Kind("vacancies"); c.Created+c.Updated+c.Unchanged < 20 {
		t.Errorf("demo vacancies = %+v, want the real adverts in Gloucester and synthetic ones", c)
	}
	if c := sum.Kind("programmes"); c.Created != 8 {
		t.Errorf("demo programmes = %+v, want 8 created", c)
	}
	if c := sum.Kind("referrals"); c.Created == 0 {
		t.Errorf("demo referrals = %+v, want some created", c)
	}
	out.Reset()
	again, err := seed.Demo(ctx, &importer.Importer{DB: db, Out: &out}, opts)
	if err != nil {
		t.Fatalf("Demo (again): %v", err)
	}
	if tot := again.Total(); tot.Created != 0 || tot.Updated != 0 {
		again.Print(&out)
		t.Errorf("second demo = %+v, want nothing created or updated\n%s", tot, out.String())
	}
}
