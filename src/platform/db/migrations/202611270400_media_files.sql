-- Photos and scanned documents attached to a missing-person report or to remains.
-- The owner is polymorphic (owner_type, owner_id) so both features share one table; the
-- owning feature's service checks the owner exists and may be read before any file is touched.
CREATE TABLE media_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_type text NOT NULL CHECK (owner_type IN ('report', 'remains')),
  owner_id uuid NOT NULL,
  -- Country of the owning record, copied at upload: list filters and audit scope use it.
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  kind text NOT NULL CHECK (kind IN ('photo', 'document')),
  media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  -- Post-mortem photos: only forensic users see them unless marked suitable to show.
  sensitive boolean NOT NULL,
  suitable_to_show boolean NOT NULL DEFAULT false,
  marked_by uuid REFERENCES users (id),
  marked_at timestamptz,
  caption text CHECK (length(caption) <= 500),
  original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 200),
  byte_size integer NOT NULL CHECK (byte_size > 0),
  -- SHA-256 of the original bytes, which are stored content-addressed under this hash.
  sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  width integer,
  height integer,
  -- Storage keys of the derived images (NULL for documents).
  thumb_key text,
  medium_key text,
  preview_key text,
  uploaded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT media_files_preview_when_sensitive CHECK (NOT (sensitive AND kind = 'photo') OR preview_key IS NOT NULL)
);
CREATE INDEX media_files_owner_idx ON media_files (owner_type, owner_id, created_at);
CREATE INDEX media_files_sha256_idx ON media_files (sha256);
