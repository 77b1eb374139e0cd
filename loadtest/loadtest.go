package loadtest

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/onework/onework/auth"
	"github.com/onework/onework/store"
	"github.com/onework/onework/workforce"
)

// Usage says how to run the scenarios.
const Usage = `usage: onework loadtest SCENARIO [flags]   (loopback only; NEO4J_URI names a loaded Neo4j)
  overload  [--warmup 10s] [--duration 20s] [--offer N]   sustainable rate, then twice it (or N/s): refusals and admitted latency
  outage    [--down 20s]                       Neo4j cut off under load: refusal latency and recovery
  kill      [--writers 50] [--neo4j-home DIR] [--bolt ADDR] [--direct]   kill -9 of a Neo4j under writers: acknowledged writes lost
  soak      [--duration 10m] [--rate 20]       steady load (--rate 0: the sustainable rate): RSS, goroutines, heap
  replicas  [--refresh 2s]                     a write through one replica, seen in the other's matches`

// Run runs one scenario and prints its figures.
func Run(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New(Usage)
	}
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	binary := fs.String("binary", "", "the onework binary (default: this one)")
	warmup := fs.Duration("warmup", 10*time.Second, "how long to measure the sustainable rate")
	duration := fs.Duration("duration", 20*time.Second, "how long to run")
	down := fs.Duration("down", 20*time.Second, "how long Neo4j stays unreachable")
	writers := fs.Int("writers", 50, "concurrent writers")
	rate := fs.Float64("rate", 20, "requests per second")
	offer := fs.Float64("offer", 0, "overload: requests per second offered (default twice the sustainable rate)")
	refresh := fs.Duration("refresh", 2*time.Second, "index refresh interval of the replicas")
	home := fs.String("neo4j-home", "", "data directory of the Neo4j to kill (a throwaway one)")
	bolt := fs.String("bolt", "127.0.0.1:7741", "Bolt address of the Neo4j to kill")
	direct := fs.Bool("direct", false, "kill: write through the store, without the API")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("%w\n%s", err, Usage)
	}
	if *binary == "" {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		*binary = exe
	}
	neo4jURI := os.Getenv("NEO4J_URI")
	if neo4jURI == "" {
		neo4jURI = "bolt://127.0.0.1:7687"
	}
	if err := loopbackOnly(neo4jURI); err != nil {
		return err
	}
	s := scenario{ctx: ctx, binary: *binary, neo4j: neo4jURI, out: stdout, secret: randomSecret()}
	switch args[0] {
	case "overload":
		return s.overload(*warmup, *duration, *offer)
	case "outage":
		return s.outage(*down)
	case "kill":
		return s.kill(*writers, *home, *bolt, *direct)
	case "soak":
		return s.soak(*duration, *rate)
	case "replicas":
		return s.replicas(*refresh)
	}
	return fmt.Errorf("unknown scenario %q\n%s", args[0], Usage)
}

func loopbackOnly(uri string) error {
	u, err := url.Parse(uri)
	if err != nil {
		return err
	}
	if h := u.Hostname(); h != "127.0.0.1" && h != "localhost" && h != "::1" {
		return fmt.Errorf("loadtest runs against loopback only, not %s", h)
	}
	return nil
}

type scenario struct {
	ctx    context.Context
	binary string
	neo4j  string
	secret string
	out    io.Writer
}

// startLoaded starts an API without a rate limit and its read workload.
func (s *scenario) startLoaded() (*API, *workload, error) {
	a, err := s.start(map[string]string{"ONEWORK_RATE_LIMIT": "0"})
	if err != nil {
		return nil, nil, err
	}
	w, err := newWorkload(s.ctx, a)
	if err != nil {
		a.Stop()
		return nil, nil, err
	}
	return a, w, nil
}

func (s *scenario) start(extra map[string]string) (*API, error) {
	settings := apiSettings(s.neo4j, s.secret)
	for k, v := range extra {
		settings[k] = v
	}
	return StartAPI(s.ctx, s.binary, settings)
}

