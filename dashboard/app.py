"""The Dash app: `create_app()` builds the shell (header, navigation, language switch) around
the pages in dashboard/pages. Nothing happens at import; no data is read until a page asks.

The language lives in the URL (`?lang=en`; Dutch without it), so every view can be shared.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

import dash
import flask
from dash import Dash, Input, Output, dcc, html

from dashboard import auth, geo, plotly_bundle
from dashboard.i18n import LANGUAGES, normalise_lang, t
from dashboard.ui import components
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


def create_app() -> Dash:
    server = flask.Flask(__name__)
    server.config["COMPRESS_MIMETYPES"] = COMPRESS_MIMETYPES
    app = Dash(
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
    )
    _drop_duplicate_page_callbacks()
    app.layout = _shell
    _register_shell_callbacks(app)
    components.register_callbacks(app)
    geo.register_geo_route(app)
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
        html.A(t("app.skip", "nl"), href="#main", id="app-skip", className="skip-link"),
        html.Header(html.Div([
            html.Div([
                dcc.Link(t("app.title", "nl"), href="/", id="app-home", className="app-title"),
                html.P(t("app.tagline", "nl"), id="app-tagline", className="app-tagline"),
            ], className="brand"),
            html.Nav(id="app-nav", className="app-nav", **{"aria-label": t("app.nav_label", "nl")}),
            html.Div(id="app-lang", className="lang-switch", role="group",
                     **{"aria-label": t("app.lang_label", "nl")}),
        ], className="header-inner"), className="app-header"),
        html.Main(dash.page_container, id="main", className="app-main", tabIndex="-1"),
        html.Footer(html.P(t("app.footer", "nl"), id="app-footer-text"), className="app-footer"),
        html.Div(id="app-doc-lang", hidden=True),
        html.Div(id="app-present-mode", hidden=True),
        # Presentation mode (?present=1): large type, no header or controls; the way back stays visible.
        html.Div(id="app-present", className="present-switch no-print"),
    ], className="app")


def is_presenting(search: str | None) -> bool:
    return dict(parse_qsl((search or "").lstrip("?"))).get("present") == "1"


def present_switch(pathname: str | None, search: str | None, lang: str):
    """The link into presentation mode, or (in it) the link out; both keep the rest of the view."""
    if is_presenting(search):
        return dcc.Link(t("app.present.exit", lang), href=with_query(pathname or "/", search, present=None),
                        id="app-present-exit", className="button present-exit", title=t("app.present.exit_hint", lang))
    return dcc.Link(t("app.present.enter", lang), href=with_query(pathname or "/", search, present="1"),
                    id="app-present-enter", className="present-enter", title=t("app.present.enter_hint", lang))


def nav_pages() -> list[dict]:
    pages = [p for p in dash.page_registry.values() if p.get("nav_key")]
    return sorted(pages, key=lambda p: (p.get("order") is None, p.get("order") or 0, p["path"]))


def _register_shell_callbacks(app: Dash) -> None:
    @app.callback(
        Output("app-nav", "children"),
        Output("app-nav", "aria-label"),
        Output("app-lang", "children"),
        Output("app-lang", "aria-label"),
        Output("app-home", "href"),
        Output("app-tagline", "children"),
        Output("app-skip", "children"),
        Output("app-footer-text", "children"),
        Output("app-present", "children"),
        Input("app-url", "pathname"),
        Input("app-url", "search"),
    )
    def _header(pathname, search):
        query = dict(parse_qsl((search or "").lstrip("?")))
        lang = normalise_lang(query.get("lang"))
        current = app.strip_relative_path(pathname or "/") or ""
        items = []
        for page in nav_pages():
            active = (app.strip_relative_path(page["relative_path"]) or "") == current
            label = [t(page["nav_key"], lang)]
            if active:
                label.append(html.Span(" " + t("app.current", lang), className="visually-hidden"))
            items.append(html.Li(dcc.Link(
                label, href=page_href(page["path"], lang),
                className="nav-link is-active" if active else "nav-link")))
        switch = []
        for code in LANGUAGES:
            href = with_query(pathname or "/", search, lang=lang_query(code))
            title = t(f"lang.{code}", lang)
            if code == lang:
                switch.append(html.Span([code.upper(), html.Span(" " + t("app.current", lang),
                                                                 className="visually-hidden")],
                                        className="lang-option is-active", title=title))
            else:
                # Visible "EN"; read aloud as "English", in English.
                label = [html.Span(code.upper(), **{"aria-hidden": "true"}),
                         html.Span(t(f"lang.{code}", code), className="visually-hidden", lang=code)]
                switch.append(dcc.Link(label, href=href, className="lang-option", title=title,
                                       id=f"app-lang-{code}"))
        return (html.Ul(items), t("app.nav_label", lang), switch, t("app.lang_label", lang),
                page_href("/", lang), t("app.tagline", lang), t("app.skip", lang), t("app.footer", lang),
                present_switch(pathname, search, lang))

    # Presentation mode is a class on <body>, set in the browser: no round trip, no flash of controls.
    # Escape leaves it (the key a presenter tries first).
    app.clientside_callback(
        """function(search) {
            var on = is_presenting(search);
            document.body.classList.toggle("presenting", on);
            if (!window.__presentKeys) {
                window.__presentKeys = true;
                document.addEventListener("keydown", function(e) {
                    if (e.key === "Escape" && document.body.classList.contains("presenting")) {
                        var exit = document.getElementById("app-present-exit");
                        if (exit) { exit.click(); }
                    }
                });
            }
            return on ? "on" : "off";
            function is_presenting(s) { return new URLSearchParams(s || "").get("present") === "1"; }
        }""",
        Output("app-present-mode", "children"),
        Input("app-url", "search"),
    )

    # The page language for screen readers and hyphenation (WCAG 3.1.1).
    app.clientside_callback(
        """function(search) {
            var lang = new URLSearchParams(search || "").get("lang") === "en" ? "en" : "nl";
            document.documentElement.lang = lang;
            return lang;
        }""",
        Output("app-doc-lang", "children"),
        Input("app-url", "search"),
    )
