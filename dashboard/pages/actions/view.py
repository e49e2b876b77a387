"""The action plan's view model: the data of one build, the search, and the rows and texts the
table, the charts and the exports show. No Dash components here; which amounts count is decided in
`dashboard.action_plan` (one place)."""
from __future__ import annotations

from dashboard import action_plan, db
from dashboard import formatting as fmt
from dashboard.i18n import t, t_or
from dashboard.queries import portfolio as qp
from dashboard.queries.status import latest_build
from dashboard.ui import sources

MAX_QUERY = 200
# (chart name, code column, label column, title key, group column label key)
CHARTS = (("right", "right_code", "right_label", "actions.by_right", "actions.col.group_right"),
          ("minister", "minister_code", "minister_name", "actions.by_minister", "actions.col.group_minister"))
CHART = {chart[0]: chart for chart in CHARTS}
QUALIFIER_KEYS = ("per_year", "total", "increase")


def _load(r) -> dict:
    budgets = qp.action_budgets(r)
    return {"actions": qp.actions(r), "budgets": budgets, "counted": action_plan.counted_amounts(budgets),
            "build": latest_build(r), "words": sources.words_of(r)}


def load() -> dict:
    """The actions, their amounts and the counted amount per action, from one build (cached per
    build); raises WarehouseError."""
    with db.reader() as r:
        return qp.per_build(r, _load)


def search_text(text) -> str:
    return (text or "")[:MAX_QUERY]


def found(data: dict, text, right, minister) -> list[dict]:
    """The actions matching the search box, right and minister."""
    return action_plan.search_actions(data["actions"], search_text(text), right, minister)


def counted_amount(data: dict, action_id: str) -> float | None:
    return (data["counted"].get(action_id) or {}).get("amount")


def right_name(code: str, register_label: str, lang: str) -> str:
    """A fundamental right by name in the page's language ("Onderwijs" / "Education"): interface
    vocabulary from the catalogue, the register's (Dutch) label for a code it does not know."""
    return t_or(f"actions.right_name.{code}", lang, register_label)


def group_label(key: str, row: dict, label: str, lang: str) -> str:
    """The name of a row's right (in the page's language) or minister (a proper name)."""
    return right_name(row[key], row[label], lang) if key == "right_code" else row[label]


def group_options(rows: list[dict], key: str, label: str, lang: str) -> list[dict]:
    """Dropdown options of the rights or ministers: "05 Onderwijs" / "05 Education", in code order."""
    seen: dict[str, str] = {}
    for a in rows:
        seen.setdefault(a[key], f"{a[key]} {group_label(key, a, label, lang)}")
    return [{"label": seen[k], "value": k} for k in sorted(seen)]


def filters_text(text, right, minister, data: dict, lang: str) -> str:
    """The search and filters in force, in words."""
    parts = []
    if text and text.strip():
        parts.append(f"{t('actions.search', lang)}: “{text.strip()}”")
    for value, key, label, name in ((right, "right_code", "right_label", "actions.right"),
                                    (minister, "minister_code", "minister_name", "actions.minister")):
        if value:
            shown = next((group_label(key, a, label, lang) for a in data["actions"] if a[key] == value), value)
            parts.append(f"{t(name, lang)} = {shown}")
    return "; ".join(parts) if parts else t("portfolio.f.none", lang)


def amount_words(b: dict, lang: str) -> str:
    """One stated amount in words: `€ 470.000 per jaar`, `(telt niet mee)` when the rule leaves it out."""
    if action_plan.is_per_unit(b):
        kind = t("actions.q.per_unit", lang)
    elif b.get("qualifier") == "year":
        kind = t("actions.q.year", lang, year=b.get("year"))
    elif b.get("qualifier") in QUALIFIER_KEYS:
        kind = t(f"actions.q.{b.get('qualifier')}", lang)
    else:
        kind = str(b.get("qualifier"))
    amount = b.get("amount_eur")
    text = f"{fmt.euro(amount, 2 if (amount or 0) % 1 else 0, lang)} {kind}"
    if action_plan.amount_excluded(b):
        text += f" ({t('actions.q.excluded', lang)})"
    return text


