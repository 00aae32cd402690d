-- Higher-level feedback lists (交办清单) imported item by item, each item becoming a
-- problem; in-app notifications per user; outbound webhook deliveries per tenant.
CREATE TABLE feedback_lists (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  title TEXT NOT NULL,
  doc_number TEXT NOT NULL DEFAULT '',
  issuing_body TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  source_level TEXT,
  received_on TEXT NOT NULL,
  due_on TEXT,
  campaign_id INTEGER REFERENCES campaigns(id),
  filename TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX feedback_lists_tenant ON feedback_lists(tenant_id, id);

CREATE TABLE feedback_items (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  list_id INTEGER NOT NULL REFERENCES feedback_lists(id),
  row_no INTEGER NOT NULL,
  ref TEXT NOT NULL DEFAULT '',
  problem_id INTEGER REFERENCES problems(id),
  raw TEXT NOT NULL DEFAULT '{}',
  UNIQUE (list_id, row_no)
);

CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  dedup TEXT,
  read_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE UNIQUE INDEX notifications_dedup ON notifications(user_id, dedup) WHERE dedup IS NOT NULL;

CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','delivered','failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  next_attempt_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
CREATE INDEX webhook_deliveries_tenant ON webhook_deliveries(tenant_id, id);
