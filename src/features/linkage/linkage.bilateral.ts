// Bilateral linkage, only where an agreement says mode 'bilateral' (ADR 0131): no linkage unit;
// each member receives the other members' encodings over the channel and compares them with its
// own (re-encoded from its consented reports under the same secret), returning each member its
// pairs. The agreement accepts what the unit mode avoids: a member holding the secret also holds
// another member's encodings, so it could test guessed names against them.
import type { Queryable } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { ENCODING_BYTES } from './linkage.encoder.js';
import type { SubmitMessage, WithdrawMessage } from './linkage.messages.js';
import type { MemberAgreement } from './linkage.member.repository.js';

/** Stores another member's encodings (newer secret versions replace every older one). */
export async function receiveBilateral(
  tx: Queryable,
  own: MemberAgreement,
  m: SubmitMessage,
): Promise<number> {
  if (m.schemaVersion !== own.schemaVersion) {
    throw new AppError('CONFLICT', `the agreement uses schema ${own.schemaVersion}`);
  }
  if (m.secretVersion < own.secretVersion) {
    throw new AppError('CONFLICT', 'encodings under a retired secret are refused');
  }
  const records = m.records.map((r) => ({
    pseudonym: r.pseudonym,
    encoding: Buffer.from(r.clk, 'base64'),
  }));
  if (records.some((r) => r.encoding.length !== ENCODING_BYTES)) {
    throw new AppError('CONFLICT', 'an encoding has 1,024 bits');
  }
  await tx.query(
    `DELETE FROM linkage_bilateral_encodings WHERE agreement_id = $1 AND country = $2 AND secret_version < $3`,
    [own.agreementId, own.country, m.secretVersion],
  );
  for (const r of records) {
    await tx.query(
      `INSERT INTO linkage_bilateral_encodings (agreement_id, country, member, pseudonym, secret_version, encoding)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (agreement_id, country, member, pseudonym)
       DO UPDATE SET secret_version = EXCLUDED.secret_version, encoding = EXCLUDED.encoding, received_at = now()`,
      [own.agreementId, own.country, m.member, r.pseudonym, m.secretVersion, r.encoding],
    );
  }
  return records.length;
}

/** Deletes another member's withdrawn encodings. */
export async function withdrawBilateral(
  tx: Queryable,
  own: MemberAgreement,
  m: WithdrawMessage,
): Promise<number> {
  const rows = await tx.query(
    `DELETE FROM linkage_bilateral_encodings WHERE agreement_id = $1 AND country = $2 AND member = $3
       AND pseudonym = ANY($4::uuid[]) RETURNING 1`,
    [own.agreementId, own.country, m.member, m.pseudonyms],
  );
  return rows.length;
}

/** Other members' encodings held here under the agreement's current secret version. */
export async function heldEncodings(
  q: Queryable,
  own: MemberAgreement,
): Promise<{ member: string; pseudonym: string; encoding: Buffer }[]> {
  const rows = await q.query<{ member: string; pseudonym: string; encoding: Uint8Array }>(
    `SELECT trim(member) AS member, pseudonym, encoding FROM linkage_bilateral_encodings
     WHERE agreement_id = $1 AND country = $2 AND secret_version = $3 ORDER BY member, pseudonym`,
    [own.agreementId, own.country, own.secretVersion],
  );
  return rows.map((r) => ({ ...r, encoding: Buffer.from(r.encoding) }));
}
