"""Project page (/project) and reporting tracker (/rapportering) without a browser: the progress
formula, completeness and tracker statuses (pure), the pages on the real warehouse (partners, places,
"niet gerapporteerd", unknown id) and after loading the SYNTHETIC workbook
tests/fixtures/voorbeeld_rapportage_SYNTHETISCH.xlsx into a copy (invented figures, never real ones)."""
from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dashboard import monitoring
from dashboard.i18n import t
from dashboard.pages.project.exports import export_sheet
from dashboard.pages.project.layout import valid_project_id
from dashboard.pages.reporting.callbacks import fill as fill_tracker
from dashboard.pages.reporting.exports import export_sheets as tracker_sheets
from dashboard.queries import project as qpr
from dashboard.ui import downloads
from etl.reports.periods import Runtime
from tests.dash_pages import as_text, find, page

SYNTHETIC = Path(__file__).resolve().parent / "fixtures" / "voorbeeld_rapportage_SYNTHETISCH.xlsx"


# ------------------------------------------------------------------------------ pure logic

def test_progress_formula():
    assert monitoring.progress(25.5, 10, 50) == monitoring.Progress(0.3875, "ok")
    assert monitoring.progress(61, 20, 100).value == pytest.approx(0.5125)
    assert monitoring.progress(5, 10, 50).value == pytest.approx(-0.125)      # went backwards
    assert monitoring.progress(120, 20, 100).value == pytest.approx(1.25)     # beyond the target
    assert monitoring.progress(30, 40, 20).value == pytest.approx(0.5)        # a target below the baseline (fewer dropouts)


def test_progress_is_undefined_when_target_equals_baseline_or_values_are_missing():
    assert monitoring.progress(12, 10, 10) == monitoring.Progress(None, "target_equals_baseline")
    assert monitoring.progress(10, 10.0, 10) == monitoring.Progress(None, "target_equals_baseline")
    assert monitoring.progress(None, 10, 50) == monitoring.Progress(None, "no_actual")
    assert monitoring.progress(float("nan"), 10, 50) == monitoring.Progress(None, "no_actual")
    assert monitoring.progress(20, None, 50) == monitoring.Progress(None, "no_baseline")
    assert monitoring.progress(20, 10, None) == monitoring.Progress(None, "no_target")


def test_completeness_lists_what_the_workbook_held():
    report = {"budget_years": ["2023", "2024"], "reach_measures": ["volunteers", "children_reached", "children_6_11"],
              "reach_periods": ["2024-H2", "2024-H1"], "outcome_indicators": []}
    got = monitoring.completeness(report)
    assert got["budget_years"] == ["2023", "2024"]
    assert got["reach_measures"] == ["children_reached", "volunteers", "children_6_11"]  # contract order
    assert got["reach_periods"] == ["2024-H1", "2024-H2"]
    assert got["sheets_filled"] == ["Budget", "Bereik"]  # Resultaten was empty


def test_period_order_and_expected_years():
    labels = ["2025", "2024-H2", "2024", "2024-H1"]
    assert sorted(labels, key=monitoring.period_key) == ["2024-H1", "2024", "2024-H2", "2025"]
    runtime = Runtime(date(2023, 12, 1), date(2027, 12, 31), known=True)
    assert monitoring.expected_years(runtime, date(2026, 11, 22)) == [2023, 2024, 2025, 2026]
    assert monitoring.expected_years(runtime, date(2023, 6, 1)) == []  # nothing due before the runtime


def _tracker_data(reports):
    runtime = Runtime(date(2023, 12, 1), date(2027, 12, 31), known=True)
    projects = [{"project_id": pid, "name": f"Project {pid} (SYNTHETISCH)", "programme_id": "p", "programme_nl": "P",
                 "programme_en": "P", "province_codes": ["70000"]} for pid in ("a", "b", "c")]
    return {"projects": projects, "runtimes": {p["project_id"]: runtime for p in projects}, "reports": reports}


def _report(project_id, period, sha):
    return {"report_id": f"r-{sha}", "project_id": project_id, "period": period, "loaded_at": "2025-02-01T10:00:00+00:00",
            "loaded_by": "tester", "file_name": f"{sha}.xlsx", "sha256": sha, "budget_years": ["2024"],
            "reach_measures": [], "reach_periods": [], "outcome_indicators": []}


