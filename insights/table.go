// Package insights computes the partnership's aggregate insights (vacancy
// hot spots and duration, shortage skills, pipelines, reach into the most
// deprived places, good work) and fairness monitoring (selection rates,
// impact ratios, Skew@k) over an in-memory snapshot of the graph (Facts).
// Every answer is a Table of aggregates with small-number suppression
// applied; no individual record ever leaves. It imports only the domain.
package insights

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// MinCell is the smallest count of people shown: counts from 1 to
// MinCell-1 are suppressed (primary suppression), and so are the cells
// that would let them be worked out from a total (secondary suppression).
const MinCell = 5

// Suppressed is how a suppressed cell reads, in GraphQL and in CSV.
const Suppressed = "suppressed"

// ValueKind says what a column holds.
type ValueKind string

// Value kinds.
const (
	KindLabel ValueKind = "LABEL"
	KindCount ValueKind = "COUNT"
	KindShare ValueKind = "SHARE"
	KindRatio ValueKind = "RATIO"
	KindDays  ValueKind = "DAYS"
	KindFlag  ValueKind = "FLAG"
)

// Column describes a column of a Table.
type Column struct {
	Name        string
	Description string
	Kind        ValueKind
}

// Cell is one value of a Table. A label has Text only; a number has Value
// and Text; a suppressed cell has neither value nor figure, and Text
// "suppressed"; a cell that does not apply has no value and Text "".
type Cell struct {
	Column     string
	Value      *float64
	Text       string
	Suppressed bool
}

// Row is one row of a Table.
type Row struct {
	Cells []Cell
}

// Table is an aggregate answer.
type Table struct {
	Name    string
	Title   string
	By      Dimension
	Columns []Column
	Rows    []Row
	Notes   []string
	AsOf    time.Time
	// CSVPath is where the same table is served as CSV; set by the API.
	CSVPath string
	// people marks the columns that count people.
	people map[string]bool
}

// AllSuppressed reports whether the table has suppressed counts of people
// and shows none above zero.
func (t *Table) AllSuppressed() bool {
	people := 0
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			switch {
			case c.Suppressed:
				people++
			case c.Value != nil && *c.Value > 0 && t.people[c.Column]:
				return false
			}
		}
	}
	return people > 0
}

