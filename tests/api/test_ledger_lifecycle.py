"""The problem lifecycle through the API: report → accept → dispatch → handle → verify."""
import concurrent.futures
import re

from conftest import problem_json
from ledger_helpers import fresh_point, upload, now_iso

CAT = "06010"  # 暴露垃圾


def report(api, **extra):
    lng, lat, gid = fresh_point(api)
    photo = upload(api, lng=lng, lat=lat)
    body = {"category_code": CAT, "lng": lng, "lat": lat, "address": "文峰路 12 号门前",
            "description": "路边有成堆的生活垃圾", "attachment_ids": [photo["id"]]}
    body.update(extra)
    r = api.post("/api/v1/problems", body)
    assert r.status_code == 201, r.text
    return r.json()


def act(api, p, action, **extra):
    body = {"action": action, "version": p["version"]}
    body.update(extra)
    return api.post("/api/v1/problems/%d/actions" % p["id"], body)


def ok(r):
    assert r.status_code == 200, r.text
    return r.json()


def handler_unit(login, role_user):
    return login(role_user["unit_handler"]).user["unit"]["id"]


def test_full_lifecycle_closes_and_chains_history(login, role_user):
    worker, disp = login(role_user["grid_worker"]), login(role_user["dispatcher"])
    handler, insp = login(role_user["unit_handler"]), login(role_user["inspector"])
    p = report(worker)
    assert p["state"] == "reported" and re.fullmatch(r"\d{12}", p["number"])
    assert p["grid"] is not None and p["source"] == "patrol"
    assert p["reporter"]["display_name"]
    p = ok(act(disp, p, "accept"))
    assert p["state"] == "registered"
    p = ok(act(disp, p, "dispatch", unit_id=handler_unit(login, role_user)))
    assert p["state"] == "dispatched" and p["sla"]["deadline"] and p["sla"]["light"] == "green"
    assert "handle" in handler.get("/api/v1/problems/%d" % p["id"]).json()["allowed_actions"]
    after = upload(handler, lng=p["lng"], lat=p["lat"])
    p = ok(act(handler, p, "handle", attachment_ids=[after["id"]], outcome={"kind": "clear", "quantity": 0.5},
               comment="已清运"))
    assert p["state"] == "handled" and p["outcome"]["label"] == "清运"
    p = ok(act(insp, p, "verify_pass", comment="现场已清理干净"))
    assert p["state"] == "closed" and p["closed_at"]
    hist = disp.get("/api/v1/problems/%d/history" % p["id"]).json()["items"]
    assert [h["action"] for h in hist] == ["report", "accept", "dispatch", "handle", "verify_pass"]
    for a, b in zip(hist, hist[1:]):
        assert b["prev_hash"] == a["hash"]
    detail = disp.get("/api/v1/problems/%d" % p["id"]).json()
    assert {a["role"] for a in detail["attachments"]} == {"before", "after"}


def test_trusted_reporter_dispatches_in_one_step(login, role_user):
    disp = login(role_user["dispatcher"])
    p = report(disp, source="citizen", dispatch={"unit_id": handler_unit(login, role_user)})
    assert p["state"] == "dispatched" and p["unit"]["id"] == handler_unit(login, role_user)


def test_grid_worker_cannot_dispatch_in_one_step(login, role_user):
    worker = login(role_user["grid_worker"])
    lng, lat, _ = fresh_point(worker)
    photo = upload(worker, lng=lng, lat=lat)
    r = worker.post("/api/v1/problems", {"category_code": CAT, "lng": lng, "lat": lat, "address": "x", "description": "y",
                                         "attachment_ids": [photo["id"]], "dispatch": {"unit_id": 1}})
    assert r.status_code == 400
    assert any(e["field"] == "dispatch" for e in problem_json(r)["errors"])


