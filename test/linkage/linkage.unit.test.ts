import { expect } from 'chai';
import Transport from 'winston-transport';
import { SecretBox } from '../../src/platform/crypto/index.js';
import { configureLogger } from '../../src/platform/logger.js';
import {
  ClkEncoder,
  deriveKeys,
  dice,
  personFields,
  REPORT_SCHEMA,
} from '../../src/features/linkage/index.js';
import { buildUser, type TestUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { fileReport, reportBody } from '../reports.factories.js';

class Memory extends Transport {
  lines: string[] = [];
  override log(info: unknown, next: () => void) {
    this.lines.push(JSON.stringify(info));
    next();
  }
}

const AGR = 'agr-fr-tn-2026';

interface World {
  unitAdmin: TestUser;
  fr: TestUser;
  tn: TestUser;
  frAdmin: TestUser;
  tnAdmin: TestUser;
  frReport: string;
  tnReport: string;
}

/** A unit run from IT, members FR and TN on this node, one report each of the same person. */
async function world(opts: { tnConsent?: string } = {}): Promise<World> {
  const unitAdmin = await buildUser({ role: 'admin', country: 'IT' });
  const frAdmin = await buildUser({ role: 'admin', country: 'FR' });
  const tnAdmin = await buildUser({ role: 'admin', country: 'TN' });
  const fr = await buildUser({ role: 'caseworker', country: 'FR' });
  const tn = await buildUser({ role: 'caseworker', country: 'TN' });
  const unit = await api.post(
    '/api/v1/linkage/unit/agreements',
    { agreementId: AGR, members: ['FR', 'TN'], threshold: 0.7 },
    unitAdmin.token,
  );
  expect(unit.status, JSON.stringify(unit.body)).to.equal(201);
  const t = await api.post(
    '/api/v1/linkage/agreements',
    { agreementId: AGR, members: ['FR'] },
    tnAdmin.token,
  );
  expect(t.status, JSON.stringify(t.body)).to.equal(201);
  expect(t.body.secretVersion).to.equal(0);
  const f = await api.post(
    '/api/v1/linkage/agreements',
    { agreementId: AGR, members: ['TN'], drawSecret: true },
    frAdmin.token,
  );
  expect(f.status, JSON.stringify(f.body)).to.equal(201);
  expect(f.body).to.include({ secretVersion: 1, secretSentTo: 1, mode: 'unit' });
  expect(
    (await api.get(`/api/v1/linkage/agreements/${AGR}`, tnAdmin.token)).body.secretVersion,
  ).to.equal(1);
  const frReport = await fileReport(
    fr.token,
    reportBody({}, [
      { kind: 'given', value: 'Mohamed', script: 'Latn' },
      { kind: 'family', value: 'Ben Ali', script: 'Latn' },
    ]),
  );
  const tnBody = reportBody({}, [
    { kind: 'given', value: 'محمد', script: 'Arab', latin: 'Muhammad' },
    { kind: 'family', value: 'بن علي', script: 'Arab', latin: 'Bin Ali' },
  ]);
  if (opts.tnConsent) {
    (tnBody.consent as Record<string, string>).crossBorderMatching = opts.tnConsent;
  }
  const tnReport = await fileReport(tn.token, tnBody);
  return { unitAdmin, fr, tn, frAdmin, tnAdmin, frReport: frReport.id, tnReport: tnReport.id };
}

async function submitBoth(w: World) {
  const a = await api.post(
    `/api/v1/linkage/agreements/${AGR}/submissions`,
    { reportIds: [w.frReport] },
    w.fr.token,
  );
  expect(a.status, JSON.stringify(a.body)).to.equal(200);
  const b = await api.post(
    `/api/v1/linkage/agreements/${AGR}/submissions`,
    { reportIds: [w.tnReport] },
    w.tn.token,
  );
  expect(b.status, JSON.stringify(b.body)).to.equal(200);
}

async function unitRows() {
  return testNode().db.query<{
    member: string;
    pseudonym: string;
    secret_version: number;
    encoding: Uint8Array;
  }>(
    `SELECT trim(member) AS member, pseudonym, secret_version, encoding FROM linkage_unit_encodings ORDER BY member`,
  );
}

describe('linkage unit and members', () => {
  it('finds the same person across borders and scripts; each member sees only its own side of the pair', async () => {
    const w = await world();
    await submitBoth(w);
    const rows = await unitRows();
    expect(rows.map((r) => r.member)).to.deep.equal(['FR', 'TN']);
    const cmp = await api.post(
      `/api/v1/linkage/unit/agreements/${AGR}/compare`,
      {},
      w.unitAdmin.token,
    );
    expect(cmp.status, JSON.stringify(cmp.body)).to.equal(200);
    expect(cmp.body).to.deep.include({ encodings: { FR: 1, TN: 1 }, pairs: 1, secretVersion: 1 });
    const fr = await api.get(`/api/v1/linkage/agreements/${AGR}/pairs`, w.fr.token);
    expect(fr.status).to.equal(200);
    expect(fr.body.items).to.have.length(1);
    expect(fr.body.items[0]).to.include({ reportId: w.frReport, otherMember: 'TN' });
    expect(fr.body.items[0].score).to.be.above(0.7);
    // The other side is a pseudonym, not the report.
    expect(fr.body.items[0].otherPseudonym).to.equal(
      rows.find((r) => r.member === 'TN')!.pseudonym,
    );
    expect(fr.body.items[0].otherPseudonym).to.not.equal(w.tnReport);
    expect(JSON.stringify(fr.body)).to.not.include('clk');
    const tn = await api.get(`/api/v1/linkage/agreements/${AGR}/pairs`, w.tn.token);
    expect(tn.body.items[0]).to.include({ reportId: w.tnReport, otherMember: 'FR' });
    // The unit's status gives counts, never encodings.
    const status = await api.get(`/api/v1/linkage/unit/agreements/${AGR}`, w.unitAdmin.token);
    expect(status.body).to.include({ pairs: 1 });
    expect(JSON.stringify(status.body)).to.not.match(/encoding"?:\s*"/);
  });

  it('the unit never stores or logs the secret and cannot decode without it', async () => {
    const memory = new Memory();
    configureLogger({ level: 'debug', transport: memory });
    try {
      const w = await world();
      await submitBoth(w);
      await api.post(`/api/v1/linkage/unit/agreements/${AGR}/compare`, {}, w.unitAdmin.token);
      const { db, config } = testNode();
      const sealed = await db.query<{ sealed: string }>(
        `SELECT sealed FROM linkage_secrets WHERE country = 'FR' AND state = 'active'`,
      );
      const secret = Buffer.from(
        new SecretBox(config.env.ARIADNE_SECRET, 'linkage-secrets').open(sealed[0]!.sealed),
        'base64',
      );
      expect(secret.length).to.equal(32);
      const forms = [
        secret.toString('hex'),
        secret.toString('base64'),
        secret.toString('base64url'),
      ];
      // No column of the unit's tables can hold a secret.
      const cols = await db.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name LIKE 'linkage_unit_%'`,
      );
      expect(
        cols
          .map((c) => c.column_name)
          .filter((c) => /secret|key|sealed/.test(c) && c !== 'secret_version'),
      ).to.deep.equal([]);
      const dump = JSON.stringify(
        await db.query(`SELECT row_to_json(x)::text AS j FROM (SELECT * FROM linkage_unit_encodings) x
          UNION ALL SELECT row_to_json(y)::text FROM (SELECT * FROM linkage_unit_agreements) y
          UNION ALL SELECT row_to_json(z)::text FROM (SELECT * FROM audit_events) z`),
      );
      const logs = memory.lines.join('\n');
      for (const f of forms) {
        expect(dump).to.not.include(f);
        expect(logs).to.not.include(f);
        expect(dump).to.not.include(f.slice(0, 16));
      }
      // The unit guessing names with a key of its own gets nothing like the stored encodings;
      // only the members' secret reproduces them.
      const stored = Buffer.from((await unitRows()).find((r) => r.member === 'FR')!.encoding);
      const guess = personFields({
        names: [{ value: 'Mohamed' }, { value: 'Ben Ali' }],
        sex: 'male',
        dateOfBirth: {
          text: '1998',
          precision: 'year',
          earliest: '1998-01-01',
          latest: '1998-12-31',
        },
        nationalities: ['ER'],
      });
      const scope = { agreementId: AGR, secretVersion: 1 };
      const wrong = new ClkEncoder(
        REPORT_SCHEMA,
        deriveKeys(Buffer.alloc(32, 1), scope, REPORT_SCHEMA),
      ).encode(guess);
      const right = new ClkEncoder(REPORT_SCHEMA, deriveKeys(secret, scope, REPORT_SCHEMA)).encode(
        guess,
      );
      expect(dice(wrong, stored)).to.be.below(0.5);
      expect(dice(right, stored)).to.be.above(0.95);
    } finally {
      configureLogger({ level: 'silent' });
    }
  });

  it('a rotated secret leaves no old encoding in use at the unit or the members', async () => {
    const w = await world();
    await submitBoth(w);
    await api.post(`/api/v1/linkage/unit/agreements/${AGR}/compare`, {}, w.unitAdmin.token);
    const before = await unitRows();
    const rot = await api.post(`/api/v1/linkage/agreements/${AGR}/rotate`, {}, w.frAdmin.token);
    expect(rot.status, JSON.stringify(rot.body)).to.equal(200);
    expect(rot.body.secretVersion).to.equal(2);
    expect(
      (await api.get(`/api/v1/linkage/agreements/${AGR}`, w.tnAdmin.token)).body.secretVersion,
    ).to.equal(2);
    const after = await unitRows();
    expect(after).to.have.length(2);
    expect(after.every((r) => r.secret_version === 2)).to.equal(true);
    const old = new Set(before.map((r) => r.pseudonym));
    expect(after.some((r) => old.has(r.pseudonym))).to.equal(false);
    for (const r of after) {
      const prev = before.find((b) => b.member === r.member)!;
      expect(Buffer.from(r.encoding).equals(Buffer.from(prev.encoding))).to.equal(false);
    }
    const { db } = testNode();
    const secrets = await db.query<{ version: number; state: string; sealed: string | null }>(
      `SELECT version, state, sealed FROM linkage_secrets WHERE agreement_id = $1 ORDER BY country, version`,
      [AGR],
    );
    expect(secrets.map((s) => [s.version, s.state, s.sealed === null])).to.deep.equal([
      [1, 'retired', true],
      [2, 'active', false],
      [1, 'retired', true],
      [2, 'active', false],
    ]);
    // Old pairs went with the old encodings; a new round finds the pair again under version 2.
    expect(
      (await api.get(`/api/v1/linkage/agreements/${AGR}/pairs`, w.fr.token)).body.items,
    ).to.have.length(0);
    const cmp = await api.post(
      `/api/v1/linkage/unit/agreements/${AGR}/compare`,
      {},
      w.unitAdmin.token,
    );
    expect(cmp.body).to.deep.include({ pairs: 1, secretVersion: 2 });
    // An encoding under the retired secret is refused.
    const stale = await testNode()
      .services.linkageUnit.receive({
        type: 'pprl.submit',
        agreementId: AGR,
        member: 'FR',
        secretVersion: 1,
        schemaVersion: REPORT_SCHEMA.version,
        records: [
          {
            pseudonym: before[0]!.pseudonym,
            clk: Buffer.from(before[0]!.encoding).toString('base64'),
          },
        ],
      })
      .then(
        () => 'stored',
        (e: Error) => e.message,
      );
    expect(stale).to.match(/retired secret/);
  });

  it('consent withdrawal removes the encodings everywhere', async () => {
    const w = await world();
    await submitBoth(w);
    await api.post(`/api/v1/linkage/unit/agreements/${AGR}/compare`, {}, w.unitAdmin.token);
    const res = await api.patch(
      `/api/v1/reports/${w.tnReport}`,
      {
        consent: {
          domesticSearch: 'granted',
          forensicSharing: 'granted',
          crossBorderMatching: 'withdrawn',
        },
      },
      w.tn.token,
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const { db, services } = testNode();
    // At once on the member side (same transaction as the consent change)…
    expect(
      await db.query(`SELECT 1 FROM linkage_submissions WHERE report_id = $1`, [w.tnReport]),
    ).to.have.length(0);
    expect(
      await db.query(`SELECT 1 FROM linkage_candidates WHERE report_id = $1`, [w.tnReport]),
    ).to.have.length(0);
    expect(await db.query(`SELECT kind FROM linkage_outbox`)).to.deep.equal([{ kind: 'withdraw' }]);
    // …and at the unit when the outbox is delivered, with the pairs it was in.
    await services.linkageMember.flush();
    expect((await unitRows()).map((r) => r.member)).to.deep.equal(['FR']);
    expect(await db.query(`SELECT 1 FROM linkage_unit_pairs`)).to.have.length(0);
    // Closing a report does the same.
    const close = await api.post(
      `/api/v1/reports/${w.frReport}/status`,
      { status: 'closed', reason: 'found' },
      w.fr.token,
    );
    expect(close.status, JSON.stringify(close.body)).to.equal(200);
    expect(await db.query(`SELECT 1 FROM linkage_submissions`)).to.have.length(0);
    await services.linkageMember.flush();
    expect(await unitRows()).to.have.length(0);
  });

  it('a message with an encoding of a non-consenting report cannot be produced', async () => {
    const w = await world({ tnConsent: 'refused' });
    const res = await api.post(
      `/api/v1/linkage/agreements/${AGR}/submissions`,
      { reportIds: [w.tnReport] },
      w.tn.token,
    );
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('CONSENT_REQUIRED');
    const { db } = testNode();
    expect(await db.query(`SELECT 1 FROM linkage_outbox`)).to.have.length(0);
    expect(await db.query(`SELECT 1 FROM linkage_submissions`)).to.have.length(0);
    expect(await unitRows()).to.have.length(0);
  });

  it('answers 401 without a token, 404 for another country’s agreement, 400 naming the field', async () => {
    const w = await world();
    expect((await api.get(`/api/v1/linkage/agreements/${AGR}`)).status).to.equal(401);
    expect(
      (await api.post(`/api/v1/linkage/agreements/${AGR}/submissions`, { reportIds: [w.frReport] }))
        .status,
    ).to.equal(401);
    expect((await api.get(`/api/v1/linkage/unit/agreements/${AGR}`)).status).to.equal(401);
    const de = await buildUser({ role: 'admin', country: 'DE' });
    const deCase = await buildUser({ role: 'caseworker', country: 'DE' });
    expect((await api.get(`/api/v1/linkage/agreements/${AGR}`, de.token)).status).to.equal(404);
    expect(
      (await api.get(`/api/v1/linkage/agreements/${AGR}/pairs`, deCase.token)).status,
    ).to.equal(404);
    expect(
      (await api.post(`/api/v1/linkage/agreements/${AGR}/rotate`, {}, de.token)).status,
    ).to.equal(404);
    expect((await api.get(`/api/v1/linkage/unit/agreements/${AGR}`, de.token)).status).to.equal(
      404,
    );
    expect(
      (await api.post(`/api/v1/linkage/unit/agreements/${AGR}/compare`, {}, de.token)).status,
    ).to.equal(404);
    // A caseworker of FR cannot submit TN's report (404, like a missing one).
    const cross = await api.post(
      `/api/v1/linkage/agreements/${AGR}/submissions`,
      { reportIds: [w.tnReport] },
      w.fr.token,
    );
    expect(cross.status).to.equal(404);
    const bad = await api.post(
      '/api/v1/linkage/agreements',
      { agreementId: AGR, members: ['France'] },
      w.frAdmin.token,
    );
    expect(bad.status).to.equal(400);
    expect(bad.body.error.message).to.include('members');
    const badSubmit = await api.post(
      `/api/v1/linkage/agreements/${AGR}/submissions`,
      { reportIds: ['x'] },
      w.fr.token,
    );
    expect(badSubmit.status).to.equal(400);
    expect(badSubmit.body.error.message).to.include('reportIds');
    const badUnit = await api.post(
      '/api/v1/linkage/unit/agreements',
      { agreementId: 'x', members: ['FR'] },
      w.unitAdmin.token,
    );
    expect(badUnit.status).to.equal(400);
    expect(badUnit.body.error.message).to.include('agreementId');
    // A caseworker reads the agreement but may not rotate its secret.
    expect(
      (await api.post(`/api/v1/linkage/agreements/${AGR}/rotate`, {}, w.fr.token)).status,
    ).to.equal(403);
  });
});
