// Command gqlgen generates the GraphQL code of graph/ from schema/ as
// `gqlgen generate` does (gqlgen.yml), then lets lists whose selection
// reaches no resolver marshal their elements in order instead of in a
// goroutine each.
//
// gqlgen marshals every element of a list of objects in a goroutine of its
// own, so that the resolvers under one element need not wait for those of
// the others (their loads then batch). An element whose selected fields are
// all plain values has nothing to wait for; its goroutine only costs a
// start, a stack grown by copying and a scheduler round, which on a page of
// a thousand requirements was most of the CPU a request used. The command
// writes graph/generated/lists.go, which knows which fields of each object
// run concurrently (resolvers, methods taking a context, fields with
// directives), and routes the generated list marshallers through it: a
// list runs concurrently as before when its selection reaches any such
// field, and in order otherwise.
//
// It then rewrites the functions of the fields that only read a variable of
// their object: a leaf field marshals the variable itself, and an object
// field whose selection holds only such leaves is marshalled without a
// field context of its own (rewriteLeaf, rewriteBound), strings written
// from where the object holds them (stringAt); object marshallers
// collect their fields once per request (collectFields) and booleans are
// written by two kept marshallers. Each rewrite checks the code it
// changes and fails when gqlgen's output no longer looks as it expects.
//
// Run it from the repository: go run ./tools/gqlgen (make generate).
package main

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/template"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
	"github.com/vektah/gqlparser/v2/ast"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gqlgen:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return err
	}
	lists := filepath.Join(filepath.Dir(cfg.Exec.Filename), "lists.go")
	// The helper refers to the generated code, which gqlgen deletes first.
	if err := os.Remove(lists); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	shapes := &shapeCollector{}
	if err := api.Generate(cfg, api.AddPlugin(shapes)); err != nil {
		return err
	}
	if shapes.data == nil {
		return errors.New("gqlgen gave the plugin no data")
	}
	src, err := listsSource(shapes.data)
	if err != nil {
		return err
	}
	if err := os.WriteFile(lists, src, 0o644); err != nil {
		return err
	}
	return rewriteMarshallers(cfg, leafFields(shapes.data), boundObjects(shapes.data))
}

// shapeCollector is a gqlgen plugin that keeps the data the code is
// generated from.
type shapeCollector struct{ data *codegen.Data }

func (*shapeCollector) Name() string { return "listshapes" }

func (s *shapeCollector) GenerateCode(data *codegen.Data) error {
	s.data = data
	return nil
}

// leafScalars are the scalars whose generated marshallers use their
// context only to report a null, which their values never are.
var leafScalars = map[string]bool{"String": true, "ID": true, "Boolean": true, "Int": true}

// leafFields returns, by the name of the generated function that resolves
// each, the fields that read a variable of their object (no resolver, no
// method, no directive, no arguments) and marshal it as a string, an ID, a
// boolean, an int or an enum, not a list of them, and whose value is not a
// pointer unless the field is nullable: the fields that cannot fail, so
// need no field context to report an error at their path, and are read
// directly (rewriteLeaves).
func leafFields(data *codegen.Data) map[string]string {
	out := map[string]string{}
	for _, o := range data.Objects {
		for _, f := range o.Fields {
			def := f.TypeReference.Definition
			if f.IsResolver || !f.IsVariable() || len(f.Directives) > 0 || len(f.Args) > 0 || f.TypeReference.IsSlice() ||
				!(def.Kind == ast.Enum || def.Kind == ast.Scalar && leafScalars[def.Name]) ||
				f.TypeReference.IsPtr() && f.TypeReference.GQL.NonNull {
				continue
			}
			out["_"+o.Name+"_"+f.Name] = f.GoFieldName
		}
	}
	return out
}

// boundObjects returns, by the name of the generated function that
// resolves each, the fields that read a pointer variable of their object
// (no resolver, no method, no directive, no arguments) and marshal it as
// an object, not a list of them: the fields boundObject may resolve.
func boundObjects(data *codegen.Data) map[string]string {
	out := map[string]string{}
	for _, o := range data.Objects {
		for _, f := range o.Fields {
			if f.IsResolver || !f.IsVariable() || len(f.Directives) > 0 || len(f.Args) > 0 || f.TypeReference.IsSlice() ||
				!f.TypeReference.IsPtr() || f.TypeReference.Definition.Kind != ast.Object {
				continue
			}
			out["_"+o.Name+"_"+f.Name] = f.GoFieldName
		}
	}
	return out
}

