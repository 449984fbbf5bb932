// SQL of peers, their trusted keys, exchange agreements and registered message kinds.
import type { Queryable } from '../../platform/db/index.js';
import type { KeyUse, NodeJwk } from './federation.keys.js';

/** A registered partner node. */
export interface PeerRow {
  id: string;
  nodeId: string;
  name: string;
  baseUrl: string;
  jurisdictions: string[];
  pinnedThumbprint: string;
  active: boolean;
  createdAt: Date;
}

const PEER = `id, node_id AS "nodeId", name, base_url AS "baseUrl", jurisdictions,
  pinned_thumbprint AS "pinnedThumbprint", active, created_at AS "createdAt"`;

/** Registers a peer. */
export async function insertPeer(
  q: Queryable,
  p: Omit<PeerRow, 'id' | 'active' | 'createdAt'>,
  by: string | null,
): Promise<PeerRow> {
  const rows = await q.query<PeerRow>(
    `INSERT INTO federation_peers (node_id, name, base_url, jurisdictions, pinned_thumbprint, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${PEER}`,
    [p.nodeId, p.name, p.baseUrl, p.jurisdictions, p.pinnedThumbprint, by],
  );
  return rows[0]!;
}

/** Every peer (there are few). */
export async function listPeers(q: Queryable): Promise<PeerRow[]> {
  return q.query<PeerRow>(`SELECT ${PEER} FROM federation_peers ORDER BY name, id`);
}

/** A peer by id. */
export async function findPeer(q: Queryable, id: string): Promise<PeerRow | undefined> {
  return (await q.query<PeerRow>(`SELECT ${PEER} FROM federation_peers WHERE id = $1`, [id]))[0];
}

/** A peer by its node id (a message's `iss`). */
export async function findPeerByNode(q: Queryable, nodeId: string): Promise<PeerRow | undefined> {
  return (
    await q.query<PeerRow>(`SELECT ${PEER} FROM federation_peers WHERE node_id = $1`, [nodeId])
  )[0];
}

/** The active peer hosting a jurisdiction. */
export async function peerForJurisdiction(
  q: Queryable,
  jurisdiction: string,
): Promise<PeerRow | undefined> {
  return (
    await q.query<PeerRow>(
      `SELECT ${PEER} FROM federation_peers WHERE active AND $1 = ANY(jurisdictions)
       ORDER BY created_at LIMIT 1`,
      [jurisdiction],
    )
  )[0];
}

/** Sets a peer active or inactive. */
export async function setPeerActive(q: Queryable, id: string, active: boolean): Promise<void> {
  await q.query(`UPDATE federation_peers SET active = $2, updated_at = now() WHERE id = $1`, [
    id,
    active,
  ]);
}

/** A key of a peer this node trusts. */
export interface TrustedKey {
  kid: string;
  use: KeyUse;
  thumbprint: string;
  jwk: NodeJwk;
}

/** Keys trusted for a peer, newest first. */
export async function trustedKeys(q: Queryable, peerId: string): Promise<TrustedKey[]> {
  return q.query<TrustedKey>(
    `SELECT kid, use, thumbprint, public_jwk AS jwk FROM federation_peer_keys
     WHERE peer_id = $1 ORDER BY trusted_at DESC, kid`,
    [peerId],
  );
}

