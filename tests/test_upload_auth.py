"""Login and the upload page without a browser: hashing, the users file, /login and /logout, and the
server-side refusal of upload callbacks for anyone not logged in (requests built the way Dash's
renderer builds them, sent with the Flask test client of create_app()).

The user and every workbook here are SYNTHETIC (tests/fixtures/make_voorbeeld_rapportage.py).
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import dash
import plotly
import pytest

from dashboard import auth
from tests.users import NAME, PASSWORD

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "voorbeeld_rapportage_SYNTHETISCH.xlsx"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHECK_OUTPUT = "..upload-report.children...upload-load.disabled...upload-validated.data...upload-result.children.."


# ------------------------------------------------------------------------------ helpers

@pytest.fixture
def app_settings(users_file):
    """The app of tests/conftest.py is made with this users file in place."""
    return users_file


@pytest.fixture
def client(app):
    return app.server.test_client()


def upload_page():
    entry = next(p for p in dash.page_registry.values() if p["path"] == "/upload")
    return sys.modules[entry["module"]]


def data_url(data: bytes) -> str:
    return f"data:{XLSX_MIME};base64," + base64.b64encode(data).decode()


def broken_workbook() -> bytes:
    """The synthetic workbook with text where an amount belongs (Budget!D3)."""
    from openpyxl import load_workbook

    wb = load_workbook(FIXTURE)
    wb["Budget"]["D3"] = "veel"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def check_body(contents: str, filename: str = "rapport.xlsx", lang: str = "nl") -> dict:
    """The JSON the Dash renderer posts when a file is dropped on dcc.Upload(id='upload-file')."""
    return {
        "output": CHECK_OUTPUT,
        "outputs": [{"id": "upload-report", "property": "children"}, {"id": "upload-load", "property": "disabled"},
                    {"id": "upload-validated", "property": "data"}, {"id": "upload-result", "property": "children"}],
        "inputs": [{"id": "upload-file", "property": "contents", "value": contents}],
        "changedPropIds": ["upload-file.contents"],
        "state": [{"id": "upload-file", "property": "filename", "value": filename},
                  {"id": "login-lang", "property": "data", "value": lang}],
    }


def load_body(app, contents: str, validated: dict, filename: str = "rapport.xlsx") -> dict:
    output = next(k for k in app.callback_map if k.startswith("..upload-result.children@"))
    return {
        "output": output,
        "outputs": [{"id": "upload-result", "property": "children"}, {"id": "upload-load", "property": "disabled"}],
        "inputs": [{"id": "upload-load", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["upload-load.n_clicks"],
        "state": [{"id": "upload-file", "property": "contents", "value": contents},
                  {"id": "upload-file", "property": "filename", "value": filename},
                  {"id": "upload-validated", "property": "data", "value": validated},
                  {"id": "login-lang", "property": "data", "value": "nl"}],
    }


def login_state_body(lang: str = "nl") -> dict:
    return {
        "output": "..login-status.children...login-gate.hidden..",
        "outputs": [{"id": "login-status", "property": "children"}, {"id": "login-gate", "property": "hidden"}],
        "inputs": [{"id": "login-lang", "property": "data", "value": lang}],
        "changedPropIds": [], "state": [],
    }


def post_callback(client, body):
    client.get("/upload")  # the first request sets Dash's callback map up, as a browser's would
    return client.post("/_dash-update-component", json=body)


def form_token(client, url: str = "/login") -> str:
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def login(client, name: str = NAME, password: str = PASSWORD, next_path: str = "/upload"):
    token = form_token(client)
    return client.post("/login", data={"username": name, "password": password, "csrf_token": token, "next": next_path})


def text_of(response) -> str:
    return json.dumps(response.get_json(), ensure_ascii=False)


def logout_token(response) -> str | None:
    """The CSRF token of the logout form in a callback response (None when there is no form)."""
    def walk(node):
        if isinstance(node, dict):
            if node.get("name") == "csrf_token":
                return node.get("value")
            return next((v for v in map(walk, node.values()) if v), None)
        if isinstance(node, list):
            return next((v for v in map(walk, node) if v), None)
        return None

    return walk(response.get_json())


@pytest.fixture
def spies(monkeypatch):
    """Record every call into validation and loading; the refusal tests expect none."""
    import etl.reports.load
    import etl.reports.validate

    calls = []

    def spy(name):
        def fail(*_a, **_k):
            calls.append(name)
            raise AssertionError(f"{name} ran for an anonymous request")
        return fail

    monkeypatch.setattr(etl.reports.validate, "validate_workbook", spy("validate_workbook"))
    monkeypatch.setattr(etl.reports.load, "load_reports", spy("load_reports"))
    return calls


# ------------------------------------------------------------------------------ hashing, users file

def test_hash_round_trip_and_unknown_users():
    hashed = auth.hash_password(PASSWORD)
    assert hashed.startswith("scrypt:") and PASSWORD not in hashed
    users = {NAME: auth.User(NAME, hashed)}
    assert auth.verify(users, NAME, PASSWORD) == users[NAME]
    assert auth.verify(users, " Test.Gebruiker ", PASSWORD) == users[NAME]  # names are case-insensitive
    assert auth.verify(users, NAME, PASSWORD + "x") is None
    assert auth.verify(users, "iemand.anders", PASSWORD) is None
    assert auth.hash_password(PASSWORD) != hashed  # salted


def test_add_user_writes_a_private_file_without_the_password(tmp_path, monkeypatch, capsys):
    from dashboard.__main__ import main

    path = tmp_path / "users.toml"
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["add-user", "An.Analist", "--users-file", str(path), "--password-stdin",
                 "--display-name", 'An "Analist" (SYNTHETISCH)']) == 0
    assert path.stat().st_mode & 0o777 == 0o600
    text = path.read_text()
    assert PASSWORD not in text and "scrypt:" in text
    users = auth.read_users(path)
    assert auth.verify(users, "an.analist", PASSWORD).display_name == 'An "Analist" (SYNTHETISCH)'
    first_hash = users["an.analist"].password_hash

    monkeypatch.setattr(sys, "stdin", io.StringIO("een-ander-wachtwoord\n"))  # a new password, same user
    assert main(["add-user", "an.analist", "--users-file", str(path), "--password-stdin"]) == 0
    users = auth.read_users(path)
    assert users["an.analist"].password_hash != first_hash
    assert users["an.analist"].display_name == 'An "Analist" (SYNTHETISCH)'  # kept
    assert auth.verify(users, "an.analist", PASSWORD) is None
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["users.toml"]  # no temp file left behind

    before = path.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.StringIO("kort\n"))
    assert main(["add-user", "bob", "--users-file", str(path), "--password-stdin"]) == 1
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["add-user", "bad name!", "--users-file", str(path), "--password-stdin"]) == 1
    assert path.read_bytes() == before
    assert "minstens 12 tekens" in capsys.readouterr().err


def test_add_user_command_line(tmp_path):
    path = tmp_path / "users.toml"
    result = subprocess.run([sys.executable, "-m", "dashboard", "add-user", "cli.test", "--users-file", str(path),
                             "--password-stdin"], input=PASSWORD + "\n", capture_output=True, text=True, cwd=REPO,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Toegevoegd: cli.test" in result.stdout
    assert auth.verify(auth.read_users(path), "cli.test", PASSWORD) is not None
    help_text = subprocess.run([sys.executable, "-m", "dashboard", "--help"], capture_output=True, text=True,
                               cwd=REPO, timeout=120).stdout
    assert "--port" in help_text and "add-user" in help_text  # serving is still the default command


@pytest.mark.parametrize("content", [
    '[users."x"]\npassword_hash = "geheim"\n',           # a plain password is never accepted
    '[users."x"]\npassword_hash = "md5$abc$def"\n',
    '[users."Bad Name"]\npassword_hash = "scrypt:1:1:1$a$b"\n',
    "this is not toml [",
])
def test_malformed_users_files_are_refused(tmp_path, monkeypatch, content):
    path = tmp_path / "users.toml"
    path.write_text(content)
    with pytest.raises(auth.UsersFileError) as caught:
        auth.read_users(path)
    assert "geheim" not in str(caught.value)
    monkeypatch.setenv("DASHBOARD_USERS_FILE", str(path))
    from dashboard.app import create_app

    client = create_app().server.test_client()
    assert client.get("/login").status_code == 503
    assert post_callback(client, login_state_body()).status_code == 200  # the public half still answers
    assert "login-disabled" in text_of(client.post("/_dash-update-component", json=login_state_body()))


# ------------------------------------------------------------------------------ upload off

def test_without_users_file_upload_is_off(monkeypatch, spies):
    monkeypatch.delenv("DASHBOARD_USERS_FILE", raising=False)
    from dashboard.app import create_app

    client = create_app().server.test_client()
    page = client.get("/login").get_data(as_text=True)
    assert "geen rapporteringen opgeladen" in page and "beheerder" in page and 'id="login-form"' not in page
    assert not any(word in page for word in ("DASHBOARD_USERS_FILE", "add-user", "python -m"))
    assert client.post("/login", data={"username": "admin", "password": "admin"}).status_code == 403
    state = post_callback(client, login_state_body())
    assert state.status_code == 200 and "Opladen staat uit" in text_of(state)
    # a visitor reads words, never the administrator's commands or settings (review 8b #2)
    assert "beheerder" in text_of(state)
    assert not any(word in text_of(state) for word in ("DASHBOARD_USERS_FILE", "add-user", "python -m"))
    assert client.post("/_dash-update-component", json=check_body(data_url(FIXTURE.read_bytes()))).status_code == 401
    assert spies == []


# ------------------------------------------------------------------------------ the guard

def test_anonymous_upload_callbacks_are_refused_and_nothing_runs(app, client, spies, tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTS_DIR", str(tmp_path / "reports"))
    contents = data_url(FIXTURE.read_bytes())
    response = post_callback(client, check_body(contents))
    assert response.status_code == 401 and response.get_json() == {"error": "login required"}
    sha = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    response = client.post("/_dash-update-component", json=load_body(app, contents, {"sha256": sha}))
    assert response.status_code == 401
    # A crafted body: the upload callback's output, its inputs renamed. Dash would still run the
    # upload callback, so the guard looks at the callback, not only at what the body says.
    crafted = check_body(contents)
    crafted["inputs"] = [{"id": "harmless", "property": "contents", "value": contents}]
    crafted["outputs"] = []
    crafted["state"] = []
    assert client.post("/_dash-update-component", json=crafted).status_code == 401
    assert client.post("/_dash-update-component", data="not json", content_type="application/json").status_code == 401
    assert spies == []
    assert not (tmp_path / "reports").exists()  # no attempt logged, nothing archived
    # the public half answers anonymous visitors with a login link, and nothing of a session
    state = client.post("/_dash-update-component", json=login_state_body())
    assert state.status_code == 200
    assert "/login?next=%2Fupload" in text_of(state) and "csrf" not in text_of(state)
    # other pages' callbacks are not affected
    assert client.post("/_dash-update-component", json={
        "output": "status-content.children", "outputs": {"id": "status-content", "property": "children"},
        "inputs": [{"id": "status-lang", "property": "data", "value": "nl"}], "changedPropIds": [], "state": [],
    }).status_code == 200


def test_upload_callbacks_check_the_login_themselves(app, spies):
    """Defence in depth: called without a logged-in session, the callbacks touch no data."""
    from dashboard.pages.upload import callbacks

    contents = data_url(FIXTURE.read_bytes())
    with app.server.test_request_context("/_dash-update-component", method="POST"):
        report, disabled, validated, _ = callbacks.check(contents, "rapport.xlsx", "nl")
        assert disabled is True and validated is None
        assert "niet (meer) aangemeld" in json.dumps(report, cls=plotly.utils.PlotlyJSONEncoder)
        result, disabled = callbacks.load(1, contents, "rapport.xlsx", {"sha256": "x"}, "nl")
        assert disabled is True and "niet (meer) aangemeld" in json.dumps(result, cls=plotly.utils.PlotlyJSONEncoder)
    assert spies == []


def test_protected_ids():
    assert auth.is_protected_id("upload-file")
    assert auth.is_protected_id({"type": "upload-row", "index": 3})
    assert auth.is_protected_id('{"index":["ALL"],"type":"upload-row"}')
    assert not auth.is_protected_id("login-status") and not auth.is_protected_id("portfolio-upload-x")


def test_layout_holds_no_session(app, users_file):
    """Dash keeps the first layout it builds for callback validation: it must not hold a user or token."""
    import flask

    user = auth.read_users(users_file)[NAME]
    with app.server.test_request_context("/upload"):
        flask.session.update(user=NAME, fp=auth._fingerprint(user), at=int(time.time()), csrf="TOKEN-123",
                             sid="SESSION-ID-123")
        assert auth.current_user() == user  # really logged in while the layout is built
        text = json.dumps(upload_page().layout(lang="nl"), cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)
    assert NAME not in text and "TOKEN-123" not in text and "Test Gebruiker" not in text
    assert '"hidden": true' in text  # the upload half starts hidden


# ------------------------------------------------------------------------------ /login and /logout

def test_wrong_password_refused_right_password_accepted(app, client):
    response = login(client, password="fout-wachtwoord-123")
    assert response.status_code == 200 and "klopt niet" in response.get_data(as_text=True)  # the form again
    assert post_callback(client, check_body(data_url(b"x"))).status_code == 401
    response = login(client, name="onbekend", password=PASSWORD)
    assert response.status_code == 200 and "klopt niet" in response.get_data(as_text=True)
    assert "Location" not in response.headers

    response = login(client)
    assert response.status_code == 303 and response.headers["Location"] == "/upload"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie
    state = client.post("/_dash-update-component", json=login_state_body())
    assert "Aangemeld als Test Gebruiker (SYNTHETISCH)" in text_of(state)
    assert len(logout_token(state)) >= 20  # the logout form carries the session's CSRF token


def test_login_page_and_prompt_in_english(client):
    page = client.get("/login?lang=en&next=/upload?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page and "User name" in page and "Password" in page
    assert 'name="next" value="/upload?lang=en"' in page
    state = text_of(post_callback(client, login_state_body("en")))
    assert "Log in to upload a report." in state and "lang=en" in state


def test_secure_cookie_setting(users_file, monkeypatch):
    monkeypatch.setenv("DASHBOARD_SECURE_COOKIE", "1")
    from dashboard.app import create_app

    client = create_app().server.test_client()
    assert "Secure" in login(client).headers["Set-Cookie"]


def test_login_without_csrf_token_is_refused(client):
    client.get("/login")
    response = client.post("/login", data={"username": NAME, "password": PASSWORD, "next": "/upload"})
    assert response.status_code == 400
    for forged in ("geraden", "géraden-ü"):
        response = client.post("/login", data={"username": NAME, "password": PASSWORD, "csrf_token": forged})
        assert response.status_code == 400
    fresh = client.application.test_client()  # a token from another session does not count either
    response = fresh.post("/login", data={"username": NAME, "password": PASSWORD, "csrf_token": form_token(client)})
    assert response.status_code == 400
    assert post_callback(client, check_body(data_url(b"x"))).status_code == 401


@pytest.mark.parametrize("target", [
    "https://evil.example/upload", "//evil.example/upload", "/\\evil.example", "\\\\evil.example",
    "javascript:alert(1)", "/\t/evil.example", "http:/evil.example", " //evil.example", "upload",
])
def test_next_never_leaves_the_site(client, target):
    assert auth.safe_next(target) == "/upload"
    response = login(client, next_path=target)
    assert response.status_code == 303 and response.headers["Location"] == "/upload"


def test_next_within_the_site_is_kept(client):
    assert auth.safe_next("/upload?lang=en") == "/upload?lang=en"
    assert login(client, next_path="/upload?lang=en").headers["Location"] == "/upload?lang=en"


def test_logout_ends_the_session(client):
    login(client)
    token = logout_token(client.post("/_dash-update-component", json=login_state_body()))
    assert client.post("/logout", data={"next": "/upload"}).status_code == 400  # no token: no logout
    response = client.post("/logout", data={"csrf_token": token, "next": "//evil.example"})
    assert response.status_code == 303 and response.headers["Location"] == "/upload"
    assert client.post("/_dash-update-component", json=check_body(data_url(b"x"))).status_code == 401


def test_a_cookie_copied_before_logout_opens_nothing_after_it(app, client, spies):
    login(client)
    state = client.post("/_dash-update-component", json=login_state_body())
    copied = client.get_cookie("session").value
    thief = app.server.test_client()
    thief.set_cookie("session", copied)
    assert "Aangemeld als" in text_of(thief.post("/_dash-update-component", json=login_state_body()))
    assert client.post("/logout", data={"csrf_token": logout_token(state), "next": "/upload"}).status_code == 303
    assert thief.post("/_dash-update-component", json=check_body(data_url(b"x"))).status_code == 401
    assert "Aangemeld als" not in text_of(thief.post("/_dash-update-component", json=login_state_body()))
    assert spies == []
    login(client)  # a new login is a new session, not the ended one
    assert "Aangemeld als" in text_of(client.post("/_dash-update-component", json=login_state_body()))


def test_a_new_password_or_a_removed_user_ends_sessions(client, users_file):
    login(client)
    assert "Aangemeld als" in text_of(post_callback(client, login_state_body()))
    auth.set_user(users_file, NAME, "een-nieuw-wachtwoord-99")
    assert client.post("/_dash-update-component", json=check_body(data_url(b"x"))).status_code == 401
    assert "Aangemeld als" not in text_of(client.post("/_dash-update-component", json=login_state_body()))


def test_failed_logins_are_rate_limited(client):
    for _ in range(auth.MAX_FAILURES_PER_USER):
        assert "klopt niet" in login(client, password="fout-wachtwoord-123").get_data(as_text=True)
    blocked = login(client)  # even the right password, while blocked
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    assert "Te veel mislukte pogingen" in blocked.get_data(as_text=True)
    assert post_callback(client, check_body(data_url(b"x"))).status_code == 401


def test_throttle_counts_per_user_and_per_ip_and_forgets():
    now = [1000.0]
    throttle = auth.LoginThrottle(per_user=2, per_ip=3, window=60, clock=lambda: now[0])
    throttle.failed("1.1.1.1", "a")
    assert throttle.retry_after("1.1.1.1", "a") == 0
    throttle.failed("2.2.2.2", "a")
    assert throttle.retry_after("3.3.3.3", "a") == 60       # the user, from any address
    assert throttle.retry_after("1.1.1.1", "b") == 0
    throttle.failed("1.1.1.1", "b")
    throttle.failed("1.1.1.1", "c")
    assert throttle.retry_after("1.1.1.1", "d") > 0          # the address, for any user
    now[0] += 61
    assert throttle.retry_after("1.1.1.1", "a") == 0 and throttle.retry_after("1.1.1.1", "d") == 0
    throttle.failed("1.1.1.1", "a")
    throttle.succeeded("a")
    throttle.failed("1.1.1.1", "a")
    assert throttle.retry_after("9.9.9.9", "a") == 0         # a login resets the user's count


# ------------------------------------------------------------------------------ logged in: check and load

def test_logged_in_check_shows_problems_cell_by_cell(etl_root, client):
    from etl.reports.attempts import read_attempts

    assert login(client).status_code == 303
    response = post_callback(client, check_body(data_url(broken_workbook()), "kapot (SYNTHETISCH).xlsx"))
    assert response.status_code == 200
    body = response.get_json()["response"]
    assert body["upload-load"]["disabled"] is True and body["upload-validated"]["data"] is None
    text = json.dumps(body["upload-report"], ensure_ascii=False)
    for part in ("kapot (SYNTHETISCH).xlsx", "Budget", "D3", "getal verwacht, gevonden 'veel'",
                 "een bedrag in euro: getal van 0 of meer", "Wat wordt verwacht"):
        assert part in text, part
    [attempt] = read_attempts(etl_root / "reports")
    assert (attempt["user"], attempt["channel"], attempt["ok"], attempt["loaded"]) == (NAME, "upload", False, False)
    assert not (etl_root / "reports" / "ledger.jsonl").exists()


def test_logged_in_check_then_load(app, etl_root, client, read_only):
    import duckdb

    from etl.reports.attempts import read_attempts

    login(client)
    data = FIXTURE.read_bytes()
    contents = data_url(data)
    body = post_callback(client, check_body(contents, "voorbeeld_rapportage_SYNTHETISCH.xlsx")).get_json()["response"]
    assert body["upload-load"]["disabled"] is False
    validated = body["upload-validated"]["data"]
    assert validated["sha256"] == hashlib.sha256(data).hexdigest()
    summary = json.dumps(body["upload-report"], ensure_ascii=False)
    for part in ("geldig", "lbn-001", "2024", "2023, 2024", "2024-H1: kinderen bereikt",
                 "Scholen met een brugfiguur (SYNTHETISCH) (2024)"):
        assert part in summary, part

    changed = client.post("/_dash-update-component", json=load_body(app, data_url(broken_workbook()), validated))
    assert "veranderd sinds de controle" in text_of(changed)  # only what was checked is loaded
    con = duckdb.connect(str(etl_root / "warehouse.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM report").fetchone()[0] == 0
    con.close()

    loaded = client.post("/_dash-update-component",
                         json=load_body(app, contents, validated, "voorbeeld_rapportage_SYNTHETISCH.xlsx"))
    assert loaded.status_code == 200
    result = loaded.get_json()["response"]
    assert result["upload-load"]["disabled"] is True and "Geladen als rapport" in json.dumps(result)
    con = read_only(etl_root / "warehouse.duckdb")
    assert con.execute("SELECT loaded_by, file_name, project_id, period FROM report").fetchall() == [
        (NAME, "voorbeeld_rapportage_SYNTHETISCH.xlsx", "lbn-001", "2024")]
    assert con.execute("SELECT count(*) FROM project_budget").fetchone()[0] == 2
    ledger = [json.loads(line) for line in (etl_root / "reports" / "ledger.jsonl").read_text().splitlines()]
    assert [e["loaded_by"] for e in ledger] == [NAME]
    attempts = read_attempts(etl_root / "reports")
    assert [(a["channel"], a["ok"], a["loaded"]) for a in attempts] == [("upload", True, False), ("upload", True, True)]


def test_upload_without_warehouse_says_so(no_warehouse, client):
    login(client)
    body = post_callback(client, check_body(data_url(FIXTURE.read_bytes()))).get_json()["response"]
    assert "python -m etl build" in json.dumps(body["upload-report"]) and body["upload-load"]["disabled"] is True


def test_unreadable_upload_is_reported(client):
    login(client)
    body = post_callback(client, check_body("data:text/plain;base64,@@@")).get_json()["response"]
    assert "kon niet gelezen worden" in json.dumps(body["upload-report"])


def test_file_names_are_reduced_to_plain_names():
    from dashboard.pages.upload.workbook import safe_file_name

    assert safe_file_name("C:\\fakepath\\rapport 2024.xlsx") == "rapport 2024.xlsx"
    assert safe_file_name("../../etc/passwd") == "passwd"
    assert safe_file_name("..") == "upload.xlsx"
    assert safe_file_name("<script>.xlsx") == "_script_.xlsx"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_upload_page_shows_no_commands_or_settings(no_warehouse, app, lang):
    """Visitors and project officers read words: the commands and settings are the administrator's."""
    from dashboard.pages.upload import layout, view
    from tests.dash_pages import as_text

    texts = [as_text(layout.build(lang)), as_text(view.upload_off("disabled", lang)),
             as_text(view.upload_off("unavailable", lang))]
    with app.server.test_request_context("/upload"):  # the login link reads the app's path prefix
        texts.append(as_text(view.login_prompt(lang)))
    for text in texts:
        assert not any(word in text for word in ("python -m", "DASHBOARD_USERS_FILE", "add-user", "--project", "export "))
    who = "beheerder" if lang == "nl" else "administrator"
    assert who in texts[1] and who in texts[3]