// workload is a mixed read workload over the data in Neo4j: vacancy
// search near a place, skill search, career moves near a place, and
// candidates for a vacancy (the matching engine, as an admin).
type workload struct {
	api   *API
	admin string
	place string
	vac   string
}

func newWorkload(ctx context.Context, a *API) (*workload, error) {
	w := &workload{api: a, admin: a.Token(auth.RoleAdmin, "", "loadtest-admin")}
	r := a.Post(ctx, w.admin, `{ places(first: 1, filter: {kind: LOCAL_AUTHORITY}) { nodes { id } } vacancies(first: 1, filter: {openNow: true}) { nodes { id } } }`, nil)
	if !r.OK() {
		return nil, fmt.Errorf("sample ids: %s %v", outcome(r), r.Err)
	}
	var d struct {
		Places    struct{ Nodes []struct{ ID string } }
		Vacancies struct{ Nodes []struct{ ID string } }
	}
	if err := json.Unmarshal(r.Data, &d); err != nil || len(d.Places.Nodes) == 0 || len(d.Vacancies.Nodes) == 0 {
		return nil, errors.New("load an area first (onework seed demo): no local authority or open vacancy found")
	}
	w.place, w.vac = d.Places.Nodes[0].ID, d.Vacancies.Nodes[0].ID
	// Each query once before anything is measured: the first of a kind
	// pays one-off costs (plans, caches) that are no part of a rate.
	for i := range 4 {
		if r := w.one(ctx, i); !r.OK() {
			return nil, fmt.Errorf("workload query %d: %s %v", i, outcome(r), r.Err)
		}
	}
	return w, nil
}

func (w *workload) one(ctx context.Context, i int) Result {
	switch i % 4 {
	case 0:
		return w.api.Post(ctx, "", `query($p: ID!) { vacancies(filter: {near: {placeId: $p, withinKm: 15}, openNow: true}, first: 10) {
			totalCount nodes { title employer { name } occupation { label } } } }`, map[string]any{"p": w.place})
	case 1:
		return w.api.Post(ctx, "", `{ skills(filter: {text: "care"}, first: 10) { nodes { id label } } }`, nil)
	case 2:
		return w.api.Post(ctx, "", `query($p: ID!) { careerMoves(from: {jobTitle: "Retail Assistant"}, near: {placeId: $p, withinKm: 20}, first: 10) {
			moves { occupation { label } similarity vacanciesNearby } } }`, map[string]any{"p": w.place})
	}
	return w.api.Post(ctx, w.admin, `query($v: ID!) { candidatesForVacancy(vacancyId: $v, first: 10) { totalCount edges { score person { id } } } }`,
		map[string]any{"v": w.vac})
}

