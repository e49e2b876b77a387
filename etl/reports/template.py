"""`python -m etl template OUT.xlsx [--project ID]`: the Dutch workbook projects fill in.

Sheets: Instructies, Project (a form), Budget, Bereik, Resultaten (tables), and a hidden sheet
Lijsten with the dropdown lists. Excel's data validation catches mistakes while typing
(dropdowns for project ids and periods, whole or decimal numbers where numbers belong, dates);
the header rows are protected against accidental edits (no password: this guards against slips,
not people). The loader checks everything again, since validation is easy to bypass by pasting.
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation

from etl.errors import EtlError
from etl.exports import HEADER_FILL, HEADER_FONT, safe_cell
from etl.reports.contract import (
    AMOUNT,
    COUNT,
    DATE,
    EXPECTED_NL,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    MAX_ABS_NUMBER,
    MAX_AMOUNT_EURO,
    MAX_COUNT,
    NUMBER,
    PERIOD,
    PROJECT,
    PROJECT_COLUMNS,
    PROJECT_SHEET,
    REPORT_DATE_MIN,
    TABLE_SHEETS,
    TEMPLATE_ROWS,
    TEMPLATE_VERSION,
    TEXT,
    YEAR,
    YEAR_MAX,
    YEAR_MIN,
    Field,
    TableSheet,
)
from etl.reports.periods import Runtime

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # light yellow: "type here"
NUMBER_FORMATS = {AMOUNT: "#,##0.00", COUNT: "0", YEAR: "0", NUMBER: "General", DATE: "DD-MM-YYYY"}


def _instructions(runtime_text: str) -> list[str]:
    return [
        "Rapportage lokale bondgenotennetwerken tegen kinderarmoede",
        f"Sjabloonversie {TEMPLATE_VERSION}. Vul dit bestand in en bezorg het aan de administratie; "
        "zij laden het met `python -m etl load-report`.",
        "",
        "Zo vult u het in",
        "1. Blad Project: kies uw project-id en de rapportageperiode, en vul contactpersoon en datum in.",
        "2. Blad Budget: één rij per jaar: toegekend, uitbetaald, uitgegeven, cofinanciering en investeringssubsidie, in euro.",
        "3. Blad Bereik: één rij per periode: kinderen, gezinnen, scholen, partners en vrijwilligers; "
        "de verdeling naar leeftijd is optioneel.",
        "4. Blad Resultaten: één rij per resultaatindicator en periode: naam, eenheid, basiswaarde en basisjaar, "
        "streefwaarde en streefjaar, en de gerealiseerde waarde.",
        "",
        "Regels",
        "- Alleen de gele cellen zijn invulbaar. Laat een cel leeg als u het cijfer niet kent: leeg betekent "
        "'niet gerapporteerd', nooit nul.",
        "- Typ getallen als getal (zonder tekst zoals 'ongeveer' of 'EUR'); bedragen zijn nooit negatief.",
        "- Geen formules: plak berekende cijfers als waarden (Plakken speciaal > Waarden).",
        "- Uitgegeven en uitbetaald zijn niet hoger dan toegekend; een streefjaar ligt niet voor het basisjaar. "
        "Elke periode en elk jaar staat maar één keer op een blad.",
        "- Perioden: een jaar (2024) of een halfjaar (2024-H1 = januari-juni, 2024-H2 = juli-december), "
        f"binnen de looptijd van het project ({runtime_text}) en niet na de rapportageperiode.",
        "- Hernoem of verwijder geen bladen of kolommen.",
        "",
        "Een verbeterde versie voor hetzelfde project en dezelfde periode vervangt de vorige; "
        "de vorige cijfers blijven bewaard in de geschiedenis.",
        "Bij een fout meldt het laden elk probleem met blad en cel (bv. 'blad Budget, cel D7: getal verwacht').",
    ]


def _validation(kind: str, runtime: Runtime, lists: dict[str, str], field: Field, *, budget_year: bool) -> DataValidation:
    """Excel's own check for one kind of cell, with a Dutch input message and error."""
    if kind == PROJECT:
        dv = DataValidation(type="list", formula1=lists[PROJECT], allow_blank=True)
    elif kind == PERIOD:
        dv = DataValidation(type="list", formula1=lists[PERIOD], allow_blank=True)
    elif kind == YEAR:
        low, high = (runtime.start.year, runtime.end.year) if budget_year else (YEAR_MIN, YEAR_MAX)
        dv = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high), allow_blank=True)
    elif kind in (AMOUNT, COUNT):
        dv = DataValidation(type="decimal" if kind == AMOUNT else "whole", operator="between", formula1="0",
                            formula2=str(MAX_AMOUNT_EURO if kind == AMOUNT else MAX_COUNT), allow_blank=True)
    elif kind == NUMBER:
        dv = DataValidation(type="decimal", operator="between", formula1=str(-MAX_ABS_NUMBER),
                            formula2=str(MAX_ABS_NUMBER), allow_blank=True)
    elif kind == DATE:  # the loader also refuses a date after the day of loading
        dv = DataValidation(type="date", operator="between", formula1=str(int(to_excel(REPORT_DATE_MIN))),
                            formula2="TODAY()", allow_blank=True)
    else:
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(field.max_length),
                            allow_blank=True)
    dv.showInputMessage = dv.showErrorMessage = True
    dv.errorStyle = "stop"
    dv.promptTitle = field.header[:32]
    dv.prompt = (("Verplicht. " if field.required else "Optioneel. ") + field.help_nl)[:250]
    dv.errorTitle = "Ongeldige waarde"
    dv.error = f"{field.header}: verwacht {EXPECTED_NL[kind]}."[:250]
    return dv


