package generated

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/google/go-cmp/cmp"
	"github.com/onework/onework/graph/model"
	"github.com/onework/onework/matching"
	"github.com/onework/onework/workforce"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestObjectValueWritesAsFieldSet checks that an object written by
// objectValue has the bytes graphql.FieldSet writes, a repeated alias and
// an alias that is not a name included.
func TestObjectValueWritesAsFieldSet(t *testing.T) {
	tests := []struct {
		name    string
		aliases []string
	}{
		{"one field", []string{"id"}},
		{"names", []string{"id", "label", "_x9", "Essential"}},
		{"repeated alias", []string{"a", "b", "a", "c", "b"}},
		{"alias needing quotes", []string{"a", `q"u\o<te>`, "é"}},
		{"no field", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fields := make([]graphql.CollectedField, len(tc.aliases))
			for i, a := range tc.aliases {
				fields[i] = graphql.CollectedField{Field: &ast.Field{Alias: a, Name: "f"}}
			}
			set := graphql.NewFieldSet(fields)
			for i := range fields {
				set.Values[i] = graphql.MarshalString(fmt.Sprintf("value %d", i))
			}
			var want, got bytes.Buffer
			set.MarshalGQL(&want)
			objectValue{fields, set.Values}.MarshalGQL(&got)
			if diff := cmp.Diff(want.String(), got.String()); diff != "" {
				t.Errorf("objectValue wrote (-FieldSet +objectValue):\n%s", diff)
			}
		})
	}
}

// leafCase is a leaf field's function as tools/gqlgen rewrote it (direct)
// and the call of graphql.ResolveField gqlgen generated for it (general),
// for one object, which may be nil.
type leafCase struct {
	name, field     string
	direct, general func(context.Context, *executionContext, graphql.CollectedField) graphql.Marshaler
}

// leaf returns the case of a leaf field of objects of type O whose value
// of type V read reads, marshalled by marshal.
func leaf[O, V any](name, field string, obj *O, fc func(*executionContext, context.Context, graphql.CollectedField) (*graphql.FieldContext, error),
	direct func(*executionContext, context.Context, graphql.CollectedField, *O) graphql.Marshaler, read func(*O) V,
	marshal func(*executionContext, context.Context, ast.SelectionSet, V) graphql.Marshaler, nonNull bool) leafCase {
	return leafCase{name: name, field: field,
		direct: func(ctx context.Context, ec *executionContext, f graphql.CollectedField) graphql.Marshaler {
			return direct(ec, ctx, f, obj)
		},
		general: func(ctx context.Context, ec *executionContext, f graphql.CollectedField) graphql.Marshaler {
			return graphql.ResolveField(ctx, ec.OperationContext, f,
				func(ctx context.Context, f graphql.CollectedField) (*graphql.FieldContext, error) {
					return fc(ec, ctx, f)
				},
				func(ctx context.Context) (any, error) { return read(obj), nil },
				nil,
				func(ctx context.Context, sel ast.SelectionSet, v V) graphql.Marshaler {
					return marshal(ec, ctx, sel, v)
				},
				true, nonNull)
		}}
}

// TestMarshalBooleanAsGqlgen checks that marshalBoolean writes what
// graphql.MarshalBoolean writes.
func TestMarshalBooleanAsGqlgen(t *testing.T) {
	for _, v := range []bool{true, false} {
		var want, got bytes.Buffer
		graphql.MarshalBoolean(v).MarshalGQL(&want)
		marshalBoolean(v).MarshalGQL(&got)
		if got.String() != want.String() {
			t.Errorf("marshalBoolean(%v) wrote %q, graphql.MarshalBoolean %q", v, got.String(), want.String())
		}
	}
}

