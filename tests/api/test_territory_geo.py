"""Grids and zones with geometry, the GeoJSON layers, and point lookup with routing
suggestions; the spatial index follows every edit without a restart."""
import pytest

from conftest import problem_json
from territory_helpers import (centroid, far_spot, grid_code, lookup, square, unique_code, unit_by_code,
                               zone_by_code)


def test_grid_lifecycle_keeps_the_index_in_step(login):
    admin = login("admin")
    lng, lat = far_spot()
    assert lookup(admin, lng, lat)["grid"] is None
    community = unit_by_code(admin, "370302010001")
    worker = next(u for u in admin.get("/api/v1/users").json()["items"] if u["username"] == "grid1")
    r = admin.post("/api/v1/grids", {"code": grid_code(), "name": "测试网格", "geometry": square(lng, lat),
                                      "community_unit_id": community["id"], "worker_user_ids": [worker["id"]]})
    assert r.status_code == 201, r.text
    g = r.json()
    assert g["community"]["name"] == community["name"] and g["workers"][0]["id"] == worker["id"]
    hit = lookup(admin, lng, lat)
    assert hit["grid"]["id"] == g["id"] and hit["grid"]["community"]["id"] == community["id"]
    assert hit["suggested_units"][-1] == {"id": community["id"], "name": community["name"], "reason": "网格所属社区"}
    lng2, lat2 = far_spot()
    r = admin.patch("/api/v1/grids/%d" % g["id"], {"geometry": square(lng2, lat2), "version": g["version"]})
    assert r.status_code == 200, r.text
    assert lookup(admin, lng, lat)["grid"] is None
    assert lookup(admin, lng2, lat2)["grid"]["id"] == g["id"]
    assert admin.delete("/api/v1/grids/%d" % g["id"]).status_code == 204
    assert lookup(admin, lng2, lat2)["grid"] is None


BAD_SHAPES = {
    "ring not closed": {"type": "Polygon", "coordinates": [[[118.3, 36.9], [118.31, 36.9], [118.31, 36.91], [118.3, 36.91]]]},
    "self-intersection": {"type": "Polygon", "coordinates": [[[118.3, 36.9], [118.31, 36.91], [118.31, 36.9], [118.3, 36.91], [118.3, 36.9]]]},
    "outside China": {"type": "Polygon", "coordinates": [[[2.3, 48.8], [2.4, 48.8], [2.4, 48.9], [2.3, 48.8]]]},
    "too few points": {"type": "Polygon", "coordinates": [[[118.3, 36.9], [118.31, 36.9], [118.3, 36.9]]]},
    "not a number": {"type": "Polygon", "coordinates": [[[118.3, "36.9"], [118.31, 36.9], [118.31, 36.91], [118.3, 36.9]]]},
    "line for a grid": {"type": "LineString", "coordinates": [[118.3, 36.9], [118.31, 36.9]]},
    "unknown type": {"type": "Circle", "coordinates": [118.3, 36.9]},
    "not an object": [118.3, 36.9],
}


@pytest.mark.parametrize("case", sorted(BAD_SHAPES))
def test_bad_grid_geometry_is_refused_with_a_chinese_reason(login, case):
    admin = login("admin")
    before = admin.get("/api/v1/grids", params={"limit": 5000}).json()["items"]
    r = admin.post("/api/v1/grids", {"code": grid_code(), "name": "坏网格", "geometry": BAD_SHAPES[case]})
    assert r.status_code == 400, (case, r.text)
    errors = problem_json(r)["errors"]
    assert errors and all(e["field"].startswith("geometry") for e in errors), errors
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in e["message"]) for e in errors)
    if case == "self-intersection":
        assert "自相交" in errors[0]["message"]
    assert admin.get("/api/v1/grids", params={"limit": 5000}).json()["items"] == before


def test_bad_grid_codes(login):
    admin = login("admin")
    regions = admin.get("/api/v1/regions").json()["items"]
    wenfeng = next(r for r in regions if r["name"] == "文峰社区")
    lng, lat = far_spot()
    for code in ("37030201000100", "3703020100010011", "37030201000100a", 370302010001001):
        r = admin.post("/api/v1/grids", {"code": code, "name": "坏编码", "geometry": square(lng, lat)})
        assert r.status_code == 400, code
        assert "code" in {e["field"] for e in problem_json(r)["errors"]}
    r = admin.post("/api/v1/grids", {"code": "370302010002901", "name": "前缀不符", "geometry": square(lng, lat),
                                      "region_id": wenfeng["id"]})
    assert r.status_code == 400 and "code" in {e["field"] for e in problem_json(r)["errors"]}
    existing = admin.get("/api/v1/grids", params={"limit": 1}).json()["items"][0]
    r = admin.post("/api/v1/grids", {"code": existing["code"], "name": "重复", "geometry": square(lng, lat)})
    assert r.status_code == 409
    r = admin.post("/api/v1/grids", {"code": grid_code(), "name": "社区不对", "geometry": square(lng, lat),
                                      "community_unit_id": unit_by_code(admin, "HWS")["id"]})
    assert r.status_code == 400 and "community_unit_id" in {e["field"] for e in problem_json(r)["errors"]}


