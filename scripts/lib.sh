# Shared by scripts/test.sh and scripts/bench.sh: how they speak, and installing npm dependencies when missing.
say() { echo "fixture-lens: $*"; }

ensure_npm_dependencies() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm dependencies (npm ci)"
    npm ci --no-audit --no-fund || return 1
  else
    say "npm dependencies already installed"
  fi
}
