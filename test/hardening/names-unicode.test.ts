import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { call } from '../http.js';
import { reportBody } from '../reports.factories.js';

// Issue 15 item 12: bidirectional override characters and lone surrogates are refused, naming the field.
const rawPost = (path: string, token: string, json: string) =>
  call('post', path, token).set('Content-Type', 'application/json').send(json);

describe('hardening: names with bidi overrides or lone surrogates', () => {
  it('refuses a bidi override in a report name, naming the field', async () => {
    const { token } = await buildUser({ role: 'caseworker' });
    const body = reportBody({}, [
      { kind: 'given', value: 'Moha\u202Edem', script: 'Latn' },
      { kind: 'family', value: 'Ali', script: 'Latn' },
    ]);
    const res = await rawPost('/api/v1/reports', token, JSON.stringify(body));
    expect(res.status).to.equal(400);
    expect(JSON.stringify(res.body)).to.contain('body.person.names.0.value');
  });

  it('refuses a lone surrogate (sent as a JSON escape), naming the field', async () => {
    const { token } = await buildUser({ role: 'caseworker' });
    const json = JSON.stringify(reportBody()).replace('"Haile"', '"Hai\\ud800le"');
    expect(json).to.contain('\\ud800');
    const res = await rawPost('/api/v1/reports', token, json);
    expect(res.status).to.equal(400);
    expect(JSON.stringify(res.body)).to.contain('body.person.names.1.value');
  });

  it('refuses them in organisation names too, and still accepts Arabic with a right-to-left mark', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const bad = await rawPost(
      '/api/v1/organisations',
      admin.token,
      JSON.stringify({ country: 'IT', kind: 'authority', name: 'Evil \u2067org\u2069' }),
    );
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body)).to.contain('body.name');
    const caseworker = await buildUser({ role: 'caseworker' });
    const ok = await rawPost(
      '/api/v1/reports',
      caseworker.token,
      JSON.stringify(
        reportBody({}, [
          { kind: 'given', value: 'محمد\u200F', script: 'Arab', latin: 'Mohamed' },
          { kind: 'family', value: 'Ali', script: 'Latn' },
        ]),
      ),
    );
    expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
  });
});
