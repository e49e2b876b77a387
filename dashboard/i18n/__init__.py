"""Interface text in Dutch (default) and English: `t(key, lang, **values)`.

The texts are data: one TOML catalogue per page or area in `catalogues/` (`[\"map.title\"]` with a
line per language). Adding a language means adding its line to every key (and its number formats
in dashboard/formatting.py), not editing pages. The catalogues are read on first use, not at import.
Only the interface is translated here; text from the data (names, publishers) comes from the
warehouse, in the language columns it has (`localised`).
"""
from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT_LANG = "nl"
CATALOGUES = Path(__file__).resolve().parent / "catalogues"


class CatalogueError(ValueError):
    """A catalogue that would make a text ambiguous or missing: raised on first use, and by a test."""


@cache
def translations() -> dict[str, dict[str, str]]:
    """Every key of every catalogue: {key: {lang: text}}. A key in two catalogues is an error."""
    merged: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for path in sorted(CATALOGUES.glob("*.toml")):
        with path.open("rb") as f:
            entries = tomllib.load(f)
        for key, entry in entries.items():
            if key in merged:
                raise CatalogueError(f"{path.name}: key {key!r} is already in {origin[key]}")
            merged[key], origin[key] = entry, path.name
    return merged


def __getattr__(name: str):
    # `TRANSLATIONS` as before, read on first access rather than at import.
    if name == "TRANSLATIONS":
        return translations()
    raise AttributeError(name)


def normalise_lang(lang) -> str:
    """The language of a request: 'en' or 'nl'. Accepts a query value, a list of them, or None."""
    if isinstance(lang, (list, tuple)):
        lang = lang[-1] if lang else None
    lang = str(lang or "").strip().lower()
    return lang if lang in LANGUAGES else DEFAULT_LANG


def t(key: str, lang: str | None = DEFAULT_LANG, **values) -> str:
    """The text for `key` in `lang` (Dutch when the language is unknown), with {placeholders} filled.

    An unknown key raises KeyError: a missing translation is a bug, not something to hide.
    """
    text = translations()[key][normalise_lang(lang)]
    return text.format(**values) if values else text


def t_or(key: str, lang: str | None, fallback: str) -> str:
    """Like t(), but for keys built from data (a flag, a status): unknown codes show as they are."""
    entry = translations().get(key)
    return entry[normalise_lang(lang)] if entry else fallback


def localised(row, field: str, lang: str | None):
    """A data field in the page's language: `row[field + '_en']` in English when present, else the
    Dutch `row[field + '_nl']`, else `row[field]`. `row` is a mapping (dict, pandas row)."""
    def get(key):
        try:
            value = row.get(key) if hasattr(row, "get") else row[key]
        except (KeyError, IndexError):
            return None
        return None if value is None or value != value or value == "" else value

    lang = normalise_lang(lang)
    if lang != DEFAULT_LANG:
        own = get(f"{field}_{lang}")
        if own is not None:
            return own
    return get(f"{field}_{DEFAULT_LANG}") if get(f"{field}_{DEFAULT_LANG}") is not None else get(field)
