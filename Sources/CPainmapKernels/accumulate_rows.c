// The scoring kernel of naive Bayes prediction: a weighted sum of a document's weight rows.
//
// Why C: Swift has no way to compile one function for AVX2 and choose it at run time, and the Swift loop
// (SSE, accumulators in memory) was the largest share of `painmap predict`'s instructions (about 100
// instructions per dense row of 77 classes: two halves of each 8-lane block loaded, multiplied, added and
// stored back). Here the accumulators of up to 12 blocks (96 classes) stay in AVX registers while the
// rows stream through, two instructions per block and row.
//
// Results must not change: every lane does exactly mul then add in single precision, row by row in the
// caller's order. Contraction into FMA is switched off below, and the AVX2 function is compiled without
// the "fma" feature, so the compiler has no fused instruction to use.
#include "PainmapKernels.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

/// Blocks of 8 lanes kept in registers in one pass over the rows: 12 accumulators, the broadcast factor
/// and a product fit the 16 YMM registers.
#define PM_MAX_CHUNK 12

/// One pass over the rows for lanes [8 * first, 8 * (first + n)); n is a constant after inlining, so the
/// accumulators are registers.
static inline __attribute__((always_inline, target("avx2")))
void pm_pass(float *acc, const float *const *rows, const float *xs, long count, long first, const int n) {
    __m256 a[PM_MAX_CHUNK];
    for (int j = 0; j < n; j++) a[j] = _mm256_loadu_ps(acc + 8 * (first + j));
    for (long r = 0; r < count; r++) {
        const __m256 x = _mm256_broadcast_ss(xs + r);
        const float *row = rows[r] + 8 * first;
        for (int j = 0; j < n; j++) a[j] = _mm256_add_ps(a[j], _mm256_mul_ps(x, _mm256_loadu_ps(row + 8 * j)));
    }
    for (int j = 0; j < n; j++) _mm256_storeu_ps(acc + 8 * (first + j), a[j]);
}

__attribute__((target("avx2")))
static void pm_accumulate_avx2(float *acc, const float *const *rows, const float *xs, long count, long blocks) {
    for (long first = 0; first < blocks; first += PM_MAX_CHUNK) {
        long n = blocks - first < PM_MAX_CHUNK ? blocks - first : PM_MAX_CHUNK;
        switch (n) {
        case 1: pm_pass(acc, rows, xs, count, first, 1); break;
        case 2: pm_pass(acc, rows, xs, count, first, 2); break;
        case 3: pm_pass(acc, rows, xs, count, first, 3); break;
        case 4: pm_pass(acc, rows, xs, count, first, 4); break;
        case 5: pm_pass(acc, rows, xs, count, first, 5); break;
        case 6: pm_pass(acc, rows, xs, count, first, 6); break;
        case 7: pm_pass(acc, rows, xs, count, first, 7); break;
        case 8: pm_pass(acc, rows, xs, count, first, 8); break;
        case 9: pm_pass(acc, rows, xs, count, first, 9); break;
        case 10: pm_pass(acc, rows, xs, count, first, 10); break;
        case 11: pm_pass(acc, rows, xs, count, first, 11); break;
        default: pm_pass(acc, rows, xs, count, first, 12); break;
        }
    }
}

int pm_accumulate_rows(float *acc, const float *const *rows, const float *xs, long count, long blocks) {
    static int support = -1;   // benign race: every thread computes the same answer
    if (support < 0) support = __builtin_cpu_supports("avx2") ? 1 : 0;
    if (!support) return 0;
    pm_accumulate_avx2(acc, rows, xs, count, blocks);
    return 1;
}

#else

int pm_accumulate_rows(float *acc, const float *const *rows, const float *xs, long count, long blocks) {
    (void)acc; (void)rows; (void)xs; (void)count; (void)blocks;
    return 0;
}

#endif
