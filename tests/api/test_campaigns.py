"""Campaigns (专项行动): CRUD, versioning, tenancy, templates from the seed notices."""
import pytest

from campaign_helpers import campaign_body, create_campaign, today, unit_ids
from conftest import problem_json

TEMPLATES = ["000_88f065076e95e0f8", "001_9350c83788511b96", "002_5974b765139d4e17", "003_7e8ca09ab14c4204",
             "004_519bd1e1f36f0b74"]


@pytest.fixture
def admin(login):
    return login("admin")


def test_create_read_list_campaign(admin):
    units = unit_ids(admin)[:2]
    c = create_campaign(admin, units)
    assert c["title"] == "测试专项行动" and c["version"] == 1 and c["weight"] == 0.5
    assert [p["kind_name"] for p in c["phases"]] == ["动员部署", "集中整治", "长期坚持"]
    assert c["phases"][2]["end_date"] is None
    # The deadline cap is the end of the rectification phase (exclusive, Shanghai time).
    assert c["deadline_cap"] == today(21) + "T00:00:00+08:00"
    assert c["unit_ids"] == sorted(units)
    got = admin.get("/api/v1/campaigns/%d" % c["id"]).json()
    assert got == c
    assert c["id"] in [x["id"] for x in admin.get("/api/v1/campaigns").json()["items"]]


def test_everyone_in_tenant_reads(login, role_user, admin):
    c = create_campaign(admin, unit_ids(admin)[:1])
    for role in ("viewer", "unit_handler", "grid_worker", "leader", "inspector"):
        r = login(role_user[role]).get("/api/v1/campaigns/%d" % c["id"])
        assert r.status_code == 200, (role, r.text)


@pytest.mark.parametrize("role", ["unit_handler", "grid_worker", "viewer", "leader", "inspector"])
def test_wrong_role_cannot_create(login, role_user, admin, role):
    before = len(admin.get("/api/v1/campaigns").json()["items"])
    r = login(role_user[role]).post("/api/v1/campaigns", campaign_body(unit_ids(admin)[:1]))
    assert r.status_code == 403 and problem_json(r)
    assert len(admin.get("/api/v1/campaigns").json()["items"]) == before


@pytest.mark.parametrize("change,field", [
    ({"title": 5}, "title"),
    ({"title": ""}, "title"),
    ({"start_date": "2024-02-30"}, "start_date"),
    ({"start_date": "明天"}, "start_date"),
    ({"end_date": "2000-01-01"}, "end_date"),
    ({"clock_mode": "weekdays"}, "clock_mode"),
    ({"weight": 1.5}, "weight"),
    ({"weight": "0.5"}, "weight"),
    ({"colour": "red"}, "colour"),
    ({"unit_ids": [999999]}, "unit_ids[0]"),
    ({"unit_ids": "1,2"}, "unit_ids"),
    ({"phases": [{"name": "x", "kind": "rectify", "start_date": today(), "end_date": today(-1)}]}, "phases[0].end_date"),
    ({"phases": [{"name": "x", "kind": "party", "start_date": today()}]}, "phases[0].kind"),
    ({"phases": [{"name": "x", "kind": "rectify", "start_date": today(), "extra": 1}]}, "phases[0].extra"),
    ({"phases": ["动员"]}, "phases[0]"),
    ({"deliverables": [{"kind": "ppt", "title": "汇报", "due_date": "03-01"}]}, "deliverables[0].due_date"),
    ({"task_areas": [{"name": "x", "lead_unit_id": 999999}]}, "task_areas[0].lead_unit_id"),
])
def test_bad_input_is_400_naming_the_field(admin, change, field):
    before = len(admin.get("/api/v1/campaigns").json()["items"])
    body = campaign_body(unit_ids(admin)[:1])
    body.update(change)
    r = admin.post("/api/v1/campaigns", body)
    assert r.status_code == 400, r.text
    assert field in [e["field"] for e in problem_json(r)["errors"]], r.text
    assert len(admin.get("/api/v1/campaigns").json()["items"]) == before