// WriteCSV writes the table as CSV: a header of column names, then one
// line per row with each cell's Text, so that the CSV and the GraphQL
// answer agree cell for cell.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = c.Name
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range t.Rows {
		line := make([]string, len(r.Cells))
		for i, c := range r.Cells {
			line[i] = c.Text
		}
		if err := cw.Write(line); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// format writes a value as text for its kind.
func format(v float64, k ValueKind) string {
	switch k {
	case KindCount:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case KindShare, KindRatio:
		return strconv.FormatFloat(v, 'f', 4, 64)
	case KindDays:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case KindFlag:
		if v != 0 {
			return "true"
		}
		return "false"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// cellRef names a cell of a table being built.
type cellRef struct{ row, col int }

// builder builds a Table and applies suppression when it is finished.
type builder struct {
	t       Table
	people  map[cellRef]bool
	deps    map[cellRef][]cellRef
	margins [][]cellRef
}

func newBuilder(name, title string, by Dimension, asOf time.Time, cols ...Column) *builder {
	people := map[string]bool{}
	for _, c := range cols {
		if c.Kind == KindCount && strings.HasSuffix(c.Description, peopleSuffix) {
			people[c.Name] = true
		}
	}
	return &builder{t: Table{Name: name, Title: title, By: by, Columns: cols, AsOf: asOf, Notes: []string{}, people: people},
		people: map[cellRef]bool{}, deps: map[cellRef][]cellRef{}}
}

// rowBuilder fills one row, column by column in order.
type rowBuilder struct {
	b   *builder
	row int
}

func (b *builder) row() *rowBuilder {
	b.t.Rows = append(b.t.Rows, Row{})
	return &rowBuilder{b: b, row: len(b.t.Rows) - 1}
}

func (r *rowBuilder) add(c Cell) cellRef {
	cells := &r.b.t.Rows[r.row].Cells
	c.Column = r.b.t.Columns[len(*cells)].Name
	*cells = append(*cells, c)
	return cellRef{r.row, len(*cells) - 1}
}

// label adds a text cell.
func (r *rowBuilder) label(s string) cellRef { return r.add(Cell{Text: s}) }

// value adds a number that is not a count of people (never suppressed).
func (r *rowBuilder) value(v float64) cellRef {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return r.none()
	}
	k := r.b.t.Columns[len(r.b.t.Rows[r.row].Cells)].Kind
	return r.add(Cell{Value: &v, Text: format(v, k)})
}

// none adds a cell that does not apply (such as a rate of nothing).
func (r *rowBuilder) none() cellRef { return r.add(Cell{}) }

// people adds a count of people, suppressed when under MinCell.
func (r *rowBuilder) people(n int) cellRef {
	ref := r.value(float64(n))
	r.b.people[ref] = true
	return ref
}

// derived adds a value computed from other cells: it is suppressed when
// any of them is.
func (r *rowBuilder) derived(v float64, from ...cellRef) cellRef {
	ref := r.value(v)
	r.b.deps[ref] = from
	return ref
}

// margin says that the parts add up to total (both shown), so that a
// suppressed part could be worked out from the others: secondary
// suppression then hides one more part.
func (b *builder) margin(total cellRef, parts ...cellRef) {
	b.margins = append(b.margins, append([]cellRef{total}, parts...))
}

func (b *builder) cell(ref cellRef) *Cell { return &b.t.Rows[ref.row].Cells[ref.col] }

func (b *builder) suppress(ref cellRef) {
	c := b.cell(ref)
	c.Value, c.Text, c.Suppressed = nil, Suppressed, true
}

// finish applies primary suppression (counts of people from 1 to
// MinCell-1), then secondary suppression (in every margin where exactly one
// cell is hidden, the total is hidden too, or, when the total is the one
// hidden, the smallest non-zero part, until no margin has a lone hidden
// cell), then hides derived values whose inputs are hidden.
func (b *builder) finish() *Table {
	for ref := range b.people {
		if v := b.cell(ref).Value; v != nil && *v > 0 && *v < MinCell {
			b.suppress(ref)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, m := range b.margins {
			hidden := 0
			for _, ref := range m {
				if b.cell(ref).Suppressed {
					hidden++
				}
			}
			if hidden != 1 {
				continue
			}
			// Hiding the total loses least; when it is the one hidden,
			// hide the smallest non-zero part (a hidden zero protects
			// nothing).
			pick := &m[0]
			if b.cell(m[0]).Suppressed {
				pick = nil
				for i := 1; i < len(m); i++ {
					c := b.cell(m[i])
					if !c.Suppressed && *c.Value > 0 && (pick == nil || *c.Value < *b.cell(*pick).Value) {
						pick = &m[i]
					}
				}
				if pick == nil {
					continue
				}
			}
			b.suppress(*pick)
			changed = true
		}
	}
	for changed := true; changed; {
		changed = false
		for ref, from := range b.deps {
			if b.cell(ref).Suppressed {
				continue
			}
			for _, f := range from {
				if b.cell(f).Suppressed {
					b.suppress(ref)
					changed = true
					break
				}
			}
		}
	}
	return &b.t
}

// note adds a caveat to the table.
func (b *builder) note(s string) { b.t.Notes = append(b.t.Notes, s) }

// peopleColumn is a column counting people.
func peopleColumn(name, desc string) Column {
	return Column{Name: name, Description: desc + peopleSuffix, Kind: KindCount}
}

const peopleSuffix = " (people; suppressed under 5)"

func labelColumn(name, desc string) Column {
	return Column{Name: name, Description: desc, Kind: KindLabel}
}

func col(name string, k ValueKind, desc string) Column {
	return Column{Name: name, Description: desc, Kind: k}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}