def test_road_zone_is_a_buffered_line_with_its_road_chief(login):
    admin = login("admin")
    lng, lat = far_spot()
    cg = unit_by_code(admin, "CGZD")
    line = {"type": "LineString", "coordinates": [[lng - 0.003, lat], [lng + 0.003, lat]]}
    r = admin.post("/api/v1/zones", {"code": unique_code("road"), "name": "测试路", "kind": "road", "geometry": line})
    assert r.status_code == 400 and "缓冲" in problem_json(r)["errors"][0]["message"]
    r = admin.post("/api/v1/zones", {"code": unique_code("road"), "name": "测试路", "kind": "road", "geometry": line,
                                      "buffer_m": 12, "attrs": {"road_class": "次干道"},
                                      "units": [{"unit_id": cg["id"], "person": "王路长", "duty": "路长"}]})
    assert r.status_code == 201, r.text
    z = r.json()
    assert z["geometry"]["type"] == "LineString" and z["buffer_m"] == 12 and z["units"][0]["unit_name"] == cg["name"]
    hit = lookup(admin, lng, lat + 0.00005)  # ~5 m off the centreline
    assert [x["id"] for x in hit["zones"]] == [z["id"]] and hit["grid"] is None
    assert hit["suggested_units"][0] == {"id": cg["id"], "name": cg["name"], "reason": "责任区: 测试路（路长 王路长）"}
    assert lookup(admin, lng, lat + 0.0005)["zones"] == []  # ~55 m away
    r = admin.patch("/api/v1/zones/%d" % z["id"], {"buffer_m": 80, "version": z["version"]})
    assert r.status_code == 200, r.text
    assert [x["id"] for x in lookup(admin, lng, lat + 0.0005)["zones"]] == [z["id"]]
    r = admin.patch("/api/v1/zones/%d" % z["id"], {"buffer_m": 0, "version": r.json()["version"]})
    assert r.status_code == 400 and "buffer_m" in {e["field"] for e in problem_json(r)["errors"]}
    assert admin.delete("/api/v1/zones/%d" % z["id"]).status_code == 204
    assert lookup(admin, lng, lat)["zones"] == []


def test_zone_attrs_are_checked_by_kind(login):
    admin = login("admin")
    lng, lat = far_spot()
    r = admin.post("/api/v1/zones", {"code": unique_code("fr"), "name": "门前", "kind": "frontage", "geometry": square(lng, lat)})
    assert r.status_code == 201, r.text
    assert r.json()["attrs"] == {"duty_scheme": "门前五包", "duties": ["包卫生", "包秩序", "包绿化", "包设施", "包市容"]}
    r = admin.post("/api/v1/zones", {"code": unique_code("fr"), "name": "门前", "kind": "frontage", "geometry": square(lng, lat),
                                      "attrs": {"duty_scheme": "门前三包"}})
    assert r.status_code == 201 and len(r.json()["attrs"]["duties"]) == 3
    for kind, attrs, field in (("frontage", {"duty_scheme": "门前八包"}, "attrs.duty_scheme"),
                               ("frontage", {"duties": []}, "attrs.duties"),
                               ("old_compound", {"property_status": "great"}, "attrs.property_status"),
                               ("old_compound", {"households": -3}, "attrs.households"),
                               ("market", [1, 2], "attrs")):
        r = admin.post("/api/v1/zones", {"code": unique_code("z"), "name": "坏属性", "kind": kind,
                                          "geometry": square(lng, lat), "attrs": attrs})
        assert r.status_code == 400, attrs
        assert field in {e["field"] for e in problem_json(r)["errors"]}, (attrs, r.text)
    r = admin.post("/api/v1/zones", {"code": unique_code("z"), "name": "坏单位", "kind": "market", "geometry": square(lng, lat),
                                      "units": [{"unit_id": 99999999, "duty": "x"}, {"who": 1}]})
    assert r.status_code == 400
    fields = {e["field"] for e in problem_json(r)["errors"]}
    assert {"units[0].unit_id", "units[1].unit_id", "units[1].who"} <= fields


