-- Matching reports (AM) against remains (PM): the job queue, scored candidate pairs and their
-- review, laboratory and expert results, and reviewers' overrides of hard exclusions.
-- Identity links already exist: report_links ("is the same person as", reports feature) and
-- remains.associated_with_id ("is a part of", remains feature).

-- New or changed records waiting to be matched against the other side (written in the same
-- transaction as the change). A worker claims due jobs with FOR UPDATE SKIP LOCKED and marks
-- them running; a change made while a job runs queues a new pending job (the unique index
-- covers pending jobs only), so no change is missed. Failures are retried with back-off; a
-- job left running by a crashed worker is claimed again after a timeout.
CREATE TABLE match_jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_type text NOT NULL CHECK (subject_type IN ('report', 'remains')),
  subject_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'running', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  claimed_at timestamptz,
  run_after timestamptz NOT NULL DEFAULT now(),
  -- An error code or class, never a message that could carry personal data.
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
-- One pending job per record: a second change before the worker runs adds nothing.
CREATE UNIQUE INDEX match_jobs_pending_uq ON match_jobs (subject_type, subject_id)
  WHERE status = 'pending';
CREATE INDEX match_jobs_due_idx ON match_jobs (run_after) WHERE status IN ('pending', 'running');

-- One scored pair per report and remains, with its explanation and review state.
CREATE TABLE match_candidates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  remains_id uuid NOT NULL REFERENCES remains (id) ON DELETE CASCADE,
  country char(2) NOT NULL,
  -- log10 of the combined likelihood ratio and its parts (docs/matching.md).
  score double precision NOT NULL,
  excluded boolean NOT NULL DEFAULT false,
  parts jsonb NOT NULL DEFAULT '[]',
  exclusions jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'candidate'
    CHECK (status IN ('candidate', 'under_review', 'excluded', 'confirmed')),
  review_started_by uuid REFERENCES users (id),
  review_started_at timestamptz,
  excluded_by uuid REFERENCES users (id),
  excluded_at timestamptz,
  exclusion_reason text,
  -- The first forensic practitioner proposes an identification with its basis ...
  proposed_by uuid REFERENCES users (id),
  proposed_at timestamptz,
  basis jsonb,
  proposal_note text,
  -- ... a second, different one confirms it.
  confirmed_by uuid REFERENCES users (id),
  confirmed_at timestamptz,
  identification text CHECK (identification IN ('identified', 'provisional')),
  scored_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (report_id, remains_id),
  CHECK (confirmed_by IS NULL OR confirmed_by <> proposed_by),
  CHECK (status <> 'excluded' OR exclusion_reason IS NOT NULL),
  CHECK (status <> 'confirmed' OR (proposed_by IS NOT NULL AND confirmed_by IS NOT NULL))
);
CREATE INDEX match_candidates_report_idx ON match_candidates (report_id, score DESC);
CREATE INDEX match_candidates_remains_idx ON match_candidates (remains_id, score DESC);

-- Laboratory and expert results linking one report and one remains.
CREATE TABLE lab_results (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  remains_id uuid NOT NULL REFERENCES remains (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('dna', 'fingerprint', 'dental')),
  -- DNA: direct (personal reference) or kinship (relatives' references), the laboratory's
  -- likelihood ratio (0 = excluded) and the family reference sample used (a reference only).
  method text CHECK (method IN ('direct', 'kinship')),
  likelihood_ratio double precision CHECK (likelihood_ratio >= 0),
  reference_sample text,
  -- Fingerprint and dental comparisons.
  outcome text CHECK (outcome IN ('match', 'exclusion', 'inconclusive')),
  laboratory text NOT NULL,
  lab_reference text,
  recorded_by uuid NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'dna' OR (method IS NOT NULL AND likelihood_ratio IS NOT NULL AND outcome IS NULL)),
  CHECK (kind = 'dna' OR (outcome IS NOT NULL AND method IS NULL AND likelihood_ratio IS NULL))
);
CREATE INDEX lab_results_pair_idx ON lab_results (report_id, remains_id);

-- A reviewer overrides one hard exclusion of one pair, with a reason.
CREATE TABLE exclusion_overrides (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  remains_id uuid NOT NULL REFERENCES remains (id) ON DELETE CASCADE,
  rule text NOT NULL CHECK (rule IN ('sex_mismatch', 'recovered_before_last_seen',
    'age_incompatible', 'stature_incompatible', 'lab_exclusion')),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (report_id, remains_id, rule)
);
