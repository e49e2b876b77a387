"""Data status (`/status`): sources, builds, coverage per indicator and year, flags, map layers
and imported indicators, all read from one build of the warehouse; and, for the administrator, the
commands and settings that switch uploading on (the upload and login pages say only that it is off)."""
from __future__ import annotations

import dash
from dash import MATCH, Input, Output, State, callback, html

from dashboard import auth, db, serving, shared_store
from dashboard import formatting as fmt
from dashboard.db import records
from dashboard.geo import geo_url
from dashboard.i18n import LANGUAGES, localised, normalise_lang, t, t_or
from dashboard.queries import status as queries
from dashboard.ui.components import (
    column,
    empty,
    plain_table,
    read_page,
    scroll_box,
    section,
    sortable_table,
    warehouse_notice,
)
from dashboard.ui.official import official_section
from etl.config import SETTINGS

dash.register_page(
    __name__, path="/status", name="Datastatus", title="Datastatus – Kinderarmoedemonitor", order=90,
    nav_key="nav.status",
    description="Bronnen, builds en dekking van de cijfers van de Kinderarmoedemonitor.",
)

SECTIONS = ("builds", "sources", "official", "coverage", "flags", "geo", "imports", "uploads")
SECTION_TITLE = {"builds": "status.builds", "sources": "status.sources", "official": "status.official",
                 "coverage": "status.coverage",
                 "flags": "status.flags", "geo": "status.geo", "imports": "status.imports",
                 "uploads": "status.uploads"}

# Switching uploading on (README "Upload en login"): the steps in order, then the settings a server
# may need. Commands are the same in both languages; what each does is in the catalogue
# (status.uploads.<key>). The example path and name are the README's.
USERS_FILE_EXAMPLE = "/etc/kinderarmoedemonitor/users.toml"
UPLOAD_STEPS = (
    ("add_user", f'python -m dashboard add-user an.analist --display-name "An Analist" --users-file {USERS_FILE_EXAMPLE}'),
    ("users_file", f"export {auth.USERS_SETTING}={USERS_FILE_EXAMPLE}"),
    ("serve", "python -m dashboard"),
)
UPLOAD_SETTINGS = (
    ("secure_cookie", f"export {auth.SECURE_SETTING}=1"),
    ("secret_key", f"export {auth.SECRET_SETTING}=..."),
    ("throttle", f"export {shared_store.STORAGE_SETTING}=redis://host:6379/0"),
    ("proxies", f"export {serving.PROXIES_SETTING}=1"),
    ("max_content", f"export {serving.MAX_CONTENT_SETTING}={SETTINGS[serving.MAX_CONTENT_SETTING][0]}"),
)


def layout(lang=None, **_query):
    """The page's frame; its data arrives through `_fill`, so building a layout never reads the
    warehouse (Dash calls every layout once at start-up to validate callbacks)."""
    return read_page("status", normalise_lang(lang))


@callback(Output("status-content", "children"), Input("status-lang", "data"))
def _fill(lang):
    return render(normalise_lang(lang))


def render(lang: str):
    """Everything below the title: what is read from one build of the warehouse (made once per build
    and language), then how to switch uploading on."""
    try:
        content = db.memo(_render, lang)
    except db.WarehouseError as exc:
        content = warehouse_notice(exc, lang)
    # The upload commands hold without a warehouse too (and read none).
    return [*(content if isinstance(content, list) else [content]), _uploads(lang)]


def warm() -> None:
    """Prepare the page for a new build (dashboard.warming)."""
    for lang in LANGUAGES:
        render(lang)


def _render(lang: str):
    try:
        with db.reader() as r:  # every part from the same build
            data = {
                "builds": queries.builds(r),
                "sources": queries.sources(r),
                "total": queries.municipality_count(r),
                "coverage": db.per_build(r, queries.coverage),  # also behind the per-year flags
                "geo": queries.geo_layers(r),
                "imports": queries.imports(r),
                "official": queries.official_sources(r),
            }
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang)
    toc = html.Nav(html.Ul([html.Li(html.A(t(SECTION_TITLE[s], lang), href=f"#status-{s}")) for s in SECTIONS]),
                   className="toc", **{"aria-label": t("status.toc", lang)})
    return [
        toc,
        _builds(data["builds"], lang),
        _sources(data["sources"], lang),
        official_section("status-official", data["official"], lang),
        _coverage(data["coverage"], data["total"], lang),
        _flags(data["coverage"], lang),
        _geo(data["geo"], lang),
        _imports(data["imports"], lang),
    ]


def _name(row: dict, lang: str) -> str:
    return (row.get("name_en") if lang == "en" and row.get("name_en") else row.get("name_nl")) \
        or row.get("indicator_id") or ""


# -------------------------------------------------------------------------- sections

