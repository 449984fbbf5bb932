-- The node's vocabulary of name words: every distinct stored word (canonical form, as written,
-- whether from an abjad, single word or adjacent pair written joined) with its sound key and
-- consonant skeleton. Name search finds near spellings of a query word here (single words by
-- trigrams: a few thousand rows, not one per report; joined pairs, one per report or so, by
-- sound key and skeleton only), scores them with the ranking's own word similarity, then
-- fetches the reports holding them by canonical form. Filled by a trigger on
-- report_name_tokens, so every writer keeps it; words are never removed (a word no report
-- holds any more finds nothing).
CREATE TABLE name_words (
  norm text NOT NULL,
  raw text NOT NULL,
  abjad boolean NOT NULL,
  span smallint NOT NULL,
  sound text NOT NULL,
  skeleton text NOT NULL,
  PRIMARY KEY (norm, raw, abjad, span)
);
CREATE INDEX name_words_trgm_idx ON name_words USING gin (norm gin_trgm_ops) WHERE span = 1;
CREATE INDEX name_words_sound_idx ON name_words (sound);
CREATE INDEX name_words_skeleton_idx ON name_words (skeleton);

INSERT INTO name_words (norm, raw, abjad, span, sound, skeleton)
SELECT DISTINCT ON (norm, coalesce(nullif(raw, ''), norm), abjad, span)
  norm, coalesce(nullif(raw, ''), norm), abjad, span, sound, skeleton
FROM report_name_tokens
ORDER BY 1, 2, 3, 4
ON CONFLICT DO NOTHING;

CREATE FUNCTION name_words_collect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO name_words (norm, raw, abjad, span, sound, skeleton)
  SELECT DISTINCT ON (norm, coalesce(nullif(raw, ''), norm), abjad, span)
    norm, coalesce(nullif(raw, ''), norm), abjad, span, sound, skeleton
  FROM new_tokens
  -- One order for every writer, so concurrent inserts of shared words do not deadlock.
  ORDER BY 1, 2, 3, 4
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER report_name_tokens_words AFTER INSERT ON report_name_tokens
  REFERENCING NEW TABLE AS new_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION name_words_collect();

-- Reports holding a word, by canonical form (the trigram index does not serve equality well).
CREATE INDEX report_name_tokens_norm_idx ON report_name_tokens (norm);
