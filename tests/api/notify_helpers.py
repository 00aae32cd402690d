"""A demo server of its own for the notification and webhook tests: the reminder sweep
runs every second and failed webhook deliveries are retried after 1 s, 2 s, …"""
import datetime
import os
import time

import requests

from conftest import Api, Server, new_database, run_cli
from ledger_helpers import fresh_point, upload

SH = datetime.timezone(datetime.timedelta(hours=8))
CAT = "06010"  # 暴露垃圾
CONFIG = "[notify]\nsweep_seconds = 1\n\n[webhook]\nretry_base_seconds = 1\nmax_attempts = 3\n"


class NotifyServer:
    def __init__(self, workdir):
        self.url = new_database(workdir)
        data = os.path.join(workdir, "notify-data-" + os.urandom(4).hex())
        run_cli("demo", "--db", self.url, "--data-dir", data, "--problems-months", "0")
        cfg = os.path.join(workdir, "notify-%s.toml" % os.urandom(4).hex())
        with open(cfg, "w") as f:
            f.write(CONFIG)
        self.server = Server(self.url, data, ["--config", cfg])
        self.base = self.server.base
        logins = requests.get(self.base + "/api/v1/demo/logins", timeout=30).json()
        self.passwords = {x["username"]: x["password"] for x in logins}
        self._apis = {}

    def login(self, username):
        if username not in self._apis:
            r = requests.post(self.base + "/api/v1/session",
                              json={"username": username, "password": self.passwords[username]}, timeout=30)
            assert r.status_code == 200, r.text
            self._apis[username] = Api(self.base, r.json()["token"], r.json()["user"])
        return self._apis[username]

    def stop(self):
        self.server.stop()


def iso_in(seconds):
    t = datetime.datetime.now(SH) + datetime.timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%S+08:00")


def dispatched(disp, unit_id, **dispatch):
    """A problem reported by a trusted reporter and dispatched to unit_id at once."""
    lng, lat, _ = fresh_point(disp)
    photo = upload(disp, lng=lng, lat=lat)
    body = {"category_code": CAT, "source": "citizen", "lng": lng, "lat": lat, "address": "文峰路 12 号门前",
            "description": "路边有成堆的生活垃圾", "attachment_ids": [photo["id"]],
            "dispatch": dict(unit_id=unit_id, **dispatch)}
    r = disp.post("/api/v1/problems", body)
    assert r.status_code == 201, r.text
    return r.json()


def reported(worker):
    """A plain report (no dispatch)."""
    lng, lat, _ = fresh_point(worker)
    photo = upload(worker, lng=lng, lat=lat)
    r = worker.post("/api/v1/problems", {"category_code": CAT, "lng": lng, "lat": lat, "address": "文峰路 8 号",
                                         "description": "垃圾桶满溢", "attachment_ids": [photo["id"]]})
    assert r.status_code == 201, r.text
    return r.json()


def act(api, p, action, **extra):
    body = {"action": action, "version": p["version"]}
    body.update(extra)
    r = api.post("/api/v1/problems/%d/actions" % p["id"], body)
    assert r.status_code == 200, r.text
    return r.json()


def notices(api, **params):
    r = api.get("/api/v1/notifications", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def notices_for(api, link, kind=None):
    """All of the user's notices with this link (and kind), paging through every page."""
    out, cursor = [], None
    while True:
        page = notices(api, limit=200, **({"cursor": cursor} if cursor else {}))
        out += [n for n in page["items"] if n["link"] == link and (kind is None or n["kind"] == kind)]
        cursor = page["next_cursor"]
        if not cursor:
            return out


def wait_for(fn, timeout=30, step=0.25):
    """fn() until truthy; returns that value or fails after timeout seconds."""
    end = time.time() + timeout
    while True:
        v = fn()
        if v:
            return v
        if time.time() > end:
            raise AssertionError("condition not met within %ss" % timeout)
        time.sleep(step)
