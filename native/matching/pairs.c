/* The native matching sweep (ADR 0178): the bound of one pair with the terms in the order of the
 * JS sweep (matching.sweep.ts), and the scalar loop over a range or a list of records with the
 * gate of ADR 0177 (the age term capped below it). */
#include "sweep.h"

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

double pair_bound_at(const subject_t *u, const other_t *o, size_t j, double gate) {
  return u->s[S_IS_AM] != 0 ? pair_bound(u, o, j, gate, 1) : pair_bound(u, o, j, gate, 0);
}

double sweep_pairs(const subject_t *u, const other_t *o, const int32_t *list, double *out,
                   size_t from, size_t to, double gate_floor, double margin) {
  return u->s[S_IS_AM] != 0 ? sweep_loop(u, o, list, out, from, to, gate_floor, margin, 1)
                            : sweep_loop(u, o, list, out, from, to, gate_floor, margin, 0);
}
