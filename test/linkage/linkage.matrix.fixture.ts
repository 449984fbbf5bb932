// The fixture of the linkage authorization matrix: a linkage unit run from IT, members FR and TN on
// this node, one report each of the same person, both submitted and compared, so each member holds
// one pair to review.
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { fileReport, reportBody } from '../reports.factories.js';

export const MATRIX_AGREEMENT = 'agr-matrix-fr-tn';

/** Records and actors of the matrix. */
export interface LinkageFixture {
  /** FR's pair (FR's report, TN's pseudonym). */
  frPairId: string;
  /** fr, tn: caseworkers; frAdmin: FR's administrator; unitAdmin: the unit's administrator. */
  actors: Record<string, string>;
}

function ok(res: { status: number; body: unknown }, expected: number, step: string) {
  if (res.status !== expected) {
    throw new Error(`linkageFixture: ${step} ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res;
}

/** Builds the agreement, the two submissions and the unit's comparison. */
export async function linkageFixture(): Promise<LinkageFixture> {
  const AGR = MATRIX_AGREEMENT;
  const [unitAdmin, frAdmin, tnAdmin, fr, tn] = await Promise.all([
    buildUser({ role: 'admin', country: 'IT' }),
    buildUser({ role: 'admin', country: 'FR' }),
    buildUser({ role: 'admin', country: 'TN' }),
    buildUser({ role: 'caseworker', country: 'FR' }),
    buildUser({ role: 'caseworker', country: 'TN' }),
  ]);
  const agreements = '/api/v1/linkage/agreements';
  ok(
    await api.post(
      '/api/v1/linkage/unit/agreements',
      { agreementId: AGR, members: ['FR', 'TN'], threshold: 0.7 },
      unitAdmin.token,
    ),
    201,
    'unit agreement',
  );
  ok(
    await api.post(agreements, { agreementId: AGR, members: ['FR'] }, tnAdmin.token),
    201,
    'TN joins',
  );
  ok(
    await api.post(
      agreements,
      { agreementId: AGR, members: ['TN'], drawSecret: true },
      frAdmin.token,
    ),
    201,
    'FR joins',
  );
  const frReport = await fileReport(
    fr.token,
    reportBody({}, [
      { kind: 'given', value: 'Mohamed', script: 'Latn' },
      { kind: 'family', value: 'Ben Ali', script: 'Latn' },
    ]),
  );
  const tnReport = await fileReport(
    tn.token,
    reportBody({}, [
      { kind: 'given', value: 'محمد', script: 'Arab', latin: 'Muhammad' },
      { kind: 'family', value: 'بن علي', script: 'Arab', latin: 'Bin Ali' },
    ]),
  );
  for (const [who, id] of [
    [fr, frReport.id],
    [tn, tnReport.id],
  ] as const) {
    ok(
      await api.post(`${agreements}/${AGR}/submissions`, { reportIds: [id] }, who.token),
      200,
      'submit',
    );
  }
  ok(
    await api.post(`/api/v1/linkage/unit/agreements/${AGR}/compare`, {}, unitAdmin.token),
    200,
    'compare',
  );
  const pairs = ok(await api.get(`${agreements}/${AGR}/pairs`, fr.token), 200, 'pairs');
  const frPairId = (pairs.body as { items: { id: string }[] }).items[0]?.id;
  if (!frPairId) {
    throw new Error('linkageFixture: no pair');
  }
  return {
    frPairId,
    actors: {
      fr: fr.token,
      tn: tn.token,
      frAdmin: frAdmin.token,
      unitAdmin: unitAdmin.token,
    },
  };
}