// TestLeafFieldsAsResolveField checks that the leaf fields tools/gqlgen
// reads directly answer and report errors byte for byte as the calls of
// graphql.ResolveField gqlgen generated for them: a string and an ID
// (quotes, control characters, invalid UTF-8, empty), a boolean, an enum,
// a nullable string and int set and nil, and a nil
// object, which makes the general call report a recovered panic at the
// field's path.
func TestLeafFieldsAsResolveField(t *testing.T) {
	skill := &workforce.Skill{ID: "s1", Label: `infection "control" <&>`}
	odd := &workforce.Skill{ID: "s\\2", Label: "tab\tnew line\ncontrol\x01 invalid \xff é \u2028"}
	match := &model.SkillMatch{SkillMatch: matching.SkillMatch{Tier: matching.Tier("EXACT")}}
	req := &model.Requirement{Requirement: workforce.Requirement{Essential: true}}
	cursor, places := "c1", 7
	page := &model.PageInfo{StartCursor: &cursor}
	programme := &workforce.Programme{PlacesLeft: &places}
	var cases []leafCase
	for _, o := range []*workforce.Skill{skill, odd, {}, nil} {
		cases = append(cases,
			leaf("label", "label", o, (*executionContext).fieldContext_Skill_label, (*executionContext)._Skill_label,
				func(o *workforce.Skill) string { return o.Label }, (*executionContext).marshalNString2string, true),
			leaf("id", "id", o, (*executionContext).fieldContext_Skill_id, (*executionContext)._Skill_id,
				func(o *workforce.Skill) string { return o.ID }, (*executionContext).marshalNID2string, true))
	}
	for _, o := range []*model.SkillMatch{match, nil} {
		cases = append(cases, leaf("tier", "tier", o, (*executionContext).fieldContext_SkillMatch_tier, (*executionContext)._SkillMatch_tier,
			func(o *model.SkillMatch) matching.Tier { return o.Tier }, (*executionContext).marshalNSkillTier2githubᚗcomᚋoneworkᚋoneworkᚋmatchingᚐTier, true))
	}
	for _, o := range []*model.Requirement{req, nil} {
		cases = append(cases, leaf("essential", "essential", o, (*executionContext).fieldContext_Requirement_essential, (*executionContext)._Requirement_essential,
			func(o *model.Requirement) bool { return o.Essential }, (*executionContext).marshalNBoolean2bool, true))
	}
	for _, o := range []*model.PageInfo{page, {}, nil} {
		cases = append(cases, leaf("start cursor", "startCursor", o, (*executionContext).fieldContext_PageInfo_startCursor, (*executionContext)._PageInfo_startCursor,
			func(o *model.PageInfo) *string { return o.StartCursor }, (*executionContext).marshalOString2ᚖstring, false))
	}
	for _, o := range []*workforce.Programme{programme, {}, nil} {
		cases = append(cases, leaf("places left", "placesLeft", o, (*executionContext).fieldContext_Programme_placesLeft, (*executionContext)._Programme_placesLeft,
			func(o *workforce.Programme) *int { return o.PlacesLeft }, (*executionContext).marshalOInt2ᚖint, false))
	}
	q := `{ apiInfo { version } }`
	for i, tc := range cases {
		t.Run(fmt.Sprintf("%s/%d", tc.name, i), func(t *testing.T) {
			field := graphql.CollectedField{Field: &ast.Field{Alias: "a" + tc.field, Name: tc.field}}
			wantOut, wantErrs := resolveAt(t, q, nil, func(ctx context.Context, ec *executionContext) graphql.Marshaler {
				return tc.general(ctx, ec, field)
			})
			gotOut, gotErrs := resolveAt(t, q, nil, func(ctx context.Context, ec *executionContext) graphql.Marshaler {
				return tc.direct(ctx, ec, field)
			})
			if gotOut != wantOut || gotErrs != wantErrs {
				t.Errorf("read directly = %s, errors %s; ResolveField = %s, errors %s", gotOut, gotErrs, wantOut, wantErrs)
			}
		})
	}
}
