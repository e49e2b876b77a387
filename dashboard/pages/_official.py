"""The official sources of a build as a table section, shared by the status and data pages.

A module whose name starts with `_`, so Dash's page loader does not import it as a page."""
from __future__ import annotations

from dashboard import formatting as fmt
from dashboard.db import records
from dashboard.i18n import t, t_or
from dashboard.ui.components import column, empty, section, sortable_table


def official_rows(df, lang: str) -> list[dict]:
    """The official sources as table rows: status in words, years as a span, and for a missing one
    why and the command that loads it."""
    rows = records(df)
    for r in rows:
        r["status_label"] = t_or(f"status.official.{r['status'].replace(' ', '_')}", lang, str(r["status"]))
        first, last = r.get("first_year"), r.get("last_year")
        r["year_span"] = "" if first is None else str(first) if first == last else f"{first}–{last}"
        r["detail"] = (t("status.official.retrieved", lang) if r["status"] == "loaded"
                       else f"{r['reason']} {t('status.official.command', lang)} {r['load_command']}")
    return rows


def official_section(section_id: str, df, lang: str):
    """Per official source (publisher's own release): loaded (rows, years, retrieved) or missing (why,
    and the exact command that loads it). Shared by the status and data pages."""
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
    body = (sortable_table(f"{section_id}-table", columns, rows, lang, caption) if rows
            else empty(t("status.official.none", lang)))
    return section(section_id, t("status.official", lang), body,
                   intro=t("status.official.intro", lang, loaded=fmt.integer(loaded, lang),
                           total=fmt.integer(len(rows), lang)))


