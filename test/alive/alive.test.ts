import { expect } from 'chai';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { designate } from '../contact-points.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';
import {
  aliveFixture,
  aliveFormFields,
  aliveVisitor,
  matchIds,
  sendAlive,
} from '../alive.factories.js';

const count = async (table: string) =>
  Number(
    (await testNode().db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n,
  );

async function timeline(token: string, reportId: string) {
  const res = await api.get(`/api/v1/reports/${reportId}/timeline`, token);
  expect(res.status).to.equal(200);
  return res.body.items as { status: string; messageToFamily: string | null }[];
}

describe('"I am alive": the page', () => {
  it('answers in every portal language, Arabic right to left, with a CSRF token and no caching', async () => {
    for (const lang of ['en', 'fr', 'es', 'ar']) {
      const res = await aliveVisitor().get(`/alive?lang=${lang}`);
      expect(res.status).to.equal(200);
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.text).to.match(/name="_csrf" value="[^"]+"/);
      expect(res.text).to.include(`lang="${lang}"`);
      expect(res.text).to.not.match(/alive\.form\./, `untranslated key in ${lang}`);
    }
    const ar = await aliveVisitor().get('/alive?lang=ar');
    expect(ar.text).to.include('dir="rtl"').and.include('أنا على قيد الحياة');
  });

  it('refuses a form without the CSRF token and stores nothing', async () => {
    const v = aliveVisitor();
    await v.get('/alive');
    const res = await v.post('/alive', aliveFormFields(), false);
    expect(res.status).to.equal(403);
    expect(await count('alive_messages')).to.equal(0);
  });

  it('names the fields that are wrong and stores nothing', async () => {
    const v = aliveVisitor();
    await v.get('/alive');
    const res = await v.post('/alive', aliveFormFields({ name: '', birth: '19x8', under18: '' }));
    expect(res.status).to.equal(400);
    for (const f of ['name', 'birth', 'under18']) {
      expect(res.text).to.include(`id="${f}-error"`);
    }
    // What the visitor typed is shown again (no need to type it twice).
    expect(res.text).to.include('Yohanes Haile');
    const place = await v.post('/alive', aliveFormFields({ share: 'location', location: '' }));
    expect(place.status).to.equal(400);
    expect(place.text).to.include('id="location-error"');
    expect(place.text).to.include('Write where you are, or choose another answer above.');
    expect(await count('alive_messages')).to.equal(0);
  });

  it('stores the message, gives a private code (stored only as a hash) and audits without personal data', async () => {
    const code = await sendAlive();
    const [m] = await testNode().db.query<{ hash: Buffer; names: unknown; location: string }>(
      'SELECT withdrawal_hash AS hash, names, location FROM alive_messages',
    );
    expect(m!.location).to.equal('Catania, Italy');
    expect(m!.hash.toString('hex')).to.not.include(code.replace(/-/g, ''));
    const events = await testNode().db.query<{ details: unknown; fields: string[] }>(
      `SELECT details, fields FROM audit_events WHERE subject_type = 'AliveMessage'`,
    );
    expect(events).to.have.length(1);
    const audited = JSON.stringify(events[0]);
    for (const personal of ['Haile', 'Catania', '333', 'يوهانس', code.slice(0, 5)]) {
      expect(audited).to.not.include(personal);
    }
    expect(events[0]!.fields).to.include('name');
  });

  it('refuses a location choice without a place, and does not keep a place the sender chose not to share', async () => {
    await sendAlive({ share: 'alive_only', location: 'Catania, Italy' });
    const [m] = await testNode().db.query<{ location: string; share: string }>(
      'SELECT location, share FROM alive_messages',
    );
    expect(m).to.deep.equal({ location: '', share: 'alive_only' });
  });
});

