// The linkage unit: a neutral role that holds no linkage secret. Members submit encodings under
// pseudonyms; the unit compares them (Dice, wasm kernel, LSH blocking for large sets) and returns
// to each member only the pairs above the threshold that involve its own records, with their
// similarity. No member ever receives another member's encodings.
import type { Database, Queryable } from '../../platform/db/index.js';
import { authorize, authorizeType, type Actor } from '../../platform/authz/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { DEFAULT_LSH } from './linkage.blocking.js';
import { pack } from './linkage.dice.js';
import { diceKernelBackend } from './linkage.native.js';
import { ENCODING_BYTES } from './linkage.encoder.js';
import { linkAll, linkBlocked } from './linkage.link.js';
import type { LinkageTransport, PairsMessage, UnitMessage } from './linkage.messages.js';
import { SCHEMAS } from './linkage.schema.js';
import {
  advanceSecretVersion,
  currentEncodings,
  deleteEncodings,
  findUnitAgreement,
  insertUnitAgreement,
  replacePairs,
  unitCounts,
  upsertEncodings,
  type UnitAgreement,
  type UnitEncoding,
  type UnitPair,
} from './linkage.unit.repository.js';

/** CASL subject type of an agreement served by the unit. */
export const LINKAGE_UNIT = 'LinkageUnitAgreement';

/** Above this many pairs between two members, candidates come from LSH blocking. */
const EXHAUSTIVE_LIMIT = 25_000_000;

/** What an administrator of the unit sets up. */
export interface UnitAgreementInput {
  agreementId: string;
  members: string[];
  schemaVersion: string;
  threshold: number;
  /** 'channel': members reach the unit over the transnational channel. */
  transport?: 'local' | 'channel';
}

/** The unit's status of an agreement: counts only. */
export interface UnitStatus extends UnitAgreement {
  encodings: Record<string, number>;
  pairs: number;
}

function refuse(message: string): AppError {
  return new AppError('CONFLICT', message);
}

/** Pairs above the threshold between two members' encodings. */
export function comparePair(x: UnitEncoding[], y: UnitEncoding[], threshold: number): UnitPair[] {
  const a = pack(x.map((e) => new Uint8Array(e.encoding)));
  const b = pack(y.map((e) => new Uint8Array(e.encoding)));
  const found =
    a.n * b.n <= EXHAUSTIVE_LIMIT
      ? linkAll(a, b, threshold)
      : linkBlocked(a, b, threshold, DEFAULT_LSH);
  return found.pairs.map((p) => ({
    memberA: x[p.a]!.member,
    pseudonymA: x[p.a]!.pseudonym,
    memberB: y[p.b]!.member,
    pseudonymB: y[p.b]!.pseudonym,
    score: Math.round(p.score * 10_000) / 10_000,
  }));
}

