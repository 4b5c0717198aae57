// The features that pushed a scored document most towards its label (`painmap predict`'s "features").
//
// Why C: this ran for every predicted document over all of its features (132 on average on banking77),
// and the Swift loop (optional runner-up, closures for the ordering, a row looked up through the scoring
// buffer) was 9% of `painmap predict` (perf, banking77 default model). The arithmetic is the Swift loop's,
// term for term, in double precision with contraction into FMA off, so the weights are the same bits.
#include "PainmapScoring.h"
#include <float.h>

#pragma STDC FP_CONTRACT OFF

/// a before b: larger weight first, then smaller feature id.
static inline int pm_before(double wa, uint32_t fa, double wb, uint32_t fb) {
    return wa > wb || (wa == wb && fa < fb);
}

/// Offers feature i's weight to the sorted list (room for `top`, `*count` filled, `*floor` the weight a
/// candidate must reach): the insertion of the scalar loop, shared by both versions.
static inline __attribute__((always_inline))
void pm_offer(double weight, uint32_t f, long top, long *count, double *floor, uint32_t *outFeature, double *outWeight) {
    if (!(weight >= *floor)) return;
    // Insertion into the sorted list: after every entry that comes before it.
    long j;
    if (*count < top) {
        j = (*count)++;
    } else {
        if (!pm_before(weight, f, outWeight[top - 1], outFeature[top - 1])) return;
        j = top - 1;
    }
    while (j > 0 && pm_before(weight, f, outWeight[j - 1], outFeature[j - 1])) {
        outWeight[j] = outWeight[j - 1]; outFeature[j] = outFeature[j - 1]; j--;
    }
    outWeight[j] = weight; outFeature[j] = f;
    if (*count == top) *floor = outWeight[top - 1];
}

/// One feature's weight, as the scalar loop computes it (0 when it did not count: it never reaches the
/// floor, which is positive).
static inline __attribute__((always_inline))
void pm_explain_one(const pm_score_workspace *work, const uint32_t *ids, const double *x, long i,
                    long label, long versus, double sL, double kL, double sV, double kV, double t,
                    long top, long *count, double *floor, uint32_t *outFeature, double *outWeight) {
    if (x[i] == 0) return;
    const float *row = work->featureRow[i];
    const double base = (double)work->featureBase[i];
    double diff = sL * (base + kL + (double)row[label]);
    if (versus >= 0) diff -= sV * (base + kV + (double)row[versus]);
    const double weight = work->featureWeight[i] * t * diff;
    pm_offer(weight, ids[i], top, count, floor, outFeature, outWeight);
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

/// Four features at a time: their rows' label and runner-up cells gathered, the weights computed lane by
/// lane with the scalar loop's double-precision operations in its order (a vector add or multiply rounds
/// each lane as the scalar one does; no FMA: compiled without that feature), and only the lanes that
/// reach the floor offered, in feature order, each tested again against the floor as it then stands.
/// Why: the scalar loop was ~34 instructions a feature, 7.8% of `painmap predict`'s instructions
/// (callgrind, banking77 default model, 132 features a document).
__attribute__((target("avx2")))
static long pm_explain_avx2(const pm_score_workspace *work, const uint32_t *ids, const double *x, long n,
                            long label, long versus, double sL, double kL, double sV, double kV, double t,
                            long top, uint32_t *outFeature, double *outWeight) {
    long count = 0;
    double floor = DBL_TRUE_MIN;
    const float *const *featureRow = work->featureRow;
    const __m256d vsL = _mm256_set1_pd(sL), vkL = _mm256_set1_pd(kL), vsV = _mm256_set1_pd(sV),
                  vkV = _mm256_set1_pd(kV), vt = _mm256_set1_pd(t), zero = _mm256_setzero_pd();
    const __m256i offL = _mm256_set1_epi64x(label * (long)sizeof(float));
    const __m256i offV = _mm256_set1_epi64x((versus >= 0 ? versus : 0) * (long)sizeof(float));
    long i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m256i rows = _mm256_loadu_si256((const __m256i *)(featureRow + i));
        const __m256d base = _mm256_cvtps_pd(_mm_loadu_ps(work->featureBase + i));
        const __m256d rowL = _mm256_cvtps_pd(_mm256_i64gather_ps((const float *)0, _mm256_add_epi64(rows, offL), 1));
        __m256d diff = _mm256_mul_pd(vsL, _mm256_add_pd(_mm256_add_pd(base, vkL), rowL));
        if (versus >= 0) {
            const __m256d rowV = _mm256_cvtps_pd(_mm256_i64gather_ps((const float *)0, _mm256_add_epi64(rows, offV), 1));
            diff = _mm256_sub_pd(diff, _mm256_mul_pd(vsV, _mm256_add_pd(_mm256_add_pd(base, vkV), rowV)));
        }
        const __m256d weight = _mm256_mul_pd(_mm256_mul_pd(_mm256_loadu_pd(work->featureWeight + i), vt), diff);
        // Lanes that counted (x != 0) and reach the floor (false for NaN, as the scalar test).
        const __m256d counted = _mm256_cmp_pd(_mm256_loadu_pd(x + i), zero, _CMP_NEQ_UQ);
        const __m256d reach = _mm256_cmp_pd(weight, _mm256_set1_pd(floor), _CMP_GE_OQ);
        int lanes = _mm256_movemask_pd(_mm256_and_pd(counted, reach));
        if (!lanes) continue;
        double w[4];
        _mm256_storeu_pd(w, weight);
        while (lanes) {
            const int k = __builtin_ctz(lanes);
            lanes &= lanes - 1;
            pm_offer(w[k], ids[i + k], top, &count, &floor, outFeature, outWeight);
        }
    }
    for (; i < n; i++)
        pm_explain_one(work, ids, x, i, label, versus, sL, kL, sV, kV, t, top, &count, &floor, outFeature, outWeight);
    return count;
}
#endif

long pm_explain_document(const pm_score_workspace *work, const uint32_t *ids, const double *x, long n,
                         long label, long versus, double sL, double kL, double sV, double kV, double t,
                         long top, uint32_t *outFeature, double *outWeight) {
    if (top <= 0) return 0;
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    static int support = -1;   // benign race: every thread computes the same answer
    if (support < 0) support = __builtin_cpu_supports("avx2") ? 1 : 0;
    if (support) return pm_explain_avx2(work, ids, x, n, label, versus, sL, kL, sV, kV, t, top, outFeature, outWeight);
#endif
    long count = 0;
    // What a weight must reach to be considered: the least positive double until the list is full, then
    // its smallest weight (one test per feature that nearly always fails).
    double floor = DBL_TRUE_MIN;
    // Per feature, only what scoring left in the workspace, read in order: the row it added (d(f, label)
    // and d(f, versus) are two loads, 0 from the zero row), x_f idf_f (the same product scoring took)
    // and g(f). Looking each feature's record and row up again was 1.7 times the instructions (callgrind).
    for (long i = 0; i < n; i++)
        pm_explain_one(work, ids, x, i, label, versus, sL, kL, sV, kV, t, top, &count, &floor, outFeature, outWeight);
    return count;
}
