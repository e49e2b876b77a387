"""Each worker prepares a new warehouse build before it serves from it (issue 13).

When the ETL swaps in a new file, the first request that notices it (or the watcher thread,
`enable(watch_seconds=...)`) starts a background thread that fills the new build's caches with what
the worker was asked of the build it serves (every `db.per_build`, `db.per_build_live` and `db.memo`
entry, computed again on the new build, least recently used first), plus the pieces every page needs
(`STANDARD`). Meanwhile the previous build keeps serving: its file stays open (dashboard/db.py), so
a request never sees half of each. Then the worker switches (`db.promote`); the previous build and
its caches go when its last request ends, so a worker holds at most two builds' caches.

Without `enable()` (tests, scripts) a swap is seen by the next read, with empty caches.

`install(server)` pins the build for each request (`db.pin`), so every read of one request, cached
or not, comes from the same build even when a swap happens in the middle of it.
"""
from __future__ import annotations

import atexit
import gc
import hashlib
import importlib
import logging
import sys
import threading
import time
import weakref
from collections import OrderedDict

import flask

from dashboard import db

log = logging.getLogger(__name__)

# What every worker prepares on its first build and on each new one, even before anyone asked:
# "module:function", called without arguments with the build pinned (each reads through the
# per-build caches). Modules already loaded only: Dash loads the pages itself (as `pages.<name>`),
# and importing a page module a second time would register its page twice.
STANDARD = (
    "pages.status:warm",
    "dashboard.queries.map:base",
    "dashboard.warming:peer_model",
    "dashboard.pages.map.view:warm",  # imports mapclassify (scipy, scikit-learn): 1.8 s of a first map
    "dashboard.profile_data:warm",
)


def peer_model() -> None:
    from dashboard import peers

    with db.reader() as r:
        peers.model(r)


_stopping = threading.Event()  # the process is exiting: preparations stop between pieces
_running: set[threading.Thread] = set()
_running_lock = threading.Condition()
_watcher: threading.Thread | None = None


def enable(watch_seconds: float | None = None) -> None:
    """Prepare new builds in the background from now on (this process). With `watch_seconds`, a
    daemon thread also looks for a new build that often, so an idle worker is ready before its next
    visitor."""
    global _watcher
    if db.preparer() is None:
        atexit.register(_stop)  # a thread still inside DuckDB when the interpreter exits aborts it
    _stopping.clear()
    db.set_preparer(_start)
    if watch_seconds and (_watcher is None or not _watcher.is_alive()):
        _watcher = threading.Thread(target=_watch, args=(watch_seconds,), name="warehouse-watch", daemon=True)
        _watcher.start()


def disable() -> None:
    db.set_preparer(None)


def _stop() -> None:
    disable()
    _stopping.set()
    wait_idle(timeout=30)


def _watch(seconds: float) -> None:
    while db.preparer() is not None:
        try:
            db.current_build()
        except db.WarehouseError:
            pass  # not built (yet), or unreadable: the pages say so
        except Exception:  # noqa: BLE001 - the watcher must outlive any one failure
            log.exception("warehouse-watch")
        time.sleep(seconds)


def _start(build: db.Build) -> None:
    previous = next(iter(db.cached_builds()), None)
    recipes, requests = [], []
    if previous is not None and previous is not build:
        recipes, requests = previous.recipes(), answers(previous).requests()
    thread = threading.Thread(target=_run, args=(build, recipes, requests), name="warehouse-warming",
                              daemon=True)
    with _running_lock:
        _running.add(thread)
    thread.start()


def _run(build: db.Build, recipes: list, requests: list[bytes]) -> None:
    try:
        prepare(build, recipes, requests)
    finally:
        db.promote(build)
        with _running_lock:
            _running.discard(threading.current_thread())
            _running_lock.notify_all()


