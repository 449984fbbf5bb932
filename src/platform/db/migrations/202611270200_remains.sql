-- Post-mortem side (GCM Objective 8(e)/(f)): incidents, unidentified remains, custody and burial chain.

-- A shipwreck, desert, road or other event linking many reports and remains (IOM MMP fields).
CREATE TABLE incidents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Jurisdiction that records the incident (scopes access); not necessarily where it happened.
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  organisation_id uuid REFERENCES organisations (id),
  kind text NOT NULL CHECK (kind IN ('shipwreck', 'desert', 'road', 'border_crossing', 'other')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  occurred jsonb NOT NULL,
  occurred_earliest date NOT NULL,
  occurred_latest date NOT NULL,
  place text NOT NULL,
  -- Where it happened; NULL at sea outside territorial waters.
  occurred_in_country char(2) CHECK (occurred_in_country ~ '^[A-Z]{2}$'),
  lat double precision CHECK (lat BETWEEN -90 AND 90),
  lon double precision CHECK (lon BETWEEN -180 AND 180),
  route text,
  dead integer NOT NULL DEFAULT 0 CHECK (dead >= 0),
  missing integer NOT NULL DEFAULT 0 CHECK (missing >= 0),
  survivors integer NOT NULL DEFAULT 0 CHECK (survivors >= 0),
  source text NOT NULL,
  description text,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((lat IS NULL) = (lon IS NULL)),
  CHECK (occurred_earliest <= occurred_latest)
);
CREATE INDEX incidents_country_idx ON incidents (country, occurred_earliest);

-- Per-country, per-year sequence behind remains codes UR-<country>-<year>-<sequence>.
CREATE TABLE remains_code_counters (
  country char(2) NOT NULL,
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (country, year)
);

-- Unidentified remains, laid out after the INTERPOL DVI post-mortem form.
CREATE TABLE remains (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  -- The forensic institution that registered the remains and edits them.
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  kind text NOT NULL CHECK (kind IN ('body', 'body_part', 'fragment')),
  -- A part or fragment re-associated with the remains it belongs to.
  associated_with_id uuid REFERENCES remains (id),
  body_part text,
  recovery jsonb NOT NULL,
  recovery_earliest date NOT NULL,
  recovery_latest date NOT NULL,
  recovery_lat double precision CHECK (recovery_lat BETWEEN -90 AND 90),
  recovery_lon double precision CHECK (recovery_lon BETWEEN -180 AND 180),
  incident_id uuid REFERENCES incidents (id),
  condition text NOT NULL CHECK (condition IN ('complete', 'partial', 'skeletal', 'commingled')),
  sex text CHECK (sex IN ('female', 'male', 'unknown')),
  age_min double precision,
  age_max double precision,
  stature_min double precision,
  stature_max double precision,
  hair text,
  eyes text,
  marks jsonb NOT NULL DEFAULT '[]',
  dental jsonb NOT NULL DEFAULT '[]',
  medical_findings jsonb NOT NULL DEFAULT '[]',
  implants jsonb NOT NULL DEFAULT '[]',
  fingerprints jsonb NOT NULL DEFAULT '{"taken": false}',
  dna_samples jsonb NOT NULL DEFAULT '[]',
  effects jsonb NOT NULL DEFAULT '[]',
  documents jsonb NOT NULL DEFAULT '[]',
  photos jsonb NOT NULL DEFAULT '[]',
  notes text,
  status text NOT NULL DEFAULT 'unidentified' CHECK (status IN
    ('unidentified', 'provisionally_identified', 'identified', 'handed_over', 'repatriated')),
  status_basis text,
  status_changed_at timestamptz,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (associated_with_id IS NULL OR associated_with_id <> id),
  CHECK ((recovery_lat IS NULL) = (recovery_lon IS NULL)),
  CHECK (age_min IS NULL OR age_min <= age_max),
  CHECK (stature_min IS NULL OR stature_min <= stature_max)
);
CREATE INDEX remains_country_idx ON remains (country, recovery_earliest);
CREATE INDEX remains_incident_idx ON remains (incident_id);
CREATE INDEX remains_associated_idx ON remains (associated_with_id);
CREATE INDEX remains_status_idx ON remains (country, status);

-- Custody and burial chain: append-only, hash-chained per remains; (remains_id, position) is
-- unique so two writers can never both append position n.
CREATE TABLE custody_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  remains_id uuid NOT NULL REFERENCES remains (id),
  position integer NOT NULL CHECK (position >= 1),
  kind text NOT NULL CHECK (kind IN ('recovered', 'transported', 'received_at_morgue', 'examined',
    'sample_taken', 'stored', 'buried', 'exhumed', 'transferred', 'repatriated', 'handed_over')),
  state_after text NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid,
  performed_by text,
  custodian jsonb,
  location jsonb,
  burial jsonb,
  sample jsonb,
  documents jsonb NOT NULL DEFAULT '[]',
  notes text,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE,
  UNIQUE (remains_id, position)
);
CREATE INDEX custody_events_cemetery_idx ON custody_events ((burial ->> 'cemetery'))
  WHERE kind = 'buried';

-- The head of each chain: where verification must end (detects a removed tail) and the state
-- the next event must follow from.
CREATE TABLE custody_heads (
  remains_id uuid PRIMARY KEY REFERENCES remains (id),
  position integer NOT NULL,
  hash text NOT NULL,
  state text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Custody history cannot be rewritten through SQL: UPDATE, DELETE and TRUNCATE are refused.
CREATE FUNCTION custody_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'custody_events is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
END;
$$;
CREATE TRIGGER custody_events_no_update_delete BEFORE UPDATE OR DELETE ON custody_events
  FOR EACH ROW EXECUTE FUNCTION custody_events_refuse_change();
CREATE TRIGGER custody_events_no_truncate BEFORE TRUNCATE ON custody_events
  FOR EACH STATEMENT EXECUTE FUNCTION custody_events_refuse_change();
