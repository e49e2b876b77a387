"""The official sources of a build: for administrators a table with why and how to load each one
(the status page), for readers a summary in words grouped per publisher (the data page)."""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from dash import dcc, html

from dashboard import formatting as fmt
from dashboard.db import records
from dashboard.i18n import t, t_or
from dashboard.ui.components import column, empty, safe_href, section, sortable_table, url_parts

# The reasons the ETL (etl/sources/official.py) writes, in Dutch, for a source it could not reach,
# each with the catalogue key that says it in the page's language. A reason about a file's
# content (its headers, its codes) names the publisher's own words and stays as written.
KNOWN_REASONS = (
    (re.compile(r"^niet in SOURCE_MIRROR \((?P<folder>.*)\); de build leest dan niet van het internet$"),
     "status.official.reason.not_in_mirror"),
    (re.compile(r"^HTTP (?P<code>\d{3})$"), "status.official.reason.http"),
    (re.compile(r"^groter dan (?P<limit>\d+) bytes$"), "status.official.reason.too_large"),
    (re.compile(r"^(?P<error>\w*(?:Error|Timeout|Exception)\w*):"), "status.official.reason.network"),
    (re.compile(r"^niet de vastgezette uitgave"), "status.official.reason.not_pinned"),
)


def reason_text(reason, lang: str) -> str:
    """An official source's reason in the page's language, for administrators (the status page):
    with the server's folder (the data page words it for readers: reader_reason)."""
    text = str(reason or "")
    for pattern, key in KNOWN_REASONS:
        match = pattern.match(text)
        if match:
            return t(key, lang, **match.groupdict())
    return text


def mirror_place(url) -> str:
    """Where an offline build looks for the file of `url`: $SOURCE_MIRROR/HOST/PATH."""
    parts = urlsplit(str(url or ""))
    return f"$SOURCE_MIRROR/{parts.netloc}{unquote(parts.path)}"


def load_advice(row: dict, lang: str) -> str:
    """How to load an official source, in the page's language: a build with internet, the file in
    the mirror, and for a Gemeente-Stadsmonitor extract also the import of a hand-downloaded copy."""
    advice = t("status.official.load.build", lang, url=str(row.get("url") or ""), place=mirror_place(row.get("url")))
    code = row.get("gsm_code") or row.get("code")
    if code:
        advice += " " + t("status.official.load.import", lang, file=f"GSM_Extract_{code}.xlsx", code=code)
    return advice


def official_rows(df, lang: str) -> list[dict]:
    """The official sources as table rows: status in words, years as a span, and for a missing one
    why and how to load it, in the page's language."""
    rows = records(df)
    for r in rows:
        r["status_label"] = t_or(f"status.official.{r['status'].replace(' ', '_')}", lang, str(r["status"]))
        r["year_span"] = _years(r)
        r["detail"] = (t("status.official.retrieved", lang) if r["status"] == "loaded"
                       else f"{reason_text(r.get('reason'), lang)} {t('status.official.command', lang)} "
                            f"{load_advice(r, lang)}")
    return rows


def official_section(section_id: str, df, lang: str):
    """Per official source (publisher's own release), for administrators (the status page): loaded
    (rows, years, retrieved) or missing (why, and how to load it: commands and folders)."""
    rows = official_rows(df, lang)
    columns = [
        column("source_id", "code", label_key="col.source", lang=lang, sub_key="dataset"),
        column("status_label", label_key="col.status", lang=lang),
        column("rows_loaded", "int", lang=lang), column("year_span", label_key="col.years", lang=lang, nowrap=True),
        column("retrieved_at", "datetime", lang=lang),
        column("detail", label_key="status.official.detail", lang=lang, sortable=False),
    ]
    caption = t("status.official.caption", lang)
    loaded = sum(r["status"] == "loaded" for r in rows)
    shown = ("source_id", "dataset", "status_label", "rows_loaded", "year_span", "retrieved_at", "detail")
    rows = [{key: r.get(key) for key in shown} for r in rows]  # the table's state goes to the browser: only what it shows
    body = (sortable_table(f"{section_id}-table", columns, rows, lang, caption) if rows
            else empty(t("status.official.none", lang)))
    return section(section_id, t("status.official", lang), body,
                   intro=t("status.official.intro", lang, loaded=fmt.integer(loaded, lang),
                           total=fmt.integer(len(rows), lang)))


# ---------------------------------------------------------------- the reader's summary (/data)

