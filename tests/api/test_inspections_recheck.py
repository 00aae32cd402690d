"""回头看 re-checks of closed problems, and campaign-tagged findings in the burndown."""
from campaign_helpers import create_campaign, today, unit_ids
from conftest import problem_json
from ledger_helpers import fresh_point, upload


def act(api, p, action, **extra):
    r = api.post("/api/v1/problems/%d/actions" % p["id"], dict({"action": action, "version": p["version"]}, **extra))
    assert r.status_code == 200, r.text
    return r.json()


def closed_problem(login, role_user, campaign_id=None):
    worker, disp = login(role_user["grid_worker"]), login(role_user["dispatcher"])
    handler, insp = login(role_user["unit_handler"]), login(role_user["inspector"])
    lng, lat, _ = fresh_point(worker)
    body = {"category_code": "06010", "lng": lng, "lat": lat, "address": "回头看测试点",
            "description": "暴露垃圾", "attachment_ids": [upload(worker, lng=lng, lat=lat)["id"]]}
    if campaign_id:
        body["campaign_id"] = campaign_id
    r = worker.post("/api/v1/problems", body)
    assert r.status_code == 201, r.text
    p = act(disp, r.json(), "accept")
    p = act(disp, p, "dispatch", unit_id=handler.user["unit"]["id"])
    p = act(handler, p, "handle", attachment_ids=[upload(handler, lng=lng, lat=lat)["id"]],
            outcome={"kind": "clear", "quantity": 0.5})
    return act(insp, p, "verify_pass"), (lng, lat)


def test_recheck_confirm_and_reopen(login, role_user):
    insp = login(role_user["inspector"])
    closed_problem(login, role_user)
    p2, (lng, lat) = closed_problem(login, role_user)
    r = insp.post("/api/v1/inspections", {"kind": "recheck", "date": today(), "title": "回头看"})
    rnd = r.json()
    r = insp.post("/api/v1/inspections/%d/recheck-sample" % rnd["id"], {"count": 200, "days": 1})
    assert r.status_code == 201, r.text
    sampled = r.json()["sampled_problem_ids"]
    assert p2["id"] in sampled
    again = insp.post("/api/v1/inspections/%d/recheck-sample" % rnd["id"], {"count": 200, "days": 1}).json()
    assert not set(again["sampled_problem_ids"]) & set(sampled)
    other = [x for x in sampled if x != p2["id"]][0]
    r = insp.post("/api/v1/inspections/%d/recheck/%d" % (rnd["id"], other), {"result": "confirmed", "note": "已保持"})
    assert r.status_code == 201 and r.json()["new_problem"] is None
    r = insp.post("/api/v1/inspections/%d/recheck/%d" % (rnd["id"], other), {"result": "reopened"})
    assert r.status_code == 400  # a reopen needs a photo
    r = insp.post("/api/v1/inspections/%d/recheck/%d" % (rnd["id"], other),
                  {"result": "reopened", "attachment_ids": [upload(insp)["id"]]})
    assert r.status_code == 409 and problem_json(r)
    photo = upload(insp, lng=lng, lat=lat)
    r = insp.post("/api/v1/inspections/%d/recheck/%d" % (rnd["id"], p2["id"]),
                  {"result": "reopened", "note": "垃圾又堆起来了", "attachment_ids": [photo["id"]]})
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["rebound_of"] == p2["id"] and out["new_problem"]["state"] == "reported"
    detail = insp.get("/api/v1/inspections/%d" % rnd["id"]).json()
    results = {x["problem_id"]: x["result"] for x in detail["rechecks"]}
    assert results[other] == "confirmed" and results[p2["id"]] == "reopened"


def test_burndown_counts_open_tagged_problems(login, role_user):
    admin = login("admin")
    c = create_campaign(admin, unit_ids(admin)[:1])
    closed_problem(login, role_user, c["id"])
    worker = login(role_user["grid_worker"])
    lng, lat, _ = fresh_point(worker)
    r = worker.post("/api/v1/problems", {"category_code": "06012", "lng": lng, "lat": lat, "address": "燃尽图测试",
                                         "description": "道路不洁", "campaign_id": c["id"],
                                         "attachment_ids": [upload(worker, lng=lng, lat=lat)["id"]]})
    assert r.status_code == 201, r.text
    b = admin.get("/api/v1/campaigns/%d/burndown" % c["id"]).json()
    days = {d["date"]: d for d in b["series"][0]["days"]}
    assert days[today()]["open_problems"] == 1 and days[today(-1)]["open_problems"] == 0
    areas = admin.get("/api/v1/campaigns/%d/burndown?by=area" % c["id"]).json()["series"]
    # 06012 is in the first area's list and under the second area's top-level code 0601.
    assert [s["days"][10]["open_problems"] for s in areas] == [1, 1]
