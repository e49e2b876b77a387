"""`python -m dashboard [--host 127.0.0.1] [--port 8050] [--debug]`: serve the dashboard.

Behind gunicorn: `gunicorn "dashboard.app:create_app()"` (the app is WSGI-callable; db.py opens
DuckDB lazily, per thread, so nothing is opened before the workers fork).
"""
from __future__ import annotations

import argparse
import sys

from dashboard import db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8050, help="port (default 8050)")
    parser.add_argument("--debug", action="store_true", help="Dash debug mode: reloader and dev tools")
    args = parser.parse_args(argv)

    from dashboard.app import create_app

    path = db.warehouse_path()
    if not path.is_file():
        print(f"Let op: geen warehouse op {path}. Bouw het met `{db.BUILD_COMMAND}`; "
              "de pagina's zeggen dat tot dan ook.", file=sys.stderr)
    app = create_app()
    # No version check against plotly.com in debug mode: the app must work offline.
    app.run(host=args.host, port=args.port, debug=args.debug, dev_tools_disable_version_check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
