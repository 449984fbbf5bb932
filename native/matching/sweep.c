/* The native matching sweep (ADR 0178): `sweepBounds` of src/features/matching/matching.sweep.ts
 * in C, over the same compiled typed arrays, read in place (no copy).
 *
 *   sweep(model, subject, subjectCodes, <24 arrays of the other side>, out, from, to, floor,
 *         margin) → the largest bound written
 *
 * model is the Float64Array built once by matching.sweep.native.ts (the weights, bins and tables,
 * laid out as the M_ enum below, tables at the offsets it lists); subject the subject's values
 * (S_ enum) and subjectCodes its hashes, signatures and dental words (C_ enum). The other side's
 * arrays come in the order of the O_ enum. Every argument's type and length is checked before a
 * value is read; a bad call throws a TypeError or RangeError. The loop adds the same terms in the
 * same order as the JavaScript sweep (compiled without contraction of multiply-adds), so a bound
 * equals the JavaScript one except where a logarithm or exponential of the C library rounds
 * differently in the last bit, far inside the bounds' slack (ADR 0170). */
#define NAPI_VERSION 8
#include <math.h>
#include <node_api.h>
#include <stdint.h>
#include <string.h>

enum {
  M_MAGIC, M_SLOPE, M_SLACK, M_INCIDENT_SAME, M_INCIDENT_DIFFERENT, M_ROUTE_SAME,
  M_ROUTE_DIFFERENT, M_MARKS_MAX, M_EFFECTS_MAX, M_SERIAL_MATCH, M_FLOOR, M_BEYOND_SLOPE,
  M_LOG_STAT_OVERLAP, M_D_MAX, M_D_MIN, M_D_TREAT, M_D_MISSING, M_D_PRESENT, M_D_UNEXPLAINABLE,
  M_CELL, M_AGE_RESIDUAL_VARIANCE, M_AGE_GROSS_FACTOR, M_AGE_GROSS_SHARE, M_AGE_FINE_SHARE,
  M_AGE_FLOOR, M_SQRT_2PI, M_AGE_MIN_DENSITY, M_EXP_STEPS, M_LATE_WEIGHT, M_LATE_MEAN_DAYS,
  M_EARLY_WRONG_DATE, M_TIME_SPAN, M_TIME_HD_FLOOR, M_D_STRIDE, M_D_TREATED_AT, M_D_MISSING_AT,
  M_D_PRESENT_AT, M_D_NOT_MISSING_LIKE_AT, M_D_SOUND_AT,
  /* Tables: offset and length of each. */
  M_SEX, M_SEX_N, M_TIME, M_TIME_N, M_HINT, M_HINT_N, M_CHORD2, M_CHORD2_N, M_DIST, M_DIST_N,
  M_STAT, M_STAT_N, M_EXP, M_EXP_N, M_AGE_UP_TO, M_AGE_UP_TO_N, M_AGE_DENSITY, M_AGE_DENSITY_N,
  M_EARLY, M_EARLY_N,
  M_HEADER
};
#define MAGIC 178001.0

enum {
  S_IS_AM, S_SEX, S_CERTAIN, S_E, S_L, S_AGE_MIN, S_AGE_MAX, S_AGE_CAP, S_STAT, S_STAT_MAX,
  S_STAT_W, S_X, S_Y, S_Z, S_MARKS, S_MARKS_PLAIN, S_DENTAL, S_IMPLANTS, S_EFFECTS, S_STAT_TOL,
  S_STAT_NEAR, S_COUNT
};
enum { C_INCIDENT, C_ROUTE, C_PAIRS, C_TEXT = C_PAIRS + 2, C_KEYS = C_TEXT + 2, C_DENTAL = C_KEYS + 2 };

/* The other side's arrays, in argument order after (model, subject, subjectCodes). */
enum {
  O_AGE_MIN, O_AGE_MAX, O_AGE_CAP, O_STAT, O_STAT_MAX, O_STAT_W, O_E, O_L, O_X, O_Y, O_Z,
  O_MARKS, O_MARKS_PLAIN, O_EFFECTS, /* Float64Array */
  O_SEX,                             /* Int8Array */
  O_CERTAIN, O_DENTAL_ON, O_IMPLANTS, /* Uint8Array */
  O_INCIDENT, O_ROUTE, O_PAIRS, O_TEXT, O_KEYS, O_DENTAL, /* Int32Array */
  O_COUNT
};
#define ARGS (3 + O_COUNT + 5)

