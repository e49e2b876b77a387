"""Issue 14 for a presenter: the action plan in English (rights by English name, the plan's own words
marked Dutch), honest linear bars with the dominating action named, and the portfolio's written
question 28 answer first (on a phone and in presentation mode)."""
from __future__ import annotations

import json

from dash import html

from dashboard.i18n import t
from dashboard.pages.actions import figures
from dashboard.pages.actions import layout as actions_layout
from dashboard.pages.actions import view as actions_view
from dashboard.pages.portfolio import layout as portfolio_layout
from dashboard.ui.components import sortable_table
from dashboard.ui.presenting import MAIN


def _json(component) -> str:
    return json.dumps(component, default=lambda o: o.to_plotly_json())


def _actions_data() -> dict:
    """Three actions of two rights (register labels as the plan writes them); one dominates."""
    actions = [
        {"action_id": "03_06_05", "right_code": "03", "right_label": "Inkomen", "minister_code": "06",
         "minister_name": "Jo Vandeurzen", "minister_name_legend": "Jo Vandeurzen", "title": "Nieuw kinderbijslagsysteem",
         "administration": "Kind en Gezin", "budget_text": "3,45 miljard euro"},
        {"action_id": "05_01_01", "right_code": "05", "right_label": "Onderwijs", "minister_code": "04",
         "minister_name": "Hilde Crevits", "minister_name_legend": "Hilde Crevits", "title": "Kleuterparticipatie",
         "administration": "Onderwijs", "budget_text": "6 miljoen"},
        {"action_id": "05_01_02", "right_code": "05", "right_label": "Onderwijs", "minister_code": "04",
         "minister_name": "Hilde Crevits", "minister_name_legend": "Hilde Crevits", "title": "Zonder bedrag",
         "administration": "Onderwijs", "budget_text": ""},
    ]
    counted = {"03_06_05": {"amount": 3.45e9, "basis": "largest"}, "05_01_01": {"amount": 6e6, "basis": "largest"}}
    return {"actions": actions, "budgets": [], "counted": counted, "build": {}, "words": {}}


def test_rights_are_named_in_the_page_language_and_fall_back_to_the_register():
    data = _actions_data()
    assert actions_view.right_name("05", "Onderwijs", "en") == "Education"
    assert actions_view.right_name("05", "Onderwijs", "nl") == "Onderwijs"
    assert actions_view.right_name("99", "Onbekend", "en") == "Onbekend"
    assert [g["name"] for g in actions_view.chart_groups("right", data["actions"], data, "en")] == [
        "03 Income", "05 Education"]
    assert actions_view.group_options(data["actions"], "right_code", "right_label", "en")[1]["label"] == "05 Education"
    rows = actions_view.action_rows(data["actions"], data, "en")
    assert rows[0]["right_label"] == "Income" and rows[0]["title"] == "Nieuw kinderbijslagsysteem"
    assert actions_view.filters_text(None, "05", None, data, "en") == "Fundamental right = Education"


def test_bars_are_linear_and_the_dominating_action_is_named():
    data = _actions_data()
    groups = actions_view.chart_groups("minister", data["actions"], data, "en")
    figure = figures.amount_bars(groups, "en")
    axis = figure["layout"]["xaxis"]
    assert axis["type"] == "linear" and axis["range"][0] == 0
    assert sorted(figure["data"][0]["x"]) == [6e6, 3.45e9]  # bar lengths are the amounts themselves
    assert axis["ticktext"][:3] == ["0", "1bn", "2bn"]
    note = _json(actions_layout._outlier_note(actions_view.CHART["minister"], data["actions"], data, "en"))
    assert "03_06_05" in note and "06 Jo Vandeurzen" in note and "100%" in note
    even = {**data, "counted": {"03_06_05": {"amount": 3e6}, "05_01_01": {"amount": 4e6}, "05_01_02": {"amount": 3e6}}}
    assert actions_layout._outlier_note(actions_view.CHART["right"], data["actions"], even, "en") is None  # 40 %


def test_quoted_dutch_is_marked_in_english():
    data = _actions_data()
    largest = actions_layout._largest_note(data["actions"], data, 3.456e9, "en")
    quoted = [c for c in largest.children if isinstance(c, html.Q)]
    assert quoted and quoted[0].lang == "nl" and quoted[0].children == "Nieuw kinderbijslagsysteem"
    columns = [{"key": "right_label", "kind": "text", "label": "Right"},
               {"key": "title", "kind": "text", "label": "Title", "quote_lang": "nl"}]
    rows = actions_view.action_rows(data["actions"][:1], data, "en")
    cells = json.loads(_json(sortable_table("t", columns, rows, "en", "c")))
    text = json.dumps(cells)
    assert '"children": "Nieuw kinderbijslagsysteem", "className": "", "lang": "nl"' in text
    assert '"children": "Income", "className": "", "lang": null' in text
    in_dutch = _json(sortable_table("t", columns, rows, "nl", "c"))
    assert '"Nieuw kinderbijslagsysteem", "className": "", "lang": null' in in_dutch  # no mark on a Dutch page


def test_portfolio_presents_the_written_question_answer_first():
    page = portfolio_layout.build({}, "en")
    mains = [c.id for c in page.children if MAIN in (getattr(c, "className", None) or "")]
    assert mains == ["portfolio-wq28"]
    assert t("portfolio.wq28.notes", "en")
