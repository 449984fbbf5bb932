import { expect } from 'chai';
import { readAudited, sealPending, verifyChain } from '../../src/features/audit/index.js';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { countStatements, recordStatements, testNode } from '../node.js';

interface ReadEventRow {
  actor_id: string;
  actor_role: string;
  actor_country: string;
  subject_type: string;
  subject_id: string;
  subject_country: string;
  fields: string[];
  request_id: string | null;
  position: number | null;
}

async function readEvents(subjectId?: string): Promise<ReadEventRow[]> {
  return testNode().db.query<ReadEventRow>(
    `SELECT actor_id, actor_role, actor_country, subject_type, subject_id, subject_country,
       fields, request_id, position
     FROM audit_events WHERE action = 'read' AND ($1::text IS NULL OR subject_id = $1)
     ORDER BY seq`,
    [subjectId ?? null],
  );
}

async function failure(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('audit trail: a read and its event in one statement (ADR 0135)', () => {
  it('records an administrator’s read of a user with the row’s subject, in one statement', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const target = await buildUser({ role: 'caseworker', country: 'IT' });
    // The first request resolves the session; the second is the steady state.
    expect((await api.get(`/api/v1/users/${target.user.id}`, admin.token)).status).to.equal(200);
    let body: { id?: string; email?: string } = {};
    const statements = await recordStatements(async () => {
      const res = await api
        .get(`/api/v1/users/${target.user.id}`, admin.token)
        .set('X-Request-Id', 'req-read-0135');
      expect(res.status).to.equal(200);
      body = res.body as typeof body;
    });
    expect(body).to.include({ id: target.user.id, email: target.user.email });
    expect(statements).to.have.length(1);
    expect(statements[0]).to.match(/INSERT INTO audit_events/);

    const events = await readEvents(target.user.id);
    expect(events).to.have.length(2);
    expect(events[1]).to.deep.include({
      actor_id: admin.user.id,
      actor_role: 'admin',
      actor_country: 'IT',
      subject_type: 'User',
      subject_id: target.user.id,
      subject_country: 'IT',
      request_id: 'req-read-0135',
      position: null,
    });
    expect(events[1]?.fields).to.include.members(['id', 'email', 'displayName']);
    // Sealed into the chain like any other event.
    await sealPending(testNode().db);
    expect(await verifyChain(testNode().db)).to.include({ ok: true });
  });

  it('writes no event for a read the rules refuse or a user that does not exist', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const foreign = await buildUser({ role: 'caseworker', country: 'FR' });
    const colleague = await buildUser({ role: 'caseworker', country: 'IT' });
    const before = await readEvents();
    expect((await api.get(`/api/v1/users/${foreign.user.id}`, admin.token)).status).to.equal(404);
    expect(
      (await api.get('/api/v1/users/00000000-0000-4000-8000-000000000000', admin.token)).status,
    ).to.equal(404);
    // A caseworker may read only themself.
    expect((await api.get(`/api/v1/users/${admin.user.id}`, colleague.token)).status).to.equal(404);
    expect(await readEvents()).to.deep.equal(before);
  });

  it('writes no event when users read themselves (as before)', async () => {
    const me = await buildUser({ role: 'caseworker', country: 'IT' });
    const res = await api.get(`/api/v1/users/${me.user.id}`, me.token);
    expect(res.status).to.equal(200);
    expect((res.body as { id: string }).id).to.equal(me.user.id);
    expect(await readEvents(me.user.id)).to.deep.equal([]);
  });

  it('returns no row when the event cannot be written (the statement fails whole)', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const target = await buildUser({ role: 'caseworker', country: 'IT' });
    const actor = { id: admin.user.id, role: 'admin', country: 'IT' };
    // A display name does not fit the event's two-letter subject country: the insert fails.
    const message = await failure(() =>
      readAudited(
        testNode().db,
        {
          sql: 'SELECT id, display_name AS "displayName" FROM users WHERE id = $1',
          params: [target.user.id],
        },
        actor,
        {
          subjectType: 'User',
          subjectIdColumn: 'id',
          subjectCountryColumn: '"displayName"',
          fields: ['displayName'],
        },
      ),
    );
    expect(message).to.match(/too long|character\(2\)/);
    expect(await readEvents(target.user.id)).to.deep.equal([]);
  });

  it('refuses a query that finds more than one row, writing no event', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    await buildUser({ role: 'caseworker', country: 'IT' });
    const before = await readEvents();
    const actor = { id: admin.user.id, role: 'admin', country: 'IT' };
    const message = await failure(() =>
      readAudited(testNode().db, { sql: 'SELECT id FROM users', params: [] }, actor, {
        subjectType: 'User',
        subjectIdColumn: 'id',
        fields: ['id'],
      }),
    );
    expect(message).to.match(/single-record read/);
    expect(await readEvents()).to.deep.equal(before);
  });

  it('costs one statement whether or not an event is written', async () => {
    const admin = await buildUser({ role: 'admin', country: 'IT' });
    const actor = { id: admin.user.id, role: 'admin', country: 'IT' };
    const query = (id: string) => ({
      sql: 'SELECT id, country FROM users WHERE id = $1',
      params: [id],
    });
    const event = { subjectType: 'User', subjectIdColumn: 'id', fields: ['id'] };
    expect(
      await countStatements(() => readAudited(testNode().db, query(admin.user.id), actor, event)),
    ).to.equal(1);
    expect(
      await countStatements(() =>
        readAudited(testNode().db, query('00000000-0000-4000-8000-000000000000'), actor, event),
      ),
    ).to.equal(1);
  });
});
