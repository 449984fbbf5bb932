import { expect } from 'chai';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { authorizationMatrix } from '../authz-matrix.js';
import { appendCustody, custodyEvent, INSTITUTIONS } from '../remains.factories.js';
import { documentAudits, getDocument, pdfOf, remainsFixture } from './fixtures.js';

const certPath = (id: string) => `/api/v1/remains/${id}/documents/custody-certificate`;

/** The verification code printed on a certificate. */
function printedCode(text: string): string {
  const m = /Verification code ([0-9A-Z]{4}(?:-[0-9A-Z]{1,4}){6})/.exec(text);
  expect(m, 'a verification code is printed').to.not.equal(null);
  return m![1]!;
}

async function chainOf(id: string, token: string) {
  const res = await api.get(`/api/v1/remains/${id}/custody`, token);
  expect(res.status).to.equal(200);
  return res.body.events as { position: number; hash: string }[];
}

describe('documents: custody and burial certificate', () => {
  it('prints the current location, every event with its hash and a code that verifies', async () => {
    const fx = await remainsFixture();
    const { text } = await pdfOf(certPath(fx.id), fx.forensic.token);
    const events = await chainOf(fx.id, fx.forensic.token);
    const head = events.at(-1)!.hash;
    expect(text).to.include(fx.code);
    expect(text).to.include('Custody chain (3 events)');
    expect(text).to.include('Cold room 2, Palermo');
    expect(text).to.include('Istituto di medicina legale, Palermo');
    for (const e of events) {
      // Hashes are printed in two lines of 32 hex digits.
      expect(text).to.include(e.hash.slice(0, 32));
      expect(text).to.include(e.hash.slice(32));
    }
    const code = printedCode(text);

    const ok = await api.get(`/api/v1/verify/${code}`);
    expect(ok.status).to.equal(200);
    expect(ok.body).to.deep.equal({
      genuine: true,
      remainsCode: fx.code,
      headHashAtIssue: head,
      chainVerifiesNow: true,
    });
    // Typed by a person: lower case, without dashes.
    const typed = await api.get(`/api/v1/verify/${code.replace(/-/g, '').toLowerCase()}`);
    expect(typed.status).to.equal(200);

    const [audit] = await documentAudits(fx.id);
    expect(audit?.details).to.include({ document: 'custody-certificate' });
    const stored = await testNode().db.query<{ codeHash: string; headHash: string }>(
      `SELECT code_hash AS "codeHash", head_hash AS "headHash" FROM custody_certificates
       WHERE remains_id = $1`,
      [fx.id],
    );
    expect(stored).to.have.length(1);
    expect(stored[0]!.headHash).to.equal(head);
    // Only the hash of the code is kept.
    expect(JSON.stringify(stored)).not.to.include(code.replace(/-/g, ''));
  });

  it('refuses a forged or malformed code without saying more', async () => {
    const fx = await remainsFixture();
    const code = printedCode((await pdfOf(certPath(fx.id), fx.forensic.token)).text);
    const forged = `${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}`;
    for (const bad of [forged, 'ABCD', 'not-a-code-at-all-not-a-code-xx']) {
      const res = await api.get(`/api/v1/verify/${bad}`);
      expect(res.status, bad).to.equal(404);
      expect(res.body.error.code).to.equal('NOT_FOUND');
      expect(JSON.stringify(res.body)).not.to.include(fx.code);
    }
  });

  it('still confirms the code after new events, and says so when the chain is tampered with', async () => {
    const fx = await remainsFixture();
    const code = printedCode((await pdfOf(certPath(fx.id), fx.forensic.token)).text);
    const later = await appendCustody(
      fx.forensic.token,
      fx.id,
      custodyEvent('buried', {
        custodian: INSTITUTIONS.cemeteryAuthority,
        burial: { cemetery: 'Cimitero di Agrigento', plot: '17', graveMarker: fx.code },
      }),
    );
    expect(later.status, JSON.stringify(later.body)).to.equal(201);
    const after = await api.get(`/api/v1/verify/${code}`);
    expect(after.body).to.include({ genuine: true, chainVerifiesNow: true });
    expect(after.body.headHashAtIssue).not.to.equal(later.body.hash);

    const { db } = testNode();
    await db.exec(`ALTER TABLE custody_events DISABLE TRIGGER custody_events_no_update_delete;
      UPDATE custody_events SET location = '{"name": "somewhere else"}'
        WHERE remains_id = '${fx.id}' AND position = 2;
      ALTER TABLE custody_events ENABLE TRIGGER custody_events_no_update_delete;`);
    const res = await api.get(`/api/v1/verify/${code}`);
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ genuine: true, chainVerifiesNow: false });
    // And no new certificate is issued on a broken chain.
    const refused = await getDocument(certPath(fx.id), fx.forensic.token);
    expect(refused.status).to.equal(409);
  });

  it('is not issued for remains without custody events', async () => {
    const fx = await remainsFixture(false);
    const res = await getDocument(certPath(fx.id), fx.forensic.token);
    expect(res.status).to.equal(409);
  });
});

authorizationMatrix('custody certificate', {
  fixture: async () => {
    const fx = await remainsFixture();
    return { id: fx.id, actors: { registrar: fx.forensic.token } };
  },
  endpoints: { certificate: (fx) => ({ method: 'get', path: certPath(fx.id) }) },
  expect: {
    certificate: {
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
