"""Campaign work: work items (任务台账) with progress and 销号, deliverables, burndown."""
import pytest

from campaign_helpers import create_campaign, today, unit_ids
from conftest import problem_json
from ledger_helpers import upload


@pytest.fixture
def admin(login):
    return login("admin")


@pytest.fixture
def handler(login, role_user):
    return login(role_user["unit_handler"])


def handler_unit(handler):
    return handler.user["unit"]["id"]


def other_unit(admin, handler):
    return [u for u in unit_ids(admin) if u != handler_unit(handler)][0]


def new_item(admin, campaign, unit, **extra):
    body = {"title": "平交道口硬化", "target_quantity": 100, "uom": "㎡", "owner_unit_id": unit, "deadline": today(20)}
    body.update(extra)
    r = admin.post("/api/v1/campaigns/%d/work-items" % campaign["id"], body)
    assert r.status_code == 201, r.text
    return r.json()


def progress(api, campaign, item, **body):
    return api.post("/api/v1/campaigns/%d/work-items/%d/progress" % (campaign["id"], item["id"]), body)


def test_work_item_progress_until_closed(admin, handler):
    c = create_campaign(admin, [handler_unit(handler)])
    item = new_item(admin, c, handler_unit(handler), task_area_id=c["task_areas"][0]["id"])
    r = progress(handler, c, item, version=1, quantity=40, note="完成北段")
    assert r.status_code == 201, r.text
    item = r.json()
    assert item["done_quantity"] == 40 and item["remaining_quantity"] == 60 and not item["closed"]
    r = progress(handler, c, item, version=1, quantity=10)
    assert r.status_code == 409 and problem_json(r)
    r = progress(handler, c, item, version=item["version"], quantity=60, note="全部完成")
    item = r.json()
    assert item["closed"] and item["closed_at"] and [p["quantity"] for p in item["progress"]] == [40, 60]
    r = progress(handler, c, item, version=item["version"], quantity=1)
    assert r.status_code == 409
    listed = admin.get("/api/v1/campaigns/%d/work-items" % c["id"]).json()["items"]
    assert listed == [item]


def test_unit_handler_cannot_report_for_another_unit(admin, handler):
    c = create_campaign(admin, unit_ids(admin)[:2])
    item = new_item(admin, c, other_unit(admin, handler))
    r = progress(handler, c, item, version=1, quantity=5)
    assert r.status_code == 403 and problem_json(r)
    assert admin.get("/api/v1/campaigns/%d/work-items" % c["id"]).json()["items"][0]["done_quantity"] == 0


@pytest.mark.parametrize("body,field", [
    ({"quantity": -1, "version": 1}, "quantity"),
    ({"quantity": "5", "version": 1}, "quantity"),
    ({"quantity": 5}, "version"),
    ({"quantity": 5, "version": 1, "attachment_ids": [999999]}, "attachment_ids[0]"),
    ({"quantity": 5, "version": 1, "colour": 1}, "colour"),
])
def test_progress_bad_input(admin, handler, body, field):
    c = create_campaign(admin, [handler_unit(handler)])
    item = new_item(admin, c, handler_unit(handler))
    r = progress(handler, c, item, **body)
    assert r.status_code == 400 and field in [e["field"] for e in problem_json(r)["errors"]]
    assert admin.get("/api/v1/campaigns/%d/work-items" % c["id"]).json()["items"][0]["progress"] == []


@pytest.mark.parametrize("change,field", [
    ({"target_quantity": 0}, "target_quantity"),
    ({"uom": ""}, "uom"),
    ({"owner_unit_id": 999999}, "owner_unit_id"),
    ({"deadline": "2024-02-30"}, "deadline"),
    ({"deadline": "2000-01-01"}, "deadline"),
    ({"task_area_id": 999999}, "task_area_id"),
])
def test_work_item_bad_input(admin, handler, change, field):
    c = create_campaign(admin, [handler_unit(handler)])
    body = {"title": "旱厕改造", "target_quantity": 10, "uom": "座", "owner_unit_id": handler_unit(handler),
            "deadline": today(10)}
    body.update(change)
    r = admin.post("/api/v1/campaigns/%d/work-items" % c["id"], body)
    assert r.status_code == 400 and field in [e["field"] for e in problem_json(r)["errors"]], r.text
    assert admin.get("/api/v1/campaigns/%d/work-items" % c["id"]).json()["items"] == []
    r = handler.post("/api/v1/campaigns/%d/work-items" % c["id"], body)
    assert r.status_code == 403


