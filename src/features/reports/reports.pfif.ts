// PFIF 1.4 (Person Finder Interchange Format): export a report as a person record with its
// status notes; parse person records from other systems as leads.
import { createRequire } from 'node:module';
import { AppError } from '../../platform/errors.js';
import type { Report, StatusEvent } from './reports.repository.js';
import type { ReportStatus } from './reports.schemas.js';

const require = createRequire(import.meta.url);

/** The PFIF 1.4 namespace. */
export const PFIF_NS = 'http://zesty.ca/pfif/1.4';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const el = (name: string, value: string | undefined | null) =>
  value ? `    <pfif:${name}>${esc(value)}</pfif:${name}>\n` : '';

/** PFIF note status for each report status. */
const NOTE_STATUS: Record<ReportStatus, string> = {
  received: 'information_sought',
  under_search: 'information_sought',
  possible_match: 'information_sought',
  located_alive: 'believed_alive',
  identified_deceased: 'believed_dead',
  closed: '',
};

const PFIF_SEX: Record<string, string> = { female: 'female', male: 'male', unknown: '' };

/**
 * A report as a PFIF 1.4 document: one person with identification facts only (names, sex,
 * date of birth, last-seen place) and one note per status change. No medical data, relatives
 * or internal reasons leave the node this way.
 */
export function reportToPfif(
  r: Report,
  events: StatusEvent[],
  domain: string,
  sourceName: string,
): string {
  const personId = `${domain}/${r.caseNumber}`;
  const names = r.person.names;
  const latin = (n: { value: string; latin?: string }) => n.latin ?? n.value;
  // A name given in several scripts has one Latin form: each part is written once.
  const given = distinct(names.filter((n) => n.kind === 'given').map(latin)).join(' ');
  const family = distinct(names.filter((n) => n.kind === 'family').map(latin)).join(' ');
  const alternates = distinct(
    names
      .filter((n) => n.kind !== 'given' && n.kind !== 'family')
      .map(latin)
      .concat(names.filter((n) => n.script !== 'Latn').map((n) => n.value)),
  );
  const p = r.person as { sex?: string; dateOfBirth?: { text: string; precision: string } };
  const d = r.disappearance as { lastSeenPlace: string; lastSeenCountry: string };
  const dob = p.dateOfBirth && p.dateOfBirth.precision !== 'range' ? p.dateOfBirth.text : undefined;
  const created = new Date(r.createdAt).toISOString().replace(/\.\d+Z$/, 'Z');
  const notes = events
    .filter((e) => NOTE_STATUS[e.toStatus])
    .map(
      (e) =>
        '  <pfif:note>\n' +
        el('note_record_id', `${domain}/${r.caseNumber}.${e.id}`) +
        el('person_record_id', personId) +
        el('entry_date', e.at.toISOString().replace(/\.\d+Z$/, 'Z')) +
        el('author_name', sourceName) +
        el('source_date', e.at.toISOString().replace(/\.\d+Z$/, 'Z')) +
        el('status', NOTE_STATUS[e.toStatus]) +
        el('text', e.messageToFamily ?? '') +
        '  </pfif:note>\n',
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<pfif:pfif xmlns:pfif="${PFIF_NS}">\n  <pfif:person>\n` +
    el('person_record_id', personId) +
    el('entry_date', created) +
    el('author_name', sourceName) +
    el('source_name', sourceName) +
    el('source_date', created) +
    el('full_name', [given, family].filter(Boolean).join(' ')) +
    el('given_name', given) +
    el('family_name', family) +
    el('alternate_names', alternates.join('\n')) +
    el('sex', PFIF_SEX[p.sex ?? 'unknown']) +
    el('date_of_birth', dob) +
    el('home_country', undefined) +
    el('description', `Missing person. Last seen: ${d.lastSeenPlace} (${d.lastSeenCountry}).`) +
    notes +
    '  </pfif:person>\n</pfif:pfif>\n'
  );
}

/** A PFIF person record read from another system. */
export interface PfifPerson {
  personRecordId: string;
  fullName: string;
  record: Record<string, string>;
  notes: Record<string, string>[];
}

const FIELDS = [
  'person_record_id',
  'entry_date',
  'expiry_date',
  'author_name',
  'source_name',
  'source_date',
  'source_url',
  'full_name',
  'given_name',
  'family_name',
  'alternate_names',
  'description',
  'sex',
  'date_of_birth',
  'age',
  'home_street',
  'home_neighborhood',
  'home_city',
  'home_state',
  'home_postal_code',
  'home_country',
  'photo_url',
  'profile_urls',
];
const NOTE_FIELDS = [
  'note_record_id',
  'entry_date',
  'author_name',
  'source_date',
  'status',
  'last_known_location',
  'text',
];

const bad = (message: string) =>
  new AppError('VALIDATION_FAILED', 'Invalid request: body.xml', {
    fields: [{ field: 'body.xml', message }],
  });

function pick(node: Record<string, unknown>, fields: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = node[f];
    if (typeof v === 'string' || typeof v === 'number') {
      out[f] = String(v).slice(0, 5000);
    }
  }
  return out;
}

/** Parses a PFIF 1.2–1.4 document into person records (entities are not expanded). */
export function parsePfif(xml: string): PfifPerson[] {
  // Loaded on the first import, not at start-up (ADR 0129); the CommonJS build of the same parser.
  const { XMLParser } = require('fast-xml-parser') as typeof import('fast-xml-parser');
  const parser = new XMLParser({
    removeNSPrefix: true,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (name) => name === 'person' || name === 'note',
  });
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml, true) as Record<string, unknown>;
  } catch (e) {
    throw bad(`not well-formed XML: ${(e as Error).message.slice(0, 200)}`);
  }
  const root = doc.pfif as { person?: Record<string, unknown>[] } | undefined;
  if (!root || !Array.isArray(root.person) || root.person.length === 0) {
    throw bad('no PFIF person records found');
  }
  if (root.person.length > 500) {
    throw bad('at most 500 person records per import');
  }
  return root.person.map((node, i) => {
    const record = pick(node, FIELDS);
    const id = record.person_record_id;
    if (!id || !/^[^/\s]+\/\S+$/.test(id)) {
      throw bad(`person ${i + 1}: person_record_id must be "domain/identifier"`);
    }
    const fullName =
      record.full_name ?? [record.given_name, record.family_name].filter(Boolean).join(' ');
    if (!fullName) {
      throw bad(`person ${i + 1}: a name is required`);
    }
    const notes = ((node.note as Record<string, unknown>[] | undefined) ?? []).map((n) =>
      pick(n, NOTE_FIELDS),
    );
    return { personRecordId: id, fullName: fullName.slice(0, 500), record, notes };
  });
}

/** The values without repeats (letter case and Unicode form ignored), first spelling kept. */
function distinct(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.normalize('NFC').toLocaleLowerCase();
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
