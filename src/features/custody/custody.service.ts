import type { Database, Queryable } from '../../platform/db/index.js';
import { inTransaction } from '../../platform/db/index.js';
import {
  accessibleWhere,
  asSubject,
  authorize,
  authorizeType,
  type Actor,
} from '../../platform/authz/index.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { findRemains, setRemainsStatus, type Remains } from '../remains/index.js';
import { chainCustodyEvent, verifyCustodyChain } from './custody.chain.js';
import { presentBurialLine, presentCustodyEvent, presentWhereabouts } from './custody.presenter.js';
import { appendEvent, burialRegister, findHead, listEvents } from './custody.repository.js';
import type { AppendCustodyInput, BurialRegisterQuery } from './custody.schemas.js';
import { allowedCustodyEvents, nextCustodyState, STATUS_EFFECTS } from './custody.states.js';

const TYPE = 'Remains';

/** A value as it comes back from jsonb (undefined keys dropped), or null. */

/** Custody and burial chain: append-only, hash-chained per remains, following a state machine. */
export function createCustodyService(db: Database) {
  const showForensicDetail = (actor: Actor, remains: Remains) =>
    actor.ability.can('read', asSubject(TYPE, remains), 'dnaSamples');

  async function readable(actor: Actor, t: Queryable, remainsId: string, purpose: string) {
    const remains = authorize(actor, 'readCustody', TYPE, await findRemains(t, remainsId));
    const events = await listEvents(t, remains.id);
    await recordAudit(t, actor, {
      action: 'read',
      subjectType: 'CustodyChain',
      subjectId: remains.id,
      subjectCountry: remains.country,
      fields: ['custody'],
      details: { view: purpose },
    });
    return { remains, events };
  }

  return {
    /**
     * Appends an event. The remains row is locked first, so concurrent writers queue and each
     * sees the head the other wrote: the chain stays linear (the unique (remains_id, position)
     * is the second guard).
     */
    async append(actor: Actor, remainsId: string, input: AppendCustodyInput, tx?: Queryable) {
      return inTransaction(db, tx, async (t) => {
        const remains = authorize(
          actor,
          'appendCustody',
          TYPE,
          await findRemains(t, remainsId, true),
        );
        const head = await findHead(t, remains.id);
        const current = head?.state ?? 'none';
        const next = nextCustodyState(current, input.kind);
        if (!next) {
          throw new AppError(
            'INVALID_TRANSITION',
            `A ${input.kind} event cannot follow the state ${current}`,
            { state: current, event: input.kind, allowed: allowedCustodyEvents(current) },
          );
        }
        const effect = STATUS_EFFECTS[input.kind];
        if (effect && !effect.requires.includes(remains.status)) {
          throw new AppError(
            'INVALID_TRANSITION',
            `A ${input.kind} event needs remains that are ${effect.requires.join(' or ')}`,
            { status: remains.status, event: input.kind },
          );
        }
        const previous = (await listEvents(t, remains.id)).at(-1);
        if (previous && input.occurredAt < previous.occurredAt) {
          throw validationFailed([
            { field: 'body.occurredAt', message: 'must not be before the previous event' },
          ]);
        }
        const event = chainCustodyEvent(remains.id, head, input, next, actor.id);
        await appendEvent(t, event);
        if (effect) {
          await setRemainsStatus(t, remains.id, effect.sets, null);
        }
        await recordAudit(t, actor, {
          action: 'append',
          subjectType: 'CustodyChain',
          subjectId: remains.id,
          subjectCountry: remains.country,
          fields: Object.keys(input),
          details: { kind: input.kind, position: event.position, hash: event.hash },
        });
        const [stored] = (await listEvents(t, remains.id)).slice(-1);
        return presentCustodyEvent(stored!, showForensicDetail(actor, remains));
      });
    },

    /** The whole chain of one remains, in order. */
    async list(actor: Actor, remainsId: string) {
      return db.transaction(async (t) => {
        const { remains, events } = await readable(actor, t, remainsId, 'chain');
        const show = showForensicDetail(actor, remains);
        return {
          remainsId: remains.id,
          code: remains.code,
          state: events.at(-1)?.stateAfter ?? 'none',
          events: events.map((e) => presentCustodyEvent(e, show)),
        };
      });
    },

    /** Where the remains are now and which institution answers for them. */
    async whereabouts(actor: Actor, remainsId: string) {
      return db.transaction(async (t) => {
        const { remains, events } = await readable(actor, t, remainsId, 'whereabouts');
        return presentWhereabouts(remains, events);
      });
    },

    /** Whether the chain of one remains is intact. */
    async verify(actor: Actor, remainsId: string) {
      return db.transaction(async (t) => {
        const { remains, events } = await readable(actor, t, remainsId, 'verify');
        return {
          remainsId: remains.id,
          ...verifyCustodyChain(events, await findHead(t, remains.id)),
        };
      });
    },

    /** A cemetery's burial register for the cemetery authorities (remains of the actor's country). */
    async register(actor: Actor, query: BurialRegisterQuery) {
      authorizeType(actor, 'read', 'BurialRegister');
      const access = accessibleWhere(actor.ability, 'read', 'BurialRegister', {
        country: 'r.country',
      });
      return db.transaction(async (t) => {
        const page = { limit: query.limit, offset: query.offset };
        const found = await burialRegister(t, access, query.cemetery, page);
        const lines = found.lines.map(presentBurialLine);
        await recordAudit(t, actor, {
          action: 'list',
          subjectType: 'BurialRegister',
          subjectCountry: actor.country,
          fields: ['code', 'status', 'sex', 'age', 'burial'],
          details: { cemetery: query.cemetery, ids: lines.map((l) => l.remainsId) },
        });
        return {
          cemetery: query.cemetery,
          generatedAt: new Date().toISOString(),
          lines,
          total: found.total,
          ...page,
        };
      });
    },
  };
}

/** The custody service's interface. */
export type CustodyService = ReturnType<typeof createCustodyService>;
