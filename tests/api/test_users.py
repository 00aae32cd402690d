"""Account administration: validation, uniqueness, roles, tenants."""
import uuid

from conftest import problem_json


def new_name():
    return "u_" + uuid.uuid4().hex[:8]


def test_admin_creates_and_lists_users(login):
    admin = login("admin")
    name = new_name()
    r = admin.post("/api/v1/users", {"username": name, "display_name": "张三", "password": "password-123",
                                      "roles": ["inspector", "viewer"]})
    assert r.status_code == 201, r.text
    assert sorted(r.json()["roles"]) == ["inspector", "viewer"]
    assert name in {u["username"] for u in admin.get("/api/v1/users").json()["items"]}


def test_duplicate_username_is_409_and_nothing_changes(login):
    admin = login("admin")
    name = new_name()
    body = {"username": name, "display_name": "李四", "password": "password-123", "roles": ["viewer"]}
    assert admin.post("/api/v1/users", body).status_code == 201
    before = admin.get("/api/v1/users").json()["items"]
    r = admin.post("/api/v1/users", dict(body, display_name="另一个"))
    assert r.status_code == 409
    problem_json(r)
    assert admin.get("/api/v1/users").json()["items"] == before


def test_bad_fields_are_all_reported(login):
    admin = login("admin")
    before = admin.get("/api/v1/users").json()["items"]
    r = admin.post("/api/v1/users", {"username": "a b", "display_name": "", "password": "short", "roles": ["king"],
                                      "unit_id": 99999999, "grid_ids": ["x"]})
    assert r.status_code == 400
    fields = {e["field"] for e in problem_json(r)["errors"]}
    assert {"username", "display_name", "password", "roles[0]", "grid_ids[0]"} <= fields
    assert admin.get("/api/v1/users").json()["items"] == before


def test_unknown_unit_is_rejected(login):
    r = login("admin").post("/api/v1/users", {"username": new_name(), "display_name": "王五", "password": "password-123",
                                               "roles": ["viewer"], "unit_id": 99999999})
    assert r.status_code == 400
    assert any(e["field"] == "unit_id" for e in problem_json(r)["errors"])


def test_only_admin_manages_users(login, role_user):
    for role, username in role_user.items():
        if role == "admin":
            continue
        api = login(username)
        assert api.get("/api/v1/users").status_code == 403, role
        r = api.post("/api/v1/users", {"username": new_name(), "display_name": "x", "password": "password-123", "roles": ["admin"]})
        assert r.status_code == 403, role
        problem_json(r)


def test_other_tenant_cannot_see_or_touch_our_users(login):
    ours = login("admin").get("/api/v1/users").json()["items"]
    other = login("other_admin")
    theirs = other.get("/api/v1/users").json()["items"]
    assert {u["username"] for u in theirs} == {"other_admin"}
    r = other.patch("/api/v1/users/%d" % ours[0]["id"], {"display_name": "篡改"})
    assert r.status_code == 404
    assert login("admin").get("/api/v1/users").json()["items"][0]["display_name"] == ours[0]["display_name"]


def test_admin_cannot_disable_self(login):
    admin = login("admin")
    r = admin.patch("/api/v1/users/%d" % admin.user["id"], {"disabled": True})
    assert r.status_code == 400
    assert admin.get("/api/v1/session").status_code == 200
