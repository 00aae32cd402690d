-- The problem ledger: attachments, problems, their links and the hash-chained history.
CREATE TABLE attachments (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  sha256 TEXT NOT NULL,
  mime TEXT NOT NULL,
  size BIGINT NOT NULL,
  width BIGINT NOT NULL,
  height BIGINT NOT NULL,
  taken_at BIGINT,
  lng DOUBLE PRECISION,
  lat DOUBLE PRECISION,
  dhash BIGINT NOT NULL,
  -- dHash split in 5 bands: two images within Hamming distance 4 share a band (pigeonhole).
  dh0 BIGINT NOT NULL DEFAULT 0,
  dh1 BIGINT NOT NULL DEFAULT 0,
  dh2 BIGINT NOT NULL DEFAULT 0,
  dh3 BIGINT NOT NULL DEFAULT 0,
  dh4 BIGINT NOT NULL DEFAULT 0,
  filename TEXT NOT NULL DEFAULT '',
  uploaded_by BIGINT NOT NULL REFERENCES users(id),
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX attachments_sha ON attachments(tenant_id, sha256);
CREATE INDEX attachments_dh0 ON attachments(tenant_id, dh0);
CREATE INDEX attachments_dh1 ON attachments(tenant_id, dh1);
CREATE INDEX attachments_dh2 ON attachments(tenant_id, dh2);
CREATE INDEX attachments_dh3 ON attachments(tenant_id, dh3);
CREATE INDEX attachments_dh4 ON attachments(tenant_id, dh4);

CREATE TABLE problems (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  number TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('reported','rejected','registered','dispatched','handled','closed','voided')),
  suspended BIGINT NOT NULL DEFAULT 0,
  source TEXT NOT NULL CHECK (source IN ('patrol','inspection','covert','higher_level','media','citizen','self_check')),
  source_level TEXT,
  severity TEXT,
  category_code TEXT NOT NULL,
  lng DOUBLE PRECISION NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  -- ~50 m square cell of the point, for nearby-problem lookups (see store/problems.hpp).
  cell BIGINT NOT NULL DEFAULT 0,
  address TEXT NOT NULL,
  description TEXT NOT NULL,
  grid_id BIGINT REFERENCES grids(id),
  zone_ids TEXT NOT NULL DEFAULT '',
  suggested_unit_id BIGINT REFERENCES units(id),
  unit_id BIGINT REFERENCES units(id),
  reporter_id BIGINT NOT NULL REFERENCES users(id),
  campaign_id BIGINT,
  feedback_item_id BIGINT,
  reported_at BIGINT NOT NULL,
  accepted_at BIGINT,
  dispatched_at BIGINT,
  handled_at BIGINT,
  closed_at BIGINT,
  explicit_deadline BIGINT,
  deadline BIGINT,
  warn_at BIGINT,
  step_deadline BIGINT,
  sla TEXT NOT NULL DEFAULT '{}',
  rework_count BIGINT NOT NULL DEFAULT 0,
  return_count BIGINT NOT NULL DEFAULT 0,
  duplicate_of BIGINT REFERENCES problems(id),
  rebound_of BIGINT REFERENCES problems(id),
  merged_into BIGINT REFERENCES problems(id),
  outside_grid BIGINT NOT NULL DEFAULT 0,
  fixed_on_spot BIGINT NOT NULL DEFAULT 0,
  sampled BIGINT NOT NULL DEFAULT 0,
  outcome TEXT,
  evidence TEXT NOT NULL DEFAULT '[]',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL,
  UNIQUE (tenant_id, number)
);
-- The ledger's list queries: by unit and state, newest first, and by state alone.
CREATE INDEX problems_unit_state ON problems(tenant_id, unit_id, state, reported_at, id);
CREATE INDEX problems_state ON problems(tenant_id, state, reported_at, id);
CREATE INDEX problems_reported ON problems(tenant_id, reported_at, id);
CREATE INDEX problems_grid ON problems(tenant_id, grid_id, reported_at);
CREATE INDEX problems_category ON problems(tenant_id, category_code, reported_at);
CREATE INDEX problems_cell ON problems(tenant_id, category_code, cell, reported_at);
CREATE INDEX problems_campaign ON problems(tenant_id, campaign_id);

CREATE TABLE problem_units (
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  problem_id BIGINT NOT NULL REFERENCES problems(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  role TEXT NOT NULL CHECK (role IN ('assist')),
  PRIMARY KEY (problem_id, unit_id)
);

CREATE TABLE problem_attachments (
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  problem_id BIGINT NOT NULL REFERENCES problems(id),
  attachment_id BIGINT NOT NULL REFERENCES attachments(id),
  role TEXT NOT NULL CHECK (role IN ('before','after','other')),
  flags TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (problem_id, attachment_id)
);
CREATE INDEX problem_attachments_att ON problem_attachments(attachment_id);

CREATE TABLE transitions (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  problem_id BIGINT NOT NULL REFERENCES problems(id),
  seq BIGINT NOT NULL,
  action TEXT NOT NULL,
  actor_id BIGINT NOT NULL REFERENCES users(id),
  from_state TEXT,
  to_state TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  payload TEXT NOT NULL DEFAULT '{}',
  at BIGINT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (problem_id, seq)
);

CREATE TABLE number_seq (
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  day TEXT NOT NULL,
  last BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, day)
);