/** The linkage unit's service. */
export function createLinkageUnitService(
  db: Database,
  transport: (via: 'local' | 'channel') => LinkageTransport,
) {
  // Chooses (and logs) the Dice kernel at startup: a forced LINKAGE_KERNEL=native that is not
  // built stops the service here rather than at the first comparison.
  diceKernelBackend();
  return {
    /** Starts serving an agreement (an administrator of the operating organisation's country). */
    async createAgreement(actor: Actor, input: UnitAgreementInput): Promise<UnitStatus> {
      authorizeType(actor, 'create', LINKAGE_UNIT, { operatorCountry: actor.country });
      if (!SCHEMAS[input.schemaVersion]) {
        throw refuse(`unknown schema ${input.schemaVersion}`);
      }
      return db.transaction(async (t) => {
        if (await findUnitAgreement(t, input.agreementId)) {
          throw refuse('the unit already serves this agreement');
        }
        await insertUnitAgreement(t, {
          ...input,
          transport: input.transport ?? 'local',
          operatorCountry: actor.country,
        });
        await recordAudit(t, actor, {
          action: 'create',
          subjectType: LINKAGE_UNIT,
          subjectId: input.agreementId,
          subjectCountry: actor.country,
          fields: ['members', 'schemaVersion', 'threshold'],
        });
        return { ...(await findUnitAgreement(t, input.agreementId))!, encodings: {}, pairs: 0 };
      });
    },

    /** The agreement's status: members, version, counts (never an encoding). */
    async status(actor: Actor, agreementId: string): Promise<UnitStatus> {
      const a = authorize(actor, 'read', LINKAGE_UNIT, await findUnitAgreement(db, agreementId));
      return { ...a, ...(await unitCounts(db, agreementId)) };
    },

    /**
     * Takes a member's message (from the transport, already authenticated as that member).
     * A newer secret version drops every older encoding of the agreement; an older one is refused.
     */
    async receive(m: UnitMessage): Promise<{ stored: number; removed: number }> {
      return db.transaction((t) => this.receiveIn(t, m));
    },

    /** A member's message in the caller's transaction (the channel's handler). */
    async receiveIn(t: Queryable, m: UnitMessage): Promise<{ stored: number; removed: number }> {
      {
        const a = await findUnitAgreement(t, m.agreementId, true);
        if (!a || !a.members.includes(m.member)) {
          throw notFound('Linkage agreement');
        }
        if (m.type === 'pprl.withdraw') {
          const removed = await deleteEncodings(t, a.agreementId, m.member, m.pseudonyms);
          await recordAudit(t, null, {
            action: 'withdraw_encodings',
            subjectType: LINKAGE_UNIT,
            subjectId: a.agreementId,
            details: { member: m.member, count: removed },
          });
          return { stored: 0, removed };
        }
        if (m.schemaVersion !== a.schemaVersion) {
          throw refuse(`the agreement uses schema ${a.schemaVersion}`);
        }
        if (m.secretVersion < a.secretVersion) {
          throw refuse('encodings under a retired secret are refused');
        }
        const records = m.records.map((r) => ({
          pseudonym: r.pseudonym,
          encoding: Buffer.from(r.clk, 'base64'),
        }));
        if (records.some((r) => r.encoding.length !== ENCODING_BYTES)) {
          throw refuse('an encoding has 1,024 bits');
        }
        const removed =
          m.secretVersion > a.secretVersion
            ? await advanceSecretVersion(t, a.agreementId, m.secretVersion)
            : 0;
        await upsertEncodings(t, a.agreementId, m.member, m.secretVersion, records);
        await recordAudit(t, null, {
          action: 'receive_encodings',
          subjectType: LINKAGE_UNIT,
          subjectId: a.agreementId,
          details: {
            member: m.member,
            count: records.length,
            secretVersion: m.secretVersion,
            removed,
          },
        });
        return { stored: records.length, removed };
      }
    },

    /** Compares every pair of members' current encodings and returns each member its pairs. */
    async compare(actor: Actor, agreementId: string): Promise<UnitStatus> {
      const messages = await db.transaction(async (t) => {
        const a = authorize(
          actor,
          'update',
          LINKAGE_UNIT,
          await findUnitAgreement(t, agreementId, true),
        );
        const all = await currentEncodings(t, a);
        const byMember = new Map<string, UnitEncoding[]>();
        for (const e of all) {
          byMember.set(e.member, [...(byMember.get(e.member) ?? []), e]);
        }
        const members = [...byMember.keys()].sort();
        const pairs: UnitPair[] = [];
        for (let i = 0; i < members.length; i++) {
          for (let j = i + 1; j < members.length; j++) {
            pairs.push(
              ...comparePair(byMember.get(members[i]!)!, byMember.get(members[j]!)!, a.threshold),
            );
          }
        }
        await replacePairs(t, agreementId, pairs);
        await recordAudit(t, actor, {
          action: 'compare',
          subjectType: LINKAGE_UNIT,
          subjectId: agreementId,
          subjectCountry: a.operatorCountry,
          details: { encodings: all.length, pairs: pairs.length },
        });
        return a.members.map((member): PairsMessage & { via: 'local' | 'channel' } => ({
          via: a.transport,
          type: 'pprl.pairs',
          agreementId,
          sender: a.operatorCountry,
          member,
          secretVersion: a.secretVersion,
          pairs: pairs.flatMap((p) =>
            p.memberA === member
              ? [
                  {
                    pseudonym: p.pseudonymA,
                    otherMember: p.memberB,
                    otherPseudonym: p.pseudonymB,
                    score: p.score,
                  },
                ]
              : p.memberB === member
                ? [
                    {
                      pseudonym: p.pseudonymB,
                      otherMember: p.memberA,
                      otherPseudonym: p.pseudonymA,
                      score: p.score,
                    },
                  ]
                : [],
          ),
        }));
      });
      for (const { via, ...m } of messages) {
        await transport(via).toMember(m);
      }
      return this.status(actor, agreementId);
    },
  };
}

/** The linkage unit's service type. */
export type LinkageUnitService = ReturnType<typeof createLinkageUnitService>;