typedef struct {
  const double *m;
  const double *sex, *time, *hint, *chord2, *dist, *stat, *expd, *age_up_to, *age_density, *early;
  size_t time_top, hint_top, chord2_n, stat_last, exp_last, age_n, early_n;
  size_t d_stride, d_treated, d_missing, d_present, d_not_missing_like, d_sound;
} model_t;

typedef struct {
  const double *f[O_SEX];
  const int8_t *sex;
  const uint8_t *certain, *dental_on, *implants;
  const int32_t *incident, *route, *pairs, *text, *keys, *dental;
} other_t;

static napi_value fail(napi_env env, const char *msg, int range) {
  if (range) napi_throw_range_error(env, NULL, msg);
  else napi_throw_type_error(env, NULL, msg);
  return NULL;
}

static int typed(napi_env env, napi_value v, napi_typedarray_type want, void **data, size_t *len) {
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return 0;
  napi_typedarray_type type;
  if (napi_get_typedarray_info(env, v, &type, len, data, NULL, NULL) != napi_ok) return 0;
  return type == want;
}

/* A table of the model: offset and length at slot k, inside the model's n values. */
static const char *table(const double *m, size_t n, int k, const double **t, size_t *len) {
  double off = m[k], count = m[k + 1];
  if (!(off >= M_HEADER && count >= 1 && off + count <= (double)n)) return "model table out of range";
  if (off != floor(off) || count != floor(count)) return "model table offsets must be whole";
  *t = m + (size_t)off;
  *len = (size_t)count;
  return NULL;
}

/* A whole number in [0, max] from a model slot. */
static int whole(double v, double max, size_t *out) {
  if (!(v >= 0 && v <= max) || v != floor(v)) return 0;
  *out = (size_t)v;
  return 1;
}

static const char *get_model(const double *m, size_t n, model_t *md) {
  if (n < M_HEADER || m[M_MAGIC] != MAGIC) return "model is not the sweep model (wrong layout)";
  const char *e;
  size_t len;
  md->m = m;
  if ((e = table(m, n, M_SEX, &md->sex, &len))) return e;
  if (len != 18) return "model: the sex table has 18 values";
  if ((e = table(m, n, M_TIME, &md->time, &len))) return e;
  md->time_top = len - 1;
  if ((e = table(m, n, M_HINT, &md->hint, &len))) return e;
  md->hint_top = len - 1;
  if ((e = table(m, n, M_CHORD2, &md->chord2, &md->chord2_n))) return e;
  if ((e = table(m, n, M_DIST, &md->dist, &len))) return e;
  if (len != md->chord2_n || !isinf(md->chord2[len - 1])) return "model: distance bins";
  for (size_t c = 0; c <= md->hint_top; c++) {
    if (!(md->hint[c] >= 0 && md->hint[c] < (double)len) || md->hint[c] != floor(md->hint[c]))
      return "model: distance hints must be bin numbers";
  }
  if ((e = table(m, n, M_STAT, &md->stat, &len))) return e;
  md->stat_last = len - 1;
  if ((e = table(m, n, M_EXP, &md->expd, &len))) return e;
  md->exp_last = len - 1;
  if ((e = table(m, n, M_AGE_UP_TO, &md->age_up_to, &md->age_n))) return e;
  if ((e = table(m, n, M_AGE_DENSITY, &md->age_density, &len))) return e;
  if (len != md->age_n) return "model: one age density per band";
  if ((e = table(m, n, M_EARLY, &md->early, &md->early_n))) return e;
  if (!whole(m[M_D_STRIDE], 64, &md->d_stride) || md->d_stride < 2) return "model: dental stride";
  const int at[] = {M_D_TREATED_AT, M_D_MISSING_AT, M_D_PRESENT_AT, M_D_NOT_MISSING_LIKE_AT, M_D_SOUND_AT};
  size_t *to[] = {&md->d_treated, &md->d_missing, &md->d_present, &md->d_not_missing_like, &md->d_sound};
  for (int k = 0; k < 5; k++) {
    if (!whole(m[at[k]], (double)md->d_stride - 2, to[k])) return "model: dental class offsets";
  }
  return NULL;
}

