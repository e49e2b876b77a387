"""Give dcc.Graph our partial plotly.js bundle instead of Dash's full plotly.min.js, and only on
pages that draw a chart.

The bundle (frontend/: core + the trace types the pages draw, the same plotly.js version as the
Python plotly package) is built by scripts/setup.sh and never committed. It is about 0.86 MB
gzipped against 1.47 MB for the full file.

How: dcc.Graph loads plotly.js lazily, when the first graph mounts: its loader takes
`window.Plotly` if it is there, and otherwise adds a script for `window._dashPlotlyJSURL`, which
Dash's renderer sets (serving locally) to
`<requests_pathname_prefix>_dash-component-suites/plotly/package_data/plotly.min.js`, without a
fingerprint or version (dash-core-components, src/utils/LazyLoader/plotly.js; dash-renderer,
APIController). So the bundle is served at that very path, by a route of its own that Werkzeug
matches before Dash's component-suite route (a static path wins over one with variables): a page
without a graph never fetches or evaluates plotly.js, a page with one fetches it once, also after
client-side navigation. As the URL carries no version, the browser revalidates it (ETag, 304).
Without a usable bundle (not built, or built for another plotly.js than the Python plotly package
draws with) no route is added and Dash serves its full file there as before.
"""
from __future__ import annotations

import gzip
import hashlib
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flask import Response, request

ROOT = Path(__file__).resolve().parent.parent
BUNDLE_PATH = ROOT / "frontend" / "dist" / "plotly-dashboard.min.js"
# Where dcc.Graph asks for plotly.js (see above), under the app's path prefix.
DASH_PLOTLY_ROUTE = "_dash-component-suites/plotly/package_data/plotly.min.js"
# The banner frontend/build.mjs writes on the first line.
VERSION_BANNER = re.compile(rb"^/\*! plotly\.js v(\d+\.\d+\.\d+\S*) ")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Bundle:
    path: Path
    plotly_version: str
    version: str  # the first 16 hex digits of the content's sha256; the ETag
    gzipped: bytes  # gzipped once; Flask-Compress would gzip 2.9 MB again on every request
    size: int


def python_plotlyjs_version() -> str:
    """The plotly.js version the Python plotly package (and so Dash's plotly.min.js) carries."""
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def find_bundle(path: Path | None = None) -> Bundle | None:
    """The built bundle, or None (with the reason logged) when Dash's full file must be used."""
    path = BUNDLE_PATH if path is None else path
    try:
        stat = path.stat()
    except OSError:
        log.info("no partial plotly.js bundle at %s (bash scripts/setup.sh builds it with npm): "
                 "graphs use Dash's full plotly.min.js", path)
        return None
    bundle = _read(path, stat.st_mtime_ns, stat.st_size)
    expected = python_plotlyjs_version()
    if bundle.plotly_version != expected:
        log.warning("the partial plotly.js bundle %s is plotly.js %s, the Python plotly package "
                    "needs %s (pin it in frontend/package.json and rebuild): graphs use Dash's "
                    "full plotly.min.js", path, bundle.plotly_version or "of unknown version", expected)
        return None
    return bundle


@lru_cache(maxsize=4)
def _read(path: Path, _mtime_ns: int, _size: int) -> Bundle:
    """Read and gzip once per file version (the key holds mtime and size; several apps in one
    process, as in the tests, share it)."""
    data = path.read_bytes()
    match = VERSION_BANNER.match(data)
    return Bundle(path=path, plotly_version=match.group(1).decode() if match else "",
                  version=hashlib.sha256(data).hexdigest()[:16],
                  gzipped=gzip.compress(data, compresslevel=9, mtime=0), size=len(data))


def register(app, path: Path | None = None) -> Bundle | None:
    """Serve the bundle where dcc.Graph looks for plotly.js, when there is a usable one. Call
    right after creating the Dash app (before its first request)."""
    bundle = find_bundle(path)
    if bundle is None:
        return None

    def plotly_js():
        # The bytes gzipped above; the rare client without gzip gets them unpacked.
        if "gzip" in request.headers.get("Accept-Encoding", "").lower():
            response = Response(bundle.gzipped, mimetype="text/javascript")
            response.headers["Content-Encoding"] = "gzip"  # Flask-Compress leaves it alone then
        else:
            response = Response(gzip.decompress(bundle.gzipped), mimetype="text/javascript")
        response.headers["Vary"] = "Accept-Encoding"
        response.set_etag(bundle.version + ("-gz" if "Content-Encoding" in response.headers else ""))
        # The URL has no version: cached, but checked with the server before each use, so a
        # rebuilt bundle (or Dash's file once the bundle is gone) is never mixed with an old page.
        response.cache_control.public = True
        response.cache_control.no_cache = True
        response.cache_control.max_age = 0
        return response.make_conditional(request)

    prefix = app.config.routes_pathname_prefix or "/"
    app.server.add_url_rule(f"{prefix}{DASH_PLOTLY_ROUTE}", endpoint="dashboard_plotly_js",
                            view_func=plotly_js, methods=["GET", "HEAD"])
    return bundle