// closedLoop runs c clients back to back for d and returns the rate served.
func (w *workload) closedLoop(ctx context.Context, c int, d time.Duration, t *tally) float64 {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var served atomic.Int64
	var wg sync.WaitGroup
	for k := range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := k; ctx.Err() == nil; i += c {
				r := w.one(context.WithoutCancel(ctx), i)
				t.add(r)
				if r.OK() {
					served.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return float64(served.Load()) / d.Seconds()
}

// openLoop sends at rate per second for d, whatever the answers take. It
// keeps to the rate when it wakes late (a busy machine): it sends what is
// due since the start, so the load offered is the load asked for.
func (w *workload) openLoop(ctx context.Context, rate float64, d time.Duration, t *tally) {
	tick := time.NewTicker(max(time.Millisecond, time.Duration(float64(time.Second)/rate)))
	defer tick.Stop()
	start := time.Now()
	end := time.After(d)
	var wg sync.WaitGroup
	defer wg.Wait()
	for i := 0; ; {
		select {
		case <-end:
			return
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		for due := int(rate * time.Since(start).Seconds()); i < due; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				t.add(w.one(ctx, i))
			}()
		}
	}
}

func (s *scenario) overload(warmup, d time.Duration, offer float64) error {
	a, w, err := s.startLoaded()
	if err != nil {
		return err
	}
	defer a.Stop()
	base := newTally()
	sustained := w.closedLoop(s.ctx, 16, warmup, base)
	rss0, _ := a.RSS()
	fmt.Fprintf(s.out, "sustainable: %.0f requests/s with 16 clients back to back for %v\n%s", sustained, warmup, base)
	over := newTally()
	what := "2x overload"
	if offer <= 0 {
		offer = 2 * sustained
	} else {
		what = fmt.Sprintf("overload (%.1fx)", offer/sustained)
	}
	w.openLoop(s.ctx, offer, d, over)
	rss1, _ := a.RSS()
	fmt.Fprintf(s.out, "%s: %.0f requests/s offered for %v\n%s", what, offer, d, over)
	fmt.Fprintf(s.out, "RSS %d MB before, %d MB after\n", rss0>>20, rss1>>20)

	// One client alone far over the default rate limit.
	b, err := s.start(nil)
	if err != nil {
		return err
	}
	defer b.Stop()
	one := newTally()
	wb := &workload{api: b, place: w.place, vac: w.vac, admin: w.admin}
	wb.openLoop(s.ctx, 200, 10*time.Second, one)
	fmt.Fprintf(s.out, "one anonymous client at 200 requests/s for 10s against the default rate limit:\n%s", one)
	return nil
}

func (s *scenario) outage(down time.Duration) error {
	u, _ := url.Parse(s.neo4j)
	proxy, err := NewProxy(u.Host)
	if err != nil {
		return err
	}
	defer proxy.Close()
	orig := s.neo4j
	s.neo4j = "bolt://" + proxy.Addr()
	defer func() { s.neo4j = orig }()
	a, w, err := s.startLoaded()
	if err != nil {
		return err
	}
	defer a.Stop()
	before, during, after := newTally(), newTally(), newTally()
	w.openLoop(s.ctx, 20, 5*time.Second, before)
	proxy.Cut()
	cut := time.Now()
	w.openLoop(s.ctx, 20, down, during)
	if err := proxy.Restore(); err != nil {
		return err
	}
	restored := time.Now()
	var recovered time.Duration
	for i := 0; time.Since(restored) < 30*time.Second; i++ {
		r := w.one(s.ctx, i)
		after.add(r)
		if r.OK() {
			recovered = time.Since(restored)
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	fmt.Fprintf(s.out, "before the outage (20 requests/s):\n%sNeo4j unreachable for %v:\n%s", before, time.Since(cut)-time.Since(restored), during)
	if recovered == 0 {
		return errors.New("not recovered 30 s after Neo4j came back")
	}
	fmt.Fprintf(s.out, "first success %v after Neo4j came back\n", recovered.Round(time.Millisecond))
	return nil
}

// soak runs steady load for d and samples the server's resident memory,
// goroutines and Go heap in ten steps, after a warm-up. With rate 0 it
// first measures the sustainable rate (as overload does) and soaks at it.
func (s *scenario) soak(d time.Duration, rate float64) error {
	metrics, err := freeLoopback()
	if err != nil {
		return err
	}
	a, err := s.start(map[string]string{"ONEWORK_RATE_LIMIT": "0", "ONEWORK_METRICS_ADDR": metrics})
	if err != nil {
		return err
	}
	defer a.Stop()
	w, err := newWorkload(s.ctx, a)
	if err != nil {
		return err
	}
	if rate <= 0 {
		rate = w.closedLoop(s.ctx, 16, 10*time.Second, newTally())
		fmt.Fprintf(s.out, "sustainable: %.0f requests/s with 16 clients back to back for 10s\n", rate)
		if rate < 1 {
			return errors.New("no sustainable rate to soak at")
		}
	}
	warm := newTally()
	w.openLoop(s.ctx, rate, min(d/5, time.Minute), warm)
	type sample struct {
		at              time.Duration
		rss, goroutines int64
		heap            float64
		served, refused int
	}
	t := newTally()
	take := func(at time.Duration) (sample, error) {
		rss, err := a.RSS()
		if err != nil {
			return sample{}, err
		}
		g, err := a.Gauge("go_goroutines")
		if err != nil {
			return sample{}, err
		}
		heap, err := a.Gauge("go_memstats_heap_inuse_bytes")
		if err != nil {
			return sample{}, err
		}
		return sample{at: at, rss: rss, goroutines: int64(g), heap: heap, served: t.count("200")}, nil
	}
	first, err := take(0)
	if err != nil {
		return err
	}
	samples := []sample{first}
	steps := 10
	start := time.Now()
	for range steps {
		w.openLoop(s.ctx, rate, d/time.Duration(steps), t)
		x, err := take(time.Since(start))
		if err != nil {
			return err
		}
		samples = append(samples, x)
	}
	fmt.Fprintf(s.out, "soak: %.0f requests/s for %v after a warm-up:\n%s", rate, d, t)
	fmt.Fprintf(s.out, "  %8s  %8s  %10s  %8s  %8s\n", "at", "RSS MB", "goroutines", "heap MB", "served")
	var peak int64
	for _, x := range samples {
		peak = max(peak, x.rss)
		fmt.Fprintf(s.out, "  %8v  %8.1f  %10d  %8.1f  %8d\n", x.at.Round(time.Second), float64(x.rss)/(1<<20), x.goroutines, x.heap/(1<<20), x.served)
	}
	last := samples[len(samples)-1]
	fmt.Fprintf(s.out, "RSS after warm-up %.1f MB, at the end %.1f MB (drift %+.1f%%), peak %.1f MB; goroutines %d then %d; Go heap in use %.1f MB then %.1f MB\n",
		float64(first.rss)/(1<<20), float64(last.rss)/(1<<20), 100*float64(last.rss-first.rss)/float64(first.rss), float64(peak)/(1<<20),
		first.goroutines, last.goroutines, first.heap/(1<<20), last.heap/(1<<20))
	return nil
}

func (s *scenario) replicas(refresh time.Duration) error {
	settings := map[string]string{"ONEWORK_INDEX_REFRESH": refresh.String(), "ONEWORK_RATE_LIMIT": "0"}
	a, err := s.start(settings)
	if err != nil {
		return err
	}
	defer a.Stop()
	b, err := s.start(settings)
	if err != nil {
		return err
	}
	defer b.Stop()
	w, err := newWorkload(s.ctx, a)
	if err != nil {
		return err
	}
	admin := w.admin
	// A person through replica A who holds every skill the vacancy needs
	// and lives where it is.
	r := a.Post(s.ctx, admin, `query($v: ID!) { vacancy(id: $v) { location { lat lon } requirements { skill { id } } } }`, map[string]any{"v": w.vac})
	var d struct {
		Vacancy struct {
			Location     *workforce.Point
			Requirements []struct{ Skill struct{ ID string } }
		}
	}
	if !r.OK() || json.Unmarshal(r.Data, &d) != nil || d.Vacancy.Location == nil {
		return fmt.Errorf("read the sample vacancy: %s %v", outcome(r), r.Err)
	}
	id := fmt.Sprintf("loadtest-replica-%d", time.Now().UnixNano())
	p := map[string]any{"id": id, "orgId": "loadtest-org", "name": "Load Test", "consentMatching": true, "rightToWork": true, "travelKm": 30,
		"location": map[string]any{"lat": d.Vacancy.Location.Lat, "lon": d.Vacancy.Location.Lon}}
	if r := a.Post(s.ctx, admin, `mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created } }`, map[string]any{"p": []any{p}}); !r.OK() {
		return fmt.Errorf("write through replica A: %s %v", outcome(r), r.Err)
	}
	for _, req := range d.Vacancy.Requirements {
		if r := a.Post(s.ctx, admin, `mutation($p: ID!, $s: ID!) { linkPersonSkill(personId: $p, skill: {skillId: $s, level: 3}) { id } }`,
			map[string]any{"p": id, "s": req.Skill.ID}); !r.OK() {
			return fmt.Errorf("link a skill through replica A: %s", outcome(r))
		}
	}
	written := time.Now()
	defer a.Post(context.WithoutCancel(s.ctx), admin, `mutation($p: ID!) { erasePerson(id: $p) { deleted } }`, map[string]any{"p": id})
	seen := func(api *API) bool {
		r := api.Post(s.ctx, admin, `query($p: ID!) { vacanciesForPerson(personId: $p, first: 100, filter: {minSkills: 0}) { edges { vacancy { id } } } }`, map[string]any{"p": id})
		return r.OK() && strings.Contains(string(r.Data), w.vac)
	}
	if !seen(a) {
		return errors.New("replica A does not match its own write")
	}
	for time.Since(written) < 10*refresh+30*time.Second {
		if seen(b) {
			fmt.Fprintf(s.out, "a person written through replica A was matched by replica B after %v (refresh interval %v)\n",
				time.Since(written).Round(time.Millisecond), refresh)
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("replica B never matched the write")
}

// kill runs writers through the API against a throwaway Neo4j, kills it
// with SIGKILL in the middle, starts it again, and checks that every
// write the API acknowledged is there.
func (s *scenario) kill(writers int, home, bolt string, direct bool) error {
	if home == "" {
		dir, err := os.MkdirTemp("", "onework-kill-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		home = dir
	}
	script, err := neo4jScript(s.binary)
	if err != nil {
		return err
	}
	neo := func(cmd string) error {
		c := exec.Command(script, cmd)
		// A busy machine can take minutes to start Neo4j, and longer to
		// recover it after the kill.
		c.Env = append(os.Environ(), "NEO4J_HOME_DIR="+home, "NEO4J_BOLT="+bolt, "NEO4J_HEAP=512m", "NEO4J_PAGE_CACHE=64", "NEO4J_START_WAIT=600")
		c.Stdout, c.Stderr = io.Discard, os.Stderr
		return c.Run()
	}
	if err := neo("start"); err != nil {
		return fmt.Errorf("start the throwaway Neo4j: %w", err)
	}
	defer neo("stop")
	s.neo4j = "bolt://" + bolt
	// Each write is one person. Through the API by default; with direct,
	// through the store alone, which tells the API's part from Neo4j's. A
	// write counts as acknowledged only when the answer says what was
	// written: an API answer of 200 without data is no acknowledgement
	// (nothing ran), and is counted apart as a fault of the API.
	var write func(id string, k int) (r Result, acked bool)
	if direct {
		db, err := store.OpenDB(s.ctx, store.Config{URI: s.neo4j, RetryTime: 5 * time.Second})
		if err != nil {
			return err
		}
		defer db.Close(context.Background())
		if err := db.Migrate(s.ctx); err != nil {
			return err
		}
		write = func(id string, k int) (Result, bool) {
			start := time.Now()
			_, err := db.UpsertPeople(s.ctx, []*workforce.Person{{ID: id, OrgID: fmt.Sprintf("loadtest-org-%d", k), Name: "Writer"}})
			r := Result{Status: http.StatusOK, Latency: time.Since(start), Data: json.RawMessage(`{}`)}
			if err != nil {
				r.Code = "STORE_ERROR"
			}
			return r, err == nil
		}
	} else {
		a, err := s.start(map[string]string{"ONEWORK_RATE_LIMIT": "0", "NEO4J_RETRY_TIME": "5s"})
		if err != nil {
			return err
		}
		defer a.Stop()
		admin := a.Token(auth.RoleAdmin, "", "loadtest-admin")
		write = func(id string, k int) (Result, bool) {
			r := a.Post(s.ctx, admin, `mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { created updated } }`,
				map[string]any{"p": []any{map[string]any{"id": id, "orgId": fmt.Sprintf("loadtest-org-%d", k), "name": "Writer " + strconv.Itoa(k)}}})
			if !r.OK() {
				return r, false
			}
			var d struct {
				UpsertPeople *struct{ Created, Updated int }
			}
			if err := json.Unmarshal(r.Data, &d); err != nil || d.UpsertPeople == nil {
				return r, false
			}
			if d.UpsertPeople.Created != 1 {
				// A retried write whose first commit went through: the
				// person is there, written by this request.
				fmt.Fprintf(s.out, "write %s answered %s\n", id, r.Data)
			}
			return r, true
		}
	}
	var mu sync.Mutex
	var acked []string
	ackedAt := map[string]time.Time{}
	var attempts, failed, noData atomic.Int64
	var killedAt atomic.Int64
	beforeT, afterT := newTally(), newTally()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	run := time.Now().UnixNano()
	for k := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				id := fmt.Sprintf("kill-%d-%d-%d", run, k, i)
				attempts.Add(1)
				r, ok := write(id, k)
				if r.Err == nil && r.Status == http.StatusOK && r.Code == "" && !r.hasData() {
					noData.Add(1)
				}
				if killedAt.Load() == 0 {
					beforeT.add(r)
				} else {
					afterT.add(r)
				}
				if ok {
					mu.Lock()
					acked = append(acked, id)
					ackedAt[id] = time.Now()
					mu.Unlock()
				} else {
					failed.Add(1)
					time.Sleep(time.Duration(50+rand.IntN(100)) * time.Millisecond)
				}
			}
		}()
	}
	// Kill once the writers are in full flow: a fresh Neo4j is slow to
	// take its first writes.
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 20*writers {
			break
		}
	}
	time.Sleep(time.Duration(rand.IntN(1000)) * time.Millisecond)
	pid, err := os.ReadFile(filepath.Join(home, "neo4j.pid"))
	if err != nil {
		return err
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(pid)))
	mu.Lock()
	beforeKill := len(acked)
	mu.Unlock()
	if err := syscall.Kill(n, syscall.SIGKILL); err != nil {
		return fmt.Errorf("kill -9 %d: %w", n, err)
	}
	killed := time.Now()
	killedAt.Store(killed.UnixNano())
	for syscall.Kill(n, 0) == nil {
		time.Sleep(10 * time.Millisecond)
	}
	_ = os.Remove(filepath.Join(home, "neo4j.pid"))
	if err := neo("start"); err != nil {
		return fmt.Errorf("restart Neo4j: %w", err)
	}
	restarted := time.Since(killed)
	time.Sleep(10 * time.Second)
	close(stop)
	wg.Wait()

	db, err := store.OpenDB(s.ctx, store.Config{URI: s.neo4j})
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	lost := 0
	for i := 0; i < len(acked); i += 1000 {
		ids := acked[i:min(len(acked), i+1000)]
		people, err := db.People(s.ctx, ids)
		if err != nil {
			return err
		}
		found := map[string]bool{}
		for _, p := range people {
			found[p.ID] = true
		}
		for _, id := range ids {
			if !found[id] {
				lost++
				fmt.Fprintf(s.out, "lost: %s, acknowledged %v after the kill\n", id, ackedAt[id].Sub(killed).Round(time.Millisecond))
			}
		}
	}
	fmt.Fprintf(s.out, "kill -9 of Neo4j under %d writers: %d writes attempted, %d acknowledged (%d before the kill), %d failed (not acknowledged), %d acknowledged writes lost; Neo4j back in %v\n",
		writers, attempts.Load(), len(acked), beforeKill, failed.Load(), lost, restarted.Round(time.Millisecond))
	fmt.Fprintf(s.out, "writes before the kill:\n%swrites from the kill on:\n%s", beforeT, afterT)
	if n := noData.Load(); n > 0 {
		fmt.Fprintf(s.out, "%d writes answered 200 without data or error\n", n)
	}
	switch {
	case lost > 0:
		return fmt.Errorf("%d acknowledged writes lost", lost)
	case noData.Load() > 0:
		return fmt.Errorf("%d writes answered 200 without data or error: a client takes them for success", noData.Load())
	}
	return nil
}

// neo4jScript finds tools/neo4j/neo4j.sh from the working directory or
// beside the binary's repository.
func neo4jScript(binary string) (string, error) {
	for _, dir := range []string{".", filepath.Join(filepath.Dir(binary), "..")} {
		p, _ := filepath.Abs(filepath.Join(dir, "tools", "neo4j", "neo4j.sh"))
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("tools/neo4j/neo4j.sh not found: run from the repository")
}