// rewriteMarshallers routes every list marshaller of the generated code
// through marshalList, makes every object marshaller build its @defer
// group only when one of its fields is deferred (deferredGroup), return
// an objectValue when none is, collect its fields through the request's
// collectFields, has booleans written by marshalBoolean, the leaf fields
// (leafFields) read directly and the
// bound object fields (boundObjects) marshalled by boundObject when their
// selection is plain.
func rewriteMarshallers(cfg *config.Config, leaves, objects map[string]string) error {
	b, err := os.ReadFile(cfg.Exec.Filename)
	if err != nil {
		return err
	}
	from := fmt.Sprintf("graphql.MarshalSliceConcurrently(ctx, len(v), %d, %t, func(", cfg.Exec.WorkerLimit, cfg.OmitPanicHandler)
	n := bytes.Count(b, []byte(from))
	if n == 0 {
		return fmt.Errorf("%s: no list marshaller calls %q; gqlgen's output changed, update this command", cfg.Exec.Filename, from)
	}
	b = bytes.ReplaceAll(b, []byte(from), []byte("ec.marshalList(ctx, sel, len(v), func("))
	if bytes.Contains(b, []byte("graphql.MarshalSliceConcurrently(")) {
		return fmt.Errorf("%s: a list marshaller calls MarshalSliceConcurrently in a form this command does not know", cfg.Exec.Filename)
	}
	const group = "deferred := graphql.NewDeferredGroup(ctx)"
	if !bytes.Contains(b, []byte(group)) {
		return fmt.Errorf("%s: no object marshaller makes its group with %q; gqlgen's output changed, update this command", cfg.Exec.Filename, group)
	}
	b = bytes.ReplaceAll(b, []byte(group), []byte("deferred := deferredGroup(ctx, fields)"))
	const end = "\t\tec.ProcessDeferredGroup(deferred)\n\t}\n\n\treturn out\n}\n"
	if n := bytes.Count(b, []byte(end)); n != bytes.Count(b, []byte("out := graphql.NewFieldSet(fields)")) {
		return fmt.Errorf("%s: %d object marshallers end as tools/gqlgen expects, of %d; gqlgen's output changed, update it", cfg.Exec.Filename, n, bytes.Count(b, []byte("out := graphql.NewFieldSet(fields)")))
	}
	b = bytes.ReplaceAll(b, []byte(end), []byte("\t\tec.ProcessDeferredGroup(deferred)\n\t\treturn out\n\t}\n\n\treturn objectValue{fields, out.Values}\n}\n"))
	const state = "type executionContext struct {\n\t*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]\n}\n"
	if !bytes.Contains(b, []byte(state)) {
		return fmt.Errorf("%s: the execution context is not declared as tools/gqlgen expects; gqlgen's output changed, update it", cfg.Exec.Filename)
	}
	b = bytes.Replace(b, []byte(state), []byte("type executionContext struct {\n\t*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]\n\tcollected collectedFields\n}\n"), 1)
	collect := regexp.MustCompile(`graphql\.CollectFields\(ec\.OperationContext, sel, (\w+Implementors)\)`)
	b = collect.ReplaceAll(b, []byte("ec.collectFields(sel, $1)"))
	if bytes.Contains(b, []byte("graphql.CollectFields(")) {
		return fmt.Errorf("%s: an object marshaller collects its fields in a form tools/gqlgen does not know; update it", cfg.Exec.Filename)
	}
	if !bytes.Contains(b, []byte("graphql.MarshalBoolean(")) {
		return fmt.Errorf("%s: no marshaller calls graphql.MarshalBoolean; gqlgen's output changed, update tools/gqlgen", cfg.Exec.Filename)
	}
	b = bytes.ReplaceAll(b, []byte("graphql.MarshalBoolean("), []byte("marshalBoolean("))
	strings := stringMarshallers(b)
	if len(strings) == 0 {
		return fmt.Errorf("%s: no marshaller writes a string as tools/gqlgen expects; gqlgen's output changed, update it", cfg.Exec.Filename)
	}
	rewriteLeaf := func(body []byte, goField string) ([]byte, error) { return rewriteLeaf(body, goField, strings) }
	if b, err = rewriteFields(b, leaves, rewriteLeaf); err != nil {
		return fmt.Errorf("%s: %w", cfg.Exec.Filename, err)
	}
	if b, err = rewriteFields(b, objects, rewriteBound); err != nil {
		return fmt.Errorf("%s: %w", cfg.Exec.Filename, err)
	}
	return os.WriteFile(cfg.Exec.Filename, b, 0o644)
}

