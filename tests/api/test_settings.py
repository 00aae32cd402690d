"""Editable ledger configuration: categories and the working calendar."""
import copy

from conftest import problem_json


def test_categories_carry_limits_and_standards(login, role_user):
    body = login(role_user["grid_worker"]).get("/api/v1/categories").json()
    cat = {c["code"]: c for c in body["items"]}["06010"]
    assert cat["name"] == "暴露垃圾"
    assert cat["limit"]["hours"] > 0 and cat["limit"]["kind"] in ("working", "natural")
    assert cat["filing_standard"] and cat["closing_standard"]


def test_bad_category_list_is_refused_and_nothing_changes(login, role_user):
    admin = login(role_user["admin"])
    before = admin.get("/api/v1/categories").json()
    doc = copy.deepcopy(before["document"])
    doc["categories"][0]["limit"]["hours"] = -4
    doc["categories"][1]["code"] = doc["categories"][2]["code"]
    r = admin.put("/api/v1/categories", doc)
    assert r.status_code == 400
    assert len(problem_json(r)["errors"]) >= 2
    assert admin.put("/api/v1/categories", data=b"{not json", headers={"Content-Type": "application/json"}).status_code == 400
    assert admin.get("/api/v1/categories").json() == before


def test_only_admin_edits_categories(login, role_user):
    doc = login(role_user["admin"]).get("/api/v1/categories").json()["document"]
    r = login(role_user["dispatcher"]).put("/api/v1/categories", doc)
    assert r.status_code == 403


def test_admin_edits_a_time_limit(login, role_user):
    admin = login(role_user["admin"])
    doc = admin.get("/api/v1/categories").json()["document"]
    target = next(c for c in doc["categories"] if c["code"] == "09010")
    target["limit"]["hours"] = 6
    assert admin.put("/api/v1/categories", doc).status_code == 200
    items = {c["code"]: c for c in admin.get("/api/v1/categories").json()["items"]}
    assert items["09010"]["limit"]["hours"] == 6


def test_calendar_year_has_the_holidays(login, role_user):
    cal = login(role_user["viewer"]).get("/api/v1/calendar/2024").json()
    assert "2024-10-01" in cal["holidays"] and "2024-09-14" in cal["makeup_workdays"]
    assert cal["periods"][0] == {"start": "08:30", "end": "12:00"}


def test_bad_calendar_is_refused_and_nothing_changes(login, role_user):
    admin = login(role_user["admin"])
    before = admin.get("/api/v1/calendar/2025").json()
    bad = dict(before, holidays=before["holidays"] + ["2025-02-30"])
    bad.pop("periods")
    r = admin.put("/api/v1/calendar/2025", bad)
    assert r.status_code == 400
    problem_json(r)
    r = admin.put("/api/v1/calendar/2025", dict(bad, holidays=before["holidays"], periods=[{"start": "13:00", "end": "12:00"}]))
    assert r.status_code == 400
    assert admin.get("/api/v1/calendar/2025").json() == before
