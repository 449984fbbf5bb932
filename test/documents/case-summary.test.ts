import { expect } from 'chai';
import { api } from '../http.js';
import { authorizationMatrix } from '../authz-matrix.js';
import { documentAudits, pdfOf, reportFixture } from './fixtures.js';

const path = (id: string, lang?: string) =>
  `/api/v1/reports/${id}/documents/case-summary${lang ? `?lang=${lang}` : ''}`;

describe('documents: family case summary', () => {
  it('shows the person, the plain-language timeline and the contact point, and is audited', async () => {
    const fx = await reportFixture();
    const status = await api.post(
      `/api/v1/reports/${fx.id}/status`,
      {
        status: 'under_search',
        reason: 'internal: checked the route with the coast guard',
        messageToFamily: 'We have asked the coast guard.',
      },
      fx.caseworker.token,
    );
    expect(status.status, JSON.stringify(status.body)).to.equal(200);

    const { text } = await pdfOf(path(fx.id), fx.family.token);
    expect(text).to.include('Family case summary');
    expect(text).to.include(fx.caseNumber);
    expect(text).to.include('Yohannes Haile');
    expect(text).to.include('Report received');
    expect(text).to.include('Search under way');
    expect(text).to.include('We have asked the coast guard.');
    // The internal reason of a status change is never written for the family.
    expect(text).not.to.include('internal: checked');
    // The contact point's public directory details.
    expect(text).to.include('Tracing desk, Rome');
    expect(text).to.include('+39 06 555 0100');
    expect(text).to.include('Mon–Fri 9:00–17:00');
    expect(text).not.to.include('will be assigned');

    const audits = await documentAudits(fx.id);
    expect(audits).to.have.length(1);
    expect(audits[0]!.actorId).to.equal(fx.family.user.id);
    expect(audits[0]!.details).to.include({ document: 'case-summary', lang: 'en' });
    expect(audits[0]!.fields).to.include('person').and.include('contactPoint');
  });

  it('says a contact point will be assigned when none is', async () => {
    const fx = await reportFixture({ withContactPoint: false });
    const { text } = await pdfOf(path(fx.id), fx.caseworker.token);
    expect(text).to.include('A contact point will be assigned to you soon.');
  });

  it('is written in the family’s language by default, in another on request', async () => {
    const fx = await reportFixture({ familyLanguage: 'fr' });
    const byDefault = await pdfOf(path(fx.id), fx.caseworker.token);
    expect(byDefault.text).to.include('Résumé du dossier familial');
    expect(byDefault.text).to.include('Signalement reçu');
    expect(byDefault.pdf.toString('latin1')).to.include('/Lang (fr)');

    const es = await pdfOf(path(fx.id, 'es'), fx.family.token);
    expect(es.text).to.include('Resumen del caso familiar');
    expect(es.text).to.include('Denuncia recibida');
    expect(es.pdf.toString('latin1')).to.include('/Lang (es)');

    const ar = await pdfOf(path(fx.id, 'ar'), fx.family.token);
    expect(ar.pdf.toString('latin1')).to.include('/Lang (ar)');
    // Latin values keep their own order inside the right-to-left document.
    expect(ar.text).to.include(fx.caseNumber);
    expect(ar.text).to.include('+39 06 555 0100');

    const audits = await documentAudits(fx.id);
    expect(audits.map((a) => a.details.lang)).to.deep.equal(['fr', 'es', 'ar']);
  });

  it('refuses a language it does not write, naming the field', async () => {
    const fx = await reportFixture({ withContactPoint: false });
    const res = await api.get(path(fx.id, 'de'), fx.family.token);
    expect(res.status).to.equal(400);
    expect(res.body.error.details.fields[0].field).to.equal('query.lang');
  });
});

authorizationMatrix('family case summary', {
  fixture: async () => {
    const fx = await reportFixture();
    return {
      id: fx.id,
      actors: {
        owner: fx.family.token,
        caseworker: fx.caseworker.token,
        assignedContactPoint: fx.contactPoint!.staff.token,
      },
    };
  },
  endpoints: { summary: (fx) => ({ method: 'get', path: path(fx.id) }) },
  expect: {
    summary: {
      anonymous: 401,
      owner: 200,
      'family@IT': 404,
      caseworker: 200,
      'caseworker@FR': 404,
      'forensic@IT': 200,
      'forensic@FR': 404,
      assignedContactPoint: 200,
      'contact_point@IT': 404,
      'admin@IT': 404,
      'auditor@IT': 404,
      'analyst@IT': 404,
    },
  },
});
