"""Issue 12, "Text that cannot hurt the page": an indicator imported with hostile metadata (a link
with a javascript: address, a styled span, an image with an onerror handler, a spreadsheet formula,
a right-to-left override, a name at the length limit, a long description) is shown as text on every
page that shows indicator names (map, profile, compare, need, data, briefing) and in their exports.

The indicator goes through the importer's own checks and harmonisation (etl.imports.prepare: it is
within the limits) into a SYNTHETIC warehouse (tests/synthetic_warehouse.py); each page is walked as a browser would
(tests/english_walk.py): its layout, its callbacks and its download buttons.

- Figures: plotly renders a subset of HTML in titles, legends, ticks, hover labels and in the
  values a hovertemplate inserts (text, customdata), so there the text must arrive escaped.
- Components: Dash renders children and dropdown labels as text, so the raw text is harmless there;
  it must never reach a component that renders markup (dcc.Markdown, an iframe's srcDoc).
- Exports: a cell that starts like a formula stays text (CSV: a leading quote; Excel: a string cell).
"""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.english_walk import walk

LINK = '<a href="javascript:alert(1)">klik</a>'
IMAGE = "<img src=x onerror=alert(2)>"
SPAN = "<span style=font-size:999px>groot</span>"
FORMULA = '=HYPERLINK("http://evil.example","x")'
RTL = "\u202egnirts desrever"
NAME_LIMIT = 200  # etl.imports.META_MAX_LENGTH["name_nl"]
HOSTILE_NAME = f"{FORMULA} {LINK} {IMAGE} {SPAN} {RTL} "
HOSTILE_NAME += "n" * (NAME_LIMIT - len(HOSTILE_NAME))
HOSTILE_UNIT = '<span style="font-size:999px">u</span>'
HOSTILE_DEFINITION = f"{FORMULA} {LINK} {IMAGE} {SPAN} " + "d" * 500
INDICATOR = "hostile_test"
RAW_MARKUP = ("<a href", "<img", "<span style")
ESCAPED_MARKUP = ("&lt;a href", "&lt;img", "&lt;span style")
FORMULA_START = ("=", "+", "@")


@pytest.fixture(scope="module")
def hostile_warehouse(tmp_path_factory):
    """The synthetic warehouse with the hostile indicator imported (two years of values), made live
    (WAREHOUSE_PATH, GEO_DIR) for this module's tests: made once, the pages only read it."""
    import duckdb
    import pandas as pd

    from etl.harmonise import OUTPUT_COLUMNS
    from etl.imports import META_MAX_LENGTH, indicator_row, prepare
    from tests.synthetic_warehouse import MUNICIPALITIES_2025, build_synthetic_warehouse, insert_rows

    assert len(HOSTILE_NAME) == NAME_LIMIT == META_MAX_LENGTH["name_nl"]
    tmp_path = tmp_path_factory.mktemp("hostile")
    path = build_synthetic_warehouse(tmp_path / "warehouse.duckdb", tmp_path / "geo")
    table = tmp_path / "hostile.csv"
    table.write_text("nis_code;year;value\n" + "".join(
        f"{code};{year};{i + 1},{year - 2020}\n" for year in (2022, 2023) for i, (code, *_r) in enumerate(MUNICIPALITIES_2025)),
        encoding="utf-8")
    meta = {"indicator_id": INDICATOR, "name_nl": HOSTILE_NAME, "unit": HOSTILE_UNIT,
            "definition_nl": HOSTILE_DEFINITION, "source": f"{LINK} {SPAN}", "licence": FORMULA,
            "direction": "higher_is_worse", "kind": "statistic", "scale": 1}
    con = duckdb.connect(str(path))
    try:
        # The importer's own checks (lengths, types, codes, numbers) and harmonisation, then its rows.
        values, meta = prepare(table, meta, con.sql("SELECT * FROM municipality").df(),
                               con.sql("SELECT * FROM municipality_crosswalk").df())
        indicator = pd.DataFrame([indicator_row(meta)])
        values = values[list(OUTPUT_COLUMNS)]
        source = pd.DataFrame([{"source_id": f"import-{INDICATOR}", "url": f"lokaal bestand: {table.name}",
                                "publisher": meta["source"], "licence": meta["licence"], "sha256": "0" * 64,
                                "retrieved_at": "2026-11-23T10:00:00+00:00", "rows_loaded": len(values),
                                "dataset": "imports", "bytes": 1, "fetched_how": "import"}])
        insert_rows(con, {"indicator": indicator, "indicator_value": values, "source": source})
        con.execute("CHECKPOINT")
    finally:
        con.close()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WAREHOUSE_PATH", str(path))
        mp.setenv("GEO_DIR", str(tmp_path / "geo"))
        yield path


