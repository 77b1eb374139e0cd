package loadtest

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// tally collects results by outcome.
type tally struct {
	mu  sync.Mutex
	all map[string][]time.Duration
}

func newTally() *tally { return &tally{all: map[string][]time.Duration{}} }

// outcome names a result: "200", "503 UNAVAILABLE", "200 without data",
// "transport error".
func outcome(r Result) string {
	switch {
	case r.Err != nil:
		return "transport error"
	case r.Code != "":
		return fmt.Sprintf("%d %s", r.Status, r.Code)
	case !r.hasData():
		return fmt.Sprintf("%d without data", r.Status)
	}
	return fmt.Sprint(r.Status)
}

func (t *tally) add(r Result) {
	t.mu.Lock()
	defer t.mu.Unlock()
	k := outcome(r)
	t.all[k] = append(t.all[k], r.Latency)
}

func (t *tally) count(k string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.all[k])
}

// percentile of sorted durations, q in [0,1].
func percentile(d []time.Duration, q float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

// String lists each outcome with its count and latency percentiles.
func (t *tally) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var keys []string
	for k := range t.all {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		d := t.all[k]
		fmt.Fprintf(&b, "  %-28s %7d  p50 %8s  p99 %8s  max %8s\n", k, len(d),
			percentile(d, .5).Round(100*time.Microsecond), percentile(d, .99).Round(100*time.Microsecond), percentile(d, 1).Round(100*time.Microsecond))
	}
	return b.String()
}
