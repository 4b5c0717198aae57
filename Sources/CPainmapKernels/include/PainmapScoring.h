#ifndef PAINMAP_SCORING_H
#define PAINMAP_SCORING_H

#include <stdint.h>

/// One feature's record, laid out as Swift's `FeatureRecord` (PainmapClassifier checks the layout once).
typedef struct {
    float scale;      ///< IDF (or 1) when the feature is active, 0 when it is not
    float base;       ///< g(f) (complement part), else 0
    uint32_t first;   ///< a dense row's index, or a sparse row's first cell
    uint32_t info;    ///< bit 31 dense, bit 30 character n-gram, bits 0-29 a sparse row's cell count
} pm_feature_record;

/// One (class, d(f,c)) cell, laid out as Swift's `WeightCell`.
typedef struct {
    int32_t cls;
    float delta;
} pm_weight_cell;

#define PM_RECORD_DENSE (1u << 31)
#define PM_RECORD_CHARACTER (1u << 30)
#define PM_RECORD_COUNT_MASK ((1u << 30) - 1)

/// What scoring reads of a model's weights and feature transform (all borrowed).
typedef struct {
    const pm_feature_record *records;
    long featureCount;                 ///< records in `records`
    const pm_weight_cell *cells;
    const float *dense;                ///< dense rows of 8 * blocks lanes each; NULL when there are none
    long blocks;                       ///< 8-class blocks per dense row and in the accumulators
    int hasBase;                       ///< nonzero when g(f) counts (complement part)
    int sublinear;                     ///< 1 + log(tf)
    int lengthNormalization;           ///< word and character blocks each to unit length
    double characterWeight;
    const double *sublinearTable;      ///< 1 + log(k) for small whole counts k
    long sublinearTableCount;
    const float *termWeight;           ///< per feature, or NULL when every factor is 1
} pm_scoring_model;

/// The sums the class scores are made of, besides the per-class accumulators.
typedef struct {
    double total;   ///< sum_f x_f
    double g;       ///< sum_f x_f g(f)
    long used;      ///< features that counted
} pm_score_sums;

/// Scratch memory for `pm_score_document`, with room for a document of n features: `rows`, `factors`,
/// `featureRow`, `featureWeight` and `featureBase` n each, `spread` n * 8 * blocks floats, all zero on
/// entry.
typedef struct {
    const float **rows;
    float *factors;
    /// Sparse rows spread out to all classes, one per sparse feature: rows 0..<`spreadRows` (set by
    /// `pm_score_document`), left as they are for `pm_explain_document`; the caller zeroes them before the
    /// next document. (A list of the lanes written, zeroed one by one, cost two instructions a cell to keep
    /// and three to zero: ~900 instructions a banking77 document, whose ~20 sparse rows hold ~180 cells,
    /// where zeroing the rows whole is one memset, callgrind.)
    float *spread;
    long spreadRows;
    /// 8 * blocks zeros: the row of a feature without class weights.
    const float *zeroRow;
    /// Per feature of the document, for `pm_explain_document`: the row of class weights scoring added
    /// (`zeroRow` without one), its weight x_f idf_f (0 when it did not count), and g(f).
    const float **featureRow;
    double *featureWeight;
    float *featureBase;
} pm_score_workspace;

/// Scores one document (`n` distinct feature ids and their counts) the way `NaiveBayesModel.scoreInto`
/// specifies: unless `weighed`, writes each feature's weight before IDF to `x` (sublinear TF, length
/// normalization per block; 0 for inactive features), else reads `x` as given. Sets `acc` (8 * blocks
/// floats) to sum_f x_f idf_f d(f, c) per class, each term a single-precision product added in single
/// precision in feature order (never fused), and returns the other sums.
pm_score_sums pm_score_document(const pm_scoring_model *m, const uint32_t *ids, const float *counts, long n,
                                int weighed, double *x, float *acc, pm_score_workspace *work);

/// Sets rows 0..<rows of `spread` (`lanes` floats each, a multiple of 8) back to zero: what the caller does
/// with a workspace's `spreadRows` before the next document.
void pm_clear_spread_rows(float *spread, long rows, long lanes);

