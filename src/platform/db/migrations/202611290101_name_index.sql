-- Name search keys made by the shared normaliser (src/platform/names): where each word sits
-- (line of names in one script, name entry, position), the word as written beside its
-- canonical form, whether it came from an abjad, and adjacent pairs written joined (span 2,
-- for lookup only). `sound` holds the sound key, `skeleton` the consonant skeleton.
ALTER TABLE report_name_tokens
  ADD COLUMN line smallint NOT NULL DEFAULT 0,
  ADD COLUMN entry smallint NOT NULL DEFAULT 0,
  ADD COLUMN pos smallint NOT NULL DEFAULT 0,
  ADD COLUMN span smallint NOT NULL DEFAULT 1,
  ADD COLUMN raw text NOT NULL DEFAULT '',
  ADD COLUMN abjad boolean NOT NULL DEFAULT false;
CREATE INDEX report_name_tokens_sound_idx ON report_name_tokens (sound);

-- Which normaliser version built each derived index; a newer version rebuilds it at start-up.
CREATE TABLE name_index_versions (
  index_name text PRIMARY KEY,
  version integer NOT NULL,
  rebuilt_at timestamptz NOT NULL DEFAULT now()
);
