// The per-class tail of prediction: the class scores from the accumulators, and their softmax.
//
// Why C: `painmap predict` ran both once per document over every class in Swift loops (~12 and ~23
// instructions a class besides exp). Callgrind, 20,000 banking77 documents of 77 classes: the softmax
// 35.0M -> 19.4M instructions (the exps' 73M unchanged), scoreInto 30.7M -> 19.3M + 4.5M here.
// Here the element-wise parts are AVX2 vectors: a vector multiply, add or divide rounds each lane as the
// scalar operation does, the operations are the Swift loops' in their order (no FMA: contraction off
// and no "fma" target), and the sum of the exps is still added one class at a time in class order, so
// every probability is the same bits.
#include "PainmapScoring.h"
#include <math.h>

#pragma STDC FP_CONTRACT OFF

/// scores[c] = prior[c] + scale[c] * (g + total * constant[c] + (double)acc[c]).
static inline __attribute__((always_inline))
double pm_class_score(const double *prior, const double *scale, const double *constant, const float *acc,
                      double g, double total, long c) {
    return prior[c] + scale[c] * (g + total * constant[c] + (double)acc[c]);
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

__attribute__((target("avx2")))
static void pm_class_scores_avx2(const double *prior, const double *scale, const double *constant, const float *acc,
                                 double g, double total, long classes, double *scores) {
    const __m256d vg = _mm256_set1_pd(g), vt = _mm256_set1_pd(total);
    long c = 0;
    for (; c + 4 <= classes; c += 4) {
        const __m256d inner = _mm256_add_pd(_mm256_add_pd(vg, _mm256_mul_pd(vt, _mm256_loadu_pd(constant + c))),
                                            _mm256_cvtps_pd(_mm_loadu_ps(acc + c)));
        _mm256_storeu_pd(scores + c, _mm256_add_pd(_mm256_loadu_pd(prior + c), _mm256_mul_pd(_mm256_loadu_pd(scale + c), inner)));
    }
    for (; c < classes; c++) scores[c] = pm_class_score(prior, scale, constant, acc, g, total, c);
}

/// The largest s[c] * t with the scalar loop's rule (a strictly greater product replaces it; NaN never
/// does), and the products in `p`. `_mm256_max_pd(p, m)` gives m where p is NaN; among equal values,
/// only +0 and -0 can differ, and exp(x - m) is then the same (exp(+0) = exp(-0) = 1, and m is the
/// maximum only when x is too).
__attribute__((target("avx2")))
static double pm_scaled_max_avx2(const double *s, long n, double t, double *p) {
    const __m256d vt = _mm256_set1_pd(t);
    __m256d m4 = _mm256_set1_pd(-INFINITY);
    long i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m256d v = _mm256_mul_pd(_mm256_loadu_pd(s + i), vt);
        _mm256_storeu_pd(p + i, v);
        m4 = _mm256_max_pd(v, m4);
    }
    double lanes[4];
    _mm256_storeu_pd(lanes, m4);
    double m = -INFINITY;
    for (int k = 0; k < 4; k++) if (lanes[k] > m) m = lanes[k];
    for (; i < n; i++) { p[i] = s[i] * t; if (p[i] > m) m = p[i]; }
    return m;
}

__attribute__((target("avx2")))
static void pm_subtract_avx2(double *s, long n, double m) {
    const __m256d vm = _mm256_set1_pd(m);
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(s + i, _mm256_sub_pd(_mm256_loadu_pd(s + i), vm));
    for (; i < n; i++) s[i] = s[i] - m;
}

__attribute__((target("avx2")))
static void pm_divide_avx2(double *s, long n, double z) {
    const __m256d vz = _mm256_set1_pd(z);
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(s + i, _mm256_div_pd(_mm256_loadu_pd(s + i), vz));
    for (; i < n; i++) s[i] /= z;
}

static int pm_has_avx2(void) {
    static int support = -1;   // benign race: every thread computes the same answer
    if (support < 0) support = __builtin_cpu_supports("avx2") ? 1 : 0;
    return support;
}
#else
static int pm_has_avx2(void) { return 0; }
#endif

void pm_class_scores(const double *prior, const double *scale, const double *constant, const float *acc,
                     double g, double total, long classes, double *scores) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (pm_has_avx2()) { pm_class_scores_avx2(prior, scale, constant, acc, g, total, classes, scores); return; }
