#!/usr/bin/env bash
# npm test: installs what is missing, then lint, format, type-check, and every test suite:
#   unit (pure logic), workflow (Temporal time-skipping server), end-to-end (Temporal dev server,
#   PostgreSQL, the worker and the API over real HTTP) and browser (the built web app in Debian's Chromium
#   against the same real stack). Every suite runs even if one fails; the last line totals them
#   ("tests: N passed, N failed").
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
bash scripts/ensure-chromium.sh || exit 1

status=0
step() { # $1 name, rest: command
  local name=$1; shift
  echo "── $name"
  if ! "$@"; then echo "✗ $name failed"; status=1; fi
}

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

step "format (prettier)" npx prettier --check --log-level warn .
step "lint (eslint)" npx eslint . --max-warnings=0
step "type-check (tsc)" npx tsc -p tsconfig.json --noEmit
step "type-check web (tsc)" npx tsc -p apps/web/tsconfig.json --noEmit
step "build" npm run --silent build
for suite in unit workflow e2e faults browser; do
  step "$suite tests" npx jest -c "jest.$suite.config.js" --ci --json --outputFile="$results/$suite.json"
done

node -e '
  const fs = require("fs"), path = require("path");
  let passed = 0, failed = 0, skipped = 0, suites = 0;
  for (const f of fs.readdirSync(process.argv[1])) {
    const r = JSON.parse(fs.readFileSync(path.join(process.argv[1], f), "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
    skipped += r.numPendingTests + r.numTodoTests; suites++;
  }
  if (suites < 5) failed += 5 - suites; // a suite that wrote no report did not run
  console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
' "$results"
exit $status
