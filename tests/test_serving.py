"""Serving a public release (dashboard/serving.py, dashboard/shared_store.py, `python -m dashboard`):
security headers on every response, the body limit, malformed callback requests never a 500 (every
registered callback fuzzed, deterministically), the throttle and ended sessions shared between
workers, and gunicorn with several workers on 127.0.0.1. The user is SYNTHETIC."""
from __future__ import annotations

import base64
import copy
import gzip
import hashlib
import http.cookiejar
import json
import logging
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from dashboard import auth, serving, shared_store
from tests.users import NAME, PASSWORD
from tests.waiting import wait_until

REPO = Path(__file__).resolve().parent.parent
MARKER = "BODY-MARKER-7f3a"  # must never reach the log
CALLBACK = "/_dash-update-component"


def csp(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: " ".join(part.split()[1:]) for part in policy.split(";") if part.strip()}


# ------------------------------------------------------------------------------ security headers

def test_every_response_carries_security_headers(app, synthetic_warehouse):
    client = app.server.test_client()
    index = client.get("/status")
    responses = {
        "index": index,
        "callback": client.post(CALLBACK, json={
            "output": "status-content.children", "outputs": {"id": "status-content", "property": "children"},
            "inputs": [{"id": "status-lang", "property": "data", "value": "nl"}], "changedPropIds": [], "state": []}),
        "dependencies": client.get("/_dash-dependencies"),
        "asset": client.get("/assets/style.css"),
        "geo": client.get("/geo/municipalities_2025.geojson"),
        "missing geo": client.get("/geo/missing.geojson"),
        "too large": client.post(CALLBACK, data=b"x" * (app.server.config["MAX_CONTENT_LENGTH"] + 1)),
    }
    for what, response in responses.items():
        assert response.headers["X-Content-Type-Options"] == "nosniff", what
        assert response.headers["Referrer-Policy"] == "same-origin", what
        policy = csp(response)
        assert policy["frame-ancestors"] == "'none'" and response.headers["X-Frame-Options"] == "DENY", what
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"], what
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'", what
    assert responses["callback"].status_code == 200


def test_the_not_found_answer_is_compressed_and_hardened(app, synthetic_warehouse):
    """Flask-Compress skips non-2xx answers; the 404 (the whole index) is compressed all the same."""
    import brotli

    client = app.server.test_client()
    plain = client.get("/bestaatniet")
    for encoding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        missing = client.get("/bestaatniet", headers={"Accept-Encoding": "br, gzip" if encoding == "br" else "gzip"})
        assert missing.status_code == 404 and missing.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in missing.headers["Vary"]
        assert int(missing.headers["Content-Length"]) == len(missing.data) < len(plain.data) / 3
        assert decode(missing.data) == plain.data  # the same page, not-found text and all
        assert missing.headers["X-Content-Type-Options"] == "nosniff"
        assert missing.headers["Referrer-Policy"] == "same-origin" and missing.headers["X-Frame-Options"] == "DENY"
        policy = csp(missing)
        assert policy["frame-ancestors"] == "'none'" and policy["default-src"] == "'self'"
        assert set(policy["script-src"].split()) == set(csp(plain)["script-src"].split())  # Dash's inline scripts
        assert "'sha256-" in policy["script-src"]
    assert plain.status_code == 404 and "Content-Encoding" not in plain.headers  # asked for none, got none


