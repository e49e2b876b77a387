"""Login for the parts of the dashboard that read or write monitoring workbooks (the upload page).

Users live in a TOML file named by the setting DASHBOARD_USERS_FILE, made with
`python -m dashboard add-user NAME`; only password hashes are stored (werkzeug scrypt):

    [users."an.analist"]
    password_hash = "scrypt:32768:8:1$..."
    display_name = "An Analist"

No users file configured: upload is off (there is never a default account). The session is
Flask's signed cookie (secret from DASHBOARD_SECRET_KEY; unset: the key file KEY_FILE_NAME beside
the users file, which `python -m dashboard` makes with mode 0600 when several workers run; without
one a random key per process, so sessions end on restart), HttpOnly, SameSite=Strict, Secure when
DASHBOARD_SECURE_COOKIE=1.

The server checks the login on every request that could touch a workbook: `init_app` installs a
before_request guard on Dash's callback endpoint that refuses (401) every callback whose
components have ids starting with PROTECTED_PREFIX ("upload-") when nobody is logged in, and the
upload callbacks call `current_user()` again themselves. A session is valid only while its user
is still in the users file with the same password hash, and for at most SESSION_LIFETIME.

Login and logout are plain Flask routes (/login, /logout): a CSRF token from the session in every
form, constant-time comparisons (an unknown user costs a hash check too), a small per-IP and
per-user limit on failed logins, and a `next` redirect that only goes to paths on this site.
Failed logins and sessions ended by a logout are kept in the shared store (dashboard/shared_store.py:
a SQLite file beside the users file for the workers of one machine, Redis for several), so the
throttle counts across workers and a cookie copied before a logout opens nothing after it.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import time
import tomllib
from dataclasses import dataclass
from datetime import timedelta
from html import escape
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import flask
from limits import RateLimitItemPerSecond
from limits.errors import StorageError
from limits.strategies import MovingWindowRateLimiter
from werkzeug.security import check_password_hash, generate_password_hash

from dashboard import shared_store
from dashboard.i18n import normalise_lang, t

log = logging.getLogger(__name__)

USERS_SETTING = "DASHBOARD_USERS_FILE"
SECRET_SETTING = "DASHBOARD_SECRET_KEY"
SECURE_SETTING = "DASHBOARD_SECURE_COOKIE"
PROTECTED_PREFIX = "upload-"     # Dash component ids whose callbacks need a login
DEFAULT_NEXT = "/upload"
HASH_METHOD = "scrypt"
HASH_PREFIXES = ("scrypt:", "pbkdf2:")   # anything else in the users file is refused
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024       # hashing a megabyte-long "password" is a cheap way to burn CPU
SESSION_LIFETIME = timedelta(hours=8)
FAILURE_WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_IP = 20
CALLBACK_ENDPOINT = "_dash-update-component"
KEY_FILE_NAME = "dashboard-session.key"  # beside the users file; see secret_key()
STORE_EXTENSION = "dashboard_shared_store"
ENDED_SESSION_PREFIX = "ended-session:"


class UsersFileError(Exception):
    """The users file is missing, unreadable or malformed (the message never holds a hash)."""


@dataclass(frozen=True)
class User:
    name: str
    password_hash: str
    display_name: str | None = None

    @property
    def label(self) -> str:
        return self.display_name or self.name


# ================================================================ the users file

def users_file() -> Path | None:
    """The configured users file, or None when upload is off. Relative paths: from the repository."""
    from etl.config import REPO_ROOT, get

    value = get(USERS_SETTING).strip()
    if not value:
        return None
    path = Path(value).expanduser()
    return path if path.is_absolute() else REPO_ROOT / path


def normalise_name(name) -> str:
    return str(name or "").strip().lower()


def valid_name(name: str) -> bool:
    return bool(NAME_PATTERN.match(name))


def parse_users(text: str, source: str = "users file") -> dict[str, User]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsersFileError(f"{source}: geen geldige TOML ({exc})") from exc
    table = data.get("users", {})
    if not isinstance(table, dict):
        raise UsersFileError(f"{source}: [users] moet een tabel zijn")
    users = {}
    for name, entry in table.items():
        if not valid_name(name) or not isinstance(entry, dict):
            raise UsersFileError(f"{source}: ongeldige gebruiker {name!r}")
        password_hash = entry.get("password_hash")
        if not isinstance(password_hash, str) or not password_hash.startswith(HASH_PREFIXES):
            raise UsersFileError(f"{source}: gebruiker {name!r} heeft geen scrypt- of pbkdf2-hash")
        display = entry.get("display_name")
        if display is not None and not isinstance(display, str):
            raise UsersFileError(f"{source}: display_name van {name!r} moet tekst zijn")
        users[name] = User(name, password_hash, display or None)
    return users


_cache: dict[Path, tuple[tuple, dict[str, User]]] = {}


def read_users(path: Path) -> dict[str, User]:
    """The users in `path`, re-read whenever the file changes (so a removed user is out at once)."""
    try:
        st = path.stat()
    except OSError as exc:
        raise UsersFileError(f"gebruikersbestand {path} niet gevonden of onleesbaar ({exc.strerror})") from exc
    stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
    cached = _cache.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsersFileError(f"gebruikersbestand {path} onleesbaar ({exc})") from exc
    users = parse_users(text, str(path))
    if st.st_mode & 0o077:
        log.warning("gebruikersbestand %s is leesbaar voor anderen; zet het op 0600", path)
    _cache[path] = (stamp, users)
    return users


def configured_users() -> dict[str, User] | None:
    """The users, or None when no users file is configured. Raises UsersFileError when it cannot be read."""
    path = users_file()
    return None if path is None else read_users(path)


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=HASH_METHOD)


_dummy_hash: str | None = None


def _unknown_user_hash() -> str:
    """A hash to check against when the user does not exist, so both cases take as long."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = hash_password(secrets.token_urlsafe(16))
    return _dummy_hash