// rewriteFields rewrites the function of each of fields with rewrite, after
// checking that it reads the object's variable (the field's Go name) and
// has no middleware, as leafFields and boundObjects found.
func rewriteFields(b []byte, fields map[string]string, rewrite func(body []byte, goField string) ([]byte, error)) ([]byte, error) {
	names := slices.Sorted(maps.Keys(fields))
	for _, name := range names {
		head := []byte("func (ec *executionContext) " + name + "(ctx context.Context, field graphql.CollectedField, obj ")
		at := bytes.Index(b, head)
		if at < 0 {
			return nil, fmt.Errorf("no function %s for a field read directly; gqlgen's output changed, update tools/gqlgen", name)
		}
		end := bytes.Index(b[at:], []byte("\n}\n"))
		if end < 0 {
			return nil, fmt.Errorf("function %s does not end", name)
		}
		body := b[at : at+end]
		const call = "return graphql.ResolveField("
		reads := "func(ctx context.Context) (any, error) {\n\t\t\treturn obj." + fields[name] + ", nil\n\t\t},\n\t\tnil,\n"
		if bytes.Count(body, []byte(call)) != 1 || !bytes.Contains(body, []byte(reads)) {
			return nil, fmt.Errorf("function %s is not a field read as tools/gqlgen expects; gqlgen's output changed, update it", name)
		}
		body, err := rewrite(body, fields[name])
		if err != nil {
			return nil, fmt.Errorf("function %s: %w", name, err)
		}
		b = slices.Concat(b[:at], body, b[at+end:])
	}
	return b, nil
}

// leafMarshal finds the marshaller a leaf field's function passes to
// graphql.ResolveField.
var leafMarshal = regexp.MustCompile(`\n\t\tfunc\(ctx context\.Context, selections ast\.SelectionSet, v [^)]+\) graphql\.Marshaler \{\n\t\t\treturn (ec\.marshal[^(]+)\(ctx, selections, v\)\n`)

// stringMarshaller finds the generated marshallers of a non-null value that
// write it with graphql.MarshalString or graphql.MarshalID (which calls
// MarshalString): String!, ID! and the enums bound to Go string types.
var stringMarshaller = regexp.MustCompile(`func \(ec \*executionContext\) (marshalN[^(]+)\(ctx context\.Context, sel ast\.SelectionSet, v [^*)][^)]*\) graphql\.Marshaler \{\n` +
	`\t_ = sel\n\tres := graphql\.Marshal(?:String|ID)\((?:v|string\(v\))\)\n\tif res == graphql\.Null \{\n\t\tgraphql\.AddInvalidNullFromMarshaler\(ctx, "[^"]+"\)\n\t\}\n\treturn res\n\}\n`)

// stringMarshallers returns the names of the marshallers stringMarshaller
// finds in the generated code b.
func stringMarshallers(b []byte) map[string]bool {
	out := map[string]bool{}
	for _, m := range stringMarshaller.FindAllSubmatch(b, -1) {
		out["ec."+string(m[1])] = true
	}
	return out
}

// rewriteLeaf makes a leaf field's function marshal the object's variable
// itself, as graphql.ResolveField would, without a field context, its
// context, the closures, the value boxed in an interface and the resolver
// middleware: on a page of a thousand requirements these fields are most
// of the executor's work. Such a field cannot fail (leafFields): its value
// is read from a variable (no error, no other type) and its marshaller uses
// its context only to report a null, which the value never is. The only
// middleware the server adds (tracing) spans root resolvers, which are
// never leaves. A nil object, which the generated object marshallers never
// pass, still goes through graphql.ResolveField. A value that one of
// strings (stringMarshallers) would write, which it does with
// graphql.MarshalString and never as a null, is written by stringAt.
func rewriteLeaf(body []byte, goField string, strings map[string]bool) ([]byte, error) {
	m := leafMarshal.FindSubmatch(body)
	if m == nil {
		return nil, errors.New("no marshaller passed to graphql.ResolveField; gqlgen's output changed, update tools/gqlgen")
	}
	open := bytes.Index(body, []byte(" {\n"))
	direct := fmt.Sprintf(" {\n\tif obj != nil {\n\t\treturn %s(ctx, field.Selections, obj.%s)\n\t}\n", m[1], goField)
	if strings[string(m[1])] {
		direct = fmt.Sprintf(" {\n\tif obj != nil {\n\t\treturn marshalStringAt(&obj.%s)\n\t}\n", goField)
	}
	return slices.Concat(body[:open], []byte(direct), body[open+3:]), nil
}

