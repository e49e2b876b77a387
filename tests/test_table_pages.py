"""Long tables page by page (ui.components.sortable_table with page_size): the browser gets only the
rows of one page, sorting sorts every row and goes back to the first page. Synthetic rows, no app."""
from __future__ import annotations

import json

from dash import html

from dashboard.ui.components import sortable_table, table_step

COLUMNS = [{"key": "name", "kind": "text", "label": "Naam"}, {"key": "n", "kind": "int", "label": "Aantal"}]
ROWS = [{"name": f"rij {i:02d}", "n": (i * 7) % 25} for i in range(25)]


def parts(table: html.Div) -> dict:
    """The body rows, the pager (or None) and the state store of a rendered sortable table."""
    found = {"pager": None}

    def walk(node):
        if isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
            return
        node_id = getattr(node, "id", None)
        if isinstance(node_id, dict) and node_id.get("type") == "sortable-body":
            found["rows"] = node.children
        if isinstance(node_id, dict) and node_id.get("type") == "sortable-state":
            found["state"] = node.data
        if isinstance(node, html.Nav) and "table-pager" in (node.className or ""):
            found["pager"] = node
        if getattr(node, "children", None) is not None:
            walk(node.children)

    walk(table)
    return found


def first_cells(rows) -> list[str]:
    return [row.children[0].children for row in rows]


def test_long_table_shows_one_page_and_a_pager():
    table = parts(sortable_table("t", COLUMNS, ROWS, "nl", "Tabel", page_size=10))
    assert first_cells(table["rows"]) == [f"rij {i:02d}" for i in range(10)]
    status = table["pager"].children[1].children
    assert status == "Rijen 1–10 van 25"
    previous, following = table["pager"].children[0], table["pager"].children[2]
    assert previous.disabled is True and following.disabled is False
    assert len(table["state"]["rows"]) == 25  # every row stays with the table, for sorting and paging


def test_short_table_has_no_pager():
    table = parts(sortable_table("t", COLUMNS, ROWS[:10], "en", "Table", page_size=10))
    assert table["pager"] is None and len(table["rows"]) == 10
    body, aria, arrows, state, status, disabled = table_step(table["state"], {"type": "sortable-button", "col": "n"})
    assert status == [] and disabled == [] and aria == ["none", "ascending"]


def test_next_previous_and_the_ends():
    state = parts(sortable_table("t", COLUMNS, ROWS, "en", "Table", page_size=10))["state"]
    body, _aria, _arrows, state, status, disabled = table_step(state, {"type": "sortable-page", "step": "next"})
    assert first_cells(body) == [f"rij {i:02d}" for i in range(10, 20)]
    assert status == ["Rows 11–20 of 25"] and disabled == [False, False]
    body, _aria, _arrows, state, status, disabled = table_step(state, {"type": "sortable-page", "step": "next"})
    assert len(body) == 5 and status == ["Rows 21–25 of 25"] and disabled == [False, True]
    assert table_step(state, {"type": "sortable-page", "step": "next"}) is None  # already on the last page
    body, aria, arrows, *_rest = table_step(state, {"type": "sortable-page", "step": "previous"})
    assert first_cells(body)[0] == "rij 10" and aria == ["none", "none"] and arrows == ["↕", "↕"]


def test_sort_covers_every_page_and_returns_to_the_first():
    state = parts(sortable_table("t", COLUMNS, ROWS, "nl", "Tabel", page_size=10))["state"]
    *_shown, state, _status, _disabled = table_step(state, {"type": "sortable-page", "step": "next"})
    body, aria, _arrows, state, status, _disabled = table_step(state, {"type": "sortable-button", "col": "n"})
    assert state["page"] == 0 and status == ["Rijen 1–10 van 25"] and aria == ["none", "ascending"]
    assert [row.children[1].children for row in body] == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
    body, aria, *_rest = table_step(state, {"type": "sortable-button", "col": "n"})
    assert aria == ["none", "descending"] and body[0].children[1].children == "24"


def _id(**parts) -> dict:
    return {"table": "t", **parts}


def _key(component_id: dict) -> str:
    """A wildcard id as Dash writes it in changedPropIds: JSON, keys sorted, no spaces."""
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def test_the_callback_answers_a_page_step_through_dash(app, no_warehouse):
    """Through the app's callback endpoint, as the browser sends it: Dash accepts the answer's shape
    (a list for every wildcard output, also the headers a page step leaves as they are)."""
    state = parts(sortable_table("t", COLUMNS, ROWS, "nl", "Tabel", page_size=10))["state"]
    key = next(k for k in app.callback_map if "sortable-body" in k)
    columns = [c["key"] for c in COLUMNS]
    pages = [_id(type="sortable-page", step=step) for step in ("previous", "next")]
    body = {
        "output": key,
        "outputs": [
            {"id": _id(type="sortable-body"), "property": "children"},
            [{"id": _id(type="sortable-th", col=c), "property": "aria-sort"} for c in columns],
            [{"id": _id(type="sortable-arrow", col=c), "property": "children"} for c in columns],
            {"id": _id(type="sortable-state"), "property": "data"},
            [{"id": _id(type="sortable-page-status", part="status"), "property": "children"}],
            [{"id": p, "property": "disabled"} for p in pages],
        ],
        "inputs": [[{"id": _id(type="sortable-button", col=c), "property": "n_clicks", "value": None} for c in columns],
                   [{"id": p, "property": "n_clicks", "value": 1 if p["step"] == "next" else None} for p in pages]],
        "state": [{"id": _id(type="sortable-state"), "property": "data", "value": state}],
        "changedPropIds": [_key(pages[1]) + ".n_clicks"],
    }
    answer = app.server.test_client().post("/_dash-update-component", json=body)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    shown = answer.get_json()["response"]
    assert shown[_key(_id(type="sortable-page-status", part="status"))]["children"] == "Rijen 11–20 van 25"
    assert shown[_key(pages[0])]["disabled"] is False
