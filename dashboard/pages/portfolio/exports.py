"""The portfolio's downloads: the filtered projects (CSV or Excel, through `ui.downloads.send_table`,
with the filters, row count, source and build as intro lines) and the answer workbook of written
question 28 (`etl.exports.answer_workbook`, through `ui.downloads.send_workbook`)."""
from __future__ import annotations

from dashboard import db
from dashboard import formatting as fmt
from dashboard.i18n import t
from dashboard.pages.portfolio import view
from dashboard.pages.portfolio.view import ALL_PROVINCES
from dashboard.queries import portfolio as qp
from dashboard.queries.status import latest_build
from dashboard.ui import downloads, sources
from etl.exports import answer_workbook

PROJECT_COLUMNS = (
    ("name", "portfolio.col.name", "text"), ("programme", "portfolio.col.programme", "text"),
    ("province", "portfolio.col.province", "text"), ("province_listed", "portfolio.col.province_listed", "text"),
    ("places", "portfolio.col.places", "text"), ("themes", "portfolio.col.themes", "text"),
    ("lead", "portfolio.col.lead", "text"), ("partners", "portfolio.col.partners", "int"),
    ("sectors", "portfolio.col.sectors", "text"), ("website", "portfolio.col.website", "text"),
    # the document by title, publisher and address, the place in it (page number when known); our own
    # line numbers in the stored text mean nothing to a reader and stay out of the export
    ("source", "portfolio.col.source_ref", "text"),
)


def _today() -> str:
    return fmt.now().strftime("%Y-%m-%d")


def export_projects(chosen: dict, lang: str) -> downloads.Sheet | None:
    """The filtered projects as a sheet whose intro states the view (title, filters, rows, source
    and build); None without a warehouse."""
    try:
        data = view.load()
    except db.WarehouseError:
        return None
    chosen = {k: v for k, v in chosen.items() if v}
    rows = view.project_rows(view.filter_projects(data["projects"], **chosen), data, lang)
    build = data.get("build") or {}
    intro = [
        t("portfolio.export_title", lang),
        t("portfolio.export_filters", lang, filters=view.filters_text(chosen, data, lang)),
        t("portfolio.export_rows", lang, n=len(rows)),
        t("portfolio.export_source", lang, source=downloads.registers_source(lang), build=build.get("build_id") or "?",
          date=fmt.datetime_text(fmt.now().isoformat(timespec="minutes"), lang)),
    ]
    columns = [downloads.Column(key, t(label, lang), kind) for key, label, kind in PROJECT_COLUMNS]
    return downloads.Sheet(t("portfolio.sheet.projects", lang), columns, rows, intro=intro)


def send_projects(file_format: str, chosen: dict, lang: str) -> dict | None:
    """The dcc.Download data of the filtered projects as `csv` or `xlsx`; None without a warehouse."""
    sheet = export_projects(chosen, lang)
    if sheet is None:
        return None
    return downloads.send_table(file_format, [sheet], downloads.name_word("projects", lang), _today(), lang=lang)


def wq28_answer(province: str | None, lang: str = "nl"):
    """The answer workbook of written question 28 (sheets per province, per municipality, sources) in
    the page's language, the municipalities of `province` only (None or ALL_PROVINCES: all); None
    without a warehouse."""
    chosen = None if not province or province == ALL_PROVINCES else province
    try:
        with db.reader() as r:
            return answer_workbook(qp.wq28_summary(r), qp.wq28_municipalities(r, chosen), latest_build(r), lang,
                                   sources.words_of(r))
    except db.WarehouseError:
        return None


def send_wq28(province: str | None, lang: str = "nl") -> dict | None:
    workbook = wq28_answer(province, lang)
    if workbook is None:
        return None
    chosen = "" if not province or province == ALL_PROVINCES else province
    return downloads.send_workbook(workbook, downloads.name_word("written_question_28", lang), chosen, _today())
