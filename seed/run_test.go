package seed_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/onework/onework/importer"
	"github.com/onework/onework/seed"
	"github.com/onework/onework/store/storetest"
	"github.com/onework/onework/workforce"
)

// TestRunHelp prints the usage for --help without a database.
func TestRunHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"synthetic", "--help"}, {"demo", "-h"}} {
		var out bytes.Buffer
		if err := seed.Run(context.Background(), args, nil, &out, time.Now); !errors.Is(err, flag.ErrHelp) || !strings.Contains(out.String(), "onework seed demo") {
			t.Errorf("Run(%q) = %v, printing %q; want flag.ErrHelp and the usage", args, err, out.String())
		}
	}
}

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"seed"}, {"pets"}, {"fixture", "x"}, {"synthetic"}, {"synthetic", "--people", "-1"},
		{"synthetic", "--people", "10", "--vacancies", "-5"}, {"synthetic", "--people", "1000000000000"}, {"synthetic", "--people", "lots"},
		{"synthetic", "--vacancies", "10000001"}, {"synthetic", "--people", "10", "--writers", "0"}, {"synthetic", "--people", "10", "--writers", "65"},
		{"synthetic", "--people", "10", "--batch", "0"}, {"synthetic", "--people", "10", "--batch", "-3"}, {"demo", "extra"}, {"remove", "x"}} {
		var ue *importer.UsageError
		if err := seed.Run(context.Background(), args, nil, &bytes.Buffer{}, time.Now); !errors.As(err, &ue) {
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
	sum, err := seed.Synthetic(ctx, im, s, demoToday, 30, 10, 3)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := sum.Print(&out, ""); err != nil {
		t.Fatal(err)
	}
	if c := sum.Kind("people"); c.Created != 30 {
		t.Errorf("people created = %d, want 30\n%s", c.Created, out.String())
	}
	if c := sum.Kind("person skills"); c.Created < 30*10 || c.Missing != 0 {
		t.Errorf("person skills = %+v, want at least 10 a person, none missing\n%s", c, out.String())
	}
	if c := sum.Kind("vacancies"); c.Created != 10 {
		t.Errorf("vacancies created = %d, want 10", c.Created)
	}
	// The second run, in other batches on one writer, compares every node
	// and link with what it would write: the data depend on the seed only,
	// and the first run's creates wrote what the upserts write.
	again, err := seed.Synthetic(ctx, &importer.Importer{DB: db, BatchSize: 11}, s, demoToday, 30, 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	if tot := again.Total(); tot.Created != 0 || tot.Updated != 0 || tot.Unchanged != sum.Total().Created {
		t.Errorf("second run = %+v, want nothing created or updated, %d unchanged", tot, sum.Total().Created)
	}
	// Another seed gives other data.
	other := s + 1
	t.Cleanup(func() {
		if err := db.BulkDeletePrefix(context.Background(), seed.SyntheticPrefix(other)+"-"); err != nil {
			t.Error(err)
		}
	})
	if _, err := seed.Synthetic(ctx, im, other, demoToday, 5, 0, 2); err != nil {
		t.Fatal(err)
	}
	a, errA := db.People(ctx, []string{seed.SyntheticPrefix(s) + "-person-0000000"})
	b, errB := db.People(ctx, []string{seed.SyntheticPrefix(other) + "-person-0000000"})
	if errA != nil || errB != nil || len(a) != 1 || len(b) != 1 {
		t.Fatalf("People = %v, %v and %v, %v; want one each", a, errA, b, errB)
	}
	if a[0].Name == b[0].Name && a[0].PlaceID == b[0].PlaceID && a[0].HoursPerWeek == b[0].HoursPerWeek && a[0].TravelKm == b[0].TravelKm && *a[0].Location == *b[0].Location {
		t.Errorf("seeds %d and %d made the same first person: %+v", s, other, a[0])
	}
	var rm bytes.Buffer
	if err := seed.Run(ctx, []string{"remove", "--seed", itoa(s)}, db, &rm, time.Now); err != nil {
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