def _builds(df, lang):
    rows = records(df)
    for r in rows:
        r["status_label"] = t_or(f"build.{r['status']}", lang, str(r["status"]))
        r["duration"] = fmt.duration(r["started_at"], r["finished_at"], lang)
    columns = [column("started_at", "datetime", lang=lang), column("finished_at", "datetime", lang=lang),
               column("status_label", label_key="col.status", lang=lang),
               column("code_version", "code", lang=lang), column("duration", lang=lang, align="right")]
    caption = t("status.builds.caption", lang)
    body = plain_table("status-builds-table", columns, rows, lang, caption) if rows else empty(t("status.empty", lang))
    return section("status-builds", t("status.builds", lang), body)


def _sources(df, lang):
    rows = records(df)
    for r in rows:
        r["how"] = t_or(f"how.{r['fetched_how']}", lang, str(r["fetched_how"] or t("how.unknown", lang)))
        r["publisher"], r["licence"] = localised(r, "publisher", lang), localised(r, "licence", lang)
    columns = [
        column("source_id", "code", label_key="col.source", lang=lang, sub_key="dataset"),
        column("publisher", lang=lang, ditto=True),
        column("licence", lang=lang, ditto=True), column("url", "url", lang=lang, sortable=False),
        column("sha256", "sha", lang=lang, sortable=False), column("retrieved_at", "datetime", lang=lang),
        column("rows_loaded", "int", lang=lang), column("how", label_key="col.fetched_how", lang=lang),
    ]
    caption = t("status.sources.caption", lang)
    body = (sortable_table("status-sources-table", columns, rows, lang, caption) if rows
            else empty(t("status.empty", lang)))
    return section("status-sources", t("status.sources", lang), body)


COVERAGE_CLASSES = ("full", "high", "mid", "low", "none")


def coverage_class(count: int, total: int) -> str:
    if not count or not total:
        return "none"
    if count >= total:
        return "full"
    share = count / total
    return "high" if share >= 0.9 else "mid" if share >= 0.5 else "low"


def _coverage(df, total: int, lang: str):
    rows = records(df)
    years = sorted({int(r["year"]) for r in rows if r["year"] is not None})
    indicators: dict[str, dict] = {}
    for r in rows:
        ind = indicators.setdefault(r["indicator_id"], {**r, "per_year": {}})
        if r["year"] is not None:
            ind["per_year"][int(r["year"])] = r["with_value"]
    if not indicators:
        return section("status-coverage", t("status.coverage", lang), empty(t("status.empty", lang)))
    head = html.Thead(html.Tr(
        [html.Th([t("col.indicator", lang),
                  html.Span(f"{t('col.unit', lang)} · {t('col.direction', lang)}", className="sub")], scope="col")]
        + [html.Th(str(y), scope="col", className="num") for y in years]))
    body = []
    for ind in indicators.values():
        # Unit and direction on a second line keep many years readable without scrolling.
        direction = t_or(f"direction.{ind['direction']}", lang, str(ind["direction"]))
        cells = [html.Th([html.Span(_name(ind, lang), className="indicator-name"),
                          html.Span(f"{localised(ind, 'unit', lang)} · {direction}", className="sub")],
                         scope="row", title=ind["indicator_id"])]
        for y in years:
            count = ind["per_year"].get(y)
            if count is None:
                cells.append(html.Td(fmt.MISSING, className="num cov cov-none", title=t("status.no_values", lang)))
                continue
            share = fmt.percent(count / total * 100 if total else None, 0, lang)
            cells.append(html.Td(
                fmt.integer(count, lang), className=f"num cov cov-{coverage_class(count, total)}",
                title=t("status.coverage.cell_title", lang, count=fmt.integer(count, lang),
                        total=fmt.integer(total, lang), share=share)))
        body.append(html.Tr(cells))
    caption = t("status.coverage.caption", lang)
    table = html.Table([html.Caption(caption), head, html.Tbody(body)], id="status-coverage-table",
                       className="data-table coverage")
    scale = html.P([html.Span(t("status.coverage.scale", lang) + " ")] + [
        html.Span(t(f"status.coverage.scale.{c}", lang), className=f"swatch cov-{c}") for c in COVERAGE_CLASSES
    ], className="coverage-scale")
    return section("status-coverage", t("status.coverage", lang), scroll_box(table, caption, lang), scale,
                   intro=t("status.coverage.intro", lang, total=fmt.integer(total, lang)))


FLAG_COLUMNS = ["with_value", *(f"n_{f}" for f in queries.FLAGS), "other_codes"]


def _flag_columns(lang: str) -> list[dict]:
    return ([column("with_value", "int", lang=lang)]
            + [column(f"n_{f}", "int", label_key=f"flag.{f}", lang=lang) for f in queries.FLAGS]
            + [column("other_codes", "int", lang=lang)])


def _flag_rows(df, lang: str) -> list[dict]:
    rows = [r for r in records(df) if r["year"] is not None]
    for r in rows:
        r["indicator"] = _name(r, lang)
    return rows


