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


def test_a_key_in_two_catalogues_is_refused(tmp_path, monkeypatch):
    import dashboard.i18n as i18n

    (tmp_path / "a.toml").write_text('["x.title"]\nnl = "A"\nen = "A"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('["x.title"]\nnl = "B"\nen = "B"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "CATALOGUES", tmp_path)
    i18n.translations.cache_clear()
    try:
        with pytest.raises(i18n.CatalogueError, match="x.title"):
            i18n.translations()
    finally:
        monkeypatch.undo()
        i18n.translations.cache_clear()


def test_every_literal_key_in_the_code_is_in_a_catalogue():
    """t("page.key", ...) with a literal key: the key exists (a typo would raise only when that
    branch runs, perhaps in front of an audience)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "dashboard"
    literal = re.compile(r"""\bt\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")
    missing = sorted({(str(path.relative_to(root)), key)
                      for path in root.rglob("*.py") for key in literal.findall(path.read_text(encoding="utf-8"))
                      if key not in TRANSLATIONS})
    assert not missing


def test_localised_chooses_the_language_column():
    from dashboard.i18n import localised

    row = {"name_nl": "Antwerpen", "name_en": "Antwerp", "note_nl": "Noot", "note_en": None, "code": "10000"}
    assert localised(row, "name", "en") == "Antwerp"
    assert localised(row, "name", "nl") == "Antwerpen"
    assert localised(row, "note", "en") == "Noot"  # no English text: the Dutch one, never nothing
    assert localised(row, "code", "en") == "10000"
    assert localised(row, "absent", "en") is None
