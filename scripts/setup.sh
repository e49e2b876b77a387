#!/usr/bin/env bash
# Create .venv and install the project with the exact versions of requirements.lock.
# Idempotent: a second run only checks. Usage: bash scripts/setup.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.lock
  .venv/bin/python -m pip install --quiet --no-deps -e .
  rm -f .venv/.installed-*
  touch "$stamp"
fi
# The partial plotly.js bundle of the dashboard (frontend/README.md), built with npm when present.
if ! bash frontend/build.sh; then
  echo "setup: WARNING: the partial plotly.js bundle was not built (see above); the dashboard" \
       "falls back to Dash's full plotly.min.js (works, first page load ~0.6 MB larger gzipped)" >&2
fi
if [ "${1:-}" = "--test" ]; then
  # Browser tests drive Debian's Chromium (its driver always matches it). The several-machines test
  # (tests/test_deploy_nginx.py, docs/deploy.md) runs Debian's nginx and redis-server itself, on free
  # ports with its own config: they are installed here, never started as system services.
  missing=()
  { command -v chromium && command -v chromedriver; } >/dev/null 2>&1 || missing+=(chromium chromium-driver)
  { command -v nginx || [ -x /usr/sbin/nginx ]; } >/dev/null 2>&1 || missing+=(nginx)
  { command -v redis-server || [ -x /usr/bin/redis-server ]; } >/dev/null 2>&1 || missing+=(redis-server)
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      # Debian's way to keep a package's service from starting on install (exit 101: not allowed).
      printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
      $SUDO chmod 755 /usr/sbin/policy-rc.d
      trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