def _flags(df, lang: str):
    """A total per indicator (visible), and per indicator and year (unfolds; sent when opened)."""
    rows = _flag_rows(df, lang)
    totals: dict[str, dict] = {}
    for r in rows:
        tot = totals.setdefault(r["indicator_id"], {"indicator": r["indicator"], "years": set(),
                                                    **{c: 0 for c in FLAG_COLUMNS}})
        tot["years"].add(int(r["year"]))
        for c in FLAG_COLUMNS:
            tot[c] += int(r[c] or 0)
    summary = []
    for tot in totals.values():
        years = sorted(tot.pop("years"))
        tot["year_span"] = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        summary.append(tot)
    legend = html.Div([
        html.H3(t("status.legend", lang), id="status-legend-heading"),
        html.Dl([item for f in queries.FLAGS for item in (
            html.Dt(t(f"flag.{f}", lang)), html.Dd(t(f"flag.{f}.help", lang)))]
            + [html.Dt(t("col.other_codes", lang)), html.Dd(t("flag.other_codes.help", lang))],
            className="legend"),
    ], id="status-legend", className="legend-box")
    if not rows:
        return section("status-flags", t("status.flags", lang), legend, empty(t("status.empty", lang)))
    summary_columns = ([column("indicator", lang=lang), column("year_span", label_key="col.years", lang=lang, nowrap=True)]
                       + [dict(c, label=t("col.values", lang)) if c["key"] == "with_value" else c
                          for c in _flag_columns(lang)])
    caption = t("status.flags.caption", lang)
    return section(
        "status-flags", t("status.flags", lang), legend,
        sortable_table("status-flags-table", summary_columns, summary, lang, caption, sort=("indicator", True)),
        html.Details([
            html.Summary(t("status.flags.per_year", lang, n=fmt.integer(len(rows), lang)), id="status-flags-per-year"),
            html.Div(id={"type": "status-details-box", "section": "flags"}),
        ], id={"type": "status-details", "section": "flags"}, className="details"),
    )


@callback(Output({"type": "status-details-box", "section": MATCH}, "children"),
          Input({"type": "status-details", "section": MATCH}, "n_clicks"),
          State({"type": "status-details-box", "section": MATCH}, "children"), State("status-lang", "data"),
          prevent_initial_call=True)
def _fill_per_year(_clicks, filled, lang):
    """The per-year flags table, sent only when its section is opened (it is most of the page)."""
    if filled:  # a click inside the open table
        return dash.no_update
    lang = normalise_lang(lang)
    try:
        return db.memo(_per_year_table, lang)
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang)


def _per_year_table(lang: str):
    with db.reader() as r:
        rows = _flag_rows(db.per_build(r, queries.coverage), lang)
    columns = [column("indicator", lang=lang), column("year", "year", lang=lang), *_flag_columns(lang)]
    return sortable_table("status-flags-year-table", columns, rows, lang, t("status.flags.per_year_caption", lang),
                          sort=("indicator", True))


def _geo(df, lang: str):
    rows = records(df)
    folder = db.geo_dir()
    for r in rows:
        r["level_label"] = t_or(f"level.{r['level']}", lang, str(r["level"]))
        url = geo_url(r["file_name"], r.get("sha256"), dash.get_relative_path("/"))
        present = url is not None and (folder / r["file_name"]).is_file()
        r["on_disk"] = t("status.file_present" if present else "status.file_absent", lang)
        r["url"] = url if present else None
    columns = [column("file_name", "code", lang=lang, href_key="url"), column("level_label", label_key="col.level", lang=lang),
               column("vintage", "year", lang=lang), column("features", "int", lang=lang),
               column("bytes", "bytes", lang=lang), column("sha256", "sha", lang=lang),
               column("on_disk", lang=lang)]
    caption = t("status.geo.caption", lang)
    body = plain_table("status-geo-table", columns, rows, lang, caption) if rows else empty(t("status.empty", lang))
    return section("status-geo", t("status.geo", lang), body)


def _imports(df, lang: str):
    rows = records(df)
    for r in rows:
        r["indicator"] = _name(r, lang)
    columns = [column("indicator", lang=lang), column("file_name", "code", lang=lang), column("sha256", "sha", lang=lang),
               column("imported_at", "datetime", lang=lang), column("imported_by", lang=lang),
               column("rows_loaded", "int", lang=lang)]
    caption = t("status.imports.caption", lang)
    body = (plain_table("status-imports-table", columns, rows, lang, caption) if rows
            else empty(t("status.imports.empty", lang)))
    return section("status-imports", t("status.imports", lang), body)


def _command_items(items, lang: str) -> list:
    return [item for key, command in items for item in (
        html.Dt(html.Pre(html.Code(command), className="command")),
        html.Dd(t(f"status.uploads.{key}", lang)))]


def _uploads(lang: str):
    """How the administrator switches uploading on: each command or setting with what it does."""
    return section(
        "status-uploads", t("status.uploads", lang),
        html.H3(t("status.uploads.steps", lang)),
        html.Ol([html.Li([html.Pre(html.Code(command), className="command"), html.P(t(f"status.uploads.{key}", lang))])
                 for key, command in UPLOAD_STEPS], id="status-uploads-steps", className="command-steps"),
        html.H3(t("status.uploads.settings", lang)),
        html.Dl(_command_items(UPLOAD_SETTINGS, lang), id="status-uploads-settings", className="command-list"),
        intro=t("status.uploads.intro", lang),
    )
