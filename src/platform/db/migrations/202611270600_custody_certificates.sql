-- Custody and burial certificates issued as PDFs (issue 6). A certificate is checked by its
-- verification code: only the SHA-256 of the code is stored, so a copy of this table cannot
-- be turned into valid codes. The chain head at issue time is kept to confirm later that the
-- chain the certificate printed is still the one on record.
CREATE TABLE custody_certificates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code_hash text NOT NULL UNIQUE CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  remains_id uuid NOT NULL REFERENCES remains (id),
  remains_code text NOT NULL,
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  head_position integer NOT NULL CHECK (head_position >= 1),
  head_hash text NOT NULL CHECK (head_hash ~ '^[0-9a-f]{64}$'),
  issued_at timestamptz NOT NULL DEFAULT now(),
  issued_by uuid NOT NULL REFERENCES users (id)
);

CREATE INDEX custody_certificates_remains ON custody_certificates (remains_id);