@pytest.fixture(scope="module")
def app(hostile_warehouse):
    from dashboard.app import create_app

    return create_app()


def _figures(node, found: list) -> list:
    """Every figure (as the browser receives it) in a plain layout or callback answer."""
    if isinstance(node, list):
        for child in node:
            _figures(child, found)
    elif isinstance(node, dict):
        if isinstance(node.get("figure"), dict) and "data" in node["figure"]:
            found.append(node["figure"])
        if isinstance(node.get("data"), list) and isinstance(node.get("layout"), dict):
            found.append(node)
        for key, value in node.items():
            if key != "figure":
                _figures(value, found)
    return found


def _raw_markup(node, where: str = "", found: list | None = None) -> list[str]:
    """Where in a figure a string holds live markup: `path: text` for each."""
    found = [] if found is None else found
    if isinstance(node, str):
        if any(m in node for m in RAW_MARKUP):
            found.append(f"{where}: {node[:120]}")
    elif isinstance(node, list):
        for i, child in enumerate(node):
            _raw_markup(child, f"{where}[{i}]", found)
    elif isinstance(node, dict):
        for key, value in node.items():
            _raw_markup(value, f"{where}.{key}", found)
    return found


def _markup_components(node, found: list) -> list:
    """Components that render their text as markup, with the text they were given."""
    if isinstance(node, list):
        for child in node:
            _markup_components(child, found)
    elif isinstance(node, dict):
        if node.get("type") == "Markdown" or "dangerously_allow_html" in (node.get("props") or {}):
            found.append(json.dumps(node.get("props"), ensure_ascii=False))
        if "srcDoc" in (node.get("props") or {}):
            found.append(str(node["props"]["srcDoc"]))
        if "999px" in json.dumps((node.get("props") or {}).get("style") or {}):
            found.append("style: " + json.dumps(node["props"]["style"]))  # a style taken from the data
        for value in node.values():
            _markup_components(value, found)
    return found


def _csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,")
    return [cell for row in csv.reader(io.StringIO(text), dialect) for cell in row]


def _formula_cells(name: str, content: bytes) -> list[str]:
    """Cells of a downloaded file that a spreadsheet program would run as a formula."""
    if name.endswith(".csv"):
        return [cell for cell in _csv_cells(content) if cell.startswith(FORMULA_START)]
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content))
    return [f"{ws.title}!{cell.coordinate}" for ws in wb.worksheets for row in ws.iter_rows() for cell in row
            if cell.data_type == "f"]


PAGES = [
    ("/", {"indicator": INDICATOR}),  # the map: dropdown, legend, hover, title
    ("/gemeente", {"nis": "11901"}),
    ("/vergelijk", {"indicator": INDICATOR, "nis": "11901,11902"}),
    ("/behoefte", {"indicator": INDICATOR}),
    ("/data", {}),
    ("/briefing", {"nis": "11901"}),
]


# Pages whose CSV export has the indicator's name as a cell of its own (others put it after a label).
NAME_IN_A_CELL = ("/", "/gemeente", "/vergelijk")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("path", "query"), PAGES)
def test_hostile_indicator_is_shown_as_text(app, path, query, lang):
    seen, files = walk(app, path, {**query, "lang": lang})
    everything = json.dumps(seen, ensure_ascii=False)
    assert "onerror" in everything, "the hostile indicator is not on the page at all"

    figures = _figures(seen, [])
    figure_text = json.dumps(figures, ensure_ascii=False)
    assert not _raw_markup(figures), _raw_markup(figures)[:5]
    if "onerror" in figure_text:
        assert any(m in figure_text for m in ESCAPED_MARKUP)

    assert not [text for text in _markup_components(seen, []) if any(m in text for m in RAW_MARKUP + ("onerror", "999px"))]

    if path in NAME_IN_A_CELL:  # the name is a cell of its own there, starting like a formula: neutralised
        assert any(cell.startswith(f"'{FORMULA}") for name, content in files if name.endswith(".csv")
                   for cell in _csv_cells(content))
    for name, content in files:
        assert re.fullmatch(r"[\w.-]{1,255}", name), name  # the name makes no path and no markup
        assert not _formula_cells(name, content), (name, _formula_cells(name, content)[:5])
