// Peers as witnesses of each other's audit checkpoints (ADR 0160), as Certificate Transparency
// witnesses do. A node signs a statement of its checkpoint (position, hash, the digest of its
// checkpoint line, and the hash its chain has now at the file's previous checkpoint) with its
// node key before the statement enters the outbox, and sends it as `audit.checkpoint` to every
// peer whose agreement lists the kind. The witness verifies it against the sender's pinned key,
// keeps what it saw, and countersigns only a checkpoint that extends what it saw before; the
// countersignature goes back as `audit.countersignature` and is kept beside the checkpoint file.
// Verification asks each peer for its record (a query signed by the node key).
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Database, Queryable } from '../../platform/db/index.js';
import {
  CHECKPOINT_KIND,
  COUNTERSIGNATURE_KIND,
  COUNTERSIGNATURE_TYP,
  inconsistency,
  QUERY_KIND,
  sign,
  STATEMENT_TYP,
  trustedIn,
  verifiedBy,
  type CheckpointStatement,
  type CountersignaturePayload,
  type KeyLookup,
  type WitnessRecord,
} from './federation.witness.crypto.js';
import { AppError } from '../../platform/errors.js';
import {
  recordAudit,
  type CheckpointWitness,
  type Countersigned,
  type SignedCheckpoint,
  type WitnessEvidence,
  type WitnessRefusal,
} from '../audit/index.js';
import type { Channel, ReceivedMessage } from './federation.channel.js';
import { MessageRejected, peekMessage, signMessage, verifyMessage } from './federation.envelope.js';
import type { NodeKeys } from './federation.keys.js';
import { findPeerByNode, listPeers, type PeerRow } from './federation.repository.js';
import type { Trust } from './federation.trust.js';

/** Settings of the witness. */
export interface WitnessOptions {
  nodeId: string;
  jurisdictions: readonly string[];
  /** Where countersignatures received are kept: beside the checkpoint file. */
  checkpointFile: () => string;
}

/** The file of countersignatures beside a checkpoint file. */
export function countersignatureFile(checkpointFile: string): string {
  return join(dirname(checkpointFile), 'countersignatures.jsonl');
}

