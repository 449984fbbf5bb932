import { expect } from 'chai';
import { candidateId, matchingWorld } from '../matching.factories.js';
import { buildForensic } from '../remains.factories.js';
import { staffLogin } from './staff.helpers.js';

describe('staff console: the side-by-side comparison and the two-person identification', function () {
  this.timeout(60_000);

  it('shows AM beside PM with the engine’s explanation and the missing evidence, then needs two practitioners', async () => {
    const w = await matchingWorld();
    const id = (await candidateId(w.reportId, w.trueId))!;
    expect(id).to.be.a('string');
    const a = await staffLogin(w.forensicA.user.email);
    const page = await a.get(`/staff/candidates/${id}`);
    expect(page.status).to.equal(200);
    // One row per attribute, AM and PM side by side, with the weight and the reason.
    const sexRow = /<th scope="row">Sex<\/th>\s*<td>(.*?)<\/td>\s*<td>(.*?)<\/td>/s.exec(page.text);
    expect(sexRow?.[1]).to.contain('male');
    expect(sexRow?.[2]).to.contain('male');
    expect(page.text).to.contain('Ante-mortem (report)');
    expect(page.text).to.contain('Evidence still missing');
    expect(page.text).to.contain('No laboratory or expert result recorded for this pair.');
    expect(page.text).to.match(/class="for" dir="ltr">\+\d/);

    // A primary basis without a laboratory result is refused, on the same page.
    const unbacked = await a.post(`/staff/candidates/${id}/propose`, { basis: 'dna' });
    expect(unbacked.status).to.equal(400);
    expect(unbacked.text).to.contain('Please give a reason or a basis.');

    const proposed = await a.post(`/staff/candidates/${id}/propose`, {
      basis: ['marks', 'effects'],
      note: 'scar and red jacket',
    });
    expect(proposed.status).to.equal(303);
    const own = await a.post(`/staff/candidates/${id}/confirm`, {});
    expect(own.status).to.equal(409);
    expect(own.text).to.contain('a second forensic practitioner must confirm it');

    const b = await staffLogin(w.forensicB.user.email);
    const seen = await b.get(`/staff/candidates/${id}`);
    expect(seen.text).to.contain('Proposed by a colleague on: marks, effects');
    const confirmed = await b.post(`/staff/candidates/${id}/confirm`, {});
    expect(confirmed.status, confirmed.text.slice(0, 400)).to.equal(303);
    const after = await b.get(`/staff/candidates/${id}`);
    expect(after.text).to.contain('Review: Confirmed');
    const remains = await b.get(`/staff/remains/${w.trueId}`);
    expect(remains.text).to.contain('Provisionally identified');
  });

  it('answers 404 for another country’s candidate', async () => {
    const w = await matchingWorld();
    const id = (await candidateId(w.reportId, w.trueId))!;
    const tn = await buildForensic('TN');
    const c = await staffLogin(tn.user.email);
    const res = await c.get(`/staff/candidates/${id}`);
    expect(res.status).to.equal(404);
    expect(res.text).not.to.contain('Ante-mortem');
  });
});
