"""`python -m dashboard [--host 127.0.0.1] [--port 8050] [--workers N] [--threads N] [--debug]`: serve the dashboard.

Serves through gunicorn (gthread workers; --workers defaults to DASHBOARD_WORKERS or the CPU count
plus one, --threads to DASHBOARD_THREADS); Flask's development server (reloader, Dash dev tools)
only with --debug. Each worker makes its own app: db.py opens DuckDB lazily, per thread, so nothing
is opened before the workers fork.

Several workers share logins only through one session key: with DASHBOARD_SECRET_KEY unset and
a users file configured, the server makes the key file beside the users file (mode 0600, see
dashboard/auth.py) before the workers start, and says so.

`python -m dashboard add-user NAME [--users-file F] [--display-name X] [--password-stdin]`: add a
user who may upload monitoring workbooks, or set a new password (see dashboard/auth.py).
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
    parser.add_argument("--workers", type=int, default=None,
                        help="gunicorn worker processes (default: DASHBOARD_WORKERS, else CPUs + 1)")
    parser.add_argument("--threads", type=int, default=None,
                        help="threads per worker (default: DASHBOARD_THREADS, 4)")
    parser.add_argument("--debug", action="store_true",
                        help="Flask's development server with Dash's reloader and dev tools (one process)")
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
    from dashboard import serving

    # Our own messages (logins, loads, a missing secret key) on stderr; gunicorn logs requests as before.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("dashboard").addHandler(handler)
    logging.getLogger("dashboard").setLevel(logging.INFO)
    try:
        for check in (serving.max_content_length, serving.frame_ancestors, serving.trusted_proxies):
            check()  # a bad setting stops the master here, not every worker after the fork
        workers = args.workers if args.workers is not None else serving.default_workers()
        threads = args.threads if args.threads is not None else serving.default_threads()
    except serving.SettingError as exc:
        print(f"Kan niet starten: {exc}.", file=sys.stderr)
        return 2
    if workers < 1 or threads < 1:
        print("Kan niet starten: --workers en --threads moeten minstens 1 zijn.", file=sys.stderr)
        return 2
    path = db.warehouse_path()
    if not path.is_file():
        print(f"Let op: geen warehouse op {path}. Bouw het met `{db.BUILD_COMMAND}`; "
              "de pagina's zeggen dat tot dan ook.", file=sys.stderr)
    if args.debug:
        from dashboard.app import create_app

        # No version check against plotly.com in debug mode: the app must work offline.
        create_app().run(host=args.host, port=args.port, debug=True, dev_tools_disable_version_check=True)
        return 0
    if workers > 1 and not _shared_session_key():
        return 2
    serving.run_gunicorn(serving.gunicorn_options(args.host, args.port, workers, threads))
    return 0


def _shared_session_key() -> bool:
    """Several workers must sign sessions with one key. DASHBOARD_SECRET_KEY set: that one. Else,
    with a users file, the key file beside it (made now, mode 0600). Without a users file nobody
    logs in, so a key per worker is harmless. False (after a message) when the key file cannot be made."""
    from dashboard import auth
    from etl.config import get

    if get(auth.SECRET_SETTING) or auth.users_file() is None:
        return True
    key_path = auth.key_file()
    try:
        made = auth.ensure_key_file(key_path)
        auth.read_key_file(key_path)
    except (OSError, auth.UsersFileError) as exc:
        print(f"Kan niet starten: meerdere workers hebben één sessiesleutel nodig en {key_path} kon niet "
              f"gemaakt of gelezen worden ({exc}). Zet {auth.SECRET_SETTING} of start met --workers 1.",
              file=sys.stderr)
        return False
    print(f"{auth.SECRET_SETTING} is niet gezet: de workers delen de sessiesleutel in {key_path}"
          f"{' (nu gemaakt, modus 0600)' if made else ''}.", file=sys.stderr)
    return True


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
