package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/onework/onework/auth"
	"github.com/onework/onework/importer"
	"github.com/onework/onework/seed"
	"github.com/onework/onework/store"
)

// example is a GraphQL operation found in a Markdown file, with who runs it
// and the facts its answer must hold, from the comment before it:
//
//	<!-- example as=ADVISER org=ORG expect="path>=5" expect="path=TEXT" expect="path" -->
//
// A path names a field of data ("candidatesForVacancy.edges.0.person.id");
// "path#" is the length of a list. A bare path must be present, not null
// and, for a list, not empty.
type example struct {
	file    string
	line    int
	query   string
	role    string
	org     string
	expects []string
}

var (
	fence       = regexp.MustCompile("^```(\\w*)\\s*$")
	exampleNote = regexp.MustCompile(`<!--\s*example\b(.*?)-->`)
	noteAs      = regexp.MustCompile(`\bas=(\w+)`)
	noteOrg     = regexp.MustCompile(`\borg=(\S+)`)
	noteExpect  = regexp.MustCompile(`\bexpect="([^"]*)"`)
	curlQuery   = regexp.MustCompile(`"query":"((?:[^"\\]|\\.)*)"`)
	tokenRole   = regexp.MustCompile(`token --role (\w+)(?: --org ([\w:.-]+))?`)
)

// readExamples extracts every graphql block, and every query in a curl
// command of a sh block, from a Markdown file.
func readExamples(t *testing.T, path string) []example {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []example
	lines := strings.Split(string(data), "\n")
	note := ""
	for i := 0; i < len(lines); i++ {
		if m := exampleNote.FindStringSubmatch(lines[i]); m != nil {
			note = m[1]
			continue
		}
		m := fence.FindStringSubmatch(lines[i])
		if m == nil {
			if strings.TrimSpace(lines[i]) != "" {
				note = ""
			}
			continue
		}
		start := i + 1
		for i++; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
		}
		body := strings.Join(lines[start:i], "\n")
		ex := example{file: filepath.Base(path), line: start}
		if r := noteAs.FindStringSubmatch(note); r != nil {
			ex.role = r[1]
		}
		if o := noteOrg.FindStringSubmatch(note); o != nil {
			ex.org = o[1]
		}
		for _, e := range noteExpect.FindAllStringSubmatch(note, -1) {
			ex.expects = append(ex.expects, e[1])
		}
		switch m[1] {
		case "graphql":
			ex.query = body
			out = append(out, ex)
		case "sh":
			for _, q := range curlQuery.FindAllStringSubmatch(body, -1) {
				var query string
				if err := json.Unmarshal([]byte(`"`+q[1]+`"`), &query); err != nil {
					t.Fatalf("%s:%d: the curl query is not a JSON string: %v", path, start, err)
				}
				c := ex
				c.query = query
				if r := tokenRole.FindStringSubmatch(body); r != nil && c.role == "" {
					c.role, c.org = r[1], r[2]
				}
				out = append(out, c)
			}
		}
		note = ""
	}
	return out
}

// lookup follows a dotted path through decoded JSON.
func lookup(v any, path string) (any, error) {
	length := strings.HasSuffix(path, "#")
	path = strings.TrimSuffix(path, "#")
	for _, seg := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[seg]; !ok {
				return nil, fmt.Errorf("no field %q", seg)
			}
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(x) {
				return nil, fmt.Errorf("no item %q in a list of %d", seg, len(x))
			}
			v = x[i]
		default:
			return nil, fmt.Errorf("cannot take %q of %v", seg, v)
		}
	}
	if length {
		l, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("%s is not a list", path)
		}
		return float64(len(l)), nil
	}
	return v, nil
}

var expectation = regexp.MustCompile(`^([\w.#]+)(?:(>=|=)(.*))?$`)

// check tests one expectation against the answer's data.
func check(data any, expect string) error {
	m := expectation.FindStringSubmatch(expect)
	if m == nil {
		return fmt.Errorf("cannot read the expectation %q", expect)
	}
	v, err := lookup(data, m[1])
	if err != nil {
		return err
	}
	switch m[2] {
	case "":
		if l, ok := v.([]any); v == nil || ok && len(l) == 0 {
			return fmt.Errorf("%s is empty", m[1])
		}
	case "=":
		if fmt.Sprint(v) != m[3] {
			return fmt.Errorf("%s = %v, want %s", m[1], v, m[3])
		}
	case ">=":
		want, _ := strconv.ParseFloat(m[3], 64)
		if n, ok := v.(float64); !ok || n < want {
			return fmt.Errorf("%s = %v, want at least %s", m[1], v, m[3])
		}
	}
	return nil
}

