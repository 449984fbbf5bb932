// Retention per category (issue 16): each category goes after its period and stays before it,
// a legal hold stops a purge, the dry run changes nothing, and the audit trail verifies after
// pruning (from its anchor, and against signed checkpoints taken before).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  sealPending,
  verifyChain,
  verifyWithCheckpoints,
  writeCheckpoint,
} from '../../src/features/audit/index.js';
import { buildUser, type TestUser } from '../factories.js';
import { api, call } from '../http.js';
import { testNode } from '../node.js';
import { checkerboardPng } from '../media.factories.js';
import {
  appendCustody,
  buildForensic,
  createRemains,
  custodyEvent,
  identifyRemains,
  INSTITUTIONS,
} from '../remains.factories.js';
import { fileReport } from '../reports.factories.js';

const YEAR = 365.25 * 86_400_000;
const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const db = () => testNode().db;
const retention = () => testNode().services.dataProtection.retention;

/** Files a report and closes it on `outcome`, then dates its closing `closedAgo` back. */
async function closedReport(cw: TestUser, outcome: 'none' | 'located_alive', closedAgo: number) {
  const r = await fileReport(cw.token);
  const step = (status: string) =>
    api.post(`/api/v1/reports/${r.id}/status`, { status, reason: 'test' }, cw.token);
  if (outcome === 'located_alive') {
    expect((await step('under_search')).status).to.equal(200);
    expect((await step('located_alive')).status).to.equal(200);
  }
  expect((await step('closed')).status).to.equal(200);
  await db().query('UPDATE reports SET closed_at = $2 WHERE id = $1', [r.id, ago(closedAgo)]);
  return r.id;
}

