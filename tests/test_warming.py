"""Per-build caches and the preparation of a new build (dashboard.db builds, dashboard.warming):
a worker serves one build until the next one is prepared, a request reads one build throughout,
and caches hold at most two builds' entries (the serving one and the one being prepared)."""
import gc
import os
import shutil
import threading
import weakref

import duckdb
import flask
import pytest

from dashboard import db, warming


def _swap(path, build_id: str) -> None:
    """A new build as the ETL delivers it: a copy with one more build row, then an atomic rename."""
    fresh = path.with_name(path.name + ".next")
    shutil.copyfile(path, fresh)
    con = duckdb.connect(str(fresh))
    con.execute("INSERT INTO build VALUES (?, '2026-12-01T00:00:00+00:00', NULL, 'success', 'x')", [build_id])
    con.close()
    os.replace(fresh, path)


def build_count(r) -> int:
    return int(r.scalar("SELECT count(*) FROM build"))


def _live_count() -> int:
    return db.per_build_live(build_count)


@pytest.fixture
def warehouse(synthetic_warehouse):
    yield synthetic_warehouse
    warming.disable()
    assert warming.wait_idle(timeout=30)


@pytest.fixture
def held_preparation(monkeypatch):
    """Warming on, with each preparation held until the test releases it."""
    release, started = threading.Event(), threading.Event()

    def hold():
        started.set()
        assert release.wait(timeout=30)

    monkeypatch.setitem(globals(), "_hold", hold)
    monkeypatch.setattr(warming, "STANDARD", (f"{__name__}:_hold",))
    warming.enable()
    return started, release


def test_a_swap_is_seen_at_once_without_warming_and_old_entries_go(warehouse):
    assert _live_count() == 2
    old = weakref.ref(db.current_build())
    _swap(warehouse, "next-1")
    assert _live_count() == 3  # recomputed from the new file, not the old build's entry
    gc.collect()
    assert old() is None, "the previous build and its cache are dropped"
    assert len(db.cached_builds()) == 1


def test_warming_switches_only_after_the_new_build_is_prepared(warehouse, held_preparation):
    started, release = held_preparation
    assert _live_count() == 2
    first = db.current_build()
    _swap(warehouse, "next-1")
    assert _live_count() == 2, "the serving build answers while the new one is prepared"
    assert started.wait(timeout=30)
    assert db.current_build() is first
    assert db.query("SELECT count(*) AS n FROM build").at[0, "n"] == 2  # uncached reads too
    assert len(db.cached_builds()) == 2
    release.set()
    assert warming.wait_idle(timeout=30)
    new = db.current_build()
    assert new is not first
    assert new.size() >= 1, "what was asked of the old build is prepared on the new one"
    assert _live_count() == 3
    assert db.cached_builds() == [new]


def test_caches_hold_at_most_two_builds_over_twenty_swaps(warehouse, held_preparation):
    started, release = held_preparation
    release.set()  # preparations run through
    seen = []
    _live_count()
    for i in range(20):
        _swap(warehouse, f"swap-{i}")
        _live_count()
        seen.append(weakref.ref(db.current_build()))
        assert len(db.cached_builds()) <= 2
        assert warming.wait_idle(timeout=30)
    assert _live_count() == 2 + 20
    gc.collect()
    alive = {id(b()) for b in seen if b() is not None}
    assert len(alive) <= 2, "retired builds (and their entries) are freed"
    assert len(db.cached_builds()) == 1


def test_a_request_reads_one_build_even_across_a_swap(warehouse):
    server = flask.Flask(__name__)
    warming.install(server)

    @server.get("/twice")
    def twice():
        before = _live_count()
        _swap(warehouse, "during-request")
        with db.reader() as r:
            after_uncached = build_count(r)
        return {"before": before, "after": _live_count(), "uncached": after_uncached}

    assert server.test_client().get("/twice").json == {"before": 2, "after": 2, "uncached": 2}
    assert _live_count() == 3  # the next request reads the new build


def test_pinned_build_stays_readable_after_its_file_is_replaced(warehouse):
    with db.pinned() as build:
        _swap(warehouse, "gone-1")
        _swap(warehouse, "gone-2")
        with db.reader() as r:
            assert build_count(r) == 2
    assert build.version != db.current_build().version
    assert _live_count() == 4


def test_pure_callback_answers_are_kept_per_build(app, synthetic_warehouse):
    client = app.server.test_client()
    client.get("/")
    body = {"output": "status-content.children", "outputs": {"id": "status-content", "property": "children"},
            "inputs": [{"id": "status-lang", "property": "data", "value": "en"}], "state": [],
            "changedPropIds": ["status-lang.data"]}
    first = client.post("/_dash-update-component", json=body)
    assert first.status_code == 200
    build = db.current_build()
    assert len(warming.answers(build).requests()) == 1
    assert client.post("/_dash-update-component", json=body).data == first.data
    _swap(synthetic_warehouse, "answers-1")
    again = client.post("/_dash-update-component", json=body)
    assert again.status_code == 200
    assert len(warming.answers(db.current_build()).requests()) == 1, "the new build answers afresh"


def test_a_worker_prepares_the_map_classes_and_the_profile_pieces(app, synthetic_warehouse):
    """What the first map or profile of a worker would otherwise compute (the classification imports
    mapclassify, scipy and scikit-learn: 1.8 s; the values grouped by place: 0.4 s) is prepared with
    the build, as gunicorn's workers do before their first request (serving._prepare_worker)."""
    app.server.test_client().get("/")  # Dash loads its pages
    build = db.current_build()
    warming.prepare(build)
    keys = {key[:2] for key in build._results}
    assert ("dashboard.pages.map.view", "_classes") in keys
    assert ("dashboard.profile_data", "_series_by_place") in keys
    assert ("dashboard.profile_data", "_rank_lookup") in keys


def test_the_prepared_caches_are_left_out_of_full_collections(app, synthetic_warehouse):
    """After a preparation its caches are frozen (gc.freeze): the collector's full collections, which
    took 300-500 ms once a worker's caches had filled, no longer walk them."""
    app.server.test_client().get("/")
    build = db.current_build()
    try:
        warming.prepare(build)
        prepared = next(entry for key, (entry, _how) in build._results.items()
                        if key[:2] == ("dashboard.profile_data", "_series_by_place"))
        assert gc.get_freeze_count() > 0
        assert not any(o is prepared for o in gc.get_objects())
        fresh = {"made": ["after the preparation"]}
        assert any(o is fresh for o in gc.get_objects())
    finally:
        gc.unfreeze()
