#!/usr/bin/env bash
# The console's browser suite (web/tests): seeds the demo area into the
# Neo4j at NEO4J_URI, then runs Playwright on Debian's Chromium, headless.
# Playwright starts the API twice (development sign-in on :8151, OpenID
# Connect on :8154), a real OpenID Connect provider (:8153) and partner
# pages on two other origins (:8152 allowed by CORS, :8155 not), waits for
# each to be ready, and stops them all when it ends. Screenshots are kept in
# web/test-results/screens, the HTML report in web/playwright-report.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${NEO4J_URI:?set NEO4J_URI to the Neo4j to seed and test against}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMIUM="${CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"

go build -o bin/onework .
data="${ONEWORK_DATA:-../shared/data}"
if [[ -d "$data/esco-v1.1.1" ]]; then
  bin/onework seed demo --data "$data" >/dev/null
elif [[ "${ONEWORK_REQUIRE_DATA:-}" == 1 ]]; then
  echo "browser tests: $data not found (ONEWORK_REQUIRE_DATA=1)" >&2
  exit 1
else
  echo "browser tests: $data not found; using the built-in fixture" >&2
  bin/onework seed fixture >/dev/null
fi
cd web
rm -rf test-results playwright-report
npx playwright test "$@"
