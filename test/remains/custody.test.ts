import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { authorizationMatrix } from '../authz-matrix.js';
import {
  appendCustody,
  buildForensic,
  createRemains,
  custodyEvent,
  identifyRemains,
  INSTITUTIONS as I,
} from '../remains.factories.js';

const CEMETERY = 'Cimitero di Piano Gatta, Agrigento';
const burial = {
  cemetery: CEMETERY,
  section: 'B',
  row: '4',
  plot: '17',
  graveMarker: 'UR-IT-2025-00001 — ignoto, naufragio 3.10.2025',
  coordinates: { lat: 37.3, lon: 13.58 },
};

async function verify(token: string, id: string) {
  const res = await api.get(`/api/v1/remains/${id}/custody/verify`, token);
  expect(res.status).to.equal(200);
  return res.body as { ok: boolean; checked: number; firstBroken?: { position: number } };
}

/** Appends events in order, checking each is accepted and the chain verifies after it. */
async function walk(token: string, id: string, events: object[]) {
  for (const e of events) {
    const res = await appendCustody(token, id, e);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const v = await verify(token, id);
    expect(v.ok, JSON.stringify(v)).to.equal(true);
    expect(v.checked).to.equal(res.body.position);
  }
}

const untilStored = () => [
  custodyEvent('recovered', { custodian: I.coastGuard, location: { name: 'Lampedusa pier' } }),
  custodyEvent('transported', { location: { name: 'Porto Empedocle', country: 'IT' } }),
  custodyEvent('received_at_morgue', { custodian: I.morgue, location: { name: 'Palermo' } }),
  custodyEvent('examined', {
    performedBy: 'Dr. R.',
    documents: [{ kind: 'autopsy', reference: 'A-1' }],
  }),
  custodyEvent('sample_taken', {
    sample: { laboratory: 'LABANOF', sampleReference: 'LAB-118', sampleType: 'bone' },
  }),
  custodyEvent('stored', { location: { name: 'Cold room 2, Palermo' } }),
];

