-- Missing-person reports (ante-mortem data), their names for search, status timeline,
-- duplicate links, PFIF leads and case-number counters.
CREATE TABLE report_case_counters (
  country char(2) NOT NULL,
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (country, year)
);

CREATE TABLE reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_number text NOT NULL UNIQUE,
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  status text NOT NULL DEFAULT 'received' CHECK (status IN
    ('received', 'under_search', 'possible_match', 'located_alive', 'identified_deceased', 'closed')),
  -- The family account that owns the report (null when a caseworker filed it alone).
  owner_id uuid REFERENCES users (id),
  created_by uuid NOT NULL REFERENCES users (id),
  organisation_id uuid REFERENCES organisations (id),
  -- Flags (unaccompanied/separated children are prioritised in every list).
  unaccompanied_child boolean NOT NULL DEFAULT false,
  separated_child boolean NOT NULL DEFAULT false,
  pregnant boolean NOT NULL DEFAULT false,
  disability boolean NOT NULL DEFAULT false,
  priority boolean GENERATED ALWAYS AS (unaccompanied_child OR separated_child) STORED,
  -- Searchable facts copied out of the sections.
  sex text,
  birth_earliest date,
  birth_latest date,
  last_seen_earliest date,
  last_seen_latest date,
  last_seen_country char(2),
  last_seen_place text,
  route text,
  incident_id uuid, -- no foreign key yet: incidents belong to the remains feature
  consent_domestic boolean NOT NULL DEFAULT false,
  consent_forensic boolean NOT NULL DEFAULT false,
  consent_cross_border boolean NOT NULL DEFAULT false,
  consent_photo boolean NOT NULL DEFAULT false,
  -- The sections, as validated documents.
  person jsonb NOT NULL,
  disappearance jsonb NOT NULL,
  description jsonb NOT NULL DEFAULT '{}',
  medical jsonb NOT NULL DEFAULT '{}',
  dna_samples jsonb NOT NULL DEFAULT '[]',
  relatives jsonb NOT NULL DEFAULT '[]',
  consent jsonb NOT NULL,
  legal_basis text NOT NULL,
  internal_notes text NOT NULL DEFAULT '',
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (birth_earliest IS NULL OR birth_earliest <= birth_latest),
  CHECK (last_seen_earliest IS NULL OR last_seen_earliest <= last_seen_latest)
);
CREATE INDEX reports_country_status_idx ON reports (country, status);
CREATE INDEX reports_owner_idx ON reports (owner_id);
CREATE INDEX reports_last_seen_idx ON reports (last_seen_earliest, last_seen_latest);
CREATE INDEX reports_closed_idx ON reports (closed_at) WHERE closed_at IS NOT NULL;

-- One row per name token of every name variant, normalised for tolerant search.
CREATE TABLE report_name_tokens (
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  kind text NOT NULL,
  norm text NOT NULL,
  skeleton text NOT NULL,
  sound text NOT NULL
);
CREATE INDEX report_name_tokens_report_idx ON report_name_tokens (report_id);
CREATE INDEX report_name_tokens_skeleton_idx ON report_name_tokens (skeleton);
CREATE INDEX report_name_tokens_trgm_idx ON report_name_tokens USING gin (norm gin_trgm_ops);

-- Status timeline: who changed what, when and why.
CREATE TABLE report_status_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  from_status text,
  to_status text NOT NULL,
  reason text NOT NULL,
  message_to_family text,
  actor_id uuid,
  actor_role text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_status_events_report_idx ON report_status_events (report_id, id);

-- Reports a caseworker linked as one case (the same person reported twice).
CREATE TABLE report_links (
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  linked_report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  reason text NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (report_id, linked_report_id),
  CHECK (report_id <> linked_report_id)
);

-- PFIF person records imported as leads for caseworkers.
CREATE TABLE report_leads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  country char(2) NOT NULL,
  person_record_id text NOT NULL,
  full_name text NOT NULL,
  record jsonb NOT NULL,
  imported_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (country, person_record_id)
);
