"""About the data (`/data`): per indicator its definition, unit, kind, direction, years, source
with link and licence, and how it was converted to the 2025 municipalities; the last build; what
the flags mean. The technical detail (files, checksums, coverage) stays on /status."""
from __future__ import annotations

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import db
from dashboard import formatting as fmt
from dashboard.i18n import localised, normalise_lang, t, t_or
from dashboard.queries import FLAGS
from dashboard.queries import map as qm
from dashboard.queries import status as qs
from dashboard.queries.status import latest_build
from dashboard.ui import downloads
from dashboard.ui.components import read_page, safe_href, section, url_parts, warehouse_notice
from dashboard.ui.notes import harmonisation_rule
from dashboard.ui.official import official_summary, reader_reason
from dashboard.urls import page_href, with_query

dash.register_page(
    __name__, path="/data", name="Over de cijfers", title="Over de cijfers – Kinderarmoedemonitor", order=85,
    nav_key="nav.data",
    description="Definities, eenheden, bronnen, licenties en jaren van de indicatoren van de Kinderarmoedemonitor.",
)


def layout(lang=None, **_query):
    return read_page("data", normalise_lang(lang))


@callback(Output("data-content", "children"), Input("data-lang", "data"))
def _fill(lang):
    return render(normalise_lang(lang))


def render(lang: str):
    try:
        with db.reader() as r:
            indicators = qm.indicators(r)
            sources = qm.sources(r)
            build = latest_build(r)
            children = qs.child_indicators(r)
            official = qs.official_sources(r)
    except db.WarehouseError as exc:
        return warehouse_notice(exc, lang)
    by_source = {row["source_id"]: row for row in sources.to_dict("records")}
    titles = dict(zip(children["code"], children["title"]))  # Gemeente-Stadsmonitor code -> indicator title
    rows = indicators.astype(object).where(indicators.notna(), None).to_dict("records")
    toc = html.Nav(html.Ul([html.Li(html.A(_name(r, lang), href=f"#data-{r['indicator_id']}")) for r in rows]
                           + [html.Li(html.A(t("data.child", lang), href="#data-child")),
                              html.Li(html.A(t("status.official", lang), href="#data-official")),
                              html.Li(html.A(t("data.flags", lang), href="#data-flags"))]),
                   className="toc", **{"aria-label": t("status.toc", lang)})
    return [
        _build(build, lang),
        toc,
        section("data-indicators", t("data.indicators", lang),
                *[_indicator(r, by_source, lang) for r in rows]),
        _child_indicators(children, lang),
        # the catalog's citations (publisher's page per dataset), read once by the downloads kit
        official_summary("data-official", official, titles, downloads._citations(), lang,
                         page_href("/status", lang) + "#status-official"),
        _flags(lang),
        html.P(dcc.Link(t("data.to_status", lang) + " →", href=page_href("/status", lang), id="data-to-status")),
    ]


def _name(row: dict, lang: str) -> str:
    return localised(row, "name", lang) or row["indicator_id"]


def _build(build: dict | None, lang: str):
    if not build:
        text = t("home.no_build", lang)
    else:
        # The date a reader asks for; the code version is on /status, for administrators.
        text = fmt.datetime_text(build.get("finished_at") or build.get("started_at"), lang)
    return html.P([html.Strong(t("data.build", lang) + ": "), text], id="data-build", className="data-build")