const exists = async (table: string, id: string) =>
  (await db().query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length > 0;

describe('data protection: retention per category', () => {
  it('purges each category after its period and keeps it before', async () => {
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    // Reports by outcome (node.json: located_alive 5 years, none 10 years).
    const oldNone = await closedReport(cw, 'none', 11 * YEAR);
    const youngNone = await closedReport(cw, 'none', 6 * YEAR);
    const oldAlive = await closedReport(cw, 'located_alive', 6 * YEAR);
    const youngAlive = await closedReport(cw, 'located_alive', 4 * YEAR);
    const open = (await fileReport(cw.token)).id;
    // A file of a purged report goes with it.
    const upload = await call('post', `/api/v1/reports/${oldNone}/files`, cw.token).attach(
      'files',
      await checkerboardPng(32),
      { filename: 'p.png', contentType: 'image/png' },
    );
    expect(upload.status, JSON.stringify(upload.body)).to.equal(201);

    // Remains by status (50 years): reduced to the legal minimum; the custody chain stays.
    const forensic = await buildForensic('IT');
    const oldRemains = (await createRemains(forensic.token, {})).id;
    const youngRemains = (await createRemains(forensic.token, {})).id;
    const unidentified = (await createRemains(forensic.token, {})).id;
    for (const id of [oldRemains, youngRemains]) {
      const res = await appendCustody(
        forensic.token,
        id,
        custodyEvent('recovered', {
          custodian: INSTITUTIONS.coastGuard,
          location: { name: 'Lampedusa pier' },
        }),
      );
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect((await identifyRemains(id, forensic.token)).status).to.equal(200);
    }
    await db().query('UPDATE remains SET status_changed_at = $2 WHERE id = $1', [
      oldRemains,
      ago(51 * YEAR),
    ]);
    await db().query('UPDATE remains SET status_changed_at = $2 WHERE id = $1', [
      unidentified,
      ago(80 * YEAR),
    ]);

    // Sessions (30 days after they ended).
    const [oldSession] = await db().query<{ id: string }>(
      `INSERT INTO sessions (user_id, expires_at, created_at) VALUES ($1, $2, $2) RETURNING id`,
      [cw.user.id, ago(31 * DAY)],
    );
    await db().query(
      `INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES ('h1', $1, $2)`,
      [oldSession!.id, ago(31 * DAY)],
    );
    const [youngSession] = await db().query<{ id: string }>(
      `INSERT INTO sessions (user_id, expires_at) VALUES ($1, $2) RETURNING id`,
      [cw.user.id, ago(29 * DAY)],
    );
    // Notifications (730 days) and outbox rows (90 days after delivery).
    const note = (age: number) =>
      db().query<{ id: string }>(
        `INSERT INTO notifications (recipient_id, kind, language, title, body, created_at)
         VALUES ($1, 'message', 'en', 't', 'b', $2) RETURNING id`,
        [cw.user.id, ago(age)],
      );
    const [oldNote] = await note(731 * DAY);
    const [youngNote] = await note(700 * DAY);
    const outbox = (age: number) =>
      db().query<{ id: string }>(
        `INSERT INTO notification_outbox (notification_id, channel, subject, body, status, sent_at)
         VALUES ($1, 'email', 's', 'b', 'sent', $2) RETURNING id`,
        [youngNote!.id, ago(age)],
      );
    await db().query('DELETE FROM notification_outbox');
    const [oldMail] = await outbox(91 * DAY);
    // Disclosures received from other states (90 days): the sealed record is erased.
    const disclosure = (age: number) =>
      db().query<{ id: string }>(
        `INSERT INTO federation_disclosures (exchange_id, direction, jurisdiction, local_side,
           local_id, local_ref, foreign_node, foreign_jurisdiction, foreign_ref, requester_role,
           purpose, justification, status, decided_at, record_sealed)
         VALUES (gen_random_uuid(), 'outgoing', 'IT', 'pm', $1, 'PM-IT-x', 'urn:n', 'TN',
           'AM-TN-y', 'forensic', 'identification', 'candidate', 'approved', $2, 'sealed')
         RETURNING id`,
        [oldRemains, ago(age)],
      );
    const [oldDisclosure] = await disclosure(91 * DAY);
    const [youngDisclosure] = await disclosure(60 * DAY);

    const dry = await retention().apply(new Date(), { dryRun: true });
    const due = Object.fromEntries(dry.categories.map((c) => [c.category, c.due]));
    expect(due).to.include({
      reports: 2,
      remains: 1,
      custodyEvents: 0,
      files: 1,
      sessions: 1,
      notifications: 1,
      outbox: 1,
      disclosuresReceived: 1,
    });
    expect(await exists('reports', oldNone), 'the dry run changes nothing').to.equal(true);

    const run = await retention().apply(new Date());
    expect(run.dryRun).to.equal(false);
    expect(await exists('reports', oldNone)).to.equal(false);
    expect(await exists('reports', oldAlive)).to.equal(false);
    for (const id of [youngNone, youngAlive, open]) {
      expect(await exists('reports', id)).to.equal(true);
    }
    expect(
      await db().query(`SELECT 1 FROM media_files WHERE owner_id = $1`, [oldNone]),
    ).to.have.length(0);

    const [reduced] = await db().query<{
      marks: unknown[];
      reduced: boolean;
      code: string;
      basis: unknown;
    }>(
      `SELECT marks, reduced_at IS NOT NULL AS reduced, code, legal_basis AS basis FROM remains WHERE id = $1`,
      [oldRemains],
    );
    expect(reduced).to.include({ reduced: true });
    expect(reduced!.marks).to.deep.equal([]);
    expect(reduced!.code).to.match(/^UR-IT-/);
    const [kept] = await db().query<{ marks: unknown[]; reduced: boolean }>(
      `SELECT marks, reduced_at IS NOT NULL AS reduced FROM remains WHERE id = $1`,
      [youngRemains],
    );
    expect(kept!.reduced).to.equal(false);
    expect(kept!.marks).not.to.deep.equal([]);
    expect(await exists('remains', unidentified), 'unidentified remains are never purged').to.equal(
      true,
    );
    // The custody chain of reduced remains is kept whole and still verifies.
    const custody = await api.get(`/api/v1/remains/${oldRemains}/custody`, forensic.token);
    expect(custody.status).to.equal(200);
    expect(JSON.stringify(custody.body)).to.contain('recovered');

    expect(await exists('sessions', oldSession!.id)).to.equal(false);
    expect(await exists('sessions', youngSession!.id)).to.equal(true);
    expect(await db().query(`SELECT 1 FROM refresh_tokens WHERE token_hash = 'h1'`)).to.have.length(
      0,
    );
    expect(await exists('notifications', oldNote!.id)).to.equal(false);
    expect(await exists('notifications', youngNote!.id)).to.equal(true);
    expect(await exists('notification_outbox', oldMail!.id)).to.equal(false);
    const sealed = async (id: string) =>
      (
        await db().query<{ s: string | null }>(
          `SELECT record_sealed AS s FROM federation_disclosures WHERE id = $1`,
          [id],
        )
      )[0]!.s;
    expect(await sealed(oldDisclosure!.id)).to.equal(null);
    expect(await sealed(youngDisclosure!.id)).to.equal('sealed');
    // Erased by the federation feature's own rule: dated, and audited once as a purge.
    const [erased] = await db().query<{ purgedAt: Date | null; events: number }>(
      `SELECT purged_at AS "purgedAt", (SELECT count(*)::int FROM audit_events
         WHERE action = 'purge' AND subject_id::text = $1::text) AS events
       FROM federation_disclosures WHERE id::text = $1::text`,
      [oldDisclosure!.id],
    );
    expect(erased!.purgedAt).to.be.an.instanceOf(Date);
    expect(erased!.events).to.equal(1);

    // The purge is audited without personal data.
    const purge = await db().query<{ details: { caseNumber: string } }>(
      `SELECT details FROM audit_events WHERE action = 'purge' AND subject_id = $1`,
      [oldNone],
    );
    expect(purge).to.have.length(1);
    expect(JSON.stringify(purge[0]!.details)).not.to.match(/Haile|Yohannes/);
  });

  it('a legal hold stops the purge until it is lifted', async () => {
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    const id = await closedReport(cw, 'none', 11 * YEAR);
    const hold = await api.post(
      '/api/v1/legal-holds',
      { subjectType: 'report', subjectId: id, reason: 'Proceedings RG 12/2026' },
      cw.token,
    );
    expect(hold.status, JSON.stringify(hold.body)).to.equal(201);
    expect(hold.body).to.include({ active: true, subjectId: id });

    const dry = await retention().apply(new Date(), { dryRun: true });
    expect(dry.categories.find((c) => c.category === 'reports')).to.include({ due: 0, held: 1 });
    await retention().apply(new Date());
    expect(await exists('reports', id), 'held').to.equal(true);

    const list = await api.get('/api/v1/legal-holds?active=true', cw.token);
    expect(list.body.items.map((h: { id: string }) => h.id)).to.deep.equal([hold.body.id]);
    const lifted = await api.post(
      `/api/v1/legal-holds/${hold.body.id}/lift`,
      { reason: 'Proceedings closed' },
      cw.token,
    );
    expect(lifted.status).to.equal(200);
    expect(lifted.body.active).to.equal(false);
    await retention().apply(new Date());
    expect(await exists('reports', id), 'purged once lifted').to.equal(false);
  });

  it('holds: bad input names the field; another country gets 404; a role without the right 403', async () => {
    const cw = await buildUser({ role: 'caseworker', country: 'IT' });
    const id = (await fileReport(cw.token)).id;
    const bad = await api.post(
      '/api/v1/legal-holds',
      { subjectType: 'report', subjectId: id },
      cw.token,
    );
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body.error)).to.contain('body.reason');
    const tn = await buildUser({ role: 'caseworker', country: 'TN' });
    const foreign = await api.post(
      '/api/v1/legal-holds',
      { subjectType: 'report', subjectId: id, reason: 'x' },
      tn.token,
    );
    expect(foreign.status).to.equal(404);
    const forensic = await buildForensic('IT');
    const wrongRole = await api.post(
      '/api/v1/legal-holds',
      { subjectType: 'report', subjectId: id, reason: 'x' },
      forensic.token,
    );
    expect(wrongRole.status).to.equal(403);
    expect((await api.get('/api/v1/legal-holds')).status).to.equal(401);
    expect(await db().query('SELECT 1 FROM legal_holds')).to.have.length(0);
  });

  it('prunes the audit trail behind an anchor: it still verifies, checkpoints too, and goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ariadne-retention-'));
    try {
      const file = join(dir, 'audit.jsonl');
      const { services } = testNode();
      const cw = await buildUser({ role: 'caseworker', country: 'IT' });
      await fileReport(cw.token);
      await sealPending(db());
      const early = await writeCheckpoint(db(), services.keys, file);
      await new Promise((r) => setTimeout(r, 20));
      const middle = new Date();
      await new Promise((r) => setTimeout(r, 20));
      await fileReport(cw.token);
      await sealPending(db());
      const before = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');

      // "Now" is 25 years (auditEventsYears) after the middle: the first events are due.
      const now = new Date(middle);
      now.setUTCFullYear(now.getUTCFullYear() + 25);
      const dry = await retention().apply(now, { dryRun: true });
      const planned = dry.categories.find((c) => c.category === 'auditEvents')!;
      expect(planned.due).to.equal(early!.position);
      const run = await retention().apply(now);
      const pruned = run.categories.find((c) => c.category === 'auditEvents')!;
      expect(pruned.due).to.be.greaterThan(0);
      const [{ min }] = (await db().query<{ min: number }>(
        'SELECT min(position)::int AS min FROM audit_events',
      )) as [{ min: number }];
      expect(min).to.equal(early!.position + 1);
      const after = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
      expect(after[0]!.n).to.be.lessThan(before[0]!.n);

      const verified = await verifyChain(db());
      expect(verified, JSON.stringify(verified)).to.include({ ok: true });
      const withCheckpoints = await verifyWithCheckpoints(db(), services.keys, file);
      expect(withCheckpoints.checkpointProblems).to.deep.equal([]);
      expect(withCheckpoints.ok).to.equal(true);
      // New events chain on (the old sessions went with the run: a new user).
      const next = await buildUser({ role: 'caseworker', country: 'IT' });
      await fileReport(next.token);
      expect((await verifyChain(db())).ok).to.equal(true);
      // Events in front of the anchor stay undeletable.
      let refused = false;
      try {
        await db().query('DELETE FROM audit_events WHERE position = $1', [early!.position + 1]);
      } catch {
        refused = true;
      }
      expect(refused).to.equal(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
