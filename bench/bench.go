// Package bench measures matching at scale on the real stack and prints a
// table: the matching index built from Neo4j, queries in the engine,
// through GraphQL over HTTP, and the same rankings as one Cypher query
// each on the same Neo4j, for the same vacancies and people.
package bench

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	gqlgraphql "github.com/99designs/gqlgen/graphql"

	"github.com/onework/onework/auth"
	"github.com/onework/onework/cputime"
	"github.com/onework/onework/graph"
	"github.com/onework/onework/httpapi"
	"github.com/onework/onework/indexer"
	"github.com/onework/onework/matching"
	"github.com/onework/onework/store"
	"github.com/onework/onework/tracing"
)

// Usage describes the bench command.
const Usage = `usage: onework bench match [--samples N] [--warmup N] [--cypher-samples N] [--first N] [--seed S] [--mixed D] [--c N] [--cpuprofile F]
                          [--profile-page candidates|vacancies] [--response-cache N] [--slowest N]
  Measures matching on the data already in Neo4j (load it with "onework seed synthetic").
  --samples N         queries per engine and GraphQL measure (default 300)
  --warmup N          queries before each engine, GraphQL and read measure, on other ids (default 20)
  --cypher-samples N  queries per Cypher measure, which is slow (default 30)
  --first N           page size (default 20)
  --min-skills F      skills floor of the engine and GraphQL queries (default 0: off)
  --mixed D           then a mixed load for D (e.g. 10s; default 0: none): vacancy pages with
                      employer and skills, candidatesForVacancy and careerMoves in equal parts,
                      then each part alone for D/2 (the CPU a request of each kind)
  --c N               concurrent clients of the mixed load (default 16)
  --cpuprofile F      write a CPU profile (API and load client) to F: of the mixed load, or without
                      --mixed of one match page through GraphQL (--profile-page)
  --profile-page P    the page profiled without --mixed: candidates (candidatesForVacancy, the
                      default) or vacancies (vacanciesForPerson)
  --response-cache N  whole responses the API keeps, as ONEWORK_RESPONSE_CACHE (default 1000; 0: off)
  --slowest N         then the N ids each match page took longest over through GraphQL, with the
                      engine's time for each and where the page spent its time: the server, the
                      resolver, the engine, each Neo4j round trip (from spans the bench records in
                      memory while it runs with --slowest), and whether a garbage collection
                      ended during it (default 0: none)`

