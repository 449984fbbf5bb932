import { expect } from 'chai';
import { reportBody } from '../reports.factories.js';
import { trueRemainsBody } from '../matching.factories.js';
import { INSTITUTIONS } from '../remains.factories.js';
import { drainNode, startPair, type NodeUnderTest } from '../federation.nodes.js';
import { pdfText } from '../documents/pdf-text.js';

/** GETs a PDF from a node as bytes; returns the response, its bytes and its text. */
async function pdfFrom(node: NodeUnderTest, path: string, token?: string) {
  const res = await node
    .api('get', path, token)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const pdf = res.body as Buffer;
  return { res, pdf, text: res.status === 200 ? pdfText(pdf) : '' };
}

/** Runs outbox and match worker on both nodes until idle. */
async function settle(a: NodeUnderTest, b: NodeUnderTest) {
  for (let i = 0; i < 10; i += 1) {
    let sent = 0;
    for (const n of [a, b]) {
      sent += await drainNode(n);
      await n.services.matching.worker.runOnce();
    }
    if (sent === 0) {
      return;
    }
  }
}

/** Designates a contact point on a node, staffed by one user; returns the staff token. */
async function designateAt(
  node: NodeUnderTest,
  country: string,
  nationalities: string[] = [],
): Promise<string> {
  const admin = await node.user('admin', country);
  const staff = await node.user('contact_point', country);
  const rows = await node.db.query<{ orgId: string }>(
    `SELECT organisation_id AS "orgId" FROM users WHERE id = $1`,
    [staff.id],
  );
  const orgId = rows[0]!.orgId;
  const res = await node.api('post', '/api/v1/contact-points', admin.token, {
    organisationId: orgId,
    name: `Consular desk ${country} ${nationalities.join(' ')}`,
    countries: [],
    nationalities,
    languages: ['en'],
    channels: [{ kind: 'phone', value: '+216 71 555 0100' }],
    hours: 'Mon–Fri 9:00–17:00',
    staffIds: [staff.id],
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return staff.token;
}

let clock = Date.now() - 30 * 86_400_000;
const at = () => new Date((clock += 3_600_000)).toISOString();

describe('federation: identification and repatriation across borders (two nodes over HTTP)', function () {
  this.timeout(300_000);
  let tn: NodeUnderTest;
  let itNode: NodeUnderTest;
  beforeEach(async () => {
    ({ tn, it: itNode } = await startPair());
  });
  afterEach(async () => {
    await tn.stop();
    await itNode.stop();
  });

  it('TN report → IT remains → disclosure → two-person sign-off in IT → death notice in TN → repatriation verified at both', async () => {
    const cpToken = await designateAt(tn, 'TN');
    const tnCase = await tn.user('caseworker', 'TN');
    const tnForensic = await tn.user('forensic', 'TN');
    const itA = await itNode.user('forensic', 'IT');
    const itB = await itNode.user('forensic', 'IT');
    const itCase = await itNode.user('caseworker', 'IT');
    const report = await tn.api('post', '/api/v1/reports', tnCase.token, reportBody());
    expect(report.status, JSON.stringify(report.body)).to.equal(201);
    const remains = await itNode.api('post', '/api/v1/remains', itA.token, trueRemainsBody());
    expect(remains.status).to.equal(201);
    await settle(tn, itNode);

    const itList = await itNode.api('get', '/api/v1/federation/candidates', itA.token);
    expect(itList.body.items).to.have.length(1);
    const itCandidate = itList.body.items[0].id as string;
    const base = `/api/v1/federation/candidates/${itCandidate}`;

    // No sign-off before the family's record was disclosed; bad input names its field.
    const early = await itNode.api('post', `${base}/propose`, itA.token, { basis: ['dna'] });
    expect(early.status).to.equal(409);
    expect(early.body.error.details).to.deep.equal({ disclosure: 'missing' });
    const bad = await itNode.api('post', `${base}/propose`, itA.token, { basis: ['hunch'] });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.fields[0].field).to.match(/^body\.basis/);

    // Disclosure: IT asks, TN's caseworker approves, the record arrives encrypted.
    const asked = await itNode.api('post', `${base}/disclosures`, itA.token, {
      purpose: 'identification',
      justification: 'Strong candidate; dental and implant serial agree.',
    });
    expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
    await settle(tn, itNode);
    const incoming = await tn.api('get', '/api/v1/federation/disclosures', tnCase.token);
    expect(incoming.body.items).to.have.length(1);
    const decided = await tn.api(
      'post',
      `/api/v1/federation/disclosures/${incoming.body.items[0].id}/decide`,
      tnCase.token,
      { decision: 'approve', reason: 'Consent to cross-border identification on file.' },
    );
    expect(decided.status).to.equal(200);
    await settle(tn, itNode);

    // The TN side cannot sign off: the remains are in IT.
    const tnCandidates = await tn.api('get', '/api/v1/federation/candidates', tnForensic.token);
    const tnCandidate = tnCandidates.body.items[0].id as string;
    const wrongSide = await tn.api(
      'post',
      `/api/v1/federation/candidates/${tnCandidate}/propose`,
      tnForensic.token,
      { basis: ['dna'] },
    );
    expect(wrongSide.status).to.equal(409);
    // Caseworkers do not review; another jurisdiction does not see it.
    expect(
      (await itNode.api('post', `${base}/propose`, itCase.token, { basis: ['dna'] })).status,
    ).to.equal(404);

    const proposed = await itNode.api('post', `${base}/propose`, itA.token, {
      basis: ['dna', 'dental'],
      note: 'DNA kinship LR 1e9 with the mother; gold crown 11.',
    });
    expect(proposed.status, JSON.stringify(proposed.body)).to.equal(200);
    expect(proposed.body.status).to.equal('under_review');
    const self = await itNode.api('post', `${base}/confirm`, itA.token);
    expect(self.status).to.equal(409);
    expect(self.body.error.code).to.equal('SECOND_REVIEWER_REQUIRED');
    const confirmed = await itNode.api('post', `${base}/confirm`, itB.token);
    expect(confirmed.status, JSON.stringify(confirmed.body)).to.equal(200);
    expect(confirmed.body.status).to.equal('confirmed');
    expect(confirmed.body.review.identification).to.equal('identified');
    const itRemains = await itNode.api('get', `/api/v1/remains/${remains.body.id}`, itA.token);
    expect(itRemains.body.status).to.equal('identified');
    await settle(tn, itNode);

    // TN: the candidate is confirmed, the report awaits the in-person notice, the contact
    // point has the death-notice task, and the remains' profile was withdrawn.
    const tnOne = await tn.api(
      'get',
      `/api/v1/federation/candidates/${tnCandidate}`,
      tnForensic.token,
    );
    expect(tnOne.body.status).to.equal('confirmed');
    expect(tnOne.body.review.identification).to.equal('identified');
    const tnReport = await tn.api('get', `/api/v1/reports/${report.body.id}`, tnCase.token);
    expect(tnReport.body.status).to.equal('possible_match');
    const tasks = await tn.api('get', '/api/v1/notifications', cpToken);
    const kinds = tasks.body.items.map((i: { kind: string }) => i.kind);
    expect(kinds).to.include('death_notice');
    expect(JSON.stringify(tasks.body)).to.contain(remains.body.code);
    expect(await tn.db.query(`SELECT 1 FROM federation_profiles WHERE side = 'pm'`)).to.have.length(
      0,
    );

    // No written news before the in-person notice; then the death is recorded.
    const statusPath = `/api/v1/reports/${report.body.id}/status`;
    const deceased = { status: 'identified_deceased', reason: 'Identified in Italy (DNA, dental)' };
    const refused = await tn.api('post', statusPath, tnCase.token, deceased);
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('DEATH_NOTICE_REQUIRED');
    const told = await tn.api('post', `/api/v1/reports/${report.body.id}/death-notice`, cpToken, {
      method: 'in_person',
      note: 'Visited the mother with an interpreter.',
    });
    expect(told.status, JSON.stringify(told.body)).to.equal(200);
    expect((await tn.api('post', statusPath, tnCase.token, deceased)).status).to.equal(200);
    await settle(tn, itNode);

    // The family's case status came back to IT; the closed report's profile left IT.
    const itOne = await itNode.api('get', base, itA.token);
    expect(itOne.body.counterpartStatuses.map((s: { status: string }) => s.status)).to.deep.equal([
      'under_search',
      'possible_match',
      'identified_deceased',
    ]);
    expect(
      await itNode.db.query(`SELECT 1 FROM federation_profiles WHERE side = 'am'`),
    ).to.have.length(0);

    // Repatriation: the chain crosses with its signed head and continues in TN.
    for (const [kind, extra] of [
      ['recovered', { custodian: INSTITUTIONS.coastGuard, location: { name: 'Lampedusa' } }],
      ['received_at_morgue', { custodian: INSTITUTIONS.morgue, location: { name: 'Palermo' } }],
    ] as const) {
      const ev = await itNode.api('post', `/api/v1/remains/${remains.body.id}/custody`, itA.token, {
        kind,
        occurredAt: at(),
        ...extra,
      });
      expect(ev.status, JSON.stringify(ev.body)).to.equal(201);
    }
    const sent = await itNode.api('post', `${base}/repatriate`, itB.token, {
      occurredAt: at(),
      custodian: { name: 'Consulate of Tunisia, Palermo', country: 'TN' },
      documents: [{ kind: 'transfer_order', reference: 'TO-2026-17' }],
    });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    expect(sent.body.head.position).to.equal(3);
    await settle(tn, itNode);
    const received = await tn.api('get', '/api/v1/federation/repatriations', tnForensic.token);
    expect(received.body.items).to.have.length(1);
    const tnTransfer = received.body.items[0].id as string;
    expect(received.body.items[0]).to.include({
      direction: 'incoming',
      remainsCode: remains.body.code,
    });
    const tnPath = `/api/v1/federation/repatriations/${tnTransfer}`;
    const wrong = await tn.api('post', `${tnPath}/events`, tnForensic.token, {
      kind: 'exhumed',
      occurredAt: at(),
      custodian: INSTITUTIONS.tunisMorgue,
    });
    expect(wrong.status).to.equal(409);
    for (const [kind, extra] of [
      ['received_at_morgue', { custodian: INSTITUTIONS.tunisMorgue, location: { name: 'Tunis' } }],
      ['handed_over', { custodian: INSTITUTIONS.family }],
    ] as const) {
      const ev = await tn.api('post', `${tnPath}/events`, tnForensic.token, {
        kind,
        occurredAt: at(),
        ...extra,
      });
      expect(ev.status, JSON.stringify(ev.body)).to.equal(201);
    }
    await settle(tn, itNode);
    const itTransfers = await itNode.api('get', '/api/v1/federation/repatriations', itA.token);
    const itPath = `/api/v1/federation/repatriations/${itTransfers.body.items[0].id}`;
    for (const [node, path, token] of [
      [tn, tnPath, tnForensic.token],
      [itNode, itPath, itA.token],
    ] as const) {
      const v = await node.api('get', `${path}/verify`, token);
      expect(v.status).to.equal(200);
      expect(v.body, node.name).to.include({ ok: true, checked: 5 });
      expect(v.body.crossing).to.include({ position: 3, signatureValid: true });
      expect(v.body.events.map((e: { side: string }) => e.side)).to.deep.equal([
        'IT',
        'IT',
        'IT',
        'TN',
        'TN',
      ]);
    }
    // The custody certificate at the receiving node: IT's events as received and verified, with
    // the node and key that signed the head, before TN's own, and the verification status.
    const cert = await pdfFrom(tn, `${tnPath}/custody-certificate`, tnForensic.token);
    expect(cert.res.status).to.equal(200);
    expect(cert.res.headers['content-type']).to.match(/application\/pdf/);
    if (process.env.KEEP_PDF) {
      (await import('node:fs')).writeFileSync(process.env.KEEP_PDF, cert.pdf);
    }
    const text = cert.text.replace(/\s+/g, ' ');
    const itKid = (await itNode.services.federation.keys.active('sig')).kid;
    expect(text).to.include('VERIFIED: all 5 events');
    expect(text).to.include('1. Recorded in IT (sending side, 3 events)');
    expect(text).to.include('2. Recorded in TN (receiving side, 2 events)');
    expect(text).to.include('urn:ariadne:node:it');
    expect(text).to.include(itKid);
    expect(text).to.include('As received and verified by this node');
    const order = [
      '1. recovered',
      '2. received at morgue',
      '3. repatriated',
      '2. Recorded in TN',
      '4. received at morgue',
      '5. handed over',
    ].map((k) => text.indexOf(k));
    expect(order.every((i) => i >= 0)).to.equal(true, text);
    expect([...order].sort((a, b) => a - b)).to.deep.equal(order);
    const itCert = await pdfFrom(itNode, `${itPath}/custody-certificate`, itA.token);
    expect(itCert.text.replace(/\s+/g, ' ')).to.include('VERIFIED: all 5 events');
    expect((await pdfFrom(tn, `${tnPath}/custody-certificate`)).res.status).to.equal(401);
    expect((await pdfFrom(tn, `${tnPath}/custody-certificate`, tnCase.token)).res.status).to.equal(
      404,
    );
    const issued = await tn.db.query(
      `SELECT 1 FROM audit_events WHERE action = 'custody-certificate' AND subject_id = $1`,
      [received.body.items[0].transferId],
    );
    expect(issued).to.have.length(1);

    // The repatriation flowed back to TN's candidate as the remains' status.
    const tnAfter = await tn.api(
      'get',
      `/api/v1/federation/candidates/${tnCandidate}`,
      tnForensic.token,
    );
    expect(tnAfter.body.counterpartStatuses.map((s: { status: string }) => s.status)).to.include(
      'repatriated',
    );
    // Nobody outside the forensic service of the jurisdiction sees the chain.
    expect((await tn.api('get', `${tnPath}/verify`)).status).to.equal(401);
    expect((await tn.api('get', `${tnPath}/verify`, tnCase.token)).status).to.equal(404);

    // A chain altered on the receiving side no longer verifies.
    await tn.db.query(
      `UPDATE federation_custody_transfers SET sent_events = jsonb_set(sent_events, '{1,notes}', '"moved"')`,
    );
    const broken = await tn.api('get', `${tnPath}/verify`, tnForensic.token);
    expect(broken.body.ok).to.equal(false);
    expect(broken.body.firstBroken.position).to.equal(2);
    const brokenCert = await pdfFrom(tn, `${tnPath}/custody-certificate`, tnForensic.token);
    expect(brokenCert.text.replace(/\s+/g, ' ')).to.include('NOT VERIFIED: event 2');
  });

  it('an IT report routed to the family’s contact point in TN: the minimum crosses, the status comes back', async () => {
    const tnCp = await tn.user('contact_point', 'TN');
    const tnCase = await tn.user('caseworker', 'TN');
    const itCase = await itNode.user('caseworker', 'IT');
    const report = await itNode.api('post', '/api/v1/reports', itCase.token, reportBody());
    expect(report.status).to.equal(201);
    const route = (body: object, token = itCase.token) =>
      itNode.api('post', '/api/v1/federation/case-notices', token, body);
    const reason = 'The family lives in Tunis; please keep them informed.';
    const own = await route({ reportId: report.body.id, jurisdiction: 'IT', reason });
    expect(own.status).to.equal(400);
    expect(own.body.error.details.fields[0].field).to.equal('body.jurisdiction');
    const itForensic = await itNode.user('forensic', 'IT');
    expect(
      (await route({ reportId: report.body.id, jurisdiction: 'TN', reason }, itForensic.token))
        .status,
      'only the report’s caseworkers route it',
    ).to.equal(404);
    const routed = await route({ reportId: report.body.id, jurisdiction: 'TN', reason });
    expect(routed.status, JSON.stringify(routed.body)).to.equal(201);
    expect(routed.body).to.include({ direction: 'outgoing', status: 'received' });
    expect((await route({ reportId: report.body.id, jurisdiction: 'TN', reason })).status).to.equal(
      409,
    );
    await settle(tn, itNode);

    const inbox = await tn.api('get', '/api/v1/federation/case-notices', tnCp.token);
    expect(inbox.body.items).to.have.length(1);
    expect(inbox.body.items[0].notice, 'no contacts in lists').to.equal(undefined);
    expect(inbox.body.items[0].contactPointId, 'none designated: every one sees it').to.equal(null);
    const path = `/api/v1/federation/case-notices/${inbox.body.items[0].id}`;
    const one = await tn.api('get', path, tnCp.token);
    expect(one.status).to.equal(200);
    expect(one.body.notice.relatives[0]).to.include({
      name: 'Saba Haile',
      preferredLanguage: 'ti',
    });
    expect(one.body.notice.person.names[0].value).to.equal('Yohannes');
    // The minimum only: no medical, DNA or document data crosses.
    expect(JSON.stringify(one.body)).not.to.match(/ICMP-77|SN-123|ER-55501|gold crown/);
    expect((await tn.api('get', path, tnCase.token)).status).to.equal(404);
    expect((await tn.api('get', path)).status).to.equal(401);

    const moved = await itNode.api(
      'post',
      `/api/v1/reports/${report.body.id}/status`,
      itCase.token,
      {
        status: 'under_search',
        reason: 'Search opened with the coast guard',
        messageToFamily: 'The search has started.',
      },
    );
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    await settle(tn, itNode);
    const after = await tn.api('get', path, tnCp.token);
    expect(after.body.status).to.equal('under_search');
    expect(after.body.timeline).to.have.length(1);
    expect(after.body.timeline[0]).to.include({
      status: 'under_search',
      message: 'The search has started.',
    });
    const audit = await tn.db.query(
      `SELECT 1 FROM audit_events WHERE action = 'case_notice_received'`,
    );
    expect(audit).to.have.length(1);
  });

  it('a case notice goes to the one contact point designated for the nationality, not to all', async () => {
    const generic = await designateAt(tn, 'TN');
    const eritrea = await designateAt(tn, 'TN', ['ER']);
    const undesignated = await tn.user('contact_point', 'TN');
    const itCase = await itNode.user('caseworker', 'IT');
    const report = await itNode.api('post', '/api/v1/reports', itCase.token, reportBody());
    expect(report.body.person.nationalities).to.deep.equal(['ER']);
    const routed = await itNode.api('post', '/api/v1/federation/case-notices', itCase.token, {
      reportId: report.body.id,
      jurisdiction: 'TN',
      reason: 'The family lives in Tunis.',
    });
    expect(routed.status, JSON.stringify(routed.body)).to.equal(201);
    await settle(tn, itNode);
    const mine = await tn.api('get', '/api/v1/federation/case-notices', eritrea);
    expect(mine.body.items).to.have.length(1);
    expect(mine.body.items[0].contactPointId).to.be.a('string');
    expect(mine.body.items[0].routingReason).to.include('serves nationals of ER');
    const path = `/api/v1/federation/case-notices/${mine.body.items[0].id}`;
    const one = await tn.api('get', path, eritrea);
    expect(one.status).to.equal(200);
    expect(one.body.notice.person.nationalities).to.deep.equal(['ER']);
    for (const [who, token] of [
      ['a contact point for every nationality', generic],
      ['a contact point staffing no designation', undesignated.token],
    ] as const) {
      const list = await tn.api('get', '/api/v1/federation/case-notices', token);
      expect(list.body.items, who).to.have.length(0);
      expect((await tn.api('get', path, token)).status, who).to.equal(404);
    }
    const [audit] = await tn.db.query<{ details: { contactPoint: string } }>(
      `SELECT details FROM audit_events WHERE action = 'case_notice_received'`,
    );
    expect(audit!.details.contactPoint).to.equal(mine.body.items[0].contactPointId);
  });

  it('a transfer whose head is not signed by the sender is refused with no trace but an audit event', async () => {
    const ch = itNode.services.federation.channel;
    await itNode.db.transaction((tx) =>
      ch.send(tx, {
        kind: 'custody.transfer',
        from: 'IT',
        to: 'TN',
        subjectKey: 'custody:forged',
        body: {
          transferId: '00000000-0000-4000-8000-000000000001',
          ref: 'AM-TN-unknown',
          remainsCode: 'X',
          events: [],
          signedHead: 'e30.e30.sig',
        },
      }),
    );
    await drainNode(itNode);
    expect(await tn.db.query(`SELECT 1 FROM federation_custody_transfers`)).to.have.length(0);
    const rejected = await tn.db.query<{ details: { reason: string; kind: string } }>(
      `SELECT details FROM audit_events WHERE action = 'federation_reject'`,
    );
    expect(rejected.map((r) => r.details.kind)).to.deep.equal(['custody.transfer']);
    expect(rejected[0]!.details.reason).to.equal('MALFORMED');
    expect(await tn.db.query(`SELECT 1 FROM federation_inbox`)).to.have.length(0);
  });
});
