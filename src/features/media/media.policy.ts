import type { Policy } from '../../platform/authz/index.js';

/**
 * Files follow the record they belong to, with one more rule for post-mortem photos:
 * - read: see that a file exists, its type and size, and (for sensitive photos) the blurred preview;
 * - view: see the clear derived images and the caption — forensic users always, others only for
 *   non-sensitive files or photos a forensic user marked suitable to show;
 * - readOriginal: the evidential photo original, with its metadata (GPS) — forensic users only;
 *   others get the stripped derived copies (documents have no derived copy: `view` suffices);
 * - mark: decide a post-mortem photo is suitable to show (clothing, an object) — forensic users.
 * Administrators, auditors, analysts and families see no case files.
 */
export const mediaPolicy: Policy = (actor, { can }) => {
  const country = actor.country;
  switch (actor.role) {
    case 'forensic':
      can(['read', 'view', 'readOriginal', 'create', 'delete'], 'MediaFile', { country });
      can('mark', 'MediaFile', { country, sensitive: true });
      return;
    case 'caseworker':
      can('read', 'MediaFile', { country });
      can('view', 'MediaFile', { country, sensitive: false });
      can('view', 'MediaFile', { country, suitableToShow: true });
      can(['create', 'delete'], 'MediaFile', { country, ownerType: 'report' });
      return;
    case 'contact_point':
      can('read', 'MediaFile', { country });
      can('view', 'MediaFile', { country, sensitive: false });
      can('view', 'MediaFile', { country, suitableToShow: true });
      return;
    case 'admin':
    case 'auditor':
    case 'analyst':
    case 'family':
      return;
  }
};
