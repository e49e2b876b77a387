"""Parser of the Vlaams Actieplan Armoedebestrijding 2015-2019 inventory (seed 003), and the action-plan
page's empty search and English exports on the built warehouse.

The document-based tests are skipped when the seed is not present (SEEDS_DIR, else
../shared/seeds next to the repository). The pure-function tests always run.
"""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from etl.registers import action_plan as ap

REPO_ROOT = Path(__file__).resolve().parent.parent
REGISTERS_DIR = REPO_ROOT / "data" / "registers"

# Counted by hand per heading "Acties die inzetten op het grondrecht ..." of the document
# (distinct action numbers between one heading and the next; the page printed twice counts once).
EXPECTED_PER_RIGHT = {
    "00": 23, "01": 19, "02": 26, "03": 18, "04": 9, "05": 18,
    "06": 28, "07": 20, "08": 25, "09": 12, "10": 3,
}


def seed_document() -> Path | None:
    seeds = Path(os.environ.get("SEEDS_DIR") or REPO_ROOT.parent / "shared" / "seeds")
    matches = sorted(seeds.glob("003_*.txt")) if seeds.is_dir() else []
    return matches[0] if matches else None


@pytest.fixture(scope="module")
def document() -> Path:
    path = seed_document()
    if path is None:
        pytest.skip("seed 003 (action plan inventory) not found; set SEEDS_DIR")
    return path


@pytest.fixture(scope="module")
def actions(document: Path) -> dict[str, ap.Action]:
    return {a.action_id: a for a in ap.parse_file(document)}


# --------------------------------------------------------------------------- whole document

def test_exactly_201_actions(actions):
    assert len(actions) == ap.EXPECTED_ACTION_COUNT == 201


def test_counts_per_fundamental_right_match_the_document_headings(actions):
    counts: dict[str, int] = {}
    for action in actions.values():
        counts[action.right_code] = counts.get(action.right_code, 0) + 1
    assert counts == EXPECTED_PER_RIGHT
    assert sum(EXPECTED_PER_RIGHT.values()) == 201


def test_every_action_sits_under_the_heading_of_its_right(document):
    # parse_action raises when the heading and the first segment disagree; check it would.
    text = ap.remove_page_noise(document.read_text(encoding="utf-8"))
    raws = ap.split_actions(text)
    rights = ap.parse_right_legend(text)
    assert all(raw.section_label == rights[raw.action_id[:2]].lower() for raw in raws)


def test_legends_are_read_from_the_document(document):
    text = document.read_text(encoding="utf-8")
    rights = ap.parse_right_legend(text)
    ministers = ap.parse_minister_legend(text)
    assert len(rights) == 11 and rights["05"] == "onderwijs" and rights["00"] == "alle grondrechten"
    assert len(ministers) == 9
    assert ap.minister_name(ministers["08"]) == "Jo Vandeurzen"
    assert ap.minister_name(ministers["04"]) == "Liesbeth Homans"


def test_irregular_action_numbers_are_found(actions):
    # "ACTIE  00_04_19" (two spaces) and "ACTIE" + line break + "05_02_06".
    assert "00_04_19" in actions
    assert "05_02_06" in actions
    assert actions["05_02_06"].title.startswith("Geletterdheidsondersteuning van ouders")


def test_page_printed_twice_yields_one_action(document, actions):
    text = document.read_text(encoding="utf-8")
    assert text.count("ACTIE 03_06_06") == 2
    assert [a for a in actions if a == "03_06_06"] == ["03_06_06"]


def test_page_noise_does_not_leak_into_fields(actions):
    for action in actions.values():
        fields = [action.title, action.budget_text, action.evaluation_text, action.administration,
                  *action.milestones.values()]
        assert not any("Hufkens" in f for f in fields), action.action_id  # footnote on page 123
        assert not any("Acties die inzetten op" in f for f in fields), action.action_id


