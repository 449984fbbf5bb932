// The pieces of a checkpoint witness (ADR 0160): statements and countersignatures as JWS by node
// keys, their verification against a peer's trusted keys, and the witness's consistency rule.
import { CompactSign, compactVerify, decodeProtectedHeader, importJWK, type CryptoKey } from 'jose';
import type { Queryable } from '../../platform/db/index.js';
import { NODE_SIG_ALG, type NodeKeys } from './federation.keys.js';
import { trustedKeys, type PeerRow } from './federation.repository.js';

/** `typ` of a checkpoint statement and of a countersignature. */
export const STATEMENT_TYP = 'ariadne-checkpoint-statement+jws';
export const COUNTERSIGNATURE_TYP = 'ariadne-checkpoint-countersignature+jws';
/** Message kinds (federation_message_kinds) and the kind of a signed query. */
export const CHECKPOINT_KIND = 'audit.checkpoint';
export const COUNTERSIGNATURE_KIND = 'audit.countersignature';
export const QUERY_KIND = 'audit.witness-query';

/** What a statement asserts (no personal data: positions and hashes only). */
export interface CheckpointStatement {
  origin: string;
  position: number;
  hash: string;
  at: string;
  digest: string;
  previous?: { position: number; hash: string };
}

/** What a countersignature asserts. */
export interface CountersignaturePayload extends Omit<CheckpointStatement, 'previous'> {
  witness: string;
  witnessedAt: string;
}

/** A witness's answer to a query: its countersignatures and refusals for the asking node. */
export interface WitnessRecord {
  countersignatures: string[];
  refusals: { position: number; reason: string }[];
}

/** Signs a payload as a compact JWS of `typ` with the node's active signing key. */
export async function sign(
  payload: object,
  typ: string,
  keys: NodeKeys,
  q?: Queryable,
): Promise<string> {
  const { kid, key } = await keys.active('sig', q);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: NODE_SIG_ALG, kid, typ })
    .sign(key);
}

/** Finds a peer's trusted signing key by kid. */
export type KeyLookup = (peer: PeerRow, kid: string) => Promise<CryptoKey | Uint8Array | undefined>;

/** Keys already trusted, read in the receiving transaction (the envelope's key is among them). */
export const trustedIn =
  (tx: Queryable): KeyLookup =>
  async (peer, kid) => {
    const found = (await trustedKeys(tx, peer.id)).find((k) => k.kid === kid && k.use === 'sig');
    return found ? importJWK(found.jwk, NODE_SIG_ALG) : undefined;
  };

/** Verifies a JWS of `typ` by one of the peer's trusted keys; undefined when it does not. */
export async function verifiedBy<T>(
  keyOf: KeyLookup,
  peer: PeerRow,
  jws: unknown,
  typ: string,
): Promise<T | undefined> {
  try {
    if (typeof jws !== 'string') {
      return undefined;
    }
    const { kid } = decodeProtectedHeader(jws);
    const key = typeof kid === 'string' ? await keyOf(peer, kid) : undefined;
    if (!key) {
      return undefined;
    }
    const { payload, protectedHeader } = await compactVerify(jws, key, {
      algorithms: [NODE_SIG_ALG],
    });
    return protectedHeader.typ === typ
      ? (JSON.parse(new TextDecoder().decode(payload)) as T)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Why a statement does not extend what this witness saw of its origin (undefined: it does). */
export async function inconsistency(
  q: Queryable,
  s: CheckpointStatement,
): Promise<string | undefined> {
  const seen = await q.query<{ position: number; hash: string }>(
    `SELECT position, hash FROM audit_witnessed_checkpoints
     WHERE origin_node = $1 AND countersignature IS NOT NULL ORDER BY position`,
    [s.origin],
  );
  const at = new Map(seen.map((r) => [Number(r.position), r.hash]));
  const latest = seen.length > 0 ? Number(seen[seen.length - 1]!.position) : undefined;
  if (at.has(s.position) && at.get(s.position) !== s.hash) {
    return `another hash at position ${s.position} than the one countersigned (history rewritten)`;
  }
  if (latest !== undefined && s.position < latest) {
    return `position ${s.position} is behind position ${latest} countersigned before (truncated)`;
  }
  const prev = s.previous;
  if (prev && at.has(prev.position) && at.get(prev.position) !== prev.hash) {
    return `the chain now has another hash at position ${prev.position} than the one countersigned (history rewritten)`;
  }
  if (latest !== undefined && (!prev || prev.position < latest)) {
    return `the sender no longer shows the checkpoint at position ${latest} countersigned before (checkpoint file rewritten)`;
  }
  return undefined;
}