#endif
    for (long c = 0; c < classes; c++) scores[c] = pm_class_score(prior, scale, constant, acc, g, total, c);
}

void pm_softmax(double *s, long n, double t) {
    if (n <= 0) return;
    double m = -INFINITY;
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    const int wide = pm_has_avx2();
#else
    const int wide = 0;
#endif
    // The products s * t are computed once, as the scalar loops computed each twice (the same bits).
    if (wide) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
        m = pm_scaled_max_avx2(s, n, t, s);
#endif
    } else {
        for (long i = 0; i < n; i++) { s[i] = s[i] * t; if (s[i] > m) m = s[i]; }
    }
    if (!isfinite(m)) {
        for (long i = 0; i < n; i++) s[i] = 1 / (double)n;
        return;
    }
    // The differences, the exps and their sum in three passes (each the same operations on the same
    // values in the same order as one loop): across the call to exp, the one loop kept z and m on the
    // stack (every vector register is the caller's to save). Callgrind, 20,000 banking77 documents of 77
    // classes: this function 19.4M -> 16.7M instructions (the exps' unchanged).
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (wide) pm_subtract_avx2(s, n, m);
    else
#endif
    for (long i = 0; i < n; i++) s[i] = s[i] - m;
    for (long i = 0; i < n; i++) s[i] = exp(s[i]);
    double z = 0;
    for (long i = 0; i < n; i++) z += s[i];
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (wide) { pm_divide_avx2(s, n, z); return; }
#endif
    for (long i = 0; i < n; i++) s[i] /= z;
}

/// Class c (probability v) into the list of `*count` entries (room for k), behind every entry at least as
/// probable (a strictly more probable one moves up); when the list is full it replaces the last entry, which
/// the caller has checked v to be more probable than. Returns the new last entry's probability once the list is
/// full (the floor a class must exceed), else `floor` as given.
static inline __attribute__((always_inline))
double pm_rank_insert(long c, double v, long k, long *count, long *label, double *prob, double floor) {
    long j = *count < k ? (*count)++ : k - 1;
    label[j] = c; prob[j] = v;
    while (j > 0 && prob[j] > prob[j - 1]) {
        const long l = label[j]; label[j] = label[j - 1]; label[j - 1] = l;
        const double q = prob[j]; prob[j] = prob[j - 1]; prob[j - 1] = q;
        j--;
    }
    return *count == k ? prob[k - 1] : floor;
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
/// Once the list is full, four classes at a time: a group none of whose classes is more probable than the
/// floor is passed by with one compare (a class enters about 8 times in 77 on banking77); the others are
/// offered one by one in class order, each tested against the floor as it then stands. Skipping by the
/// floor at the group's start is exact: the floor never goes down (an entry replaces the last one only when
/// more probable than it, and the entry it moves past was not less probable than it), so a class at most
/// that floor is at most every later one. Why: the scalar loop below was ~9 instructions a class (callgrind,
/// 20,000 banking77 documents: 17.0M instructions, 10.7M this way).
__attribute__((target("avx2")))
static long pm_top_classes_avx2(const double *p, long n, long k, long *label, double *prob) {
    long count = 0, c = 0;
    double floor = 0;
    for (; c < n && count < k; c++) floor = pm_rank_insert(c, p[c], k, &count, label, prob, floor);
    for (; c + 4 <= n; c += 4) {
        int more = _mm256_movemask_pd(_mm256_cmp_pd(_mm256_loadu_pd(p + c), _mm256_set1_pd(floor), _CMP_GT_OQ));
        while (more) {
            const int lane = __builtin_ctz(more);
            more &= more - 1;
            if (p[c + lane] > floor) floor = pm_rank_insert(c + lane, p[c + lane], k, &count, label, prob, floor);
        }
    }
    for (; c < n; c++) if (p[c] > floor) floor = pm_rank_insert(c, p[c], k, &count, label, prob, floor);
    return count;
}
#endif

long pm_top_classes(const double *p, long n, long k, long *label, double *prob) {
    if (k <= 0) return 0;
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (pm_has_avx2()) return pm_top_classes_avx2(p, n, k, label, prob);
#endif
    long count = 0;
    double floor = 0;
    for (long c = 0; c < n; c++) {
        // Until the list is full every class enters; then only one more probable than the last entry (NaN
        // never is).
        if (count == k && !(p[c] > floor)) continue;
        floor = pm_rank_insert(c, p[c], k, &count, label, prob, floor);
    }
    return count;
}