// boundMarshal finds the marshaller a bound object field's function passes
// to graphql.ResolveField.
var boundMarshal = regexp.MustCompile(`\n\t\tfunc\(ctx context\.Context, selections ast\.SelectionSet, v \*[^)]+\) graphql\.Marshaler \{\n\t\t\treturn ec\.(marshal[^(]+)\(ctx, selections, v\)\n`)

// rewriteBound makes a bound object field's function marshal the object's
// variable through boundObject first, when it is set and the selection is
// plain (plainSelection); anything else goes through graphql.ResolveField
// as before. The check comes before the call of graphql.ResolveField, so
// the closures that call takes are made only when it is made.
func rewriteBound(body []byte, goField string) ([]byte, error) {
	m := boundMarshal.FindSubmatch(body)
	if m == nil {
		return nil, errors.New("no marshaller passed to graphql.ResolveField; gqlgen's output changed, update tools/gqlgen")
	}
	open := bytes.Index(body, []byte(" {\n"))
	direct := fmt.Sprintf(" {\n\tif obj != nil && obj.%[1]s != nil && plainField(field) {\n"+
		"\t\tif m, ok := boundObject(ctx, ec, field, obj.%[1]s, (*executionContext).%[2]s); ok {\n\t\t\treturn m\n\t\t}\n\t}\n", goField, m[1])
	return slices.Concat(body[:open], []byte(direct), body[open+3:]), nil
}

// field is one field of an object type as the generated code runs it.
type field struct {
	Name       string
	Concurrent bool
	Leaf       bool // read directly (leafFields): it cannot fail
	Type       string
}

type object struct {
	Name   string
	Fields []field
}

func listsSource(data *codegen.Data) ([]byte, error) {
	leaves := leafFields(data)
	var objects []object
	for _, o := range data.Objects {
		obj := object{Name: o.Name}
		for _, f := range o.Fields {
			obj.Fields = append(obj.Fields, field{
				Name:       f.Name,
				Concurrent: f.IsConcurrent() || len(f.Directives) > 0,
				Leaf:       leaves["_"+o.Name+"_"+f.Name] != "",
				Type:       f.Type.Name(),
			})
		}
		slices.SortFunc(obj.Fields, func(a, b field) int { return strings.Compare(a.Name, b.Name) })
		objects = append(objects, obj)
	}
	slices.SortFunc(objects, func(a, b object) int { return strings.Compare(a.Name, b.Name) })
	var buf bytes.Buffer
	err := listsTemplate.Execute(&buf, map[string]any{
		"Package":     data.Config.Exec.Package,
		"Objects":     objects,
		"WorkerLimit": data.Config.Exec.WorkerLimit,
		"OmitPanic":   data.Config.OmitPanicHandler,
	})
	if err != nil {
		return nil, err
	}
	return format.Source(buf.Bytes())
}

