-- Tenants, territory (regions, units, grids, zones, assignments, merchants), accounts.
-- Times are UTC epoch milliseconds. Flags are 0/1 integers on both databases.
CREATE TABLE tenants (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE regions (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  code TEXT NOT NULL CHECK (length(code) = 12),
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('county','street','community','village')),
  parent_id INTEGER REFERENCES regions(id),
  UNIQUE (tenant_id, code)
);

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('command','department','street','community','village','enterprise','agency','team')),
  parent_id INTEGER REFERENCES units(id),
  region_id INTEGER REFERENCES regions(id),
  principal TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  handles TEXT NOT NULL DEFAULT '',
  disabled INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, code)
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  unit_id INTEGER REFERENCES units(id),
  phone TEXT NOT NULL DEFAULT '',
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE user_roles (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN ('admin','dispatcher','inspector','grid_worker','unit_handler','leader','viewer')),
  PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  remote TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE grids (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  code TEXT NOT NULL CHECK (length(code) = 15),
  name TEXT NOT NULL,
  community_unit_id INTEGER REFERENCES units(id),
  region_id INTEGER REFERENCES regions(id),
  leader_user_id INTEGER REFERENCES users(id),
  geometry TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, code)
);

CREATE TABLE grid_workers (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  grid_id INTEGER NOT NULL REFERENCES grids(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (grid_id, user_id)
);
CREATE INDEX grid_workers_user ON grid_workers(user_id);

CREATE TABLE zones (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('road','river','frontage','construction_site','enterprise','monitoring_station','back_street','old_compound','urban_village','market','school_area','vendor_area','railway')),
  geometry TEXT NOT NULL,
  buffer_m REAL NOT NULL DEFAULT 0,
  attrs TEXT NOT NULL DEFAULT '{}',
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, code)
);

CREATE TABLE zone_units (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  zone_id INTEGER NOT NULL REFERENCES zones(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  person TEXT NOT NULL DEFAULT '',
  duty TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (zone_id, unit_id, duty)
);

CREATE TABLE assignments (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  kind TEXT NOT NULL CHECK (kind IN ('village','community','street','compound','point')),
  cadre_name TEXT NOT NULL DEFAULT '',
  cadre_user_id INTEGER REFERENCES users(id),
  unit_id INTEGER REFERENCES units(id),
  target_unit_id INTEGER REFERENCES units(id),
  target_zone_id INTEGER REFERENCES zones(id),
  target_name TEXT NOT NULL,
  duty TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL,
  end_date TEXT,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE merchants (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  zone_id INTEGER REFERENCES zones(id),
  lng REAL,
  lat REAL,
  duty_set TEXT NOT NULL DEFAULT '[]',
  pledge_signed_at TEXT,
  pledge_attachment_sha TEXT,
  licence_status TEXT NOT NULL DEFAULT 'complete' CHECK (licence_status IN ('complete','none')),
  trade TEXT NOT NULL DEFAULT '',
  stars INTEGER NOT NULL DEFAULT 0 CHECK (stars BETWEEN 0 AND 5),
  contact TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX merchants_zone ON merchants(zone_id);

CREATE TABLE settings (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, key)
);
