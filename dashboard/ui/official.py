"""The official sources of a build as a table section, shared by the status and data pages."""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from dashboard import formatting as fmt
from dashboard.db import records
from dashboard.i18n import t, t_or
from dashboard.ui.components import column, empty, section, sortable_table

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


def reason_text(reason, lang: str, public: bool = False) -> str:
    """An official source's reason in the page's language. `public` (the data page): no folder of
    the server; the status page, for maintainers, names it."""
    text = str(reason or "")
    for pattern, key in KNOWN_REASONS:
        match = pattern.match(text)
        if match:
            params = match.groupdict()
            if "folder" in params:
                params["folder"] = "$SOURCE_MIRROR" if public else params["folder"]
            return t(key, lang, **params)
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


def official_rows(df, lang: str, public: bool = False) -> list[dict]:
    """The official sources as table rows: status in words, years as a span, and for a missing one
    why and how to load it, in the page's language (`public`: without the server's folders)."""
    rows = records(df)
    for r in rows:
        r["status_label"] = t_or(f"status.official.{r['status'].replace(' ', '_')}", lang, str(r["status"]))
        first, last = r.get("first_year"), r.get("last_year")
        r["year_span"] = "" if first is None else str(first) if first == last else f"{first}–{last}"
        r["detail"] = (t("status.official.retrieved", lang) if r["status"] == "loaded"
                       else f"{reason_text(r.get('reason'), lang, public)} {t('status.official.command', lang)} "
                            f"{load_advice(r, lang)}")
    return rows


def official_section(section_id: str, df, lang: str, public: bool = False):
    """Per official source (publisher's own release): loaded (rows, years, retrieved) or missing (why,
    and how to load it). Shared by the status and data pages (`public`: the data page, without the
    server's folders)."""
    rows = official_rows(df, lang, public)
    columns = [
        column("source_id", "code", label_key="col.source", lang=lang, sub_key="dataset"),
        column("status_label", label_key="col.status", lang=lang),
        column("rows_loaded", "int", lang=lang), column("year_span", label_key="col.years", lang=lang, nowrap=True),
        column("retrieved_at", "datetime", lang=lang),
        column("detail", label_key="status.official.detail", lang=lang, sortable=False),
    ]
    caption = t("status.official.caption", lang)
    loaded = sum(r["status"] == "loaded" for r in rows)
    # The table's state goes to the browser: only what it shows (the stored reason may name a
    # server folder, which the public data page does not show).
    shown = ("source_id", "dataset", "status_label", "rows_loaded", "year_span", "retrieved_at", "detail")
    rows = [{key: r.get(key) for key in shown} for r in rows]
    body = (sortable_table(f"{section_id}-table", columns, rows, lang, caption) if rows
            else empty(t("status.official.none", lang)))
    return section(section_id, t("status.official", lang), body,
                   intro=t("status.official.intro", lang, loaded=fmt.integer(loaded, lang),
                           total=fmt.integer(len(rows), lang)))


