#!/usr/bin/env bash
# Runs OneWork locally: a local Neo4j (stopped again on exit if this script
# started it), demo data (the Gloucestershire demo area when ../shared/data
# is present, a small built-in fixture otherwise), and the API with GraphiQL.
set -euo pipefail
cd "$(dirname "$0")/.."

export NEO4J_URI="${NEO4J_URI:-bolt://127.0.0.1:7687}"
# Loopback only unless ONEWORK_ADDR says otherwise; the development secret
# below is refused by the server when it listens beyond loopback.
export ONEWORK_ADDR="${ONEWORK_ADDR:-127.0.0.1:8080}"
export ONEWORK_DEV="${ONEWORK_DEV:-true}"
export ONEWORK_AUDIT_KEY="${ONEWORK_AUDIT_KEY:-local-development-audit-key}"
# Development tokens (onework token ...) unless real keys are configured.
if [[ -z "${ONEWORK_JWKS_URLS:-}${ONEWORK_JWT_PUBLIC_KEYS:-}" ]]; then
  export ONEWORK_JWT_DEV_SECRET="${ONEWORK_JWT_DEV_SECRET:-local-development-secret-change-me-0123}"
fi

started=0
if [[ "$NEO4J_URI" == "bolt://127.0.0.1:7687" ]] && ! tools/neo4j/neo4j.sh status >/dev/null 2>&1; then
  tools/neo4j/neo4j.sh start
  started=1
fi
cleanup() { if ((started)); then tools/neo4j/neo4j.sh stop; fi; }
trap cleanup EXIT

go build -o bin/onework .
data="${ONEWORK_DATA:-../shared/data}"
if [[ -d "$data/esco-v1.1.1" ]]; then
  echo "run: loading the demo area from $data on today's clock (a few minutes the first time; later runs the same day change nothing)" >&2
  bin/onework seed demo --data "$data"
else
  echo "run: $data not found; loading the built-in fixture" >&2
  bin/onework seed fixture
fi
echo "run: serving; GraphiQL at http://${ONEWORK_ADDR}/, the console at http://${ONEWORK_ADDR}/console; Ctrl-C stops the API and the Neo4j it started" >&2
bin/onework serve
