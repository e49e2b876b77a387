"""Serving the dashboard to the public: the hardening every response gets (`install`, called by
create_app) and the production server (`run_gunicorn`, called by `python -m dashboard`).

Hardening, in request order:
- behind DASHBOARD_TRUSTED_PROXIES reverse proxies, the client's address and scheme come from their
  X-Forwarded-For / X-Forwarded-Proto (werkzeug's ProxyFix), so the login throttle counts clients,
  not the proxy;
- a body larger than DASHBOARD_MAX_CONTENT_LENGTH is refused with 413 before a byte of it is read
  (and the connection closed); no request body is ever written to the log;
- a callback request Dash cannot run (unknown output, missing or mistyped fields) is answered
  400, not 500; a callback that fails on what it was sent gives "no update" and a notice in the page
  (`callback_failed`, Dash's on_error). The log names the callback and the error type, never the
  values sent;
- every response carries a Content-Security-Policy, X-Content-Type-Options, Referrer-Policy and
  frame-ancestors (DASHBOARD_FRAME_ANCESTORS; none by default).

Content-Security-Policy: scripts only from this site, plus Dash's inline scripts (the renderer's
start and the clientside callbacks) allowed by their sha256 (Dash's `csp_hashes()`, from the scripts
Dash itself writes into the index, not from the page sent, so an inline script that got into a page
any other way does not run; a test checks every inline script of the rendered index is covered); no
'unsafe-inline' and no 'unsafe-eval' for scripts. Styles need 'unsafe-inline': plotly.js adds <style> elements for its
mode bar and hover labels, and MapLibre (the choropleth map) sets style attributes. MapLibre runs its
tile workers from blob: URLs (worker-src blob:), and plotly's PNG export draws through data:/blob:
images.
"""
from __future__ import annotations

import contextlib
import logging
import os
import re
import traceback
from urllib.parse import parse_qsl, urlsplit

import flask
from werkzeug.exceptions import HTTPException, InternalServerError, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

log = logging.getLogger(__name__)

MAX_CONTENT_SETTING = "DASHBOARD_MAX_CONTENT_LENGTH"
FRAME_SETTING = "DASHBOARD_FRAME_ANCESTORS"
PROXIES_SETTING = "DASHBOARD_TRUSTED_PROXIES"
WORKERS_SETTING = "DASHBOARD_WORKERS"
THREADS_SETTING = "DASHBOARD_THREADS"
CALLBACK_ENDPOINT = "_dash-update-component"
NOTICE_ID = "app-callback-notice"   # the shell's notice for a callback that failed
REFERRER_POLICY = "same-origin"     # a shared view's query (a municipality) stays on this site
WORKER_TIMEOUT_SECONDS = 120        # a workbook check or load may take this long on a busy machine
GRACEFUL_TIMEOUT_SECONDS = 20
KEEPALIVE_SECONDS = 75             # idle keep-alive connections (gthread keeps them in its poller, not a thread)
WATCH_SECONDS = 2               # how often an idle worker looks for a new warehouse build

# An origin a frame may come from: 'self', or scheme://host[:port] (host may start with *.).
FRAME_SOURCE = re.compile(r"^(?:'self'|https?://(?:\*\.)?[A-Za-z0-9.-]+(?::\d{1,5})?)$")


class SettingError(ValueError):
    """A serving setting with a value the server cannot use (the message names it and says why)."""


# ====================================================================== settings

def _int_setting(name: str, minimum: int) -> int:
    from etl.config import get

    raw = get(name).strip()
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(f"{name}={raw!r}: een geheel getal verwacht") from None
    if value < minimum:
        raise SettingError(f"{name}={value}: minstens {minimum}")
    return value


def max_content_length() -> int:
    return _int_setting(MAX_CONTENT_SETTING, 1)


def trusted_proxies() -> int:
    return _int_setting(PROXIES_SETTING, 0)


def frame_ancestors() -> str:
    """The CSP frame-ancestors sources from DASHBOARD_FRAME_ANCESTORS; 'none' when unset."""
    from etl.config import get

    sources = get(FRAME_SETTING).split()
    bad = [s for s in sources if not FRAME_SOURCE.match(s)]
    if bad:
        raise SettingError(f"{FRAME_SETTING}: {' '.join(bad)!r} is geen origin (zoals https://www.example.org of 'self')")
    return " ".join(sources) or "'none'"


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def default_workers() -> int:
    """DASHBOARD_WORKERS, or one worker per CPU plus one (one can wait on DuckDB while others serve)."""
    from etl.config import get

    return _int_setting(WORKERS_SETTING, 1) if get(WORKERS_SETTING).strip() else cpu_count() + 1


def default_threads() -> int:
    return _int_setting(THREADS_SETTING, 1)


# ====================================================================== hardening

def content_security_policy(script_hashes: list[str], ancestors: str) -> str:
    directives = [
        ("default-src", "'self'"),
        ("script-src", " ".join(["'self'", *script_hashes])),
        ("style-src", "'self' 'unsafe-inline'"),
        ("img-src", "'self' data: blob:"),
        ("font-src", "'self' data:"),
        ("connect-src", "'self'"),
        ("worker-src", "'self' blob:"),
        ("child-src", "'self' blob:"),
        ("object-src", "'none'"),
        ("base-uri", "'self'"),
        ("form-action", "'self'"),
        ("frame-ancestors", ancestors),
    ]
    return "; ".join(f"{name} {value}" for name, value in directives)


