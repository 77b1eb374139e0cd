package graph_test

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/onework/onework/auth"
)

// suiteLog collects everything the API logs during this package's tests.
var suiteLog logSink

type logSink struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *logSink) write(b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Write(b)
}

// canaryName and canaryEmail stand for personal data sent to the API in
// every way a client can get wrong; they must never reach a log.
const (
	canaryName  = "Zebedee Canary-Quill"
	canaryEmail = "zebedee.canary@example.org"
)

// personalInLog finds personal data in a log: the canaries, any email
// address, and the names the tests give people.
var personalInLog = regexp.MustCompile(`(?i)` + regexp.QuoteMeta(canaryName) + `|[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}|Pat Private|Sam Sharer|Hal Hidden|Rae Real|Wren Waiting|Bo Both|Oni One`)

// TestMain runs the API tests and then scans all they logged, at every
// level, for personal data.
func TestMain(m *testing.M) {
	code := m.Run()
	suiteLog.mu.Lock()
	log := suiteLog.buf.String()
	suiteLog.mu.Unlock()
	if found := personalInLog.FindAllString(log, 5); code == 0 && len(found) > 0 {
		fmt.Fprintf(os.Stderr, "personal data in the API's log: %q\n", found)
		code = 1
	}
	os.Exit(code)
}

// TestBadRequestsCarryingPersonalData sends the canary in bodies and
// operations the API refuses, so that TestMain's scan covers every
// refusal path as well as the rest of the suite.
func TestBadRequestsCarryingPersonalData(t *testing.T) {
	a := newSecuredAPI(t)
	ids := a.seedGraph()
	adviser := token(t, auth.RoleAdviser, a.id("org-a"), "adv-a")
	person := func(extra string) string {
		return `{"id":"` + a.id("canary") + `","orgId":"` + a.id("org-a") + `","name":"` + canaryName + `","email":"` + canaryEmail + `"` + extra + `}`
	}
	bodies := []string{
		`{"query":"mutation($p:[PersonInput!]!){ upsertPeople(input:$p){ created } }","variables":{"p":[` + person("") + `]},}`,
		`{"query":"mutation($p:[PersonInput!]!){ upsertPeople(input:$p){ created } }","variables":[` + person("") + `]}`,
		`[{"query":"mutation($p:[PersonInput!]!){ upsertPeople(input:$p){ created } }","variables":{"p":[` + person("") + `]}}]`,
		`{"query":"mutation($p:[PersonInput!]!){ upsertPeople(input:$p){ created } }","variables":{"p":[` + person(`,"placeId":"nowhere","travelKm":-4`) + `]}}`,
		`{"query":"mutation($p:[PersonInput!]!){ upsertPeople(input:$p){ created } }","variables":{"p":[` + person(`,"unknownField":1`) + `]}}`,
		`{"query":"{ people(filter: {text: \"` + canaryName + `\"}) { nodes { id } } nope(name: \"` + canaryEmail + `\") }"}`,
		`{"query":"query { person(id: \"` + canaryEmail + `\") { name email } }"}`,
	}
	for i, body := range bodies {
		res := a.sendAs(adviser, http.MethodPost, "/graphql", strings.NewReader(body))
		if res.code() == "" {
			t.Errorf("body %d was accepted: %+v", i, res.Data)
		}
	}
	_ = ids
}
