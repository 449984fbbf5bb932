// Accountability (ADR 0144): every access to one report or remains record, from the audit trail —
// reads, changes, documents, files, searches that showed it, matching and disclosures — with who,
// when, what and for which purpose. For auditors of the record's country.
import type { Database } from '../../platform/db/index.js';
import { accessibleWhere, authorizeType, type Actor } from '../../platform/authz/index.js';
import { notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { ACCESS_LOG } from './dataprotection.policy.js';

/** One access to a record. */
export interface Access {
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  /** The fields read or changed (names only). */
  fields: string[];
  /** The purpose recorded with the event, or the purpose of the actor's role. */
  purpose: string;
  /** How the record was reached: directly, through one of its files, or in a list shown. */
  via: 'record' | 'file' | 'list';
}

/** The purpose a role processes case data for, when an event names none. */
const ROLE_PURPOSE: Record<string, string> = {
  family: 'access to the family’s own case',
  caseworker: 'family tracing',
  contact_point: 'keeping the family informed',
  forensic: 'identification of the dead',
  admin: 'administration',
  auditor: 'audit',
  analyst: 'statistics',
};

/** The access log of one record (auditors). */
export function createAccessLog(db: Database) {
  return {
    /** Every access to a report or remains record the auditor may read, oldest first. */
    async of(actor: Actor, type: 'reports' | 'remains', id: string): Promise<{ items: Access[] }> {
      authorizeType(actor, 'read', ACCESS_LOG, { country: actor.country });
      const table = type === 'reports' ? 'reports' : 'remains';
      const subject = type === 'reports' ? 'Report' : 'Remains';
      const owner = type === 'reports' ? 'report' : 'remains';
      const [record] = await db.query<{ country: string }>(
        `SELECT trim(country) AS country FROM ${table} WHERE id = $1`,
        [id],
      );
      // Another jurisdiction's record answers like a missing one (an erased one keeps its log).
      if (record && record.country !== actor.country) {
        throw notFound(subject);
      }
      const access = accessibleWhere(actor.ability, 'read', 'AuditEvent', {
        actorCountry: 'actor_country',
        subjectCountry: 'subject_country',
      });
      const n = access.params.length;
      const rows = await db.query<{
        at: Date;
        actorId: string | null;
        actorRole: string | null;
        action: string;
        fields: string[];
        purpose: string | null;
        via: Access['via'];
      }>(
        `SELECT at, actor_id AS "actorId", actor_role AS "actorRole", action, fields, purpose,
           CASE WHEN subject_type = $${n + 1} AND subject_id = $${n + 2} THEN 'record'
                WHEN details->>'ownerId' = $${n + 2} THEN 'file' ELSE 'list' END AS via
         FROM audit_events
         WHERE (${access.sql}) AND (
           (subject_type = $${n + 1} AND subject_id = $${n + 2})
           OR (details->>'ownerType' = $${n + 3} AND details->>'ownerId' = $${n + 2})
           OR (details->'ids') @> to_jsonb(ARRAY[$${n + 2}::text]))
         ORDER BY seq`,
        [...access.params, subject, id, owner],
      );
      await recordAudit(db, actor, {
        action: 'readAccessLog',
        subjectType: subject,
        subjectId: id,
        subjectCountry: actor.country,
        purpose: 'audit',
        details: { events: rows.length },
      });
      return {
        items: rows.map((r) => ({
          at: new Date(r.at).toISOString(),
          actorId: r.actorId,
          actorRole: r.actorRole,
          action: r.action,
          fields: r.fields,
          purpose:
            r.purpose ?? (r.actorRole ? ROLE_PURPOSE[r.actorRole] : undefined) ?? 'system job',
          via: r.via,
        })),
      };
    },
  };
}

/** The access log's interface. */
export type AccessLog = ReturnType<typeof createAccessLog>;
