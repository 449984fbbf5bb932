-- Vocabulary words by their consonant skeleton without weak consonants (ADR 0075): h and w
-- after the first letter dropped, the initial vowel aside, doubled letters collapsed. One
-- spelling writes an h or a w the other lacks — an h between vowels (Mohmand / Persian مومند,
-- skeletons mhmnd / mnd), a glide (Dawood / Daud) — and the skeletons differ by that letter
-- alone. The lookup compares this form on both sides, through this index; NULL below two
-- letters (too short to say anything).
CREATE FUNCTION name_weak_skeleton(skeleton text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN length(w) >= 2 THEN w END FROM (
    SELECT regexp_replace(
      left(ltrim(skeleton, 'a'), 1) || translate(substr(ltrim(skeleton, 'a'), 2), 'hw', ''),
      '(.)\1+', '\1', 'g') AS w
  ) x
$$;
CREATE INDEX name_words_weak_skeleton_idx ON name_words (name_weak_skeleton(skeleton));
