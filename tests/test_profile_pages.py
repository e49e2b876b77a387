"""Profile (/gemeente) and comparison (/vergelijk) without a browser: data, peers, downloads, speed."""
from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook

from dashboard.pages.compare import exports as compare_exports
from dashboard.pages.compare import view as compare
from dashboard.pages.profile import exports as profile_exports
from dashboard.pages.profile.callbacks import render as render_profile
from dashboard.ui import downloads
from tests.dash_pages import as_text, page

# ------------------------------------------------------------------------------ downloads

def test_csv_is_belgian_and_never_a_formula():
    cols = [downloads.Column("name", "Gemeente"), downloads.Column("v", "Waarde", "number", 1),
            downloads.Column("n", "Aantal", "int")]
    rows = [{"name": "=HYPERLINK(\"http://x\")", "v": 1234.56, "n": 1234567},
            {"name": "+cmd", "v": -0.04, "n": None}, {"name": "Sint-Niklaas; \"Waas\"", "v": None, "n": 3}]
    text = downloads.csv_bytes(cols, rows).decode("utf-8")
    assert text.startswith("\ufeff")
    got = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert got[0] == ["Gemeente", "Waarde", "Aantal"]
    assert got[1] == ["'=HYPERLINK(\"http://x\")", "1234,6", "1234567"]
    assert got[2] == ["'+cmd", "0,0", ""]
    assert got[3] == ["Sint-Niklaas; \"Waas\"", "", "3"]
    assert downloads.belgian_number(2.5e-07) == "0,00000025"


def test_excel_has_real_numbers_and_text_stays_text(tmp_path):
    cols = [downloads.Column("name", "Gemeente"), downloads.Column("v", "Waarde", "number", 2)]
    data = downloads.workbook_bytes([downloads.Sheet("Blad: een/twee", cols, [{"name": "=1+1", "v": 12.345}], ["Titel"])])
    path = tmp_path / "x.xlsx"
    path.write_bytes(data)
    ws = load_workbook(path).active
    assert ws.title == "Blad  een twee"
    assert ws["A3"].value == "Gemeente" and ws["A4"].value == "=1+1" and ws["A4"].data_type == "s"
    assert ws["B4"].value == 12.35 and ws["B4"].number_format == "#,##0.00"  # stored as shown (task D1)


# --------------------------------------------------------------------------- synthetic