def test_deliverables_status_and_phase_summary_photo_rule(admin, handler):
    c = create_campaign(admin, [handler_unit(handler)])
    plan, summary = c["deliverables"]
    status = admin.get("/api/v1/campaigns/%d/deliverables" % c["id"]).json()["items"]
    assert [d["units"][0]["status"] for d in status] == ["missing", "not_due"]
    no_gps = upload(handler)
    r = handler.post("/api/v1/campaigns/%d/deliverables/%d/submissions" % (c["id"], summary["id"]),
                     {"attachment_ids": [no_gps["id"]], "note": "阶段总结"})
    assert r.status_code == 400
    assert "GPS" in problem_json(r)["errors"][0]["message"]
    with_gps = upload(handler, lng=118.05, lat=36.80)
    r = handler.post("/api/v1/campaigns/%d/deliverables/%d/submissions" % (c["id"], summary["id"]),
                     {"attachment_ids": [no_gps["id"], with_gps["id"]], "note": "阶段总结"})
    assert r.status_code == 201, r.text
    r = handler.post("/api/v1/campaigns/%d/deliverables/%d/submissions" % (c["id"], plan["id"]),
                     {"attachment_ids": [no_gps["id"]], "note": "补交方案"})
    assert r.status_code == 201, r.text
    status = admin.get("/api/v1/campaigns/%d/deliverables" % c["id"]).json()["items"]
    assert [d["units"][0]["status"] for d in status] == ["late", "submitted"]


def test_submission_for_another_unit_is_403(admin, handler):
    c = create_campaign(admin, unit_ids(admin)[:3])
    other = other_unit(admin, handler)
    photo = upload(handler)
    r = handler.post("/api/v1/campaigns/%d/deliverables/%d/submissions" % (c["id"], c["deliverables"][0]["id"]),
                     {"attachment_ids": [photo["id"]], "unit_id": other})
    assert r.status_code == 403
    r = handler.post("/api/v1/campaigns/%d/deliverables/%d/submissions" % (c["id"], 999999),
                     {"attachment_ids": [photo["id"]]})
    assert r.status_code == 404


def test_burndown_runs_to_the_end_of_rectification(admin, handler):
    c = create_campaign(admin, [handler_unit(handler)])
    item = new_item(admin, c, handler_unit(handler), task_area_id=c["task_areas"][0]["id"])
    progress(handler, c, item, version=1, quantity=30)
    b = admin.get("/api/v1/campaigns/%d/burndown" % c["id"]).json()
    assert b["from"] == today(-10) and b["to"] == today(20)
    days = b["series"][0]["days"]
    assert len(days) == 31
    assert days[0]["ideal_work"] == {"㎡": 100} and days[-1]["ideal_work"] == {"㎡": 0}
    assert days[-1]["remaining_work"] == {"㎡": 70}
    assert days[-1]["ideal_problems"] == 0
    by_area = admin.get("/api/v1/campaigns/%d/burndown?by=area" % c["id"]).json()["series"]
    assert [s["name"] for s in by_area] == ["路域环境提升", "社区人居环境"]
    assert by_area[1]["days"][-1]["remaining_work"] == {}
    by_unit = admin.get("/api/v1/campaigns/%d/burndown?by=unit" % c["id"]).json()["series"]
    assert by_unit[0]["key"] == str(handler_unit(handler))
    r = admin.get("/api/v1/campaigns/%d/burndown?by=week" % c["id"])
    assert r.status_code == 400 and problem_json(r)


def test_patch_keeps_parts_that_others_reference(admin, handler):
    c = create_campaign(admin, [handler_unit(handler)])
    new_item(admin, c, handler_unit(handler), task_area_id=c["task_areas"][0]["id"])
    photo = upload(handler)
    r = handler.post("/api/v1/campaigns/%d/deliverables/%d/submissions" % (c["id"], c["deliverables"][0]["id"]),
                     {"attachment_ids": [photo["id"]]})
    assert r.status_code == 201, r.text
    # Dropping a deliverable that has submissions, or a task area with work items, is refused.
    for change in ({"deliverables": c["deliverables"][1:]}, {"task_areas": c["task_areas"][1:]}):
        r = admin.patch("/api/v1/campaigns/%d" % c["id"], dict(change, version=c["version"]))
        assert r.status_code == 409, r.text
        problem_json(r)
    assert admin.get("/api/v1/campaigns/%d" % c["id"]).json() == c
    # Editing them in place keeps their ids.
    renamed = [dict(d, title=d["title"] + "（修订）") for d in c["deliverables"]]  # GET output round-trips
    r = admin.patch("/api/v1/campaigns/%d" % c["id"], {"version": c["version"], "deliverables": renamed})
    assert r.status_code == 200, r.text
    assert [d["id"] for d in r.json()["deliverables"]] == [d["id"] for d in c["deliverables"]]
