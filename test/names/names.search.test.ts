import { expect } from 'chai';
import { api } from '../http.js';
import { buildUser } from '../factories.js';
import { fileReport, reportBody, reportUser, type NameInput } from '../reports.factories.js';

const latin = (given: string, family: string, other?: string): NameInput[] => [
  { kind: 'given', value: given, script: 'Latn' },
  ...(other ? [{ kind: 'other' as const, value: other, script: 'Latn' }] : []),
  { kind: 'family', value: family, script: 'Latn' },
];
const body = (names: NameInput[]) =>
  reportBody({ person: { names, sex: 'unknown', documents: [] } });

interface Hit {
  id: string;
  score: number;
  nameMatch: { words: { query: string; record: string; how: string; weight: number }[] };
}

/** Files each named person; returns their ids by key. */
async function file(token: string, people: Record<string, NameInput[]>) {
  const ids: Record<string, string> = {};
  for (const [key, names] of Object.entries(people)) {
    ids[key] = (await fileReport(token, body(names))).id;
  }
  return ids;
}

/** The key of the first hit of a name search (or "nothing"). */
async function firstHit(token: string, name: string, ids: Record<string, string>) {
  const res = await api.get(`/api/v1/reports?name=${encodeURIComponent(name)}`, token);
  expect(res.status, name).to.equal(200);
  const first = (res.body.items as Hit[])[0];
  return Object.entries(ids).find(([, id]) => id === first?.id)?.[0] ?? 'nothing';
}

async function expectFirst(token: string, ids: Record<string, string>, cases: [string, string][]) {
  const wrong: string[] = [];
  for (const [query, expected] of cases) {
    const got = await firstHit(token, query, ids);
    if (got !== expected) {
      wrong.push(`${query} → ${got} (expected ${expected})`);
    }
  }
  expect(wrong).to.deep.equal([]);
}

