package graph

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// TestWriteResponseAsJSONMarshal checks that writeResponse writes the bytes
// gqlgen's transport writes (json.Marshal of the response).
func TestWriteResponseAsJSONMarshal(t *testing.T) {
	yes := true
	for _, tc := range []struct {
		name string
		resp *graphql.Response
	}{
		{"plain", &graphql.Response{Data: json.RawMessage(`{"a":{"b":[1,2.5,"x",true,null]}}`)}},
		{"html", &graphql.Response{Data: json.RawMessage(`{"t":"<b>Tom & Jerry</b> > 3","u":"\u003c"}`)}},
		{"line separators", &graphql.Response{Data: json.RawMessage("{\"t\":\"a\u2028b\u2029c\u2027d\u202ae\"}")}},
		{"other unicode", &graphql.Response{Data: json.RawMessage(`{"t":"Ynys Môn – café 👍 \"q\" \\ \n"}`)}},
		{"ends in escapes", &graphql.Response{Data: json.RawMessage("{\"t\":\"&\u2029\"}")}},
		{"null data", &graphql.Response{Data: json.RawMessage(`null`)}},
		{"no data", &graphql.Response{}},
		{"errors", &graphql.Response{Errors: gqlerror.List{{Message: "<no>"}}, Data: json.RawMessage(`{"a":"<"}`)}},
		{"extensions", &graphql.Response{Data: json.RawMessage(`{"a":1}`), Extensions: map[string]any{"k": "v"}}},
		{"incremental", &graphql.Response{Data: json.RawMessage(`{"a":1}`), HasNext: &yes, Label: "l"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := json.Marshal(tc.resp)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			writeResponse(&got, tc.resp)
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("writeResponse = %s, want %s", got.Bytes(), want)
			}
		})
	}
}
