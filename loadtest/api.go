package loadtest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/onework/onework/auth"
)

// API is an API server process started for a scenario, on loopback.
type API struct {
	URL string
	// MetricsURL is its Prometheus endpoint, when it serves one.
	MetricsURL string
	cmd        *exec.Cmd
	secret     string
	exited     chan error
}

// apiSettings are the settings every scenario's server gets; each
// scenario adds its own.
func apiSettings(neo4jURI, secret string) map[string]string {
	return map[string]string{
		"NEO4J_URI":              neo4jURI,
		"ONEWORK_ADDR":           "127.0.0.1:0",
		"ONEWORK_LOG_LEVEL":      "error",
		"ONEWORK_JWT_DEV_SECRET": secret,
		"ONEWORK_AUDIT_KEY":      "loadtest-audit-key-0123456789",
	}
}

// StartAPI runs binary serve with settings (over the environment) and
// waits until it is ready.
func StartAPI(ctx context.Context, binary string, settings map[string]string) (*API, error) {
	cmd := exec.Command(binary, "serve")
	cmd.Env = os.Environ()
	for k, v := range settings {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	a := &API{cmd: cmd, secret: settings["ONEWORK_JWT_DEV_SECRET"], exited: make(chan error, 1)}
	if m := settings["ONEWORK_METRICS_ADDR"]; m != "" {
		a.MetricsURL = "http://" + m + "/metrics"
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		sent := false
		for sc.Scan() {
			if line, ok := strings.CutPrefix(sc.Text(), "OneWork API at "); ok && !sent {
				found <- strings.TrimSuffix(line, "/graphql")
				sent = true
			}
		}
		if !sent {
			close(found)
		}
	}()
	go func() { a.exited <- cmd.Wait() }()
	select {
	case u, ok := <-found:
		if !ok {
			return nil, errors.New("the API exited before listening")
		}
		a.URL = u
	case <-time.After(2 * time.Minute):
		a.Stop()
		return nil, errors.New("the API did not start within 2 minutes")
	}
	deadline := time.Now().Add(10 * time.Minute)
	for {
		res, err := http.Get(a.URL + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return a, nil
			}
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			a.Stop()
			return nil, fmt.Errorf("the API at %s was not ready in time", a.URL)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// PID is the process id of the server.
func (a *API) PID() int { return a.cmd.Process.Pid }

// Stop ends the server with SIGTERM, as an orchestrator would.
func (a *API) Stop() {
	_ = a.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-a.exited:
	case <-time.After(30 * time.Second):
		_ = a.cmd.Process.Kill()
	}
}

// RSS is the server's resident memory in bytes, from /proc.
func (a *API) RSS() (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", a.PID()))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no VmRSS")
}

// Gauge reads one unlabelled gauge, such as go_goroutines, from the
// server's metrics.
func (a *API) Gauge(name string) (float64, error) {
	if a.MetricsURL == "" {
		return 0, errors.New("the API serves no metrics")
	}
	res, err := http.Get(a.MetricsURL)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			return strconv.ParseFloat(strings.TrimSpace(v), 64)
		}
	}
	return 0, fmt.Errorf("no %s in the metrics", name)
}

// freeLoopback returns a loopback address with a port free now.
func freeLoopback() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// Token mints a development token the server accepts.
func (a *API) Token(role auth.Role, org, sub string) string {
	tok, err := auth.Mint(a.secret, "onework-local", "onework-api", auth.User{Subject: sub, Role: role, OrgID: org}, 2*time.Hour, time.Now())
	if err != nil {
		panic(err)
	}
	return tok
}

// Result is one request's outcome.
type Result struct {
	Status  int
	Code    string // the first error's extensions.code, "" for none
	Latency time.Duration
	Err     error // transport failure
	Data    json.RawMessage
}

// OK reports whether the request succeeded: 200, data and no GraphQL
// error. A 200 without data is no success: nothing ran.
func (r Result) OK() bool {
	return r.Err == nil && r.Status == http.StatusOK && r.Code == "" && r.hasData()
}

func (r Result) hasData() bool { return len(r.Data) > 0 && string(r.Data) != "null" }

var client = &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 512, MaxConnsPerHost: 0}}

// Post sends one GraphQL request.
func (a *API) Post(ctx context.Context, token, query string, vars map[string]any) Result {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.URL+"/graphql", bytes.NewReader(body))
	if err != nil {
		return Result{Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	start := time.Now()
	res, err := client.Do(req)
	if err != nil {
		return Result{Err: err, Latency: time.Since(start)}
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := Result{Status: res.StatusCode, Latency: time.Since(start)}
	var out struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		r.Err = fmt.Errorf("status %d, body not JSON", res.StatusCode)
		return r
	}
	r.Data = out.Data
	if len(out.Errors) > 0 {
		r.Code, _ = out.Errors[0].Extensions["code"].(string)
		if r.Code == "" {
			r.Code = "UNKNOWN"
		}
	}
	return r
}

func randomSecret() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
