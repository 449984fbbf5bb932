import type { Actor } from '../../platform/authz/index.js';
import { asSubject } from '../../platform/authz/index.js';
import type { MediaFile } from './media.repository.js';
import type { Variant } from './media.schemas.js';

/** The sizes of a file an actor may download, best first. */
export function allowedVariants(actor: Actor, f: MediaFile): Variant[] {
  const s = asSubject('MediaFile', f);
  const out: Variant[] = [];
  const clear = actor.ability.can('view', s);
  if (clear && f.mediumKey) {
    out.push('medium', 'thumb');
  }
  if (f.previewKey) {
    out.push('preview');
  }
  const original = f.kind === 'document' ? clear : actor.ability.can('readOriginal', s);
  if (original) {
    out.push('original');
  }
  return out;
}

/** The API shape of a file; captions, names and hashes only for those who may see it clearly. */
export function presentMediaFile(actor: Actor, f: MediaFile) {
  const clear = actor.ability.can('view', asSubject('MediaFile', f));
  return {
    id: f.id,
    ownerType: f.ownerType,
    ownerId: f.ownerId,
    kind: f.kind,
    mediaType: f.mediaType,
    sensitive: f.sensitive,
    suitableToShow: f.suitableToShow,
    ...(clear ? { caption: f.caption, originalName: f.originalName, sha256: f.sha256 } : {}),
    byteSize: f.byteSize,
    width: f.width,
    height: f.height,
    variants: allowedVariants(actor, f),
    createdAt: f.createdAt.toISOString(),
  };
}
