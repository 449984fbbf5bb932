import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { POLICIES } from '../../src/container.js';
import { buildAbility, type Actor } from '../../src/platform/authz/index.js';
import { createMediaService, LocalDiskStore } from '../../src/features/media/index.js';
import { originalKey, sha256 } from '../../src/features/media/media.storage.js';
import { fileReport, reportUser } from '../reports.factories.js';
import { checkerboardPng } from '../media.factories.js';
import { testNode } from '../node.js';

// Issue 15 item 15: an upload of the same bytes racing with the deletion of the last record
// that used them must not leave a committed record without its original.
class GatedStore extends LocalDiskStore {
  gate?: { key: string; reached: () => void; release: Promise<void> };
  override async put(key: string, data: Buffer): Promise<void> {
    await super.put(key, data);
    const gate = this.gate;
    if (gate && gate.key === key) {
      this.gate = undefined;
      gate.reached();
      await gate.release;
    }
  }
}

const settledWithin = (p: Promise<unknown>, ms: number) =>
  Promise.race([
    p.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((r) => setTimeout(() => r(false), ms)),
  ]);

describe('hardening: content-addressed originals under a concurrent upload and deletion', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ariadne-race-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the bytes of an upload that commits while the last other record is deleted', async () => {
    const { db, services } = testNode();
    const user = await reportUser('caseworker', 'IT');
    const report = await fileReport(user.token);
    const facts = {
      id: user.user.id,
      role: user.user.role,
      country: user.user.country.trim(),
      organisationId: user.user.organisationId,
      sessionId: randomUUID(),
      requestId: randomUUID(),
    };
    const actor: Actor = { ...facts, ability: buildAbility(facts, POLICIES) };
    const store = new GatedStore(dir);
    const media = createMediaService({
      db,
      store,
      owners: { report: (a, id, action, tx) => services.reports.loadAs(a, action, id, tx) },
    });
    const bytes = await checkerboardPng(32);
    const upload = () =>
      media.upload(actor, 'report', report.id, () =>
        Promise.resolve({ fields: {}, files: [{ name: 'same.png', data: bytes }] }),
      );
    const [first] = await upload();

    // The second upload of the same bytes stops right after writing the original…
    let reached!: () => void;
    const atGate = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    store.gate = {
      key: originalKey(sha256(bytes)),
      reached,
      release: new Promise<void>((r) => (release = r)),
    };
    const second = upload();
    await atGate;
    // …while the first record is deleted (it must wait for the upload, or see its record).
    const removal = media.remove(actor, first!.id);
    await settledWithin(removal, 1500);
    release();
    const [kept] = await second;
    await removal;

    const rows = await db.query('SELECT 1 FROM media_files WHERE id = $1', [kept!.id]);
    expect(rows).to.have.length(1);
    // The committed record's original is still stored (the store is what content() reads).
    const original = await store.get(originalKey(kept!.sha256));
    expect(sha256(original)).to.equal(sha256(bytes));
  });
});
