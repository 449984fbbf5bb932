// A member jurisdiction's side of record linkage: it holds the agreement's linkage secret
// (sealed under the node secret), encodes only reports whose families consented to cross-border
// matching, sends encodings under fresh pseudonyms to the linkage unit through an outbox, rotates
// the secret (re-encoding everything and withdrawing the old), and withdraws encodings when
// consent is withdrawn or a report closes.
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../platform/db/index.js';
import { authorize, authorizeType, type Actor } from '../../platform/authz/index.js';
import type { SecretBox } from '../../platform/crypto/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { getLogger } from '../../platform/logger.js';
import { recordAudit } from '../audit/index.js';
import type { Report } from '../reports/index.js';
import { deriveKeys, newLinkageSecret, type SecretScope } from './linkage.keys.js';
import { ClkEncoder } from './linkage.encoder.js';
import { encodableFields } from './linkage.consent.js';
import {
  sealSecret,
  type LinkageTransport,
  type PairsMessage,
  type UnitMessage,
} from './linkage.messages.js';
import {
  activeSecret,
  deleteOutbox,
  deleteSubmissions,
  findMemberAgreement,
  insertMemberAgreement,
  listCandidates,
  listSubmissions,
  pendingOutbox,
  queueSubmit,
  queueWithdraw,
  storeCandidates,
  storeSecret,
  submissionsOfReport,
  upsertSubmission,
  type Candidate,
  type MemberAgreement,
} from './linkage.member.repository.js';
import { SCHEMAS } from './linkage.schema.js';
import { unmatchPairs } from './linkage.review.js';
import { heldEncodings } from './linkage.bilateral.js';
import { comparePair } from './linkage.unit.service.js';

const log = getLogger('app');

/** CASL subject type of a member's linkage agreement. */
export const LINKAGE_AGREEMENT = 'LinkageAgreement';

/** What an administrator sets up for their jurisdiction. */
export interface OpenAgreementInput {
  agreementId: string;
  members: string[];
  mode: 'unit' | 'bilateral';
  schemaVersion: string;
  threshold: number;
  /** Draw the first secret here and send it to the other members (one member does). */
  drawSecret: boolean;
  /** 'local' (one node, in-process) or 'channel' (the transnational channel). */
  transport: 'local' | 'channel';
  /** The linkage unit's jurisdiction (unit mode over the channel). */
  unitJurisdiction?: string | undefined;
}

/** Which transport an agreement uses. */
export type Via = 'local' | 'channel';

/** Dependencies of the member service. */
export interface LinkageMemberDeps {
  db: Database;
  /** Loads a report the actor may read (404 otherwise). */
  loadReport(actor: Actor, id: string, tx?: Queryable): Promise<Report>;
  /** Loads a report for the system (hooks), without an actor. */
  findReport(tx: Queryable, id: string): Promise<Report | undefined>;
  box: SecretBox;
  /** The transport of an agreement: in-process, or the transnational channel. */
  transport: (via: Via) => LinkageTransport;
  /** The transnational channel's sending side (absent: local linkage only). */
  channel?: () => LinkageChannel;
}

/** What linkage needs of the transnational channel. */
export interface LinkageChannel {
  nodeId: string;
  /** Queues a message in the caller's transaction (FORBIDDEN when no agreement allows it). */
  send(
    tx: Queryable,
    m: { kind: string; from: string; to: string; subjectKey: string; body: unknown },
  ): Promise<string>;
  /** True when an exchange agreement in force lets a message kind flow. */
  allows(q: Queryable, kind: string, from: string, to: string): Promise<boolean>;
}

/** Where an agreement's messages to the comparer go: the unit, or every other member (bilateral). */
export function comparers(a: MemberAgreement): string[] {
  if (a.mode === 'bilateral') {
    return a.members.filter((m) => m !== a.country);
  }
  return a.unitJurisdiction ? [a.unitJurisdiction] : [];
}

