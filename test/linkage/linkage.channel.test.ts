import { expect } from 'chai';
import { httpTransport } from '../../src/features/federation/index.js';
import { startNode, drainNode, type NodeUnderTest } from '../federation.nodes.js';
import { reportBody } from '../reports.factories.js';

// Two nodes over HTTP, each on its own database: node "tn" hosts Tunisia; node "it" hosts Italy
// and CH, where a humanitarian organisation runs the linkage unit. TN ↔ CH travels between
// nodes, IT ↔ CH loops back on one node, TN ↔ IT crosses between nodes.
const AGR = 'LINK-TN-IT-2026';
const UNIT_KINDS = ['pprl.submit', 'pprl.withdraw', 'pprl.pairs'];
const MEMBER_KINDS = [
  'pprl.secret',
  'pprl.match',
  'pprl.unmatch',
  'disclosure.request',
  'disclosure.decision',
];

function exchange(ref: string, partner: string, kinds: string[]) {
  return {
    ref,
    partnerJurisdiction: partner,
    messageKinds: kinds,
    dataCategories: [
      'linkage_encoding',
      'linkage_pair',
      'linkage_secret',
      'candidate',
      'disclosure_request',
      'disclosed_record',
    ],
    purposes: ['identification'],
    legalBasis: 'Agreement on record linkage of missing migrants, art. 2',
    endsOn: '2030-12-31',
  };
}

const TN_NAMES = [
  { kind: 'given', value: 'محمد', script: 'Arab', latin: 'Muhammad' },
  { kind: 'family', value: 'بن علي', script: 'Arab', latin: 'Bin Ali' },
];
const IT_NAMES = [
  { kind: 'given', value: 'Mohamed', script: 'Latn' },
  { kind: 'family', value: 'Ben Ali', script: 'Latn' },
];
/** What must never be in a linkage message: names in any script, dates, places, ids. */
const PERSONAL = [
  'محمد',
  'بن علي',
  'Muhammad',
  'Mohamed',
  'Ben Ali',
  'Bin Ali',
  'Yohannes',
  'Haile',
  '1998',
  'Zuwara',
  'ER-55501',
  'Saba',
];

interface World {
  tn: NodeUnderTest;
  it: NodeUnderTest;
  admins: Record<'TN' | 'IT' | 'CH', string>;
  /** JWS bodies sent over HTTP by either node. */
  wire: string[];
  /** Every message either node queued (kind and body as JSON), before signing and encryption. */
  sent: { kind: string; body: string }[];
}

async function agree(node: NodeUnderTest, token: string, body: object) {
  const res = await node.api('post', '/api/v1/federation/agreements', token, body);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
}

