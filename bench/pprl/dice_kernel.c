/* C reference kernel for the PPRL benchmark: the same work as the WebAssembly block kernel of
 * src/features/linkage/linkage.wasm.ts, on the same filters. It reads the two sets the benchmark
 * wrote (u32 na, u32 nb, then na and nb filters of 128 bytes), computes each filter's popcount
 * before the clock starts (the wasm side gets them from pack()), then runs the same loop: one
 * query of A after another against the block of all B, |A∧B| with __builtin_popcountll over the
 * 16 u64 words (eight B filters at a time, which gcc vectorises), the integer test 2000·|A∧B| ≥ thr·(|A| + |B|), writing (i, j, |A∧B|) of each
 * pass while fewer than maxOut are written. The benchmark compiles it with gcc -O3 -march=native
 * (and, for comparison, with the vectoriser off and with AVX-512 off).
 * Usage: dice_kernel FILE REPS THR. Prints: comparisons passed CPU-seconds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_OUT 65536
/* The threshold test and the write of a pass. */
#define HIT(I, J, INTER)                                                                  \
  do {                                                                                    \
    if (2000u * (INTER) >= thr * (ca + pcb[(J)])) {                                       \
      if (count < MAX_OUT) { out[count * 3] = (I); out[count * 3 + 1] = (J); out[count * 3 + 2] = (INTER); } \
      count++;                                                                            \
    }                                                                                     \
  } while (0)

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: dice_kernel FILE REPS THR\n"); return 2; }
  FILE *f = fopen(argv[1], "rb");
  uint32_t n[2];
  if (!f || fread(n, 4, 2, f) != 2) { fprintf(stderr, "cannot read %s\n", argv[1]); return 2; }
  uint32_t na = n[0], nb = n[1];
  int reps = atoi(argv[2]);
  uint32_t thr = (uint32_t)atoi(argv[3]);
  uint64_t *a = aligned_alloc(64, (size_t)na * 128), *b = aligned_alloc(64, (size_t)nb * 128);
  if (fread(a, 128, na, f) != na || fread(b, 128, nb, f) != nb) { fprintf(stderr, "short file\n"); return 2; }
  fclose(f);
  uint32_t *pca = malloc((size_t)na * 4), *pcb = malloc((size_t)nb * 4);
  uint32_t *out = malloc(MAX_OUT * 12);
  for (uint32_t i = 0; i < na; i++) { uint32_t c = 0; for (int w = 0; w < 16; w++) c += __builtin_popcountll(a[i * 16 + w]); pca[i] = c; }
  for (uint32_t j = 0; j < nb; j++) { uint32_t c = 0; for (int w = 0; w < 16; w++) c += __builtin_popcountll(b[j * 16 + w]); pcb[j] = c; }
  uint32_t count = 0;
  struct timespec t0, t1;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
  for (int r = 0; r < reps; r++) {
    count = 0;
    for (uint32_t i = 0; i < na; i++) {
      const uint64_t *x = a + (size_t)i * 16;
      uint32_t ca = pca[i];
      uint32_t j = 0;
      /* Eight B filters at a time: their eight intersections first, word by word (gcc vectorises
       * this across the eight: with AVX-512 VPOPCNTDQ one 512-bit popcount per word), then the
       * test; the odd end one at a time. Of the forms tried this is gcc's fastest (ADR 0132). */
      for (; j + 8 <= nb; j += 8) {
        const uint64_t *y = b + (size_t)j * 16;
        uint32_t inter[8] = {0};
        for (int w = 0; w < 16; w++)
          for (int k = 0; k < 8; k++) inter[k] += __builtin_popcountll(x[w] & y[k * 16 + w]);
        for (int k = 0; k < 8; k++) HIT(i, j + k, inter[k]);
      }
      for (; j < nb; j++) {
        const uint64_t *y = b + (size_t)j * 16;
        uint32_t c = 0;
        for (int w = 0; w < 16; w++) c += __builtin_popcountll(x[w] & y[w]);
        HIT(i, j, c);
      }
    }
  }
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
  double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  /* The hits are used, so the compiler cannot drop the writes. */
  uint64_t check = 0;
  for (uint32_t k = 0; k < (count < MAX_OUT ? count : MAX_OUT) * 3; k++) check += out[k];
  printf("%llu %u %.6f %llu\n", (unsigned long long)na * nb * reps, count, s, (unsigned long long)check);
  return 0;
}
