"""The app without a browser: factory, pages' layouts, the /geo route, components, the CLI."""
import gzip
import json
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import dash
import duckdb
import pytest

from dashboard.ui import components
from dashboard.urls import with_query
from tests.dash_pages import as_text, page
from tests.waiting import wait_until

REPO = Path(__file__).resolve().parent.parent


def test_create_app_reads_no_data(monkeypatch, synthetic_warehouse):
    def refuse(*_a, **_k):
        raise AssertionError("a DuckDB connection was opened while building the app")

    monkeypatch.setattr(duckdb, "connect", refuse)
    from dashboard.app import create_app

    app = create_app()
    assert app.use_pages and app.config.serve_locally
    assert {p["path"] for p in dash.page_registry.values()} >= {"/", "/status"}


def test_index_is_served_locally_and_compressed(app, synthetic_warehouse):
    client = app.server.test_client()
    resp = client.get("/status?lang=en", headers={"Accept-Encoding": "gzip"})
    assert resp.status_code == 200
    assert resp.headers.get("Content-Encoding") == "gzip"
    html = gzip.decompress(resp.data).decode()
    assert '<html lang="en">' in html  # the language of the URL, before any script runs
    assert "Kinderarmoedemonitor" in html
    assert 'src="http' not in html and 'href="http' not in html, "every script and style must be local"
    assert "style.css" in html


def test_layouts_read_no_data_and_index_carries_none(app, synthetic_warehouse, monkeypatch):
    client = app.server.test_client()
    html = client.get("/status").data.decode()  # Dash embeds every page's layout() here
    assert "synthetic-kinderarmoede-csv" not in html and "Kansarmoede" not in html

    def refuse(*_a, **_k):
        raise AssertionError("layout() read the warehouse")

    monkeypatch.setattr("dashboard.db.reader", refuse)
    for path in ("/overzicht", "/status", "/data"):
        text = as_text(page(path).layout(lang="en"))
        assert '"data": "en"' in text  # the language is handed to the page's callback
    assert '"lang": "en"' in as_text(page("/").layout(lang="en"))  # the map: in its view state


def test_page_callbacks_are_not_duplicated_by_a_second_app(synthetic_warehouse):
    from dashboard.app import create_app

    create_app()  # never serves a request, so its page callbacks stay queued in Dash
    second = create_app()
    outputs = [d["output"] for d in second.server.test_client().get("/_dash-dependencies").json]
    assert len(outputs) == len(set(outputs))
    assert "status-content.children" in outputs and "home-content.children" in outputs


def test_status_page_nl_and_en(app, synthetic_warehouse):
    render = page("/status").render
    nl, en = as_text(render("nl")), as_text(render("en"))
    for text in ("synthetic-kinderarmoede-csv", "Kansarmoede-index (synthetisch)", "Uitgever",
                 "Dekking per indicator en jaar", "1.234.567", "Herberekend 2025", "hoger is ongunstiger"):
        assert text in nl, text
    for text in ("Sources", "Publisher", "Deprivation index (synthetic)", "1,234,567", "Recomputed 2025"):
        assert text in en, text
    assert "Uitgever" not in en
    # unknown query parameters are ignored, a repeated lang takes the last one
    assert "Data status" in as_text(page("/status").layout(lang=["nl", "en"], indicator="x"))


def test_home_page(app, synthetic_warehouse):
    text = as_text(page("/overzicht").render("nl"))
    assert "22-11-2026 10:31" in text and "2021–2023" in text and "/status" in text
    assert "/status?lang=en" in as_text(page("/overzicht").render("en"))


@pytest.mark.parametrize("path", ["/overzicht", "/data", "/status"])
@pytest.mark.parametrize("lang, title", [("nl", "Het datawarehouse is nog niet gebouwd"),
                                         ("en", "The data warehouse has not been built yet")])
def test_pages_say_the_warehouse_is_not_built(app, no_warehouse, path, lang, title):
    text = as_text(page(path).render(lang))
    assert title in text
    assert "python -m etl build" in text
    assert "not-built.duckdb" in text


