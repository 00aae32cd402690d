"""Bulk import through the API and the CLI: every bad feature reported, all or nothing,
dry runs change nothing, upsert by code, and the spatial index reloaded."""
import json
import os
import tempfile

from conftest import problem_json, run_cli
from territory_helpers import far_spot, grid_code, lookup, square, unique_code, unit_by_code


def fc(features):
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def grid_feature(code, name, geometry, **props):
    return {"type": "Feature", "geometry": geometry, "properties": dict(code=code, name=name, **props)}


def listing(api, resource):
    return api.get("/api/v1/" + resource, params={"limit": 5000}).json()["items"]


def post_import(api, kind, body, dry_run=False):
    return api.post("/api/v1/import/" + kind, params={"dry_run": "true" if dry_run else "false"},
                    data=body.encode("utf-8"), headers={"Content-Type": "application/octet-stream"})


def test_grid_import_dry_run_then_real_then_upsert(login):
    admin = login("admin")
    spots = [far_spot() for _ in range(3)]
    codes = [grid_code() for _ in spots]
    body = fc([grid_feature(c, "导入网格%d" % i, square(*s), community="370302010001")
               for i, (c, s) in enumerate(zip(codes, spots))])
    before = listing(admin, "grids")
    r = post_import(admin, "grids", body, dry_run=True)
    assert r.status_code == 200, r.text
    res = r.json()
    assert res["ok"] and res["dry_run"] and res["created"] == 3 and res["updated"] == 0
    assert [i["code"] for i in res["items"]] == codes and {i["action"] for i in res["items"]} == {"create"}
    assert listing(admin, "grids") == before
    assert lookup(admin, *spots[0])["grid"] is None

    r = post_import(admin, "grids", body)
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 3 and not r.json()["dry_run"]
    hit = lookup(admin, *spots[1])
    assert hit["grid"]["code"] == codes[1] and hit["grid"]["community"]["name"] == "文峰社区居委会"

    renamed = body.replace("导入网格", "更名网格")
    r = post_import(admin, "grids", renamed)
    assert r.status_code == 200 and r.json()["updated"] == 3 and r.json()["created"] == 0
    names = {g["code"]: g["name"] for g in listing(admin, "grids")}
    assert names[codes[2]] == "更名网格2"
    assert len(listing(admin, "grids")) == len(before) + 3


def test_grid_import_reports_every_bad_feature_and_imports_nothing(login):
    admin = login("admin")
    spot = far_spot()
    good = grid_code()
    bowtie = {"type": "Polygon", "coordinates": [[[118.3, 36.9], [118.31, 36.91], [118.31, 36.9], [118.3, 36.91], [118.3, 36.9]]]}
    features = [
        grid_feature(good, "好网格", square(*spot)),
        grid_feature(grid_code(), "自相交", bowtie),
        grid_feature(grid_code(), "社区不存在", square(*far_spot()), community="999999999999"),
        grid_feature("12345", "编码太短", square(*far_spot())),
        grid_feature(good, "编码重复", square(*far_spot())),
        {"type": "Feature", "geometry": square(*far_spot()), "properties": {"code": grid_code()}},
        grid_feature(grid_code(), "境外", square(2.35, 48.85)),
        {"type": "Feature", "geometry": None, "properties": {"code": grid_code(), "name": "没有图形"}},
        "not a feature",
        grid_feature(listing(admin, "grids")[0]["code"], "已有编码则更新", square(*far_spot())),
    ]
    before = listing(admin, "grids")
    r = post_import(admin, "grids", fc(features))
    assert r.status_code == 400
    body = problem_json(r)
    assert body["ok"] is False and body["type"].endswith("import-invalid")
    by_index = {}
    for e in body["errors"]:
        by_index.setdefault(e["index"], []).append(e)
    assert set(by_index) == {1, 2, 3, 4, 5, 6, 7, 8}
    assert "自相交" in by_index[1][0]["reason"] and by_index[1][0]["field"].startswith("geometry")
    assert "999999999999" in by_index[2][0]["reason"]
    assert by_index[3][0]["code"] == "12345" and "15 位" in by_index[3][0]["reason"]
    assert "第 0 项重复" in by_index[4][0]["reason"]
    assert by_index[5][0]["field"] == "properties.name"
    assert "中国" in by_index[6][0]["reason"]
    assert listing(admin, "grids") == before
    assert lookup(admin, *spot)["grid"] is None


