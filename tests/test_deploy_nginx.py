"""Several machines, for real on 127.0.0.1 (docs/deploy.md): nginx (Debian's package) balances two
dashboard instances (separate `python -m dashboard` processes and ports, the same warehouse file,
users file and secret key), with redis-server as the shared throttle store. Each is started here on
a free port with its own temp config and prefix (never a system service) and stopped afterwards.

- a login made through one instance is valid on the other, and a logout on one ends it on both;
- failed logins spread over both instances are counted together (in Redis);
- a warehouse swap (copy to a temp name beside it, then an atomic rename) while a loop of requests
  runs through nginx gives no error on either instance.

Skipped, with the reason, when nginx or redis-server are not installed (`scripts/setup.sh --test`
installs them). The user is SYNTHETIC."""
from __future__ import annotations

import grp
import http.cookiejar
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from dashboard import auth
from tests.synthetic_warehouse import build_synthetic_warehouse
from tests.test_serving import form_value
from tests.waiting import wait_until

pytestmark = pytest.mark.server

REPO = Path(__file__).resolve().parent.parent
NAME, PASSWORD = "deploy.gebruiker", "SYNTHETISCH-wachtwoord-deploy-7"
SECRET = "SYNTHETISCH-gedeelde-sleutel-voor-de-test-0123456789abcdef"
WRONG = "fout-wachtwoord-deploy-1"
CALLBACK = "/_dash-update-component"
SWAPS = 3
LOGIN_STATE = {"output": "..login-status.children...login-gate.hidden..",
               "outputs": [{"id": "login-status", "property": "children"}, {"id": "login-gate", "property": "hidden"}],
               "inputs": [{"id": "login-lang", "property": "data", "value": "nl"}], "changedPropIds": [], "state": []}
STATUS_CONTENT = {"output": "status-content.children", "outputs": {"id": "status-content", "property": "children"},
                  "inputs": [{"id": "status-lang", "property": "data", "value": "nl"}], "changedPropIds": [], "state": []}


def _program(name: str) -> str:
    found = shutil.which(name) or next((p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if os.access(p, os.X_OK)), None)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install nginx redis-server; scripts/setup.sh --test does)")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


NGINX_CONF = """\
# Test-only nginx: no root paths, everything under the prefix.
{user}
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    log_format upstream '$status $upstream_addr $request_method $uri';
    access_log {prefix}/access.log upstream;
    client_max_body_size 5m;
    upstream dashboard {{
        server 127.0.0.1:{port_a} max_fails=0;
        server 127.0.0.1:{port_b} max_fails=0;
        keepalive 8;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://dashboard;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_next_upstream off;
        }}
    }}
}}
"""