describe('custody and burial chain', () => {
  it('follows a body from recovery to burial, exhumation, transfer abroad and handover', async () => {
    const { token } = await buildForensic('IT');
    const r = await createRemains(token);
    await walk(token, r.id, [
      ...untilStored(),
      custodyEvent('buried', {
        custodian: I.cemeteryAuthority,
        burial,
        documents: [{ kind: 'burial permit', reference: 'AG-2025-311' }],
      }),
    ]);
    let where = (await api.get(`/api/v1/remains/${r.id}/whereabouts`, token)).body;
    expect(where).to.include({ state: 'buried', chainLength: 7 });
    expect(where.custodian).to.deep.equal(I.cemeteryAuthority);
    expect(where.burial).to.include({ cemetery: CEMETERY, plot: '17' });
    expect(where.location.name).to.equal(CEMETERY);

    await walk(token, r.id, [
      custodyEvent('exhumed', {
        custodian: I.morgue,
        documents: [{ kind: 'order', reference: 'P-9' }],
      }),
    ]);
    const early = await appendCustody(
      token,
      r.id,
      custodyEvent('repatriated', { custodian: I.tunisMorgue }),
    );
    expect(early.status).to.equal(409);
    expect(early.body.error.message).to.match(/identified/);
    await identifyRemains(r.id, token);
    await walk(token, r.id, [
      custodyEvent('transferred', { custodian: I.tunisMorgue }),
      custodyEvent('repatriated', {
        custodian: I.tunisMorgue,
        location: { name: 'Tunis-Carthage' },
      }),
      custodyEvent('handed_over', {
        custodian: I.family,
        documents: [{ kind: 'handover', reference: 'HR-1' }],
      }),
    ]);
    where = (await api.get(`/api/v1/remains/${r.id}/whereabouts`, token)).body;
    expect(where).to.include({ state: 'handed_over', status: 'handed_over', chainLength: 11 });
    expect(where.custodian).to.deep.equal(I.family);
    const chain = (await api.get(`/api/v1/remains/${r.id}/custody`, token)).body;
    expect(chain.events.map((e: { kind: string }) => e.kind)).to.deep.equal([
      'recovered',
      'transported',
      'received_at_morgue',
      'examined',
      'sample_taken',
      'stored',
      'buried',
      'exhumed',
      'transferred',
      'repatriated',
      'handed_over',
    ]);
    expect(chain.events[1].prevHash).to.equal(chain.events[0].hash);
    const after = await appendCustody(
      token,
      r.id,
      custodyEvent('stored', { location: { name: 'x' } }),
    );
    expect(after.status).to.equal(409);
  });

  it('refuses impossible transitions and says what may follow', async () => {
    const { token } = await buildForensic('IT');
    const r = await createRemains(token);
    const exhume = await appendCustody(
      token,
      r.id,
      custodyEvent('exhumed', { custodian: I.morgue }),
    );
    expect(exhume.status).to.equal(409);
    expect(exhume.body.error.details).to.deep.include({ state: 'none', allowed: ['recovered'] });
    await walk(token, r.id, untilStored());
    const exhumeUnburied = await appendCustody(
      token,
      r.id,
      custodyEvent('exhumed', { custodian: I.morgue }),
    );
    expect(exhumeUnburied.status).to.equal(409);
    await identifyRemains(r.id, token);
    await walk(token, r.id, [custodyEvent('repatriated', { custodian: I.tunisMorgue })]);
    const bury = await appendCustody(
      token,
      r.id,
      custodyEvent('buried', { custodian: I.cemeteryAuthority, burial }),
    );
    expect(bury.status).to.equal(409);
    expect(bury.body.error.code).to.equal('INVALID_TRANSITION');
    expect((await verify(token, r.id)).checked).to.equal(7);
  });

  it('refuses an event without what its kind needs, or dated before the previous one', async () => {
    const { token } = await buildForensic('IT');
    const r = await createRemains(token);
    const bare = await appendCustody(token, r.id, {
      kind: 'recovered',
      occurredAt: '2025-10-04T08:00:00Z',
    });
    expect(bare.status).to.equal(400);
    const fields = bare.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).to.deep.equal(['body.custodian', 'body.location']);
    await walk(token, r.id, [
      custodyEvent('recovered', { custodian: I.coastGuard, location: { name: 'pier' } }),
    ]);
    const backdated = await appendCustody(token, r.id, {
      kind: 'transported',
      occurredAt: '2020-01-01T00:00:00Z',
    });
    expect(backdated.status).to.equal(400);
    expect(backdated.body.error.details.fields[0].field).to.equal('body.occurredAt');
  });

  it('detects a tampered event, and the table refuses UPDATE and DELETE', async () => {
    const { token } = await buildForensic('IT');
    const r = await createRemains(token);
    await walk(token, r.id, untilStored());
    const { db } = testNode();
    let refused = '';
    try {
      await db.query(`UPDATE custody_events SET notes = 'x' WHERE remains_id = $1`, [r.id]);
    } catch (err) {
      refused = (err as Error).message;
    }
    expect(refused).to.match(/append-only/);
    await db.exec(`ALTER TABLE custody_events DISABLE TRIGGER custody_events_no_update_delete;
      UPDATE custody_events SET location = '{"name": "somewhere else"}'
        WHERE remains_id = '${r.id}' AND position = 3;
      ALTER TABLE custody_events ENABLE TRIGGER custody_events_no_update_delete;`);
    const v = await verify(token, r.id);
    expect(v.ok).to.equal(false);
    expect(v.checked).to.equal(2);
    expect(v.firstBroken).to.deep.equal({ position: 3, reason: 'content does not match its hash' });
  });

  it('detects a removed tail through the recorded head', async () => {
    const { token } = await buildForensic('IT');
    const r = await createRemains(token);
    await walk(token, r.id, untilStored());
    await testNode().db
      .exec(`ALTER TABLE custody_events DISABLE TRIGGER custody_events_no_update_delete;
      DELETE FROM custody_events WHERE remains_id = '${r.id}' AND position = 6;
      ALTER TABLE custody_events ENABLE TRIGGER custody_events_no_update_delete;`);
    const v = await verify(token, r.id);
    expect(v.ok).to.equal(false);
    expect(v.firstBroken?.position).to.equal(6);
  });

  it('keeps one linear chain when two writers append at once', async () => {
    const { token } = await buildForensic('IT');
    const r = await createRemains(token);
    await walk(token, r.id, untilStored().slice(0, 3));
    // Same time for every writer: they race only for the chain position.
    const at = custodyEvent('examined').occurredAt;
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        appendCustody(token, r.id, { kind: 'examined', occurredAt: at, notes: `writer ${i}` }),
      ),
    );
    expect(results.map((x) => x.status)).to.deep.equal([201, 201, 201, 201, 201]);
    expect(results.map((x) => x.body.position).sort()).to.deep.equal([4, 5, 6, 7, 8]);
    const v = await verify(token, r.id);
    expect(v).to.include({ ok: true, checked: 8 });
  });

  it('publishes a burial register per cemetery as JSON and CSV', async () => {
    const { token } = await buildForensic('IT');
    const r = await createRemains(token);
    await walk(token, r.id, [
      ...untilStored(),
      custodyEvent('buried', { custodian: I.cemeteryAuthority, burial }),
    ]);
    const other = await createRemains(token);
    await walk(token, other.id, [
      ...untilStored(),
      custodyEvent('buried', {
        custodian: I.cemeteryAuthority,
        burial: { ...burial, cemetery: 'Cimitero di Lampedusa' },
      }),
    ]);
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    const json = await api.get(
      `/api/v1/burial-register?cemetery=${encodeURIComponent(CEMETERY)}`,
      cw.token,
    );
    expect(json.status).to.equal(200);
    expect(json.body.lines).to.have.length(1);
    expect(json.body.lines[0]).to.include({
      code: r.code,
      plot: '17',
      section: 'B',
      currentState: 'buried',
    });
    const csv = await api.get(
      `/api/v1/burial-register?cemetery=${encodeURIComponent(CEMETERY)}&format=csv`,
      token,
    );
    expect(csv.status).to.equal(200);
    expect(csv.headers['content-type']).to.match(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).to.equal(
      'code,status,sex,age,buriedAt,section,row,plot,graveMarker,lat,lon,exhumedAt,currentState',
    );
    expect(lines).to.have.length(2);
    expect(lines[1]).to.include(`"${r.code}"`).and.include('"20-30"');
    const tn = await buildForensic('TN');
    const foreign = await api.get(
      `/api/v1/burial-register?cemetery=${encodeURIComponent(CEMETERY)}`,
      tn.token,
    );
    expect(foreign.body.lines).to.deep.equal([]);
  });

  it('hides DNA sample references and notes in the chain from caseworkers', async () => {
    const { token } = await buildForensic('IT');
    const r = await createRemains(token);
    await walk(token, r.id, untilStored());
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    const chain = (await api.get(`/api/v1/remains/${r.id}/custody`, cw.token)).body;
    expect(chain.events[4].kind).to.equal('sample_taken');
    expect(chain.events[4]).to.not.have.property('sample');
    for (const event of chain.events) {
      expect(event, 'free-text notes can hold DNA or dental detail').to.not.have.property('notes');
    }
    const own = (await api.get(`/api/v1/remains/${r.id}/custody`, token)).body;
    expect(own.events[4].sample.sampleReference).to.equal('LAB-118');
    expect(own.events[0]).to.have.property('notes');
  });

  authorizationMatrix('custody', {
    fixture: async () => {
      const owner = await buildForensic('IT');
      const r = await createRemains(owner.token);
      return { id: r.id, actors: { owner: owner.token } };
    },
    endpoints: {
      chain: (fx) => ({ method: 'get', path: `/api/v1/remains/${fx.id}/custody` }),
      append: (fx) => ({
        method: 'post',
        path: `/api/v1/remains/${fx.id}/custody`,
        body: custodyEvent('recovered', { custodian: I.coastGuard, location: { name: 'pier' } }),
      }),
      verify: (fx) => ({ method: 'get', path: `/api/v1/remains/${fx.id}/custody/verify` }),
      whereabouts: (fx) => ({ method: 'get', path: `/api/v1/remains/${fx.id}/whereabouts` }),
      register: () => ({ method: 'get', path: '/api/v1/burial-register?cemetery=X' }),
    },
    expect: {
      chain: {
        anonymous: 401,
        owner: 200,
        'caseworker@IT': 200,
        'forensic@TN': 404,
        'contact_point@IT': 404,
        'family@IT': 404,
      },
      append: {
        anonymous: 401,
        owner: 201,
        'forensic@IT': 201,
        'caseworker@IT': 403,
        'forensic@TN': 404,
        'family@IT': 404,
      },
      verify: {
        anonymous: 401,
        owner: 200,
        'caseworker@IT': 200,
        'forensic@TN': 404,
        'auditor@IT': 404,
      },
      whereabouts: {
        anonymous: 401,
        owner: 200,
        'caseworker@IT': 200,
        'forensic@TN': 404,
        'family@IT': 404,
      },
      register: {
        anonymous: 401,
        'forensic@IT': 200,
        'caseworker@IT': 200,
        'contact_point@IT': 403,
        'family@IT': 403,
      },
    },
  });
});
