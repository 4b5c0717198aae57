// Naive Bayes scoring of one document: weighing (TF, length normalization) and the class sums, in one
// function that `painmap predict` calls once per document.
//
// Why C, and why this shape (perf record -e cpu-clock of `painmap predict`, banking77 default model):
//  - The Swift loop that weighed the document and gathered its rows was nearly a quarter of the process
//    (banking77: 132 features a document, 111 of them dense rows and 20 sparse rows of ~9 cells).
//  - The loads of a feature's record and of its first cell were the costliest instructions (cache misses on
//    a model of megabytes): the records are prefetched while weighing, a few features ahead.
//  - Length normalization's second pass over the document is folded into the scoring loop (x * factor is
//    the same product wherever it is taken; a factor of 1 changes nothing).
// Results must not change: per class, the same single-precision products added in the same order;
// contraction into FMA is off, and nothing here is compiled for the "fma" feature.
#include "PainmapScoring.h"
#include <math.h>
#include <string.h>
#include "PainmapKernels.h"

#pragma STDC FP_CONTRACT OFF

/// How many features ahead the records are prefetched while weighing (a guess at the misses one core
/// keeps in flight; prefetching the rows too while gathering cost more than it saved).
#define PM_PREFETCH_AHEAD 12

/// A sparse row's first cell, prefetched while weighing for the gather pass that reads it once the whole
/// document is weighed (that load was a fifth of this function's time, perf). Unconditional: for a dense
/// record it fetches a harmless cell near the start (choosing the dense row instead cost about 9
/// instructions a feature, callgrind; dense rows are the busy ones, mostly in cache).
#define PM_ROW_START(r) ((const void *)(cells + (r).first))

/// One feature of `FeatureTransform.weigh`'s first pass: the same arithmetic in the same order. A macro so
/// that both loops of the pass share it (`break` leaves the do-while: on to the next feature). For a count
/// c in (1, table size), `(double)(long)c == c` is `trunc(c) == c` (a whole number), without the call to
/// `trunc` that the baseline x86-64 target makes of it.
#define PM_WEIGH_FEATURE(i) do { \
        const long f = ids[i]; \
        const double s = f < F ? (double)records[f].scale : 0; \
        if (s == 0) { x[i] = 0; break; } \
        const double c = counts[i]; \
        double tf; \
        if (!sublinear || c == 1) tf = c; \
        else if (c > 1 && c < tableCount && (double)(long)c == c) tf = table[(long)c]; \
        else tf = 1 + log(c); \
        if (useTermWeight) tf *= (double)termWeight[f]; \
        x[i] = tf; \
        __builtin_prefetch(PM_ROW_START(records[f])); \
        if (records[f].info & PM_RECORD_CHARACTER) chars += (tf * s) * (tf * s); else words += (tf * s) * (tf * s); \
    } while (0)