/** Records a key as trusted for a peer. */
export async function trustKey(q: Queryable, peerId: string, k: TrustedKey): Promise<void> {
  await q.query(
    `INSERT INTO federation_peer_keys (peer_id, kid, use, thumbprint, public_jwk)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [peerId, k.kid, k.use, k.thumbprint, JSON.stringify(k.jwk)],
  );
}

/** A registered message kind. */
export interface MessageKind {
  kind: string;
  dataCategory: string;
  purpose: string;
  encrypted: boolean;
  description: string;
}

/** Every registered message kind. */
export async function messageKinds(q: Queryable): Promise<MessageKind[]> {
  return q.query<MessageKind>(
    `SELECT kind, data_category AS "dataCategory", purpose, encrypted, description
     FROM federation_message_kinds ORDER BY kind`,
  );
}

/** An exchange agreement as one side holds it. */
export interface AgreementRow {
  id: string;
  ref: string;
  localJurisdiction: string;
  partnerJurisdiction: string;
  messageKinds: string[];
  dataCategories: string[];
  purposes: string[];
  legalBasis: string;
  endsOn: string;
  revokedAt: Date | null;
  createdAt: Date;
}

const AGREEMENT = `id, ref, local_jurisdiction AS "localJurisdiction",
  partner_jurisdiction AS "partnerJurisdiction", message_kinds AS "messageKinds",
  data_categories AS "dataCategories", purposes, legal_basis AS "legalBasis",
  to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", revoked_at AS "revokedAt", created_at AS "createdAt"`;

/** Records an agreement. */
export async function insertAgreement(
  q: Queryable,
  a: Omit<AgreementRow, 'id' | 'revokedAt' | 'createdAt'>,
  by: string | null,
): Promise<AgreementRow> {
  const rows = await q.query<AgreementRow>(
    `INSERT INTO federation_agreements (ref, local_jurisdiction, partner_jurisdiction, message_kinds,
       data_categories, purposes, legal_basis, ends_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${AGREEMENT}`,
    [
      a.ref,
      a.localJurisdiction,
      a.partnerJurisdiction,
      a.messageKinds,
      a.dataCategories,
      a.purposes,
      a.legalBasis,
      a.endsOn,
      by,
    ],
  );
  return rows[0]!;
}

/** Agreements matching a SQL condition on the table's columns (built by the caller from CASL). */
export async function listAgreements(
  q: Queryable,
  where: { sql: string; params: unknown[] },
): Promise<AgreementRow[]> {
  return q.query<AgreementRow>(
    `SELECT ${AGREEMENT} FROM federation_agreements WHERE ${where.sql}
     ORDER BY local_jurisdiction, partner_jurisdiction, created_at`,
    where.params,
  );
}

/** An agreement by id. */
export async function findAgreement(q: Queryable, id: string): Promise<AgreementRow | undefined> {
  return (
    await q.query<AgreementRow>(`SELECT ${AGREEMENT} FROM federation_agreements WHERE id = $1`, [
      id,
    ])
  )[0];
}

/** Revokes an agreement (it stays, for the audit trail). */
export async function revokeAgreement(q: Queryable, id: string): Promise<void> {
  await q.query(
    `UPDATE federation_agreements SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
    [id],
  );
}

/**
 * The agreement in force between a local and a partner jurisdiction that allows a message kind
 * (and its data category and purpose), optionally with a given reference.
 */
export async function agreementAllowing(
  q: Queryable,
  local: string,
  partner: string,
  kind: MessageKind,
  ref?: string,
): Promise<AgreementRow | undefined> {
  return (
    await q.query<AgreementRow>(
      `SELECT ${AGREEMENT} FROM federation_agreements
       WHERE local_jurisdiction = $1 AND partner_jurisdiction = $2 AND revoked_at IS NULL
         AND ends_on >= CURRENT_DATE AND $3 = ANY(message_kinds) AND $4 = ANY(data_categories)
         AND $5 = ANY(purposes) AND ($6::text IS NULL OR ref = $6)
       ORDER BY created_at LIMIT 1`,
      [local, partner, kind.kind, kind.dataCategory, kind.purpose, ref ?? null],
    )
  )[0];
}

/** Partner jurisdictions (and agreement refs) a local jurisdiction may send a message kind to. */
export async function agreementsFrom(
  q: Queryable,
  local: string,
  kind: string,
): Promise<{ partner: string; ref: string }[]> {
  return q.query(
    `SELECT DISTINCT ON (a.partner_jurisdiction) trim(a.partner_jurisdiction) AS partner, a.ref
     FROM federation_agreements a JOIN federation_message_kinds k ON k.kind = $2
     WHERE a.local_jurisdiction = $1 AND a.revoked_at IS NULL AND a.ends_on >= CURRENT_DATE
       AND k.kind = ANY(a.message_kinds) AND k.data_category = ANY(a.data_categories)
       AND k.purpose = ANY(a.purposes)
     ORDER BY a.partner_jurisdiction, a.created_at`,
    [local, kind],
  );
}
