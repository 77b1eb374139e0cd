#!/usr/bin/env bash
# Builds the console and the partner widget (web/) into console/dist, which
# the Go binary embeds, when anything they are built from is newer than the
# last build: web sources, the lockfile, or the GraphQL schema (the typed
# operations are generated from it, so a schema change that breaks the
# console fails here). npm ci runs when the lockfile changed.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=console/dist/app/index.html
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [[ ! -f web/node_modules/.package-lock.json || web/package-lock.json -nt web/node_modules/.package-lock.json ]]; then
  echo "console: npm ci" >&2
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
if [[ -f $stamp && -f console/dist/widget/onework.js ]] &&
  [[ -z $(find web/src web/widget web/index.html web/package.json web/package-lock.json web/vite.config.ts web/vite.widget.config.ts web/codegen.ts web/tsconfig.json schema \
    -newer "$stamp" -type f -not -path 'web/src/gql/*' -not -path 'web/widget/gql/*' -print -quit) ]]; then
  exit 0
fi
echo "console: building web/ into console/dist" >&2
if ! out=$(cd web && npm run --silent build 2>&1); then
  echo "$out" >&2
  echo "console: the build failed (above)" >&2
  exit 1
fi
touch "$stamp"