def _years(years) -> str:
    years = [int(y) for y in (list(years) if years is not None else [])]
    if not years:
        return ""
    # runs of consecutive years: 2009–2015, 2020
    runs, start, prev = [], years[0], years[0]
    for y in years[1:]:
        if y != prev + 1:
            runs.append((start, prev))
            start = y
        prev = y
    runs.append((start, prev))
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def _indicator(row: dict, by_source: dict, lang: str) -> html.Article:
    iid = row["indicator_id"]
    definition = localised(row, "definition", lang)
    src = by_source.get(row.get("source_id")) or {}
    href = safe_href(src.get("url"))
    if href:
        name, host = url_parts(href)
        source_link = html.A(f"{name} ({host})", href=href, rel="noopener noreferrer", className="url")
    else:
        source_link = html.Span(str(src.get("url") or row.get("source_id") or fmt.MISSING))
    years = _years(row.get("years"))
    facts = [
        (t("data.definition", lang), definition or fmt.MISSING),
        (t("data.unit", lang), fmt.unit_label(row, lang) or fmt.MISSING),
        (t("data.kind", lang), t_or(f"data.kind.{row.get('kind')}", lang, str(row.get("kind")))),
        (t("data.direction", lang), t_or(f"direction.{row.get('direction')}", lang, str(row.get("direction")))),
        (t("data.years", lang), years or t("data.no_years", lang)),
        (t("data.source", lang), [html.Span(str(localised(src, "publisher", lang) or "")), html.Br(), source_link,
                                  html.Span(" · " + t("data.retrieved", lang, date=fmt.date_text(src.get("retrieved_at"), lang))
                                            if src.get("retrieved_at") else "")]),
        (t("data.licence", lang), str(localised(src, "licence", lang) or fmt.MISSING)),
        (t("data.harmonisation", lang), harmonisation_rule(row, lang) or fmt.MISSING),
    ]
    if localised(row, "note", lang):
        # A note written for one indicator in the source declaration (Dutch only so far): marked
        # as Dutch for screen readers in the English page.
        note = localised(row, "note", lang)
        facts.append((t("data.note", lang), html.Span(note, lang="nl") if lang != "nl" and not row.get("note_en") else note))
    if row.get("origin") == "imported":
        facts.append((t("data.source", lang), t("data.imported", lang)))
    items = [item for label, value in facts for item in (html.Dt(label), html.Dd(value))]
    heading_id = f"data-{iid}-heading"
    children = [html.H3(_name(row, lang), id=heading_id), html.Dl(items, className="legend data-facts")]
    if years:
        children.append(html.P(dcc.Link(t("data.on_map", lang) + " →",
                                        href=with_query(dash.get_relative_path("/"), None, indicator=iid,
                                                        lang="en" if lang == "en" else None))))
    return html.Article(children, id=f"data-{iid}", className="data-indicator",
                        **{"aria-labelledby": heading_id})


def _child_indicators(df, lang: str):
    """The child-poverty indicators the monitor knows (Gemeente-Stadsmonitor, declared in
    etl/sources/gsm_indicators.toml): the catalogue's definition and publisher, the status of their
    official source and, when not loaded, why in words. Texts from the data are escaped by Dash."""
    rows = df.astype(object).where(df.notna(), None).to_dict("records")
    if not rows:
        return section("data-child", t("data.child", lang), html.P(t("data.child.none", lang)))
    articles = []
    for row in rows:
        status = row.get("status")
        status_text = t_or(f"status.official.{str(status).replace(' ', '_')}", lang, str(status)) if status \
            else t("data.child.undeclared", lang)
        imported = status != "loaded" and row.get("imported_file")
        if status == "loaded":
            first, last = row.get("first_year"), row.get("last_year")
            status_text += " (" + t("data.child.loaded", lang, rows=fmt.integer(row.get("rows_loaded"), lang),
                                    years=f"{first}–{last}", date=fmt.date_text(row.get("retrieved_at"), lang)) + ")"
        elif imported:  # the official file is missing, a hand-downloaded extract was imported
            status_text = t("data.child.imported", lang, file=str(row["imported_file"]),
                            date=fmt.date_text(row.get("imported_at"), lang))
        facts = [
            # Folded: the catalogue's definitions are long (on a phone most of the page, review 8b #18).
            (t("data.definition", lang), html.Details([
                html.Summary(t("data.child.show_definition", lang)),
                html.P(row["definition"], lang="nl" if lang != "nl" else None),
            ], className="details")),
            (t("data.child.publisher", lang), str(row.get("publisher") or fmt.MISSING)),
            (t("data.child.latest_year", lang), str(row.get("latest_year") or fmt.MISSING)),
            (t("data.child.status", lang), status_text),
        ]
        if status and status != "loaded" and not imported:
            # A reader's page: why in words; folders and commands are on /status, for administrators.
            facts.append((t("data.child.why", lang), t(f"data.official.reason.{reader_reason(row)}", lang)))
        heading_id = f"data-child-{row['code']}-heading"
        items = [item for label, value in facts for item in (html.Dt(label), html.Dd(value))]
        articles.append(html.Article([html.H3(f"{row['code']} · {row['title']}", id=heading_id, lang="nl"),
                                      html.Dl(items, className="legend data-facts")],
                                     id=f"data-child-{row['code']}", className="data-indicator",
                                     **{"aria-labelledby": heading_id}))
    return section("data-child", t("data.child", lang), *articles, intro=t("data.child.intro", lang))


def _flags(lang: str):
    return section("data-flags", t("data.flags", lang),
                   html.Dl([item for f in FLAGS for item in (
                       html.Dt(t(f"flag.{f}", lang)), html.Dd(t(f"flag.{f}.help", lang)))], className="legend"),
                   intro=t("data.flags.intro", lang))
