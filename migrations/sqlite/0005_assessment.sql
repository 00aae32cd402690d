-- Assessment (考评): manual entries per unit, item and period; the accountability log
-- (通报批评/约谈); frozen results (定榜, immutable); an index for dispatch-month cohorts.
CREATE TABLE assessment_entries (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  scheme TEXT NOT NULL,
  period TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  item TEXT NOT NULL,
  points REAL NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX assessment_entries_period ON assessment_entries(tenant_id, scheme, period, unit_id);

CREATE TABLE accountability (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  kind TEXT NOT NULL CHECK (kind IN ('criticism','interview')),
  target TEXT NOT NULL CHECK (target IN ('unit','principal','cadre')),
  person TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL,
  day TEXT NOT NULL,
  at INTEGER NOT NULL,
  problem_id INTEGER REFERENCES problems(id),
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX accountability_day ON accountability(tenant_id, day);
CREATE INDEX accountability_at ON accountability(tenant_id, at);

CREATE TABLE assessment_results (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  scheme TEXT NOT NULL,
  period TEXT NOT NULL,
  result TEXT NOT NULL,
  frozen_by INTEGER NOT NULL REFERENCES users(id),
  frozen_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, scheme, period)
);

-- Handling cohorts are problems by month of their final dispatch.
CREATE INDEX problems_dispatched ON problems(tenant_id, dispatched_at);
