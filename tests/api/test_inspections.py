"""Inspection rounds (督查检查): checklists, scores, findings into the ledger, 回头看."""
import pytest

from campaign_helpers import create_campaign, today, unit_ids
from conftest import problem_json
from ledger_helpers import fresh_point, upload


@pytest.fixture
def insp(login, role_user):
    return login(role_user["inspector"])


def new_round(api, **extra):
    body = {"kind": "weekly", "date": today(), "title": "周督查"}
    body.update(extra)
    r = api.post("/api/v1/inspections", body)
    assert r.status_code == 201, r.text
    return r.json()


def test_round_with_checklist_scores(login, insp):
    admin = login("admin")
    unit = unit_ids(admin)[0]
    rnd = new_round(insp)
    assert rnd["inspector_ids"] == [insp.user["id"]]
    lists = insp.get("/api/v1/checklists").json()["site_types"]
    assert {"construction_site", "seven_small", "stockpile", "road_cleaning"} <= {t["id"] for t in lists}
    r = insp.post("/api/v1/inspections/%d/scores" % rnd["id"], {
        "unit_id": unit, "site_type": "road_cleaning", "site_name": "文峰路",
        "items": [{"id": "dust_load", "value": 7.2}, {"id": "litter", "passed": True}, {"id": "bins", "passed": True}]})
    assert r.status_code == 201, r.text
    s = r.json()
    assert s["score"] == 66.67 and s["items"][0]["passed"] is False
    r = insp.post("/api/v1/inspections/%d/scores" % rnd["id"], {"unit_id": unit, "score": 92})
    assert r.status_code == 201
    got = admin.get("/api/v1/inspections/%d" % rnd["id"]).json()
    assert [x["score"] for x in got["scores"]] == [s["score"], 92]


@pytest.mark.parametrize("change,field", [
    ({"kind": "daily"}, "kind"),
    ({"kind": "higher_level"}, "level"),
    ({"kind": "weekly", "level": "市"}, "level"),
    ({"kind": "higher_level", "level": "国"}, "level"),
    ({"date": "2024-02-30"}, "date"),
    ({"inspector_ids": [999999]}, "inspector_ids[0]"),
    ({"inspector_ids": []}, "inspector_ids"),
    ({"campaign_id": 999999}, "campaign_id"),
    ({"weather": 1}, "weather"),
])
def test_round_bad_input(login, insp, change, field):
    admin = login("admin")
    before = len(admin.get("/api/v1/inspections").json()["items"])
    body = {"kind": "weekly", "date": today()}
    body.update(change)
    r = insp.post("/api/v1/inspections", body)
    assert r.status_code == 400 and field in [e["field"] for e in problem_json(r)["errors"]], r.text
    assert len(admin.get("/api/v1/inspections").json()["items"]) == before


@pytest.mark.parametrize("body,field", [
    ({"unit_id": 1}, "score"),
    ({"unit_id": 1, "score": 101}, "score"),
    ({"unit_id": 999999, "score": 50}, "unit_id"),
    ({"unit_id": 1, "site_type": "公园", "score": 50}, "site_type"),
    ({"unit_id": 1, "site_type": "road_cleaning", "items": [{"id": "dust_load"}]}, "items[0].value"),
    ({"unit_id": 1, "site_type": "road_cleaning", "items": [{"id": "nope", "passed": True}]}, "items[0].id"),
])
def test_score_bad_input(login, insp, body, field):
    rnd = new_round(insp)
    body = dict(body, unit_id=unit_ids(login("admin"))[0] if body["unit_id"] == 1 else body["unit_id"])
    r = insp.post("/api/v1/inspections/%d/scores" % rnd["id"], body)
    assert r.status_code == 400 and field in [e["field"] for e in problem_json(r)["errors"]], r.text
    assert insp.get("/api/v1/inspections/%d" % rnd["id"]).json()["scores"] == []


def test_roles_and_tenancy(login, role_user, insp):
    rnd = new_round(insp)
    for role in ("unit_handler", "grid_worker", "viewer"):
        r = login(role_user[role]).post("/api/v1/inspections", {"kind": "weekly", "date": today()})
        assert r.status_code == 403, role
    assert login("other_admin").get("/api/v1/inspections/%d" % rnd["id"]).status_code == 404
    r = login("other_admin").post("/api/v1/inspections/%d/scores" % rnd["id"], {"unit_id": 1, "score": 1})
    assert r.status_code == 404


def test_covert_finding_goes_to_the_ledger(login, insp):
    admin = login("admin")
    camp = create_campaign(admin, unit_ids(admin)[:1])
    rnd = new_round(insp, kind="covert", campaign_id=camp["id"])
    lng, lat, _ = fresh_point(insp)
    photo = upload(insp, lng=lng, lat=lat)
    r = insp.post("/api/v1/inspections/%d/findings" % rnd["id"], {
        "category_code": "06010", "lng": lng, "lat": lat, "address": "暗访点位", "description": "暗访发现暴露垃圾",
        "attachment_ids": [photo["id"]]})
    assert r.status_code == 201, r.text
    p = r.json()["problem"]
    assert p["source"] == "covert" and p["campaign_id"] == camp["id"]
    assert admin.get("/api/v1/inspections/%d" % rnd["id"]).json()["finding_problem_ids"] == [p["id"]]
    r = insp.post("/api/v1/inspections/%d/findings" % rnd["id"], {"category_code": "06010"})
    assert r.status_code == 400 and problem_json(r)
    # A campaign with tagged problems cannot be deleted.
    r = admin.delete("/api/v1/campaigns/%d" % camp["id"])
    assert r.status_code == 409 and problem_json(r)


def test_recheck_sample_needs_a_recheck_round(insp):
    rnd = new_round(insp)
    r = insp.post("/api/v1/inspections/%d/recheck-sample" % rnd["id"], {"count": 5, "days": 30})
    assert r.status_code == 400 and problem_json(r)
    rc = new_round(insp, kind="recheck")
    r = insp.post("/api/v1/inspections/%d/recheck-sample" % rc["id"], {"count": 5, "days": 30})
    assert r.status_code == 201, r.text
    assert len(r.json()["sampled_problem_ids"]) <= 5
    for bad in ({"count": 0, "days": 30}, {"count": 5}, {"count": 5, "days": "30"}):
        assert insp.post("/api/v1/inspections/%d/recheck-sample" % rc["id"], bad).status_code == 400
    r = insp.post("/api/v1/inspections/%d/recheck/%d" % (rc["id"], 999999), {"result": "confirmed"})
    assert r.status_code == 404
