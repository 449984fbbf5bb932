import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { api } from '../http.js';

// Security review regression: PFIF import must never expand DOCTYPE entities (XXE / entity
// amplification). fast-xml-parser is configured with processEntities: true, which today only
// decodes the predefined XML entities; this pins that behaviour across upgrades.
describe('review: PFIF import and DOCTYPE entities', () => {
  it('stores a declared entity reference literally instead of expanding it', async () => {
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    const xml = `<?xml version="1.0"?><!DOCTYPE pfif [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person><pfif:person_record_id>x.org/1</pfif:person_record_id><pfif:full_name>&b;&b;</pfif:full_name></pfif:person></pfif:pfif>`;
    const imported = await api.post('/api/v1/reports/pfif-import', { xml }, cw.token);
    expect(imported.status).to.equal(201);
    const leads = await api.get('/api/v1/report-leads', cw.token);
    expect(leads.status).to.equal(200);
    expect(leads.body.items[0].fullName).to.equal('&b;&b;');
  });
});
