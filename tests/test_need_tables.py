"""The need page's table alternatives of the scatter and the concentration curve (issue 14, review 9
finding 4): opening a details fills its table with the rows of the section's export, in the page's
notation, nl and en; it follows the view once filled. SYNTHETIC rows only: the hand-made need base
of tests/test_need_regions.py (no build)."""
from __future__ import annotations

import pytest
from dash import no_update

from dashboard import formatting as fmt
from dashboard.pages.need import callbacks, exports, layout
from dashboard.pages.need import state as need_state
from tests.dash_pages import as_text, find, loaded_page, text_of
from tests.test_need_regions import hand_made_base  # noqa: F401 (the fixture)

VIEW = {"indicator": "arop_admin", "year": 2022, "region": "both", "measure": "per_10k", "rule": "equal",
        "need_t": None, "int_t": None}


def _controls(kind: str, **changes) -> dict:
    return {k: changes.get(k, VIEW[k]) for k in callbacks.TABLE_CONTROLS[kind]}


def _body_cells(table) -> list[list[str]]:
    body = find(table, {"type": "sortable-body", "table": table.children[0].children.id})
    return [[text_of(td) for td in tr.children] for tr in body.children]


@pytest.mark.usefixtures("hand_made_base")
@pytest.mark.parametrize("kind", ["scatter", "curve"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_opening_fills_the_table_with_the_export_rows(kind, lang):
    loaded_page("/behoefte")
    table, shown = callbacks.table_update(kind, True, _controls(kind), None, lang)
    assert shown
    _stem, _m, sheet = exports.SHEETS[kind](need_state.parse_state(**_controls(kind)), lang)
    caption = find(table, f"need-{kind}-table").children[0].children
    assert caption and ("2022" in caption)
    head = [text_of(th) for th in find(table, f"need-{kind}-table").children[1].children.children]
    ordered = sorted(sheet.columns, key=lambda c: c.key != "name")  # the name first: it stays in view on a phone
    assert head == [c.label for c in ordered] and head[0] == sheet.columns[1 if kind == "curve" else 0].label
    cells = _body_cells(table)
    assert len(cells) == len(sheet.rows) > 0  # the hand-made base has 4 municipalities (fewer than a page)
    for row, shown_cells in zip(sheet.rows, cells):
        for column, text in zip(ordered, shown_cells):
            value = row.get(column.key)
            if column.kind == "number":
                assert text == fmt.number(value, column.decimals_of(row), lang)
            elif column.kind == "int":
                assert text == fmt.integer(value, lang)
            else:
                assert text == (fmt.MISSING if value in (None, "") else str(value))
    decimal = "," if lang == "nl" else "."
    assert any(decimal in text for r in cells for text in r)  # the page's notation


def test_the_table_is_filled_only_when_opened_and_follows_the_view(hand_made_base):  # noqa: F811
    loaded_page("/behoefte")
    # a control moves before the details was ever opened: nothing is built
    assert callbacks.table_update("scatter", False, _controls("scatter"), None, "nl") == (no_update, no_update)
    table, shown = callbacks.table_update("scatter", True, _controls("scatter"), None, "nl")
    # a click inside the open table (its pager) or one that closes it: left as it is
    assert callbacks.table_update("scatter", True, _controls("scatter"), shown, "nl") == (no_update, no_update)
    # once filled it follows the view: another measure, then a region
    moved, shown_moved = callbacks.table_update("scatter", False, _controls("scatter", measure="equivalents"), shown, "nl")
    assert shown_moved != shown and "netwerkequivalenten (aantal)" in as_text(moved)
    flanders, _ = callbacks.table_update("curve", True, _controls("curve", region="flanders"), None, "en")
    assert len(_body_cells(flanders)) == 2  # the two Flemish municipalities with a network


def test_a_long_table_is_paged():
    rows = [{"name": f"Gemeente {i} (synthetisch)", "value": i / 3} for i in range(45)]
    sheet = exports.downloads.Sheet("t", [exports.Column("name", "Gemeente"),
                                          exports.Column("value", "Waarde", "number", 2)], rows)
    table = layout.export_table("need-test-table", sheet, "Synthetisch", "nl")
    assert len(_body_cells(table)) == layout.TABLE_ROWS
    assert _body_cells(table)[1] == ["Gemeente 1 (synthetisch)", "0,33"]
    assert "Rijen 1–20 van 45" in as_text(table)


def test_both_details_are_in_the_page_frame():
    frame = layout.build(need_state.parse_state(lang="en"))
    for kind in ("scatter", "curve"):
        details = find(frame, f"need-{kind}-details")
        assert text_of(details.children[0]) == "Show as table"
        assert find(frame, f"need-{kind}-table-box").children is None
