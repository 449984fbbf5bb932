import { expect } from 'chai';
import { setNodeTimeZone, useClock, localDate } from '../../src/platform/vocabulary/index.js';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { reportBody } from '../reports.factories.js';

// Issue 15 item 17: the node's calendar follows its time zone, not UTC.
describe('hardening: the node time zone for case numbers and "not in the future"', () => {
  let restoreClock: () => void = () => undefined;
  let previousZone = 'UTC';
  beforeEach(() => {
    // 00:30 on New Year's Day in Tunis (UTC+1) is still 31 December in UTC.
    restoreClock = useClock(() => new Date('2026-12-31T23:30:00Z'));
    previousZone = setNodeTimeZone('Africa/Tunis');
  });
  afterEach(() => {
    restoreClock();
    setNodeTimeZone(previousZone);
  });

  it('computes the local date in the node zone', () => {
    expect(localDate(new Date('2026-12-31T23:30:00Z'), 'Africa/Tunis')).to.equal('2027-01-01');
    expect(localDate(new Date('2026-12-31T23:30:00Z'), 'UTC')).to.equal('2026-12-31');
  });

  it('numbers a report filed just after local midnight with the new year, and accepts that day', async () => {
    const { token } = await buildUser({ role: 'caseworker', country: 'TN' });
    const body = reportBody({
      disappearance: { ...reportBody().disappearance, lastSeenDate: '2027-01-01' },
    });
    const res = await api.post('/api/v1/reports', body, token);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.caseNumber).to.match(/^MP-TN-2027-/);
  });

  it('still refuses the local tomorrow as in the future', async () => {
    const { token } = await buildUser({ role: 'caseworker', country: 'TN' });
    const body = reportBody({
      disappearance: { ...reportBody().disappearance, lastSeenDate: '2027-01-02' },
    });
    const res = await api.post('/api/v1/reports', body, token);
    expect(res.status).to.equal(400);
    expect(JSON.stringify(res.body)).to.contain('future');
  });
});
