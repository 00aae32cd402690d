"""Shared helpers for the territory and import tests: shapes away from the demo town (so
shared demo data and the ledger tests are never disturbed) and unique codes."""
import itertools

_seq = itertools.count(1)

# The demo town spans about lng 118.030–118.075, lat 36.785–36.815. Test shapes live east
# of it, each in its own 0.01° column, so they never overlap the town or each other.
FAR_LNG, FAR_LAT = 118.30, 36.90


def far_spot():
    """A fresh (lng, lat) centre for a test shape, well away from everything else."""
    n = next(_seq)
    return round(FAR_LNG + 0.01 * (n % 50), 6), round(FAR_LAT + 0.01 * (n // 50), 6)


def square(lng, lat, half=0.002):
    ring = [[lng - half, lat - half], [lng + half, lat - half], [lng + half, lat + half], [lng - half, lat + half],
            [lng - half, lat - half]]
    return {"type": "Polygon", "coordinates": [ring]}


def unique_code(prefix="t"):
    return "%s-%d" % (prefix, next(_seq) + 1000)


def grid_code(seq=None):
    """A 15-digit grid code under the demo community 370302010001 (文峰社区)."""
    n = next(_seq) if seq is None else seq
    return "370302010%03d%03d" % (500 + n // 1000, n % 1000)


def unit_by_code(api, code):
    for u in api.get("/api/v1/units", params={"limit": 5000}).json()["items"]:
        if u["code"] == code:
            return u
    raise AssertionError("no unit " + code)


def zone_by_code(api, code):
    for z in api.get("/api/v1/zones", params={"limit": 5000}).json()["items"]:
        if z["code"] == code:
            return z
    raise AssertionError("no zone " + code)


def lookup(api, lng, lat, **extra):
    r = api.get("/api/v1/geo/lookup", params=dict(lng=lng, lat=lat, **extra))
    assert r.status_code == 200, r.text
    return r.json()


def centroid(geometry):
    ring = geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0]
    pts = ring[:-1]
    return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
