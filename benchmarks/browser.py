"""How the dashboard feels in the browser: every page opened in headless Chromium against the real
server on a built warehouse, and the slowest interactions.

    WAREHOUSE_PATH=data/warehouse.duckdb GEO_DIR=geo python benchmarks/browser.py [--lang nl|en|both] [--workers N]

Without a built warehouse at WAREHOUSE_PATH (default data/warehouse.duckdb) and SOURCE_MIRROR set, the
warehouse is first built from the mirror into a temporary folder (a few minutes).

The server is the production one (`python -m dashboard`, gunicorn) on a free port of 127.0.0.1, stopped at
the end. The browser is Debian's /usr/bin/chromium through selenium, with the flags of the browser tests
(tests/browser/conftest.py): it can reach nothing but this machine, so nothing is fetched at run time.

Per page (cache cleared before each, so a first visit) and per interaction it prints:
- `longest task`: the longest main-thread task (Long Tasks API, every task over 50 ms is one), and how
  many there were; target (issue 14): no task over 200 ms while loading;
- `settled`: from the start of the navigation (or of the interaction) to the moment Dash has no
  callback queued or running and the next frame after that is drawn; target for interactions: 1 s;
- `bytes`: bytes transferred (HTTP transfer sizes of the document, scripts, styles, data and
  callback responses, as the Resource Timing API reports them);
- `work`: the renderer's work in thousands of component updates (see PROBE). Dash's renderer re-runs
  a selector in every mounted component on every store update, and (Dash 4.2-4.4, plotly/dash#3846,
  hence the 4.1.0 pin in pyproject.toml) every component a callback returns adds an update when it
  mounts, so the cost grows with (components returned) x (components on the page). Unlike the times,
  this figure does not change with the machine's load, so it compares runs on a busy machine.
- `cpu`: the page's main thread CPU time (Chrome's TaskDuration in thread time, DevTools Performance
  domain): all the renderer's work, scripts, style, layout and paint, in ms of CPU rather than of the
  clock, so it too compares runs on a busy machine (less exactly than `work`: caches and frequency
  still vary).
- `cpu task`: the longest main-thread task in CPU time (thread duration of the renderer's top-level
  tasks in Chrome's trace, read through chromedriver's performance log): what `longest task` would be
  on an idle machine, where the clock time of a task is its CPU time, except for time the thread spends
  waiting (the maps' WebGL, drawn by the GPU process in software with --disable-gpu). Each page and
  interaction gets a browser of its own for it (chromedriver hands the trace over once).
- `calls`, `server`: Dash's callback requests and their summed time to first byte, the server's share
  of `settled` (requests can overlap, so the sum may exceed it); the rest is the browser's.
A control is first scrolled into view, as a visitor does, and the page left to become still (what
coming into view starts, a chart's held redraw or the need page's map drawn the first time, is not the
control's result; "need: scroll to the map" measures that scroll itself). An interaction has settled
once Dash is idle and the long tasks that followed (a chart or the map drawn a frame later) have
ended, none for QUIET_MS. Its `cpu` counts from just before it starts, so it includes opening a dropdown and typing in
its search box. A download has settled once its file is on disk (its note: when the file came). An
interaction that ran no callback says so (the browser alone did it, as opening a static table).
Figures only; no assertions. `--match TEXT` measures only the pages and interactions whose name has it.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.servers import stop_server  # noqa: E402

TASK_TARGET_MS = 200
INTERACTION_TARGET_MS = 1000
QUIET_MS = 600           # no Dash callback for this long: the page has settled
PAGE_TIMEOUT_S = 90      # a page or interaction that has not settled by then is reported as such
SERVER_START_S = 120

# Installed before any script of a page runs: long tasks, the moment Dash last became idle (after the
# frame that follows), and room for every resource entry.
PROBE = """
window.__bench = {tasks: [], busy: false, settledAt: null, lastBusyAt: null, work: []};
try {
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) window.__bench.tasks.push([e.startTime, e.duration]);
  }).observe({type: 'longtask', buffered: true});
} catch (e) {}
performance.setResourceTimingBufferSize(100000);
(function watch() {
  const store = window.store;
  if (!store || !store.subscribe) { setTimeout(watch, 10); return; }
  const busy = () => {
    const s = store.getState();
    const cbs = s.callbacks || {};
    const pending = ['requested', 'prioritized', 'blocked', 'executing', 'watched', 'executed']
      .some(k => (cbs[k] || []).length > 0);
    return Boolean(s.isLoading) || pending;
  };
  // A measure of the renderer's work that does not depend on the machine's load: on every store update
  // Dash re-runs a selector in every mounted component, so the work is the sum, over the updates, of the
  // elements on the page at that moment.
  const elements = document.getElementsByTagName('*');
  const update = () => {
    window.__bench.work.push([performance.now(), elements.length]);
    const now = busy();
    if (now) { window.__bench.lastBusyAt = performance.now(); window.__bench.settledAt = null; }
    if (window.__bench.busy && !now) {
      requestAnimationFrame(() => setTimeout(() => {
        if (!busy()) window.__bench.settledAt = performance.now();
      }, 0));
    }
    window.__bench.busy = now;
  };
  store.subscribe(update);
  update();
})();
"""

READ = """
const b = window.__bench || {tasks: []};
const since = arguments[0];
const tasks = b.tasks.filter(t => t[0] >= since);
const nav = performance.getEntriesByType('navigation')[0];
const resources = performance.getEntriesByType('resource').filter(r => r.startTime >= since);
let bytes = resources.reduce((n, r) => n + (r.transferSize || 0), 0);
if (since === 0 && nav) bytes += nav.transferSize || 0;
const work = (b.work || []).filter(w => w[0] >= since).reduce((n, w) => n + w[1], 0);
// Dash's callback requests: the time to their first byte is the server's time (plus a local hop)
const calls = resources.filter(r => r.name.includes('/_dash-update-component'));
const server = calls.reduce((n, r) => n + Math.max(0, r.responseStart - r.requestStart), 0);
return {longest: tasks.reduce((m, t) => Math.max(m, t[1]), 0), count: tasks.length, work: work,
        lastTaskEnd: tasks.reduce((m, t) => Math.max(m, t[0] + t[1]), 0),
        settledAt: b.settledAt, busy: b.busy, lastBusyAt: b.lastBusyAt, now: performance.now(),
        bytes: bytes, calls: calls.length, server: server};
