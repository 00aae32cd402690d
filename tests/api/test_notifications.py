"""In-app notifications: who is told of dispatches, returns, extensions, rework, deadlines
and the ranking; read/unread; another user's notice stays out of reach."""
import datetime
import time

import pytest

from conftest import problem_json
from notify_helpers import SH, NotifyServer, act, dispatched, iso_in, notices, notices_for, reported, wait_for


@pytest.fixture(scope="module")
def srv(workdir):
    s = NotifyServer(workdir)
    yield s
    s.stop()


def unit_of(srv, username):
    return srv.login(username).user["unit"]["id"]


def test_dispatch_tells_the_units_handler_and_not_another_units(srv):
    disp, handler, other = srv.login("dispatcher"), srv.login("chengguan"), srv.login("shequ")
    p = act(disp, reported(srv.login("grid1")), "accept")
    before = notices(handler)["unread"]
    p = act(disp, p, "dispatch", unit_id=unit_of(srv, "chengguan"))
    link = "/problems/%d" % p["id"]
    mine = notices_for(handler, link, "dispatched")
    assert len(mine) == 1 and not mine[0]["read"]
    assert p["number"] in mine[0]["title"] and "已派遣给本单位" in mine[0]["title"]
    assert "文峰路" in mine[0]["body"] and "处置期限" in mine[0]["body"]
    assert notices(handler)["unread"] == before + 1
    assert notices_for(other, link) == []
    assert notices_for(disp, link) == []  # the actor is not told of their own action


def test_plain_report_tells_nobody(srv):
    p = reported(srv.login("grid1"))
    for user in ("dispatcher", "chengguan", "huanwei", "shequ", "leader"):
        assert notices_for(srv.login(user), "/problems/%d" % p["id"]) == []


def test_assisting_unit_is_told_too(srv):
    disp, helper = srv.login("dispatcher"), srv.login("huanwei")
    p = dispatched(disp, unit_of(srv, "chengguan"), assist_unit_ids=[unit_of(srv, "huanwei")])
    got = notices_for(helper, "/problems/%d" % p["id"], "dispatched")
    assert len(got) == 1 and "协办" in got[0]["title"]


def test_mark_read_drops_the_unread_count_and_filters(srv):
    handler = srv.login("chengguan")
    p = dispatched(srv.login("dispatcher"), unit_of(srv, "chengguan"))
    n = notices_for(handler, "/problems/%d" % p["id"])[0]
    unread = notices(handler)["unread"]
    r = handler.post("/api/v1/notifications/%d/read" % n["id"])
    assert r.status_code == 204, r.text
    assert notices(handler)["unread"] == unread - 1
    assert notices_for(handler, n["link"])[0]["read"] is True
    assert all(x["id"] != n["id"] for x in notices(handler, unread=1, limit=200)["items"])
    # Reading it again is harmless.
    assert handler.post("/api/v1/notifications/%d/read" % n["id"]).status_code == 204
    assert notices(handler)["unread"] == unread - 1


def test_another_users_notice_is_404_and_stays_unread(srv):
    handler, other = srv.login("chengguan"), srv.login("huanwei")
    p = dispatched(srv.login("dispatcher"), unit_of(srv, "chengguan"))
    n = notices_for(handler, "/problems/%d" % p["id"])[0]
    r = other.post("/api/v1/notifications/%d/read" % n["id"])
    assert r.status_code == 404
    problem_json(r)
    assert notices_for(handler, n["link"])[0]["read"] is False
    assert handler.post("/api/v1/notifications/999999999/read").status_code == 404


def test_paging_by_cursor_is_newest_first_without_overlap(srv):
    handler = srv.login("chengguan")
    for _ in range(3):
        dispatched(srv.login("dispatcher"), unit_of(srv, "chengguan"))
    first = notices(handler, limit=2)
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = notices(handler, limit=2, cursor=first["next_cursor"])
    ids = [x["id"] for x in first["items"] + second["items"]]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 4
    assert set(first["items"][0]) == {"id", "kind", "title", "body", "link", "read", "at"}


def test_bad_query_parameters_are_400(srv):
    handler = srv.login("chengguan")
    for params in ({"limit": 0}, {"limit": "x"}, {"cursor": "-1"}, {"unread": "maybe"}):
        r = handler.get("/api/v1/notifications", params=params)
        assert r.status_code == 400, params
        problem_json(r)


def test_read_all_clears_the_count(srv):
    handler = srv.login("chengguan")
    dispatched(srv.login("dispatcher"), unit_of(srv, "chengguan"))
    assert notices(handler)["unread"] > 0
    assert handler.post("/api/v1/notifications/read-all").status_code == 204
    assert notices(handler)["unread"] == 0
    assert notices(handler, unread=1)["items"] == []


