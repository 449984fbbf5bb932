// "I am alive" messages: sending and withdrawing without an account, matching against open
// reports, review by caseworkers and contact points, passing the news on as the sender chose.
import { createHash, randomInt } from 'node:crypto';
import type { Database, Queryable } from '../../platform/db/index.js';
import { accessibleWhere, authorize, type Actor } from '../../platform/authz/index.js';
import { AppError } from '../../platform/errors.js';
import { nameTokens } from '../../platform/names/index.js';
import { loadCatalog, translator } from '../../platform/web/index.js';
import type { Page } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import { findUser } from '../users/index.js';
import { findReport, openReportsByName, type ReportsService } from '../reports/index.js';
import { assessHit } from './alive.matcher.js';
import { ALIVE_MATCH } from './alive.policy.js';
import { presentMatch, presentMatchSummary } from './alive.presenter.js';
import {
  decideMatch,
  findActiveByCode,
  findMatch,
  findMessage,
  insertMessage,
  listMatches,
  MATCH_CP_ORGANISATION,
  messagesSharingKeys,
  replaceMessageKeys,
  upsertMatch,
  withdrawMessage,
  type AliveMessage,
  type NewAliveMessage,
} from './alive.repository.js';
import type { AliveFormInput, DecisionInput, ListMatchesQuery } from './alive.schemas.js';

/** Folder of this feature's strings (pages and the news the family reads). */
export const ALIVE_LOCALES = new URL('./locales/', import.meta.url);

const MESSAGE = 'AliveMessage';
/** Reports proposed per message at most. */
const MAX_CANDIDATES = 20;
/** Letters of withdrawal codes: no 0/O, 1/I/L to misread. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** The columns list queries are filtered on, for each condition of the policy. */
const ACCESS_COLUMNS = {
  country: 'x.country',
  contactPointOrganisationId: MATCH_CP_ORGANISATION,
  senderChild: 'm.under18',
};