"""


@dataclass
class Figure:
    name: str
    longest_ms: float | None
    tasks: int
    settled_ms: float | None
    bytes: int
    work: int = 0  # the renderer's work in component updates (see PROBE), independent of the machine's load
    cpu_ms: float | None = None  # main-thread CPU time (thread ticks), little dependent on the machine's load
    cpu_task_ms: float | None = None  # the longest main-thread task in CPU time (trace thread duration)
    note: str = ""
    calls: int = 0  # Dash callback requests
    server_ms: float | None = None  # their summed time to first byte: the server's share (they may overlap)


class Interaction(NamedTuple):
    """What a visitor does on a page, and how long until its result shows."""
    name: str  # "<page>: <what>"
    path: str  # the page opened first
    act: Callable  # does it; returns the page clock at the moment it acts
    prepare: Callable | None = None  # brings the page to the state the act starts from (not measured)
    file: str | None = None  # a download: the ending of the file; settled once it is on disk


# ------------------------------------------------------------------------------ what is measured

def pages(lang: str) -> list[tuple[str, str]]:
    """(name, path with query) of every page, with the choices a visitor arriving from a link brings."""
    suffix = "" if lang == "nl" else "lang=en"

    def url(path, query=""):
        joined = "&".join(x for x in (query, suffix) if x)
        return f"{path}?{joined}" if joined else path

    return [
        ("map", url("/")),
        ("overview", url("/overzicht")),
        ("profile", url("/gemeente", "nis=46029")),
        ("compare", url("/vergelijk", "nis=46029")),
        ("need", url("/behoefte")),
        ("portfolio", url("/portfolio")),
        ("project", url("/project", "id=lbn-001")),
        ("reporting", url("/rapportering")),
        ("action plan", url("/actieplan")),
        ("briefing", url("/briefing", "nis=46029")),
        ("data", url("/data")),
        ("status", url("/status")),
        ("upload", url("/upload")),
    ]


def interactions(lang: str) -> list[Interaction]:
    """Every control that changes what a page shows (and the downloads a reviewer sends on), on the
    page a visitor opens first. Choices by position where labels differ per language."""
    q = "" if lang == "nl" else "lang=en"
    amp = f"&{q}" if q else ""
    home, need, portfolio = f"/?{q}", f"/behoefte?{q}", f"/portfolio?{q}"
    compare, profile = f"/vergelijk?nis=46029{amp}", f"/gemeente?nis=46029{amp}"
    actions, reporting, briefing = f"/actieplan?{q}", f"/rapportering?{q}", f"/briefing?nis=46029{amp}"
    return [
        Interaction("portfolio: project filter province", portfolio, lambda d: choose(d, "portfolio-province", 1)),
        Interaction("portfolio: written question province", portfolio,
                    lambda d: choose(d, "portfolio-wq28-province", 2)),
        Interaction("portfolio: sort projects", portfolio,
                    lambda d: click_js(d, "#portfolio-projects-table th:nth-child(5) button")),
        Interaction("portfolio: programme filter", portfolio, lambda d: choose(d, "portfolio-programme", 0)),
        Interaction("portfolio: theme filter", portfolio, lambda d: choose(d, "portfolio-theme", 1)),
        Interaction("portfolio: municipality filter", portfolio,
                    lambda d: choose(d, "portfolio-nis", "Gent", search=True)),
        Interaction("portfolio: sector filter", portfolio, lambda d: choose(d, "portfolio-sector", 1)),
        Interaction("portfolio: reset filters", portfolio, lambda d: click_js(d, "#portfolio-reset"),
                    prepare=lambda d: choose(d, "portfolio-province", 1)),
        Interaction("portfolio: written question Excel", portfolio, lambda d: click_js(d, "#portfolio-wq28-xlsx"),
                    file=".xlsx"),
        Interaction("portfolio: projects Excel", portfolio, lambda d: click_js(d, "#portfolio-xlsx"), file=".xlsx"),
        Interaction("need: shortlist top %", need, lambda d: type_number(d, "#need-gap-top", "10")),
        Interaction("need: indicator", need, lambda d: choose(d, "need-indicator", 1)),
        Interaction("need: year", need, lambda d: choose(d, "need-year", 1)),
        Interaction("need: measure", need, lambda d: choose(d, "need-measure", 1)),
        Interaction("need: region Flanders", need, lambda d: tick(d, "need-region", 1)),
        Interaction("need: split rule population", need, lambda d: tick(d, "need-rule", 1)),
        Interaction("need: need threshold", need, lambda d: type_number(d, "#need-t-need", "20")),
        Interaction("need: intervention threshold", need, lambda d: type_number(d, "#need-t-int", "1")),
        Interaction("need: reset thresholds", need, lambda d: click_js(d, "#need-t-reset"),
                    prepare=lambda d: type_number(d, "#need-t-need", "20")),
        Interaction("need: shortlist below", need, lambda d: choose(d, "need-gap-below", 0)),
        Interaction("need: shortlist by value", need, lambda d: tick(d, "need-gap-mode", 1)),
        Interaction("need: shortlist minimum", need, lambda d: type_number(d, "#need-gap-min", "10"),
                    prepare=lambda d: tick(d, "need-gap-mode", 1)),  # the minimum is for "by value" only
        Interaction("need: scatter table", need, lambda d: click_js(d, "#need-scatter-table-toggle")),
        Interaction("need: curve table", need, lambda d: click_js(d, "#need-curve-table-toggle")),
        # not a control: the shortlist's map is first drawn when it comes near (frontend/src/plotly-dashboard.js)
        Interaction("need: scroll to the map", need, lambda d: scroll_js(d, "#need-gap-map")),
        Interaction("map: year change", home, lambda d: slider_key(d, "#map-year [role=slider]", "HOME")),
        Interaction("map: indicator", home, lambda d: choose(d, "map-indicator", 0)),
        Interaction("map: colour scheme", home, lambda d: choose(d, "map-scheme", 1)),
        Interaction("map: natural breaks", home, lambda d: choose(d, "map-scheme", 2)),
        Interaction("map: classes", home, lambda d: choose(d, "map-k", 0)),
        Interaction("map: overlay", home, lambda d: choose(d, "map-overlay", 1)),
        Interaction("map: search municipality", home, lambda d: choose(d, "map-search", "Gent", search=True)),
        Interaction("map: show table", home, lambda d: click_js(d, "#map-table-toggle")),
        Interaction("map: sort table", home, lambda d: click_js(d, "#map-table thead th:nth-child(2) button"),
                    prepare=lambda d: click_js(d, "#map-table-toggle")),
        Interaction("map: Excel", home, lambda d: click_js(d, "#map-xlsx"), file=".xlsx"),
        Interaction("compare: add municipality", compare, lambda d: choose(d, "compare-nis", "Gent", search=True)),
        Interaction("compare: indicator", compare, lambda d: choose(d, "compare-indicator", 1)),
        Interaction("compare: peers", compare, lambda d: tick(d, "compare-mode", 1)),
        Interaction("compare: province group", compare, lambda d: choose(d, "compare-province", 0),
                    prepare=lambda d: tick(d, "compare-mode", 2)),
        Interaction("compare: start year", compare, lambda d: choose(d, "compare-start", 1)),
        Interaction("compare: end year", compare, lambda d: choose(d, "compare-end", 0)),
        Interaction("compare: ranking only chosen", compare, lambda d: tick(d, "compare-only", 0)),
        Interaction("compare: sort ranking", compare,
                    lambda d: click_js(d, "#compare-ranking-head th:nth-child(3) button")),
        Interaction("compare: ranking next page", compare, lambda d: click_js(d, "#compare-next")),
        Interaction("compare: chart table", compare, lambda d: click_js(d, "#compare-chart-table-toggle")),
        Interaction("profile: choose municipality", profile, lambda d: choose(d, "profile-nis", "Gent", search=True)),
        Interaction("profile: chart table", profile, lambda d: click_js(d, "#profile-chart-table-toggle-0")),
        Interaction("profile: Excel", profile, lambda d: click_js(d, "#profile-xlsx"), file=".xlsx"),
        # the search box sends its text 0.4 s after the last key (a numeric debounce: Enter does not
        # hurry it), so this one's `settled`, counted from the last key, includes those 400 ms
        Interaction("action plan: search", actions, lambda d: type_number(d, "#actions-search", "kinderopvang")),
        Interaction("action plan: right filter", actions, lambda d: choose(d, "actions-right", 1)),
        Interaction("action plan: minister filter", actions, lambda d: choose(d, "actions-minister", 1)),
        Interaction("action plan: chart table", actions, lambda d: click_js(d, "#actions-chart-right-toggle")),
        Interaction("reporting: programme filter", reporting, lambda d: choose(d, "reporting-programme", 0)),
        Interaction("reporting: province filter", reporting, lambda d: choose(d, "reporting-province", 1)),
        Interaction("reporting: status filter", reporting, lambda d: choose(d, "reporting-status", 1)),
        Interaction("briefing: choose municipality", briefing, lambda d: choose(d, "briefing-place", "Gent", search=True)),
        Interaction("briefing: choose province", briefing, lambda d: choose(d, "briefing-place", 0)),
    ]


# ------------------------------------------------------------------------------------- actions

def main_thread_cpu_ms(driver) -> float:
    """CPU time the page's main thread has used so far (Performance domain, enabled in thread time by
    start_browser). The count starts again with each new renderer process, as after about:blank."""
    metrics = driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
    return 1000 * next((m["value"] for m in metrics if m["name"] == "TaskDuration"), 0.0)


ACT_MARK = "bench-act"  # a performance mark set just before an interaction acts; it shows in the trace


def longest_task_cpu_ms(driver, after_mark: str | None = None) -> float:
    """The longest top-level task, in CPU time, a renderer's main thread ran in this browser (or, with
    `after_mark`, in the renderer that set that performance mark, from the mark on). Chromedriver hands
    the trace over once, when its performance log is first read: one reading per browser."""
    events = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Tracing.dataCollected":
            events.append(message["params"])
    main_threads = {(e.get("pid"), e.get("tid")) for e in events
                    if e.get("ph") == "M" and e.get("name") == "thread_name"
                    and (e.get("args") or {}).get("name") == "CrRendererMain"}
    since, pid = 0.0, None
    if after_mark:
        marks = [e for e in events if e.get("name") == after_mark and e.get("cat") == "blink.user_timing"]
        if not marks:
            return 0.0
        mark = max(marks, key=lambda e: e.get("ts", 0))  # the latest: set again once a control is in view
        since, pid = mark["ts"], mark["pid"]
    return max((e.get("tdur", 0) / 1000 for e in events
                if e.get("ph") == "X" and e.get("name") == "ThreadControllerImpl::RunTask"
                and (e.get("pid"), e.get("tid")) in main_threads and e.get("ts", 0) >= since
                and (pid is None or e.get("pid") == pid)), default=0.0)


def _now(driver) -> float:
    return driver.execute_script("return performance.now()")


def scroll_to(driver, element) -> None:
    """Bring a control into view as a visitor does before using it, and wait until the page is still:
    what coming into view starts (a chart's held redraw, the need page's map first drawn) is not the
    control's result. The scroll itself is measured where it costs ("need: scroll to the map")."""
    if isinstance(element, str):
        driver.execute_script("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", element)
    else:
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    settle(driver, _now(driver))
    start_measuring(driver)


