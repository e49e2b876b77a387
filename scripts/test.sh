#!/usr/bin/env bash
# Set up (including Debian's Chromium for the browser tests) and run the whole test suite.
# Offline: sources come from SOURCE_MIRROR (default ../shared/mirror when it exists).
# Extra arguments go to pytest: `bash scripts/test.sh -m unit` is the fast tier (README).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
if [ -z "${SOURCE_MIRROR:-}" ] && [ -d ../shared/mirror ]; then
  export SOURCE_MIRROR=$(cd ../shared/mirror && pwd)
fi
exec .venv/bin/python -m pytest "$@"
