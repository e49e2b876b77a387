"""The Dash app: `create_app()` builds the shell (header, navigation, language switch) around
the pages in dashboard/pages. Nothing happens at import; no data is read until a page asks.

The language lives in the URL (`?lang=en`; Dutch without it), so every view can be shared.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qsl

import dash
import flask
from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html

from dashboard import auth, geo, not_found, page_meta, plotly_bundle, serving
from dashboard.i18n import LANGUAGES, normalise_lang, t
from dashboard.ui import components, vintages
from dashboard.urls import lang_query, page_href, with_query

HERE = Path(__file__).resolve().parent

# Flask-Compress reads its MIME types once, when Dash sets it up; set them on our own server
# first so the GeoJSON layers are gzipped too.
COMPRESS_MIMETYPES = [
    "text/html", "text/css", "text/plain", "text/javascript", "application/javascript",
    "application/json", "application/geo+json", "image/svg+xml",
]

INDEX = """<!DOCTYPE html>
<html lang="nl">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


class MonitorDash(Dash):
    """Dash with the page's title and language on its first HTML (`<title>`, `<html lang>`, WCAG
    2.4.2 and 3.1.1), not only after the scripts ran."""

    def interpolate_index(self, **kwargs):
        if flask.has_request_context():
            kwargs["title"] = page_meta.requested_title(self)
        return page_meta.html_lang(super().interpolate_index(**kwargs))


def create_app() -> Dash:
    server = flask.Flask(__name__)
    server.config["COMPRESS_MIMETYPES"] = COMPRESS_MIMETYPES
    app = MonitorDash(
        __name__,
        server=server,
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        compress=True,
        serve_locally=True,
        title="Kinderarmoedemonitor",
        update_title=None,
        index_string=INDEX,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        on_error=serving.callback_failed,  # a callback that fails on what it was sent: no update, a notice
    )
    page_meta.localise_registry()  # titles and descriptions in the request's language
    serving.install(app)  # body limit, proxy headers, callback errors as 4xx, security headers
    _drop_duplicate_page_callbacks()
    app.layout = _shell
    _register_shell_callbacks(app)
    components.register_callbacks(app)
    vintages.register_callbacks(app)  # older municipality codes in a URL: which 2025 municipality is shown
    geo.register_geo_route(app)
    not_found.install(app)  # HTTP 404 for a path no page claims (its page still renders)
    auth.init_app(app)  # session, /login, /logout, and the login check on upload callbacks
    plotly_bundle.register(app)  # our partial plotly.js when built, else Dash's full one
    return app


def _drop_duplicate_page_callbacks() -> None:
    """Dash runs every page file again for each new app, and each run queues its `@callback`s
    in Dash's global list until an app serves its first request. A second create_app() in one
    process (tests) would then hand the browser every page callback twice ("duplicate callback
    outputs"). Keep the newest registration per output; the global map already holds only it."""
    from dash import _callback

    latest = {}
    for entry in _callback.GLOBAL_CALLBACK_LIST:
        latest[entry["output"]] = entry
    _callback.GLOBAL_CALLBACK_LIST[:] = list(latest.values())


