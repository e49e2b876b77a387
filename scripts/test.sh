#!/usr/bin/env bash
# Set up (including Debian's Chromium for the browser tests) and run the whole test suite.
# Offline: sources come from SOURCE_MIRROR (default ../shared/mirror when it exists).
# Extra arguments go to pytest: `bash scripts/test.sh -m unit` is the fast tier (README).
# Two worker processes (pytest-xdist; CI has two cores), each test file whole on one of them
# (--dist loadfile: a module's fixtures are set up once). `-n 0` or `-p no:xdist` runs one process.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
if [ -z "${SOURCE_MIRROR:-}" ] && [ -d ../shared/mirror ]; then
  export SOURCE_MIRROR=$(cd ../shared/mirror && pwd)
fi
parallel=(-n 2 --dist loadfile)
for arg in "$@"; do
  case "$arg" in
    -n|-n[0-9a]*|--numprocesses|--numprocesses=*|no:xdist|-pno:xdist) parallel=() ;;
  esac
done
exec .venv/bin/python -m pytest "${parallel[@]}" "$@"
