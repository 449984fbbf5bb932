import { reportBody } from '../reports.factories.js';
import { api } from '../http.js';

/** A report of a nationality, sex and route (everything else from the reports factory). */
export function statReport(
  nationality: string,
  over: { sex?: string; route?: string; lastSeen?: string } = {},
) {
  const base = reportBody();
  return reportBody({
    person: { ...base.person, nationalities: [nationality], sex: over.sex ?? 'male' },
    disappearance: {
      ...base.disappearance,
      route: over.route ?? 'Central Mediterranean',
      lastSeenDate: over.lastSeen ?? '2025-06',
    },
  });
}

/** Files reports one after another (throws on the first failure). */
export async function fileMany(token: string, bodies: object[]): Promise<void> {
  for (const body of bodies) {
    const res = await api.post('/api/v1/reports', body, token);
    if (res.status !== 201) {
      throw new Error(`fileMany: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
}

/** Every number in a JSON value with its path, skipping keys that are not counts. */
export function countsIn(value: unknown, path = '$', out: { path: string; n: number }[] = []) {
  if (typeof value === 'number') {
    out.push({ path, n: value });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => countsIn(v, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k !== 'threshold' && k !== 'medianDaysToIdentification' && k !== 'medianDays') {
        countsIn(v, `${path}.${k}`, out);
      }
    }
  }
  return out;
}
