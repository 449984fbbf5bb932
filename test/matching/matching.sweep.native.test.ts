import { expect } from 'chai';
import { createContext, prepareAm, preparePm } from '../../src/features/matching/index.js';
import { compile } from '../../src/features/matching/matching.batch.js';
import { tolerances } from '../../src/features/matching/matching.bounds.js';
import { sweepBounds } from '../../src/features/matching/matching.sweep.js';
import { nativeSweep } from '../../src/features/matching/matching.sweep.native.js';
import { generate } from '../../bench/matching/generator.js';

/** Bounds agree: equal, both NaN, or within the last bits of a logarithm (far below SLACK). */
function same(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b) || Math.abs(a - b) <= 1e-12 * (1 + Math.abs(a));
}

describe('matching: the native sweep against the JavaScript sweep (ADR 0178)', function () {
  before(function () {
    if (!nativeSweep()) {
      console.log('    (native matching sweep not built — npm install builds it; skipped)');
      this.skip();
    }
  });

  for (const profile of ['A', 'B'] as const) {
    it(`gives the same bounds and the same candidate sets, both sides, with and without caps (profile ${profile})`, function () {
      this.timeout(120_000);
      const native = nativeSweep()!;
      const data = generate(31, 600, 600, profile);
      const ams = data.am.map(prepareAm);
      const pms = data.pm.map(preparePm);
      const t = tolerances(createContext());
      const sides = { am: compile('am', ams), pm: compile('pm', pms) };
      const js = new Float64Array(600);
      const nat = new Float64Array(600);
      let pairs = 0;
      let identical = 0;
      let capped = 0;
      for (const [floor, margin] of [
        [-Infinity, Infinity],
        [1, 8],
        [-Infinity, 3],
        // The batch scorer's first pass: every bound capped (a vectorised loop in C).
        [Infinity, Infinity],
      ] as const) {
        for (let i = 0; i < 60; i++) {
          for (const side of ['am', 'pm'] as const) {
            const subject = compile(side, [side === 'am' ? ams[i]! : pms[i]!]);
            const others = side === 'am' ? sides.pm : sides.am;
            // A sub-range as well as the whole side.
            const from = i % 7;
            const to = 600 - (i % 5);
            js.fill(-7);
            nat.fill(-7);
            const bestJs = sweepBounds(subject, others, js, t, 0, from, to, floor, margin);
            const bestNative = native(subject, others, nat, t, 0, from, to, floor, margin);
            expect(same(bestJs, bestNative), `best ${bestJs} vs ${bestNative}`).to.equal(true);
            for (let j = 0; j < 600; j++) {
              expect(same(js[j]!, nat[j]!), `pair ${i}/${j}: ${js[j]} vs ${nat[j]}`).to.equal(true);
              identical += js[j] === nat[j] ? 1 : 0;
              pairs++;
            }
            // Outside [from, to) nothing was written.
            expect(from === 0 || nat[from - 1] === -7).to.equal(true);
            expect(to === 600 || nat[to] === -7).to.equal(true);
            // The candidates of a band (bound at least a cutoff) are the same pairs.
            for (const cutoff of [bestJs - 1, bestJs - 4, 0]) {
              const a = [...js.keys()].filter((j) => js[j]! >= cutoff).join();
              const b = [...nat.keys()].filter((j) => nat[j]! >= cutoff).join();
              expect(b).to.equal(a);
            }
            if (margin !== Infinity) {
              const full = new Float64Array(600);
              sweepBounds(subject, others, full, t, 0, from, to);
              for (let j = from; j < to; j++) {
                capped += nat[j]! > full[j]! + 1e-9 ? 1 : 0;
              }
            }
          }
        }
      }
      expect(pairs).to.equal(4 * 60 * 2 * 600);
      // Most bounds are equal to the last bit; the caps of age and dental were exercised.
      expect(identical).to.be.greaterThan(pairs / 2);
      expect(capped).to.be.greaterThan(100);
    });
  }

  it('over a list of records (a band refined) writes the same bounds as over the whole side, and only there', () => {
    const native = nativeSweep()!;
    const data = generate(33, 300, 300, 'A');
    const pm = compile('pm', data.pm.map(preparePm));
    const t = tolerances(createContext());
    const list = Int32Array.from({ length: 120 }, (_, k) => (k * 7 + 3) % 300);
    for (const sweep of [native, sweepBounds]) {
      for (const am of data.am.slice(0, 20).map(prepareAm)) {
        const subject = compile('am', [am]);
        const whole = new Float64Array(300);
        const listed = new Float64Array(300).fill(-7);
        sweep(subject, pm, whole, t);
        sweep(subject, pm, listed, t, 0, 10, 120, -Infinity, Infinity, list);
        const inList = new Set(list.subarray(10, 120));
        for (let j = 0; j < 300; j++) {
          expect(listed[j]).to.equal(inList.has(j) ? whole[j] : -7);
        }
      }
    }
    const out = new Float64Array(300);
    const subject = compile('am', [prepareAm(data.am[0]!)]);
    expect(() => native(subject, pm, out, t, 0, 0, 2, 0, 0, Int32Array.of(1, 300))).to.throw(
      RangeError,
      /listed record/,
    );
    expect(() => native(subject, pm, out, t, 0, 0, 3, 0, 0, Int32Array.of(1, 2))).to.throw(
      RangeError,
      /beyond the list/,
    );
  });

  it('checks its arguments: a wrong type is a TypeError, a short array or a bad range a RangeError', () => {
    const native = nativeSweep()!;
    const data = generate(32, 20, 20, 'A');
    const pm = compile('pm', data.pm.map(preparePm));
    const am = compile('am', [prepareAm(data.am[0]!)]);
    const t = tolerances(createContext());
    const out = new Float64Array(20);
    expect(native(am, pm, out, t)).to.be.a('number');
    expect(() => native(am, pm, new Float64Array(10), t)).to.throw(RangeError, /out is shorter/);
    expect(() => native(am, pm, out, t, 0, 5, 3)).to.throw(RangeError, /from <= to/);
    expect(() => native(am, pm, out, t, 0, -1, 3)).to.throw(RangeError, /whole numbers/);
    expect(() => native(am, pm, out, t, 0, 0, 21)).to.throw(RangeError);
    const wrongType = { ...pm, sex: new Uint8Array(20) } as unknown as typeof pm;
    expect(() => native(am, wrongType, out, t)).to.throw(TypeError, /wrong type/);
    const short = { ...pm, dental: new Int32Array(5) };
    expect(() => native(am, short, out, t)).to.throw(RangeError, /shorter than to/);
    // out may not share memory with an array the loop reads.
    expect(() => native(am, pm, new Float64Array(pm.ageMin.buffer), t)).to.throw(
      RangeError,
      /overlaps/,
    );
  });
});
