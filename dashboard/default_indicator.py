"""The default indicator of a page: the first indicator of the declared preference order
(`default_indicator.toml` beside this file: child indicators first, the all-ages at-risk-of-poverty
rate last, each with its reason) that the warehouse holds. One rule for the map, the need page and
the comparison, and the order of the key figures of the profile and the briefing.

Pure: callers pass the indicator ids they have (read once per build); nothing is read at import.
"""
from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pandas as pd

PREFERENCE_FILE = Path(__file__).with_name("default_indicator.toml")


@lru_cache(maxsize=1)
def _declared() -> tuple[dict, ...]:
    with PREFERENCE_FILE.open("rb") as f:
        return tuple(tomllib.load(f)["order"])


def preference() -> tuple[str, ...]:
    """The declared order of indicator ids (most preferred first)."""
    return tuple(entry["indicator_id"] for entry in _declared())


def measures_children(indicator_id: str) -> bool:
    """Whether the indicator is declared a child indicator (children only, not all ages)."""
    return any(entry["indicator_id"] == indicator_id and entry.get("children") for entry in _declared())


def preferred(available: Iterable[str]) -> str | None:
    """The first declared indicator among `available`; None when none of them is there (a view of
    such a warehouse has no default to leave out of its URL)."""
    have = set(available)
    return next((i for i in preference() if i in have), None)


def pick(available: Iterable[str]) -> str | None:
    """The indicator shown when none is asked for: `preferred`, else the first of `available`; None when empty."""
    present = list(available)
    return preferred(present) or (present[0] if present else None)


def resolve(asked: str | None, available: Iterable[str]) -> str | None:
    """The indicator in force: the one asked for (an explicit `?indicator=`) when present, else `pick`."""
    present = list(available)
    return asked if asked in set(present) else pick(present)


def rank(indicator_id: str) -> int:
    """Position in the preference order; the unlisted come after every listed one."""
    order = preference()
    return order.index(indicator_id) if indicator_id in order else len(order)


def preferred_first(indicators: pd.DataFrame) -> pd.DataFrame:
    """Indicator rows with the preferred ones first (in the declared order), the others after them
    in the order they came."""
    if indicators.empty:
        return indicators
    ranks = indicators["indicator_id"].map(rank)
    return indicators.iloc[ranks.reset_index(drop=True).sort_values(kind="stable").index].reset_index(drop=True)
