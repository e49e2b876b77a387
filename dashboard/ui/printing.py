"""A page's print button: the browser's print dialogue once every chart shows its latest figure.

assets/print_page.js has our plotly.js draw the charts it holds out of sight first (the need page's
map is not drawn at all until it comes near) and prints once plotly's promises of those redraws have
settled. The browser's own print (Ctrl+P) cannot wait: a map never seen before is printed empty.
"""
from __future__ import annotations

from dash import ClientsideFunction, Input, Output, html

from dashboard.ui.callbacks import PageCallbacks


def button(page: str, label: str) -> html.Button:
    return html.Button(label, id=f"{page}-print", type="button", className="button")


def done(page: str) -> html.Div:
    """The print callback's output, never shown."""
    return html.Div(id=f"{page}-print-done", hidden=True)


def register(callbacks: PageCallbacks, page: str) -> None:
    callbacks.clientside_callback(
        ClientsideFunction("printing", "print"),
        Output(f"{page}-print-done", "children"), Input(f"{page}-print", "n_clicks"), prevent_initial_call=True,
    )
