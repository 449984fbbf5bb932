import { expect } from 'chai';
import { testNode } from '../node.js';
import { reportBody } from '../reports.factories.js';
import { trueRemainsBody } from '../matching.factories.js';
import { remainsBody } from '../remains.factories.js';
import { drainNode, startPair, type NodeUnderTest } from '../federation.nodes.js';

/** Runs outbox and match worker on both nodes until idle. */
async function settle(tn: NodeUnderTest, itNode: NodeUnderTest) {
  for (let i = 0; i < 10; i += 1) {
    let sent = 0;
    for (const n of [tn, itNode]) {
      sent += await drainNode(n);
      await n.services.matching.worker.runOnce();
    }
    if (sent === 0) {
      return;
    }
  }
}

describe('federation: two nodes with their own databases over HTTP', function () {
  this.timeout(60_000);
  let tn: NodeUnderTest;
  let itNode: NodeUnderTest;
  beforeEach(async () => {
    ({ tn, it: itNode } = await startPair());
  });
  afterEach(async () => {
    await tn.stop();
    await itNode.stop();
  });

  it('a TN report meets IT remains: a candidate at both nodes, each seeing only a reference', async () => {
    const tnCase = await tn.user('caseworker', 'TN');
    const tnForensic = await tn.user('forensic', 'TN');
    const tnContact = await tn.user('contact_point', 'TN');
    const itForensic = await itNode.user('forensic', 'IT');
    const report = await tn.api('post', '/api/v1/reports', tnCase.token, reportBody());
    expect(report.status, JSON.stringify(report.body)).to.equal(201);
    const decoy = await itNode.api(
      'post',
      '/api/v1/remains',
      itForensic.token,
      remainsBody({ sex: 'female' }),
    );
    const remains = await itNode.api(
      'post',
      '/api/v1/remains',
      itForensic.token,
      trueRemainsBody(),
    );
    expect(remains.status).to.equal(201);
    await settle(tn, itNode);

    const atIt = await itNode.api('get', '/api/v1/federation/candidates', itForensic.token);
    expect(atIt.body.items).to.have.length(1);
    expect(atIt.body.items[0].local.id).to.equal(remains.body.id);
    expect(atIt.body.items[0].local.id).not.to.equal(decoy.body.id);
    expect(atIt.body.items[0].counterpart).to.include({
      jurisdiction: 'TN',
      node: 'urn:ariadne:node:tn',
    });
    expect(JSON.stringify(atIt.body)).not.to.match(/Haile|Yohannes|Saba|ER-55501/);
    expect(JSON.stringify(atIt.body)).not.to.contain(report.body.id);

    for (const reader of [tnForensic, tnContact]) {
      const atTn = await tn.api('get', '/api/v1/federation/candidates', reader.token);
      expect(atTn.body.items).to.have.length(1);
      expect(atTn.body.items[0].local.id).to.equal(report.body.id);
      expect(atTn.body.items[0].counterpart.ref).to.equal(atIt.body.items[0].local.ref);
      expect(JSON.stringify(atTn.body)).not.to.contain(remains.body.id);
      expect(JSON.stringify(atTn.body)).not.to.contain(remains.body.code);
    }

    // Both sides audited the transfer with the agreement itNode relied on.
    for (const [n, action] of [
      [tn, 'federation_send'],
      [itNode, 'federation_receive'],
    ] as const) {
      const rows = await n.db.query<{ details: { agreement: string } }>(
        `SELECT details FROM audit_events WHERE action = $1`,
        [action],
      );
      expect(rows.length).to.be.greaterThan(0);
      expect(rows[0]!.details.agreement).to.equal('TN-IT-2026-MISSING');
    }
  });

  it('a peer down during a burst of 200 messages receives each exactly once, in order per subject', async () => {
    const ch = tn.services.federation.channel;
    await tn.db.transaction(async (tx) => {
      for (let n = 0; n < 200; n += 1) {
        await ch.send(tx, {
          kind: 'ping',
          from: 'TN',
          to: 'IT',
          subjectKey: `s${n % 20}`,
          body: { n },
        });
      }
    });
    await itNode.down();
    const t0 = new Date();
    await drainNode(tn, t0);
    const pending = await tn.db.query<{ attempts: number }>(
      `SELECT attempts FROM federation_outbox WHERE status = 'pending'`,
    );
    expect(pending).to.have.length(200);
    // Only the head of each subject was tried; the others wait behind itNode.
    expect(pending.filter((p) => p.attempts === 1)).to.have.length(20);
    await drainNode(tn, new Date(t0.getTime() + 60_000)); // still down: back-off grows
    await itNode.up();
    // A lost acknowledgement: the same message will be delivered twice.
    let later = new Date(t0.getTime() + 3_600_000);
    await drainNode(tn, later);
    await tn.db.query(
      `UPDATE federation_outbox SET status = 'pending' WHERE seq IN (SELECT seq FROM federation_outbox ORDER BY seq LIMIT 5)`,
    );
    later = new Date(later.getTime() + 3_600_000);
    await drainNode(tn, later);

    const counts = await tn.db.query<{ status: string; n: string }>(
      `SELECT status, count(*)::int AS n FROM federation_outbox GROUP BY status`,
    );
    expect(counts).to.deep.equal([{ status: 'sent', n: 200 }]);
    const inbox = await itNode.db.query<{ subject_key: string; jti: string }>(
      `SELECT subject_key, jti FROM federation_inbox WHERE kind = 'ping' ORDER BY received_seq`,
    );
    expect(inbox).to.have.length(200);
    expect(new Set(inbox.map((r) => r.jti)).size).to.equal(200);
    // Order per subject: the receiver saw each subject's messages in the order they were written.
    const sent = await tn.db.query<{ subject_key: string; jti: string }>(
      `SELECT subject_key, jti::text FROM federation_outbox ORDER BY seq`,
    );
    for (let s = 0; s < 20; s += 1) {
      const key = `s${s}`;
      expect(inbox.filter((r) => r.subject_key === key).map((r) => r.jti)).to.deep.equal(
        sent.filter((r) => r.subject_key === key).map((r) => r.jti),
      );
    }
    const replays = await itNode.db.query(
      `SELECT 1 FROM audit_events WHERE action = 'federation_reject' AND details->>'reason' = 'REPLAYED'`,
    );
    expect(replays).to.have.length(5);
  });

  it('a key rotation on one side loses no message: the peer follows the endorsement chain', async () => {
    const ch = tn.services.federation.channel;
    const send = (n: number) =>
      tn.db.transaction((tx) =>
        ch.send(tx, { kind: 'ping', from: 'TN', to: 'IT', subjectKey: 'k', body: { n } }),
      );
    await send(1);
    await drainNode(tn);
    const admin = await tn.user('admin', 'TN');
    const rotated = await tn.api('post', '/api/v1/federation/keys/rotate', admin.token, {
      use: 'sig',
    });
    expect(rotated.status, JSON.stringify(rotated.body)).to.equal(201);
    await send(2);
    await send(3);
    await drainNode(tn);
    const inbox = await itNode.db.query(`SELECT 1 FROM federation_inbox WHERE kind = 'ping'`);
    expect(inbox).to.have.length(3);
    const trusted = await itNode.db.query<{ kid: string }>(
      `SELECT kid FROM federation_peer_keys WHERE use = 'sig'`,
    );
    expect(trusted.map((k) => k.kid)).to.include(rotated.body.kid);
    expect(
      await tn.db.query(`SELECT 1 FROM federation_outbox WHERE status <> 'sent'`),
    ).to.have.length(0);
  });
});

describe('federation: the shared test node is untouched by the pair', () => {
  it('keeps its own node id', () => {
    expect(testNode().services.federation.nodeId).to.equal('urn:ariadne:node:demo');
  });
});