def _shell() -> html.Div:
    return html.Div([
        dcc.Location(id="app-url", refresh=False),
        dcc.Store(id="app-lang-current", data=None),  # "nl" or "en": set from ?lang= (see _register_shell_callbacks)
        html.A(t("app.skip", "nl"), href="#main", id="app-skip", className="skip-link"),
        html.Header(html.Div([
            html.Div([
                dcc.Link(t("app.title", "nl"), href="/", id="app-home", className="app-title"),
                html.P(t("app.tagline", "nl"), id="app-tagline", className="app-tagline"),
            ], className="brand"),
            html.Nav([
                # On a phone the groups fold behind this button (CSS shows it below 48rem).
                html.Button(t("app.menu", "nl"), id="app-nav-toggle", type="button", className="nav-toggle",
                            **{"aria-expanded": "false", "aria-controls": "app-nav-groups"}),
                html.Ul(id="app-nav-groups", className="nav-groups"),
            ], id="app-nav", className="app-nav", **{"aria-label": t("app.nav_label", "nl")}),
            html.Div(id="app-lang", className="lang-switch", role="group",
                     **{"aria-label": t("app.lang_label", "nl")}),
        ], className="header-inner"), className="app-header"),
        html.Div(id=serving.NOTICE_ID, className="notice", role="alert", hidden=True),
        html.Main(dash.page_container, id="main", className="app-main", tabIndex="-1"),
        html.Footer(html.P(t("app.footer", "nl"), id="app-footer-text"), className="app-footer"),
        html.Div(id="app-doc-lang", hidden=True),
        html.Div(id="app-present-mode", hidden=True),
        html.Div(id="app-scrolled-to", hidden=True),
        # Presentation mode (?present=1): large type, no header or controls; the way back stays visible.
        html.Div(id="app-present", className="present-switch no-print"),
    ], className="app")


def is_presenting(search: str | None) -> bool:
    return dict(parse_qsl((search or "").lstrip("?"))).get("present") == "1"


def present_switch(pathname: str | None, search: str | None, lang: str):
    """The link into presentation mode, or (in it) the link out; both keep the rest of the view (their
    hrefs follow the address in the browser: assets/view_links.js)."""
    if is_presenting(search):
        # Method text is hidden on a projector; it stays one link away.
        return [dcc.Link(t("app.present.method", lang), href=page_href("/data", lang), id="app-present-method",
                         className="present-method"),
                view_link(t("app.present.exit", lang), pathname, search, {"present": None}, id="app-present-exit",
                          className="button present-exit", title=t("app.present.exit_hint", lang))]
    return view_link(t("app.present.enter", lang), pathname, search, {"present": "1"}, id="app-present-enter",
                     className="present-enter", title=t("app.present.enter_hint", lang))


def view_link(children, pathname: str | None, search: str | None, changes: dict, className: str = "", **props) -> html.A:
    """A link to this view with `changes` to its query (None removes a key), followed in the page like
    a dcc.Link (assets/in_page_links.js). Its href is written again in the browser whenever the address
    changes (assets/view_links.js, from `data-view-change`), so a control writing its state into the
    URL needs no new link from the server."""
    return html.A(children, href=with_query(pathname or "/", search, **changes),
                  className=f"{className} in-page-link".strip(),
                  **{"data-view-change": json.dumps(changes, separators=(",", ":"))}, **props)


def nav_pages() -> list[dict]:
    pages = [p for p in dash.page_registry.values() if p.get("nav_key")]
    return sorted(pages, key=lambda p: (p.get("order") is None, p.get("order") or 0, p["path"]))


# The navigation in three menus, so it fits one line on a laptop. A page whose nav_key is in no group
# lands in the last one; an entry that is not a page (the written-question answer, a section of the
# portfolio) is a (nav_key, path, fragment) triple.
NAV_GROUPS: tuple[tuple[str, tuple], ...] = (
    ("nav.group.figures", ("nav.map", "nav.profile", "nav.compare", "nav.need", "nav.briefing")),
    ("nav.group.interventions", ("nav.portfolio", ("nav.wq28", "/portfolio", "portfolio-wq28"),
                                 "nav.actions", "nav.reporting", "nav.upload")),
    ("nav.group.about", ("nav.home", "nav.data", "nav.status")),
)


def nav_entries() -> list[tuple[str, list[dict]]]:
    """The menus: (group nav_key, entries), each entry {"nav_key", "path", "fragment"}."""
    pages = {p["nav_key"]: p for p in nav_pages()}
    groups: list[tuple[str, list[dict]]] = []
    placed = set()
    for group_key, members in NAV_GROUPS:
        entries = []
        for member in members:
            if isinstance(member, tuple):
                nav_key, path, fragment = member
                entries.append({"nav_key": nav_key, "path": path, "fragment": fragment})
            elif member in pages:
                entries.append({"nav_key": member, "path": pages[member]["path"], "fragment": None})
                placed.add(member)
        groups.append((group_key, entries))
    groups[-1][1].extend({"nav_key": k, "path": p["path"], "fragment": None}
                         for k, p in pages.items() if k not in placed)
    return groups


