package matching

import (
	"math/rand/v2"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/onework/onework/cputime"
	"github.com/onework/onework/workforce"
)

// benchSize reads ONEWORK_BENCH_PEOPLE (default 1,000,000) so that CI can
// run the benchmarks small; vacancies are a tenth of people.
func benchSize(tb testing.TB) (people, vacancies int) {
	tb.Helper()
	people = 1_000_000
	if s := os.Getenv("ONEWORK_BENCH_PEOPLE"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 10 {
			tb.Fatalf("ONEWORK_BENCH_PEOPLE=%q: want a whole number of at least 10", s)
		}
		people = n
	}
	return people, max(1, people/10)
}

// benchFixture is built once per process: at full size it takes seconds,
// and the query benchmarks only read it.
type benchFixture struct {
	e                 *Engine
	people, vacancies int
	build             time.Duration
	heapBytes         uint64
	// load is the wall and CPU time of generating the rows into the
	// Builder, finish of Build.
	load, loadCPU, finish, finishCPU time.Duration
}

var fixture struct {
	once sync.Once
	f    *benchFixture
}

func heapAfterGC() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func buildSynthetic(tb testing.TB, people, vacancies int) *benchFixture {
	tb.Helper()
	before := heapAfterGC()
	start := time.Now()
	b, err := NewBuilder(Config{})
	if err != nil {
		tb.Fatal(err)
	}
	startCPU := cputime.Process()
	Synthetic(1, people, vacancies, b)
	mid, midCPU := time.Now(), cputime.Process()
	e := b.Build()
	f := &benchFixture{e: e, people: people, vacancies: vacancies, build: time.Since(start),
		load: mid.Sub(start), loadCPU: midCPU - startCPU, finish: time.Since(mid), finishCPU: cputime.Process() - midCPU}
	e.Now = SyntheticNow
	if after := heapAfterGC(); after > before {
		f.heapBytes = after - before
	}
	return f
}

func sharedFixture(b *testing.B) *benchFixture {
	b.Helper()
	fixture.once.Do(func() {
		people, vacancies := benchSize(b)
		fixture.f = buildSynthetic(b, people, vacancies)
	})
	return fixture.f
}

// discard is a Loader that keeps nothing, to time generation alone.
type discard struct{}

func (discard) UpsertSkill(*workforce.Skill, workforce.Links)                   {}
func (discard) UpsertPlace(*workforce.Place)                                    {}
func (discard) UpsertEmployer(*workforce.Employer)                              {}
func (discard) UpsertVacancy(*workforce.Vacancy, []workforce.Requirement)       {}
func (discard) UpsertPerson(*workforce.Person, []workforce.PersonSkill)         {}
func (discard) UpsertOccupation(*workforce.Occupation, []workforce.Requirement) {}

// BenchmarkBuild loads the synthetic partnership through a Builder and
// reports the build time (generation included; gen-s is generation alone)
// and the heap the engine holds after a collection.
func BenchmarkBuild(b *testing.B) {
	people, vacancies := benchSize(b)
	start := time.Now()
	Synthetic(1, people, vacancies, discard{})
	gen := time.Since(start)
	var f *benchFixture
	for b.Loop() {
		f = buildSynthetic(b, people, vacancies)
	}
	b.ReportMetric(gen.Seconds(), "gen-s")
	b.ReportMetric(f.build.Seconds(), "build-s")
	b.ReportMetric(f.load.Seconds(), "load-s")
	b.ReportMetric(f.loadCPU.Seconds(), "load-cpu-s")
	b.ReportMetric(f.finish.Seconds(), "finish-s")
	b.ReportMetric(f.finishCPU.Seconds(), "finish-cpu-s")
	b.ReportMetric(float64(f.heapBytes)/(1<<20), "heap-MB")
	st := f.e.Stats()
	b.ReportMetric(float64(st.People), "people")
	b.ReportMetric(float64(st.Vacancies), "vacancies")
	b.ReportMetric(float64(st.PersonSkills)/float64(st.People), "skills/person")
	b.ReportMetric(float64(st.Requirements)/float64(st.Vacancies), "reqs/vacancy")
	// The whole index (people, vacancies, places, skills) per person-skill link.
	b.ReportMetric(float64(f.heapBytes)/float64(max(st.PersonSkills, 1)), "B/link")
	fixture.once.Do(func() { fixture.f = f })
}

