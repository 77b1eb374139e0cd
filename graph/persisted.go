package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Allowlist holds the queries agreed with partners, by the hex SHA-256 of
// their text, the hash automatic persisted queries use.
type Allowlist map[string]string

// LoadAllowlist reads a JSON array of query documents.
func LoadAllowlist(path string) (Allowlist, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("persisted queries: %w", err)
	}
	var queries []string
	if err := json.Unmarshal(b, &queries); err != nil {
		return nil, fmt.Errorf("persisted queries %s: want a JSON array of query documents: %w", path, err)
	}
	a := Allowlist{}
	for _, q := range queries {
		a[queryHash(q)] = q
	}
	return a, nil
}

func queryHash(q string) string {
	sum := sha256.Sum256([]byte(q))
	return hex.EncodeToString(sum[:])
}

// allowlistExtension serves the allowlisted queries by hash to everyone,
// and lets callers for whom restricted says so (partner keys) run nothing
// else.
type allowlistExtension struct {
	queries    Allowlist
	restricted func(context.Context) bool
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = allowlistExtension{}

func (allowlistExtension) ExtensionName() string                   { return "OneWorkAllowlist" }
func (allowlistExtension) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters fills in an allowlisted query sent by hash
// alone and refuses a restricted caller's query that is not allowlisted.
func (e allowlistExtension) MutateOperationParameters(ctx context.Context, raw *graphql.RawParams) *gqlerror.Error {
	hash := ""
	if pq, ok := raw.Extensions["persistedQuery"].(map[string]any); ok {
		hash, _ = pq["sha256Hash"].(string)
	}
	if raw.Query == "" && hash != "" {
		if q, ok := e.queries[hash]; ok {
			raw.Query = q
		}
	}
	if e.restricted == nil || !e.restricted(ctx) {
		return nil
	}
	if _, ok := e.queries[queryHash(raw.Query)]; !ok {
		err := gqlerror.Errorf("this key may run only the queries agreed with the partnership (persisted queries)")
		err.Extensions = map[string]any{"code": "FORBIDDEN"}
		return err
	}
	return nil
}
