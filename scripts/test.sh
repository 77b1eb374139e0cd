#!/usr/bin/env bash
# Runs every test against a throwaway local Neo4j on its own port and data
# directory, so a development database is never touched; stops it on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

export NEO4J_BOLT="${NEO4J_TEST_BOLT:-127.0.0.1:7688}"
export NEO4J_HOME_DIR="${NEO4J_TEST_HOME:-$PWD/.neo4j-test}"
export NEO4J_URI="bolt://$NEO4J_BOLT"
export ONEWORK_REQUIRE_NEO4J=1
export ONEWORK_REQUIRE_DATA="${ONEWORK_REQUIRE_DATA:-1}"

tools/neo4j/neo4j.sh stop >/dev/null 2>&1 || true
rm -rf "$NEO4J_HOME_DIR"
tools/neo4j/neo4j.sh start
trap 'tools/neo4j/neo4j.sh stop; rm -rf "$NEO4J_HOME_DIR"' EXIT

go vet ./...
# Packages run one at a time: they share one Neo4j, and some (imports,
# seeds) read the reference data that others are still loading.
go test -p 1 -count=1 -timeout 30m "$@" ./...
# The console and the partner widget in a real browser, against the same Neo4j.
scripts/browser-test.sh