# A publisher's own page per official dataset, for the datasets etl/sources/catalog.toml gives none
# (`[datasets]`): the files themselves sit in download storage, which is no page to read.
PUBLISHER_PAGES = {
    "gsm_extract": "https://gemeente-stadsmonitor.vlaanderen.be/",
    "statbel_fiscal_zip": "https://statbel.fgov.be/nl/themas/huishoudens/fiscale-inkomens",
}

# Why a source is not loaded, as a reader needs it: the build had no internet and no copy, the
# publisher could not be reached, or the publisher's file was not the one the monitor checks for.
READER_REASONS = {
    "status.official.reason.not_in_mirror": "offline",
    "status.official.reason.http": "unreachable",
    "status.official.reason.network": "unreachable",
}


def reader_reason(row: dict) -> str:
    """`offline`, `unreachable` or `changed`: why an official source is not loaded, in a reader's
    terms (catalogue `data.official.reason.<it>`), without folders or commands."""
    reason = str(row.get("reason") or "")
    for pattern, key in KNOWN_REASONS:
        if pattern.match(reason):
            return READER_REASONS.get(key, "changed")
    return "unreachable" if row.get("status") == "not reachable" else "changed"


def publisher_page(dataset, citations: dict) -> str | None:
    citation = citations.get(dataset)
    return (citation.page if citation is not None and citation.page else None) or PUBLISHER_PAGES.get(dataset)


def _item_label(row: dict, titles: dict, lang: str):
    """One source in a group: a Gemeente-Stadsmonitor indicator by its code and (Dutch) title, any
    other by the publisher's file name."""
    code = row.get("gsm_code")
    if code:
        title = titles.get(code)
        return [f"{code} ", html.Span(title, lang="nl") if lang != "nl" else title] if title else str(code)
    return url_parts(str(row.get("url") or ""))[0] or str(row.get("dataset") or "")


def official_summary(section_id: str, df, titles: dict, citations: dict, lang: str, status_href: str):
    """The official sources for a reader (the data page): which are loaded in this build and which
    are not, one group per publisher's dataset and reason, each with one sentence and the publisher's
    page. Commands, source ids and folders are for administrators: on /status (`status_href`).
    `titles`: Gemeente-Stadsmonitor code -> indicator title; `citations`: etl.catalog citations."""
    rows = records(df)
    if not rows:
        return section(section_id, t("status.official", lang), empty(t("status.official.none", lang)))
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        why = "loaded" if r["status"] == "loaded" else reader_reason(r)
        groups.setdefault((why != "loaded", r.get("dataset"), why), []).append(r)
    blocks = []
    for (_missing, dataset, why), members in sorted(groups.items(), key=lambda g: (g[0][0], str(g[0][1]), g[0][2])):
        heading_id = f"{section_id}-{dataset}-{why}-heading"
        group_name = t_or(f"data.official.group.{dataset}", lang, str(members[0].get("publisher") or dataset))
        if why == "loaded":
            items = [html.Li([*_as_list(_item_label(r, titles, lang)), " (" + _years(r) + ")" if _years(r) else ""])
                     for r in members]
        else:
            items = [html.Li(_item_label(r, titles, lang)) for r in members]
        page = safe_href(publisher_page(dataset, citations))
        parts = [html.H3(f"{group_name} ({fmt.integer(len(members), lang)})", id=heading_id),
                 html.P(t("data.official.loaded", lang) if why == "loaded" else
                        t("data.official.not_loaded", lang, reason=t(f"data.official.reason.{why}", lang)),
                        className="official-why")]
        if page:
            parts.append(html.P([t("data.official.page", lang) + " ",
                                 html.A(url_parts(page)[1], href=page, rel="noopener noreferrer", className="url")]))
        parts.append(html.Ul(items, className="official-items"))
        blocks.append(html.Div(parts, className="official-group", **{"aria-labelledby": heading_id}))
    loaded = sum(r["status"] == "loaded" for r in rows)
    blocks.append(html.P(dcc.Link(t("data.official.to_status", lang) + " →", href=status_href,
                                  id=f"{section_id}-to-status")))
    return section(section_id, t("status.official", lang), *blocks,
                   intro=t("data.official.intro", lang, loaded=fmt.integer(loaded, lang),
                           total=fmt.integer(len(rows), lang)))


def _as_list(label) -> list:
    return label if isinstance(label, list) else [label]


def _years(row: dict) -> str:
    first, last = row.get("first_year"), row.get("last_year")
    return "" if first is None else str(first) if first == last else f"{first}–{last}"
