"""Shared fixtures. Tests run offline: sources come from the mirror (SOURCE_MIRROR, or
../shared/mirror beside the repository); tests that need it are skipped when it is absent."""
from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BROWSER_TESTS = REPO / "tests" / "browser"

# Test tiers (README, "Two commands"). Fixtures name the tier, so a test cannot be in the fast tier
# by mistake: `build` for anything that reads the mirror or the warehouse built from it (every
# such fixture depends on `mirror`: etl_root, real_warehouse, built_warehouse, ...), `browser` for
# headless Chromium. `unit` is what needs neither; a test can be both `build` and `browser`.
BUILD_FIXTURES = frozenset({"mirror", "built_warehouse", "real_warehouse", "etl_root"})
BROWSER_FIXTURES = frozenset({"dash_duo", "dash_thread_server", "dash_br"})


def pytest_collection_modifyitems(config, items):
    for item in items:
        fixtures = set(item.fixturenames)
        is_build = bool(fixtures & BUILD_FIXTURES)
        is_browser = (bool(fixtures & BROWSER_FIXTURES) or item.get_closest_marker("browser") is not None
                      or item.path.is_relative_to(BROWSER_TESTS))
        if is_build:
            item.add_marker(pytest.mark.build)
        if is_browser:
            item.add_marker(pytest.mark.browser)
        # `server` (set by the test): starts real servers (nginx, redis-server); not in the fast tier.
        if not (is_build or is_browser or item.get_closest_marker("server")):
            item.add_marker(pytest.mark.unit)


def mirror_dir() -> Path | None:
    candidate = Path(os.environ.get("SOURCE_MIRROR") or REPO.parent / "shared" / "mirror")
    return candidate if (candidate / "raw.githubusercontent.com").is_dir() else None


@pytest.fixture(scope="session")
def mirror() -> Path:
    found = mirror_dir()
    if found is None:
        pytest.skip("source mirror not present (set SOURCE_MIRROR)")
    return found


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory) -> Path:
    """One download cache for the whole session: builds after the first read verified files."""
    return tmp_path_factory.mktemp("cache")


