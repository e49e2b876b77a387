"""Each page's browser-tab title, meta description and `<html lang>` in the request's language.

Dash renders a page's title and description on the server (the first HTML, which link previews and
search engines read) and again in its page router's callback (client-side navigation sets
document.title from it). Both call a page's `title`/`description` without the query, so the
callables set here read the language from the request itself: `?lang=` of the page requested, or of
the URL the router callback was sent. The texts are data (i18n catalogue `pages.toml`, keyed by path).
"""
from __future__ import annotations

from urllib.parse import parse_qsl

import dash
import flask

from dashboard.i18n import normalise_lang, t_or

ROUTER_SEARCH = "_pages_location.search"  # the router callback's input that holds the URL's query


def request_lang() -> str:
    """The language of the view being served: the page URL's `?lang=` (a page load, or the URL sent
    to Dash's page router); Dutch outside a request."""
    if not flask.has_request_context():
        return normalise_lang(None)
    search = None
    try:
        search = dash.callback_context.inputs.get(ROUTER_SEARCH)
    except Exception:  # noqa: BLE001 - not inside a callback: a page load
        search = None
    if search is not None:
        return normalise_lang(dict(parse_qsl(str(search).lstrip("?"))).get("lang"))
    return normalise_lang(flask.request.args.get("lang"))


def _text(path: str, field: str, fallback: str):
    key = f"page.{path}.{field}"
    return lambda: t_or(key, request_lang(), fallback)


def localise_registry() -> None:
    """Replace each registered page's title and description by one that answers in the request's
    language (the Dutch text registered with the page stays the fallback for a path without texts)."""
    for page in dash.page_registry.values():
        path = page["path"]
        for field in ("title", "description"):
            registered = page.get(field)
            fallback = registered() if callable(registered) else (registered or "")
            page[field] = _text(path, field, fallback)


def requested_title(app: dash.Dash) -> str:
    """The title of the page requested (Dash puts only the app's title in the first HTML; its router
    sets the page's title after the scripts ran)."""
    path = "/" + (app.strip_relative_path(flask.request.path) or "")
    page = next((p for p in dash.page_registry.values() if p["path"] == path), None)
    title = page.get("title") if page else None
    return title() if callable(title) else (title or app.title)


def html_lang(index_html: str) -> str:
    """The index page with `<html lang>` of the request (set again client-side on navigation)."""
    lang = request_lang()
    return index_html.replace('<html lang="nl">', f'<html lang="{lang}">', 1) if lang != "nl" else index_html

