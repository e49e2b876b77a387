"""Profile (/gemeente) and comparison (/vergelijk) without a browser: data, peers, downloads, speed."""
from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from dashboard.ui import downloads
from tests.dash_pages import as_text, page


@pytest.fixture
def app():
    from dashboard.app import create_app

    return create_app()


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
    assert ws["B4"].value == 12.345 and ws["B4"].number_format == "#,##0.00"


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
    profile = page("/gemeente")
    content, title = profile.render("11902", "nl")
    text = as_text(content)
    assert title == "Beekveld (synthetisch)"
    assert "De registers met interventies zitten niet in dit datawarehouse." in text
    assert "Herberekend 2025" in text
    for bad in ("99999", "<script>alert(1)</script>", "1' OR '1'='1"):
        content, _ = profile.render(bad, "en")
        assert "Unknown municipality" in as_text(content)
    content, _ = profile.render(None, "nl")
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
    profile = page("/gemeente")
    content, title = profile.render("46029", "nl")
    text = as_text(content)
    assert title == "Lokeren"
    assert "Moerbeke (44045)" in text and "Fusiegemeente 2025." in text
    assert "van 304" in text and "Peergroep (10 gemeenten)" in text
    assert "Lokale teams van Opgroeien" in text
    name, sheets = profile.export("46029", "en")
    summary, series = sheets[0], sheets[1]
    assert name == "Lokeren" and len(summary.rows) == 11
    arop = [r for r in series.rows if r["area"] == "Lokeren" and r["indicator"].startswith("Administrative")]
    assert [r["year"] for r in arop] == list(range(2015, 2023)) and {r["flag"] for r in arop} == {"Recomputed 2025"}
    assert any(r["area"] == "East Flanders" for r in series.rows)


def test_compare_ranking_and_export(app, real_warehouse):
    compare = page("/vergelijk")
    data = compare.load("arop_admin", ["46029"], "own", None, 2015, 2022)
    rows = compare.ranking_rows(data, "nl")
    assert len(rows) == 304
    top = min((r for r in rows if r["rank"]), key=lambda r: r["rank"])
    assert top["name"] == "Sint-Joost-ten-Node"
    name, sheets = compare.export("arop_admin", ["46029", "44021"], "province", "40000", 2015, 2022,
                                  {"key": "name", "asc": True}, "nl")
    csv_rows = list(csv.reader(io.StringIO(downloads.csv_bytes(sheets[0].columns, sheets[0].rows).decode("utf-8-sig")),
                               delimiter=";"))
    assert len(csv_rows) == 305 and csv_rows[1][1] == "Aalst"
    assert sum(r[10] == "ja" for r in csv_rows[1:]) == 55  # all of Oost-Vlaanderen
    assert compare.search_for("arop_admin", ["46029"], "peers", None, 2015, 2022, {"key": "end", "asc": False},
                              "?lang=en") == "?lang=en&indicator=arop_admin&nis=46029&group=peers&start=2015&end=2022&sort=end-desc"