def test_tracker_statuses_per_year():
    data = _tracker_data([_report("a", "2024", "s1"), _report("b", "2024-H1", "s2"), _report("b", "2025-H1", "s3")])
    attempts = [
        {"at": "2025-03-01T09:00:00+00:00", "project_id": "c", "period": "2024", "ok": False, "file_name": "c.xlsx",
         "problems": [{"sheet": "Budget", "cell": "D3", "message": "getal verwacht", "expected": "een bedrag"}],
         "problem_count": 1},
        {"at": "2025-02-01T09:00:00+00:00", "project_id": "a", "period": "2024", "ok": True, "sha256": "s1",
         "report_date": "2025-01-15"},
    ]
    rows = {(r["project_id"], r["year"]): r for r in monitoring.tracker_rows(data, attempts, date(2025, 11, 22))}
    assert sorted({y for _, y in rows}) == [2023, 2024, 2025]
    assert rows[("a", 2024)]["status"] == "delivered"
    assert rows[("a", 2024)]["reports"][0]["report_date"] == "2025-01-15"  # the workbook's date, from the log
    assert rows[("a", 2023)]["status"] == "missing"
    assert rows[("a", 2025)]["status"] == "not_due"
    assert rows[("b", 2024)]["status"] == "partial"     # 2024-H2 has ended and is missing
    assert rows[("b", 2025)]["status"] == "delivered"   # 2025-H2 is still running
    assert rows[("c", 2024)]["status"] == "refused" and rows[("c", 2024)]["refused"][0]["file_name"] == "c.xlsx"
    assert not rows[("c", 2024)]["project_received"]


def test_latest_refusal_per_project_and_period_and_resolution():
    attempts = [
        {"at": "2025-01-01T00:00:00+00:00", "project_id": "a", "period": "2024", "ok": False, "file_name": "1.xlsx"},
        {"at": "2025-01-02T00:00:00+00:00", "project_id": "a", "period": "2024", "ok": False, "file_name": "2.xlsx"},
        {"at": "2025-01-03T00:00:00+00:00", "project_id": "b", "period": "2024", "ok": False, "file_name": "3.xlsx"},
        {"at": "2025-01-04T00:00:00+00:00", "project_id": "b", "period": "2024", "ok": True, "file_name": "4.xlsx"},
        {"at": "2025-01-05T00:00:00+00:00", "project_id": None, "period": None, "ok": False, "file_name": "x.pdf"},
    ]
    got = {a["file_name"]: a["resolved"] for a in monitoring.latest_refusals(attempts)}
    assert got == {"2.xlsx": False, "3.xlsx": True, "x.pdf": False}


def test_tracker_filters():
    data = _tracker_data([_report("a", "2024", "s1")])
    data["projects"][2]["province_codes"] = ["10000"]
    rows = monitoring.tracker_rows(data, [], date(2025, 11, 22))
    assert {r["project_id"] for r in monitoring.filter_tracker(rows, status="nothing")} == {"b", "c"}
    assert {r["project_id"] for r in monitoring.filter_tracker(rows, status="delivered")} == {"a"}
    assert {r["project_id"] for r in monitoring.filter_tracker(rows, province="10000")} == {"c"}
    assert monitoring.filter_tracker(rows, programme="other") == []


def test_project_ids_from_the_url_are_checked():
    assert valid_project_id("lbn-001") == "lbn-001"
    assert valid_project_id(["x", "lbn-002"]) == "lbn-002"
    for bad in (None, "", "lbn 001", "'; DROP TABLE project; --", "x" * 41):
        assert valid_project_id(bad) is None


# --------------------------------------------------------------------- pages, no warehouse

def test_unknown_or_missing_id_gives_a_friendly_page(app, real_warehouse):
    project = page("/project")
    for query in ({"id": "lbn-999"}, {"id": "<script>"}, {}):
        layout = project.layout(lang="nl", **query)
        text = as_text(layout)
        assert "Project niet gevonden" in text
        link = find(layout, "project-to-portfolio")
        assert link is not None and link.href == "/portfolio#portfolio-projects"  # its list of all projects
    english = as_text(project.layout(id="lbn-999", lang="en"))
    assert "lbn-999" in english and "Choose a project in the list of all projects" in english
    # words a reader uses (review 8b #10): no "id", no "data warehouse"
    for query in ({"id": "lbn-999"}, {}):
        for lang in ("nl", "en"):
            body = as_text(find(project.layout(lang=lang, **query), "project-unknown"))
            assert not any(word in body for word in ("?id=", " id ", "warehouse", "datawarehouse")), body


