import { expect } from 'chai';
import { aliveVisitor } from '../alive.factories.js';
import { buildUser, TEST_PASSWORD, type TestUser } from '../factories.js';
import { api } from '../http.js';
import { testNode } from '../node.js';
import { fileReport, reportBody } from '../reports.factories.js';

/** A visitor signed in on the pages as an existing user. */
async function signedIn(user: TestUser) {
  const v = aliveVisitor();
  await v.get('/login');
  const res = await v.post('/login', { email: user.email, password: TEST_PASSWORD });
  expect(res.status, res.text).to.equal(303);
  return v;
}

async function readReport(id: string, token: string) {
  const res = await api.get(`/api/v1/reports/${id}`, token);
  expect(res.status).to.equal(200);
  return res.body as {
    disappearance: Record<string, unknown> & { lastSeenDate: { text: string } };
    description: Record<string, unknown> & { clothing: { description: string }[] };
    relatives: { id: string; name: string; contact: Record<string, string> }[];
  };
}

describe('portal: the family adds details later', () => {
  it('changes the last-seen details through the reports service, keeping what the form does not show', async () => {
    const family = await buildUser({ role: 'family', country: 'IT' });
    const report = await fileReport(family.token, reportBody());
    const v = await signedIn(family);
    const form = await v.get(`/cases/${report.id}/details/lastSeen`);
    expect(form.status).to.equal(200);
    expect(form.text).to.include('value="2024-05-01/2024-05-20"').and.include('value="Zuwara"');
    const res = await v.post(`/cases/${report.id}/details/lastSeen`, {
      lastSeenDate: '2024-05-12',
      lastSeenPlace: 'Sabratha',
      lastSeenCountry: 'LY',
      route: 'Central Mediterranean',
      circumstances: 'Seen at the beach by a cousin.',
    });
    expect(res.status, res.text).to.equal(303);
    expect(res.headers.location).to.equal(`/cases/${report.id}?saved=lastSeen#details`);
    const after = await readReport(report.id, family.token);
    expect(after.disappearance).to.deep.include({
      lastSeenPlace: 'Sabratha',
      circumstances: 'Seen at the beach by a cousin.',
      coordinates: { lat: 32.93, lon: 12.08 },
    });
    expect(after.disappearance.lastSeenDate.text).to.equal('2024-05-12');
    const audit = await testNode().db.query<{ fields: string[] }>(
      `SELECT fields FROM audit_events WHERE action = 'update' AND subject_id = $1`,
      [report.id],
    );
    expect(audit.map((a) => a.fields)).to.deep.include(['disappearance']);
    // The case page says so, and the contact point's thread names the part that changed.
    const page = await v.get(`/cases/${report.id}?saved=lastSeen`);
    expect(page.text).to.include('Your report was updated.');
    expect(page.text).to.include('The family changed a part of the report');
  });

  it('adds clothing and keeps structured marks, height and other effects', async () => {
    const family = await buildUser({ role: 'family', country: 'IT' });
    const report = await fileReport(family.token, reportBody());
    const v = await signedIn(family);
    const form = await v.get(`/cases/${report.id}/details/description`);
    expect(form.text).to.include('red jacket');
    const res = await v.post(`/cases/${report.id}/details/description`, {
      build: 'slim',
      hair: 'black, curly',
      eyes: '',
      clothing: 'red jacket\nblue jeans',
      marks: 'silver ring',
    });
    expect(res.status, res.text).to.equal(303);
    const after = await readReport(report.id, family.token);
    expect(after.description).to.deep.include({ build: 'slim', hair: 'black, curly' });
    expect(after.description.clothing.map((c) => c.description)).to.deep.equal([
      'red jacket',
      'blue jeans',
    ]);
    expect(after.description).to.deep.include({ height: { min: 170, max: 178 } });
    expect(after.description.marks).to.have.length(1);
  });

  it('changes the contact person and keeps their id and e-mail address', async () => {
    const family = await buildUser({ role: 'family', country: 'IT' });
    const report = await fileReport(family.token, reportBody());
    const before = await readReport(report.id, family.token);
    const v = await signedIn(family);
    const form = await v.get(`/cases/${report.id}/details/contact`);
    expect(form.text).to.include('value="Saba Haile"').and.include('value="+291 1 555 0101"');
    const res = await v.post(`/cases/${report.id}/details/contact`, {
      relativeName: 'Saba Haile',
      relationship: 'mother',
      phone: '+291 7 000 000',
    });
    expect(res.status, res.text).to.equal(303);
    const after = await readReport(report.id, family.token);
    expect(after.relatives[0]!.id).to.equal(before.relatives[0]!.id);
    expect(after.relatives[0]!.contact).to.deep.equal({
      phone: '+291 7 000 000',
      email: 'saba@example.org',
    });
  });

  it('names a wrong field and changes nothing; refuses a form without CSRF', async () => {
    const family = await buildUser({ role: 'family', country: 'IT' });
    const report = await fileReport(family.token, reportBody());
    const v = await signedIn(family);
    await v.get(`/cases/${report.id}/details/lastSeen`);
    const bad = await v.post(`/cases/${report.id}/details/lastSeen`, {
      lastSeenDate: 'last summer',
      lastSeenPlace: '',
      lastSeenCountry: 'LY',
    });
    expect(bad.status).to.equal(400);
    expect(bad.text).to.include('id="lastSeenDate-error"').and.include('id="lastSeenPlace-error"');
    const forged = await v.post(
      `/cases/${report.id}/details/lastSeen`,
      { lastSeenDate: '2024-05-12', lastSeenPlace: 'Sabratha', lastSeenCountry: 'LY' },
      false,
    );
    expect(forged.status).to.equal(403);
    const after = await readReport(report.id, family.token);
    expect(after.disappearance.lastSeenPlace).to.equal('Zuwara');
  });

  it('shows another family’s report, or an unknown section, as not found; visitors go to log in', async () => {
    const family = await buildUser({ role: 'family', country: 'IT' });
    const other = await buildUser({ role: 'family', country: 'IT' });
    const report = await fileReport(family.token, reportBody());
    const v = await signedIn(other);
    await v.get('/');
    expect((await v.get(`/cases/${report.id}/details/lastSeen`)).status).to.equal(404);
    const post = await v.post(`/cases/${report.id}/details/lastSeen`, {
      lastSeenDate: '2024-05-12',
      lastSeenPlace: 'Elsewhere',
      lastSeenCountry: 'LY',
    });
    expect(post.status).to.equal(404);
    const owner = await signedIn(family);
    expect((await owner.get(`/cases/${report.id}/details/consent`)).status).to.equal(404);
    expect((await owner.get(`/cases/${report.id}/details/person`)).status).to.equal(404);
    const anonymous = await aliveVisitor().get(`/cases/${report.id}/details/lastSeen`);
    expect(anonymous.status).to.equal(303);
    expect(anonymous.headers.location).to.match(/^\/login\?next=/);
    expect((await readReport(report.id, family.token)).disappearance.lastSeenPlace).to.equal(
      'Zuwara',
    );
  });
});
