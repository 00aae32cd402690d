"""Shared helpers for the ledger tests: photos with EXIF, points inside demo grids."""
import datetime
import os
import tempfile

from conftest import make_photo

SH = datetime.timezone(datetime.timedelta(hours=8))
_seed = [1000]


def now_iso(delta_minutes=0):
    t = datetime.datetime.now(SH) + datetime.timedelta(minutes=delta_minutes)
    return t.strftime("%Y-%m-%dT%H:%M:%S+08:00")


def upload(api, seed=None, taken_at="now", lng=None, lat=None, width=640, height=480, quality=85):
    """Uploads a freshly generated JPEG with EXIF; returns the attachment JSON."""
    if seed is None:
        _seed[0] += 1
        seed = _seed[0] * 7 + os.getpid()
    if taken_at == "now":
        taken_at = now_iso(-5)
    with tempfile.NamedTemporaryFile(suffix=".jpg") as f:
        data = make_photo(f.name, seed, taken_at, lng, lat, width, height, quality)
    r = api.post("/api/v1/attachments", files={"file": ("photo.jpg", data, "image/jpeg")})
    assert r.status_code == 201, r.text
    return r.json()


def grid_points(api, n=10):
    """Centroids of the first n demo grids (points inside grids)."""
    fc = api.get("/api/v1/grids.geojson").json()
    out = []
    for feat in fc["features"][:n]:
        geom = feat["geometry"]
        ring = geom["coordinates"][0] if geom["type"] == "Polygon" else geom["coordinates"][0][0]
        xs = [p[0] for p in ring[:-1]]
        ys = [p[1] for p in ring[:-1]]
        out.append((sum(xs) / len(xs), sum(ys) / len(ys), feat["properties"]["id"]))
    return out


_point_counter = [0]


def fresh_point(api):
    """A point inside a grid, moved ~100 m each call so duplicates are not triggered."""
    pts = grid_points(api, 40)
    i = _point_counter[0]
    _point_counter[0] += 1
    lng, lat, gid = pts[i % len(pts)]
    k = i // len(pts)
    return lng + 0.0012 * (k % 3), lat + 0.0009 * (k // 3), gid


def unit_of(api, username_role_user, login, role="unit_handler"):
    me = login(username_role_user[role]).user
    return me["unit"]["id"]
