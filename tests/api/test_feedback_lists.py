"""交办清单: a higher-level feedback list imported from a spreadsheet (XLSX made by openpyxl,
CSV in GB18030 as Chinese Excel saves it), previewed with every bad row named, turned into
linked ledger problems, and answered item by item (整改情况报告 DOCX read by LibreOffice)."""
import io
import json

import openpyxl
import pytest

from conftest import problem_json
from docx_helpers import docx_text
from ledger_helpers import fresh_point, upload
HEADER = ["序号", "问题描述", "位置", "问题类别", "经度", "纬度", "责任单位", "整改时限"]


def xlsx(rows, title="市城乡环境大整治第三督查组反馈问题清单", header=HEADER):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def post_list(api, data, meta=None, dry_run=False, filename="清单.xlsx"):
    meta = meta if meta is not None else {"title": "市督查组第3期反馈问题清单", "doc_number": "市环整办〔2026〕7号",
                                          "issuing_body": "市城乡环境大整治办公室", "source": "higher_level",
                                          "source_level": "市"}
    files = {"file": (filename, data, "application/octet-stream")}
    if meta != "omit":
        files["meta"] = (None, meta if isinstance(meta, str) else json.dumps(meta, ensure_ascii=False))
    return api.post("/api/v1/feedback-lists", params={"dry_run": "true" if dry_run else "false"}, files=files)


def counts(api):
    lists = api.get("/api/v1/feedback-lists").json()["items"]
    problems = api.get("/api/v1/stats/problems", params={"group_by": "state"}).json()
    return len(lists), json.dumps(problems, sort_keys=True)


@pytest.fixture(scope="module")
def units(login, role_user):
    handler = login(role_user["unit_handler"]).user["unit"]
    return handler


def good_rows(api, unit_name, n=3):
    rows = []
    for i in range(n):
        lng, lat, _ = fresh_point(api)
        rows.append([str(i + 1), "背街小巷堆放建筑垃圾 %d 处" % (i + 1), "将军路 %d 号西侧" % (i + 10), "暴露垃圾",
                     round(lng, 6), round(lat, 6), unit_name, "2030-12-31"])
    return rows


def test_preview_names_every_bad_row_and_stores_nothing(login, role_user, units):
    disp = login(role_user["dispatcher"])
    rows = good_rows(disp, units["name"], 2)
    lng, lat = rows[0][4], rows[0][5]
    rows.append(["3", "门头牌匾破损", "凤凰路", "不存在的类别", lng, lat, units["name"], ""])
    rows.append(["4", "道路遗撒", "孝水路", "06014", "东经118", lat, "", ""])
    rows.append(["5", "占道经营", "菜市场南门", "06010", lng, lat, "不存在的单位", "2030-13-45"])
    rows.append(["6", "乱堆杂物", "文峰路", "06036", lng, lat, units["name"], "2020-01-01"])  # before receipt
    rows.append([None, None, None, None, None, None, None, None])  # blank rows are skipped
    before = counts(disp)
    r = post_list(disp, xlsx(rows), dry_run=True)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["dry_run"] is True and body["header_row"] == 2
    assert body["columns"]["description"] == "问题描述" and body["columns"]["unit"] == "责任单位"
    assert body["total"] == 6 and body["ok_count"] == 2 and body["error_count"] == 4
    bad = {x["row"]: {e["field"]: e["message"] for e in x["errors"]} for x in body["rows"] if not x["ok"]}
    assert set(bad) == {5, 6, 7, 8}
    assert "早于清单接收日期" in bad[8]["deadline"]
    assert "不存在的类别" in bad[5]["category"]
    assert "经纬度" in bad[6]["lng"]
    assert "不存在的单位" in bad[7]["unit"] and "不是日期" in bad[7]["deadline"]
    ok_row = next(x for x in body["rows"] if x["row"] == 3)
    assert ok_row["category_code"] == "06010" and ok_row["unit_name"] == units["name"]
    # The same file without dry_run: refused whole, every bad row named, nothing stored.
    r = post_list(disp, xlsx(rows))
    assert r.status_code == 422
    err = problem_json(r)
    fields = {e["field"] for e in err["errors"]}
    assert {"rows[5].category", "rows[6].lng", "rows[7].unit", "rows[7].deadline"} <= fields
    assert counts(disp) == before


