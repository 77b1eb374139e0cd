package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/onework/onework/cputime"
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
// two-second warm-up, and prints requests per second, latency percentiles,
// errors and CPU a request; then each of its three parts alone for d/2.
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
	r := closedLoop(request, c, d)
	if r.n == 0 {
		return fmt.Errorf("bench: mixed load: no request succeeded: %v", r.first)
	}
	fmt.Fprintf(out, "mixed load: %d clients, %s: %s\n", c, d, r)
	// Each part alone, for the CPU a request of each kind costs: the
	// mixed load's figure is their mean.
	for k, name := range []string{"vacancy page", "candidatesForVacancy", "careerMoves"} {
		r := closedLoop(func(i int) error { return request(3*i + k) }, c, d/2)
		fmt.Fprintf(out, "mixed load, %s alone: %s\n", name, r)
	}
	return nil
}

// loadResult is what a closed loop of clients measured.
type loadResult struct {
	n, errs int
	d       time.Duration
	p50     time.Duration
	p99     time.Duration
	cpu     time.Duration // process CPU (API and client) over the measured requests
	steal   string        // the hypervisor's share of the machine over them (see stolen)
	first   error
}

func (r loadResult) String() string {
	s := fmt.Sprintf("%.0f req/s, p50 %.1f ms, p99 %.1f ms, %d errors, %.2f ms CPU a request (API and client), load1 %s, %s",
		float64(r.n)/r.d.Seconds(), ms(r.p50), ms(r.p99), r.errs, ms(r.cpu)/float64(max(r.n+r.errs, 1)), load1(), r.steal)
	if r.first != nil {
		s += fmt.Sprintf("; first error: %v", r.first)
	}
	return s
}

// closedLoop runs request with c concurrent clients for d, after a
// two-second warm-up, each client sending its next request when the last
// one is answered.
func closedLoop(request func(i int) error, c int, d time.Duration) loadResult {
	var (
		mu     sync.Mutex
		lat    []time.Duration
		res    = loadResult{d: d}
		wg     sync.WaitGroup
		warmup = time.Now().Add(2 * time.Second)
		end    = warmup.Add(d)
		cpu0   time.Duration
		steal0 uint64
		total0 uint64
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
				once.Do(func() {
					cpu0 = cputime.Process()
					steal0, total0 = cpuTicks()
				})
				mu.Lock()
				if err != nil {
					res.errs++
					if res.first == nil {
						res.first = err
					}
				} else {
					lat = append(lat, done.Sub(t))
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	res.cpu = cputime.Process() - cpu0
	res.steal = stolen(steal0, total0)
	slices.Sort(lat)
	res.n = len(lat)
	if res.n > 0 {
		res.p50, res.p99 = percentile(lat, 0.50), percentile(lat, 0.99)
	}
	return res
}

// load1 returns the machine's one-minute load average, or "?" where
// /proc/loadavg cannot be read.
// cpuTicks reads the machine's CPU time from /proc/stat: the time stolen
// by the hypervisor and the total, in ticks (zero where there is no
// /proc/stat).
func cpuTicks() (steal, total uint64) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, 0
	}
	for i, v := range f[1:] {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return 0, 0
		}
		// Guest time (after steal) is counted in user time already.
		if i < 8 {
			total += n
		}
		if i == 7 {
			steal = n
		}
	}
	return steal, total
}

// stolen is the share of the machine's CPU time the hypervisor took since
// a cpuTicks reading, as a note ("steal 3%"): on a shared virtual machine,
// what tells a slow measure from a slow program.
func stolen(steal0, total0 uint64) string {
	steal, total := cpuTicks()
	if total <= total0 {
		return "steal ?"
	}
	return fmt.Sprintf("steal %.0f%%", 100*float64(steal-steal0)/float64(total-total0))
}

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
