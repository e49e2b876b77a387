"""The project page's callbacks: one download callback for every chart's table (CSV or Excel, the
format from the button that was clicked)."""
from __future__ import annotations

from dash import ALL, MATCH, Input, Output, State, ctx, no_update

from dashboard import db
from dashboard.i18n import normalise_lang
from dashboard.pages.project import exports
from dashboard.pages.project.layout import valid_project_id
from dashboard.queries import project as qpr
from dashboard.ui.callbacks import PageCallbacks
from dashboard.ui.downloads import FORMATS

page = PageCallbacks()


@page.callback(Output({"type": "project-download", "chart": MATCH}, "data"),
               Input({"type": "project-export", "chart": MATCH, "format": ALL}, "n_clicks"),
               State("project-id", "data"), State("project-lang", "data"), prevent_initial_call=True)
def download(clicks, project_id, lang):
    trigger = ctx.triggered_id
    if (not isinstance(trigger, dict) or not any(clicks or []) or trigger.get("chart") not in exports.CHARTS
            or trigger.get("format") not in FORMATS):
        return no_update
    try:
        data = qpr.page_data(valid_project_id(project_id))
        # the export reads the register's source row for its provenance line
        return no_update if data is None else exports.send(data, trigger["chart"], trigger["format"],
                                                           normalise_lang(lang))
    except db.WarehouseError:
        return no_update
