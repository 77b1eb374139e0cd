package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/onework/onework/workforce"
)

// Tests of the parts that need no database.

func TestLuceneQuery(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"", ""},
		{"   ", ""},
		{"care", `+("care" care*)`},
		{"Care Worker", `+"Care" +("Worker" worker*)`},
		{"care AND (", `+"care" +"AND" +"("`},
		{`say "hi" \o/`, `+"say" +"\"hi\"" +"\\o/"`},
		{"o'neil nurs", `+"o'neil" +("nurs" nurs*)`},
		{"E01022370", `+("E01022370" e01022370*)`},
		{"title:x OR y~ z^2", `+"title:x" +"OR" +"y~" +"z^2"`},
	}
	for _, tc := range tests {
		if got := luceneQuery(tc.text); got != tc.want {
			t.Errorf("luceneQuery(%q) = %s, want %s", tc.text, got, tc.want)
		}
	}
}

func TestCursors(t *testing.T) {
	for _, id := range []string{"a", "http://data.europa.eu/esco/skill/0005c151", "x'}) //", "ü"} {
		got, err := decodeIDCursor(encodeIDCursor(id))
		if err != nil || got != id {
			t.Errorf("decodeIDCursor(encodeIDCursor(%q)) = %q, %v", id, got, err)
		}
	}
	for _, n := range []int{0, 1, 40, 1 << 30} {
		got, err := decodeOffsetCursor(encodeOffsetCursor(n))
		if err != nil || got != n {
			t.Errorf("decodeOffsetCursor(encodeOffsetCursor(%d)) = %d, %v", n, got, err)
		}
	}
	for _, bad := range []string{"!", "aTo", encodeOffsetCursor(3), "o:40"} {
		if _, err := decodeIDCursor(bad); workforce.ErrorCode(err) != workforce.EINVALID || workforce.ErrorField(err) != "after" {
			t.Errorf("decodeIDCursor(%q) = %v, want EINVALID on after", bad, err)
		}
	}
	for _, bad := range []string{"!", encodeIDCursor("x"), "o:40"} {
		if _, err := decodeOffsetCursor(bad); workforce.ErrorCode(err) != workforce.EINVALID || workforce.ErrorField(err) != "after" {
			t.Errorf("decodeOffsetCursor(%q) = %v, want EINVALID on after", bad, err)
		}
	}
}

func TestWrap(t *testing.T) {
	domain := workforce.NotFound("skill", "x")
	tests := []struct {
		name string
		err  error
		code string
	}{
		{"nil", nil, ""},
		{"domain error kept", fmt.Errorf("in tx: %w", domain), workforce.ENOTFOUND},
		{"constraint violation", &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed"}, workforce.ECONFLICT},
		{"driver error", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: "MATCH secret"}, workforce.EINTERNAL},
		{"other error", errors.New("connection reset"), workforce.EINTERNAL},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := wrap("upsert skills", tc.err)
			if got := workforce.ErrorCode(err); got != tc.code {
				t.Errorf("ErrorCode(wrap(%v)) = %q, want %q", tc.err, got, tc.code)
			}
			if tc.code == workforce.EINTERNAL && !errors.Is(err, tc.err) {
				t.Errorf("wrap(%v) = %v, does not wrap it", tc.err, err)
			}
		})
	}
}

func TestSameValue(t *testing.T) {
	p := encodePoint(&workforce.Point{Lat: 51.5, Lon: -2.1})
	tests := []struct {
		name string
		a, b any
		want bool
	}{
		{"nil", nil, nil, true},
		{"points", p, encodePoint(&workforce.Point{Lat: 51.5, Lon: -2.1}), true},
		{"points differ", p, encodePoint(&workforce.Point{Lat: 51.5, Lon: -2.2}), false},
		{"nested maps", map[string]any{"a": []string{"x"}, "b": map[string]any{"c": 1.5}}, map[string]any{"a": []string{"x"}, "b": map[string]any{"c": 1.5}}, true},
		{"missing key", map[string]any{"a": nil}, map[string]any{"b": nil}, false},
		{"lists of maps", []map[string]any{{"a": "x"}}, []map[string]any{{"a": "y"}}, false},
		{"string and nil", "", nil, false},
		{"times as instants", time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 13, 0, 0, 0, time.FixedZone("", 3600)), true},
		{"times differ", time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 12, 0, 0, 1, time.UTC), false},
	}
	for _, tc := range tests {
		if got := sameValue(tc.a, tc.b); got != tc.want {
			t.Errorf("sameValue(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestRetryRead checks the retry policy of one-query reads: retryable
// errors (a lost connection, a transient database error) are retried, the
// first at once and later ones after a doubling pause, until the limit;
// any other error, and a cancelled context, end it at once.
func TestRetryRead(t *testing.T) {
	lost := &neo4j.ConnectivityError{Inner: errors.New("EOF")}
	transient := &neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError", Msg: "try again"}
	syntax := &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: "bad query"}
	script := func(errs ...error) (func() (int, error), *int) {
		calls := 0
		return func() (int, error) {
			calls++
			if calls <= len(errs) {
				return 0, errs[calls-1]
			}
			return 42, nil
		}, &calls
	}
	ctx := t.Context()

	run, calls := script(lost, transient)
	start := time.Now()
	got, err := retryRead(ctx, time.Minute, 20*time.Millisecond, run)
	if err != nil || got != 42 || *calls != 3 {
		t.Errorf("after a lost connection and a transient error: %d, %v after %d calls; want 42 after 3", got, err, *calls)
	}
	if waited := time.Since(start); waited < 20*time.Millisecond {
		t.Errorf("the second retry came after %v, want a pause of at least 20ms", waited)
	}

	run, calls = script(syntax)
	if _, err := retryRead(ctx, time.Minute, time.Millisecond, run); !errors.Is(err, syntax) || *calls != 1 {
		t.Errorf("a syntax error: %v after %d calls, want it after 1", err, *calls)
	}

	run, calls = script(lost, lost, lost, lost, lost, lost, lost, lost)
	if _, err := retryRead(ctx, 30*time.Millisecond, 10*time.Millisecond, run); !errors.Is(err, lost) || *calls >= 8 {
		t.Errorf("past the limit: %v after %d calls, want the lost connection before the script runs out", err, *calls)
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	run, calls = script(lost, lost)
	if _, err := retryRead(cancelled, time.Minute, time.Millisecond, run); !errors.Is(err, lost) || *calls != 1 {
		t.Errorf("a cancelled context: %v after %d calls, want the first error after 1", err, *calls)
	}
}
