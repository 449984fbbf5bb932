// The WebAssembly Dice kernels on 1,024-bit filters (16 u64 words; popcounts computed at encode
// time and stored beside the filters), assembled by linkage.wasm.asm.ts:
//   block(a, na, b, nb, pca, pcb, thr, out, maxOut) → count   one query after another against a
//                                                            block of B (every pair of two sets)
//   pairs(a, b, pca, pcb, pairs, n, thr, out)         → count   listed candidate pairs (blocking)
// each in a scalar form (i64.and + i64.popcnt, which V8 lowers to the CPU's POPCNT) and a SIMD form
// (v128.and + i8x16.popcnt, which V8 lowers to a PSHUFB nibble lookup). A pair passes when
// 2000·|A∧B| ≥ thr·(|A| + |B|), i.e. Dice ≥ thr/1000; only passes are written: block writes
// (i, j, |A∧B|) as three i32, pairs writes (k, |A∧B|) as two. ADR 0132 gives the measurements.
import {
  OP,
  SIMD,
  T,
  addTo,
  assemble,
  get,
  i32c,
  i64c,
  ifThen,
  load32,
  load64,
  loadV,
  passes,
  set,
  shuffle32,
  simd,
  whileLoop,
  writeHit,
  type AsmFunction,
} from './linkage.wasm.asm.js';

/** Allocates locals after the parameters; `decl` is the function's locals declaration. */
function frame(params: number) {
  let next = params;
  const decl: [number, number][] = [];
  return {
    decl,
    take(type: number, n = 1): number {
      decl.push([n, type]);
      next += n;
      return next - n;
    },
  };
}

const times = <X>(n: number, f: (k: number) => X): X[] => Array.from({ length: n }, (_, k) => f(k));
/** address + index·2^shift */
const at = (base: number[], index: number[], shift: number) => [
  ...base,
  ...index,
  ...i32c(shift),
  OP.i32Shl,
  OP.i32Add,
];

/**
 * |A∧B_k| for the filters at pa and pb + 128·k (k < accs.length), summed into the i64 locals accs:
 * each word of A is loaded once and feeds every B. Every two words a test that cannot pass
 * (a sum above 4,096) traps: without it V8's TurboFan schedules all the step's loads before any
 * arithmetic and spills them to the stack; the test pins each chunk's arithmetic before the next
 * chunk's loads (1.4× on the block kernel, ADR 0132).
 */
function scalarIntersections(pa: number, pb: number, accs: number[], word: number): number[] {
  const code: number[] = [];
  for (let w = 0; w < 16; w++) {
    code.push(...get(pa), ...load64(8 * w), ...set(word));
    accs.forEach((acc, k) => {
      code.push(...get(word), ...get(pb), ...load64(128 * k + 8 * w), OP.i64And, OP.i64Popcnt);
      code.push(...(w > 0 ? [...get(acc), OP.i64Add] : []), ...set(acc));
    });
    if (w % 2 === 1 && w < 15) {
      const any = accs.flatMap((acc, k) => [...get(acc), ...(k > 0 ? [OP.i64Or] : [])]);
      code.push(...ifThen([...any, ...i64c(4096), OP.i64GtU], [OP.unreachable]));
    }
  }
  return code;
}

/** |A∧B| of the filters at pa and pb as i32 on the stack: eight v128 lanes, byte counts summed. */
function simdIntersection(pa: number, pb: number, scratch: number): number[] {
  const code: number[] = [];
  for (let v = 0; v < 8; v++) {
    code.push(...get(pa), ...loadV(16 * v), ...get(pb), ...loadV(16 * v));
    code.push(...simd(SIMD.and), ...simd(SIMD.i8x16Popcnt), ...(v > 0 ? simd(SIMD.i8x16Add) : []));
  }
  code.push(...simd(SIMD.i16x8ExtaddU), ...simd(SIMD.i32x4ExtaddU), ...set(scratch));
  for (let lane = 0; lane < 4; lane++) {
    code.push(...get(scratch), ...simd(SIMD.i32x4ExtractLane), lane);
    code.push(...(lane > 0 ? [OP.i32Add] : []));
  }
  return code;
}

/** Block kernel: `step` compares A_i with `width` filters of B from j on, leaving inters set. */
function blockKernel(
  name: string,
  width: number,
  build: (
    f: ReturnType<typeof frame>,
    r: { pa: number; pb: number },
  ) => { perRow: number[]; step: number[]; inters: number[] },
): AsmFunction {
  // params: 0 a, 1 na, 2 b, 3 nb, 4 pca, 5 pcb, 6 thr, 7 out, 8 maxOut
  const f = frame(9);
  const [i, j, jk, pa, pb, ca, count, addr, inter] = times(9, () => f.take(T.i32));
  const [acc, word] = [f.take(T.i64), f.take(T.i64)];
  const { perRow, step, inters } = build(f, { pa: pa!, pb: pb! });
  const check = (x: number, jAt: number) =>
    ifThen(
      passes(get(x), get(6), get(ca!), [...at(get(5), get(jAt), 2), ...load32()]),
      writeHit(count!, get(8), get(7), addr!, [get(i!), get(jAt), get(x)]),
    );
  const setPb = [...at(get(2), get(j!), 7), ...set(pb!)];
  const mainStep = [
    ...setPb,
    ...step,
    ...inters.flatMap((x, k) => [...get(j!), ...i32c(k), OP.i32Add, ...set(jk!), ...check(x, jk!)]),
    ...addTo(j!, i32c(width)),
  ];
  // An odd end of B goes one filter at a time.
  const tailStep = [
    ...setPb,
    ...scalarIntersections(pa!, pb!, [acc], word),
    ...get(acc),
    OP.i32WrapI64,
    ...set(inter!),
    ...check(inter!, j!),
    ...addTo(j!, i32c(1)),
  ];
  const row = [
    ...at(get(0), get(i!), 7),
    ...set(pa!),
    ...at(get(4), get(i!), 2),
    ...load32(),
    ...set(ca!),
    ...perRow,
    ...i32c(0),
    ...set(j!),
    ...whileLoop([...get(j!), ...i32c(width), OP.i32Add, ...get(3), OP.i32GtU], mainStep),
    ...whileLoop([...get(j!), ...get(3), OP.i32GeU], tailStep),
    ...addTo(i!, i32c(1)),
  ];
  const body = [
    ...i32c(0),
    ...set(count!),
    ...i32c(0),
    ...set(i!),
    ...whileLoop([...get(i!), ...get(1), OP.i32GeU], row),
    ...get(count!),
  ];
  return { name, params: 9, locals: f.decl, body };
}

