"""A value's harmonisation note is stored as fields (etl.tables.NOTE_TYPE) and worded by
dashboard/ui/notes.value_note in the page's language, codes as place names."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.i18n import TRANSLATIONS
from dashboard.ui.notes import value_note
from etl.tables import NOTE_DETAILS, NOTE_METHODS, is_note

NAMES = {"44045": "Moerbeke", "46014": "Lokeren", "21009": "Elsene", "73028": "Herstappe"}
MERGED = ["44045", "46014"]


def note(method, parts=None, missing=None, detail=None):
    return {"method": method, "parts": parts, "missing": missing, "detail": detail}


CASES = [
    (note("sum", MERGED),
     "Herberekend voor de gemeente van 2025: som van Moerbeke (44045) en Lokeren (46014).",
     "Recomputed for the 2025 municipality: sum of Moerbeke (44045) and Lokeren (46014)."),
    (note("ratio_of_sums", MERGED),
     "Herberekend voor de gemeente van 2025 uit de tellers en noemers van Moerbeke (44045) en Lokeren (46014) "
     "(geen gemiddelde van percentages).",
     "Recomputed for the 2025 municipality from the numerators and denominators of Moerbeke (44045) and "
     "Lokeren (46014) (not an average of rates)."),
    (note("estimate", MERGED, detail="weighted_mean"),
     "Geschat voor de gemeente van 2025: naar inwoners gewogen gemiddelde van Moerbeke (44045) en Lokeren (46014).",
     "Estimated for the 2025 municipality: population-weighted mean of Moerbeke (44045) and Lokeren (46014)."),
    (note("suppressed", MERGED, ["44045"]),
     "Verborgen door de bron (statistisch geheim) voor Moerbeke (44045). "
     "De gemeente van 2025 is samengesteld uit Moerbeke (44045) en Lokeren (46014).",
     "Hidden by the source (statistical confidentiality) for Moerbeke (44045). "
     "The 2025 municipality is made up of Moerbeke (44045) and Lokeren (46014)."),
    (note("missing_in_source", missing=["21009"]),
     "De bron heeft geen waarde voor Elsene (21009).",
     "The source has no value for Elsene (21009)."),
    (note("not_combinable", MERGED, ["46014"]),
     "Niet te combineren: Lokeren (46014) zonder tellers en noemers of gewichten. "
     "De gemeente van 2025 is samengesteld uit Moerbeke (44045) en Lokeren (46014).",
     "Cannot be combined: Lokeren (46014) without numerators and denominators or weights. "
     "The 2025 municipality is made up of Moerbeke (44045) and Lokeren (46014)."),
    # Province and region values: their parts are their 2025 municipalities, not listed.
    (note("sum", missing=[]), "Som van de gemeenten van 2025.", "Sum of the 2025 municipalities."),
    (note("ratio_of_sums", missing=["73028"]),
     "Berekend uit de tellers en noemers van de gemeenten van 2025. "
     "Niet meegeteld, want zonder (combineerbare) waarde: Herstappe (73028).",
     "Computed from the numerators and denominators of the 2025 municipalities. "
     "Left out, for want of a (combinable) value: Herstappe (73028)."),
    (note("estimate", missing=[], detail="weighted_mean"),
     "Geschat: naar inwoners gewogen gemiddelde van de gemeenten van 2025.",
     "Estimated: population-weighted mean of the 2025 municipalities."),
    (note("not_computed", missing=["73028"], detail="incomplete_sum"),
     "Niet berekend: 1 gemeente zonder (combineerbare) waarde: Herstappe (73028). "
     "Een som zonder deze gemeenten zou te laag uitvallen.",
     "Not computed: 1 municipality without a (combinable) value: Herstappe (73028). "
     "A sum without these municipalities would be too low."),
    (note("not_computed", missing=[f"1100{i}" for i in range(1, 9)], detail="low_coverage"),
     "Niet berekend: 8 gemeenten zonder (combineerbare) waarde: 11001, 11002, 11003, 11004, 11005 en 3 andere. "
     "Minder dan 90 % van de gemeenten heeft een waarde.",
     "Not computed: 8 municipalities without a (combinable) value: 11001, 11002, 11003, 11004, 11005 and 3 others. "
     "Fewer than 90% of the municipalities have a value."),
    (note("not_computed", missing=[], detail="no_counts"),
     "Niet berekend. De gemeenten geven geen tellers, noemers of gewichten om te combineren.",
     "Not computed. The municipalities give no numerators, denominators or weights to combine."),
]


@pytest.mark.parametrize("fields, nl, en", CASES, ids=[f"{c[0]['method']}-{i}" for i, c in enumerate(CASES)])
def test_the_sentence_in_both_languages_from_the_fields(fields, nl, en):
    assert is_note(fields)
    assert value_note(fields, NAMES, "nl") == nl
    assert value_note(fields, NAMES, "en") == en


def test_every_method_is_worded():
    assert {c[0]["method"] for c in CASES} == set(NOTE_METHODS)
    assert {c[0]["detail"] for c in CASES} - {None} == set(NOTE_DETAILS)
    for detail in NOTE_DETAILS:
        assert f"note.estimate.{detail}" in TRANSLATIONS or f"note.not_computed.{detail}" in TRANSLATIONS


def test_codes_without_a_name_stay_codes_and_lists_read_as_lists():
    fields = note("sum", ["44045", "46014", "99999"])
    assert value_note(fields, {}, "nl").endswith("som van 44045, 46014 en 99999.")
    assert value_note(fields, NAMES, "en").endswith("sum of Moerbeke (44045), Lokeren (46014) and 99999.")


def test_nothing_to_say_plain_text_and_unknown_methods():
    for empty in (None, float("nan"), pd.NA, "", {}):
        assert value_note(empty, NAMES, "nl") == ""
    # A plain text (an imported indicator's own words) keeps its words, its codes named.
    assert value_note("zie 46014", NAMES, "en") == "zie Lokeren (46014)"
    # A method of a newer build: what the fields say, not an error.
    assert value_note(note("reweighted", missing=["21009"]), NAMES, "en") == "reweighted: Elsene (21009)"
    # DuckDB hands lists; numpy arrays (after pandas) read the same.
    import numpy as np
    assert value_note(note("sum", np.array(MERGED, dtype=object)), NAMES, "nl") == CASES[0][1]


def test_harmonisation_rule_is_worded_from_the_indicator_kind_in_each_language():
    from dashboard.ui.notes import harmonisation_rule

    rate = {"kind": "rate", "harmonisation_nl": "Fusiegemeenten: ..."}
    assert "never an average of rates" in harmonisation_rule(rate, "en")
    assert "nooit een gemiddelde" in harmonisation_rule(rate, "nl")
    assert "population-weighted" in harmonisation_rule({"kind": "statistic", "origin": "built_in"}, "en")
    assert "denominator-weighted" in harmonisation_rule({"kind": "statistic", "origin": "imported"}, "en")
    assert harmonisation_rule({"kind": "unheard_of", "harmonisation_nl": "zoals opgeslagen"}, "en") == "zoals opgeslagen"
