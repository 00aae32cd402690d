-- Campaign detail (phases, task areas, units, deliverables, work items) and field work
-- (inspections, patrols, activities, recurring duties). Times are UTC epoch ms; dates
-- are Shanghai civil dates "YYYY-MM-DD"; flags are 0/1 integers.
ALTER TABLE campaigns ADD COLUMN template_id TEXT;
ALTER TABLE campaigns ADD COLUMN award_tiers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE campaigns ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;

CREATE TABLE campaign_phases (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('mobilize','survey','rectify','accept','sustain','other')),
  start_date TEXT NOT NULL,
  end_date TEXT
);
CREATE INDEX campaign_phases_campaign ON campaign_phases(campaign_id, seq);

CREATE TABLE campaign_task_areas (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  category_codes TEXT NOT NULL DEFAULT '',
  zone_kinds TEXT NOT NULL DEFAULT '',
  lead_unit_id INTEGER REFERENCES units(id),
  lead_unit_name TEXT NOT NULL DEFAULT '',
  target TEXT NOT NULL DEFAULT '',
  target_quantity REAL,
  target_uom TEXT NOT NULL DEFAULT ''
);
CREATE INDEX campaign_task_areas_campaign ON campaign_task_areas(campaign_id, seq);

CREATE TABLE campaign_units (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (campaign_id, unit_id)
);

CREATE TABLE campaign_deliverables (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('work_plan','phase_summary','photos','ppt','other')),
  title TEXT NOT NULL,
  due_date TEXT NOT NULL,
  per_unit INTEGER NOT NULL DEFAULT 1 CHECK (per_unit IN (0,1))
);
CREATE INDEX campaign_deliverables_campaign ON campaign_deliverables(campaign_id, seq);

CREATE TABLE deliverable_submissions (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  deliverable_id INTEGER NOT NULL REFERENCES campaign_deliverables(id),
  unit_id INTEGER REFERENCES units(id),
  note TEXT NOT NULL DEFAULT '',
  attachment_ids TEXT NOT NULL DEFAULT '',
  submitted_by INTEGER NOT NULL REFERENCES users(id),
  submitted_at INTEGER NOT NULL
);
CREATE INDEX deliverable_submissions_deliverable ON deliverable_submissions(deliverable_id, unit_id);

CREATE TABLE work_items (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  task_area_id INTEGER REFERENCES campaign_task_areas(id),
  title TEXT NOT NULL,
  target_quantity REAL NOT NULL CHECK (target_quantity > 0),
  uom TEXT NOT NULL,
  owner_unit_id INTEGER NOT NULL REFERENCES units(id),
  deadline TEXT NOT NULL,
  done_quantity REAL NOT NULL DEFAULT 0,
  closed_at INTEGER,
  created_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX work_items_campaign ON work_items(campaign_id, owner_unit_id);

CREATE TABLE work_item_progress (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  work_item_id INTEGER NOT NULL REFERENCES work_items(id),
  quantity REAL NOT NULL CHECK (quantity >= 0),
  note TEXT NOT NULL DEFAULT '',
  attachment_ids TEXT NOT NULL DEFAULT '',
  close INTEGER NOT NULL DEFAULT 0 CHECK (close IN (0,1)),
  actor_id INTEGER NOT NULL REFERENCES users(id),
  at INTEGER NOT NULL
);
CREATE INDEX work_item_progress_item ON work_item_progress(work_item_id, at);

CREATE TABLE activities (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  kind TEXT NOT NULL CHECK (kind IN ('cleanup','friday_village_cleanup','secretary_daily_hour','publicity','other')),
  day TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  campaign_id INTEGER REFERENCES campaigns(id),
  participants INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
  vehicles INTEGER NOT NULL DEFAULT 0 CHECK (vehicles >= 0),
  funds REAL NOT NULL DEFAULT 0 CHECK (funds >= 0),
  attachment_ids TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX activities_day ON activities(tenant_id, day, unit_id);

CREATE TABLE activity_quantities (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  activity_id INTEGER NOT NULL REFERENCES activities(id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  amount REAL NOT NULL CHECK (amount >= 0),
  uom TEXT NOT NULL CHECK (uom IN ('吨','条','处','㎡','个','辆','万元')),
  PRIMARY KEY (activity_id, seq)
);

CREATE TABLE inspections (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  kind TEXT NOT NULL CHECK (kind IN ('weekly','monthly','covert','higher_level','spot','acceptance','observation','recheck')),
  level TEXT CHECK (level IS NULL OR level IN ('区','市','省')),
  day TEXT NOT NULL,
  title TEXT NOT NULL,
  campaign_id INTEGER REFERENCES campaigns(id),
  note TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX inspections_day ON inspections(tenant_id, day);

CREATE TABLE inspection_inspectors (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (inspection_id, user_id)
);

CREATE TABLE inspection_scores (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  site_type TEXT,
  site_name TEXT NOT NULL DEFAULT '',
  score REAL NOT NULL CHECK (score >= 0 AND score <= 100),
  items TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX inspection_scores_inspection ON inspection_scores(inspection_id, unit_id);

CREATE TABLE inspection_findings (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  PRIMARY KEY (inspection_id, problem_id)
);

CREATE TABLE recheck_items (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  result TEXT CHECK (result IS NULL OR result IN ('confirmed','reopened')),
  new_problem_id INTEGER REFERENCES problems(id),
  note TEXT NOT NULL DEFAULT '',
  checked_by INTEGER REFERENCES users(id),
  checked_at INTEGER,
  PRIMARY KEY (inspection_id, problem_id)
);

CREATE TABLE patrols (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  started_at INTEGER NOT NULL,
  stopped_at INTEGER,
  point_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX patrols_user ON patrols(tenant_id, user_id, started_at);

CREATE TABLE patrol_points (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  patrol_id INTEGER NOT NULL REFERENCES patrols(id),
  at INTEGER NOT NULL,
  lng REAL NOT NULL,
  lat REAL NOT NULL
);
CREATE INDEX patrol_points_at ON patrol_points(tenant_id, at);
CREATE INDEX patrol_points_patrol ON patrol_points(patrol_id, at);

CREATE TABLE duties (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  who TEXT NOT NULL CHECK (who IN ('unit','village_cadres')),
  unit_id INTEGER REFERENCES units(id),
  activity_kind TEXT NOT NULL CHECK (activity_kind IN ('cleanup','friday_village_cleanup','secretary_daily_hour','publicity','other')),
  frequency TEXT NOT NULL CHECK (frequency IN ('daily','weekly')),
  weekday INTEGER CHECK (weekday IS NULL OR weekday BETWEEN 1 AND 7),
  start_date TEXT NOT NULL,
  end_date TEXT,
  created_at INTEGER NOT NULL,
  CHECK ((frequency = 'weekly') = (weekday IS NOT NULL)),
  CHECK ((who = 'unit') = (unit_id IS NOT NULL))
);
