"""Whole callback answers kept per build (dashboard.warming) are never served stale: the reporting
tracker's depend also on the attempts log and on today's date, so a new attempt (an upload, a CLI
load) or a new day gives a new answer; the project page's layout is kept per build and per URL.

Attempts are SYNTHETIC (invented files and problems)."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil

import flask
import pytest

from dashboard import db, warming
from dashboard.pages.reporting import view
from etl.reports.attempts import record_attempt
from etl.reports.validate import Problem, ValidationReport

TRACKER_OUTPUT = "..reporting-table-box.children...reporting-count.children...reporting-refused-box.children.."
ROUTER_OUTPUT = ".._pages_content.children..._pages_store.data.."


def tracker_body(province=None) -> dict:
    values = {"reporting-programme": None, "reporting-province": province, "reporting-status": None}
    inputs = [{"id": k, "property": "value", "value": v} for k, v in values.items()]
    inputs.append({"id": "reporting-lang", "property": "data", "value": "nl"})
    outputs = [{"id": f"reporting-{name}", "property": "children"} for name in ("table-box", "count", "refused-box")]
    return {"output": TRACKER_OUTPUT, "outputs": outputs,
            "inputs": inputs, "state": [], "changedPropIds": ["reporting-programme.value"]}


def router_body(pathname: str, search: str) -> dict:
    return {"output": ROUTER_OUTPUT, "outputs": [{"id": "_pages_content", "property": "children"},
                                                 {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "state": [], "changedPropIds": ["_pages_location.pathname"]}


def refuse(reports_dir, file_name: str) -> None:
    """One refused attempt in the log, as the upload page records it."""
    report = ValidationReport(file_name, 10, project_id="lbn-001", period="2024",
                              problems=[Problem(file_name, "Budget", "B4", "leeg", "een getal")])
    record_attempt(reports_dir, file_name=file_name, sha256=None, user="tester", channel="upload",
                   report=report, loaded=False)


class Today:
    """date.today() for the tracker's module, set by the test (a new day without waiting for one)."""

    def __init__(self, monkeypatch, day: dt.date):
        self.day = day
        outer = self

        class FakeDate(dt.date):
            @classmethod
            def today(cls):
                return outer.day

        monkeypatch.setattr(view, "date", FakeDate)


def swap(path) -> None:
    fresh = path.with_name(path.name + ".next")
    shutil.copyfile(path, fresh)
    os.replace(fresh, path)


# --------------------------------------------------------------- synthetic: the answer key

@pytest.fixture
def echo_server(tmp_path, monkeypatch):
    """A Flask server with the answer cache, whose tracker "callback" answers with what it read: the
    attempts log and today's date, and how often it was computed. Its warehouse is a file that only
    stands for a build (answers are kept per build); nothing reads it."""
    stand_in = tmp_path / "warehouse.duckdb"
    stand_in.write_bytes(b"a build")
    monkeypatch.setenv("WAREHOUSE_PATH", str(stand_in))
    monkeypatch.setenv("REPORTS_DIR", str(tmp_path / "reports"))
    server = flask.Flask(__name__)
    warming.install(server)
    computed = []

    @server.post("/_dash-update-component")
    def tracker():
        computed.append(1)
        return {"files": [a["file_name"] for a in view.read_attempts_now()], "today": view.date.today().isoformat()}

    return server.test_client(), tmp_path / "reports", computed


def test_a_new_attempt_is_seen_by_the_tracker_and_repeats_come_from_the_cache(echo_server):
    client, reports_dir, computed = echo_server
    assert client.post("/_dash-update-component", json=tracker_body()).json["files"] == []
    assert client.post("/_dash-update-component", json=tracker_body()).json["files"] == []
    assert len(computed) == 1, "the same request on the same build, log and day is answered from the cache"
    refuse(reports_dir, "eerste.xlsx")
    assert client.post("/_dash-update-component", json=tracker_body()).json["files"] == ["eerste.xlsx"]
    refuse(reports_dir, "tweede.xlsx")
    assert client.post("/_dash-update-component", json=tracker_body()).json["files"] == ["eerste.xlsx", "tweede.xlsx"]
    assert len(computed) == 3
    assert len(warming.answers(db.current_build()).requests()) == 1, "one request, replayed once on a new build"


