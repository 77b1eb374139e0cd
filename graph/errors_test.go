package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/onework/onework/workforce"
)

func TestErrorPresenter(t *testing.T) {
	cases := []struct {
		name    string
		err     error
		code    string
		message string
		field   string
		logged  bool
	}{
		{"invalid", workforce.Invalid("title", "must not be empty"), "BAD_USER_INPUT", "must not be empty", "title", false},
		{"wrapped not found", fmt.Errorf("load: %w", workforce.NotFound("vacancy", "v1")), "NOT_FOUND", `vacancy "v1" not found`, "id", false},
		{"conflict", workforce.Errorf(workforce.ECONFLICT, "duplicate id"), "CONFLICT", "duplicate id", "", false},
		{"forbidden", workforce.Errorf(workforce.EFORBIDDEN, "not yours"), "FORBIDDEN", "not yours", "", false},
		{"unauthenticated", workforce.Errorf(workforce.EUNAUTHORIZED, "token expired"), "UNAUTHENTICATED", "token expired", "", false},
		{"internal is masked", errors.New("Neo.ClientError.Statement.SyntaxError: MATCH (n:Person {name: 'Alex'})"), "INTERNAL", "internal error (request req-1)", "", true},
		{"domain internal is masked", workforce.Errorf(workforce.EINTERNAL, "driver said MATCH"), "INTERNAL", "internal error (request req-1)", "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			present := ErrorPresenter(slog.New(slog.NewTextHandler(&logs, nil)), func(context.Context) string { return "req-1" })
			got := present(context.Background(), tc.err)
			if got.Extensions["code"] != tc.code || got.Message != tc.message {
				t.Errorf("present(%v) = %q %v, want %q %q", tc.err, got.Message, got.Extensions["code"], tc.message, tc.code)
			}
			if tc.field != "" && got.Extensions["field"] != tc.field {
				t.Errorf("field = %v, want %q", got.Extensions["field"], tc.field)
			}
			if logged := strings.Contains(logs.String(), "request_id=req-1"); logged != tc.logged {
				t.Errorf("logged with request id = %v, want %v (log %q)", logged, tc.logged, logs.String())
			}
		})
	}
}
