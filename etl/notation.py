"""Numbers written as text, read in the notation their column uses.

`0.567`, `12.345` and `1,234` each mean two different numbers depending on whether the file writes a
decimal comma (Belgian: `1.234,5`) or a decimal point (`1,234.5`). A cell alone cannot tell, so the
notation is decided per column from all its values:

- a value that fits only one notation (`12.5`, `1,5`, `0.567`, `1.234,5`) decides it;
- values that fit both with the same number (`12`, `1234`) say nothing;
- values that fit both with different numbers (`1,234`, `12.345`) are read in the notation the
  other values decide; if none decides, the column is ambiguous;
- values deciding both ways (`12.5` beside `1,5`) make the column contradictory.

An ambiguous or contradictory column is refused: the caller asks for `--decimal ,` or `--decimal .`,
which settles every column. Work is per distinct text, so a column of millions of cells costs as many
parses as it has different values.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

COMMA, POINT = ",", "."
NOTATION_NL = {COMMA: "decimale komma (1.234,5)", POINT: "decimaal punt (1,234.5)"}
# A thousands group never starts with 0: `0.567` is a decimal, not 567.
_READING = {
    COMMA: re.compile(r"^[+-]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d*)(?:,\d+)?(?:[eE][+-]?\d+)?$"),
    POINT: re.compile(r"^[+-]?(?:[1-9]\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$"),
}
_NON_FINITE = {"inf", "infinity", "nan", "1.#inf", "1.#ind", "#num!", "#div/0!"}


def normalise(text: str) -> str:
    """The text of a number cell without spaces (also non-breaking ones) and a trailing %."""
    return str(text).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").removesuffix("%")


def read_as(text: str, decimal: str) -> float | None:
    """The number `text` (normalised) means in this notation, or None when it does not fit it."""
    if not _READING[decimal].match(text) or not re.search(r"\d", re.split("[eE]", text)[0]):
        return None
    thousands = POINT if decimal == COMMA else COMMA
    return float(text.replace(thousands, "").replace(decimal, "."))


@dataclass(frozen=True)
class Reading:
    """How one distinct text reads: its number in each notation (None: does not fit)."""
    text: str
    comma: float | None
    point: float | None

    @property
    def decides(self) -> str | None:
        if self.comma is not None and self.point is None:
            return COMMA
        if self.point is not None and self.comma is None:
            return POINT
        return None

    @property
    def ambiguous(self) -> bool:
        return self.comma is not None and self.point is not None and self.comma != self.point

    def value(self, decimal: str | None) -> float | None:
        if decimal == COMMA:
            return self.comma
        if decimal == POINT:
            return self.point
        return self.comma if self.comma is not None else self.point  # neutral: both readings agree


def reading(text: str) -> Reading:
    return Reading(text, read_as(text, COMMA), read_as(text, POINT))


def is_non_finite_word(text: str) -> bool:
    return text.lstrip("+-").lower() in _NON_FINITE


@dataclass(frozen=True)
class ColumnNotation:
    """The notation decided for a column, or why none could be."""
    decimal: str | None           # COMMA, POINT, or None when no value has a separator
    readings: dict[str, Reading]  # per distinct normalised text
    problem: str | None = None    # set when the column is ambiguous or contradictory
    example: str | None = None    # a text the problem is about (the caller names its row)

    def value(self, text: str) -> float | None:
        return self.readings[text].value(self.decimal)


def decide(texts: pd.Series, decimal: str | None = None) -> ColumnNotation:
    """The notation of a column of normalised, non-empty texts (see the module docstring).

    decimal: the notation the user settled (`--decimal`); then every value is read in it.
    """
    readings = {text: reading(text) for text in pd.unique(texts)}
    if decimal is not None:
        return ColumnNotation(decimal, readings)
    deciding = {COMMA: [], POINT: []}
    ambiguous = []
    for r in readings.values():
        if r.decides:
            deciding[r.decides].append(r.text)
        elif r.ambiguous:
            ambiguous.append(r.text)
    if deciding[COMMA] and deciding[POINT]:
        return ColumnNotation(None, readings, (
            f"mengt een decimale komma ({deciding[COMMA][0]!r}) en een decimaal punt ({deciding[POINT][0]!r}); "
            "schrijf alle getallen van de kolom op dezelfde manier, of zeg welke notatie geldt met "
            "--decimal , of --decimal ."), deciding[POINT][0])
    if deciding[COMMA] or deciding[POINT]:
        return ColumnNotation(COMMA if deciding[COMMA] else POINT, readings)
    if ambiguous:
        r = readings[ambiguous[0]]
        mark = COMMA if COMMA in r.text else POINT
        whole = max(r.comma, r.point, key=abs)  # the reading with `mark` between groups of thousands
        return ColumnNotation(None, readings, (
            f"{r.text!r} kan {whole:.0f} zijn ({mark!r} tussen de duizendtallen) of een getal met decimalen "
            f"({mark!r} als decimaalteken), en geen ander getal in de kolom beslist het; zeg welke notatie geldt "
            "met --decimal , (Belgisch, 1.234,5) of --decimal . (1,234.5)"), r.text)
    return ColumnNotation(None, readings)


def finite(number: float | None) -> bool:
    return number is not None and math.isfinite(number)
