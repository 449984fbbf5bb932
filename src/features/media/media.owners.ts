import type { Actor } from '../../platform/authz/index.js';
import type { Queryable } from '../../platform/db/index.js';

/** Records that can own files. */
export const OWNER_TYPES = ['report', 'remains'] as const;

/** A record type that can own files. */
export type OwnerType = (typeof OWNER_TYPES)[number];

/** The facts about an owning record that file access needs. */
export interface FileOwner {
  type: OwnerType;
  id: string;
  /** Country of the owning record (ISO 3166-1 alpha-2). */
  country: string;
}

/**
 * Loads an owning record as the actor, with the owning feature's own rules: throws 404 when it
 * is missing or unreadable and 403 when `action` is forbidden. Provided by the reports and
 * remains features through their index.ts, wired in the container.
 */
export type OwnerLoader = (
  actor: Actor,
  id: string,
  action: 'read' | 'update',
  tx?: Queryable,
) => Promise<{ country: string }>;

/** Loaders by owner type; a type without a loader has no files (404). */
export type OwnerLoaders = Partial<Record<OwnerType, OwnerLoader>>;

/** Photos of remains are post-mortem photos: sensitive by default. */
export function isSensitiveOwner(type: OwnerType): boolean {
  return type === 'remains';
}