/** Both nodes, peers of each other; exchange agreements as listed (skip some to test refusals). */
async function world(opts: { skipTnCh?: boolean; bilateral?: boolean } = {}): Promise<World> {
  const tn = await startNode('tn', ['TN']);
  const it = await startNode('it', ['IT', 'CH']);
  const wire: string[] = [];
  const sent: World['sent'] = [];
  for (const n of [tn, it]) {
    const channel = n.services.federation.channel;
    channel.options.transport = async (peer, jws) => {
      wire.push(jws);
      return httpTransport(peer, jws);
    };
    const send = channel.send.bind(channel);
    channel.send = async (tx, m) => {
      sent.push({ kind: m.kind, body: JSON.stringify(m.body) });
      return send(tx, m);
    };
  }
  const admins = {
    TN: (await tn.user('admin', 'TN')).token,
    IT: (await it.user('admin', 'IT')).token,
    CH: (await it.user('admin', 'CH')).token,
  };
  for (const [self, other, token] of [
    [tn, it, admins.TN],
    [it, tn, admins.IT],
  ] as const) {
    const d = await other.api('get', '/.well-known/ariadne-node');
    const peer = await self.api('post', '/api/v1/federation/peers', token, {
      nodeId: d.body.nodeId,
      name: d.body.name,
      baseUrl: other.url,
      jurisdictions: d.body.jurisdictions,
      pinnedThumbprint: d.body.signingKeyThumbprint,
    });
    expect(peer.status, JSON.stringify(peer.body)).to.equal(201);
  }
  if (opts.bilateral) {
    // No unit: the agreement between the two members says bilateral, and lists encodings too.
    const kinds = [...MEMBER_KINDS, ...UNIT_KINDS];
    await agree(tn, admins.TN, exchange('PPRL-TN-IT', 'IT', kinds));
    await agree(it, admins.IT, exchange('PPRL-TN-IT', 'TN', kinds));
    for (const [n, token, members, drawSecret] of [
      [tn, admins.TN, ['IT'], false],
      [it, admins.IT, ['TN'], true],
    ] as const) {
      const res = await n.api('post', '/api/v1/linkage/agreements', token, {
        agreementId: AGR,
        members,
        mode: 'bilateral',
        transport: 'channel',
        drawSecret,
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
    }
    await settle(tn, it);
    return { tn, it, admins, wire, sent };
  }
  if (!opts.skipTnCh) {
    await agree(tn, admins.TN, exchange('PPRL-TN-CH', 'CH', UNIT_KINDS));
    await agree(it, admins.CH, exchange('PPRL-TN-CH', 'TN', UNIT_KINDS));
  }
  await agree(it, admins.IT, exchange('PPRL-IT-CH', 'CH', UNIT_KINDS));
  await agree(it, admins.CH, exchange('PPRL-IT-CH', 'IT', UNIT_KINDS));
  await agree(tn, admins.TN, exchange('PPRL-TN-IT', 'IT', MEMBER_KINDS));
  await agree(it, admins.IT, exchange('PPRL-TN-IT', 'TN', MEMBER_KINDS));
  // The unit (CH, on node it) serves the agreement and holds no secret.
  const unit = await it.api('post', '/api/v1/linkage/unit/agreements', admins.CH, {
    agreementId: AGR,
    members: ['IT', 'TN'],
    threshold: 0.7,
    transport: 'channel',
  });
  expect(unit.status, JSON.stringify(unit.body)).to.equal(201);
  const joinTn = await tn.api('post', '/api/v1/linkage/agreements', admins.TN, {
    agreementId: AGR,
    members: ['IT'],
    transport: 'channel',
    unitJurisdiction: 'CH',
  });
  expect(joinTn.status, JSON.stringify(joinTn.body)).to.equal(201);
  const joinIt = await it.api('post', '/api/v1/linkage/agreements', admins.IT, {
    agreementId: AGR,
    members: ['TN'],
    transport: 'channel',
    unitJurisdiction: 'CH',
    drawSecret: true,
  });
  expect(joinIt.status, JSON.stringify(joinIt.body)).to.equal(201);
  expect(joinIt.body).to.include({ secretVersion: 1, secretSentTo: 1 });
  await settle(tn, it);
  const tnView = await tn.api('get', `/api/v1/linkage/agreements/${AGR}`, admins.TN);
  expect(tnView.body.secretVersion, 'TN received the secret over the channel').to.equal(1);
  return { tn, it, admins, wire, sent };
}

/** Runs both outboxes and linkage flushes until nothing moves. */
async function settle(tn: NodeUnderTest, it: NodeUnderTest) {
  for (let i = 0; i < 10; i += 1) {
    let moved = 0;
    for (const n of [tn, it]) {
      moved += await n.services.linkageMember.flush();
      moved += await drainNode(n);
    }
    if (moved === 0) {
      return;
    }
  }
}

async function file(node: NodeUnderTest, token: string, names: object[], over = {}) {
  const res = await node.api('post', '/api/v1/reports', token, reportBody(over, names as never));
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id as string;
}

describe('linkage over the transnational channel (two nodes, HTTP)', function () {
  this.timeout(300_000);
  let w: World | undefined;
  afterEach(async () => {
    await w?.tn.stop();
    await w?.it.stop();
    w = undefined;
  });

  it('a TN report and an IT report of one person: encodings over the channel, a pair, review, cross-border candidates, disclosure', async () => {
    w = await world();
    const { tn, it } = w;
    const tnCase = await tn.user('caseworker', 'TN');
    const tnContact = await tn.user('contact_point', 'TN');
    const itCase = await it.user('caseworker', 'IT');
    const itContact = await it.user('contact_point', 'IT');
    const tnReport = await file(tn, tnCase.token, TN_NAMES);
    const itReport = await file(it, itCase.token, IT_NAMES);
    // Someone else in Italy: below the threshold, nothing about it crosses.
    const itOther = await file(it, itCase.token, [
      { kind: 'given', value: 'Amina', script: 'Latn' },
      { kind: 'family', value: 'Diallo', script: 'Latn' },
    ]);
    for (const [n, token, ids] of [
      [tn, tnCase.token, [tnReport]],
      [it, itCase.token, [itReport, itOther]],
    ] as const) {
      const res = await n.api('post', `/api/v1/linkage/agreements/${AGR}/submissions`, token, {
        reportIds: ids,
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    }
    await settle(tn, it);
    const status = await it.api('get', `/api/v1/linkage/unit/agreements/${AGR}`, w.admins.CH);
    expect(status.body.encodings).to.deep.equal({ IT: 2, TN: 1 });
    const cmp = await it.api('post', `/api/v1/linkage/unit/agreements/${AGR}/compare`, w.admins.CH);
    expect(cmp.status, JSON.stringify(cmp.body)).to.equal(200);
    expect(cmp.body.pairs).to.equal(1);
    await settle(tn, it);

    // Each member sees its own report and a pseudonym of the other side.
    const tnPairs = await tn.api('get', `/api/v1/linkage/agreements/${AGR}/pairs`, tnContact.token);
    expect(tnPairs.body.items).to.have.length(1);
    expect(tnPairs.body.items[0]).to.include({
      reportId: tnReport,
      otherMember: 'IT',
      status: 'pending',
    });
    const itPairs = await it.api('get', `/api/v1/linkage/agreements/${AGR}/pairs`, itContact.token);
    expect(itPairs.body.items).to.have.length(1);
    expect(itPairs.body.items[0]).to.include({ reportId: itReport, otherMember: 'TN' });
    // No cross-border candidate before a review.
    expect(
      (await tn.api('get', '/api/v1/federation/candidates', tnContact.token)).body.items,
    ).to.have.length(0);

    // The TN contact point reviews and pursues the pair.
    const review = await tn.api(
      'post',
      `/api/v1/linkage/agreements/${AGR}/pairs/${tnPairs.body.items[0].id}/review`,
      tnContact.token,
      { decision: 'pursue', note: 'Same given name in Arabic and Latin, same year of birth' },
    );
    expect(review.status, JSON.stringify(review.body)).to.equal(200);
    expect(review.body.status).to.equal('pursued');
    await settle(tn, it);

    const tnCands = await tn.api('get', '/api/v1/federation/candidates', tnContact.token);
    expect(tnCands.body.items).to.have.length(1);
    const tnCand = tnCands.body.items[0];
    expect(tnCand.local).to.include({ side: 'am', id: tnReport });
    expect(tnCand.counterpart.jurisdiction).to.equal('IT');
    expect(tnCand.counterpart.ref).to.match(/^AM-IT-/);
    const itCands = await it.api('get', '/api/v1/federation/candidates', itContact.token);
    expect(itCands.body.items).to.have.length(1);
    expect(itCands.body.items[0].local).to.include({ side: 'am', id: itReport });
    expect(itCands.body.items[0].counterpart.ref).to.equal(tnCand.local.ref);
    expect(
      (await tn.api('get', `/api/v1/linkage/agreements/${AGR}/pairs`, tnContact.token)).body
        .items[0].status,
    ).to.equal('matched');

    // From the candidate, the existing disclosure request; IT's caseworker approves.
    const ask = await tn.api(
      'post',
      `/api/v1/federation/candidates/${tnCand.id}/disclosures`,
      tnContact.token,
      { purpose: 'tracing', justification: 'Linked pair pursued after review; family in Tunisia' },
    );
    expect(ask.status, JSON.stringify(ask.body)).to.equal(201);
    await settle(tn, it);
    const incoming = await it.api('get', '/api/v1/federation/disclosures', itCase.token);
    const req = incoming.body.items.find((d: { direction: string }) => d.direction === 'incoming');
    expect(req, JSON.stringify(incoming.body)).to.exist;
    expect(req.local.id).to.equal(itReport);
    const decided = await it.api(
      'post',
      `/api/v1/federation/disclosures/${req.id}/decide`,
      itCase.token,
      { decision: 'approve', reason: 'Consent to cross-border sharing on file' },
    );
    expect(decided.status, JSON.stringify(decided.body)).to.equal(200);
    await settle(tn, it);
    const got = await tn.api(
      'get',
      `/api/v1/federation/disclosures/${ask.body.id}`,
      tnContact.token,
    );
    expect(got.status).to.equal(200);
    expect(JSON.stringify(got.body.record)).to.include('Mohamed');

    // Nothing personal in any linkage message, queued or on the wire; encodings travel encrypted.
    const linkage = w.sent.filter((b) => b.kind.startsWith('pprl.'));
    expect(new Set(linkage.map((b) => b.kind))).to.include.members([
      'pprl.secret',
      'pprl.submit',
      'pprl.pairs',
      'pprl.match',
    ]);
    for (const b of linkage) {
      for (const p of PERSONAL) {
        expect(b.body, `${b.kind} carries ${p}`).to.not.include(p);
      }
      expect(b.body).to.not.include(tnReport);
      expect(b.body).to.not.include(itReport);
    }
    // The secret travels only as a JWE (never as raw bytes in a body).
    const secretBody = JSON.parse(linkage.find((b) => b.kind === 'pprl.secret')!.body);
    expect(secretBody.jwe.split('.')).to.have.length(5);
    // Over HTTP: encrypted kinds carry a JWE, not the body.
    const onWire = w.wire.map(
      (jws) =>
        JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString()) as {
          knd: string;
          body?: unknown;
          jwe?: string;
        },
    );
    for (const m of onWire.filter((x) =>
      ['pprl.submit', 'pprl.pairs', 'pprl.secret'].includes(x.knd),
    )) {
      expect(m.body, m.knd).to.equal(undefined);
      expect(m.jwe, m.knd).to.be.a('string');
    }
    const wire = w.wire.join('\n');
    for (const p of PERSONAL) {
      expect(wire).to.not.include(p);
    }
    // Below the threshold, the other Italian report never left the unit as a pair.
    const pairsBodies = linkage.filter((b) => b.kind === 'pprl.pairs').map((b) => b.body);
    expect(pairsBodies.join()).to.not.include(
      (
        await it.db.query<{ pseudonym: string }>(
          `SELECT pseudonym FROM linkage_submissions WHERE report_id = $1`,
          [itOther],
        )
      )[0]!.pseudonym,
    );
    // The unit never held a secret: node it hosts IT (a member) and CH, but CH's tables have no
    // secret column, and the audit of the exchange is on both sides.
    const audit = await tn.db.query<{ action: string }>(
      `SELECT DISTINCT action FROM audit_events WHERE action IN ('federation_send', 'federation_receive', 'pursue_pair', 'match_pair')`,
    );
    expect(audit.map((a) => a.action)).to.include.members([
      'federation_send',
      'federation_receive',
      'pursue_pair',
      'match_pair',
    ]);
  });

  it('consent withdrawn in Tunisia: encodings leave the unit and the Italian candidate goes', async () => {
    w = await world();
    const { tn, it } = w;
    const tnCase = await tn.user('caseworker', 'TN');
    const tnContact = await tn.user('contact_point', 'TN');
    const itCase = await it.user('caseworker', 'IT');
    const itContact = await it.user('contact_point', 'IT');
    const tnReport = await file(tn, tnCase.token, TN_NAMES);
    const itReport = await file(it, itCase.token, IT_NAMES);
    await tn.api('post', `/api/v1/linkage/agreements/${AGR}/submissions`, tnCase.token, {
      reportIds: [tnReport],
    });
    await it.api('post', `/api/v1/linkage/agreements/${AGR}/submissions`, itCase.token, {
      reportIds: [itReport],
    });
    await settle(tn, it);
    await it.api('post', `/api/v1/linkage/unit/agreements/${AGR}/compare`, w.admins.CH);
    await settle(tn, it);
    // Italy pursues this time.
    const itPair = (await it.api('get', `/api/v1/linkage/agreements/${AGR}/pairs`, itContact.token))
      .body.items[0];
    const r = await it.api(
      'post',
      `/api/v1/linkage/agreements/${AGR}/pairs/${itPair.id}/review`,
      itContact.token,
      { decision: 'pursue', note: 'Worth asking' },
    );
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    await settle(tn, it);
    expect(
      (await it.api('get', '/api/v1/federation/candidates', itContact.token)).body.items,
    ).to.have.length(1);
    expect(
      (await tn.api('get', '/api/v1/federation/candidates', tnContact.token)).body.items,
    ).to.have.length(1);

    const res = await tn.api('patch', `/api/v1/reports/${tnReport}`, tnCase.token, {
      consent: {
        domesticSearch: 'granted',
        forensicSharing: 'granted',
        crossBorderMatching: 'withdrawn',
      },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    await settle(tn, it);
    const status = await it.api('get', `/api/v1/linkage/unit/agreements/${AGR}`, w.admins.CH);
    expect(status.body.encodings).to.deep.equal({ IT: 1 });
    expect(status.body.pairs).to.equal(0);
    expect(
      (await it.api('get', '/api/v1/federation/candidates', itContact.token)).body.items,
    ).to.have.length(0);
    expect(
      (await tn.api('get', '/api/v1/federation/candidates', tnContact.token)).body.items,
    ).to.have.length(0);
    expect(
      (await it.api('get', `/api/v1/linkage/agreements/${AGR}/pairs`, itContact.token)).body.items,
    ).to.have.length(0);
  });

  it('refused without an exchange agreement that allows linkage; a match for a pair never returned is rejected', async () => {
    w = await world({ skipTnCh: true });
    const { tn, it } = w;
    const tnCase = await tn.user('caseworker', 'TN');
    const tnReport = await file(tn, tnCase.token, TN_NAMES);
    const res = await tn.api(
      'post',
      `/api/v1/linkage/agreements/${AGR}/submissions`,
      tnCase.token,
      {
        reportIds: [tnReport],
      },
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(403);
    expect(res.body.error.message).to.include('No exchange agreement allows linkage');
    expect(await tn.db.query(`SELECT 1 FROM linkage_submissions`)).to.have.length(0);
    expect(await tn.db.query(`SELECT 1 FROM linkage_outbox`)).to.have.length(0);
    expect(
      await tn.db.query(`SELECT 1 FROM federation_outbox WHERE kind LIKE 'pprl.submit'`),
    ).to.have.length(0);
    // A member fishing for references with made-up pseudonyms is refused by the other side.
    const { randomUUID } = await import('node:crypto');
    await tn.db.transaction((tx) =>
      tn.services.federation.channel.send(tx, {
        kind: 'pprl.match',
        from: 'TN',
        to: 'IT',
        subjectKey: 'probe',
        body: {
          agreementId: AGR,
          pseudonym: randomUUID(),
          otherPseudonym: randomUUID(),
          ref: 'AM-TN-probe',
          reply: false,
        },
      }),
    );
    await drainNode(tn);
    const failed = await tn.db.query<{ last_error: string }>(
      `SELECT last_error FROM federation_outbox WHERE kind = 'pprl.match'`,
    );
    expect(failed[0]!.last_error).to.include('MALFORMED');
    expect(await it.db.query(`SELECT 1 FROM federation_candidates`)).to.have.length(0);
  });

  it('answers 401 without a token, 404 for another country’s pair, 400 naming the field, 403 for an administrator', async () => {
    w = await world();
    const { tn } = w;
    const path = `/api/v1/linkage/agreements/${AGR}/pairs/00000000-0000-4000-8000-000000000000/review`;
    const body = { decision: 'pursue', note: 'x' };
    expect((await tn.api('post', path, undefined, body)).status).to.equal(401);
    const tnContact = await tn.user('contact_point', 'TN');
    expect((await tn.api('post', path, tnContact.token, body)).status).to.equal(404);
    const bad = await tn.api('post', path, tnContact.token, { decision: 'maybe', note: 'x' });
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body)).to.include('decision');
    const forensic = await tn.user('forensic', 'TN');
    // A forensic practitioner cannot read linkage agreements (404); an administrator reads but
    // does not review pairs (403).
    expect((await tn.api('post', path, forensic.token, body)).status).to.equal(404);
    expect((await tn.api('post', path, w.admins.TN, body)).status).to.equal(403);
    // A contact point of another jurisdiction cannot see TN's agreement on TN's node.
    const other = await tn.user('contact_point', 'FR');
    expect(
      (await tn.api('get', `/api/v1/linkage/agreements/${AGR}/pairs`, other.token)).status,
    ).to.equal(404);
    const missingUnit = await tn.api('post', '/api/v1/linkage/agreements', w.admins.TN, {
      agreementId: 'LINK-OTHER-1',
      members: ['IT'],
      transport: 'channel',
    });
    expect(missingUnit.status).to.equal(400);
    expect(JSON.stringify(missingUnit.body)).to.include('unitJurisdiction');
  });

  it('bilateral mode (only where the agreement says so): each member compares, no unit, same pair', async () => {
    w = await world({ bilateral: true });
    const { tn, it } = w;
    const tnCase = await tn.user('caseworker', 'TN');
    const itCase = await it.user('caseworker', 'IT');
    const itContact = await it.user('contact_point', 'IT');
    const tnReport = await file(tn, tnCase.token, TN_NAMES);
    const itReport = await file(it, itCase.token, IT_NAMES);
    for (const [n, token, id] of [
      [tn, tnCase.token, tnReport],
      [it, itCase.token, itReport],
    ] as const) {
      const res = await n.api('post', `/api/v1/linkage/agreements/${AGR}/submissions`, token, {
        reportIds: [id],
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    }
    await settle(tn, it);
    // Each side holds the other's encoding (and no unit exists anywhere).
    expect(await tn.db.query(`SELECT 1 FROM linkage_bilateral_encodings`)).to.have.length(1);
    expect(await it.db.query(`SELECT 1 FROM linkage_bilateral_encodings`)).to.have.length(1);
    expect(await it.db.query(`SELECT 1 FROM linkage_unit_encodings`)).to.have.length(0);
    const cmp = await it.api('post', `/api/v1/linkage/agreements/${AGR}/compare`, itCase.token, {});
    expect(cmp.status, JSON.stringify(cmp.body)).to.equal(200);
    expect(cmp.body.pairs).to.equal(1);
    await settle(tn, it);
    const itPairs = await it.api('get', `/api/v1/linkage/agreements/${AGR}/pairs`, itContact.token);
    expect(itPairs.body.items).to.have.length(1);
    expect(itPairs.body.items[0]).to.include({ reportId: itReport, otherMember: 'TN' });
    const tnPairs = await tn.api('get', `/api/v1/linkage/agreements/${AGR}/pairs`, tnCase.token);
    expect(tnPairs.body.items).to.have.length(1);
    expect(tnPairs.body.items[0]).to.include({ reportId: tnReport, otherMember: 'IT' });
    // A unit-mode agreement is not compared by its members.
    for (const b of w.sent.filter((x) => x.kind.startsWith('pprl.'))) {
      for (const p of PERSONAL) {
        expect(b.body, `${b.kind} carries ${p}`).to.not.include(p);
      }
    }
  });

  it('a rotation over the channel: the new secret reaches the other member, every encoding is re-sent, none of the old version stays', async () => {
    w = await world();
    const { tn, it } = w;
    const tnCase = await tn.user('caseworker', 'TN');
    const tnReport = await file(tn, tnCase.token, TN_NAMES);
    await tn.api('post', `/api/v1/linkage/agreements/${AGR}/submissions`, tnCase.token, {
      reportIds: [tnReport],
    });
    await settle(tn, it);
    const before = await it.db.query<{ pseudonym: string }>(
      `SELECT pseudonym FROM linkage_unit_encodings WHERE member = 'TN'`,
    );
    expect(before).to.have.length(1);
    const rot = await it.api('post', `/api/v1/linkage/agreements/${AGR}/rotate`, w.admins.IT);
    expect(rot.status, JSON.stringify(rot.body)).to.equal(200);
    await settle(tn, it);
    expect(
      (await tn.api('get', `/api/v1/linkage/agreements/${AGR}`, w.admins.TN)).body.secretVersion,
    ).to.equal(2);
    const after = await it.db.query<{ pseudonym: string; secret_version: number }>(
      `SELECT pseudonym, secret_version FROM linkage_unit_encodings WHERE member = 'TN'`,
    );
    expect(after).to.have.length(1);
    expect(after[0]!.secret_version).to.equal(2);
    expect(after[0]!.pseudonym).to.not.equal(before[0]!.pseudonym);
    expect(
      await tn.db.query(
        `SELECT 1 FROM linkage_secrets WHERE state = 'retired' AND sealed IS NOT NULL`,
      ),
    ).to.have.length(0);
  });
});