def verify(users: dict[str, User], name: str, password: str) -> User | None:
    """The user when name and password match; None otherwise, in about the same time either way."""
    user = users.get(normalise_name(name))
    if not isinstance(password, str) or len(password) > MAX_PASSWORD_LENGTH:
        return None
    ok = check_password_hash(user.password_hash if user else _unknown_user_hash(), password)
    return user if ok and user is not None else None


def password_problem(name: str, password: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"het wachtwoord moet minstens {MIN_PASSWORD_LENGTH} tekens hebben"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"het wachtwoord mag hoogstens {MAX_PASSWORD_LENGTH} tekens hebben"
    if password.strip().lower() == name:
        return "het wachtwoord mag niet de gebruikersnaam zijn"
    return None


def _toml_string(value: str) -> str:
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise UsersFileError("geen stuurtekens in namen")
    return json.dumps(value, ensure_ascii=False)  # a JSON string without control characters is a TOML basic string


def render_users(users: dict[str, User]) -> str:
    lines = ["# Dashboard users (python -m dashboard add-user). Password hashes only; keep this file private (0600).", ""]
    for name in sorted(users):
        user = users[name]
        lines.append(f"[users.{_toml_string(name)}]")
        lines.append(f"password_hash = {_toml_string(user.password_hash)}")
        if user.display_name:
            lines.append(f"display_name = {_toml_string(user.display_name)}")
        lines.append("")
    text = "\n".join(lines)
    if parse_users(text) != users:  # never write a file that would read back differently
        raise UsersFileError("gebruikersbestand kon niet correct geschreven worden")
    return text


def write_users(path: Path, users: dict[str, User]) -> None:
    """Write the users file atomically (temp file in the same folder, then os.replace), mode 0600."""
    text = render_users(users).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, text)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def set_user(path: Path, name: str, password: str, display_name: str | None = None) -> bool:
    """Add a user or replace their password (and display name). Returns True when the user is new."""
    name = normalise_name(name)
    if not valid_name(name):
        raise UsersFileError("gebruikersnaam: 1 tot 64 tekens a-z, 0-9, punt, @, - of _ (begint met een letter of cijfer)")
    problem = password_problem(name, password)
    if problem:
        raise UsersFileError(problem)
    users = dict(read_users(path)) if path.exists() else {}
    new = name not in users
    display = display_name if display_name is not None else (users[name].display_name if name in users else None)
    users[name] = User(name, hash_password(password), (display or "").strip() or None)
    write_users(path, users)
    return new