/* JavaScript's Math.max / Math.min of two numbers (NaN wins). */
static inline double jmax(double a, double b) { return a != a || b != b ? NAN : a > b ? a : b; }
static inline double jmin(double a, double b) { return a != a || b != b ? NAN : a < b ? a : b; }

static inline int popcount(int32_t x) { return __builtin_popcount((uint32_t)x); }

static double dental_bound(const model_t *md, const int32_t *a, const int32_t *p) {
  const double *m = md->m;
  double total = 0;
  for (size_t w = 0; w < 2; w++) {
    int32_t treated = a[md->d_treated + w], missing = a[md->d_missing + w];
    int32_t present = a[md->d_present + w];
    total += m[M_D_TREAT] * popcount(treated & p[md->d_treated + w]) +
             m[M_D_MISSING] * popcount(missing & p[md->d_missing + w]) +
             m[M_D_PRESENT] * popcount(present & p[md->d_present + w]) +
             m[M_D_UNEXPLAINABLE] * (popcount(missing & p[md->d_not_missing_like + w]) +
                                     popcount(treated & p[md->d_sound + w]));
  }
  return jmin(m[M_D_MAX], jmax(m[M_D_MIN], total));
}

static double stature_bound(const model_t *md, double a_min, double a_max, double a_w, double p_min,
                            double p_max, double p_w, double tol, double log_near) {
  const double *m = md->m;
  double gap = jmax(jmax(p_min - a_max, a_min - p_max), 0);
  if (gap > 0) {
    double near = log_near - (0.5 * jmin(gap, tol)) / tol;
    if (gap <= tol) return near;
    return jmax(m[M_FLOOR], near - (m[M_BEYOND_SLOPE] * (gap - tol)) / tol);
  }
  double w = floor(a_w + p_w);
  return m[M_LOG_STAT_OVERLAP] + md->stat[w >= 0 && w < (double)md->stat_last + 1 ? (size_t)w : md->stat_last];
}

static inline double exp_down(const model_t *md, double x) {
  double i = floor(x * md->m[M_EXP_STEPS]);
  return md->expd[i >= 0 && i < (double)md->exp_last ? (size_t)i : md->exp_last];
}

/* ageLog10Ub of matching.density.ts. */
static double age_ub(const model_t *md, double a_min, double a_max, double p_min, double p_max) {
  const double *m = md->m;
  double d = (p_min + p_max) / 2 - (a_min + a_max) / 2;
  if (d != d) return d;
  double wa = a_max - a_min, wp = (p_max - p_min) / 4;
  double s2 = m[M_AGE_RESIDUAL_VARIANCE] + (wa * wa) / 12 + wp * wp;
  double s = sqrt(s2);
  double wide = s * m[M_AGE_GROSS_FACTOR];
  double half = 0.5 * d * d;
  double hp = (m[M_AGE_FINE_SHARE] * exp_down(md, half / s2)) / s +
              (m[M_AGE_GROSS_SHARE] * exp_down(md, half / (wide * wide))) / wide;
  double age = (p_min + p_max) / 2, density = m[M_AGE_MIN_DENSITY];
  for (size_t b = 0; b < md->age_n; b++) {
    if (age < md->age_up_to[b]) {
      density = md->age_density[b];
      break;
    }
  }
  return jmax(m[M_AGE_FLOOR], log10(hp / m[M_SQRT_2PI] / density));
}

/* earlyLog10LrFast of matching.density.ts (days > 0). */
static double early_lr(const model_t *md, double days) {
  if (days >= 0 && days < (double)md->early_n && days == floor(days)) return md->early[(size_t)days];
  const double *m = md->m;
  double hp = (m[M_LATE_WEIGHT] * exp(-days / m[M_LATE_MEAN_DAYS])) / m[M_LATE_MEAN_DAYS];
  double hd = jmax(1 - fabs(days) / m[M_TIME_SPAN], m[M_TIME_HD_FLOOR]) / m[M_TIME_SPAN];
  return jmin(0, log10(m[M_EARLY_WRONG_DATE] + hp / hd));
}