def test_wrong_state_is_409_with_allowed_actions(login, role_user):
    disp = login(role_user["dispatcher"])
    p = report(login(role_user["grid_worker"]))
    r = act(disp, p, "verify_pass")
    assert r.status_code == 409
    body = problem_json(r)
    assert "accept" in body["allowed_actions"] and "verify_pass" not in body["allowed_actions"]
    assert disp.get("/api/v1/problems/%d" % p["id"]).json()["state"] == "reported"


def test_wrong_role_is_403_and_nothing_changes(login, role_user):
    p = report(login(role_user["grid_worker"]))
    for role in ("grid_worker", "leader", "viewer", "unit_handler"):
        r = act(login(role_user[role]), p, "accept")
        assert r.status_code in (403, 404), (role, r.text)
        problem_json(r)
    assert login(role_user["dispatcher"]).get("/api/v1/problems/%d" % p["id"]).json()["version"] == p["version"]


def test_stale_version_is_409(login, role_user):
    disp = login(role_user["dispatcher"])
    p = report(login(role_user["grid_worker"]))
    ok(act(disp, p, "accept"))
    r = act(disp, p, "reject", comment="重复")  # p still carries version 1
    assert r.status_code == 409
    assert problem_json(r)["type"].endswith("/stale-version")
    assert disp.get("/api/v1/problems/%d" % p["id"]).json()["state"] == "registered"


def test_two_handlers_racing_exactly_one_wins(login, role_user):
    disp, handler = login(role_user["dispatcher"]), login(role_user["unit_handler"])
    p = report(disp, source="citizen", dispatch={"unit_id": handler_unit(login, role_user)})
    photos = [upload(handler, lng=p["lng"], lat=p["lat"]) for _ in range(2)]

    def go(i):
        return act(handler, p, "handle", attachment_ids=[photos[i]["id"]], outcome={"kind": "clear", "quantity": 1}).status_code

    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        codes = sorted(ex.map(go, range(2)))
    assert codes == [200, 409]
    hist = disp.get("/api/v1/problems/%d/history" % p["id"]).json()["items"]
    assert [h["action"] for h in hist].count("handle") == 1


def test_other_units_handler_cannot_see_or_act(login, role_user, demo_logins):
    disp = login(role_user["dispatcher"])
    handlers = [u for u, x in demo_logins.items() if x["role"] == "unit_handler"]
    assert len(handlers) >= 2
    a, b = login(handlers[0]), login(handlers[1])
    assert a.user["unit"]["id"] != b.user["unit"]["id"]
    p = report(disp, source="citizen", dispatch={"unit_id": a.user["unit"]["id"]})
    assert b.get("/api/v1/problems/%d" % p["id"]).status_code == 404
    r = act(b, p, "handle", outcome={"kind": "clear", "quantity": 1})
    assert r.status_code == 404
    ids = {x["id"] for x in b.get("/api/v1/problems?limit=200").json()["items"]}
    assert p["id"] not in ids
    assert p["id"] in {x["id"] for x in a.get("/api/v1/problems?limit=200").json()["items"]}


def test_other_tenant_sees_nothing(login, role_user):
    p = report(login(role_user["grid_worker"]))
    other = login("other_admin")
    assert other.get("/api/v1/problems/%d" % p["id"]).status_code == 404
    assert other.get("/api/v1/problems").json()["items"] == []


def test_return_counts_and_goes_back_to_dispatcher(login, role_user):
    disp, handler = login(role_user["dispatcher"]), login(role_user["unit_handler"])
    p = report(disp, source="citizen", dispatch={"unit_id": handler_unit(login, role_user)})
    r = act(handler, p, "return")
    assert r.status_code == 400  # a reason is required
    p = ok(act(handler, p, "return", comment="不属于本单位职责"))
    assert p["state"] == "registered" and p["return_count"] == 1 and p["unit"] is None


