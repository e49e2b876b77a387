"""`python -m dashboard [--host 127.0.0.1] [--port 8050] [--debug]`: serve the dashboard.

`python -m dashboard add-user NAME [--users-file F] [--display-name X] [--password-stdin]`: add a
user who may upload monitoring workbooks, or set a new password (see dashboard/auth.py).

Behind gunicorn: `gunicorn "dashboard.app:create_app()"` (the app is WSGI-callable; db.py opens
DuckDB lazily, per thread, so nothing is opened before the workers fork).
"""
from __future__ import annotations

import argparse
import getpass
import logging
import sys
from pathlib import Path

from dashboard import db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8050, help="port (default 8050)")
    parser.add_argument("--debug", action="store_true", help="Dash debug mode: reloader and dev tools")
    commands = parser.add_subparsers(dest="command", metavar="add-user")
    add = commands.add_parser("add-user", help="add a user who may upload, or set a new password",
                              description="Add a dashboard user or set a new password; only a hash is stored.")
    add.add_argument("name", help="user name: a-z, 0-9, '.', '@', '-', '_'")
    add.add_argument("--users-file", type=Path, default=None,
                     help="the users file (default: the DASHBOARD_USERS_FILE setting)")
    add.add_argument("--display-name", default=None, help="name shown in the dashboard (optional)")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input (scripts, tests)")
    args = parser.parse_args(argv)
    if args.command == "add-user":
        return add_user(args)
    return serve(args)


def serve(args) -> int:
    from dashboard.app import create_app

    # Our own messages (logins, loads, a missing secret key) on stderr; Dash and werkzeug log as before.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("dashboard").addHandler(handler)
    logging.getLogger("dashboard").setLevel(logging.INFO)
    path = db.warehouse_path()
    if not path.is_file():
        print(f"Let op: geen warehouse op {path}. Bouw het met `{db.BUILD_COMMAND}`; "
              "de pagina's zeggen dat tot dan ook.", file=sys.stderr)
    app = create_app()
    # No version check against plotly.com in debug mode: the app must work offline.
    app.run(host=args.host, port=args.port, debug=args.debug, dev_tools_disable_version_check=True)
    return 0


def _read_password(from_stdin: bool) -> str | None:
    if from_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    first = getpass.getpass("Wachtwoord: ")
    if getpass.getpass("Nog eens: ") != first:
        print("De twee wachtwoorden verschillen; er is niets veranderd.", file=sys.stderr)
        return None
    return first


def add_user(args) -> int:
    from dashboard import auth

    path = args.users_file.expanduser() if args.users_file else auth.users_file()
    if path is None:
        print(f"Geef --users-file of zet {auth.USERS_SETTING}.", file=sys.stderr)
        return 2
    password = _read_password(args.password_stdin)
    if password is None:
        return 1
    try:
        new = auth.set_user(path, args.name, password, args.display_name)
    except auth.UsersFileError as exc:
        print(f"Mislukt: {exc}; er is niets veranderd.", file=sys.stderr)
        return 1
    name = auth.normalise_name(args.name)
    print(f"{'Toegevoegd' if new else 'Nieuw wachtwoord voor'}: {name} in {path}")
    configured = auth.users_file()
    if configured is None or configured.resolve() != path.resolve():
        print(f"Start de server met {auth.USERS_SETTING}={path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
