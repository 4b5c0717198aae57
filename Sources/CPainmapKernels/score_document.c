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

/// The row of counted feature i (record fields `first` and `info`, weight x_f idf_f `xf`) onto the list of
/// rows to add: a dense row where it is, a sparse row spread into a zeroed row of its own. A macro shared
/// by both versions of the body (`continue` goes on to the next feature).
#define PM_ADD_ROW(i, first, info, xf) do { \
        if (((info) & PM_RECORD_DENSE) && dense) { \
            rowOf[rows] = dense + (long)(first) * lanes; \
            featureRow[i] = rowOf[rows]; \
        } else { \
            const long count_ = (info) & PM_RECORD_COUNT_MASK; \
            if (count_ == 0) break;   /* no cells (or not in the count table): adds nothing */ \
            const pm_weight_cell *cell_ = cells + (first); \
            float *row_ = spread + sparse * lanes; \
            for (long k_ = 0; k_ < count_; k_++) { \
                row_[cell_[k_].cls] = cell_[k_].delta; \
            } \
            rowOf[rows] = row_; \
            featureRow[i] = row_; \
            sparse += 1; \
        } \
        factor[rows] = (float)(xf); \
        rows += 1; \
    } while (0)

/// The model's and the workspace's fields as restrict locals, for both bodies: stores through the
/// workspace's pointers otherwise made the compiler reload the model's fields on every feature (they might
/// alias).
#define PM_SCORE_LOCALS(m, work) \
    const pm_feature_record *restrict records = (m)->records; \
    const pm_weight_cell *restrict cells = (m)->cells; \
    const float *restrict dense = (m)->dense; \
    const long F = (m)->featureCount, lanes = 8 * (m)->blocks; \
    const float **restrict rowOf = (work)->rows; \
    float *restrict factor = (work)->factors; \
    float *restrict spread = (work)->spread; \
    const float *zeroRow = (work)->zeroRow; \
    const float **restrict featureRow = (work)->featureRow; \
    double *restrict featureWeight = (work)->featureWeight; \
    float *restrict featureBase = (work)->featureBase

/// One feature of the gather pass, in both bodies (the AVX2 body's scalar groups and tail): its weight x_f
/// after length normalization, the sums across features, and its row. `continue` goes on to the next
/// feature, so it is used only as a loop's whole body.
#define PM_GATHER_FEATURE(i) \
        featureRow[i] = zeroRow; \
        featureWeight[i] = 0; \
        if (x[i] == 0) continue; \
        const pm_feature_record r = records[ids[i]]; \
        const double tf = x[i] * ((r.info & PM_RECORD_CHARACTER) ? characterFactor : wordFactor); \
        x[i] = tf; \
        if (tf == 0) continue; \
        const double xf = tf * (double)r.scale; \
        featureWeight[i] = xf; \
        featureBase[i] = r.base; \
        used += 1; \
        total += xf; \
        if (hasBase) g += xf * (double)r.base; \
        PM_ADD_ROW(i, r.first, r.info, xf)

/// The end of both bodies: the gathered rows added into the class accumulators (the AVX2 kernel, or
/// without AVX2 the same per-lane arithmetic), and the sums returned.
#define PM_ADD_ROWS_AND_RETURN() do { \
        memset(acc, 0, sizeof(float) * (size_t)lanes); \
        if (!pm_accumulate_rows(acc, rowOf, factor, rows, m->blocks)) { \
            for (long r_ = 0; r_ < rows; r_++) \
                for (long l_ = 0; l_ < lanes; l_++) acc[l_] += factor[r_] * rowOf[r_][l_]; \
        } \
        work->spreadRows = sparse; \
        pm_score_sums sums_ = {total, g, used}; \
        return sums_; \
    } while (0)