def etl_env(monkeypatch, root: Path, mirror: Path, cache: Path) -> Path:
    """Point every ETL setting at a test folder; returns the warehouse path."""
    warehouse = root / "warehouse.duckdb"
    monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse))
    monkeypatch.setenv("SOURCE_MIRROR", str(mirror))
    monkeypatch.setenv("ETL_CACHE_DIR", str(cache))
    monkeypatch.setenv("ETL_IMPORTS_DIR", str(root / "imports"))
    monkeypatch.setenv("REPORTS_DIR", str(root / "reports"))
    monkeypatch.setenv("GEO_DIR", str(root / "geo"))
    return warehouse


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory, mirror, shared_cache) -> Path:
    """A full build from the mirror, made once per session. Do not modify: copy it.

    Under pytest-xdist (scripts/test.sh runs two workers) a session fixture is set up once per
    worker; the workers share this one instead: the first builds it in the folder they have in
    common while holding a lock, the others wait for it and read the same files. Each worker's
    `shared_cache` then gets a copy of the build's cache, as it would after a build of its own
    (test_cache_faults' online build reads the verified files from it)."""
    from etl.build import build
    from etl.config import load_settings

    def build_into(root: Path, cache: Path) -> Path:
        with pytest.MonkeyPatch.context() as mp:
            etl_env(mp, root, mirror, cache)
            build(load_settings())
        return root / "warehouse.duckdb"

    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")  # set in each worker, the same for all of one run
    if not run:
        return build_into(tmp_path_factory.mktemp("built"), shared_cache)
    shared = tmp_path_factory.getbasetemp().parent  # the run's folder; each worker has one below it
    root, cache, done = shared / f"built-{run}", shared / f"built-{run}-cache", shared / f"built-{run}.done"
    with open(shared / f"built-{run}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if the build fails
        if not done.exists():
            for leftover in (root, cache):  # what a failed build of another worker left
                shutil.rmtree(leftover, ignore_errors=True)
            root.mkdir()
            cache.mkdir()
            build_into(root, cache)
            done.touch()
    shutil.copytree(cache, shared_cache, dirs_exist_ok=True)
    return root / "warehouse.duckdb"


@pytest.fixture
def etl_root(tmp_path, monkeypatch, mirror, shared_cache, built_warehouse) -> Path:
    """A test folder with its own copy of the built warehouse and geo files, settings pointing at it."""
    etl_env(monkeypatch, tmp_path, mirror, shared_cache)
    shutil.copyfile(built_warehouse, tmp_path / "warehouse.duckdb")
    shutil.copytree(built_warehouse.parent / "geo", tmp_path / "geo")
    return tmp_path


@pytest.fixture(scope="session")
def runtimes():
    """Each project's reporting runtime from the curated registers (data/registers/). Read-only."""
    from etl.reports.periods import runtimes_from_registers

    return runtimes_from_registers(REPO / "data" / "registers")


@pytest.fixture
def read_only():
    """Open a warehouse read-only and close it after the test."""
    import duckdb

    opened = []

    def _open(path: Path):
        con = duckdb.connect(str(path), read_only=True)
        opened.append(con)
        return con

    yield _open
    for con in opened:
        con.close()


# ----------------------------------------------------------- live warehouse for the dashboard

@pytest.fixture
def real_warehouse(built_warehouse, monkeypatch):
    """The real warehouse built from the mirror (session fixture), made live for the app."""
    monkeypatch.setenv("WAREHOUSE_PATH", str(built_warehouse))
    monkeypatch.setenv("GEO_DIR", str(built_warehouse.parent / "geo"))
    return built_warehouse


@pytest.fixture
def synthetic_warehouse(tmp_path, monkeypatch):
    """A tiny SYNTHETIC warehouse (invented rows, see tests/synthetic_warehouse.py) and its GeoJSON
    layer, made live through WAREHOUSE_PATH and GEO_DIR before the app is created. The app's
    server runs in a thread of this process, so it sees these variables."""
    from tests.synthetic_warehouse import build_synthetic_warehouse

    path = build_synthetic_warehouse(tmp_path / "warehouse.duckdb", tmp_path / "geo")
    monkeypatch.setenv("WAREHOUSE_PATH", str(path))
    monkeypatch.setenv("GEO_DIR", str(tmp_path / "geo"))
    return path


@pytest.fixture
def no_warehouse(tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "not-built.duckdb"))
    monkeypatch.setenv("GEO_DIR", str(tmp_path / "geo"))


# ------------------------------------------------------------------------------- the test user

@pytest.fixture
def users_file(tmp_path, monkeypatch) -> Path:
    """A users file with the one SYNTHETIC user of tests/users.py, made live through
    DASHBOARD_USERS_FILE; the other login and serving settings unset."""
    from dashboard import auth
    from tests.users import CLEARED_SETTINGS, DISPLAY_NAME, NAME, PASSWORD

    path = tmp_path / "secret" / "users.toml"
    auth.set_user(path, NAME, PASSWORD, DISPLAY_NAME)
    monkeypatch.setenv("DASHBOARD_USERS_FILE", str(path))
    for name in CLEARED_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    return path


# ------------------------------------------------------------------------------------ the app

# Fixtures that make a warehouse live (WAREHOUSE_PATH, GEO_DIR); `app` sets up the one a test uses first.
WAREHOUSE_FIXTURES = ("synthetic_warehouse", "real_warehouse", "no_warehouse", "etl_root")


@pytest.fixture
def app_settings():
    """Settings that must be in place before the app is made, beyond the warehouse: none here.
    A test module overrides this fixture to add some (test_upload_auth.py: its users file)."""
    return None


@pytest.fixture
def app(request, app_settings):
    """The Dash app of create_app(), made on the warehouse the test names (synthetic_warehouse,
    real_warehouse, no_warehouse or etl_root as an argument, or indirectly:
    @pytest.mark.parametrize("app", ["no_warehouse", "synthetic_warehouse"], indirect=True)).
    That fixture is set up first, so the app never starts on another warehouse than the test's."""
    wanted = [getattr(request, "param", None)] + [name for name in WAREHOUSE_FIXTURES if name in request.fixturenames]
    for name in filter(None, wanted):
        request.getfixturevalue(name)
    from dashboard.app import create_app

    return create_app()
