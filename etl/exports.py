"""Excel answers to written questions, ready to attach: the per-province summary of written question
nr. 28 (2023) and the awarded networks per municipality. `wq28_workbook` reads a warehouse (the CLI);
`answer_workbook` makes the same workbook from rows, for the portfolio's export button.

Text cells are always written as text, so a value that starts with '=', '+', '-' or '@' can never
become a formula in the reader's spreadsheet program.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")

PROVINCE_COLUMNS = [
    ("province_name", "Provincie"), ("applications_text", "Ingediende aanvragen"),
    ("amount_requested_text", "Gevraagd bedrag (euro)"), ("projects_awarded_text", "Toegekende projecten"), ("projects_located_2025", "Projecten gelegen in de provincie (gemeenten 2025)"),
    ("amount_awarded_text", "Toegekend bedrag (euro)"), ("note", "Toelichting"), ("source", "Bron"),
]
MUNICIPALITY_COLUMNS = [
    ("province_name", "Provincie"), ("nis_code", "NIS-code (2025)"), ("municipality_name", "Gemeente"),
    ("project_name", "Netwerk"), ("scope", "Werkgebied"), ("area_label", "Deelgebied"),
    ("themes", "Thema's"), ("lead_org", "Trekker"), ("website", "Website"),
    ("amount_awarded_text", "Toegekend bedrag (euro)"), ("placement_notes", "Toelichting plaatsing"),
]
SCOPE_NL = {"municipality": "gemeente", "part_of_municipality": "deel van de gemeente",
            "several_municipalities": "meerdere gemeenten", "province": "hele provincie"}


def safe_cell(cell, value) -> None:
    """Write a value; text stays text (formula injection is neutralised)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def _sheet(ws, title: str, rows: list[dict], columns: list[tuple[str, str]], intro: str) -> None:
    ws.title = title
    safe_cell(ws.cell(1, 1), intro)
    ws.cell(1, 1).font = Font(bold=True, size=12)
    for j, (_, label) in enumerate(columns, start=1):
        cell = ws.cell(3, j)
        safe_cell(cell, label)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, row in enumerate(rows, start=4):
        for j, (key, _) in enumerate(columns, start=1):
            value = row.get(key)
            if key == "scope":
                value = SCOPE_NL.get(value, value)
            elif isinstance(value, str) and value.isdigit() and key.endswith("_text"):
                value = int(value)  # a count stays a number in Excel
            safe_cell(ws.cell(i, j), None if value is None or value != value else value)
            ws.cell(i, j).alignment = Alignment(wrap_text=True, vertical="top")
    for j, (key, label) in enumerate(columns, start=1):
        longest = max([len(label)] + [len(str(r.get(key) or "")) for r in rows])
        ws.column_dimensions[get_column_letter(j)].width = min(60, max(12, longest + 2))
    ws.freeze_panes = "A4"


def wq28_workbook(con, province_nis: str | None = None) -> Workbook:
    """The answer workbook from an open warehouse connection; optionally one province's municipalities."""
    provinces = con.execute("SELECT * FROM wq28_province_summary ORDER BY sort_key, province_name").df()
    if province_nis:
        municipalities = con.execute("SELECT * FROM wq28_municipality_networks WHERE province_nis = ? "
                                     "ORDER BY municipality_name, project_name", [province_nis]).df()
    else:
        municipalities = con.execute("SELECT * FROM wq28_municipality_networks "
                                     "ORDER BY province_nis, municipality_name, project_name").df()
    build = con.execute("SELECT build_id, finished_at FROM build WHERE status = 'success' "
                        "ORDER BY finished_at DESC LIMIT 1").df()
    return answer_workbook(provinces.to_dict("records"), municipalities.to_dict("records"),
                           None if build.empty else build.iloc[0].to_dict())


def answer_workbook(provinces: list[dict], municipalities: list[dict], build: dict | None) -> Workbook:
    """The answer workbook (sheets Per provincie, Per gemeente, Bronnen) from the rows of
    `wq28_province_summary` and `wq28_municipality_networks` and the build they come from
    ({build_id, finished_at}); the dashboard passes the rows it read itself."""
    wb = Workbook()
    _sheet(wb.active, "Per provincie", provinces, PROVINCE_COLUMNS,
           "Lokale bondgenotennetwerken tegen kinderarmoede: aanvragen, toekenningen en bedragen per provincie en Brussel")
    _sheet(wb.create_sheet(), "Per gemeente", municipalities, MUNICIPALITY_COLUMNS,
           "Toegekende netwerken per gemeente (gemeenten van 2025)")
    notes = wb.create_sheet("Bronnen")
    lines = [
        "Bronnen en toelichting",
        "Schriftelijke vraag nr. 28 van 9 november 2023 (Vlaams Parlement): het antwoord geeft geen cijfers, omdat de "
        "toekenning toen nog niet afgerond was.",
        "Persbericht van de minister: 151 ingediende projecten, 45 geselecteerde netwerken. Gids 'Word bondgenoot' (2026): "
        "151 aanvragen, 48 netwerken met hun gemeente, per provincie gerangschikt.",
        "Geen enkele bron geeft aanvragen of bedragen per provincie, of het bedrag per netwerk.",
        "'niet gepubliceerd': de bronnen geven dit cijfer niet; het is niet geschat.",
        "Netwerken zijn geplaatst op de gemeenten van 2025; de toelichting per rij zegt hoe (deelgemeente, district, fusie).",
        f"Gegevens: Kinderarmoedemonitor, build {build['build_id'] if build else 'onbekend'} "
        f"({build['finished_at'] if build else ''}); export {datetime.now().strftime('%d-%m-%Y %H:%M')}.",
    ]
    for i, line in enumerate(lines, start=1):
        safe_cell(notes.cell(i, 1), line)
    notes.cell(1, 1).font = Font(bold=True, size=12)
    notes.column_dimensions["A"].width = 120
    return wb


def export_wq28(warehouse: Path, out: Path, province_nis: str | None = None) -> Path:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        wb = wq28_workbook(con, province_nis)
    finally:
        con.close()
    wb.save(out)
    return out
