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
import type { Page } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import { findIncident } from '../incidents/index.js';
import { presentRemains } from './remains.presenter.js';
import {
  findRemains,
  insertRemains,
  nextRemainsCode,
  searchRemains,
  setRemainsStatus,
  findIdentificationProposal,
  saveIdentificationProposal,
  clearIdentificationProposal,
  updateRemains,
  type Remains,
  type RemainsContent,
} from './remains.repository.js';
import type {
  ChangeStatusInput,
  CreateRemainsInput,
  RemainsStatus,
  SearchRemainsQuery,
  UpdateRemainsInput,
} from './remains.schemas.js';

const TYPE = 'Remains';

/** Identification statuses reachable by decision (handover and repatriation come from custody). */
const STATUS_TRANSITIONS: Record<RemainsStatus, readonly RemainsStatus[]> = {
  unidentified: ['provisionally_identified'],
  provisionally_identified: ['identified', 'unidentified'],
  identified: [],
  handed_over: [],
  repatriated: [],
};

/** A presented record (fields already cut to the actor's rights). */
export type RemainsView = Record<string, unknown>;

function toContent(input: CreateRemainsInput | Remains): RemainsContent {
  return {
    kind: input.kind,
    associatedWithId: input.associatedWithId ?? null,
    bodyPart: input.bodyPart ?? null,
    recovery: input.recovery,
    condition: input.condition,
    sex: input.sex ?? null,
    age: input.age ?? null,
    stature: input.stature ?? null,
    hair: input.hair ?? null,
    eyes: input.eyes ?? null,
    marks: input.marks,
    dental: input.dental,
    medicalFindings: input.medicalFindings,
    implants: input.implants,
    fingerprints: input.fingerprints,
    dnaSamples: input.dnaSamples,
    effects: input.effects,
    documents: input.documents,
    photos: input.photos,
    notes: input.notes ?? null,
    legalBasis: input.legalBasis,
  };
}

/** What other features do inside a remains record's own transaction (wired in the container). */
export interface RemainsHooks {
  /** Remains were registered or their findings changed (the matching feature queues a job). */
  changed?(t: Queryable, actor: Actor, remainsId: string): Promise<void>;
}

