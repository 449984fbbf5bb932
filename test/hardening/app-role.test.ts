import { rmSync } from 'node:fs';
import { expect } from 'chai';
import request from 'supertest';
import { buildApp } from '../../src/app.js';
import { createServices } from '../../src/container.js';
import { sealPending, verifyChain } from '../../src/features/audit/index.js';
import {
  appRoleUrl,
  grantAppRole,
  migrate,
  openPostgres,
  type Database,
} from '../../src/platform/db/index.js';
import { buildUser } from '../factories.js';
import { testConfig, testNode } from '../node.js';
import { reportBody } from '../reports.factories.js';
import {
  buildForensic,
  custodyEvent,
  INSTITUTIONS as I,
  remainsBody,
} from '../remains.factories.js';

// Issue 15 item 6: the service runs as a database role that owns no tables, set up by
// `npm run cli -- db:app-role` / `npm run db:migrate` with APP_DATABASE_ROLE (ADR 0105).
const role = `ariadne_app_${process.pid}`;

async function refusal(db: Database, sql: string): Promise<string> {
  try {
    await db.query(sql);
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
  return 'accepted';
}

describe('hardening: the service as a database role that owns no tables', function () {
  this.timeout(120_000);
  let app: Database | undefined;

  before(function () {
    if (testNode().db.kind !== 'postgres') {
      // PGlite has one built-in superuser and no roles to connect as: nothing to restrict.
      console.log('    (skipped on PGlite: database roles need PostgreSQL; run npm run test:pg)');
      this.skip();
    }
  });

  after(async () => {
    await app?.close();
    if (testNode().db.kind === 'postgres') {
      const { db } = testNode();
      await db.exec(`DROP OWNED BY "${role}"; DROP ROLE IF EXISTS "${role}"`);
    }
  });

  it('grants what the app needs: it starts, files a report, records custody, seals the audit', async () => {
    const { db } = testNode();
    expect((await grantAppRole(db, role)).created).to.equal(true);
    expect((await grantAppRole(db, role)).created).to.equal(false);
    app = await openPostgres(appRoleUrl(process.env.TEST_DATABASE_URL!, role));
    const [who] = await app.query<{ u: string }>('SELECT current_user AS u');
    expect(who?.u).to.equal(role);
    expect(await migrate(app)).to.deep.equal([]);
    const services = createServices(app, testConfig());
    const http = buildApp(services);
    const caseworker = await buildUser({ role: 'caseworker' });
    const filed = await request(http)
      .post('/api/v1/reports')
      .set('Authorization', `Bearer ${caseworker.token}`)
      .send(reportBody());
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
    const forensic = await buildForensic('IT');
    const remains = await request(http)
      .post('/api/v1/remains')
      .set('Authorization', `Bearer ${forensic.token}`)
      .send(remainsBody());
    expect(remains.status, JSON.stringify(remains.body)).to.equal(201);
    const custody = await request(http)
      .post(`/api/v1/remains/${remains.body.id}/custody`)
      .set('Authorization', `Bearer ${forensic.token}`)
      .send(custodyEvent('recovered', { custodian: I.coastGuard, location: { name: 'Pier' } }));
    expect(custody.status, JSON.stringify(custody.body)).to.equal(201);
    expect(await sealPending(app)).to.be.greaterThan(0);
    expect((await verifyChain(app)).ok).to.equal(true);
    expect(await services.audit.checkpoint()).to.have.property('position');
    // The checkpoint went to the shared test node's file: leave it as other tests expect it.
    rmSync(testConfig().env.AUDIT_CHECKPOINT_FILE, { force: true });
    // The retention job runs as this role; audit events it may not delete are left to the
    // owner's `retention:apply`, and nothing else of the job fails (issue 16).
    const later = await services.dataProtection.retention.apply(new Date('2100-01-01'), {
      dryRun: false,
    });
    const auditLine = later.categories.find((c) => c.category === 'auditEvents');
    expect(auditLine?.refs[0]).to.match(/^skipped: this database role may not delete/);
    expect(later.categories.find((c) => c.category === 'sessions')?.due).to.be.greaterThan(0);
    expect((await verifyChain(app)).ok).to.equal(true);
    // The sealer's three columns are granted, but a sealed event refuses them (trigger).
    expect(await refusal(app, `UPDATE audit_events SET hash = hash WHERE position = 1`)).to.equal(
      'P0001',
    );
  });

  it('cannot change or remove history, nor alter, drop, truncate or create tables', async () => {
    expect(app, 'the first test connects as the role').to.not.equal(undefined);
    const db = app!;
    const [owned] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)`,
    );
    expect(owned?.n).to.equal(0);
    const denied = '42501'; // insufficient_privilege
    expect(await refusal(db, `UPDATE audit_events SET action = 'x'`)).to.equal(denied);
    expect(await refusal(db, `DELETE FROM audit_events`)).to.equal(denied);
    expect(await refusal(db, `TRUNCATE audit_events`)).to.equal(denied);
    expect(await refusal(db, `UPDATE custody_events SET notes = 'x'`)).to.equal(denied);
    expect(await refusal(db, `DELETE FROM custody_events`)).to.equal(denied);
    expect(await refusal(db, `ALTER TABLE audit_events DISABLE TRIGGER USER`)).to.equal(denied);
    expect(await refusal(db, `ALTER TABLE custody_events DISABLE TRIGGER USER`)).to.equal(denied);
    expect(await refusal(db, `DROP TABLE audit_events`)).to.equal(denied);
    expect(await refusal(db, `DROP TABLE reports CASCADE`)).to.equal(denied);
    expect(await refusal(db, `CREATE TABLE intruder (x int)`)).to.equal(denied);
    expect(await refusal(db, `DELETE FROM schema_migrations`)).to.equal(denied);
    expect(await refusal(db, `SELECT count(*) FROM audit_events`)).to.equal('accepted');
  });
});
