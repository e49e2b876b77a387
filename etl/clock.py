"""Moments as the monitor writes them for readers: in Brussels time, in the language's notation.

The warehouse stores UTC; a build time and an export stamp printed side by side must read in the
same clock whatever the server's time zone. The ETL's workbooks and the dashboard's pages
(`dashboard.formatting`) both use this module, so the two can never disagree.
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")
MOMENT = {"nl": "%d-%m-%Y %H:%M", "en": "%Y-%m-%d %H:%M"}


def now() -> datetime:
    """This moment in Brussels time (aware)."""
    return datetime.now(BRUSSELS)


def moment_text(value, lang: str) -> str:
    """`22-11-2026 11:33` (nl) / `2026-11-22 11:33` (en): an aware moment in Brussels time, a naive one
    as it is. A datetime or an ISO 8601 text; other text is returned as it is."""
    when = value
    if not isinstance(when, datetime):
        try:
            when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return str(value)
    if when.tzinfo is not None:
        when = when.astimezone(BRUSSELS)
    return when.strftime(MOMENT.get(lang, MOMENT["nl"]))
