"""The project page's view model: the warehouse rows of one project (queries/project.page_data) as the
texts and rows the layout, the charts and the downloads show."""
from __future__ import annotations

from dashboard import formatting as fmt
from dashboard import monitoring
from dashboard.i18n import localised, t, t_or
from dashboard.queries import project as qpr

BUDGET_FIELDS = ("granted", "paid", "spent", "cofinancing", "investment")


def label(entry: dict | None, lang: str, fallback: str) -> str:
    """A vocabulary label (theme, sector) in the page's language; `fallback` (the code) when unknown."""
    return localised(entry or {}, "label", lang) or fallback


def short_sector(entry: dict | None, lang: str, code: str) -> str:
    """"Lokaal bestuur (gemeente/stad, ...)" -> "Lokaal bestuur"; the CLB keeps its abbreviation."""
    text = label(entry, lang, code or t("project.sector.unknown", lang))
    return text.split(" (")[0] if " (" in text and not text.endswith("(CLB)") else text


def place_text(place: dict, lang: str) -> str:
    """"Geel", "Brussel (Laken): deel van de gemeente", "hele provincie Limburg"."""
    scope = place["scope"]
    if scope == "province":
        key = "project.scope.brussels" if place["nis_code"] == qpr.BRUSSELS else "project.scope.province"
        return t(key, lang, area=localised(place, "area", lang) or place["nis_code"])
    name = place.get("municipality") or place["nis_code"]
    scope_text = t_or(f"project.scope.{scope}", lang, scope)
    sub = f" ({place['area_label']})" if place.get("area_label") else ""
    return f"{name}{sub}: {scope_text}"


def province_text(places: list[dict], lang: str) -> str:
    """The provinces of the project's places, each once, in the order of the places."""
    names = list(dict.fromkeys(filter(None, (localised(place, "province", lang) for place in places))))
    return ", ".join(names) or fmt.MISSING


def theme_text(project: dict, themes: dict, lang: str) -> str:
    codes = [c for c in (project.get("themes") or "").split(";") if c]
    return ", ".join(label(themes.get(c), lang, c) for c in codes) or fmt.MISSING


EURO_UNITS = ("euro", "eur", "€")


def euro_decimals(value) -> int:
    """Whole euros as reported; cents only where the project reported them (4.000,50 stays 4.000,50)."""
    return 0 if float(value).is_integer() else 2


def euro_text(value, lang: str) -> str:
    return fmt.euro(value, euro_decimals(value), lang)


def reported_euro(value, lang: str) -> str:
    return euro_text(value, lang) if value is not None else t("project.not_reported", lang)


def _unit_key(unit) -> str:
    return (unit or "").strip().lower()


def amount_decimals(value, unit) -> int | None:
    """The decimals an outcome's value is shown with in its unit (amount_text), also in the exports:
    a % with 1, euros whole or with cents as reported, a count whole or with 1; None when missing."""
    if fmt.is_missing(value):
        return None
    unit = _unit_key(unit)
    if unit == "%":
        return 1
    if unit in EURO_UNITS:
        return euro_decimals(value)
    return 0 if float(value).is_integer() else 1


def amount_text(value, unit, lang: str) -> str:
    """An outcome's value in the unit the project named for it (%, euro, or a count)."""
    decimals = amount_decimals(value, unit)
    if decimals is None:
        return fmt.MISSING
    unit = _unit_key(unit)
    if unit == "%":
        return fmt.percent(value, decimals, lang)
    if unit in EURO_UNITS:
        return fmt.euro(value, decimals, lang)
    return fmt.number(value, decimals, lang)


def progress_text(row: dict, lang: str) -> str:
    if row["progress"] is None:
        return t(f"project.progress.{row['progress_reason']}", lang)
    return fmt.percent(row["progress"], 0, lang, fraction=True)


def status_text(status: dict, lang: str) -> str:
    """Why a part of the page shows nothing: no workbook yet, or the latest one (period, date, by whom)."""
    if status["received"]:
        return t("project.status.last", lang, period=status["period"], date=fmt.date_text(status["loaded_at"], lang),
                 by=status["loaded_by"] or fmt.MISSING)
    return t("project.status.none", lang)


def reporting_text(status: dict, lang: str) -> str:
    """The reporting section's sentence: how many workbooks, which periods, the latest."""
    if status["received"]:
        return t("project.status.received", lang, n=status["count"], periods=", ".join(status["periods"]),
                 period=status["period"], date=fmt.date_text(status["loaded_at"], lang),
                 by=status["loaded_by"] or fmt.MISSING)
    return t("project.status.none_long", lang)


def status(data: dict) -> dict:
    return monitoring.reporting_status(data["reports"])


def partner_rows(data: dict, lang: str) -> list[dict]:
    rows = []
    for pa in data["partners"]:
        rows.append({"name": pa["name"], "sector": short_sector(data["sectors"].get(pa["sector"]), lang, pa["sector"]),
                     "sector_code": pa["sector"], "role": t_or(f"project.role.{pa['role']}", lang, pa["role"] or ""),
                     "shared": len(pa["others"]), "others": pa["others"],
                     "other_names": "; ".join(o["name"] for o in pa["others"])})
    return rows


def reach_rows(data: dict) -> list[dict]:
    return monitoring.reach_in_order(data["reach"])


def reach_periods(rows: list[dict]) -> list[str]:
    return sorted({r["period"] for r in rows}, key=monitoring.period_key)


def reach_measures(rows: list[dict]) -> list[str]:
    """The measures reported, in the contract's order."""
    return [m for m in monitoring.MEASURES if any(r["measure"] == m for r in rows)]


def reach_by_period(rows: list[dict], measure: str) -> dict[str, float]:
    return {r["period"]: r["value"] for r in rows if r["measure"] == measure}


def outcome_rows(data: dict) -> list[dict]:
    return monitoring.outcomes_with_progress(data["outcomes"])
