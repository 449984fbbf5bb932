import { expect } from 'chai';
import { DiceKernel, nativeDice, pack } from '../../src/features/linkage/index.js';

/** Two small sets of filters with a few bits each. */
function sets() {
  const f = (n: number, bit: number) =>
    Array.from({ length: n }, (_, i) => {
      const x = new Uint8Array(128);
      x[(bit + i) % 128] = 0xff;
      x[0] = 0x0f;
      return x;
    });
  return { a: pack(f(5, 3)), b: pack(f(9, 4)) };
}

describe('linkage native Dice kernel: argument checks (a bad call throws, nothing out of bounds)', function () {
  before(function () {
    if (!nativeDice()) {
      console.log(
        '    (native Dice kernel not built — npm install builds it; these tests skipped)',
      );
      this.skip();
    }
  });

  it('block: each argument of the wrong type is a TypeError naming it', () => {
    const n = nativeDice()!;
    const { a, b } = sets();
    const out = new Uint32Array(300);
    const call =
      (...args: unknown[]) =>
      () =>
        (n.block as (...x: unknown[]) => number)(...args);
    expect(call(a.bytes, a.popcounts, b.bytes, b.popcounts, 0, 5, 0, 9, 800)).to.throw(TypeError);
    expect(call([1], a.popcounts, b.bytes, b.popcounts, 0, 5, 0, 9, 800, out)).to.throw(
      TypeError,
      /filters must be a Uint8Array/,
    );
    expect(call(a.bytes, new Int32Array(5), b.bytes, b.popcounts, 0, 5, 0, 9, 800, out)).to.throw(
      TypeError,
      /popcounts must be a Uint32Array/,
    );
    expect(
      call(a.bytes, a.popcounts, b.bytes, b.popcounts, 0, 5, 0, 9, 800, new Int32Array(9)),
    ).to.throw(TypeError, /out must be a Uint32Array/);
    expect(call(a.bytes, a.popcounts, b.bytes, b.popcounts, '0', 5, 0, 9, 800, out)).to.throw(
      RangeError,
    );
  });

  it('block: ranges past the sets, short popcounts, partial or unaligned filters are refused', () => {
    const n = nativeDice()!;
    const { a, b } = sets();
    const out = new Uint32Array(300);
    const ok = n.block(a.bytes, a.popcounts, b.bytes, b.popcounts, 0, 5, 0, 9, 0, out);
    expect(ok).to.equal(45);
    const bad: [string, () => number][] = [
      ['aTo past A', () => n.block(a.bytes, a.popcounts, b.bytes, b.popcounts, 0, 6, 0, 9, 0, out)],
      [
        'bTo past B',
        () => n.block(a.bytes, a.popcounts, b.bytes, b.popcounts, 0, 5, 0, 10, 0, out),
      ],
      [
        'from after to',
        () => n.block(a.bytes, a.popcounts, b.bytes, b.popcounts, 3, 2, 0, 9, 0, out),
      ],
      ['negative', () => n.block(a.bytes, a.popcounts, b.bytes, b.popcounts, -1, 2, 0, 9, 0, out)],
      ['fraction', () => n.block(a.bytes, a.popcounts, b.bytes, b.popcounts, 0.5, 2, 0, 9, 0, out)],
      [
        'threshold',
        () => n.block(a.bytes, a.popcounts, b.bytes, b.popcounts, 0, 5, 0, 9, -800, out),
      ],
    ];
    for (const [what, f] of bad) {
      expect(f, what).to.throw(RangeError);
    }
    const short = a.popcounts.subarray(0, 4);
    expect(() => n.block(a.bytes, short, b.bytes, b.popcounts, 0, 5, 0, 9, 0, out)).to.throw(
      TypeError,
      /one entry per filter/,
    );
    expect(() =>
      n.block(a.bytes.subarray(0, 200), a.popcounts, b.bytes, b.popcounts, 0, 1, 0, 9, 0, out),
    ).to.throw(TypeError, /whole number of 128-byte filters/);
    const shifted = new Uint8Array(a.bytes.length + 4).subarray(4);
    expect(() => n.block(shifted, a.popcounts, b.bytes, b.popcounts, 0, 5, 0, 9, 0, out)).to.throw(
      TypeError,
      /8-byte aligned/,
    );
  });

  it('block: a short out buffer is filled up to its length, every pass still counted', () => {
    const n = nativeDice()!;
    const { a, b } = sets();
    const guard = new Uint32Array(30).fill(7);
    const out = guard.subarray(0, 10); // room for 3 passes (9 words), one spare word
    expect(n.block(a.bytes, a.popcounts, b.bytes, b.popcounts, 0, 5, 0, 9, 0, out)).to.equal(45);
    expect(Array.from(guard.subarray(9))).to.deep.equal(new Array(21).fill(7));
  });

  it('pairs: odd candidate lists and indices past either set are refused before any read', () => {
    const n = nativeDice()!;
    const { a, b } = sets();
    const out = new Uint32Array(20);
    const pairs = (c: Uint32Array) => () =>
      n.pairs(a.bytes, a.popcounts, b.bytes, b.popcounts, c, 0, out);
    expect(pairs(Uint32Array.from([0, 0, 4, 8]))()).to.equal(2);
    expect(pairs(Uint32Array.from([0, 0, 1]))).to.throw(TypeError, /pairs/);
    expect(pairs(Uint32Array.from([0, 0, 5, 0]))).to.throw(RangeError, /out of range/);
    expect(pairs(Uint32Array.from([0, 9]))).to.throw(RangeError, /out of range/);
    expect(() =>
      (n.pairs as (...x: unknown[]) => number)(
        a.bytes,
        a.popcounts,
        b.bytes,
        b.popcounts,
        [0, 0],
        0,
        out,
      ),
    ).to.throw(TypeError, /candidates/);
  });

  it('DiceKernel refuses SIMD on the native backend', () => {
    expect(() => new DiceKernel(true, 'native')).to.throw(/WebAssembly only/);
  });
});
