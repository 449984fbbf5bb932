import { pickReadable, type Actor } from '../../platform/authz/index.js';
import type { Remains } from './remains.repository.js';

/** Every field of a remains record as the API shows it (before field-level filtering). */
export function presentRemainsFull(r: Remains): Record<string, unknown> {
  return {
    id: r.id,
    code: r.code,
    country: r.country,
    organisationId: r.organisationId,
    kind: r.kind,
    associatedWithId: r.associatedWithId,
    bodyPart: r.bodyPart,
    recovery: r.recovery,
    condition: r.condition,
    sex: r.sex,
    age: r.age,
    stature: r.stature,
    hair: r.hair,
    eyes: r.eyes,
    marks: r.marks,
    dental: r.dental,
    medicalFindings: r.medicalFindings,
    implants: r.implants,
    fingerprints: r.fingerprints,
    dnaSamples: r.dnaSamples,
    effects: r.effects,
    documents: r.documents,
    photos: r.photos,
    notes: r.notes,
    legalBasis: r.legalBasis,
    status: r.status,
    statusBasis: r.statusBasis,
    statusChangedAt: r.statusChangedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A remains record cut down to the fields the actor may read (photos, DNA… by role). */
export function presentRemains(actor: Actor, r: Remains): Record<string, unknown> {
  return pickReadable(actor, 'Remains', { ...r }, presentRemainsFull(r));
}
