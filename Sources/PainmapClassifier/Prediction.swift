import CPainmapKernels
import Foundation

/// A label and its probability.
public struct LabelProbability: Sendable, Hashable {
    public var label: Int
    public var probability: Double
}

/// What the model says about one document.
public struct Prediction: Sendable {
    /// The most probable class (index into `NaiveBayesModel.classes`).
    public var label: Int
    public var probability: Double
    /// The best `top` classes, most probable first.
    public var ranking: [LabelProbability]
    /// False when the document had no feature the model knows: the label then comes from the priors alone.
    public var hasEvidence: Bool
}

/// How much one feature of a document moved the decision.
public struct FeatureContribution: Sendable, Hashable {
    public var feature: UInt32
    /// In log-odds (calibrated score) units: positive favours the predicted class over the runner-up.
    public var weight: Double
}

/// Per-thread scratch memory for scoring, so prediction does not allocate per document.
public struct ScoringBuffer {
    var scores: [Double] = []
    /// The C kernels' memory, replaced by a larger one when a document needs more (`workspace(features:lanes:)`).
    private(set) var work = ScoringWorkspace(features: 0, lanes: 0)
    /// The rows of `work.spread` the last document wrote (rows 0..<spreadRows), set back to zero before the
    /// next one (after `explain` has read them).
    var spreadRows = 0
    /// The last scored document's weights before IDF, per feature (what `explain` reads).
    var x: UnsafeMutablePointer<Double> { work.x }
    /// The last predicted document's ranking (`predict` reuses its storage).
    var ranking: [LabelProbability] = []
    /// The last explained document's features (`predict(_:top:explain:buffer:)` reuses its storage).
    var contributions: [FeatureContribution] = []
    public init() {}

    /// The workspace, ready for a document of `features` features under a model of `lanes` class lanes: the
    /// previous document's spread rows zeroed, or a new workspace (all zero) when this one is too small, is for
    /// another model, or is shared with a copy of this buffer (`DiscriminativeFrequency` fills its slots with
    /// copies of one buffer).
    mutating func workspace(features: Int, lanes: Int) -> ScoringWorkspace {
        if isKnownUniquelyReferenced(&work), work.features >= features, work.lanes == lanes {
            // Only the rows the last document spread (~20 of a banking77 document's ~130 features), whole, in
            // vector stores (`pm_clear_spread_rows`); zeroing every spread row cost more than the scoring.
            pm_clear_spread_rows(work.spread, spreadRows, lanes)
        } else {
            // Doubling, so that a buffer grown document by document settles after a few documents.
            work = ScoringWorkspace(features: max(features, 2 * work.features, 64), lanes: lanes)
        }
        spreadRows = 0
        return work
    }
}

/// What `pm_score_document` and `pm_explain_document` read and write for one document: room for `features`
/// features under a model of `lanes` class lanes. Fixed size and all zero
/// when made; its pointers go to C as they are (as Swift arrays, each needed a `withUnsafe…BufferPointer` closure
/// of its own: `scoreInto` nested twelve).
final class ScoringWorkspace {
    let features: Int, lanes: Int
    /// The document's weights before IDF, per feature.
    let x: UnsafeMutablePointer<Double>
    /// The class accumulators (sums of x_f idf_f d(f,c)), one lane per class.
    let accumulators: UnsafeMutablePointer<Float>
    /// The rows of class weights to add for the current document and each one's factor (see `scoreInto`).
    let rows: UnsafeMutablePointer<UnsafePointer<Float>?>
    let factors: UnsafeMutablePointer<Float>
    /// Room to spread sparse rows out to all classes, one per sparse feature of the document; all zero
    /// between documents.
    let spread: UnsafeMutablePointer<Float>
    /// Per feature of the last document scored, for `explain`: the row of class weights scoring added, the
    /// feature's weight x_f idf_f, and g(f).
    let featureRow: UnsafeMutablePointer<UnsafePointer<Float>?>
    let featureWeight: UnsafeMutablePointer<Double>
    let featureBase: UnsafeMutablePointer<Float>
    /// A row of zeros for every class: the row of a feature without class weights.
    let zeroRow: UnsafeMutablePointer<Float>

