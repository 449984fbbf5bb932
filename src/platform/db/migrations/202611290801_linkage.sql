-- Privacy-preserving record linkage (CLK encodings). Two roles, possibly on different nodes:
-- a member jurisdiction (holds the agreement's linkage secret, encodes its reports) and the
-- linkage unit (holds encodings under pseudonyms, never a secret). See ADR 0130.

-- Member side: this jurisdiction's part in a linkage agreement.
CREATE TABLE linkage_agreements (
  agreement_id text NOT NULL,
  country char(2) NOT NULL,
  -- Every member jurisdiction of the agreement (ISO 3166-1 alpha-2), this one included.
  members text[] NOT NULL,
  -- 'unit': encodings go only to the linkage unit; 'bilateral': only where the agreement says so.
  mode text NOT NULL CHECK (mode IN ('unit', 'bilateral')),
  schema_version text NOT NULL,
  threshold real NOT NULL CHECK (threshold > 0 AND threshold <= 1),
  -- Version of the secret in use (0 until a secret is drawn or received).
  secret_version integer NOT NULL DEFAULT 0,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agreement_id, country)
);

-- Member side: linkage secrets, sealed under the node secret. A rotation retires the old one
-- (its sealed value is erased) and re-encodes every submission.
CREATE TABLE linkage_secrets (
  agreement_id text NOT NULL,
  country char(2) NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  sealed text,
  state text NOT NULL CHECK (state IN ('active', 'retired')),
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  PRIMARY KEY (agreement_id, country, version),
  FOREIGN KEY (agreement_id, country) REFERENCES linkage_agreements (agreement_id, country) ON DELETE CASCADE,
  CHECK ((state = 'active') = (sealed IS NOT NULL))
);
CREATE UNIQUE INDEX linkage_secrets_one_active ON linkage_secrets (agreement_id, country) WHERE state = 'active';

-- Member side: which report went to the unit under which pseudonym (fresh per agreement and
-- secret version, so pseudonyms do not link across agreements or rotations).
CREATE TABLE linkage_submissions (
  agreement_id text NOT NULL,
  country char(2) NOT NULL,
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  pseudonym uuid NOT NULL UNIQUE,
  secret_version integer NOT NULL,
  submitted_by uuid REFERENCES users (id),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agreement_id, country, report_id),
  FOREIGN KEY (agreement_id, country) REFERENCES linkage_agreements (agreement_id, country) ON DELETE CASCADE
);
CREATE INDEX linkage_submissions_report_idx ON linkage_submissions (report_id);

-- Member side: pairs the unit returned for this jurisdiction's reports (the other side only as
-- a member and pseudonym), to be reviewed before any disclosure is requested.
CREATE TABLE linkage_candidates (
  agreement_id text NOT NULL,
  country char(2) NOT NULL,
  report_id uuid NOT NULL,
  other_member char(2) NOT NULL,
  other_pseudonym uuid NOT NULL,
  score real NOT NULL,
  secret_version integer NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agreement_id, country, report_id, other_member, other_pseudonym),
  FOREIGN KEY (agreement_id, country, report_id)
    REFERENCES linkage_submissions (agreement_id, country, report_id) ON DELETE CASCADE
);

-- Linkage unit side: agreements the unit serves (no secret: only the version members use).
CREATE TABLE linkage_unit_agreements (
  agreement_id text PRIMARY KEY,
  -- Country of the organisation operating the unit (its administrators manage it).
  operator_country char(2) NOT NULL,
  members text[] NOT NULL,
  schema_version text NOT NULL,
  threshold real NOT NULL CHECK (threshold > 0 AND threshold <= 1),
  secret_version integer NOT NULL DEFAULT 0,
  last_compared_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Linkage unit side: encodings members submitted (1,024 bits each) under pseudonyms.
CREATE TABLE linkage_unit_encodings (
  agreement_id text NOT NULL REFERENCES linkage_unit_agreements (agreement_id) ON DELETE CASCADE,
  member char(2) NOT NULL,
  pseudonym uuid NOT NULL,
  secret_version integer NOT NULL,
  encoding bytea NOT NULL CHECK (octet_length(encoding) = 128),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agreement_id, member, pseudonym)
);

-- Linkage unit side: pairs above the threshold between two members (member_a < member_b); gone
-- with either encoding.
CREATE TABLE linkage_unit_pairs (
  agreement_id text NOT NULL,
  member_a char(2) NOT NULL,
  pseudonym_a uuid NOT NULL,
  member_b char(2) NOT NULL,
  pseudonym_b uuid NOT NULL,
  score real NOT NULL,
  found_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agreement_id, member_a, pseudonym_a, member_b, pseudonym_b),
  CHECK (member_a < member_b),
  FOREIGN KEY (agreement_id, member_a, pseudonym_a)
    REFERENCES linkage_unit_encodings (agreement_id, member, pseudonym) ON DELETE CASCADE,
  FOREIGN KEY (agreement_id, member_b, pseudonym_b)
    REFERENCES linkage_unit_encodings (agreement_id, member, pseudonym) ON DELETE CASCADE
);

-- Member side: messages to the linkage unit, written in the transaction that decided them and
-- delivered after it commits. A consent withdrawal deletes the report's pending submissions
-- here in the same transaction, so they can never leave.
CREATE TABLE linkage_outbox (
  id bigserial PRIMARY KEY,
  agreement_id text NOT NULL,
  country char(2) NOT NULL,
  kind text NOT NULL CHECK (kind IN ('submit', 'withdraw')),
  pseudonym uuid NOT NULL,
  secret_version integer NOT NULL,
  -- The encoding, for 'submit' only.
  clk bytea CHECK ((kind = 'submit') = (clk IS NOT NULL)),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX linkage_outbox_pseudonym_idx ON linkage_outbox (pseudonym);