def test_malformed_json_is_400(admin):
    r = admin.post("/api/v1/campaigns", data=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and problem_json(r)
    r = admin.post("/api/v1/campaigns", data=b"[1,2]", headers={"Content-Type": "application/json"})
    assert r.status_code == 400


def test_patch_extends_end_and_checks_version(admin):
    c = create_campaign(admin, unit_ids(admin)[:1])
    r = admin.patch("/api/v1/campaigns/%d" % c["id"], {"version": 1, "end_date": today(60)})
    assert r.status_code == 200, r.text
    c2 = r.json()
    assert c2["end_date"] == today(60) and c2["version"] == 2 and c2["phases"] == c["phases"]
    r = admin.patch("/api/v1/campaigns/%d" % c["id"], {"version": 1, "title": "过期的修改"})
    assert r.status_code == 409 and problem_json(r)["type"].endswith("stale-version")
    assert admin.get("/api/v1/campaigns/%d" % c["id"]).json() == c2


def test_patch_bad_input_changes_nothing(admin):
    c = create_campaign(admin, unit_ids(admin)[:1])
    for body in ({"title": "无版本"}, {"version": 1, "end_date": today(-30)}, {"version": "1"},
                 {"version": 1, "nonsense": True}):
        r = admin.patch("/api/v1/campaigns/%d" % c["id"], body)
        assert r.status_code == 400, (body, r.text)
        problem_json(r)
    assert admin.get("/api/v1/campaigns/%d" % c["id"]).json() == c


def test_other_tenant_gets_404(login, admin):
    c = create_campaign(admin, unit_ids(admin)[:1])
    other = login("other_admin")
    for r in (other.get("/api/v1/campaigns/%d" % c["id"]),
              other.patch("/api/v1/campaigns/%d" % c["id"], {"version": 1, "title": "越权"}),
              other.delete("/api/v1/campaigns/%d" % c["id"]),
              other.get("/api/v1/campaigns/%d/burndown" % c["id"])):
        assert r.status_code == 404 and problem_json(r)
    assert c["id"] not in [x["id"] for x in other.get("/api/v1/campaigns").json()["items"]]
    assert admin.get("/api/v1/campaigns/%d" % c["id"]).json() == c


def test_delete_untagged_campaign(admin, login, role_user):
    c = create_campaign(admin, unit_ids(admin)[:1])
    r = login(role_user["viewer"]).delete("/api/v1/campaigns/%d" % c["id"])
    assert r.status_code == 403
    assert admin.delete("/api/v1/campaigns/%d" % c["id"]).status_code == 204
    assert admin.get("/api/v1/campaigns/%d" % c["id"]).status_code == 404


def test_from_template_follows_the_notice(admin):
    r = admin.post("/api/v1/campaigns/from-template", {"template": TEMPLATES[0], "start_date": "2023-12-01"})
    assert r.status_code == 201, r.text
    c = r.json()
    assert c["doc_number"] == "将政发〔2023〕16号" and c["weight"] == 0.5 and c["clock_mode"] == "every_day"
    assert [(p["kind"], p["start_date"], p["end_date"]) for p in c["phases"]] == [
        ("mobilize", "2023-12-01", "2023-12-06"), ("rectify", "2023-12-07", "2024-01-31"),
        ("accept", "2024-02-01", "2024-02-09")]
    assert c["deadline_cap"] == "2024-02-01T00:00:00+08:00"
    assert len(c["task_areas"]) == 5 and c["task_areas"][0]["name"] == "路域环境提升行动"
    assert {d["kind"] for d in c["deliverables"]} == {"work_plan", "ppt", "phase_summary"}
    assert [d["due_date"] for d in c["deliverables"] if d["kind"] == "phase_summary"] == ["2024-03-01"]
    assert [t["amount"] for t in c["award_tiers"]] == [3000, 2000, 1000]


def test_from_template_sets_up_the_notices_recurring_duties(admin):
    """百日攻坚 asks 包村干部 to clean their village every Friday and every 村居 secretary to work
    an hour a day: creating the campaign creates those duties for its dates, once."""
    def duties():
        return [d for d in admin.get("/api/v1/duties").json()["items"] if d["start_date"] == "2022-03-01"]

    assert duties() == []
    r = admin.post("/api/v1/campaigns/from-template", {"template": TEMPLATES[0], "start_date": "2022-03-01"})
    assert r.status_code == 201, r.text
    end = r.json()["end_date"]
    got = duties()
    cadres = [d for d in got if d["who"] == "village_cadres"]
    assert len(cadres) == 1 and cadres[0]["weekday"] == 5 and cadres[0]["activity_kind"] == "friday_village_cleanup"
    assert "每周五" in cadres[0]["name"] and cadres[0]["end_date"] == end
    villages = {u["id"] for u in admin.get("/api/v1/units").json()["items"] if u["type"] in ("village", "community")}
    secretaries = [d for d in got if d["activity_kind"] == "secretary_daily_hour"]
    assert villages and {d["unit_id"] for d in secretaries} == villages
    assert all(d["frequency"] == "daily" and d["who"] == "unit" for d in secretaries)
    r = admin.post("/api/v1/campaigns/from-template", {"template": TEMPLATES[0], "start_date": "2022-03-01"})
    assert r.status_code == 201
    assert len(duties()) == len(got)  # the same rules are already running


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_seed_template_creates_a_campaign(admin, template):
    r = admin.post("/api/v1/campaigns/from-template", {"template": template, "start_date": today()})
    assert r.status_code == 201, r.text
    c = r.json()
    assert c["template_id"] == template and c["phases"] and c["task_areas"]
    assert template in [t["id"] for t in admin.get("/api/v1/campaign-templates").json()["items"]]


def test_from_template_bad_input(admin, login, role_user):
    r = admin.post("/api/v1/campaigns/from-template", {"template": "nope", "start_date": today()})
    assert r.status_code == 404 and problem_json(r)
    r = admin.post("/api/v1/campaigns/from-template", {"template": "../openapi", "start_date": today()})
    assert r.status_code == 404
    r = admin.post("/api/v1/campaigns/from-template", {"template": TEMPLATES[0], "start_date": "2023-13-01"})
    assert r.status_code == 400 and problem_json(r)["errors"][0]["field"] == "start_date"
    r = admin.post("/api/v1/campaigns/from-template", {"template": TEMPLATES[0]})
    assert r.status_code == 400
    r = login(role_user["viewer"]).post("/api/v1/campaigns/from-template", {"template": TEMPLATES[0],
                                                                          "start_date": today()})
    assert r.status_code == 403
