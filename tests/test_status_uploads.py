"""Issue 14 (no developer words on user pages): the commands and settings that switch uploading on
are on /status, for the administrator, each with what it does, in Dutch and English; /upload and
/login keep saying in words only that uploading is off. SYNTHETIC warehouse (or none)."""
from __future__ import annotations

import pytest

from dashboard.i18n import t
from tests.dash_pages import as_text, find, page, text_of

COMMANDS = ("python -m dashboard add-user", "--users-file", "export DASHBOARD_USERS_FILE=", "export DASHBOARD_SECURE_COOKIE=1",
            "export DASHBOARD_SECRET_KEY=", "export DASHBOARD_THROTTLE_STORAGE=", "export DASHBOARD_TRUSTED_PROXIES=",
            "export DASHBOARD_MAX_CONTENT_LENGTH=4000000")


@pytest.mark.parametrize("app", ["synthetic_warehouse", "no_warehouse"], indirect=True)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_status_shows_the_upload_commands_and_what_each_does(app, lang):
    status = page("/status")
    out = status.render(lang)
    section = find(out, "status-uploads")
    assert section is not None
    text = text_of(section)
    for command in COMMANDS:
        assert command in text, command
    steps, settings = find(section, "status-uploads-steps"), find(section, "status-uploads-settings")
    assert len(steps.children) == len(status.UPLOAD_STEPS) == 3
    for item in steps.children:  # each step: its command, then what it does
        command, does = item.children
        assert command.className == "command" and does.children
    # each setting: its command (dt), then what it does (dd), in the page's language
    terms = [c for c in settings.children if type(c).__name__ == "Dt"]
    meanings = [c.children for c in settings.children if type(c).__name__ == "Dd"]
    assert len(terms) == len(meanings) == len(status.UPLOAD_SETTINGS)
    assert meanings == [t(f"status.uploads.{key}", lang) for key, _command in status.UPLOAD_SETTINGS]
    off = "staat opladen uit" if lang == "nl" else "uploading is off"
    assert off in text and ("0600" in text) and ("12" in text)
    if find(out, "status-builds") is not None:  # with a warehouse, the table of contents links to it
        assert '"href": "#status-uploads"' in as_text(out)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_login_page_shows_no_upload_commands(no_warehouse, app, lang, monkeypatch):
    monkeypatch.delenv("DASHBOARD_USERS_FILE", raising=False)
    client = app.server.test_client()
    login = client.get(f"/login?lang={lang}").get_data(as_text=True)
    assert ("beheerder" if lang == "nl" else "administrator") in login
    for command in (*COMMANDS, "python -m", "add-user", "DASHBOARD_"):
        assert command not in login, command
