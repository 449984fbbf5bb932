import { expect } from 'chai';
import { buildOrg, buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';

describe('users', () => {
  it('an administrator creates a professional user in an organisation of their country', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const org = await buildOrg({ country: 'IT', kind: 'forensic_institute' });
    const res = await api.post(
      '/api/v1/users',
      {
        email: 'Doc@Example.org',
        displayName: 'Dr Rossi',
        role: 'forensic',
        organisationId: org.id,
        password: 'a long initial password',
      },
      admin.token,
    );
    expect(res.status).to.equal(201);
    expect(res.body).to.include({
      email: 'doc@example.org',
      role: 'forensic',
      country: 'IT',
      organisationId: org.id,
    });
    expect(res.body).to.not.have.any.keys('password', 'passwordHash', 'totpSecret');
    const [event] = await testNode().db.query<{ fields: string[] }>(
      `SELECT fields FROM audit_events WHERE action = 'create' AND subject_id = $1`,
      [res.body.id],
    );
    expect(event?.fields).to.include('email').and.not.include('password');
  });

  it('refuses an organisation of another country, naming the field, and stores nothing', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const foreign = await buildOrg({ country: 'TN', kind: 'authority' });
    const res = await api.post(
      '/api/v1/users',
      {
        email: 'x@example.org',
        displayName: 'X',
        role: 'caseworker',
        organisationId: foreign.id,
        password: 'a long initial password',
      },
      admin.token,
    );
    expect(res.status).to.equal(400);
    expect(res.body.error.details.fields[0].field).to.equal('body.organisationId');
    expect(
      await testNode().db.query(`SELECT 1 FROM users WHERE email = 'x@example.org'`),
    ).to.have.length(0);
  });

  it('refuses to create family accounts or unknown roles through the admin API', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const org = await buildOrg({ country: 'IT' });
    const res = await api.post(
      '/api/v1/users',
      {
        email: 'f@example.org',
        displayName: 'F',
        role: 'family',
        organisationId: org.id,
        password: 'a long initial password',
      },
      admin.token,
    );
    expect(res.status).to.equal(400);
    expect(res.body.error.details.fields[0].field).to.equal('body.role');
  });

  it('answers 409 for a duplicate e-mail', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const existing = await buildUser({ role: 'caseworker', country: 'IT' });
    const org = await buildOrg({ country: 'IT' });
    const res = await api.post(
      '/api/v1/users',
      {
        email: existing.email,
        displayName: 'Dup',
        role: 'caseworker',
        organisationId: org.id,
        password: 'a long initial password',
      },
      admin.token,
    );
    expect(res.status).to.equal(409);
  });

  it('lists only the users of the administrator’s country, filtered in SQL, and audits the read', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const it1 = await buildUser({ role: 'caseworker', country: 'IT' });
    const tn = await buildUser({ role: 'caseworker', country: 'TN' });
    const res = await api.get('/api/v1/users?limit=100', admin.token);
    expect(res.status).to.equal(200);
    const ids = res.body.items.map((u: { id: string }) => u.id);
    expect(ids).to.include.members([admin.user.id, it1.user.id]);
    expect(ids).to.not.include(tn.user.id);
    expect(res.body.total).to.equal(ids.length);
    const [event] = await testNode().db.query<{ details: { ids: string[] } }>(
      `SELECT details FROM audit_events WHERE action = 'list' AND actor_id = $1`,
      [admin.user.id],
    );
    expect(event?.details.ids).to.have.members(ids);
  });

  it('a non-administrator listing users sees only themselves', async () => {
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    await buildUser({ role: 'caseworker', country: 'IT' });
    const res = await api.get('/api/v1/users', cw.token);
    expect(res.body.items.map((u: { id: string }) => u.id)).to.deep.equal([cw.user.id]);
  });

  it('a user edits their own display name and language but not their role', async () => {
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    const ok = await api.patch(
      `/api/v1/users/${cw.user.id}`,
      { displayName: 'Giulia', preferredLanguage: 'it' },
      cw.token,
    );
    expect(ok.status).to.equal(200);
    expect(ok.body).to.include({ displayName: 'Giulia', preferredLanguage: 'it' });
    const bad = await api.patch(`/api/v1/users/${cw.user.id}`, { role: 'admin' }, cw.token);
    expect(bad.status).to.equal(403);
    expect(bad.body.error.details.fields[0].field).to.equal('role');
    const me = await api.get('/api/v1/me', cw.token);
    expect(me.body.role).to.equal('caseworker');
  });

  it('an administrator changes a user’s role but cannot change their own', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    const ok = await api.patch(
      `/api/v1/users/${cw.user.id}`,
      { role: 'contact_point' },
      admin.token,
    );
    expect(ok.body.role).to.equal('contact_point');
    const self = await api.patch(
      `/api/v1/users/${admin.user.id}`,
      { role: 'caseworker' },
      admin.token,
    );
    expect(self.status).to.equal(403);
  });

  it('refuses a malformed id with 400 naming params.id', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const res = await api.get('/api/v1/users/not-a-uuid', admin.token);
    expect(res.status).to.equal(400);
    expect(res.body.error.details.fields[0].field).to.equal('params.id');
  });
});
