// A hand-assembled WebAssembly module for Dice similarity on 1,024-bit filters. The bytes are
// emitted here by a tiny assembler (no toolchain at build or run time), so every instruction is
// visible. Two kernels, each in a scalar form (i64.popcnt on 16 words, unrolled; V8 lowers it to
// the CPU's POPCNT) and a SIMD form (v128.and + i8x16.popcnt, byte lanes summed once per pair):
//   block(a, na, b, nb, pca, pcb, thr, out, maxOut) → count   every pair of two contiguous sets
//   pairs(a, b, pca, pcb, pairs, n, thr, out)         → count   listed candidate pairs (blocking)
// A pair passes when 2000·|A∧B| ≥ thr·(|A| + |B|), i.e. Dice ≥ thr/1000; popcounts are given.
// block writes (i, j, |A∧B|) as three i32 per pass, pairs writes (k, |A∧B|) as two i32.

const I32 = 0x7f;
const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  get: 0x20,
  set: 0x21,
  i32Load: 0x28,
  i64Load: 0x29,
  i32Store: 0x36,
  i32Const: 0x41,
  i64Const: 0x42,
  i32GeU: 0x4f,
  i32LtU: 0x49,
  i32GtU: 0x4b,
  i32Add: 0x6a,
  i32Mul: 0x6c,
  i32Shl: 0x74,
  i64Popcnt: 0x7b,
  i64Add: 0x7c,
  i64And: 0x83,
  i32WrapI64: 0xa7,
  simd: 0xfd,
} as const;
const SIMD = {
  load: 0x00,
  and: 0x4e,
  i8x16Popcnt: 0x62,
  i8x16Add: 0x6e,
  i16x8ExtaddU: 0x7d,
  i32x4ExtaddU: 0x7f,
  i32x4ExtractLane: 0x1b,
} as const;
const VOID = 0x40;

/** Unsigned LEB128. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) {
      byte |= 0x80;
    }
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (small constants only). */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const str = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'ascii')];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const get = (i: number) => [OP.get, ...uleb(i)];
const set = (i: number) => [OP.set, ...uleb(i)];
const i32c = (n: number) => [OP.i32Const, ...sleb(n)];
const load32 = (offset = 0) => [OP.i32Load, 2, ...uleb(offset)];
const store32 = (offset = 0) => [OP.i32Store, 2, ...uleb(offset)];

/** |A∧B| of the filters at the addresses in locals pa and pb, left on the stack as i32. */
function intersection(pa: number, pb: number, simd: boolean): number[] {
  const code: number[] = [];
  if (!simd) {
    for (let w = 0; w < 16; w++) {
      code.push(...get(pa), OP.i64Load, 3, ...uleb(w * 8));
      code.push(...get(pb), OP.i64Load, 3, ...uleb(w * 8));
      code.push(OP.i64And, OP.i64Popcnt);
      if (w > 0) {
        code.push(OP.i64Add);
      }
    }
    code.push(OP.i32WrapI64);
    return code;
  }
  // Eight 128-bit lanes; per-byte counts stay ≤ 64, so byte adds cannot overflow.
  for (let v = 0; v < 8; v++) {
    code.push(...get(pa), OP.simd, ...uleb(SIMD.load), 4, ...uleb(v * 16));
    code.push(...get(pb), OP.simd, ...uleb(SIMD.load), 4, ...uleb(v * 16));
    code.push(OP.simd, ...uleb(SIMD.and), OP.simd, ...uleb(SIMD.i8x16Popcnt));
    if (v > 0) {
      code.push(OP.simd, ...uleb(SIMD.i8x16Add));
    }
  }
  code.push(OP.simd, ...uleb(SIMD.i16x8ExtaddU), OP.simd, ...uleb(SIMD.i32x4ExtaddU));
  // Sum the four i32 lanes: keep the vector in a local (index 15, type v128).
  code.push(OP.set, 15);
  for (let lane = 0; lane < 4; lane++) {
    code.push(OP.get, 15, OP.simd, ...uleb(SIMD.i32x4ExtractLane), lane);
    if (lane > 0) {
      code.push(OP.i32Add);
    }
  }
  return code;
}

