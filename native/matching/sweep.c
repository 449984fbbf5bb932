/* The native matching sweep (ADR 0178): `sweepBounds` of src/features/matching/matching.sweep.ts
 * in C, over the same compiled typed arrays, read in place (no copy).
 *
 *   sweep(model, subject, subjectCodes, <24 arrays of the other side>, out, from, to, floor,
 *         margin, list) → the largest bound written
 *
 * writes the bounds of the other side's records [from, to) into out, or of the records
 * list[from..to) when list (an Int32Array) is given (the batch scorer refines a band that way).
 *
 * model is the Float64Array built once by matching.sweep.native.ts (the weights, bins and tables,
 * laid out as the M_ enum of sweep.h, tables at the offsets it lists); subject the subject's
 * values (S_ enum) and subjectCodes its hashes, signatures and dental words (C_ enum). The other
 * side's arrays come in the order of the O_ enum. Every argument's type and length is checked
 * before a value is read; a bad call throws a TypeError or RangeError. With a floor of +Infinity
 * and no list (the batch scorer's first pass) the vectorised loops of capped.c run, otherwise the
 * scalar loop of pairs.c, which adds the same terms in the same order as the JavaScript sweep
 * (compiled without contraction of multiply-adds): its bounds equal the JavaScript ones except
 * where the C library's logarithm rounds differently in the last bit; the first pass adds them
 * in another order. Both are far inside the bounds' slack (ADR 0170, 0178). */
#define NAPI_VERSION 8
#include <node_api.h>
#include "napi_args.h"
#include <string.h>
#include "sweep.h"

#define ARGS (3 + O_COUNT + 6)

static napi_value sweep(napi_env env, napi_callback_info info) {
  size_t argc = ARGS;
  napi_value argv[ARGS];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != ARGS)
    return fail(env, "sweep takes 33 arguments", 0);
  void *data;
  size_t len, n_model, n_subject, n_codes;
  model_t md;
  other_t o;
  const double *s;
  const int32_t *sc;
  if (!typed(env, argv[0], napi_float64_array, &data, &n_model)) return fail(env, "model must be a Float64Array", 0);
  const char *e = get_model(data, n_model, &md);
  if (e) return fail(env, e, 1);
  if (!typed(env, argv[1], napi_float64_array, &data, &n_subject)) return fail(env, "subject must be a Float64Array", 0);
  if (n_subject < S_COUNT) return fail(env, "subject has too few values", 1);
  s = data;
  if (!typed(env, argv[2], napi_int32_array, &data, &n_codes)) return fail(env, "subjectCodes must be an Int32Array", 0);
  if (n_codes < C_DENTAL + md.d_stride) return fail(env, "subjectCodes has too few values", 1);
  sc = data;
  double nums[4];
  for (int k = 0; k < 4; k++) {
    if (napi_get_value_double(env, argv[3 + O_COUNT + 1 + k], &nums[k]) != napi_ok)
      return fail(env, "from, to, floor and margin must be numbers", 0);
  }
  size_t from, to;
  if (!whole(nums[0], 4294967295.0, &from) || !whole(nums[1], 4294967295.0, &to) || from > to)
    return fail(env, "from and to must be whole numbers with 0 <= from <= to", 1);
  /* Each array of the other side: its type and the values a record takes; n is the number of
   * records every array holds. */
  static const struct { napi_typedarray_type type; int per; } kinds[O_COUNT] = {
    [O_AGE_MIN ... O_EFFECTS] = {napi_float64_array, 1},
    [O_SEX] = {napi_int8_array, 1},
    [O_CERTAIN ... O_IMPLANTS] = {napi_uint8_array, 1},
    [O_INCIDENT ... O_ROUTE] = {napi_int32_array, 1},
    [O_PAIRS ... O_KEYS] = {napi_int32_array, 2},
    [O_DENTAL] = {napi_int32_array, 0},
  };
  void *arrays[O_COUNT];
  size_t bytes[O_COUNT];
  size_t n = SIZE_MAX;
  for (int k = 0; k < O_COUNT; k++) {
    if (!typed(env, argv[3 + k], kinds[k].type, &arrays[k], &len)) return fail(env, "an array of the other side has the wrong type", 0);
    bytes[k] = len * (k < O_SEX ? 8 : k < O_INCIDENT ? 1 : 4);
    size_t per = kinds[k].per ? (size_t)kinds[k].per : md.d_stride;
    if (len / per < n) n = len / per;
  }
  for (int k = 0; k < O_SEX; k++) o.f[k] = arrays[k];
  o.sex = arrays[O_SEX];
  o.certain = arrays[O_CERTAIN];
  o.dental_on = arrays[O_DENTAL_ON];
  o.implants = arrays[O_IMPLANTS];
  o.incident = arrays[O_INCIDENT];
  o.route = arrays[O_ROUTE];
  o.pairs = arrays[O_PAIRS];
  o.text = arrays[O_TEXT];
  o.keys = arrays[O_KEYS];
  o.dental = arrays[O_DENTAL];
  double *out;
  if (!typed(env, argv[3 + O_COUNT], napi_float64_array, &data, &len)) return fail(env, "out must be a Float64Array", 0);
  out = data;
  if (len < n) n = len;
  /* The list of records (an Int32Array, or undefined/null for the range itself). */
  const int32_t *list = NULL;
  napi_valuetype lt;
  napi_value lv = argv[ARGS - 1];
  if (napi_typeof(env, lv, &lt) != napi_ok) return fail(env, "list", 0);
  if (lt != napi_undefined && lt != napi_null) {
    size_t n_list;
    if (!typed(env, lv, napi_int32_array, &data, &n_list)) return fail(env, "list must be an Int32Array", 0);
    if (to > n_list) return fail(env, "to is beyond the list", 1);
    list = data;
    for (size_t k = from; k < to; k++) {
      if (list[k] < 0 || (size_t)list[k] >= n) return fail(env, "a listed record is beyond an array of the other side or out", 1);
    }
  } else if (to > n) {
    if (len < to) return fail(env, "out is shorter than to", 1);
    return fail(env, "an array of the other side is shorter than to", 1);
  }
  subject_t u;
  get_subject(&md, s, sc, &u);
  /* out must not overlap an array the loops read (the first pass assumes it). */
  const char *lo = (const char *)out, *hi = (const char *)(out + len);
  for (int k = 0; k < O_COUNT; k++) {
    const char *a = arrays[k];
    if (a < hi && lo < a + bytes[k]) return fail(env, "out overlaps an array of the other side", 1);
  }
  double best = !list && nums[2] == INFINITY ? capped_sweep(&u, &o, out, from, to)
                                             : sweep_pairs(&u, &o, list, out, from, to, nums[2], nums[3]);
  napi_value result;
  napi_create_double(env, best, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "sweep", NAPI_AUTO_LENGTH, sweep, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "sweep", fn) != napi_ok) return NULL;
  return exports;
}
