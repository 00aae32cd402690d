"""Activities (工作日志): recording, filters, totals for the work report."""
import pytest

from campaign_helpers import today
from conftest import problem_json


@pytest.fixture
def handler(login, role_user):
    return login(role_user["unit_handler"])


def log(api, **extra):
    body = {"kind": "cleanup", "date": today(-1), "participants": 12, "vehicles": 2, "funds": 0.5,
            "quantities": [{"kind": "清运垃圾", "amount": 3.5, "unit": "吨"},
                           {"kind": "清理小广告", "amount": 120, "unit": "条"}],
            "note": "集中清理背街小巷"}
    body.update(extra)
    return api.post("/api/v1/activities", body)


def test_record_list_and_total(login, handler):
    admin = login("admin")
    unit = handler.user["unit"]["id"]
    day = today(-3)
    before = admin.get("/api/v1/activities/totals?from=%s&to=%s&unit_id=%d" % (day, day, unit)).json()
    r = log(handler, date=day)
    assert r.status_code == 201, r.text
    a = r.json()
    assert a["unit_id"] == unit and a["quantities"][0] == {"kind": "清运垃圾", "amount": 3.5, "unit": "吨"}
    r = log(handler, date=day, kind="secretary_daily_hour", quantities=[{"kind": "清运垃圾", "amount": 1.5, "unit": "吨"}])
    assert r.status_code == 201
    items = admin.get("/api/v1/activities?from=%s&to=%s&unit_id=%d" % (day, day, unit)).json()["items"]
    assert len(items) == 2 + before["activities"]
    only = admin.get("/api/v1/activities?from=%s&to=%s&kind=secretary_daily_hour" % (day, day)).json()["items"]
    assert {x["kind"] for x in only} == {"secretary_daily_hour"}
    t = admin.get("/api/v1/activities/totals?from=%s&to=%s&unit_id=%d" % (day, day, unit)).json()
    garbage = [q["amount"] for q in t["quantities"] if q["kind"] == "清运垃圾" and q["unit"] == "吨"]
    old = [q["amount"] for q in before["quantities"] if q["kind"] == "清运垃圾" and q["unit"] == "吨"]
    assert garbage[0] == pytest.approx((old[0] if old else 0) + 5.0)
    assert t["participants"] == before["participants"] + 24 and t["vehicles"] == before["vehicles"] + 4


@pytest.mark.parametrize("change,field", [
    ({"kind": "party"}, "kind"),
    ({"date": "2024-02-30"}, "date"),
    ({"participants": -1}, "participants"),
    ({"vehicles": "2"}, "vehicles"),
    ({"funds": -3}, "funds"),
    ({"quantities": [{"kind": "垃圾", "amount": 1, "unit": "斤"}]}, "quantities[0].unit"),
    ({"quantities": [{"kind": "垃圾", "amount": -1, "unit": "吨"}]}, "quantities[0].amount"),
    ({"quantities": [{"kind": "垃圾", "amount": 1, "unit": "吨", "x": 1}]}, "quantities[0].x"),
    ({"quantities": "3 吨"}, "quantities"),
    ({"attachment_ids": [999999]}, "attachment_ids[0]"),
    ({"campaign_id": 999999}, "campaign_id"),
    ({"weather": "晴"}, "weather"),
])
def test_bad_input_records_nothing(login, handler, change, field):
    admin = login("admin")
    day = today(-40)
    before = admin.get("/api/v1/activities?from=%s&to=%s" % (day, day)).json()["items"]
    r = log(handler, **dict({"date": day}, **change))
    assert r.status_code == 400, r.text
    assert field in [e["field"] for e in problem_json(r)["errors"]]
    assert admin.get("/api/v1/activities?from=%s&to=%s" % (day, day)).json()["items"] == before


def test_malformed_json_and_bad_query(login, handler):
    r = handler.post("/api/v1/activities", data=b"{", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and problem_json(r)
    admin = login("admin")
    for q in ("from=2024-13-01", "from=2024-02-01&to=2024-01-01", "unit_id=abc", "kind=party"):
        r = admin.get("/api/v1/activities?" + q)
        assert r.status_code == 400, q
        problem_json(r)
    r = admin.get("/api/v1/activities/totals?from=2024-02-01&to=2024-01-01")
    assert r.status_code == 400


def test_unit_handler_logs_only_own_unit(login, role_user, handler):
    others = [u["unit_id"] for u in login("admin").get("/api/v1/users").json()["items"]
              if u["unit_id"] and u["unit_id"] != handler.user["unit"]["id"]]
    r = log(handler, unit_id=others[0])
    assert r.status_code == 403 and problem_json(r)
    r = log(login(role_user["viewer"]))
    assert r.status_code == 403
    r = login("other_admin").get("/api/v1/activities")
    assert r.status_code == 200 and r.json()["items"] == []
