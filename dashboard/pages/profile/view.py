"""The profile's view model: from the loaded data (dashboard/profile_data.load) to the texts and rows
the sections and the downloads show. Plain Python, no Dash components."""
from __future__ import annotations

from dashboard import formatting as fmt
from dashboard.i18n import localised, t, t_or
from dashboard.profile_data import area_label
from dashboard.ui.components import safe_href

# The lines of every trend chart, in drawing order.
SERIES = ("own", "province", "region", "peers")
SCOPE_KEYS = {"municipality": "scope.municipality", "part_of_municipality": "scope.part",
              "several_municipalities": "scope.several", "province": "scope.province"}


def is_brussels(mun) -> bool:
    """Brussels' 19 carry the region as their province: no separate province line or rank."""
    return mun["province_nis"] == mun["region_nis"]


def series_label(data: dict, key: str, lang: str) -> str:
    mun = data["mun"]
    if key == "own":
        return mun["name_nl"]
    if key == "province":
        return area_label(data, mun["province_nis"], lang)
    if key == "region":
        return area_label(data, mun["region_nis"], lang)
    return t("profile.peer_group", lang, k=len(data["peers"]))


def series_keys(data: dict) -> list[str]:
    """The series a legend names (no province line for Brussels)."""
    return [key for key in SERIES if not (key == "province" and is_brussels(data["mun"]))]


def rank_text(rank, n, lang: str) -> str:
    if rank is None:
        return fmt.MISSING
    return t("profile.rank_of", lang, rank=fmt.integer(rank, lang), n=fmt.integer(n, lang))


def indicator_sub(row: dict, lang: str, note: str) -> str:
    """The small line under an indicator's name: its unit and a note."""
    return " · ".join(part for part in (fmt.unit_label(row, lang), note) if part)


def mergers(data: dict, lang: str) -> list[tuple[int, str, str]]:
    """(vintage, catalogue key, `Name (code), ...`) per merger the municipality came from."""
    out = []
    for vintage, group in data["predecessors"].groupby("from_vintage", sort=False):
        names = ", ".join(f"{r.name_nl} ({r.from_nis})" for r in group.itertuples())
        key = "profile.merger_2025" if int(group["to_vintage"].iloc[0]) == 2025 else "profile.merger_2019"
        out.append((int(vintage), key, names))
    return out


# ------------------------------------------------------------------------------ networks

def website_href(site) -> str | None:
    """A register's website as a link (`www.x.be` -> `https://www.x.be`); None if not a web address."""
    if not isinstance(site, str) or not site.strip():
        return None
    site = site.strip()
    if "://" not in site:
        site = "https://" + site
    return safe_href(site)


def scope_text(data: dict, rec: dict, lang: str) -> str:
    """Where a network works, in words: `Hele provincie Limburg`, `Deel van de gemeente`, ..."""
    scope = rec["scope"]
    if scope == "province":
        return t("scope.brussels" if rec["location_nis"] == "04000" else "scope.province", lang,
                 area=area_label(data, rec["location_nis"], lang))
    return t_or(SCOPE_KEYS.get(scope, ""), lang, str(scope))


def theme_labels(inter: dict, lang: str) -> dict[str, str]:
    return {rec["code"]: localised(rec, "label", lang) for rec in inter["themes"].to_dict("records")}


def themes_text(themes, labels: dict[str, str]) -> str:
    """`a; b` theme codes as `Label A, Label B`."""
    return ", ".join(labels.get(c.strip(), c.strip()) for c in str(themes or "").split(";") if c.strip())


def networks(data: dict, lang: str) -> list[dict]:
    """One entry per network placed in the municipality or province-wide: name, programme, where,
    themes, lead, websites and partners by sector."""
    inter = data["interventions"]
    if inter is None:
        return []
    labels = theme_labels(inter, lang)
    partners = inter["partners"]
    out = []
    for project_id, group in inter["projects"].groupby("project_id", sort=False):
        p = group.iloc[0].to_dict()
        places = []
        for rec in group.to_dict("records"):
            text = scope_text(data, rec, lang)
            if isinstance(rec["area_label"], str) and rec["area_label"]:
                text += f": {rec['area_label']}"
            places.append(text)
        mine = partners[partners["project_id"] == project_id]
        sectors = []
        for _sector, sgroup in mine.groupby("sector_nl", sort=True, dropna=False):
            names = [n + (f" ({t('profile.role_lead', lang)})" if role == "lead" else "")
                     for n, role in zip(sgroup["name"], sgroup["role"])]
            sectors.append((localised(sgroup.iloc[0], "sector", lang) or fmt.MISSING, names))
        out.append({
            "project_id": project_id, "name": p["name"],
            "programme": localised(p, "programme", lang) or fmt.MISSING,
            "places": "; ".join(dict.fromkeys(places)),
            "themes": themes_text(p["themes"], labels) or fmt.MISSING,
            "lead": p["lead_org"] if isinstance(p["lead_org"], str) and p["lead_org"] else None,
            "websites": [(w.strip(), website_href(w)) for w in str(p["website"] or "").split(";") if w.strip()],
            "n_partners": len(mine), "sectors": sectors,
        })
    return out


def province_facts(data: dict, lang: str) -> list[str]:
    """Other interventions known per province (the local teams of a programme)."""
    inter = data["interventions"]
    if inter is None:
        return []
    area = area_label(data, data["mun"]["province_nis"], lang)
    return [t("profile.fact.teams_by_province", lang, programme=localised(f, "programme", lang), n=f["value"], area=area)
            for f in inter["facts"].to_dict("records")]
