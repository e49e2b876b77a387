"""Callbacks of a page package, declared once and attached to every app.

Dash executes a page's registering file (`pages/<page>/page.py`) again for each new app, but a
module it imports (`callbacks.py`) only once per process; Dash hands the callbacks it has collected
to the first app that starts. So a page package declares its callbacks on a `PageCallbacks` at
module level, exactly like `@callback`, and `page.py` calls `register()` each time it runs:

    # pages/need/callbacks.py
    page = PageCallbacks()

    @page.callback(Output("need-scatter", "figure"), Input("need-measure", "value"))
    def update_scatter(measure): ...

    # pages/need/page.py
    dash.register_page(__name__, path="/behoefte", ...)
    callbacks.page.register()

The functions stay plain module functions, so tests call them directly.
"""
from __future__ import annotations

import dash


class PageCallbacks:
    def __init__(self) -> None:
        self._server: list[tuple[tuple, dict, object]] = []
        self._client: list[tuple[object, tuple, dict]] = []

    def callback(self, *args, **kwargs):
        """Like dash.callback; the function is returned unchanged."""
        def declare(function):
            self._server.append((args, kwargs, function))
            return function

        return declare

    def clientside_callback(self, code, *args, **kwargs) -> None:
        """Like dash.clientside_callback."""
        self._client.append((code, args, kwargs))

    def register(self) -> None:
        """Hand every declared callback to Dash (for the app being created)."""
        for args, kwargs, function in self._server:
            dash.callback(*args, **kwargs)(function)
        for code, args, kwargs in self._client:
            dash.clientside_callback(code, *args, **kwargs)