/** Pushes `2000·inter ≥ thr·(pcA + pcB)` (locals) as i32. */
function passes(inter: number, thr: number, pcA: number[], pcB: number[]): number[] {
  return [
    ...i32c(2000),
    ...get(inter),
    OP.i32Mul,
    ...get(thr),
    ...pcA,
    ...pcB,
    OP.i32Add,
    OP.i32Mul,
    OP.i32GeU,
  ];
}

function blockKernel(simd: boolean): number[] {
  // params 0 a, 1 na, 2 b, 3 nb, 4 pca, 5 pcb, 6 thr, 7 out, 8 maxOut; locals 9 i, 10 j, 11 pa,
  // 12 pb, 13 ca, 14 inter, 15 (v128 scratch, SIMD only) / count kept in 16.
  const [i, j, pa, pb, ca, inter, count] = [9, 10, 11, 12, 13, 14, 16];
  const body = [
    ...i32c(0),
    ...set(count),
    ...i32c(0),
    ...set(i),
    OP.block,
    VOID,
    OP.loop,
    VOID,
    ...get(i),
    ...get(1),
    OP.i32GeU,
    OP.brIf,
    1,
    ...get(0),
    ...get(i),
    ...i32c(7),
    OP.i32Shl,
    OP.i32Add,
    ...set(pa),
    ...get(4),
    ...get(i),
    ...i32c(2),
    OP.i32Shl,
    OP.i32Add,
    ...load32(),
    ...set(ca),
    ...i32c(0),
    ...set(j),
    OP.block,
    VOID,
    OP.loop,
    VOID,
    ...get(j),
    ...get(3),
    OP.i32GeU,
    OP.brIf,
    1,
    ...get(2),
    ...get(j),
    ...i32c(7),
    OP.i32Shl,
    OP.i32Add,
    ...set(pb),
    ...intersection(pa, pb, simd),
    ...set(inter),
    ...passes(inter, 6, get(ca), [
      ...get(5),
      ...get(j),
      ...i32c(2),
      OP.i32Shl,
      OP.i32Add,
      ...load32(),
    ]),
    OP.if,
    VOID,
    ...get(count),
    ...get(8),
    OP.i32LtU,
    OP.if,
    VOID,
    // out + count·12 ← i, j, inter
    ...get(7),
    ...get(count),
    ...i32c(12),
    OP.i32Mul,
    OP.i32Add,
    ...set(pb),
    ...get(pb),
    ...get(i),
    ...store32(0),
    ...get(pb),
    ...get(j),
    ...store32(4),
    ...get(pb),
    ...get(inter),
    ...store32(8),
    OP.end,
    ...get(count),
    ...i32c(1),
    OP.i32Add,
    ...set(count),
    OP.end,
    ...get(j),
    ...i32c(1),
    OP.i32Add,
    ...set(j),
    OP.br,
    0,
    OP.end,
    OP.end,
    ...get(i),
    ...i32c(1),
    OP.i32Add,
    ...set(i),
    OP.br,
    0,
    OP.end,
    OP.end,
    ...get(count),
    OP.end,
  ];
  // locals: 6 i32 (9–14), 1 v128 (15), 1 i32 (16)
  const locals = vec([
    [6, I32],
    [1, 0x7b],
    [1, I32],
  ]);
  return [...locals, ...body];
}

