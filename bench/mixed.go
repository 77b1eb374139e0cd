package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/onework/onework/store"
)

// The mixed load's requests: a page of vacancies as a job board shows it,
// an adviser's candidates for a vacancy, and the career moves from a
// vacancy's occupation, in equal parts.
const (
	mixedVacanciesQuery = `query($first: Int) { vacancies(first: $first) { edges { node { id title
  employer { name } requirements { essential skill { label } } } } } }`
	mixedMovesQuery = `query($occupation: ID!) { careerMoves(from: { occupationId: $occupation }, first: 10) {
  moves { occupation { label } similarity missingSkills { essential skill { label } } } } }`
)

// runMixed runs the mixed load with c concurrent clients for d, after a
// two-second warm-up, and prints requests per second, latency percentiles
// and errors.
func runMixed(ctx context.Context, out io.Writer, client *apiClient, db *store.DB, vacancyIDs []string, c int, d time.Duration) error {
	vs, err := db.Vacancies(ctx, vacancyIDs)
	if err != nil {
		return err
	}
	var occupations []string
	for _, v := range vs {
		if v.OccupationID != "" {
			occupations = append(occupations, v.OccupationID)
		}
	}
	if len(occupations) == 0 {
		return fmt.Errorf("bench: no vacancies with an occupation for the mixed load")
	}
	request := func(i int) error {
		switch i % 3 {
		case 0:
			return client.do(ctx, mixedVacanciesQuery, map[string]any{"first": 20})
		case 1:
			return client.candidates(ctx, vacancyIDs[i%len(vacancyIDs)], 20)
		default:
			return client.do(ctx, mixedMovesQuery, map[string]any{"occupation": occupations[i%len(occupations)]})
		}
	}
	fmt.Fprintf(out, "bench: mixed load, %d clients, %s ...\n", c, d)
	for i := range 30 { // warm-up
		if err := request(i); err != nil {
			return fmt.Errorf("bench: mixed load: %w", err)
		}
	}
	var (
		mu     sync.Mutex
		lat    []time.Duration
		errs   int
		wg     sync.WaitGroup
		first  error
		warmup = time.Now().Add(2 * time.Second)
		end    = warmup.Add(d)
		cpu0   time.Duration
		once   sync.Once
	)
	for w := range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; ; i += c {
				t := time.Now()
				if t.After(end) {
					return
				}
				err := request(i)
				done := time.Now()
				if t.Before(warmup) {
					continue
				}
				once.Do(func() { cpu0 = processCPU() })
				mu.Lock()
				if err != nil {
					errs++
					if first == nil {
						first = err
					}
				} else {
					lat = append(lat, done.Sub(t))
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	cpu := processCPU() - cpu0
	slices.Sort(lat)
	if len(lat) == 0 {
		return fmt.Errorf("bench: mixed load: no request succeeded: %v", first)
	}
	fmt.Fprintf(out, "mixed load: %d clients, %s: %.0f req/s, p50 %.1f ms, p99 %.1f ms, %d errors, %.2f ms CPU a request (API and client), load1 %s\n",
		c, d, float64(len(lat))/d.Seconds(), ms(percentile(lat, 0.50)), ms(percentile(lat, 0.99)), errs,
		ms(cpu)/float64(len(lat)+errs), load1())
	if first != nil {
		fmt.Fprintf(out, "mixed load: first error: %v\n", first)
	}
	return nil
}

// processCPU returns the CPU time this process has used, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// load1 returns the machine's one-minute load average, or "?" where
// /proc/loadavg cannot be read.
func load1() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}
