#!/usr/bin/env bash
# Build the dashboard's partial plotly.js bundle, frontend/dist/plotly-dashboard.min.js, from the
# npm registry with the exact versions of package-lock.json. Called by scripts/setup.sh.
# Idempotent: rebuilds only when package*.json, build.mjs or src/ change (or dist/ is missing).
# Exits non-zero when node/npm are missing or a step fails; the dashboard then serves Dash's full
# plotly.min.js (dashboard/plotly_bundle.py), so the caller only reports it.
set -euo pipefail
cd "$(dirname "$0")"
OUT=dist/plotly-dashboard.min.js

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "frontend: $tool not found" >&2
    exit 1
  fi
done

# One build at a time: several test runs may call setup in the same working tree.
exec 9>.build.lock
if command -v flock >/dev/null 2>&1; then flock 9; fi

inputs=$(cat package.json package-lock.json build.mjs src/*.js | sha256sum | cut -c1-16)
if [ -f "$OUT" ] && [ -f "dist/.built-$inputs" ]; then
  exit 0
fi
lock=$(sha256sum package-lock.json | cut -c1-16)
if [ ! -f "node_modules/.installed-$lock" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch "node_modules/.installed-$lock"
fi
node build.mjs
rm -f dist/.built-*
touch "dist/.built-$inputs"
