"""A server of its own with a small, exactly known ledger for September 2024, written
straight into the database so that every time (dispatch, handling, deadline) is fixed and
the expected scores can be worked out by hand (see test_assessment.py)."""
import datetime
import hashlib
import os
import subprocess
import tempfile

from conftest import Api, Server, make_photo, new_database, run_cli

SH = datetime.timezone(datetime.timedelta(hours=8))
PASSWORD = "assess-secret-1"


def ms(y, m, d, h=10):
    return int(datetime.datetime(y, m, d, h, tzinfo=SH).timestamp() * 1000)


def sql(url, statement):
    """Runs one statement; returns rows as tuples of strings."""
    if url.startswith("sqlite:"):
        import sqlite3
        con = sqlite3.connect(url[len("sqlite:"):])
        rows = con.execute(statement).fetchall()
        con.commit()
        con.close()
        return [tuple("" if v is None else str(v) for v in r) for r in rows]
    out = subprocess.run(["psql", url, "-At", "-v", "ON_ERROR_STOP=1", "-c", statement], check=True,
                         capture_output=True, text=True).stdout
    return [tuple(line.split("|")) for line in out.splitlines() if line and not line.startswith("INSERT")]


def q(v):
    if v is None:
        return "NULL"
    if isinstance(v, str):
        return "'" + v.replace("'", "''") + "'"
    return str(v)


def insert(url, table, **cols):
    names = ", ".join(cols)
    values = ", ".join(q(v) for v in cols.values())
    return int(sql(url, "INSERT INTO %s (%s) VALUES (%s) RETURNING id" % (table, names, values))[0][0])