    init(features: Int, lanes: Int) {
        (self.features, self.lanes) = (features, lanes)
        func zeros<T>(_ n: Int, _ zero: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(n, 1))
            p.initialize(repeating: zero, count: max(n, 1))
            return p
        }
        x = zeros(features, 0); accumulators = zeros(lanes, 0)
        rows = zeros(features, nil); factors = zeros(features, 0)
        spread = zeros(features * lanes, 0)
        featureRow = zeros(features, nil); featureWeight = zeros(features, 0); featureBase = zeros(features, 0)
        zeroRow = zeros(lanes, 0)
    }

    deinit {
        x.deallocate(); accumulators.deallocate(); rows.deallocate(); factors.deallocate(); spread.deallocate()
        featureRow.deallocate(); featureWeight.deallocate(); featureBase.deallocate()
        zeroRow.deallocate()
    }

    /// The kernels' view of this memory.
    func view(spreadRows: Int) -> pm_score_workspace {
        pm_score_workspace(rows: rows, factors: factors, spread: spread, spreadRows: spreadRows,
                           zeroRow: zeroRow, featureRow: featureRow, featureWeight: featureWeight, featureBase: featureBase)
    }
}

extension NaiveBayesModel {
    /// Raw class scores of `v` (before temperature): see `NaiveBayesWeights` for the formula.
    public func scores(_ v: SparseVector, buffer: inout ScoringBuffer) -> [Double] {
        scoreInto(ids: v.ids[...], counts: v.values[...], buffer: &buffer)
        return buffer.scores
    }

    /// Returns the number of features that counted; leaves the scores in `buffer.scores`.
    /// The hot loop of prediction: `pm_score_document` (score_document.c) weighs the document and adds
    /// each counted feature's class weights times its weight to the class accumulators: a dense row as a
    /// vector, a sparse row cell by cell. Each class receives its terms in feature order, each a
    /// single-precision product added in single precision, so the scores are bit for bit those of adding
    /// cell by cell.
    @discardableResult
    func scoreInto(ids: ArraySlice<UInt32>, counts: ArraySlice<Float>, buffer: inout ScoringBuffer,
                   weights given: NaiveBayesWeights? = nil) -> Int {
        // Not `let w = given ?? weights`: that copy of the struct retained and released each of its arrays
        // per document.
        ids.withUnsafeBufferPointer { ids in
        counts.withUnsafeBufferPointer { counts in
            if let given { return withUnsafePointer(to: given) { scoreInto(ids: ids, counts: counts, buffer: &buffer, w: $0) } }
            return withWeightsInPlace { scoreInto(ids: ids, counts: counts, buffer: &buffer, w: $0) }
        } }
    }

    /// The model's weights where they are stored, each array read through the pointer: reading the
    /// property (even into a `borrowing` parameter, or `pointee` whole) copied the struct, a retain and a release of each of its ten arrays, twice per predicted
    /// document (callgrind: `NaiveBayesWeights` copy and destroy, 1.5% of `predict`). Only for reading,
    /// while nothing recomputes the weights (prediction never does).
    @inline(__always)
    func withWeightsInPlace<R>(_ body: (UnsafePointer<NaiveBayesWeights>) -> R) -> R {
        withUnsafeMutablePointer(to: &weights) { body(UnsafePointer($0)) }
    }