/** The member side's service. */
export function createLinkageMemberService(deps: LinkageMemberDeps) {
  const { db, box } = deps;

  async function agreementOf(t: Queryable, actor: Actor, id: string, action: string, lock = false) {
    return authorize(
      actor,
      action,
      LINKAGE_AGREEMENT,
      await findMemberAgreement(t, id, actor.country, lock),
    );
  }

  /** The encoder of the agreement's active secret. */
  async function encoderOf(
    t: Queryable,
    a: MemberAgreement,
  ): Promise<{ enc: ClkEncoder; version: number }> {
    const s = await activeSecret(t, a.agreementId, a.country);
    if (!s) {
      throw new AppError(
        'CONFLICT',
        'this jurisdiction holds no linkage secret for the agreement yet',
      );
    }
    const schema = SCHEMAS[a.schemaVersion]!;
    const secret = Buffer.from(box.open(s.sealed), 'base64');
    const keys = deriveKeys(
      secret,
      { agreementId: a.agreementId, secretVersion: s.version },
      schema,
    );
    secret.fill(0);
    return { enc: new ClkEncoder(schema, keys), version: s.version };
  }

  /** Encodes reports under fresh pseudonyms and queues them (consent checked per report). */
  async function encodeAndQueue(
    t: Queryable,
    a: MemberAgreement,
    reports: Report[],
    actorId: string | null,
  ): Promise<number> {
    const { enc, version } = await encoderOf(t, a);
    // Every report is checked before anything is queued: one refusal produces no message at all.
    const fields = reports.map((r) => encodableFields(r));
    const existing = new Map(
      (await listSubmissions(t, a.agreementId, a.country)).map((s) => [s.reportId, s]),
    );
    for (let i = 0; i < reports.length; i++) {
      const pseudonym = randomUUID();
      const old = existing.get(reports[i]!.id);
      if (old) {
        await queueWithdraw(t, a.agreementId, a.country, [old]);
      }
      await upsertSubmission(
        t,
        a.agreementId,
        a.country,
        { reportId: reports[i]!.id, pseudonym, secretVersion: version },
        actorId,
      );
      await queueSubmit(t, a.agreementId, a.country, pseudonym, version, enc.encode(fields[i]!));
    }
    return reports.length;
  }

  /** Installs a new secret version and re-encodes every submission under it. */
  async function install(
    t: Queryable,
    a: MemberAgreement,
    secret: Buffer,
    version: number,
  ): Promise<void> {
    await storeSecret(t, a.agreementId, a.country, version, box.seal(secret.toString('base64')));
    const current = { ...a, secretVersion: version };
    const subs = await listSubmissions(t, a.agreementId, a.country);
    const reports: Report[] = [];
    const dropped = [];
    for (const s of subs) {
      const r = await deps.findReport(t, s.reportId);
      try {
        if (r) {
          encodableFields(r);
          reports.push(r);
          continue;
        }
      } catch {
        // Consent gone meanwhile: withdraw instead of re-encoding.
      }
      dropped.push(s.reportId);
    }
    const gone = await deleteSubmissions(t, a.agreementId, a.country, dropped);
    await queueWithdraw(t, a.agreementId, a.country, gone);
    await encodeAndQueue(t, current, reports, null);
  }

  /** Sends the secret to every other member, each as a JWE for that member only. */
  async function distribute(
    a: MemberAgreement,
    secret: Buffer,
    scope: SecretScope,
  ): Promise<number> {
    const transport = deps.transport(a.transport);
    let sent = 0;
    for (const m of a.members.filter((x) => x !== a.country)) {
      try {
        await transport.sendSecret(
          a.country,
          m,
          scope,
          await sealSecret(secret, scope, await transport.memberKey(m)),
        );
        sent++;
      } catch (e) {
        // A member that has not joined yet gets the secret at the next rotation.
        log.warn('linkage secret not delivered', {
          agreementId: a.agreementId,
          member: m,
          error: e instanceof Error ? e.message : 'unknown',
        });
      }
    }
    return sent;
  }

  /** Over the channel, an exchange agreement must allow encodings to every comparer. */
  async function assertChannelAllows(t: Queryable, a: MemberAgreement): Promise<void> {
    if (a.transport !== 'channel') {
      return;
    }
    const channel = deps.channel?.();
    const to = comparers(a);
    if (!channel || to.length === 0) {
      throw new AppError('CONFLICT', 'this agreement has no linkage unit to send encodings to');
    }
    for (const j of to) {
      if (!(await channel.allows(t, 'pprl.submit', a.country, j))) {
        throw new AppError(
          'FORBIDDEN',
          `No exchange agreement allows linkage encodings from ${a.country} to ${j}`,
        );
      }
    }
  }

  /** Withdraws the matched pairs of reports whose submissions are about to go (other side told). */
  async function unmatchReports(
    t: Queryable,
    agreementId: string,
    country: string,
    reportIds: string[],
  ): Promise<void> {
    const channel = deps.channel?.();
    if (channel && reportIds.length > 0) {
      await unmatchPairs(t, channel, agreementId, country, reportIds);
    }
  }

  /** Opens secret packages received over the channel and installs them (after their transaction). */
  async function openPackages(): Promise<number> {
    let opened = 0;
    for (;;) {
      // Claimed one at a time (receiveSecret flushes, which comes back here).
      const p = (
        await db.query<{ country: string; jwe: string }>(
          `DELETE FROM linkage_secret_packages
           WHERE id = (SELECT min(id) FROM linkage_secret_packages)
           RETURNING trim(country) AS country, jwe`,
        )
      )[0];
      if (!p) {
        return opened;
      }
      opened++;
      try {
        await service.receiveSecret(p.country, p.jwe, 'channel');
      } catch (e) {
        log.warn('linkage secret package not installed', {
          member: p.country,
          error: e instanceof Error ? e.message : 'unknown',
        });
      }
    }
  }

  const service = {
    /** Joins (or opens) a linkage agreement for the administrator's jurisdiction. */
    async openAgreement(
      actor: Actor,
      input: OpenAgreementInput,
    ): Promise<MemberAgreement & { secretSentTo: number }> {
      authorizeType(actor, 'create', LINKAGE_AGREEMENT, { country: actor.country });
      if (!SCHEMAS[input.schemaVersion]) {
        throw new AppError('CONFLICT', `unknown schema ${input.schemaVersion}`);
      }
      const members = [...new Set([...input.members, actor.country])].sort();
      const secret = input.drawSecret ? newLinkageSecret() : null;
      const a = await db.transaction(async (t) => {
        if (await findMemberAgreement(t, input.agreementId, actor.country)) {
          throw new AppError('CONFLICT', 'this jurisdiction already takes part in the agreement');
        }
        await insertMemberAgreement(
          t,
          {
            ...input,
            members,
            country: actor.country,
            unitJurisdiction: input.unitJurisdiction ?? null,
          },
          actor.id,
        );
        const created = (await findMemberAgreement(t, input.agreementId, actor.country))!;
        if (secret) {
          await install(t, created, secret, 1);
        }
        await recordAudit(t, actor, {
          action: 'create',
          subjectType: LINKAGE_AGREEMENT,
          subjectId: input.agreementId,
          subjectCountry: actor.country,
          fields: ['members', 'mode', 'schemaVersion', 'threshold'],
        });
        return (await findMemberAgreement(t, input.agreementId, actor.country))!;
      });
      const sent = secret
        ? await distribute(a, secret, { agreementId: a.agreementId, secretVersion: 1 })
        : 0;
      secret?.fill(0);
      return { ...a, secretSentTo: sent };
    },

    /** One agreement of the actor's jurisdiction (404 for others). */
    async get(actor: Actor, agreementId: string): Promise<MemberAgreement> {
      return agreementOf(db, actor, agreementId, 'read');
    },

    /**
     * Takes a secret package another member sent (from the transport): installs it when newer
     * than the secret in use, re-encodes every submission and withdraws the old encodings.
     */
    async receiveSecret(country: string, jwe: string, via: Via = 'local'): Promise<void> {
      const { secret, scope } = await deps.transport(via).openSecret(country, jwe);
      await db.transaction(async (t) => {
        const a = await findMemberAgreement(t, scope.agreementId, country, true);
        if (!a) {
          throw notFound('Linkage agreement');
        }
        if (scope.secretVersion <= a.secretVersion) {
          return;
        }
        await install(t, a, secret, scope.secretVersion);
        await recordAudit(t, null, {
          action: 'receive_linkage_secret',
          subjectType: LINKAGE_AGREEMENT,
          subjectId: a.agreementId,
          subjectCountry: country,
          details: { secretVersion: scope.secretVersion },
        });
      });
      secret.fill(0);
      await service.flush();
    },

    /** Draws a new secret, re-encodes every submission, withdraws the old ones, tells the members. */
    async rotate(actor: Actor, agreementId: string): Promise<MemberAgreement> {
      const secret = newLinkageSecret();
      const a = await db.transaction(async (t) => {
        const cur = await agreementOf(t, actor, agreementId, 'update', true);
        await install(t, cur, secret, cur.secretVersion + 1);
        await recordAudit(t, actor, {
          action: 'rotate_linkage_secret',
          subjectType: LINKAGE_AGREEMENT,
          subjectId: agreementId,
          subjectCountry: actor.country,
          details: { secretVersion: cur.secretVersion + 1 },
        });
        return (await findMemberAgreement(t, agreementId, actor.country))!;
      });
      await distribute(a, secret, { agreementId, secretVersion: a.secretVersion });
      secret.fill(0);
      await service.flush();
      return a;
    },

    /** Encodes reports of the actor's country (each with cross-border consent) and sends them. */
    async submit(
      actor: Actor,
      agreementId: string,
      reportIds: string[],
    ): Promise<{ submitted: number }> {
      const submitted = await db.transaction(async (t) => {
        const a = await agreementOf(t, actor, agreementId, 'submit', true);
        await assertChannelAllows(t, a);
        const reports = [];
        for (const id of new Set(reportIds)) {
          reports.push(await deps.loadReport(actor, id, t));
        }
        const n = await encodeAndQueue(t, a, reports, actor.id);
        await recordAudit(t, actor, {
          action: 'submit_encodings',
          subjectType: LINKAGE_AGREEMENT,
          subjectId: agreementId,
          subjectCountry: actor.country,
          purpose: 'crossBorderMatching',
          details: { reports: reportIds },
        });
        return n;
      });
      await service.flush();
      return { submitted };
    },

    /** Takes one report's encoding back from the unit. */
    async withdraw(
      actor: Actor,
      agreementId: string,
      reportId: string,
    ): Promise<{ withdrawn: number }> {
      const n = await db.transaction(async (t) => {
        await agreementOf(t, actor, agreementId, 'submit', true);
        await deps.loadReport(actor, reportId, t);
        await unmatchReports(t, agreementId, actor.country, [reportId]);
        const gone = await deleteSubmissions(t, agreementId, actor.country, [reportId]);
        await queueWithdraw(t, agreementId, actor.country, gone);
        await recordAudit(t, actor, {
          action: 'withdraw_encodings',
          subjectType: LINKAGE_AGREEMENT,
          subjectId: agreementId,
          subjectCountry: actor.country,
          details: { report: reportId },
        });
        return gone.length;
      });
      await service.flush();
      return { withdrawn: n };
    },

    /**
     * A report changed (reports feature hook, inside its transaction): when it may no longer be
     * encoded (consent withdrawn, report closed) its submissions go at once and withdrawals are
     * queued in the same transaction.
     */
    async reportChanged(t: Queryable, reportId: string): Promise<void> {
      const subs = await submissionsOfReport(t, reportId);
      if (subs.length === 0) {
        return;
      }
      const r = await deps.findReport(t, reportId);
      try {
        if (r) {
          encodableFields(r);
          return;
        }
      } catch {
        // Falls through to withdrawal.
      }
      for (const s of subs) {
        await unmatchReports(t, s.agreementId, s.country, [reportId]);
        const gone = await deleteSubmissions(t, s.agreementId, s.country, [reportId]);
        await queueWithdraw(t, s.agreementId, s.country, gone);
      }
      await recordAudit(t, null, {
        action: 'withdraw_encodings',
        subjectType: LINKAGE_AGREEMENT,
        subjectId: reportId,
        details: {
          reason: 'consent withdrawn or report closed',
          agreements: subs.map((s) => s.agreementId),
        },
      });
    },

    /** Pairs the unit returned (from the transport). */
    async receivePairs(m: PairsMessage): Promise<number> {
      return db.transaction((t) => service.receivePairsIn(t, m));
    },

    /** Pairs received in the caller's transaction (the channel's handler). */
    async receivePairsIn(t: Queryable, m: PairsMessage): Promise<number> {
      const a = await findMemberAgreement(t, m.agreementId, m.member, true);
      if (!a) {
        throw notFound('Linkage agreement');
      }
      if (m.secretVersion !== a.secretVersion) {
        return 0;
      }
      const stored = await storeCandidates(t, m.agreementId, m.member, m.secretVersion, m.pairs);
      await recordAudit(t, null, {
        action: 'receive_pairs',
        subjectType: LINKAGE_AGREEMENT,
        subjectId: m.agreementId,
        subjectCountry: m.member,
        details: { pairs: stored },
      });
      return stored;
    },

    /**
     * Bilateral mode: compares this jurisdiction's reports (re-encoded under the agreement's
     * secret) with the encodings other members sent here, keeps its own pairs and sends each
     * member its pairs over the channel.
     */
    async compareBilateral(actor: Actor, agreementId: string): Promise<{ pairs: number }> {
      return db.transaction(async (t) => {
        const a = await agreementOf(t, actor, agreementId, 'submit', true);
        const channel = deps.channel?.();
        if (a.mode !== 'bilateral' || !channel) {
          throw new AppError('CONFLICT', 'only a bilateral agreement is compared by its members');
        }
        const { enc, version } = await encoderOf(t, a);
        const own = [];
        for (const s of await listSubmissions(t, a.agreementId, a.country)) {
          const r = s.secretVersion === version ? await deps.findReport(t, s.reportId) : undefined;
          try {
            if (r) {
              own.push({
                member: a.country,
                pseudonym: s.pseudonym,
                encoding: Buffer.from(enc.encode(encodableFields(r))),
              });
            }
          } catch {
            // Consent gone: its withdrawal is already queued.
          }
        }
        const held = await heldEncodings(t, a);
        const pairs = comparePair(own, held, a.threshold);
        await storeCandidates(
          t,
          a.agreementId,
          a.country,
          version,
          pairs.map((p) => ({
            pseudonym: p.pseudonymA,
            otherMember: p.memberB,
            otherPseudonym: p.pseudonymB,
            score: p.score,
          })),
        );
        for (const m of a.members.filter((x) => x !== a.country)) {
          if (!(await channel.allows(t, 'pprl.pairs', a.country, m))) {
            continue;
          }
          const body: PairsMessage = {
            type: 'pprl.pairs',
            agreementId,
            member: m,
            sender: a.country,
            secretVersion: version,
            pairs: pairs
              .filter((p) => p.memberB === m)
              .map((p) => ({
                pseudonym: p.pseudonymB,
                otherMember: a.country,
                otherPseudonym: p.pseudonymA,
                score: p.score,
              })),
          };
          await channel.send(t, {
            kind: 'pprl.pairs',
            from: a.country,
            to: m,
            subjectKey: `pprl:${agreementId}:${a.country}>${m}`,
            body,
          });
        }
        await recordAudit(t, actor, {
          action: 'compare',
          subjectType: LINKAGE_AGREEMENT,
          subjectId: agreementId,
          subjectCountry: a.country,
          details: { own: own.length, held: held.length, pairs: pairs.length },
        });
        return { pairs: pairs.length };
      });
    },

    /** Candidate pairs for the actor's jurisdiction's reports. */
    async candidates(actor: Actor, agreementId: string): Promise<Candidate[]> {
      await agreementOf(db, actor, agreementId, 'read');
      return listCandidates(db, agreementId, actor.country);
    },

    /** Delivers queued messages to the unit (at least once; the unit's handling is idempotent). */
    async flush(): Promise<number> {
      await openPackages();
      const rows = await pendingOutbox(db);
      let delivered = 0;
      let i = 0;
      while (i < rows.length) {
        const head = rows[i]!;
        let j = i;
        while (
          j < rows.length &&
          rows[j]!.agreementId === head.agreementId &&
          rows[j]!.country === head.country &&
          rows[j]!.kind === head.kind &&
          rows[j]!.secretVersion === head.secretVersion
        ) {
          j++;
        }
        const batch = rows.slice(i, j);
        const a = await findMemberAgreement(db, head.agreementId, head.country);
        if (!a) {
          await deleteOutbox(
            db,
            batch.map((r) => r.id),
          );
          i = j;
          continue;
        }
        const message: UnitMessage =
          head.kind === 'submit'
            ? {
                type: 'pprl.submit',
                agreementId: head.agreementId,
                member: head.country,
                secretVersion: head.secretVersion,
                schemaVersion: a.schemaVersion,
                records: batch.map((r) => ({
                  pseudonym: r.pseudonym,
                  clk: r.clk!.toString('base64'),
                })),
              }
            : {
                type: 'pprl.withdraw',
                agreementId: head.agreementId,
                member: head.country,
                pseudonyms: batch.map((r) => r.pseudonym),
              };
        try {
          await deps.transport(a.transport).toUnit(message, comparers(a));
        } catch (e) {
          if (a.transport !== 'channel') {
            throw e;
          }
          // No agreement allows it any more (revoked, expired): kept here and retried; submit
          // refuses new encodings for it meanwhile.
          log.warn('linkage message not queued on the channel', {
            agreementId: a.agreementId,
            error: e instanceof Error ? e.message : 'unknown',
          });
          i = j;
          continue;
        }
        await deleteOutbox(
          db,
          batch.map((r) => r.id),
        );
        delivered += batch.length;
        i = j;
      }
      return delivered;
    },
  };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  return {
    ...service,
    /** Delivers the outbox every few seconds (started by server.ts; its timer never holds the process). */
    dispatcher: {
      start(intervalMs = 5000): void {
        const tick = () => {
          running = service
            .flush()
            .catch((err: unknown) =>
              log.error('linkage outbox delivery failed', {
                error: err instanceof Error ? err.message : 'unknown',
              }),
            )
            .finally(() => {
              if (timer) {
                timer = setTimeout(tick, intervalMs).unref();
              }
            });
        };
        timer = setTimeout(tick, intervalMs).unref();
      },
      async stop(): Promise<void> {
        clearTimeout(timer);
        timer = undefined;
        await running;
      },
    },
  };
}

/** The member service's type. */
export type LinkageMemberService = ReturnType<typeof createLinkageMemberService>;
