"""Bad input to the ledger: each gets a clear Chinese error and stores nothing."""
import os
import struct
import subprocess
import tempfile
import zlib

from conftest import make_photo, problem_json
from ledger_helpers import fresh_point, upload, now_iso

CAT = "06010"


def count_problems(api):
    n, cursor = 0, None
    while True:
        r = api.get("/api/v1/problems", params={"limit": 200, **({"cursor": cursor} if cursor else {})}).json()
        n += len(r["items"])
        cursor = r["next_cursor"]
        if not cursor:
            return n


def stored_files(server):
    root = os.path.join(server.data_dir, "attachments")
    return sum(len(files) for _, _, files in os.walk(root))


def test_bad_problem_bodies_store_nothing(login, role_user):
    api = login(role_user["dispatcher"])
    lng, lat, _ = fresh_point(api)
    good = {"category_code": CAT, "lng": lng, "lat": lat, "address": "文峰路", "description": "垃圾", "source": "citizen"}
    before = count_problems(api)
    cases = [
        (b'{"category_code": "06010", "lng": 118.0,', None),           # truncated JSON
        (b'{"lng": NaN}', None),                                       # NaN is not JSON
        (None, dict(good, lng="118.05")),                               # wrong type
        (None, dict(good, category_code="99999")),                      # unknown category
        (None, dict(good, lng=200.0)),                                  # out of range
        (None, dict(good, lat=-95)),
        (None, dict(good, lng=2.35, lat=48.85)),                        # Paris: outside China
        (None, dict(good, description="")),
        (None, dict(good, source="rumour")),
        (None, dict(good, attachment_ids=[999999999])),
        (None, dict(good, campaign_id=999999)),
        (None, dict(good, colour="red")),                               # unknown field
        (None, dict(good, source="higher_level")),                      # level missing
        (None, dict(good, fixed_on_spot=True)),                         # no photos
    ]
    for raw, body in cases:
        if raw is not None:
            r = api.post("/api/v1/problems", data=raw, headers={"Content-Type": "application/json"})
        else:
            r = api.post("/api/v1/problems", body)
        assert r.status_code == 400, (body or raw, r.status_code, r.text)
        problem_json(r)
    assert count_problems(api) == before


def test_patrol_report_needs_a_photo(login, role_user):
    api = login(role_user["grid_worker"])
    lng, lat, _ = fresh_point(api)
    r = api.post("/api/v1/problems", {"category_code": CAT, "lng": lng, "lat": lat, "address": "x", "description": "y"})
    assert r.status_code == 400
    assert any(e["field"] == "attachment_ids" for e in problem_json(r)["errors"])


def test_other_tenants_attachment_cannot_be_used(login, role_user):
    theirs = upload(login("other_admin"))
    api = login(role_user["dispatcher"])
    lng, lat, _ = fresh_point(api)
    before = count_problems(api)
    r = api.post("/api/v1/problems", {"category_code": CAT, "lng": lng, "lat": lat, "address": "x", "description": "y",
                                      "source": "citizen", "attachment_ids": [theirs["id"]]})
    assert r.status_code == 400
    assert problem_json(r)["errors"][0]["field"] == "attachment_ids[0]"
    assert api.get("/api/v1/attachments/%d" % theirs["id"]).status_code == 404
    assert count_problems(api) == before


def post_file(api, name, data, ctype="image/jpeg"):
    return api.post("/api/v1/attachments", files={"file": (name, data, ctype)})