def _lists_sheet(wb: Workbook, project_ids: list[str], periods: list[str]) -> dict[str, str]:
    ws = wb.create_sheet(LISTS_SHEET)
    safe_cell(ws.cell(1, 1), "Project-id")
    safe_cell(ws.cell(1, 2), "Periode")
    for i, project_id in enumerate(project_ids, start=2):
        safe_cell(ws.cell(i, 1), project_id)
    for i, period in enumerate(periods, start=2):
        safe_cell(ws.cell(i, 2), period)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    return {PROJECT: f"{LISTS_SHEET}!$A$2:$A${len(project_ids) + 1}",
            PERIOD: f"{LISTS_SHEET}!$B$2:$B${len(periods) + 1}"}


def _header(cell, text: str) -> None:
    safe_cell(cell, text)
    cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    cell.alignment = Alignment(wrap_text=True, vertical="top")


def _input(cell, kind: str) -> None:
    cell.protection = Protection(locked=False)
    cell.fill = INPUT_FILL
    cell.number_format = NUMBER_FORMATS.get(kind, "@")


def _protect(ws) -> None:
    """Lock the headers (and labels); input cells were unlocked one by one. Columns stay resizable."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatCells = False


def _project_sheet(wb: Workbook, runtime: Runtime, lists: dict[str, str], project_id: str | None) -> None:
    ws = wb.create_sheet(PROJECT_SHEET.name)
    for j, text in enumerate(PROJECT_COLUMNS, start=1):
        _header(ws.cell(1, j), text)
    for field in PROJECT_SHEET.fields:
        row = PROJECT_SHEET.row_of(field.key)
        safe_cell(ws.cell(row, 1), field.header)
        ws.cell(row, 1).font = Font(bold=True)
        _input(ws.cell(row, 2), field.kind)
        safe_cell(ws.cell(row, 3), field.help_nl + ("" if field.required else " (optioneel)"))
        ws.cell(row, 3).alignment = Alignment(wrap_text=True, vertical="top")
        dv = _validation(field.kind, runtime, lists, field, budget_year=False)
        dv.add(f"B{row}")
        ws.add_data_validation(dv)
    if project_id:
        safe_cell(ws.cell(PROJECT_SHEET.row_of("project_id"), 2), project_id)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["C"].width = 90
    _protect(ws)


def _table_sheet(wb: Workbook, sheet: TableSheet, runtime: Runtime, lists: dict[str, str]) -> None:
    ws = wb.create_sheet(sheet.name)
    last_row = TEMPLATE_ROWS + 1
    for j, field in enumerate(sheet.fields, start=1):
        letter = get_column_letter(j)
        _header(ws.cell(1, j), field.header)
        for row in range(2, last_row + 1):
            _input(ws.cell(row, j), field.kind)
        dv = _validation(field.kind, runtime, lists, field, budget_year=sheet.name == "Budget")
        dv.add(f"{letter}2:{letter}{last_row}")
        ws.add_data_validation(dv)
        ws.column_dimensions[letter].width = 34 if field.kind == TEXT else 16
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"
    _protect(ws)


def template_workbook(runtimes: dict[str, Runtime], project_id: str | None = None) -> Workbook:
    """The empty report workbook; with project_id, that id is filled in and periods follow its runtime."""
    if not runtimes:
        raise EtlError("geen projecten gevonden in de registers; het sjabloon heeft een lijst project-ids nodig")
    if project_id is not None and project_id not in runtimes:
        raise EtlError(f"onbekend project {project_id!r}; bekende ids: {', '.join(sorted(runtimes)[:5])}, ...")
    if project_id:
        runtime = runtimes[project_id]
    else:  # the widest window over all projects, so every project finds its periods
        starts, ends = [r.start for r in runtimes.values()], [r.end for r in runtimes.values()]
        runtime = Runtime(min(starts), max(ends), known=all(r.known for r in runtimes.values()))
    wb = Workbook()
    intro = wb.active
    intro.title = INSTRUCTIONS_SHEET
    for i, line in enumerate(_instructions(runtime.describe()), start=1):
        safe_cell(intro.cell(i, 1), line)
    intro.cell(1, 1).font = Font(bold=True, size=13)
    for i in (4, 10):
        intro.cell(i, 1).font = Font(bold=True)
    intro.column_dimensions["A"].width = 130
    lists = _lists_sheet(wb, sorted(runtimes), runtime.periods())
    _project_sheet(wb, runtime, lists, project_id)
    for sheet in TABLE_SHEETS:
        _table_sheet(wb, sheet, runtime, lists)
    # The hidden lists sheet last, so the visible order reads like the instructions.
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(LISTS_SHEET))
    wb.active = 0
    return wb


def write_template(out: Path, runtimes: dict[str, Runtime], project_id: str | None = None) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    template_workbook(runtimes, project_id).save(out)
    return out
