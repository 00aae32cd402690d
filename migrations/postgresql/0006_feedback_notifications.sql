-- Higher-level feedback lists (交办清单) imported item by item, each item becoming a
-- problem; in-app notifications per user; outbound webhook deliveries per tenant.
CREATE TABLE feedback_lists (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  title TEXT NOT NULL,
  doc_number TEXT NOT NULL DEFAULT '',
  issuing_body TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  source_level TEXT,
  received_on TEXT NOT NULL,
  due_on TEXT,
  campaign_id BIGINT REFERENCES campaigns(id),
  filename TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX feedback_lists_tenant ON feedback_lists(tenant_id, id);

CREATE TABLE feedback_items (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  list_id BIGINT NOT NULL REFERENCES feedback_lists(id),
  row_no BIGINT NOT NULL,
  ref TEXT NOT NULL DEFAULT '',
  problem_id BIGINT REFERENCES problems(id),
  raw TEXT NOT NULL DEFAULT '{}',
  UNIQUE (list_id, row_no)
);

CREATE TABLE notifications (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  dedup TEXT,
  read_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE UNIQUE INDEX notifications_dedup ON notifications(user_id, dedup) WHERE dedup IS NOT NULL;

CREATE TABLE webhook_deliveries (
  id BIGSERIAL PRIMARY KEY,
  tenant_id BIGINT NOT NULL REFERENCES tenants(id),
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','delivered','failed')),
  attempts BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  next_attempt_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  delivered_at BIGINT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
CREATE INDEX webhook_deliveries_tenant ON webhook_deliveries(tenant_id, id);