def test_script_hashes_are_those_of_the_inline_scripts_dash_rendered(app, synthetic_warehouse):
    html = app.server.test_client().get("/").data
    inline = [m.group(2) for m in re.finditer(rb"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.S)
              if b"application/json" not in m.group(1)]
    assert len(inline) >= 2 and any(b"DashRenderer" in s for s in inline)  # the renderer and clientside callbacks
    expected = {f"'sha256-{base64.b64encode(hashlib.sha256(s).digest()).decode()}'" for s in inline}
    sources = csp(app.server.test_client().get("/")).get("script-src").split()
    assert sources[0] == "'self'" and set(sources[1:]) >= expected  # every inline script of the page runs
    assert set(sources[1:]) == set(app.csp_hashes())  # and only those Dash writes itself


def test_embedding_only_where_the_setting_allows(synthetic_warehouse, monkeypatch):
    from dashboard.app import create_app

    monkeypatch.setenv("DASHBOARD_FRAME_ANCESTORS", "'self' https://www.example.org")
    response = create_app().server.test_client().get("/status")
    assert csp(response)["frame-ancestors"] == "'self' https://www.example.org"
    assert "X-Frame-Options" not in response.headers
    for bad in ("*", "https://a.example; script-src *", "javascript:", "'unsafe-inline'"):
        monkeypatch.setenv("DASHBOARD_FRAME_ANCESTORS", bad)
        with pytest.raises(serving.SettingError, match="DASHBOARD_FRAME_ANCESTORS"):
            create_app()


def test_login_page_keeps_its_own_stricter_policy(users_file, synthetic_warehouse, monkeypatch):
    from dashboard.app import create_app

    monkeypatch.setenv("DASHBOARD_FRAME_ANCESTORS", "https://www.example.org")
    response = create_app().server.test_client().get("/login")
    assert csp(response)["frame-ancestors"] == "'none'" and response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# ------------------------------------------------------------------------------ body limit

def test_a_body_over_the_limit_is_refused_before_it_is_read(app, synthetic_warehouse, monkeypatch, caplog):
    def refuse(*_a, **_k):
        raise AssertionError("the body was parsed")

    monkeypatch.setattr(auth, "touches_protected", refuse)
    client = app.server.test_client()
    limit = app.server.config["MAX_CONTENT_LENGTH"]
    assert limit == int(os.environ.get("DASHBOARD_MAX_CONTENT_LENGTH") or 4_000_000)
    body = json.dumps({"output": MARKER, "inputs": [{"value": MARKER + "x" * (10 * 1024 * 1024)}]})
    with caplog.at_level(logging.DEBUG):
        response = client.post(CALLBACK, data=body, content_type="application/json")
        assert response.status_code == 413 and response.headers["Connection"] == "close"
        assert client.post("/login", data={"username": MARKER, "password": "x" * (5 * 1024 * 1024)}).status_code == 413
    assert MARKER not in caplog.text and MARKER.encode() not in response.data


def test_the_limit_is_a_setting(synthetic_warehouse, monkeypatch):
    from dashboard.app import create_app

    monkeypatch.setenv("DASHBOARD_MAX_CONTENT_LENGTH", "1000")
    client = create_app().server.test_client()
    assert client.post(CALLBACK, data="x" * 1001, content_type="application/json").status_code == 413
    assert client.post(CALLBACK, data="x" * 999, content_type="application/json").status_code in (400, 401)
    monkeypatch.setenv("DASHBOARD_MAX_CONTENT_LENGTH", "veel")
    with pytest.raises(serving.SettingError, match="DASHBOARD_MAX_CONTENT_LENGTH"):
        create_app()


def test_the_default_limit_holds_the_largest_upload():
    from etl.config import SETTINGS

    largest_upload = int(SETTINGS["REPORTS_MAX_BYTES"][0])
    base64_upload = 4 * ((largest_upload + 2) // 3) + len("data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,")
    assert int(SETTINGS["DASHBOARD_MAX_CONTENT_LENGTH"][0]) > base64_upload + 10_000


# ------------------------------------------------------------------------------ malformed callback requests

WILDCARDS = ('["MATCH"]', '["ALL"]', '["ALLSMALLER"]')


def concrete_id(component_id: str):
    """A pattern-matching id with its wildcards filled in; a plain id as it is."""
    if not component_id.startswith("{"):
        return component_id
    return {key: (0 if isinstance(value, list) else value) for key, value in json.loads(component_id).items()}


def spec_items(specs: list[dict], value) -> list:
    items = []
    for spec in specs:
        item = {"id": concrete_id(spec["id"]), "property": spec["property"], "value": value}
        items.append([item] if any(w in spec["id"] for w in ('["ALL"]', '["ALLSMALLER"]')) else item)
    return items


def output_items(output: str) -> list | dict:
    if output.startswith(".."):
        parts = output[2:-2].split("...")
        items = [{"id": concrete_id(p.rsplit(".", 1)[0]), "property": p.rsplit(".", 1)[1].split("@")[0]} for p in parts]
        return items
    component, prop = output.rsplit(".", 1)
    return {"id": concrete_id(component), "property": prop.split("@")[0]}


def well_formed(dep: dict, value) -> dict:
    inputs = spec_items(dep["inputs"], value)
    first = dep["inputs"][0] if dep["inputs"] else None
    return {
        "output": dep["output"], "outputs": output_items(dep["output"]), "inputs": inputs,
        "state": spec_items(dep.get("state", []), value),
        "changedPropIds": [f"{json.dumps(concrete_id(first['id']), separators=(',', ':')) if first['id'].startswith('{') else first['id']}.{first['property']}"] if first else [],
    }


WRONG_VALUES = [None, 123, -1.5, True, {"x": {"y": [1, 2]}}, ["a"] * 1000, list(range(1000)), "x" * 100_000, "",
                "../../etc/passwd", "<script>alert(1)</script>", [None], {"id": None}]


def malformed_bodies(dep: dict) -> list:
    """Deterministic: each wrong value in every field, unknown ids, missing and mistyped fields."""
    bodies = [well_formed(dep, value) for value in WRONG_VALUES]
    unknown = well_formed(dep, "nl")
    for item in unknown["inputs"] + unknown["state"]:
        for one in item if isinstance(item, list) else [item]:
            one["id"] = "no-such-component"
    bodies.append(unknown)
    for field in ("inputs", "state", "outputs", "changedPropIds", "output"):
        missing = well_formed(dep, "nl")
        missing.pop(field)
        bodies.append(missing)
        mistyped = well_formed(dep, "nl")
        mistyped[field] = 7
        bodies.append(mistyped)
    fewer = well_formed(dep, "nl")
    fewer["inputs"] = fewer["inputs"][:-1]
    bodies.append(fewer)
    more = well_formed(dep, "nl")
    more["inputs"] = more["inputs"] * 50
    bodies.append(more)
    no_property = copy.deepcopy(well_formed(dep, "nl"))
    for item in no_property["inputs"]:
        for one in item if isinstance(item, list) else [item]:
            one.pop("property", None)
    bodies.append(no_property)
    return bodies


def test_no_callback_answers_a_malformed_request_with_a_500(app, synthetic_warehouse, caplog):
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    deps = client.get("/_dash-dependencies").get_json()
    assert len(deps) >= 40
    failures, sent, no_update = [], 0, 0
    with caplog.at_level(logging.WARNING):
        for dep in deps:
            for body in malformed_bodies(dep):
                sent += 1
                response = client.post(CALLBACK, json=body)
                if response.status_code >= 500 or b"Traceback" in response.data:
                    failures.append((dep["output"][:80], json.dumps(body)[:160], response.status_code))
                no_update += response.status_code == 204
        for raw in (b"", b"not json", b"[]", b'"text"', b"null", b"{}", b'{"output": 5}', b'{"output": "nope.children"}'):
            sent += 1
            response = client.post(CALLBACK, data=raw, content_type="application/json")
            if response.status_code >= 500:
                failures.append(("raw", raw, response.status_code))
    assert sent > 40 * 30
    assert not failures, failures[:20]
    assert "x" * 1000 not in caplog.text and "alert(1)" not in caplog.text  # values never logged


def test_a_failing_callback_gives_no_update_and_a_notice(app, synthetic_warehouse, caplog):
    from dash import Input, Output

    client = app.server.test_client()
    client.get("/")

    @app.callback(Output("app-present-mode", "title"), Input("app-doc-lang", "children"))
    def broken(lang):
        raise ValueError(f"kapot {lang}")

    with caplog.at_level(logging.ERROR):
        response = client.post(CALLBACK, json={
            "output": "app-present-mode.title", "outputs": {"id": "app-present-mode", "property": "title"},
            "inputs": [{"id": "app-doc-lang", "property": "children", "value": MARKER}],
            "changedPropIds": ["app-doc-lang.children"], "state": []},
            headers={"Referer": "http://127.0.0.1/status?lang=en"})
    assert response.status_code == 200
    body = response.get_json()
    assert "app-present-mode" not in body.get("response", {})  # no update
    notice = body["sideUpdate"][serving.NOTICE_ID]
    assert notice["hidden"] is False and "could not be updated" in notice["children"]
    assert "ValueError" in caplog.text and MARKER not in caplog.text


# ------------------------------------------------------------------------------ shared between workers

def login(client) -> object:
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post("/login", data={"username": NAME, "password": PASSWORD, "csrf_token": token, "next": "/upload"})


def test_the_throttle_counts_across_workers(users_file, synthetic_warehouse):
    """Two apps (as two gunicorn workers would make) share the SQLite store beside the users file."""
    from dashboard.app import create_app

    first, second = create_app(), create_app()
    for index in range(auth.MAX_FAILURES_PER_USER):
        client = (first if index % 2 else second).server.test_client()
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        client.post("/login", data={"username": NAME, "password": "fout-wachtwoord-123", "csrf_token": token})
    blocked = login(first.server.test_client())
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    assert login(second.server.test_client()).status_code == 429
    assert (users_file.parent / shared_store.STATE_FILE_NAME).stat().st_mode & 0o777 == 0o600


def test_an_unreachable_store_refuses_logins(users_file, synthetic_warehouse, monkeypatch):
    from dashboard.app import create_app

    monkeypatch.setenv("DASHBOARD_THROTTLE_STORAGE", "sqlite:///" + str(users_file.parent / "no" / "dir" / "x.sqlite").lstrip("/"))
    (users_file.parent / "no").write_text("a file where a folder belongs")
    response = login(create_app().server.test_client())
    assert response.status_code == 503 and "Location" not in response.headers


@pytest.mark.parametrize("proxies, seen", [("0", "127.0.0.1"), ("1", "203.0.113.9")])
def test_the_throttle_sees_the_client_behind_a_trusted_proxy(users_file, synthetic_warehouse, monkeypatch, caplog,
                                                              proxies, seen):
    from dashboard.app import create_app

    monkeypatch.setenv("DASHBOARD_TRUSTED_PROXIES", proxies)
    client = create_app().server.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    with caplog.at_level(logging.WARNING, logger="dashboard.auth"):
        client.post("/login", data={"username": NAME, "password": "fout-wachtwoord-123", "csrf_token": token},
                    headers={"X-Forwarded-For": "203.0.113.9"}, environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert f"({seen})" in caplog.text


def test_sqlite_store_moving_window_and_counters(tmp_path):
    from limits import RateLimitItemPerSecond
    from limits.strategies import MovingWindowRateLimiter

    now = [100.0]
    store = shared_store.SQLiteStorage("sqlite:///" + str(tmp_path / "s.sqlite").lstrip("/"), clock=lambda: now[0])
    other = shared_store.open_storage("sqlite:///" + str(tmp_path / "s.sqlite").lstrip("/"))  # another worker
    limiter, item = MovingWindowRateLimiter(store), RateLimitItemPerSecond(2, 60)
    assert limiter.hit(item, "a") and limiter.hit(item, "a") and not limiter.hit(item, "a")
    assert limiter.get_window_stats(item, "a") == (160.0, 0)
    now[0] += 61
    assert limiter.hit(item, "a")
    assert store.incr("k", 10) == 1 and store.incr("k", 10) == 2 and store.get_expiry("k") == now[0] + 10
    store.clear("k")
    assert store.get("k") == 0 and store.check()
    assert isinstance(other, shared_store.SQLiteStorage)
    assert shared_store.storage_uri(None) == "sqlite://"
    assert shared_store.storage_uri(tmp_path / "u" / "users.toml").endswith("/u/dashboard-state.sqlite")


def test_several_workers_share_one_session_key(users_file, synthetic_warehouse, capsys):
    from dashboard.__main__ import _shared_session_key
    from dashboard.app import create_app

    assert _shared_session_key()
    key = users_file.parent / auth.KEY_FILE_NAME
    assert key.stat().st_mode & 0o777 == 0o600 and "nu gemaakt" in capsys.readouterr().err
    assert create_app().server.secret_key == create_app().server.secret_key == key.read_text().strip()
    assert _shared_session_key() and "nu gemaakt" not in capsys.readouterr().err  # made once, then reused


def test_refuses_to_start_when_the_key_file_cannot_be_made(tmp_path, monkeypatch, capsys):
    from dashboard.__main__ import main

    users = tmp_path / "users.toml"
    auth.set_user(users, NAME, PASSWORD)
    (tmp_path / auth.KEY_FILE_NAME).mkdir()  # a folder where the key file belongs
    monkeypatch.setenv("DASHBOARD_USERS_FILE", str(users))
    monkeypatch.delenv("DASHBOARD_SECRET_KEY", raising=False)
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "none.duckdb"))
    assert main(["--workers", "2", "--port", "1"]) == 2
    err = capsys.readouterr().err
    assert "DASHBOARD_SECRET_KEY" in err and "--workers 1" in err


# ------------------------------------------------------------------------------ gunicorn, for real

def form_value(node, name: str):
    """The value of the form field `name` in a Dash component tree (JSON)."""
    if isinstance(node, dict):
        if node.get("name") == name:
            return node.get("value")
        return next((v for v in (form_value(child, name) for child in node.values()) if v), None)
    if isinstance(node, list):
        return next((v for v in (form_value(child, name) for child in node) if v), None)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_with_two_workers_shares_logins_throttle_and_logouts(users_file, synthetic_warehouse, tmp_path):
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "dashboard", "--port", str(port), "--workers", "2", "--threads", "2"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    jar = http.cookiejar.CookieJar()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *_a, **_k):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

    def call(path, data=None, json_body=None, cookies=True):
        headers = {}
        if json_body is not None:
            data, headers = json.dumps(json_body).encode(), {"Content-Type": "application/json"}
        elif isinstance(data, dict):
            data = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(base + path, data=data, headers=headers)
        try:
            response = (opener if cookies else urllib.request.build_opener(NoRedirect)).open(request, timeout=20)
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read().decode()
        return response.status, response.headers, response.read().decode()

    def answer():
        try:
            return call("/login")[0]
        except OSError:
            assert proc.poll() is None, "the dashboard exited before it answered"
            return None

    state_body = {"output": "..login-status.children...login-gate.hidden..",
                  "outputs": [{"id": "login-status", "property": "children"}, {"id": "login-gate", "property": "hidden"}],
                  "inputs": [{"id": "login-lang", "property": "data", "value": "nl"}], "changedPropIds": [], "state": []}
    try:
        assert wait_until(answer, timeout=60, message="gunicorn did not answer", interval=0.3) == 200
        status, headers, page = call("/login")
        assert "Content-Security-Policy" in headers
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        status, headers, _ = call("/login", {"username": NAME, "password": PASSWORD, "csrf_token": token})
        assert status == 303
        # Whichever worker answers, the session is valid: the key is shared.
        answers = [call("/_dash-update-component", json_body=state_body) for _ in range(12)]
        assert all(s == 200 and "Aangemeld als" in body for s, _, body in answers)
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        token = form_value(json.loads(answers[0][2]), "csrf_token")
        assert call("/logout", {"csrf_token": token, "next": "/upload"})[0] == 303
        # A copy of the cookie from before the logout opens nothing, on any worker.
        for _ in range(6):
            request = urllib.request.Request(base + "/_dash-update-component", data=json.dumps(state_body).encode(),
                                             headers={"Content-Type": "application/json", "Cookie": cookie})
            assert "Aangemeld als" not in urllib.request.urlopen(request, timeout=20).read().decode()
        # Failed logins spread over the workers are counted together.
        for _ in range(auth.MAX_FAILURES_PER_USER + 1):
            _, _, page = call("/login")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
            status, _, _ = call("/login", {"username": NAME, "password": "fout-wachtwoord-123", "csrf_token": token})
        assert status == 429
        # A 10 MB body: refused from its Content-Length, before it is sent on.
        with socket.create_connection(("127.0.0.1", port), timeout=20) as raw:
            raw.sendall(b"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        b"Content-Type: application/json\r\nContent-Length: 10485760\r\n\r\n{")
            assert raw.recv(100).startswith(b"HTTP/1.1 413")
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "gunicorn" in err.lower() and "Booting worker" in err
    assert "dashboard-session.key" in err
    assert PASSWORD not in err and "fout-wachtwoord" not in err