var listsTemplate = template.Must(template.New("lists").Parse(`// Code generated by tools/gqlgen from schema/; DO NOT EDIT.

package {{.Package}}

import (
	"context"
	"io"
	"slices"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// marshalList marshals the n elements of the list field in ctx. A list
// whose selection reaches a field that runs concurrently (a resolver, a
// method taking a context, a field with a directive) marshals each element
// in a goroutine, as gqlgen does, so that the loads under its elements
// batch; any other list, whose elements are plain values, is marshalled in
// order on the calling goroutine.
func (ec *executionContext) marshalList(ctx context.Context, sel ast.SelectionSet, n int, marshal func(context.Context, int) graphql.Marshaler) graphql.Array {
	fc := graphql.GetFieldContext(ctx)
	if n < 2 || fc == nil || fc.Field.Field == nil || fc.Field.Definition == nil || reachesConcurrent(fc.Field.Definition.Type.Name(), sel) {
		return graphql.MarshalSliceConcurrently(ctx, n, {{.WorkerLimit}}, {{.OmitPanic}}, marshal)
	}
	ret := make(graphql.Array, n)
	elements := make([]listElement, n)
	for i := range n {
		ret[i] = marshalElement(ctx, &elements[i], i, marshal)
	}
	return ret
}

// listElement is the field context of an element of a list and the index
// it points to, made for the whole list at once: graphql.MarshalSliceConcurrently
// makes both for each element.
type listElement struct {
	fc    graphql.FieldContext
	index int
}

// marshalElement marshals element i of a list, in its own field context
// (e) as graphql.MarshalSliceConcurrently does.
func marshalElement(ctx context.Context, e *listElement, i int, marshal func(context.Context, int) graphql.Marshaler) (m graphql.Marshaler) {
	e.index = i
	e.fc.Index = &e.index
	ctx = graphql.WithFieldContext(ctx, &e.fc)
{{- if not .OmitPanic}}
	defer func() {
		if r := recover(); r != nil {
			graphql.AddError(ctx, graphql.Recover(ctx, r))
			m = graphql.Null
		}
	}()
{{- end}}
	return marshal(ctx, i)
}

// stringAt writes the string p points to as graphql.MarshalString writes
// it: a String, an ID or a string enum of a leaf field read directly from
// its object (tools/gqlgen) then costs no allocation, where
// graphql.MarshalString makes a function holding the string for each. It
// reads the string when the response is written, right after the
// operation is executed: the objects it points into are not changed once
// resolved (values from the process cache are shared and never changed;
// resolvers finish building theirs before they return them).
type stringAt[T ~string] struct{ p *T }

func (s stringAt[T]) MarshalGQL(w io.Writer) { graphql.MarshalString(string(*s.p)).MarshalGQL(w) }

// marshalStringAt returns a stringAt for p.
func marshalStringAt[T ~string](p *T) graphql.Marshaler { return stringAt[T]{p} }

// marshalBoolean returns what graphql.MarshalBoolean does, without making
// a function and a byte slice for every boolean of a page.
func marshalBoolean(b bool) graphql.Marshaler {
	if b {
		return marshalledTrue
	}
	return marshalledFalse
}

var (
	marshalledTrue  graphql.Marshaler = graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, "true") })
	marshalledFalse graphql.Marshaler = graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, "false") })
)

// objectValue is an object's fields and their values, written as
// graphql.FieldSet writes them: in order, a field whose alias was written
// already left out. FieldSet hands each field to its writer as a pointer to
// a copy on the heap and keeps the aliases it wrote in a map, an
// allocation per field on a page of a thousand requirements.
type objectValue struct {
	fields []graphql.CollectedField
	values []graphql.Marshaler
}

func (o objectValue) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, "{")
	for i := range o.fields {
		alias := o.fields[i].Alias
		if slices.ContainsFunc(o.fields[:i], func(f graphql.CollectedField) bool { return f.Alias == alias }) {
			continue
		}
		if i > 0 {
			_, _ = io.WriteString(w, ",")
		}
		writeKey(w, alias)
		o.values[i].MarshalGQL(w)
	}
	_, _ = io.WriteString(w, "}")
}

// writeKey writes a field's alias quoted, and a colon. An alias is a
// GraphQL name, which needs no escaping; anything else is quoted as
// graphql.FieldSet quotes it.
func writeKey(w io.Writer, alias string) {
	for i := range len(alias) {
		if c := alias[i]; !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			graphql.MarshalString(alias).MarshalGQL(w)
			_, _ = io.WriteString(w, ":")
			return
		}
	}
	_, _ = io.WriteString(w, "\"")
	_, _ = io.WriteString(w, alias)
	_, _ = io.WriteString(w, "\":")
}

// deferredGroup returns the group that collects the deferred fields of the
// object at ctx: an empty one, which costs nothing, when none of fields is
// deferred. graphql.NewDeferredGroup builds the object's path and a field
// set whether or not a field is deferred, which on a list of a thousand
// objects is a tenth of the work.
func deferredGroup(ctx context.Context, fields []graphql.CollectedField) graphql.DeferredGroup {
	for _, f := range fields {
		if f.IsDeferred() {
			return graphql.NewDeferredGroup(ctx)
		}
	}
	return graphql.DeferredGroup{}
}

// reachesConcurrent reports whether sel, selected on values of type typ,
// reaches a field that runs concurrently. Abstract types, type conditions
// other than typ, and deferred fragments count as reaching one.
func reachesConcurrent(typ string, sel ast.SelectionSet) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if s.Name == "__typename" {
				continue
			}
			concurrent, _, child, ok := objectField(typ, s.Name)
			if !ok || concurrent || reachesConcurrent(child, s.SelectionSet) {
				return true
			}
		case *ast.InlineFragment:
			if (s.TypeCondition != "" && s.TypeCondition != typ) || s.Directives.ForName("defer") != nil || reachesConcurrent(typ, s.SelectionSet) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || s.Definition.TypeCondition != typ || s.Directives.ForName("defer") != nil || reachesConcurrent(typ, s.Definition.SelectionSet) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// boundObject marshals v, the value of an object field that reads a
// pointer variable of its object (no resolver, no method, no directive, no
// arguments), as graphql.ResolveField would, without a field context of
// its own; the generated function calls it when v is not nil and the
// field's selection is plain (plainField): only leaf fields, which are
// read directly from their object and cannot fail, and __typename. Under
// such a selection nothing reads the field context. A requirement's and a
// matched skill's skill are thousands of such fields on a page, and their
// field contexts, contexts and closures were a tenth of a request's work.
// ok is false if marshal panics, which then leaves no trace (the way in
// has no side effect), and the function goes through
// graphql.ResolveField, which reports the panic at the field's path.
func boundObject[T any](ctx context.Context, ec *executionContext, field graphql.CollectedField, v T,
	marshal func(*executionContext, context.Context, ast.SelectionSet, T) graphql.Marshaler) (m graphql.Marshaler, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			m, ok = nil, false
		}
	}()
	return marshal(ec, ctx, field.Selections, v), true
}

// plainField reports whether field, of an object type, has a plain
// selection (plainSelection).
func plainField(field graphql.CollectedField) bool {
	return field.Field != nil && field.Definition != nil && plainSelection(field.Definition.Type.Name(), field.Selections)
}

// collectedFields keeps the fields collected from each selection set of a
// request for an object type (graphql.CollectFields), by the selection
// set and the type's implementors, as gqlgen's own cache does; gqlgen's
// key is built with reflection and a hash of the implementors' names,
// an allocation and a hash for each object of a page.
type collectedFields struct {
	mu     sync.RWMutex
	fields map[collectedKey][]graphql.CollectedField
}

// collectedKey is a selection set (its first selection and its length)
// and the implementors of a type (the generated variable, one per type).
type collectedKey struct {
	sel        *ast.Selection
	n          int
	implements *string
}

// collectFields returns graphql.CollectFields(ec.OperationContext, sel,
// implementors), once per selection set and type for the request.
func (ec *executionContext) collectFields(sel ast.SelectionSet, implementors []string) []graphql.CollectedField {
	if len(sel) == 0 || len(implementors) == 0 {
		return graphql.CollectFields(ec.OperationContext, sel, implementors)
	}
	key := collectedKey{&sel[0], len(sel), &implementors[0]}
	c := &ec.collected
	c.mu.RLock()
	fields, ok := c.fields[key]
	c.mu.RUnlock()
	if ok {
		return fields
	}
	fields = graphql.CollectFields(ec.OperationContext, sel, implementors)
	c.mu.Lock()
	if c.fields == nil {
		c.fields = map[collectedKey][]graphql.CollectedField{}
	}
	c.fields[key] = fields
	c.mu.Unlock()
	return fields
}

// plainSelection reports whether sel, selected on values of the object
// type typ, collects only __typename and leaf fields that cannot fail (read
// directly from their object), without a deferred fragment
// or a type condition other than typ: a selection under which nothing
// needs a field context.
func plainSelection(typ string, sel ast.SelectionSet) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if s.Name == "__typename" {
				continue
			}
			if _, leaf, _, ok := objectField(typ, s.Name); !ok || !leaf {
				return false
			}
		case *ast.InlineFragment:
			if (s.TypeCondition != "" && s.TypeCondition != typ) || s.Directives.ForName("defer") != nil || !plainSelection(typ, s.SelectionSet) {
				return false
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || s.Definition.TypeCondition != typ || s.Directives.ForName("defer") != nil || !plainSelection(typ, s.Definition.SelectionSet) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// objectField returns whether a field of an object type runs concurrently,
// whether it is a leaf field that cannot fail (read directly from its
// object), and the named type of its values; ok is false when typ is not an
// object type or has no such field.
func objectField(typ, field string) (concurrent, leaf bool, child string, ok bool) {
	switch typ {
{{- range .Objects}}
	case {{printf "%q" .Name}}:
		switch field {
{{- range .Fields}}
		case {{printf "%q" .Name}}:
			return {{.Concurrent}}, {{.Leaf}}, {{printf "%q" .Type}}, true
{{- end}}
		}
{{- end}}
	}
	return false, false, "", false
}
`))
