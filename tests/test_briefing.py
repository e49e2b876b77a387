"""The briefing page (/briefing): one printable page per municipality or province, with footnotes."""
from __future__ import annotations

import json
import sys

import dash
import plotly
import pytest
from dash import html

from dashboard.pages.briefing import callbacks, layout, view
from tests.dash_pages import find, text_of


@pytest.fixture
def briefing():
    from dashboard.app import create_app

    create_app()
    page = next(p for p in dash.page_registry.values() if p["path"] == "/briefing")
    return sys.modules[page["module"]]


def test_place_values_round_trip(briefing):
    assert view.place_value(nis="46029") == "nis:46029"
    assert view.place_value(province="70000") == "province:70000"
    assert view.place_value(nis="46029", province="70000") == "nis:46029"
    assert view.place_value(nis="<b>", province="x") is None
    assert view.parse_place("province:04000") == ("province", "04000")
    assert view.parse_place("nis:1234") == (None, None)
    assert view.parse_place("x:46029") == (None, None)


def test_footnotes_are_numbered_once_per_text(briefing):
    notes = layout.Footnotes()
    assert notes.number("a") == 1 and notes.number("b") == 2 and notes.number("a") == 1
    ref = notes.ref("b")
    assert isinstance(ref, html.Sup) and ref.children.href == "#briefing-note-2"


def test_layout_reads_no_data(briefing, monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("layout() read the warehouse")

    monkeypatch.setattr("dashboard.db.reader", refuse)
    text = json.dumps(briefing.layout(nis="46029", lang="en"), cls=plotly.utils.PlotlyJSONEncoder)
    assert '"nis:46029"' in text and '"en"' in text


def test_municipality_briefing_of_a_merged_municipality(briefing, real_warehouse):
    content, title = callbacks.render("nis:46029", "nl")
    text = text_of(content)
    assert title == "Briefing: Lokeren"
    assert "fusie van Lokeren, Moerbeke" in text
    figures = find(content, "briefing-figures")
    rows = figures.children[1].children
    assert len(rows) >= 8  # one per indicator with values
    arop = next(r for r in rows if "armoederisico" in text_of(r.children[0]))
    assert "%" in text_of(arop.children[1]) and "(2022)" in text_of(arop.children[1])
    notes = text_of(find(content, "briefing-note-1"))
    assert "tellers en noemers" in notes
    # every source once, with licence and URL; the build in the last note
    # (issue 14: cited by the publisher and the dataset's title, not by its internal id)
    assert text.count("Bron: Statbel, Administratief beschikbaar inkomen") == 1 and "licentie" in text and "https://" in text
    assert "statbel_adi" not in text and "overgenomen uit een kopie op https://" in text
    assert "Datawarehouse: build" in text
    assert "Ademruimte" in text_of(find(content, "briefing-networks-count")) or "Ademruimte" in text


def test_province_briefing_sums_not_averages_and_lists_need(briefing, real_warehouse):
    content, title = callbacks.render("province:70000", "en")
    text = text_of(content)
    assert title == "Briefing: Province of Limburg"
    assert "38 municipalities (2025)" in text
    need = find(content, "briefing-need")
    rows = need.children[1].children
    assert len(rows) == view.TOP_NEED
    values = [float(text_of(r.children[1]).rstrip("%").replace(",", "")) for r in rows]
    assert values == sorted(values, reverse=True)
    # offline (no child indicator loaded) the list ranks on the at-risk rate, named with its year
    assert "by Administrative at-risk-of-poverty rate (2022)" in text_of(find(content, "briefing-need-title"))
    assert "never as an average" in text
    wq28 = text_of(find(content, "briefing-wq28"))
    assert "not published" in wq28 and "Applications" in wq28


def test_brussels_and_unknown_codes(briefing, real_warehouse):
    content, title = callbacks.render("province:04000", "nl")
    assert "19 gemeenten" in text_of(content)
    content, _ = callbacks.render("nis:99999", "nl")
    assert find(content, "briefing-unknown") is not None
    content, _ = callbacks.render(None, "nl")
    assert find(content, "briefing-none") is not None


def test_no_warehouse_shows_the_notice(briefing, no_warehouse):
    content, _ = callbacks.render("nis:46029", "nl")
    assert "niet gebouwd" in text_of(content)


@pytest.mark.parametrize("child, name_nl, name_en", [
    (True, "Kansarmoede-index GSM (synthetisch)", "Deprivation index GSM (synthetic)"),
    (False, "Armoederisico (synthetisch)", "At-risk rate (synthetic)"),
])
def test_province_need_ranks_on_the_default_indicator(briefing, tmp_path, monkeypatch, child, name_nl, name_en):
    """The need list of a province ranks on the monitor's default indicator: the kansarmoede-index when
    loaded (SYNTHETIC warehouse, tests/synthetic_warehouse.py), else the at-risk rate; title and note
    name it and its year, in both languages."""
    from tests.test_need_regions import _warehouse

    _warehouse(tmp_path, monkeypatch, child)
    for lang, name in (("nl", name_nl), ("en", name_en)):
        content, _ = callbacks.render("province:10000", lang)
        title = text_of(find(content, "briefing-need-title"))
        assert name in title and "(2023)" in title, title
        need = find(content, "briefing-need")
        assert [text_of(r.children[0]) for r in need.children[1].children] == [
            "Beekveld (synthetisch)", "Aadorp (synthetisch)"]  # 11 before 10: rank 1 = most need
        notes = text_of(content)
        assert ("Gerangschikt op " if lang == "nl" else "Ranked by ") + f"{name}, 2023" in notes


def test_network_counts_in_words_and_the_dutch_title_marked(briefing, real_warehouse):
    """Review 8a, #14 and #6: no "network(s)"; a Dutch document title on an English page is marked lang="nl"."""
    assert view.networks_count(1, 0, "en") == "1 network in the municipality, 0 province-wide networks."
    assert view.networks_count(2, 1, "nl") == "2 netwerken in de gemeente, 1 provinciedekkend netwerk."
    content, _ = callbacks.render("province:30000", "en")
    assert "(s)" not in text_of(find(content, "briefing-networks-count"))
    marked = []

    def walk(node):
        if isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
        elif hasattr(node, "to_plotly_json"):
            if getattr(node, "lang", None) == "nl":
                marked.append(text_of(node))
            walk(getattr(node, "children", None))

    walk(content)
    assert any(text.startswith("Word bondgenoot") for text in marked), marked
    nl_content, _ = callbacks.render("province:30000", "nl")
    assert "Bron: Word bondgenoot" in text_of(nl_content)
