#!/usr/bin/env bash
# Rebuilds httpapi/graphiql/: the GraphiQL page's assets, taken from the
# prebuilt distributions of pinned npm packages and gzipped, so that the
# binary embeds them and GraphiQL works without any CDN. The output is
# committed; run this only to change versions (it needs npm and a registry).
set -euo pipefail
cd "$(dirname "$0")/.."

GRAPHIQL=3.8.3
REACT=18.3.1
out=httpapi/graphiql
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "graphiql@$GRAPHIQL" "react@$REACT" "react-dom@$REACT" >/dev/null)
for pkg in "graphiql-$GRAPHIQL" "react-$REACT" "react-dom-$REACT"; do
  mkdir -p "$tmp/$pkg" && tar xzf "$tmp/$pkg.tgz" -C "$tmp/$pkg"
done
copy() { gzip -9 -n -c "$1" >"$out/$2.gz"; }
copy "$tmp/graphiql-$GRAPHIQL/package/graphiql.min.js" graphiql.min.js
copy "$tmp/graphiql-$GRAPHIQL/package/graphiql.min.css" graphiql.min.css
copy "$tmp/react-$REACT/package/umd/react.production.min.js" react.production.min.js
copy "$tmp/react-dom-$REACT/package/umd/react-dom.production.min.js" react-dom.production.min.js
{
  echo "GraphiQL $GRAPHIQL (npm graphiql), React $REACT and ReactDOM $REACT (npm react, react-dom), MIT licence:"
  echo
  cat "$tmp/graphiql-$GRAPHIQL/package/LICENSE"
  echo
  cat "$tmp/react-$REACT/package/LICENSE"
} >"$out/LICENSES.txt"
echo "graphiql: wrote $(ls "$out" | wc -l) files to $out (GraphiQL $GRAPHIQL, React $REACT)" >&2