def test_signed_out_is_401(srv):
    import requests
    assert requests.get(srv.base + "/api/v1/notifications", timeout=30).status_code == 401


def test_extension_request_tells_dispatchers_and_the_decision_tells_the_unit(srv):
    disp, handler = srv.login("dispatcher"), srv.login("chengguan")
    p = dispatched(disp, unit_of(srv, "chengguan"))
    link = "/problems/%d" % p["id"]
    p = act(handler, p, "request_extension", hours=24, comment="需协调环卫车辆")
    asked = notices_for(disp, link, "extension_requested")
    assert len(asked) == 1 and "24 小时" in asked[0]["title"] and "需协调环卫车辆" in asked[0]["body"]
    act(disp, p, "approve_extension")
    decided = notices_for(handler, link, "extension_decided")
    assert len(decided) == 1 and "已批准" in decided[0]["title"]


def test_return_tells_dispatchers_and_verify_fail_tells_the_unit(srv):
    disp, handler, insp = srv.login("dispatcher"), srv.login("chengguan"), srv.login("inspector")
    p = dispatched(disp, unit_of(srv, "chengguan"))
    act(handler, p, "return", comment="不属于本单位职责")
    got = notices_for(disp, "/problems/%d" % p["id"], "returned")
    assert len(got) == 1 and "不属于本单位职责" in got[0]["body"]

    from ledger_helpers import upload
    p = dispatched(disp, unit_of(srv, "chengguan"))
    after = upload(handler, lng=p["lng"], lat=p["lat"])
    p = act(handler, p, "handle", attachment_ids=[after["id"]], outcome={"kind": "clear", "quantity": 1})
    act(insp, p, "verify_fail", comment="现场仍有垃圾")
    got = notices_for(handler, "/problems/%d" % p["id"], "verify_failed")
    assert len(got) == 1 and "现场仍有垃圾" in got[0]["body"]


def test_sweeper_tells_of_an_overdue_problem_once(srv):
    handler, other = srv.login("chengguan"), srv.login("huanwei")
    p = dispatched(srv.login("dispatcher"), unit_of(srv, "chengguan"), deadline=iso_in(3))
    link = "/problems/%d" % p["id"]
    got = wait_for(lambda: notices_for(handler, link, "overdue"), timeout=30)
    assert "已超期" in got[0]["title"]
    time.sleep(3)  # at least two more sweeps
    assert len(notices_for(handler, link, "overdue")) == 1
    assert len(notices_for(handler, link, "deadline_yellow")) <= 1
    assert notices_for(other, link) == []


def test_freeze_publishes_the_ranking(srv):
    admin = srv.login("admin")
    period = datetime.datetime.now(SH).strftime("%Y-%m")
    r = admin.post("/api/v1/assessment/freeze", {"scheme": "territorial", "period": period})
    assert r.status_code == 201, r.text
    link = "/assessment?period=" + period
    for user in ("leader", "viewer", "dispatcher", "inspector"):
        got = notices_for(srv.login(user), link, "ranking_published")
        assert len(got) == 1 and "定榜" in got[0]["title"], user
    assert notices_for(srv.login("admin"), link) == []  # the one who froze it
    for user in ("chengguan", "grid1"):  # may not read the scores: no link they could not open
        assert notices_for(srv.login(user), link) == [], user


def test_sweeper_reminds_units_that_have_not_submitted_a_deliverable(srv):
    from campaign_helpers import create_campaign, today
    from ledger_helpers import upload
    admin, handler, done = srv.login("admin"), srv.login("chengguan"), srv.login("huanwei")
    c = create_campaign(admin, [unit_of(srv, "chengguan"), unit_of(srv, "huanwei")],
                        deliverables=[{"kind": "other", "title": "整治台账", "due_date": today(10)}])
    d = c["deliverables"][0]
    r = done.post("/api/v1/campaigns/%d/deliverables/%d/submissions" % (c["id"], d["id"]),
                  {"attachment_ids": [upload(done)["id"]], "note": "已报送"})
    assert r.status_code == 201, r.text
    # Ten days out is not yet a reminder; moved to the day after tomorrow it is.
    link = "/campaigns/%d" % c["id"]
    time.sleep(1.5)
    assert notices_for(handler, link) == []
    d["due_date"] = today(2)
    r = admin.patch("/api/v1/campaigns/%d" % c["id"], {"version": c["version"], "deliverables": [d]})
    assert r.status_code == 200, r.text
    got = wait_for(lambda: notices_for(handler, link, "deliverable_due"))
    assert "整治台账" in got[0]["title"]
    time.sleep(2.5)
    assert len(notices_for(handler, link, "deliverable_due")) == 1
    assert notices_for(done, link) == []  # submitted already
    assert notices_for(srv.login("shequ"), link) == []  # not in the campaign
