"""Serve the GeoJSON layers the ETL writes into GEO_DIR at `/geo/<name>.geojson`.

Only plain `*.geojson` file names from that one folder are served (no sub-folders, no other
types); send_from_directory guards the path as well. Caching: with `?v=<version>` (for example
the layer's sha256 from the geo_layer table) the response is immutable for a year; without it
the browser must revalidate (ETag / Last-Modified, so an unchanged file costs a 304), because
a new build replaces files under the same name. Pages put a layer in a figure by `layer_url`.
"""
from __future__ import annotations

import re

import dash
from flask import abort, request, send_from_directory

from dashboard.db import geo_dir
from dashboard.ui.maps import layer_path

GEO_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,120}\.geojson")
MIMETYPE = "application/geo+json"
IMMUTABLE_SECONDS = 365 * 24 * 3600


def geo_url(file_name: str, version: str | None = None, prefix: str = "/") -> str | None:
    """The URL of a layer (None when the name is not one we would serve)."""
    if not GEO_NAME.fullmatch(file_name or ""):
        return None
    return f"{prefix}geo/{file_name}" + (f"?v={version}" if version else "")


def layer_url(layer: dict | None) -> str | None:
    """The URL (prefix-aware, versioned by its sha256) of a `geo_layer` row ({file_name, sha256}),
    None when the build wrote no file for it."""
    if layer_path(layer) is None:
        return None
    return geo_url(layer["file_name"], layer["sha256"], dash.get_relative_path("/"))


def register_geo_route(app) -> None:
    server = app.server
    prefix = app.config.routes_pathname_prefix or "/"

    def geojson(filename: str):
        if not GEO_NAME.fullmatch(filename):
            abort(404)
        response = send_from_directory(geo_dir(), filename, mimetype=MIMETYPE, conditional=True)
        if request.args.get("v"):
            response.cache_control.public = True
            response.cache_control.max_age = IMMUTABLE_SECONDS
            response.cache_control.immutable = True
        else:
            response.cache_control.public = True
            response.cache_control.no_cache = True
            response.cache_control.max_age = 0
        if response.status_code == 200:
            # Read the file into the response so Flask-Compress can gzip it with a length
            # (it only streams with other algorithms); layers are a few MB at most.
            response.direct_passthrough = False
            response.make_sequence()
        return response

    server.add_url_rule(f"{prefix}geo/<path:filename>", endpoint="dashboard_geojson",
                        view_func=geojson, methods=["GET", "HEAD"])
