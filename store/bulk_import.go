package store

// This file writes a graph as CSV files for Neo4j's offline importer
// ("neo4j-admin database import full"), which builds the store files
// without transactions: the way to load millions of new nodes and links.
// A full import replaces the database, so the graph there is exported into
// the same files first (ExportGraph), and the new nodes are written with
// exactly the properties and references their bulk create would give them
// (People, Employers, Vacancies).

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/onework/onework/workforce"
)

// ImportArrayDelimiter separates the elements of a list property in the
// import files (the unit separator, which no text in the graph holds).
const ImportArrayDelimiter = '\x1f'

// BulkImport writes import files into a directory: one pair of files
// (header and rows) a label set of nodes and a relationship type. Columns
// are added as properties appear, so the headers are written by Close.
// It is not safe for concurrent use.
type BulkImport struct {
	dir   string
	now   time.Time
	files map[string]*importFile
	order []string
	// refs finds the import id of a node by label and "id" property, for
	// the labels new nodes link to.
	refs map[workforce.Kind]map[string]string
	// reserved is the start of the ids of the nodes to create: the export
	// refuses a graph that holds one already.
	reserved string
	// Nodes and Relationships count what the files hold; Missing counts
	// links to skills not in the graph, which are skipped as the bulk
	// creates skip them.
	Nodes, Relationships, Missing int64
}

// importFile is one header file and one file of rows.
type importFile struct {
	nodes  bool
	name   string // the label set (joined by ':') or the relationship type
	base   string // file name without ".csv"
	f      *os.File
	w      *bufio.Writer
	cols   []importCol
	colIdx map[string]int
	fields []string
}

type importCol struct{ key, typ string }

// linkLabels are the labels new nodes link to, by "id".
var linkLabels = []workforce.Kind{workforce.KindSkill, workforce.KindPlace, workforce.KindOccupation, workforce.KindEmployer, "Regulator"}

// NewBulkImport starts import files in dir, which must be empty or not
// exist yet. now is the time new nodes are created at; reserved is the
// start of their ids.
func NewBulkImport(dir string, now time.Time, reserved string) (*BulkImport, error) {
	if dir == "" {
		return nil, workforce.Invalid("dir", "no directory for the import files")
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, fmt.Errorf("import files: %w", err)
	case len(entries) > 0:
		return nil, workforce.Invalid("dir", "%s is not empty (%d entries): give a new or empty directory for the import files", dir, len(entries))
	}
	b := &BulkImport{dir: dir, now: now.UTC().Round(0), files: map[string]*importFile{}, refs: map[workforce.Kind]map[string]string{}, reserved: reserved}
	for _, l := range linkLabels {
		b.refs[l] = map[string]string{}
	}
	return b, nil
}

// Dir returns the directory of the files.
func (b *BulkImport) Dir() string { return b.dir }

// file returns the file of a label set or relationship type, creating it.
func (b *BulkImport) file(nodes bool, name string) (*importFile, error) {
	key := "r:" + name
	if nodes {
		key = "n:" + name
	}
	if f := b.files[key]; f != nil {
		return f, nil
	}
	if strings.ContainsAny(name, "=,\"'` \n") {
		return nil, fmt.Errorf("import files: cannot name %q in an import argument", name)
	}
	base := fmt.Sprintf("rels-%02d-%s", len(b.order), name)
	if nodes {
		base = fmt.Sprintf("nodes-%02d-%s", len(b.order), strings.ReplaceAll(name, ":", "_"))
		if name == "" {
			base = fmt.Sprintf("nodes-%02d", len(b.order))
		}
	}
	f, err := os.Create(filepath.Join(b.dir, base+".csv"))
	if err != nil {
		return nil, err
	}
	imf := &importFile{nodes: nodes, name: name, base: base, f: f, w: bufio.NewWriterSize(f, 1<<20), colIdx: map[string]int{}}
	b.files[key] = imf
	b.order = append(b.order, key)
	return imf, nil
}

// row writes one row: lead (the import id of a node, or the start and end
// of a relationship) and the properties that are not nil.
func (f *importFile) row(lead []string, props map[string]any) error {
	f.fields = f.fields[:0]
	for _, s := range lead {
		f.fields = append(f.fields, s)
	}
	for k, v := range props {
		if v == nil {
			continue
		}
		typ, s, ok, err := importValue(v)
		if err != nil {
			return fmt.Errorf("property %s: %w", k, err)
		}
		if !ok {
			continue
		}
		i, seen := f.colIdx[k]
		if !seen {
			if strings.ContainsAny(k, ",:\"\n") {
				return fmt.Errorf("cannot name property %q in an import header", k)
			}
			i = len(f.cols)
			f.cols = append(f.cols, importCol{k, typ})
			f.colIdx[k] = i
		} else if f.cols[i].typ != typ {
			return fmt.Errorf("property %s is a %s here and a %s elsewhere: the importer takes one type a column", k, typ, f.cols[i].typ)
		}
		for len(f.fields) <= len(lead)+i {
			f.fields = append(f.fields, "")
		}
		f.fields[len(lead)+i] = s
	}
	for len(f.fields) < len(lead)+len(f.cols) {
		f.fields = append(f.fields, "")
	}
	for i, s := range f.fields {
		if i > 0 {
			f.w.WriteByte(',')
		}
		f.w.WriteString(s)
	}
	return f.w.WriteByte('\n')
}

