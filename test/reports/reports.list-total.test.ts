import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { fileReport, reportBody } from '../reports.factories.js';

// A national node holds a million reports: a list counts at most 1,000 past its page and says
// when its total is a lower bound (ADR 0127), instead of counting every report on each page.
describe('reports: list totals on a large node', () => {
  it('counts up to 1,000 reports past the page and flags a total that is a lower bound', async () => {
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    const filed = await fileReport(caseworker.token, reportBody());
    await testNode().db.query(
      `INSERT INTO reports (case_number, country, status, created_by, organisation_id, sex,
         last_seen_earliest, last_seen_latest, last_seen_country, last_seen_place,
         consent_domestic, consent_forensic, person, disappearance, description, medical,
         dna_samples, relatives, consent, legal_basis)
       SELECT 'MP-IT-2020-' || lpad(g::text, 6, '0'), country, status, created_by,
         organisation_id, sex, last_seen_earliest, last_seen_latest, last_seen_country,
         last_seen_place, consent_domestic, consent_forensic, person, disappearance, description,
         medical, dna_samples, relatives, consent, legal_basis
       FROM reports, generate_series(1, 1100) g WHERE id = $1`,
      [filed.id],
    );
    const first = await api.get('/api/v1/reports?limit=10', caseworker.token);
    expect(first.status).to.equal(200);
    expect(first.body.items).to.have.length(10);
    expect(first.body.total).to.equal(1010);
    expect(first.body.totalCapped).to.equal(true);
    const last = await api.get('/api/v1/reports?limit=10&offset=1095', caseworker.token);
    expect(last.body.items).to.have.length(6);
    expect(last.body.total).to.equal(1101);
    expect(last.body).not.to.have.property('totalCapped');
    const filtered = await api.get('/api/v1/reports?status=closed', caseworker.token);
    expect(filtered.body.total).to.equal(0);
    expect(filtered.body).not.to.have.property('totalCapped');
  });
});