/** Scalar block kernel: two B filters per step, sharing each loaded word of A. */
const blockScalar = blockKernel('block', 2, (f, { pa, pb }) => {
  const accs = [f.take(T.i64), f.take(T.i64)];
  const word = f.take(T.i64);
  const inters = [f.take(T.i32), f.take(T.i32)];
  const step = [
    ...scalarIntersections(pa, pb, accs, word),
    ...accs.flatMap((acc, k) => [...get(acc), OP.i32WrapI64, ...set(inters[k]!)]),
  ];
  return { perRow: [], step, inters };
});

/**
 * SIMD block kernel: A's eight v128 lanes kept in locals for the row, four B filters per step,
 * their byte counts reduced together into one i32x4 of four intersections.
 */
const blockSimd = blockKernel('blockSimd', 4, (f, { pa, pb }) => {
  const av = times(8, () => f.take(T.v128));
  const counts = times(4, () => f.take(T.v128));
  const [lo, hi] = [f.take(T.v128), f.take(T.v128)];
  const inters = times(4, () => f.take(T.i32));
  const perRow = av.flatMap((x, v) => [...get(pa), ...loadV(16 * v), ...set(x)]);
  const step: number[] = [];
  counts.forEach((c, k) => {
    av.forEach((x, v) => {
      step.push(...get(x), ...get(pb), ...loadV(128 * k + 16 * v), ...simd(SIMD.and));
      step.push(...simd(SIMD.i8x16Popcnt), ...(v > 0 ? simd(SIMD.i8x16Add) : []));
    });
    step.push(...simd(SIMD.i16x8ExtaddU), ...set(c));
  });
  // (c0, c1) → lo = [c0, c0, c1, c1] partial sums; (c2, c3) → hi; then the four totals.
  for (const [x, y, dst] of [
    [counts[0]!, counts[1]!, lo],
    [counts[2]!, counts[3]!, hi],
  ] as const) {
    step.push(...get(x), ...get(y), ...shuffle32([0, 1, 4, 5]));
    step.push(...get(x), ...get(y), ...shuffle32([2, 3, 6, 7]), ...simd(SIMD.i16x8Add));
    step.push(...simd(SIMD.i32x4ExtaddU), ...set(dst));
  }
  step.push(...get(lo), ...get(hi), ...shuffle32([0, 2, 4, 6]));
  step.push(...get(lo), ...get(hi), ...shuffle32([1, 3, 5, 7]), ...simd(SIMD.i32x4Add));
  step.push(...set(lo));
  inters.forEach((x, k) => step.push(...get(lo), ...simd(SIMD.i32x4ExtractLane), k, ...set(x)));
  return { perRow, step, inters };
});

/** Pairs kernel: the listed candidate pairs (ia, ib as two i32 each), one at a time. */
function pairsKernel(name: string, useSimd: boolean): AsmFunction {
  // params: 0 a, 1 b, 2 pca, 3 pcb, 4 pairs, 5 n, 6 thr, 7 out
  const f = frame(8);
  const [k, ia, ib, pa, pb, inter, count, addr] = times(8, () => f.take(T.i32));
  const [acc, word, scratch] = [f.take(T.i64), f.take(T.i64), f.take(T.v128)];
  const intersection = useSimd
    ? simdIntersection(pa!, pb!, scratch)
    : [...scalarIntersections(pa!, pb!, [acc], word), ...get(acc), OP.i32WrapI64];
  const step = [
    ...at(get(4), get(k!), 3),
    ...set(addr!),
    ...get(addr!),
    ...load32(0),
    ...set(ia!),
    ...get(addr!),
    ...load32(4),
    ...set(ib!),
    ...at(get(0), get(ia!), 7),
    ...set(pa!),
    ...at(get(1), get(ib!), 7),
    ...set(pb!),
    ...intersection,
    ...set(inter!),
    ...ifThen(
      passes(
        get(inter!),
        get(6),
        [...at(get(2), get(ia!), 2), ...load32()],
        [...at(get(3), get(ib!), 2), ...load32()],
      ),
      writeHit(count!, get(5), get(7), addr!, [get(k!), get(inter!)]),
    ),
    ...addTo(k!, i32c(1)),
  ];
  const body = [
    ...i32c(0),
    ...set(count!),
    ...i32c(0),
    ...set(k!),
    ...whileLoop([...get(k!), ...get(5), OP.i32GeU], step),
    ...get(count!),
  ];
  return { name, params: 8, locals: f.decl, body };
}

/** The module's bytes: exports memory, block, blockSimd, pairs and pairsSimd. */
export function diceModuleBytes(): Uint8Array<ArrayBuffer> {
  return assemble([
    blockScalar,
    blockSimd,
    pairsKernel('pairs', false),
    pairsKernel('pairsSimd', true),
  ]);
}
