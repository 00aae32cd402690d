"""Shared helpers for the campaign and field-work tests."""
import datetime

SH = datetime.timezone(datetime.timedelta(hours=8))


def today(delta_days=0):
    return (datetime.datetime.now(SH).date() + datetime.timedelta(days=delta_days)).isoformat()


def unit_ids(admin):
    """Distinct unit ids of the demo users (the units a campaign can involve)."""
    r = admin.get("/api/v1/users")
    assert r.status_code == 200, r.text
    return sorted({u["unit_id"] for u in r.json()["items"] if u["unit_id"]})


def campaign_body(units, **extra):
    body = {
        "doc_number": "测政发〔2024〕1号", "title": "测试专项行动", "issuer": "测试街道办事处",
        "start_date": today(-10), "end_date": today(30), "clock_mode": "every_day", "weight": 0.5,
        "unit_ids": units,
        "phases": [
            {"name": "动员部署阶段", "kind": "mobilize", "start_date": today(-10), "end_date": today(-6)},
            {"name": "集中整治阶段", "kind": "rectify", "start_date": today(-5), "end_date": today(20)},
            {"name": "长期坚持", "kind": "sustain", "start_date": today(21)},
        ],
        "task_areas": [{"name": "路域环境提升", "category_codes": ["06012", "06014"], "zone_kinds": ["road"],
                        "target": "主次干道保洁"},
                       {"name": "社区人居环境", "category_codes": ["0601"], "target": "三大堆清理"}],
        "deliverables": [{"kind": "work_plan", "title": "工作方案", "due_date": today(-6)},
                         {"kind": "phase_summary", "title": "阶段总结", "due_date": today(25)}],
        "award_tiers": [{"name": "一等奖", "amount": 3000, "count": 1}],
    }
    body.update(extra)
    return body


def create_campaign(admin, units, **extra):
    r = admin.post("/api/v1/campaigns", campaign_body(units, **extra))
    assert r.status_code == 201, r.text
    return r.json()
