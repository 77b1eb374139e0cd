package store

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/onework/onework/workforce"
)

// wgs84 is the Neo4j spatial reference id of WGS-84 2D points.
const wgs84 = 4326

// encodePoint converts a location to a Neo4j point; nil stays nil, which
// removes the property.
func encodePoint(p *workforce.Point) any {
	if p == nil {
		return nil
	}
	return dbtype.Point2D{X: p.Lon, Y: p.Lat, SpatialRefId: wgs84}
}

// encodeTime converts a time to UTC without a monotonic reading; nil stays nil.
func encodeTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC().Round(0)
}

// encodeInt converts an optional integer; nil stays nil.
func encodeInt(i *int) any {
	if i == nil {
		return nil
	}
	return int64(*i)
}

// encodeLabels returns alternative labels as a list and as one string for
// the full-text index; both are nil (no property) when there are none.
func encodeLabels(labels []string) (list, text any) {
	if len(labels) == 0 {
		return nil, nil
	}
	return slices.Clone(labels), strings.Join(labels, "\n")
}

// encodeIDs returns ids sorted and without repeats, as they come back from
// relationships, which have no order; nil when there are none.
func encodeIDs(ids []string) []string {
	if len(ids) == 0 {
		return nil
	}
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// decoder reads a map returned by Neo4j into Go values. It keeps the first
// type mismatch in err, so that decode functions read as a list of fields.
type decoder struct {
	m   map[string]any
	err error
}

func (d *decoder) fail(key string, v any, want string) {
	if d.err == nil {
		d.err = fmt.Errorf("decode property %q: got %T, want %s", key, v, want)
	}
}

// value returns the value of key as a T, or T's zero value when it is absent.
func value[T any](d *decoder, key string) T {
	var zero T
	raw, ok := d.m[key]
	if !ok || raw == nil {
		return zero
	}
	v, ok := raw.(T)
	if !ok {
		d.fail(key, raw, fmt.Sprintf("%T", zero))
	}
	return v
}

func (d *decoder) str(key string) string { return value[string](d, key) }

func (d *decoder) bool(key string) bool { return value[bool](d, key) }

// float reads a number, stored as float or integer.
func (d *decoder) float(key string) float64 {
	switch v := d.m[key].(type) {
	case nil:
		return 0
	case float64:
		return v
	case int64:
		return float64(v)
	default:
		d.fail(key, v, "number")
		return 0
	}
}

// int reads a number, stored as integer or float.
func (d *decoder) int(key string) int {
	switch v := d.m[key].(type) {
	case nil:
		return 0
	case int64:
		return int(v)
	case float64:
		return int(v)
	default:
		d.fail(key, v, "integer")
		return 0
	}
}

func (d *decoder) intPtr(key string) *int {
	if d.m[key] == nil {
		return nil
	}
	i := d.int(key)
	return &i
}

func (d *decoder) time(key string) time.Time {
	t := value[time.Time](d, key)
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

func (d *decoder) timePtr(key string) *time.Time {
	if d.m[key] == nil {
		return nil
	}
	t := d.time(key)
	return &t
}

func (d *decoder) point(key string) *workforce.Point {
	if d.m[key] == nil {
		return nil
	}
	p := value[dbtype.Point2D](d, key)
	return &workforce.Point{Lat: p.Y, Lon: p.X}
}

// strs reads a list of strings; an empty list reads as nil.
func (d *decoder) strs(key string) []string {
	list := value[[]any](d, key)
	if len(list) == 0 {
		return nil
	}
	out := make([]string, len(list))
	for i, v := range list {
		s, ok := v.(string)
		if !ok {
			d.fail(key, v, "string")
		}
		out[i] = s
	}
	return out
}

// sub returns a decoder for the map at key; an absent map reads as empty.
func (d *decoder) sub(key string) *decoder {
	return &decoder{m: value[map[string]any](d, key)}
}

// subs returns a decoder for each map in the list at key.
func (d *decoder) subs(key string) []*decoder {
	list := value[[]any](d, key)
	out := make([]*decoder, len(list))
	for i, v := range list {
		m, ok := v.(map[string]any)
		if !ok {
			d.fail(key, v, "map")
		}
		out[i] = &decoder{m: m}
	}
	return out
}

// join returns the first error of d and its sub decoders.
func (d *decoder) join(subs ...*decoder) error {
	if d.err != nil {
		return d.err
	}
	for _, s := range subs {
		if s.err != nil {
			return s.err
		}
	}
	return nil
}

// sameValue reports whether two encoded values (as built by the encode
// functions: maps, lists, strings, numbers, booleans, points and times) are
// equal, comparing times as instants.
func sameValue(a, b any) bool {
	switch a := a.(type) {
	case time.Time:
		b, ok := b.(time.Time)
		return ok && a.Equal(b)
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, v := range a {
			w, ok := b[k]
			if !ok || !sameValue(v, w) {
				return false
			}
		}
		return true
	case []map[string]any:
		b, ok := b.([]map[string]any)
		return ok && slices.EqualFunc(a, b, func(x, y map[string]any) bool { return sameValue(x, y) })
	}
	return reflect.DeepEqual(a, b)
}
