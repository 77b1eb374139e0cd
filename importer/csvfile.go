package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// table is a whole CSV file read into memory: its columns by name and its
// records with the line each starts on.
type table struct {
	name string
	cols map[string]int
	rows []row
}

// row is one CSV record and the line it starts on.
type row struct {
	t      *table
	line   int
	fields []string
}

// get returns the trimmed value of the named column, "" if the file lacks it.
func (r row) get(col string) string {
	i, ok := r.t.cols[col]
	if !ok {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// problem returns a Problem about field of this row.
func (r row) problem(field, format string, args ...any) Problem {
	return Problem{File: r.t.name, Line: r.line, Field: field, Reason: fmt.Sprintf(format, args...)}
}

// header says which columns a CSV file must have, and whether others are
// allowed.
type header struct {
	required []string
	optional []string
	// strict rejects columns that are neither required nor optional, to
	// catch misspelt column names in hand-made files.
	strict bool
}

// readCSV reads and checks a whole CSV file: valid UTF-8, correct quoting
// (no lazy quotes), the same number of fields on every record and the header
// h. Any of these faults is an error for the file as a whole.
func readCSV(path string, h header) (*table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseCSV(filepath.Base(path), data, h)
}

func parseCSV(name string, data []byte, h header) (*table, error) {
	if err := checkUTF8(name, data); err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = 0 // the header's count, on every record
	head, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty file, want a header with %s", name, strings.Join(h.required, ", "))
	} else if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	t := &table{name: name, cols: make(map[string]int, len(head))}
	for i, c := range head {
		c = strings.TrimSpace(c)
		if _, dup := t.cols[c]; dup {
			return nil, fmt.Errorf("%s: line 1: column %q appears twice in the header", name, c)
		}
		if h.strict && !slices.Contains(h.required, c) && !slices.Contains(h.optional, c) {
			return nil, fmt.Errorf("%s: line 1: unknown column %q (want %s)", name, c, strings.Join(append(slices.Clone(h.required), h.optional...), ", "))
		}
		t.cols[c] = i
	}
	var missing []string
	for _, c := range h.required {
		if _, ok := t.cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: line 1: header lacks required column(s) %s", name, strings.Join(missing, ", "))
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(0) // where the record just read starts
		t.rows = append(t.rows, row{t: t, line: line, fields: rec})
	}
	return t, nil
}

// checkUTF8 returns an error naming the line of the first invalid UTF-8
// sequence in data, if any.
func checkUTF8(name string, data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return fmt.Errorf("%s: line %d: invalid UTF-8 (byte 0x%02x at offset %d)", name, line, data[i], i)
		}
		if data[i] == '\n' {
			line++
		}
		i += size
	}
	return nil
}

// splitList splits a cell holding a list (newline- or sep-separated) into
// trimmed, non-empty, distinct values in their order.
func splitList(s string, seps string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || strings.ContainsRune(seps, r) })
	var out []string
	seen := make(map[string]bool, len(parts))
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}
