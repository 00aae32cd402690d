"""Recurring duties (常态化): rules and who missed which days."""
import datetime

import pytest

from campaign_helpers import today
from conftest import problem_json


def test_daily_duty_compliance(login, role_user):
    admin = login("admin")
    handler = login(role_user["unit_handler"])
    unit = handler.user["unit"]["id"]
    r = admin.post("/api/v1/duties", {"name": "书记每日一小时整治", "who": "unit", "unit_id": unit,
                                      "activity_kind": "secretary_daily_hour", "frequency": "daily",
                                      "start_date": today(-100)})
    assert r.status_code == 201, r.text
    duty = r.json()
    day = today(-60)
    r = handler.post("/api/v1/activities", {"kind": "secretary_daily_hour", "date": day, "participants": 3})
    assert r.status_code == 201, r.text
    c = admin.get("/api/v1/duties/compliance?from=%s&to=%s" % (today(-61), day)).json()
    mine = [x for x in c["items"] if x["duty_id"] == duty["id"]][0]
    assert mine["required_days"] == 2 and mine["missing_days"] == [today(-61)]
    assert duty["id"] in [d["id"] for d in admin.get("/api/v1/duties").json()["items"]]


def test_weekly_village_cadre_duty(login):
    admin = login("admin")
    r = admin.post("/api/v1/duties", {"name": "包村干部周五清理", "who": "village_cadres",
                                      "activity_kind": "friday_village_cleanup", "frequency": "weekly", "weekday": 5,
                                      "start_date": today(-30)})
    assert r.status_code == 201, r.text
    c = admin.get("/api/v1/duties/compliance?from=%s&to=%s" % (today(-14), today(-1))).json()
    for x in c["items"]:
        if x["duty_id"] == r.json()["id"]:
            assert x["required_days"] == 2
            for d in x["missing_days"]:
                assert datetime.date.fromisoformat(d).isoweekday() == 5


@pytest.mark.parametrize("change,field", [
    ({"frequency": "weekly"}, "weekday"),
    ({"weekday": 3}, "weekday"),
    ({"weekday": 8, "frequency": "weekly"}, "weekday"),
    ({"who": "everyone"}, "who"),
    ({"unit_id": None}, "unit_id"),
    ({"activity_kind": "party"}, "activity_kind"),
    ({"end_date": "2000-01-01"}, "end_date"),
    ({"start_date": "2024-02-30"}, "start_date"),
    ({"extra": 1}, "extra"),
])
def test_duty_bad_input(login, role_user, change, field):
    admin = login("admin")
    before = admin.get("/api/v1/duties").json()["items"]
    body = {"name": "每日清理", "who": "unit", "unit_id": login(role_user["unit_handler"]).user["unit"]["id"],
            "activity_kind": "cleanup", "frequency": "daily", "start_date": today()}
    body.update(change)
    body = {k: v for k, v in body.items() if v is not None}
    r = admin.post("/api/v1/duties", body)
    assert r.status_code == 400 and field in [e["field"] for e in problem_json(r)["errors"]], r.text
    assert admin.get("/api/v1/duties").json()["items"] == before
    assert login(role_user["unit_handler"]).post("/api/v1/duties", body).status_code == 403


def test_compliance_bad_range(login):
    admin = login("admin")
    for q in ("", "from=2024-01-01", "from=2024-02-01&to=2024-01-01", "from=2020-01-01&to=2024-01-01"):
        r = admin.get("/api/v1/duties/compliance?" + q)
        assert r.status_code == 400, q
        problem_json(r)