def test_fields_of_known_actions(actions):
    monitor = actions["00_01_01"]
    assert monitor.title == "Vlaamse Armoedemonitor en aandacht voor armoede in andere SVR-monitoringproducten"
    assert monitor.administration == "Departement Kanselarij & Bestuur, Studiedienst Vlaamse Regering (SVR)"
    assert monitor.minister_name == "Geert Bourgeois"
    assert monitor.right_label == "Alle grondrechten"
    assert monitor.budget_text == ""
    assert list(monitor.milestones) == ["2015", "2017"]

    dyzo = actions["07_07_06"]
    assert dyzo.budget_text == "470.000 euro per jaar"
    assert dyzo.administration == "Agentschap Innoveren en Ondernemen"
    assert dyzo.evaluation_text.startswith("Evaluatie: Jaarprogramma/Jaarverslag")
    assert dyzo.milestones["2016"].startswith("Start structureel partnerschap met Dyzo vzw")

    # Label typo "inidcator" in the source.
    assert actions["02_06_11"].evaluation_text.startswith("Indicatoren:")
    # "verantwoordelijken" missing before "kabinet" in the source.
    assert actions["08_06_04"].administration == "Departement WVG – afdeling Welzijn en Samenleving"
    # Combined milestone heading "2015 en 2016".
    assert "2015-2016" in actions["01_09_01"].milestones


def test_minister_follows_the_cabinet_of_the_action_and_the_legend_is_kept(actions):
    """The legend numbers the ministers alphabetically; the actions' own kabinet fields say otherwise."""
    dyzo = actions["07_07_06"]
    assert (dyzo.cabinet, dyzo.minister_name, dyzo.minister_name_legend) == ("Economie", "Philippe Muyters", "Bart Tommelein")
    youth = actions["06_09_03"]
    assert (youth.cabinet, youth.minister_name, youth.minister_name_legend) == ("Kabinet Jeugd", "Sven Gatz", "Ben Weyts")
    welfare = actions["02_06_03"]
    assert welfare.minister_name == "Jo Vandeurzen" and welfare.minister_name_legend == "Joke Schauvliege"
    assert actions["00_01_01"].minister_name == actions["00_01_01"].minister_name_legend == "Geert Bourgeois"
    by_code = {}
    for a in actions.values():
        by_code.setdefault(a.minister_code, set()).add(a.minister_name)
    assert all(len(names) == 1 for names in by_code.values())  # one minister per segment
    assert len({next(iter(n)) for n in by_code.values()}) == 9  # and nine different ones
    assert sum(a.minister_name != a.minister_name_legend for a in actions.values()) == 125


def test_ministers_by_cabinet_refuses_ties_and_doubles():
    names = set(ap.PORTFOLIO_WORDS)
    assert ap.ministers_by_cabinet({"07": ["Kabinet Werk", "Sport", "Onderwijs"]}, names) == {"07": "Philippe Muyters"}
    with pytest.raises(ap.ActionPlanError, match="segment 07: kabinet fields point at"):
        ap.ministers_by_cabinet({"07": ["Kabinet Werk", "Onderwijs"]}, names)
    with pytest.raises(ap.ActionPlanError, match="who already has another segment"):
        ap.ministers_by_cabinet({"02": ["Onderwijs"], "05": ["Onderwijs"]}, names)
    with pytest.raises(ap.ActionPlanError, match="no kabinet field names a known portfolio"):
        ap.ministers_by_cabinet({"05": ["Alle ministers"]}, names)


