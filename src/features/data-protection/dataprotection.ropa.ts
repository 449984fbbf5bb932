// The record of processing activities (ICRC Handbook; GDPR art. 30 style), generated from the
// node's configuration and the code's own tables — the purpose rules, the retention categories,
// the roles — so it cannot drift: docs/processing-activities.md is this output, and a test
// regenerates it and compares (`npm run cli -- processing:print` prints it).
import type { AppConfig } from '../../config/index.js';
import { ROLES } from '../../platform/authz/index.js';
import { retentionPeriods } from './dataprotection.retention.js';
import { PURPOSE_RULES, USES } from './purposes.js';

/** Who receives the data of each use (roles of this node, and other states). */
const RECIPIENTS: Record<(typeof USES)[number], string> = {
  search: 'caseworkers of the report’s country; the assigned contact point',
  duplicates: 'caseworkers of the report’s country',
  forensicComparison: 'forensic practitioners of the report’s country',
  crossBorderTransfer:
    'jurisdictions under an exchange agreement: a pseudonymous profile, and on approved request a sealed (JWE) record',
  photoPublication: 'the assigned contact point (who may show the photo to help the search)',
  documents: 'the family; caseworkers and forensic practitioners of the country',
  export: 'a PFIF 1.4 repository chosen by the caseworker',
  statistics: 'analysts and the public, as small-cell-suppressed aggregates (no personal data)',
};

/** Categories of data held, with whom they are about. */
const DATA_CATEGORIES: [string, string, string][] = [
  [
    'Missing-person reports (ante-mortem)',
    'missing persons, their relatives',
    'names in every script, sex, date of birth, nationality, last-seen place and route, description, dental and medical data, DNA sample references (no profiles), relatives’ contacts, consent per purpose, legal basis',
  ],
  [
    'Unidentified remains (post-mortem)',
    'deceased persons',
    'remains code, recovery, sex/age/stature ranges, marks, dental and medical findings, samples, effects, photos, status, legal basis (prosecutor’s order, public health law, …)',
  ],
  [
    'Custody and burial chain',
    'deceased persons',
    'every movement of remains, custodians, burial place (hash-chained)',
  ],
  [
    'Files',
    'missing and deceased persons',
    'photos and scans (originals kept as evidence under their hash; derivatives without metadata)',
  ],
  [
    'Accounts and sessions',
    'users of the node',
    'name, e-mail, role, organisation, password hash, TOTP seed (sealed), sessions, refresh-token hashes',
  ],
  [
    'Notifications and messages',
    'families, contact points',
    'in-app notifications, e-mail outbox, messages between a family and its contact point',
  ],
  [
    'Cross-border exchange',
    'missing and deceased persons',
    'pseudonymous matching profiles sent and received, candidates, disclosure requests, sealed disclosed records',
  ],
  [
    'Audit trail',
    'users and the records they touched',
    'who did what to which record, when, which fields (names only), for which purpose',
  ],
];

/** Renders the record of processing activities as Markdown. */
export function renderProcessingActivities(config: AppConfig): string {
  const node = config.node;
  const p = retentionPeriods(config);
  const lines: string[] = [];
  const row = (cells: (string | number)[]) => lines.push(`| ${cells.join(' | ')} |`);
  lines.push('# Record of processing activities');
  lines.push('');
  lines.push(
    '<!-- Generated from config/node.json and src/features/data-protection (purposes.ts, dataprotection.retention.ts, dataprotection.ropa.ts). Do not edit by hand: `npm run --silent cli -- processing:print > docs/processing-activities.md`; test/data-protection/processing-activities.test.ts keeps it true. -->',
  );
  lines.push('');
  lines.push(
    `Controller: **${node.name}** (\`${node.issuer}\`), country ${node.country}, jurisdictions ${(node.jurisdictions ?? [node.country]).join(', ')}.`,
  );
  lines.push('');
  lines.push('## Categories of data');
  lines.push('');
  row(['category', 'about', 'data']);
  row(['---', '---', '---']);
  for (const c of DATA_CATEGORIES) {
    row(c);
  }
  lines.push('');
  lines.push('## Purposes, legal basis and recipients');
  lines.push('');
  lines.push(
    'Every use of a report is decided by one rule table (`purposes.ts`); a use whose consent is refused or withdrawn is refused or left out. Remains are processed under their recorded legal basis, not consent.',
  );
  lines.push('');
  row([
    'use',
    'what it is',
    'needs the family’s consent to',
    'another legal basis covers it',
    'recipients',
  ]);
  row(['---', '---', '---', '---', '---']);
  for (const use of USES) {
    const rule = PURPOSE_RULES[use];
    row([
      `\`${use}\``,
      rule.description,
      rule.consents.length > 0 ? rule.consents.join(' and ') : '— (aggregates only)',
      rule.otherBasisCovers ? 'yes (vital interest, public interest, legal obligation)' : 'no',
      RECIPIENTS[use],
    ]);
  }
  lines.push('');
  lines.push('## Retention');
  lines.push('');
  lines.push(
    `Applied by the service every ${node.retention.intervalMinutes > 0 ? `${node.retention.intervalMinutes} minutes` : '— (scheduled job off)'} and by \`cli retention:apply [--dry-run]\`. A legal hold on a report or remains record stops its purge.`,
  );
  lines.push('');
  row(['category', 'period', 'then']);
  row(['---', '---', '---']);
  for (const [outcome, years] of Object.entries(p.reportYears)) {
    row([
      `closed reports (outcome: ${outcome})`,
      `${years} years after closing`,
      'deleted with files, timeline, names, candidates, notifications',
    ]);
  }
  for (const [status, years] of Object.entries(p.remainsYears)) {
    row([
      `remains (${status})`,
      `${years} years after the status`,
      'reduced to code, status, legal basis, recovery date and place; files deleted',
    ]);
  }
  row(['unidentified remains', 'none', 'kept until identified']);
  row(['custody and burial chain, burial register', 'none', 'kept: required by law']);
  row(['sessions and refresh tokens', `${p.sessionsDays} days after the session ended`, 'deleted']);
  row(['notifications', `${p.notificationsDays} days`, 'deleted (with their e-mail)']);
  row(['delivered or failed outbox rows (e-mail, channel)', `${p.outboxDays} days`, 'deleted']);
  row([
    'records disclosed by other states',
    `${p.disclosuresReceivedDays} days, or the agreed expiry`,
    'sealed record erased; the exchange’s metadata kept',
  ]);
  row([
    'audit trail',
    `${p.auditEventsYears} years`,
    'pruned behind an anchor; the chain verifies from it',
  ]);
  lines.push('');
  lines.push('## Transfers');
  lines.push('');
  lines.push(
    'Personal data leaves the node only to a jurisdiction under an exchange agreement (message kinds, data categories and purposes named in it), with the family’s consent to forensic sharing and cross-border matching, as a signed (JWS) and, for disclosed records, encrypted (JWE) message. Matching profiles carry no names, contacts or local ids; the consent and the legal basis travel with them. Withdrawal of consent, closing or erasure withdraws them at every peer.',
  );
  lines.push('');
  lines.push('## Roles of this node');
  lines.push('');
  lines.push(ROLES.map((r) => `\`${r}\``).join(', '));
  lines.push('');
  lines.push('## Rights');
  lines.push('');
  lines.push(
    'A family reads and exports everything held about its case (report, timeline, messages, files, notifications, erasure requests, every processing), withdraws a relative’s contact details and consent per purpose, and asks for erasure, which a caseworker grants or refuses with a reason the family sees. Auditors list every access to one record.',
  );
  lines.push('');
  return lines.join('\n');
}
