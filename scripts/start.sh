#!/usr/bin/env bash
# Builds Fixture Lens and opens the fixtures folder in a VS Code that has it installed: desktop `code` when there is one, else code-server on 127.0.0.1.
#
#   bash scripts/start.sh [folder]        (npm start)
#
# folder defaults to $FIXTURE_LENS_FOLDER, then fixtures/. Env: FIXTURE_LENS_PORT (default 8137; the next
# free port above it is taken when busy), FIXTURE_LENS_USE_CODE_SERVER=1 (code-server even when `code` exists),
# FIXTURE_LENS_NO_VSIX=1 (skip packaging; load the repository as a development extension).
# With code-server it stays in the foreground until Ctrl-C.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf 'fixture-lens: %s\n' "$*"; }
die() { printf 'fixture-lens: error: %s\n' "$*" >&2; exit 1; }

FOLDER="$(realpath -m "${1:-${FIXTURE_LENS_FOLDER:-$ROOT/fixtures}}")"
[[ -d "$FOLDER" ]] || die "folder to open does not exist: $FOLDER"
STATE="$ROOT/.vscode-test/start"
HOST_DIR="${FIXTURE_LENS_HOST_DIR:-$ROOT/.vscode-test/code-server}"
ENTRY="$HOST_DIR/node_modules/code-server/out/node/entry.js"
VSIX="$ROOT/dist/fixture-lens.vsix"
mkdir -p "$STATE"

# --- dependencies and build -------------------------------------------------------
if [[ -d node_modules ]]; then
  say "npm dependencies… already installed"
else
  say "installing npm dependencies (npm ci)…"
  npm ci --no-audit --no-fund
fi

say "building (node scripts/build.mjs)…"
node scripts/build.mjs || die "the build failed (see above)"

# --- package -------------------------------------------------------------------------
use_vsix=0
if [[ "${FIXTURE_LENS_NO_VSIX:-}" == 1 ]]; then
  say "packaging… skipped (FIXTURE_LENS_NO_VSIX=1): loading the repository as a development extension"
else
  say "packaging (npm run package → dist/fixture-lens.vsix)…"
  rm -f "$VSIX"
  # No stdin: a vsce question ("Do you want to continue?") is answered no instead of hanging.
  if npm run --silent package </dev/null >"$STATE/package.log" 2>&1 && [[ -f "$VSIX" ]]; then
    use_vsix=1
    say "packaging… done: $(du -h "$VSIX" | cut -f1) ${VSIX#"$ROOT/"}"
    grep -E 'WARNING' "$STATE/package.log" | sed 's/^/fixture-lens:   vsce: /' || true
  else
    say "packaging failed; falling back to the repository as a development extension. vsce/esbuild said:"
    grep -E 'ERROR|WARNING|Error|error' "$STATE/package.log" | head -n 20 | sed 's/^/fixture-lens:   /' || true
    say "(full log: ${STATE#"$ROOT/"}/package.log)"
    # The production build may have stopped half way: rebuild the development bundles.
    node scripts/build.mjs || die "the build failed (see above)"
  fi
fi

look_at() {
  say "what to look at: *.json files under fixtures/ open in the Fixture Transcript (try broken/tool-arguments-invalid.json);"
  say "  seed-planet.txt and seed-image.txt open as text with diagnostics and chunk hovers: the title-bar button"
  say "  \"Open as Fixture Transcript\" (or Ctrl+Shift+P → \"Fixture Lens\") shows their transcript."
  say "  Other recorders' cassettes are under cassettes/ (try cassettes/dialects/vcrpy/openai-agent-run.yaml, an agent run of 4 exchanges)."
}

# --- desktop VS Code -------------------------------------------------------------------
if command -v code >/dev/null 2>&1 && [[ "${FIXTURE_LENS_USE_CODE_SERVER:-}" != 1 ]]; then
  if ((use_vsix)); then
    say "installing ${VSIX#"$ROOT/"} into desktop VS Code…"
    code --install-extension "$VSIX" --force
    say "opening $FOLDER in VS Code…"
    code "$FOLDER"
  else
    say "opening $FOLDER in VS Code with the repository as a development extension…"
    code --extensionDevelopmentPath="$ROOT" "$FOLDER"
  fi
  look_at
  exit 0
fi

# --- code-server -------------------------------------------------------------------------
if [[ -f "$HOST_DIR/.markers/vscode-extensions" && -f "$ENTRY" ]]; then
  say "code-server test host… already installed"
else
  say "no desktop \`code\` on PATH: installing code-server (bash scripts/setup-test-host.sh)…"
  bash "$ROOT/scripts/setup-test-host.sh"
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT="${FIXTURE_LENS_PORT:-8137}"
for ((tries = 0; tries < 100; tries++)); do
  port_busy "$PORT" || break
  PORT=$((PORT + 1))
done
port_busy "$PORT" && die "no free port from ${FIXTURE_LENS_PORT:-8137} to $PORT"

# A fresh profile each start, kept after exit for its logs (.vscode-test/start/user/logs).
rm -rf "$STATE/user" "$STATE/extensions"
mkdir -p "$STATE/user/User" "$STATE/extensions"
printf 'auth: none\ncert: false\n' >"$STATE/config.yaml"
cat >"$STATE/user/User/settings.json" <<'JSON'
{
  "telemetry.telemetryLevel": "off",
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.tips.enabled": false,
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true
}
JSON
CS=(node "$ENTRY" --config "$STATE/config.yaml" --user-data-dir "$STATE/user" --extensions-dir "$STATE/extensions")
# Keep code-server from talking to an outer VS Code when started from its terminal.
while IFS= read -r var; do unset "$var"; done < <(env | grep -oE '^VSCODE_[A-Z_]+' || true)

how=""
if ((use_vsix)); then
  say "installing ${VSIX#"$ROOT/"} into code-server…"
  if "${CS[@]}" --force --install-extension "$VSIX" >"$STATE/install.log" 2>&1; then
    how="installed from ${VSIX#"$ROOT/"}"
  else
    say "installing the .vsix failed ($(tail -n 1 "$STATE/install.log")); falling back to a development link"
  fi
fi
if [[ -z "$how" ]]; then
  version="$(node -p "require('./package.json').version")"
  ln -sfn "$ROOT" "$STATE/extensions/fixture-lens.fixture-lens-$version"
  how="linked from the repository (development build in dist/)"
fi
say "extension: $how"

say "starting code-server on 127.0.0.1:$PORT…"
setsid "${CS[@]}" --auth none --bind-addr "127.0.0.1:$PORT" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --ignore-last-opened "$FOLDER" >"$STATE/code-server.log" 2>&1 &
CS_PID=$!
stop() {
  trap - INT TERM EXIT
  if kill -0 "$CS_PID" 2>/dev/null; then
    say "stopping code-server…"
    kill -TERM -- "-$CS_PID" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.3; done
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
  fi
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

for ((i = 0; i < 300; i++)); do
  kill -0 "$CS_PID" 2>/dev/null || { cat "$STATE/code-server.log" >&2; die "code-server exited"; }
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
  sleep 0.2
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" || die "code-server did not answer on port $PORT (log: ${STATE#"$ROOT/"}/code-server.log)"

URL="http://127.0.0.1:$PORT/?folder=$(node -p 'encodeURIComponent(process.argv[1])' "$FOLDER")"
say "ready: open $URL"
say "  (bound to 127.0.0.1 only; from another machine: ssh -L $PORT:127.0.0.1:$PORT <this host>, then the same URL)"
look_at
say "code-server log: ${STATE#"$ROOT/"}/code-server.log — Ctrl-C stops it"
wait "$CS_PID" || true
