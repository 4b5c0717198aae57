// The features that pushed a scored document most towards its label (`painmap predict`'s "features").
//
// Why C: this ran for every predicted document over all of its ~200 features, and the Swift loop (optional
// runner-up, closures for the ordering, a row looked up through the scoring buffer) was 9% of `painmap
// predict` (perf, banking77 default model). The arithmetic is the Swift loop's, term for term, in double
// precision with contraction into FMA off, so the weights are the same bits.
#include "PainmapScoring.h"
#include <float.h>

#pragma STDC FP_CONTRACT OFF

/// a before b: larger weight first, then smaller feature id.
static inline int pm_before(double wa, uint32_t fa, double wb, uint32_t fb) {
    return wa > wb || (wa == wb && fa < fb);
}

long pm_explain_document(const pm_scoring_model *m, const pm_score_workspace *work, const uint32_t *ids, const double *x, long n,
                         long label, long versus, double sL, double kL, double sV, double kV, double t,
                         long top, uint32_t *outFeature, double *outWeight) {
    if (top <= 0) return 0;
    const long lanes = 8 * m->blocks;
    long count = 0;
    // What a weight must reach to be considered: the least positive double until the list is full, then
    // its smallest weight (one test per feature that nearly always fails).
    double floor = DBL_TRUE_MIN;
    for (long i = 0; i < n; i++) {
        if (x[i] == 0) continue;
        const uint32_t f = ids[i];
        const pm_feature_record *r = m->records + f;
        // d(f, label) and d(f, versus) from the row scoring added (0 without one): two loads, where
        // scanning a sparse row's cells for the two classes was a quarter more instructions (callgrind).
        float dL = 0, dV = 0;
        const int32_t k = work->featureRow[i];
        if (k != PM_NO_ROW) {
            const float *row = k >= 0 ? m->dense + (long)k * lanes : work->spread + (long)(-(long)k - 1) * lanes;
            dL = row[label];
            if (versus >= 0) dV = row[versus];
        }
        const double base = (double)r->base;
        double diff = sL * (base + kL + (double)dL);
        if (versus >= 0) diff -= sV * (base + kV + (double)dV);
        const double weight = x[i] * (double)r->scale * t * diff;
        if (!(weight >= floor)) continue;
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
