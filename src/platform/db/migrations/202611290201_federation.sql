-- The transnational channel (ADR 0080): node keys, peers, exchange agreements, registered
-- message kinds, the signed-message outbox and inbox, pseudonymous subjects, foreign matching
-- profiles and cross-border candidates.

-- The node's own keys for node-to-node messages (separate from user-token signing_keys):
-- EdDSA keys sign messages, ECDH-ES keys receive encrypted payloads. A key created while
-- another signing key was active carries that key's endorsement (a JWS over its thumbprint),
-- so peers that pinned an older key can follow the chain.
CREATE TABLE federation_keys (
  kid text PRIMARY KEY,
  use text NOT NULL CHECK (use IN ('sig', 'enc')),
  alg text NOT NULL,
  public_jwk jsonb NOT NULL,
  private_jwk_encrypted text NOT NULL,
  thumbprint text NOT NULL UNIQUE,
  endorsement text,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
CREATE INDEX federation_keys_active_idx ON federation_keys (use, created_at DESC) WHERE retired_at IS NULL;

-- Partner nodes registered by an administrator, with the thumbprint exchanged out of band.
CREATE TABLE federation_peers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  node_id text NOT NULL UNIQUE,
  name text NOT NULL,
  base_url text NOT NULL,
  jurisdictions text[] NOT NULL,
  pinned_thumbprint text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Keys of a peer trusted so far: the pinned one, then every key endorsed by a trusted key.
CREATE TABLE federation_peer_keys (
  peer_id uuid NOT NULL REFERENCES federation_peers (id) ON DELETE CASCADE,
  kid text NOT NULL,
  use text NOT NULL CHECK (use IN ('sig', 'enc')),
  thumbprint text NOT NULL,
  public_jwk jsonb NOT NULL,
  trusted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (peer_id, kid)
);

-- Kinds of message the channel carries: what data category and purpose each serves and whether
-- its payload names people (then it travels JWE-encrypted). Other features register theirs.
CREATE TABLE federation_message_kinds (
  kind text PRIMARY KEY,
  data_category text NOT NULL,
  purpose text NOT NULL,
  encrypted boolean NOT NULL,
  description text NOT NULL
);
INSERT INTO federation_message_kinds (kind, data_category, purpose, encrypted, description) VALUES
  ('profile.am', 'matching_profile', 'identification', false, 'Pseudonymous ante-mortem profile of a report'),
  ('profile.pm', 'matching_profile', 'identification', false, 'Pseudonymous post-mortem profile of remains'),
  ('profile.withdraw', 'matching_profile', 'identification', false, 'A profile and its candidates are withdrawn'),
  ('candidate.notice', 'candidate', 'identification', false, 'A receiver scored a profile above its threshold'),
  ('candidate.withdraw', 'candidate', 'identification', false, 'A candidate fell below the threshold or was closed'),
  ('ping', 'none', 'operations', false, 'A signed no-op used to test a channel');

-- Exchange agreements between one local jurisdiction and one other; `ref` is the identifier
-- both sides record (each node holds its own copy and checks it on every message).
CREATE TABLE federation_agreements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ref text NOT NULL,
  local_jurisdiction char(2) NOT NULL,
  partner_jurisdiction char(2) NOT NULL,
  message_kinds text[] NOT NULL,
  data_categories text[] NOT NULL,
  purposes text[] NOT NULL,
  legal_basis text NOT NULL,
  ends_on date NOT NULL,
  revoked_at timestamptz,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (local_jurisdiction <> partner_jurisdiction),
  UNIQUE (ref, local_jurisdiction)
);
CREATE INDEX federation_agreements_pair_idx ON federation_agreements (local_jurisdiction, partner_jurisdiction);

-- Outgoing messages, written in the transaction of the change they report. A dispatcher signs
-- and sends them with exponential back-off, one at a time per subject (in order).
CREATE TABLE federation_outbox (
  seq bigserial PRIMARY KEY,
  jti uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  kind text NOT NULL REFERENCES federation_message_kinds (kind),
  from_jurisdiction char(2) NOT NULL,
  to_jurisdiction char(2) NOT NULL,
  -- NULL: the recipient jurisdiction is hosted on this node (loop back through the same protocol).
  peer_id uuid REFERENCES federation_peers (id),
  subject_key text NOT NULL,
  agreement_ref text NOT NULL,
  body jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_at timestamptz,
  sent_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX federation_outbox_due_idx ON federation_outbox (next_attempt_at, seq) WHERE status = 'pending';
CREATE INDEX federation_outbox_subject_idx ON federation_outbox (subject_key, seq) WHERE status IN ('pending', 'sending');

-- Messages accepted, keyed by jti: a second delivery is answered "replayed" and has no effect.
CREATE TABLE federation_inbox (
  jti text PRIMARY KEY,
  issuer text NOT NULL,
  kind text NOT NULL,
  from_jurisdiction char(2) NOT NULL,
  to_jurisdiction char(2) NOT NULL,
  subject_key text NOT NULL,
  agreement_ref text NOT NULL,
  received_seq bigserial,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- Pseudonymous references under which local records travel (never their ids).
CREATE TABLE federation_subjects (
  ref text PRIMARY KEY,
  side text NOT NULL CHECK (side IN ('am', 'pm')),
  local_id uuid NOT NULL,
  jurisdiction char(2) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (side, local_id)
);

-- Which profile was last shared with which jurisdiction (to withdraw it everywhere).
CREATE TABLE federation_shares (
  ref text NOT NULL REFERENCES federation_subjects (ref),
  to_jurisdiction char(2) NOT NULL,
  agreement_ref text NOT NULL,
  -- SHA-256 of the profile last sent (an unchanged profile is not sent again).
  profile_hash text NOT NULL,
  shared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ref, to_jurisdiction)
);

-- Profiles received from other jurisdictions, held for one local jurisdiction.
CREATE TABLE federation_profiles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  origin_node text NOT NULL,
  origin_jurisdiction char(2) NOT NULL,
  holder_jurisdiction char(2) NOT NULL,
  ref text NOT NULL,
  side text NOT NULL CHECK (side IN ('am', 'pm')),
  profile jsonb NOT NULL,
  agreement_ref text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (origin_node, ref, holder_jurisdiction)
);
CREATE INDEX federation_profiles_holder_idx ON federation_profiles (holder_jurisdiction, side);

-- Cross-border candidates: a local record paired with another jurisdiction's pseudonymous
-- reference, with the explanation; both sides hold one (the scorer's and the notified one).
CREATE TABLE federation_candidates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  jurisdiction char(2) NOT NULL,
  local_side text NOT NULL CHECK (local_side IN ('am', 'pm')),
  local_id uuid NOT NULL,
  local_ref text NOT NULL,
  foreign_node text NOT NULL,
  foreign_jurisdiction char(2) NOT NULL,
  foreign_ref text NOT NULL,
  scored_here boolean NOT NULL,
  score double precision NOT NULL,
  excluded boolean NOT NULL DEFAULT false,
  parts jsonb NOT NULL,
  exclusions jsonb NOT NULL,
  status text NOT NULL DEFAULT 'candidate' CHECK (status IN ('candidate', 'under_review', 'excluded', 'confirmed')),
  agreement_ref text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (local_side, local_id, foreign_node, foreign_ref)
);
CREATE INDEX federation_candidates_jurisdiction_idx ON federation_candidates (jurisdiction, score DESC);
CREATE INDEX federation_candidates_foreign_idx ON federation_candidates (foreign_node, foreign_ref);