# ================================================================ sessions

def _fingerprint(user: User) -> str:
    """Ties a session to the password hash it was made with: a new password ends old sessions."""
    return hashlib.sha256(user.password_hash.encode("utf-8")).hexdigest()[:32]


def current_user() -> User | None:
    """The logged-in user of this request, checked against the users file now; None otherwise."""
    if not flask.has_request_context():
        return None
    name = flask.session.get("user")
    if not name:
        return None
    try:
        users = configured_users()
    except UsersFileError as exc:
        log.error("aanmelding geweigerd: %s", exc)
        return None
    user = (users or {}).get(name)
    if user is None or not hmac.compare_digest(str(flask.session.get("fp", "")), _fingerprint(user)):
        return None
    logged_in_at = flask.session.get("at")
    if not isinstance(logged_in_at, (int, float)) or time.time() - logged_in_at > SESSION_LIFETIME.total_seconds():
        return None
    if session_ended(flask.session.get("sid")):
        return None
    return user


def _store():
    return flask.current_app.extensions.get(STORE_EXTENSION) if flask.has_app_context() else None


def session_ended(sid) -> bool:
    """Was this session ended by a logout (on any worker)? Unknown or unreadable counts as ended."""
    store = _store()
    if not isinstance(sid, str) or not sid or store is None:
        return True
    try:
        return store.get(ENDED_SESSION_PREFIX + sid) > 0
    except StorageError as exc:
        log.error("gedeelde opslag onbereikbaar; aanmelding geweigerd: %s", exc)
        return True


def end_session(sid) -> None:
    """Remember, for as long as the session could have lasted, that it was ended."""
    store = _store()
    if isinstance(sid, str) and sid and store is not None:
        store.incr(ENDED_SESSION_PREFIX + sid, int(SESSION_LIFETIME.total_seconds()))


def upload_state() -> tuple[str, User | None]:
    """('disabled', None) without a users file, ('unavailable', None) when it cannot be read,
    ('anonymous', None) or ('user', the logged-in user)."""
    try:
        if configured_users() is None:
            return "disabled", None
    except UsersFileError as exc:
        log.error("opladen niet beschikbaar: %s", exc)
        return "unavailable", None
    user = current_user()
    return ("user", user) if user else ("anonymous", None)


def csrf_token() -> str:
    """This session's CSRF token (made on first use)."""
    token = flask.session.get("csrf")
    if not token:
        token = flask.session["csrf"] = secrets.token_urlsafe(32)
    return token


def csrf_ok(submitted) -> bool:
    expected = flask.session.get("csrf")
    if not expected or not isinstance(submitted, str):
        return False
    # bytes: compare_digest refuses str with non-ASCII characters, which a forged form may send
    return hmac.compare_digest(submitted.encode("utf-8"), str(expected).encode("utf-8"))


def safe_next(value, default: str = DEFAULT_NEXT) -> str:
    """A redirect target on this site: an absolute path, never a scheme, host or `//host`."""
    if not isinstance(value, str) or not value or len(value) > 2000:
        return default
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    if any(ord(c) < 33 or ord(c) == 127 for c in value):  # browsers drop tabs and newlines: /\t/evil.example
        return default
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return default
    return value


def login_href(next_path: str, lang: str) -> str:
    query = {"next": next_path}
    if normalise_lang(lang) != "nl":
        query["lang"] = normalise_lang(lang)
    return "/login?" + urlencode(query)


# ================================================================ failed logins

