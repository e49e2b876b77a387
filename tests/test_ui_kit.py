"""The shared UI kit (dashboard/ui): one escape, one value formatter, one download factory, one
map fit, page callbacks registered for every app."""
from __future__ import annotations

import base64
import io

import pytest
from openpyxl import load_workbook

from dashboard import formatting as fmt
from dashboard.ui import downloads, maps
from dashboard.ui.text import esc


def test_esc_escapes_markup_and_keeps_zero():
    assert esc("<a href='x'>b</a> & c") == "&lt;a href='x'&gt;b&lt;/a&gt; &amp; c"
    assert esc(0) == "0"
    assert esc(None) == ""
    assert esc(float("nan")) == ""


@pytest.mark.parametrize("meta, lang, value, expected", [
    ({"unit_nl": "inwoners", "unit_en": "residents", "short_unit": None, "decimals": 0}, "en", 12345, "12,345 residents"),
    ({"unit_nl": "inwoners", "unit_en": "residents", "short_unit": None, "decimals": 0}, "nl", 12345, "12.345\u00a0inwoners"),
    ({"unit_nl": "%", "short_unit": "%", "decimals": 1}, "nl", 12.35, "12,4\u00a0%"),
    ({"short_unit": "€", "decimals": 0}, "en", 21345.4, "€21,345"),
    ({"unit": "%", "kind": "rate"}, "en", 12.3, "12.3%"),              # a warehouse without display columns
    ({"unit": "euro", "kind": "statistic"}, "nl", 1234.5, "€\u00a01.235"),
    ({"unit": "inwoners", "kind": "count"}, "nl", 41234, "41.234\u00a0inwoners"),
])
def test_value_text_reads_display_metadata(meta, lang, value, expected):
    assert fmt.value_text(value, meta, lang).replace("\u00a0", " ") == expected.replace("\u00a0", " ")


def test_value_text_missing_and_without_unit():
    meta = {"unit_nl": "inwoners", "unit_en": "residents", "decimals": 0}
    assert fmt.value_text(None, meta, "en") == fmt.MISSING
    assert fmt.value_text(12345, meta, "en", with_unit=False) == "12,345"
    assert fmt.value_text(12345, meta, "en", decimals=1, with_unit=False) == "12,345.0"


def _sheet():
    return downloads.Sheet("Kaart", [downloads.Column("name", "Gemeente"), downloads.Column("v", "Waarde", "number", 1)],
                           [{"name": "=HYPERLINK(\"x\")", "v": 12.25}], intro=["Bron: Statbel", "Licentie: open data"])


def test_send_table_csv_has_provenance_and_no_formula():
    data = downloads.send_table("csv", [_sheet()], "kaart", "2022")
    assert data["filename"] == "kaart_2022.csv" and data["type"] == "text/csv"
    text = base64.b64decode(data["content"]).decode("utf-8-sig")
    assert text.splitlines()[:2] == ["Bron: Statbel", "Licentie: open data"]
    assert "'=HYPERLINK" in text and "12,3" in text


def test_send_table_excel_has_mime_intro_and_numbers():
    data = downloads.send_table("xlsx", [_sheet()], "kaart")
    assert data["type"] == downloads.XLSX_MIME and data["filename"] == "kaart.xlsx"
    ws = load_workbook(io.BytesIO(base64.b64decode(data["content"]))).active
    assert ws["A1"].value == "Bron: Statbel"
    assert ws["B5"].value == 12.3 and ws["A5"].data_type == "s"  # stored as shown, 1 decimal (task D1)
    with pytest.raises(ValueError):
        downloads.send_table("pdf", [_sheet()], "kaart")


def test_fit_view_centres_and_zooms_on_the_boxes():
    small = maps.fit_view([(4.0, 51.0, 4.1, 51.05)], 900, 540, 0.3, 7.5, 10.5)
    large = maps.fit_view([(2.5, 50.6, 5.9, 51.5)], 900, 540, 0.3, 5, 12)
    assert small["center"] == {"lon": pytest.approx(4.05), "lat": pytest.approx(51.025)}
    assert 7.5 <= small["zoom"] <= 10.5 and large["zoom"] < small["zoom"]
    assert maps.fit_view([], 900, 540, 0.3) is None


def test_page_callbacks_register_for_every_app():
    from dash import Dash, Input, Output, html

    from dashboard.ui.callbacks import PageCallbacks

    page = PageCallbacks()

    @page.callback(Output("kit-out", "children"), Input("kit-in", "value"))
    def echo(value):
        return value

    assert echo("x") == "x"  # a plain function, callable from tests
    for _ in range(2):
        app = Dash(__name__)
        app.layout = html.Div([html.Div(id="kit-in"), html.Div(id="kit-out")])
        page.register()
        app._setup_server()
        assert "kit-out.children" in app.callback_map
