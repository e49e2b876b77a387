"""Municipality codes of older vintages (2018, 2019) in a URL: every page that takes `?nis=` shows the
2025 municipality the code became, and says so.

A link made before the mergers (`?nis=44011`, Deinze in 2018; `?nis=12030`, Puurs) keeps working:
a page's callback that reads the URL's code passes it through `current`, which turns it into its 2025
successor with the warehouse's crosswalk (the same lookup as the profile's "unknown municipality",
queries.profile.successor). The page's layout (which reads no data) holds a `placeholder`; the one
callback of `register_callbacks` fills it with the sentence saying which 2025 municipality is shown.
A code that is already a 2025 municipality, a province, a region or no known code at all is left
as it is (the page says what it says about it today).
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from dash import ALL, Input, Output, State, html

from dashboard import db
from dashboard.i18n import normalise_lang, t
from dashboard.queries import profile as qp
from dashboard.urls import one, valid_nis

NOTE = "older-code"  # the type of the placeholders' pattern-matching ids
MAX_CODES = 6  # the comparison takes six municipalities at most


@dataclass(frozen=True)
class OlderCode:
    """An older municipality code from the URL and the 2025 municipality it became."""

    asked: str
    asked_name: str | None
    vintage: int
    nis: str
    name: str


def older_code(nis: str | None) -> OlderCode | None:
    """The 2025 successor of `nis` when it is a municipality code of an older vintage, else None
    (also when the warehouse cannot be read: the page reports that itself)."""
    if not nis:
        return None
    try:
        with db.reader() as r:
            current = qp.per_build(r, qp.municipalities)
            if nis in set(current["nis_code"]):
                return None
            found = qp.successor(r, nis)
    except db.WarehouseError:
        return None
    if found.empty:
        return None
    vintage, to_nis, old_name = found.iat[0, 0], str(found.iat[0, 1]), found.iat[0, 2]
    names = current.loc[current["nis_code"] == to_nis, "name_nl"]
    return OlderCode(asked=nis, asked_name=old_name if isinstance(old_name, str) and old_name else None,
                     vintage=int(vintage), nis=to_nis, name=str(names.iloc[0]) if not names.empty else to_nis)


def current(nis: str | None) -> tuple[str | None, OlderCode | None]:
    """(the code to show, the older code it replaced or None): `nis` itself unless it is older."""
    older = older_code(nis)
    return (older.nis, older) if older else (nis, None)


def current_list(codes: list[str]) -> tuple[list[str], list[OlderCode]]:
    """`current` for several codes, each 2025 municipality once, in the given order."""
    shown, older = [], []
    for code in codes:
        code, replaced = current(code)
        if replaced:
            older.append(replaced)
        if code not in shown:
            shown.append(code)
    return shown, older


def note(older: list[OlderCode], lang: str) -> list:
    """The sentences saying which 2025 municipality each older code is shown as ([] without one)."""
    return [html.P(t("vintage.shown_as", lang, old=f"{o.asked} ({o.asked_name})" if o.asked_name else o.asked,
                     vintage=o.vintage, new=f"{o.name} ({o.nis})")) for o in older]


def placeholder(page: str) -> html.Div:
    """Where a page says that an older code in its URL is shown as a 2025 municipality (empty, and
    so not shown, otherwise)."""
    return html.Div(id={"type": NOTE, "page": page}, className="vintage-note", role="status")


def url_codes(query: dict) -> list[str]:
    """The municipality codes of a URL's `?nis=` (one, or several separated by commas)."""
    codes = [valid_nis(part) for part in str(one(query.get("nis")) or "").split(",")]
    return list(dict.fromkeys(c for c in codes if c))[:MAX_CODES]


def url_note(search: str | None) -> list:
    """The note for the URL's query `search`, in its language."""
    query = parse_qs((search or "").lstrip("?"))
    _shown, older = current_list(url_codes(query))
    return note(older, normalise_lang(one(query.get("lang"))))


def register_callbacks(app) -> None:
    """One callback for every page's placeholder: the URL's older codes, in the URL's language. It
    runs when a page with a placeholder appears (its id is the input), with the URL it was opened
    with: a page that then writes the 2025 code into the address bar keeps saying what it did."""
    @app.callback(Output({"type": NOTE, "page": ALL}, "children"), Input({"type": NOTE, "page": ALL}, "id"),
                  State("app-url", "search"))
    def _older_code_notes(ids, search):
        return [url_note(search) for _ in ids] if ids else []
