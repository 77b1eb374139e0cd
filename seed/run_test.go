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
	for _, args := range [][]string{{}, {"seed"}, {"pets"}, {"fixture", "x"}, {"synthetic"}, {"synthetic", "--people", "-1"}, {"demo", "extra"}, {"remove", "x"}} {
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
	sum, err := seed.Synthetic(ctx, im, s, demoToday, 30, 10)
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
	again, err := seed.Synthetic(ctx, im, s, demoToday, 30, 10)
	if err != nil {
		t.Fatal(err)
	}
	if tot := again.Total(); tot.Created != 0 || tot.Updated != 0 {
		t.Errorf("second run = %+v, want nothing created or updated", tot)
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
