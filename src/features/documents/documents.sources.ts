// Adapters from other features' presented records to what documents print. They read only the
// presented (already field-filtered) records, so a document never shows more than the API.
import type { ContactPoint } from '../contact-points/index.js';
import type { CaseSummaryData } from './documents.case-summary.js';
import { DOCUMENT_LANGUAGES, type DocumentLanguage } from './documents.i18n.js';

type View = Record<string, unknown>;
type Name = { kind: string; value: string; script?: string; latin?: string };
type FuzzyDate = { text: string };

/** A family-facing timeline step as the reports service returns it. */
export interface TimelineItem {
  status: string;
  at: string;
  messageToFamily?: string | null;
}

/** The language of a document: asked for, else the first supported preference, else English. */
export function documentLanguage(
  asked: DocumentLanguage | undefined,
  preferences: (string | null | undefined)[],
): DocumentLanguage {
  if (asked) {
    return asked;
  }
  const found = preferences.find((p): p is DocumentLanguage =>
    DOCUMENT_LANGUAGES.includes(p as DocumentLanguage),
  );
  return found ?? 'en';
}

/**
 * The names of a person as printed: one line per script (the variants of one script are one way
 * of writing the name), then the Latin form of a non-Latin line unless a line already says it,
 * then nicknames. A name given in Latin and Arabic is printed once in each, never twice over.
 */
function printedNames(names: Name[]): string[] {
  const byScript = new Map<string, Name[]>();
  for (const n of names.filter((x) => x.kind !== 'nickname')) {
    const script = n.script ?? 'Latn';
    byScript.set(script, [...(byScript.get(script) ?? []), n]);
  }
  const lines: string[] = [];
  const add = (line: string) => {
    const key = line.normalize('NFC').toLocaleLowerCase();
    if (line && !lines.some((l) => l.normalize('NFC').toLocaleLowerCase() === key)) {
      lines.push(line);
    }
  };
  for (const variants of byScript.values()) {
    add(variants.map((n) => n.value).join(' '));
  }
  for (const [script, variants] of byScript) {
    if (script !== 'Latn') {
      add(variants.map((n) => n.latin ?? n.value).join(' '));
    }
  }
  names.filter((n) => n.kind === 'nickname').forEach((n) => add(`“${n.value}”`));
  return lines;
}

/** The contact point's public directory details, as the case summary prints them. */
export function contactDetails(cp: ContactPoint | undefined): CaseSummaryData['contactPoint'] {
  if (!cp) {
    return null;
  }
  const first = (kind: string) => cp.channels.find((c) => c.kind === kind)?.value;
  return {
    name: cp.name,
    organisation: cp.organisationName,
    phone: first('phone'),
    email: first('email'),
    channels: cp.channels.filter((c) => c.kind !== 'phone' && c.kind !== 'email'),
    hours: cp.hours || undefined,
    languages: cp.languages,
  };
}

/** The family case summary's content from the presented report and its family-facing timeline. */
export function caseSummaryData(
  report: View,
  timeline: TimelineItem[],
  contactPoint: CaseSummaryData['contactPoint'],
  generatedAt: Date,
): CaseSummaryData {
  const person = (report.person ?? {}) as {
    names?: Name[];
    sex?: 'male' | 'female' | 'unknown';
    dateOfBirth?: FuzzyDate;
    nationalities?: string[];
  };
  const d = (report.disappearance ?? {}) as {
    lastSeenDate?: FuzzyDate;
    lastSeenPlace?: string;
    lastSeenCountry?: string;
  };
  const lastSeen = [
    d.lastSeenDate?.text,
    d.lastSeenPlace && `${d.lastSeenPlace}${d.lastSeenCountry ? ` (${d.lastSeenCountry})` : ''}`,
  ]
    .filter(Boolean)
    .join(' — ');
  return {
    caseNumber: String(report.caseNumber),
    names: printedNames(person.names ?? []),
    sex: person.sex,
    dateOfBirth: person.dateOfBirth?.text,
    nationality: person.nationalities?.length ? person.nationalities.join(', ') : undefined,
    lastSeen: lastSeen || undefined,
    status: String(report.status),
    timeline: timeline.map((e) => ({ at: e.at, status: e.status, message: e.messageToFamily })),
    contactPoint,
    generatedAt: generatedAt.toISOString(),
  };
}
