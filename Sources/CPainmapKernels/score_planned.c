// Scoring a held-out document of the alpha search from its plan (see `pm_planned_document`).
//
// Why: the alpha search scores each fold's held-out sample under ten weight sets of the same fold model
// (five alphas, two variants) that share one layout. `pm_score_document` worked out again for each set
// which features count, their records, their weights and where each sparse row spreads to, and the
// search's calls were ~340M of training's 3,473M instructions (callgrind, banking77 defaults; now 95M
// here and 25M planning, once per fold). Here only what differs
// per weight set is done: the sparse cells' values copied to their planned lanes, the dense rows' places,
// g(f), and the sum of the rows.
// Results must not change: the rows are the same, in the same order, with the same factors, summed by
// the same `pm_accumulate_rows`; contraction into FMA is off.
#include "PainmapScoring.h"
#include <string.h>
#include "PainmapKernels.h"

#pragma STDC FP_CONTRACT OFF

double pm_score_planned(const pm_scoring_model *m, const pm_planned_document *d, float *spread, const float **rowOf, float *acc) {
    const pm_weight_cell *restrict cells = m->cells;
    const long lanes = 8 * m->blocks;
    // Each sparse row's cells to their class lanes of the row's slot (distinct lanes: the order does not
    // matter). Planned as (first cell, count) per row rather than a (cell, lane) pair per cell: the plans of
    // the three folds' samples held ~12 MB less (page faults were a large part of training, perf).
    for (long s = 0; s < d->sparseRows; s++) {
        float *slot = spread + s * lanes;
        const pm_weight_cell *row = cells + d->sparseFirst[s];
        for (uint32_t k = 0; k < d->sparseCount[s]; k++) slot[row[k].cls] = row[k].delta;
    }
    for (long r = 0; r < d->rows; r++) {
        const int32_t s = d->rowStart[r];
        rowOf[r] = s >= 0 ? m->dense + s : spread + (long)~s * lanes;
    }
    double g = 0;
    if (m->hasBase) {
        const pm_feature_record *restrict records = m->records;
        for (long i = 0; i < d->used; i++) g += d->weight[i] * (double)records[d->feature[i]].base;
    }
    memset(acc, 0, sizeof(float) * (size_t)lanes);
    if (!pm_accumulate_rows(acc, rowOf, d->factor, d->rows, m->blocks)) {
        // Without AVX2: the same per-lane arithmetic.
        for (long r = 0; r < d->rows; r++)
            for (long l = 0; l < lanes; l++) acc[l] += d->factor[r] * rowOf[r][l];
    }
    return g;
}

void pm_clear_planned(const pm_weight_cell *cells, long lanes, const pm_planned_document *d, float *spread) {
    for (long s = 0; s < d->sparseRows; s++) {
        float *slot = spread + s * lanes;
        const pm_weight_cell *row = cells + d->sparseFirst[s];
        for (uint32_t k = 0; k < d->sparseCount[s]; k++) slot[row[k].cls] = 0;
    }
}

void pm_plan_document(const pm_feature_record *records, long lanes,
                      const uint32_t *ids, const double *x, long n,
                      int32_t *rowStart, float *factor, uint32_t *sparseFirst, uint32_t *sparseCount,
                      uint32_t *feature, double *weight, long out[3], double *total) {
    long rows = 0, used = 0, sparse = 0;
    double sum = 0;
    for (long i = 0; i < n; i++) {
        if (x[i] == 0) continue;
        const pm_feature_record r = records[ids[i]];
        const double xf = x[i] * (double)r.scale;
        feature[used] = ids[i];
        weight[used] = xf;
        used += 1;
        sum += xf;
        if (r.info & PM_RECORD_DENSE) {
            rowStart[rows] = (int32_t)((long)r.first * lanes);
        } else {
            const long count = r.info & PM_RECORD_COUNT_MASK;
            if (count == 0) continue;   // no cells: adds nothing
            sparseFirst[sparse] = r.first;
            sparseCount[sparse] = (uint32_t)count;
            rowStart[rows] = ~(int32_t)sparse;
            sparse += 1;
        }
        factor[rows] = (float)xf;
        rows += 1;
    }
    out[0] = rows; out[1] = sparse; out[2] = used;
    *total = sum;
}
