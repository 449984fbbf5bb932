// SQL of pseudonymous subjects, shares and received profiles (candidates: federation.candidates.repository.ts).
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.js';

/** A side of the engine: ante-mortem (reports) or post-mortem (remains). */
export type Side = 'am' | 'pm';

/** The pseudonymous reference of a local record, created on first use. */
export async function ensureSubject(
  q: Queryable,
  side: Side,
  localId: string,
  jurisdiction: string,
): Promise<string> {
  const ref = `${side.toUpperCase()}-${jurisdiction}-${randomBytes(9).toString('base64url')}`;
  const rows = await q.query<{ ref: string }>(
    `INSERT INTO federation_subjects (ref, side, local_id, jurisdiction) VALUES ($1, $2, $3, $4)
     ON CONFLICT (side, local_id) DO UPDATE SET side = EXCLUDED.side RETURNING ref`,
    [ref, side, localId, jurisdiction],
  );
  return rows[0]!.ref;
}

/** The reference of a local record, if it ever travelled. */
export async function findSubjectOf(
  q: Queryable,
  side: Side,
  localId: string,
): Promise<string | undefined> {
  const rows = await q.query<{ ref: string }>(
    `SELECT ref FROM federation_subjects WHERE side = $1 AND local_id = $2`,
    [side, localId],
  );
  return rows[0]?.ref;
}

/** The local record behind a reference. */
export async function findSubject(
  q: Queryable,
  ref: string,
): Promise<{ side: Side; localId: string; jurisdiction: string } | undefined> {
  return (
    await q.query<{ side: Side; localId: string; jurisdiction: string }>(
      `SELECT side, local_id AS "localId", trim(jurisdiction) AS jurisdiction
       FROM federation_subjects WHERE ref = $1`,
      [ref],
    )
  )[0];
}

/** Where a reference's profile was shared, with the hash of what was sent. */
export async function sharesOf(
  q: Queryable,
  ref: string,
): Promise<{ to: string; profileHash: string }[]> {
  return q.query(
    `SELECT trim(to_jurisdiction) AS "to", profile_hash AS "profileHash"
     FROM federation_shares WHERE ref = $1`,
    [ref],
  );
}

/** Records a share (or its new content). */
export async function upsertShare(
  q: Queryable,
  s: { ref: string; to: string; agreementRef: string; profileHash: string },
): Promise<void> {
  await q.query(
    `INSERT INTO federation_shares (ref, to_jurisdiction, agreement_ref, profile_hash)
     VALUES ($1, $2, $3, $4) ON CONFLICT (ref, to_jurisdiction) DO UPDATE
     SET agreement_ref = EXCLUDED.agreement_ref, profile_hash = EXCLUDED.profile_hash, shared_at = now()`,
    [s.ref, s.to, s.agreementRef, s.profileHash],
  );
}

/** Forgets a share (after its withdrawal was queued). */
export async function deleteShare(q: Queryable, ref: string, to: string): Promise<void> {
  await q.query(`DELETE FROM federation_shares WHERE ref = $1 AND to_jurisdiction = $2`, [ref, to]);
}

/** A profile received from another jurisdiction. */
export interface HeldProfile {
  originNode: string;
  originJurisdiction: string;
  ref: string;
  side: Side;
  profile: Record<string, unknown>;
  agreementRef: string;
}

/** Stores (or replaces) a received profile. */
export async function upsertProfile(
  q: Queryable,
  p: HeldProfile & { holder: string },
): Promise<void> {
  await q.query(
    `INSERT INTO federation_profiles (origin_node, origin_jurisdiction, holder_jurisdiction, ref, side,
       profile, agreement_ref) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (origin_node, ref, holder_jurisdiction) DO UPDATE SET profile = EXCLUDED.profile,
       agreement_ref = EXCLUDED.agreement_ref, received_at = now()`,
    [
      p.originNode,
      p.originJurisdiction,
      p.holder,
      p.ref,
      p.side,
      JSON.stringify(p.profile),
      p.agreementRef,
    ],
  );
}

/** Stores (or replaces) received profiles in one statement each 500 (distinct keys). */
export async function upsertProfiles(
  q: Queryable,
  list: (HeldProfile & { holder: string })[],
): Promise<void> {
  for (let start = 0; start < list.length; start += 500) {
    const params: unknown[] = [];
    const rows = list.slice(start, start + 500).map((p) => {
      const values = [
        p.originNode,
        p.originJurisdiction,
        p.holder,
        p.ref,
        p.side,
        JSON.stringify(p.profile),
        p.agreementRef,
      ];
      return `(${values.map((v) => `$${params.push(v)}`).join(', ')})`;
    });
    await q.query(
      `INSERT INTO federation_profiles (origin_node, origin_jurisdiction, holder_jurisdiction, ref,
         side, profile, agreement_ref) VALUES ${rows.join(', ')}
       ON CONFLICT (origin_node, ref, holder_jurisdiction) DO UPDATE SET profile = EXCLUDED.profile,
         agreement_ref = EXCLUDED.agreement_ref, received_at = now()`,
      params,
    );
  }
}

/** Removes a received profile and every candidate it produced here. */
export async function deleteProfile(
  q: Queryable,
  originNode: string,
  ref: string,
  holder: string,
): Promise<number> {
  await q.query(
    `DELETE FROM federation_profiles WHERE origin_node = $1 AND ref = $2 AND holder_jurisdiction = $3`,
    [originNode, ref, holder],
  );
  const rows = await q.query(
    `DELETE FROM federation_candidates WHERE foreign_node = $1 AND foreign_ref = $2
       AND jurisdiction = $3 AND status <> 'confirmed' RETURNING id`,
    [originNode, ref, holder],
  );
  return rows.length;
}

/** Profiles of one side held for a jurisdiction. */
export async function heldProfiles(
  q: Queryable,
  side: Side,
  holder: string,
): Promise<HeldProfile[]> {
  return q.query<HeldProfile>(
    `SELECT origin_node AS "originNode", trim(origin_jurisdiction) AS "originJurisdiction", ref,
       side, profile, agreement_ref AS "agreementRef" FROM federation_profiles WHERE side = $1 AND holder_jurisdiction = $2
     ORDER BY received_at, id`,
    [side, holder],
  );
}

/** A held profile by origin and reference. */
export async function findHeldProfile(
  q: Queryable,
  originNode: string,
  ref: string,
  holder: string,
): Promise<HeldProfile | undefined> {
  return (
    await q.query<HeldProfile>(
      `SELECT origin_node AS "originNode", trim(origin_jurisdiction) AS "originJurisdiction", ref,
         side, profile, agreement_ref AS "agreementRef" FROM federation_profiles
       WHERE origin_node = $1 AND ref = $2 AND holder_jurisdiction = $3`,
      [originNode, ref, holder],
    )
  )[0];
}
