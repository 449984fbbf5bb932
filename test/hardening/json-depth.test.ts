import { expect } from 'chai';
import { call } from '../http.js';
import { buildUser } from '../factories.js';

// Issue 15 item 7: deeply nested JSON must be refused with a 400 before anything walks it.
describe('hardening: nested JSON depth', () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);

  it('answers 400 (not 500) to deep nesting on a public route, without login', async () => {
    const res = await call('post', '/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(`{"email":${deep}}`);
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.error.details)).to.contain('nested');
  });

  it('answers 400 to deep nesting from a logged-in user', async () => {
    const { token } = await buildUser({ role: 'caseworker' });
    const res = await call('post', '/api/v1/reports', token)
      .set('Content-Type', 'application/json')
      .send(`{"names":${deep}}`);
    expect(res.status).to.equal(400);
    expect(JSON.stringify(res.body.error.details)).to.contain('nested');
  });

  it('still accepts ordinary nesting', async () => {
    const res = await call('post', '/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send({ email: 'nobody@test.example', password: 'x'.repeat(12) });
    expect(res.status).to.equal(401);
  });
});
