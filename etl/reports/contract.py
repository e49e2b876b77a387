"""The contract of a project report workbook: which sheets, which columns, which kind of value.

One declaration serves the template writer (headers, data validation, input messages), the
validator (what each cell must hold) and the loader (which warehouse column a cell feeds). The
warehouse tables these sheets feed are declared in etl/tables.py (project_budget, project_reach,
project_outcome, report).

Layout: the sheet `Project` is a form (labels in column A, values in column B); the sheets
`Budget`, `Bereik` and `Resultaten` are tables with their headers in row 1 and one record per
row from row 2. Cell references in messages are therefore the cells the user sees.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

TEMPLATE_VERSION = "1"
NOT_REPORTED_NL = "niet gerapporteerd"  # what the dashboard shows where no workbook gave a figure

# Kinds of cell value. The validator and the template's data validation both follow them.
YEAR = "year"          # whole number, a calendar year
PERIOD = "period"      # 2024, 2024-H1 or 2024-H2
AMOUNT = "amount"      # euro, >= 0, decimals allowed
COUNT = "count"        # whole number >= 0
NUMBER = "number"      # any number (baselines, targets, actuals may be negative changes)
TEXT = "text"
DATE = "date"
PROJECT = "project"    # a project id of the registers

EXPECTED_NL = {
    YEAR: "een jaartal (geheel getal, bv. 2024)",
    PERIOD: "een periode: jaar (2024) of halfjaar (2024-H1, 2024-H2)",
    AMOUNT: "een bedrag in euro: getal van 0 of meer",
    COUNT: "een aantal: geheel getal van 0 of meer",
    NUMBER: "een getal",
    TEXT: "tekst",
    DATE: "een datum (dd-mm-jjjj)",
    PROJECT: "een project-id uit de lijst (bv. lbn-001)",
}

MAX_TEXT_LENGTH = 200
MAX_UNIT_LENGTH = 40  # a unit is a word or two (aantal, %, euro per kind); it shows beside every figure
# Rows per table sheet: a report has a handful. The template's data validation covers exactly
# these rows and locks the rest, and the loader refuses more, so both tell the same limit.
MAX_DATA_ROWS = 200
TEMPLATE_ROWS = MAX_DATA_ROWS
# Plausibility bounds, shared by the template's data validation and the loader. A whole
# programme is 7 million euro and a project at most 200,000 euro, so more than 100 million euro
# on one row is a typing slip (an extra digit group), as is more than a million children or
# families in one project (Flanders and Brussels count about 1.6 million children).
MAX_AMOUNT_EURO = 100_000_000
MAX_COUNT = 1_000_000
MAX_ABS_NUMBER = 1_000_000_000_000
YEAR_MIN, YEAR_MAX = 2000, 2100      # baseline and target years; budget years follow the runtime
REPORT_DATE_MIN = date(2023, 1, 1)   # the call of the networks opened in 2023; no report is older


@dataclass(frozen=True)
class Field:
    key: str        # column name in the parsed frame / warehouse
    header: str     # Dutch label as the workbook shows it
    kind: str
    required: bool
    help_nl: str    # input message in the template and line in the instructions
    max_length: int = MAX_TEXT_LENGTH  # characters, for text cells


@dataclass(frozen=True)
class FormSheet:
    """A sheet of label/value pairs: labels in column A, values in column B, from FIRST_ROW."""
    name: str
    fields: tuple[Field, ...]
    first_row: int = 2

    def row_of(self, key: str) -> int:
        return self.first_row + [f.key for f in self.fields].index(key)


@dataclass(frozen=True)
class TableSheet:
    """A sheet of records: headers in row 1, one record per row from row 2."""
    name: str
    table: str                  # the warehouse table it feeds
    fields: tuple[Field, ...]
    key: tuple[str, ...]        # a record must be unique on these fields
    title_nl: str


PROJECT_COLUMNS = ("Gegeven", "Waarde", "Toelichting")  # headers of the Project form: label, value, help

PROJECT_SHEET = FormSheet("Project", (
    Field("project_id", "Project-id", PROJECT, True, "Kies uw project uit de lijst (lbn-001 ... lbn-048)."),
    Field("period", "Rapportageperiode", PERIOD, True,
          "Kies de periode waarover u rapporteert: een jaar (2024) of een halfjaar (2024-H1 = januari-juni, 2024-H2 = juli-december)."),
    Field("contact", "Contactpersoon", TEXT, True, "Naam (en e-mailadres) van wie de cijfers kan toelichten."),
    Field("report_date", "Datum", DATE, True, "Datum waarop u dit rapport invult (dd-mm-jjjj)."),
))

BUDGET_SHEET = TableSheet("Budget", "project_budget", (
    Field("year", "Jaar", YEAR, True, "Het begrotingsjaar (bv. 2024), binnen de looptijd van het project."),
    Field("granted", "Toegekend (euro)", AMOUNT, True, "Toegekende projectsubsidie voor dit jaar, in euro."),
    Field("paid", "Uitbetaald (euro)", AMOUNT, False,
          "Wat de overheid van dat bedrag al uitbetaalde, in euro; niet meer dan toegekend."),
    Field("spent", "Uitgegeven (euro)", AMOUNT, False, "Wat het project van de subsidie uitgaf, in euro; niet meer dan toegekend."),
    Field("cofinancing", "Cofinanciering (euro)", AMOUNT, False, "Middelen van partners of het lokaal bestuur bovenop de subsidie, in euro."),
    Field("investment", "Investeringssubsidie (euro)", AMOUNT, False, "De optionele investeringssubsidie voor dit jaar, in euro."),
), key=("year",), title_nl="Budget per jaar")

REACH_MEASURES = ("children_reached", "families_reached", "schools_involved", "partners_active", "volunteers")
AGE_BANDS = ("children_0_2", "children_3_5", "children_6_11", "children_12_17")

REACH_SHEET = TableSheet("Bereik", "project_reach", (
    Field("period", "Periode", PERIOD, True, "De periode van deze cijfers: 2024, 2024-H1 of 2024-H2."),
    Field("children_reached", "Kinderen bereikt", COUNT, False, "Aantal verschillende kinderen dat het project bereikte."),
    Field("families_reached", "Gezinnen bereikt", COUNT, False, "Aantal verschillende gezinnen."),
    Field("schools_involved", "Scholen betrokken", COUNT, False, "Aantal scholen dat meewerkte."),
    Field("partners_active", "Partners actief", COUNT, False, "Aantal partnerorganisaties dat actief meewerkte."),
    Field("volunteers", "Vrijwilligers", COUNT, False, "Aantal vrijwilligers."),
    Field("children_0_2", "Kinderen 0-2 jaar", COUNT, False, "Optioneel: bereikte kinderen van 0 tot en met 2 jaar."),
    Field("children_3_5", "Kinderen 3-5 jaar", COUNT, False, "Optioneel: bereikte kinderen van 3 tot en met 5 jaar."),
    Field("children_6_11", "Kinderen 6-11 jaar", COUNT, False, "Optioneel: bereikte kinderen van 6 tot en met 11 jaar."),
    Field("children_12_17", "Kinderen 12-17 jaar", COUNT, False, "Optioneel: bereikte kinderen van 12 tot en met 17 jaar."),
), key=("period",), title_nl="Bereik per periode")

OUTCOME_SHEET = TableSheet("Resultaten", "project_outcome", (
    Field("indicator", "Resultaatindicator", TEXT, True, "Naam van de resultaatindicator, bv. 'Kinderen met een vaste vrijetijdsactiviteit'."),
    Field("unit", "Eenheid", TEXT, True, "Eenheid van de waarden: aantal, %, euro, ...", MAX_UNIT_LENGTH),
    Field("baseline", "Basiswaarde", NUMBER, False, "Waarde bij de start (nulmeting)."),
    Field("baseline_year", "Basisjaar", YEAR, False, "Jaar van de basiswaarde; verplicht als u een basiswaarde geeft."),
    Field("target", "Streefwaarde", NUMBER, False, "De waarde die het project wil bereiken."),
    Field("target_year", "Streefjaar", YEAR, False,
          "Jaar waarin de streefwaarde bereikt moet zijn; verplicht bij een streefwaarde; niet voor het basisjaar."),
    Field("period", "Periode", PERIOD, True, "De periode van de gerealiseerde waarde: 2024, 2024-H1 of 2024-H2."),
    Field("actual", "Gerealiseerd", NUMBER, True, "De gemeten waarde in die periode."),
), key=("indicator", "period"), title_nl="Resultaten per indicator en periode (zoals het IATI-resultatenkader)")

TABLE_SHEETS = (BUDGET_SHEET, REACH_SHEET, OUTCOME_SHEET)
INSTRUCTIONS_SHEET = "Instructies"
LISTS_SHEET = "Lijsten"    # hidden: the dropdown lists (project ids, periods)
REQUIRED_SHEETS = (PROJECT_SHEET.name,) + tuple(s.name for s in TABLE_SHEETS)
OPTIONAL_SHEETS = (INSTRUCTIONS_SHEET, LISTS_SHEET)

# Paired fields of an outcome: a value without its year (or the reverse) cannot be charted.
OUTCOME_PAIRS = (("baseline", "baseline_year"), ("target", "target_year"))
# Units a percentage-formatted cell may carry: Excel keeps 10 % as 0.1, read back as 10.
PERCENT_UNITS = ("%", "procent", "percent", "pct")
# Fields that describe the indicator itself: the same on every row of one indicator.
OUTCOME_INDICATOR_FIELDS = ("unit", "baseline", "baseline_year", "target", "target_year")
