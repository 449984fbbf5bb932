// SQL of a member jurisdiction's side: its agreements, sealed secrets, submissions and the
// candidate pairs the unit returned.
import type { Queryable } from '../../platform/db/index.js';

/** This jurisdiction's part in a linkage agreement. */
export interface MemberAgreement {
  agreementId: string;
  country: string;
  members: string[];
  mode: 'unit' | 'bilateral';
  schemaVersion: string;
  threshold: number;
  secretVersion: number;
  /** 'local' (in-process, one node) or 'channel' (signed messages under exchange agreements). */
  transport: 'local' | 'channel';
  /** The linkage unit's jurisdiction (unit mode over the channel). */
  unitJurisdiction: string | null;
  createdAt: Date;
}

/** A report submitted under a pseudonym. */
export interface Submission {
  reportId: string;
  pseudonym: string;
  secretVersion: number;
}

/** A pair returned by the unit, for one of this jurisdiction's reports. */
export interface Candidate {
  id: string;
  reportId: string;
  otherMember: string;
  otherPseudonym: string;
  score: number;
  secretVersion: number;
  /** pending → pursued (this side sent its reference) → matched (both hold a cross-border candidate); or excluded. */
  status: 'pending' | 'pursued' | 'excluded' | 'matched';
  reviewedAt: Date | null;
  note: string | null;
  receivedAt: Date;
}

const AGREEMENT = `SELECT agreement_id AS "agreementId", trim(country) AS country, members, mode,
  schema_version AS "schemaVersion", threshold, secret_version AS "secretVersion", transport,
  trim(unit_jurisdiction) AS "unitJurisdiction", created_at AS "createdAt"
  FROM linkage_agreements`;

/** One agreement of one jurisdiction (optionally locked). */
export async function findMemberAgreement(
  db: Queryable,
  agreementId: string,
  country: string,
  lock = false,
): Promise<MemberAgreement | undefined> {
  const rows = await db.query<MemberAgreement>(
    `${AGREEMENT} WHERE agreement_id = $1 AND country = $2${lock ? ' FOR UPDATE' : ''}`,
    [agreementId, country],
  );
  return rows[0];
}

/** Agreements in which one report has a submission. */
export async function submissionsOfReport(
  db: Queryable,
  reportId: string,
): Promise<(Submission & { agreementId: string; country: string })[]> {
  return db.query(
    `SELECT agreement_id AS "agreementId", trim(country) AS country, report_id AS "reportId", pseudonym,
       secret_version AS "secretVersion" FROM linkage_submissions WHERE report_id = $1`,
    [reportId],
  );
}