/// Calls `body` with the model's three per-feature switches (sublinear TF, term weights, g(f)) as constants:
/// one compiled copy of the body per combination (see `pm_score_document`).
#define PM_DISPATCH(body) do { \
        const int sublinear = m->sublinear != 0, useTermWeight = m->termWeight != NULL, hasBase = m->hasBase != 0; \
        switch (sublinear << 2 | useTermWeight << 1 | hasBase) { \
        case 0: return body(m, ids, counts, n, weighed, x, acc, work, 0, 0, 0); \
        case 1: return body(m, ids, counts, n, weighed, x, acc, work, 0, 0, 1); \
        case 2: return body(m, ids, counts, n, weighed, x, acc, work, 0, 1, 0); \
        case 3: return body(m, ids, counts, n, weighed, x, acc, work, 0, 1, 1); \
        case 4: return body(m, ids, counts, n, weighed, x, acc, work, 1, 0, 0); \
        case 5: return body(m, ids, counts, n, weighed, x, acc, work, 1, 0, 1); \
        case 6: return body(m, ids, counts, n, weighed, x, acc, work, 1, 1, 0); \
        default: return body(m, ids, counts, n, weighed, x, acc, work, 1, 1, 1); \
        } \
    } while (0)

static inline __attribute__((always_inline))
pm_score_sums pm_score_body(const pm_scoring_model *m, const uint32_t *restrict ids, const float *restrict counts, long n,
                            int weighed, double *restrict x, float *acc, pm_score_workspace *work,
                            const int sublinear, const int useTermWeight, const int hasBase) {
    PM_SCORE_LOCALS(m, work);
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
    long used = 0, rows = 0, sparse = 0;   // (`sparse` from 0: the caller zeroed the last document's spread rows)
    for (long i = 0; i < n; i++) { PM_GATHER_FEATURE(i); }
    PM_ADD_ROWS_AND_RETURN();
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

/// The records of features ids[0..<4] (each below the feature count), one field per vector lane: four
/// 16-byte loads and a transpose.
static inline __attribute__((always_inline, target("avx2")))
void pm_records4(const pm_feature_record *records, const uint32_t *ids,
                 __m128 *scale, __m128 *base, __m128i *first, __m128i *info) {
    __m128 r0 = _mm_loadu_ps((const float *)(records + ids[0])), r1 = _mm_loadu_ps((const float *)(records + ids[1]));
    __m128 r2 = _mm_loadu_ps((const float *)(records + ids[2])), r3 = _mm_loadu_ps((const float *)(records + ids[3]));
    _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
    *scale = r0; *base = r1; *first = _mm_castps_si128(r2); *info = _mm_castps_si128(r3);
}

/// Whether ids[0..<4] are all at most `last` (unsigned).
static inline __attribute__((always_inline, target("avx2")))
int pm_all_known4(const uint32_t *ids, __m128i last) {
    const __m128i v = _mm_loadu_si128((const __m128i *)ids);
    return _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(_mm_max_epu32(v, last), last))) == 0xF;
}

