"""HTTP 404 for an address no page claims. Dash answers every unknown path with its index (the
not-found page is drawn in the browser, pages/not_found_404.py), so a link checker or a search
engine would see 200; this hook sets the status of that answer, and only of that answer: Dash's
own routes (_dash-*, assets), /geo, /login and any other Flask route keep theirs.

Flask-Compress compresses only 2xx answers (flask_compress.Compress.after_request skips any other
status), so the status is set last, after it compressed the index: the 404 goes out as small as any
page (the index's ~100 kB of HTML, a sixth of that with brotli), with the security headers every
answer gets."""
from __future__ import annotations

import flask
from dash import Dash
from dash._pages import _path_to_page  # Dash's own matching of a path to a page (paths and templates)


def is_page_path(app: Dash, path: str) -> bool:
    """Whether Dash's page router shows a registered page at `path` (not its not-found page)."""
    relative = app.strip_relative_path(path) or ""
    found, _variables = _path_to_page(relative.strip("/"))
    return bool(found)


def install(app: Dash) -> None:
    """After Dash served its index for a GET, 404 when no page is registered for the path."""
    server = app.server

    def not_found_status(response: flask.Response) -> flask.Response:
        request = flask.request
        served_by_index = server.view_functions.get(request.endpoint) == app.index
        if (served_by_index and response.status_code == 200 and request.method in ("GET", "HEAD")
                and not is_page_path(app, request.path)):
            response.status_code = 404
        return response

    # Flask runs after_request functions in reverse order of registration: first in the list runs
    # last, after Flask-Compress (registered by Dash) and the security headers (serving.install).
    server.after_request_funcs.setdefault(None, []).insert(0, not_found_status)
