"""Ranks by need, the rule the profile, the briefing and the comparison state: rank 1 = most need,
i.e. the highest value when higher is worse, the lowest when higher is better, and for a count the
largest. Ties share the best rank (1, 2, 2, 4). Missing values get no rank.

The warehouse computes the same ranks for the latest year in SQL (`queries.profile.ranks`); this is
the rule for any other year or selection, on values already read. Pure: no Dash, no database.
"""
from __future__ import annotations

from collections.abc import Mapping

from dashboard.formatting import is_missing


def highest_is_most_need(kind: str | None, direction: str | None) -> bool:
    """Whether the highest value has rank 1 (for counts and when higher is worse)."""
    return kind == "count" or direction != "higher_is_better"


def need_ranks(values: Mapping[str, float | None], kind: str | None, direction: str | None) -> dict[str, int]:
    """code -> rank among the codes that have a value."""
    present = {code: float(v) for code, v in values.items() if not is_missing(v)}
    first: dict[float, int] = {}
    for position, value in enumerate(sorted(present.values(), reverse=highest_is_most_need(kind, direction)), 1):
        first.setdefault(value, position)
    return {code: first[value] for code, value in present.items()}