describe('names: search across scripts and spellings (HTTP)', () => {
  it('the Arabic article: dropped, kept, joined or assimilated', async () => {
    const cw = await reportUser('caseworker');
    const ids = await file(cw.token, {
      zahra: [
        { kind: 'given', value: 'فاطمة الزهراء', script: 'Arab', latin: 'Fatima Ezzahra' },
        { kind: 'family', value: 'بوزيد', script: 'Arab', latin: 'Bouzid' },
      ],
      zahia: latin('Zahia', 'Bouzidi'),
      abderrahmane: latin('Abderrahmane', 'Amrani'),
      rahma: latin('Rahma', 'Amrani'),
      noureddine: latin('Noureddine', 'Belkacem'),
      nour: latin('Nour', 'Belkacem', 'Salah'),
    });
    await expectFirst(cw.token, ids, [
      ['Zahra Bouzid', 'zahra'],
      ['al-Zahraa Bouzid', 'zahra'],
      ['Fatima Az-Zahra Bu Zaid', 'zahra'],
      ['Abdul Rahman Amrani', 'abderrahmane'],
      ['Abd al-Rahman El Amrani', 'abderrahmane'],
      ['عبد الرحمن العمراني', 'abderrahmane'],
      ['Nur al-Din Belkacem', 'noureddine'],
      ['نور الدين بلقاسم', 'noureddine'],
    ]);
  });

  it('word boundaries: joined and split words, apostrophes and slashes', async () => {
    const cw = await reportUser('caseworker');
    const ids = await file(cw.token, {
      gebremedhin: latin('Yohannes', 'Gebremedhin', 'Tesfay'),
      medhanie: latin('Yohannes', 'Medhanie', 'Tesfay'),
      benali: latin('Ahmed', 'Benali'),
      ali: latin('Ahmed', 'Alili'),
      bouzid: latin('Karim', 'Bou Zid'),
      salahuddin: latin('Salahuddin', 'Haddad'),
      salah: latin('Salah', 'Haddad'),
      jafar: latin("Ja'far", 'Darwish'),
    });
    await expectFirst(cw.token, ids, [
      ['Yohannes Tesfay Gebre Medhin', 'gebremedhin'],
      ['Yohannes G/Medhin', 'gebremedhin'],
      ['ዮሃንስ ገብረ መድህን', 'gebremedhin'],
      ['Ahmed Ben Aly', 'benali'],
      ['أحمد بن علي', 'benali'],
      ['Karim Bouzid', 'bouzid'],
      ['Salah al-Din Haddad', 'salahuddin'],
      ['Salah Eddine Haddad', 'salahuddin'],
      ['Jafar Darwish', 'jafar'],
      ['جعفر درويش', 'jafar'],
    ]);
    const res = await api.get(
      `/api/v1/reports?name=${encodeURIComponent('Gebre Medhin')}`,
      cw.token,
    );
    const words = (res.body.items as Hit[])[0]!.nameMatch.words;
    expect(words[0]).to.deep.include({ query: 'gebre medhin', record: 'gebremedhin' });
    expect(words[0]!.how).to.contain('written as one word');
  });

  it('exact before fuzzy: one differing letter or sound still finds the person', async () => {
    const cw = await reportUser('caseworker');
    const ids = await file(cw.token, {
      yonas: latin('Yonas', 'Tekle'),
      aicha: latin('Aicha', 'Mansouri'),
      zakir: latin('Dhakir', 'Zubaidi'),
      okafor: latin('Chinedu', 'Okafor'),
      other: latin('Amin', 'Tekele'),
    });
    await expectFirst(cw.token, ids, [
      ['Jonas Tekle', 'yonas'],
      ['Aisha Mansuri', 'aicha'],
      ['Zakir Zubaidi', 'zakir'],
      ['Thakir al-Zubaydi', 'zakir'],
      ['Chinedu Okafo', 'okafor'],
    ]);
  });

  it('scoring: a rare word outweighs a common one; ties are ordered and pages stable', async () => {
    const cw = await reportUser('caseworker');
    const common: Record<string, NameInput[]> = {};
    for (const f of ['Haddad', 'Cherif', 'Mansouri', 'Idrissi', 'Ouali', 'Zitouni']) {
      common[`mohamed-${f}`] = latin('Mohamed', f);
    }
    const ids = await file(cw.token, {
      // The true report matches the rare word closely and misses the common one.
      target: latin('Mahmoud', 'Belkacemi'),
      ...common,
    });
    // Filed last (most recent), sharing only the common word exactly.
    ids.decoy = (await fileReport(cw.token, body(latin('Mohamed', 'Ibrahim')))).id;
    await expectFirst(cw.token, ids, [['Mohamed Belkacem', 'target']]);
    const res = await api.get('/api/v1/reports?name=Mohamed%20Belkacem', cw.token);
    const top = (res.body.items as Hit[])[0]!;
    expect(top.nameMatch.words.map((w) => w.query)).to.deep.equal(['belkacem']);
    expect(top.nameMatch.words[0]!.weight).to.be.greaterThan(0.5);
    // Equal scores: a stable order, pages that neither repeat nor skip.
    const all = await api.get('/api/v1/reports?name=Mohamed&limit=50', cw.token);
    const seen: string[] = [];
    for (let offset = 0; offset < all.body.total; offset += 2) {
      const page = await api.get(`/api/v1/reports?name=Mohamed&limit=2&offset=${offset}`, cw.token);
      seen.push(...page.body.items.map((i: Hit) => i.id));
    }
    expect(seen).to.deep.equal(all.body.items.map((i: Hit) => i.id));
    expect(new Set(seen).size).to.equal(seen.length);
  });

  it('scripts without a hand table (Cyrillic, Sorani, Urdu, N’Ko) are transliterated, not dropped', async () => {
    const cw = await reportUser('caseworker');
    const ids = await file(cw.token, {
      ivan: [
        { kind: 'given', value: 'Иван', script: 'Cyrl', latin: 'Ivan' },
        { kind: 'family', value: 'Петренко', script: 'Cyrl', latin: 'Petrenko' },
      ],
      rebwar: latin('Rebwar', 'Barzani'),
      shahid: latin('Shahid', 'Chaudhry'),
      mamadou: latin('Mamadou', 'Diallo'),
      decoy: latin('Rebin', 'Zebari'),
    });
    await expectFirst(cw.token, ids, [
      ['Иван Петренко', 'ivan'],
      ['ڕێبوار بارزانی', 'rebwar'],
      ['شاہد چودھری', 'shahid'],
      ['ߡߊߡߊߘߎ ߖߊߟߏ', 'mamadou'],
    ]);
  });

  it('no token 401; another country sees nothing; a name too long names the field', async () => {
    const cw = await reportUser('caseworker', 'IT');
    await fileReport(cw.token, body(latin('Yonas', 'Tekle')));
    expect((await api.get('/api/v1/reports?name=Yonas')).status).to.equal(401);
    const fr = await reportUser('caseworker', 'FR');
    const foreign = await api.get('/api/v1/reports?name=Yonas%20Tekle', fr.token);
    expect(foreign.body).to.deep.include({ items: [], total: 0 });
    const bad = await api.get(`/api/v1/reports?name=${'a'.repeat(201)}`, cw.token);
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.fields[0].field).to.equal('query.name');
  });
});

describe('names: duplicate warnings across scripts and organisations (HTTP)', () => {
  it('a report in Arabic script from another organisation is flagged as a duplicate', async () => {
    const a = await buildUser({ role: 'caseworker', country: 'IT' });
    const b = await buildUser({ role: 'caseworker', country: 'IT' });
    expect(a.user.organisationId).to.not.equal(b.user.organisationId);
    const first = await fileReport(a.token, body(latin('Abderrahmane', 'Benali', 'Youssef')));
    await fileReport(a.token, body(latin('Abdelkader', 'Haddad')));
    const second = await fileReport(
      b.token,
      body([
        { kind: 'given', value: 'عبد الرحمن', script: 'Arab', latin: 'Abdul Rahman' },
        { kind: 'family', value: 'بن علي', script: 'Arab', latin: 'Bin Ali' },
      ]),
    );
    const dups = second.possibleDuplicates as { reportId: string; reasons: string[] }[];
    expect(dups.map((d) => d.reportId)).to.deep.equal([first.id]);
    expect(dups[0]!.reasons.join()).to.contain('similar names');
    const again = await api.get(`/api/v1/reports/${first.id}/duplicates`, a.token);
    expect(again.body.items.map((i: { reportId: string }) => i.reportId)).to.deep.equal([
      second.id,
    ]);
    const fr = await reportUser('caseworker', 'FR');
    expect((await api.get(`/api/v1/reports/${first.id}/duplicates`, fr.token)).status).to.equal(
      404,
    );
    expect((await api.get(`/api/v1/reports/${first.id}/duplicates`)).status).to.equal(401);
  });
});
