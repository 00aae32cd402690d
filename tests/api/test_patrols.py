"""Patrols (巡查): tours with GPS tracks, coverage of grids and the 日巡 ≥ 2 次 rule."""
import time

from conftest import problem_json
from ledger_helpers import grid_points


def stop_running(api):
    for p in api.get("/api/v1/patrols").json()["items"]:
        if p["stopped_at"] is None:
            api.post("/api/v1/patrols/%d/stop" % p["id"])


def test_tour_visits_a_grid(login, role_user):
    worker = login(role_user["grid_worker"])
    stop_running(worker)
    lng, lat, gid = grid_points(worker, 1)[0]
    r = worker.post("/api/v1/patrols/start")
    assert r.status_code == 201, r.text
    p = r.json()
    r = worker.post("/api/v1/patrols/start")
    assert r.status_code == 409 and problem_json(r)
    now = int(time.time() * 1000)
    r = worker.post("/api/v1/patrols/%d/points" % p["id"], {"points": [[lng, lat, now - 60000],
                                                                       [lng, lat, "2024-09-13T16:00:00+08:00"]]})
    assert r.status_code == 200, r.text
    assert r.json()["point_count"] == 2
    r = worker.post("/api/v1/patrols/%d/stop" % p["id"])
    assert r.status_code == 200 and r.json()["stopped_at"]
    r = worker.post("/api/v1/patrols/%d/points" % p["id"], {"points": [[lng, lat, now]]})
    assert r.status_code == 409
    cov = login("admin").get("/api/v1/patrols/coverage?days=3").json()
    assert gid not in [g["id"] for g in cov["grids_not_visited"]]
    assert cov["daily_rule"] == 2
    assert all(m["tours"] < 2 for m in cov["daily_missed"])


def test_points_bad_input(login, role_user):
    worker = login(role_user["grid_worker"])
    stop_running(worker)
    p = worker.post("/api/v1/patrols/start").json()
    now = int(time.time() * 1000)
    for body in ({"points": []}, {"points": [[0, 0, now]]}, {"points": [[118, 36]]},
                 {"points": [[118, 36, "昨天"]]}, {"points": [[118, 36, now + 3600_000]]},
                 {"points": [[118, 36, now]], "speed": 3}, {"track": []}):
        r = worker.post("/api/v1/patrols/%d/points" % p["id"], body)
        assert r.status_code == 400, (body, r.text)
        problem_json(r)
    r = worker.post("/api/v1/patrols/%d/points" % p["id"], data=b"[", headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    assert [x for x in worker.get("/api/v1/patrols").json()["items"] if x["id"] == p["id"]][0]["point_count"] == 0
    worker.post("/api/v1/patrols/%d/stop" % p["id"])


def test_roles_and_ownership(login, role_user):
    worker = login(role_user["grid_worker"])
    stop_running(worker)
    p = worker.post("/api/v1/patrols/start").json()
    assert login(role_user["viewer"]).post("/api/v1/patrols/start").status_code == 403
    assert login(role_user["unit_handler"]).get("/api/v1/patrols/coverage").status_code == 403
    insp = login(role_user["inspector"])
    r = insp.post("/api/v1/patrols/%d/stop" % p["id"])
    assert r.status_code == 403
    assert login("other_admin").get("/api/v1/patrols/coverage?days=0").status_code == 400
    worker.post("/api/v1/patrols/%d/stop" % p["id"])
