// Auditors' console pages: signed checkpoints (listed, taken, checked against the chains) and
// "who accessed this record" through the data-protection service; refused to visitors, other
// roles, another country's record, a form without CSRF and a malformed id.
import { readFileSync, rmSync } from 'node:fs';
import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { testConfig, testNode } from '../node.js';
import { api } from '../http.js';
import { fileReport, reportBody } from '../reports.factories.js';
import { staffClient, staffLogin } from './staff.helpers.js';

const file = () => testConfig().env.AUDIT_CHECKPOINT_FILE;
const lines = () => {
  try {
    return readFileSync(file(), 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
};

describe('staff console: checkpoints and who accessed a record', function () {
  this.timeout(120_000);
  beforeEach(() => rmSync(file(), { force: true }));
  afterEach(() => rmSync(file(), { force: true }));

  it('takes a checkpoint and shows that it holds, then that it fails once history is rewritten', async () => {
    const auditor = await staffLogin((await buildUser({ role: 'auditor', country: 'IT' })).email);
    const empty = await auditor.get('/staff/audit/checkpoints');
    expect(empty.status).to.equal(200);
    expect(empty.text).to.contain('0 checkpoints in the file');
    expect((await auditor.post('/staff/audit/checkpoints', {}, 'forged')).status).to.equal(403);
    expect(lines()).to.equal(0);
    const taken = await auditor.post('/staff/audit/checkpoints', {});
    expect(taken.status).to.equal(303);
    expect(lines()).to.equal(1);
    const page = await auditor.get(taken.headers.location!);
    expect(page.text).to.contain('Checkpoint taken');
    expect(page.text).to.contain('Holds');
    const audited = await testNode().db.query(
      `SELECT 1 FROM audit_events WHERE action = 'checkpoint' AND subject_type = 'AuditTrail'`,
    );
    expect(audited).to.have.length(1);

    expect((await auditor.get('/staff/audit/verify')).text).to.contain('1 checkpoints; 0 fail');
    expect((await auditor.post('/staff/audit/verify', {}, 'forged')).status).to.equal(403);
    const full = await auditor.post('/staff/audit/verify', {});
    expect(full.status).to.equal(200);
    expect(full.text).to.match(/chain is intact: \d+ events checked/);

    // A database writer rewrites the event the checkpoint signed.
    const { db } = testNode();
    const jws = readFileSync(file(), 'utf8').trim();
    const { position } = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString()) as {
      position: number;
    };
    await db.exec('ALTER TABLE audit_events DISABLE TRIGGER USER');
    try {
      await db.query(`UPDATE audit_events SET hash = repeat('0', 64) WHERE position = $1`, [
        position,
      ]);
    } finally {
      await db.exec('ALTER TABLE audit_events ENABLE TRIGGER USER');
    }
    const after = await auditor.get('/staff/audit/checkpoints');
    expect(after.text).to.contain('history rewritten');
    expect((await auditor.get('/staff/audit/verify')).text).to.contain('1 checkpoints; 1 fail');
  });

  it('lists who accessed a report of the auditor’s country, and nothing of another', async () => {
    const itCase = await buildUser({ role: 'caseworker', country: 'IT' });
    const report = await fileReport(itCase.token, reportBody());
    expect((await api.get(`/api/v1/reports/${report.id}`, itCase.token)).status).to.equal(200);
    const auditor = await staffLogin((await buildUser({ role: 'auditor', country: 'IT' })).email);
    const form = await auditor.get('/staff/audit/access');
    expect(form.status).to.equal(200);
    const bad = await auditor.get('/staff/audit/access?type=reports&id=12');
    expect(bad.status).to.equal(400);
    expect(bad.text).to.contain('href="#f-id"');
    const log = await auditor.get(`/staff/audit/access?type=reports&id=${report.id}`);
    expect(log.status).to.equal(200);
    expect(log.text).to.contain('The record itself');
    expect(log.text).to.contain(itCase.user.id.slice(0, 8));
    const tn = await staffLogin((await buildUser({ role: 'auditor', country: 'TN' })).email);
    expect((await tn.get(`/staff/audit/access?type=reports&id=${report.id}`)).status).to.equal(404);
  });

  it('refuses visitors and other roles', async () => {
    const visitor = staffClient();
    for (const path of ['/staff/audit/checkpoints', '/staff/audit/access']) {
      const res = await visitor.get(path);
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.match(/^\/staff\/login/);
    }
    for (const role of ['admin', 'caseworker', 'forensic', 'contact_point'] as const) {
      const c = await staffLogin((await buildUser({ role, country: 'IT' })).email);
      expect((await c.get('/staff/audit/checkpoints')).status, role).to.equal(403);
      expect((await c.get('/staff/audit/access')).status, role).to.equal(403);
      expect((await c.post('/staff/audit/checkpoints', {})).status, role).to.equal(403);
      expect((await c.post('/staff/audit/verify', {})).status, role).to.equal(403);
    }
    expect(lines()).to.equal(0);
  });
});
