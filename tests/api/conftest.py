"""Black-box API tests: a real envgrid server on loopback, against a fresh SQLite file or
a fresh database in the throwaway PostgreSQL cluster (scripts/with-postgres.sh)."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

import pytest
import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.abspath(os.environ.get("ENVGRID_BIN", os.path.join(ROOT, "build", "envgrid")))
DB_KIND = os.environ.get("ENVGRID_TEST_DB", "sqlite")
PG_URL = os.environ.get("ENVGRID_TEST_PG_URL", "")
PHOTO_BIN = os.path.join(os.path.dirname(BIN), "envgrid_photo")


def new_database(workdir):
    """A fresh, empty database URL of the configured kind."""
    if DB_KIND == "sqlite":
        return "sqlite:" + os.path.join(workdir, "envgrid-%s.db" % uuid.uuid4().hex[:8])
    name = "envgrid_test_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", PG_URL + "/postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                    "CREATE DATABASE %s" % name], check=True, capture_output=True)
    return PG_URL + "/" + name


def run_cli(*args, input=None, check=True):
    r = subprocess.run([BIN, *args], input=input, capture_output=True, text=True, timeout=300)
    if check and r.returncode != 0:
        raise AssertionError("envgrid %s failed (%d):\n%s\n%s" % (" ".join(args), r.returncode, r.stdout, r.stderr))
    return r


class Api:
    """A signed-in (or anonymous) client: bearer token, JSON helpers."""

    def __init__(self, base, token=None, user=None):
        self.base = base
        self.token = token
        self.user = user
        self.s = requests.Session()

    def url(self, path):
        return self.base + path

    def headers(self, extra=None):
        h = {}
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        h.update(extra or {})
        return h

    def request(self, method, path, **kw):
        kw["headers"] = self.headers(kw.pop("headers", None))
        kw.setdefault("timeout", 60)
        return self.s.request(method, self.url(path), **kw)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, json_body=None, **kw):
        if json_body is not None:
            kw["json"] = json_body
        return self.request("POST", path, **kw)

    def patch(self, path, json_body=None, **kw):
        if json_body is not None:
            kw["json"] = json_body
        return self.request("PATCH", path, **kw)

    def put(self, path, json_body=None, **kw):
        if json_body is not None:
            kw["json"] = json_body
        return self.request("PUT", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


class Server:
    def __init__(self, db_url, data_dir, extra_args=()):
        self.db_url = db_url
        self.data_dir = data_dir
        self.proc = subprocess.Popen(
            [BIN, "serve", "--db", db_url, "--listen", "127.0.0.1:0", "--data-dir", data_dir,
             "--web-dir", os.path.join(ROOT, "web", "dist"), "--demo", *extra_args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.base = None
        deadline = time.time() + 60
        self.log = []
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.log.append(line)
            m = re.search(r'"url":"(http://[^"]+)"', line)
            if m:
                self.base = m.group(1)
                break
        if not self.base:
            self.proc.kill()
            raise RuntimeError("server did not start:\n" + "".join(self.log))
        # Keep draining the log so the pipe never fills.
        import threading
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.proc.stdout:
            self.log.append(line)
            if len(self.log) > 5000:
                del self.log[:1000]

    def stop(self):
        self.proc.terminate()
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return -9


@pytest.fixture(scope="session")
def workdir():
    d = tempfile.mkdtemp(prefix="envgrid-api-")
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture(scope="session")
def db_kind():
    return DB_KIND


@pytest.fixture(scope="session")
def demo_db(workdir):
    """A database holding the demo town (territory and users, no problems) plus a second
    tenant with its own admin, for cross-tenant checks."""
    url = new_database(workdir)
    data = os.path.join(workdir, "data")
    run_cli("demo", "--db", url, "--data-dir", data, "--problems-months", "0")
    run_cli("user", "add", "--db", url, "--tenant", "other", "--username", "other_admin", "--name", "外区管理员",
            "--role", "admin", "--password-stdin", input="other-secret-1\n")
    return url, data


@pytest.fixture(scope="session")
def server(demo_db):
    url, data = demo_db
    s = Server(url, data)
    yield s
    s.stop()


@pytest.fixture(scope="session")
def base_url(server):
    return server.base


@pytest.fixture(scope="session")
def demo_logins(base_url):
    r = requests.get(base_url + "/api/v1/demo/logins", timeout=30)
    assert r.status_code == 200, r.text
    return {x["username"]: x for x in r.json()}


_tokens = {}


@pytest.fixture(scope="session")
def login(base_url, demo_logins):
    """login(username) → Api signed in as that demo user (or other_admin)."""

    def _login(username):
        if username not in _tokens:
            pw = "other-secret-1" if username == "other_admin" else demo_logins[username]["password"]
            r = requests.post(base_url + "/api/v1/session", json={"username": username, "password": pw}, timeout=30)
            assert r.status_code == 200, r.text
            _tokens[username] = (r.json()["token"], r.json()["user"])
        tok, user = _tokens[username]
        return Api(base_url, tok, user)

    return _login


@pytest.fixture(scope="session")
def role_user(demo_logins):
    """role → a demo username holding that role."""
    out = {}
    for u in demo_logins.values():
        out.setdefault(u["role"], u["username"])
    return out


@pytest.fixture
def anon(base_url):
    return Api(base_url)


def make_photo(path, seed, taken_at=None, lng=None, lat=None, width=640, height=480, quality=85):
    """A real JPEG with real EXIF, made by the media module's tool."""
    args = [PHOTO_BIN, "--seed", str(seed), "--out", path, "--width", str(width), "--height", str(height),
            "--quality", str(quality)]
    if taken_at:
        args += ["--time", taken_at]
    if lng is not None:
        args += ["--lng", str(lng), "--lat", str(lat)]
    subprocess.run(args, check=True, capture_output=True)
    with open(path, "rb") as f:
        return f.read()


def problem_json(r):
    assert r.headers.get("Content-Type", "").startswith("application/problem+json"), (r.status_code, r.text)
    body = r.json()
    assert body["status"] == r.status_code
    assert re.search(r"[\u4e00-\u9fff]", body["title"]), body  # a Chinese title
    return body