def test_pages_without_a_warehouse_show_the_notice(app, no_warehouse):
    assert "warehouse-missing" in as_text(page("/project").layout(id="lbn-001"))
    assert "warehouse-missing" in as_text(page("/rapportering").layout())


# ---------------------------------------------------------------------- the real warehouse

def _real_partners(path: Path, project_id: str):
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        partners = [r[0] for r in con.execute(
            "SELECT pa.name FROM project_partner pp JOIN partner pa USING (partner_id) WHERE pp.project_id = ?",
            [project_id]).fetchall()]
        places = con.execute("SELECT l.nis_code, m.name_nl FROM project_location l LEFT JOIN municipality m "
                             "ON m.nis_code = l.nis_code AND m.vintage = 2025 WHERE l.project_id = ?",
                             [project_id]).fetchall()
        sharing = con.execute(
            "SELECT DISTINCT p.name FROM project_partner a JOIN project_partner b ON a.partner_id = b.partner_id "
            "AND b.project_id <> a.project_id JOIN project p ON p.project_id = b.project_id WHERE a.project_id = ?",
            [project_id]).fetchall()
    finally:
        con.close()
    return partners, places, [r[0] for r in sharing]


def test_real_project_renders_partners_places_and_not_reported(app, real_warehouse):
    project = page("/project")
    partners, places, sharing = _real_partners(real_warehouse, "lbn-043")
    assert partners and places and sharing  # a project with shared partners, by the registers
    layout = project.layout(id="lbn-043", lang="nl")
    text = as_text(layout)
    table = as_text(find(layout, "project-partners"))
    assert all(name in table for name in partners)
    assert all(name in table for name in sharing)  # links to the projects that share partners
    assert "/project?id=" in table
    listing = as_text(find(layout, "project-places"))
    assert all(name in listing for _code, name in places)
    network = find(layout, "project-network").figure
    drawn = {name for trace in network.data if trace.hovertext for name in trace.hovertext}
    assert any(name.startswith(p) for p in partners for name in drawn)
    assert len([t for t in network.data if t.name == "ander project met gedeelde partners"][0].x) == len(sharing)
    small_map = find(layout, "project-map").figure
    shown = [code for trace in small_map["data"] for code in trace["locations"]]
    assert sorted(shown) == sorted(code for code, _name in places)
    assert small_map["layout"]["map"]["style"] == "white-bg"
    assert small_map["data"][0]["geojson"].startswith("/geo/municipalities_2025.geojson?v=")
    for section_id in ("project-budget-none", "project-reach-none", "project-outcomes-none"):
        assert "niet gerapporteerd" in as_text(find(layout, section_id))
        assert "nog geen rapport ontvangen" in as_text(find(layout, section_id))
    assert find(layout, "project-budget") is None  # no invented chart
    assert "lbn-043" in text


def test_province_wide_project_is_shown_as_a_province(app, real_warehouse):
    layout = page("/project").layout(id="lbn-021", lang="nl")
    small_map = find(layout, "project-map").figure
    province = [t for t in small_map["data"] if t["name"] == "province"]
    assert province and province[0]["locations"] == ["70000"]
    assert province[0]["geojson"].startswith("/geo/provinces_2025.geojson")
    assert "de hele provincie Limburg" in as_text(find(layout, "project-places"))
    assert find(layout, "project-partners-none") is not None  # the guide names no partner rows for it


SCOPES = ("municipality", "part_of_municipality", "several_municipalities", "province")  # the register's codes


def test_project_exports_say_scopes_in_words_with_the_provenance_lines_of_every_page(app, real_warehouse):
    """Review 8b #15, #16, #6: the scope in the question-28 workbook's words and header (never the
    register code), the filters line and "export" stamp of the other pages, the publisher of the
    project's document in the export's language."""
    from dashboard.pages.project.exports import scope_words
    from etl.exports import texts

    data = qpr.page_data("lbn-016")  # one part of a municipality (Kuregem, Anderlecht)
    for lang, header, stamp in (("nl", "Werkgebied", "export "), ("en", "Area covered", "exported ")):
        sheet = export_sheet(data, "places", lang)
        assert [c.label for c in sheet.columns if c.key == "scope"] == [header] == [texts()[lang]["col.scope"]]
        scopes = {r["scope"] for r in sheet.rows}
        assert scopes == {texts()[lang]["scope.part_of_municipality"]} and scopes <= {texts()[lang][f"scope.{code}"] for code in SCOPES}
        assert scope_words("part_of_municipality", lang) == texts()[lang]["scope.part_of_municipality"]
        for chart in ("places", "budget"):
            intro = export_sheet(data, chart, lang).intro
            assert intro[1].startswith("Filters: project = ") and stamp in intro[-1]
            assert not any("Gedownload" in line or "Downloaded" in line for line in intro)
            assert "Kinderarmoedemonitor" in intro[-1] and "seed:" not in intro[-1]
    assert scope_words("municipality", "nl") == "gemeente" and scope_words("municipality", "en") == "municipality"
    english = export_sheet(data, "partners", "en").intro[-1]
    assert "Vlaams Netwerk tegen Armoede vzw (supported by the Departement Zorg)" in english, english
    assert "met steun van" not in english and "monitoring workbooks" not in english