// Run carries out "bench match".
func Run(ctx context.Context, args []string, db *store.DB, out io.Writer) error {
	if len(args) > 0 && args[0] == "insights" {
		return RunInsights(ctx, args[1:], db, out)
	}
	if len(args) == 0 || args[0] != "match" {
		return errors.New(Usage + "\n" + InsightsUsage)
	}
	fs := flag.NewFlagSet("bench match", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	samples := fs.Int("samples", 300, "")
	warmup := fs.Int("warmup", 20, "")
	cypherSamples := fs.Int("cypher-samples", 30, "")
	first := fs.Int("first", 20, "")
	seed := fs.Uint64("seed", 1, "")
	minSkills := fs.Float64("min-skills", 0, "")
	mixed := fs.Duration("mixed", 0, "")
	clients := fs.Int("c", 16, "")
	cpuprofile := fs.String("cpuprofile", "", "")
	responses := fs.Int("response-cache", graph.DefaultResponseCache, "")
	profilePage := fs.String("profile-page", "candidates", "")
	slowest := fs.Int("slowest", 0, "")
	if err := fs.Parse(args[1:]); err != nil || (*profilePage != "candidates" && *profilePage != "vacancies") || *samples < 1 || *warmup < 0 || *cypherSamples < 1 || *first < 1 || *first > 100 || *minSkills < 0 || *minSkills > 1 ||
		*mixed < 0 || *clients < 1 || *clients > 1000 || *responses < 0 || *slowest < 0 {
		return fmt.Errorf("bench: bad arguments\n%s", Usage)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))

	// 1. The index, streamed from Neo4j as the server does at start-up.
	engine, err := matching.New(matching.Config{})
	if err != nil {
		return err
	}
	cache := store.NewCached(db, store.CacheConfig{})
	ix := &indexer.Indexer{Source: db, Engine: engine, Logger: logger, Cache: cache}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	fmt.Fprintln(out, "bench: loading the matching index from Neo4j ...")
	if err := ix.Load(ctx); err != nil {
		return err
	}
	build := time.Since(start)
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	st := engine.Stats()
	if st.People == 0 || st.Vacancies == 0 {
		return errors.New("bench: no people or vacancies in Neo4j; run: onework seed synthetic --people N --vacancies M")
	}

	// 2. The API, served on loopback, called with a real token.
	const secret = "bench-development-secret-0123456789abcdef"
	verifier, err := auth.NewVerifier(ctx, auth.Config{Issuer: "bench", Audience: "bench", DevSecret: secret})
	if err != nil {
		return err
	}
	token, err := auth.Mint(secret, "bench", "bench", auth.User{Subject: "bench", Role: auth.RoleAdmin}, time.Hour, time.Now())
	if err != nil {
		return err
	}
	// The same read path as the server: the process cache in front of Neo4j,
	// and the cache of whole responses of queries over the cached kinds.
	moves := &indexer.Careers{Source: db, Logger: logger, Cache: cache}
	resolver := &graph.Resolver{Read: cache, Write: db, Auth: &auth.Policy{Read: db}, Engine: engine, MinSkills: *minSkills, Limits: graph.DefaultLimits, Careers: moves}
	// With --slowest the API is traced as the server traces it when
	// OpenTelemetry is on, into memory, to break the slowest pages down.
	var traced *spans
	var trace func(http.Handler) http.Handler
	var extensions []gqlgraphql.HandlerExtension
	if *slowest > 0 {
		traced = recordSpans()
		defer traced.stop()
		trace, extensions = tracing.Middleware, []gqlgraphql.HandlerExtension{tracing.Extension{}}
	}
	handler := httpapi.NewHandler(httpapi.Config{MaxBodyBytes: 1 << 20, Timeout: time.Minute, Logger: logger, Authenticate: verifier.Middleware, Trace: trace},
		graph.NewHandler(graph.HandlerConfig{Resolver: resolver, Logger: logger, RequestID: httpapi.RequestID,
			ResponseCache: *responses, Extensions: extensions}), db.Ping)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	// The server builds career moves, and with them the job-title matcher
	// that guesses the occupation of a vacancy without one, at start-up:
	// so does the bench, before the first page.
	fmt.Fprintln(out, "bench: building career moves and the job-title matcher ...")
	if err := moves.Build(ctx); err != nil {
		return err
	}
	client := &apiClient{url: "http://" + ln.Addr().String() + "/graphql", token: token, http: &http.Client{Timeout: time.Minute}, spans: traced}

	rng := rand.New(rand.NewPCG(*seed, 7))
	// Each engine, GraphQL and read measure first runs *warmup queries on
	// ids apart from those it measures, so that it measures the server
	// warm, not what the queries before it left in the caches. A Cypher
	// measure warms up on its own first five ids, as before.
	vacancies, warmVacancies := split(sample(rng, engine.VacancyIDs(), *samples+*warmup), *samples)
	people, warmPeople := split(sample(rng, engine.PersonIDs(), *samples+*warmup), *samples)
	q := matching.Query{First: *first, MinSkills: *minSkills}
	// page gives each sampled person the next *first of the sample, for
	// reading a page of people by id.
	page := make(map[string][]string, len(people))
	for i, id := range people {
		for j := range min(*first, len(people)) {
			page[id] = append(page[id], people[(i+j)%len(people)])
		}
	}

	fmt.Fprintf(out, "bench: %d people (%d matchable), %d vacancies, %d skills; %d queries each (Cypher %d), first %d, skills floor %v\n",
		st.People, st.MatchablePeople, st.Vacancies, st.Skills, *samples, *cypherSamples, *first, *minSkills)
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	// The heap counts the reference nodes the load left in the read cache
	// too, so the figure a link is an upper bound for the index alone.
	rows := []row{{name: "index build from Neo4j", note: fmt.Sprintf("%.1f s, heap +%d MB, %.0f bytes per person-skill link (%d links; the heap holds %d cached reference nodes too)",
		build.Seconds(), heap>>20, float64(heap)/float64(max(st.PersonSkills, 1)), st.PersonSkills, cache.Stats().Entries)}}
	measures := []struct {
		name      string
		ids, warm []string
		run       func(id string) error
	}{
		{"candidatesForVacancy: engine", vacancies, warmVacancies, func(id string) error { _, err := engine.CandidatesForVacancy(id, q); return err }},
		{"candidatesForVacancy: GraphQL over HTTP", vacancies, warmVacancies, func(id string) error { return client.candidates(ctx, id, *first) }},
		{"candidatesForVacancy: one Cypher query", vacancies[:min(*cypherSamples, len(vacancies))], nil, func(id string) error {
			_, err := db.BaselineCandidates(ctx, id, *first)
			return err
		}},
		{"vacanciesForPerson: engine", people, warmPeople, func(id string) error { _, err := engine.VacanciesForPerson(id, q); return err }},
		{"vacanciesForPerson: GraphQL over HTTP", people, warmPeople, func(id string) error { return client.vacancies(ctx, id, *first) }},
		{"vacanciesForPerson: one Cypher query", people[:min(*cypherSamples, len(people))], nil, func(id string) error {
			_, err := db.BaselineVacancies(ctx, id, *first)
			return err
		}},
		// What a candidate page reads of its vacancy and its people, whole
		// and as the page reads them for the bench's query.
		{"a vacancy by id: whole", vacancies, warmVacancies, func(id string) error { _, err := db.Vacancies(ctx, []string{id}); return err }},
		{"a vacancy by id: its scope", vacancies, warmVacancies, func(id string) error {
			_, err := db.VacanciesFields(ctx, []string{id}, []string{"employerId", "occupation", "title"})
			return err
		}},
		{fmt.Sprintf("%d people by id: whole", *first), people, warmPeople, func(id string) error { _, err := db.People(ctx, page[id]); return err }},
		{fmt.Sprintf("%d people by id: travelKm", *first), people, warmPeople, func(id string) error {
			_, err := db.PeopleFields(ctx, page[id], []string{"travelKm"})
			return err
		}},
	}
	for i, m := range measures {
		fmt.Fprintf(out, "bench: %s ...\n", m.name)
		var stop func() error
		profiled := map[string]int{"candidates": 1, "vacancies": 4}[*profilePage]
		if i == profiled && *mixed == 0 && *cpuprofile != "" {
			if stop, err = startProfile(*cpuprofile); err != nil {
				return err
			}
		}
		cpu0 := cputime.Process()
		steal0, total0 := cpuTicks()
		r, err := measure(m.name, m.warm, m.ids, m.run)
		r.cpu = (cputime.Process() - cpu0) / time.Duration(max(r.n, 1))
		r.note = "load1 " + load1() + ", " + stolen(steal0, total0)
		if stop != nil {
			if perr := stop(); err == nil {
				err = perr
			}
		}
		if err != nil {
			return fmt.Errorf("bench: %s: %w", m.name, err)
		}
		rows = append(rows, r)
	}
	printTable(out, rows)
	for _, pair := range [][2]int{{2, 3}, {5, 6}} {
		api, cypher := rows[pair[0]], rows[pair[1]]
		fmt.Fprintf(out, "%s: Cypher p99 / GraphQL p99 = %.1fx, p50 %.1fx\n", strings.Split(api.name, ":")[0],
			ms(cypher.p99)/ms(api.p99), ms(cypher.p50)/ms(api.p50))
	}
	for _, pair := range [][2]int{{1, 2}, {4, 5}} {
		printSlowest(out, rows[pair[0]], rows[pair[1]], *slowest, traced)
	}
	if *mixed == 0 {
		return nil
	}
	if *cpuprofile != "" {
		stop, err := startProfile(*cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}
	return runMixed(ctx, out, client, db, vacancies, *clients, *mixed)
}

// printSlowest prints the n ids that api took longest over, with the
// engine's time for each: whether a slow page is a dense one, or waited
// for something else.
func printSlowest(out io.Writer, engine, api row, n int, traced *spans) {
	if n <= 0 {
		return
	}
	ids := slices.Collect(maps.Keys(api.byID))
	slices.SortFunc(ids, func(a, b string) int { return cmp.Compare(api.byID[b], api.byID[a]) })
	page := strings.Split(api.name, ":")[0]
	fmt.Fprintf(out, "%s, slowest %d (ms):\n", page, min(n, len(ids)))
	for _, id := range ids[:min(n, len(ids))] {
		gc := ""
		if api.gcs[id] > 0 {
			gc = fmt.Sprintf("; %d garbage collection(s) ended during it", api.gcs[id])
		}
		where := "not traced"
		if traced != nil {
			where = traced.breakdown(pageKey(page, id))
		}
		fmt.Fprintf(out, "  %s %.1f (engine alone %.1f): %s%s\n", id, ms(api.byID[id]), ms(engine.byID[id]), where, gc)
	}
}

// startProfile starts a CPU profile into file; stop ends it and closes the file.
func startProfile(file string) (stop func() error, err error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, fmt.Errorf("bench: cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("bench: cpu profile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

type row struct {
	name     string
	n        int
	p50, p99 time.Duration
	cpu      time.Duration // process CPU (API and client) per query
	note     string
	// byID is each id's time, and gcs how many garbage collections
	// ended while it ran.
	byID map[string]time.Duration
	gcs  map[string]uint64
}

// measure runs fn once for each id, warming up on the first few, and
// returns the latency percentiles.
func measure(name string, warm, ids []string, fn func(string) error) (row, error) {
	if warm == nil {
		warm = ids[:min(5, len(ids))]
	}
	for _, id := range warm {
		if err := fn(id); err != nil {
			return row{}, err
		}
	}
	lat := make([]time.Duration, 0, len(ids))
	byID := make(map[string]time.Duration, len(ids))
	gcs := make(map[string]uint64, len(ids))
	for _, id := range ids {
		gc := gcCycles()
		t := time.Now()
		if err := fn(id); err != nil {
			return row{}, err
		}
		d := time.Since(t)
		lat = append(lat, d)
		byID[id] = d
		gcs[id] = gcCycles() - gc
	}
	slices.Sort(lat)
	return row{name: name, n: len(lat), p50: percentile(lat, 0.50), p99: percentile(lat, 0.99), byID: byID, gcs: gcs}, nil
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(float64(len(sorted)-1) * p)
	return sorted[i]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func printTable(out io.Writer, rows []row) {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "measure\tn\tp50 ms\tp99 ms\tCPU ms/query\tnote\t")
	for _, r := range rows {
		if r.n == 0 {
			fmt.Fprintf(w, "%s\t\t\t\t\t%s\t\n", r.name, r.note)
			continue
		}
		fmt.Fprintf(w, "%s\t%d\t%.2f\t%.2f\t%.2f\t%s\t\n", r.name, r.n, ms(r.p50), ms(r.p99), ms(r.cpu), r.note)
	}
	_ = w.Flush()
}

// sample picks n ids at random (all of them when there are fewer).
// split cuts ids after the first n.
func split(ids []string, n int) ([]string, []string) {
	n = min(n, len(ids))
	return ids[:n], ids[n:]
}

func sample(rng *rand.Rand, ids []string, n int) []string {
	slices.Sort(ids)
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	return ids[:min(n, len(ids))]
}

// apiClient calls the GraphQL API as an adviser's console would.
type apiClient struct {
	url, token string
	http       *http.Client
	// spans, when set, names each match page's trace (see pageKey).
	spans *spans
}

const candidatesQuery = `query($id: ID!, $first: Int) { candidatesForVacancy(vacancyId: $id, first: $first) {
  totalCount edges { cursor score distanceKm reasons person { id travelKm } skills { tier essential skill { id label } } } } }`

const vacanciesQuery = `query($id: ID!, $first: Int) { vacanciesForPerson(personId: $id, first: $first) {
  totalCount edges { cursor score distanceKm reasons vacancy { id title } breakdown { goodWork { score } } } } }`

func (c *apiClient) candidates(ctx context.Context, id string, first int) error {
	return c.post(ctx, candidatesQuery, pageKey("candidatesForVacancy", id), id, first)
}

func (c *apiClient) vacancies(ctx context.Context, id string, first int) error {
	return c.post(ctx, vacanciesQuery, pageKey("vacanciesForPerson", id), id, first)
}

// pageKey names the trace of one match page: the field and the id.
func pageKey(field, id string) string { return field + " " + id }

func (c *apiClient) post(ctx context.Context, query, key, id string, first int) error {
	return c.send(ctx, query, key, map[string]any{"id": id, "first": first})
}

// do posts a query with its variables and fails on a GraphQL error.
func (c *apiClient) do(ctx context.Context, query string, variables map[string]any) error {
	return c.send(ctx, query, "", variables)
}

// send is do, naming the request's trace by key when the client records
// spans.
func (c *apiClient) send(ctx context.Context, query, key string, variables map[string]any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": variables})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	if c.spans != nil && key != "" {
		req.Header.Set("traceparent", c.spans.traceparent(key))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.token)
	res, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	// The API writes "errors" first when there are any, so a response
	// that starts with "data" needs no decoding: parsing a page of
	// candidates is the caller's cost, not the API's.
	if bytes.HasPrefix(b, []byte(`{"data":`)) {
		return nil
	}
	var out struct {
		Errors []struct{ Message string } `json:"errors"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return err
	}
	if len(out.Errors) > 0 {
		return errors.New(out.Errors[0].Message)
	}
	return fmt.Errorf("bench: response with neither data nor errors: %.100s", b)
}
