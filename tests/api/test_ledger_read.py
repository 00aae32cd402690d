"""Reading the ledger: filters, cursor pages, stats, the audit of the hash chain."""
import sqlite3
import subprocess

from conftest import BIN, problem_json, run_cli
from ledger_helpers import fresh_point, upload

CAT = "06010"


def make(api, **extra):
    lng, lat, _ = fresh_point(api)
    body = {"category_code": CAT, "lng": lng, "lat": lat, "address": "凤凰路", "description": "垃圾", "source": "citizen"}
    body.update(extra)
    r = api.post("/api/v1/problems", body)
    assert r.status_code == 201, r.text
    return r.json()


def test_cursor_pages_cover_everything_once(login, role_user):
    api = login(role_user["dispatcher"])
    for _ in range(7):
        make(api)
    seen, cursor = [], None
    while True:
        params = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        r = api.get("/api/v1/problems", params=params).json()
        seen += [x["id"] for x in r["items"]]
        cursor = r["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) >= 7


def test_filters_narrow_the_list(login, role_user):
    api = login(role_user["dispatcher"])
    p = make(api, source="media")
    items = api.get("/api/v1/problems", params={"source": "media", "state": "reported", "limit": 200}).json()["items"]
    assert p["id"] in {x["id"] for x in items}
    assert all(x["source"] == "media" and x["state"] == "reported" for x in items)
    items = api.get("/api/v1/problems", params={"q": p["number"]}).json()["items"]
    assert [x["id"] for x in items] == [p["id"]]
    near = "%f,%f,50" % (p["lng"], p["lat"])
    assert p["id"] in {x["id"] for x in api.get("/api/v1/problems", params={"near": near, "limit": 200}).json()["items"]}


def test_bad_filters_are_400(login, role_user):
    api = login(role_user["dispatcher"])
    for params in ({"state": "lost"}, {"limit": 0}, {"limit": "ten"}, {"from": "2024-13-01"}, {"cursor": "garbage"},
                   {"near": "1,2"}, {"light": "blue"}, {"colour": "red"}):
        r = api.get("/api/v1/problems", params=params)
        assert r.status_code == 400, params
        problem_json(r)


def test_stats_by_state_and_category(login, role_user):
    api = login(role_user["dispatcher"])
    make(api)
    r = api.get("/api/v1/stats/problems", params={"group_by": "state"}).json()
    assert r["total"] == sum(x["count"] for x in r["items"])
    assert {"reported"} <= {x["key"] for x in r["items"]}
    assert any(x["label"] == "待受理" for x in r["items"])
    r = api.get("/api/v1/stats/problems", params={"group_by": "category"}).json()
    assert any(x["key"] == CAT and x["label"] == "暴露垃圾" for x in r["items"])
    assert api.get("/api/v1/stats/problems", params={"group_by": "weather"}).status_code == 400


def tamper(db_url, number):
    statement = ("UPDATE transitions SET comment = 'edited' WHERE seq = 1 AND problem_id = "
                 "(SELECT id FROM problems WHERE number = '%s')" % number)
    if db_url.startswith("sqlite:"):
        con = sqlite3.connect(db_url[len("sqlite:"):])
        con.execute(statement)
        con.commit()
        con.close()
    else:
        subprocess.run(["psql", db_url, "-c", statement], check=True, capture_output=True)


def test_audit_catches_a_row_edited_in_the_database(login, role_user, workdir):
    # A server of its own, so the broken chain does not leak into other tests.
    from conftest import Server, new_database
    import os
    url = new_database(workdir)
    data = os.path.join(workdir, "audit-data")
    run_cli("demo", "--db", url, "--data-dir", data, "--problems-months", "0")
    s = Server(url, data)
    try:
        from conftest import Api
        import requests
        logins = {x["role"]: x for x in requests.get(s.base + "/api/v1/demo/logins").json()}
        def signin(role):
            r = requests.post(s.base + "/api/v1/session", json={"username": logins[role]["username"], "password": logins[role]["password"]})
            return Api(s.base, r.json()["token"])
        disp, admin = signin("dispatcher"), signin("admin")
        p = make(disp)
        make(disp)
        assert admin.get("/api/v1/audit/verify").json()["ok"] is True
        tamper(url, p["number"])
        rep = admin.get("/api/v1/audit/verify").json()
        assert rep["ok"] is False
        assert rep["first_break"]["number"] == p["number"] and rep["first_break"]["seq"] == 1
        out = run_cli("audit", "verify", "--db", url, check=False)
        assert out.returncode == 1 and p["number"] in out.stdout
        assert signin("grid_worker").get("/api/v1/audit/verify").status_code == 403
    finally:
        s.stop()


def test_ledger_xlsx_opens_in_libreoffice_with_the_rows(login, role_user, workdir):
    import csv, os, shutil, tempfile
    api = login(role_user["dispatcher"])
    p = make(api, description="导出测试：路边暴露垃圾")
    r = api.get("/api/v1/reports/ledger.xlsx", params={"q": p["number"]})
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    out = tempfile.mkdtemp(dir=workdir)
    path = os.path.join(out, "ledger.xlsx")
    with open(path, "wb") as f:
        f.write(r.content)
    profile = "file://" + os.path.join(out, "lo-profile")
    subprocess.run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", out, path],
                   check=True, capture_output=True, timeout=180)
    with open(os.path.join(out, "ledger.csv"), encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = next(r for r in rows if "编号" in r)
    assert {"编号", "来源", "类别", "位置", "网格", "责任单位", "问题描述", "整改时限", "状态", "整改情况", "销号时间"} <= set(header)
    data = [r for r in rows if p["number"] in r]
    assert len(data) == 1
    row = dict(zip(header, data[0]))
    assert row["类别"] == "暴露垃圾" and row["状态"] == "待受理" and "导出测试" in row["问题描述"]


def test_ledger_xlsx_rejects_bad_filters(login, role_user):
    r = login(role_user["dispatcher"]).get("/api/v1/reports/ledger.xlsx", params={"state": "lost"})
    assert r.status_code == 400
    problem_json(r)
