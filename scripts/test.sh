#!/usr/bin/env bash
# The test command of the README (and of CI): installs what is missing, builds, type-checks, then
# runs the unit tests, the extension tests inside a real VS Code and the UI tests in Chromium.
# Ends with one line "N passed, N failed" adding up every suite.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_npm_dependencies || exit 1
bash scripts/setup-test-host.sh || { say "could not set up the VS Code test host"; exit 1; }

say "building"
node scripts/build.mjs || exit 1
say "type-checking every layer"
npm run --silent typecheck || exit 1
say "linting (eslint)"
npm run --silent lint || exit 1

mkdir -p test-output
passed=0; failed=0; skipped=0; status=0
run_suite() { # name, command...
  local name=$1; shift
  say "running $name"
  "$@" 2>&1 | tee "test-output/$name.log"
  local rc=${PIPESTATUS[0]}
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "test-output/$name.log" | tail -n 1)
  if [ -z "$line" ]; then
    say "$name printed no result line (exit $rc)"; failed=$((failed + 1)); status=1; return
  fi
  local p f s
  p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
  f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
  s=$(echo "$line" | sed -nE 's/.*, ([0-9]+) skipped.*/\1/p')
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + ${s:-0}))
  if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then status=1; fi
}

run_suite unit node scripts/mocha.mjs dist/test/unit
run_suite extension node dist/test/host/runExtensionTests.js
run_suite ui node scripts/mocha.mjs dist/test/ui

echo "fixture-lens: screenshots of the UI tests are in test-output/screenshots/"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