/* The loop, specialised by the side of the subject (is_am is a constant at each call). */
static inline __attribute__((always_inline)) double sweep_loop(
    const model_t *md, const double *s, const int32_t *sc, const other_t *o, double *out,
    size_t from, size_t to, double gate_floor, double margin, const int is_am) {
  const double *m = md->m;
  const double slope = m[M_SLOPE], slack = m[M_SLACK], d_max = m[M_D_MAX];
  const double s_sex = s[S_SEX], s_e = s[S_E], s_l = s[S_L], s_age_min = s[S_AGE_MIN];
  const double s_age_max = s[S_AGE_MAX], s_stat = s[S_STAT], s_x = s[S_X], s_y = s[S_Y], s_z = s[S_Z];
  const int32_t s_inc = sc[C_INCIDENT], s_route = sc[C_ROUTE];
  const int32_t s_pairs0 = sc[C_PAIRS], s_pairs1 = sc[C_PAIRS + 1];
  const int32_t s_text0 = sc[C_TEXT], s_text1 = sc[C_TEXT + 1];
  const int32_t s_keys0 = sc[C_KEYS], s_keys1 = sc[C_KEYS + 1];
  const double s_dental = s[S_DENTAL];
  const int has_sex = s_sex != 0, has_dates = s_e == s_e, has_age = s_age_min == s_age_min;
  const int has_stat = s_stat == s_stat, has_place = s_x == s_x;
  const int has_code = s_inc != 0 || s_route != 0, has_marks = s[S_MARKS] > 0;
  const int has_effects = (s_keys0 | s_keys1) != 0, has_impl = s[S_IMPLANTS] != 0;
  const double *o_e = o->f[O_E], *o_l = o->f[O_L];
  const size_t stride = md->d_stride;
  double best = -INFINITY;
  for (size_t j = from; j < to; j++) {
    double ub = 0;
    if (has_sex) {
      int os = o->sex[j];
      if (os != 0) {
        long k = is_am ? (long)s_sex * 6 + os * 2 + o->certain[j] : (long)os * 6 + (long)s_sex * 2 + (long)s[S_CERTAIN];
        ub += k >= 0 && k < 18 ? md->sex[k] : NAN;
      }
    }
    const double a_e = is_am ? s_e : o_e[j], a_l = is_am ? s_l : o_l[j];
    const double p_e = is_am ? o_e[j] : s_e, p_l = is_am ? o_l[j] : s_l;
    if (has_dates && a_e == a_e && p_e == p_e) {
      double hi = p_l - a_e;
      if (hi < 0) {
        ub += early_lr(md, -hi);
      } else {
        double v = p_e - a_l;
        size_t c = 0;
        if (v > 0) {
          double up = ceil(v);
          c = up < (double)md->time_top ? (size_t)up : md->time_top;
        }
        ub += md->time[c];
      }
    }
    if (has_stat) {
      double o_min = o->f[O_STAT][j];
      if (o_min == o_min) {
        ub += is_am ? stature_bound(md, s_stat, s[S_STAT_MAX], s[S_STAT_W], o_min, o->f[O_STAT_MAX][j],
                                    o->f[O_STAT_W][j], s[S_STAT_TOL], s[S_STAT_NEAR])
                    : stature_bound(md, o_min, o->f[O_STAT_MAX][j], o->f[O_STAT_W][j], s_stat,
                                    s[S_STAT_MAX], s[S_STAT_W], s[S_STAT_TOL], s[S_STAT_NEAR]);
      }
    }
    if (has_place) {
      double x = o->f[O_X][j];
      if (x == x) {
        double dx = is_am ? s_x - x : x - s_x;
        double dy = is_am ? s_y - o->f[O_Y][j] : o->f[O_Y][j] - s_y;
        double dz = is_am ? s_z - o->f[O_Z][j] : o->f[O_Z][j] - s_z;
        double chord2 = dx * dx + dy * dy + dz * dz;
        double cell = sqrt(chord2) / m[M_CELL];
        size_t b = (size_t)md->hint[cell >= 0 && cell < (double)md->hint_top ? (size_t)cell : md->hint_top];
        while (b > 0 && !(chord2 > md->chord2[b - 1])) b--;
        while (b + 1 < md->chord2_n && chord2 > md->chord2[b]) b++;
        ub += md->dist[b];
      }
    }
    if (has_code) {
      int32_t inc = o->incident[j];
      if (s_inc != 0 && inc != 0) {
        ub += s_inc == inc ? m[M_INCIDENT_SAME] : m[M_INCIDENT_DIFFERENT];
      } else if (s_route != 0 && o->route[j] != 0) {
        ub += s_route == o->route[j] ? m[M_ROUTE_SAME] : m[M_ROUTE_DIFFERENT];
      }
    }
    if (has_marks) {
      double om = o->f[O_MARKS][j];
      if (om > 0 && ((s_pairs0 & o->pairs[2 * j]) | (s_pairs1 & o->pairs[2 * j + 1])) != 0) {
        ub += ((s_text0 & o->text[2 * j]) | (s_text1 & o->text[2 * j + 1])) != 0
                  ? jmin(jmin(m[M_MARKS_MAX], s[S_MARKS]), om)
                  : jmin(jmin(m[M_MARKS_MAX], s[S_MARKS_PLAIN]), o->f[O_MARKS_PLAIN][j]);
      }
    }
    if (has_impl && o->implants[j] != 0) ub += m[M_SERIAL_MATCH];
    if (has_effects && ((s_keys0 & o->keys[2 * j]) | (s_keys1 & o->keys[2 * j + 1])) != 0) {
      ub += jmin(jmin(m[M_EFFECTS_MAX], s[S_EFFECTS]), o->f[O_EFFECTS][j]);
    }
    const double o_age = has_age ? o->f[O_AGE_MIN][j] : NAN;
    const int age_on = o_age == o_age;
    const int dental_on = s_dental != 0 && o->dental_on[j] != 0;
    if (age_on || dental_on) {
      double capped = ub + (age_on ? (is_am ? o->f[O_AGE_CAP][j] : s[S_AGE_CAP]) : 0) + (dental_on ? d_max : 0);
      double gate = gate_floor > best - margin ? gate_floor : best - margin;
      if (slope * capped + slack * (1 + fabs(capped)) < gate) {
        ub = capped;
      } else {
        if (age_on) {
          double a_min = is_am ? s_age_min : o_age, a_max = is_am ? s_age_max : o->f[O_AGE_MAX][j];
          double early = p_e - a_l, late = p_l - a_e;
          ub += age_ub(md, early > 0 ? a_min + early / 365.25 : a_min,
                       late > 0 ? a_max + late / 365.25 : a_max, is_am ? o_age : s_age_min,
                       is_am ? o->f[O_AGE_MAX][j] : s_age_max);
        }
        if (dental_on) {
          uint8_t od = o->dental_on[j];
          ub += s_dental == 2 || od == 2 ? d_max
                : is_am ? dental_bound(md, sc + C_DENTAL, o->dental + j * stride)
                        : dental_bound(md, o->dental + j * stride, sc + C_DENTAL);
        }
      }
    }
    double bound = slope * ub + slack * (1 + fabs(ub));
    out[j] = bound;
    if (bound > best) best = bound;
  }
  return best;
}

