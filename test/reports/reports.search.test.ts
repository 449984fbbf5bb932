import { expect } from 'chai';
import { api } from '../http.js';
import { fileReport, reportBody, reportUser, type NameInput } from '../reports.factories.js';

const n = (kind: NameInput['kind'], value: string, script = 'Latn', latin?: string): NameInput => ({
  kind,
  value,
  script,
  ...(latin ? { latin } : {}),
});

/** The people of the name-search test set, in Arabic, Ge'ez, Persian, French and English spellings. */
const PEOPLE: Record<string, NameInput[]> = {
  mohamedHassan: [n('given', 'محمد', 'Arab', 'Mohamed'), n('family', 'حسن', 'Arab', 'Hassan')],
  mahmoudAbbas: [n('given', 'Mahmoud'), n('family', 'Abbas')],
  yohannesTesfay: [n('given', 'ዮሃንስ', 'Ethi', 'Yohannes'), n('family', 'ተስፋይ', 'Ethi', 'Tesfay')],
  hosseinRezaei: [n('given', 'حسین', 'Arab', 'Hossein'), n('family', 'رضایی', 'Arab', 'Rezaei')],
  youssoufDiallo: [n('given', 'Youssouf'), n('family', 'Diallo')],
  fatimaAbdullah: [
    n('given', 'فاطمة', 'Arab', 'Fatima'),
    n('family', 'عبدالله', 'Arab', 'Abdullah'),
  ],
  abebeBikila: [n('given', 'አበበ', 'Ethi', 'Abebe'), n('family', 'ቢቂላ', 'Ethi', 'Bikila')],
  muhammadHussein: [n('given', 'Muhammad'), n('family', 'Hussein'), n('nickname', 'Hamoudi')],
};

const QUERIES: [string, string][] = [
  ['Muhammad Hasan', 'mohamedHassan'],
  ['Mohammed Hassan', 'mohamedHassan'],
  ['محمد حسن', 'mohamedHassan'],
  ['Mahmud Abas', 'mahmoudAbbas'],
  ['Yohanes Tesfai', 'yohannesTesfay'],
  ['ዮሃንስ ተስፋይ', 'yohannesTesfay'],
  ['Tesfaye', 'yohannesTesfay'],
  ['Husain Rezai', 'hosseinRezaei'],
  ['حسین رضایی', 'hosseinRezaei'],
  ['Yusuf Diallo', 'youssoufDiallo'],
  ['يوسف ديالو', 'youssoufDiallo'],
  ['Fatma Abdalla', 'fatimaAbdullah'],
  ['فاطمة عبد الله', 'fatimaAbdullah'],
  ['Abebe Bekila', 'abebeBikila'],
  ['Mohamed Husain', 'muhammadHussein'],
  ['Hamoudi', 'muhammadHussein'],
];

describe('reports: search', () => {
  it('finds the right person first, whatever the spelling or script', async () => {
    const cw = await reportUser('caseworker', 'IT');
    const ids: Record<string, string> = {};
    for (const [key, names] of Object.entries(PEOPLE)) {
      const body = reportBody({ person: { names, sex: 'unknown' } });
      ids[key] = (await fileReport(cw.token, body)).id;
    }
    const misses: string[] = [];
    for (const [query, expected] of QUERIES) {
      const res = await api.get(`/api/v1/reports?name=${encodeURIComponent(query)}`, cw.token);
      expect(res.status).to.equal(200);
      const first = res.body.items[0]?.id as string | undefined;
      if (first !== ids[expected]) {
        const got = Object.entries(ids).find(([, id]) => id === first)?.[0];
        misses.push(`${query} → ${got ?? 'nothing'} (expected ${expected})`);
      }
    }
    expect(misses).to.deep.equal([]);
    const other = await reportUser('caseworker', 'FR');
    const foreign = await api.get(`/api/v1/reports?name=Mohamed`, other.token);
    expect(foreign.body.items).to.deep.equal([]);
  });

  it('filters by status, dates, place, route and flags, children first', async () => {
    const cw = await reportUser('caseworker', 'IT');
    const adult = await fileReport(cw.token);
    const child = await fileReport(
      cw.token,
      reportBody({
        flags: { unaccompaniedChild: true },
        disappearance: {
          lastSeenDate: '2023-08',
          lastSeenPlace: 'Agadez',
          lastSeenCountry: 'NE',
          route: 'Sahara crossing',
        },
      }),
    );
    await api.post(
      `/api/v1/reports/${adult.id}/status`,
      { status: 'under_search', reason: 'r' },
      cw.token,
    );
    const ids = async (q: string) =>
      (await api.get(`/api/v1/reports?${q}`, cw.token)).body.items.map((i: { id: string }) => i.id);
    expect(await ids('')).to.deep.equal([child.id, adult.id]);
    expect(await ids('status=under_search')).to.deep.equal([adult.id]);
    expect(await ids('child=true')).to.deep.equal([child.id]);
    expect(await ids('lastSeenFrom=2024-05-10&lastSeenTo=2024-06-01')).to.deep.equal([adult.id]);
    expect(await ids('lastSeenTo=2023-12-31')).to.deep.equal([child.id]);
    expect(await ids('place=agadez')).to.deep.equal([child.id]);
    expect(await ids('route=central%20mediterranean')).to.deep.equal([adult.id]);
    expect(await ids('lastSeenCountry=NE')).to.deep.equal([child.id]);
    const page = await api.get('/api/v1/reports?limit=1&offset=1', cw.token);
    expect(page.body).to.deep.include({ total: 2, limit: 1, offset: 1 });
    expect(page.body.items[0].id).to.equal(adult.id);
    const bad = await api.get('/api/v1/reports?lastSeenFrom=2024-13-01', cw.token);
    expect(bad.body.error.details.fields[0].field).to.equal('query.lastSeenFrom');
  });

  it('a family lists only its own reports; analysts, auditors and admins list none', async () => {
    const family = await reportUser('family');
    const mine = await fileReport(family.token);
    await fileReport((await reportUser('family')).token);
    await fileReport((await reportUser('caseworker')).token);
    const res = await api.get('/api/v1/reports', family.token);
    expect(res.body.items.map((i: { id: string }) => i.id)).to.deep.equal([mine.id]);
    for (const role of ['analyst', 'auditor', 'admin', 'contact_point'] as const) {
      const u = await reportUser(role);
      const list = await api.get('/api/v1/reports', u.token);
      expect(list.body, role).to.deep.include({ items: [], total: 0 });
    }
  });
});