def start_measuring(driver) -> None:
    """The interaction starts here: its `cpu` and `cpu task` count from now (kept in the page)."""
    driver.execute_script("window.__bench.cpuBefore = arguments[0]; performance.mark(arguments[1]);",
                          main_thread_cpu_ms(driver), ACT_MARK)


def scroll_js(driver, selector: str) -> float:
    """Scroll the element into view, the clock read just before."""
    return driver.execute_script(
        "const e = document.querySelector(arguments[0]); const t0 = performance.now();"
        "e.scrollIntoView({block: 'center'}); return t0;", selector)


def click_js(driver, selector: str) -> float:
    """Click the element (brought into view first) in one script, the clock read just before."""
    scroll_to(driver, selector)
    return driver.execute_script(
        "const e = document.querySelector(arguments[0]); const t0 = performance.now(); e.click(); return t0;",
        selector)


def choose(driver, dropdown_id: str, option, search: bool = False) -> float:
    """Open a Dash dropdown and pick an option: the n-th (an int) or the one with this label (before any
    parenthesised detail or French name: "Gent" for "Gent (Oost-Vlaanderen)" or "Gent / Gand (...)")."""
    from selenium.webdriver.common.by import By

    scroll_to(driver, f"#{dropdown_id}")
    driver.find_element(By.ID, dropdown_id).click()
    if search:
        wait(lambda: driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-search"), "no search box")
        driver.find_element(By.CSS_SELECTOR, ".dash-dropdown-search").send_keys(option)

    def found():
        options = driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")
        if isinstance(option, int):
            return options[option] if len(options) > option else None
        return next((o for o in options if o.text.strip().split(" (")[0].split(" / ")[0] == option), None)

    element = wait(found, f"no option {option} in {dropdown_id}")
    return driver.execute_script("const t0 = performance.now(); arguments[0].click(); return t0;", element)


def tick(driver, group_id: str, index: int) -> float:
    """Tick the n-th radio button or checkbox of a Dash RadioItems or Checklist."""
    scroll_to(driver, f"#{group_id}")
    return driver.execute_script(
        "const e = document.querySelectorAll('#' + CSS.escape(arguments[0]) + ' input')[arguments[1]];"
        "const t0 = performance.now(); e.click(); return t0;",
        group_id, index)


def downloaded(folder: Path, ending: str) -> Path | None:
    """The file with this ending the browser has finished writing into `folder` (Chromium writes to a
    `.crdownload` file and renames it when done), or None."""
    return next((p for p in sorted(folder.iterdir()) if p.name.endswith(ending) and p.stat().st_size > 0), None)


def type_number(driver, selector: str, value: str) -> float:
    """Type a number into a debounced input; it applies on Enter, when the clock starts."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element(By.CSS_SELECTOR, selector)
    scroll_to(driver, box)
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(value)
    t0 = _now(driver)
    box.send_keys(Keys.ENTER)
    return t0


def slider_key(driver, selector: str, key: str) -> float:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    handle = driver.find_element(By.CSS_SELECTOR, selector)
    scroll_to(driver, handle)
    t0 = _now(driver)
    handle.send_keys(getattr(Keys, key))
    return t0


def wait(condition, message: str, timeout: float = PAGE_TIMEOUT_S):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = condition()
        except Exception:  # an element replaced while the page renders: not yet
            found = None
        if found:
            return found
        time.sleep(0.05)
    raise TimeoutError(message)


def settle(driver, since: float) -> dict:
    """The figures once Dash has been idle and no long task has ended for QUIET_MS (or the timeout
    passed): a map draws frames after Dash's last callback, and a scroll starts drawings without one."""
    deadline = time.monotonic() + PAGE_TIMEOUT_S
    quiet_since = None
    while time.monotonic() < deadline:
        figures = driver.execute_script(READ, since)
        idle = (figures["settledAt"] is not None and not figures["busy"]
                and figures["now"] - figures["lastTaskEnd"] >= QUIET_MS)
        if idle:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= QUIET_MS / 1000:
                return figures
        else:
            quiet_since = None
        time.sleep(0.05)
    figures = driver.execute_script(READ, since)
    figures["settledAt"] = None
    return figures


# ---------------------------------------------------------------------------------- measuring

def open_page(driver, base: str, path: str) -> dict:
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.get("about:blank")
    cpu_before = main_thread_cpu_ms(driver)
    driver.get(base + path)
    figures = settle(driver, 0)
    figures["cpu"] = max(0.0, main_thread_cpu_ms(driver) - cpu_before)
    return figures


def measure_pages(base: str, lang: str, match: str = "") -> list[Figure]:
    """Each page in a browser of its own (its trace is read once, see longest_task_cpu_ms)."""
    out = []
    for name, path in pages(lang):
        if match not in name:
            continue
        with browser() as driver:
            f = open_page(driver, base, path)
            f["cpu_task"] = longest_task_cpu_ms(driver)
        out.append(Figure(f"{name} ({path})", f["longest"], f["count"], f["settledAt"], f["bytes"], f["work"],
                          f["cpu"], f["cpu_task"], "" if f["settledAt"] is not None else "did not settle",
                          f["calls"], f["server"]))
        print_row(out[-1])
    return out


def measure_interactions(base: str, lang: str, match: str = "") -> list[Figure]:
    """Each interaction in a browser of its own, on the page opened first (and prepared)."""
    out = []
    for item in interactions(lang):
        if match not in item.name:
            continue
        with browser() as driver, tempfile.TemporaryDirectory(prefix="bench-download-") as folder:
            driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": folder})
            open_page(driver, base, item.path)
            try:
                if item.prepare:
                    settle(driver, item.prepare(driver))
                start_measuring(driver)
                t0 = item.act(driver)  # it may start measuring again, once its control is in view
                cpu_before = driver.execute_script("return window.__bench.cpuBefore")
            except Exception as exc:  # a control renamed or gone: say so, measure the rest
                out.append(Figure(item.name, None, 0, None, 0, 0, None, None,
                                  f"could not act: {type(exc).__name__}: {exc}"[:120]))
                print_row(out[-1])
                continue
            file_at = None
            if item.file:  # the page clock when the file is on disk (polled before settling: it may come later)
                try:
                    wait(lambda ending=item.file: downloaded(Path(folder), ending), f"no {item.file} file")
                    file_at = _now(driver)
                except TimeoutError:
                    pass
            f = settle(driver, t0)
            cpu = main_thread_cpu_ms(driver) - cpu_before
            cpu_task = longest_task_cpu_ms(driver, ACT_MARK)
        # a long task after Dash fell idle (a chart or the map drawn a frame later) is part of the result
        settled = None if f["settledAt"] is None else max(0.0, f["settledAt"] - t0, f["lastTaskEnd"] - t0)
        note = "" if settled is not None else "did not settle"
        if settled is not None and f["lastTaskEnd"] > f["settledAt"]:
            note = f"Dash idle after {f['settledAt'] - t0:,.0f} ms"
        if f["lastBusyAt"] is None or f["lastBusyAt"] < t0:
            note = "no callback ran (the browser alone)"
        if item.file:
            note = "no file" if file_at is None else f"file after {file_at - t0:,.0f} ms"
            settled = None if file_at is None or settled is None else max(settled, file_at - t0)
        out.append(Figure(item.name, f["longest"], f["count"], settled, f["bytes"], f["work"], cpu, cpu_task,
                          note, f["calls"], f["server"]))
        print_row(out[-1])
    return out


def print_header(title: str) -> None:
    print(f"\n{title}")
    print(f"{'':<44} {'longest task':>13} {'tasks>50ms':>10} {'settled':>10} {'bytes':>11} {'work':>8} {'cpu':>9} {'cpu task':>9} {'calls':>5} {'server':>9}")


def print_row(f: Figure) -> None:
    longest = "-" if f.longest_ms is None else f"{f.longest_ms:,.0f} ms"
    settled = "-" if f.settled_ms is None else f"{f.settled_ms:,.0f} ms"
    cpu = "-" if f.cpu_ms is None else f"{f.cpu_ms:,.0f} ms"
    cpu_task = "-" if f.cpu_task_ms is None else f"{f.cpu_task_ms:,.0f} ms"
    server = "-" if f.server_ms is None else f"{f.server_ms:,.0f} ms"
    print(f"{f.name[:44]:<44} {longest:>13} {f.tasks:>10} {settled:>10} {f.bytes:>11,} {f.work / 1000:>7,.0f}k "
          f"{cpu:>9} {cpu_task:>9} {f.calls:>5} {server:>9} {f.note}", flush=True)


# ------------------------------------------------------------------------------ server, browser

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def warehouse_env() -> dict:
    """Settings for the server: the given warehouse, or one built from SOURCE_MIRROR into a temp folder."""
    env = dict(os.environ)
    warehouse = Path(env.get("WAREHOUSE_PATH") or REPO / "data" / "warehouse.duckdb")
    env.setdefault("GEO_DIR", str(REPO / "geo"))
    if warehouse.exists():
        env["WAREHOUSE_PATH"] = str(warehouse)
        return env
    if not env.get("SOURCE_MIRROR"):
        sys.exit(f"no warehouse at {warehouse}; set WAREHOUSE_PATH, or SOURCE_MIRROR to build one")
    root = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    env.update(WAREHOUSE_PATH=str(root / "warehouse.duckdb"), GEO_DIR=str(root / "geo"),
               ETL_CACHE_DIR=str(root / "cache"), ETL_IMPORTS_DIR=str(root / "imports"),
               REPORTS_DIR=str(root / "reports"))
    print(f"building the warehouse from {env['SOURCE_MIRROR']} into {root} ...", flush=True)
    subprocess.run([sys.executable, "-m", "etl", "build"], cwd=REPO, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"kept for the next run: WAREHOUSE_PATH={env['WAREHOUSE_PATH']} GEO_DIR={env['GEO_DIR']}", flush=True)
    return env


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_dash-layout", timeout=5):
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    sys.exit("the server did not answer in time")


def start_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS

    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    # Chrome's trace of top-level tasks, for their CPU time (longest_task_cpu_ms)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": False, "enablePage": False,
                                                         "traceCategories": "toplevel,blink.user_timing"})
    driver = webdriver.Chrome(options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Performance.enable", {"timeDomain": "threadTicks"})  # CPU time, not the clock's
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})
    return driver


@contextmanager
def browser():
    driver = start_browser()
    try:
        yield driver
    finally:
        driver.quit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("nl", "en", "both"), default="nl")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--only", choices=("pages", "interactions"), default=None)
    parser.add_argument("--match", default="", help="only pages and interactions whose name contains this")
    args = parser.parse_args(argv)
    env = warehouse_env()
    port = free_port()
    server = start_server(env, port, args.workers)
    try:
        base = f"http://127.0.0.1:{port}"
        with browser() as driver:
            for name, path in pages("nl"):  # the server's per-build caches filled, as after the first visitors
                if args.match in name:
                    open_page(driver, base, path)
        for lang in (("nl", "en") if args.lang == "both" else (args.lang,)):
            if args.only != "interactions":
                print_header(f"pages ({lang}); targets: longest task <= {TASK_TARGET_MS} ms")
                measure_pages(base, lang, args.match)
            if args.only != "pages":
                print_header(f"interactions ({lang}); targets: longest task <= {TASK_TARGET_MS} ms, "
                             f"settled <= {INTERACTION_TARGET_MS} ms")
                measure_interactions(base, lang, args.match)
    finally:
        stop_server(server, timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
