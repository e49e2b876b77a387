"""The upload page's layout: the frame only. Who is logged in arrives through the login callback, so
the layout holds nothing of a session (Dash caches the first layout it builds for callback validation)."""
from __future__ import annotations

from dash import dcc, html

from dashboard import formatting as fmt
from dashboard.i18n import t

PATH = "/upload"
XLSX_TYPES = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def build(lang: str) -> html.Div:
    return html.Div([
        html.H1(t("upload.title", lang)),
        html.P(t("upload.intro", lang), className="lead"),
        dcc.Store(id="login-lang", data=lang),
        html.Div(id="login-status", className="login-status"),
        html.Div(_upload_panel(lang), id="login-gate", hidden=True),
    ], id="upload-page", className="page upload")


def _upload_panel(lang: str) -> list:
    from etl.config import load_settings  # reads the environment only

    max_bytes = load_settings().reports_max_bytes
    choose = html.Section([
        html.H2(t("upload.choose.title", lang), id="upload-choose-heading"),
        dcc.Upload(
            html.Div([t("upload.drop", lang), " ", html.Span(t("upload.choose", lang), className="upload-choose-link")]),
            id="upload-file", accept=XLSX_TYPES, max_size=max_bytes, multiple=False,
            className="upload-drop", className_active="upload-drop is-active",
        ),
        html.P(t("upload.limits", lang, size=fmt.file_size(max_bytes, lang)), className="section-intro upload-limits"),
        html.P(t("upload.template", lang), className="section-intro"),
    ], id="upload-choose", className="card", **{"aria-labelledby": "upload-choose-heading"})
    return [
        choose,
        dcc.Store(id="upload-validated"),
        dcc.Loading(html.Div(id="upload-report", **{"aria-live": "polite"}), delay_show=300),
        html.Div([
            html.Button(t("upload.load", lang), id="upload-load", type="button", className="button", disabled=True),
            html.P(t("upload.load.help", lang), className="section-intro"),
        ], className="upload-actions"),
        dcc.Loading(html.Div(id="upload-result", **{"aria-live": "polite"}), delay_show=300),
    ]
