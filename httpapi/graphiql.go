package httpapi

import (
	"bytes"
	"compress/gzip"
	"embed"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
)

// graphiqlFiles are the GraphiQL page and its assets: React, ReactDOM and
// GraphiQL from their npm packages' prebuilt distributions, gzipped
// (scripts/graphiql.sh makes them), so that the page works with no CDN.
//
//go:embed graphiql
var graphiqlFiles embed.FS

// graphiql serves the GraphiQL page at / and its assets under /graphiql/.
// Gzipped assets go out as they are to clients that accept gzip, and
// inflated for the others.
func graphiql() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Base(r.URL.Path)
		if r.URL.Path == "/" {
			name = "index.html"
		}
		data, err := graphiqlFiles.ReadFile("graphiql/" + name)
		gzipped := false
		if err != nil {
			data, err = graphiqlFiles.ReadFile("graphiql/" + name + ".gz")
			gzipped = true
		}
		if err != nil || strings.HasPrefix(name, ".") {
			http.NotFound(w, r)
			return
		}
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Add("Vary", "Accept-Encoding")
		if gzipped {
			if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				w.Header().Set("Content-Encoding", "gzip")
				_, _ = w.Write(data)
				return
			}
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				http.Error(w, "corrupt asset", http.StatusInternalServerError)
				return
			}
			_, _ = io.Copy(w, zr)
			return
		}
		_, _ = w.Write(data)
	})
}
