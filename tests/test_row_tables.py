"""One row drawer for the tables drawn as plain DOM (assets/row_tables.js) and one way links drawn
outside Dash's components are followed in the page (assets/in_page_links.js): the comparison's ranking
and the need page's shortlist use both. Their behaviour in a browser: tests/browser/test_need_browser.py."""
from __future__ import annotations

import re
from pathlib import Path

from dashboard.pages.compare import callbacks as compare
from dashboard.pages.need import callbacks as need

ASSETS = Path(need.__file__).resolve().parents[2] / "assets"


def test_both_tables_draw_their_rows_with_the_shared_helper():
    for name, js in (("compare", compare.RENDER_JS), ("need", need.DRAW_GAP_ROWS)):
        assert "window.dash_clientside.row_tables.draw(" in js, name
        # no DOM of their own: rows, cells and links come from the helper
        assert not re.search(r"createElement|replaceChildren|innerHTML|addEventListener|pushState", js), name


def test_the_helper_writes_text_as_text_and_links_only_to_this_site():
    js = (ASSETS / "row_tables.js").read_text(encoding="utf-8")
    assert "textContent" in js and "innerHTML" not in js and "insertAdjacentHTML" not in js
    assert "in-page-link" in js and "SAME_SITE_PATH = /^\\/(?!\\/)/" in js
    assert "row_tables: { draw: draw }" in js


def test_links_are_followed_in_the_page_as_dcc_link_does():
    """dash 4.1's dcc.Link: history.pushState, then the `_dashprivate_pushstate` event both
    dcc.Location components listen to, then back to the top; a modifier key keeps the browser's way."""
    js = (ASSETS / "in_page_links.js").read_text(encoding="utf-8")
    assert 'closest("a.in-page-link")' in js
    assert js.index("window.history.pushState") < js.index('new CustomEvent("_dashprivate_pushstate")')
    assert "event.metaKey || event.shiftKey || event.altKey || event.ctrlKey" in js
    assert "event.defaultPrevented" in js  # a dcc.Link's own click is left to it