def test_budgets_checked_by_hand_against_the_text(actions):
    def amounts(action_id):
        return [(a.amount_eur, a.qualifier, a.year)
                for a in ap.parse_budget_amounts(action_id, actions[action_id].budget_text)]

    # "€  2.528.868,98 op jaarbasis"
    assert amounts("01_06_02") == [(2528868.98, "per_year", None)]
    # "2015: 1 116 214 euro 2016: 1 178 294 euro 2017:1 207 649,76 euro 2018-2019: cf. 2017 ..."
    assert amounts("06_09_01") == [(1116214.0, "year", 2015), (1178294.0, "year", 2016),
                                   (1207649.76, "year", 2017)]
    # "2.500.000,00 EUR waarvan 1.000.000,00 euro ESF (40%) en 1.500.000,00 euro eigen cofinanciering"
    assert amounts("07_07_11") == [(2500000.0, "total", None), (1000000.0, "total", None),
                                   (1500000.0, "total", None)]
    # "Fiscale uitgave (jaarlijkse geraamde minderinkomsten): 4.320 kEUR"
    assert amounts("03_03_02") == [(4320000.0, "per_year", None)]
    # "(2015-2017): 248.000 euro ... model:465.000 euro (budget 2014) + 40.000 euro (budget 2018)
    #  Komosie expertisecentrum: jaarlijks 60.000 euro"
    assert amounts("10_04_02") == [(248000.0, "total", None), (465000.0, "year", 2014),
                                   (40000.0, "year", 2018), (60000.0, "per_year", None)]
    # "Voor 2015 zijn de middelen voor Vlaanderen geraamd op 3,45 miljard euro."
    assert amounts("03_06_05") == [(3450000000.0, "year", 2015)]
    # "57.910,6 euro"
    assert amounts("00_04_15") == [(57910.6, "total", None)]
    # "115.000 euro per jaar 25.000 euro (dec. 2015-nov. '16) en 100.000 euro (dec. 2016-nov. '17)"
    assert amounts("05_02_05") == [(115000.0, "per_year", None), (25000.0, "total", None),
                                   (100000.0, "total", None)]
    # "€20 miljoen/jaar voor de periode 2016-2019"
    assert amounts("08_04_08") == [(20000000.0, "per_year", None)]
    # "2,5 miljoen" (no currency word)
    assert amounts("07_04_02") == [(2500000.0, "total", None)]
    # "In periode 2014-2020 stijgen de EU-middelen ... met 5,3 miljoen Euro": an increase, not a budget.
    assert amounts("05_02_10") == [(5300000.0, "increase", None)]
    # "... 3.520.000 euro (dit budget stijgt wel de volgende jaren met meer dan 1.000.000 euro ... per jaar)"
    assert amounts("00_08_01")[-2:] == [(3520000.0, "per_year", None), (1000000.0, "increase", None)]
    # "75.000 euro (schooljaar 2014-2015) 67.000 euro (vanaf schooljaar 2015- 2016)"
    assert amounts("05_02_04")[-2:] == [(75000.0, "total", None), (67000.0, "per_year", None)]


def test_unit_prices_are_flagged(actions):
    rows = ap.parse_budget_amounts("06_07_02", actions["06_07_02"].budget_text)
    assert [(r.amount_eur, r.per_unit) for r in rows] == [(375000.0, False), (28000.0, True)]


def test_actions_without_amounts_get_no_budget_rows(actions):
    for action_id in ("00_04_01", "06_09_10", "03_06_07"):  # "Geen budget", "Vereist geen budget", "NVT"
        assert ap.parse_budget_amounts(action_id, actions[action_id].budget_text) == []


