#!/usr/bin/env bash
# `npm run bench`: installs what is missing (npm dependencies; code-server and Chromium for the editor figures,
# as the tests do), builds, then runs bench/bench.ts with the arguments given (see bench/README.md).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_npm_dependencies || exit 1
bash scripts/setup-test-host.sh || { say "could not set up the VS Code test host (needed for the editor figures)"; exit 1; }
say "building (the benchmark bundles, then the extension and webview as they ship: minified)"
node scripts/build.mjs || exit 1
node scripts/build.mjs --production || exit 1
exec node dist/bench/bench.js "$@"
