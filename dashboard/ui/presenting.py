"""Presentation mode (`?present=1`, the class `presenting` on <body>): each page's main chart first and
large, its method text one link away. The rules are in assets/style.css ("presentation mode"); a page
only marks its parts:

- `main(component)`: the page's main chart (or table). In presentation mode its container lays its
  children out in a column with this one first, after the page's title and lead.
- `method(children, element_id, lang)`: how a figure was made. Shown as is on a desk; in
  presentation mode hidden behind a "Method" link that shows it (assets/presenting.js opens it in
  the browser: no callback, no round trip).
"""
from __future__ import annotations

from dash import dcc, html

from dashboard.i18n import t

MAIN = "present-main"
METHOD = "method-fold"  # not "present-method": the shell's link to the data page has that class


def main(component):
    """`component` marked as its page's main chart (a dcc.Loading on its outer box)."""
    attribute = "parent_className" if isinstance(component, dcc.Loading) else "className"
    classes = getattr(component, attribute, None) or ""
    setattr(component, attribute, f"{classes} {MAIN}".strip())
    return component


def method(children, element_id: str, lang: str, **kw) -> html.Div:
    """Method text with the link that shows it in presentation mode; `element_id` names the text.
    The link is a button (it shows, it goes nowhere) that looks like a link."""
    return html.Div([
        html.Button(t("present.method", lang), type="button", className=f"{METHOD}-link",
                    title=t("present.method_hint", lang), **{"aria-expanded": "false", "aria-controls": element_id}),
        html.Div(children, id=element_id, className=f"{METHOD}-text", tabIndex="-1", **kw),
    ], className=METHOD)
