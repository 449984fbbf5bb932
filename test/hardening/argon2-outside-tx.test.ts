import { expect } from 'chai';
import { hashPassword, verifyPassword } from '../../src/platform/crypto/index.js';
import { buildOrg, buildUser, TEST_PASSWORD } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';

// Issue 15 item 16: argon2 never runs inside a transaction (on PGlite it would block every query).
describe('hardening: argon2 outside transactions', () => {
  it('refuses to hash or verify inside a transaction', async () => {
    const { db } = testNode();
    const hashed = await hashPassword('outside is fine, thank you');
    let hashError: unknown;
    let verifyError: unknown;
    await db.transaction(async () => {
      hashError = await hashPassword('x').catch((e: unknown) => e);
      verifyError = await verifyPassword(hashed, 'x').catch((e: unknown) => e);
    });
    expect(String(hashError)).to.contain('inside a transaction');
    expect(String(verifyError)).to.contain('inside a transaction');
  });

  it('logs in, refuses a wrong password and creates users with the guard in place', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const ok = await api.post('/api/v1/auth/login', {
      email: admin.email,
      password: TEST_PASSWORD,
    });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    expect(ok.body.accessToken).to.be.a('string');
    const wrong = await api.post('/api/v1/auth/login', {
      email: admin.email,
      password: 'not the password at all',
    });
    expect(wrong.status).to.equal(401);
    const org = await buildOrg({ country: 'IT', kind: 'tracing_service' });
    const created = await api.post(
      '/api/v1/users',
      {
        email: 'new.caseworker@test.example',
        displayName: 'New caseworker',
        role: 'caseworker',
        organisationId: org.id,
        password: 'a long and unusual passphrase 42',
      },
      admin.token,
    );
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const login = await api.post('/api/v1/auth/login', {
      email: 'new.caseworker@test.example',
      password: 'a long and unusual passphrase 42',
    });
    expect(login.status).to.not.equal(500);
  });
});