function pairsKernel(simd: boolean): number[] {
  // params 0 a, 1 b, 2 pca, 3 pcb, 4 pairs, 5 n, 6 thr, 7 out; locals 8 k, 9 ia, 10 ib, 11 pa,
  // 12 pb, 13 inter, 14 count, 15 v128 scratch.
  const [k, ia, ib, pa, pb, inter, count] = [8, 9, 10, 11, 12, 13, 14];
  const body = [
    ...i32c(0),
    ...set(count),
    ...i32c(0),
    ...set(k),
    OP.block,
    VOID,
    OP.loop,
    VOID,
    ...get(k),
    ...get(5),
    OP.i32GeU,
    OP.brIf,
    1,
    ...get(4),
    ...get(k),
    ...i32c(3),
    OP.i32Shl,
    OP.i32Add,
    ...set(pb),
    ...get(pb),
    ...load32(0),
    ...set(ia),
    ...get(pb),
    ...load32(4),
    ...set(ib),
    ...get(0),
    ...get(ia),
    ...i32c(7),
    OP.i32Shl,
    OP.i32Add,
    ...set(pa),
    ...get(1),
    ...get(ib),
    ...i32c(7),
    OP.i32Shl,
    OP.i32Add,
    ...set(pb),
    ...intersection(pa, pb, simd),
    ...set(inter),
    ...passes(
      inter,
      6,
      [...get(2), ...get(ia), ...i32c(2), OP.i32Shl, OP.i32Add, ...load32()],
      [...get(3), ...get(ib), ...i32c(2), OP.i32Shl, OP.i32Add, ...load32()],
    ),
    OP.if,
    VOID,
    ...get(7),
    ...get(count),
    ...i32c(3),
    OP.i32Shl,
    OP.i32Add,
    ...set(pb),
    ...get(pb),
    ...get(k),
    ...store32(0),
    ...get(pb),
    ...get(inter),
    ...store32(4),
    ...get(count),
    ...i32c(1),
    OP.i32Add,
    ...set(count),
    OP.end,
    ...get(k),
    ...i32c(1),
    OP.i32Add,
    ...set(k),
    OP.br,
    0,
    OP.end,
    OP.end,
    ...get(count),
    OP.end,
  ];
  const locals = vec([
    [7, I32],
    [1, 0x7b],
  ]);
  return [...locals, ...body];
}

/**
 * The scalar block kernel taking two B filters per step: each A word is loaded once and feeds two
 * independent popcount chains (more work in flight per cycle); an odd last B goes alone.
 */
