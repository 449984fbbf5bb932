// SQL of the linkage unit: agreements it serves, encodings under pseudonyms, pairs found.
// There is no column for a secret, and nothing here can hold one.
import type { Queryable } from '../../platform/db/index.js';

/** An agreement as the unit knows it. */
export interface UnitAgreement {
  agreementId: string;
  operatorCountry: string;
  members: string[];
  schemaVersion: string;
  threshold: number;
  secretVersion: number;
  /** 'channel': pairs go back to members over the transnational channel. */
  transport: 'local' | 'channel';
  lastComparedAt: Date | null;
  createdAt: Date;
}

/** One stored encoding. */
export interface UnitEncoding {
  member: string;
  pseudonym: string;
  encoding: Buffer;
}

/** One pair above the threshold (member < otherMember). */
export interface UnitPair {
  memberA: string;
  pseudonymA: string;
  memberB: string;
  pseudonymB: string;
  score: number;
}

const AGREEMENT = `SELECT agreement_id AS "agreementId", trim(operator_country) AS "operatorCountry",
  members, schema_version AS "schemaVersion", threshold, secret_version AS "secretVersion",
  transport, last_compared_at AS "lastComparedAt", created_at AS "createdAt" FROM linkage_unit_agreements`;

/** One agreement (optionally locked). */
export async function findUnitAgreement(
  db: Queryable,
  id: string,
  lock = false,
): Promise<UnitAgreement | undefined> {
  const rows = await db.query<UnitAgreement>(
    `${AGREEMENT} WHERE agreement_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0];
}

/** Adds an agreement. */
export async function insertUnitAgreement(
  db: Queryable,
  a: Omit<UnitAgreement, 'secretVersion' | 'lastComparedAt' | 'createdAt'>,
): Promise<void> {
  await db.query(
    `INSERT INTO linkage_unit_agreements (agreement_id, operator_country, members, schema_version,
       threshold, transport) VALUES ($1, $2, $3, $4, $5, $6)`,
    [a.agreementId, a.operatorCountry, a.members, a.schemaVersion, a.threshold, a.transport],
  );
}

/** Moves the agreement to a newer secret version and drops every encoding of older ones. */
export async function advanceSecretVersion(
  db: Queryable,
  id: string,
  version: number,
): Promise<number> {
  await db.query(`UPDATE linkage_unit_agreements SET secret_version = $2 WHERE agreement_id = $1`, [
    id,
    version,
  ]);
  const gone = await db.query(
    `DELETE FROM linkage_unit_encodings WHERE agreement_id = $1 AND secret_version < $2 RETURNING 1`,
    [id, version],
  );
  return gone.length;
}

/** Stores (or replaces) a member's encodings. */
export async function upsertEncodings(
  db: Queryable,
  id: string,
  member: string,
  version: number,
  records: { pseudonym: string; encoding: Buffer }[],
): Promise<void> {
  for (const r of records) {
    await db.query(
      `INSERT INTO linkage_unit_encodings (agreement_id, member, pseudonym, secret_version, encoding)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (agreement_id, member, pseudonym)
       DO UPDATE SET secret_version = EXCLUDED.secret_version, encoding = EXCLUDED.encoding, received_at = now()`,
      [id, member, r.pseudonym, version, r.encoding],
    );
  }
}

/** Deletes a member's encodings (their pairs go with them). */
export async function deleteEncodings(
  db: Queryable,
  id: string,
  member: string,
  pseudonyms: string[],
): Promise<number> {
  const rows = await db.query(
    `DELETE FROM linkage_unit_encodings WHERE agreement_id = $1 AND member = $2 AND pseudonym = ANY($3::uuid[])
     RETURNING 1`,
    [id, member, pseudonyms],
  );
  return rows.length;
}

/** Every encoding of the agreement's current secret version. */
export async function currentEncodings(db: Queryable, a: UnitAgreement): Promise<UnitEncoding[]> {
  const rows = await db.query<{ member: string; pseudonym: string; encoding: Uint8Array }>(
    `SELECT trim(member) AS member, pseudonym, encoding FROM linkage_unit_encodings
     WHERE agreement_id = $1 AND secret_version = $2 ORDER BY member, pseudonym`,
    [a.agreementId, a.secretVersion],
  );
  return rows.map((r) => ({ ...r, encoding: Buffer.from(r.encoding) }));
}

/** Replaces the agreement's pairs with a new comparison round's. */
export async function replacePairs(db: Queryable, id: string, pairs: UnitPair[]): Promise<void> {
  await db.query(`DELETE FROM linkage_unit_pairs WHERE agreement_id = $1`, [id]);
  for (const p of pairs) {
    await db.query(
      `INSERT INTO linkage_unit_pairs (agreement_id, member_a, pseudonym_a, member_b, pseudonym_b, score)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, p.memberA, p.pseudonymA, p.memberB, p.pseudonymB, p.score],
    );
  }
  await db.query(
    `UPDATE linkage_unit_agreements SET last_compared_at = now() WHERE agreement_id = $1`,
    [id],
  );
}

/** Counts of encodings per member and of pairs (the unit's status, no content). */
export async function unitCounts(
  db: Queryable,
  id: string,
): Promise<{ encodings: Record<string, number>; pairs: number }> {
  const rows = await db.query<{ member: string; n: number | string }>(
    `SELECT trim(member) AS member, count(*) AS n FROM linkage_unit_encodings WHERE agreement_id = $1 GROUP BY member`,
    [id],
  );
  const pairs = await db.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM linkage_unit_pairs WHERE agreement_id = $1`,
    [id],
  );
  return {
    encodings: Object.fromEntries(rows.map((r) => [r.member, Number(r.n)])),
    pairs: Number(pairs[0]?.n ?? 0),
  };
}
