-- Campaign detail (phases, task areas, units, deliverables, work items) and field work
-- (inspections, patrols, activities, recurring duties). Times are UTC epoch ms; dates
-- are Shanghai civil dates "YYYY-MM-DD"; flags are 0/1 integers.
ALTER TABLE campaigns ADD COLUMN template_id TEXT;
ALTER TABLE campaigns ADD COLUMN award_tiers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE campaigns ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;

CREATE TABLE campaign_phases (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  seq BIGINT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('mobilize','survey','rectify','accept','sustain','other')),
  start_date TEXT NOT NULL,
  end_date TEXT
);
CREATE INDEX campaign_phases_campaign ON campaign_phases(campaign_id, seq);

CREATE TABLE campaign_task_areas (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  seq BIGINT NOT NULL,
  name TEXT NOT NULL,
  category_codes TEXT NOT NULL DEFAULT '',
  zone_kinds TEXT NOT NULL DEFAULT '',
  lead_unit_id BIGINT REFERENCES units(id),
  lead_unit_name TEXT NOT NULL DEFAULT '',
  target TEXT NOT NULL DEFAULT '',
  target_quantity DOUBLE PRECISION,
  target_uom TEXT NOT NULL DEFAULT ''
);
CREATE INDEX campaign_task_areas_campaign ON campaign_task_areas(campaign_id, seq);

CREATE TABLE campaign_units (
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  PRIMARY KEY (campaign_id, unit_id)
);

CREATE TABLE campaign_deliverables (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  seq BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('work_plan','phase_summary','photos','ppt','other')),
  title TEXT NOT NULL,
  due_date TEXT NOT NULL,
  per_unit BIGINT NOT NULL DEFAULT 1 CHECK (per_unit IN (0,1))
);
CREATE INDEX campaign_deliverables_campaign ON campaign_deliverables(campaign_id, seq);

CREATE TABLE deliverable_submissions (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  deliverable_id BIGINT NOT NULL REFERENCES campaign_deliverables(id),
  unit_id BIGINT REFERENCES units(id),
  note TEXT NOT NULL DEFAULT '',
  attachment_ids TEXT NOT NULL DEFAULT '',
  submitted_by BIGINT NOT NULL REFERENCES users(id),
  submitted_at BIGINT NOT NULL
);
CREATE INDEX deliverable_submissions_deliverable ON deliverable_submissions(deliverable_id, unit_id);

