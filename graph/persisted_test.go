package graph_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestPersistedQueries checks the fixed set of persisted documents the
// partner widget calls by hash: a known hash runs its document, an unknown
// one is refused, and a client cannot register a new one.
func TestPersistedQueries(t *testing.T) {
	const known = "query Info { apiInfo { version maxPageSize } }"
	const other = "query Other { apiInfo { maxDepth } }"
	hash := func(q string) string { s := sha256.Sum256([]byte(q)); return hex.EncodeToString(s[:]) }
	a := newAPIWith(t, apiOptions{persisted: map[string]string{hash(known): known}})
	post := func(body string) (int, map[string]any) {
		t.Helper()
		res, err := http.Post(a.srv.URL+"/graphql", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var got map[string]any
		if err := json.NewDecoder(res.Body).Decode(&got); err != nil {
			t.Fatalf("POST %s: %v", body, err)
		}
		return res.StatusCode, got
	}
	ext := func(h string) string {
		return `"extensions":{"persistedQuery":{"version":1,"sha256Hash":"` + h + `"}}`
	}

	if _, got := post(`{` + ext(hash(known)) + `}`); got["errors"] != nil || got["data"].(map[string]any)["apiInfo"] == nil {
		t.Errorf("known hash = %v, want apiInfo", got)
	}
	for _, tc := range []struct{ name, body string }{
		{"unknown hash", `{` + ext(hash(other)) + `}`},
		{"malformed hash", `{` + ext("not-a-hash") + `}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := post(tc.body)
			if !strings.Contains(jsonString(got), "PERSISTED_QUERY_NOT_FOUND") {
				t.Errorf("%s = %v, want PERSISTED_QUERY_NOT_FOUND", tc.name, got)
			}
		})
	}
	t.Run("registration is refused", func(t *testing.T) {
		// Sending a new document with its hash runs it once, as any query
		// would, but never adds it to the persisted set.
		post(`{"query":` + quote(other) + `,` + ext(hash(other)) + `}`)
		if _, got := post(`{` + ext(hash(other)) + `}`); !strings.Contains(jsonString(got), "PERSISTED_QUERY_NOT_FOUND") {
			t.Errorf("hash of a document sent once = %v, want still PERSISTED_QUERY_NOT_FOUND", got)
		}
	})
	t.Run("a hash that does not match its query", func(t *testing.T) {
		_, got := post(`{"query":` + quote(other) + `,` + ext(hash(known)) + `}`)
		if got["errors"] == nil {
			t.Errorf("mismatched hash = %v, want an error", got)
		}
	})
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

func jsonString(v any) string { b, _ := json.Marshal(v); return string(b) }