/// `pm_score_body` with both per-feature passes four features at a time: the records loaded and
/// transposed, every double-precision operation of the scalar passes done lane by lane in the same
/// order (a vector multiply or add rounds each lane as the scalar one does; no FMA), and the sums that run
/// across features (the squared weights per block, sum x_f, sum x_f g(f)) still added one feature at a
/// time in feature order, so every result is bit for bit the scalar body's. A group with an id beyond the
/// records, the sublinear logarithm (counts off the table) and the rows to add stay scalar.
/// Why: the two scalar passes were ~65 instructions a feature, a quarter of `painmap predict`'s
/// instructions (callgrind, banking77 default model, 130 counted features a document); this version took
/// pm_score_document from 279.1M to 216.8M instructions on 20,000 banking77 documents (~46 a feature
/// left, half of them the sparse rows and the per-lane sums).
static inline __attribute__((always_inline, target("avx2")))
pm_score_sums pm_score_body_avx2(const pm_scoring_model *m, const uint32_t *restrict ids, const float *restrict counts, long n,
                                 int weighed, double *restrict x, float *acc, pm_score_workspace *work,
                                 const int sublinear, const int useTermWeight, const int hasBase) {
    PM_SCORE_LOCALS(m, work);
    // With no records every id is unknown: the groups all go the scalar way.
    const __m128i lastID = _mm_set1_epi32(F > 0 ? (int)(uint32_t)(F - 1) : 0);
    const int anyRecords = F > 0 && F <= 0xFFFFFFFFL;
    const __m128i characterBit = _mm_set1_epi32((int)PM_RECORD_CHARACTER);
    const __m256d zero = _mm256_setzero_pd();
    double wordFactor = 1, characterFactor = 1;
    if (!weighed) {
        const double *restrict table = m->sublinearTable;
        const double tableCount = (double)m->sublinearTableCount;
        const float *restrict termWeight = m->termWeight;
        const __m256d one = _mm256_set1_pd(1), tableEnd = _mm256_set1_pd(tableCount);
        double words = 0, chars = 0;
        long i = 0;
        for (; i + 4 <= n; i += 4) {
            if (i + PM_PREFETCH_AHEAD + 4 <= n) {
                __builtin_prefetch(records + ids[i + PM_PREFETCH_AHEAD]); __builtin_prefetch(records + ids[i + PM_PREFETCH_AHEAD + 1]);
                __builtin_prefetch(records + ids[i + PM_PREFETCH_AHEAD + 2]); __builtin_prefetch(records + ids[i + PM_PREFETCH_AHEAD + 3]);
            }
            if (!anyRecords || !pm_all_known4(ids + i, lastID)) {
                for (long k = i; k < i + 4; k++) { PM_WEIGH_FEATURE(k); }
                continue;
            }
            __m128 scale4, base4; __m128i first4, info4;
            pm_records4(records, ids + i, &scale4, &base4, &first4, &info4);
            const __m256d s = _mm256_cvtps_pd(scale4);
            // s != 0 (NaN counts, as `s == 0` is false for it).
            const __m256d active = _mm256_cmp_pd(s, zero, _CMP_NEQ_UQ);
            const int activeLanes = _mm256_movemask_pd(active);
            if (!activeLanes) { _mm256_storeu_pd(x + i, zero); continue; }
            const __m128 c4 = _mm_loadu_ps(counts + i);
            const __m256d c = _mm256_cvtps_pd(c4);
            __m256d tf = c;
            // Four counts of 1 (most groups: a banking77 document repeats ~16 of its ~150 n-grams) have
            // tf = c whatever the rest of the test says: it is skipped. With the per-block sums below,
            // pm_score_document 216.8M -> 205.5M instructions on 20,000 banking77 documents (callgrind).
            const int allOnes = _mm_movemask_ps(_mm_cmpeq_ps(c4, _mm_set1_ps(1))) == 0xF;
            if (sublinear && !allOnes) {
                const __m256d isOne = _mm256_cmp_pd(c, one, _CMP_EQ_OQ);
                const __m256d inTable = _mm256_and_pd(_mm256_and_pd(_mm256_cmp_pd(c, one, _CMP_GT_OQ), _mm256_cmp_pd(c, tableEnd, _CMP_LT_OQ)),
                                                      _mm256_cmp_pd(_mm256_round_pd(c, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC), c, _CMP_EQ_OQ));
                const __m256d fromTable = _mm256_and_pd(inTable, active);
                if (_mm256_movemask_pd(fromTable))
                    tf = _mm256_mask_i32gather_pd(tf, table, _mm256_cvttpd_epi32(_mm256_and_pd(c, fromTable)), fromTable, 8);
                const int logLanes = activeLanes & ~_mm256_movemask_pd(_mm256_or_pd(isOne, inTable));
                if (logLanes) {
                    double t[4], cs[4];
                    _mm256_storeu_pd(t, tf); _mm256_storeu_pd(cs, c);
                    for (int k = 0; k < 4; k++) if (logLanes >> k & 1) t[k] = 1 + log(cs[k]);
                    tf = _mm256_loadu_pd(t);
                }
            }
            if (useTermWeight) {
                const __m128 activeF = _mm_cmpneq_ps(scale4, _mm_setzero_ps());
                const __m128 w = _mm_mask_i32gather_ps(_mm_setzero_ps(), termWeight, _mm_loadu_si128((const __m128i *)(ids + i)), activeF, 4);
                tf = _mm256_mul_pd(tf, _mm256_cvtps_pd(w));
            }
            _mm256_storeu_pd(x + i, _mm256_blendv_pd(zero, tf, active));
            uint32_t firsts[4];
            _mm_storeu_si128((__m128i *)firsts, first4);
            for (int k = 0; k < 4; k++) __builtin_prefetch(cells + firsts[k]);
            // Each lane's square goes to its block's sum, +0 to the other: adding +0 leaves a sum of
            // squares (never -0) as it is, so both sums take the four lanes in order without a branch.
            // For the same reason a block without a lane in the group is left alone: documents list their
            // word n-grams, then their character n-grams, so nearly every group is all of one block.
            const __m256d tfs = _mm256_mul_pd(tf, s);
            const __m256d sq = _mm256_mul_pd(tfs, tfs);
            const __m128i isCharacter4 = _mm_cmpeq_epi32(_mm_and_si128(info4, characterBit), characterBit);
            const int characterLanes = _mm_movemask_ps(_mm_castsi128_ps(isCharacter4));
            double q[4];
            if (activeLanes == 0xF && characterLanes == 0xF) {
                _mm256_storeu_pd(q, sq);
                chars += q[0]; chars += q[1]; chars += q[2]; chars += q[3];
            } else if (activeLanes == 0xF && characterLanes == 0) {
                _mm256_storeu_pd(q, sq);
                words += q[0]; words += q[1]; words += q[2]; words += q[3];
            } else {
                const __m256d isCharacter = _mm256_castsi256_pd(_mm256_cvtepi32_epi64(isCharacter4));
                double cq[4];
                _mm256_storeu_pd(q, _mm256_and_pd(_mm256_andnot_pd(isCharacter, active), sq));
                _mm256_storeu_pd(cq, _mm256_and_pd(_mm256_and_pd(isCharacter, active), sq));
                words += q[0]; words += q[1]; words += q[2]; words += q[3];
                chars += cq[0]; chars += cq[1]; chars += cq[2]; chars += cq[3];
            }
        }
        for (; i < n; i++) { PM_WEIGH_FEATURE(i); }
        wordFactor = !m->lengthNormalization ? 1 : words > 0 ? 1 / sqrt(words) : 0;
        characterFactor = m->characterWeight * (!m->lengthNormalization ? 1 : chars > 0 ? 1 / sqrt(chars) : 0);
    }
    double total = 0, g = 0;
    long used = 0, rows = 0, sparse = 0;   // (`sparse` from 0: the caller zeroed the last document's spread rows)
    const __m256d wordF = _mm256_set1_pd(wordFactor), characterF = _mm256_set1_pd(characterFactor);
    const __m256i zeroRows = _mm256_set1_epi64x((long long)(intptr_t)zeroRow);
    long i = 0;
    for (; i + 4 <= n; i += 4) {
        _mm256_storeu_si256((__m256i *)(featureRow + i), zeroRows);
        _mm256_storeu_pd(featureWeight + i, zero);
        const __m256d xv = _mm256_loadu_pd(x + i);
        const __m256d nonzero = _mm256_cmp_pd(xv, zero, _CMP_NEQ_UQ);
        if (!_mm256_movemask_pd(nonzero)) continue;
        if (!anyRecords || !pm_all_known4(ids + i, lastID)) {
            // As the scalar pass (its first two stores are done).
            for (long k = i; k < i + 4; k++) {
                if (x[k] == 0) continue;
                const pm_feature_record r = records[ids[k]];
                const double tf = x[k] * ((r.info & PM_RECORD_CHARACTER) ? characterFactor : wordFactor);
                x[k] = tf;
                if (tf == 0) continue;
                const double xf = tf * (double)r.scale;
                featureWeight[k] = xf;
                featureBase[k] = r.base;
                used += 1;
                total += xf;
                if (hasBase) g += xf * (double)r.base;
                PM_ADD_ROW(k, r.first, r.info, xf);
            }
            continue;
        }
        __m128 scale4, base4; __m128i first4, info4;
        pm_records4(records, ids + i, &scale4, &base4, &first4, &info4);
        const __m128i isCharacter = _mm_cmpeq_epi32(_mm_and_si128(info4, characterBit), characterBit);
        const __m256d f = _mm256_blendv_pd(wordF, characterF, _mm256_castsi256_pd(_mm256_cvtepi32_epi64(isCharacter)));
        const __m256d tf = _mm256_mul_pd(xv, f);
        _mm256_storeu_pd(x + i, _mm256_blendv_pd(xv, tf, nonzero));
        const __m256d countedLanes = _mm256_and_pd(nonzero, _mm256_cmp_pd(tf, zero, _CMP_NEQ_UQ));
        const int counted = _mm256_movemask_pd(countedLanes);
        if (!counted) continue;
        const __m256d xfv = _mm256_mul_pd(tf, _mm256_cvtps_pd(scale4));
        double xf[4], gf[4];
        _mm256_storeu_pd(xf, xfv);
        if (hasBase) _mm256_storeu_pd(gf, _mm256_mul_pd(xfv, _mm256_cvtps_pd(base4)));
        // Nearly every group: four counted features with dense rows. Their weights, rows and factors are
        // stored as vectors; the sums still take the lanes one by one in order.
        const int denseLanes = dense ? _mm_movemask_ps(_mm_castsi128_ps(info4)) : 0;   // bit 31: PM_RECORD_DENSE
        if ((counted & denseLanes) == 0xF) {
            _mm256_storeu_pd(featureWeight + i, xfv);
            _mm_storeu_ps(featureBase + i, base4);
            used += 4;
            total += xf[0]; total += xf[1]; total += xf[2]; total += xf[3];
            if (hasBase) { g += gf[0]; g += gf[1]; g += gf[2]; g += gf[3]; }
            const __m256i offset = _mm256_mul_epu32(_mm256_cvtepu32_epi64(first4), _mm256_set1_epi64x(lanes * (long)sizeof(float)));
            const __m256i row = _mm256_add_epi64(_mm256_set1_epi64x((long long)(intptr_t)dense), offset);
            _mm256_storeu_si256((__m256i *)(featureRow + i), row);
            _mm256_storeu_si256((__m256i *)(rowOf + rows), row);
            _mm_storeu_ps(factor + rows, _mm256_cvtpd_ps(xfv));
            rows += 4;
            continue;
        }
        // A group with a sparse row (or a feature that did not count): the weights, g(f), the factors and
        // the dense rows' places as vectors, as above (a lane that did not count gets weight 0, as the
        // scalar pass leaves it, and a g(f) nothing reads: its x is 0); the sums and the rows lane by lane
        // in order. Lane by lane throughout, these groups (a third of banking77's) were ~25 instructions a
        // feature besides the sparse cells (callgrind).
        _mm256_storeu_pd(featureWeight + i, _mm256_and_pd(countedLanes, xfv));
        _mm_storeu_ps(featureBase + i, base4);
        uint32_t firsts[4], infos[4];
        float factors[4];
        const float *denseRows[4];
        _mm_storeu_si128((__m128i *)firsts, first4);
        _mm_storeu_si128((__m128i *)infos, info4);
        _mm_storeu_ps(factors, _mm256_cvtpd_ps(xfv));
        // (Integer arithmetic: with no dense rows the places are never read.)
        _mm256_storeu_si256((__m256i *)denseRows, _mm256_add_epi64(_mm256_set1_epi64x((long long)(intptr_t)dense),
                            _mm256_mul_epu32(_mm256_cvtepu32_epi64(first4), _mm256_set1_epi64x(lanes * (long)sizeof(float)))));
        for (int k = 0; k < 4; k++) {
            if (!(counted >> k & 1)) continue;
            used += 1;
            total += xf[k];
            if (hasBase) g += gf[k];
            if ((infos[k] & PM_RECORD_DENSE) && dense) {
                rowOf[rows] = denseRows[k];
                featureRow[i + k] = denseRows[k];
            } else {
                const long count = infos[k] & PM_RECORD_COUNT_MASK;
                if (count == 0) continue;   // no cells (or not in the count table): adds nothing
                const pm_weight_cell *cell = cells + firsts[k];
                float *row = spread + sparse * lanes;
                for (long c = 0; c < count; c++) row[cell[c].cls] = cell[c].delta;
                rowOf[rows] = row;
                featureRow[i + k] = row;
                sparse += 1;
            }
            factor[rows] = factors[k];
            rows += 1;
        }
    }
    for (; i < n; i++) { PM_GATHER_FEATURE(i); }
    PM_ADD_ROWS_AND_RETURN();
}

