/* C reference kernel for the PPRL benchmark: Dice on 1,024-bit filters with __builtin_popcountll,
 * the same block algorithm as the WebAssembly kernel (every pair of A × B, threshold test on
 * 2000·|A∧B| ≥ thr·(|A| + |B|)). Compiled by bench:pprl with gcc -O3 -march=native and run on the
 * same kind of random filters. Prints: comparisons, passed, CPU seconds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t state = 88172645463325252ULL;
static uint64_t next(void) { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state; }

int main(int argc, char **argv) {
  int na = argc > 1 ? atoi(argv[1]) : 2000, nb = argc > 2 ? atoi(argv[2]) : 2000;
  int reps = argc > 3 ? atoi(argv[3]) : 5;
  uint32_t thr = 800;
  uint64_t *a = aligned_alloc(64, (size_t)na * 128), *b = aligned_alloc(64, (size_t)nb * 128);
  uint32_t *pca = malloc(na * 4), *pcb = malloc(nb * 4);
  for (int i = 0; i < na * 16; i++) a[i] = next() & next();
  for (int i = 0; i < nb * 16; i++) b[i] = next() & next();
  for (int i = 0; i < na; i++) { uint32_t c = 0; for (int w = 0; w < 16; w++) c += __builtin_popcountll(a[i * 16 + w]); pca[i] = c; }
  for (int i = 0; i < nb; i++) { uint32_t c = 0; for (int w = 0; w < 16; w++) c += __builtin_popcountll(b[i * 16 + w]); pcb[i] = c; }
  uint64_t passed = 0;
  struct timespec t0, t1;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
  for (int r = 0; r < reps; r++) {
    for (int i = 0; i < na; i++) {
      const uint64_t *x = a + (size_t)i * 16;
      uint32_t ca = pca[i];
      for (int j = 0; j < nb; j++) {
        const uint64_t *y = b + (size_t)j * 16;
        uint32_t inter = 0;
        for (int w = 0; w < 16; w++) inter += __builtin_popcountll(x[w] & y[w]);
        if (2000u * inter >= thr * (ca + pcb[j])) passed++;
      }
    }
  }
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
  double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  printf("%llu %llu %.6f\n", (unsigned long long)na * nb * reps, (unsigned long long)passed, s);
  return 0;
}
