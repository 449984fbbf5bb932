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
  M_AGE_RESIDUAL_VARIANCE, M_AGE_GROSS_FACTOR, M_AGE_GROSS_SHARE, M_AGE_FINE_SHARE,
  M_AGE_FLOOR, M_SQRT_2PI, M_AGE_MIN_DENSITY, M_EXP_STEPS, M_LATE_WEIGHT, M_LATE_MEAN_DAYS,
  M_EARLY_WRONG_DATE, M_TIME_SPAN, M_TIME_HD_FLOOR, M_D_STRIDE, M_D_TREATED_AT, M_D_MISSING_AT,
  M_D_PRESENT_AT, M_D_NOT_MISSING_LIKE_AT, M_D_SOUND_AT,
  /* Tables: offset and length of each. */
  M_SEX, M_SEX_N, M_TIME, M_TIME_N, M_CHORD2, M_CHORD2_N, M_DIST, M_DIST_N,
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
#define ARGS (3 + O_COUNT + 6)

typedef struct {
  const double *m;
  const double *sex, *time, *chord2, *dist, *stat, *expd, *age_up_to, *age_density, *early;
  size_t time_top, chord2_n, stat_last, exp_last, age_n, early_n;
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
  if ((e = table(m, n, M_CHORD2, &md->chord2, &md->chord2_n))) return e;
  if ((e = table(m, n, M_DIST, &md->dist, &len))) return e;
  if (len != md->chord2_n || !isinf(md->chord2[len - 1])) return "model: distance bins";
  if (len > 32) return "model: at most 32 distance bins";
  for (size_t b = 1; b < len; b++) {
    if (!(md->chord2[b] >= md->chord2[b - 1])) return "model: distance bins must ascend";
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

/* The subject's values and flags, and the per-subject sex table (0 where the other's sex is
 * unknown), computed once per call. */
typedef struct {
  const model_t *md;
  const double *s;
  const int32_t *sc;
  double sex_tab[6];
  int has_sex, has_dates, has_age, has_stat, has_place, has_code, has_marks, has_effects, has_impl;
} subject_t;

static void get_subject(const model_t *md, const double *s, const int32_t *sc, subject_t *u) {
  u->md = md;
  u->s = s;
  u->sc = sc;
  const double s_sex = s[S_SEX];
  const int is_am = s[S_IS_AM] != 0;
  for (int os = 0; os < 3; os++) {
    for (int oc = 0; oc < 2; oc++) {
      double k = is_am ? s_sex * 6 + os * 2 + oc : os * 6 + s_sex * 2 + s[S_CERTAIN];
      u->sex_tab[os * 2 + oc] = os == 0 ? 0 : k >= 0 && k < 18 && k == floor(k) ? md->sex[(size_t)k] : NAN;
    }
  }
  u->has_sex = s_sex != 0;
  u->has_dates = s[S_E] == s[S_E];
  u->has_age = s[S_AGE_MIN] == s[S_AGE_MIN];
  u->has_stat = s[S_STAT] == s[S_STAT];
  u->has_place = s[S_X] == s[S_X];
  u->has_code = sc[C_INCIDENT] != 0 || sc[C_ROUTE] != 0;
  u->has_marks = s[S_MARKS] > 0;
  u->has_effects = (sc[C_KEYS] | sc[C_KEYS + 1]) != 0;
  u->has_impl = s[S_IMPLANTS] != 0;
}

static inline double min3(double a, double b, double c) {
  double m = a < b ? a : b;
  return m < c ? m : c;
}

/* The bound of the pair (subject, j) given the gate; terms in the order of the JS sweep. The
 * cheap terms are written as selects (both arms computed) so that missing values and the sides
 * of a date do not cost mispredicted branches; adding 0 leaves a sum unchanged, so the sum is
 * the JS one. */
static inline __attribute__((always_inline)) double pair_bound(const subject_t *u, const other_t *o,
                                                               size_t j, double gate, const int is_am) {
  const model_t *md = u->md;
  const double *m = md->m, *s = u->s;
  const int32_t *sc = u->sc;
  double ub = 0;
  if (u->has_sex) {
    unsigned os = (uint8_t)o->sex[j];
    ub += u->sex_tab[(os < 3 ? os : 0) * 2 + (o->certain[j] & 1)];
  }
  const double a_e = is_am ? s[S_E] : o->f[O_E][j], a_l = is_am ? s[S_L] : o->f[O_L][j];
  const double p_e = is_am ? o->f[O_E][j] : s[S_E], p_l = is_am ? o->f[O_L][j] : s[S_L];
  if (u->has_dates) {
    const int valid = (a_e == a_e) & (p_e == p_e);
    const double hi = p_l - a_e, v = p_e - a_l;
    const double up = ceil(v);
    const double top = (double)md->time_top;
    const double tv = md->time[(size_t)(v > 0 ? (up < top ? up : top) : 0)];
    const int early = valid & (hi < 0);
    const double days = early ? -hi : 0;
    double ev;
    if (__builtin_expect(days >= (double)md->early_n || days != floor(days), 0)) {
      ev = early_lr(md, days);
    } else {
      ev = md->early[(size_t)days];
    }
    ub += valid ? (early ? ev : tv) : 0;
  }
  if (u->has_stat) {
    const double o_min = o->f[O_STAT][j];
    const int on = o_min == o_min;
    const double a_min = is_am ? s[S_STAT] : o_min, a_max = is_am ? s[S_STAT_MAX] : o->f[O_STAT_MAX][j];
    const double a_w = is_am ? s[S_STAT_W] : o->f[O_STAT_W][j];
    const double p_min = is_am ? o_min : s[S_STAT], p_max = is_am ? o->f[O_STAT_MAX][j] : s[S_STAT_MAX];
    const double p_w = is_am ? o->f[O_STAT_W][j] : s[S_STAT_W];
    const double tol = s[S_STAT_TOL];
    const double m1 = p_min - a_max, m2 = a_min - p_max;
    const int nan = (m1 != m1) | (m2 != m2);
    double g = m1 > m2 ? m1 : m2;
    g = g > 0 ? g : 0;
    const int pos = !nan & (g > 0);
    const double near = s[S_STAT_NEAR] - (0.5 * (g < tol ? g : tol)) / tol;
    const double beyond = near - (m[M_BEYOND_SLOPE] * (g - tol)) / tol;
    const double gv = g <= tol ? near : (m[M_FLOOR] > beyond ? m[M_FLOOR] : beyond);
    const double w = floor(a_w + p_w);
    const double wi = w >= 0 && w < (double)md->stat_last ? w : (double)md->stat_last;
    const double ov = m[M_LOG_STAT_OVERLAP] + md->stat[(size_t)wi];
    ub += on ? (pos ? gv : ov) : 0;
  }
  if (u->has_place) {
    const double x = o->f[O_X][j];
    const int on = x == x;
    const double dx = is_am ? s[S_X] - x : x - s[S_X];
    const double dy = is_am ? s[S_Y] - o->f[O_Y][j] : o->f[O_Y][j] - s[S_Y];
    const double dz = is_am ? s[S_Z] - o->f[O_Z][j] : o->f[O_Z][j] - s[S_Z];
    const double chord2 = on ? dx * dx + dy * dy + dz * dz : 0;
    /* The bin the JS sweep finds: the number of bin limits below chord2 (a branch-free binary
     * search; the last limit is infinite). */
    size_t b = 0;
    for (size_t step = 16; step > 0; step >>= 1) {
      b = b + step < md->chord2_n && chord2 > md->chord2[b + step - 1] ? b + step : b;
    }
    ub += on ? md->dist[b] : 0;
  }
  if (u->has_code) {
    const int32_t inc = o->incident[j], rt = o->route[j], s_inc = sc[C_INCIDENT], s_rt = sc[C_ROUTE];
    const double iv = s_inc == inc ? m[M_INCIDENT_SAME] : m[M_INCIDENT_DIFFERENT];
    const double rv = s_rt == rt ? m[M_ROUTE_SAME] : m[M_ROUTE_DIFFERENT];
    ub += (s_inc != 0) & (inc != 0) ? iv : (s_rt != 0) & (rt != 0) ? rv : 0;
  }
  if (u->has_marks) {
    const double om = o->f[O_MARKS][j];
    const int hit = (om > 0) & (((sc[C_PAIRS] & o->pairs[2 * j]) | (sc[C_PAIRS + 1] & o->pairs[2 * j + 1])) != 0);
    const int text = ((sc[C_TEXT] & o->text[2 * j]) | (sc[C_TEXT + 1] & o->text[2 * j + 1])) != 0;
    const double with_text = min3(m[M_MARKS_MAX], s[S_MARKS], om);
    const double plain = min3(m[M_MARKS_MAX], s[S_MARKS_PLAIN], o->f[O_MARKS_PLAIN][j]);
    ub += hit ? (text ? with_text : plain) : 0;
  }
  ub += u->has_impl & (o->implants[j] != 0) ? m[M_SERIAL_MATCH] : 0;
  if (u->has_effects) {
    const int hit = ((sc[C_KEYS] & o->keys[2 * j]) | (sc[C_KEYS + 1] & o->keys[2 * j + 1])) != 0;
    ub += hit ? min3(m[M_EFFECTS_MAX], s[S_EFFECTS], o->f[O_EFFECTS][j]) : 0;
  }
  /* Age and dental last. Dental is integer work, always done; when even the age cap leaves the
   * pair below the gate, the capped sum is written (a looser bound, still at least the exact
   * score) and the age term (a logarithm) is not computed. */
  const double o_age = u->has_age ? o->f[O_AGE_MIN][j] : NAN;
  const double s_dental = s[S_DENTAL];
  const double slope = m[M_SLOPE], slack = m[M_SLACK], d_max = m[M_D_MAX];
  double dental = 0;
  if ((s_dental != 0) & (o->dental_on[j] != 0)) {
    const uint8_t od = o->dental_on[j];
    const size_t stride = md->d_stride;
    dental = s_dental == 2 || od == 2 ? d_max
             : is_am ? dental_bound(md, sc + C_DENTAL, o->dental + j * stride)
                     : dental_bound(md, o->dental + j * stride, sc + C_DENTAL);
  }
  if (o_age == o_age) {
    const double capped = ub + (is_am ? o->f[O_AGE_CAP][j] : s[S_AGE_CAP]) + dental;
    if (slope * capped + slack * (1 + fabs(capped)) < gate) {
      ub = capped;
    } else {
      const double a_min = is_am ? s[S_AGE_MIN] : o_age, a_max = is_am ? s[S_AGE_MAX] : o->f[O_AGE_MAX][j];
      const double early = p_e - a_l, late = p_l - a_e;
      ub += age_ub(md, early > 0 ? a_min + early / 365.25 : a_min, late > 0 ? a_max + late / 365.25 : a_max,
                   is_am ? o_age : s[S_AGE_MIN], is_am ? o->f[O_AGE_MAX][j] : s[S_AGE_MAX]);
      ub += dental;
    }
  } else {
    ub += dental;
  }
  return slope * ub + slack * (1 + fabs(ub));
}

/* The loop over [from, to) of the other side, or over list[from..to) when a list is given,
 * specialised by the side of the subject (is_am is a constant at each call). */
static inline __attribute__((always_inline)) double sweep_loop(
    const subject_t *u, const other_t *o, const int32_t *list, double *out, size_t from, size_t to,
    double gate_floor, double margin, const int is_am) {
  double best = -INFINITY;
  for (size_t k = from; k < to; k++) {
    const size_t j = list ? (size_t)list[k] : k;
    const double gate = gate_floor > best - margin ? gate_floor : best - margin;
    const double bound = pair_bound(u, o, j, gate, is_am);
    out[j] = bound;
    if (bound > best) best = bound;
  }
  return best;
}

/* x clamped to [0, hi] (NaN to 0), as a select the compiler vectorises. */
static inline double clamp0(double x, double hi) {
  x = x > 0 ? x : 0;
  return x < hi ? x : hi;
}

/* The first pass of the batch scorer, part one: time, stature and place of every pair in
 * [from, to) into out, over the double arrays only, as selects and multiplications by 0 or 1 of
 * finite table values (exact), so that the compiler vectorises it (gathers from the tables). A
 * recovery before the last sighting by more days than the early table holds, or by part of a
 * day, is corrected in part two. */
static void capped_doubles(const subject_t *u, const other_t *o, double *restrict out,
                           const double *restrict o_e, const double *restrict o_l,
                           const double *restrict o_stat, const double *restrict o_stat_max,
                           const double *restrict o_stat_w, const double *restrict ox,
                           const double *restrict oy, const double *restrict oz,
                           const double *restrict time, const double *restrict early,
                           const double *restrict stat, const double *restrict c2,
                           const double *restrict dist, size_t from, size_t to) {
  const model_t *md = u->md;
  const double *s = u->s, *m = md->m;
  (void)o;
  const int is_am = s[S_IS_AM] != 0;
  const double s_e = s[S_E], s_l = s[S_L], s_stat = s[S_STAT], s_stat_max = s[S_STAT_MAX];
  const double s_stat_w = s[S_STAT_W], tol = s[S_STAT_TOL], log_near = s[S_STAT_NEAR];
  const double s_x = s[S_X], s_y = s[S_Y], s_z = s[S_Z];
  const double time_top = (double)md->time_top, early_top = (double)md->early_n - 1;
  const double stat_last = (double)md->stat_last, beyond_slope = m[M_BEYOND_SLOPE];
  const double floor_ = m[M_FLOOR], log_overlap = m[M_LOG_STAT_OVERLAP];
  const long n_c2 = (long)md->chord2_n;
  const double dates_d = u->has_dates ? 1.0 : 0.0, stat_d = u->has_stat ? 1.0 : 0.0;
  const double place_d = u->has_place ? 1.0 : 0.0;
  for (size_t j = from; j < to; j++) {
    double ub = 0;
    const double oe = o_e[j], ol = o_l[j];
    const double a_e = is_am ? s_e : oe, a_l = is_am ? s_l : ol;
    const double p_e = is_am ? oe : s_e, p_l = is_am ? ol : s_l;
    const double hi = p_l - a_e, v = p_e - a_l;
    const double tv = time[(long)clamp0(ceil(v), time_top)];
    const double days = hi < 0 ? -hi : 0;
    const double ev = early[(long)clamp0(days, early_top)];
    const double tterm = hi < 0 ? ev : tv;
    const double ve = a_e == a_e ? dates_d : 0.0;
    ub += tterm * (p_e == p_e ? ve : 0.0);
    const double o_min = o_stat[j], o_max = o_stat_max[j], o_w = o_stat_w[j];
    const double a_min = is_am ? s_stat : o_min, a_max = is_am ? s_stat_max : o_max;
    const double a_w = is_am ? s_stat_w : o_w;
    const double p_min = is_am ? o_min : s_stat, p_max = is_am ? o_max : s_stat_max;
    const double p_w = is_am ? o_w : s_stat_w;
    const double m1 = p_min - a_max, m2 = a_min - p_max;
    double g = m1 > m2 ? m1 : m2;
    g = g > 0 ? g : 0;
    const double g1 = m1 == m1 ? g : 0;
    const double gap = m2 == m2 ? g1 : 0;
    const double near = log_near - (0.5 * (g < tol ? g : tol)) / tol;
    const double beyond = near - (beyond_slope * (g - tol)) / tol;
    const double gv = g <= tol ? near : (floor_ > beyond ? floor_ : beyond);
    const double w = floor(a_w + p_w);
    const double ov = log_overlap + stat[(long)(w == w ? clamp0(w, stat_last) : stat_last)];
    const double sterm = gap > 0 ? gv : ov;
    ub += sterm * (o_min == o_min ? stat_d : 0.0);
    const double x = ox[j], y = oy[j], z = oz[j];
    const double place_on = x == x ? place_d : 0.0;
    const double dx = is_am ? s_x - x : x - s_x;
    const double dy = is_am ? s_y - y : y - s_y;
    const double dz = is_am ? s_z - z : z - s_z;
    const double chord2 = place_on != 0 ? dx * dx + dy * dy + dz * dz : 0;
    long b = 0;
    b = (b + 16 < n_c2) & (chord2 > c2[b + 15]) ? b + 16 : b;
    b = (b + 8 < n_c2) & (chord2 > c2[b + 7]) ? b + 8 : b;
    b = (b + 4 < n_c2) & (chord2 > c2[b + 3]) ? b + 4 : b;
    b = (b + 2 < n_c2) & (chord2 > c2[b + 1]) ? b + 2 : b;
    b = (b + 1 < n_c2) & (chord2 > c2[b]) ? b + 1 : b;
    ub += dist[b] * place_on;
    out[j] = ub;
  }
}

/* The first pass, part two: the other terms and the caps of age and dental added to part one's
 * sums, and the bound written; vectorised like part one (byte fields compared as doubles, caps
 * added as exact multiplications by 0 or 1 of finite values). */
static inline __attribute__((always_inline)) void capped_rest(const subject_t *u, double *restrict out, const int8_t *restrict o_sex,
                        const uint8_t *restrict o_certain, const int32_t *restrict o_inc,
                        const int32_t *restrict o_route, const double *restrict o_marks,
                        const double *restrict o_plain, const int32_t *restrict o_pairs,
                        const int32_t *restrict o_text, const uint8_t *restrict o_impl,
                        const int32_t *restrict o_keys, const double *restrict o_effects,
                        const double *restrict o_age, const double *restrict o_cap,
                        const uint8_t *restrict o_dental, const int32_t *restrict o_dental_words,
                        size_t from, size_t to, const int with_dental) {
  const model_t *md = u->md;
  const double *m = md->m, *s = u->s;
  const int32_t *sc = u->sc;
  const double sex2 = u->sex_tab[2], sex3 = u->sex_tab[3], sex4 = u->sex_tab[4], sex5 = u->sex_tab[5];
  const double sex_d = u->has_sex ? 1.0 : 0.0, code_d = u->has_code ? 1.0 : 0.0;
  const double marks_d = u->has_marks ? 1.0 : 0.0, effects_d = u->has_effects ? 1.0 : 0.0;
  const double age_d = u->has_age ? 1.0 : 0.0, dental_d = s[S_DENTAL] != 0 ? 1.0 : 0.0;
  const double serial_d = u->has_impl ? m[M_SERIAL_MATCH] : 0.0;
  const double inc_same = m[M_INCIDENT_SAME], inc_diff = m[M_INCIDENT_DIFFERENT];
  const double rt_same = m[M_ROUTE_SAME], rt_diff = m[M_ROUTE_DIFFERENT];
  const double marks_max = m[M_MARKS_MAX], s_marks = s[S_MARKS], s_plain = s[S_MARKS_PLAIN];
  const double effects_max = m[M_EFFECTS_MAX], s_effects = s[S_EFFECTS];
  const double is_am_d = s[S_IS_AM] != 0 ? 1.0 : 0.0, s_cap = u->has_age ? s[S_AGE_CAP] : 0.0;
  const double d_max = m[M_D_MAX], slope = m[M_SLOPE], slack = m[M_SLACK];
  const double d_min = m[M_D_MIN], d_treat = m[M_D_TREAT], d_missing = m[M_D_MISSING];
  const double d_present = m[M_D_PRESENT], d_unexpl = m[M_D_UNEXPLAINABLE];
  const double s_dental2 = s[S_DENTAL] == 2 ? 1.0 : 0.0;
  const size_t D_STRIDE_C = md->d_stride, tr = md->d_treated, mi = md->d_missing, pr = md->d_present;
  const size_t nml = md->d_not_missing_like, so = md->d_sound;
  const int32_t *sd = sc + C_DENTAL;
  const int32_t am = is_am_d != 0 ? -1 : 0; /* selects the AM and PM words by mask */
  const int32_t s_t[2] = {sd[tr], sd[tr + 1]}, s_m[2] = {sd[mi], sd[mi + 1]};
  const int32_t s_p[2] = {sd[pr], sd[pr + 1]}, s_nml[2] = {sd[nml], sd[nml + 1]};
  const int32_t s_s[2] = {sd[so], sd[so + 1]};
  const int32_t s_inc = sc[C_INCIDENT], s_rt = sc[C_ROUTE], p0 = sc[C_PAIRS], p1 = sc[C_PAIRS + 1];
  const int32_t t0 = sc[C_TEXT], t1 = sc[C_TEXT + 1], k0 = sc[C_KEYS], k1 = sc[C_KEYS + 1];
  for (size_t j = from; j < to; j++) {
    double ub = out[j];
    const double os = o_sex[j], oc = o_certain[j];
    const double male = oc != 0 ? sex3 : sex2, female = oc != 0 ? sex5 : sex4;
    const double known = os == 1 ? male : 0.0;
    ub += (os == 2 ? female : known) * sex_d;
    const int32_t inc = o_inc[j], rt = o_route[j];
    const double iv = s_inc == inc ? inc_same : inc_diff;
    const double rv = s_rt == rt ? rt_same : rt_diff;
    const double route_term = (s_rt != 0) & (rt != 0) ? rv : 0.0;
    ub += ((s_inc != 0) & (inc != 0) ? iv : route_term) * code_d;
    const double om = o_marks[j];
    const int32_t pair_hit = (p0 & o_pairs[2 * j]) | (p1 & o_pairs[2 * j + 1]);
    const int32_t text_hit = (t0 & o_text[2 * j]) | (t1 & o_text[2 * j + 1]);
    const double with_text = min3(marks_max, s_marks, om), plain = min3(marks_max, s_plain, o_plain[j]);
    const double marks_term = text_hit != 0 ? with_text : plain;
    ub += (om > 0 ? marks_term : 0.0) * (pair_hit != 0 ? marks_d : 0.0);
    const double implants = o_impl[j];
    ub += implants != 0 ? serial_d : 0.0;
    const int32_t key_hit = (k0 & o_keys[2 * j]) | (k1 & o_keys[2 * j + 1]);
    ub += min3(effects_max, s_effects, o_effects[j]) * (key_hit != 0 ? effects_d : 0.0);
    const double age = o_age[j], other_cap = o_cap[j];
    const double cap = is_am_d != 0 ? other_cap : s_cap;
    /* Without the subject's dental chart the term is 0 for every pair: no dental words read. */
    if (!with_dental) {
      ub = ub + (age == age ? cap : 0.0) * (age == age ? age_d : 0.0);
      out[j] = slope * ub + slack * (1 + fabs(ub));
      continue;
    }
    const double dental_on = o_dental[j];
    /* dental_bound, unrolled over the two words, in the same order of operations. */
    const int32_t *od = o_dental_words + j * D_STRIDE_C;
    double total = 0;
#define DENTAL_WORD(w)                                                                              \
  {                                                                                                \
    const int32_t o_t = od[tr + w], o_m = od[mi + w], o_p = od[pr + w];                            \
    const int32_t o_nml = od[nml + w], o_s = od[so + w];                                           \
    const int32_t a_t = (s_t[w] & am) | (o_t & ~am), p_t = (o_t & am) | (s_t[w] & ~am);              \
    const int32_t a_m = (s_m[w] & am) | (o_m & ~am), p_m = (o_m & am) | (s_m[w] & ~am);              \
    const int32_t a_p = (s_p[w] & am) | (o_p & ~am), p_p = (o_p & am) | (s_p[w] & ~am);              \
    const int32_t p_nml = (o_nml & am) | (s_nml[w] & ~am), p_s = (o_s & am) | (s_s[w] & ~am);       \
    total += d_treat * __builtin_popcount((uint32_t)(a_t & p_t)) +                                 \
             d_missing * __builtin_popcount((uint32_t)(a_m & p_m)) +                               \
             d_present * __builtin_popcount((uint32_t)(a_p & p_p)) +                               \
             d_unexpl * (__builtin_popcount((uint32_t)(a_m & p_nml)) +                             \
                         __builtin_popcount((uint32_t)(a_t & p_s)));                               \
  }
    DENTAL_WORD(0)
    DENTAL_WORD(1)
#undef DENTAL_WORD
    total = d_min > total ? d_min : total;
    total = d_max < total ? d_max : total;
    const double dental_v = (dental_on == 2) | (s_dental2 != 0) ? d_max : total;
    ub = ub + (age == age ? cap : 0.0) * (age == age ? age_d : 0.0) + dental_v * (dental_on != 0 ? dental_d : 0.0);
    out[j] = slope * ub + slack * (1 + fabs(ub));
  }
}

/* The first pass of the batch scorer (a gate of +Infinity: every bound keeps the caps of age and
 * dental) over [from, to), in two vectorised loops (capped_doubles, capped_rest), then
 * pair_bound for the rare pairs whose early term is not in the table; returns the largest bound.
 * The terms are added in another order than the JS sweep's (time, stature, place first), so a
 * bound may differ from it in the last bits (far inside SLACK); the refined bounds of pair_bound
 * keep the JS order. */
static double capped_sweep(const subject_t *u, const other_t *o, double *out, size_t from, size_t to) {
  const model_t *md = u->md;
  const double *s = u->s;
  const int is_am = s[S_IS_AM] != 0;
  capped_doubles(u, o, out, o->f[O_E], o->f[O_L], o->f[O_STAT], o->f[O_STAT_MAX], o->f[O_STAT_W],
                 o->f[O_X], o->f[O_Y], o->f[O_Z], md->time, md->early, md->stat, md->chord2, md->dist,
                 from, to);
  if (s[S_DENTAL] != 0)
    capped_rest(u, out, o->sex, o->certain, o->incident, o->route, o->f[O_MARKS], o->f[O_MARKS_PLAIN],
              o->pairs, o->text, o->implants, o->keys, o->f[O_EFFECTS], o->f[O_AGE_MIN],
              o->f[O_AGE_CAP], o->dental_on, o->dental, from, to, 1);
  else
    capped_rest(u, out, o->sex, o->certain, o->incident, o->route, o->f[O_MARKS], o->f[O_MARKS_PLAIN],
              o->pairs, o->text, o->implants, o->keys, o->f[O_EFFECTS], o->f[O_AGE_MIN],
              o->f[O_AGE_CAP], o->dental_on, o->dental, from, to, 0);
  const double early_n = (double)md->early_n;
  if (u->has_dates) {
    const double *o_e = o->f[O_E], *o_l = o->f[O_L];
    for (size_t j = from; j < to; j++) {
      const double a_e = is_am ? s[S_E] : o_e[j], p_e = is_am ? o_e[j] : s[S_E];
      const double days = a_e - (is_am ? o_l[j] : s[S_L]);
      if (__builtin_expect(a_e == a_e && p_e == p_e && days > 0 && (days >= early_n || days != floor(days)), 0)) {
        out[j] = is_am ? pair_bound(u, o, j, INFINITY, 1) : pair_bound(u, o, j, INFINITY, 0);
      }
    }
  }
  double best = -INFINITY;
  for (size_t j = from; j < to; j++) {
    if (out[j] > best) best = out[j];
  }
  return best;
}

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
                : s[S_IS_AM] != 0 ? sweep_loop(&u, &o, list, out, from, to, nums[2], nums[3], 1)
                                  : sweep_loop(&u, &o, list, out, from, to, nums[2], nums[3], 0);
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