class LoginThrottle:
    """Counts failed logins per IP and per user name in a moving window, in a `limits` storage
    (shared_store: one SQLite file for the workers of a machine, Redis for several machines).
    Without a storage: a private in-memory one on `clock` (tests)."""

    def __init__(self, per_user: int = MAX_FAILURES_PER_USER, per_ip: int = MAX_FAILURES_PER_IP,
                 window: float = FAILURE_WINDOW_SECONDS, storage=None, clock=time.time):
        self.storage = storage if storage is not None else shared_store.SQLiteStorage("sqlite://", clock=clock)
        self.clock = clock
        self._limiter = MovingWindowRateLimiter(self.storage)
        self._limits = {"ip": RateLimitItemPerSecond(per_ip, int(window), namespace="login-failures"),
                        "user": RateLimitItemPerSecond(per_user, int(window), namespace="login-failures")}

    def _keys(self, ip: str, name: str) -> list[tuple[str, str]]:
        return [("ip", ip), ("user", name)]

    def retry_after(self, ip: str, name: str) -> int:
        """Seconds until this IP and user may try again; 0 when they may now."""
        waits = [0.0]
        for kind, value in self._keys(ip, name):
            stats = self._limiter.get_window_stats(self._limits[kind], kind, value)
            if stats.remaining <= 0:
                waits.append(stats.reset_time - self.clock())
        return int(max(waits) + 0.999)

    def failed(self, ip: str, name: str) -> None:
        for kind, value in self._keys(ip, name):
            self._limiter.hit(self._limits[kind], kind, value)

    def succeeded(self, name: str) -> None:
        self._limiter.clear(self._limits["user"], "user", name)


# ================================================================ the Flask side

_process_secret: str | None = None


def key_file(users_path: Path | None = None) -> Path | None:
    """Where the shared session key lives: beside the users file (None without one)."""
    users_path = users_path if users_path is not None else users_file()
    return None if users_path is None else users_path.parent / KEY_FILE_NAME


def ensure_key_file(path: Path) -> bool:
    """Make the session key file (mode 0600) unless it exists; True when it was made now.
    O_EXCL: of several processes starting at once exactly one writes it, the others read it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secrets.token_hex(32) + "\n")
    return True


def read_key_file(path: Path) -> str | None:
    try:
        value = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsersFileError(f"sessiesleutel {path} onleesbaar ({exc})") from exc
    if len(value) < 32:
        raise UsersFileError(f"sessiesleutel {path} is te kort; verwijder het bestand, het wordt opnieuw gemaakt")
    if path.stat().st_mode & 0o077:
        log.warning("sessiesleutel %s is leesbaar voor anderen; zet het op 0600", path)
    return value


def secret_key() -> str:
    """DASHBOARD_SECRET_KEY; else the key file beside the users file when it exists (every worker
    and machine that shares the users folder shares it); else one random key per process."""
    global _process_secret
    from etl.config import get

    configured = get(SECRET_SETTING)
    if configured:
        if len(configured) < 32:
            log.warning("%s is korter dan 32 tekens; kies een lange willekeurige waarde", SECRET_SETTING)
        return configured
    path = key_file()
    if path is not None:
        from_file = read_key_file(path)
        if from_file:
            return from_file
    if _process_secret is None:
        _process_secret = secrets.token_hex(32)
        log.warning("%s is niet gezet: een willekeurige sleutel voor dit proces. Aanmeldingen vervallen bij "
                    "een herstart en gelden niet over meerdere workers heen.", SECRET_SETTING)
    return _process_secret


def _secure_cookie() -> bool:
    from etl.config import get

    return get(SECURE_SETTING).strip().lower() in ("1", "true", "yes", "on")


def init_app(app) -> None:
    """Session settings, /login and /logout, and the guard on Dash's callback endpoint."""
    server = app.server
    server.secret_key = secret_key()
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=_secure_cookie(),
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
    )
    storage = shared_store.open_storage(shared_store.storage_uri(users_file()))
    server.extensions[STORE_EXTENSION] = storage
    throttle = LoginThrottle(storage=storage)
    server.extensions["dashboard_login_throttle"] = throttle
    server.add_url_rule("/login", "dashboard_login", lambda: _login(throttle), methods=["GET", "POST"])
    server.add_url_rule("/logout", "dashboard_logout", _logout, methods=["POST"])
    endpoint = app.config.routes_pathname_prefix + CALLBACK_ENDPOINT

    def guard_callbacks():
        if flask.request.endpoint != endpoint:
            return None
        if not touches_protected(app, flask.request.get_json(silent=True)):
            return None
        if current_user() is None:
            log.warning("callback zonder aanmelding geweigerd (%s)", flask.request.remote_addr)
            return flask.jsonify(error="login required"), 401
        return None

    server.before_request(guard_callbacks)


