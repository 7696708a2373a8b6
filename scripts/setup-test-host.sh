#!/usr/bin/env bash
# Installs the offline VS Code test host (code-server + Debian Chromium) into .vscode-test/code-server; idempotent.
#
# Follows shared/docs/VSCODE-TEST-HOST.md step by step. Each step leaves a marker file in
# .vscode-test/code-server/.markers and is skipped on later runs while its marker and its
# product are both there, so running this twice costs a few milliseconds the second time.
# Works unattended (CI=true, no stdin). Needs root (or sudo) only when an apt package is missing.
set -euo pipefail

CODE_SERVER_VERSION="4.100.3"
APT_PACKAGES=(chromium libkrb5-dev ripgrep)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST_DIR="${FIXTURE_LENS_HOST_DIR:-$ROOT/.vscode-test/code-server}"
MARKERS="$HOST_DIR/.markers"
VSCODE_DIR="$HOST_DIR/node_modules/code-server/lib/vscode"

export DEBIAN_FRONTEND=noninteractive
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
exec </dev/null

say() { printf 'fixture-lens: %s\n' "$*"; }
die() { printf 'fixture-lens: error: %s\n' "$*" >&2; exit 1; }

# A marker counts only when it names the version being installed, so bumping CODE_SERVER_VERSION redoes every step.
done_step() { [[ -f "$MARKERS/$1" && "$(cat "$MARKERS/$1")" == "$CODE_SERVER_VERSION" ]]; }
mark_step() { mkdir -p "$MARKERS"; printf '%s\n' "$CODE_SERVER_VERSION" >"$MARKERS/$1"; }

# Runs "$@" as step $1 unless already done and its product ($2, a path) exists. Each step builds on the
# ones before it, so once one step has run, every later step runs again too.
REDO_REST=0
step() {
  local name="$1" product="$2" label="$3"; shift 3
  if ((REDO_REST == 0)) && done_step "$name" && [[ -e "$product" ]]; then
    say "$label… already done"
    return
  fi
  say "$label…"
  local started=$SECONDS
  REDO_REST=1
  "$@"
  mark_step "$name"
  say "$label… done ($((SECONDS - started))s)"
}

mkdir -p "$HOST_DIR"
# Two runs at once (e.g. start.sh and a test runner) would corrupt each other's npm trees.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$HOST_DIR/.lock"
  flock 9 || die "could not lock $HOST_DIR/.lock"
fi

# --- 1. System packages -------------------------------------------------------
apt_installed() { [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]; }
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if apt_installed "$pkg"; then
    say "installing $pkg (apt)… already present"
  else
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get here: install them by hand"
  SUDO=""
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "missing ${missing[*]}: run as root or install them by hand"
    SUDO="sudo -n"
  fi
  say "updating apt package lists (once, for: ${missing[*]})…"
  $SUDO apt-get update -qq
  for pkg in "${missing[@]}"; do
    say "installing $pkg (apt)…"
    $SUDO apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null
    apt_installed "$pkg" || die "apt-get did not install $pkg"
    say "installing $pkg (apt)… done"
  done
fi
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is missing although the chromium package is installed"
command -v rg >/dev/null 2>&1 || die "rg (ripgrep) is not on PATH"
RG="$(command -v rg)"

# --- 2. code-server from the npm registry -------------------------------------
install_code_server() {
  # Its own package.json keeps npm from walking up and installing into the project's node_modules.
  if [[ ! -f "$HOST_DIR/package.json" ]]; then
    printf '{\n  "name": "fixture-lens-test-host",\n  "private": true,\n  "description": "code-server for the Fixture Lens tests; made by scripts/setup-test-host.sh"\n}\n' >"$HOST_DIR/package.json"
  fi
  (cd "$HOST_DIR" && npm install --ignore-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION")
}
step code-server "$HOST_DIR/node_modules/code-server/out/node/entry.js" \
  "installing code-server@$CODE_SERVER_VERSION (npm, --ignore-scripts)" install_code_server

step argon2 "$HOST_DIR/node_modules/argon2" "rebuilding argon2 for code-server" \
  bash -c 'cd "$1" && npm rebuild argon2 --loglevel=error' _ "$HOST_DIR"

# --- 3. VS Code inside code-server ---------------------------------------------
step vscode-deps "$VSCODE_DIR/node_modules" "installing VS Code's own dependencies (npm, --omit=dev)" \
  bash -c 'cd "$1" && npm install --omit=dev --ignore-scripts --loglevel=error' _ "$VSCODE_DIR"

step vscode-native "$VSCODE_DIR/node_modules/node-pty" \
  "rebuilding VS Code's native modules (kerberos node-pty spdlog watcher native-watchdog deviceid)" \
  bash -c 'cd "$1" && npm rebuild kerberos node-pty @vscode/spdlog @parcel/watcher native-watchdog @vscode/deviceid --loglevel=error' _ "$VSCODE_DIR"

link_ripgrep_and_asar() {
  mkdir -p "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin"
  ln -sf "$RG" "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg"
  ln -sfn node_modules "$VSCODE_DIR/node_modules.asar"
}
step vscode-links "$VSCODE_DIR/node_modules.asar" "linking Debian's ripgrep and node_modules.asar into VS Code" \
  link_ripgrep_and_asar

step vscode-extensions "$VSCODE_DIR/extensions/node_modules" "installing VS Code's built-in extensions' dependencies (npm, --omit=dev)" \
  bash -c 'cd "$1/extensions" && npm install --omit=dev --loglevel=error' _ "$VSCODE_DIR"

# --- 4. Check ------------------------------------------------------------------
# An explicit --config keeps code-server from writing a default one (with a password) into ~/.config.
[[ -f "$HOST_DIR/config.yaml" ]] || printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' >"$HOST_DIR/config.yaml"
version="$(node "$HOST_DIR/node_modules/code-server/out/node/entry.js" --config "$HOST_DIR/config.yaml" --version 2>/dev/null | grep -Eo '^[0-9]+\.[0-9]+\.[0-9]+.*' | head -n1 || true)"
[[ "$version" == "$CODE_SERVER_VERSION"* ]] || die "code-server does not start (--version said: '${version:-nothing}'); delete $HOST_DIR and run again"
say "test host ready: code-server $version in ${HOST_DIR#"$ROOT/"}, chromium at /usr/bin/chromium"
