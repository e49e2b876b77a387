"""The partial plotly.js bundle (frontend/, dashboard/plotly_bundle.py): pinned to the plotly.js
of the Python plotly package, registering exactly the trace types the pages draw, served where
dcc.Graph asks for plotly.js (so a page without a chart never loads it) instead of Dash's full
plotly.min.js when built, and Dash's file again when it is not (or is built for another plotly.js).
The last tests load pages in headless Chromium and read the server's request log: a page without a
chart fetches no plotly.js, the map gets ours (its map traces registered as it draws), and without
a bundle Dash's full file.

Tests that need the real built bundle skip when it is missing (bash scripts/setup.sh builds it
when node and npm are there, as on CI); the others use a stand-in file with the same banner."""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import socket
import subprocess
from pathlib import Path

import plotly
import pytest
from flask import request

from dashboard import plotly_bundle

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "frontend"
ENTRY = FRONTEND / "src" / "plotly-dashboard.js"
DASH_PLOTLY = "/_dash-component-suites/plotly/package_data/plotly.min.js"
NPM_HERE = bool(shutil.which("node") and shutil.which("npm"))
# Skipped only where setup cannot build the bundle; with node and npm (as on CI) a missing
# bundle fails these tests.
NEEDS_BUILD = pytest.mark.skipif(
    not plotly_bundle.BUNDLE_PATH.is_file() and not NPM_HERE,
    reason="no node/npm here, so frontend/dist/plotly-dashboard.min.js is not built (scripts/setup.sh builds it)")
BUILD_IT = "node and npm are here but the bundle is not built: bash frontend/build.sh (scripts/setup.sh runs it)"


def page_scripts(app) -> list[str]:
    html = app.server.test_client().get("/").get_data(as_text=True)
    return re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)


def stand_in_bundle(folder: Path, version: str) -> Path:
    """A small file that starts like a built bundle (the banner build.mjs writes)."""
    path = folder / "plotly-dashboard.min.js"
    path.write_text(f"/*! plotly.js v{version} (partial: scatter) for the Kinderarmoedemonitor */\n"
                    "var Plotly = {stand_in: true};\n")
    return path


# ------------------------------------------------------------------ pinning and traces

def test_frontend_pins_the_plotlyjs_of_the_python_package():
    wanted = plotly_bundle.python_plotlyjs_version()
    package = json.loads((FRONTEND / "package.json").read_text())
    lock = json.loads((FRONTEND / "package-lock.json").read_text())
    assert package["devDependencies"]["plotly.js"] == wanted, "pin plotly.js exactly, as the Python package bundles it"
    assert lock["packages"]["node_modules/plotly.js"]["version"] == wanted
    assert lock["packages"][""]["devDependencies"] == package["devDependencies"], "package-lock.json is stale: npm install"


def registered_traces() -> set[str]:
    names = set(re.findall(r"require\('plotly\.js/lib/(\w+)'\)", ENTRY.read_text()))
    assert "core" in names, "the entry must start from plotly.js/lib/core"
    return names - {"core"}


def drawn_traces() -> dict[str, set[str]]:
    """Trace types in dashboard/: figure dicts ("type": "bar"), go.Bar(...), px.<function>."""
    import plotly.graph_objects as go
    from plotly.basedatatypes import BaseTraceType

    trace_classes = {name: name.lower() for name in dir(go)
                     if isinstance(getattr(go, name), type) and issubclass(getattr(go, name), BaseTraceType)}
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "dashboard").rglob("*.py")):
        text = path.read_text()
        names = {m for m in re.findall(r"""["']type["']\s*:\s*["'](\w+)["']|\btype\s*=\s*["'](\w+)["']""", text)
                 for m in m if m} & set(trace_classes.values())
        names |= {trace_classes[m] for m in re.findall(r"\bgo\.(\w+)\(", text) if m in trace_classes}
        express = set(re.findall(r"\bpx\.(\w+)\(", text))
        assert not express, f"{path.name} uses plotly.express ({sorted(express)}): name its trace types here"
        for name in names:
            found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def test_bundle_registers_exactly_the_trace_types_the_dashboard_draws():
    drawn, registered = drawn_traces(), registered_traces()
    # what this test finds today; a miss here means the scan above went blind
    assert {"scatter", "bar", "choroplethmap"} <= set(drawn)
    missing = set(drawn) - registered
    assert not missing, (f"drawn but not in {ENTRY.relative_to(ROOT)} (graphs of this type stay empty): "
                         + ", ".join(f"{t} ({', '.join(sorted(drawn[t]))})" for t in sorted(missing)))
    unused = registered - set(drawn)
    assert not unused, f"registered but drawn nowhere (drop them, they cost bytes): {sorted(unused)}"


