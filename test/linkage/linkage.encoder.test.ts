import { expect } from 'chai';
import { generateKeyPair, exportJWK } from 'jose';
import {
  ClkEncoder,
  deriveKeys,
  dice,
  DiceKernel,
  encodableFields,
  linkAll,
  linkBlocked,
  openSecret,
  pack,
  personFields,
  popcount,
  REPORT_SCHEMA,
  sealSecret,
  type EncodingSchema,
} from '../../src/features/linkage/index.js';
import { parseFuzzyDate } from '../../src/platform/vocabulary/index.js';

const SECRET = Buffer.alloc(32, 7);
const person = {
  names: [{ value: 'يوهانس', latin: 'Yohannes' }, { value: 'Haile' }],
  sex: 'male',
  dateOfBirth: parseFuzzyDate('1998-04')!,
  nationalities: ['ER'],
  placeOfBirth: { place: 'Keren', country: 'ER' },
};

function encoder(agreementId: string, version = 1, schema: EncodingSchema = REPORT_SCHEMA) {
  return new ClkEncoder(
    schema,
    deriveKeys(SECRET, { agreementId, secretVersion: version }, schema),
  );
}

/** Share of the 1,024 positions where two encodings agree. */
function agreement(a: Uint8Array, b: Uint8Array): number {
  let same = 0;
  for (let i = 0; i < 1024; i++) {
    same += ((a[i >> 3]! >> (i & 7)) & 1) === ((b[i >> 3]! >> (i & 7)) & 1) ? 1 : 0;
  }
  return same / 1024;
}

describe('linkage encoder', () => {
  it('gives the same encoding for the same input and key, and 1,024 bits', () => {
    const x = encoder('agr-1').encode(personFields(person));
    const y = encoder('agr-1').encode(personFields(person));
    expect(x.length).to.equal(128);
    expect(Buffer.from(x).equals(Buffer.from(y))).to.equal(true);
    expect(popcount(x)).to.be.within(100, 700);
  });

  it('the cache of token positions changes nothing', () => {
    const warm = encoder('agr-1');
    const cold = encoder('agr-1');
    cold.cacheTokens = false;
    warm.encode(personFields(person));
    expect(
      Buffer.from(warm.encode(personFields(person))).equals(
        Buffer.from(cold.encode(personFields(person))),
      ),
    ).to.equal(true);
  });

  it('gives unrelated encodings under two agreements (or two versions of one secret)', () => {
    const f = personFields(person);
    const a = encoder('agr-1').encode(f);
    const b = encoder('agr-2').encode(f);
    const c = encoder('agr-1', 2).encode(f);
    // Same person, same secret bytes: similarity falls to what two unrelated filters share.
    const unrelated = encoder('agr-1').encode(
      personFields({
        ...person,
        names: [{ value: 'Amina' }, { value: 'Diallo' }],
        dateOfBirth: parseFuzzyDate('1975')!,
      }),
    );
    expect(dice(a, b)).to.be.below(0.5);
    expect(dice(a, c)).to.be.below(0.5);
    expect(Math.abs(dice(a, b) - dice(a, unrelated))).to.be.below(0.2);
    expect(agreement(a, b)).to.be.below(0.75);
    // Under one agreement the same person in another script still matches.
    const other = encoder('agr-1').encode(
      personFields({
        ...person,
        names: [{ value: 'Yohanes' }, { value: 'Hailé' }],
        placeOfBirth: undefined,
      }),
    );
    expect(dice(a, other)).to.be.above(0.75);
  });

  it('the wasm kernels agree with the reference Dice, scalar and SIMD', () => {
    const enc = encoder('agr-1');
    const names = [
      'Amina Diallo',
      'Aminata Diallo',
      'Mohamed Ali',
      'محمد علي',
      'Yonas Haile',
      'ዮናስ ኃይሌ',
    ];
    const encs = names.map((n) =>
      enc.encode(personFields({ names: [{ value: n }], sex: 'female' })),
    );
    for (const simd of [false, true]) {
      const k = new DiceKernel(simd);
      k.load(pack(encs), pack(encs));
      const r = k.block(0);
      expect(r.passed).to.equal(36);
      // An odd number of B filters (the scalar kernel takes them two at a time).
      expect(k.block(0, 0, 6, 0, 5).passed).to.equal(30);
      expect(k.block(0.99, 0, 6, 1, 6).pairs.map((p) => [p.a, p.b])).to.deep.equal([
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
        [5, 5],
      ]);
      for (const p of r.pairs) {
        expect(p.score).to.be.closeTo(dice(encs[p.a]!, encs[p.b]!), 1e-12);
      }
      const listed = k.pairs(new Uint32Array([2, 3, 4, 5]), 0.5);
      expect(listed.map((p) => [p.a, p.b])).to.deep.equal([
        [2, 3],
        [4, 5],
      ]);
    }
  });

  it('blocking keeps the pairs an exhaustive comparison finds', () => {
    const enc = encoder('agr-1');
    const given = ['amina', 'yonas', 'mohamed', 'fatima', 'ibrahim', 'tesfaye', 'mariam', 'omar'];
    const family = ['diallo', 'haile', 'ali', 'hassan', 'traore', 'kidane', 'osman', 'keita'];
    const a: Uint8Array[] = [];
    const b: Uint8Array[] = [];
    for (const g of given) {
      for (const f of family) {
        a.push(enc.encode(personFields({ names: [{ value: `${g} ${f}` }], sex: 'male' })));
        b.push(enc.encode(personFields({ names: [{ value: `${g}e ${f}` }], sex: 'male' })));
      }
    }
    const pa = pack(a);
    const pb = pack(b);
    const all = linkAll(pa, pb, 0.8);
    const blocked = linkBlocked(pa, pb, 0.8, { bands: 64, bitsPerBand: 12, seed: 1 });
    const key = (p: { a: number; b: number }) => `${p.a}:${p.b}`;
    expect(all.pairs.length).to.be.greaterThan(60);
    expect(new Set(blocked.pairs.map(key))).to.deep.equal(new Set(all.pairs.map(key)));
  });

  it('refuses to encode a report without cross-border consent or once closed', () => {
    const report = (crossBorder: string, status = 'under_search') =>
      ({
        id: 'r',
        status,
        closedAt: null,
        legalBasis: 'consent',
        createdAt: new Date(),
        person: { names: [{ value: 'Amina' }] },
        consent: { crossBorderMatching: { status: crossBorder } },
      }) as unknown as Parameters<typeof encodableFields>[0];
    expect(encodableFields(report('granted')).name).to.include('amina');
    expect(() => encodableFields(report('refused'))).to.throw(/consent/);
    expect(() => encodableFields(report('withdrawn'))).to.throw(/consent/);
    expect(() => encodableFields(report('granted', 'closed'))).to.throw(/closed/);
  });

  it('seals a linkage secret for one member only (JWE), scope in the protected header', async () => {
    const to = await generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519' });
    const other = await generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519' });
    const jwe = await sealSecret(
      SECRET,
      { agreementId: 'agr-1', secretVersion: 3 },
      await exportJWK(to.publicKey),
    );
    expect(jwe).to.not.include(SECRET.toString('base64url'));
    const opened = await openSecret(jwe, to.privateKey);
    expect(opened.secret.equals(SECRET)).to.equal(true);
    expect(opened.scope).to.deep.equal({ agreementId: 'agr-1', secretVersion: 3 });
    let failed = false;
    try {
      await openSecret(jwe, other.privateKey);
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
  });
});
