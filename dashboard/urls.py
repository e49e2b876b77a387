"""Links that keep the language: the view's state lives in the URL, so it can be shared."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

import dash


def with_query(path: str, search: str | None, **changes) -> str:
    """`path` with the query of `search`, after `changes` (a value of None removes the key). A query
    already in `path` (as from page_href) is kept, before `search`."""
    path, _, own = path.partition("?")
    query = "&".join(q for q in (own, (search or "").lstrip("?")) if q)
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k not in changes]
    pairs += [(k, v) for k, v in changes.items() if v is not None]
    return path + ("?" + urlencode(pairs) if pairs else "")


def lang_query(lang: str) -> str | None:
    """The value of ?lang= for a language (None for the default, Dutch)."""
    return "en" if lang == "en" else None


def page_href(path: str, lang: str) -> str:
    """The link to a page of the app (prefix-aware) in the given language."""
    return with_query(dash.get_relative_path(path), None, lang=lang_query(lang))


def one(value) -> str | None:
    """A single query value (a list, as from `?a=1&a=2`: the last one), stripped; None when empty."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    if value is None:
        return None
    text = str(value).strip()
    return text or None


NIS_CODE = re.compile(r"[0-9]{5}")


def valid_nis(value) -> str | None:
    """A 5-digit NIS code (municipality, province or region) from a query value (`one`), or None."""
    text = one(value)
    return text if text is not None and NIS_CODE.fullmatch(text) else None


CODE = re.compile(r"[a-z0-9_\-]{1,40}")


def valid_code(value) -> str | None:
    """A vocabulary code (programme, theme, sector, status: lower case, digits, `_`, `-`) from a query
    value (`one`), or None."""
    text = one(value)
    return text if text is not None and CODE.fullmatch(text) else None
