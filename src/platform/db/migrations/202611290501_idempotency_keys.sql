-- Idempotency-Key support for POST requests (issue 15 item 8, ADR 0101).
-- One row per (user, key): a fingerprint of the request it was first used for and, once that
-- request succeeded, the response to replay. Rows expire after a day.
CREATE TABLE idempotency_keys (
  actor_id uuid NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  -- NULL while the first request is still being processed.
  status integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