def _nav_menus(app: Dash, pathname: str | None, lang: str) -> list:
    """One <details> menu per group (keyboard operable without script). The current page's link says
    so to screen readers and its group is marked; the key changes with the page, so a menu opened
    on one page is closed on the next."""
    current = app.strip_relative_path(pathname or "/") or ""
    menus = []
    for group_key, entries in nav_entries():
        items, group_active = [], False
        for entry in entries:
            active = entry["fragment"] is None and (app.strip_relative_path(dash.get_relative_path(entry["path"]))
                                                     or "") == current
            group_active = group_active or active
            label = [t(entry["nav_key"], lang)]
            if active:
                label.append(html.Span(" " + t("app.current", lang), className="visually-hidden"))
            href = page_href(entry["path"], lang) + (f"#{entry['fragment']}" if entry["fragment"] else "")
            items.append(html.Li(dcc.Link(label, href=href, className="nav-link is-active" if active else "nav-link")))
        summary_class = "nav-group-label is-active" if group_active else "nav-group-label"
        menus.append(html.Li(html.Details([
            html.Summary(t(group_key, lang), className=summary_class),
            html.Ul(items, className="nav-menu"),
        ], className="nav-group", key=f"{group_key}|{current}"), className="nav-group-item"))
    return menus


def _register_shell_callbacks(app: Dash) -> None:
    # The one shell callback on the address, in the browser (assets/view_links.js): the page's
    # language (<html lang>, WCAG 3.1.1) and presentation mode (a class on <body>: no round trip, no
    # flash of controls; Escape leaves it) as values of their own, changed only when they change (the
    # header and the view links depend on them, not on the whole query, so a control writing its state
    # into the URL rebuilds neither), and the hrefs of the links that keep the view.
    app.clientside_callback(
        ClientsideFunction("view_links", "url_changed"),
        Output("app-lang-current", "data"),
        Output("app-present-mode", "children"),
        Output("app-doc-lang", "children"),
        Input("app-url", "search"),
        Input("app-url", "pathname"),
        State("app-lang-current", "data"),
        State("app-present-mode", "children"),
        State("app-doc-lang", "children"),
    )

    @app.callback(
        Output("app-nav-groups", "children"),
        Output("app-nav-toggle", "children"),
        Output("app-nav", "aria-label"),
        Output("app-lang", "aria-label"),
        Output("app-home", "href"),
        Output("app-tagline", "children"),
        Output("app-skip", "children"),
        Output("app-footer-text", "children"),
        Input("app-url", "pathname"),
        Input("app-lang-current", "data"),
    )
    def _header(pathname, lang):
        lang = normalise_lang(lang)
        return (_nav_menus(app, pathname, lang), t("app.menu", lang), t("app.nav_label", lang), t("app.lang_label", lang),
                page_href("/", lang), t("app.tagline", lang), t("app.skip", lang), t("app.footer", lang))

    # The links that keep the whole view (language switch, presentation mode): drawn once per
    # language and mode; their hrefs follow the address in the browser (assets/view_links.js).
    @app.callback(
        Output("app-lang", "children"),
        Output("app-present", "children"),
        Input("app-lang-current", "data"),
        Input("app-present-mode", "children"),
        State("app-url", "pathname"),
        State("app-url", "search"),
    )
    def _view_links(lang, _mode, pathname, search):
        lang = normalise_lang(lang)
        switch = []
        for code in LANGUAGES:
            title = t(f"lang.{code}", lang)
            if code == lang:
                switch.append(html.Span([code.upper(), html.Span(" " + t("app.current", lang),
                                                                 className="visually-hidden")],
                                        className="lang-option is-active", title=title))
            else:
                # Visible "EN"; read aloud as "English", in English.
                label = [html.Span(code.upper(), **{"aria-hidden": "true"}),
                         html.Span(t(f"lang.{code}", code), className="visually-hidden", lang=code)]
                switch.append(view_link(label, pathname, search, {"lang": lang_query(code)}, className="lang-option",
                                        title=title, id=f"app-lang-{code}"))
        return switch, present_switch(pathname, search, lang)

    # New links: their hrefs for the address as it is by now (the output is never updated).
    app.clientside_callback(
        ClientsideFunction("view_links", "links_drawn"),
        Output("app-doc-lang", "title"),
        Input("app-lang", "children"),
        Input("app-present", "children"),
        State("app-url", "pathname"),
        State("app-url", "search"),
    )

    # The phone menu: the button opens and closes it, with every group open in it (so any page is
    # two taps away: the written-question answer's workbook three); a new page closes it. On a
    # laptop, Escape or a click outside closes an open group menu, and opening one closes the others.
    # `window.__navPhoneOpen` is true while the phone menu is open (assets/nav_menu.js reads it too).
    app.clientside_callback(
        """function(clicks, pathname) {
            var groups = function() { return document.querySelectorAll("#app-nav details"); };
            if (!window.__navMenus) {
                window.__navMenus = true;
                var closeAll = function(except) {
                    groups().forEach(function(d) { if (d !== except && d.open) { d.open = false; } });
                };
                document.addEventListener("toggle", function(e) {
                    if (window.__navPhoneOpen) { return; }
                    if (e.target.matches && e.target.matches("#app-nav details") && e.target.open) { closeAll(e.target); }
                }, true);
                document.addEventListener("click", function(e) {
                    if (window.__navPhoneOpen) { return; }
                    if (!e.target.closest || !e.target.closest("#app-nav details")) { closeAll(null); }
                });
                document.addEventListener("keydown", function(e) {
                    if (e.key !== "Escape" || window.__navPhoneOpen) { return; }
                    var open = document.querySelector("#app-nav details[open]");
                    if (open) { open.open = false; open.querySelector("summary").focus(); }
                });
            }
            var ctx = window.dash_clientside.callback_context;
            var byButton = ctx.triggered.some(function(t) { return t.prop_id === "app-nav-toggle.n_clicks"; });
            var button = document.getElementById("app-nav-toggle");
            var opening = byButton && !!button && button.getAttribute("aria-expanded") !== "true";
            if (opening || window.__navPhoneOpen) {
                groups().forEach(function(d) { d.open = opening; });
            }
            window.__navPhoneOpen = opening;
            return opening ? "true" : "false";
        }""",
        Output("app-nav-toggle", "aria-expanded"),
        Input("app-nav-toggle", "n_clicks"),
        Input("app-url", "pathname"),
    )

    # A link to a section (#portfolio-wq28): the page renders after the URL changes and the content
    # above the section loads later still, so keep the section at the top for a few seconds, until
    # the reader scrolls or types.
    app.clientside_callback(
        """function(hash, pathname) {
            var id = decodeURIComponent((hash || "").replace(/^#/, ""));
            if (!id) { return window.dash_clientside.no_update; }
            var until = Date.now() + 6000, stopped = false;
            var stop = function() { stopped = true; };
            ["wheel", "touchmove", "keydown", "mousedown"].forEach(function(name) {
                window.addEventListener(name, stop, {once: true, passive: true});
            });
            var keep = function() {
                if (stopped || Date.now() > until) { return; }
                var target = document.getElementById(id);
                if (target && Math.abs(target.getBoundingClientRect().top) > 2) { target.scrollIntoView({block: "start"}); }
                setTimeout(keep, 150);
            };
            keep();
            return id;
        }""",
        Output("app-scrolled-to", "children"),
        Input("app-url", "hash"),
        Input("app-url", "pathname"),
    )