// quote quotes a CSV field, doubling quotes.
func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// importValue returns the importer's type of a property value and the
// value as a CSV field; ok is false for an empty list, which the importer
// cannot tell from no property.
func importValue(v any) (typ, field string, ok bool, err error) {
	if l, isList := v.([]any); isList {
		if len(l) == 0 {
			return "", "", false, nil
		}
		elems := make([]string, len(l))
		for i, e := range l {
			t, s, err := importScalar(e)
			if err != nil {
				return "", "", false, err
			}
			if typ != "" && t != typ {
				return "", "", false, fmt.Errorf("a list of mixed %s and %s", typ, t)
			}
			typ = t
			if t == "string" {
				if strings.ContainsRune(e.(string), ImportArrayDelimiter) {
					return "", "", false, fmt.Errorf("text holds the array delimiter U+001F")
				}
				s = e.(string)
			}
			elems[i] = s
		}
		return typ + "[]", quote(strings.Join(elems, string(ImportArrayDelimiter))), true, nil
	}
	if l, isList := v.([]string); isList {
		a := make([]any, len(l))
		for i, s := range l {
			a[i] = s
		}
		return importValue(a)
	}
	typ, field, err = importScalar(v)
	return typ, field, err == nil, err
}

func importScalar(v any) (typ, field string, err error) {
	switch x := v.(type) {
	case string:
		return "string", quote(x), nil
	case int64:
		return "long", strconv.FormatInt(x, 10), nil
	case int:
		return "long", strconv.Itoa(x), nil
	case float64:
		return "double", strconv.FormatFloat(x, 'f', -1, 64), nil
	case bool:
		return "boolean", strconv.FormatBool(x), nil
	case dbtype.Point2D:
		crs := "cartesian"
		if x.SpatialRefId == wgs84 {
			crs = "WGS-84"
		} else if x.SpatialRefId != 7203 {
			return "", "", fmt.Errorf("a point with SRID %d", x.SpatialRefId)
		}
		return "point", quote(fmt.Sprintf("{crs:'%s',x:%s,y:%s}", crs,
			strconv.FormatFloat(x.X, 'f', -1, 64), strconv.FormatFloat(x.Y, 'f', -1, 64))), nil
	case time.Time:
		s := x.Format("2006-01-02T15:04:05.999999999Z07:00")
		if name := x.Location().String(); strings.Contains(name, "/") {
			s += "[" + name + "]"
		}
		return "datetime", s, nil
	case dbtype.Date:
		return "date", time.Time(x).Format(time.DateOnly), nil
	case dbtype.LocalDateTime:
		return "localdatetime", time.Time(x).Format("2006-01-02T15:04:05.999999999"), nil
	case dbtype.Duration:
		return "duration", x.String(), nil
	}
	return "", "", fmt.Errorf("cannot write a %T for the importer", v)
}

// node writes a node and notes it for links by its "id" property.
func (b *BulkImport) node(labels []string, importID string, props map[string]any) error {
	f, err := b.file(true, strings.Join(labels, ":"))
	if err != nil {
		return err
	}
	if err := f.row([]string{importID}, props); err != nil {
		return fmt.Errorf("import files: node %s: %w", importID, err)
	}
	b.Nodes++
	if id, ok := props["id"].(string); ok {
		for _, l := range labels {
			if m := b.refs[workforce.Kind(l)]; m != nil {
				m[id] = importID
			}
		}
	}
	return nil
}

// rel writes a relationship.
func (b *BulkImport) rel(typ, from, to string, props map[string]any) error {
	f, err := b.file(false, typ)
	if err != nil {
		return err
	}
	if err := f.row([]string{from, to}, props); err != nil {
		return fmt.Errorf("import files: %s relationship: %w", typ, err)
	}
	b.Relationships++
	return nil
}

