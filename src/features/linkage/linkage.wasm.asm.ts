// A tiny WebAssembly assembler for the Dice kernels of linkage.wasm.ts: opcodes, LEB128, the
// module's sections, and the code shared by every kernel (the threshold test and the hit write).
// No toolchain at build or run time, so every instruction the kernels run is visible in the source.

/** Value types. */
export const T = { i32: 0x7f, i64: 0x7e, v128: 0x7b } as const;
const VOID = 0x40;

/** Core opcodes used by the kernels. */
export const OP = {
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  i32Load: 0x28,
  i64Load: 0x29,
  i32Store: 0x36,
  i64Const: 0x42,
  i32LtU: 0x49,
  i32GtU: 0x4b,
  i32GeU: 0x4f,
  i64GtU: 0x56,
  i32Add: 0x6a,
  i32Mul: 0x6c,
  i32Shl: 0x74,
  i64Popcnt: 0x7b,
  i64Add: 0x7c,
  i64And: 0x83,
  i64Or: 0x84,
  i32WrapI64: 0xa7,
} as const;

/** SIMD opcodes (after the 0xfd prefix). */
export const SIMD = {
  load: 0x00,
  shuffle: 0x0d,
  i32x4ExtractLane: 0x1b,
  and: 0x4e,
  i8x16Popcnt: 0x62,
  i8x16Add: 0x6e,
  i16x8ExtaddU: 0x7d,
  i32x4ExtaddU: 0x7f,
  i16x8Add: 0x8e,
  i32x4Add: 0xae,
} as const;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
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
export function sleb(n: number): number[] {
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

/** A vector of items (count first). */
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const str = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'ascii')];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

/** local.get / local.set. */
export const get = (i: number): number[] => [0x20, ...uleb(i)];
export const set = (i: number): number[] => [0x21, ...uleb(i)];
/** i32.const / i64.const. */
export const i32c = (n: number): number[] => [0x41, ...sleb(n)];
export const i64c = (n: number): number[] => [OP.i64Const, ...sleb(n)];
/** Loads and stores with a constant offset. */
export const load32 = (offset = 0): number[] => [OP.i32Load, 2, ...uleb(offset)];
export const store32 = (offset = 0): number[] => [OP.i32Store, 2, ...uleb(offset)];
export const load64 = (offset = 0): number[] => [OP.i64Load, 3, ...uleb(offset)];
/** A SIMD instruction; v128.load with its offset; i8x16.shuffle picking 32-bit lanes (0–7). */
export const simd = (op: number): number[] => [0xfd, ...uleb(op)];
export const loadV = (offset = 0): number[] => [...simd(SIMD.load), 4, ...uleb(offset)];
export const shuffle32 = (lanes: number[]): number[] => [
  ...simd(SIMD.shuffle),
  ...lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]),
];

/** `block { loop { if (stop) break; body; continue } }` — a while loop. */
export function whileLoop(stop: number[], body: number[]): number[] {
  return [OP.block, VOID, OP.loop, VOID, ...stop, OP.brIf, 1, ...body, OP.br, 0, OP.end, OP.end];
}

/** `if (cond) { then }`. */
export const ifThen = (cond: number[], then: number[]): number[] => [
  ...cond,
  OP.if,
  VOID,
  ...then,
  OP.end,
];

/** local += n (i32). */
export const addTo = (local: number, n: number[]): number[] => [
  ...get(local),
  ...n,
  OP.i32Add,
  ...set(local),
];

/**
 * Pushes `2000·inter ≥ thr·(pcA + pcB)` as i32 — Dice ≥ thr/1000 tested in integers, no division
 * (inter ≤ 1,024 and the popcount sum ≤ 2,048, so neither product leaves 32 bits).
 */
export function passes(inter: number[], thr: number[], pcA: number[], pcB: number[]): number[] {
  return [
    ...i32c(2000),
    ...inter,
    OP.i32Mul,
    ...thr,
    ...pcA,
    ...pcB,
    OP.i32Add,
    OP.i32Mul,
    OP.i32GeU,
  ];
}

/**
 * Counts a pass and, while fewer than maxOut are written, writes the given i32 values at
 * out + count·4·values.length (the kernels write only hits).
 */
export function writeHit(
  count: number,
  maxOut: number[],
  out: number[],
  addr: number,
  values: number[][],
): number[] {
  const stores = values.flatMap((v, k) => [...get(addr), ...v, ...store32(4 * k)]);
  return [
    ...ifThen(
      [...get(count), ...maxOut, OP.i32LtU],
      [
        ...out,
        ...get(count),
        ...i32c(4 * values.length),
        OP.i32Mul,
        OP.i32Add,
        ...set(addr),
        ...stores,
      ],
    ),
    ...addTo(count, i32c(1)),
  ];
}

/** One exported function: its signature (i32 parameters, one i32 result), locals and body. */
export interface AsmFunction {
  name: string;
  params: number;
  locals: [count: number, type: number][];
  body: number[];
}

/** A module exporting its memory (one page to start) and the given functions. */
export function assemble(functions: AsmFunction[]): Uint8Array<ArrayBuffer> {
  const arities = [...new Set(functions.map((f) => f.params))];
  const types = arities.map((n) => [
    0x60,
    ...vec(Array.from({ length: n }, () => [T.i32])),
    ...vec([[T.i32]]),
  ]);
  const codes = functions.map((f) => {
    const code = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.body, OP.end];
    return [...uleb(code.length), ...code];
  });
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(3, vec(functions.map((f) => uleb(arities.indexOf(f.params))))),
    ...section(5, vec([[0x00, ...uleb(1)]])),
    ...section(
      7,
      vec([
        [...str('memory'), 0x02, 0],
        ...functions.map((f, k) => [...str(f.name), 0x00, ...uleb(k)]),
      ]),
    ),
    ...section(10, vec(codes)),
  ];
  return Uint8Array.from(bytes);
}
