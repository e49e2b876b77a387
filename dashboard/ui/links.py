"""Links between pages that keep the language (the view lives in the URL, so it can be shared).
The page's own keys come first, `lang` last: `/project?id=lbn-001&lang=en`.

Pages link to each other only through these functions: Dash imports pages under its own module
names, so a page imported by another page would register twice.
"""
from __future__ import annotations

from dashboard.urls import lang_query, page_href, with_query

PROFILE_PATH = "/gemeente"
PROJECT_PATH = "/project"
BRIEFING_PATH = "/briefing"
COMPARE_PATH = "/vergelijk"


def profile_href(nis: str, lang: str) -> str:
    """The municipality profile of `nis`: `/gemeente?nis=46029` (`&lang=en` in English)."""
    return with_query(page_href(PROFILE_PATH, lang), None, nis=str(nis), lang=lang_query(lang))


def project_href(project_id: str, lang: str) -> str:
    """The project page: `/project?id=lbn-001`."""
    return with_query(page_href(PROJECT_PATH, lang), None, id=str(project_id), lang=lang_query(lang))


def briefing_href(lang: str, *, nis: str | None = None, province: str | None = None) -> str:
    """The printable briefing of a municipality or a province."""
    return with_query(page_href(BRIEFING_PATH, lang), None, nis=nis, province=province,
                      lang=lang_query(lang))


__all__ = ["page_href", "with_query", "profile_href", "project_href", "briefing_href"]