def prepare(build: db.Build, recipes: list = (), requests: list[bytes] = ()) -> None:
    """Fill `build`'s caches: the standard pieces, then what was asked of the previous build (its
    cached pieces, then its cached callback answers). A piece that fails (a municipality gone from
    the new build, say) is left to be computed, or to fail, when it is asked for."""
    started = time.perf_counter()
    failed = 0
    with db.pinned(build):
        for name in STANDARD:
            if _stopping.is_set():
                return
            module, function = name.split(":")
            loaded = sys.modules.get(module)
            if loaded is not None:
                failed += not _quietly(lambda m=loaded, f=function: getattr(m, f)())
        for recompute in recipes:
            if _stopping.is_set():
                return
            failed += not _quietly(lambda how=recompute: how(build))
    failed += replay_answers(build, list(requests))
    if not _stopping.is_set():
        freeze_heap()
    log.info("build %s voorbereid in %.1f s: %d stukken, %d mislukt", build.version,
             time.perf_counter() - started, build.size(), failed)


def freeze_heap() -> None:
    """Leave what is alive now (the prepared caches, the app, the libraries) out of the garbage
    collector's later full collections, which stopped a worker for 300-500 ms at random once its
    caches had filled (gc.freeze, as servers that prepare before serving do). What was frozen for the
    previous build is let back in first, so its cyclic garbage is collected: one build's at most waits."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _quietly(step) -> bool:
    try:
        step()
        return True
    except Exception as exc:  # noqa: BLE001 - one piece must not stop the preparation
        log.debug("voorbereiden: %s", type(exc).__name__)
        return False


def wait_idle(timeout: float = 60) -> bool:
    """Wait until no preparation runs (benchmarks and tests); False on timeout."""
    deadline = time.monotonic() + timeout
    with _running_lock:
        while _running:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            _running_lock.wait(left)
    return True


# ---------------------------------------------------------------- answers cached per build

# Callbacks whose answer depends only on the build and on what the request sends (inputs, state,
# which input changed): never on the session, the time or a file outside the warehouse. Their
# answer is kept per build, keyed by the request body, as the browser would get it again.
PURE_CALLBACKS = (
    "status-content.children", '{"section":["MATCH"],"type":"status-details-box"}.children',
    "..profile-content.children", "..briefing-content.children", "..compare-chart.children",
    "..map-graph.figure", "..map-table-box.hidden",
    "..need-threshold-text.children", "..need-gap-summary.children", "..need-spread-box.children",
    "..portfolio-projects-box.children", "..actions-content.children",
)
# Callbacks whose answer depends also on something outside the warehouse that a cheap signature
# names: output prefix -> "module:function" returning a short text that changes whenever that
# something does. The answer is kept per build under the request body AND that text, taken before
# the answer is computed (so an answer is never kept under a newer signature than the one it saw).
# The reporting tracker reads the attempts log (refused uploads) and today's date (what is late).
SIGNED_CALLBACKS = {
    "..reporting-table-box.children": "dashboard.pages.reporting.view:freshness",
}
# Pages whose layout (the answer of Dash's page router, output `_pages_content`) depends only on the
# build and the URL (path and query): theirs is kept per build like a pure callback's.
ROUTER_OUTPUT = ".._pages_content.children"
PURE_PAGES = ("/project",)
RESPONSE_BUDGET_BYTES = 24 * 1024 * 1024  # per build; least recently used answers go first


class _Answers:
    """One build's cached callback answers (body -> JSON), within a byte budget."""

    def __init__(self):
        self.lock = threading.Lock()
        self.by_key: OrderedDict[str, tuple[bytes, bytes]] = OrderedDict()  # key -> (request, answer)
        self.size = 0

    def get(self, key: str) -> bytes | None:
        with self.lock:
            found = self.by_key.get(key)
            if found is None:
                return None
            self.by_key.move_to_end(key)
            return found[1]

    def put(self, key: str, request: bytes, answer: bytes) -> None:
        with self.lock:
            if key in self.by_key:
                return
            self.by_key[key] = (request, answer)
            self.size += len(request) + len(answer)
            while self.size > RESPONSE_BUDGET_BYTES and self.by_key:
                _, (old_request, old_answer) = self.by_key.popitem(last=False)
                self.size -= len(old_request) + len(old_answer)

    def requests(self) -> list[bytes]:
        """The requests answered, each once (a signed callback's may be kept under several signatures)."""
        with self.lock:
            return list(dict.fromkeys(request for request, _ in self.by_key.values()))


