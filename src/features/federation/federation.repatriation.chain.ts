// A custody chain that crossed a border (ADR 0083): the transfer rows, the travelling form of an
// event, the node-signed head where the chain crossed, and the verification of the whole chain
// (both sides' events and the signature over the head) shared by the API and the certificate.
import {
  CompactSign,
  compactVerify,
  decodeProtectedHeader,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';
import type { Queryable } from '../../platform/db/index.js';
import {
  custodyContentOf,
  listCustodyEvents,
  verifyCustodyChain,
  type CustodyContent,
  type CustodyVerification,
} from '../custody/index.js';
import { NODE_SIG_ALG } from './federation.keys.js';

/** `typ` of a signed custody head. */
export const CUSTODY_HEAD_TYP = 'ariadne-custody-head+jws';

/** One event as it travels: its hashed content and hash. */
export type ChainEvent = CustodyContent & { hash: string };

/** A transfer as stored on either side. */
export interface TransferRow {
  id: string;
  transferId: string;
  direction: 'outgoing' | 'incoming';
  jurisdiction: string;
  foreignNode: string;
  foreignJurisdiction: string;
  candidateId: string | null;
  remainsId: string;
  remainsCode: string;
  sentEvents: ChainEvent[];
  signedHead: string;
  headPosition: number;
  headHash: string;
  continuation: ChainEvent[];
  createdAt: Date;
}

const COLUMNS = `id, transfer_id AS "transferId", direction, trim(jurisdiction) AS jurisdiction,
  foreign_node AS "foreignNode", trim(foreign_jurisdiction) AS "foreignJurisdiction",
  candidate_id AS "candidateId", remains_id AS "remainsId", remains_code AS "remainsCode",
  sent_events AS "sentEvents", signed_head AS "signedHead", head_position AS "headPosition",
  head_hash AS "headHash", continuation, created_at AS "createdAt"`;

/** Transfers matching a condition (newest first). */
export async function findTransfers(
  q: Queryable,
  where: string,
  params: unknown[],
  tail = '',
): Promise<TransferRow[]> {
  const rows = await q.query<TransferRow>(
    `SELECT ${COLUMNS} FROM federation_custody_transfers WHERE ${where} ${tail}`,
    params,
  );
  return rows.map((r) => ({ ...r, headPosition: Number(r.headPosition) }));
}

/** The first transfer matching a condition. */
export async function findTransfer(
  q: Queryable,
  where: string,
  params: unknown[],
): Promise<TransferRow | undefined> {
  return (await findTransfers(q, where, params))[0];
}

/** The hashed form of an event and its hash, dates as ISO strings (as hashed); no local id. */
export function travelling(e: ChainEvent): ChainEvent {
  return JSON.parse(JSON.stringify({ ...custodyContentOf(e), hash: e.hash })) as ChainEvent;
}

/** Signs the head of a chain with a node's signing key. */
export async function signHead(
  nodeId: string,
  key: { kid: string; key: CryptoKey | Uint8Array },
  h: { transfer: string; remains: string; position: number; hash: string },
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify({ iss: nodeId, ...h })))
    .setProtectedHeader({ alg: NODE_SIG_ALG, typ: CUSTODY_HEAD_TYP, kid: key.kid })
    .sign(key.key);
}

/**
 * The public signing key `kid` of a node: this node's own, or one already trusted for the
 * peer (pinned or endorsed; the message carrying the head made the channel learn it).
 */
async function signerKey(q: Queryable, self: string, signer: string, kid: string) {
  const rows =
    signer === self
      ? await q.query<{ jwk: JWK }>(
          `SELECT public_jwk AS jwk FROM federation_keys WHERE kid = $1 AND use = 'sig'`,
          [kid],
        )
      : await q.query<{ jwk: JWK }>(
          `SELECT k.public_jwk AS jwk FROM federation_peer_keys k
           JOIN federation_peers p ON p.id = k.peer_id
           WHERE p.node_id = $1 AND k.kid = $2 AND k.use = 'sig'`,
          [signer, kid],
        );
  const jwk = rows[0]?.jwk;
  return jwk ? importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, NODE_SIG_ALG) : undefined;
}

/** The key id a signed head names (undefined when it cannot be read). */
export function headKid(jws: string): string | undefined {
  try {
    const kid = decodeProtectedHeader(jws).kid;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies a signed head with the key of the node that signed it; returns its claims. */
export async function verifyHead(q: Queryable, self: string, jws: string, signer: string) {
  const kid = headKid(jws);
  if (!kid || decodeProtectedHeader(jws).typ !== CUSTODY_HEAD_TYP) {
    return undefined;
  }
  const key = await signerKey(q, self, signer, kid);
  if (!key) {
    return undefined;
  }
  try {
    const { payload } = await compactVerify(jws, key as CryptoKey, {
      algorithms: [NODE_SIG_ALG],
    });
    const claims = JSON.parse(new TextDecoder().decode(payload)) as {
      iss: string;
      transfer: string;
      remains: string;
      position: number;
      hash: string;
    };
    return claims.iss === signer ? claims : undefined;
  } catch {
    return undefined;
  }
}

/** The whole chain of a transfer: the sending side's events, then the receiving side's. */
export async function wholeChain(q: Queryable, t: TransferRow): Promise<ChainEvent[]> {
  const before =
    t.direction === 'incoming'
      ? t.sentEvents
      : (await listCustodyEvents(q, t.remainsId))
          .filter((e) => e.position <= t.headPosition)
          .map((e) => travelling(e));
  return [...before, ...t.continuation];
}

/** What verifying a crossed chain found. */
export interface CrossedChainCheck {
  ok: boolean;
  chain: ChainEvent[];
  check: CustodyVerification;
  crossing: {
    position: number;
    hash: string;
    signedBy: string;
    kid: string | null;
    signatureValid: boolean;
  };
}

/**
 * Verifies the whole chain of a transfer: every hash and link from the first event on the
 * sending side to the last on the receiving side, and the sending node's signature over the
 * head where the chain crossed the border.
 */
export async function verifyCrossedChain(
  q: Queryable,
  self: string,
  t: TransferRow,
): Promise<CrossedChainCheck> {
  const chain = await wholeChain(q, t);
  const signer = t.direction === 'outgoing' ? self : t.foreignNode;
  const head = await verifyHead(q, self, t.signedHead, signer);
  const crossing = chain[t.headPosition - 1];
  const headOk = Boolean(
    head &&
    head.transfer === t.transferId &&
    head.position === t.headPosition &&
    head.hash === t.headHash &&
    crossing?.hash === head.hash,
  );
  const last = chain.at(-1);
  const check = verifyCustodyChain(
    chain,
    last ? { position: last.position, hash: last.hash } : undefined,
  );
  return {
    ok: check.ok && headOk,
    chain,
    check,
    crossing: {
      position: t.headPosition,
      hash: t.headHash,
      signedBy: signer,
      kid: headKid(t.signedHead) ?? null,
      signatureValid: headOk,
    },
  };
}

/** Which jurisdiction recorded an event of a transfer's chain. */
export function sideOf(t: TransferRow, position: number): string {
  return position <= t.headPosition === (t.direction === 'outgoing')
    ? t.jurisdiction
    : t.foreignJurisdiction;
}
