"""Assessment (考评) through the API on a small ledger whose scores are worked out by hand.

September 2024 (see assessment_fixture.py):
  handling  D1: cohort 4, handled 3, on time 2, closed 1, reworked 1, overdue 1, 1 return
                30·2/4 + 30·1/4 + 20·(1 − 1/3) + 20·(1 − 1/4) − 1 = 49.83 → D
            D2: 1 case closed on time → 100 → A;  D3: no case → 无案件, not ranked
  territorial C1: 上级督查 2 (−4), 媒体曝光 1 (−5), 暗访 1 (−1), 反弹 1 (−1) → 89 → B
              C2: 暗访 1 → 99 → A;  C3: clean (its one report was rejected) → 100 → A
The tests run in file order and build on each other (entries, accountability, freeze).
"""
import pytest

from assessment_fixture import Ledger
from conftest import problem_json

SEP = "2024-09"


@pytest.fixture(scope="module")
def ledger(workdir):
    led = Ledger(workdir)
    yield led
    led.stop()


@pytest.fixture(scope="module")
def admin(ledger):
    return ledger.login("a_admin")


def scores(api, scheme, period=SEP):
    r = api.get("/api/v1/assessment/scores", params={"scheme": scheme, "period": period})
    assert r.status_code == 200, r.text
    return r.json()


def by_unit(result, ledger):
    names = {v: k for k, v in ledger.units.items()}
    return {names[i["unit_id"]]: i for i in result["items"]}


def test_handling_scores_follow_the_formula(admin, ledger):
    res = scores(admin, "handling")
    u = by_unit(res, ledger)
    assert res["period_label"] == "2024年9月" and res["frozen"] is False
    assert (u["D1"]["score"], u["D1"]["grade"], u["D1"]["rank"]) == (49.83, "D", 2)
    assert (u["D2"]["score"], u["D2"]["grade"], u["D2"]["rank"]) == (100, "A", 1)
    assert u["D3"]["status"] == "无案件" and u["D3"]["rank"] is None and u["D3"]["score"] is None
    lines = {l["key"]: l for l in u["D1"]["lines"]}
    assert lines["on_time"]["points"] == 15 and lines["closed"]["points"] == 7.5
    assert lines["no_rework"]["points"] == 13.33 and lines["no_overdue"]["points"] == 15
    assert lines["returns"]["points"] == 1 and lines["returns"]["count"] == 1
    assert [i["unit_id"] for i in res["items"]][-1] == ledger.units["D3"]


def test_territorial_scores_rank_every_unit_the_cleanest_included(admin, ledger):
    u = by_unit(scores(admin, "territorial"), ledger)
    assert (u["C1"]["score"], u["C1"]["grade"], u["C1"]["rank"]) == (89, "B", 3)
    assert (u["C2"]["score"], u["C2"]["rank"]) == (99, 2)
    assert (u["C3"]["score"], u["C3"]["grade"], u["C3"]["rank"]) == (100, "A", 1)
    lines = {l["key"]: l for l in u["C1"]["lines"]}
    assert (lines["higher_level"]["points"], lines["media"]["points"], lines["rebound"]["points"]) == (4, 5, 1)


def test_manual_entry_makes_a_tie_that_shares_the_rank_and_the_award(admin, ledger):
    r = admin.post("/api/v1/assessment/entries", {"scheme": "territorial", "unit_id": ledger.units["C3"],
                                                  "period": SEP, "item": "materials", "points": 9,
                                                  "note": "材料报送迟一天"})
    assert r.status_code == 201, r.text
    res = scores(admin, "territorial")
    u = by_unit(res, ledger)
    assert (u["C3"]["score"], u["C3"]["rank"]) == (99, 1)
    assert (u["C2"]["score"], u["C2"]["rank"]) == (99, 1)
    assert u["C1"]["rank"] == 3
    tiers = {(a["unit_id"], a["tier"], a["amount"]) for a in res["awards"]}
    # C1 is at the bottom and exposed, so it is not also rewarded.
    assert tiers == {(ledger.units["C2"], "一等奖", 3000), (ledger.units["C3"], "一等奖", 3000)}
    assert [e["unit_id"] for e in res["exposure"]] == [ledger.units["C1"]]
    listed = admin.get("/api/v1/assessment/entries", params={"scheme": "territorial", "period": SEP}).json()["items"]
    assert [(e["item"], e["points"]) for e in listed] == [("materials", 9)]