_answers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # Build -> _Answers; dies with the build
_answers_lock = threading.Lock()
_servers: list = []  # the Flask server(s) of this process, to replay answers on a new build


def answers(build: db.Build) -> _Answers:
    with _answers_lock:
        found = _answers.get(build)
        if found is None:
            found = _answers[build] = _Answers()
        return found


def answer_key(body, raw: bytes) -> str | None:
    """The key of this callback request's answer in a build's cache (the body's sha256, with the
    signature of what else the answer reads); None when its answer must not be kept."""
    output = body.get("output") if isinstance(body, dict) else None
    if not isinstance(output, str) or "-download" in output:
        return None
    digest = hashlib.sha256(raw).hexdigest()
    if output.startswith(PURE_CALLBACKS) or (output.startswith(ROUTER_OUTPUT) and _pure_page(body)):
        return digest
    signer = next((name for prefix, name in SIGNED_CALLBACKS.items() if output.startswith(prefix)), None)
    if signer is None:
        return None
    module, function = signer.split(":")
    return f"{digest}:{getattr(importlib.import_module(module), function)()}"


def _pure_page(body: dict) -> bool:
    inputs = body.get("inputs")
    pathname = next((i.get("value") for i in inputs if isinstance(i, dict) and i.get("property") == "pathname"),
                    None) if isinstance(inputs, list) else None
    return isinstance(pathname, str) and pathname.rstrip("/") in PURE_PAGES


def replay_answers(build: db.Build, requests: list[bytes]) -> int:
    """Ask the new build the callbacks asked of the previous one (through the app, with `build`
    pinned), so their answers are cached before the worker switches. Returns how many failed."""
    if not _servers or not requests:
        return 0
    client = _servers[0].test_client()
    failed = 0
    with db.pinned(build):
        for request in requests:
            if _stopping.is_set():
                break
            response = client.post(_servers[0].config["DASHBOARD_CALLBACK_PATH"], data=request,
                                   content_type="application/json")
            failed += response.status_code != 200
    return failed


def install(server, callback_path: str = "/_dash-update-component") -> None:
    """Pin one build per request, and answer pure callbacks from the build's cache (see above)."""
    server.config["DASHBOARD_CALLBACK_PATH"] = callback_path
    if server not in _servers:
        _servers.append(server)

    def pin_build():
        flask.g.pinned_build = db.pinned_build() is None  # a replay comes with its build pinned
        if flask.g.pinned_build:
            try:
                db.pin(db.current_build())
            except (db.WarehouseError, OSError):
                db.pin(None)  # not built or unreadable: the page says so
        if flask.request.method != "POST" or flask.request.path != callback_path:
            return None
        build = db.pinned_build()
        if build is None:
            return None
        raw = flask.request.get_data(cache=True)
        key = answer_key(flask.request.get_json(silent=True, cache=True), raw)
        if key is None:
            return None
        found = answers(build).get(key)
        if found is not None:
            return flask.Response(found, mimetype="application/json")
        flask.g.answer_key = (build, key, raw)
        return None

    def keep_answer(response):
        pending = flask.g.pop("answer_key", None)
        if pending is not None and response.status_code == 200 and not response.direct_passthrough:
            build, key, raw = pending
            answers(build).put(key, raw, response.get_data())
        return response

    def unpin_build(_exc=None):
        if flask.g.pop("pinned_build", False):
            db.pin(None)

    server.before_request(pin_build)
    server.after_request(keep_answer)
    server.teardown_request(unpin_build)