CREATE TABLE work_items (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  task_area_id BIGINT REFERENCES campaign_task_areas(id),
  title TEXT NOT NULL,
  target_quantity DOUBLE PRECISION NOT NULL CHECK (target_quantity > 0),
  uom TEXT NOT NULL,
  owner_unit_id BIGINT NOT NULL REFERENCES units(id),
  deadline TEXT NOT NULL,
  done_quantity DOUBLE PRECISION NOT NULL DEFAULT 0,
  closed_at BIGINT,
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX work_items_campaign ON work_items(campaign_id, owner_unit_id);

CREATE TABLE work_item_progress (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  work_item_id BIGINT NOT NULL REFERENCES work_items(id),
  quantity DOUBLE PRECISION NOT NULL CHECK (quantity >= 0),
  note TEXT NOT NULL DEFAULT '',
  attachment_ids TEXT NOT NULL DEFAULT '',
  close BIGINT NOT NULL DEFAULT 0 CHECK (close IN (0,1)),
  actor_id BIGINT NOT NULL REFERENCES users(id),
  at BIGINT NOT NULL
);
CREATE INDEX work_item_progress_item ON work_item_progress(work_item_id, at);

CREATE TABLE activities (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  kind TEXT NOT NULL CHECK (kind IN ('cleanup','friday_village_cleanup','secretary_daily_hour','publicity','other')),
  day TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  campaign_id BIGINT REFERENCES campaigns(id),
  participants BIGINT NOT NULL DEFAULT 0 CHECK (participants >= 0),
  vehicles BIGINT NOT NULL DEFAULT 0 CHECK (vehicles >= 0),
  funds DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (funds >= 0),
  attachment_ids TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX activities_day ON activities(tenant_id, day, unit_id);

CREATE TABLE activity_quantities (
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  activity_id BIGINT NOT NULL REFERENCES activities(id),
  seq BIGINT NOT NULL,
  kind TEXT NOT NULL,
  amount DOUBLE PRECISION NOT NULL CHECK (amount >= 0),
  uom TEXT NOT NULL CHECK (uom IN ('吨','条','处','㎡','个','辆','万元')),
  PRIMARY KEY (activity_id, seq)
);

CREATE TABLE inspections (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  kind TEXT NOT NULL CHECK (kind IN ('weekly','monthly','covert','higher_level','spot','acceptance','observation','recheck')),
  level TEXT CHECK (level IS NULL OR level IN ('区','市','省')),
  day TEXT NOT NULL,
  title TEXT NOT NULL,
  campaign_id BIGINT REFERENCES campaigns(id),
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX inspections_day ON inspections(tenant_id, day);

CREATE TABLE inspection_inspectors (
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  inspection_id BIGINT NOT NULL REFERENCES inspections(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (inspection_id, user_id)
);

CREATE TABLE inspection_scores (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  inspection_id BIGINT NOT NULL REFERENCES inspections(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  site_type TEXT,
  site_name TEXT NOT NULL DEFAULT '',
  score DOUBLE PRECISION NOT NULL CHECK (score >= 0 AND score <= 100),
  items TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX inspection_scores_inspection ON inspection_scores(inspection_id, unit_id);

CREATE TABLE inspection_findings (
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  inspection_id BIGINT NOT NULL REFERENCES inspections(id),
  problem_id BIGINT NOT NULL REFERENCES problems(id),
  PRIMARY KEY (inspection_id, problem_id)
);

CREATE TABLE recheck_items (
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  inspection_id BIGINT NOT NULL REFERENCES inspections(id),
  problem_id BIGINT NOT NULL REFERENCES problems(id),
  result TEXT CHECK (result IS NULL OR result IN ('confirmed','reopened')),
  new_problem_id BIGINT REFERENCES problems(id),
  note TEXT NOT NULL DEFAULT '',
  checked_by BIGINT REFERENCES users(id),
  checked_at BIGINT,
  PRIMARY KEY (inspection_id, problem_id)
);

CREATE TABLE patrols (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  started_at BIGINT NOT NULL,
  stopped_at BIGINT,
  point_count BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX patrols_user ON patrols(tenant_id, user_id, started_at);

CREATE TABLE patrol_points (
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  patrol_id BIGINT NOT NULL REFERENCES patrols(id),
  at BIGINT NOT NULL,
  lng DOUBLE PRECISION NOT NULL,
  lat DOUBLE PRECISION NOT NULL
);
CREATE INDEX patrol_points_at ON patrol_points(tenant_id, at);
CREATE INDEX patrol_points_patrol ON patrol_points(patrol_id, at);

CREATE TABLE duties (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  who TEXT NOT NULL CHECK (who IN ('unit','village_cadres')),
  unit_id BIGINT REFERENCES units(id),
  activity_kind TEXT NOT NULL CHECK (activity_kind IN ('cleanup','friday_village_cleanup','secretary_daily_hour','publicity','other')),
  frequency TEXT NOT NULL CHECK (frequency IN ('daily','weekly')),
  weekday BIGINT CHECK (weekday IS NULL OR weekday BETWEEN 1 AND 7),
  start_date TEXT NOT NULL,
  end_date TEXT,
  created_at BIGINT NOT NULL,
  CHECK ((frequency = 'weekly') = (weekday IS NOT NULL)),
  CHECK ((who = 'unit') = (unit_id IS NOT NULL))
);