class Ledger:
    """Units, users and problems of the assessment tests, and a server on them."""

    def __init__(self, workdir):
        self.url = new_database(workdir)
        self.data = tempfile.mkdtemp(prefix="assess-data-", dir=workdir)
        run_cli("migrate", "--db", self.url)
        self.tenant = int(sql(self.url, "SELECT id FROM tenants ORDER BY id LIMIT 1")[0][0])
        self.units = {}
        for code, name, kind in [("D1", "市政工程处", "department"), ("D2", "环卫所", "department"),
                                 ("D3", "园林所", "department"), ("C1", "东关社区", "community"),
                                 ("C2", "西关社区", "community"), ("C3", "南坡村", "village")]:
            self.units[code] = insert(self.url, "units", tenant_id=self.tenant, code=code, name=name, type=kind,
                                      principal=name + "书记")
        self.grids = {}
        for i, code in enumerate(["C1", "C2", "C3"]):
            self.grids[code] = insert(self.url, "grids", tenant_id=self.tenant, code="370303001%03d001" % (i + 1),
                                      name=code + "网格", community_unit_id=self.units[code], geometry="{}")
        self.users = {}
        for username, role, unit in [("a_admin", "admin", None), ("a_leader", "leader", None),
                                     ("a_worker", "grid_worker", None), ("a_handler", "unit_handler", "D1"),
                                     ("a_inspector", "inspector", None)]:
            args = ["user", "add", "--db", self.url, "--username", username, "--role", role, "--password-stdin"]
            if unit:
                args += ["--unit", unit]
            run_cli(*args, input=PASSWORD + "\n")
            self.users[username] = int(sql(self.url, "SELECT id FROM users WHERE username = '%s'" % username)[0][0])
        run_cli("user", "add", "--db", self.url, "--tenant", "other2", "--username", "a_other", "--role", "admin",
                "--password-stdin", input=PASSWORD + "\n")
        self.seq = 0
        self.seed()
        self.server = Server(self.url, self.data)

    def problem(self, state, source="patrol", unit=None, grid=None, reported=None, dispatched=None, handled=None,
                deadline=None, rework=0, rebound_of=None, outcome=None, closed=None):
        self.seq += 1
        return insert(self.url, "problems", tenant_id=self.tenant, number="20240900%04d" % self.seq, state=state,
                      source=source, category_code="06010", lng=117.0, lat=36.0, address="测试路 %d 号" % self.seq,
                      description="测试问题", grid_id=grid, unit_id=unit, reporter_id=self.users["a_worker"],
                      reported_at=reported, dispatched_at=dispatched, handled_at=handled, deadline=deadline,
                      closed_at=closed, rework_count=rework, rebound_of=rebound_of, outcome=outcome, updated_at=0)

    def seed(self):
        u, g = self.units, self.grids
        ads = '{"kind":"remove_ads","label":"清除小广告","quantity":120,"unit":"条"}'
        clear = '{"kind":"clear","label":"清运","quantity":3.5,"unit":"吨"}'
        demolish = '{"kind":"demolish","label":"拆除","quantity":40,"unit":"㎡"}'
        paint = '{"kind":"paint","label":"粉刷","quantity":25,"unit":"㎡"}'
        # D1: closed on time; handled late; handled on time after one rework; open and overdue.
        self.problem("closed", unit=u["D1"], reported=ms(2024, 9, 2), dispatched=ms(2024, 9, 2),
                     handled=ms(2024, 9, 3), deadline=ms(2024, 9, 4), outcome=ads, closed=ms(2024, 9, 4))
        self.problem("handled", unit=u["D1"], reported=ms(2024, 9, 5), dispatched=ms(2024, 9, 5),
                     handled=ms(2024, 9, 9), deadline=ms(2024, 9, 6), outcome=clear)
        self.problem("handled", unit=u["D1"], reported=ms(2024, 9, 5), dispatched=ms(2024, 9, 5),
                     handled=ms(2024, 9, 6), deadline=ms(2024, 9, 7), rework=1, outcome=demolish)
        self.problem("dispatched", unit=u["D1"], reported=ms(2024, 9, 20), dispatched=ms(2024, 9, 20),
                     deadline=ms(2024, 9, 23))
        # Dispatched in August: not in September's cohort.
        self.problem("closed", unit=u["D1"], reported=ms(2024, 8, 30), dispatched=ms(2024, 8, 30),
                     handled=ms(2024, 8, 31), deadline=ms(2024, 9, 2), closed=ms(2024, 9, 1))
        # D2: one case, closed on time.
        self.problem("closed", unit=u["D2"], reported=ms(2024, 9, 10), dispatched=ms(2024, 9, 10),
                     handled=ms(2024, 9, 11), deadline=ms(2024, 9, 12), outcome=paint, closed=ms(2024, 9, 12))
        # One wrongful return by D1's handler (推诿).
        ret = self.problem("registered", reported=ms(2024, 9, 2))
        sql(self.url, "INSERT INTO transitions (tenant_id, problem_id, seq, action, actor_id, to_state, at, prev_hash, "
                      "hash) VALUES (%d, %d, 1, 'return', %d, 'registered', %d, '', '')"
            % (self.tenant, ret, self.users["a_handler"], ms(2024, 9, 3)))
        # Territory: C1 two 上级督查, one 媒体曝光, one 暗访 that is a rebound; C2 one 暗访; C3 clean.
        self.problem("closed", "higher_level", grid=g["C1"], reported=ms(2024, 9, 3), closed=ms(2024, 9, 4))
        self.problem("closed", "higher_level", grid=g["C1"], reported=ms(2024, 9, 4), closed=ms(2024, 9, 5))
        self.media = self.problem("closed", "media", grid=g["C1"], reported=ms(2024, 9, 6), closed=ms(2024, 9, 7))
        self.problem("closed", "covert", grid=g["C1"], reported=ms(2024, 9, 8), rebound_of=self.media,
                     closed=ms(2024, 9, 9))
        self.problem("closed", "covert", grid=g["C2"], reported=ms(2024, 9, 8), closed=ms(2024, 9, 9))
        self.problem("rejected", "media", grid=g["C3"], reported=ms(2024, 9, 8))
        self.photos()
        act = insert(self.url, "activities", tenant_id=self.tenant, kind="cleanup", day="2024-09-10",
                     unit_id=u["C1"], participants=30, vehicles=4, funds=1.5, note="集中清理",
                     created_by=self.users["a_admin"], created_at=ms(2024, 9, 10))
        sql(self.url, "INSERT INTO activity_quantities (tenant_id, activity_id, seq, kind, amount, uom) VALUES "
                      "(%d, %d, 1, '清运垃圾', 12, '吨')" % (self.tenant, act))

    def photos(self):
        """A before and an after photo on C1's media problem (for the exposure list)."""
        for role, seed in [("before", 11), ("after", 12)]:
            with tempfile.NamedTemporaryFile(suffix=".jpg") as f:
                data = make_photo(f.name, seed, width=480, height=360)
            sha = hashlib.sha256(data).hexdigest()
            path = os.path.join(self.data, "attachments", sha[:2], sha[2:4])
            os.makedirs(path, exist_ok=True)
            with open(os.path.join(path, sha), "wb") as out:
                out.write(data)
            att = insert(self.url, "attachments", tenant_id=self.tenant, sha256=sha, mime="image/jpeg", size=len(data),
                         width=480, height=360, dhash=seed, uploaded_by=self.users["a_worker"], uploaded_at=0)
            sql(self.url, "INSERT INTO problem_attachments (tenant_id, problem_id, attachment_id, role) VALUES "
                          "(%d, %d, %d, '%s')" % (self.tenant, self.media, att, role))

    def login(self, username):
        import requests
        r = requests.post(self.server.base + "/api/v1/session", json={"username": username, "password": PASSWORD},
                          timeout=30)
        assert r.status_code == 200, r.text
        return Api(self.server.base, r.json()["token"], r.json()["user"])

    def stop(self):
        self.server.stop()
