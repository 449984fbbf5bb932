// The rights of the people concerned (issue 16): the family export holds everything about the
// case; erasure is asked by the family, decided by a caseworker, removes the report everywhere
// (files, candidates, peers' copies) and leaves only the fact in the audit trail; an auditor
// lists every access to one record.
import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { api, call } from '../http.js';
import { testNode } from '../node.js';
import { checkerboardPng } from '../media.factories.js';
import { designate } from '../contact-points.factories.js';
import { agreeTnIt, drain } from '../federation.factories.js';
import { runWorker, trueRemainsBody } from '../matching.factories.js';
import { buildForensic, createRemains } from '../remains.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';

async function settle() {
  for (let i = 0; i < 10; i += 1) {
    const sent = await drain();
    await runWorker();
    if (sent === 0 && (await drain()) === 0) {
      return;
    }
  }
}

async function familyCase(country = 'IT') {
  const cw = await buildUser({ role: 'caseworker', country });
  const family = await buildUser({ role: 'family', country });
  const report = await fileReport(cw.token, { ...reportBody(), familyAccountId: family.user.id });
  return { cw, family, reportId: report.id };
}

describe('data protection: rights of the family', () => {
  it('the family export includes messages, files, notifications and the processing log', async () => {
    await designate({ country: 'IT' });
    const { cw, family, reportId } = await familyCase();
    const msg = await api.post(
      `/api/v1/reports/${reportId}/messages`,
      { body: 'Any news about my son?' },
      family.token,
    );
    expect(msg.status, JSON.stringify(msg.body)).to.equal(201);
    const up = await call('post', `/api/v1/reports/${reportId}/files`, cw.token).attach(
      'files',
      await checkerboardPng(32),
      { filename: 'passport-photo.png', contentType: 'image/png' },
    );
    expect(up.status).to.equal(201);
    const step = await api.post(
      `/api/v1/reports/${reportId}/status`,
      { status: 'under_search', reason: 'internal', messageToFamily: 'We have started.' },
      cw.token,
    );
    expect(step.status).to.equal(200);
    await api.get('/api/v1/reports?name=Yohannes', cw.token);

    const res = await api.get(`/api/v1/reports/${reportId}/export`, family.token);
    expect(res.status).to.equal(200);
    expect(res.body.messages.map((m: { body: string }) => m.body)).to.include(
      'Any news about my son?',
    );
    expect(res.body.files).to.have.length(1);
    expect(res.body.files[0]).to.include({ name: 'passport-photo.png', mediaType: 'image/png' });
    expect(res.body.notifications.length).to.be.greaterThan(0);
    const actions = res.body.processing.map((p: { action: string }) => p.action);
    expect(actions).to.include.members(['create', 'list', 'changeStatus']);
    expect(JSON.stringify(res.body.processing)).not.to.contain(cw.user.id);
  });

  it('erasure granted: the report, its files, candidates and the peer’s copy go; the audit keeps the fact', async () => {
    await agreeTnIt();
    const { cw, family, reportId } = await familyCase('TN');
    const tnForensic = await buildForensic('TN');
    await createRemains(tnForensic.token, trueRemainsBody());
    await call('post', `/api/v1/reports/${reportId}/files`, cw.token).attach(
      'files',
      await checkerboardPng(32),
      { filename: 'p.png', contentType: 'image/png' },
    );
    await settle();
    const db = testNode().db;
    expect(await db.query(`SELECT 1 FROM federation_profiles WHERE side = 'am'`)).to.have.length(1);
    expect(
      await db.query('SELECT 1 FROM match_candidates WHERE report_id = $1', [reportId]),
    ).to.have.length(1);

    // Only the owning family may ask; nobody else learns the report exists.
    const stranger = await buildUser({ role: 'family', country: 'TN' });
    const strangers = await api.post(
      `/api/v1/reports/${reportId}/erasure-requests`,
      {},
      stranger.token,
    );
    expect(strangers.status).to.equal(404);
    const asked = await api.post(
      `/api/v1/reports/${reportId}/erasure-requests`,
      { reason: 'We found him.' },
      family.token,
    );
    expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
    const again = await api.post(`/api/v1/reports/${reportId}/erasure-requests`, {}, family.token);
    expect(again.status).to.equal(409);

    const pending = await api.get('/api/v1/erasure-requests?status=pending', cw.token);
    expect(pending.body.items.map((i: { id: string }) => i.id)).to.deep.equal([asked.body.id]);
    const itCase = await buildUser({ role: 'caseworker', country: 'IT' });
    expect(
      (
        await api.post(
          `/api/v1/erasure-requests/${asked.body.id}/decision`,
          { decision: 'grant' },
          itCase.token,
        )
      ).status,
    ).to.equal(404);

    const granted = await api.post(
      `/api/v1/erasure-requests/${asked.body.id}/decision`,
      { decision: 'grant' },
      cw.token,
    );
    expect(granted.status, JSON.stringify(granted.body)).to.equal(200);
    expect(granted.body).to.include({ status: 'granted' });
    expect(granted.body.peersWithdrawn).to.deep.equal(['IT']);
    await settle();

    expect(await db.query('SELECT 1 FROM reports WHERE id = $1', [reportId])).to.have.length(0);
    expect(
      await db.query('SELECT 1 FROM media_files WHERE owner_id = $1', [reportId]),
    ).to.have.length(0);
    expect(
      await db.query('SELECT 1 FROM match_candidates WHERE report_id = $1', [reportId]),
    ).to.have.length(0);
    expect(
      await db.query('SELECT 1 FROM report_name_tokens WHERE report_id = $1', [reportId]),
    ).to.have.length(0);
    expect(await db.query(`SELECT 1 FROM federation_profiles WHERE side = 'am'`)).to.have.length(0);
    const events = await db.query<{ details: unknown }>(
      `SELECT details FROM audit_events WHERE action = 'erase'`,
    );
    expect(events).to.have.length(1);
    expect(JSON.stringify(events[0]!.details)).not.to.match(/Haile|Yohannes|found him/);

    const mine = await api.get('/api/v1/erasure-requests', family.token);
    expect(mine.body.items[0]).to.include({ status: 'granted' });
    expect((await api.get(`/api/v1/reports/${reportId}`, family.token)).status).to.equal(404);
  });

  it('erasure refused: a reason is required and the family sees it; the report stays', async () => {
    const { cw, family, reportId } = await familyCase();
    const asked = await api.post(`/api/v1/reports/${reportId}/erasure-requests`, {}, family.token);
    expect(asked.status).to.equal(201);
    const noReason = await api.post(
      `/api/v1/erasure-requests/${asked.body.id}/decision`,
      { decision: 'refuse' },
      cw.token,
    );
    expect(noReason.status).to.equal(400);
    expect(JSON.stringify(noReason.body.error)).to.contain('body.reason');
    const bad = await api.post(
      `/api/v1/erasure-requests/${asked.body.id}/decision`,
      { decision: 'maybe' },
      cw.token,
    );
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body.error)).to.contain('body.decision');
    const refused = await api.post(
      `/api/v1/erasure-requests/${asked.body.id}/decision`,
      { decision: 'refuse', reason: 'A court has ordered the file kept until the hearing.' },
      cw.token,
    );
    expect(refused.status).to.equal(200);
    const mine = await api.get('/api/v1/erasure-requests', family.token);
    expect(mine.body.items[0]).to.include({
      status: 'refused',
      decisionReason: 'A court has ordered the file kept until the hearing.',
    });
    expect((await api.get(`/api/v1/reports/${reportId}`, family.token)).status).to.equal(200);
    expect((await api.get('/api/v1/erasure-requests')).status).to.equal(401);
  });
});