function script(text: string): string {
  if (/[\u0600-\u06ff]/.test(text)) {
    return 'Arab';
  }
  if (/[\u1200-\u137f]/.test(text)) {
    return 'Ethi';
  }
  return /[^\u0020-\u024f\s'-]/.test(text) ? 'Zyyy' : 'Latn';
}

/** A new private withdrawal code: 20 letters and digits (about 99 bits), shown in groups of 5. */
export function newWithdrawalCode(): string {
  let code = '';
  for (let i = 0; i < 20; i++) {
    code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  }
  return code.replace(/(.{5})(?!$)/g, '$1-');
}

const hashCode = (code: string) =>
  createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest();

/** What the family reads on its timeline, in its language, as the sender chose. */
function newsForFamily(lang: string, m: AliveMessage, name: string): string {
  const t = translator(NEWS, lang);
  // Words in another script keep their own direction inside the sentence (Unicode isolates).
  const iso = (s: string) => `\u2068${s}\u2069`;
  const parts = [t('alive.news.alive', { name: iso(name) })];
  parts.push(
    m.share === 'location' && m.location
      ? t('alive.news.where', { location: iso(m.location) })
      : t('alive.news.noLocation'),
  );
  if (m.note) {
    parts.push(t('alive.news.note', { note: iso(m.note) }));
  }
  return parts.join('\n');
}
const NEWS = loadCatalog([ALIVE_LOCALES]);

/** The "I am alive" service. */
export function createAliveService(db: Database, reports: Pick<ReportsService, 'recordAliveNews'>) {
  /** Finds and stores the open reports a message may answer (inside the caller's transaction). */
  async function match(t: Queryable, m: AliveMessage, reportId?: string): Promise<number> {
    const names = m.names.map((n) => n.value);
    const hits = await openReportsByName(t, names, {
      reportId,
      limit: MAX_CANDIDATES,
      backend: db,
    });
    let stored = 0;
    for (const hit of hits) {
      const assessed = assessHit(m, hit);
      if (!assessed) {
        continue;
      }
      await upsertMatch(t, {
        messageId: m.id,
        reportId: hit.id,
        country: hit.country,
        score: assessed.score,
        evidence: { ...assessed.evidence },
      });
      stored++;
    }
    return stored;
  }

  async function loadMatch(t: Queryable, actor: Actor, action: string, id: string, lock = false) {
    return authorize(actor, action, ALIVE_MATCH, (await findMatch(t, id, lock)) ?? undefined);
  }

  /**
   * Locks a match for a decision: its message first, then the match (the order a withdrawal
   * takes, so the two never deadlock); a message withdrawn meanwhile leaves nothing to decide.
   */
  async function lockForReview(t: Queryable, actor: Actor, id: string) {
    const seen = await loadMatch(t, actor, 'review', id);
    const message = await findMessage(t, seen.messageId, true);
    const match = await loadMatch(t, actor, 'review', id, true);
    assertWaiting(match.status);
    return { match, message: message! };
  }

  return {
    /**
     * Stores a message sent from the page (no account), matches it against open reports and
     * returns the private withdrawal code, which is stored only as its hash.
     */
    async send(input: AliveFormInput, language: string, requestId: string) {
      const code = newWithdrawalCode();
      const names = [input.name, input.otherName].filter(Boolean).map((value) => ({
        value,
        script: script(value),
      }));
      const message: NewAliveMessage = {
        names,
        birth: input.birth ? { earliest: input.birth.earliest, latest: input.birth.latest } : null,
        origin: input.origin,
        relatives: input.relatives
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean),
        share: input.share,
        location: input.share === 'location' ? input.location : '',
        note: input.share === 'nothing' ? '' : input.note,
        contact: input.contact,
        under18: input.under18 === 'yes',
        language,
      };
      return db.transaction(async (t) => {
        const id = await insertMessage(t, message, hashCode(code));
        const keys = names.flatMap((n) =>
          nameTokens(n.value).map((k) => ({ sound: k.key, skeleton: k.skel })),
        );
        await replaceMessageKeys(t, id, keys);
        const candidates = await match(t, (await findMessage(t, id))!, undefined);
        await recordAudit(
          t,
          null,
          {
            action: 'create',
            subjectType: MESSAGE,
            subjectId: id,
            fields: Object.entries(input)
              .filter(([, v]) => v !== '')
              .map(([k]) => k),
            purpose: 'family tracing',
            details: { candidates, under18: message.under18, share: message.share },
          },
          requestId,
        );
        return { code };
      });
    },

    /** Withdraws the message holding a code; false when no active message holds it. */
    async withdraw(code: string, requestId: string): Promise<boolean> {
      return db.transaction(async (t) => {
        const m = await findActiveByCode(t, hashCode(code));
        if (!m) {
          return false;
        }
        const { passedOn } = await withdrawMessage(t, m.id);
        await recordAudit(
          t,
          null,
          {
            action: 'withdraw',
            subjectType: MESSAGE,
            subjectId: m.id,
            fields: ['names', 'birth', 'origin', 'relatives', 'location', 'note', 'contact'],
            details: { alreadyPassedOn: passedOn },
          },
          requestId,
        );
        return true;
      });
    },

    /** A report was filed or changed (reports hook): proposes it to the messages it may answer. */
    async reportChanged(t: Queryable, reportId: string): Promise<void> {
      for (const id of await messagesSharingKeys(t, reportId)) {
        const m = await findMessage(t, id);
        if (m?.status === 'active') {
          await match(t, m, reportId);
        }
      }
    },

    /** The possible matches the reviewer may see, children's first, best first. */
    async list(
      actor: Actor,
      query: ListMatchesQuery,
    ): Promise<Page<ReturnType<typeof presentMatchSummary>>> {
      if (!actor.ability.can('read', ALIVE_MATCH)) {
        throw new AppError('FORBIDDEN', 'Not allowed to review "I am alive" messages');
      }
      const access = accessibleWhere(actor.ability, 'read', ALIVE_MATCH, ACCESS_COLUMNS);
      return db.transaction(async (t) => {
        const { rows, total } = await listMatches(t, access, query);
        await recordAudit(t, actor, {
          action: 'list',
          subjectType: ALIVE_MATCH,
          subjectCountry: actor.country,
          fields: rows.length > 0 ? ['score', 'under18'] : [],
          details: { count: rows.length, ids: rows.map((r) => r.id) },
        });
        return {
          items: rows.map(presentMatchSummary),
          total,
          limit: query.limit,
          offset: query.offset,
        };
      });
    },

    /** One possible match with the message and the report's names side by side (audited). */
    async get(actor: Actor, id: string) {
      return db.transaction(async (t) => {
        const x = await loadMatch(t, actor, 'read', id);
        const m = (await findMessage(t, x.messageId))!;
        const hits = await openReportsByName(
          t,
          m.names.map((n) => n.value),
          {
            reportId: x.reportId,
            limit: 1,
            backend: db,
          },
        );
        await recordAudit(t, actor, {
          action: 'read',
          subjectType: ALIVE_MATCH,
          subjectId: x.id,
          subjectCountry: x.country,
          fields: ['message', 'report.names'],
        });
        return presentMatch(x, m, hits[0] ?? null);
      });
    },

    /**
     * Confirms a possible match and passes the news on as the sender chose: where they are,
     * only that they are alive, or nothing. A child's message is never passed to the family:
     * the caseworker takes it from there.
     */
    async confirm(actor: Actor, id: string, input: DecisionInput) {
      return db.transaction(async (t) => {
        const { match: x, message: m } = await lockForReview(t, actor, id);
        let passedOn: string = m.under18 ? 'held_child' : m.share;
        if (passedOn === 'location' || passedOn === 'alive_only') {
          const report = await reportOwnerLanguage(t, x.reportId);
          await reports.recordAliveNews(
            t,
            actor,
            x.reportId,
            newsForFamily(report.lang, m, report.name),
          );
        } else if (passedOn !== 'held_child') {
          passedOn = 'nothing';
        }
        await decideMatch(t, x.id, {
          status: 'confirmed',
          reason: input.reason,
          decidedBy: actor.id,
          passedOn,
        });
        await recordAudit(t, actor, {
          action: 'confirm',
          subjectType: ALIVE_MATCH,
          subjectId: x.id,
          subjectCountry: x.country,
          fields: ['status'],
          details: { messageId: m.id, reportId: x.reportId, passedOn },
        });
        return { id: x.id, status: 'confirmed' as const, passedOn };
      });
    },

    /** Rejects a possible match with a reason; nothing reaches the family. */
    async reject(actor: Actor, id: string, input: DecisionInput) {
      return db.transaction(async (t) => {
        const { match: x } = await lockForReview(t, actor, id);
        await decideMatch(t, x.id, {
          status: 'rejected',
          reason: input.reason,
          decidedBy: actor.id,
          passedOn: null,
        });
        await recordAudit(t, actor, {
          action: 'reject',
          subjectType: ALIVE_MATCH,
          subjectId: x.id,
          subjectCountry: x.country,
          fields: ['status'],
          details: { messageId: x.messageId, reportId: x.reportId },
        });
        return { id: x.id, status: 'rejected' as const, passedOn: null };
      });
    },
  };

  /** The name the family uses for the missing person, and the language they read. */
  async function reportOwnerLanguage(t: Queryable, reportId: string) {
    const r = await findReport(t, reportId);
    const owner = r?.ownerId ? await findUser(t, r.ownerId) : null;
    const lang = owner?.preferredLanguage ?? r?.relatives[0]?.preferredLanguage ?? 'en';
    return {
      lang: NEWS.languages.includes(lang) ? lang : 'en',
      name: (r?.person.names ?? [])
        .filter((n) => n.kind !== 'nickname' && n.kind !== 'other')
        .map((n) => n.value)
        .join(' '),
    };
  }
}

function assertWaiting(status: string): void {
  if (status !== 'candidate') {
    throw new AppError('INVALID_TRANSITION', `This possible match was already ${status}`, {
      fields: [{ field: 'status', message: `already ${status}` }],
    });
  }
}

/** The "I am alive" service. */
export type AliveService = ReturnType<typeof createAliveService>;