/// The class scores of a scored document (`acc`, `g` and `total` from `pm_score_document`):
/// scores[c] = prior[c] + scale[c] * (g + total * constant[c] + (double)acc[c]), as `NaiveBayesModel.scoreInto`
/// specifies, for c in 0..<classes.
void pm_class_scores(const double *prior, const double *scale, const double *constant, const float *acc,
                     double g, double total, long classes, double *scores);

/// Replaces s[0..<n] by softmax(t * s): exp(t s_c - m) / z with m the largest t s_c (1 / n each when m is
/// not finite), z the sum of the exps added in class order: `NaiveBayesModel.softmaxInPlace`'s arithmetic.
void pm_softmax(double *s, long n, double t);

/// The k most probable classes of p[0..<n], most probable first, ties in class order: `label` and `prob`
/// (room for k each) as `NaiveBayesModel.predict`'s partial selection fills its ranking (a class enters
/// behind every entry at least as probable; once k are listed, only a class more probable than the last
/// one enters). Returns how many were written (min(k, n)).
long pm_top_classes(const double *p, long n, long k, long *label, double *prob);

/// The `top` features of a scored document (`x` and `work` as `pm_score_document` left them) that pushed it most
/// towards class `label` rather than `versus` (-1: none): weight = x_f idf_f t (s_L (g + k_L + d(f,L)) -
/// s_V (g + k_V + d(f,V))), positive ones only, largest first, ties by smaller feature id. Writes them to
/// `outFeature` / `outWeight` (room for `top`) and returns how many.
long pm_explain_document(const pm_score_workspace *work, const uint32_t *ids, const double *x, long n,
                         long label, long versus, double sL, double kL, double sV, double kV, double t,
                         long top, uint32_t *outFeature, double *outWeight);

/// One held-out document's scoring plan under a fold model's weight layout: what `pm_score_document`
/// works out before adding rows that is the same for every alpha and variant of that model (which features
/// count, their weights, which rows are dense and where, which spread lanes the sparse cells go to). Made
/// once per fold by `HeldOutPlan` (PainmapClassifier), read by `pm_score_planned` for each weight set.
typedef struct {
    /// Per row added, in the document's feature order: >= 0, the row's first lane in `dense`; < 0, the
    /// sparse row spread to slot ~rowStart of the spread buffer.
    const int32_t *rowStart;
    const float *factor;      ///< per row: (float) x_f idf_f
    long rows;
    /// Per sparse row, in the order of its spread slots: its first cell in the weights' cells and how many
    /// cells it has (a sparse row's cells are contiguous; each goes to its class's lane of the row's slot).
    const uint32_t *sparseFirst;
    const uint32_t *sparseCount;
    long sparseRows;
    const uint32_t *feature;  ///< per counted feature (x_f != 0), in order: its id (for g(f))
    const double *weight;     ///< per counted feature: x_f idf_f
    long used;
} pm_planned_document;

/// `pm_score_document` of a weighed document for weights `m` laid out as the plan's layout: spreads the
/// plan's sparse cells of `m` into `spread` (zero where the plan writes nothing), fills `rowOf` (room for
/// `d->rows`), sets `acc` (8 * blocks floats) as `pm_score_document` does and returns sum_f x_f g(f) (0
/// without g). The same operations in the same order, so the results are bit for bit the same.
double pm_score_planned(const pm_scoring_model *m, const pm_planned_document *d, float *spread, const float **rowOf, float *acc);

/// Sets the lanes the plan's sparse cells write back to zero (`cells`: any weight set of the layout's, which
/// share the cells' classes; `lanes`: 8 * blocks).
void pm_clear_planned(const pm_weight_cell *cells, long lanes, const pm_planned_document *d, float *spread);

/// Plans one weighed document (`n` ids and their weights before IDF `x`, 0 for features that do not count)
/// under a layout's `records`: writes its rows, sparse rows and counted features to the arrays (room for
/// `n` of each), the dense rows' first lanes for `lanes` lanes a row, and returns in `out` the rows, sparse
/// rows and features written and in `total` sum_f x_f idf_f, all in the order `pm_score_document` takes them.
void pm_plan_document(const pm_feature_record *records, long lanes,
                      const uint32_t *ids, const double *x, long n,
                      int32_t *rowStart, float *factor, uint32_t *sparseFirst, uint32_t *sparseCount,
                      uint32_t *feature, double *weight, long out[3], double *total);

#endif
