"""Sign-in, tokens and cookies, CSRF, rate limiting, sign-out, disabled accounts."""
import uuid

import requests

from conftest import Api, Server, new_database, problem_json, run_cli


def test_login_returns_token_cookie_and_user(base_url, demo_logins):
    u = next(iter(demo_logins.values()))
    r = requests.post(base_url + "/api/v1/session", json={"username": u["username"], "password": u["password"]})
    assert r.status_code == 200
    body = r.json()
    assert len(body["token"]) == 64 and body["csrf_token"]
    assert body["user"]["username"] == u["username"]
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_wrong_password_is_401_in_chinese(base_url, demo_logins):
    u = next(iter(demo_logins.values()))
    r = requests.post(base_url + "/api/v1/session", json={"username": u["username"], "password": "wrong-password"})
    assert r.status_code == 401
    assert problem_json(r)["title"] == "用户名或密码错误"


def test_unknown_user_looks_like_wrong_password(base_url):
    r = requests.post(base_url + "/api/v1/session", json={"username": "nobody-" + uuid.uuid4().hex[:6], "password": "whatever1"})
    assert r.status_code == 401
    assert problem_json(r)["title"] == "用户名或密码错误"


def test_login_validation_names_fields(base_url):
    r = requests.post(base_url + "/api/v1/session", json={"username": 5, "extra": True})
    assert r.status_code == 400
    fields = {e["field"] for e in problem_json(r)["errors"]}
    assert fields == {"username", "password", "extra"}


def test_repeated_failures_are_rate_limited(login, base_url):
    admin = login("admin")
    name = "victim_" + uuid.uuid4().hex[:6]
    r = admin.post("/api/v1/users", {"username": name, "display_name": "受害者", "password": "right-password-1", "roles": ["viewer"]})
    assert r.status_code == 201, r.text
    for _ in range(5):
        r = requests.post(base_url + "/api/v1/session", json={"username": name, "password": "bad-password"})
        assert r.status_code == 401
    r = requests.post(base_url + "/api/v1/session", json={"username": name, "password": "right-password-1"})
    assert r.status_code == 429
    assert "分钟" in problem_json(r)["detail"]


def test_no_token_is_401(anon):
    r = anon.get("/api/v1/session")
    assert r.status_code == 401
    problem_json(r)


def test_garbage_token_is_401(base_url):
    r = requests.get(base_url + "/api/v1/session", headers={"Authorization": "Bearer " + "0" * 64})
    assert r.status_code == 401


def cookie_session(base_url, demo_logins, username):
    s = requests.Session()
    r = s.post(base_url + "/api/v1/session", json={"username": username, "password": demo_logins[username]["password"]})
    assert r.status_code == 200
    return s, r.json()["csrf_token"]


def test_cookie_session_needs_csrf_for_writes(base_url, demo_logins):
    s, csrf = cookie_session(base_url, demo_logins, "admin")
    assert s.get(base_url + "/api/v1/session").status_code == 200
    body = {"username": "csrf_" + uuid.uuid4().hex[:6], "display_name": "跨站", "password": "password-123", "roles": ["viewer"]}
    r = s.post(base_url + "/api/v1/users", json=body)
    assert r.status_code == 403
    assert problem_json(r)["type"].endswith("/csrf")
    users = s.get(base_url + "/api/v1/users").json()["items"]
    assert body["username"] not in {u["username"] for u in users}
    r = s.post(base_url + "/api/v1/users", json=body, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201


def test_logout_ends_the_session(base_url, demo_logins):
    s, csrf = cookie_session(base_url, demo_logins, "admin")
    r = s.delete(base_url + "/api/v1/session", headers={"X-CSRF-Token": csrf})
    assert r.status_code == 204
    assert s.get(base_url + "/api/v1/session").status_code == 401


def test_disabling_a_user_ends_their_sessions(login, base_url):
    admin = login("admin")
    name = "temp_" + uuid.uuid4().hex[:6]
    r = admin.post("/api/v1/users", {"username": name, "display_name": "临时", "password": "temp-password-1", "roles": ["viewer"]})
    uid = r.json()["id"]
    tok = requests.post(base_url + "/api/v1/session", json={"username": name, "password": "temp-password-1"}).json()["token"]
    assert Api(base_url, tok).get("/api/v1/session").status_code == 200
    assert admin.patch("/api/v1/users/%d" % uid, {"disabled": True}).status_code == 200
    assert Api(base_url, tok).get("/api/v1/session").status_code == 401
    r = requests.post(base_url + "/api/v1/session", json={"username": name, "password": "temp-password-1"})
    assert r.status_code == 401


def test_a_role_change_applies_to_the_next_request(login, base_url):
    """Signed-in users are cached for a few seconds; PATCH /users must not wait for that."""
    admin = login("admin")
    name = "role_" + uuid.uuid4().hex[:6]
    uid = admin.post("/api/v1/users", {"username": name, "display_name": "换岗", "password": "temp-password-1",
                                       "roles": ["dispatcher"]}).json()["id"]
    tok = requests.post(base_url + "/api/v1/session", json={"username": name, "password": "temp-password-1"}).json()["token"]
    me = Api(base_url, tok)
    assert me.get("/api/v1/session").json()["user"]["roles"] == ["dispatcher"]
    assert me.get("/api/v1/users").status_code == 403
    assert admin.patch("/api/v1/users/%d" % uid, {"roles": ["viewer"]}).status_code == 200
    assert me.get("/api/v1/session").json()["user"]["roles"] == ["viewer"]


def test_cli_disable_reaches_a_server_without_session_cache(tmp_path):
    """With auth.session_cache_seconds = 0 every request reads the session: a user disabled from
    the command line (another process) is refused on the very next request."""
    db = new_database(str(tmp_path))
    run_cli("demo", "--db", db, "--data-dir", str(tmp_path / "data"), "--problems-months", "0")
    cfg = tmp_path / "envgrid.toml"
    cfg.write_text("[auth]\nsession_cache_seconds = 0\n")
    srv = Server(db, str(tmp_path / "data"), ["--config", str(cfg)])
    try:
        logins = requests.get(srv.base + "/api/v1/demo/logins").json()
        pw = {x["username"]: x["password"] for x in logins}["viewer"]
        tok = requests.post(srv.base + "/api/v1/session", json={"username": "viewer", "password": pw}).json()["token"]
        assert Api(srv.base, tok).get("/api/v1/session").status_code == 200
        run_cli("user", "disable", "--username", "viewer", "--db", db)
        assert Api(srv.base, tok).get("/api/v1/session").status_code == 401
    finally:
        srv.stop()
