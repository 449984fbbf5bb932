import { createHash } from 'node:crypto';
import { canonicalJson, GENESIS_HASH } from '../audit/index.js';

/** The hashed content of one custody event. */
export interface CustodyContent {
  remainsId: string;
  position: number;
  kind: string;
  stateAfter: string;
  occurredAt: Date;
  recordedAt: Date;
  recordedBy: string | null;
  performedBy: string | null;
  custodian: unknown;
  location: unknown;
  burial: unknown;
  sample: unknown;
  documents: unknown;
  notes: string | null;
  prevHash: string;
}

/** SHA-256 of an event's canonical form, including the hash of the event before it. */
export function hashCustodyEvent(e: CustodyContent): string {
  return createHash('sha256').update(canonicalJson(e)).digest('hex');
}

/** The fields of a new event an actor records (as the append body gives them). */
export interface NewCustodyEvent {
  kind: string;
  occurredAt: Date;
  performedBy?: string | null;
  custodian?: unknown;
  location?: unknown;
  burial?: unknown;
  sample?: unknown;
  documents?: unknown;
  notes?: string | null;
}

const normalise = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

/**
 * The next event of a chain, hashed onto its head (`head` undefined: the first event): used by
 * the custody service and by a chain continued across a border.
 */
export function chainCustodyEvent(
  remainsId: string,
  head: { position: number; hash: string | null } | undefined,
  input: NewCustodyEvent,
  stateAfter: string,
  recordedBy: string,
): CustodyContent & { hash: string } {
  const content: CustodyContent = {
    remainsId,
    position: (head?.position ?? 0) + 1,
    kind: input.kind,
    stateAfter,
    occurredAt: input.occurredAt,
    recordedAt: new Date(),
    recordedBy,
    performedBy: input.performedBy ?? null,
    custodian: normalise(input.custodian),
    location: normalise(input.location),
    burial: normalise(input.burial),
    sample: normalise(input.sample),
    documents: normalise(input.documents),
    notes: input.notes ?? null,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  return { ...content, hash: hashCustodyEvent(content) };
}

/** The hashed fields of a stored event (drops its id and hash). */
export function custodyContentOf(e: CustodyContent): CustodyContent {
  return {
    remainsId: e.remainsId,
    position: e.position,
    kind: e.kind,
    stateAfter: e.stateAfter,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    recordedBy: e.recordedBy,
    performedBy: e.performedBy,
    custodian: e.custodian,
    location: e.location,
    burial: e.burial,
    sample: e.sample,
    documents: e.documents,
    notes: e.notes,
    prevHash: e.prevHash,
  };
}

/** Result of checking one remains' chain. */
export interface CustodyVerification {
  ok: boolean;
  checked: number;
  headHash: string;
  firstBroken?: { position: number; reason: string };
}

/**
 * Checks a chain in position order: positions without gaps, each event linked to the one
 * before, each hash matching its content, and the recorded head matching the last event
 * (so a removed tail is detected too).
 */
export function verifyCustodyChain(
  events: readonly (CustodyContent & { hash: string })[],
  head: { position: number; hash: string } | undefined,
): CustodyVerification {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (const [i, e] of events.entries()) {
    const position = i + 1;
    const broken = (reason: string) => ({
      ok: false,
      checked,
      headHash: prevHash,
      firstBroken: { position, reason },
    });
    if (e.position !== position) {
      return broken(`event ${position} is missing`);
    }
    if (e.prevHash !== prevHash) {
      return broken('does not link to the event before it');
    }
    if (hashCustodyEvent(custodyContentOf(e)) !== e.hash) {
      return broken('content does not match its hash');
    }
    prevHash = e.hash;
    checked += 1;
  }
  const headPosition = head?.position ?? 0;
  if (headPosition !== checked || (head && head.hash !== prevHash)) {
    return {
      ok: false,
      checked,
      headHash: prevHash,
      firstBroken: { position: checked + 1, reason: 'chain does not end at its recorded head' },
    };
  }
  return { ok: true, checked, headHash: prevHash };
}
