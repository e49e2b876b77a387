"""The project page's downloads: the data behind each chart (places, partners, budget, reach,
outcomes) as CSV or Excel, through ui.downloads.send_table, each with the provenance lines every
page's exports carry (what, filters and rows, source and build, when; for outcomes the progress rule).
Scopes in words, the words of the question-28 workbook (etl/exports_texts.toml), never the code."""
from __future__ import annotations

from dashboard import formatting as fmt
from dashboard.i18n import localised, t
from dashboard.pages.project import view
from dashboard.ui import downloads, sources
from etl.exports import texts as workbook_texts

CHARTS = ("places", "partners", "budget", "reach", "outcomes")
REPORTED = ("budget", "reach", "outcomes")  # figures from the project's own monitoring workbooks
OUTCOME_AMOUNTS = ("baseline", "target", "actual")  # an outcome's values in its own unit


def scope_words(scope: str | None, lang: str) -> str | None:
    """A place's scope as the question-28 workbook words it ("deel van de gemeente", "part of the
    municipality"); the code only for a scope that vocabulary lacks."""
    words = workbook_texts().get(lang) or workbook_texts()["nl"]
    return words.get(f"scope.{scope}", scope) if scope else None


def intro(data: dict, chart: str, n: int, lang: str) -> list[str]:
    """Title; the filter (this project) and rows; for outcomes the rule; the source (the project's
    document with its publisher in `lang`, the register, for reported figures the workbooks) and build."""
    project = data["project"]
    document = sources.document_text(project.get("source_doc"), project.get("source_ref"), sources.build_words(), lang)
    source = "; ".join(filter(None, (document if project.get("source_doc") else None, downloads.registers_source(lang),
                                     t("project.export.reports", lang) if chart in REPORTED else None)))
    lines = [t("project.export.title", lang, what=t(f"project.{chart}", lang), name=project["name"]),
             t("project.export.filters", lang, name=project["name"], n=fmt.integer(n, lang))]
    if chart == "outcomes":
        lines.append(t("project.export.progress_rule", lang))
    lines.append(t("project.export.source", lang, source=source,
                   build=(data.get("provenance") or {}).get("build_id") or fmt.MISSING,
                   date=fmt.datetime_text(fmt.now().isoformat(timespec="minutes"), lang)))
    return lines


def export_sheet(data: dict, chart: str, lang: str) -> downloads.Sheet:
    """The data behind one chart as a downloads.Sheet (labels, raw numbers)."""
    C = downloads.Column
    if chart == "places":
        rows = [{"place": view.place_text(pl, lang), "nis": pl["nis_code"], "scope": scope_words(pl["scope"], lang),
                 "sub_area": pl.get("area_label"), "notes": sources.note_text(localised(pl, "notes", lang), sources.build_words(), lang)}
                for pl in data["places"]]
        columns = [C("place", t("project.col.place", lang)), C("nis", t("project.col.nis", lang)),
                   C("scope", t("project.col.scope", lang)), C("sub_area", t("project.col.sub_area", lang)),
                   C("notes", t("project.col.notes", lang))]
    elif chart == "partners":
        rows = view.partner_rows(data, lang)
        columns = [C("name", t("project.col.partner", lang)), C("sector", t("project.col.sector", lang)),
                   C("role", t("project.col.role", lang)), C("shared", t("project.col.shared", lang), "int"),
                   C("other_names", t("project.col.other_projects", lang))]
    elif chart == "budget":
        rows = data["budget"]
        columns = [C("year", t("project.col.year", lang), "year")] + [
            C(k, t(f"project.budget.{k}", lang), "number", 2) for k in view.BUDGET_FIELDS]
    elif chart == "reach":
        rows = [{**r, "measure_label": t(f"project.measure.{r['measure']}", lang)} for r in view.reach_rows(data)]
        columns = [C("period", t("project.col.period", lang)), C("measure_label", t("project.col.measure", lang)),
                   C("value", t("project.col.value", lang), "int")]
    else:
        # rounded to 6 decimals: 0.5125 * 100 is 51.24999... in binary, and 51,25 must round to 51,3
        # baseline, target and actual with the decimals the page shows each (its unit and value)
        rows = [{**r, "progress_pct": round(r["progress"] * 100, 6) if r["progress"] is not None else None,
                 "progress_note": None if r["progress"] is not None else view.progress_text(r, lang),
                 **{f"{k}_decimals": view.amount_decimals(r[k], r["unit"]) for k in OUTCOME_AMOUNTS}}
                for r in view.outcome_rows(data)]
        columns = [C("indicator", t("project.col.indicator", lang)), C("unit", t("project.col.unit", lang)),
                   C("baseline", t("project.col.baseline", lang), "number", decimals_key="baseline_decimals"),
                   C("baseline_year", t("project.col.baseline_year", lang), "year"),
                   C("target", t("project.col.target", lang), "number", decimals_key="target_decimals"),
                   C("target_year", t("project.col.target_year", lang), "year"),
                   C("period", t("project.col.period", lang)),
                   C("actual", t("project.col.actual", lang), "number", decimals_key="actual_decimals"),
                   C("progress_pct", t("project.col.progress_pct", lang), "number", 1),
                   C("progress_note", t("project.col.progress_note", lang))]
    return downloads.Sheet(t(f"project.{chart}", lang), columns, rows, intro=intro(data, chart, len(rows), lang))


def send(data: dict, chart: str, fmt_name: str, lang: str) -> dict:
    """The dcc.Download data of one chart's table: `project_lbn-001_budget.csv` or `.xlsx`."""
    return downloads.send_table(fmt_name, [export_sheet(data, chart, lang)], downloads.name_word("project", lang),
                                data["project"]["project_id"], downloads.name_word(f"project.{chart}", lang), lang=lang)
