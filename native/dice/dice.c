/* The native Dice kernel (ADR 0133): the same two operations as the WebAssembly kernel of
 * src/features/linkage/linkage.wasm.ts, over typed arrays passed from JS without copying.
 *
 *   block(a, pca, b, pcb, aFrom, aTo, bFrom, bTo, thr, out) → passed
 *       A[aFrom…aTo) × B[bFrom…bTo); each pass writes (i - aFrom, j - bFrom, |A∧B|) into out
 *       (a Uint32Array, up to out.length / 3 passes); returns the number of passes.
 *   pairs(a, pca, b, pcb, candidates, thr, out) → passed
 *       the listed pairs (ia, ib, ia, ib, …); each pass writes (k, |A∧B|) into out (up to
 *       out.length / 2); returns the number of passes.
 *
 * a and b are Uint8Arrays of 128-byte filters (8-byte aligned), pca and pcb Uint32Arrays of their
 * popcounts; a pair passes when 2000·|A∧B| ≥ thr·(|A| + |B|). Every argument is checked (type,
 * length, range, alignment, each candidate index) before any filter is read: a bad call throws. */
#define NAPI_VERSION 8
#include <node_api.h>
#include "napi_args.h"
#include <stdint.h>
#include <string.h>

#define WORDS 16

typedef struct {
  const uint64_t *f;   /* filters */
  const uint32_t *pc;  /* popcounts */
  size_t n;            /* filters */
} set_t;

/* A filter set from (bytes: Uint8Array, popcounts: Uint32Array). */
static const char *get_set(napi_env env, napi_value bytes, napi_value pcs, set_t *s) {
  void *data, *pc;
  size_t len, npc;
  if (!typed(env, bytes, napi_uint8_array, &data, &len)) return "filters must be a Uint8Array";
  if (!typed(env, pcs, napi_uint32_array, &pc, &npc)) return "popcounts must be a Uint32Array";
  if (len % 128 != 0) return "filters must be a whole number of 128-byte filters";
  if (len > 0 && ((uintptr_t)data & 7) != 0) return "filters must be 8-byte aligned";
  if (npc < len / 128) return "popcounts must have one entry per filter";
  s->f = data;
  s->pc = pc;
  s->n = len / 128;
  return NULL;
}

/* A whole number in [0, max]. */
static int get_index(napi_env env, napi_value v, uint32_t max, uint32_t *out) {
  napi_valuetype t;
  double d;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_number) return 0;
  napi_get_value_double(env, v, &d);
  if (!(d >= 0 && d <= (double)max) || d != (double)(uint32_t)d) return 0;
  *out = (uint32_t)d;
  return 1;
}

static napi_value count_value(napi_env env, uint32_t count) {
  napi_value r;
  napi_create_uint32(env, count, &r);
  return r;
}

#define PASSES(INTER, CA, CB) (2000ull * (INTER) >= (uint64_t)thr * ((uint64_t)(CA) + (CB)))
#define HIT(I, J, INTER)                                                   \
  do {                                                                     \
    if (PASSES(INTER, ca, b->pc[(J)])) {                                   \
      if (count < max_out) {                                               \
        out[3 * count] = (I) - a_from;                                     \
        out[3 * count + 1] = (J) - b_from;                                 \
        out[3 * count + 2] = (INTER);                                      \
      }                                                                    \
      count++;                                                             \
    }                                                                      \
  } while (0)

/* One query after another against B[b_from…b_to): eight B filters per step, word by word, so
 * gcc -O3 -march=native vectorises across the eight (VPOPCNTQ on AVX-512), as in the benchmark's
 * C kernel (bench/pprl/dice_kernel.c); the odd end one filter at a time. */
