import { expect } from 'chai';
import { testNode } from '../node.js';
import { api } from '../http.js';
import { buildUser } from '../factories.js';
import {
  prepareAm,
  preparePm,
  remainsToPm,
  reportToAm,
} from '../../src/features/matching/index.js';
import { findIncident } from '../../src/features/incidents/index.js';
import { findRemains } from '../../src/features/remains/index.js';
import { findReport } from '../../src/features/reports/index.js';
import { loadOpenRemains, loadOpenReports } from '../../src/features/matching/matching.loader.js';
import { compile, rankSubject } from '../../src/features/matching/matching.batch.js';
import { createContext } from '../../src/features/matching/index.js';
import { trueRemainsBody } from '../matching.factories.js';
import { buildForensic, createIncident, createRemains } from '../remains.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';

/** The PM profile the runner builds record by record (findRemains per part, findIncident). */
async function perRowPm(id: string) {
  const { db } = testNode();
  const remains = (await findRemains(db, id))!;
  const partRows = await db.query<{ id: string }>(
    'SELECT id FROM remains WHERE associated_with_id = $1 ORDER BY id',
    [id],
  );
  const parts = [];
  for (const p of partRows) {
    parts.push((await findRemains(db, p.id))!);
  }
  const incidentId = remains.recovery.incidentId;
  const incident = incidentId ? await findIncident(db, incidentId) : undefined;
  return preparePm(remainsToPm(remains, { parts, incidentRoute: incident?.route ?? null }));
}

describe('matching: set-based loading of the open records of the other side', () => {
  it('loads open remains of the given countries with their parts and incident route', async () => {
    const it = await buildForensic('IT');
    const gr = await buildForensic('GR');
    const incidentId = await createIncident(it.token);
    const withIncident = await createRemains(
      it.token,
      trueRemainsBody({
        recovery: {
          date: '2025-10-04',
          place: 'Lampedusa',
          coordinates: { lat: 35.5, lon: 12.6 },
          agency: 'Guardia Costiera',
          incidentId,
        },
      }),
    );
    const fragment = await createRemains(it.token, {
      kind: 'fragment',
      bodyPart: 'left femur',
      condition: 'skeletal',
      marks: [{ kind: 'tattoo', bodyLocation: 'left_leg', description: 'anchor' }],
      implants: [],
    });
    const linked = await api.patch(
      `/api/v1/remains/${fragment.id}`,
      { associatedWithId: withIncident.id },
      it.token,
    );
    expect(linked.status, JSON.stringify(linked.body)).to.equal(200);
    const plain = await createRemains(it.token);
    const greek = await createRemains(gr.token, { recovery: { ...trueRemainsBody().recovery } });
    const closed = await createRemains(it.token);
    await testNode().db.query(`UPDATE remains SET status = 'repatriated' WHERE id = $1`, [
      closed.id,
    ]);

    const italian = await loadOpenRemains(testNode().db, ['IT']);
    const ids = italian.map((p) => p.id);
    expect(ids).to.deep.equal([withIncident.id, plain.id].sort());
    const loaded = italian.find((p) => p.id === withIncident.id)!;
    expect(loaded.route).to.equal('central_mediterranean');
    expect(loaded.marks?.map((m) => m.kind)).to.include.members(['scar', 'tattoo']);
    for (const p of italian) {
      expect(p, p.id).to.deep.equal(await perRowPm(p.id));
    }
    const both = await loadOpenRemains(testNode().db, ['IT', 'GR']);
    expect(both.map((p) => p.id)).to.deep.equal([withIncident.id, plain.id, greek.id].sort());
    expect(await loadOpenRemains(testNode().db, [])).to.deep.equal([]);
  });

  it('loads open reports with forensic consent, as the runner prepares them', async () => {
    const it = await buildUser({ role: 'caseworker', country: 'IT' });
    const gr = await buildUser({ role: 'caseworker', country: 'GR' });
    const open = await fileReport(it.token, reportBody());
    const refused = await fileReport(
      it.token,
      reportBody({
        consent: {
          domesticSearch: 'granted',
          forensicSharing: 'refused',
          crossBorderMatching: 'refused',
          givenBy: 'mother',
        },
      }),
    );
    const greek = await fileReport(gr.token, reportBody());
    const { db } = testNode();
    const italian = await loadOpenReports(db, ['IT']);
    expect(italian.map((a) => a.id)).to.deep.equal([open.id]);
    expect(italian[0]).to.deep.equal(prepareAm(reportToAm((await findReport(db, open.id))!)));
    const both = await loadOpenReports(db, ['IT', 'GR']);
    expect(both.map((a) => a.id)).to.deep.equal([open.id, greek.id].sort());
    expect(both.map((a) => a.id)).to.not.include(refused.id);
  });

  it('feeds the batch scorer: the true remains rank first, each candidate explained', async () => {
    const f = await buildForensic('IT');
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    await createRemains(f.token, { sex: 'female', age: { min: 50, max: 60 } });
    await createRemains(f.token);
    const truth = await createRemains(f.token, trueRemainsBody());
    const report = await fileReport(caseworker.token, reportBody());
    const { db } = testNode();
    const [am] = await loadOpenReports(db, ['IT']);
    const side = compile('pm', await loadOpenRemains(db, ['IT']));
    const ranked = rankSubject(am!, side, createContext(), { threshold: -Infinity });
    expect(am!.id).to.equal(report.id);
    expect(ranked.pairs[0]?.id).to.equal(truth.id);
    expect(ranked.pairs).to.have.length(3);
    for (const p of ranked.pairs) {
      expect(p.explained?.pmId).to.equal(p.id);
      expect(p.explained?.score).to.be.closeTo(p.score, 0.001);
      expect(p.explained?.parts.length).to.be.greaterThan(3);
    }
  });
});
