/* The native matching sweep (ADR 0178), shared declarations: the layout of the model, subject
 * and subject codes passed from src/features/matching/matching.sweep.native.ts, the arrays of the
 * other side, and the functions of model.c (layout checks), pairs.c (the bound of one pair, the
 * scalar loop) and capped.c (the vectorised first pass). sweep.c is the N-API entry. */
#ifndef MATCHING_SWEEP_H
#define MATCHING_SWEEP_H
#include <math.h>
#include <stddef.h>
#include <stdint.h>

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

/* The subject's values and flags, and the per-subject sex table (0 where the other's sex is
 * unknown), computed once per call. */
typedef struct {
  const model_t *md;
  const double *s;
  const int32_t *sc;
  double sex_tab[6];
  int has_sex, has_dates, has_age, has_stat, has_place, has_code, has_marks, has_effects, has_impl;
} subject_t;

/* A whole number in [0, max] from a model slot. */
static inline int whole(double v, double max, size_t *out) {
  if (!(v >= 0 && v <= max) || v != floor(v)) return 0;
  *out = (size_t)v;
  return 1;
}

/* JavaScript's Math.max / Math.min of two numbers (NaN wins). */
static inline double jmax(double a, double b) { return a != a || b != b ? NAN : a > b ? a : b; }
static inline double jmin(double a, double b) { return a != a || b != b ? NAN : a < b ? a : b; }

static inline double min3(double a, double b, double c) {
  double m = a < b ? a : b;
  return m < c ? m : c;
}

/* The model's tables and offsets, checked (model.c); NULL, or why the model is not one. */
const char *get_model(const double *m, size_t n, model_t *md);
/* The subject's flags and sex table (model.c). */
void get_subject(const model_t *md, const double *s, const int32_t *sc, subject_t *u);
/* The bound of one pair with the scalar code, in the JS sweep's order (pairs.c). */
double pair_bound_at(const subject_t *u, const other_t *o, size_t j, double gate);
/* The scalar sweep over [from, to) or list[from..to) with a gate (pairs.c); the largest bound. */
double sweep_pairs(const subject_t *u, const other_t *o, const int32_t *list, double *out,
                   size_t from, size_t to, double gate_floor, double margin);
/* The vectorised first pass over [from, to), every age term capped (capped.c); the largest bound. */
double capped_sweep(const subject_t *u, const other_t *o, double *out, size_t from, size_t to);
#endif
