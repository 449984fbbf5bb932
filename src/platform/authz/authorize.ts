import { ForbiddenError } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import { AppError, notFound } from '../errors.js';
import type { Actor } from './actor.js';
import { asSubject } from './ability.js';

/**
 * Checks an action on a loaded record. A record the actor may not even read answers 404,
 * exactly like a missing one; a readable record with a forbidden action answers 403.
 */
export function authorize<T extends object>(
  actor: Actor,
  action: string,
  subjectType: string,
  record: T | undefined,
): T {
  if (!record) {
    throw notFound(subjectType);
  }
  const s = asSubject(subjectType, record);
  if (!actor.ability.can('read', s)) {
    throw notFound(subjectType);
  }
  if (action !== 'read' && !actor.ability.can(action, s)) {
    throw new AppError('FORBIDDEN', `Not allowed to ${action} this ${subjectType}`);
  }
  return record;
}

/** Checks an action on a subject type with no record yet (create, list); 403 when not allowed. */
export function authorizeType(actor: Actor, action: string, subjectType: string, draft?: object) {
  const target = draft ? asSubject(subjectType, draft) : subjectType;
  try {
    ForbiddenError.from(actor.ability).throwUnlessCan(action, target);
  } catch {
    throw new AppError('FORBIDDEN', `Not allowed to ${action} ${subjectType}`);
  }
}

/** The fields of a record the actor may perform `action` on (field-level rules). */
export function permittedFields(
  actor: Actor,
  action: string,
  subjectType: string,
  record: object,
  allFields: readonly string[],
): string[] {
  return permittedFieldsOf(actor.ability, action, asSubject(subjectType, record), {
    fieldsFrom: (rule) => rule.fields ?? [...allFields],
  });
}

/** Refuses a body that touches fields the actor may not change, naming them. */
export function assertPermittedFields(
  actor: Actor,
  action: string,
  subjectType: string,
  record: object,
  allFields: readonly string[],
  body: object,
): void {
  const allowed = new Set(permittedFields(actor, action, subjectType, record, allFields));
  const refused = Object.keys(body).filter((f) => !allowed.has(f));
  if (refused.length > 0) {
    throw new AppError('FORBIDDEN', `Not allowed to change: ${refused.join(', ')}`, {
      fields: refused.map((field) => ({ field, message: 'not permitted for your role' })),
    });
  }
}

/** Keeps only the fields of a presented record that the actor may read. */
export function pickReadable<T extends Record<string, unknown>>(
  actor: Actor,
  subjectType: string,
  record: T,
  presented: Record<string, unknown>,
): Record<string, unknown> {
  const allowed = new Set(
    permittedFields(actor, 'read', subjectType, record, Object.keys(presented)),
  );
  return Object.fromEntries(Object.entries(presented).filter(([k]) => allowed.has(k)));
}