def test_cli_writes_both_files_and_prints_counts(document, tmp_path, capsys):
    assert ap.main([str(document), "--out-dir", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "05 Onderwijs: 18" in printed and "total: 201" in printed
    with (tmp_path / "policy_action.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 201
    assert list(rows[0]) == ap.ACTION_FIELDS
    assert all(isinstance(json.loads(r["milestones"]), dict) for r in rows)


def test_committed_output_is_what_the_parser_writes(document, tmp_path):
    ap.main([str(document), "--out-dir", str(tmp_path)])
    for name in ("policy_action.csv", "policy_action_budget.csv"):
        committed = (REGISTERS_DIR / name).read_text(encoding="utf-8")
        assert (tmp_path / name).read_text(encoding="utf-8") == committed, f"regenerate data/registers/{name}"


def test_cli_refuses_a_missing_file(tmp_path, capsys):
    assert ap.main([str(tmp_path / "nope.txt"), "--out-dir", str(tmp_path)]) == 1
    assert "nope.txt" in capsys.readouterr().err
    assert not (tmp_path / "policy_action.csv").exists()


# --------------------------------------------------------------------------- pure functions

@pytest.mark.parametrize("text, expected", [
    ("1.250.000", 1250000.0),
    ("57.910,6", 57910.6),
    ("5 390,00", 5390.0),
    ("1 116 214", 1116214.0),
    ("2,5", 2.5),
    ("6000", 6000.0),
    ("2.500.000,00", 2500000.0),
])
def test_parse_belgian_number(text, expected):
    assert ap.parse_belgian_number(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("€ 1.250.000", [(1250000.0, "total", None)]),
    ("2,5 miljoen euro", [(2500000.0, "total", None)]),
    ("500.000 euro per jaar", [(500000.0, "per_year", None)]),
    ("38,5 mio € jaarlijks", [(38500000.0, "per_year", None)]),
    ("20 kEUR voor promotie", [(20000.0, "total", None)]),
    ("2015: 20.000 euro 2016: 45.000 euro 2017: nog te bepalen",
     [(20000.0, "year", 2015), (45000.0, "year", 2016)]),
    ("103.060 euro in 2016", [(103060.0, "year", 2016)]),
    ("2017-2019: 39.840 euro", [(39840.0, "total", None)]),
    ("meer dan 120.000 mensen/jaar bereikt", []),
    ("Behoud jaarlijkse groei Gemeentefonds (3,5%)", []),
    ("Nog te bepalen", []),
])
def test_parse_budget_amounts_on_short_texts(text, expected):
    got = [(a.amount_eur, a.qualifier, a.year) for a in ap.parse_budget_amounts("x", text)]
    assert got == expected


def test_remove_page_noise_keeps_line_numbers():
    text = "ACTIE 01_01_01\nlijn\n123 \n1 Auteur, A. (2013), titel\nvervolg\n\n124\nna"
    cleaned = ap.remove_page_noise(text)
    assert cleaned.count("\n") == text.count("\n")
    assert "123" not in cleaned and "Auteur" not in cleaned and "124" not in cleaned
    assert cleaned.splitlines()[-1] == "na"


def test_parse_milestones_with_vertical_word():
    text = ("korte inhoud actie \nIets.\nM\nijl\np\nal\ne\nn\n \n2015 \n\n(beginfase, \n\nnulmeting) \n"
            "Start.\n2017 Tussenstand in 2016 bereikt.\n2019 \n(einddoel) \n/\n")
    assert ap.parse_milestones(text) == {"2015": "Start.", "2017": "Tussenstand in 2016 bereikt."}


def test_parse_header_reads_labels_in_order():
    text = ("\nTitel van de actie\nBudgettair \n\nengagement \n\n10.000 euro \n\nverantwoordelijken \nkabinet \n\n"
            "Welzijn Evaluatie en \n\nindicator \n\nIndicator: aantal \n\nadministratie Departement X \n\n"
            "betrokkenen \nkabinet  mensen in armoede \n\nkorte inhoud actie \nTekst.")
    assert ap.parse_header("99_01_01", text) == {
        "title": "Titel van de actie", "budget_text": "10.000 euro", "cabinet": "Welzijn",
        "evaluation_text": "Indicator: aantal", "administration": "Departement X",
    }


def test_parse_header_names_the_action_when_a_label_is_missing():
    with pytest.raises(ap.ActionPlanError, match="99_01_01.*Budgettair"):
        ap.parse_header("99_01_01", "\nTitel\nkorte inhoud actie\n")


# ------------------------------------------------------------------- the page (/actieplan)

def test_a_search_that_finds_nothing_says_so_and_offers_the_way_back(app, real_warehouse):
    """Review 8b #19: no "€0" as if it were a result, no method box and charts for nothing; what was
    chosen, how to widen it, and a link to the page without search or filters."""
    from dashboard.pages.actions.callbacks import render
    from tests.dash_pages import as_text, find

    for lang, said, clear, href in (
            ("en", "None of the 201 actions matches", "show all 201 actions", "/actieplan?lang=en"),
            ("nl", "Geen enkele van de 201 acties past", "toon alle 201 acties", "/actieplan")):
        content, summary = render("zzzz", None, None, lang)
        assert content == []
        text = as_text(summary)
        assert said in text and "zzzz" in text and "€" not in text
        link = find(summary, "actions-clear")
        assert link.href == href and clear in link.children
        assert find(summary, "actions-total") is None
    content, summary = render("kinderopvang", None, None, "nl")  # a search that finds some: the sum as before
    assert content and find(summary, "actions-total") is not None and find(summary, "actions-clear") is None


def test_english_exports_name_the_publisher_in_english(app, real_warehouse):
    """Review 8b #6: the Source cells and the provenance of the English export say "(Flemish
    Government)", as the register's publisher_en, and name no developer path."""
    from dashboard.pages.actions import exports

    sheets = exports.export(None, None, None, "en")
    cells = {row["source"] for row in sheets[0].rows}
    assert cells and all("Flemish Government" in c and "Vlaamse Regering" not in c for c in cells), sorted(cells)[:2]
    provenance = " ".join(sheets[0].intro)
    assert "Flemish Government" in provenance and "Vlaamse Regering" not in provenance
    assert "data/registers" not in provenance
    dutch = exports.export(None, None, None, "nl")
    assert all("Vlaamse Regering" in row["source"] for row in dutch[0].rows)
