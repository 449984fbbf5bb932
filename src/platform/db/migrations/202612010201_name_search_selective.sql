-- Name search, selective candidates (ADR 0072).
-- Reports holding a word, read from the index alone: the canonical form with the report id
-- beside it, so the candidate statement does not visit the table's pages for each holder.
CREATE INDEX report_name_tokens_norm_report_idx ON report_name_tokens (norm) INCLUDE (report_id);
DROP INDEX IF EXISTS report_name_tokens_norm_idx;
-- Vocabulary words by their consonant skeleton without the initial vowel: an article or
-- prosthetic vowel written on one side only (Echerif / Sharif, Esmail / Smail) leaves the
-- skeletons otherwise equal.
CREATE INDEX name_words_bare_skeleton_idx ON name_words (ltrim(skeleton, 'a'));