describe('data protection: the access log of one record', () => {
  it('lists who read, searched and changed a report, with purposes; only for auditors of the country', async () => {
    const { cw, reportId } = await familyCase();
    await api.get(`/api/v1/reports/${reportId}`, cw.token);
    await api.get('/api/v1/reports?name=Haile', cw.token);
    const other = await fileReport(cw.token);
    const auditor = await buildUser({ role: 'auditor', country: 'IT' });
    const res = await api.get(`/api/v1/access-log/reports/${reportId}`, auditor.token);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const rows = res.body.items as {
      action: string;
      via: string;
      actorId: string;
      purpose: string;
    }[];
    expect(rows.map((r) => `${r.action}/${r.via}`)).to.include.members([
      'create/record',
      'read/record',
      'list/list',
    ]);
    expect(rows.find((r) => r.action === 'read')).to.include({
      actorId: cw.user.id,
      purpose: 'family tracing',
    });
    // The other report's filing is not in this report's log.
    expect(rows.filter((r) => r.action === 'create')).to.have.length(1);
    expect(other.id).not.to.equal(reportId);

    const tnAuditor = await buildUser({ role: 'auditor', country: 'TN' });
    expect(
      (await api.get(`/api/v1/access-log/reports/${reportId}`, tnAuditor.token)).status,
    ).to.equal(404);
    expect((await api.get(`/api/v1/access-log/reports/${reportId}`, cw.token)).status).to.equal(
      403,
    );
    expect((await api.get(`/api/v1/access-log/reports/${reportId}`)).status).to.equal(401);
    expect((await api.get(`/api/v1/access-log/people/${reportId}`, auditor.token)).status).to.equal(
      400,
    );
  });
});
