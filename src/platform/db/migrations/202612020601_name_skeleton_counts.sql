-- How many reports hold each consonant skeleton (single words), for the rarity weights of name
-- search. Counting them per query (count(DISTINCT report_id) over every row of a common name)
-- took seconds at a million reports; this table is kept by triggers on report_name_tokens, so
-- every writer keeps it, in the writer's own transaction.
--
-- A report's rows are always written together (replaceNameTokens deletes them all first), so
-- an insert adds one holder per distinct (report, skeleton) it brings; a delete removes one
-- per (report, skeleton) no row of which is left.
CREATE TABLE name_skeleton_counts (
  skeleton text PRIMARY KEY,
  reports integer NOT NULL CHECK (reports >= 0)
);

INSERT INTO name_skeleton_counts (skeleton, reports)
SELECT skeleton, count(DISTINCT report_id)::int FROM report_name_tokens
WHERE span = 1 AND skeleton IS NOT NULL GROUP BY skeleton;

CREATE FUNCTION name_skeleton_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO name_skeleton_counts (skeleton, reports)
  SELECT skeleton, count(DISTINCT report_id)::int FROM new_tokens
  WHERE span = 1 AND skeleton IS NOT NULL
  GROUP BY skeleton
  -- One order for every writer, so concurrent filings sharing names do not deadlock.
  ORDER BY skeleton
  ON CONFLICT (skeleton) DO UPDATE SET reports = name_skeleton_counts.reports + EXCLUDED.reports;
  RETURN NULL;
END
$$;
CREATE TRIGGER report_name_tokens_counts_add AFTER INSERT ON report_name_tokens
  REFERENCING NEW TABLE AS new_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION name_skeleton_counts_add();

CREATE FUNCTION name_skeleton_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Lock the rows in the same order as inserts do, then count down.
  PERFORM 1 FROM name_skeleton_counts
  WHERE skeleton IN (SELECT skeleton FROM old_tokens WHERE span = 1)
  ORDER BY skeleton FOR UPDATE;
  UPDATE name_skeleton_counts c SET reports = greatest(0, c.reports - gone.n)
  FROM (
    SELECT o.skeleton, count(*)::int AS n
    FROM (SELECT DISTINCT report_id, skeleton FROM old_tokens
          WHERE span = 1 AND skeleton IS NOT NULL) o
    WHERE NOT EXISTS (
      SELECT 1 FROM report_name_tokens t
      WHERE t.report_id = o.report_id AND t.skeleton = o.skeleton AND t.span = 1)
    GROUP BY o.skeleton
  ) gone
  WHERE c.skeleton = gone.skeleton;
  RETURN NULL;
END
$$;
CREATE TRIGGER report_name_tokens_counts_remove AFTER DELETE ON report_name_tokens
  REFERENCING OLD TABLE AS old_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION name_skeleton_counts_remove();