/** Adds an agreement. */
export async function insertMemberAgreement(
  db: Queryable,
  a: Omit<MemberAgreement, 'secretVersion' | 'createdAt'>,
  actorId: string,
): Promise<void> {
  await db.query(
    `INSERT INTO linkage_agreements (agreement_id, country, members, mode, schema_version, threshold,
       transport, unit_jurisdiction, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      a.agreementId,
      a.country,
      a.members,
      a.mode,
      a.schemaVersion,
      a.threshold,
      a.transport,
      a.unitJurisdiction,
      actorId,
    ],
  );
}

/** Stores a new active secret (sealed) and retires the previous one, erasing its sealed value. */
export async function storeSecret(
  db: Queryable,
  agreementId: string,
  country: string,
  version: number,
  sealed: string,
): Promise<void> {
  await db.query(
    `UPDATE linkage_secrets SET state = 'retired', sealed = NULL, retired_at = now()
     WHERE agreement_id = $1 AND country = $2 AND state = 'active'`,
    [agreementId, country],
  );
  await db.query(
    `INSERT INTO linkage_secrets (agreement_id, country, version, sealed, state) VALUES ($1, $2, $3, $4, 'active')`,
    [agreementId, country, version, sealed],
  );
  await db.query(
    `UPDATE linkage_agreements SET secret_version = $3 WHERE agreement_id = $1 AND country = $2`,
    [agreementId, country, version],
  );
}

/** The active sealed secret and its version. */
export async function activeSecret(
  db: Queryable,
  agreementId: string,
  country: string,
): Promise<{ version: number; sealed: string } | undefined> {
  const rows = await db.query<{ version: number; sealed: string }>(
    `SELECT version, sealed FROM linkage_secrets WHERE agreement_id = $1 AND country = $2 AND state = 'active'`,
    [agreementId, country],
  );
  return rows[0];
}

/** Every submission of an agreement's jurisdiction. */
export async function listSubmissions(
  db: Queryable,
  agreementId: string,
  country: string,
): Promise<Submission[]> {
  return db.query<Submission>(
    `SELECT report_id AS "reportId", pseudonym, secret_version AS "secretVersion"
     FROM linkage_submissions WHERE agreement_id = $1 AND country = $2 ORDER BY submitted_at, report_id`,
    [agreementId, country],
  );
}

/** Records (or renews, under a fresh pseudonym) a report's submission. */
export async function upsertSubmission(
  db: Queryable,
  agreementId: string,
  country: string,
  s: Submission,
  actorId: string | null,
): Promise<void> {
  await db.query(
    `INSERT INTO linkage_submissions (agreement_id, country, report_id, pseudonym, secret_version, submitted_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (agreement_id, country, report_id) DO UPDATE
       SET pseudonym = EXCLUDED.pseudonym, secret_version = EXCLUDED.secret_version,
           submitted_by = EXCLUDED.submitted_by, submitted_at = now()`,
    [agreementId, country, s.reportId, s.pseudonym, s.secretVersion, actorId],
  );
  // Pairs found under the old pseudonym belong to encodings that no longer exist.
  await db.query(
    `DELETE FROM linkage_candidates WHERE agreement_id = $1 AND country = $2 AND report_id = $3
       AND secret_version <> $4`,
    [agreementId, country, s.reportId, s.secretVersion],
  );
}

/** Deletes submissions (their candidates go with them). */
export async function deleteSubmissions(
  db: Queryable,
  agreementId: string,
  country: string,
  reportIds: string[],
): Promise<Submission[]> {
  return db.query<Submission>(
    `DELETE FROM linkage_submissions WHERE agreement_id = $1 AND country = $2 AND report_id = ANY($3::uuid[])
     RETURNING report_id AS "reportId", pseudonym, secret_version AS "secretVersion"`,
    [agreementId, country, reportIds],
  );
}

/**
 * Replaces the unit's pairs for this jurisdiction with what it returned: pairs no longer found
 * go (unless already matched: those leave only by withdrawal), reviews of pairs found again stay.
 */
export async function storeCandidates(
  db: Queryable,
  agreementId: string,
  country: string,
  secretVersion: number,
  pairs: { pseudonym: string; otherMember: string; otherPseudonym: string; score: number }[],
): Promise<number> {
  const keep = pairs.map((p) => `${p.pseudonym} ${p.otherMember} ${p.otherPseudonym}`);
  await db.query(
    `DELETE FROM linkage_candidates c USING linkage_submissions s
     WHERE c.agreement_id = $1 AND c.country = $2 AND c.status <> 'matched'
       AND s.agreement_id = c.agreement_id AND s.country = c.country AND s.report_id = c.report_id
       AND NOT (s.pseudonym::text || ' ' || trim(c.other_member) || ' ' || c.other_pseudonym::text = ANY($3::text[]))`,
    [agreementId, country, keep],
  );
  let stored = 0;
  for (const p of pairs) {
    const rows = await db.query(
      `INSERT INTO linkage_candidates (agreement_id, country, report_id, other_member, other_pseudonym, score, secret_version)
       SELECT s.agreement_id, s.country, s.report_id, $4, $5, $6, $7 FROM linkage_submissions s
       WHERE s.agreement_id = $1 AND s.country = $2 AND s.pseudonym = $3 AND s.secret_version = $7
       ON CONFLICT (agreement_id, country, report_id, other_member, other_pseudonym)
         DO UPDATE SET score = EXCLUDED.score, received_at = now()
       RETURNING 1`,
      [agreementId, country, p.pseudonym, p.otherMember, p.otherPseudonym, p.score, secretVersion],
    );
    stored += rows.length;
  }
  return stored;
}

const CANDIDATE = `id, report_id AS "reportId", trim(other_member) AS "otherMember",
  other_pseudonym AS "otherPseudonym", score, secret_version AS "secretVersion", status,
  reviewed_at AS "reviewedAt", note, received_at AS "receivedAt"`;

/** Candidates of an agreement's jurisdiction, best first. */
export async function listCandidates(
  db: Queryable,
  agreementId: string,
  country: string,
): Promise<Candidate[]> {
  return db.query<Candidate>(
    `SELECT ${CANDIDATE} FROM linkage_candidates WHERE agreement_id = $1 AND country = $2
     ORDER BY score DESC, report_id`,
    [agreementId, country],
  );
}

/** One pending outbox row. */
export interface OutboxRow {
  id: string;
  agreementId: string;
  country: string;
  kind: 'submit' | 'withdraw';
  pseudonym: string;
  secretVersion: number;
  clk: Buffer | null;
}

/** Queues an encoding for the unit. */
export async function queueSubmit(
  db: Queryable,
  agreementId: string,
  country: string,
  pseudonym: string,
  secretVersion: number,
  clk: Uint8Array,
): Promise<void> {
  await db.query(
    `INSERT INTO linkage_outbox (agreement_id, country, kind, pseudonym, secret_version, clk)
     VALUES ($1, $2, 'submit', $3, $4, $5)`,
    [agreementId, country, pseudonym, secretVersion, Buffer.from(clk)],
  );
}

/** Queues withdrawals and drops any pending submission of the same pseudonyms. */
export async function queueWithdraw(
  db: Queryable,
  agreementId: string,
  country: string,
  subs: Submission[],
): Promise<void> {
  for (const s of subs) {
    await db.query(`DELETE FROM linkage_outbox WHERE pseudonym = $1 AND kind = 'submit'`, [
      s.pseudonym,
    ]);
    await db.query(
      `INSERT INTO linkage_outbox (agreement_id, country, kind, pseudonym, secret_version)
       VALUES ($1, $2, 'withdraw', $3, $4)`,
      [agreementId, country, s.pseudonym, s.secretVersion],
    );
  }
}

/** Pending rows, oldest first (delivery is at-least-once; the unit's handling is idempotent). */
export async function pendingOutbox(db: Queryable, limit = 5000): Promise<OutboxRow[]> {
  const rows = await db.query<Omit<OutboxRow, 'clk'> & { clk: Uint8Array | null }>(
    `SELECT id::text AS id, agreement_id AS "agreementId", trim(country) AS country, kind, pseudonym,
       secret_version AS "secretVersion", clk
     FROM linkage_outbox ORDER BY id LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ ...r, clk: r.clk ? Buffer.from(r.clk) : null }));
}

/** Removes delivered rows. */
export async function deleteOutbox(db: Queryable, ids: string[]): Promise<void> {
  await db.query(`DELETE FROM linkage_outbox WHERE id = ANY($1::bigint[])`, [ids]);
}

/** Pending outbox rows of one report's pseudonyms (for tests and status). */
export async function pendingFor(db: Queryable, pseudonyms: string[]): Promise<OutboxRow[]> {
  const rows = await db.query<Omit<OutboxRow, 'clk'> & { clk: Uint8Array | null }>(
    `SELECT id::text AS id, agreement_id AS "agreementId", trim(country) AS country, kind, pseudonym,
       secret_version AS "secretVersion", clk FROM linkage_outbox WHERE pseudonym = ANY($1::uuid[])`,
    [pseudonyms],
  );
  return rows.map((r) => ({ ...r, clk: r.clk ? Buffer.from(r.clk) : null }));
}
