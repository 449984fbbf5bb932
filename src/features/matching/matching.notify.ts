// Telling the report's contact point (never the family directly) that an identification was
// confirmed: an in-app notification to its staff, written in the confirmation's transaction
// through the notifications feature's outbox writer.
import { findChannel } from '../contact-points/index.js';
import type { NotificationsService } from '../notifications/index.js';
import type { ContactPointNotifier } from './matching.review.js';

/** A notifier that writes to the staff of the report's contact point (0 when none is assigned). */
export function contactPointNotifier(
  notifications: Pick<NotificationsService, 'notifier' | 'openDeathNoticeWithin'>,
): ContactPointNotifier {
  return async (tx, n) => {
    const ch = await findChannel(tx, n.reportId);
    if (!ch) {
      return 0;
    }
    if (n.identification === 'identified') {
      // The family is told of a death in person first: open the death notice for the contact point.
      await notifications.openDeathNoticeWithin(tx, n.reportId);
    }
    const what = n.identification === 'identified' ? 'identified' : 'provisionally identified';
    // Staff read English case-work texts; the family is told in person by the contact point.
    return notifications.notifier.staff(tx, ch, 'status_change', () => ({
      title: `Identification ${n.identification === 'identified' ? 'confirmed' : 'proposed (provisional)'}: ${n.caseNumber}`,
      body:
        `Remains ${n.remainsCode} were ${what} as the person of report ${n.caseNumber} ` +
        `(confirmed by two forensic practitioners). Please arrange to inform the family in person.`,
    }));
  };
}
