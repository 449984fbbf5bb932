import type { Queryable } from '../../platform/db/index.js';

/** An issued custody certificate (the code itself is never stored). */
export interface IssuedCertificate {
  id: string;
  remainsId: string;
  remainsCode: string;
  country: string;
  headPosition: number;
  headHash: string;
  issuedAt: Date;
}

/** Records an issued certificate under the hash of its verification code. */
export async function insertCertificate(
  q: Queryable,
  c: Omit<IssuedCertificate, 'id' | 'issuedAt'> & { codeHash: string; issuedBy: string },
): Promise<IssuedCertificate> {
  const rows = await q.query<IssuedCertificate>(
    `INSERT INTO custody_certificates
       (code_hash, remains_id, remains_code, country, head_position, head_hash, issued_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING id, remains_id AS "remainsId", remains_code AS "remainsCode",
       trim(country) AS country, head_position AS "headPosition", head_hash AS "headHash",
       issued_at AS "issuedAt"`,
    [c.codeHash, c.remainsId, c.remainsCode, c.country, c.headPosition, c.headHash, c.issuedBy],
  );
  return normalise(rows[0]!);
}

/** The certificate issued under a code hash, if any. */
export async function findCertificateByCodeHash(
  q: Queryable,
  codeHash: string,
): Promise<IssuedCertificate | undefined> {
  const rows = await q.query<IssuedCertificate>(
    `SELECT id, remains_id AS "remainsId", remains_code AS "remainsCode", trim(country) AS country,
       head_position AS "headPosition", head_hash AS "headHash", issued_at AS "issuedAt"
     FROM custody_certificates WHERE code_hash = $1`,
    [codeHash],
  );
  return rows[0] && normalise(rows[0]);
}

function normalise(c: IssuedCertificate): IssuedCertificate {
  return { ...c, headPosition: Number(c.headPosition), issuedAt: new Date(c.issuedAt) };
}
