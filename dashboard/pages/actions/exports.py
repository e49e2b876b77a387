"""The action plan's downloads, all through `ui.downloads.send_table` with the same provenance lines
(what, filters and rows, the counting rule, source and build, licence): the found actions (CSV: the actions;
Excel: the actions and every amount they state) and the figures behind each chart."""
from __future__ import annotations

from dashboard import db
from dashboard import formatting as fmt
from dashboard.i18n import t
from dashboard.pages.actions import view
from dashboard.ui import downloads
from dashboard.ui.downloads import Column, Sheet

# The `source` row of the action plan's register: its licence is the files' licence line.
LICENCE_SOURCE = "register-policy_action"


def _today() -> str:
    return fmt.now().strftime("%Y-%m-%d")


def _with_licence(intro: list[str], lang: str) -> list[str]:
    """The provenance lines with the register's licence after them, as every other export states it."""
    return [*intro, downloads.register_licence(LICENCE_SOURCE, lang)]


def export(text, right, minister, lang: str) -> list[Sheet] | None:
    """[actions sheet, amounts sheet] for the current search; None without a warehouse."""
    try:
        data = view.load()
    except db.WarehouseError:
        return None
    rows = view.found(data, text, right, minister)
    intro = _with_licence(view.intro_lines(t("actions.export_title", lang), text, right, minister, len(rows), data,
                                           lang), lang)
    columns = [Column("action_id", t("actions.col.id", lang)), Column("right_label", t("actions.col.right", lang)),
               Column("minister_name", t("actions.col.minister", lang)),
               Column("minister_name_legend", t("actions.col.minister_legend", lang)),
               Column("cabinet", t("actions.col.cabinet", lang)), Column("title", t("actions.col.title_plain", lang)),
               Column("administration", t("actions.col.administration", lang)),
               Column("budget_text", t("actions.col.budget_text", lang)),
               Column("amounts", t("actions.col.amounts", lang)),
               Column("amount", t("actions.col.amount", lang), "number", 2),
               Column("basis", t("actions.col.basis", lang)),
               Column("evaluation_text", t("actions.col.evaluation", lang)),
               Column("source", t("actions.col.source", lang)), Column("source_lines", t("sources.col.lines", lang))]
    amount_columns = [Column("action_id", t("actions.col.id", lang)),
                      Column("amount_eur", t("actions.col.amount_stated", lang), "number", 2),
                      Column("what", t("actions.col.qualifier", lang)), Column("counts", t("actions.col.counts", lang)),
                      Column("text_fragment", t("actions.col.fragment", lang))]
    return [Sheet(t("actions.sheet.actions", lang), columns, view.action_rows(rows, data, lang), intro=intro),
            Sheet(t("actions.sheet.amounts", lang), amount_columns, view.amount_rows(rows, data, lang), intro=intro)]


def chart_export(chart, text, right, minister, lang: str) -> Sheet | None:
    """The figures behind one chart (per right or per minister); None for an unknown chart or
    without a warehouse."""
    if chart not in view.CHART:
        return None
    try:
        data = view.load()
    except db.WarehouseError:
        return None
    _name, _key, _label, title_key, group_key = view.CHART[chart]
    rows = view.found(data, text, right, minister)
    columns = [Column("code", t("actions.col.code", lang)), Column("label", t(group_key, lang)),
               Column("actions", t("actions.col.actions", lang), "int"),
               Column("with_amount", t("actions.col.with_amount", lang), "int"),
               Column("without_amount", t("actions.col.without_amount", lang), "int"),
               Column("amount", t("actions.col.amount", lang), "number", 2)]
    title = t(title_key, lang)
    return Sheet(title, columns, view.chart_groups(chart, rows, data, lang),
                 intro=_with_licence(view.intro_lines(title, text, right, minister, len(rows), data, lang), lang))


def send_actions(file_format: str, text, right, minister, lang: str) -> dict | None:
    sheets = export(text, right, minister, lang)
    if sheets is None:
        return None
    return downloads.send_table(file_format, sheets, downloads.name_word("action_plan", lang), "2015_2019", _today(),
                                lang=lang)


def send_chart(file_format: str, chart, text, right, minister, lang: str) -> dict | None:
    sheet = chart_export(chart, text, right, minister, lang)
    return None if sheet is None else downloads.send_table(
        file_format, [sheet], downloads.name_word("action_plan", lang), downloads.name_word(f"action_plan.{chart}", lang),
        _today(), lang=lang)
