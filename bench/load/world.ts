// The people and the template records of bench:load, made through the application itself:
// organisations and users by its services, reports and remains filed over HTTP by the three
// personas, custody events appended over HTTP and candidates scored by the match worker. The
// bulk seeder (seed.ts) then clones these rows, so every column is one the application wrote.
import type { Services } from '../../src/container.js';
import type { Database } from '../../src/platform/db/index.js';
import { findUserByEmail } from '../../src/features/users/index.js';
import { hashPassword } from '../../src/platform/crypto/index.js';
import { reportBody } from '../../test/reports.factories.js';
import { remainsBody } from '../../test/remains.factories.js';
import { call, login } from './http.js';
import type { NamePool } from './names.js';

/** The password of every benchmark account. */
export const LOAD_PASSWORD = 'load bench password 1234';
const COUNTRY = 'IT';
export const CASEWORKERS = 5;
export const FORENSICS = 5;
export const FAMILIES = 20;

/** Accounts of the benchmark, with a session each (logged in over HTTP). */
export interface Personas {
  caseworkers: { id: string; token: string }[];
  forensics: { id: string; token: string }[];
  families: { id: string; token: string }[];
}

const email = (role: string, i: number) => `load.${role}.${i}@bench.test`;

/** Creates the organisations and accounts (once per database). */
export async function createAccounts(services: Services): Promise<void> {
  const tracing = await services.organisations.create(null, {
    name: 'Bench tracing service',
    kind: 'tracing_service',
    country: COUNTRY,
  });
  const institute = await services.organisations.create(null, {
    name: 'Bench forensic institute',
    kind: 'forensic_institute',
    country: COUNTRY,
  });
  // One hash for every account (hashing is deliberately slow; the accounts share the password).
  const hash = await hashPassword(LOAD_PASSWORD);
  const make = async (role: 'caseworker' | 'forensic' | 'family', n: number, org?: string) => {
    for (let i = 1; i <= n; i++) {
      await services.users.createWithHashAsSystem(
        {
          email: email(role, i),
          displayName: `Bench ${role} ${i}`,
          role,
          country: COUNTRY,
          organisationId: org ?? null,
          mfaExempt: true,
        },
        hash,
      );
    }
  };
  await make('caseworker', CASEWORKERS, tracing.id);
  await make('forensic', FORENSICS, institute.id);
  await make('family', FAMILIES);
}

/** Logs every benchmark account in over HTTP. */
export async function loginAll(base: string, db: Database): Promise<Personas> {
  const one = async (role: string, n: number) => {
    const out = [];
    for (let i = 1; i <= n; i++) {
      const user = await findUserByEmail(db, email(role, i));
      if (!user) {
        throw new Error(`missing account ${email(role, i)}: seed the database again`);
      }
      out.push({ id: user.id, token: await login(base, email(role, i), LOAD_PASSWORD) });
    }
    return out;
  };
  return {
    caseworkers: await one('caseworker', CASEWORKERS),
    forensics: await one('forensic', FORENSICS),
    families: await one('family', FAMILIES),
  };
}

const DATES = ['2023-03-11', '2023-09-02', '2024-05-01/2024-05-20', '2024-11', '2025-06-14'];
const PLACES = ['Zuwara', 'Sabratha', 'Lampedusa', 'Agadez', 'Oujda', 'Kassala', 'Van'];

/** A report body of variant `i` with names from the pool (what a family or caseworker files). */
export function templateReport(i: number, pool: NamePool, familyId?: string) {
  const names = pool.names[(i * 7919) % pool.names.length]!;
  const sex = i % 3 === 0 ? 'female' : 'male';
  const base = reportBody({}, names as never);
  return {
    ...base,
    person: { ...base.person, sex, dateOfBirth: String(1975 + (i % 35)) },
    disappearance: {
      ...base.disappearance,
      lastSeenDate: DATES[i % DATES.length]!,
      lastSeenPlace: PLACES[i % PLACES.length]!,
    },
    flags: {
      unaccompaniedChild: i % 9 === 0,
      separatedChild: i % 13 === 0,
      pregnant: false,
      disability: i % 17 === 0,
    },
    consent: {
      ...base.consent,
      forensicSharing: i % 5 === 4 ? 'refused' : 'granted',
      crossBorderMatching: i % 4 === 3 ? 'refused' : 'granted',
    },
    ...(familyId ? { familyAccountId: familyId } : {}),
  };
}

/** A remains body of variant `i`. */
export function templateRemains(i: number) {
  return remainsBody({
    sex: i % 4 === 0 ? 'female' : 'male',
    age: { min: 16 + (i % 20), max: 26 + (i % 20) },
    condition: ['complete', 'partial', 'skeletal'][i % 3],
    recovery: { ...remainsBody().recovery, date: `2024-0${1 + (i % 9)}-1${i % 10}` },
  });
}

/** The custody events every seeded remains goes through (the last two for some only). */
export const CUSTODY_STEPS = [
  {
    kind: 'recovered',
    custodian: { name: 'Guardia Costiera', country: COUNTRY },
    location: { name: 'Cala Pisana, Lampedusa', country: COUNTRY },
  },
  {
    kind: 'received_at_morgue',
    custodian: { name: 'Bench forensic institute', country: COUNTRY },
    location: { name: 'Obitorio, Agrigento', country: COUNTRY },
  },
  { kind: 'examined', performedBy: 'Forensic team 2' },
  {
    kind: 'sample_taken',
    sample: { laboratory: 'LABANOF', sampleReference: 'LAB-T', sampleType: 'bone' },
  },
] as const;

/**
 * Files the template records over HTTP: `reports` reports (a quarter by families, the rest by
 * caseworkers, some for a family account) and `remains` remains with their custody events;
 * then the match worker scores them. Returns the template ids.
 */
export async function fileTemplates(
  base: string,
  services: Services,
  who: Personas,
  pool: NamePool,
  counts = { reports: 40, remains: 16 },
): Promise<{ reports: string[]; remains: string[] }> {
  const reports: string[] = [];
  for (let i = 0; i < counts.reports; i++) {
    const family = who.families[i % who.families.length]!;
    const caseworker = who.caseworkers[i % who.caseworkers.length]!;
    const byFamily = i % 4 === 0;
    const body = templateReport(i, pool, byFamily || i % 2 ? undefined : family.id);
    const token = byFamily ? family.token : caseworker.token;
    reports.push((await call<{ id: string }>(base, 'POST', '/api/v1/reports', token, body)).id);
  }
  const remains: string[] = [];
  for (let i = 0; i < counts.remains; i++) {
    const token = who.forensics[i % who.forensics.length]!.token;
    const r = await call<{ id: string }>(
      base,
      'POST',
      '/api/v1/remains',
      token,
      templateRemains(i),
    );
    for (const step of CUSTODY_STEPS) {
      const at = new Date(Date.UTC(2024, 0, 1 + i)).toISOString();
      await call(base, 'POST', `/api/v1/remains/${r.id}/custody`, token, {
        ...step,
        occurredAt: at,
      });
    }
    remains.push(r.id);
  }
  await services.matching.worker.runOnce();
  return { reports, remains };
}