def test_portfolio_and_profile_link_to_the_project_page(app, real_warehouse):
    from dashboard.pages.portfolio import layout as portfolio_layout
    from dashboard.pages.portfolio import view as portfolio
    from dashboard.pages.profile.callbacks import render as render_profile

    data = portfolio.load()
    rows = portfolio.project_rows(portfolio.filter_projects(data["projects"]), data, "en")
    assert {r["href"] for r in rows} >= {"/project?id=lbn-001&lang=en"}
    table = as_text(portfolio_layout.projects_table(portfolio.filter_projects(data["projects"]), data, {}, "nl"))
    assert '"href": "/project?id=lbn-001"' in table
    content, _title = render_profile("13008", "nl")  # Geel: lbn-001
    assert "/project?id=lbn-001" in as_text(content)


def test_tracker_on_the_real_warehouse_shows_nothing_received(app, real_warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTS_DIR", str(tmp_path / "reports"))  # no attempts log
    table, count, refused = fill_tracker(None, None, None, "nl")
    text = as_text(table)
    assert count.startswith("48 van 48 projecten; 0 met")
    assert text.count("nog niets ontvangen") == 48
    assert "geleverd" not in text and "geweigerd" not in text
    assert "Geen geweigerde rapporten." in as_text(refused)
    sheets = tracker_sheets(None, "70000", None, "nl")
    assert {r["province"] for r in sheets[0].rows} == {"Limburg"}
    assert len({r["project_id"] for r in sheets[0].rows}) == 6


# ------------------------------------------------------------- after loading a workbook

def test_reported_figures_appear_after_loading_the_synthetic_workbook(app, etl_root, tmp_path):
    from etl.config import load_settings
    from etl.reports.load import ReportsRejected, load_reports
    from tests.fixtures.make_voorbeeld_rapportage import synthetic_workbook

    good = tmp_path / "voorbeeld_rapportage_SYNTHETISCH.xlsx"
    shutil.copyfile(SYNTHETIC, good)
    load_reports([good], load_settings(), user="tester", channel="cli")
    bad_wb = synthetic_workbook(project_id="lbn-002", period="2025")
    bad_wb["Budget"]["B2"] = "veel"
    bad = tmp_path / "fout lbn-002.xlsx"
    bad_wb.save(bad)
    with pytest.raises(ReportsRejected):
        load_reports([bad], load_settings(), user="tester", channel="cli")

    layout = page("/project").layout(id="lbn-001", lang="nl")
    budget = find(layout, "project-budget").figure
    granted = next(t for t in budget.data if t.name == "Toegekend")
    assert list(granted.x) == ["2023", "2024"] and list(granted.y) == [10000, 60000]
    assert "€ 4.000,50" in as_text(find(layout, "project-budget-table")).replace("\u00a0", " ")
    outcomes = as_text(find(layout, "project-outcomes-table")).replace("\u00a0", " ")
    assert "39 %" in outcomes and "31 %" in outcomes and "51 %" in outcomes  # (25,5-10)/(50-10) etc.
    reach = find(layout, "project-reach").figure
    children = next(t for t in reach.data if t.name == "Kinderen bereikt")
    assert list(children.x) == ["2024-H1", "2024-H2"] and list(children.y) == [120, 150]
    assert find(layout, "project-budget-none") is None
    assert "periode 2024" in as_text(find(layout, "project-reporting-status"))

    table, count, refused = fill_tracker(None, None, None, "nl")
    row = as_text(find(table, "reporting-row-lbn-001"))
    assert "geleverd" in row and "2024: rapport van 15-01-2025" in row and "door tester" in row
    assert "Budget: 2023, 2024" in row and "Resultaten: 2 indicator(en)" in row
    assert "47 van 48" not in count and "1 met minstens één ontvangen rapport" in count
    problems = as_text(refused)
    assert "fout lbn-002.xlsx" in problems and "B2" in problems and "Budget" in problems
    assert "geweigerd" in as_text(find(table, "reporting-row-lbn-002"))
    only_refused = fill_tracker(None, None, "refused", "nl")[0]
    assert find(only_refused, "reporting-row-lbn-002") is not None and find(only_refused, "reporting-row-lbn-001") is None
    sheets = tracker_sheets(None, None, "delivered", "nl")
    assert {r["project_id"] for r in sheets[0].rows} == {"lbn-001"}
    delivered = [r for r in sheets[0].rows if r["year"] == 2024][0]
    assert delivered["status"] == "geleverd" and delivered["periods"] == "2024" and delivered["budget_years"] == "2023, 2024"

    # the project's exports carry the reported rows
    data = qpr.page_data("lbn-001")
    budget_sheet = export_sheet(data, "budget", "nl")
    assert [(r["year"], r["granted"]) for r in budget_sheet.rows] == [(2023, 10000), (2024, 60000)]
    outcome_sheet = export_sheet(data, "outcomes", "nl")
    assert sorted(round(r["progress_pct"], 2) for r in outcome_sheet.rows) == [31.25, 38.75, 51.25]
    # baseline, target and actual with the page's decimals (a % with 1, a count whole), not 2 for all
    text = downloads.csv_bytes(outcome_sheet.columns, outcome_sheet.rows, "nl").decode("utf-8-sig")
    header, *body = csv.reader(io.StringIO(text), delimiter=";")
    amounts = sorted(tuple(row[header.index(t(f"project.col.{k}", "nl"))] for k in ("unit", "baseline", "target", "actual"))
                     for row in body)
    assert amounts == [("%", "10,0", "50,0", "25,5"), ("aantal", "20", "100", "45"), ("aantal", "20", "100", "61")]
    ws = load_workbook(io.BytesIO(downloads.workbook_bytes([outcome_sheet])))[outcome_sheet.title]
    formats = {(row[1].value, row[7].number_format) for row in ws.iter_rows() if isinstance(row[7].value, (int, float))}
    assert formats == {("%", "#,##0.0"), ("aantal", "#,##0")}, formats


@pytest.mark.parametrize(("value", "unit", "shown", "decimals"), [
    (25.5, "%", "25,5 %", 1), (10, "%", "10,0 %", 1), (4000.5, "euro", "€ 4.000,50", 2), (4000, "EUR", "€ 4.000", 0),
    (61, "aantal", "61", 0), (2.25, "gezinnen", "2,3", 1), (None, "%", "–", None)])
def test_an_outcome_amount_is_exported_with_the_decimals_it_is_shown_with(value, unit, shown, decimals):
    from dashboard.pages.project import view

    assert view.amount_text(value, unit, "nl").replace("\u00a0", " ") == shown
    assert view.amount_decimals(value, unit) == decimals


def test_a_year_before_the_last_start_wave_is_not_called_missing():
    """The networks started in two waves (19 on 1 December 2023, 26 on 1 February 2024) and the
    registers do not say which project started when: a 2023 report without a workbook is 'start
    unknown', not 'missing'; from 2024 on every project runs, so a missing year is missing."""
    import pandas as pd

    from etl.reports.periods import derive_runtimes

    project = pd.DataFrame({"project_id": ["a"], "programme_id": ["lbn"]})
    programme = pd.DataFrame({"programme_id": ["lbn"], "period_start": ["2023-12-01"]})
    facts = pd.DataFrame({"programme_id": ["lbn"] * 3, "fact": ["projects_started", "projects_started",
                                                                 "project_duration_max"],
                          "value": ["19", "26", "3"], "year": [2023, 2024, None]})
    runtime = derive_runtimes(project, programme, facts)["a"]
    data = {"projects": [{"project_id": "a", "name": "A", "programme_id": "lbn", "programme_nl": "p",
                          "programme_en": "p", "province_codes": []}],
            "runtimes": {"a": runtime}, "reports": []}
    rows = {r["year"]: r["status"] for r in monitoring.tracker_rows(data, [], date(2026, 3, 1))}
    assert rows[2023] == "start_unknown" and rows[2024] == "missing" and rows[2026] == "not_due"
    one_wave = derive_runtimes(project, programme, facts.iloc[[0, 2]])["a"]
    data["runtimes"] = {"a": one_wave}
    assert {r["year"]: r["status"] for r in monitoring.tracker_rows(data, [], date(2026, 3, 1))}[2023] == "missing"
