import type { NameMatch } from '../../platform/names/index.js';
import { readFileSync } from 'node:fs';
import { pickReadable, type Actor } from '../../platform/authz/index.js';
import { REPORT } from './reports.policy.js';
import type { Report, StatusEvent } from './reports.repository.js';
import type { ReportStatus } from './reports.schemas.js';

/** Languages the family-facing status labels exist in (files under ./locales). */
export const STATUS_LABEL_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;

/** Plain-language status labels for families, by language, read once from ./locales. */
const STATUS_LABELS: Record<string, Record<ReportStatus, string>> = Object.fromEntries(
  STATUS_LABEL_LANGUAGES.map((lang) => [
    lang,
    JSON.parse(readFileSync(new URL(`./locales/${lang}.json`, import.meta.url), 'utf8')) as Record<
      ReportStatus,
      string
    >,
  ]),
);

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
export function presentSummary(r: Report, score: number | null, lang = 'en', match?: NameMatch) {
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
    // Which searched words matched which of the person's names, and why.
    ...(match ? { nameMatch: match } : {}),
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
