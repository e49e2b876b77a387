"""The harmonisation note of a value, as a sentence in the page's language.

Pages never read a note themselves: they pass what the warehouse holds for a value's `note` to
`value_note`, with the names of the municipalities (code -> name) so codes read as places.

The warehouse holds a note as fields (etl.tables.NOTE_TYPE; DuckDB hands the STRUCT as a dict):
`method` (how the value was made, or why it is absent), `parts` (the predecessor codes combined;
empty for a province or region, whose parts are its 2025 municipalities), `missing` (codes without a
usable value) and `detail` (the estimate's method, or why an area value was not computed). The
words are in the catalogue dashboard/i18n/catalogues/notes.toml (`note.<method>...`).
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from dashboard.i18n import t, translations

_CODE = re.compile(r"\b([0-9]{5})\b")
MAX_PLACES = 5  # longer lists name the first five and count the rest
COMBINED = ("sum", "ratio_of_sums", "estimate")


def value_note(note, names: dict[str, str], lang: str) -> str:
    """The note of one value ("" when it has none). `note` is the warehouse's note (a dict of its
    fields), or a plain text (an imported indicator's own words), whose codes are named too."""
    if isinstance(note, str):
        return _CODE.sub(lambda m: _place(m.group(1), names), note) if note else ""
    if not isinstance(note, Mapping) or not note.get("method"):
        return ""  # None, NaN or pandas' NA: nothing to say
    method, detail = str(note["method"]), note.get("detail")
    parts, missing = _codes(note.get("parts")), _codes(note.get("missing"))
    area = "" if parts else ".area"
    if method in COMBINED:
        key = f"note.{method}.{detail}" if detail and _known(f"note.{method}.{detail}") else f"note.{method}"
        sentences = [t(key + area, lang, parts=_places(parts, names, lang))]
        if missing:
            sentences.append(t("note.without", lang, missing=_places(missing, names, lang)))
    elif method == "not_computed":
        sentences = [t("note.not_computed", lang, count=_count(missing, lang), missing=_places(missing, names, lang))
                     if missing else t("note.not_computed.bare", lang)]
        if detail and _known(f"note.not_computed.{detail}"):
            sentences.append(t(f"note.not_computed.{detail}", lang))
    elif _known(f"note.{method}"):  # suppressed, missing_in_source, not_combinable
        sentences = [t(f"note.{method}", lang, missing=_places(missing or parts, names, lang))]
        if len(parts) > 1:
            sentences.append(t("note.merged_from", lang, parts=_places(parts, names, lang)))
    else:  # a method this dashboard does not know yet: say what the fields say
        sentences = [": ".join(x for x in (method, _places(missing or parts, names, lang)) if x)]
    return " ".join(sentences)


def _known(key: str) -> bool:
    return key in translations()


def _codes(codes) -> list[str]:
    """A list field of the note (a list, a tuple or a numpy array; None or NA when empty)."""
    if codes is None or isinstance(codes, (str, float)):
        return []
    try:
        return [str(code) for code in codes]
    except TypeError:  # pandas' NA
        return []


def _place(code: str, names: dict[str, str]) -> str:
    return f"{names[code]} ({code})" if code in names else code


def _places(codes: list[str], names: dict[str, str], lang: str) -> str:
    """`Lokeren (46014)`, `A en B`, `A, B en C`, or the first MAX_PLACES `en 3 andere`."""
    shown = [_place(code, names) for code in codes[:MAX_PLACES]]
    if len(codes) > MAX_PLACES:
        return t("note.list.more", lang, shown=", ".join(shown), more=len(codes) - MAX_PLACES)
    if len(shown) > 1:
        return t("note.list.and", lang, first=", ".join(shown[:-1]), last=shown[-1])
    return "".join(shown)


def _count(codes: list[str], lang: str) -> str:
    n = len(codes)
    return t("note.municipalities.one", lang) if n == 1 else t("note.municipalities.other", lang, count=n)


def harmonisation_rule(indicator, lang: str) -> str:
    """How an indicator's values of merged municipalities are made, in the page's language, from its
    `kind` (and `origin`: imported statistics are weighted by their own denominator). The stored
    `harmonisation_nl` sentence is for readers of the warehouse; pages word it from the fields."""
    kind = indicator.get("kind")
    key = f"note.rule.{kind}"
    if kind == "statistic":
        key += ".imported" if indicator.get("origin") == "imported" else ".built_in"
    if _known(key):
        return t(key, lang)
    return indicator.get("harmonisation_nl") or ""
