// Counting a predicted document's model feature ids: the distinct ids in first-seen order and how often
// each occurs (`FeatureExtractor.countDistinctReusing`).
//
// Why C: the Swift loop spent half of its time (perf annotate, banking77 default model, 5.9% of `painmap
// predict`) waiting for `position[id]`, a table with an entry per model feature read at random ids. Here
// the entry of the id PM_COUNT_PREFETCH_AHEAD places on is prefetched (Swift has no prefetch).
#include "PainmapKernels.h"

/// How many ids ahead `position` is prefetched (a document has ~200 ids with repeats).
#define PM_COUNT_PREFETCH_AHEAD 8

long pm_count_distinct(const uint32_t *ids, long n, uint32_t *out, float *counts, int32_t *position) {
    long distinct = 0;
    for (long i = 0; i < n; i++) {
        if (i + PM_COUNT_PREFETCH_AHEAD < n) __builtin_prefetch(position + ids[i + PM_COUNT_PREFETCH_AHEAD], 1);
        const uint32_t id = ids[i];
        const int32_t p = position[id];
        if (p == 0) {
            out[distinct] = id;
            counts[distinct] = 1;
            distinct += 1;
            position[id] = (int32_t)distinct;
        } else {
            counts[p - 1] += 1;
        }
    }
    for (long k = 0; k < distinct; k++) position[out[k]] = 0;
    return distinct;
}