def test_rework_restarts_the_clock(login, role_user):
    disp, handler, insp = login(role_user["dispatcher"]), login(role_user["unit_handler"]), login(role_user["inspector"])
    p = report(disp, source="citizen", dispatch={"unit_id": handler_unit(login, role_user)})
    first_deadline = p["sla"]["deadline"]
    after = upload(handler, lng=p["lng"], lat=p["lat"])
    p = ok(act(handler, p, "handle", attachment_ids=[after["id"]], outcome={"kind": "clear", "quantity": 1}))
    p = ok(act(insp, p, "verify_fail", comment="仍有垃圾残留"))
    assert p["state"] == "dispatched" and p["rework_count"] == 1
    assert p["sla"]["deadline"] >= first_deadline


def test_extension_moves_the_deadline(login, role_user):
    disp, handler = login(role_user["dispatcher"]), login(role_user["unit_handler"])
    p = report(disp, source="citizen", dispatch={"unit_id": handler_unit(login, role_user)})
    before = p["sla"]["deadline"]
    p = ok(act(handler, p, "request_extension", hours=8, comment="需协调渣土车"))
    assert "approve_extension" in disp.get("/api/v1/problems/%d" % p["id"]).json()["allowed_actions"]
    p = ok(act(disp, p, "approve_extension"))
    assert p["sla"]["deadline"] > before


def test_suspend_and_resume(login, role_user):
    disp = login(role_user["dispatcher"])
    p = report(disp, source="citizen", dispatch={"unit_id": handler_unit(login, role_user)})
    p = ok(act(disp, p, "suspend", comment="等待上级协调"))
    assert p["suspended"] is True
    assert act(disp, p, "suspend", comment="again").status_code == 409
    p = ok(act(disp, p, "resume"))
    assert p["suspended"] is False


def test_merge_duplicate(login, role_user):
    disp = login(role_user["dispatcher"])
    a = report(login(role_user["grid_worker"]))
    b_body = {"category_code": CAT, "lng": a["lng"], "lat": a["lat"], "address": "同一地点", "description": "同一堆垃圾",
              "source": "citizen"}
    b = disp.post("/api/v1/problems", b_body).json()
    assert b["flags"]["duplicate_of"]["id"] == a["id"]
    b = ok(act(disp, b, "merge", merge_into=a["id"], comment="重复上报"))
    assert b["state"] == "voided" and b["flags"]["merged_into"]["number"] == a["number"]


def test_each_waiting_step_has_its_own_time_limit(login, role_user):
    """受理, 派遣 and 核查 run on their own working-time limits (config steps.*); while the
    unit handles the problem the step is null and the handling SLA counts instead."""
    worker, disp = login(role_user["grid_worker"]), login(role_user["dispatcher"])
    handler, insp = login(role_user["unit_handler"]), login(role_user["inspector"])

    def check(p, step):
        shown = disp.get("/api/v1/problems/%d" % p["id"]).json()["step"]
        assert shown == p["step"]
        if step is None:
            assert p["step"] is None, p["step"]
            return
        s = p["step"]
        assert s["step"] == step and s["label"] == {"accept": "受理", "dispatch": "派遣", "verify": "核查"}[step]
        assert s["deadline"] > s["started_at"] and s["light"] in ("green", "yellow", "red")
        assert not s["overdue"] or s["light"] == "red"

    p = report(worker)
    check(p, "accept")
    assert p["step"]["started_at"] == p["reported_at"]
    p = ok(act(disp, p, "accept"))
    check(p, "dispatch")
    p = ok(act(disp, p, "dispatch", unit_id=handler_unit(login, role_user)))
    check(p, None)
    after = upload(handler, lng=p["lng"], lat=p["lat"])
    p = ok(act(handler, p, "handle", attachment_ids=[after["id"]], outcome={"kind": "clear", "quantity": 1}))
    check(p, "verify")
    assert p["step"]["started_at"] == p["handled_at"]
    p = ok(act(insp, p, "verify_pass"))
    check(p, None)
