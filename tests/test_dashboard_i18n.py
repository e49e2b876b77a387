"""Translations are complete, and the codes the warehouse may hold all have a label."""
import string

import pytest

from dashboard import queries
from dashboard.i18n import LANGUAGES, TRANSLATIONS, normalise_lang, t, t_or


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TRANSLATIONS))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    entry = TRANSLATIONS[key]
    assert set(entry) == set(LANGUAGES)
    assert all(entry[lang].strip() for lang in LANGUAGES)
    assert _placeholders(entry["nl"]) == _placeholders(entry["en"])


def test_t_and_language_fallback():
    assert t("nav.status", "nl") == "Datastatus"
    assert t("nav.status", "en") == "Data status"
    assert t("nav.status", "de") == "Datastatus"
    assert t("nav.status", None) == "Datastatus"
    assert t("status.coverage.intro", "en", total="304").endswith("(2025 boundaries, 304 in all) with a value, per year.")
    with pytest.raises(KeyError):
        t("does.not.exist", "nl")
    assert t_or("flag.unheard_of", "en", "unheard_of") == "unheard_of"


@pytest.mark.parametrize("raw, lang", [
    ("en", "en"), ("EN", "en"), (" en ", "en"), ("nl", "nl"), ("fr", "nl"), (None, "nl"), ("", "nl"),
    (["nl", "en"], "en"), ([], "nl"),
])
def test_normalise_lang(raw, lang):
    assert normalise_lang(raw) == lang


def test_codes_of_the_warehouse_contracts_have_labels():
    from etl.tables import DIRECTIONS, FLAGS, TABLES

    assert queries.FLAGS == FLAGS, "dashboard.queries.FLAGS must follow etl.tables.FLAGS"
    for flag in FLAGS:
        assert f"flag.{flag}" in TRANSLATIONS and f"flag.{flag}.help" in TRANSLATIONS
    for direction in DIRECTIONS:
        assert f"direction.{direction}" in TRANSLATIONS
    build_status = TABLES["build"][1].columns["status"].checks[0].statistics["allowed_values"]
    for status in build_status:
        assert f"build.{status}" in TRANSLATIONS
    levels = TABLES["geo_layer"][1].columns["level"].checks[0].statistics["allowed_values"]
    for level in levels:
        assert f"level.{level}" in TRANSLATIONS