// ExportGraph writes every node and relationship of the database into b,
// calling progress with the count so far now and then. It fails when the
// graph holds a node whose id starts with b's reserved prefix.
func (db *DB) ExportGraph(ctx context.Context, b *BulkImport, progress func(what string, n int64)) error {
	session := db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.database, AccessMode: neo4j.AccessModeRead})
	defer session.Close(ctx)
	// One auto-commit query a pass, streamed: a retried transaction would
	// write rows twice.
	err := func() error {
		res, err := session.Run(ctx, `MATCH (n) RETURN id(n) AS i, labels(n) AS l, properties(n) AS p`, nil)
		if err != nil {
			return err
		}
		var n int64
		for res.Next(ctx) {
			v := res.Record().Values
			labels := make([]string, 0, 2)
			for _, l := range v[1].([]any) {
				labels = append(labels, l.(string))
			}
			slices.Sort(labels)
			props := v[2].(map[string]any)
			if id, ok := props["id"].(string); ok && b.reserved != "" && strings.HasPrefix(id, b.reserved) {
				return workforce.Errorf(workforce.ECONFLICT, "the graph holds %s already (%v): remove that data first", id, labels)
			}
			if err := b.node(labels, "g"+strconv.FormatInt(v[0].(int64), 10), props); err != nil {
				return err
			}
			if n++; n%100_000 == 0 && progress != nil {
				progress("nodes", n)
			}
		}
		if err := res.Err(); err != nil {
			return err
		}
		res, err = session.Run(ctx, `MATCH (a)-[r]->(b) RETURN id(a) AS a, type(r) AS t, properties(r) AS p, id(b) AS b`, nil)
		if err != nil {
			return err
		}
		n = 0
		for res.Next(ctx) {
			v := res.Record().Values
			if err := b.rel(v[1].(string), "g"+strconv.FormatInt(v[0].(int64), 10), "g"+strconv.FormatInt(v[3].(int64), 10), v[2].(map[string]any)); err != nil {
				return err
			}
			if n++; n%1_000_000 == 0 && progress != nil {
				progress("relationships", n)
			}
		}
		return res.Err()
	}()
	if err != nil {
		return wrap("export the graph", err)
	}
	return nil
}

// ref returns the import id of the node labelled label with id, or an
// ENOTFOUND error naming field.
func (b *BulkImport) ref(field string, label workforce.Kind, id string) (string, error) {
	if to, ok := b.refs[label][id]; ok {
		return to, nil
	}
	return "", notFound(field, label, id)
}

// checkRefs returns ENOTFOUND, naming the field, when an item refers to
// a node not in the graph, before anything of theirs is written.
func checkRefs[T any](b *BulkImport, k *nodeKind[T], items []*T) error {
	for _, item := range items {
		for _, r := range k.refs(item) {
			if r.id == "" {
				continue
			}
			if _, err := b.ref(r.field, r.kind, r.id); err != nil {
				return err
			}
		}
	}
	return nil
}

// create writes a new node of a kind from its encoded row (as the bulk
// create's CREATE and SET would) and returns its import id and the row.
func createNode[T any](b *BulkImport, k *nodeKind[T], item *T) (string, map[string]any, error) {
	row := k.encode(item)
	props := map[string]any{}
	for key, v := range row["props"].(map[string]any) {
		props[key] = v
	}
	props["id"] = row["id"]
	props["createdAt"] = b.now
	props["updatedAt"] = b.now
	importID := string(k.label) + ":" + row["id"].(string)
	return importID, row, b.node([]string{string(k.label)}, importID, props)
}

// People writes new people with their skills: what BulkCreatePeople
// writes. Errors as BulkCreatePeople; skills of missing skills are skipped
// and counted in Missing.
func (b *BulkImport) People(items []*workforce.Person, skills []BulkPersonSkill) error {
	ids, err := people.check(items)
	if err != nil {
		return err
	}
	for _, p := range items {
		if err := p.ValidateRegistrationsAt(b.now); err != nil {
			return err
		}
	}
	if err := checkRefs(b, people, items); err != nil {
		return err
	}
	byID := make(map[string]string, len(ids))
	for _, p := range items {
		from, row, err := createNode(b, people, p)
		if err != nil {
			return err
		}
		byID[p.ID] = from
		if err := b.link(from, "LIVES_IN", "placeId", workforce.KindPlace, row["placeId"].(string), nil); err != nil {
			return err
		}
		for _, o := range row["seeks"].([]string) {
			if err := b.link(from, "SEEKS", "seeks", workforce.KindOccupation, o, nil); err != nil {
				return err
			}
		}
		for _, j := range row["history"].([]map[string]any) {
			if err := b.link(from, "WORKED_AS", "history.occupationId", workforce.KindOccupation, j["occupationId"].(string),
				map[string]any{"from": j["from"], "to": j["to"]}); err != nil {
				return err
			}
		}
		for _, r := range row["registrations"].([]map[string]any) {
			reg := r["regulator"].(string)
			if _, ok := b.refs["Regulator"][reg]; !ok {
				// MERGE (g:Regulator {id: reg.regulator})
				if err := b.node([]string{"Regulator"}, "Regulator:"+reg, map[string]any{"id": reg}); err != nil {
					return err
				}
			}
			if err := b.link(from, "REGISTERED", "registrations", "Regulator", reg, map[string]any{"number": r["number"], "expires": r["expires"]}); err != nil {
				return err
			}
		}
	}
	for _, s := range skills {
		if err := firstBulkError(workforce.ValidID("personId", s.PersonID), s.Validate()); err != nil {
			return err
		}
		from, ok := byID[s.PersonID]
		if !ok {
			return workforce.Invalid("links", "%q is not among the people to create", s.PersonID)
		}
		to, ok := b.refs[workforce.KindSkill][s.SkillID]
		if !ok {
			b.Missing++
			continue
		}
		if err := b.rel("HAS_SKILL", from, to, map[string]any{"level": int64(s.Level), "source": s.Source}); err != nil {
			return err
		}
	}
	return nil
}

