import { expect } from 'chai';
import { DiceKernel, dice, nativeDice, pack } from '../../src/features/linkage/index.js';

/** A seeded generator, so that a failure can be replayed. */
function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

/**
 * Filters around a few random bases, each with its own share of flipped bits, so that Dice spreads
 * from about 0.2 to 1 and every threshold below has passes and failures (none is all zero).
 */
function filters(n: number, rnd: () => number): Uint8Array[] {
  const bases = Array.from({ length: 5 }, () =>
    Uint8Array.from({ length: 128 }, () => {
      let v = 0;
      for (let bit = 0; bit < 8; bit++) {
        v |= (rnd() < 0.35 ? 1 : 0) << bit;
      }
      return v;
    }),
  );
  return Array.from({ length: n }, () => {
    const f = Uint8Array.from(bases[Math.floor(rnd() * bases.length)]!);
    const flips = Math.floor(rnd() * 400);
    for (let k = 0; k < flips; k++) {
      const bit = Math.floor(rnd() * 1024);
      f[bit >> 3]! ^= 1 << (bit & 7);
    }
    f[0]! |= 1;
    return f;
  });
}

/** Plain JS reference: |A∧B| bit by bit, and the kernel's rule 2000·|A∧B| ≥ thr·(|A| + |B|). */
function referenceInter(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let bit = 0; bit < 1024; bit++) {
    n += (a[bit >> 3]! >> (bit & 7)) & (b[bit >> 3]! >> (bit & 7)) & 1;
  }
  return n;
}
const bits = (x: Uint8Array) => referenceInter(x, x);
const passesRef = (a: Uint8Array, b: Uint8Array, threshold: number) =>
  2000 * referenceInter(a, b) >= Math.ceil(threshold * 1000 - 1e-9) * (bits(a) + bits(b));

describe('linkage Dice kernels against a plain JS reference', function () {
  this.timeout(120_000);
  const rnd = xorshift(20261201);
  // Sizes that are not multiples of the kernels' steps (two or four B filters), so the odd
  // tails run too.
  const A = filters(37, rnd);
  const B = filters(43, rnd);
  const thresholds = [0.3, 0.5, 0.575, 0.8, 0.95];

  const kernels = [
    { kind: 'wasm scalar', make: () => new DiceKernel(false, 'wasm') },
    { kind: 'wasm SIMD', make: () => new DiceKernel(true) },
    { kind: 'native', make: () => new DiceKernel(false, 'native') },
  ];
  for (const { kind, make } of kernels) {
    const needs = function (this: Mocha.Context) {
      if (kind === 'native' && !nativeDice()) {
        console.log(
          '    (native Dice kernel not built — npm install builds it; its tests skipped)',
        );
        this.skip();
      }
    };

    it(`${kind} block: exactly the reference's pairs, with exact scores, on every range`, function () {
      needs.call(this);
      const k = make();
      k.load(pack(A), pack(B));
      const ranges = [
        [0, 37, 0, 43],
        [3, 20, 5, 6],
        [0, 37, 1, 4],
        [36, 37, 0, 43],
        [10, 11, 7, 10],
      ] as const;
      let total = 0;
      for (const t of thresholds) {
        for (const [aFrom, aTo, bFrom, bTo] of ranges) {
          const want: string[] = [];
          for (let i = aFrom; i < aTo; i++) {
            for (let j = bFrom; j < bTo; j++) {
              if (passesRef(A[i]!, B[j]!, t)) {
                want.push(`${i},${j}`);
              }
            }
          }
          const r = k.block(t, aFrom, aTo, bFrom, bTo);
          expect(r.passed, `${t} ${aFrom}-${aTo} × ${bFrom}-${bTo}`).to.equal(want.length);
          expect(r.pairs.map((p) => `${p.a},${p.b}`)).to.deep.equal(want);
          for (const p of r.pairs) {
            expect(p.score).to.equal(dice(A[p.a]!, B[p.b]!));
          }
          total += want.length;
        }
      }
      // The filters do spread: some pairs pass, most do not.
      expect(total).to.be.within(100, 0.9 * thresholds.length * 37 * 43);
    });

    it(`${kind} block: past maxOut it counts every pass but writes only the first maxOut`, function () {
      needs.call(this);
      const k = make();
      k.load(pack(A), pack(B));
      const all = k.block(0.3);
      const cut = k.block(0.3, 0, 37, 0, 43, 10);
      expect(all.passed).to.be.above(10);
      expect(cut.passed).to.equal(all.passed);
      expect(cut.pairs).to.deep.equal(all.pairs.slice(0, 10));
    });

    it(`${kind} pairs: the listed candidates that pass, in order`, function () {
      needs.call(this);
      const k = make();
      k.load(pack(A), pack(B));
      const list: number[] = [];
      for (let n = 0; n < 500; n++) {
        list.push(Math.floor(rnd() * 37), Math.floor(rnd() * 43));
      }
      for (const t of thresholds) {
        const want: string[] = [];
        for (let n = 0; n < list.length; n += 2) {
          if (passesRef(A[list[n]!]!, B[list[n + 1]!]!, t)) {
            want.push(`${list[n]},${list[n + 1]}`);
          }
        }
        const got = k.pairs(Uint32Array.from(list), t);
        expect(got.map((p) => `${p.a},${p.b}`)).to.deep.equal(want);
        for (const p of got) {
          expect(p.score).to.equal(dice(A[p.a]!, B[p.b]!));
        }
      }
    });
  }

  it('a threshold exactly at a pair’s Dice lets it pass (integer test, no rounding)', () => {
    // |A| = 8, |B| = 8, |A∧B| = 6: Dice is exactly 0.75.
    const a = new Uint8Array(128);
    const b = new Uint8Array(128);
    a[0] = 0xff;
    b[0] = 0x3f;
    b[1] = 0x03;
    for (const { make, kind } of kernels) {
      if (kind === 'native' && !nativeDice()) {
        continue;
      }
      const k = make();
      k.load(pack([a]), pack([b]));
      expect(k.block(0.75).passed).to.equal(1);
      expect(k.block(0.751).passed).to.equal(0);
      expect(k.pairs(Uint32Array.from([0, 0]), 0.75)).to.have.length(1);
    }
  });
});
