import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { authorizationMatrix } from '../authz-matrix.js';
import { documentAudits, pdfOf, remainsFixture, reportFixture } from './fixtures.js';

const amPath = (id: string) => `/api/v1/reports/${id}/documents/am-sheet`;
const pmPath = (id: string) => `/api/v1/remains/${id}/documents/pm-sheet`;

/** Asserts that headings appear in this order in the text. */
function inOrder(text: string, headings: string[]) {
  const at = headings.map((h) => text.indexOf(h));
  at.forEach((i, k) => expect(i, `${headings[k]} is printed`).to.be.greaterThan(-1));
  expect(at).to.deep.equal([...at].sort((a, b) => a - b));
}

describe('documents: ante-mortem data sheet', () => {
  it('follows the INTERPOL AM sections and shows a caseworker the relatives', async () => {
    const fx = await reportFixture({ withContactPoint: false });
    const { text } = await pdfOf(amPath(fx.id), fx.caseworker.token);
    inOrder(text, [
      'A0 — Case',
      'A1 — Missing person',
      'A2 — Circumstances of disappearance',
      'A3 — Informants and relatives',
      'B — Clothing and personal effects',
      'C — Physical description and particulars',
      'D — Medical information',
      'E — Dental information',
      'F — DNA reference samples',
    ]);
    expect(text).to.include(fx.caseNumber);
    expect(text).to.include('Yohannes');
    expect(text).to.include('Zuwara');
    expect(text).to.include('red jacket');
    expect(text).to.include('burn scar');
    expect(text).to.include('SN-123');
    expect(text).to.include('gold crown');
    expect(text).to.include('ICMP-77');
    expect(text).to.include('Saba Haile');
    expect(text).to.include('+291 1 555 0101');
    expect(text).to.include('saba@example.org');
    const [audit] = await documentAudits(fx.id);
    expect(audit?.actorId).to.equal(fx.caseworker.user.id);
    expect(audit?.details.document).to.equal('am-sheet');
    expect(audit?.fields).to.include('relatives');
  });

  it('never shows a forensic practitioner the relatives or their contact details', async () => {
    const fx = await reportFixture({ withContactPoint: false });
    const forensic = await buildUser({ role: 'forensic', country: 'IT' });
    const { text } = await pdfOf(amPath(fx.id), forensic.token);
    expect(text).to.include('gold crown');
    expect(text).to.include('ICMP-77');
    expect(text).to.include('A3 — Informants and relatives');
    expect(text).to.include('not shown: outside what your role may read');
    expect(text).not.to.include('Saba');
    expect(text).not.to.include('+291');
    expect(text).not.to.include('saba@example.org');
    const [audit] = await documentAudits(fx.id);
    expect(audit?.fields).not.to.include('relatives');
  });
});

describe('documents: post-mortem data sheet', () => {
  it('follows the INTERPOL PM sections and shows a forensic practitioner every finding', async () => {
    const fx = await remainsFixture(false);
    const { text } = await pdfOf(pmPath(fx.id), fx.forensic.token);
    inOrder(text, [
      'A0 — Case',
      'A1 — Recovery',
      'B — Clothing, personal effects and documents',
      'C — Physical description and particulars',
      'D — Medical and autopsy findings',
      'E — Dental findings',
      'F — Fingerprints and DNA',
      'G — Photographs',
    ]);
    expect(text).to.include(fx.code);
    expect(text).to.include('Cala Pisana, Lampedusa');
    expect(text).to.include('red football shirt');
    expect(text).to.include('gold crown');
    expect(text).to.include('SN-4711');
    expect(text).to.include('LAB-2025-118');
    expect(text).to.include('evidence://photos/118-1');
    const [audit] = await documentAudits(fx.id);
    expect(audit?.details.document).to.equal('pm-sheet');
    expect(audit?.fields).to.include('photos');
  });

  it('gives a caseworker no photos of the remains, DNA, dental or medical findings', async () => {
    const fx = await remainsFixture(false);
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    const { text } = await pdfOf(pmPath(fx.id), caseworker.token);
    expect(text).to.include('red football shirt');
    expect(text).to.include('linear scar 5 cm');
    expect(text).to.include('G — Photographs');
    expect(text).not.to.include('evidence://photos');
    expect(text).not.to.include('LAB-2025-118');
    expect(text).not.to.include('gold crown');
    expect(text).not.to.include('SN-4711');
    expect(text).not.to.include('healed fracture');
    const [audit] = await documentAudits(fx.id);
    expect(audit?.fields).not.to.include('photos');
  });
});

authorizationMatrix('ante-mortem data sheet', {
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
  endpoints: { amSheet: (fx) => ({ method: 'get', path: amPath(fx.id) }) },
  expect: {
    amSheet: {
      anonymous: 401,
      owner: 403,
      'family@IT': 404,
      caseworker: 200,
      'caseworker@FR': 404,
      'forensic@IT': 200,
      'forensic@FR': 404,
      assignedContactPoint: 403,
      'contact_point@IT': 404,
      'admin@IT': 404,
      'auditor@IT': 404,
      'analyst@IT': 404,
    },
  },
});

authorizationMatrix('post-mortem data sheet', {
  fixture: async () => {
    const fx = await remainsFixture(false);
    return { id: fx.id, actors: { registrar: fx.forensic.token } };
  },
  endpoints: { pmSheet: (fx) => ({ method: 'get', path: pmPath(fx.id) }) },
  expect: {
    pmSheet: {
      anonymous: 401,
      registrar: 200,
      'forensic@IT': 200,
      'forensic@FR': 404,
      'caseworker@IT': 200,
      'caseworker@FR': 404,
      'contact_point@IT': 404,
      'family@IT': 404,
      'admin@IT': 404,
      'auditor@IT': 404,
      'analyst@IT': 404,
    },
  },
});