/** The witness of a node: both roles (sending its checkpoints, witnessing its peers'). */
export function createWitness(
  db: Database,
  channel: Channel,
  keys: NodeKeys,
  trust: Trust,
  o: WitnessOptions,
) {
  const fileOf = () => countersignatureFile(o.checkpointFile());

  async function keptCountersignatures(): Promise<string[]> {
    const text = await readFile(fileOf(), 'utf8').catch(() => '');
    return text.split('\n').filter((l) => l.trim() !== '');
  }

  /** Witness side: verify, compare with what was seen, countersign or record the refusal. */
  async function witnessCheckpoint(tx: Queryable, msg: ReceivedMessage): Promise<void> {
    if (msg.peer === 'self') {
      throw new MessageRejected('NOT_HOSTED', 'A node does not witness its own checkpoints');
    }
    const statement = (msg.body as { statement?: unknown } | null)?.statement;
    const s = await verifiedBy<CheckpointStatement>(
      trustedIn(tx),
      msg.peer,
      statement,
      STATEMENT_TYP,
    );
    if (!s || s.origin !== msg.peer.nodeId || !Number.isInteger(s.position)) {
      throw new MessageRejected(
        'TAMPERED',
        'The checkpoint is not signed by the sender’s pinned node key',
      );
    }
    const reason = await inconsistency(tx, s);
    const countersignature = reason
      ? null
      : await sign(
          {
            origin: s.origin,
            position: s.position,
            hash: s.hash,
            at: s.at,
            digest: s.digest,
            witness: o.nodeId,
            witnessedAt: new Date().toISOString(),
          } satisfies CountersignaturePayload,
          COUNTERSIGNATURE_TYP,
          keys,
          tx,
        );
    await tx.query(
      `INSERT INTO audit_witnessed_checkpoints
         (origin_node, position, hash, statement, countersignature, inconsistency)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [s.origin, s.position, s.hash, statement, countersignature, reason ?? null],
    );
    if (reason) {
      await recordAudit(tx, null, {
        action: 'audit_witness_inconsistency',
        subjectType: 'AuditCheckpoint',
        subjectId: `${s.origin}#${s.position}`,
        subjectCountry: msg.claims.to,
        purpose: 'operations',
        details: { origin: s.origin, position: s.position, hash: s.hash, reason },
      });
      return;
    }
    if (await channel.allows(tx, COUNTERSIGNATURE_KIND, msg.claims.to, msg.claims.frm)) {
      await channel.send(tx, {
        kind: COUNTERSIGNATURE_KIND,
        from: msg.claims.to,
        to: msg.claims.frm,
        subjectKey: `audit-countersignature:${s.origin}`,
        body: { countersignature },
      });
    }
  }

  /** Origin side: keep a countersignature of one of our checkpoints beside the checkpoint file. */
  async function keepCountersignature(tx: Queryable, msg: ReceivedMessage): Promise<void> {
    const jws = (msg.body as { countersignature?: unknown } | null)?.countersignature;
    if (msg.peer === 'self') {
      throw new MessageRejected('NOT_HOSTED', 'A node does not witness its own checkpoints');
    }
    const c = await verifiedBy<CountersignaturePayload>(
      trustedIn(tx),
      msg.peer,
      jws,
      COUNTERSIGNATURE_TYP,
    );
    if (!c || c.origin !== o.nodeId || c.witness !== msg.peer.nodeId) {
      throw new MessageRejected('TAMPERED', 'The countersignature is not the peer’s, or not ours');
    }
    if ((await keptCountersignatures()).includes(jws as string)) {
      return;
    }
    await mkdir(dirname(fileOf()), { recursive: true, mode: 0o700 });
    await appendFile(fileOf(), `${jws as string}\n`, { mode: 0o600 });
  }

  channel.on(CHECKPOINT_KIND, witnessCheckpoint);
  channel.on(COUNTERSIGNATURE_KIND, keepCountersignature);

  /** Peers with an agreement that lets `kind` flow from one of ours to one of theirs. */
  async function agreedPairs(q: Queryable, kind: string) {
    const out: { peer: PeerRow; from: string; to: string }[] = [];
    for (const peer of (await listPeers(q)).filter((p) => p.active)) {
      const pairs = o.jurisdictions.flatMap((from) =>
        peer.jurisdictions.map((to) => ({ from, to })),
      );
      for (const pair of pairs) {
        if (await channel.allows(q, kind, pair.from, pair.to)) {
          out.push({ peer, ...pair });
          break;
        }
      }
    }
    return out;
  }

  /** Asks one peer for what it witnessed of this node (a query signed by the node key). */
  async function ask(peer: PeerRow, from: string, to: string): Promise<WitnessRecord> {
    const message = await signMessage(
      {
        iss: o.nodeId,
        aud: peer.nodeId,
        jti: randomUUID(),
        knd: QUERY_KIND,
        frm: from,
        to,
        sub: 'audit',
        agr: '-',
      },
      await keys.active('sig'),
      60,
    );
    const res = await fetch(new URL('/federation/v1/witness', peer.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) {
      throw new Error(`${peer.nodeId} answered ${res.status}`);
    }
    return (await res.json()) as WitnessRecord;
  }

  const witness: CheckpointWitness = {
    async share(signed: SignedCheckpoint) {
      const statement = await sign(
        {
          origin: o.nodeId,
          position: signed.checkpoint.position,
          hash: signed.checkpoint.hash,
          at: signed.checkpoint.at,
          digest: signed.digest,
          ...(signed.previous ? { previous: signed.previous } : {}),
        } satisfies CheckpointStatement,
        STATEMENT_TYP,
        keys,
      );
      await db.transaction(async (tx) => {
        for (const { from, to } of await agreedPairs(tx, CHECKPOINT_KIND)) {
          await channel.send(tx, {
            kind: CHECKPOINT_KIND,
            from,
            to,
            subjectKey: 'audit-checkpoint',
            body: { statement },
          });
        }
      });
    },

    async evidence(): Promise<WitnessEvidence> {
      const countersigned: Countersigned[] = [];
      const refusals: WitnessRefusal[] = [];
      const unreachable: string[] = [];
      const fromTrust: KeyLookup = (peer, kid) => trust.verificationKey(peer, kid);
      const add = async (peer: PeerRow, jws: string) => {
        const c = await verifiedBy<CountersignaturePayload>(
          fromTrust,
          peer,
          jws,
          COUNTERSIGNATURE_TYP,
        );
        if (c && c.origin === o.nodeId && c.witness === peer.nodeId) {
          countersigned.push({
            witness: c.witness,
            position: c.position,
            hash: c.hash,
            digest: c.digest,
          });
        }
      };
      for (const jws of await keptCountersignatures()) {
        const payload = JSON.parse(
          Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8') || '{}',
        ) as { witness?: string };
        const peer = payload.witness ? await findPeerByNode(db, payload.witness) : undefined;
        if (peer) {
          await add(peer, jws);
        }
      }
      for (const { peer, from, to } of await agreedPairs(db, CHECKPOINT_KIND)) {
        try {
          const record = await ask(peer, from, to);
          for (const jws of record.countersignatures) {
            await add(peer, jws);
          }
          for (const r of record.refusals) {
            refusals.push({ witness: peer.nodeId, position: Number(r.position), reason: r.reason });
          }
        } catch {
          unreachable.push(peer.nodeId);
        }
      }
      return { countersigned, refusals, unreachable };
    },
  };

  return {
    ...witness,

    /** Answers a peer's signed query with what this node witnessed of it (and nothing else). */
    async answer(jws: string): Promise<WitnessRecord> {
      let iss: string | undefined;
      try {
        const peeked = peekMessage(jws);
        iss = peeked.iss;
        const peer = await findPeerByNode(db, peeked.iss);
        if (!peer?.active) {
          throw new MessageRejected('UNKNOWN_PEER', 'The issuer is not a registered peer');
        }
        const key = await trust.verificationKey(peer, peeked.kid);
        if (!key) {
          throw new MessageRejected(
            'UNKNOWN_KEY',
            'The key is not pinned or endorsed for this peer',
          );
        }
        const claims = await verifyMessage(jws, key, { issuer: peer.nodeId, audience: o.nodeId });
        if (claims.knd !== QUERY_KIND) {
          throw new MessageRejected('UNKNOWN_KIND', `Only ${QUERY_KIND} is answered here`);
        }
        const rows = await db.query<{
          position: number;
          countersignature: string | null;
          inconsistency: string | null;
        }>(
          `SELECT position, countersignature, inconsistency FROM audit_witnessed_checkpoints
           WHERE origin_node = $1 ORDER BY id`,
          [peer.nodeId],
        );
        return {
          countersignatures: rows.flatMap((r) => (r.countersignature ? [r.countersignature] : [])),
          refusals: rows.flatMap((r) =>
            r.inconsistency ? [{ position: Number(r.position), reason: r.inconsistency }] : [],
          ),
        };
      } catch (err) {
        if (!(err instanceof MessageRejected)) {
          throw err;
        }
        await db.transaction((tx) =>
          recordAudit(tx, null, {
            action: 'federation_reject',
            subjectType: 'FederationMessage',
            details: { reason: err.reason, issuer: iss, kind: QUERY_KIND },
          }),
        );
        throw new AppError('MESSAGE_REJECTED', err.message, { reason: err.reason });
      }
    },
  };
}

/** A node's witness. */
export type Witness = ReturnType<typeof createWitness>;