class Stack:
    """The running processes and where they listen."""

    def __init__(self, root: Path):
        self.root = root
        self.procs: dict[str, subprocess.Popen] = {}
        self.ports: dict[str, int] = {}
        self.warehouse = root / "data" / "warehouse.duckdb"

    def start(self, name: str, argv: list[str], env: dict | None = None) -> subprocess.Popen:
        with open(self.root / f"{name}.log", "w") as log:  # the child keeps its own copy of the file
            self.procs[name] = subprocess.Popen(argv, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        return self.procs[name]

    def log(self, name: str) -> str:
        return (self.root / f"{name}.log").read_text(errors="replace")

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    nginx, redis_server = _program("nginx"), _program("redis-server")
    pytest.importorskip("redis", reason="the Redis client (requirements.lock) is not installed")
    root = tmp_path_factory.mktemp("deploy")
    stack = Stack(root)
    build_synthetic_warehouse(stack.warehouse, root / "geo")
    users = root / "secret" / "users.toml"
    auth.set_user(users, NAME, PASSWORD, "Deploy Gebruiker (SYNTHETISCH)")
    for name in ("redis", "a", "b", "nginx"):
        stack.ports[name] = _free_port()
    try:
        stack.start("redis", [redis_server, "--port", str(stack.ports["redis"]), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no", "--dir", str(root), "--daemonize", "no"])
        env = {**os.environ, "PYTHONPATH": str(REPO), "WAREHOUSE_PATH": str(stack.warehouse),
               "GEO_DIR": str(root / "geo"), "DASHBOARD_USERS_FILE": str(users), "DASHBOARD_SECRET_KEY": SECRET,
               "DASHBOARD_THROTTLE_STORAGE": f"redis://127.0.0.1:{stack.ports['redis']}/0",
               "DASHBOARD_TRUSTED_PROXIES": "1"}
        for name in ("DASHBOARD_FRAME_ANCESTORS", "DASHBOARD_MAX_CONTENT_LENGTH", "DASHBOARD_WORKERS"):
            env.pop(name, None)
        for name in ("a", "b"):  # two machines' worth: separate processes and ports
            stack.start(name, [sys.executable, "-m", "dashboard", "--port", str(stack.ports[name]),
                               "--workers", "1", "--threads", "4"], env)
        prefix = root / "nginx"
        prefix.mkdir()
        user = pwd.getpwuid(os.geteuid()).pw_name
        conf = NGINX_CONF.format(
            # As root, nginx would run its workers as nobody, who cannot use the temp folders here.
            user=f"user {user} {grp.getgrgid(os.getegid()).gr_name};" if os.geteuid() == 0 else "",
            prefix=prefix, port=stack.ports["nginx"], port_a=stack.ports["a"], port_b=stack.ports["b"])
        (prefix / "nginx.conf").write_text(conf)
        stack.start("nginx", [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log")])

        def all_up():
            for name, proc in stack.procs.items():
                assert proc.poll() is None, f"{name} exited early:\n{stack.log(name)[-2000:]}"
            return all(_answers(port) for port in stack.ports.values())

        wait_until(all_up, timeout=90, interval=0.2, message="redis, the two dashboards and nginx did not all listen")
        yield stack
    finally:
        stack.stop()


class Client:
    """A browser's cookie jar against one base URL (no redirects followed)."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *_a, **_k):
            return None

    def __init__(self, base: str, jar: http.cookiejar.CookieJar | None = None):
        self.base = base
        self.jar = jar if jar is not None else http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), self._NoRedirect)

    def call(self, path: str, form: dict | None = None, json_body: dict | None = None) -> tuple[int, str]:
        data, headers = None, {}
        if json_body is not None:
            data, headers = json.dumps(json_body).encode(), {"Content-Type": "application/json"}
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=data, headers=headers), timeout=30) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def login(self, password: str) -> int:
        status, page = self.call("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token, f"no login form from {self.base}: HTTP {status} {page[:300]}"
        return self.call("/login", {"username": NAME, "password": password, "csrf_token": token.group(1), "next": "/upload"})[0]

    def logged_in(self) -> bool:
        status, body = self.call(CALLBACK, json_body=LOGIN_STATE)
        assert status == 200, body[:300]
        return "Aangemeld als" in body


def upstream_log(stack: Stack) -> list[tuple[int, str]]:
    """(status, upstream port) of every request nginx passed on so far."""
    rows = []
    for line in (stack.root / "nginx" / "access.log").read_text().splitlines():
        status, upstream = line.split()[:2]
        rows.append((int(status), upstream.rsplit(":", 1)[-1]))
    return rows


def test_a_login_on_one_instance_is_valid_on_the_other(stack):
    browser = Client(stack.url("nginx"))
    assert browser.login(PASSWORD) == 303
    # The same cookie, straight to each instance: both accept the session (shared secret key).
    on_a, on_b = Client(stack.url("a"), browser.jar), Client(stack.url("b"), browser.jar)
    assert on_a.logged_in() and on_b.logged_in()
    cookie_before_logout = [(c.name, c.value) for c in browser.jar]
    token = form_value(json.loads(on_a.call(CALLBACK, json_body=LOGIN_STATE)[1]), "csrf_token")
    assert token, "no logout form in the login status"
    assert on_a.call("/logout", {"csrf_token": token, "next": "/upload"})[0] == 303
    # A copy of the cookie from before the logout on A opens nothing on B (ended sessions in Redis).
    copied = http.cookiejar.CookieJar()
    for name, value in cookie_before_logout:
        copied.set_cookie(http.cookiejar.Cookie(0, name, value, None, False, "127.0.0.1", False, False, "/", True,
                                                False, None, False, None, None, {}))
    assert not Client(stack.url("b"), copied).logged_in()


def test_failed_logins_spread_over_both_instances_are_counted_together(stack):
    import redis

    attempts = []
    for index in range(auth.MAX_FAILURES_PER_USER):
        attempts.append(Client(stack.url("ab"[index % 2])).login(WRONG))
    assert attempts == [200] * auth.MAX_FAILURES_PER_USER  # each refused, none throttled yet
    # Neither instance saw the limit alone; together they reached it: throttled everywhere.
    for name in ("a", "b", "nginx"):
        assert Client(stack.url(name)).login(PASSWORD) == 429, name
    keys = redis.Redis(port=stack.ports["redis"]).keys("*login-failures*")
    assert keys, "the failures are not counted in Redis"


def test_a_warehouse_swap_under_load_gives_no_error(stack):
    """A loop of requests through nginx while the warehouse is swapped SWAPS times (copy to a temp
    name in the same folder, then os.replace: what docs/deploy.md prescribes for each machine)."""
    before = len(upstream_log(stack))
    stop = threading.Event()
    results: list[tuple[str, int]] = []

    def load():
        client = Client(stack.url("nginx"))
        while not stop.is_set():
            for path, body in (("/status", None), (CALLBACK, STATUS_CONTENT), ("/geo/municipalities_2025.geojson", None)):
                try:
                    status = client.call(path, json_body=body)[0]
                except OSError as exc:  # a dropped connection is an error too
                    status = f"{type(exc).__name__}"
                results.append((path, status))

    threads = [threading.Thread(target=load) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        wait_until(lambda: len(results) >= 12, timeout=30, message="no requests went through")
        for swap in range(SWAPS):
            staged = stack.warehouse.with_name(f".{stack.warehouse.name}.swap{swap}.tmp")
            shutil.copyfile(stack.warehouse, staged)
            os.replace(staged, stack.warehouse)
            count = len(results)
            wait_until(lambda count=count: len(results) >= count + 12, timeout=30, message="requests stalled after a swap")
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=40)
    errors = Counter((path, status) for path, status in results if status != 200)
    assert not errors, errors
    served = upstream_log(stack)[before:]
    assert {port for _, port in served} == {str(stack.ports["a"]), str(stack.ports["b"])}  # both took load
    assert all(status == 200 for status, _ in served)
    for name in ("a", "b"):
        assert "Traceback" not in stack.log(name), stack.log(name)[-3000:]