def png_claiming(width, height):
    """A tiny real PNG whose header claims huge dimensions (a decompression bomb)."""
    raw = b"".join(b"\x00" + b"\x00" * 3 for _ in range(1))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_bad_uploads_are_refused_and_nothing_is_stored(login, role_user, server):
    api = login(role_user["grid_worker"])
    with tempfile.NamedTemporaryFile(suffix=".jpg") as f:
        jpeg = make_photo(f.name, 77, now_iso(-5), 118.05, 36.8)
    files_before = stored_files(server)
    cases = [
        ("empty.jpg", b"", 400),
        ("notes.jpg", "这不是图片，只是文字。\n".encode() * 50, 415),
        ("cut.jpg", jpeg[: len(jpeg) // 2], 400),
        ("bomb.png", png_claiming(100000, 100000), 413),
    ]
    for name, data, status in cases:
        r = post_file(api, name, data)
        assert r.status_code == status, (name, r.status_code, r.text)
        problem_json(r)
    assert stored_files(server) == files_before


def test_oversized_upload_is_413(login, role_user):
    api = login(role_user["grid_worker"])
    r = post_file(api, "huge.jpg", b"\xff\xd8\xff" + os.urandom(21 * 1024 * 1024))
    assert r.status_code == 413


def test_truncated_multipart_is_400(login, role_user):
    api = login(role_user["grid_worker"])
    body = b"--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n\xff\xd8\xff\xe0"
    r = api.post("/api/v1/attachments", data=body, headers={"Content-Type": "multipart/form-data; boundary=XYZ"})
    assert r.status_code == 400
    problem_json(r)


def test_upload_reports_exif_time_and_place(login, role_user):
    a = upload(login(role_user["grid_worker"]), taken_at="2024-09-13T10:00:00+08:00", lng=118.05, lat=36.81)
    assert a["taken_at"].startswith("2024-09-13T10:00:00")
    assert abs(a["lng"] - 118.05) < 1e-5 and abs(a["lat"] - 36.81) < 1e-5
    assert a["width"] == 640 and a["thumbnail_url"]


def dispatched(login, role_user):
    disp = login(role_user["dispatcher"])
    lng, lat, _ = fresh_point(disp)
    before = upload(disp, lng=lng, lat=lat)
    unit = login(role_user["unit_handler"]).user["unit"]["id"]
    r = disp.post("/api/v1/problems", {"category_code": CAT, "lng": lng, "lat": lat, "address": "x", "description": "y",
                                       "source": "citizen", "attachment_ids": [before["id"]], "dispatch": {"unit_id": unit}})
    assert r.status_code == 201, r.text
    return r.json(), before


def test_after_photo_equal_to_before_is_refused(login, role_user):
    p, before = dispatched(login, role_user)
    handler = login(role_user["unit_handler"])
    r = handler.post("/api/v1/problems/%d/actions" % p["id"], {"action": "handle", "version": p["version"],
                                                               "attachment_ids": [before["id"]],
                                                               "outcome": {"kind": "clear", "quantity": 1}})
    assert r.status_code == 422
    problem_json(r)
    assert handler.get("/api/v1/problems/%d" % p["id"]).json()["state"] == "dispatched"


def test_evidence_flags_are_recorded_not_silently_accepted(login, role_user):
    p, _ = dispatched(login, role_user)
    handler = login(role_user["unit_handler"])
    no_exif = upload(handler, taken_at=None, lng=None, lat=None)
    far = upload(handler, lng=p["lng"] + 0.01, lat=p["lat"])  # ~900 m away
    old = upload(handler, taken_at="2020-01-01T08:00:00+08:00", lng=p["lng"], lat=p["lat"])
    r = handler.post("/api/v1/problems/%d/actions" % p["id"], {"action": "handle", "version": p["version"],
                                                               "attachment_ids": [no_exif["id"], far["id"], old["id"]],
                                                               "outcome": {"kind": "clear", "quantity": 1}})
    assert r.status_code == 200, r.text
    codes = {(e["attachment_id"], e["code"]) for e in r.json()["flags"]["evidence"]}
    assert (no_exif["id"], "no_exif_time") in codes
    assert (far["id"], "too_far") in codes
    assert (old["id"], "time_before_dispatch") in codes


def test_reused_photo_across_problems_is_flagged(login, role_user):
    handler = login(role_user["unit_handler"])
    p1, _ = dispatched(login, role_user)
    p2, _ = dispatched(login, role_user)
    photo = upload(handler, lng=p1["lng"], lat=p1["lat"])
    r = handler.post("/api/v1/problems/%d/actions" % p1["id"], {"action": "handle", "version": p1["version"],
                                                                "attachment_ids": [photo["id"]], "outcome": {"kind": "clear", "quantity": 1}})
    assert r.status_code == 200
    r = handler.post("/api/v1/problems/%d/actions" % p2["id"], {"action": "handle", "version": p2["version"],
                                                                "attachment_ids": [photo["id"]], "outcome": {"kind": "clear", "quantity": 1}})
    assert r.status_code == 200
    assert any(e["code"] == "reused_elsewhere" for e in r.json()["flags"]["evidence"])


def test_bad_action_bodies(login, role_user):
    p, _ = dispatched(login, role_user)
    disp = login(role_user["dispatcher"])
    url = "/api/v1/problems/%d/actions" % p["id"]
    for body in ({"action": "fly", "version": p["version"]}, {"action": "accept"}, {"action": "accept", "version": "1"},
                 {"action": "suspend", "version": p["version"], "comment": 5}):
        r = disp.post(url, body)
        assert r.status_code == 400, body
        problem_json(r)
    assert disp.get("/api/v1/problems/%d" % p["id"]).json()["version"] == p["version"]
