"""The tenant's outbound webhook: admin-only settings with strict validation, deliveries
retried with backoff and signed with HMAC-SHA256, never holding up the request."""
import hashlib
import hmac
import http.server
import json
import socket
import threading

import pytest

from conftest import problem_json
from notify_helpers import NotifyServer, dispatched, wait_for


@pytest.fixture(scope="module")
def srv(workdir):
    s = NotifyServer(workdir)
    yield s
    s.stop()


class Gateway:
    """A loopback HTTP server answering the given statuses in turn (the last one repeats)."""

    def __init__(self, statuses):
        self.statuses = list(statuses)
        self.requests = []
        gw = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                gw.requests.append((self.path, dict(self.headers), body))
                status = gw.statuses.pop(0) if len(gw.statuses) > 1 else gw.statuses[0]
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/hook?src=envgrid" % self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def unit_of(srv, username):
    return srv.login(username).user["unit"]["id"]


def delivery_of(admin, problem_id, event="dispatched"):
    r = admin.get("/api/v1/webhook/deliveries", params={"limit": 200})
    assert r.status_code == 200, r.text
    for d in r.json()["items"]:
        if d["event"] == event and d["payload"] and d["payload"].get("problem_id") == problem_id:
            return d
    return None


def put_hook(admin, **body):
    r = admin.put("/api/v1/webhook", body)
    assert r.status_code == 200, r.text
    return r.json()


def test_settings_round_trip_without_revealing_the_secret(srv):
    admin = srv.login("admin")
    got = admin.get("/api/v1/webhook").json()
    assert got["enabled"] is False and got["secret_set"] is False and got["url"] == ""
    assert "dispatched" in [k["kind"] for k in got["available_events"]]
    out = put_hook(admin, url="http://127.0.0.1:9/x", enabled=True, events=["overdue", "dispatched"], secret="s3cret")
    assert out["events"] == ["dispatched", "overdue"] and out["secret_set"] is True
    assert "secret" not in out and "s3cret" not in json.dumps(admin.get("/api/v1/webhook").json())
    # Omitting the secret keeps it; omitting events subscribes to every kind; "" removes the secret.
    out = put_hook(admin, url="http://127.0.0.1:9/x", enabled=False)
    assert out["secret_set"] is True and len(out["events"]) == len(out["available_events"])
    assert put_hook(admin, url="", enabled=False, secret="")["secret_set"] is False


@pytest.mark.parametrize("body,field", [
    ({"url": "https://gw.example.com/hook", "enabled": True}, "url"),
    ({"url": "ftp://gw.example.com/", "enabled": True}, "url"),
    ({"url": "http://", "enabled": True}, "url"),
    ({"url": "http://user@gw.example.com/", "enabled": True}, "url"),
    ({"url": "http://gw.example.com:99999/", "enabled": True}, "url"),
    ({"url": "", "enabled": True}, "url"),
    ({"url": "http://gw.example.com/", "enabled": True, "events": ["dispatched", "lunch"]}, "events[1]"),
    ({"url": "http://gw.example.com/", "enabled": "yes"}, "enabled"),
    ({"url": "http://gw.example.com/", "enabled": True, "events": "all"}, "events"),
    ({"url": 5, "enabled": True}, "url"),
    ({"url": "http://gw.example.com/", "enabled": True, "secret": 12}, "secret"),
    ({"url": "http://gw.example.com/", "enabled": True, "retries": 3}, "retries"),
    ({"enabled": True}, "url"),
])
def test_bad_settings_are_400_and_nothing_changes(srv, body, field):
    admin = srv.login("admin")
    before = put_hook(admin, url="http://127.0.0.1:9/keep", enabled=False, events=["overdue"])
    r = admin.put("/api/v1/webhook", body)
    assert r.status_code == 400, r.text
    assert field in [e["field"] for e in problem_json(r)["errors"]], r.text
    assert admin.get("/api/v1/webhook").json() == before


def test_https_is_refused_with_the_relay_hint(srv):
    r = srv.login("admin").put("/api/v1/webhook", {"url": "https://qyapi.weixin.qq.com/x", "enabled": True})
    assert r.status_code == 400
    assert "https" in problem_json(r)["errors"][0]["message"]


def test_only_admins_see_or_change_the_webhook(srv):
    admin = srv.login("admin")
    before = put_hook(admin, url="http://127.0.0.1:9/keep", enabled=False)
    for user in ("dispatcher", "chengguan", "leader"):
        api = srv.login(user)
        for r in (api.get("/api/v1/webhook"), api.get("/api/v1/webhook/deliveries"),
                  api.put("/api/v1/webhook", {"url": "http://evil.example/", "enabled": True})):
            assert r.status_code == 403, (user, r.text)
            problem_json(r)
    assert admin.get("/api/v1/webhook").json() == before


def test_a_failed_delivery_is_retried_and_signed(srv):
    admin, handler = srv.login("admin"), srv.login("chengguan")
    gw = Gateway([500, 200])
    try:
        put_hook(admin, url=gw.url, enabled=True, events=["dispatched"], secret="gw-secret")
        p = dispatched(srv.login("dispatcher"), unit_of(srv, "chengguan"))
        d = wait_for(lambda: (x := delivery_of(admin, p["id"])) and x["status"] == "delivered" and x, timeout=30)
        assert d["attempts"] == 2 and d["delivered_at"] and d["last_error"] == ""
        assert len(gw.requests) == 2
        path, headers, body = gw.requests[-1]
        assert path == "/hook?src=envgrid"
        assert headers["Content-Type"] == "application/json; charset=utf-8"
        assert headers["X-Envgrid-Event"] == "dispatched"
        want = "sha256=" + hmac.new(b"gw-secret", body, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(headers["X-Envgrid-Signature"], want)
        payload = json.loads(body.decode("utf-8"))
        assert payload["event"] == "dispatched" and payload["problem_id"] == p["id"]
        assert payload["number"] == p["number"] and payload["link"] == "/problems/%d" % p["id"]
        assert payload["unit_id"] == unit_of(srv, "chengguan") and "已派遣" in payload["title"]
        me = [x for x in payload["recipients"] if x["username"] == "chengguan"]
        assert len(me) == 1 and me[0]["phone"] and me[0]["user_id"] == handler.user["id"]
    finally:
        gw.close()


def test_unsubscribed_events_are_not_queued(srv):
    admin = srv.login("admin")
    put_hook(admin, url="http://127.0.0.1:9/x", enabled=True, events=["overdue"])
    p = dispatched(srv.login("dispatcher"), unit_of(srv, "chengguan"))
    assert delivery_of(admin, p["id"]) is None


def test_unreachable_gateway_does_not_hold_up_the_request(srv):
    admin = srv.login("admin")
    put_hook(admin, url="http://127.0.0.1:%d/hook" % free_port(), enabled=True, events=["dispatched"], secret="")
    p = dispatched(srv.login("dispatcher"), unit_of(srv, "chengguan"))  # answered 201 regardless
    d = delivery_of(admin, p["id"])
    assert d is not None and d["status"] in ("pending", "failed")
    # The worker tries, records why, and gives up after webhook.max_attempts (3 here).
    d = wait_for(lambda: (x := delivery_of(admin, p["id"])) and x["status"] == "failed" and x, timeout=30)
    assert d["attempts"] == 3 and d["last_error"]