def test_unreadable_warehouse_message(app, tmp_path, monkeypatch):
    bad = tmp_path / "w.duckdb"
    bad.write_text("not a database")
    monkeypatch.setenv("WAREHOUSE_PATH", str(bad))
    text = as_text(page("/status").render("nl"))
    assert "kon niet gelezen worden" in text and "python -m etl build" in text


# ----------------------------------------------------------------------------- /geo

def test_geo_serves_layers_with_cache_headers(app, synthetic_warehouse, tmp_path):
    client = app.server.test_client()
    resp = client.get("/geo/municipalities_2025.geojson")
    assert resp.status_code == 200
    assert resp.mimetype == "application/geo+json"
    assert json.loads(resp.data)["type"] == "FeatureCollection"
    assert "no-cache" in resp.headers["Cache-Control"]
    etag = resp.headers["ETag"]
    assert client.get("/geo/municipalities_2025.geojson", headers={"If-None-Match": etag}).status_code == 304
    versioned = client.get("/geo/municipalities_2025.geojson?v=abc123")
    assert "immutable" in versioned.headers["Cache-Control"] and "max-age=31536000" in versioned.headers["Cache-Control"]
    zipped = client.get("/geo/municipalities_2025.geojson", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers.get("Content-Encoding") == "gzip"
    assert json.loads(gzip.decompress(zipped.data))["features"][0]["properties"]["nis_code"] == "11901"


@pytest.mark.parametrize("url", [
    "/geo/missing_2025.geojson",
    "/geo/..%2Fwarehouse.duckdb",
    "/geo/../warehouse.duckdb",
    "/geo/%2E%2E/warehouse.duckdb",
    "/geo/sub/municipalities_2025.geojson",
    "/geo/.hidden.geojson",
    "/geo/notes.txt",
])
def test_geo_refuses_anything_else(app, synthetic_warehouse, tmp_path, url):
    (tmp_path / "geo" / "notes.txt").write_text("secret")
    (tmp_path / "geo" / ".hidden.geojson").write_text("{}")
    (tmp_path / "geo" / "sub").mkdir()
    (tmp_path / "geo" / "sub" / "municipalities_2025.geojson").write_text("{}")
    resp = app.server.test_client().get(url)
    assert resp.status_code == 404
    assert b"secret" not in resp.data and not resp.data.startswith(b"{")


def test_geo_folder_itself_is_not_listed(app, synthetic_warehouse):
    resp = app.server.test_client().get("/geo/")
    assert b"municipalities_2025" not in resp.data  # the app's index (its 404 page), no listing


# ------------------------------------------------------------------------ components

def test_only_web_urls_become_links():
    assert components.safe_href("https://example.org/a.csv") == "https://example.org/a.csv"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.example", "ftp://x/y", None, 3):
        assert components.safe_href(bad) is None
    link = components.cell("url", "javascript:alert(1)", "nl")
    assert link.to_plotly_json()["type"] == "Span"


def test_url_cells_read_as_the_file_name_with_the_host_below():
    long = "https://raw.githubusercontent.com/org/repo/0123456789abcdef/data/deep/folder/gemeente%202018.xlsx"
    assert components.url_parts(long) == ("gemeente 2018.xlsx", "raw.githubusercontent.com")
    assert components.url_parts("https://example.org/") == ("example.org", "example.org")
    link, host = components.cell("url", long, "nl")
    assert link.href == long and link.title == long and link.children == "gemeente 2018.xlsx"
    assert host.children == "raw.githubusercontent.com"


def test_repeated_long_values_show_as_ditto_after_every_sort():
    columns = [{"key": "id", "kind": "text", "label": "Id"},
               {"key": "publisher", "kind": "text", "label": "Uitgever", "ditto": True}]
    rows = [{"id": "a", "publisher": "Statbel"}, {"id": "b", "publisher": "Statbel"}, {"id": "c", "publisher": "OCMW"}]

    def shown(ordered):
        return [as_text(tr.children[1].children) for tr in components._body_rows(columns, ordered, "nl")]

    first, second, third = shown(rows)
    assert '"Statbel"' in first and "idem" not in first
    assert "idem" in second and "Statbel" in second  # full text stays for screen readers and hover
    assert "OCMW" in third and "idem" not in third
    by_id_desc = components.sort_rows(rows, "id", "text", False)  # c, b, a: only a repeats b
    assert ["idem" in cell for cell in shown(by_id_desc)] == [False, False, True]


def test_sort_rows_keeps_missing_last_and_ignores_accents():
    rows = [{"n": 3, "s": "Zele"}, {"n": None, "s": None}, {"n": 10, "s": "Écaussinnes"}, {"n": 2, "s": "aalst"}]
    assert [r["n"] for r in components.sort_rows(rows, "n", "int", True)] == [2, 3, 10, None]
    assert [r["n"] for r in components.sort_rows(rows, "n", "int", False)] == [10, 3, 2, None]
    assert [r["s"] for r in components.sort_rows(rows, "s", "text", True)] == ["aalst", "Écaussinnes", "Zele", None]


def test_with_query_keeps_other_parameters():
    assert with_query("/status", "?indicator=x&lang=nl", lang="en") == "/status?indicator=x&lang=en"
    assert with_query("/status", "?lang=en", lang=None) == "/status"
    assert with_query("/", "", lang="en") == "/?lang=en"
    # a path that already has a query (page_href in English) gets one query, not two
    assert with_query("/gemeente?lang=en", None, nis="46029", lang="en") == "/gemeente?nis=46029&lang=en"
    assert with_query("/gemeente?lang=en", "?x=1", lang=None) == "/gemeente?x=1"


# ------------------------------------------------------------------------------- CLI

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cli_starts_without_a_warehouse(tmp_path):
    port = _free_port()
    env = {**os.environ, "WAREHOUSE_PATH": str(tmp_path / "none.duckdb"), "PYTHONPATH": str(REPO)}
    # One worker: what is tested is the start without a warehouse, not the number of workers (on a
    # busy 2-core machine, starting and stopping several took longer than the waits below).
    proc = subprocess.Popen([sys.executable, "-m", "dashboard", "--port", str(port), "--workers", "1"], cwd=REPO,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def answer():
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=5).status
        except OSError:
            assert proc.poll() is None, "the dashboard exited before it answered"
            return None

    try:
        assert wait_until(answer, timeout=60, message="the dashboard did not answer", interval=0.2) == 200
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert "python -m etl build" in err


def _ids(component, found: set) -> set:
    """Every string id in a component tree."""
    if isinstance(component, (list, tuple)):
        for c in component:
            _ids(c, found)
        return found
    if hasattr(component, "to_plotly_json"):
        cid = getattr(component, "id", None)
        if isinstance(cid, str):
            found.add(cid)
        _ids(getattr(component, "children", None), found)
    return found


@pytest.mark.parametrize("app", ["no_warehouse", "synthetic_warehouse"], indirect=True)
def test_every_callback_id_is_in_the_layouts_dash_validates_against(app):
    """Dash checks each callback's ids against the first layout it builds of every page (no query);
    an id missing there is a console error on every page. Without a warehouse too."""
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    found = _ids(app.layout() if callable(app.layout) else app.layout, set())
    for entry in dash.page_registry.values():
        layout = entry["layout"]
        _ids(layout() if callable(layout) else layout, found)
    missing = set()
    for key, spec in app.callback_map.items():
        parts = [p for p in key.strip(".").split("...")] + [f"{i['id']}.{i['property']}" for i in spec["inputs"]] \
            + [f"{s['id']}.{s['property']}" for s in spec.get("state", [])]
        for part in parts:
            cid = part.rsplit(".", 1)[0].split("@")[0]
            if cid.startswith("{"):  # pattern-matching ids are not checked against the layout
                continue
            if cid not in found:
                missing.add(cid)
    assert not missing, sorted(missing)


def _dropdowns(component, found: list) -> list:
    if isinstance(component, (list, tuple)):
        for c in component:
            _dropdowns(c, found)
    elif hasattr(component, "to_plotly_json"):
        if type(component).__name__ == "Dropdown":
            found.append(component)
        _dropdowns(getattr(component, "children", None), found)
    return found


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_dropdown_speaks_the_page_language(app, no_warehouse, lang):
    """Dash's dropdowns say "Search" and "3 selected" unless given their labels."""
    from dashboard.ui.components import dropdown_labels

    found = []
    for entry in dash.page_registry.values():
        layout = entry["layout"]
        _dropdowns(layout(lang=lang) if callable(layout) else layout, found)
    assert len(found) >= 15
    for dd in found:
        assert getattr(dd, "labels", None) == dropdown_labels(lang), dd.id
    assert dropdown_labels("nl")["selected_count"] == "{num_selected} gekozen"


# ------------------------------------------------------------- the shell's links that keep the view

SHELL_LINKS = "..app-lang.children...app-present.children.."


def _shell_links(app, lang: str, pathname: str, search: str, mode: str = "off") -> dict:
    """The shell's language switch and presentation link as the server draws them (a callback request)."""
    client = app.server.test_client()
    client.get("/")
    response = client.post("/_dash-update-component", json={
        "output": SHELL_LINKS,
        "outputs": [{"id": "app-lang", "property": "children"}, {"id": "app-present", "property": "children"}],
        "inputs": [{"id": "app-lang-current", "property": "data", "value": lang},
                   {"id": "app-present-mode", "property": "children", "value": mode}],
        "state": [{"id": "app-url", "property": "pathname", "value": pathname},
                  {"id": "app-url", "property": "search", "value": search}],
        "changedPropIds": ["app-lang-current.data"]})
    assert response.status_code == 200
    return response.get_json()["response"]


def test_a_control_writing_the_url_costs_no_server_round_trip(app, no_warehouse):
    """Issue 14 (need "top %" within 1 s): a page writing its view into the address bar
    (app-url.search) starts no server callback; the shell follows the query in the browser
    (assets/view_links.js), and draws its links again only for a new language or mode."""
    on_search = [cb for cb in app._callback_list
                 if any(i["id"] == "app-url" and i["property"] == "search" for i in cb["inputs"])]
    assert on_search and all(cb.get("clientside_function") for cb in on_search), \
        [cb["output"] for cb in on_search if not cb.get("clientside_function")]
    links = next(cb for cb in app._callback_list if cb["output"] == SHELL_LINKS)
    assert not links.get("clientside_function")
    assert {f"{i['id']}.{i['property']}" for i in links["inputs"]} == {"app-lang-current.data",
                                                                      "app-present-mode.children"}


def test_view_links_keep_the_view_and_say_their_language(app, no_warehouse):
    drawn = _shell_links(app, "en", "/gemeente", "?nis=46029&lang=en")
    switch = drawn["app-lang"]["children"]
    dutch = next(c for c in switch if c["props"].get("id") == "app-lang-nl")
    assert dutch["type"] == "A" and dutch["props"]["href"] == "/gemeente?nis=46029"
    assert "in-page-link" in dutch["props"]["className"].split()  # followed in the page, as a dcc.Link
    assert json.loads(dutch["props"]["data-view-change"]) == {"lang": None}  # its href follows the URL
    label = dutch["props"]["children"][1]["props"]
    assert label == {"children": "Nederlands", "className": "visually-hidden", "lang": "nl"}
    current = next(c for c in switch if c["type"] == "Span")
    assert current["props"]["children"][1]["props"]["className"] == "visually-hidden"
    enter = drawn["app-present"]["children"]["props"]
    assert enter["id"] == "app-present-enter" and enter["href"] == "/gemeente?nis=46029&lang=en&present=1"
    assert json.loads(enter["data-view-change"]) == {"present": "1"}
    # in presentation mode: the way out (Escape clicks it) and the method one link away
    method, leave = _shell_links(app, "nl", "/", "?present=1&indicator=x", mode="on")["app-present"]["children"]
    assert leave["props"]["id"] == "app-present-exit" and leave["props"]["href"] == "/?indicator=x"
    assert method["props"]["id"] == "app-present-method"