def test_a_deadline_already_past_is_named_not_silently_replaced(login, role_user, units):
    """A list received a month ago whose 整改时限 has passed: the clock would ignore the date,
    so the preview says so instead of importing it with the category's limit."""
    import datetime
    disp = login(role_user["dispatcher"])
    today = datetime.date.today()
    rows = good_rows(disp, units["name"], 1)
    rows[0][7] = (today - datetime.timedelta(days=10)).isoformat()
    meta = {"title": "市督查反馈问题清单", "source": "higher_level", "source_level": "市",
            "received_on": (today - datetime.timedelta(days=30)).isoformat()}
    r = post_list(disp, xlsx(rows), meta=meta, dry_run=True)
    assert r.status_code == 200, r.text
    row = r.json()["rows"][0]
    assert not row["ok"] and "已过" in row["errors"][0]["message"]


def test_import_creates_linked_dispatched_problems_and_the_list_tracks_them(login, role_user, units):
    disp = login(role_user["dispatcher"])
    rows = good_rows(disp, units["name"], 3)
    rows[2][6] = ""  # no unit: reported, waiting for the dispatcher
    rows[2][7] = ""
    r = post_list(disp, xlsx(rows))
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["counts"]["items"] == 3 and body["counts"]["closed"] == 0
    assert body["source"] == "higher_level" and body["source_level"] == "市"
    created = body["created"]
    assert [c["row"] for c in created] == [3, 4, 5]
    assert [c["state"] for c in created] == ["dispatched", "dispatched", "reported"]
    p = disp.get("/api/v1/problems/%d" % created[0]["problem_id"]).json()
    assert p["source"] == "higher_level" and p["source_level"] == "市"
    assert p["unit"]["id"] == units["id"] and p["feedback_item_id"] == created[0]["item_id"]
    assert p["sla"]["deadline"].startswith("2030-12-31T23:59:59")
    assert p["description"] == "背街小巷堆放建筑垃圾 1 处" and p["grid"] is not None
    detail = disp.get("/api/v1/feedback-lists/%d" % body["id"]).json()
    assert [i["problem_id"] for i in detail["items"]] == [c["problem_id"] for c in created]
    assert detail["items"][0]["values"]["address"] == "将军路 10 号西侧"
    assert detail["items"][2]["state"] == "reported"
    # The unit's own staff see the problems in their to-do, not the list itself.
    handler = login(role_user["unit_handler"])
    assert handler.get("/api/v1/problems/%d" % created[0]["problem_id"]).status_code == 200
    assert handler.get("/api/v1/feedback-lists").status_code == 403


def test_gb18030_csv_with_grid_names_and_an_explicit_mapping(login, role_user):
    disp = login(role_user["dispatcher"])
    grids = disp.get("/api/v1/grids").json()["items"]
    g = grids[0]
    text = "编号,反映问题,具体地点,类型,所属网格\n1,绿化带内积存垃圾,%s 东侧,暴露垃圾,%s\n2,墙面乱涂乱画,%s 西侧,乱涂乱画,%s\n" % (
        g["name"], g["name"], g["name"], g["code"])
    data = text.encode("gb18030")
    meta = {"title": "12345 热线转办清单（11月）", "source": "citizen"}
    r = post_list(disp, data, meta=meta, dry_run=True, filename="转办.csv")
    assert r.status_code == 400
    body = problem_json(r)
    assert any(e["field"] == "meta.mapping.description" for e in body["errors"])
    assert body["header_row"] == 1 and body["headers"] == ["编号", "反映问题", "具体地点", "类型", "所属网格"]
    meta["mapping"] = {"description": "反映问题", "address": "具体地点"}
    r = post_list(disp, data, meta=meta, filename="转办.csv")
    assert r.status_code == 201, r.text
    for c in r.json()["created"]:
        p = disp.get("/api/v1/problems/%d" % c["problem_id"]).json()
        assert p["grid"]["id"] == g["id"] and p["source"] == "citizen" and p["state"] == "reported"
    meta["mapping"] = {"description": "没有这一列"}
    r = post_list(disp, data, meta=meta, dry_run=True)
    assert r.status_code == 400
    assert any("没有这一列" in e["message"] for e in problem_json(r)["errors"])


@pytest.mark.parametrize("case", ["xls", "truncated", "text", "empty", "no-meta", "bad-meta", "unknown-field",
                                  "no-level", "bad-dry-run"])