    @inline(__always)
    private func scoreInto(ids: UnsafeBufferPointer<UInt32>, counts: UnsafeBufferPointer<Float>, buffer: inout ScoringBuffer,
                           w: UnsafePointer<NaiveBayesWeights>) -> Int {
        let C = labels.count, lanes = 8 * w.pointee.classBlocks
        if buffer.scores.count != C { buffer.scores = [Double](repeating: 0, count: C) }
        let work = buffer.workspace(features: ids.count, lanes: lanes)
        var sums = pm_score_sums(), spreadRows = 0
        NaiveBayesModel.withScoringModel(w) { m in
            var view = work.view(spreadRows: 0)
            sums = pm_score_document(m, ids.baseAddress, counts.baseAddress, ids.count, 0, work.x, work.accumulators, &view)
            spreadRows = view.spreadRows
        }
        buffer.spreadRows = spreadRows
        // prior(c) + s(c) (g + k(c) total + acc(c)) per class, in C (`pm_class_scores`): the Swift loop,
        // its three arrays read through the weights each class, was ~12 instructions a class (callgrind).
        let g = sums.g, total = sums.total
        buffer.scores.withUnsafeMutableBufferPointer { scores in
        w.pointee.prior.withUnsafeBufferPointer { prior in
        w.pointee.classScale.withUnsafeBufferPointer { scale in
        w.pointee.classConstant.withUnsafeBufferPointer { constant in
            precondition(prior.count >= C && scale.count >= C && constant.count >= C)
            pm_class_scores(prior.baseAddress, scale.baseAddress, constant.baseAddress, work.accumulators, g, total, C,
                            scores.baseAddress)
        } } } }
        return sums.used
    }

    /// `body` with the C kernels' view of the weights `w` (borrowed for the call). Not generic, results
    /// through captured variables: a generic closure returning a tuple looked up type metadata at run
    /// time per call (callgrind: ~1,000 instructions a document).
    @inline(__always)
    static func withScoringModel(_ w: UnsafePointer<NaiveBayesWeights>, _ body: (UnsafePointer<pm_scoring_model>) -> Void) {
        precondition(FeatureRecord.matchesKernelLayout && WeightCell.matchesKernelLayout)
        w.pointee.records.withUnsafeBufferPointer { records in
        w.pointee.cells.withUnsafeBufferPointer { cells in
        w.pointee.dense.withUnsafeBufferPointer { dense in
        w.pointee.transform.termWeight.withUnsafeBufferPointer { termWeight in
        FeatureTransform.sublinearTable.withUnsafeBufferPointer { table in
            let t = w.pointee.transform
            var m = pm_scoring_model(
                records: UnsafeRawPointer(records.baseAddress).map { $0.assumingMemoryBound(to: pm_feature_record.self) },
                featureCount: records.count,
                cells: UnsafeRawPointer(cells.baseAddress).map { $0.assumingMemoryBound(to: pm_weight_cell.self) },
                dense: UnsafeRawPointer(dense.baseAddress).map { $0.assumingMemoryBound(to: Float.self) },
                blocks: w.pointee.classBlocks, hasBase: w.pointee.base.isEmpty ? 0 : 1,
                sublinear: t.sublinear ? 1 : 0, lengthNormalization: t.lengthNormalization ? 1 : 0,
                characterWeight: t.characterWeight, sublinearTable: table.baseAddress, sublinearTableCount: table.count,
                termWeight: termWeight.isEmpty ? nil : termWeight.baseAddress)
            withUnsafePointer(to: &m) { body($0) }
        } } } } }
    }

    /// The most probable classes of `v` with probabilities normalized by log-sum-exp.
    public func predict(_ v: SparseVector, top: Int = 1, buffer: inout ScoringBuffer) -> Prediction {
        v.ids.withUnsafeBufferPointer { ids in
        v.values.withUnsafeBufferPointer { counts in predict(ids: ids, counts: counts, top: top, buffer: &buffer) } }
    }

