"""The Vlaams Actieplan Armoedebestrijding 2015-2019 as the action-plan page counts and searches it:
pure functions on the rows of `queries.portfolio.actions` / `action_budgets` (no reads, no text).

Budget rule (`counted_amounts`): the amounts in `policy_action_budget` overlap (a total and its
parts, Flemish and total subsidy, past spending for information), so they are never summed blindly.
Per action ONE amount counts, the larger of
  (a) the largest single amount the action states, and
  (b) the sum over the plan years 2015-2019 of the largest amount stated for each single year
      (qualifier `year`; different years cannot overlap),
leaving out unit prices (`per_unit`), amounts for a year outside 2015-2019 and the amounts of
action 08_03_03 (past spending given for information, see data/registers/README.md). A yearly
amount (`per_year`) counts once, not multiplied by five: several texts say it applies to some years
only (e.g. 06_09_03 "in 2015; vanaf 2016 via gemeentefonds"). Each counted amount is therefore at
most what the action itself states for the plan period: sums per right or minister are a LOWER
BOUND of the amounts written in the plan, not a budget.
"""
from __future__ import annotations

from dashboard.ui.text import fold

PLAN_YEARS = range(2015, 2020)
INFORMATIONAL_ACTIONS = ("08_03_03",)  # amounts given as information on past spending (registers README)


def is_per_unit(row: dict) -> bool:
    """Whether an amount is a unit price (the register writes the flag as text)."""
    return str(row.get("per_unit")).strip().lower() in ("true", "1", "yes", "t")


def amount_excluded(row: dict) -> str | None:
    """Why an amount does not count (a reason code), or None when it may count."""
    if row["action_id"] in INFORMATIONAL_ACTIONS:
        return "informational"
    if is_per_unit(row):
        return "per_unit"
    if row.get("qualifier") == "increase":  # a change of some budget, not an amount of the action
        return "increase"
    if row.get("amount_eur") is None:
        return "no_amount"
    if row.get("qualifier") == "year" and (row.get("year") is None or int(row["year"]) not in PLAN_YEARS):
        return "outside_plan"
    return None


def counted_amounts(budgets: list[dict]) -> dict[str, dict]:
    """Per action with at least one amount: the counted amount and how it was chosen (rule above).

    Returns {action_id: {"amount": float | None, "basis": "largest" | "years" | "none",
    "n_amounts": int, "n_excluded": int}}; amount None when every amount it states is left out."""
    by_action: dict[str, list[dict]] = {}
    for b in budgets:
        by_action.setdefault(b["action_id"], []).append(b)
    out = {}
    for action_id, rows in by_action.items():
        usable = [b for b in rows if amount_excluded(b) is None]
        largest = max((float(b["amount_eur"]) for b in usable), default=None)
        per_year: dict[int, float] = {}
        for b in usable:
            if b["qualifier"] == "year":
                y = int(b["year"])
                per_year[y] = max(per_year.get(y, 0.0), float(b["amount_eur"]))
        years_sum = sum(per_year.values()) if len(per_year) > 1 else None
        if largest is None:
            amount, basis = None, "none"
        elif years_sum is not None and years_sum > largest:
            amount, basis = years_sum, "years"
        else:
            amount, basis = largest, "largest"
        out[action_id] = {"amount": amount, "basis": basis, "n_amounts": len(rows),
                          "n_excluded": len(rows) - len(usable)}
    return out


def search_actions(rows: list[dict], text=None, right=None, minister=None) -> list[dict]:
    """Actions whose title, administration, budget text or number contain every word of `text`
    (case and accents ignored), within the right and minister given."""
    words = fold(text).split() if text else []
    out = []
    for a in rows:
        if right and a["right_code"] != right:
            continue
        if minister and a["minister_code"] != minister:
            continue
        if words:
            hay = " ".join(fold(a.get(k)) for k in ("action_id", "title", "administration", "budget_text"))
            if not all(w in hay for w in words):
                continue
        out.append(a)
    return out


def summarise(rows: list[dict], counted: dict[str, dict], key: str, label: str) -> list[dict]:
    """Per right (key right_code) or minister (minister_code): actions, with/without a counted
    amount, and the counted sum (a lower bound, see the module docstring)."""
    groups: dict[str, dict] = {}
    for a in rows:
        g = groups.setdefault(a[key], {"code": a[key], "label": a[label], "actions": 0, "with_amount": 0,
                                       "without_amount": 0, "amount": 0.0})
        g["actions"] += 1
        c = counted.get(a["action_id"])
        if c and c["amount"] is not None:
            g["with_amount"] += 1
            g["amount"] += c["amount"]
        else:
            g["without_amount"] += 1
    return [groups[k] for k in sorted(groups)]