// TestExamples seeds the demo area on today's clock, serves it, and runs
// every GraphQL example of README.md and docs/demo.md as the role its note
// gives, checking that each answers without errors and that its key facts
// hold.
func TestExamples(t *testing.T) {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("ONEWORK_REQUIRE_NEO4J") == "1" {
			t.Fatal("NEO4J_URI not set but ONEWORK_REQUIRE_NEO4J=1")
		}
		t.Skip("NEO4J_URI not set: skipping tests that need Neo4j")
	}
	data := filepath.Join("..", "shared", "data")
	if _, err := os.Stat(filepath.Join(data, "esco-v1.1.1")); err != nil {
		if os.Getenv("ONEWORK_REQUIRE_DATA") == "1" {
			t.Fatal("../shared/data not found but ONEWORK_REQUIRE_DATA=1")
		}
		t.Skip("../shared/data not found: skipping the examples, which run on the demo")
	}
	examples := append(readExamples(t, "README.md"), readExamples(t, filepath.Join("docs", "demo.md"))...)
	if len(examples) < 10 {
		t.Fatalf("found %d examples in README.md and docs/demo.md, want at least 10", len(examples))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db, err := store.OpenDB(ctx, store.Config{URI: uri, User: "neo4j", Database: "neo4j"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(context.Background()) })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	prefix := seed.DemoPrefix(seed.DefaultArea, 1) + "-"
	t.Cleanup(func() {
		for _, p := range []string{prefix, "partner-vacancy-123"} {
			if err := db.BulkDeletePrefix(context.Background(), p); err != nil {
				t.Error(err)
			}
		}
	})
	var log bytes.Buffer
	if _, err := seed.Demo(ctx, &importer.Importer{DB: db, Out: &log}, seed.DemoOptions{
		Area: seed.DefaultArea, DataDir: data, Seed: 1, People: seed.DefaultPeople, Today: time.Now()}); err != nil {
		t.Fatalf("seed demo: %v\n%s", err, log.String())
	}

	const secret = "examples-test-secret-0123456789abcdef"
	base := startServer(t, ctx, env(map[string]string{"NEO4J_URI": uri, "ONEWORK_ADDR": "127.0.0.1:0", "ONEWORK_LOG_LEVEL": "warn",
		"ONEWORK_JWT_DEV_SECRET": secret, "ONEWORK_DEV": "true"}))
	for _, ex := range examples {
		t.Run(fmt.Sprintf("%s:%d", ex.file, ex.line), func(t *testing.T) {
			body, _ := json.Marshal(map[string]string{"query": ex.query})
			req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if ex.role != "" {
				tok, err := auth.Mint(secret, "onework-local", "onework-api", auth.User{Subject: "examples", Role: auth.Role(ex.role), OrgID: ex.org}, time.Hour, time.Now())
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Authorization", "Bearer "+tok)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var answer struct {
				Data   any               `json:"data"`
				Errors []json.RawMessage `json:"errors"`
			}
			if err := json.NewDecoder(res.Body).Decode(&answer); err != nil {
				t.Fatal(err)
			}
			if len(answer.Errors) > 0 || answer.Data == nil {
				t.Fatalf("the example answers with errors %s (data %v)\n%s", answer.Errors, answer.Data, ex.query)
			}
			for _, e := range ex.expects {
				if err := check(answer.Data, e); err != nil {
					t.Errorf("expect %q: %v", e, err)
				}
			}
		})
	}
}

// launch runs the server on a free port until ctx ends and returns its
// base URL as soon as it listens, and what run returned once it stops.
func launch(t *testing.T, ctx context.Context, getenv func(string) string) (string, <-chan error) {
	t.Helper()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"onework", "serve"}, getenv, pw)
		pw.Close()
	}()
	base := ""
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, "OneWork API at ") {
			base = strings.TrimSuffix(strings.TrimPrefix(line, "OneWork API at "), "/graphql")
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if base == "" {
		t.Fatalf("server did not start: %v", <-done)
	}
	return base, done
}

// startServer launches the server and returns its base URL once it is
// ready (its matching index loaded).
func startServer(t *testing.T, ctx context.Context, getenv func(string) string) string {
	t.Helper()
	base, _ := launch(t, ctx, getenv)
	deadline := time.Now().Add(3 * time.Minute)
	for {
		res, err := http.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return base
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not ready after 3 minutes: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