@NEEDS_BUILD
def test_built_bundle_is_the_pinned_version_with_those_traces():
    assert plotly_bundle.BUNDLE_PATH.is_file(), BUILD_IT
    bundle = plotly_bundle.find_bundle()
    assert bundle is not None and bundle.plotly_version == plotly_bundle.python_plotlyjs_version()
    head = plotly_bundle.BUNDLE_PATH.read_bytes()[:300].decode()
    assert set(re.search(r"\(partial: ([\w, ]+)\)", head).group(1).split(", ")) == registered_traces(), \
        "the bundle is older than src/plotly-dashboard.js: bash frontend/build.sh"
    assert "var Plotly=" in head  # a classic script defining the global dcc.Graph looks for
    full = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()
    assert len(bundle.gzipped) < 0.65 * len(gzip.compress(full, compresslevel=9)), "hardly smaller than Dash's file"


def test_build_script_without_node_says_so_and_fails(tmp_path):
    """scripts/setup.sh then prints its fallback warning and goes on (the app uses Dash's file)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "dirname").symlink_to(shutil.which("dirname"))
    done = subprocess.run([shutil.which("bash"), str(FRONTEND / "build.sh")], capture_output=True, text=True,
                          env={"PATH": str(bin_dir)}, timeout=60)
    assert done.returncode != 0
    assert "node not found" in done.stderr
    setup = (ROOT / "scripts" / "setup.sh").read_text()
    assert "if ! bash frontend/build.sh; then" in setup and "falls back" in setup


# ------------------------------------------------------------------ the page

def test_the_bundle_is_served_where_dcc_graph_asks_and_not_put_in_the_page(monkeypatch, tmp_path):
    from dashboard.app import create_app

    path = stand_in_bundle(tmp_path, plotly_bundle.python_plotlyjs_version())
    monkeypatch.setattr(plotly_bundle, "BUNDLE_PATH", path)
    app = create_app()
    # only dcc.Graph's loader fetches plotly.js, when a graph mounts
    assert not [s for s in page_scripts(app) if "plotly" in s.lower()]

    client = app.server.test_client()
    zipped = client.get(DASH_PLOTLY, headers={"Accept-Encoding": "gzip"})
    assert zipped.status_code == 200 and zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == path.read_bytes()  # ours, not Dash's file
    assert zipped.mimetype == "text/javascript"
    # the loader's URL has no version: cached, but revalidated before each use
    assert "no-cache" in zipped.headers["Cache-Control"] and "immutable" not in zipped.headers["Cache-Control"]
    assert zipped.headers["ETag"] == f'"{hashlib.sha256(path.read_bytes()).hexdigest()[:16]}-gz"'
    plain = client.get(DASH_PLOTLY)
    assert plain.data == path.read_bytes() and "Content-Encoding" not in plain.headers
    again = client.get(DASH_PLOTLY, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    assert client.head(DASH_PLOTLY, headers={"Accept-Encoding": "gzip"}).status_code == 200
    # Dash's other component files are still Dash's
    assert client.get("/_dash-component-suites/dash/dcc/async-graph.js").status_code == 200


def test_without_a_bundle_the_page_falls_back_to_dash_plotly(monkeypatch, tmp_path):
    from dashboard.app import create_app

    monkeypatch.setattr(plotly_bundle, "BUNDLE_PATH", tmp_path / "not-built.min.js")
    app = create_app()
    assert not [s for s in page_scripts(app) if "plotly" in s.lower()]
    # what dcc.Graph then fetches itself
    full = app.server.test_client().get(DASH_PLOTLY)
    assert full.status_code == 200 and full.data.startswith(b"/**\n* plotly.js v")


def test_a_bundle_of_another_plotlyjs_is_not_used(monkeypatch, tmp_path, caplog):
    from dashboard.app import create_app

    monkeypatch.setattr(plotly_bundle, "BUNDLE_PATH", stand_in_bundle(tmp_path, "0.0.1"))
    with caplog.at_level("WARNING", logger="dashboard.plotly_bundle"):
        app = create_app()
    assert app.server.test_client().get(DASH_PLOTLY).data.startswith(b"/**\n* plotly.js v")
    assert "plotly.js 0.0.1" in caplog.text and plotly_bundle.python_plotlyjs_version() in caplog.text


# ------------------------------------------------------------------ in the browser

@pytest.fixture
def chromium(dash_thread_server, tmp_path):
    """dash_duo with the Chromium settings of tests/browser (their conftest hook only applies
    to tests in that folder)."""
    from dash.testing.composite import DashComposite

    from tests.browser.conftest import CHROMIUM, pytest_setup_options

    if not Path(CHROMIUM).exists() or not shutil.which("chromedriver"):
        pytest.skip("Chromium and chromedriver are not installed (bash scripts/setup.sh --test)")
    # a list, as dash_duo gets it from the hook
    with DashComposite(server=dash_thread_server, browser="chrome", options=[pytest_setup_options()],
                       download_path=str(tmp_path)) as duo:
        yield duo


def serve(duo, monkeypatch, bundle_path: Path, path: str = "/") -> list[str]:
    """Serve the app with the given bundle path and open `path`; the paths the server is asked
    for, in order (the list grows as the page goes on)."""
    from dashboard.app import create_app

    monkeypatch.setattr(plotly_bundle, "BUNDLE_PATH", bundle_path)
    app = create_app()
    asked: list[str] = []
    app.server.before_request(lambda: asked.append(request.path))
    with socket.socket() as s:  # a free port (8050 may be a running dev server)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    duo.start_server(app, navigate=False, port=port)  # not to "/" first: only `path` is loaded
    duo.wait_for_page(url=f"{duo.server.url}{path}")
    return asked


def wait_for_the_map(duo) -> None:
    from tests.browser.helpers import wait_until

    wait_until(duo, lambda: duo.driver.execute_script("""
        const gd = document.querySelector('#map-graph .js-plotly-plot');
        return !!(gd && gd._fullLayout && gd._fullLayout.map && gd._fullData.length
                  && gd._fullData[0].type === 'choroplethmap' && gd._fullData[0].locations.length
                  && document.querySelector('#map-graph canvas.maplibregl-canvas'));
    """), "the map was not drawn")


def plotly_traces(duo) -> list[str]:
    return sorted(duo.driver.execute_script("return Object.keys(window.Plotly.PlotSchema.get().traces)"))


def plotly_fetched(duo) -> list[str]:
    """The plotly.js files the browser fetched for this document."""
    return [u for u in duo.driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
            if "plotly" in u.lower() and u.split("?")[0].endswith(".js")]


# The start of an async script: `done`, and `div`, an empty graph element at the window's top left (in
# sight, so our plotly.js never holds its redraws).
IN_SIGHT_GRAPH = """
        const done = arguments[arguments.length - 1];
        const div = document.createElement('div');
        div.style.width = '400px'; div.style.height = '300px';
        div.style.position = 'fixed'; div.style.top = '0'; div.style.left = '0';
        document.body.appendChild(div);
