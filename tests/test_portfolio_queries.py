"""The portfolio and action-plan logic: the budget-summing rule, filters, search, labels in exports,
formula neutralisation, and the WQ28 answer workbook, against the real warehouse built from the mirror."""
from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook
from plotly.utils import PlotlyJSONEncoder

from dashboard import action_plan as ap
from dashboard import urls
from dashboard.pages.actions import exports as action_exports
from dashboard.pages.portfolio import exports as portfolio_exports
from dashboard.pages.portfolio import view as portfolio_view
from dashboard.queries import portfolio as qp
from dashboard.ui import downloads


def b(action_id, amount, qualifier="total", year=None, per_unit="false"):
    return {"action_id": action_id, "amount_eur": amount, "qualifier": qualifier, "year": year,
            "per_unit": per_unit, "text_fragment": ""}


def test_counted_amount_takes_the_total_not_total_plus_parts():
    # 07_07_11: 2.5 million = 1 million ESF + 1.5 million co-financing
    got = ap.counted_amounts([b("07_07_11", 2_500_000), b("07_07_11", 1_000_000), b("07_07_11", 1_500_000)])
    assert got["07_07_11"] == {"amount": 2_500_000, "basis": "largest", "n_amounts": 3, "n_excluded": 0}


def test_counted_amount_sums_distinct_plan_years_and_skips_other_years_and_unit_prices():
    rows = [b("x", 100, "year", 2015), b("x", 40, "year", 2015), b("x", 120, "year", 2016),
            b("x", 5_000, "year", 2014), b("x", 9_999, "total", per_unit="true")]
    got = ap.counted_amounts(rows)["x"]
    assert got["amount"] == 220 and got["basis"] == "years" and got["n_excluded"] == 2


def test_yearly_amount_counts_once_and_informational_action_not_at_all():
    got = ap.counted_amounts([b("y", 6_700_000, "per_year"), b("y", 500_000, "per_year"),
                              b("08_03_03", 692_000), b("08_03_03", 1_200_000, "year", 2014)])
    assert got["y"]["amount"] == 6_700_000
    assert got["08_03_03"]["amount"] is None and got["08_03_03"]["basis"] == "none"


def test_search_ignores_case_and_accents_and_needs_every_word():
    rows = [{"action_id": "01_01_01", "right_code": "01", "minister_code": "02", "title": "Kinderopvang in Brussel",
             "administration": "Agentschap Opgroeien", "budget_text": "€ 1.000"},
            {"action_id": "02_01_01", "right_code": "02", "minister_code": "02", "title": "Schoolkosten",
             "administration": "Departement Onderwijs", "budget_text": "Geen budget"}]
    assert [a["action_id"] for a in ap.search_actions(rows, "KINDEROPVANG opgroeien")] == ["01_01_01"]
    assert [a["action_id"] for a in ap.search_actions(rows, "ónderwijs")] == ["02_01_01"]
    assert ap.search_actions(rows, "kinderopvang", right="02") == []


def test_query_values_are_validated():
    assert urls.valid_nis("70000") == "70000" and urls.valid_nis("7000'; DROP") is None
    assert urls.valid_code(["x", "education"]) == "education" and urls.valid_code("<script>") is None


def test_action_plan_summary_on_the_real_registers(real_warehouse):
    from dashboard import db

    with db.reader() as r:
        actions, budgets = qp.actions(r), qp.action_budgets(r)
    assert len(actions) == 201
    counted = ap.counted_amounts(budgets)
    per_right = ap.summarise(actions, counted, "right_code", "right_label")
    assert sum(g["actions"] for g in per_right) == 201
    assert {g["code"]: g["actions"] for g in per_right}["06"] == 28
    with_amount = sum(g["with_amount"] for g in per_right)
    # 87 actions state an amount that may count; 05_02_10 only states an increase ("stijgen ... met 5,3 miljoen").
    assert with_amount == sum(1 for c in counted.values() if c["amount"] is not None) == 86
    assert counted["05_02_10"]["amount"] is None
    # never more than the plain sum of every amount stated (no amount counted twice)
    assert sum(g["amount"] for g in per_right) < sum(x["amount_eur"] for x in budgets)
    assert counted["07_07_11"]["amount"] == 2_500_000


def test_projects_filters_and_disagreeing_facts(real_warehouse):
    from dashboard import db

    with db.reader() as r:
        projects, facts = qp.projects(r), qp.programme_facts(r)
    assert len(projects) == 48
    limburg = portfolio_view.filter_projects(projects, province="70000")
    assert len(limburg) == 6
    # Springplank: listed under Antwerpen by the guide, located in Oost-Vlaanderen (2025)
    spring = next(p for p in projects if p["name"] == "Springplank")
    assert spring["province_codes"] == ["40000"] and spring["province_listed"] == "Antwerpen"
    assert spring in portfolio_view.filter_projects(projects, province="40000", nis="46030")
    groups = {g["fact"]: g for g in portfolio_view.fact_groups(facts) if g["programme_id"] == "lbn_2023"}
    assert groups["projects_selected"]["disagrees"] and not groups["budget_year"]["disagrees"]
    assert sorted(r["value"] for r in groups["projects_selected"]["rows"]) == ["45", "48"]