/** Unidentified remains (PM data): registration, findings, identification status, search. */
export function createRemainsService(db: Database, hooks: RemainsHooks = {}) {
  /** Refuses links to incidents or remains the actor cannot see, naming the field. */
  async function checkLinks(actor: Actor, t: Queryable, c: RemainsContent, selfId?: string) {
    const problems = [];
    const incidentId = c.recovery.incidentId;
    if (incidentId) {
      const incident = await findIncident(t, incidentId);
      if (!incident || !actor.ability.can('read', asSubject('Incident', incident))) {
        problems.push({ field: 'body.recovery.incidentId', message: 'no such incident' });
      }
    }
    if (c.associatedWithId) {
      const other = await findRemains(t, c.associatedWithId);
      if (!other || other.country !== actor.country || other.id === selfId) {
        problems.push({ field: 'body.associatedWithId', message: 'no such remains' });
      } else if (other.associatedWithId) {
        problems.push({
          field: 'body.associatedWithId',
          message: 'associate with the principal remains, not with another part',
        });
      }
    }
    if (problems.length > 0) {
      throw validationFailed(problems);
    }
  }

  return {
    /** Registers remains for the actor's institution and gives them their code. */
    async create(actor: Actor, input: CreateRemainsInput, tx?: Queryable): Promise<RemainsView> {
      const owner = { country: actor.country, organisationId: actor.organisationId };
      authorizeType(actor, 'create', TYPE, owner);
      return inTransaction(db, tx, async (t) => {
        const content = toContent(input);
        await checkLinks(actor, t, content);
        const year = Number(input.recovery.date.earliest.slice(0, 4));
        const code = await nextRemainsCode(t, actor.country, year);
        const id = await insertRemains(
          t,
          {
            code,
            country: actor.country,
            organisationId: actor.organisationId!,
            createdBy: actor.id,
          },
          content,
        );
        await recordAudit(t, actor, {
          action: 'create',
          subjectType: TYPE,
          subjectId: id,
          subjectCountry: actor.country,
          fields: Object.keys(input),
          details: { code },
        });
        await hooks.changed?.(t, actor, id);
        return presentRemains(actor, (await findRemains(t, id))!);
      });
    },

    /** One remains record, cut to the fields the actor may read (audited). */
    async get(actor: Actor, id: string): Promise<RemainsView> {
      return db.transaction(async (t) => {
        const remains = authorize(actor, 'read', TYPE, await findRemains(t, id));
        const view = presentRemains(actor, remains);
        await recordAudit(t, actor, {
          action: 'read',
          subjectType: TYPE,
          subjectId: remains.id,
          subjectCountry: remains.country,
          fields: Object.keys(view),
        });
        return view;
      });
    },

    /** Corrects or completes findings; each given field is replaced whole. */
    async update(actor: Actor, id: string, patch: UpdateRemainsInput): Promise<RemainsView> {
      return db.transaction(async (t) => {
        const current = authorize(actor, 'update', TYPE, await findRemains(t, id, true));
        const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const content = { ...toContent(current), ...given } as RemainsContent;
        await checkLinks(actor, t, content, current.id);
        await updateRemains(t, current.id, content);
        await recordAudit(t, actor, {
          action: 'update',
          subjectType: TYPE,
          subjectId: current.id,
          subjectCountry: current.country,
          fields: Object.keys(given),
        });
        await hooks.changed?.(t, actor, current.id);
        return presentRemains(actor, (await findRemains(t, id))!);
      });
    },

    /**
     * Moves the identification status along its state machine, with the basis of the decision.
     * "identified" needs two forensic practitioners: the first call records a proposal, a call by
     * a different practitioner of the same country confirms it.
     */
    async changeStatus(actor: Actor, id: string, input: ChangeStatusInput, tx?: Queryable) {
      return inTransaction(db, tx, async (t) => {
        const loaded = authorize(actor, 'read', TYPE, await findRemains(t, id, true));
        const proposal = await findIdentificationProposal(t, loaded.id);
        const confirming =
          input.status === 'identified' &&
          proposal !== undefined &&
          proposal.proposedBy !== actor.id;
        const current = authorize(
          actor,
          confirming ? 'confirmIdentification' : 'changeStatus',
          TYPE,
          loaded,
        );
        if (!STATUS_TRANSITIONS[current.status].includes(input.status)) {
          throw new AppError(
            'INVALID_TRANSITION',
            `Remains that are ${current.status} cannot become ${input.status}`,
            { from: current.status, to: input.status },
          );
        }
        const audit = (action: string, details: Record<string, unknown>) =>
          recordAudit(t, actor, {
            action,
            subjectType: TYPE,
            subjectId: current.id,
            subjectCountry: current.country,
            fields: ['status', 'statusBasis'],
            details: { from: current.status, to: input.status, ...details },
          });
        if (input.status === 'identified' && !confirming) {
          if (proposal?.proposedBy === actor.id) {
            throw new AppError(
              'SECOND_REVIEWER_REQUIRED',
              'An identification is confirmed by a second forensic practitioner, not by the one who proposed it',
            );
          }
          await saveIdentificationProposal(t, current.id, actor.id, input.basis);
          await audit('propose_identification', {});
          return {
            ...presentRemains(actor, current),
            identificationPending: { proposedBy: actor.id, basis: input.basis },
          };
        }
        const basis = confirming ? `${proposal.basis} (confirmed: ${input.basis})` : input.basis;
        await setRemainsStatus(t, current.id, input.status, basis);
        await clearIdentificationProposal(t, current.id);
        // Identified remains leave matching here and their shared profile is withdrawn abroad.
        await hooks.changed?.(t, actor, current.id);
        await audit(
          'change_status',
          confirming ? { proposedBy: proposal.proposedBy, confirmedBy: actor.id } : {},
        );
        return presentRemains(actor, (await findRemains(t, id))!);
      });
    },

    /** Forensic search by date, area, incident, sex, age and stature overlap, marks, effects, status. */
    async search(actor: Actor, query: SearchRemainsQuery): Promise<Page<RemainsView>> {
      authorizeType(actor, 'search', TYPE);
      const access = accessibleWhere(actor.ability, 'search', TYPE, { country: 'r.country' });
      return db.transaction(async (t) => {
        const { rows, total } = await searchRemains(t, access, query);
        const items = rows.map((r) => presentRemains(actor, r));
        await recordAudit(t, actor, {
          action: 'list',
          subjectType: TYPE,
          subjectCountry: actor.country,
          fields: Object.keys(items[0] ?? {}),
          details: { ids: rows.map((r) => r.id) },
        });
        return { items, total, limit: query.limit, offset: query.offset };
      });
    },
  };
}

/** The remains service's interface. */
export type RemainsService = ReturnType<typeof createRemainsService>;