"""


@pytest.mark.browser
@NEEDS_BUILD
def test_browser_loads_the_bundle_only_when_a_chart_is_drawn(chromium, synthetic_warehouse, monkeypatch):
    from tests.browser.helpers import wait_for_callbacks

    assert plotly_bundle.BUNDLE_PATH.is_file(), BUILD_IT
    asked = serve(chromium, monkeypatch, plotly_bundle.BUNDLE_PATH, "/status")
    wait_for_callbacks(chromium)
    # a page without a chart: no plotly.js fetched or evaluated
    assert not [p for p in asked if "plotly" in p.lower()]
    assert plotly_fetched(chromium) == []
    assert chromium.driver.execute_script("return typeof window.Plotly") == "undefined"

    # to the map the way a link in the page goes (dcc.Link): dcc.Graph's loader fetches ours
    chromium.driver.execute_script("""
        window.history.pushState({}, '', '/');
        window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
    """)
    wait_for_the_map(chromium)
    assert [p for p in asked if "plotly" in p.lower()] == [DASH_PLOTLY]
    assert [u.split("?")[0].removeprefix(chromium.server.url) for u in plotly_fetched(chromium)] == [DASH_PLOTLY]
    # ours (the full file has pie too), with the map traces registered as the map was drawn
    assert plotly_traces(chromium) == ["bar", "choroplethmap", "scatter"]
    # Belgian number notation comes from layout.separators (no plotly locale is registered)
    ticks = chromium.driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const div = document.createElement('div');
        div.style.width = '400px'; div.style.height = '300px';
        document.body.appendChild(div);
        Plotly.newPlot(div, [{type: 'bar', x: ['a', 'b'], y: [1000.5, 1500.5]}],
                       {separators: ',.', yaxis: {range: [1000, 1600], tickformat: ',.1f'}})
            .then(() => done(Array.from(div.querySelectorAll('.ytick text')).map(t => t.textContent)));
    """)
    assert "1.200,0" in ticks, ticks
    # A graph's first Plotly.react (what dcc.Graph calls) draws in a task of its own, so graphs waiting
    # for plotly.js are not all drawn in the task that evaluates it; a call made on that graph meanwhile
    # is made after the draw (a relayout before it would be lost: the react's layout has no title); a
    # drawn graph's react is plotly's own, at once (the graph in sight: one far below the window waits
    # for it, tests/browser/test_need_browser.py); an element taken out of the page is not drawn
    drawn = chromium.driver.execute_async_script(IN_SIGHT_GRAPH + """
        const gone = document.createElement('div');
        const left = document.createElement('div');  // purged at once, as dcc.Graph does when its page is left
        left.style.width = '400px'; left.style.height = '300px';
        document.body.appendChild(left);
        const first = Plotly.react(div, [{type: 'bar', y: [1, 2]}]);
        const atOnce = div.classList.contains('js-plotly-plot');
        const after = Plotly.relayout(div, {'title.text': 'after'});
        Plotly.react(left, [{type: 'bar', y: [1, 2]}]);
        const purged = Plotly.purge(left);
        Promise.all([first, after, Plotly.Plots.resize(div), Plotly.react(gone, [{type: 'bar', y: [1]}]), purged]).then(() => {
            Plotly.react(div, [{type: 'bar', y: [3, 4, 5]}], div.layout);
            setTimeout(() => done([atOnce, div.layout.title.text, div.data[0].y.length,
                                   gone.classList.contains('js-plotly-plot'), left._fullLayout === undefined]), 300);
        }, err => done(String(err)));
    """)
    # a purge made while a first draw waits runs once that draw has finished: purged in the middle of
    # it, plotly's last step read the removed layout (an uncaught TypeError in the browser's log)
    assert drawn == [False, "after", 3, False, True], drawn
    # ... and so does a purge made while a drawn graph's redraw is under way (dcc.Graph purges the graphs
    # of a page left in the page; a chart let go as it came into sight may be redrawing then): purged
    # in the middle, the redraw failed ("Cannot read properties of undefined (reading '_rehover')")
    order = chromium.driver.execute_async_script(IN_SIGHT_GRAPH + """
        const order = [];
        Plotly.react(div, [{type: 'bar', y: [1, 2]}]).then(() => {
            const redrawn = Plotly.react(div, [{type: 'bar', y: [3, 4, 5]}])
                .then(() => order.push('redrawn'), err => order.push('redraw failed: ' + err));
            const purged = Promise.resolve(Plotly.purge(div)).then(() => order.push('purged'));
            Promise.all([redrawn, purged]).then(() => done(order.concat([div._fullLayout === undefined])));
        }, err => done(String(err)));
    """)
    assert order == ["redrawn", "purged", True], order
    assert chromium.get_logs() == []


@pytest.mark.browser
def test_browser_draws_the_map_with_dash_plotly_without_a_bundle(
        chromium, synthetic_warehouse, monkeypatch, tmp_path):
    asked = serve(chromium, monkeypatch, tmp_path / "not-built.min.js")
    wait_for_the_map(chromium)
    assert DASH_PLOTLY in asked
    assert "pie" in plotly_traces(chromium)  # the full plotly.js
    assert chromium.get_logs() == []
