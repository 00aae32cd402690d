"""Territory CRUD: regions, units, assignments, merchants — happy paths, bad input,
optimistic concurrency, roles and tenant isolation."""
import pytest

from conftest import problem_json
from territory_helpers import unique_code, unit_by_code, zone_by_code, centroid

RESOURCES = ["regions", "units", "grids", "zones", "assignments", "merchants"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_signed_in_user_reads_and_anonymous_cannot(login, role_user, anon, resource):
    for role, username in role_user.items():
        r = login(username).get("/api/v1/" + resource)
        assert r.status_code == 200, (role, r.text)
        assert isinstance(r.json()["items"], list)
    r = anon.get("/api/v1/" + resource)
    assert r.status_code == 401
    problem_json(r)


def test_demo_town_has_the_promised_shape(login):
    api = login("viewer")
    get = lambda path: api.get(path, params={"limit": 5000}).json()["items"]
    grids, zones, merchants = get("/api/v1/grids"), get("/api/v1/zones"), get("/api/v1/merchants")
    assert len(grids) >= 60 and all(len(g["code"]) == 15 for g in grids)
    kinds = {z["kind"] for z in zones}
    assert {"road", "river", "frontage", "construction_site", "monitoring_station", "old_compound", "back_street",
            "market", "school_area"} <= kinds
    assert len([z for z in zones if z["kind"] == "road"]) >= 8
    assert all(u["duty"] == "路长" for z in zones if z["kind"] == "road" for u in z["units"][:1])
    assert len(merchants) >= 100
    assert any(m["licence_status"] == "none" for m in merchants)
    assert {m["stars"] for m in merchants} >= {2, 3, 4}
    compounds = [z for z in zones if z["kind"] == "old_compound"]
    assert len(compounds) >= 2 and all("property_status" in z["attrs"] for z in compounds)
    units = get("/api/v1/units")
    assert any("环卫" in u["handles"] for u in units) and all(u["principal"] for u in units)
    kinds = {a["kind"] for a in get("/api/v1/assignments")}
    assert {"village", "community", "street", "point"} <= kinds
    regions = get("/api/v1/regions")
    assert {r["level"] for r in regions} == {"county", "street", "community", "village"}


def test_unit_create_read_update_delete(login):
    admin = login("admin")
    jd = unit_by_code(admin, "JD")
    code = unique_code("unit")
    r = admin.post("/api/v1/units", {"code": code, "name": "测试保洁公司", "type": "enterprise", "parent_id": jd["id"],
                                      "principal": "张三", "phone": "0533-5180000", "handles": ["环卫", "园林"]})
    assert r.status_code == 201, r.text
    u = r.json()
    assert u["version"] == 1 and u["handles"] == ["环卫", "园林"] and u["type_label"] == "企业"
    assert admin.get("/api/v1/units/%d" % u["id"]).json() == u
    r = admin.patch("/api/v1/units/%d" % u["id"], {"principal": "李四", "version": 1})
    assert r.status_code == 200, r.text
    assert r.json()["principal"] == "李四" and r.json()["version"] == 2 and r.json()["name"] == "测试保洁公司"
    r = admin.patch("/api/v1/units/%d" % u["id"], {"parent_id": None, "version": 2})
    assert r.status_code == 200 and r.json()["parent_id"] is None
    assert admin.delete("/api/v1/units/%d" % u["id"]).status_code == 204
    assert admin.get("/api/v1/units/%d" % u["id"]).status_code == 404


def test_malformed_json_is_400_and_stores_nothing(login):
    admin = login("admin")
    before = admin.get("/api/v1/units", params={"limit": 5000}).json()["items"]
    for path in ("/api/v1/units", "/api/v1/regions", "/api/v1/grids", "/api/v1/zones", "/api/v1/merchants",
                 "/api/v1/assignments"):
        r = admin.post(path, data=b'{"code": "x", ', headers={"Content-Type": "application/json"})
        assert r.status_code == 400, path
        assert "JSON" in problem_json(r)["title"]
        r = admin.post(path, data=b'[1, 2]', headers={"Content-Type": "application/json"})
        assert r.status_code == 400, path
    assert admin.get("/api/v1/units", params={"limit": 5000}).json()["items"] == before


def test_lists_page_by_cursor(login):
    api = login("viewer")
    everything = api.get("/api/v1/merchants", params={"limit": 5000}).json()
    assert everything["next_cursor"] is None
    seen, cursor = [], None
    while True:
        page = api.get("/api/v1/merchants", params=dict({"limit": 40}, **({"cursor": cursor} if cursor else {}))).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == everything["items"]
    assert api.get("/api/v1/merchants", params={"limit": 0}).status_code == 400
    assert api.get("/api/v1/zones", params={"kind": "castle"}).status_code == 400
    roads = api.get("/api/v1/zones", params={"kind": "road"}).json()["items"]
    assert roads and {z["kind"] for z in roads} == {"road"}


def test_unit_field_errors_are_all_reported_in_chinese(login):
    admin = login("admin")
    before = admin.get("/api/v1/units", params={"limit": 5000}).json()["items"]
    r = admin.post("/api/v1/units", {"code": "has space", "name": 123, "type": "king", "parent_id": "x",
                                      "region_id": 99999999, "handles": "环卫", "colour": "red", "phone": "call me"})
    assert r.status_code == 400
    body = problem_json(r)
    errors = {e["field"]: e["message"] for e in body["errors"]}
    assert {"code", "name", "type", "parent_id", "handles", "colour", "phone"} <= set(errors)
    assert errors["colour"] == "未知字段" and "取值应为" in errors["type"]
    assert admin.get("/api/v1/units", params={"limit": 5000}).json()["items"] == before


def test_unit_cannot_become_its_own_ancestor(login):
    admin = login("admin")
    a = admin.post("/api/v1/units", {"code": unique_code("ua"), "name": "甲", "type": "team"}).json()
    b = admin.post("/api/v1/units", {"code": unique_code("ub"), "name": "乙", "type": "team", "parent_id": a["id"]}).json()
    r = admin.patch("/api/v1/units/%d" % a["id"], {"parent_id": b["id"], "version": a["version"]})
    assert r.status_code == 400
    assert any(e["field"] == "parent_id" for e in problem_json(r)["errors"])


def test_duplicate_code_is_409(login):
    admin = login("admin")
    r = admin.post("/api/v1/units", {"code": "CGZD", "name": "重复", "type": "team"})
    assert r.status_code == 409
    assert problem_json(r)["type"].endswith("duplicate")


def test_stale_version_is_409_and_keeps_the_newer_write(login):
    admin = login("admin")
    u = admin.post("/api/v1/units", {"code": unique_code("uv"), "name": "版本测试", "type": "agency"}).json()
    assert admin.patch("/api/v1/units/%d" % u["id"], {"name": "第一次", "version": 1}).status_code == 200
    r = admin.patch("/api/v1/units/%d" % u["id"], {"name": "过期的修改", "version": 1})
    assert r.status_code == 409
    assert problem_json(r)["type"].endswith("stale-version")
    assert admin.get("/api/v1/units/%d" % u["id"]).json()["name"] == "第一次"
    r = admin.patch("/api/v1/units/%d" % u["id"], {"name": "没有版本号"})
    assert r.status_code == 400 and any(e["field"] == "version" for e in problem_json(r)["errors"])


def test_deleting_a_referenced_unit_is_409(login):
    admin = login("admin")
    cg = unit_by_code(admin, "CGZD")
    r = admin.delete("/api/v1/units/%d" % cg["id"])
    assert r.status_code == 409
    assert problem_json(r)["type"].endswith("in-use")
    assert admin.get("/api/v1/units/%d" % cg["id"]).status_code == 200


@pytest.mark.parametrize("role", ["dispatcher", "inspector", "grid_worker", "unit_handler", "leader", "viewer"])
def test_only_admin_writes_units_regions_grids_zones(login, role_user, role):
    api = login(role_user[role])
    unit = unit_by_code(api, "HWS")
    for path, body in (("/api/v1/units", {"code": unique_code(), "name": "x", "type": "team"}),
                       ("/api/v1/regions", {"code": "370302010309", "name": "x", "level": "community"}),
                       ("/api/v1/grids", {"code": "370302010999001", "name": "x"}),
                       ("/api/v1/zones", {"code": unique_code(), "name": "x", "kind": "market"})):
        r = api.post(path, body)
        assert r.status_code == 403, (role, path)
        problem_json(r)
    r = api.patch("/api/v1/units/%d" % unit["id"], {"name": "篡改", "version": unit["version"]})
    assert r.status_code == 403
    assert api.delete("/api/v1/units/%d" % unit["id"]).status_code == 403


def test_other_tenant_sees_nothing_of_ours_and_gets_404(login):
    ours = login("admin")
    other = login("other_admin")
    for resource in RESOURCES:
        assert other.get("/api/v1/" + resource).json()["items"] == [], resource
        item = ours.get("/api/v1/" + resource, params={"limit": 1}).json()["items"][0]
        url = "/api/v1/%s/%d" % (resource, item["id"])
        assert other.get(url).status_code == 404, resource
        r = other.patch(url, {"name": "篡改", "version": item.get("version", 1)})
        assert r.status_code == 404, resource
        problem_json(r)
        assert other.delete(url).status_code == 404, resource
        got = ours.get(url).json()
        assert {k: got[k] for k in item} == item, resource
    assert other.get("/api/v1/grids.geojson").json()["features"] == []
    assert other.get("/api/v1/geo/lookup", params={"lng": 118.05, "lat": 36.80}).json()["grid"] is None


def test_region_codes_follow_the_tree(login):
    admin = login("admin")
    regions = admin.get("/api/v1/regions").json()["items"]
    street = next(r for r in regions if r["level"] == "street")
    ok = admin.post("/api/v1/regions", {"code": street["code"][:9] + "301", "name": "新建社区", "level": "community",
                                         "parent_id": street["id"]})
    assert ok.status_code == 201, ok.text
    for body, field in (({"code": "370302999301", "name": "前缀不符", "level": "community", "parent_id": street["id"]}, "code"),
                        ({"code": "37030201030", "name": "11 位", "level": "community"}, "code"),
                        ({"code": street["code"][:9] + "302", "name": "层级不符", "level": "street", "parent_id": street["id"]}, "code"),
                        ({"code": street["code"][:9] + "303", "name": "上级不存在", "level": "community", "parent_id": 99999999}, "parent_id")):
        r = admin.post("/api/v1/regions", body)
        assert r.status_code == 400, body
        assert field in {e["field"] for e in problem_json(r)["errors"]}, body
    r = admin.delete("/api/v1/regions/%d" % street["id"])
    assert r.status_code == 409
    assert admin.delete("/api/v1/regions/%d" % ok.json()["id"]).status_code == 204


def test_assignments_by_dispatcher_with_checked_targets(login):
    disp = login("dispatcher")
    village = unit_by_code(disp, "370302010201")
    community = unit_by_code(disp, "370302010001")
    jd = unit_by_code(disp, "JD")
    body = {"kind": "village", "cadre_name": "钱多多", "unit_id": jd["id"], "target_unit_id": village["id"],
            "target_name": village["name"], "duty": "包村干部", "start_date": "2024-05-01"}
    r = disp.post("/api/v1/assignments", body)
    assert r.status_code == 201, r.text
    a = r.json()
    assert a["kind_label"] == "包村" and a["target_unit_name"] == village["name"]
    r = disp.post("/api/v1/assignments", dict(body, target_unit_id=community["id"]))
    assert r.status_code == 400 and "target_unit_id" in {e["field"] for e in problem_json(r)["errors"]}
    r = disp.post("/api/v1/assignments", dict(body, start_date="2024-02-30", end_date="2023-01-01"))
    assert r.status_code == 400 and "start_date" in {e["field"] for e in problem_json(r)["errors"]}
    r = disp.patch("/api/v1/assignments/%d" % a["id"], {"end_date": "2024-04-01", "version": a["version"]})
    assert r.status_code == 400 and "end_date" in {e["field"] for e in problem_json(r)["errors"]}
    r = disp.patch("/api/v1/assignments/%d" % a["id"], {"end_date": "2024-12-31", "version": a["version"]})
    assert r.status_code == 200 and r.json()["end_date"] == "2024-12-31"
    assert login("inspector").post("/api/v1/assignments", body).status_code == 403
    assert disp.delete("/api/v1/assignments/%d" % a["id"]).status_code == 204


def test_merchant_in_a_frontage_zone_takes_its_duties(login):
    disp = login("dispatcher")
    zone = next(z for z in disp.get("/api/v1/zones", params={"kind": "frontage", "geometry": "true"}).json()["items"])
    lng, lat = centroid(zone["geometry"])
    r = disp.post("/api/v1/merchants", {"name": "测试烧烤", "address": "文峰路 1 号", "lng": lng, "lat": lat,
                                         "trade": "餐饮", "stars": 3, "licence_status": "none",
                                         "pledge_signed_at": "2024-03-15"})
    assert r.status_code == 201, r.text
    m = r.json()
    assert m["zone_id"] == zone["id"] and m["duty_set"] == zone["attrs"]["duties"]
    assert m["licence_label"].startswith("三无")
    r = disp.patch("/api/v1/merchants/%d" % m["id"], {"stars": 5, "version": m["version"]})
    assert r.status_code == 200 and r.json()["stars"] == 5 and r.json()["version"] == m["version"] + 1
    for bad, field in (({"stars": 6}, "stars"), ({"licence_status": "maybe"}, "licence_status"),
                       ({"pledge_signed_at": "去年"}, "pledge_signed_at"), ({"lng": 118.0}, "lat"),
                       ({"pledge_attachment_sha": "ab" * 32}, "pledge_attachment_sha"), ({"zone_id": 99999999}, "zone_id")):
        r = disp.post("/api/v1/merchants", dict({"name": "坏商户", "address": "某路"}, **bad))
        assert r.status_code == 400, bad
        assert field in {e["field"] for e in problem_json(r)["errors"]}, bad
    assert login("grid1").post("/api/v1/merchants", {"name": "x", "address": "y"}).status_code == 403
    assert disp.delete("/api/v1/merchants/%d" % m["id"]).status_code == 204


def test_zone_with_merchants_cannot_be_deleted(login):
    admin = login("admin")
    zone = zone_by_code(admin, "fr-wenfeng-l01")
    r = admin.delete("/api/v1/zones/%d" % zone["id"])
    assert r.status_code == 409
    assert "商户" in problem_json(r)["detail"]