// reportLatency reports the median and 99th percentile of the samples as
// prefix-p50-ms and prefix-p99-ms.
func reportLatency(b *testing.B, prefix string, samples []time.Duration) {
	b.Helper()
	slices.Sort(samples)
	at := func(q float64) float64 {
		return float64(samples[min(len(samples)-1, int(q*float64(len(samples))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), prefix+"p50-ms")
	b.ReportMetric(at(0.99), prefix+"p99-ms")
}

// benchQueries runs query on random ids (a fixed sequence) and reports
// wall-clock and CPU latency percentiles and the mean number of matches
// counted. The goroutine keeps its thread so that the thread's CPU clock
// measures the query alone.
func benchQueries(b *testing.B, n int, id func(int) string, query func(id string) (Page, error)) {
	b.Helper()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	r := rand.New(rand.NewPCG(7, 7))
	var wall, cpu []time.Duration
	matches := 0
	for b.Loop() {
		id := id(r.IntN(n))
		start, startCPU := time.Now(), cputime.Thread()
		p, err := query(id)
		wall = append(wall, time.Since(start))
		cpu = append(cpu, cputime.Thread()-startCPU)
		if err != nil {
			b.Fatal(err)
		}
		matches += p.TotalCount
	}
	reportLatency(b, "", wall)
	if slices.Max(cpu) > 0 {
		reportLatency(b, "cpu-", cpu)
	}
	b.ReportMetric(float64(matches)/float64(len(wall)), "matches/op")
}

func BenchmarkCandidatesForVacancy(b *testing.B) {
	f := sharedFixture(b)
	benchQueries(b, f.vacancies, SyntheticVacancyID, func(id string) (Page, error) { return candidatesOf(f.e, id, Query{First: 20}) })
}

func BenchmarkVacanciesForPerson(b *testing.B) {
	f := sharedFixture(b)
	benchQueries(b, f.people, SyntheticPersonID, func(id string) (Page, error) { return vacanciesOf(f.e, id, Query{First: 20}) })
}

// BenchmarkCandidatesWithSkillsFloor measures the cost of MinSkills, which
// scores every match's skills instead of only those that could make the page.
func BenchmarkCandidatesWithSkillsFloor(b *testing.B) {
	f := sharedFixture(b)
	benchQueries(b, f.vacancies, SyntheticVacancyID, func(id string) (Page, error) {
		return candidatesOf(f.e, id, Query{First: 20, MinSkills: 0.01})
	})
}

// churnLoader passes every n-th person and vacancy of a second synthetic
// partnership on to an engine, under the same ids: they move, change
// skills and requirements, as churn does.
type churnLoader struct {
	discard
	e          *Engine
	n          int
	pi, vi     int
	people, vs int
}

func (c *churnLoader) UpsertVacancy(v *workforce.Vacancy, reqs []workforce.Requirement) {
	if c.vi++; c.vi%c.n == 0 {
		c.e.UpsertVacancy(v, reqs)
		c.vs++
	}
}

func (c *churnLoader) UpsertPerson(p *workforce.Person, skills []workforce.PersonSkill) {
	if c.pi++; c.pi%c.n == 0 {
		c.e.UpsertPerson(p, skills)
		c.people++
	}
}

// BenchmarkScanAfterChurn measures the scans' CPU on an index whose
// people and vacancies were a quarter rewritten after the build (moved,
// reskilled, out of grid order), then on the same index after Relay lays
// it out afresh; it checks that the answers are the same, page for page.
// RelayShare 1 keeps the engine from re-laying by itself in between.
func BenchmarkScanAfterChurn(b *testing.B) {
	people, vacancies := benchSize(b)
	bl, err := NewBuilder(Config{RelayShare: 1})
	if err != nil {
		b.Fatal(err)
	}
	Synthetic(1, people, vacancies, bl)
	e := bl.Build()
	e.Now = SyntheticNow
	c := &churnLoader{e: e, n: 4}
	Synthetic(2, people, vacancies, c)
	e.mu.RLock()
	misplaced := e.idx.misplaced
	e.mu.RUnlock()
	b.Logf("churn: %d people and %d vacancies rewritten, %d and %d out of grid order", c.people, c.vs, misplaced.people, misplaced.vacancies)
	r := rand.New(rand.NewPCG(3, 3))
	sampleIDs := func(n int, id func(int) string) []string {
		out := make([]string, 200)
		for i := range out {
			out[i] = id(r.IntN(n))
		}
		return out
	}
	vids, pids := sampleIDs(vacancies, SyntheticVacancyID), sampleIDs(people, SyntheticPersonID)
	answers := func() (out []Page) {
		for _, id := range vids {
			p, err := candidatesOf(e, id, Query{First: 20})
			if err != nil {
				b.Fatal(err)
			}
			out = append(out, p)
		}
		for _, id := range pids {
			p, err := vacanciesOf(e, id, Query{First: 20})
			if err != nil {
				b.Fatal(err)
			}
			out = append(out, p)
		}
		return out
	}
	scans := func(state string) {
		b.Run(state+"/candidates", func(b *testing.B) {
			benchQueries(b, vacancies, SyntheticVacancyID, func(id string) (Page, error) { return candidatesOf(e, id, Query{First: 20}) })
		})
		b.Run(state+"/vacancies", func(b *testing.B) {
			benchQueries(b, people, SyntheticPersonID, func(id string) (Page, error) { return vacanciesOf(e, id, Query{First: 20}) })
		})
	}
	before := answers()
	scans("churned")
	// Relay, step by step, to time the snapshot (under the read lock:
	// writes wait for it), the layout (outside the lock) and the swap.
	if !e.relaying.CompareAndSwap(false, true) {
		b.Fatal("a re-lay is running")
	}
	t0, c0 := time.Now(), cputime.Process()
	next, loads, ok := e.relayStart()
	t1, c1 := time.Now(), cputime.Process()
	if !ok {
		b.Fatal("index in error")
	}
	next.relay()
	t2, c2 := time.Now(), cputime.Process()
	if !e.relayEnd(next, loads) {
		b.Fatal("re-lay dropped")
	}
	t3, c3 := time.Now(), cputime.Process()
	e.relaying.Store(false)
	b.Logf("relay: snapshot %.3f s wall %.3f s CPU; layout %.2f s wall %.2f s CPU; swap %.4f s wall %.4f s CPU",
		t1.Sub(t0).Seconds(), (c1 - c0).Seconds(), t2.Sub(t1).Seconds(), (c2 - c1).Seconds(), t3.Sub(t2).Seconds(), (c3 - c2).Seconds())
	if !reflect.DeepEqual(before, answers()) {
		b.Fatal("answers changed across the re-lay")
	}
	b.Logf("answers to %d queries identical before and after the re-lay", len(before))
	scans("relaid")
}

// BenchmarkCollect reports what one full garbage collection costs with the
// index alive: the collector traces every pointer the index holds on each
// cycle, so this is the index's share of every cycle a busy server runs.
func BenchmarkCollect(b *testing.B) {
	f := sharedFixture(b)
	var wall, cpu time.Duration
	for b.Loop() {
		start, startCPU := time.Now(), cputime.Process()
		runtime.GC()
		wall += time.Since(start)
		cpu += cputime.Process() - startCPU
	}
	b.ReportMetric(float64(wall.Microseconds())/1000/float64(b.N), "gc-ms")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "gc-cpu-ms")
	runtime.KeepAlive(f.e)
}