def test_a_new_day_is_seen_by_the_tracker(echo_server, monkeypatch):
    client, _, computed = echo_server
    today = Today(monkeypatch, dt.date(2026, 3, 31))
    assert client.post("/_dash-update-component", json=tracker_body()).json["today"] == "2026-03-31"
    today.day = dt.date(2026, 4, 1)
    assert client.post("/_dash-update-component", json=tracker_body()).json["today"] == "2026-04-01"
    assert client.post("/_dash-update-component", json=tracker_body()).json["today"] == "2026-04-01"
    assert len(computed) == 2


def test_only_pure_pages_of_the_router_are_kept():
    raw = b"{}"
    assert warming.answer_key(router_body("/project", "?id=lbn-001"), raw) is not None
    assert warming.answer_key(router_body("/project/", "?id=lbn-001&lang=en"), raw) is not None
    for pathname in ("/upload", "/rapportering", "/", None, ["/project"]):
        assert warming.answer_key(router_body(pathname, ""), raw) is None
    assert warming.answer_key({"output": ROUTER_OUTPUT, "inputs": "not a list"}, raw) is None
    assert warming.answer_key(["not", "a", "body"], raw) is None


# ------------------------------------------------------------------ the real pages, one build

def test_the_real_tracker_answer_follows_the_attempts_log_and_the_date(app, real_warehouse, tmp_path, monkeypatch):
    reports_dir = tmp_path / "reports"
    monkeypatch.setenv("REPORTS_DIR", str(reports_dir))
    today = Today(monkeypatch, dt.date(2024, 6, 1))
    client = app.server.test_client()
    client.get("/")
    first = client.post("/_dash-update-component", json=tracker_body())
    assert first.status_code == 200 and b"geweigerd.xlsx" not in first.data
    assert client.post("/_dash-update-component", json=tracker_body()).data == first.data
    refuse(reports_dir, "geweigerd.xlsx")
    refused = client.post("/_dash-update-component", json=tracker_body())
    assert b"geweigerd.xlsx" in refused.data, "an upload refused after the first answer is shown"
    today.day = dt.date(2030, 6, 1)  # later years are due, earlier ones are late
    later = client.post("/_dash-update-component", json=tracker_body())
    assert later.status_code == 200 and later.data != refused.data
    assert json.loads(later.data) == json.loads(client.post("/_dash-update-component", json=tracker_body()).data)


def test_the_project_page_is_kept_per_build_and_per_project_and_language(app, real_warehouse, tmp_path, monkeypatch):
    live = tmp_path / "warehouse.duckdb"
    shutil.copyfile(real_warehouse, live)
    monkeypatch.setenv("WAREHOUSE_PATH", str(live))
    client = app.server.test_client()
    client.get("/")
    bodies = [router_body("/project", "?id=lbn-001"), router_body("/project", "?id=lbn-020&lang=en")]
    answers = [client.post("/_dash-update-component", json=b) for b in bodies]
    assert all(a.status_code == 200 for a in answers) and answers[0].data != answers[1].data
    assert b"lbn-001" in answers[0].data and b"lbn-020" in answers[1].data
    build = db.current_build()
    assert len(warming.answers(build).requests()) == 2
    assert client.post("/_dash-update-component", json=bodies[0]).data == answers[0].data
    swap(live)
    again = client.post("/_dash-update-component", json=bodies[0])
    assert again.status_code == 200 and db.current_build() is not build
    assert len(warming.answers(db.current_build()).requests()) == 1, "the new build answers afresh"