def test_zone_import_with_buffer_and_responsible_units(login):
    admin = login("admin")
    lng, lat = far_spot()
    code = unique_code("imp-road")
    line = {"type": "LineString", "coordinates": [[lng - 0.003, lat], [lng + 0.003, lat]]}
    feature = {"type": "Feature", "geometry": line,
               "properties": {"code": code, "name": "导入路", "kind": "道路", "buffer_m": 15,
                              "units": [{"unit": "CGZD", "duty": "路长", "person": "赵路长"}]}}
    bad = {"type": "Feature", "geometry": line, "properties": {"code": unique_code("imp"), "name": "缺缓冲", "kind": "road"}}
    bad_kind = {"type": "Feature", "geometry": line,
                "properties": {"code": unique_code("imp"), "name": "类型错", "kind": "高速", "buffer_m": 5}}
    bad_unit = {"type": "Feature", "geometry": line,
                "properties": {"code": unique_code("imp"), "name": "单位错", "kind": "river", "buffer_m": 5,
                               "units": [{"unit": "NOPE", "duty": "河长"}]}}
    r = post_import(admin, "zones", fc([feature, bad, bad_kind, bad_unit]))
    assert r.status_code == 400
    errors = problem_json(r)["errors"]
    assert {e["index"] for e in errors} == {1, 2, 3}
    assert any("缓冲" in e["reason"] for e in errors if e["index"] == 1)
    assert lookup(admin, lng, lat)["zones"] == []
    r = post_import(admin, "zones", fc([feature]))
    assert r.status_code == 200, r.text
    hit = lookup(admin, lng, lat)
    assert [z["code"] for z in hit["zones"]] == [code]
    assert hit["suggested_units"][0]["reason"] == "责任区: 导入路（路长 赵路长）"


def test_unit_import_from_csv_with_chinese_headers(login):
    admin = login("admin")
    a, b = unique_code("csv-a"), unique_code("csv-b")
    csv = ("\ufeff编码,名称,单位类型,上级单位编码,主要负责人,电话,职责\r\n"
           "%s,导入中队,中队/队伍,%s,王队长,13800000000,\"城管、环卫\"\r\n"
           "%s,导入大队,team,JD,李大队长,,城管\r\n"
           "\r\n" % (a, b, b))
    before = listing(admin, "units")
    r = post_import(admin, "units", csv, dry_run=True)
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 2 and listing(admin, "units") == before
    r = post_import(admin, "units", csv)
    assert r.status_code == 200, r.text
    ua, ub = unit_by_code(admin, a), unit_by_code(admin, b)
    assert ua["parent_id"] == ub["id"] and ua["handles"] == ["城管", "环卫"] and ua["type"] == "team"
    assert ub["parent_id"] == unit_by_code(admin, "JD")["id"]
    r = post_import(admin, "units", csv.replace("王队长", "张队长"))
    assert r.status_code == 200 and r.json()["updated"] == 2
    assert unit_by_code(admin, a)["principal"] == "张队长"


def test_unit_import_errors(login):
    admin = login("admin")
    before = listing(admin, "units")
    r = post_import(admin, "units", "code,name,type,colour\nx1,甲,team,red\n")
    assert r.status_code == 400
    errors = problem_json(r)["errors"]
    assert errors[0]["index"] is None and "colour" in errors[0]["reason"]
    c1, c2 = unique_code("loop"), unique_code("loop")
    csv = ("code,name,type,parent\n"
           "%s,甲,team,%s\n%s,乙,team,%s\n"
           "bad code,丙,team,\n%s,丁,king,\n%s,戊,team,NOPE\n" % (c1, c2, c2, c1, unique_code(), unique_code()))
    r = post_import(admin, "units", csv)
    assert r.status_code == 400
    errors = problem_json(r)["errors"]
    assert {e["index"] for e in errors} == {0, 1, 2, 3, 4}
    assert any("循环" in e["reason"] for e in errors)
    r = post_import(admin, "units", 'code,name,type\n"unterminated,甲,team\n')
    assert r.status_code == 400 and "引号" in problem_json(r)["errors"][0]["reason"]
    assert listing(admin, "units") == before


def test_import_rules_for_requests(login):
    admin = login("admin")
    assert post_import(login("dispatcher"), "grids", fc([])).status_code == 403
    assert post_import(admin, "roads", fc([])).status_code == 404
    r = admin.post("/api/v1/import/grids", params={"dry_run": "maybe"}, data=b"{}")
    assert r.status_code == 400
    r = post_import(admin, "grids", '{"type": "FeatureCollection", "features": [')
    assert r.status_code == 400 and "JSON" in problem_json(r)["errors"][0]["reason"]
    r = post_import(admin, "grids", "code,name\n1,2\n")
    assert r.status_code == 400 and "GeoJSON" in problem_json(r)["errors"][0]["reason"]
    r = post_import(admin, "grids", fc([]))
    assert r.status_code == 400


def test_cli_import_prints_one_line_per_error_and_exits_1(demo_db, login):
    url, _ = demo_db
    features = [grid_feature(grid_code(), "好", square(*far_spot())),
                grid_feature("1", "坏编码", square(*far_spot())),
                grid_feature(grid_code(), "坏社区", square(*far_spot()), community="NOPE")]
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "grids.geojson")
        with open(path, "w", encoding="utf-8") as f:
            f.write(fc(features))
        before = listing(login("admin"), "grids")
        r = run_cli("import", "grids", path, "--db", url, check=False)
        assert r.returncode == 1, r.stdout + r.stderr
        lines = [x for x in r.stderr.splitlines() if x.startswith("第 ")]
        assert len(lines) == 2 and lines[0].startswith("第 1 项") and lines[1].startswith("第 2 项")
        assert "未导入任何数据" in r.stderr
        with open(path, "w", encoding="utf-8") as f:
            f.write(fc(features[:1]))
        r = run_cli("import", "grids", path, "--db", url, "--dry-run", check=False)
        assert r.returncode == 0, r.stderr
        assert "将新建 1 条" in r.stdout
        assert listing(login("admin"), "grids") == before
