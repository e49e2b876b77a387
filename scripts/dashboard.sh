#!/usr/bin/env bash
# Set up, build the warehouse when it is missing, and serve the dashboard on 127.0.0.1:8050
# (gunicorn, see README "The dashboard"). Extra arguments go to `python -m dashboard`
# (e.g. --port 8060 --workers 2; --debug for Flask's development server).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
warehouse=${WAREHOUSE_PATH:-data/warehouse.duckdb}
if [ ! -f "$warehouse" ]; then
  .venv/bin/python -m etl build
fi
exec .venv/bin/python -m dashboard "$@"
