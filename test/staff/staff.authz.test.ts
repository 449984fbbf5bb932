// The authorization matrix applied to the staff console's routes: for each page, who gets it
// (200), who is sent to the login (303), whose role is refused (403) and for whom the record
// does not exist (404: another country's record, or a case not assigned to them).
import { expect } from 'chai';
import type { Role } from '../../src/platform/authz/index.js';
import { buildUser } from '../factories.js';
import { candidateId, matchingWorld } from '../matching.factories.js';
import { keepDataFor, startedFromKeptData } from '../node.js';
import { staffClient, staffLogin } from './staff.helpers.js';

type Client = ReturnType<typeof staffClient>;

interface Fixture {
  clients: Record<string, Client>;
  remainsId: string;
  reportId: string;
  candidateId: string;
}

const ACTORS = [
  'anonymous',
  'family@TN',
  'caseworker@IT',
  'forensic@IT',
  'forensic@TN',
  'contact_point@IT',
  'assignedContactPoint',
  'auditor@IT',
  'admin@IT',
  'analyst@IT',
] as const;
type ActorKey = (typeof ACTORS)[number];

async function fixture(): Promise<Fixture> {
  const w = await matchingWorld();
  const clients: Record<string, Client> = { anonymous: staffClient() };
  for (const key of ACTORS) {
    if (key === 'anonymous') {
      continue;
    }
    if (key === 'assignedContactPoint') {
      clients[key] = await staffLogin(w.contactPoint.staff.email);
      continue;
    }
    const [role, country] = key.split('@') as [Role, string];
    const email =
      key === 'forensic@IT'
        ? w.forensicA.email
        : key === 'caseworker@IT'
          ? w.caseworker.email
          : (await buildUser({ role, country })).email;
    if (role === 'family') {
      const c = staffClient();
      await c.get('/staff/login');
      await c.post('/staff/login', { email, password: 'correct horse battery staple' });
      clients[key] = c;
    } else {
      clients[key] = await staffLogin(email);
    }
  }
  return {
    clients,
    remainsId: w.trueId,
    reportId: w.reportId,
    candidateId: (await candidateId(w.reportId, w.trueId))!,
  };
}

const ALL_STAFF = [
  'caseworker@IT',
  'forensic@IT',
  'forensic@TN',
  'contact_point@IT',
  'assignedContactPoint',
  'auditor@IT',
  'admin@IT',
  'analyst@IT',
] as const;

/** Expected statuses: the listed actors; everyone else on the console is refused (403). */
function row(allowed: Partial<Record<ActorKey, number>>): Record<ActorKey, number> {
  const out = { anonymous: 303, 'family@TN': 403 } as Record<ActorKey, number>;
  for (const a of ALL_STAFF) {
    out[a] = allowed[a] ?? 403;
  }
  return out;
}

const PAGES: [string, (fx: Fixture) => string, Record<ActorKey, number>][] = [
  ['home', () => '/staff', row(Object.fromEntries(ALL_STAFF.map((a) => [a, 200])))],
  ['remains list', () => '/staff/remains', row({ 'forensic@IT': 200, 'forensic@TN': 200 })],
  [
    'remains page',
    (fx) => `/staff/remains/${fx.remainsId}`,
    row({ 'forensic@IT': 200, 'forensic@TN': 404 }),
  ],
  [
    'comparison view',
    (fx) => `/staff/candidates/${fx.candidateId}`,
    row({ 'forensic@IT': 200, 'forensic@TN': 404 }),
  ],
  [
    'report search',
    () => '/staff/reports',
    row({ 'caseworker@IT': 200, 'forensic@IT': 200, 'forensic@TN': 200 }),
  ],
  [
    'report page',
    (fx) => `/staff/reports/${fx.reportId}`,
    row({
      'caseworker@IT': 200,
      'forensic@IT': 200,
      'forensic@TN': 404,
      'contact_point@IT': 404,
      assignedContactPoint: 200,
    }),
  ],
  [
    'cases and tasks',
    () => '/staff/cases',
    row({ 'contact_point@IT': 200, assignedContactPoint: 200 }),
  ],
  [
    'case page',
    (fx) => `/staff/cases/${fx.reportId}`,
    row({ 'contact_point@IT': 404, assignedContactPoint: 200 }),
  ],
  ['audit trail', () => '/staff/audit', row({ 'auditor@IT': 200 })],
  ['chain verification', () => '/staff/audit/verify', row({ 'auditor@IT': 200 })],
  ['users and organisations', () => '/staff/users', row({ 'admin@IT': 200 })],
];

describe('authorization matrix: staff console pages', function () {
  this.timeout(120_000);
  let fx: Fixture | undefined;

  PAGES.forEach(([name, path, expected], i) => {
    it(`${name}: ${Object.entries(expected)
      .map(([a, s]) => `${a} ${s}`)
      .join(', ')}`, async function () {
      if (!fx || !startedFromKeptData(this.test)) {
        fx = await fixture();
      }
      const url = path(fx);
      for (const actor of ACTORS) {
        const res = await fx.clients[actor]!.get(url);
        expect(res.status, `${url} as ${actor}`).to.equal(expected[actor]);
        if (res.status === 303) {
          expect(res.headers.location, `${url} as ${actor}`).to.match(/^\/staff\/login\?next=/);
        }
      }
      const next = this.test?.parent?.tests[i + 1];
      if (next) {
        keepDataFor(next);
      }
    });
  });

  it('refuses a custody event to other roles (403) and to another country (404), writing nothing', async () => {
    const f = await fixture();
    const form = {
      kind: 'recovered',
      occurredAt: '2025-10-04T09:00',
      custodianName: 'Guardia Costiera',
      locationName: 'Lampedusa',
    };
    for (const [actor, status] of [
      ['caseworker@IT', 403],
      ['forensic@TN', 404],
      ['family@TN', 403],
    ] as const) {
      const c = f.clients[actor]!;
      await c.get('/staff');
      const res = await c.post(`/staff/remains/${f.remainsId}/custody`, form);
      expect(res.status, actor).to.equal(status);
    }
    const anon = await f.clients.anonymous!.post(`/staff/remains/${f.remainsId}/custody`, form);
    expect(anon.status).to.be.oneOf([303, 403]);
    const page = await f.clients['forensic@IT']!.get(`/staff/remains/${f.remainsId}`);
    expect(page.text).not.to.contain('Guardia Costiera');
  });
});