def test_scheme_edit_changes_exposure_and_a_bad_scheme_is_refused_whole(admin, ledger):
    s = admin.get("/api/v1/assessment/schemes/territorial").json()
    s["exposure_bottom"] = 1
    r = admin.put("/api/v1/assessment/schemes/territorial", s)
    assert r.status_code == 200, r.text
    assert [e["unit_id"] for e in scores(admin, "territorial")["exposure"]] == [ledger.units["C1"]]
    bad = dict(s, exposure_bottom=2)
    bad["items"] = [dict(i) for i in s["items"]]
    bad["items"][1]["max"] = "十五"
    r = admin.put("/api/v1/assessment/schemes/territorial", bad)
    assert r.status_code == 400
    assert "items[1].max" in [e["field"] for e in problem_json(r)["errors"]]
    assert admin.get("/api/v1/assessment/schemes/territorial").json()["exposure_bottom"] == 1
    r = admin.put("/api/v1/assessment/schemes/territorial", data=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    assert admin.get("/api/v1/assessment/schemes/territorial").json()["exposure_bottom"] == 1


def test_interview_is_logged_and_deducts(admin, ledger):
    leader = ledger.login("a_leader")
    r = leader.post("/api/v1/accountability", {"unit_id": ledger.units["C1"], "kind": "interview",
                                               "target": "principal", "reason": "媒体曝光问题整改不力",
                                               "day": "2024-09-15"})
    assert r.status_code == 201, r.text
    assert r.json()["person"] == "东关社区书记" and r.json()["kind_label"] == "约谈"
    items = admin.get("/api/v1/accountability", params={"period": SEP}).json()["items"]
    assert [i["reason"] for i in items] == ["媒体曝光问题整改不力"]
    u = by_unit(scores(admin, "territorial"), ledger)
    assert (u["C1"]["score"], u["C1"]["grade"]) == (84, "B")


def test_explain_lists_what_is_behind_the_points(admin, ledger):
    r = admin.get("/api/v1/assessment/scores/%d/explain" % ledger.units["C1"],
                  params={"scheme": "territorial", "period": SEP})
    assert r.status_code == 200, r.text
    ex = r.json()
    assert ex["score"] == 84 and len(ex["problems"]) == 4
    reasons = [x for p in ex["problems"] for x in p["reasons"]]
    assert reasons.count("上级督查发现") == 2 and "媒体曝光" in reasons and "问题反弹" in reasons
    assert [a["kind"] for a in ex["accountability"]] == ["interview"]
    r = admin.get("/api/v1/assessment/scores/%d/explain" % ledger.units["D1"],
                  params={"scheme": "handling", "period": SEP})
    reasons = [p["reasons"] for p in r.json()["problems"]]
    assert len(reasons) == 4 and ["超期未处置"] in reasons and "逾期处置" in reasons[1]


def test_freeze_is_immutable_and_later_reads_show_the_diff(admin, ledger):
    r = admin.post("/api/v1/assessment/freeze", {"scheme": "territorial", "period": SEP})
    assert r.status_code == 201, r.text
    r = admin.post("/api/v1/assessment/freeze", {"scheme": "territorial", "period": SEP})
    assert r.status_code == 409
    problem_json(r)
    r = admin.post("/api/v1/assessment/entries", {"unit_id": ledger.units["C1"], "period": SEP, "item": "bonus",
                                                  "points": 3, "note": "创新亮点"})
    assert r.status_code == 201, r.text
    res = scores(admin, "territorial")
    assert res["frozen"] is True
    assert by_unit(res, ledger)["C1"]["score"] == 84
    assert [(d["unit_id"], d["frozen_score"], d["current_score"]) for d in res["diff"]] == [
        (ledger.units["C1"], 84, 87)]


def test_campaign_counts_half_of_the_annual_score(admin, ledger):
    from assessment_fixture import insert, ms
    cid = insert(ledger.url, "campaigns", tenant_id=ledger.tenant, title="百日攻坚", start_date="2024-09-01",
                 end_date="2024-09-30", created_at=ms(2024, 9, 1))
    r = admin.get("/api/v1/assessment/scores", params={"scheme": "territorial", "period": "2024", "campaign_id": cid})
    assert r.status_code == 200, r.text
    res = r.json()
    assert res["campaign"]["weight"] == 0.5 and res["period_label"] == "2024年度"
    u = by_unit(res, ledger)
    # Entries belong to their period (September), so neither the year nor the campaign sees
    # them: C3 100 both; C1 89 − 5 (约谈) = 84 both; weighted the same.
    assert (u["C3"]["score"], u["C3"]["campaign_score"], u["C3"]["annual_score"]) == (100, 100, 100)
    assert (u["C1"]["score"], u["C1"]["campaign_score"], u["C1"]["annual_score"]) == (84, 84, 84)
    r = admin.get("/api/v1/assessment/scores", params={"scheme": "territorial", "period": SEP, "campaign_id": cid})
    assert r.status_code == 400 and problem_json(r)["errors"][0]["field"] == "campaign_id"


def test_bad_input_wrong_role_and_other_tenant(admin, ledger):
    for period in ["2024-13", "2024-9", "x"]:
        r = admin.get("/api/v1/assessment/scores", params={"scheme": "handling", "period": period})
        assert r.status_code == 400 and problem_json(r)["errors"][0]["field"] == "period"
    r = admin.get("/api/v1/assessment/scores", params={"scheme": "nope", "period": SEP})
    assert r.status_code == 404
    problem_json(r)
    r = admin.get("/api/v1/assessment/scores", params={"period": SEP})
    assert r.status_code == 400 and problem_json(r)["errors"][0]["field"] == "scheme"
    r = admin.post("/api/v1/assessment/entries", {"unit_id": ledger.units["C1"], "period": SEP, "item": "weather",
                                                  "points": 1})
    assert r.status_code == 400 and "item" in [e["field"] for e in problem_json(r)["errors"]]
    for user in ["a_worker", "a_handler"]:
        r = ledger.login(user).get("/api/v1/assessment/scores", params={"scheme": "handling", "period": SEP})
        assert r.status_code == 403
        problem_json(r)
    s = admin.get("/api/v1/assessment/schemes/handling").json()
    assert ledger.login("a_leader").put("/api/v1/assessment/schemes/handling", s).status_code == 403
    other = ledger.login("a_other")
    r = other.get("/api/v1/assessment/scores/%d/explain" % ledger.units["C1"],
                  params={"scheme": "territorial", "period": SEP})
    assert r.status_code == 404
    assert scores(other, "territorial")["items"] == []
    r = other.post("/api/v1/assessment/entries", {"unit_id": ledger.units["C1"], "period": SEP, "item": "bonus",
                                                  "points": 1})
    assert r.status_code == 400 and "unit_id" in [e["field"] for e in problem_json(r)["errors"]]


def test_people_are_scored_on_reports(admin, ledger):
    r = admin.get("/api/v1/assessment/people", params={"period": SEP})
    assert r.status_code == 200, r.text
    worker = [p for p in r.json()["items"] if p["user_id"] == ledger.users["a_worker"]][0]
    # 12 reports in September, 1 of them rejected: 11 valid; no verifications, so the score
    # is the valid share alone: 100 · 11/12 = 91.67
    assert worker["reports"] == 12 and worker["valid_reports"] == 11 and worker["verifications"] == 0
    assert worker["score"] == 91.67