def test_bad_files_and_meta_are_refused_cleanly(login, role_user, units, case):
    disp = login(role_user["dispatcher"])
    good = xlsx(good_rows(disp, units["name"], 1))
    meta, data, params = None, good, {}
    if case == "xls":
        data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    elif case == "truncated":
        data = good[: len(good) // 2]
    elif case == "text":
        data = "这不是表格，只是一段文字。\n".encode()
    elif case == "empty":
        data = b""
    elif case == "no-meta":
        meta = "omit"
    elif case == "bad-meta":
        meta = "{title: 没有引号"
    elif case == "unknown-field":
        meta = {"title": "清单", "source": "higher_level", "source_level": "市", "colour": "red"}
    elif case == "no-level":
        meta = {"title": "清单", "source": "higher_level"}
    before = counts(disp)
    if case == "bad-dry-run":
        files = {"file": ("a.xlsx", good), "meta": (None, json.dumps({"title": "x", "source": "media"}))}
        r = disp.post("/api/v1/feedback-lists", params={"dry_run": "yes"}, files=files)
    else:
        r = post_list(disp, data, meta=meta)
    assert r.status_code == 400, (case, r.status_code, r.text)
    body = problem_json(r)
    text = json.dumps(body, ensure_ascii=False)
    expect = {"xls": ".xls", "truncated": "XLSX", "text": "mapping", "empty": "file", "no-meta": "meta",
              "bad-meta": "JSON", "unknown-field": "colour", "no-level": "source_level", "bad-dry-run": "dry_run"}[case]
    assert expect in text, text
    assert counts(disp) == before


def test_roles_and_tenants(login, role_user, units):
    disp = login(role_user["dispatcher"])
    data = xlsx(good_rows(disp, units["name"], 1))
    for role in ("unit_handler", "grid_worker", "viewer", "leader"):
        r = post_list(login(role_user[role]), data)
        assert r.status_code == 403, (role, r.text)
        problem_json(r)
    r = post_list(disp, data)
    assert r.status_code == 201
    lid = r.json()["id"]
    other = login("other_admin")
    assert other.get("/api/v1/feedback-lists/%d" % lid).status_code == 404
    assert all(x["id"] != lid for x in other.get("/api/v1/feedback-lists").json()["items"])
    assert other.get("/api/v1/reports/feedback-answer.docx", params={"list": lid}).status_code == 404


def test_answer_reports_each_item_with_measures_photos_and_what_is_still_open(login, role_user, units):
    disp, handler, insp = login(role_user["dispatcher"]), login(role_user["unit_handler"]), login(role_user["inspector"])
    rows = good_rows(disp, units["name"], 2)
    r = post_list(disp, xlsx(rows), meta={"title": "区督查反馈问题清单", "issuing_body": "区城乡环境整治办公室",
                                          "source": "higher_level", "source_level": "区",
                                          "received_on": "2026-11-20"})
    assert r.status_code == 201, r.text
    lid, created = r.json()["id"], r.json()["created"]
    # Item 1 is rectified with an after-photo and verified; item 2 stays open.
    p = disp.get("/api/v1/problems/%d" % created[0]["problem_id"]).json()
    after = upload(handler, lng=p["lng"], lat=p["lat"])
    r = handler.post("/api/v1/problems/%d/actions" % p["id"], {
        "action": "handle", "version": p["version"], "attachment_ids": [after["id"]], "comment": "组织人员清运",
        "outcome": {"kind": "clear", "quantity": 1.5}})
    assert r.status_code == 200, r.text
    p = r.json()
    r = insp.post("/api/v1/problems/%d/actions" % p["id"], {"action": "verify_pass", "version": p["version"]})
    assert r.status_code == 200, r.text
    listed = disp.get("/api/v1/feedback-lists/%d" % lid).json()
    assert listed["counts"] == {"items": 2, "closed": 1, "overdue": 0}
    r = disp.get("/api/v1/reports/feedback-answer.docx", params={"list": lid})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = docx_text(r.content, "feedback-answer", pages=2)
    assert "关于区督查反馈问题清单" in text and "整改情况的报告" in text
    assert "2026年11月20日" in text and "共反馈问题2个" in text
    assert "已整改销号1个" in text and "正在整改1个" in text
    assert "组织人员清运；清运1.5吨" in text
    assert units["name"] in text and "将军路10号西侧" in text
    assert "整改照片" in text and "时限2030年12月31日" in text
    assert "XX" not in text


def test_answer_needs_a_list(login, role_user):
    disp = login(role_user["dispatcher"])
    assert disp.get("/api/v1/reports/feedback-answer.docx").status_code == 400
    assert disp.get("/api/v1/reports/feedback-answer.docx", params={"list": "abc"}).status_code == 400
    assert disp.get("/api/v1/reports/feedback-answer.docx", params={"list": 999999}).status_code == 404
    assert login(role_user["unit_handler"]).get("/api/v1/reports/feedback-answer.docx",
                                                 params={"list": 1}).status_code == 403