def action_rows(rows: list[dict], data: dict, lang: str) -> list[dict]:
    """Actions as table/export rows: the counted amount, how it was chosen, every stated amount."""
    by_action: dict[str, list[dict]] = {}
    for b in data["budgets"]:
        by_action.setdefault(b["action_id"], []).append(b)
    out = []
    for a in rows:
        c = data["counted"].get(a["action_id"])
        basis = t(f"actions.basis.{c['basis']}", lang) if c else t("actions.basis.no_amount", lang)
        out.append({**a, "right_label": right_name(a["right_code"], a["right_label"], lang),
                    "amount": c["amount"] if c else None, "basis": basis,
                    "amounts": "; ".join(amount_words(b, lang) for b in by_action.get(a["action_id"], [])),
                    # the document by its title and address, the place in it in words; our line numbers apart
                    "source": sources.document_text(a.get("source_doc"), a.get("source_ref"), data.get("words") or {}, lang),
                    "source_lines": sources.source_lines(a.get("source_ref"), lang)})
    return out


def amount_rows(rows: list[dict], data: dict, lang: str) -> list[dict]:
    """Every amount the found actions state, with whether the rule counts it."""
    ids = {a["action_id"] for a in rows}
    return [{**b, "what": amount_words(b, lang),
             "counts": t("actions.no" if action_plan.amount_excluded(b) else "actions.yes", lang)}
            for b in data["budgets"] if b["action_id"] in ids]


def chart_groups(chart: str, rows: list[dict], data: dict, lang: str) -> list[dict]:
    """The groups of one chart (per right or per minister), each with its label `name` ("05 Onderwijs",
    "05 Education" in English)."""
    _name, key, label, _title, _group = CHART[chart]
    groups = action_plan.summarise(rows, data["counted"], key, label)
    if key == "right_code":
        groups = [{**g, "label": right_name(g["code"], g["label"], lang)} for g in groups]
    return [{**g, "name": f"{g['code']} {g['label']}"} for g in groups]


def summary_numbers(rows: list[dict], data: dict) -> dict:
    """Counts and the counted sum of the found actions, and what the rule says of all 201."""
    amounts = [counted_amount(data, a["action_id"]) for a in rows]
    with_amount = [x for x in amounts if x is not None]
    everything = data["actions"]
    return {"n": len(rows), "total": len(everything), "with_amount": len(with_amount),
            "amount": sum(with_amount),
            "all_none": sum(1 for a in everything if counted_amount(data, a["action_id"]) is None),
            "legend_differs": sum(1 for a in everything if a["minister_name"] != a["minister_name_legend"])}


def largest(rows: list[dict], data: dict) -> tuple[dict, float] | None:
    """The found action with the largest counted amount, and that amount."""
    best = max((a for a in rows if counted_amount(data, a["action_id"]) is not None),
               key=lambda a: counted_amount(data, a["action_id"]), default=None)
    return None if best is None else (best, counted_amount(data, best["action_id"]))


def intro_lines(title: str, text, right, minister, n: int, data: dict, lang: str) -> list[str]:
    """The provenance of every download of the page: what it is, the filters (and rows), the rule,
    the source and build."""
    build = data.get("build") or {}
    codes = sorted({a["source_doc"] for a in data.get("actions") or [] if a.get("source_doc")})
    document = "; ".join(sources.document_text(code, None, data.get("words") or {}, lang) for code in codes)
    return [title,
            f"{t('portfolio.export_filters', lang, filters=filters_text(text, right, minister, data, lang))} ({n})",
            t("actions.export_rule", lang),
            t("actions.export_source", lang, document=document, build=build.get("build_id") or "?",
              date=fmt.datetime_text(fmt.now().isoformat(timespec="minutes"), lang))]