# ---------------------------------------------------------------- which callbacks are guarded

def is_protected_id(component_id) -> bool:
    if isinstance(component_id, str) and component_id.startswith("{"):
        try:
            component_id = json.loads(component_id)
        except ValueError:
            return False
    if isinstance(component_id, dict):  # pattern-matching id: any of its values
        return any(isinstance(v, str) and v.startswith(PROTECTED_PREFIX) for v in component_id.values())
    return isinstance(component_id, str) and component_id.startswith(PROTECTED_PREFIX)


def _ids(spec) -> list:
    """Component ids in a callback spec: Output/Input objects, {id, property} dicts, nested lists."""
    if isinstance(spec, (list, tuple)):
        return [i for item in spec for i in _ids(item)]
    if isinstance(spec, dict):
        return [spec.get("id")]
    if hasattr(spec, "component_id"):
        return [spec.component_id]
    return []


def _output_ids(output: str) -> list:
    from dash._utils import split_callback_id

    try:
        return _ids(split_callback_id(output))
    except ValueError:
        return []


def touches_protected(app, body) -> bool:
    """Does this callback request involve a protected component, by what it sends or by the
    callback Dash would run for it? A body we cannot read counts as protected (fail closed)."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return True
    output = body["output"]
    ids = _ids(body.get("outputs")) + _ids(body.get("inputs")) + _ids(body.get("state")) + _output_ids(output)
    registered = app.callback_map.get(output)
    if registered:
        ids += _ids(registered.get("output")) + _ids(registered.get("inputs")) + _ids(registered.get("state"))
    return any(is_protected_id(i) for i in ids)


# ---------------------------------------------------------------- /login and /logout

def _client_ip() -> str:
    return flask.request.remote_addr or "?"


def _login(throttle: LoginThrottle):
    request = flask.request
    lang = normalise_lang(request.values.get("lang"))
    next_path = safe_next(request.values.get("next"))
    try:
        users = configured_users()
    except UsersFileError as exc:
        log.error("aanmelden niet mogelijk: %s", exc)
        return _login_page(lang, next_path, notice=t("upload.off.unavailable", lang), status=503)
    if users is None:
        return _login_page(lang, next_path, notice=t("upload.off.disabled", lang), status=403 if request.method == "POST" else 200)
    if request.method == "GET":
        if current_user():
            return flask.redirect(next_path, 303)
        return _login_page(lang, next_path)
    if not csrf_ok(request.form.get("csrf_token")):
        log.warning("aanmelding zonder geldig CSRF-token geweigerd (%s)", _client_ip())
        return _login_page(lang, next_path, error=t("login.csrf", lang), status=400)
    name = normalise_name(request.form.get("username"))[:100]
    try:
        return _checked_login(throttle, users, lang, next_path, name)
    except StorageError as exc:  # fail closed: no login without the shared throttle
        log.error("aanmelden niet mogelijk, gedeelde opslag onbereikbaar: %s", exc)
        return _login_page(lang, next_path, notice=t("upload.off.unavailable", lang), status=503)


def _checked_login(throttle: LoginThrottle, users: dict[str, User], lang: str, next_path: str, name: str):
    request = flask.request
    wait = throttle.retry_after(_client_ip(), name)
    if wait:
        log.warning("aanmelding afgeremd voor %r (%s)", name, _client_ip())
        response = _login_page(lang, next_path, error=t("login.throttled", lang, minutes=max(1, round(wait / 60))),
                               status=429, username=name)
        response.headers["Retry-After"] = str(wait)
        return response
    user = verify(users, name, request.form.get("password") or "")
    if user is None:
        throttle.failed(_client_ip(), name)
        log.warning("mislukte aanmelding voor %r (%s)", name, _client_ip())
        # 200, like any form shown again with its error (401 would demand an HTTP auth challenge)
        return _login_page(lang, next_path, error=t("login.failed", lang), username=name)
    throttle.succeeded(name)
    flask.session.clear()  # a fresh session: nothing from before the login carries over
    flask.session.permanent = True
    flask.session.update(user=user.name, fp=_fingerprint(user), at=int(time.time()),
                         csrf=secrets.token_urlsafe(32), sid=secrets.token_urlsafe(24))
    log.info("aangemeld: %s (%s)", user.name, _client_ip())
    return flask.redirect(next_path, 303)


def _logout():
    request = flask.request
    next_path = safe_next(request.form.get("next"))
    if not csrf_ok(request.form.get("csrf_token")):
        return flask.Response("Bad request: missing or wrong CSRF token", status=400, mimetype="text/plain")
    if flask.session.get("user"):
        log.info("afgemeld: %s", flask.session.get("user"))
    try:
        end_session(flask.session.get("sid"))
    except StorageError as exc:
        log.error("afmelden niet op de server vastgelegd (gedeelde opslag onbereikbaar): %s", exc)
        flask.session.clear()
        return flask.Response("Service unavailable: the logout could not be recorded; try again",
                              status=503, mimetype="text/plain")
    flask.session.clear()
    return flask.redirect(next_path, 303)


LOGIN_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Kinderarmoedemonitor</title>
<link rel="icon" type="image/x-icon" href="/_favicon.ico">
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<header class="app-header"><div class="header-inner"><div class="brand">
<a class="app-title" href="{home}">Kinderarmoedemonitor</a></div>
<div class="lang-switch"><a class="lang-option" href="{other_href}" lang="{other}">{other_label}</a></div>
</div></header>
<main class="app-main"><div class="page login-page">
<h1>{title}</h1>
{body}
<p><a href="{home}">{back}</a></p>
</div></main>
</body>
</html>
"""


