"""The authorization matrix: every guarded endpoint × every role. A denied role gets 403
(never a 2xx and never a change); an allowed role gets past the role check (here an empty
or minimal body then fails validation with 400, or a read succeeds). Another unit's and
another tenant's data are covered in the resource tests (404: not visible)."""
import pytest

from conftest import problem_json

ALL = {"admin", "dispatcher", "inspector", "grid_worker", "unit_handler", "leader", "viewer"}

# (method, path, roles allowed). Writes are sent with an empty JSON object.
MATRIX = [
    ("GET", "/api/v1/session", ALL),
    ("GET", "/api/v1/users", {"admin"}),
    ("POST", "/api/v1/users", {"admin"}),
    ("PATCH", "/api/v1/users/1", {"admin"}),
    ("GET", "/api/v1/problems", ALL),
    ("POST", "/api/v1/problems", ALL - {"viewer"}),
    ("GET", "/api/v1/stats/problems", ALL),
    ("GET", "/api/v1/audit/verify", {"admin", "leader", "viewer"}),
    ("GET", "/api/v1/categories", ALL),
    ("PUT", "/api/v1/categories", {"admin"}),
    ("GET", "/api/v1/calendar/2024", ALL),
    ("PUT", "/api/v1/calendar/2024", {"admin"}),
    ("GET", "/api/v1/units", ALL),
    ("POST", "/api/v1/units", {"admin"}),
    ("POST", "/api/v1/grids", {"admin"}),
    ("POST", "/api/v1/zones", {"admin"}),
    ("POST", "/api/v1/regions", {"admin"}),
    ("GET", "/api/v1/grids.geojson", ALL),
    ("GET", "/api/v1/geo/lookup?lng=118.05&lat=36.8", ALL),
    ("GET", "/api/v1/notifications", ALL),
    ("GET", "/api/v1/webhook", {"admin"}),
    ("PUT", "/api/v1/webhook", {"admin"}),
    ("GET", "/api/v1/webhook/deliveries", {"admin"}),
]


def expect(role_user, login, method, path, allowed):
    for role in sorted(ALL):
        api = login(role_user[role])
        r = api.request(method, path, json={} if method != "GET" else None)
        if role in allowed:
            assert r.status_code != 403, (method, path, role, r.text)
            assert r.status_code < 500, (method, path, role, r.text)
        else:
            assert r.status_code == 403, (method, path, role, r.status_code, r.text)
            problem_json(r)


@pytest.mark.parametrize("method,path,allowed", MATRIX, ids=["%s %s" % (m, p) for m, p, _ in MATRIX])
def test_role_matrix(role_user, login, method, path, allowed):
    expect(role_user, login, method, path, allowed)


def test_every_endpoint_needs_a_session(anon):
    for method, path, _ in MATRIX:
        r = anon.request(method, path, json={} if method != "GET" else None)
        assert r.status_code == 401, (method, path, r.status_code)
        problem_json(r)