    /// `predict(_:top:buffer:)` of the vector with distinct ids `ids` and counts `counts`.
    func predict(ids: UnsafeBufferPointer<UInt32>, counts: UnsafeBufferPointer<Float>, top: Int, buffer: inout ScoringBuffer) -> Prediction {
        let used = withWeightsInPlace { scoreInto(ids: ids, counts: counts, buffer: &buffer, w: $0) }
        NaiveBayesModel.softmaxInPlace(&buffer.scores, temperature: scoringTemperature)
        let k = max(1, min(top, buffer.scores.count))
        // Partial selection: k is small, classes may be many. In C (`pm_top_classes`, class_scores.c, which
        // passes over four classes at a time), into stack memory, then one array: the Swift loop, its test
        // against the last entry read back from memory for each class, and its copy out were 18.8M
        // instructions for 20,000 banking77 documents (77 classes), 14.5M now (callgrind); appending to and
        // swapping in the array had paid a uniqueness and bounds check per class before that.
        // Into the previous document's ranking array, unique again once the caller has let go of it (as
        // `contributions` in `predict(_:top:explain:buffer:)`: one allocation less per document).
        var ranking: [LabelProbability] = []
        swap(&ranking, &buffer.ranking)
        ranking.removeAll(keepingCapacity: true)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: k) { labels in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: k) { probabilities in
            let n = buffer.scores.withUnsafeBufferPointer { probs in
                pm_top_classes(probs.baseAddress, probs.count, k, labels.baseAddress, probabilities.baseAddress)
            }
            for i in 0..<n { ranking.append(LabelProbability(label: labels[i], probability: probabilities[i])) }
        } }
        buffer.ranking = ranking
        return Prediction(label: ranking[0].label, probability: ranking[0].probability, ranking: ranking, hasEvidence: used > 0)
    }

    public func predict(_ v: SparseVector, top: Int = 1) -> Prediction {
        var b = ScoringBuffer()
        return predict(v, top: top, buffer: &b)
    }

    /// softmax(T s) in place through `pm_softmax` (class_scores.c): runs once per predicted document, and
    /// the Swift loop was ~23 instructions a class besides exp (callgrind, 77 classes). The same
    /// operations in the same order as `softmax`.
    static func softmaxInPlace(_ s: inout [Double], temperature t: Double) {
        s.withUnsafeMutableBufferPointer { pm_softmax($0.baseAddress, $0.count, t) }
    }

    /// softmax(scores)[c] without making the whole distribution (the same arithmetic as `softmax`).
    static func probability(of c: Int, _ scores: [Double]) -> Double {
        var m = -Double.infinity
        for s in scores where s > m { m = s }
        guard m.isFinite else { return 1 / Double(max(scores.count, 1)) }
        var z = 0.0
        for s in scores { z += exp(s - m) }
        return exp(scores[c] - m) / z
    }

    /// exp(T s_c - logsumexp(T s)): subtracting the maximum keeps exp from overflowing.
    public static func softmax(_ scores: [Double], temperature t: Double = 1) -> [Double] {
        var m = -Double.infinity
        for s in scores where s * t > m { m = s * t }
        guard m.isFinite else { return scores.map { _ in 1 / Double(max(scores.count, 1)) } }
        var out = scores.map { exp($0 * t - m) }
        let z = out.reduce(0, +)
        for i in out.indices { out[i] /= z }
        return out
    }

    /// The weight of feature `f` for class `c` (before temperature), w(f,c) in `NaiveBayesWeights`.
    public func weight(feature f: UInt32, class c: Int) -> Double {
        weight(feature: Int(f), class: c, weights)
    }

    @inline(__always)
    func weight(feature f: Int, class c: Int, _ w: NaiveBayesWeights) -> Double {
        guard f < w.transform.featureScale.count, w.transform.featureScale[f] != 0 else { return 0 }
        var d = 0.0
        if f < w.denseRow.count, w.denseRow[f] >= 0 {
            d = Double(w.dense[Int(w.denseRow[f]) * w.classBlocks + c / 8][c % 8])
        } else if f < table.featureCount {
            // Classes ascend within a row: binary search.
            var lo = table.start[f], hi = table.start[f + 1]
            while lo < hi {
                let mid = (lo + hi) / 2
                let m = Int(table.classes[mid])
                if m == c { d = Double(w.cells[mid].delta); break }
                if m < c { lo = mid + 1 } else { hi = mid }
            }
        }
        let g = w.base.isEmpty ? 0 : Double(w.base[f])
        return w.classScale[c] * (g + w.classConstant[c] + d)
    }

    /// The features of `v` that pushed it most towards `label` rather than `versus` (the runner-up; nil
    /// for a one-class model): x_f T (w(f,label) - w(f,versus)), largest first, positive ones only.
    public func explain(_ v: SparseVector, label: Int, versus: Int?, top: Int = 5) -> [FeatureContribution] {
        var buffer = ScoringBuffer()
        scoreInto(ids: v.ids[...], counts: v.values[...], buffer: &buffer)
        return explain(ids: v.ids[...], scored: buffer, label: label, versus: versus, top: top)
    }

    /// `predict` and `explain` in one: the explanation reuses the document's weights from scoring.
    public func predict(_ v: SparseVector, top: Int, explain n: Int, buffer: inout ScoringBuffer) -> (Prediction, [FeatureContribution]) {
        v.ids.withUnsafeBufferPointer { ids in
        v.values.withUnsafeBufferPointer { counts in predict(ids: ids, counts: counts, top: top, explain: n, buffer: &buffer) } }
    }

    /// The same for the vector with distinct ids `ids` and counts `counts` (`Vectorizer.withKnownCounts`).
    public func predict(ids: UnsafeBufferPointer<UInt32>, counts: UnsafeBufferPointer<Float>, top: Int, explain n: Int,
                        buffer: inout ScoringBuffer) -> (Prediction, [FeatureContribution]) {
        let p = predict(ids: ids, counts: counts, top: max(top, 2), buffer: &buffer)
        guard n > 0, p.hasEvidence else { return (p, []) }
        let versus = p.ranking.count > 1 ? p.ranking[1].label : nil
        // Into the previous document's array, unique again once the caller has let go of it (a new array
        // per document was an allocation of ~550 instructions, callgrind); if the caller still holds it,
        // emptying it makes a new one and that document's list stays as it was.
        var out: [FeatureContribution] = []
        swap(&out, &buffer.contributions)
        out.removeAll(keepingCapacity: true)
        withWeightsInPlace { explain(ids: ids, scored: buffer, label: p.label, versus: versus, top: n, w: $0, into: &out) }
        buffer.contributions = out
        return (p, out)
    }

    /// `scored`: the buffer that scored `ids` last with this model's weights: it holds the document's
    /// weights before IDF (`x`).
    func explain(ids: ArraySlice<UInt32>, scored buffer: ScoringBuffer, label: Int, versus: Int?, top: Int) -> [FeatureContribution] {
        guard top > 0 else { return [] }
        var out: [FeatureContribution] = []
        ids.withUnsafeBufferPointer { ids in
            withWeightsInPlace { explain(ids: ids, scored: buffer, label: label, versus: versus, top: top, w: $0, into: &out) }
        }
        return out
    }

    /// Through `pm_explain_document` (see explain_document.c): the same arithmetic and ordering as the
    /// Swift loop it replaced.
    @inline(__always)
    private func explain(ids: UnsafeBufferPointer<UInt32>, scored buffer: ScoringBuffer, label: Int, versus: Int?, top: Int,
                         w: UnsafePointer<NaiveBayesWeights>, into out: inout [FeatureContribution]) {
        let sL = w.pointee.classScale[label], kL = w.pointee.classConstant[label]
        let sV = versus.map { w.pointee.classScale[$0] } ?? 0, kV = versus.map { w.pointee.classConstant[$0] } ?? 0
        let t = scoringTemperature
        let room = min(top, ids.count)
        guard room > 0 else { return }
        // The kernel's output in temporary (stack) memory: two arrays per document were two allocations.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: room) { fo in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: room) { wo in
            var found = 0
            // Read only: the kernel takes the workspace as const.
            var view = buffer.work.view(spreadRows: buffer.spreadRows)
            found = pm_explain_document(&view, ids.baseAddress, buffer.x, ids.count, label, versus ?? -1,
                                        sL, kL, sV, kV, t, room, fo.baseAddress, wo.baseAddress)
            out.reserveCapacity(found)
            for k in 0..<found { out.append(FeatureContribution(feature: fo[k], weight: wo[k])) }
        } }
    }
}