def _login_page(lang: str, next_path: str, *, error: str | None = None, notice: str | None = None,
                status: int = 200, username: str = "") -> flask.Response:
    """The login form as plain HTML (every value escaped), with the session's CSRF token."""
    other = "en" if lang == "nl" else "nl"
    other_query = {"next": next_path} | ({"lang": other} if other != "nl" else {})
    if notice:
        # in words only: a visitor reads this; the commands that switch upload on are on /status
        body = (f'<div class="notice login-notice" role="alert" id="login-notice"><p>{escape(notice)}</p>'
                f'<p>{escape(t("upload.who", lang))}</p></div>')
    else:
        alert = f'<p class="login-error" role="alert" id="login-error">{escape(error)}</p>' if error else ""
        body = f"""<p class="lead">{escape(t("login.intro", lang))}</p>
{alert}
<form class="card login-form" method="post" action="/login" id="login-form">
<input type="hidden" name="csrf_token" value="{escape(csrf_token())}">
<input type="hidden" name="next" value="{escape(next_path)}">
<input type="hidden" name="lang" value="{escape(lang)}">
<div class="login-field"><label for="login-username">{escape(t("login.username", lang))}</label>
<input id="login-username" name="username" type="text" autocomplete="username" required maxlength="100"
 autocapitalize="none" spellcheck="false" value="{escape(username)}"></div>
<div class="login-field"><label for="login-password">{escape(t("login.password", lang))}</label>
<input id="login-password" name="password" type="password" autocomplete="current-password" required
 maxlength="{MAX_PASSWORD_LENGTH}"></div>
<button class="button" type="submit" id="login-submit">{escape(t("login.submit", lang))}</button>
</form>"""
    page = LOGIN_PAGE.format(
        lang=lang, title=escape(t("login.title", lang)), body=body, back=escape(t("login.back", lang)),
        home=escape("/" if lang == "nl" else "/?lang=en"), other=other,
        other_href=escape("/login?" + urlencode(other_query)), other_label=escape(t(f"lang.{other}", other)))
    response = flask.Response(page, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'; form-action 'self'"
    return response