// link writes a relationship from a new node to the node labelled label
// with id, which must be in the graph.
func (b *BulkImport) link(from, typ, field string, label workforce.Kind, id string, props map[string]any) error {
	if id == "" {
		return nil
	}
	to, err := b.ref(field, label, id)
	if err != nil {
		return err
	}
	return b.rel(typ, from, to, props)
}

// Employers writes new employers: what UpsertEmployers writes for
// employers not in the graph.
func (b *BulkImport) Employers(items []*workforce.Employer) error {
	if _, err := employers.check(items); err != nil {
		return err
	}
	if err := checkRefs(b, employers, items); err != nil {
		return err
	}
	for _, e := range items {
		from, row, err := createNode(b, employers, e)
		if err != nil {
			return err
		}
		if err := b.link(from, "LOCATED_IN", "placeId", workforce.KindPlace, row["placeId"].(string), nil); err != nil {
			return err
		}
	}
	return nil
}

// Vacancies writes new vacancies with their requirements: what
// BulkCreateVacancies writes. Errors as BulkCreateVacancies.
func (b *BulkImport) Vacancies(items []*workforce.Vacancy, reqs []BulkRequirement) error {
	if _, err := vacancies.check(items); err != nil {
		return err
	}
	if err := checkRefs(b, vacancies, items); err != nil {
		return err
	}
	byID := make(map[string]string, len(items))
	for _, v := range items {
		from, row, err := createNode(b, vacancies, v)
		if err != nil {
			return err
		}
		byID[v.ID] = from
		if err := b.link(from, "POSTED_BY", "employerId", workforce.KindEmployer, row["employerId"].(string), nil); err != nil {
			return err
		}
		if occ, _ := row["occupation"].(map[string]any); occ != nil {
			if err := b.link(from, "FOR", "occupationId", workforce.KindOccupation, occ["id"].(string),
				map[string]any{"source": occ["source"], "confidence": occ["confidence"]}); err != nil {
				return err
			}
		}
		if err := b.link(from, "LOCATED_IN", "placeId", workforce.KindPlace, row["placeId"].(string), nil); err != nil {
			return err
		}
	}
	for _, r := range reqs {
		if err := firstBulkError(workforce.ValidID("from", r.FromID), r.Validate()); err != nil {
			return err
		}
		from, ok := byID[r.FromID]
		if !ok {
			return workforce.Invalid("links", "%q is not among the vacancies to create", r.FromID)
		}
		to, ok := b.refs[workforce.KindSkill][r.SkillID]
		if !ok {
			b.Missing++
			continue
		}
		if err := b.rel("REQUIRES", from, to, map[string]any{"essential": r.Essential, "source": r.Source, "confidence": r.Confidence}); err != nil {
			return err
		}
	}
	return nil
}

// Close writes the headers and closes the files. It returns the arguments
// of "neo4j-admin database import full" that load them (without the
// database name).
func (b *BulkImport) Close() ([]string, error) {
	var errs []error
	args := []string{"--delimiter=,", "--array-delimiter=U+001F", "--quote=\"", "--multiline-fields=true",
		"--id-type=string", "--report-file=" + filepath.Join(b.dir, "import.report")}
	for _, key := range b.order {
		f := b.files[key]
		errs = append(errs, f.w.Flush(), f.f.Close())
		head := []string{":ID"}
		if !f.nodes {
			head = []string{":START_ID", ":END_ID"}
		}
		for _, c := range f.cols {
			head = append(head, c.key+":"+c.typ)
		}
		header := filepath.Join(b.dir, f.base+".header.csv")
		errs = append(errs, os.WriteFile(header, []byte(strings.Join(head, ",")+"\n"), 0o644))
		files := header + "," + filepath.Join(b.dir, f.base+".csv")
		if f.nodes && f.name == "" {
			args = append(args, "--nodes="+files)
		} else if f.nodes {
			args = append(args, "--nodes="+f.name+"="+files)
		} else {
			args = append(args, "--relationships="+f.name+"="+files)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("import files: %w", err)
	}
	return args, nil
}