describe('"I am alive": matching and review', () => {
  it('matches a message against an open report across scripts and shows it to the reviewers of that report only', async () => {
    const fx = await aliveFixture();
    const otherCp = await designate({ country: 'IT' });
    const fr = await buildUser({ role: 'caseworker', country: 'FR' });
    await sendAlive();
    const [id] = await matchIds(fx.report.id);
    expect(id, 'a possible match').to.be.a('string');

    const list = await api.get('/api/v1/alive-matches', fx.caseworker.token);
    expect(list.status).to.equal(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).to.deep.equal([id]);
    expect(list.body.items[0]).to.not.have.property('message');
    expect((await api.get('/api/v1/alive-matches', fx.cp.staff.token)).body.total).to.equal(1);
    expect((await api.get('/api/v1/alive-matches', otherCp.staff.token)).body.total).to.equal(0);
    expect((await api.get('/api/v1/alive-matches', fr.token)).body.total).to.equal(0);

    const shown = await api.get(`/api/v1/alive-matches/${id}`, fx.cp.staff.token);
    expect(shown.status).to.equal(200);
    expect(shown.body.message.names.map((n: { value: string }) => n.value)).to.include(
      'يوهانس هايلي',
    );
    expect(shown.body.message.contact).to.equal('+39 333 000 111');
    expect(shown.body.report.caseNumber).to.equal(fx.report.caseNumber);
    expect(shown.body.evidence.birth).to.equal('agrees');
    expect(shown.body.evidence.relatives.map((r: { report: string }) => r.report)).to.include(
      'Saba Haile',
    );

    expect((await api.get(`/api/v1/alive-matches/${id}`, fr.token)).status).to.equal(404);
    expect((await api.get(`/api/v1/alive-matches/${id}`, otherCp.staff.token)).status).to.equal(
      404,
    );
    expect((await api.get(`/api/v1/alive-matches/${id}`, fx.family.token)).status).to.equal(404);
    expect((await api.get(`/api/v1/alive-matches/${id}`)).status).to.equal(401);
  });

  it('does not propose reports with other names, closed reports, or births too far apart', async () => {
    const fx = await aliveFixture();
    await sendAlive({ name: 'Fatima Zahra Benali', otherName: '', relatives: '' });
    await sendAlive({ birth: '1980', relatives: '' });
    expect(await matchIds(fx.report.id)).to.deep.equal([]);
    const closed = await fileReport(fx.caseworker.token, reportBody());
    const res = await api.post(
      `/api/v1/reports/${closed.id}/status`,
      { status: 'closed', reason: 'Found by the police' },
      fx.caseworker.token,
    );
    expect(res.status).to.equal(200);
    await sendAlive();
    expect(await matchIds(closed.id)).to.deep.equal([]);
    expect(await matchIds(fx.report.id)).to.have.length(1);
  });

  it('proposes a report filed after the message (the report hook)', async () => {
    await sendAlive();
    const fx = await aliveFixture();
    expect(await matchIds(fx.report.id)).to.have.length(1);
  });

  it('passes the news on with the place when the sender allowed it; the family reads it on the timeline', async () => {
    const fx = await aliveFixture();
    await sendAlive();
    const [id] = await matchIds(fx.report.id);
    const res = await api.post(
      `/api/v1/alive-matches/${id}/confirm`,
      { reason: 'Names, birth year and mother match; called him.' },
      fx.cp.staff.token,
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ status: 'confirmed', passedOn: 'location' });
    const items = await timeline(fx.family.token, fx.report.id);
    const last = items.at(-1)!;
    expect(last.status).to.equal('located_alive');
    expect(last.messageToFamily).to.include('Yohannes Haile').and.include('Catania, Italy');
    expect(last.messageToFamily).to.include('I am well, do not worry.');
    expect(last.messageToFamily).to.not.include('333');
    // Decided once: a second decision is refused.
    const again = await api.post(
      `/api/v1/alive-matches/${id}/reject`,
      { reason: 'changed my mind' },
      fx.caseworker.token,
    );
    expect(again.status).to.equal(409);
  });

  it('tells the family only that the person is alive when that was the choice', async () => {
    const fx = await aliveFixture();
    await sendAlive({ share: 'alive_only', location: 'Catania, Italy' });
    const [id] = await matchIds(fx.report.id);
    const res = await api.post(
      `/api/v1/alive-matches/${id}/confirm`,
      { reason: 'Same person.' },
      fx.caseworker.token,
    );
    expect(res.body.passedOn).to.equal('alive_only');
    const last = (await timeline(fx.family.token, fx.report.id)).at(-1)!;
    expect(last.messageToFamily).to.include('alive and safe').and.include('not shared');
    expect(last.messageToFamily).to.not.include('Catania');
  });

  it('tells the family nothing when that was the choice', async () => {
    const fx = await aliveFixture();
    await sendAlive({ share: 'nothing', location: '' });
    const before = await timeline(fx.family.token, fx.report.id);
    const [id] = await matchIds(fx.report.id);
    const res = await api.post(
      `/api/v1/alive-matches/${id}/confirm`,
      { reason: 'Same person.' },
      fx.cp.staff.token,
    );
    expect(res.body.passedOn).to.equal('nothing');
    expect(await timeline(fx.family.token, fx.report.id)).to.deep.equal(before);
  });

  it('sends a child’s message to caseworkers only and never passes it to the family', async () => {
    const fx = await aliveFixture();
    await sendAlive({ under18: 'yes' });
    const [id] = await matchIds(fx.report.id);
    expect((await api.get('/api/v1/alive-matches', fx.cp.staff.token)).body.total).to.equal(0);
    expect((await api.get(`/api/v1/alive-matches/${id}`, fx.cp.staff.token)).status).to.equal(404);
    expect(
      (
        await api.post(
          `/api/v1/alive-matches/${id}/confirm`,
          { reason: 'Same person.' },
          fx.cp.staff.token,
        )
      ).status,
    ).to.equal(404);
    const list = await api.get('/api/v1/alive-matches', fx.caseworker.token);
    expect(list.body.items[0]).to.include({ id, senderUnder18: true });
    const before = await timeline(fx.family.token, fx.report.id);
    const res = await api.post(
      `/api/v1/alive-matches/${id}/confirm`,
      { reason: 'Same child; best-interests assessment opened.' },
      fx.caseworker.token,
    );
    expect(res.body.passedOn).to.equal('held_child');
    expect(await timeline(fx.family.token, fx.report.id)).to.deep.equal(before);
  });

  it('rejects with a reason; a missing reason is refused with the field named', async () => {
    const fx = await aliveFixture();
    await sendAlive();
    const [id] = await matchIds(fx.report.id);
    const bad = await api.post(`/api/v1/alive-matches/${id}/reject`, {}, fx.caseworker.token);
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body)).to.include('body.reason');
    const ok = await api.post(
      `/api/v1/alive-matches/${id}/reject`,
      { reason: 'Different father’s name.' },
      fx.caseworker.token,
    );
    expect(ok.status).to.equal(200);
    expect(await matchIds(fx.report.id, 'rejected')).to.deep.equal([id]);
    const audit = await testNode().db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE subject_type = 'AliveMatch' AND subject_id = $1`,
      [id],
    );
    expect(audit.map((a) => a.action)).to.include('reject');
  });
});

describe('"I am alive": withdrawal', () => {
  it('withdraws with the private code: content erased, no longer listed or matched, what was passed on kept', async () => {
    const fx = await aliveFixture();
    const second = await fileReport(
      fx.family.token,
      reportBody({}, [
        { kind: 'given', value: 'Yohannes', script: 'Latn' },
        { kind: 'family', value: 'Haile', script: 'Latn' },
      ]),
    );
    const code = await sendAlive();
    const [first] = await matchIds(fx.report.id);
    const [pending] = await matchIds(second.id);
    await api.post(
      `/api/v1/alive-matches/${first}/confirm`,
      { reason: 'Same person.' },
      fx.caseworker.token,
    );

    const v = aliveVisitor();
    await v.get('/alive/withdraw');
    const bad = await v.post('/alive/withdraw', { code: 'not a code' });
    expect(bad.status).to.equal(400);
    expect(bad.text).to.include('id="code-error"');
    const done = await v.post('/alive/withdraw', { code: code.toLowerCase() });
    expect(done.status, done.text).to.equal(200);
    expect(done.text).to.include('Your message was withdrawn');

    const [m] = await testNode().db.query<Record<string, unknown>>(
      'SELECT status, names, location, contact, note, relatives FROM alive_messages',
    );
    expect(m).to.deep.equal({
      status: 'withdrawn',
      names: [],
      location: '',
      contact: '',
      note: '',
      relatives: [],
    });
    expect(await matchIds(second.id, 'withdrawn')).to.deep.equal([pending]);
    const kept = await testNode().db.query<{ passedOn: string }>(
      'SELECT passed_on AS "passedOn" FROM alive_matches WHERE id = $1',
      [first],
    );
    expect(kept[0]!.passedOn).to.equal('location');
    expect((await api.get('/api/v1/alive-matches', fx.caseworker.token)).body.total).to.equal(0);
    expect(
      (await api.get(`/api/v1/alive-matches/${pending}`, fx.caseworker.token)).status,
    ).to.equal(404);
    const late = await api.post(
      `/api/v1/alive-matches/${pending}/confirm`,
      { reason: 'Same person.' },
      fx.caseworker.token,
    );
    expect(late.status).to.equal(404);
    // A report filed afterwards is not matched against the withdrawn message.
    const later = await fileReport(fx.family.token, reportBody());
    expect(await matchIds(later.id)).to.deep.equal([]);
    // The code works once.
    const twice = await v.post('/alive/withdraw', { code });
    expect(twice.status).to.equal(400);
    expect(twice.text).to.include('No message is waiting under this code.');
  });
});
