import { pickReadable, type Actor } from '../../platform/authz/index.js';
import { REPORT } from './reports.policy.js';
import type { Report, StatusEvent } from './reports.repository.js';
import type { ReportStatus } from './reports.schemas.js';

/** Plain-language status labels for families, by language (English is the fallback). */
const STATUS_LABELS: Record<string, Record<ReportStatus, string>> = {
  en: {
    received: 'We have received your report.',
    under_search: 'The search for your relative is under way.',
    possible_match:
      'We have information that may concern your relative and are checking it carefully.',
    located_alive: 'Your relative has been found alive.',
    identified_deceased: 'We are very sorry: your relative has been identified among the deceased.',
    closed: 'This report is closed.',
  },
  fr: {
    received: 'Nous avons bien reçu votre demande.',
    under_search: 'La recherche de votre proche est en cours.',
    possible_match:
      'Nous avons une information qui pourrait concerner votre proche et la vérifions avec soin.',
    located_alive: 'Votre proche a été retrouvé en vie.',
    identified_deceased:
      'Nous sommes profondément désolés : votre proche a été identifié parmi les personnes décédées.',
    closed: 'Cette demande est clôturée.',
  },
};

/** The plain-language label of a status in a language (English when not translated). */
export function statusLabel(status: ReportStatus, lang = 'en'): string {
  return (STATUS_LABELS[lang] ?? STATUS_LABELS.en!)[status];
}

/** A report with every field, before field-level rules remove what the actor may not read. */
function fullView(r: Report, links: unknown[], lang: string): Record<string, unknown> {
  return {
    id: r.id,
    caseNumber: r.caseNumber,
    country: r.country,
    status: r.status,
    statusLabel: statusLabel(r.status, lang),
    ownerId: r.ownerId,
    flags: r.flags,
    person: r.person,
    disappearance: r.disappearance,
    description: r.description,
    medical: r.medical,
    dnaSamples: r.dnaSamples,
    relatives: r.relatives,
    consent: r.consent,
    legalBasis: r.legalBasis,
    internalNotes: r.internalNotes,
    links,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    closedAt: r.closedAt ? new Date(r.closedAt).toISOString() : null,
  };
}

/** The API shape of a report: only the fields the actor may read. */
export function presentReport(actor: Actor, r: Report, links: unknown[] = [], lang = 'en') {
  return pickReadable(
    actor,
    REPORT,
    r as unknown as Record<string, unknown>,
    fullView(r, links, lang),
  );
}

/** A short list entry: identification facts only, never contacts or medical data. */
export function presentSummary(r: Report, score: number | null, lang = 'en') {
  const d = r.disappearance as {
    lastSeenDate?: unknown;
    lastSeenPlace?: string;
    lastSeenCountry?: string;
    route?: string;
  };
  return {
    id: r.id,
    caseNumber: r.caseNumber,
    status: r.status,
    statusLabel: statusLabel(r.status, lang),
    flags: r.flags,
    names: r.person.names,
    sex: r.person.sex,
    lastSeenDate: d.lastSeenDate,
    lastSeenPlace: d.lastSeenPlace,
    lastSeenCountry: d.lastSeenCountry,
    route: d.route ?? null,
    score,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

/**
 * One step of the status timeline. Families read the plain-language label and any message to
 * them; professionals also read the internal reason and who made the change.
 */
export function presentStatusEvent(e: StatusEvent, forFamily: boolean, lang = 'en') {
  const base = {
    status: e.toStatus,
    label: statusLabel(e.toStatus, lang),
    at: e.at.toISOString(),
    messageToFamily: e.messageToFamily,
  };
  if (forFamily) {
    return base;
  }
  return {
    ...base,
    fromStatus: e.fromStatus,
    reason: e.reason,
    actorId: e.actorId,
    actorRole: e.actorRole,
  };
}