def install(app) -> None:
    """Proxy headers, the body limit, callback error handling and security headers on app.server.
    Settings are read (and checked: SettingError) once, here."""
    server = app.server
    limit = max_content_length()
    ancestors = frame_ancestors()
    proxies = trusted_proxies()
    if proxies:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    server.config["MAX_CONTENT_LENGTH"] = limit
    callback_endpoint = app.config.routes_pathname_prefix + CALLBACK_ENDPOINT

    def refuse_large_bodies():
        # Before anything reads the body (the login guard parses callback JSON): 413 from the header.
        length = flask.request.content_length
        if length is not None and length > limit:
            log.warning("verzoek van %d bytes geweigerd (max %d): %s %s", length, limit,
                        flask.request.method, flask.request.path)
            raise RequestEntityTooLarge()
        return None

    # First in line: Flask runs before_request functions in the order they were added.
    server.before_request_funcs.setdefault(None, []).insert(0, refuse_large_bodies)

    def handle_error(error: Exception):
        if isinstance(error, HTTPException):
            if isinstance(error, RequestEntityTooLarge):
                response = error.get_response()
                response.headers["Connection"] = "close"  # do not read the rest of a huge body
                return response
            return error
        request = flask.request
        frames = "".join(traceback.format_tb(error.__traceback__))
        if request.endpoint == callback_endpoint:
            log.warning("onbruikbaar callback-verzoek (%s, %s): %s\n%s", _callback_name(), request.remote_addr,
                        type(error).__name__, frames)
            return flask.jsonify(error="bad callback request"), 400
        # Only the error's type and where it happened: its message may quote what was sent.
        log.error("fout bij %s %s: %s\n%s", request.method, request.path, type(error).__name__, frames)
        return InternalServerError()

    server.register_error_handler(Exception, handle_error)

    def security_headers(response: flask.Response) -> flask.Response:
        headers = response.headers
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", REFERRER_POLICY)
        if "Content-Security-Policy" not in headers:  # the login page sets a stricter one itself
            # Pages get Dash's inline scripts by hash (all set up by now: Dash does that before the
            # first request is handled); JSON, assets and files need none.
            hashes = list(app.csp_hashes()) if response.mimetype == "text/html" else []
            headers["Content-Security-Policy"] = content_security_policy(hashes, ancestors)
        if ancestors == "'none'":
            headers.setdefault("X-Frame-Options", "DENY")  # for browsers without frame-ancestors
        return response

    server.after_request(security_headers)

    from dashboard import warming

    warming.install(server, callback_endpoint)  # one build per request; pure callbacks' answers per build


def _callback_name() -> str:
    body = flask.request.get_json(silent=True, cache=True)
    output = body.get("output") if isinstance(body, dict) else None
    return output[:120] if isinstance(output, str) else "?"


def _request_lang() -> str:
    """The page language of a callback request: a '*-lang' input or state it sent, else the page URL."""
    from dashboard.i18n import LANGUAGES, normalise_lang

    body = flask.request.get_json(silent=True, cache=True)
    items = []
    if isinstance(body, dict):
        for field in ("inputs", "state"):
            items += [i for i in body.get(field) or [] if isinstance(i, dict)] if isinstance(body.get(field), list) else []
    for item in items:
        if str(item.get("id", "")).endswith("lang") and item.get("value") in LANGUAGES:
            return item["value"]
    query = dict(parse_qsl(urlsplit(flask.request.referrer or "").query))
    return normalise_lang(query.get("lang"))


def callback_failed(error: Exception):
    """Dash's on_error: a callback raised on what it was sent. Log it (callback and error type, not
    the values) and answer "no update" with a notice in the page's language, never a 500."""
    import dash

    from dashboard.i18n import t

    log.error("callback %s faalde: %s\n%s", _callback_name(), type(error).__name__,
              "".join(traceback.format_tb(error.__traceback__)))
    dash.set_props(NOTICE_ID, {"children": t("app.callback_failed", _request_lang()), "hidden": False})
    return None  # Dash: no update for every output


# ====================================================================== gunicorn

def gunicorn_options(host: str, port: int, workers: int, threads: int) -> dict:
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": WORKER_TIMEOUT_SECONDS,
        "graceful_timeout": GRACEFUL_TIMEOUT_SECONDS,
        "accesslog": "-",   # method, path, status, size, time: never a body
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "kinderarmoedemonitor",
        # Longer than a proxy's idle keep-alive to us (nginx: 60 s), so the proxy closes idle connections,
        # never gunicorn while a request is on its way (nginx answers 502 for a POST it cannot resend).
        "keepalive": KEEPALIVE_SECONDS,
        # No runtime control socket: its default path (~/.gunicorn/gunicorn.ctl) is one per user, so two
        # instances on a machine would take it from each other; stop and reload with signals instead.
        "control_socket_disable": True,
        # Header limits stay gunicorn's (4094-byte request line, 100 fields of 8190 bytes).
        "post_worker_init": _prepare_worker,
    }


def _prepare_worker(worker) -> None:
    """Before a worker takes its first request: fill the caches of the current build, and from
    then on prepare each new build in the background before switching to it (dashboard.warming)."""
    from dashboard import db, warming

    worker.wsgi.test_client().get("/")  # Dash loads its pages (and callbacks) on the first request
    with contextlib.suppress(db.WarehouseError):  # not built yet, or unreadable: the pages say so
        warming.prepare(db.current_build())
    warming.enable(watch_seconds=WATCH_SECONDS)


def run_gunicorn(options: dict) -> None:
    """Serve create_app() with gunicorn in this process (the master); each worker makes its own app,
    so nothing (DuckDB, the shared store) is opened before the fork."""
    from gunicorn.app.base import BaseApplication

    class DashboardApplication(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            from dashboard.app import create_app

            return create_app().server

    DashboardApplication().run()