static napi_value sweep(napi_env env, napi_callback_info info) {
  size_t argc = ARGS;
  napi_value argv[ARGS];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != ARGS)
    return fail(env, "sweep takes 32 arguments", 0);
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
  /* Each array of the other side: its type and the values a record takes. */
  static const struct { napi_typedarray_type type; int per; } kinds[O_COUNT] = {
    [O_AGE_MIN ... O_EFFECTS] = {napi_float64_array, 1},
    [O_SEX] = {napi_int8_array, 1},
    [O_CERTAIN ... O_IMPLANTS] = {napi_uint8_array, 1},
    [O_INCIDENT ... O_ROUTE] = {napi_int32_array, 1},
    [O_PAIRS ... O_KEYS] = {napi_int32_array, 2},
    [O_DENTAL] = {napi_int32_array, 0},
  };
  void *arrays[O_COUNT];
  for (int k = 0; k < O_COUNT; k++) {
    if (!typed(env, argv[3 + k], kinds[k].type, &arrays[k], &len)) return fail(env, "an array of the other side has the wrong type", 0);
    size_t per = kinds[k].per ? (size_t)kinds[k].per : md.d_stride;
    if (len / per < to) return fail(env, "an array of the other side is shorter than to", 1);
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
  if (len < to) return fail(env, "out is shorter than to", 1);
  out = data;
  double best = s[S_IS_AM] != 0 ? sweep_loop(&md, s, sc, &o, out, from, to, nums[2], nums[3], 1)
                                 : sweep_loop(&md, s, sc, &o, out, from, to, nums[2], nums[3], 0);
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
