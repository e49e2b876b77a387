"""Province and region names: one name per place, the same on every page and in every export, in the
page's language (warehouse table `area`: `name_nl`, `name_en`). The 19 Brussels municipalities belong
to no province: their `province_nis` is the Brussels-Capital Region's code, so where a province is
asked they are listed under the region's name ("Brussels Hoofdstedelijk Gewest" / "Brussels-Capital
Region"), never a shortened "Brussel", which is also the name of a municipality."""
from __future__ import annotations

from dashboard import db
from dashboard.i18n import localised, normalise_lang
from dashboard.queries import profile as qp


def _area_names(r, lang: str) -> dict[str, str]:
    return {row["nis_code"]: localised(row, "name", lang) for row in qp.areas(r).to_dict("records")}


def area_names(lang: str | None) -> dict[str, str]:
    """NIS code of a province or region -> its name in `lang` (cached with the build)."""
    return db.per_build_live(_area_names, normalise_lang(lang))


def area_name(code, lang: str | None) -> str:
    """The name of a province or region in `lang`; the code itself when it is none of them."""
    return area_names(lang).get(code, code)


def province_column(municipalities, lang: str | None) -> list[str]:
    """The province name (Brussels: the region) of each row of a municipalities frame, in `lang`."""
    names = area_names(lang)
    return [names.get(code, fallback) for code, fallback in
            zip(municipalities["province_nis"], municipalities["province_name"])]
