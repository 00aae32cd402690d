"""专项行动总结 and its result 通报 (campaign-summary.docx): every figure comes from the
campaign's tagged problems, work items, activity logs and submissions; LibreOffice opens it."""
import pytest

from campaign_helpers import create_campaign, today
from conftest import problem_json
from docx_helpers import docx_text
from ledger_helpers import fresh_point, upload


def act(api, p, action, **extra):
    body = {"action": action, "version": p["version"]}
    body.update(extra)
    r = api.post("/api/v1/problems/%d/actions" % p["id"], body)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture(scope="module")
def campaign(login, role_user):
    admin, disp = login("admin"), login(role_user["dispatcher"])
    handler, insp = login(role_user["unit_handler"]), login(role_user["inspector"])
    unit = handler.user["unit"]["id"]
    every_unit = [u["id"] for u in admin.get("/api/v1/units").json()["items"]]
    c = create_campaign(admin, every_unit, title="背街小巷环境整治百日攻坚行动")
    # Two tagged problems: one rectified with photos and verified, one still open.
    problems = []
    for i in range(2):
        lng, lat, _ = fresh_point(disp)
        before = upload(disp, lng=lng, lat=lat)
        r = disp.post("/api/v1/problems", {
            "category_code": "06010", "source": "inspection", "lng": lng, "lat": lat,
            "address": "文昌巷 %d 号" % (i + 3), "description": "巷内堆放生活垃圾", "attachment_ids": [before["id"]],
            "campaign_id": c["id"], "dispatch": {"unit_id": unit}})
        assert r.status_code == 201, r.text
        problems.append(r.json())
    p = problems[0]
    after = upload(handler, lng=p["lng"], lat=p["lat"])
    p = act(handler, p, "handle", attachment_ids=[after["id"]], outcome={"kind": "clear", "quantity": 2})
    act(insp, p, "verify_pass")
    r = admin.post("/api/v1/campaigns/%d/work-items" % c["id"], {
        "title": "平交道口硬化", "target_quantity": 100, "uom": "㎡", "owner_unit_id": unit,
        "deadline": today(20), "task_area_id": c["task_areas"][0]["id"]})
    assert r.status_code == 201, r.text
    item = r.json()
    r = handler.post("/api/v1/campaigns/%d/work-items/%d/progress" % (c["id"], item["id"]),
                     {"version": item["version"], "quantity": 40, "note": "完成北段"})
    assert r.status_code == 201, r.text
    r = handler.post("/api/v1/activities", {
        "kind": "cleanup", "date": today(-1), "campaign_id": c["id"], "participants": 35, "vehicles": 4,
        "funds": 1.2, "quantities": [{"kind": "清运垃圾", "amount": 6.5, "unit": "吨"}]})
    assert r.status_code == 201, r.text
    work_plan = next(d for d in c["deliverables"] if d["kind"] == "work_plan")
    r = handler.post("/api/v1/campaigns/%d/deliverables/%d/submissions" % (c["id"], work_plan["id"]),
                     {"note": "工作方案已报送", "attachment_ids": [upload(handler)["id"]]})
    assert r.status_code == 201, r.text
    return c, handler.user["unit"]["name"]


def test_summary_counts_phases_work_items_deliverables_and_the_result_bulletin(login, campaign):
    c, unit_name = campaign
    r = login("leader").get("/api/v1/reports/campaign-summary.docx", params={"campaign": c["id"]})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = docx_text(r.content, "campaign-summary")
    assert "关于背街小巷环境整治百日攻坚行动开展情况的总结" in text
    assert "共发现并登记问题2个，已整改销号1个，正在整改1个" in text
    assert "开展集中整治活动1次，出动人员35人次、车辆4台次，投入资金1.2万元，完成清运垃圾6.5吨" in text
    assert "任务台账共1项，已销号0项" in text
    assert "（一）动员部署阶段（" in text and "本阶段发现问题0个" in text
    assert "（二）集中整治阶段（" in text and "本阶段发现问题2个，其中已整改销号1个，仍在整改1个。" in text
    assert "（三）长期坚持（" in text and "尚未开始" in text
    assert "平交道口硬化" in text and "40/100㎡" in text and "完成40/100㎡" in text
    assert "工作方案" in text and "1个单位已报送" in text
    assert "目前仍有1个问题正在整改" in text
    assert "考评结果的通报" in text and "一、考评排名" in text and "二、表彰奖励" in text
    assert "一等奖" in text and "3000元" in text
    assert "XX" not in text


def test_summary_bad_requests(login, role_user, campaign):
    c, _ = campaign
    admin = login("admin")
    r = admin.get("/api/v1/reports/campaign-summary.docx")
    assert r.status_code == 400 and "campaign" in problem_json(r)["errors"][0]["field"]
    assert admin.get("/api/v1/reports/campaign-summary.docx", params={"campaign": "x1"}).status_code == 400
    r = admin.get("/api/v1/reports/campaign-summary.docx", params={"campaign": 987654})
    assert r.status_code == 404 and problem_json(r)
    assert login("other_admin").get("/api/v1/reports/campaign-summary.docx",
                                    params={"campaign": c["id"]}).status_code == 404
    r = login(role_user["grid_worker"]).get("/api/v1/reports/campaign-summary.docx", params={"campaign": c["id"]})
    assert r.status_code == 403 and problem_json(r)
