-- Vocabulary words stripped of what looked like a joined article (Alioune → ioune, Alamin →
-- amin) are looked up by the word as written too: an article taken off a word that had none
-- leaves a canonical form no near spelling shares (Aliou, Aliyu), and only the written form
-- still comes near them. A small index: only words whose written form differs.
CREATE INDEX name_words_raw_trgm_idx ON name_words USING gin (raw gin_trgm_ops)
  WHERE span = 1 AND raw <> norm;
