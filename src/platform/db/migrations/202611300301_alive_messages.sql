-- "I am alive" messages (Objective 8(c)): sent without an account, matched against open reports,
-- reviewed by caseworkers or the report's contact point, passed on as the sender chose.
CREATE TABLE alive_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  -- The sender's names as written, in any script: [{ value, script }].
  names jsonb NOT NULL,
  birth_earliest date,
  birth_latest date,
  origin text NOT NULL DEFAULT '',
  -- Names of relatives who may be looking for the sender: [string].
  relatives jsonb NOT NULL DEFAULT '[]',
  -- What the family may be told.
  share text NOT NULL CHECK (share IN ('location', 'alive_only', 'nothing')),
  -- Where the sender is (kept only when they chose to share it).
  location text NOT NULL DEFAULT '',
  -- A few words for the family (passed on only with the sender's choice).
  note text NOT NULL DEFAULT '',
  -- How staff may reach the sender (optional; never shown to families).
  contact text NOT NULL DEFAULT '',
  under18 boolean NOT NULL,
  language text NOT NULL,
  -- SHA-256 of the private withdrawal code (the code itself is never stored).
  withdrawal_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz,
  CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
);

-- Sound keys and skeletons of the sender's names: a changed report finds the messages it may match.
CREATE TABLE alive_message_keys (
  message_id uuid NOT NULL REFERENCES alive_messages (id) ON DELETE CASCADE,
  sound text NOT NULL,
  skeleton text NOT NULL
);
CREATE INDEX alive_message_keys_sound_idx ON alive_message_keys (sound);
CREATE INDEX alive_message_keys_skeleton_idx ON alive_message_keys (skeleton);
CREATE INDEX alive_message_keys_message_idx ON alive_message_keys (message_id);

-- A possible match between a message and an open report, reviewed in the report's jurisdiction.
CREATE TABLE alive_matches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  message_id uuid NOT NULL REFERENCES alive_messages (id) ON DELETE CASCADE,
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  country char(2) NOT NULL,
  score double precision NOT NULL,
  evidence jsonb NOT NULL,
  status text NOT NULL DEFAULT 'candidate'
    CHECK (status IN ('candidate', 'confirmed', 'rejected', 'withdrawn')),
  reason text,
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  -- What the family was told on confirmation: location, alive_only, nothing, or held (a child).
  passed_on text CHECK (passed_on IN ('location', 'alive_only', 'nothing', 'held_child')),
  passed_on_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (message_id, report_id)
);
CREATE INDEX alive_matches_country_idx ON alive_matches (country, status, created_at DESC);
CREATE INDEX alive_matches_report_idx ON alive_matches (report_id);