__attribute__((target("avx2")))
static pm_score_sums pm_score_document_avx2(const pm_scoring_model *m, const uint32_t *ids, const float *counts, long n,
                                            int weighed, double *x, float *acc, pm_score_workspace *work) {
    PM_DISPATCH(pm_score_body_avx2);
}
#endif

/// One copy of the body per combination of the model's three per-feature switches (sublinear TF, term
/// weights, g(f)), each a constant there: tested per feature they cost registers and reloads in both loops
/// (callgrind, banking77 default model, 5,000 documents: this function 73.6M -> 69.7M instructions).
pm_score_sums pm_score_document(const pm_scoring_model *m, const uint32_t *ids, const float *counts, long n,
                                int weighed, double *x, float *acc, pm_score_workspace *work) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    static int support = -1;   // benign race: every thread computes the same answer
    if (support < 0) support = __builtin_cpu_supports("avx2") ? 1 : 0;
    if (support) return pm_score_document_avx2(m, ids, counts, n, weighed, x, acc, work);
#endif
    PM_DISPATCH(pm_score_body);
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
/// In 8-lane vector stores, which the compiler is told not to make into a call to memset: glibc's memset
/// clears a few KB with a string instruction, which callgrind counts once per byte (~6,000 "instructions" a
/// banking77 document), so the instruction counts this code is compared by would no longer say what it costs.
__attribute__((target("avx2"), no_builtin("memset")))
static void pm_clear_spread_rows_avx2(float *spread, long count) {
    const __m256 zero = _mm256_setzero_ps();
    long i = 0;
    for (; i + 32 <= count; i += 32) {
        _mm256_storeu_ps(spread + i, zero); _mm256_storeu_ps(spread + i + 8, zero);
        _mm256_storeu_ps(spread + i + 16, zero); _mm256_storeu_ps(spread + i + 24, zero);
    }
    for (; i + 8 <= count; i += 8) _mm256_storeu_ps(spread + i, zero);
    for (; i < count; i++) spread[i] = 0;
}
#endif

void pm_clear_spread_rows(float *spread, long rows, long lanes) {
    if (rows <= 0) return;
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    static int support = -1;   // benign race: every thread computes the same answer
    if (support < 0) support = __builtin_cpu_supports("avx2") ? 1 : 0;
    if (support) { pm_clear_spread_rows_avx2(spread, rows * lanes); return; }
#endif
    memset(spread, 0, sizeof(float) * (size_t)(rows * lanes));
}
