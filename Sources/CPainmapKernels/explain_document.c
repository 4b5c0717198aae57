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

long pm_explain_document(const pm_score_workspace *work, const uint32_t *ids, const double *x, long n,
                         long label, long versus, double sL, double kL, double sV, double kV, double t,
                         long top, uint32_t *outFeature, double *outWeight) {
    if (top <= 0) return 0;
    long count = 0;
    // What a weight must reach to be considered: the least positive double until the list is full, then
    // its smallest weight (one test per feature that nearly always fails).
    double floor = DBL_TRUE_MIN;
    const float *const *featureRow = work->featureRow;
    const double *featureWeight = work->featureWeight;
    const float *featureBase = work->featureBase;
    // Per feature, only what scoring left in the workspace, read in order: the row it added (d(f, label)
    // and d(f, versus) are two loads, 0 from the zero row), x_f idf_f (the same product scoring took)
    // and g(f). Looking each feature's record and row up again was 1.7 times the instructions (callgrind).
    for (long i = 0; i < n; i++) {
        if (x[i] == 0) continue;
        const float *row = featureRow[i];
        const double base = (double)featureBase[i];
        double diff = sL * (base + kL + (double)row[label]);
        if (versus >= 0) diff -= sV * (base + kV + (double)row[versus]);
        const double weight = featureWeight[i] * t * diff;
        if (!(weight >= floor)) continue;
        const uint32_t f = ids[i];
        // Insertion into the sorted list: after every entry that comes before it.
        long j;
        if (count < top) {
            j = count++;
        } else {
            if (!pm_before(weight, f, outWeight[top - 1], outFeature[top - 1])) continue;
            j = top - 1;
        }
        while (j > 0 && pm_before(weight, f, outWeight[j - 1], outFeature[j - 1])) {
            outWeight[j] = outWeight[j - 1]; outFeature[j] = outFeature[j - 1]; j--;
        }
        outWeight[j] = weight; outFeature[j] = f;
        if (count == top) floor = outWeight[top - 1];
    }
    return count;
}
