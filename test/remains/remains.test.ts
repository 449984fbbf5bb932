import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { authorizationMatrix } from '../authz-matrix.js';
import {
  buildForensic,
  buildInstitute,
  createIncident,
  createRemains,
  identifyRemains,
  remainsBody,
} from '../remains.factories.js';

describe('remains', () => {
  it('registers remains with a code UR-<country>-<year>-<sequence> and every finding', async () => {
    const { token } = await buildForensic('IT');
    const first = await createRemains(token);
    const second = await createRemains(token, { condition: 'skeletal' });
    expect(first.code).to.equal('UR-IT-2025-00001');
    expect(second.code).to.equal('UR-IT-2025-00002');
    expect(first).to.include({ status: 'unidentified', sex: 'male', condition: 'complete' });
    expect(first.age).to.deep.equal({ min: 20, max: 30 });
    expect((first.recovery as { date: { precision: string } }).date.precision).to.equal('day');
    expect(first.implants).to.deep.equal([
      { kind: 'orthopaedic plate', bodyLocation: 'right_leg', serialNumber: 'SN-4711' },
    ]);
    expect(first.dnaSamples).to.have.length(1);
    expect(first.photos).to.have.length(1);
  });

  it('audits the read with field names only', async () => {
    const { token } = await buildForensic('IT');
    const r = await createRemains(token);
    await api.get(`/api/v1/remains/${r.id}`, token);
    const rows = await testNode().db.query<{ fields: string[]; details: object }>(
      `SELECT fields, details FROM audit_events WHERE action = 'read' AND subject_id = $1`,
      [r.id],
    );
    expect(rows).to.have.length(1);
    expect(rows[0]!.fields).to.include('photos');
    expect(JSON.stringify(rows[0])).to.not.include('SN-4711');
  });

  it('refuses bad input naming each field, and writes nothing', async () => {
    const { token } = await buildForensic('IT');
    const res = await api.post(
      '/api/v1/remains',
      remainsBody({
        condition: 'rotten',
        age: { min: 40, max: 20 },
        dental: [{ tooth: '19', state: 'present' }],
      }),
      token,
    );
    expect(res.status).to.equal(400);
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).to.include.members(['body.condition', 'body.age.max', 'body.dental.0.tooth']);
    const unknownIncident = await api.post(
      '/api/v1/remains',
      remainsBody({
        recovery: { ...remainsBody().recovery, incidentId: '00000000-0000-4000-8000-000000000000' },
      }),
      token,
    );
    expect(unknownIncident.status).to.equal(400);
    expect(unknownIncident.body.error.details.fields[0].field).to.equal('body.recovery.incidentId');
    const [count] = await testNode().db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM remains',
    );
    expect(count!.n).to.equal(0);
  });

  it('shows caseworkers what helps families, without photos, DNA, dental or medical data', async () => {
    const { token } = await buildForensic('IT');
    const r = await createRemains(token);
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    const res = await api.get(`/api/v1/remains/${r.id}`, cw.token);
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ code: r.code, sex: 'male' });
    expect(res.body.effects).to.have.length(1);
    for (const hidden of ['photos', 'dnaSamples', 'dental', 'medicalFindings', 'implants']) {
      expect(res.body, hidden).to.not.have.property(hidden);
    }
  });

  it('shows a contact point nothing of remains not linked to its own cases, even identified', async () => {
    const { token } = await buildForensic('IT');
    const r = await createRemains(token);
    const cp = await buildUser({ role: 'contact_point', country: 'IT' });
    expect((await api.get(`/api/v1/remains/${r.id}`, cp.token)).status).to.equal(404);
    const res = await identifyRemains(r.id, token);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    // Identified, but no report of this contact point was identified as these remains.
    expect((await api.get(`/api/v1/remains/${r.id}`, cp.token)).status).to.equal(404);
  });

  it('moves the identification status only along its state machine', async () => {
    const { token } = await buildForensic('IT');
    const r = await createRemains(token);
    const skip = await api.post(
      `/api/v1/remains/${r.id}/status`,
      { status: 'identified', basis: 'x' },
      token,
    );
    expect(skip.status).to.equal(409);
    expect(skip.body.error.code).to.equal('INVALID_TRANSITION');
    const handover = await api.post(
      `/api/v1/remains/${r.id}/status`,
      { status: 'handed_over', basis: 'x' },
      token,
    );
    expect(handover.status).to.equal(400);
    const provisional = await api.post(
      `/api/v1/remains/${r.id}/status`,
      { status: 'provisionally_identified', basis: 'dental comparison D-12' },
      token,
    );
    expect(provisional.body).to.include({
      status: 'provisionally_identified',
      statusBasis: 'dental comparison D-12',
    });
    const back = await api.post(
      `/api/v1/remains/${r.id}/status`,
      { status: 'unidentified', basis: 'excluded by DNA' },
      token,
    );
    expect(back.body.status).to.equal('unidentified');
  });

  it('needs a second forensic practitioner to mark remains identified', async () => {
    const first = await buildForensic('IT');
    const r = await createRemains(first.token);
    const path = `/api/v1/remains/${r.id}/status`;
    await api.post(path, { status: 'provisionally_identified', basis: 'dental D-12' }, first.token);
    const proposed = await api.post(
      path,
      { status: 'identified', basis: 'DNA LAB-118' },
      first.token,
    );
    expect(proposed.status).to.equal(200);
    expect(proposed.body.status).to.equal('provisionally_identified');
    expect(proposed.body.identificationPending.proposedBy).to.equal(first.user.id);
    const again = await api.post(path, { status: 'identified', basis: 'DNA LAB-118' }, first.token);
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('SECOND_REVIEWER_REQUIRED');
    const foreign = await buildForensic('TN');
    expect(
      (await api.post(path, { status: 'identified', basis: 'x' }, foreign.token)).status,
    ).to.equal(404);
    const second = await buildForensic('IT');
    const confirmed = await api.post(
      path,
      { status: 'identified', basis: 'reviewed' },
      second.token,
    );
    expect(confirmed.status, JSON.stringify(confirmed.body)).to.equal(200);
    expect(confirmed.body.status).to.equal('identified');
    expect(confirmed.body.statusBasis).to.equal('DNA LAB-118 (confirmed: reviewed)');
    const [event] = await testNode().db.query<{
      details: { proposedBy: string; confirmedBy: string };
    }>(
      `SELECT details FROM audit_events WHERE action = 'change_status' AND subject_id = $1
       ORDER BY seq DESC LIMIT 1`,
      [r.id],
    );
    expect(event?.details).to.include({ proposedBy: first.user.id, confirmedBy: second.user.id });
  });

  it('lets only the registering institution edit, and re-associates a fragment', async () => {
    const org = await buildInstitute('IT');
    const a = await buildForensic('IT', org.id);
    const colleague = await buildForensic('IT', org.id);
    const other = await buildForensic('IT');
    const body = await createRemains(a.token);
    const fragment = await createRemains(a.token, {
      kind: 'fragment',
      bodyPart: 'left femur',
      condition: 'skeletal',
    });
    const refused = await api.patch(`/api/v1/remains/${body.id}`, { hair: 'grey' }, other.token);
    expect(refused.status).to.equal(403);
    const res = await api.patch(
      `/api/v1/remains/${fragment.id}`,
      { associatedWithId: body.id },
      colleague.token,
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ associatedWithId: body.id, bodyPart: 'left femur' });
    expect(res.body.sex).to.equal('male');
    const nested = await api.patch(
      `/api/v1/remains/${body.id}`,
      { associatedWithId: fragment.id },
      a.token,
    );
    expect(nested.status).to.equal(400);
    expect(nested.body.error.details.fields[0].field).to.equal('body.associatedWithId');
  });

  describe('search', () => {
    async function fixture() {
      const { token } = await buildForensic('IT');
      const incident = await createIncident(token);
      const near = await createRemains(token, {
        recovery: { ...remainsBody().recovery, incidentId: incident },
      });
      const far = await createRemains(token, {
        recovery: {
          date: '2024-07',
          place: 'Pozzallo',
          agency: 'Polizia',
          coordinates: { lat: 36.73, lon: 14.85 },
        },
        sex: 'female',
        age: { min: 8, max: 12 },
        stature: { min: 120, max: 140 },
        marks: [{ kind: 'tattoo', bodyLocation: 'right_hand', description: 'star' }],
        effects: [{ category: 'jewellery', description: 'silver bracelet' }],
      });
      const tn = await buildForensic('TN');
      await createRemains(tn.token);
      return { token, incident, near: near.code, far: far.code };
    }
    const codes = (body: { items: { code: string }[] }) => body.items.map((i) => i.code);

    it('filters by area, date, incident, sex, age and stature overlap, marks, effects, status', async () => {
      const fx = await fixture();
      const q = (qs: string) => api.get(`/api/v1/remains?${qs}`, fx.token);
      expect(codes((await q('')).body)).to.deep.equal([fx.near, fx.far]);
      expect(codes((await q('lat=35.5&lon=12.6&radiusKm=20')).body)).to.deep.equal([fx.near]);
      expect(codes((await q('recoveredTo=2024-12-31')).body)).to.deep.equal([fx.far]);
      expect(codes((await q(`incidentId=${fx.incident}`)).body)).to.deep.equal([fx.near]);
      expect(codes((await q('sex=female')).body)).to.deep.equal([fx.far]);
      expect(codes((await q('ageMin=11&ageMax=15')).body)).to.deep.equal([fx.far]);
      expect(codes((await q('statureMin=175&statureMax=200')).body)).to.deep.equal([fx.near]);
      expect(codes((await q('markKind=tattoo&markLocation=right_hand')).body)).to.deep.equal([
        fx.far,
      ]);
      expect(codes((await q('markKind=tattoo&markLocation=left_arm')).body)).to.deep.equal([]);
      expect(codes((await q('effectText=FOOTBALL')).body)).to.deep.equal([fx.near]);
      expect(codes((await q('effectCategory=jewellery')).body)).to.deep.equal([fx.far]);
      expect(codes((await q('status=identified')).body)).to.deep.equal([]);
      expect((await q('')).body.total).to.equal(2);
    });

    it('refuses a radius without a centre, naming the field', async () => {
      const { token } = await buildForensic('IT');
      const res = await api.get('/api/v1/remains?radiusKm=10', token);
      expect(res.status).to.equal(400);
      expect(res.body.error.details.fields[0].field).to.equal('query.radiusKm');
    });
  });

  authorizationMatrix('remains', {
    fixture: async () => {
      const owner = await buildForensic('IT');
      const r = await createRemains(owner.token);
      return { id: r.id, actors: { owner: owner.token } };
    },
    endpoints: {
      search: () => ({ method: 'get', path: '/api/v1/remains' }),
      create: () => ({ method: 'post', path: '/api/v1/remains', body: remainsBody() }),
      read: (fx) => ({ method: 'get', path: `/api/v1/remains/${fx.id}` }),
      update: (fx) => ({ method: 'patch', path: `/api/v1/remains/${fx.id}`, body: { hair: 'x' } }),
      status: (fx) => ({
        method: 'post',
        path: `/api/v1/remains/${fx.id}/status`,
        body: { status: 'provisionally_identified', basis: 'dental' },
      }),
    },
    expect: {
      search: {
        anonymous: 401,
        'forensic@IT': 200,
        'caseworker@IT': 200,
        'contact_point@IT': 403,
        'family@IT': 403,
        'auditor@IT': 403,
      },
      create: {
        anonymous: 401,
        'forensic@IT': 201,
        'caseworker@IT': 403,
        'family@IT': 403,
        'admin@IT': 403,
      },
      read: {
        anonymous: 401,
        owner: 200,
        'forensic@IT': 200,
        'caseworker@IT': 200,
        'forensic@TN': 404,
        'contact_point@IT': 404,
        'family@IT': 404,
        'analyst@IT': 404,
        'admin@IT': 404,
      },
      update: {
        anonymous: 401,
        owner: 200,
        'forensic@IT': 403,
        'caseworker@IT': 403,
        'forensic@TN': 404,
        'family@IT': 404,
      },
      status: {
        anonymous: 401,
        owner: 200,
        'forensic@IT': 403,
        'caseworker@IT': 403,
        'forensic@TN': 404,
        'family@IT': 404,
      },
    },
  });
});