def test_portfolio_exports_use_labels_and_neutralise_formulas(app, real_warehouse):  # app: links need it
    sheet = portfolio_exports.export_projects({"province": "70000", "theme": "education"}, "nl")
    intro = sheet.intro
    assert intro[1] == "Filters: Provincie (2025) = Limburg; Thema = Onderwijs"
    assert len(sheet.rows) == 3
    assert all(r["province"] == "Limburg" and "Onderwijs" in r["themes"] for r in sheet.rows)
    assert not any("education" in str(v) for r in sheet.rows for v in r.values())
    # a formula in the data stays text in the CSV
    sheet.rows.append({**sheet.rows[0], "name": "=HYPERLINK(\"http://x\")"})
    content, _name, _mime = downloads.table_file("csv", [sheet], "projecten")  # what the page sends
    text = content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert any(r and r[0] == "'=HYPERLINK(\"http://x\")" for r in rows)


def test_wq28_answer_workbook(real_warehouse, tmp_path):
    path = tmp_path / "wq28.xlsx"
    portfolio_exports.wq28_answer("70000").save(path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Per provincie", "Per gemeente", "Bronnen"]
    summary = {r[0]: r for r in wb["Per provincie"].iter_rows(min_row=4, values_only=True)}
    # applications, amount requested (question 1), projects awarded (question 2)
    # a figure no source gives is an empty cell (number columns hold numbers only), the note says why
    assert summary["Limburg"][1:4] == (None, None, 6) and "niet gepubliceerd" in summary["Limburg"][6]
    assert {r[0] for r in wb["Per gemeente"].iter_rows(min_row=4, values_only=True)} == {"Limburg"}
    header = [c.value for c in wb["Per gemeente"][3]]
    amount, note = header.index("Toegekend bedrag (euro)"), header.index("Toelichting bedrag")
    assert note == amount + 1
    for row in wb["Per gemeente"].iter_rows(min_row=4, values_only=True):
        assert row[amount] is None or isinstance(row[amount], (int, float))
        assert (row[amount] is None) == bool(row[note] and "Niet gepubliceerd" in row[note])


def test_action_plan_exports(real_warehouse):
    sheets = action_exports.export("kinderopvang", None, None, "nl")
    assert sheets is not None and 0 < len(sheets[0].rows) < 201
    assert "Zoek in titel" in sheets[0].intro[1]
    chart = action_exports.chart_export("right", None, None, None, "nl")
    columns, rows = chart.columns, chart.rows
    assert sum(r["actions"] for r in rows) == 201 and columns[1].label == "Grondrecht"


def test_answer_workbook_states_build_and_export_in_brussels_time(monkeypatch):
    """The build time is stored in UTC; the workbook shows it, and its export stamp, in Brussels time
    in the workbook's notation, so an export never reads as made before its build."""
    import datetime as dt

    from etl import clock, exports

    class Winter(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2026, 12, 3, 7, 30, tzinfo=dt.UTC).astimezone(tz)

    monkeypatch.setattr(clock, "datetime", Winter)  # moment_text and now() live in etl.clock
    build = {"build_id": "b1", "finished_at": "2026-12-03T07:09:18+00:00"}
    for lang, expected in (("nl", ("03-12-2026 08:09", "03-12-2026 08:30")), ("en", ("2026-12-03 08:09", "2026-12-03 08:30"))):
        wb = exports.answer_workbook([], [], build, lang)
        last = [c.value for c in wb.worksheets[-1]["A"] if c.value][-1]
        assert expected[0] in last and expected[1] in last, last


def test_a_province_in_the_url_also_answers_question_28_for_it(app):
    """`/portfolio?province=30000` (the link a presenter is given) chooses West Flanders for the
    written-question answer too; `wq28=` still chooses it apart."""
    from tests.dash_pages import find, page

    layout = page("/portfolio").layout
    assert find(layout(province="30000"), "portfolio-initial").data["wq28"] == "30000"
    assert find(layout(province="30000", wq28="70000"), "portfolio-initial").data["wq28"] == "70000"
    assert find(layout(), "portfolio-initial").data["wq28"] is None


def _components(component):
    """Every Dash component in a tree, depth first."""
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if hasattr(child, "to_plotly_json"):
            yield from _components(child)


def test_question_28_has_a_workbook_per_province_row_and_folds_its_notes_when_presenting(app, real_warehouse):
    """Issue 14 / review 8b #3, #8: each row of the per-province answer downloads that province's
    workbook in one click, the button naming the province; in presentation mode the notes are folded."""
    from dashboard.pages.portfolio import callbacks, layout

    summary, _options, _value = callbacks.wq28_setup("en", {"present": True})
    buttons = [c for c in _components(summary) if isinstance(getattr(c, "id", None), dict) and c.id.get("type") == layout.ROW_EXPORT]
    by_province = {b.id["province"]: "".join(c if isinstance(c, str) else c.children for c in b.children)
                   for b in buttons}
    assert by_province["70000"] == "Excel Limburg" and by_province["all"] == "Excel Flanders and Brussels"
    assert len(by_province) == 7  # five provinces, Brussels and the total
    notes = next(c for c in _components(summary) if getattr(c, "id", None) == "portfolio-wq28-notes")
    assert notes.open is False
    assert next(c for c in _components(callbacks.wq28_setup("nl", {})[0]) if getattr(c, "id", None) == "portfolio-wq28-notes").open
    sent = portfolio_exports.send_wq28("70000", "en")
    assert sent["filename"].endswith(".xlsx")


def test_exports_name_sources_by_title_url_and_publisher_in_the_export_language(app, real_warehouse):
    """Review 8b #5/#6: the press release and the question with their addresses, the publisher in English
    in an English workbook, and no column of our own line numbers in the portfolio export."""
    wb = portfolio_exports.wq28_answer(None, "en")
    lines = [str(row[0]) for row in wb["Sources"].iter_rows(values_only=True) if row[0]]
    press = next(line for line in lines if line.startswith("Samenwerken"))
    assert "https://www.benjamindalle.be/post/" in press and "(press release)" in press and "persbericht" not in press
    guide = next(line for line in lines if line.startswith("Word bondgenoot"))
    assert "supported by" in guide and "met steun van" not in guide
    sheet = portfolio_exports.export_projects({}, "nl")
    assert "source_lines" not in {c.key for c in sheet.columns}
    assert not any("regel" in str(r["source"]) for r in sheet.rows)


def test_programme_facts_fold_per_programme_and_name_each_source_once(app, real_warehouse):
    """Review 8b #12: a fold per programme (opened on wide screens by a clientside callback) and each
    source document's title once per table, the rows giving its short name and the place in it."""
    from dashboard.pages.portfolio import layout, view

    data = view.load()
    section = layout.programmes(data, "nl")
    folds = [c for c in _components(section) if isinstance(getattr(c, "id", None), dict) and c.id.get("type") == layout.FACTS_FOLD]
    assert {f.id["programme"] for f in folds} == {p["programme_id"] for p in data["programmes"]}
    assert all(f.open is False for f in folds)
    lbn = next(f for f in folds if f.id["programme"] == "lbn_2023")
    text = json.dumps(lbn, cls=PlotlyJSONEncoder, ensure_ascii=False)
    assert text.count("een kompas") == 1 and text.count("45 lokale bondgenotennetwerken gaan van start") == 1
    assert "het persbericht" in text


def test_english_fact_tables_mark_the_guides_quoted_heading_as_dutch(app, real_warehouse):
    """Review 9 #3 (WCAG 3.1.2): "the 2026 guide, 'Waarom deze gids?'" in the English fact tables: the
    heading quoted from the guide sits in its own element marked lang="nl", the rest is English; the
    Dutch page needs no marks."""
    from dashboard.pages.portfolio import layout, view

    data = view.load()

    def quoted(lang: str) -> tuple[list, list[str]]:
        parts = list(_components(layout.programmes(data, lang)))
        marked = [c for c in parts if getattr(c, "lang", None) == "nl" and c.children == "'Waarom deze gids?'"]
        # the texts written straight into an element not marked Dutch
        plain = [text for c in parts if getattr(c, "lang", None) != "nl"
                 for text in (c.children if isinstance(getattr(c, "children", None), (list, tuple)) else [c.children])
                 if isinstance(text, str) and "Waarom deze gids?" in text]
        return marked, plain

    marked, plain = quoted("en")
    assert marked and not plain, plain
    marked, plain = quoted("nl")
    assert not marked and plain


def test_english_project_export_names_the_guides_province_as_quoted(app, real_warehouse):
    """Review 9 #7: the column with the guide's (Dutch) province name says it is quoted as the guide
    writes it; the 2025 province in English stands beside it."""
    sheet = portfolio_exports.export_projects({}, "en")
    labels = {c.key: c.label for c in sheet.columns}
    assert labels["province_listed"] == "Province as written in the guide (Dutch)"
    row = next(r for r in sheet.rows if r["province_listed"] == "West-Vlaanderen")
    assert "West Flanders" in row["province"]
