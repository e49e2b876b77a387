"""Province and region names are the same on every page and in the page's language
(dashboard/places.py), from the warehouse's `area` table; SYNTHETIC warehouse."""
from __future__ import annotations

import pytest

from dashboard import db, places
from dashboard.profile_data import municipality_options
from dashboard.queries import profile as qp

pytestmark = pytest.mark.usefixtures("synthetic_warehouse")


def test_province_names_follow_the_language_and_fall_back_to_the_municipality_table():
    assert places.area_name("10000", "en") == "Antwerp" and places.area_name("10000", "nl") == "Antwerpen"
    assert places.area_name("99999", "en") == "99999"
    with db.reader() as r:
        muns = qp.municipalities(r)
    english = {o["value"]: o["label"] for o in municipality_options(muns, "en")}
    assert english["11901"] == "Aadorp (synthetisch) (Antwerp)"
    # a province the synthetic `area` table lacks keeps the municipality table's name, never the code
    assert english["44901"] == "Cruyshoek (synthetisch) (Oost-Vlaanderen)"
    assert {o["value"]: o["label"] for o in municipality_options(muns, "nl")}["11901"].endswith("(Antwerpen)")


def test_the_map_search_names_provinces_in_the_page_language():
    from dashboard.pages.map import view

    with db.reader() as r:
        muns = qp.municipalities(r)
    labels = [o["label"] for o in view.search_options({"municipalities": muns}, "en")]
    assert "Aadorp (synthetisch) (Antwerp)" in labels
