// Purpose limitation over every feature (issue 16): the same report is used by each feature
// while its consent is granted, and refused or left out once the family withdraws it.
import { expect } from 'chai';
import { buildUser, type TestUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { designate } from '../contact-points.factories.js';
import { agreeTnIt, drain } from '../federation.factories.js';
import { runWorker, trueRemainsBody } from '../matching.factories.js';
import { buildForensic, createRemains } from '../remains.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';
import {
  decide,
  permittedSql,
  USES,
  type Use,
} from '../../src/features/data-protection/purposes.js';

type ConsentKey = 'domesticSearch' | 'forensicSharing' | 'crossBorderMatching' | 'photoPublication';

const ALL_GRANTED = {
  domesticSearch: 'granted',
  forensicSharing: 'granted',
  crossBorderMatching: 'granted',
  photoPublication: 'granted',
  givenBy: 'mother',
};

interface World {
  caseworker: TestUser;
  reportId: string;
}

/** One feature's use of a report: `used` says whether the feature used it this time. */
interface Row {
  feature: string;
  withdraw: ConsentKey;
  country?: string;
  setup?(w: World): Promise<Record<string, unknown>>;
  used(w: World, extra: Record<string, unknown>): Promise<boolean>;
}

async function settle() {
  for (let i = 0; i < 10; i += 1) {
    const sent = await drain();
    await runWorker();
    if (sent === 0 && (await drain()) === 0) {
      return;
    }
  }
}

const ROWS: Row[] = [
  {
    feature: 'caseworker search (by name and plain list)',
    withdraw: 'domesticSearch',
    async used({ caseworker, reportId }) {
      const byName = await api.get('/api/v1/reports?name=Yohannes%20Haile', caseworker.token);
      const plain = await api.get('/api/v1/reports', caseworker.token);
      const ids = (b: { items: { id: string }[] }) => b.items.map((i) => i.id);
      const a = ids(byName.body).includes(reportId);
      expect(ids(plain.body).includes(reportId)).to.equal(a);
      return a;
    },
  },
  {
    feature: 'duplicate warnings',
    withdraw: 'domesticSearch',
    async setup({ caseworker }) {
      return { other: (await fileReport(caseworker.token, reportBody())).id };
    },
    async used({ caseworker, reportId }, { other }) {
      const res = await api.get(`/api/v1/reports/${String(other)}/duplicates`, caseworker.token);
      expect(res.status).to.equal(200);
      return res.body.items.some((d: { reportId: string }) => d.reportId === reportId);
    },
  },
  {
    feature: 'duplicates asked about the report itself',
    withdraw: 'domesticSearch',
    async setup({ caseworker }) {
      return { other: (await fileReport(caseworker.token, reportBody())).id };
    },
    async used({ caseworker, reportId }) {
      const res = await api.get(`/api/v1/reports/${reportId}/duplicates`, caseworker.token);
      return res.status === 200;
    },
  },
  {
    feature: 'forensic matching (remains matched against open reports)',
    withdraw: 'forensicSharing',
    async used({ reportId }) {
      const forensic = await buildForensic('IT');
      const remains = await createRemains(forensic.token, trueRemainsBody());
      await runWorker();
      const rows = await testNode().db.query(
        'SELECT 1 FROM match_candidates WHERE report_id = $1 AND remains_id = $2',
        [reportId, remains.id],
      );
      return rows.length > 0;
    },
  },
  {
    feature: 'forensic practitioners listing reports',
    withdraw: 'forensicSharing',
    async used({ reportId }) {
      const forensic = await buildForensic('IT');
      const res = await api.get('/api/v1/reports', forensic.token);
      return res.body.items.some((i: { id: string }) => i.id === reportId);
    },
  },
  {
    feature: 'documents (ante-mortem sheet)',
    withdraw: 'domesticSearch',
    async used({ caseworker, reportId }) {
      const res = await api.get(`/api/v1/reports/${reportId}/documents/am-sheet`, caseworker.token);
      return res.status === 200;
    },
  },
  {
    feature: 'documents (case summary by a caseworker)',
    withdraw: 'domesticSearch',
    async used({ caseworker, reportId }) {
      const res = await api.get(
        `/api/v1/reports/${reportId}/documents/case-summary`,
        caseworker.token,
      );
      return res.status === 200;
    },
  },
  {
    feature: 'exports (PFIF 1.4)',
    withdraw: 'crossBorderMatching',
    async used({ caseworker, reportId }) {
      const res = await api.get(`/api/v1/reports/${reportId}/pfif`, caseworker.token);
      return res.status === 200;
    },
  },
  {
    feature: 'photo publication (a report file shown to its contact point)',
    withdraw: 'photoPublication',
    async setup() {
      return { cp: await designate({ country: 'IT' }) };
    },
    async used({ reportId }, { cp }) {
      const token = (cp as { staff: TestUser }).staff.token;
      const res = await api.get(`/api/v1/reports/${reportId}/files`, token);
      return res.status === 200;
    },
  },
  {
    feature: 'the transnational channel (profile held at the peer)',
    withdraw: 'crossBorderMatching',
    country: 'TN',
    async setup() {
      await agreeTnIt();
      return {};
    },
    async used() {
      await settle();
      const rows = await testNode().db.query(`SELECT 1 FROM federation_profiles WHERE side = 'am'`);
      return rows.length > 0;
    },
  },
];

describe('data protection: a withdrawn consent stops every use (one table over every feature)', () => {
  for (const row of ROWS) {
    it(`${row.feature}: used while ${row.withdraw} is granted, not once it is withdrawn`, async () => {
      const country = row.country ?? 'IT';
      const extraBefore = row.setup ? null : {};
      const caseworker = await buildUser({ role: 'caseworker', country });
      // The contact point (if any) exists before the report, so routing assigns it.
      const extra = extraBefore ?? (await row.setup!({ caseworker, reportId: '' }));
      const report = await fileReport(caseworker.token, reportBody({ consent: ALL_GRANTED }));
      await runWorker();
      const world = { caseworker, reportId: report.id };
      expect(await row.used(world, extra), 'used while granted').to.equal(true);

      const res = await api.patch(
        `/api/v1/reports/${report.id}`,
        { consent: { ...ALL_GRANTED, [row.withdraw]: 'withdrawn' } },
        caseworker.token,
      );
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      await runWorker();
      expect(await row.used(world, extra), 'used after withdrawal').to.equal(false);
    });
  }
});

describe('data protection: the purpose rules', () => {
  const report = (over: Partial<Record<ConsentKey, string>>, legalBasis = 'consent') => ({
    legalBasis,
    consent: Object.fromEntries(
      Object.entries({ ...ALL_GRANTED, ...over })
        .filter(([k]) => k !== 'givenBy')
        .map(([k, v]) => [k, { status: v }]),
    ),
  });

  it('a non-consent legal basis covers search, duplicates and documents, nothing else', () => {
    const r = report(
      {
        domesticSearch: 'withdrawn',
        forensicSharing: 'withdrawn',
        crossBorderMatching: 'withdrawn',
        photoPublication: 'withdrawn',
      },
      'vital_interest',
    );
    const allowed = USES.filter((u) => decide(r, u).allowed);
    expect(allowed).to.deep.equal(['search', 'duplicates', 'documents', 'statistics']);
  });

  it('cross-border transfer needs both forensic sharing and cross-border consent', () => {
    expect(decide(report({ forensicSharing: 'refused' }), 'crossBorderTransfer')).to.deep.equal({
      allowed: false,
      missing: [{ purpose: 'forensicSharing', status: 'refused' }],
    });
    expect(decide(report({}), 'crossBorderTransfer').allowed).to.equal(true);
  });

  it('the SQL form agrees with the rule for every use', async () => {
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    const withdrawn = await fileReport(
      cw.token,
      reportBody({
        consent: { ...ALL_GRANTED, forensicSharing: 'withdrawn', photoPublication: 'refused' },
      }),
    );
    const child = await fileReport(
      cw.token,
      reportBody({
        consent: { ...ALL_GRANTED, domesticSearch: 'withdrawn' },
        legalBasis: 'vital_interest',
      }),
    );
    for (const use of USES as readonly Use[]) {
      const rows = await testNode().db.query<{ id: string; consent: never; legalBasis: string }>(
        `SELECT r.id, r.consent, r.legal_basis AS "legalBasis", ${permittedSql(use)} AS ok
           FROM reports r WHERE r.id = ANY($1::uuid[])`,
        [[withdrawn.id, child.id]],
      );
      for (const row of rows as unknown as { ok: boolean; consent: never; legalBasis: string }[]) {
        expect(row.ok, use).to.equal(decide(row, use).allowed);
      }
    }
  });
});