def test_geojson_layers(login):
    api = login("grid1")
    grids = api.get("/api/v1/grids.geojson")
    assert grids.status_code == 200 and grids.headers["Content-Type"].startswith("application/geo+json")
    fc = grids.json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) >= 60
    props = fc["features"][0]["properties"]
    assert {"id", "code", "name", "kind"} <= set(props) and props["kind"] == "grid"
    zones = api.get("/api/v1/zones.geojson").json()["features"]
    roads = [f for f in zones if f["properties"]["kind"] == "road"]
    assert roads and all(f["geometry"]["type"] == "LineString" and f["properties"]["buffer_m"] > 0 for f in roads)
    buffered = api.get("/api/v1/zones.geojson", params={"buffered": "true", "kind": "road"}).json()["features"]
    assert len(buffered) == len(roads) and {f["geometry"]["type"] for f in buffered} <= {"Polygon", "MultiPolygon"}


def test_lookup_on_known_demo_points(login):
    api = login("dispatcher")
    feature = api.get("/api/v1/grids.geojson").json()["features"][0]
    lng, lat = centroid(feature["geometry"])
    hit = lookup(api, lng, lat)
    assert hit["grid"]["id"] == feature["id"] and hit["grid"]["code"] == feature["properties"]["code"]
    assert hit["grid"]["community"]["name"].startswith("文峰社区")
    assert hit["suggested_units"][-1]["reason"] == "网格所属社区"
    # 社区 work goes to this grid's community, not to every community of the street.
    hit = lookup(api, lng, lat, unit_type="社区")
    assert [s["reason"] for s in hit["suggested_units"]] == ["网格所属社区"]

    road = zone_by_code(api, "road-wenfeng")
    road = api.get("/api/v1/zones/%d" % road["id"]).json()
    lng, lat = road["geometry"]["coordinates"][7]  # a vertex of the centreline, between crossings
    hit = lookup(api, lng, lat)
    assert road["id"] in [z["id"] for z in hit["zones"]] and hit["grid"] is not None
    cg, hw = unit_by_code(api, "CGZD"), unit_by_code(api, "HWS")
    assert hit["suggested_units"][0]["id"] == cg["id"]
    assert hit["suggested_units"][0]["reason"].startswith("责任区: 文峰路（路长")
    # A category handled by 环卫 puts the sanitation station first.
    hit = lookup(api, lng, lat, unit_type="环卫")
    assert hit["suggested_units"][0]["id"] == hw["id"] and hit["suggested_units"][0]["reason"].startswith("责任区: 文峰路")
    hit = lookup(api, lng, lat, unit_type="水务")
    assert hit["suggested_units"][0]["id"] == unit_by_code(api, "SWZ")["id"]
    assert hit["suggested_units"][0]["reason"] == "职责单位: 负责水务"

    station = zone_by_code(api, "station-jiangjun")
    station = api.get("/api/v1/zones/%d" % station["id"]).json()
    lng, lat = station["geometry"]["coordinates"]
    assert station["id"] in [z["id"] for z in lookup(api, lng + 0.002, lat)["zones"]]  # ~180 m: inside 300 m
    assert station["id"] not in [z["id"] for z in lookup(api, lng + 0.005, lat)["zones"]]  # ~450 m

    nowhere = lookup(api, 100.0, 30.0)
    assert nowhere["grid"] is None and nowhere["zones"] == [] and nowhere["suggested_units"] == []


@pytest.mark.parametrize("params,field", [({"lat": 36.8}, "lng"), ({"lng": "abc", "lat": 36.8}, "lng"),
                                          ({"lng": "nan", "lat": 36.8}, "lng"), ({"lng": "inf", "lat": 36.8}, "lng"),
                                          ({"lng": 118.05, "lat": 95}, "lat"), ({"lng": 200, "lat": 36.8}, "lng"),
                                          ({"lng": "118.05x", "lat": 36.8}, "lng"), ({"lng": 118.05, "lat": ""}, "lat")])
def test_lookup_validates_coordinates(login, params, field):
    r = login("viewer").get("/api/v1/geo/lookup", params=params)
    assert r.status_code == 400, r.text
    assert [e["field"] for e in problem_json(r)["errors"]] == [field]


def test_lookup_needs_a_session(anon):
    assert anon.get("/api/v1/geo/lookup", params={"lng": 118.05, "lat": 36.8}).status_code == 401