def test_layouts_read_no_data(app, synthetic_warehouse, monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("layout() read the warehouse")

    monkeypatch.setattr("dashboard.db.reader", refuse)
    assert '"data": "en"' in as_text(page("/gemeente").layout(nis="11901", lang="en"))
    text = as_text(page("/vergelijk").layout(indicator="x", nis="11901,bad,<b>", group="peers", start="2015",
                                             end="y", sort="name-desc", lang="en"))
    assert '"11901"' in text and "<b>" not in text


def test_profile_without_registers_and_unknown_codes(app, synthetic_warehouse):
    content, title = render_profile("11902", "nl")
    text = as_text(content)
    assert title == "Beekveld (synthetisch)"
    assert "De registers met interventies zitten niet in dit datawarehouse." in text
    assert "Herberekend 2025" in text
    for bad in ("99999", "<script>alert(1)</script>", "1' OR '1'='1"):
        content, _ = render_profile(bad, "en")
        assert "Unknown municipality" in as_text(content)
    content, _ = render_profile(None, "nl")
    assert "Kies een gemeente" in as_text(content)


# --------------------------------------------------------------------------- real data

def test_peer_groups_from_the_data(real_warehouse):
    from dashboard import db, peers

    with db.reader() as r:
        model = peers.build_model(r)
    assert len(model.codes) == 304
    assert all(len(v) == peers.K and code not in v for code, v in model.neighbours.items())
    assert [v["indicator_id"] for v in model.variables] == ["population_total", "arop_admin", "adi_median", "child_share"]
    assert all(model.distances[c] == sorted(model.distances[c]) for c in model.codes)
    # Brussels' poorest municipalities have Brussels peers
    assert sum(c.startswith("21") for c in model.peers("21013")) >= 5


def test_profile_of_lokeren(app, real_warehouse):
    content, title = render_profile("46029", "nl")
    text = as_text(content)
    assert title == "Lokeren"
    assert "Moerbeke (44045)" in text and "Fusiegemeente 2025." in text
    assert "van 304" in text and "Peergroep (10 gemeenten)" in text
    assert "Lokale teams van Opgroeien" in text
    name, sheets = profile_exports.export("46029", "en")
    summary, series = sheets[0], sheets[1]
    assert name == "Lokeren" and len(summary.rows) == 11
    arop = [r for r in series.rows if r["area"] == "Lokeren" and r["indicator"].startswith("Administrative")]
    assert [r["year"] for r in arop] == list(range(2015, 2023)) and {r["flag"] for r in arop} == {"Recomputed 2025"}
    assert any(r["area"] == "East Flanders" for r in series.rows)


def test_profile_in_presentation_mode_folds_its_notes_and_sizes_its_charts_by_css(app, real_warehouse):
    """Presentation mode (review 9, finding 5): the value notes are method text, behind the "Method"
    link as on every page; the charts' graphs are responsive and their figures have no height, so the
    page's CSS sizes them (large when presenting, assets/style.css)."""
    def nodes(node):
        if isinstance(node, dict):
            if "props" in node:
                yield node
            for value in node.values():
                yield from nodes(value)
        elif isinstance(node, list):
            for value in node:
                yield from nodes(value)

    content = json.loads(as_text(render_profile("46029", "en")[0]))
    fold = next(n for n in nodes(content) if n["props"].get("className") == "method-fold"
                and n["props"]["children"][1]["props"]["id"] == "profile-summary-notes-method")
    link, text = fold["props"]["children"]
    assert link["props"]["children"] == "Method"
    assert text["props"]["children"]["props"]["id"] == "profile-summary-notes"
    assert "Recomputed for the 2025 municipality" in json.dumps(text)
    store = next(n for n in nodes(content) if isinstance(n["props"].get("id"), dict)
                 and n["props"]["id"].get("type") == "profile-charts")
    graphs = [chart["graph"] for chart in store["props"]["data"]]
    assert len(graphs) == 11 and all(g["responsive"] is True and "height" not in g["figure"]["layout"] for g in graphs)


def applied(content_json, patch) -> object:
    """A Patch's assignments applied to a layout's JSON, as the browser applies them."""
    out = json.loads(json.dumps(content_json))
    for op in patch.to_plotly_json()["operations"]:
        assert op["operation"] == "Assign", op
        *path, last = op["location"]
        target = out
        for key in path:
            target = target[key]
        target[last] = json.loads(as_text(op["params"]["value"]))
    return out


def test_another_municipality_patches_only_what_changes(app, real_warehouse):
    """Choosing another municipality sends only the parts that differ (pages/profile/update.py): the
    page's skeleton and the charts' graphs stay mounted; applied, the patch is the full content."""
    from dash import Patch, no_update

    from dashboard.pages.profile.callbacks import fill_content

    lokeren, title, shown = fill_content("46029", "nl", None, None)
    assert isinstance(lokeren, list) and title == "Lokeren" and shown
    for code, name in (("44021", "Gent"), ("21004", "Brussel")):  # Brussels: another table head, no province line
        patch, title, kept = fill_content(code, "nl", None, shown)
        assert isinstance(patch, Patch) and title == name and kept is no_update
        assert applied(json.loads(as_text(lokeren)), patch) == json.loads(as_text(fill_content(code, "nl", None, None)[0]))
        sent = {(v.id if isinstance(v.id, str) else v.id["type"])
                for v in (op["params"]["value"] for op in patch.to_plotly_json()["operations"])}
        assert sent == {"profile-identity", "profile-summary", "profile-chart-legend", "profile-interventions",
                        "profile-charts", "profile-charts-drawn", "profile-chart-table-box"}  # the rest stays as shown
    # another language or a notice: the whole content, and the next choice knows what is shown
    english, _, shown_en = fill_content("44021", "en", None, shown)
    assert isinstance(english, list) and shown_en and shown_en != shown
    notice, _, none = fill_content("99999", "nl", None, shown)
    assert "Onbekende gemeente" in as_text(notice) and none is None


def test_compare_ranking_and_export(app, real_warehouse):
    data = compare.load("arop_admin", ["46029"], "own", None, 2015, 2022)
    rows = compare.ranking_rows(data, "nl")
    assert len(rows) == 304
    top = min((r for r in rows if r["rank"]), key=lambda r: r["rank"])
    assert top["name"] == "Sint-Joost-ten-Node"
    name, sheets = compare_exports.export("arop_admin", ["46029", "44021"], "province", "40000", 2015, 2022,
                                  {"key": "name", "asc": True}, "nl")
    csv_rows = list(csv.reader(io.StringIO(downloads.csv_bytes(sheets[0].columns, sheets[0].rows).decode("utf-8-sig")),
                               delimiter=";"))
    assert len(csv_rows) == 305 and csv_rows[1][1] == "Aalst"
    assert sum(r[10] == "ja" for r in csv_rows[1:]) == 55  # all of Oost-Vlaanderen
    assert compare.search_for("arop_admin", ["46029"], "peers", None, 2015, 2022, {"key": "end", "asc": False},
                              "?lang=en") == "?lang=en&indicator=arop_admin&nis=46029&group=peers&start=2015&end=2022&sort=end-desc"


# ------------------------------------------------------------------------------ pure rules

def test_need_ranks_share_the_best_rank_and_skip_missing():
    from dashboard.ranking import need_ranks

    values = {"a": 10.0, "b": 30.0, "c": 30.0, "d": None, "e": float("nan"), "f": 20.0}
    assert need_ranks(values, "rate", "higher_is_worse") == {"b": 1, "c": 1, "f": 3, "a": 4}
    assert need_ranks(values, "statistic", "higher_is_better") == {"a": 1, "f": 2, "b": 3, "c": 3}
    assert need_ranks(values, "count", "higher_is_better")["b"] == 1  # counts: the largest first


def test_change_text_reads_the_indicator_row():
    from dashboard import formatting as fmt

    percent = {"unit": "%", "kind": "rate"}
    assert fmt.change_text(10.0, 11.25, percent, "nl") == ("+1,3\u00a0procentpunt", "+12,5\u00a0%")
    assert fmt.change_text(10.0, 8.8, percent, "en") == ("-1.2\u00a0ppt", "-12.0%")
    residents = {"unit_nl": "inwoners", "unit_en": "residents", "short_unit": None, "decimals": 0}
    assert fmt.change_text(1000, 1200, residents, "en") == ("+200 residents".replace(" ", "\u00a0"), "+20.0%")
    assert fmt.change_text(1000, 1200, residents, "en", with_unit=False)[0] == "+200"
    assert fmt.change_text(None, 3, percent, "nl") == (fmt.MISSING, fmt.MISSING)


def test_downloads_carry_where_the_figures_come_from(app, real_warehouse):
    import base64

    from dashboard.pages.profile import exports as profile_exports

    outputs = [d["output"] for d in app.server.test_client().get("/_dash-dependencies").json]
    # one download per table, whatever the format
    assert sorted(o for o in outputs if o.startswith(("profile-download", "compare-download"))) == \
        ["compare-download.data", "profile-download.data"]
    sent = profile_exports.send("csv", "46029", "nl")
    assert sent["filename"] == "profiel_lokeren.csv" and sent["type"] == "text/csv"
    lines = base64.b64decode(sent["content"]).decode("utf-8-sig").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Gebied;"))
    intro = "\n".join(lines[:header])
    assert "Gemeenteprofiel Lokeren" in intro and "Bron: " in intro and "Statbel" in intro
    assert "Datawarehouse: build " in intro
    sent = compare_exports.send("csv", "arop_admin", ["46029"], "peers", None, 2015, 2022, None, "en")
    lines = base64.b64decode(sent["content"]).decode("utf-8-sig").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Rank 2022,"))  # English CSV: "," and "."
    intro = "\n".join(lines[:header])
    assert "Chosen municipalities: Lokeren" in intro and "Source: " in intro and "Data warehouse: build " in intro
    assert len(lines) - header == 305