static uint32_t block_kernel(const set_t *a, const set_t *b, uint32_t a_from, uint32_t a_to,
                             uint32_t b_from, uint32_t b_to, uint32_t thr, uint32_t *out,
                             uint32_t max_out) {
  uint32_t count = 0;
  for (uint32_t i = a_from; i < a_to; i++) {
    const uint64_t *x = a->f + (size_t)i * WORDS;
    uint32_t ca = a->pc[i];
    uint32_t j = b_from;
    for (; j + 8 <= b_to; j += 8) {
      const uint64_t *y = b->f + (size_t)j * WORDS;
      uint32_t inter[8] = {0};
      for (int w = 0; w < WORDS; w++)
        for (int k = 0; k < 8; k++) inter[k] += (uint32_t)__builtin_popcountll(x[w] & y[k * WORDS + w]);
      for (uint32_t k = 0; k < 8; k++) HIT(i, j + k, inter[k]);
    }
    for (; j < b_to; j++) {
      const uint64_t *y = b->f + (size_t)j * WORDS;
      uint32_t c = 0;
      for (int w = 0; w < WORDS; w++) c += (uint32_t)__builtin_popcountll(x[w] & y[w]);
      HIT(i, j, c);
    }
  }
  return count;
}

static napi_value block(napi_env env, napi_callback_info info) {
  size_t argc = 10;
  napi_value argv[10];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 10) return fail(env, "block(a, pca, b, pcb, aFrom, aTo, bFrom, bTo, thr, out)", 0);
  set_t a, b;
  const char *err = get_set(env, argv[0], argv[1], &a);
  if (!err) err = get_set(env, argv[2], argv[3], &b);
  if (err) return fail(env, err, 0);
  uint32_t a_from, a_to, b_from, b_to, thr;
  if (!get_index(env, argv[5], (uint32_t)a.n, &a_to) || !get_index(env, argv[4], a_to, &a_from) ||
      !get_index(env, argv[7], (uint32_t)b.n, &b_to) || !get_index(env, argv[6], b_to, &b_from))
    return fail(env, "the ranges must be whole numbers with 0 <= from <= to <= filters", 1);
  if (!get_index(env, argv[8], 1000000, &thr)) return fail(env, "thr must be a whole number in [0, 1e6]", 1);
  void *o;
  size_t olen;
  if (!typed(env, argv[9], napi_uint32_array, &o, &olen)) return fail(env, "out must be a Uint32Array", 0);
  size_t max_out = olen / 3;
  return count_value(env, block_kernel(&a, &b, a_from, a_to, b_from, b_to, thr, o,
                                       max_out > UINT32_MAX ? UINT32_MAX : (uint32_t)max_out));
}

static napi_value pairs(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 7) return fail(env, "pairs(a, pca, b, pcb, candidates, thr, out)", 0);
  set_t a, b;
  const char *err = get_set(env, argv[0], argv[1], &a);
  if (!err) err = get_set(env, argv[2], argv[3], &b);
  if (err) return fail(env, err, 0);
  void *c, *o;
  size_t clen, olen;
  uint32_t thr;
  if (!typed(env, argv[4], napi_uint32_array, &c, &clen) || clen % 2 != 0)
    return fail(env, "candidates must be a Uint32Array of (a, b) pairs", 0);
  if (!get_index(env, argv[5], 1000000, &thr)) return fail(env, "thr must be a whole number in [0, 1e6]", 1);
  if (!typed(env, argv[6], napi_uint32_array, &o, &olen)) return fail(env, "out must be a Uint32Array", 0);
  const uint32_t *cand = c;
  uint32_t *out = o;
  for (size_t k = 0; k < clen; k += 2)
    if (cand[k] >= a.n || cand[k + 1] >= b.n) return fail(env, "a candidate index is out of range", 1);
  size_t max_out = olen / 2, count = 0;
  for (size_t k = 0; k < clen / 2; k++) {
    uint32_t ia = cand[2 * k], ib = cand[2 * k + 1];
    const uint64_t *x = a.f + (size_t)ia * WORDS, *y = b.f + (size_t)ib * WORDS;
    uint32_t inter = 0;
    for (int w = 0; w < WORDS; w++) inter += (uint32_t)__builtin_popcountll(x[w] & y[w]);
    if (PASSES(inter, a.pc[ia], b.pc[ib])) {
      if (count < max_out) {
        out[2 * count] = (uint32_t)k;
        out[2 * count + 1] = inter;
      }
      count++;
    }
  }
  return count_value(env, (uint32_t)count);
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"block", NULL, block, NULL, NULL, NULL, napi_enumerable, NULL},
      {"pairs", NULL, pairs, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, 2, props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
