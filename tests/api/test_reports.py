"""Documents through the API: 月通报 and 工作汇报 as DOCX, rendered by LibreOffice to PDF and
text, checked for their numbers (and for no "XX" left), page 1 saved as PNG under
tests/artifacts/reports/ for a person to look at."""
import os
import shutil
import subprocess
import tempfile

import pytest

from assessment_fixture import Ledger
from conftest import ROOT, problem_json

ARTIFACTS = os.path.join(ROOT, "tests", "artifacts", "reports")
FONTS = os.path.join(ROOT, "src", "export", "fontconfig", "envgrid-fonts.conf")


@pytest.fixture(scope="module")
def ledger(workdir):
    led = Ledger(workdir)
    yield led
    led.stop()


@pytest.fixture(scope="module")
def profile():
    d = tempfile.mkdtemp(prefix="envgrid-lo-")
    yield d
    shutil.rmtree(d, ignore_errors=True)


def render(docx_bytes, name, profile):
    """DOCX → (text of the PDF, number of pages); page 1 → tests/artifacts/reports/<name>.png."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is required")
    os.makedirs(ARTIFACTS, exist_ok=True)
    out = tempfile.mkdtemp(prefix="envgrid-doc-")
    src = os.path.join(out, name + ".docx")
    with open(src, "wb") as f:
        f.write(docx_bytes)
    env = dict(os.environ, FONTCONFIG_FILE=FONTS)
    subprocess.run(["timeout", "180", "soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", out, src], check=True, capture_output=True, env=env)
    pdf = os.path.join(out, name + ".pdf")
    text = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True, text=True).stdout
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf,
                    os.path.join(ARTIFACTS, name)], check=True)
    shutil.copy(src, os.path.join(ARTIFACTS, name + ".docx"))
    # Paragraphs wrap anywhere in Chinese text: compare without spaces and line breaks.
    return text.replace(" ", "").replace("\n", "")


def test_monthly_bulletin_has_rankings_exposure_awards_and_criticism(ledger, profile):
    admin = ledger.login("a_admin")
    r = ledger.login("a_leader").post("/api/v1/accountability", {
        "unit_id": ledger.units["C1"], "kind": "criticism", "target": "unit", "reason": "暗访发现问题反弹",
        "day": "2024-09-20"})
    assert r.status_code == 201, r.text
    r = admin.get("/api/v1/reports/bulletin.docx", params={"period": "2024-09"})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert r.content[:2] == b"PK"
    text = render(r.content, "bulletin-2024-09", profile)
    for s in ["关于2024年9月城乡环境整治", "考评情况的通报", "环整通〔2024〕9号", "东关社区", "西关社区", "南坡村",
              "市政工程处", "49.83", "环卫所", "园林所", "月曝光", "一等奖", "3000元", "暗访发现问题反弹",
              "通报批评", "本月共发现问题11件", "整改前", "整改后"]:
        assert s in text, s
    # C1: 100 − 4 − 5 − 1 − 1 − 3 (通报批评) = 86
    assert "86" in text
    assert "XX" not in text


def test_work_report_fills_every_count_from_the_ledger(ledger, profile):
    admin = ledger.login("a_admin")
    r = admin.get("/api/v1/reports/work-report.docx", params={"from": "2024-09-01", "to": "2024-09-30"})
    assert r.status_code == 200, r.text
    text = render(r.content, "work-report-2024-09", profile)
    for s in ["工作汇报", "2024年9月1日至2024年9月30日", "共发现各类环境问题11件", "派遣责任单位处置5件",
              "清除小广告120条", "清运垃圾杂物3.5吨", "拆除违章建筑40平方米", "粉刷墙面25平方米",
              "活动1次", "出动人员30人次", "车辆4台次", "1.5万元", "清运垃圾12吨", "合计"]:
        assert s in text, s
    assert "XX" not in text


def test_annual_bulletin_from_the_same_machinery(ledger, profile):
    r = ledger.login("a_leader").get("/api/v1/reports/bulletin.docx", params={"period": "2024"})
    assert r.status_code == 200, r.text
    text = render(r.content, "bulletin-2024", profile)
    assert "关于2024年度城乡环境整治考评情况的通报" in text
    assert "根据各月考评结果" in text and "本年度共发现问题" in text and "排名靠后单位" in text
    assert "本月" not in text and "下月" not in text and "XX" not in text


def test_report_arguments_are_checked(ledger):
    admin = ledger.login("a_admin")
    for bad in ("2024-13", "24-09", "2024-Q5", ""):
        r = admin.get("/api/v1/reports/bulletin.docx", params={"period": bad})
        assert r.status_code == 400 and problem_json(r)["errors"][0]["field"] == "period", bad
    r = admin.get("/api/v1/reports/work-report.docx", params={"from": "2024-09-30", "to": "2024-09-01"})
    assert r.status_code == 400 and problem_json(r)["errors"][0]["field"] == "to"
    r = admin.get("/api/v1/reports/work-report.docx", params={"from": "2024-02-30", "to": "2024-03-01"})
    assert r.status_code == 400 and problem_json(r)["errors"][0]["field"] == "from"
    r = ledger.login("a_worker").get("/api/v1/reports/bulletin.docx", params={"period": "2024-09"})
    assert r.status_code == 403