function blockKernel2(): number[] {
  // params 0 a, 1 na, 2 b, 3 nb, 4 pca, 5 pcb, 6 thr, 7 out, 8 maxOut; i32 locals 9 i, 10 j,
  // 11 pa, 12 pb, 13 ca, 14 inter, 15 count, 16 jj, 17 inter1, 18 addr; i64 locals 19 A,
  // 20 acc0, 21 acc1.
  const [i, j, pa, pb, ca, inter, count, jj, inter1, addr, A, acc0, acc1] = [
    9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
  ];
  const check = (x: number, at: number) => [
    ...passes(x, 6, get(ca), [
      ...get(5),
      ...get(at),
      ...i32c(2),
      OP.i32Shl,
      OP.i32Add,
      ...load32(),
    ]),
    OP.if,
    VOID,
    ...get(count),
    ...get(8),
    OP.i32LtU,
    OP.if,
    VOID,
    ...get(7),
    ...get(count),
    ...i32c(12),
    OP.i32Mul,
    OP.i32Add,
    ...set(addr),
    ...get(addr),
    ...get(i),
    ...store32(0),
    ...get(addr),
    ...get(at),
    ...store32(4),
    ...get(addr),
    ...get(x),
    ...store32(8),
    OP.end,
    ...get(count),
    ...i32c(1),
    OP.i32Add,
    ...set(count),
    OP.end,
  ];
  const pair: number[] = [OP.i64Const, 0, ...set(acc0), OP.i64Const, 0, ...set(acc1)];
  for (let w = 0; w < 16; w++) {
    pair.push(...get(pa), OP.i64Load, 3, ...uleb(w * 8), ...set(A));
    pair.push(...get(acc0), ...get(A), ...get(pb), OP.i64Load, 3, ...uleb(w * 8));
    pair.push(OP.i64And, OP.i64Popcnt, OP.i64Add, ...set(acc0));
    pair.push(...get(acc1), ...get(A), ...get(pb), OP.i64Load, 3, ...uleb(128 + w * 8));
    pair.push(OP.i64And, OP.i64Popcnt, OP.i64Add, ...set(acc1));
  }
  pair.push(
    ...get(acc0),
    OP.i32WrapI64,
    ...set(inter),
    ...get(acc1),
    OP.i32WrapI64,
    ...set(inter1),
  );
  const pbAt = (at: number) => [
    ...get(2),
    ...get(at),
    ...i32c(7),
    OP.i32Shl,
    OP.i32Add,
    ...set(pb),
  ];
  const body = [
    ...i32c(0),
    ...set(count),
    ...i32c(0),
    ...set(i),
    OP.block,
    VOID,
    OP.loop,
    VOID,
    ...get(i),
    ...get(1),
    OP.i32GeU,
    OP.brIf,
    1,
    ...get(0),
    ...get(i),
    ...i32c(7),
    OP.i32Shl,
    OP.i32Add,
    ...set(pa),
    ...get(4),
    ...get(i),
    ...i32c(2),
    OP.i32Shl,
    OP.i32Add,
    ...load32(),
    ...set(ca),
    ...i32c(0),
    ...set(j),
    OP.block,
    VOID,
    OP.loop,
    VOID,
    // while j + 1 < nb
    ...get(j),
    ...i32c(1),
    OP.i32Add,
    ...get(3),
    OP.i32GeU,
    OP.brIf,
    1,
    ...pbAt(j),
    ...pair,
    ...check(inter, j),
    ...get(j),
    ...i32c(1),
    OP.i32Add,
    ...set(jj),
    ...check(inter1, jj),
    ...get(j),
    ...i32c(2),
    OP.i32Add,
    ...set(j),
    OP.br,
    0,
    OP.end,
    OP.end,
    // an odd last B
    ...get(j),
    ...get(3),
    OP.i32LtU,
    OP.if,
    VOID,
    ...pbAt(j),
    ...intersection(pa, pb, false),
    ...set(inter),
    ...check(inter, j),
    OP.end,
    ...get(i),
    ...i32c(1),
    OP.i32Add,
    ...set(i),
    OP.br,
    0,
    OP.end,
    OP.end,
    ...get(count),
    OP.end,
  ];
  const locals = vec([
    [10, I32],
    [3, 0x7e],
  ]);
  return [...locals, ...body];
}

/** The module's bytes: exports memory, block, pairs, blockSimd, pairsSimd and block2. */
export function diceModuleBytes(): Uint8Array<ArrayBuffer> {
  const blockType = [0x60, ...vec(Array.from({ length: 9 }, () => [I32])), ...vec([[I32]])];
  const pairsType = [0x60, ...vec(Array.from({ length: 8 }, () => [I32])), ...vec([[I32]])];
  const codes = [
    blockKernel(false),
    pairsKernel(false),
    blockKernel(true),
    pairsKernel(true),
    blockKernel2(),
  ];
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec([blockType, pairsType])),
    ...section(3, vec([[0], [1], [0], [1], [0]])),
    ...section(5, vec([[0x00, ...uleb(1)]])),
    ...section(
      7,
      vec([
        [...str('memory'), 0x02, 0],
        [...str('block'), 0x00, 0],
        [...str('pairs'), 0x00, 1],
        [...str('blockSimd'), 0x00, 2],
        [...str('pairsSimd'), 0x00, 3],
        [...str('block2'), 0x00, 4],
      ]),
    ),
    ...section(10, vec(codes.map((c) => [...uleb(c.length), ...c]))),
  ];
  return Uint8Array.from(bytes);
}
