// Remains record their legal basis: validated, shown with the record, and sent with the
// cross-border profile (issue 16).
import { expect } from 'chai';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { agreeTnIt, drain } from '../federation.factories.js';
import { buildForensic, createRemains, remainsBody } from '../remains.factories.js';

describe('data protection: the legal basis of remains', () => {
  it('is recorded, validated by kind, and read back with the record', async () => {
    const forensic = await buildForensic('IT');
    const bad = await api.post(
      '/api/v1/remains',
      remainsBody({ legalBasis: { kind: 'because', reference: 'x' } }),
      forensic.token,
    );
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body.error.details)).to.contain('body.legalBasis.kind');

    const basis = { kind: 'prosecutor_order', reference: 'Procura di Agrigento RG 4411/2026' };
    const r = await createRemains(forensic.token, { legalBasis: basis });
    const read = await api.get(`/api/v1/remains/${r.id}`, forensic.token);
    expect(read.body.legalBasis).to.deep.equal(basis);
    const byDefault = await createRemains(forensic.token, {});
    expect(
      (await api.get(`/api/v1/remains/${byDefault.id}`, forensic.token)).body.legalBasis,
    ).to.deep.equal({ kind: 'public_health_law', reference: '' });

    const changed = await api.patch(
      `/api/v1/remains/${r.id}`,
      { legalBasis: { kind: 'court_order', reference: 'Trib. Palermo 9/2026' } },
      forensic.token,
    );
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    expect(changed.body.legalBasis.kind).to.equal('court_order');
  });

  it('travels with the remains profile to the partner jurisdiction', async () => {
    await agreeTnIt();
    const forensic = await buildForensic('IT');
    await createRemains(forensic.token, {
      legalBasis: { kind: 'prosecutor_order', reference: 'RG 77/2026' },
    });
    for (let i = 0; i < 5 && (await drain()) > 0; i += 1) {
      // deliver everything queued
    }
    const held = await testNode().db.query<{ profile: { legalBasis?: unknown } }>(
      `SELECT profile FROM federation_profiles WHERE side = 'pm'`,
    );
    expect(held).to.have.length(1);
    expect(held[0]!.profile.legalBasis).to.deep.equal({
      kind: 'prosecutor_order',
      reference: 'RG 77/2026',
    });
  });
});
