/* The native matching sweep (ADR 0178): the model's layout checked (every table inside the model,
 * whole offsets, bins ascending) and a subject's flags, computed once per call. */
#include "sweep.h"

/* A table of the model: offset and length at slot k, inside the model's n values. */
static const char *table(const double *m, size_t n, int k, const double **t, size_t *len) {
  double off = m[k], count = m[k + 1];
  if (!(off >= M_HEADER && count >= 1 && off + count <= (double)n)) return "model table out of range";
  if (off != floor(off) || count != floor(count)) return "model table offsets must be whole";
  *t = m + (size_t)off;
  *len = (size_t)count;
  return NULL;
}

const char *get_model(const double *m, size_t n, model_t *md) {
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

void get_subject(const model_t *md, const double *s, const int32_t *sc, subject_t *u) {
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
