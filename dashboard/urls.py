"""Links that keep the language: the view's state lives in the URL, so it can be shared."""
from __future__ import annotations

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
