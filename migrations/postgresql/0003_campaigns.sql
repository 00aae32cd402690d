-- Campaigns (专项行动): the header row problems are tagged with. Phases, task areas,
-- work items and deliverables come with the campaign module.
CREATE TABLE campaigns (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  doc_number TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  issuer TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL,
  end_date TEXT,
  clock_mode TEXT NOT NULL DEFAULT 'normal' CHECK (clock_mode IN ('normal','every_day')),
  deadline_cap BIGINT,
  weight DOUBLE PRECISION NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX campaigns_tenant ON campaigns(tenant_id, start_date);
