"""Upgrading a database that holds data from every earlier schema version."""
import os
import sqlite3
import subprocess

import pytest

from conftest import DB_KIND, PG_URL, new_database, run_cli


def latest_version():
    root = os.path.join(os.path.dirname(__file__), "..", "..", "migrations", "sqlite")
    return max(int(f[:4]) for f in os.listdir(root) if f.endswith(".sql"))


def sql(url, statement):
    if url.startswith("sqlite:"):
        con = sqlite3.connect(url[len("sqlite:"):])
        rows = con.execute(statement).fetchall()
        con.commit()
        con.close()
        return rows
    out = subprocess.run(["psql", url, "-At", "-v", "ON_ERROR_STOP=1", "-c", statement], check=True,
                         capture_output=True, text=True).stdout
    return [tuple(line.split("|")) for line in out.splitlines() if line]


@pytest.mark.parametrize("start", list(range(1, latest_version())))
def test_upgrade_from_every_earlier_version_keeps_data(workdir, start):
    url = new_database(workdir)
    r = run_cli("migrate", "--db", url, "--to", str(start))
    assert "→ %d" % start in r.stdout
    sql(url, "INSERT INTO units (tenant_id, code, name, type) VALUES (1, 'M1', '迁移测试单位', 'team')")
    r = run_cli("migrate", "--db", url)
    assert "→ %d" % latest_version() in r.stdout
    assert [tuple(map(str, x)) for x in sql(url, "SELECT name FROM units WHERE code = 'M1'")] == [("迁移测试单位",)]
    versions = [int(x[0]) for x in sql(url, "SELECT version FROM schema_version ORDER BY version")]
    assert versions == list(range(1, latest_version() + 1))


def test_migrate_twice_is_a_no_op(workdir):
    url = new_database(workdir)
    run_cli("migrate", "--db", url)
    r = run_cli("migrate", "--db", url)
    assert "应用 0 个迁移" in r.stdout


def test_bad_database_url_is_a_clear_error(workdir):
    r = run_cli("migrate", "--db", "mysql://nope", check=False)
    assert r.returncode != 0
    assert "sqlite:" in r.stderr and "postgresql://" in r.stderr
