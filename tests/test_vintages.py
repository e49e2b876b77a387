"""Municipality codes of older vintages in a URL (issue 14, "Edges"): every page that takes `?nis=`
shows the 2025 municipality the code became and says so (dashboard/ui/vintages.py), on the synthetic
warehouse (11903, a 2019 municipality merged into 11902 in 2025)."""
from __future__ import annotations

from dashboard.ui import vintages
from tests.dash_pages import find, page, text_of
from tests.synthetic_warehouse import OLD_CODE

NEW_CODE = "11902"
PAGES = {"/": "map", "/vergelijk": "compare", "/briefing": "briefing", "/portfolio": "portfolio", "/gemeente": "profile"}


def test_an_older_code_becomes_its_2025_municipality(synthetic_warehouse):
    code, older = vintages.current(OLD_CODE)
    assert code == NEW_CODE and older.asked == OLD_CODE and older.vintage == 2019
    # a 2025 code, a province and an unknown code stay as they are
    for same in (NEW_CODE, "10000", "99999", None):
        assert vintages.current(same) == (same, None)
    assert vintages.current_list([OLD_CODE, NEW_CODE]) == ([NEW_CODE], [older])


def test_the_note_names_the_old_code_and_the_2025_municipality(synthetic_warehouse):
    for search, words in ((f"?nis={OLD_CODE}", "gemeentecode van 2019"),
                          (f"?nis={NEW_CODE},{OLD_CODE}&lang=en", "municipality code of 2019")):
        text = text_of(vintages.url_note(search))
        assert OLD_CODE in text and f"({NEW_CODE})" in text and words in text, text
    assert vintages.url_note(f"?nis={NEW_CODE}") == [] and vintages.url_note("?province=10000") == []
    assert vintages.url_note("?nis=<b>") == []


def test_without_a_warehouse_the_code_is_kept(no_warehouse):
    assert vintages.current(OLD_CODE) == (OLD_CODE, None)
    assert vintages.url_note(f"?nis={OLD_CODE}") == []


def test_every_page_with_a_municipality_has_the_note_s_place(app, synthetic_warehouse):
    for path, name in PAGES.items():
        assert find(page(path).layout(nis=OLD_CODE), {"type": vintages.NOTE, "page": name}) is not None, path


def test_the_pages_show_the_2025_municipality(app, synthetic_warehouse):
    from dashboard.pages.compare import callbacks as compare
    from dashboard.pages.map import callbacks as map_page
    from dashboard.pages.portfolio import callbacks as portfolio
    from dashboard.pages.profile import callbacks as profile

    assert compare.fill_options("nl", {"nis": [OLD_CODE]})[4] == [NEW_CODE]
    assert map_page.setup({"nis": OLD_CODE, "lang": "nl"})[6] == NEW_CODE  # the search box's value
    # the portfolio's filter: the same view as for the 2025 code
    assert str(portfolio.setup("nl", {"nis": OLD_CODE})) == str(portfolio.setup("nl", {"nis": NEW_CODE}))
    # the profile: its chooser and its content are those of the 2025 municipality
    assert profile.fill_options("nl", OLD_CODE)[1] == NEW_CODE
    assert profile.render(OLD_CODE, "nl")[1] == profile.render(NEW_CODE, "nl")[1] == "Beekveld (synthetisch)"


def test_the_comparison_says_which_codes_of_the_link_it_left_out(app, synthetic_warehouse):
    from dashboard.pages.compare import callbacks as compare

    answer = compare.fill_options("en", {"nis": [OLD_CODE, "99999"]})
    assert answer[4] == [NEW_CODE]
    note = text_of(answer[6])
    assert "99999" in note and "Left out" in note and OLD_CODE not in note, note
    assert compare.fill_options("nl", {"nis": [NEW_CODE]})[6] is None


def test_the_empty_comparison_guides_once_and_asks_a_province_only_when_it_needs_one(app, synthetic_warehouse):
    from dashboard.pages.compare import layout

    assert layout.message("own", [], None, "nl") is None  # the chart's place shows the steps instead
    assert "provincie" in text_of(layout.message("province", [], None, "nl"))
    for group, hidden in ((None, True), ("peers", True), ("10000", False)):  # ?group=<province code>
        box = find(page("/vergelijk").layout(group=group), "compare-province-box")
        assert box is not None and bool(box.hidden) is hidden, group