static inline __attribute__((always_inline))
pm_score_sums pm_score_body(const pm_scoring_model *m, const uint32_t *restrict ids, const float *restrict counts, long n,
                            int weighed, double *restrict x, float *acc, pm_score_workspace *work,
                            const int sublinear, const int useTermWeight, const int hasBase) {
    // Everything in locals: stores through the workspace's pointers otherwise made the compiler reload
    // the model's fields on every feature (they might alias).
    const pm_feature_record *restrict records = m->records;
    const pm_weight_cell *restrict cells = m->cells;
    const float *restrict dense = m->dense;
    const long F = m->featureCount, lanes = 8 * m->blocks;
    const float **restrict rowOf = work->rows;
    float *restrict factor = work->factors;
    float *restrict spread = work->spread;
    int32_t *restrict writtenLanes = work->written;
    const float *zeroRow = work->zeroRow;
    const float **restrict featureRow = work->featureRow;
    double *restrict featureWeight = work->featureWeight;
    float *restrict featureBase = work->featureBase;
    double wordFactor = 1, characterFactor = 1;
    if (!weighed) {
        // As `FeatureTransform.weigh`: the same arithmetic in the same order.
        const double *restrict table = m->sublinearTable;
        const double tableCount = (double)m->sublinearTableCount;
        const float *restrict termWeight = m->termWeight;
        double words = 0, chars = 0;
        // The first loop prefetches the record of the feature PM_PREFETCH_AHEAD places on (prefetching
        // never faults, whatever the id), the second finishes the document.
        long i = 0;
        for (; i + PM_PREFETCH_AHEAD < n; i++) {
            __builtin_prefetch(records + ids[i + PM_PREFETCH_AHEAD]);
            PM_WEIGH_FEATURE(i);
        }
        for (; i < n; i++) { PM_WEIGH_FEATURE(i); }
        wordFactor = !m->lengthNormalization ? 1 : words > 0 ? 1 / sqrt(words) : 0;
        characterFactor = m->characterWeight * (!m->lengthNormalization ? 1 : chars > 0 ? 1 / sqrt(chars) : 0);
    }
    // Gather: each counted feature's row of class weights and its factor. A dense row is used where it is;
    // a sparse row (a few cells) is spread into a zeroed row of its own, so that `pm_accumulate_rows`
    // adds every row with the class accumulators held in AVX registers. (Adding sparse cells straight to
    // accumulators in memory, and dense rows to them there too, was 14% more instructions and slower:
    // most counted rows are dense, and a row through memory accumulators is 5 instructions a block
    // instead of 2, callgrind.)
    double total = 0, g = 0;
    long used = 0, rows = 0, sparse = 0, written = 0;   // (`written` from 0: the caller zeroed the last document's lanes)
    for (long i = 0; i < n; i++) {
        featureRow[i] = zeroRow;
        featureWeight[i] = 0;
        if (x[i] == 0) continue;
        const pm_feature_record r = records[ids[i]];
        const double tf = x[i] * ((r.info & PM_RECORD_CHARACTER) ? characterFactor : wordFactor);
        x[i] = tf;
        if (tf == 0) continue;
        const double xf = tf * (double)r.scale;
        featureWeight[i] = xf;
        featureBase[i] = r.base;
        used += 1;
        total += xf;
        if (hasBase) g += xf * (double)r.base;
        if ((r.info & PM_RECORD_DENSE) && dense) {
            rowOf[rows] = dense + (long)r.first * lanes;
            featureRow[i] = rowOf[rows];
        } else {
            const long count = r.info & PM_RECORD_COUNT_MASK;
            if (count == 0) continue;   // no cells (or not in the count table): adds nothing
            const pm_weight_cell *cell = cells + r.first;
            float *row = spread + sparse * lanes;
            for (long k = 0; k < count; k++) {
                row[cell[k].cls] = cell[k].delta;
                writtenLanes[written++] = (int32_t)(sparse * lanes + cell[k].cls);
            }
            rowOf[rows] = row;
            featureRow[i] = row;
            sparse += 1;
        }
        factor[rows] = (float)xf;
        rows += 1;
    }
    memset(acc, 0, sizeof(float) * (size_t)lanes);
    if (!pm_accumulate_rows(acc, rowOf, factor, rows, m->blocks)) {
        // Without AVX2: the same per-lane arithmetic.
        for (long r = 0; r < rows; r++)
            for (long l = 0; l < lanes; l++) acc[l] += factor[r] * rowOf[r][l];
    }
    work->writtenCount = written;
    pm_score_sums sums = {total, g, used};
    return sums;
}

/// One copy of the body per combination of the model's three per-feature switches (sublinear TF, term
/// weights, g(f)), each a constant there: tested per feature they cost registers and reloads in both loops
/// (callgrind, banking77 default model, 5,000 documents: this function 73.6M -> 69.7M instructions).
pm_score_sums pm_score_document(const pm_scoring_model *m, const uint32_t *ids, const float *counts, long n,
                                int weighed, double *x, float *acc, pm_score_workspace *work) {
    const int sublinear = m->sublinear != 0, useTermWeight = m->termWeight != NULL, hasBase = m->hasBase != 0;
    switch (sublinear << 2 | useTermWeight << 1 | hasBase) {
    case 0: return pm_score_body(m, ids, counts, n, weighed, x, acc, work, 0, 0, 0);
    case 1: return pm_score_body(m, ids, counts, n, weighed, x, acc, work, 0, 0, 1);
    case 2: return pm_score_body(m, ids, counts, n, weighed, x, acc, work, 0, 1, 0);
    case 3: return pm_score_body(m, ids, counts, n, weighed, x, acc, work, 0, 1, 1);
    case 4: return pm_score_body(m, ids, counts, n, weighed, x, acc, work, 1, 0, 0);
    case 5: return pm_score_body(m, ids, counts, n, weighed, x, acc, work, 1, 0, 1);
    case 6: return pm_score_body(m, ids, counts, n, weighed, x, acc, work, 1, 1, 0);
    default: return pm_score_body(m, ids, counts, n, weighed, x, acc, work, 1, 1, 1);
    }
}
