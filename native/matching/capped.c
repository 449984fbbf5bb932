/* The native matching sweep (ADR 0178): the batch scorer's first pass (every age term capped) in
 * two loops the compiler vectorises (AVX-512 gathers from the tables, selects, exact
 * multiplications of finite values by 0 or 1), then the scalar bound for the rare pairs whose
 * early term is not in the table. */
#include "sweep.h"

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
double capped_sweep(const subject_t *u, const other_t *o, double *out, size_t from, size_t to) {
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
        out[j] = pair_bound_at(u, o, j, INFINITY);
      }
    }
  }
  double best = -INFINITY;
  for (size_t j = from; j < to; j++) {
    if (out[j] > best) best = out[j];
  }
  return best;
}
